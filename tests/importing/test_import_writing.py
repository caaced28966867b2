"""Front matter that reads back as written; never overwriting; all or nothing; the command."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from import_helpers import FIXTURES, assert_checks, content_files, do_import, messages

import factcheck.content_files
import factcheck.importing
import factcheck.importing.writer as writer
import factcheck.project
from factcheck.cli import cli
from factcheck.content_files import render_document
from factcheck.diagnostics import Diagnostics, Position
from factcheck.frontmatter import split

TRANSIT = FIXTURES / "botnews/2026-03-10-harbour-city-transit-budget.txt"
AFP = FIXTURES / "claimreview/afp_raw.json"


@pytest.mark.parametrize(
    "value",
    [
        "false",
        "no",
        "yes",
        "on",
        "off",
        "null",
        "~",
        "True",
        "2026-03-10",
        "12134",
        "1.0",
        "0x1F",
        "2026-03-10 14:05:00",
        ": x",
        "#x",
        "@x",
        "'quoted'",
        '"double"',
        "- dash",
        "a\u00a0b",
        "line one\nline two",
        " leading",
        "trailing ",
        "",
        "錯誤",
        "Reker hat «nie» gesagt.",
    ],
)
def test_front_matter_reads_back_as_the_same_text(value: str) -> None:
    text = render_document(
        {
            "rating": value,
            "date": dt.date(2026, 3, 10),
            "published": dt.datetime(2026, 3, 10, 14, 5),
        }
    )
    diags = Diagnostics()
    content = split(text, "x.md", diags)
    assert content is not None and not len(diags)
    assert content.meta.data == {
        "rating": value,
        "date": dt.date(2026, 3, 10),
        "published": dt.datetime(2026, 3, 10, 14, 5),
    }
    assert "published: 2026-03-10T14:05:00\n" in text


def test_dry_run_writes_nothing(project: Path) -> None:
    report = do_import(project, TRANSIT, AFP, dry_run=True)
    assert not report.failed
    assert [f.status for f in report.files] == ["new"] * 5
    assert not report.written
    assert content_files(project) == {}


def test_an_edited_file_is_never_overwritten(project: Path) -> None:
    do_import(project, AFP)
    claim = project / "content/claims" / "the-us-centers-for-disease-control-and-prevention-lied.md"
    edited = claim.read_text().replace("summary: The US", "summary: Edited: the US")
    claim.write_text(edited, encoding="utf-8")
    report = do_import(project, AFP)
    assert not report.failed and not report.written
    assert claim.read_text() == edited
    [warning] = report.diags.warnings
    assert warning.path == claim.relative_to(project).as_posix()
    assert "not overwritten" in warning.message


def test_a_failed_write_leaves_nothing(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = factcheck.content_files.write_new  # what writer imported as write_new
    calls = []

    def flaky(target: Path, data: bytes) -> bool:
        calls.append(target)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        return real(target, data)

    monkeypatch.setattr(writer, "write_new", flaky)
    report = do_import(project, AFP)
    assert report.failed
    assert "No space left on device" in report.diags.errors[0].message
    assert content_files(project) == {}
    assert not (project / "content").exists()  # the folders it made are gone too


def test_files_that_would_break_check_are_taken_back(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = factcheck.project.open_project  # what factcheck.importing imported
    opened = []

    def second_time_broken(root: Path) -> tuple[object, Diagnostics]:
        project_, diags = real(root)
        opened.append(root)
        if len(opened) == 2:
            diags.error("content/claims/x.md", Position(2, 1), "a problem the import caused")
        return project_, diags

    monkeypatch.setattr(factcheck.importing, "open_project", second_time_broken)
    report = do_import(project, AFP)
    assert report.failed
    assert "a problem the import caused" in messages(report)
    assert content_files(project) == {}


def test_no_temporary_files_are_left(project: Path) -> None:
    do_import(project, TRANSIT, AFP)
    leftovers = [p for p in project.rglob(".import-*")]
    assert leftovers == []
    mode = (project / "content/reviewers/afp-fact-check.md").stat().st_mode & 0o777
    assert mode == 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# -- the command ---------------------------------------------------------------------------------


def _cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_command_dry_run_then_import_then_again(project: Path) -> None:
    code, out, _ = _cli("import", str(TRANSIT), "--dry-run", "--project", str(project))
    assert code == 0
    assert "new" in out and "content/articles/2026-03-10-harbour-city-transit-budget.md" in out
    assert out.strip().endswith("Dry run: would write 1 file (1 article).")
    assert content_files(project) == {}
    code, out, _ = _cli("--project", str(project), "import", str(TRANSIT))
    assert (code, out.strip().splitlines()[-1]) == (0, "wrote 1 file (1 article).")
    code, out, _ = _cli("import", str(TRANSIT), "-p", str(project))
    assert (code, out.strip()) == (0, "1 already there unchanged.")
    assert_checks(project)


def test_command_errors_name_the_file(project: Path) -> None:
    code, _, err = _cli("import", str(FIXTURES / "feeds/truncated.rss"), "-p", str(project))
    assert code == 1
    assert f"{FIXTURES / 'feeds/truncated.rss'}:" in err and "error:" in err
    assert "Traceback" not in err
    code, _, err = _cli("import", "no-such-file.txt", "-p", str(project))
    assert code == 1
    assert "no-such-file.txt:1:1: error: no such file or folder" in err
    code, _, err = _cli("import", "https://example.org/feed.xml", "-p", str(project))
    assert code == 1 and "download the page or feed first" in err


def test_command_usage_errors(project: Path) -> None:
    sheet = str(FIXTURES / "liar/valid-head.tsv")
    assert _cli("import", sheet, "--columns", "sumary=3", "-p", str(project))[0] == 2
    assert _cli("import", sheet, "--reviewer", "Politi Fact", "-p", str(project))[0] == 2
    assert _cli("import", "-p", str(project))[0] == 2
    assert _cli("import", sheet, "--type", "pdf", "-p", str(project))[0] == 2


def test_command_liar_line_from_the_spec(project: Path) -> None:
    code, out, err = _cli(
        "import",
        str(FIXTURES / "liar/valid-head.tsv"),
        "--no-header",
        "--reviewer",
        "politifact",
        "--columns",
        "id=1,rating=2,summary=3,tags=4,claimant=5,context=14",
        "-p",
        str(project),
    )
    assert code == 0, err
    assert out.strip().endswith("wrote 81 files (40 claims, 40 verdicts, 1 reviewer).")


def test_command_without_a_project(tmp_path: Path) -> None:
    code, _, err = _cli("import", str(TRANSIT), "-p", str(tmp_path))
    assert code == 1
    assert "no factcheck.yaml" in err
