"""Helpers for the importer tests: import into a project, and look at what was written."""

from __future__ import annotations

from pathlib import Path

from factcheck.importing import ImportOptions, ImportReport, run_import
from factcheck.importing.sheets import SheetOptions
from factcheck.project import open_project

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "import"


def do_import(
    root: Path,
    *paths: Path,
    dry_run: bool = False,
    source_type: str = "auto",
    columns: dict[str, str] | None = None,
    header: bool = True,
    reviewer: str | None = None,
) -> ImportReport:
    options = ImportOptions(
        source_type=source_type,
        sheet=SheetOptions(columns=columns or {}, header=header, reviewer=reviewer),
    )
    return run_import(root, list(paths), options, dry_run=dry_run)


def content_files(root: Path) -> dict[str, str]:
    """Every file under content/, by path relative to the project."""
    folder = root / "content"
    if not folder.exists():
        return {}
    return {
        p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def snapshot(files: dict[str, str]) -> str:
    """The files as one text, each under a header line, for file_regression."""
    return "".join(f"==> {path} <==\n{text}\n" for path, text in sorted(files.items()))


def assert_checks(root: Path) -> None:
    """The project loads and cross-references with no error (what `factcheck check` says)."""
    project, diags = open_project(root)
    assert project is not None
    assert not diags.errors, diags.format_text()


def messages(report: ImportReport, severity: str = "error") -> list[str]:
    return [d.message for d in report.diags if d.severity == severity]
