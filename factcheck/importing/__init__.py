"""``factcheck import``: outside material turned into content files.

One run reads every source, works out every file it would write (:class:`~.plan.Plan`), and
then writes. Each source is a unit: one that cannot be imported (unreadable, not in its
format, a row or a JSON document in error) is reported at its place and contributes nothing,
and the good ones are imported all the same (the command then exits non-zero). It never
overwrites a file, and afterwards reads the project back with the same loader as
``factcheck check``: if the new files bring any error, everything this run wrote is removed
again. Ids come from the input alone, so importing the same thing twice
finds every file already there and changes nothing.

What a source is, is told by its extension, or by its first bytes when the extension says
nothing; ``--type`` overrides both:

======================  ===================================================================
news (``.txt``)         the newsroom import bot's text files (:mod:`.botnews`)
article (``.html``)     an article page, read with trafilatura (:mod:`.html_pages`)
feed (``.xml``, ...)    an RSS or Atom feed, one article per entry (:mod:`.feeds`)
claimreview             published checks: ClaimReview JSON-LD in a page or on its own, Data
                        Commons feeds, Fact Check Tools records (:mod:`.claimreview`)
sheet (``.csv/.tsv``)   a claim sheet with a column mapping (:mod:`.sheets`)
======================  ===================================================================

An ``.html`` page with ClaimReview JSON-LD is imported as checks, one without as an article. A
``.json`` file that wraps a fetched page (``{"url": ..., "page": "<html>..."}``) is a published
check: if its page has no ClaimReview, that is an error and nothing is written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic, Diagnostics
from ..project import open_project
from ..suggest.similarity import Match
from .json_text import load_json
from .plan import ImportFailure, Input, Plan, PlannedFile, ProjectIndex
from .sheets import SheetOptions
from .writer import write_files

__all__ = ["SOURCE_TYPES", "ImportOptions", "ImportReport", "expand_sources", "run_import"]

SOURCE_TYPES = ("auto", "news", "article", "feed", "claimreview", "sheet")

EXTENSIONS: dict[str, str] = {
    ".txt": "news",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonld": "json",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".rdf": "feed",
    ".csv": "sheet",
    ".tsv": "sheet",
    ".tab": "sheet",
}
"""What a file's extension says it is ("html" and "json" are decided by their content)."""


@dataclass(slots=True)
class ImportOptions:
    source_type: str = "auto"
    sheet: SheetOptions = field(default_factory=SheetOptions)
    confirm: Callable[[str], bool] | None = None
    """Asks whether an outside check whose claim is close to one of ours (not sure) is of
    that claim; None where no one can answer (then it becomes a claim of its own)."""


@dataclass(slots=True)
class ImportReport:
    """What a run found and did."""

    diags: Diagnostics = field(default_factory=Diagnostics)
    files: list[PlannedFile] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    """Files in a named folder that are not importable (a README, say)."""
    failed_sources: list[str] = field(default_factory=list)
    """Sources that could not be imported (each reported in ``diags``); the others were."""
    already_checked: list[tuple[str, str, list[Match]]] = field(default_factory=list)
    """(article path, suggested claim, existing claims that say the same) for new articles."""
    written: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return self.diags.has_errors()

    def count(self, status: str) -> int:
        return sum(1 for f in self.files if f.status == status)


def expand_sources(paths: Sequence[str | Path], report: ImportReport) -> list[Input]:
    """The files to import: each file named, and the importable files in each folder named.

    A name that is no file or folder is an error that stops the run (a typo: nothing is
    imported); a file in a named folder that cannot be read as one (a FIFO, a broken link) is
    an error of that file alone."""
    inputs: list[Input] = []
    for raw in paths:
        name, path = str(raw), Path(raw)
        if name.startswith(("http://", "https://")):
            report.diags.error(
                name,
                None,
                "import reads files, not web addresses",
                "download the page or feed first (curl -o page.html URL), then import the file",
            )
        elif path.is_dir():
            found = 0
            try:
                children = sorted(path.iterdir())
            except OSError as exc:
                report.diags.error(name, None, f"cannot read the folder: {exc.strerror or exc}")
                continue
            for child in children:
                shown = str(path / child.name)
                if child.name.startswith(".") or child.is_dir():
                    continue
                if child.suffix.lower() not in EXTENSIONS:
                    report.skipped.append(shown)
                elif child.is_file():  # (follows a link; a FIFO would hang a reader)
                    inputs.append(Input(child, shown))
                    found += 1
                else:
                    what = (
                        "a link to nothing"
                        if child.is_symlink() and not child.exists()
                        else "not a regular file"
                    )
                    report.diags.error(shown, None, f"cannot read the file: {what}")
                    report.failed_sources.append(shown)
                    found += 1
            if not found:
                report.diags.error(
                    name,
                    None,
                    "the folder has no file to import",
                    f"importable files end in {', '.join(sorted(EXTENSIONS))}",
                )
        elif path.is_file():
            inputs.append(Input(path, name))
        elif path.exists():
            report.diags.error(name, None, "not a file or a folder")
        else:
            report.diags.error(name, None, "no such file or folder")
    return inputs


def _sniff(data: bytes) -> str:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"{", b"[")):
        return "json"
    if head.startswith((b"<rss", b"<feed", b"<rdf")) or (
        head.startswith(b"<?xml") and re.search(rb"<(rss|feed|rdf:rdf)\b", head)
    ):
        return "feed"
    if head.startswith(b"<"):
        return "html"
    if b"\t" in head.split(b"\n", 1)[0]:
        return "sheet"
    return "news"


def _html_text(data: bytes) -> str:
    """A page's text: UTF-8 where it is, else the charset the page declares."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    declared = re.search(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_.:-]+)""", data[:4096], re.I)
    encoding = declared.group(1).decode("ascii") if declared else "windows-1252"
    try:
        return data.decode(encoding, errors="replace")
    except LookupError:
        return data.decode("windows-1252", errors="replace")


def _json(source: Input) -> Any:
    return load_json(source.read_text(), source.name)


def _wrapped_page(data: Any) -> tuple[str, str | None] | None:
    """A fetched page kept as JSON, ``{"url": ..., "page": "<html>..."}``: (html, url)."""
    if isinstance(data, dict) and isinstance(data.get("page"), str) and "<" in data["page"]:
        url = data.get("url")
        return data["page"], url if isinstance(url, str) else None
    return None


def _import_one(plan: Plan, source: Input, options: ImportOptions) -> None:
    from . import botnews, claimreview, feeds, html_pages, sheets

    wanted = options.source_type
    kind = EXTENSIONS.get(source.path.suffix.lower()) or _sniff(source.read_bytes())
    if wanted in ("news", "feed", "sheet"):
        kind = wanted
    elif wanted in ("article", "claimreview") and kind not in ("json", "html"):
        # A page saved under another extension (.txt, say): the content decides JSON or HTML.
        kind = "json" if _sniff(source.read_bytes()) == "json" else "html"
    if kind == "news":
        botnews.import_bot_text(plan, source)
    elif kind == "feed":
        feeds.import_feed(plan, source)
    elif kind == "sheet":
        sheets.import_sheet(plan, source, options.sheet)
    else:
        html, url = "", None
        data: Any = None
        if kind == "json":
            data = _json(source)
            wrapped = _wrapped_page(data)
            if wrapped:
                html, url = wrapped
        else:
            html = _html_text(source.read_bytes())
        if html and wanted == "article":
            html_pages.import_html_article(
                plan, html, url=url, name=source.name, file_name=source.file_name
            )
            return
        if wanted == "article":
            raise ImportFailure(source.name, "this JSON holds no page to import as an article")
        if html:
            reviews = claimreview.reviews_in_page(html, url=url, name=source.name, plan=plan)
            if not reviews and (kind == "json" or wanted == "claimreview"):
                raise claimreview.no_claim_review(source.name, html)
            if not reviews:
                html_pages.import_html_article(
                    plan, html, url=url, name=source.name, file_name=source.file_name
                )
                return
        else:
            reviews = claimreview.reviews_in_json(data, name=source.name)
        claimreview.plan_reviews(plan, reviews, source.name, confirm=options.confirm)


def run_import(
    root: Path, paths: Sequence[str | Path], options: ImportOptions, *, dry_run: bool = False
) -> ImportReport:
    """Import ``paths`` into the project at ``root`` (or, with ``dry_run``, only say what would
    be written)."""
    report = ImportReport()
    inputs = expand_sources(paths, report)
    project, before = open_project(root)
    if project is None:
        report.diags.extend(before.errors)
        return report
    if len(report.diags.errors) > len(report.failed_sources):
        return report  # a name on the command line that is no file or folder
    plan = Plan(root, project.config, ProjectIndex.of(project), report.diags)
    for source in inputs:
        mark = plan.checkpoint()
        try:
            _import_one(plan, source, options)
        except ImportFailure as failure:
            failure.report(report.diags)
        except RecursionError:  # a structure nested past what the JSON check bounds
            report.diags.error(source.name, None, "the file is nested too deeply to import")
        if plan.errors_since(mark):
            plan.rollback(mark)  # this source contributes nothing; the others go on
            report.failed_sources.append(source.name)
    plan.report_ratings()
    if not len(plan):
        return report
    plan.resolve_status()
    report.files = list(plan)
    new = {f.path for f in report.files if f.status == "new"}
    report.already_checked = [item for item in plan.already_checked if item[0] in new]
    for planned in report.files:
        if planned.status == "differs":
            report.diags.warning(
                planned.path,
                None,
                "not overwritten: the file exists with other content",
                "it was left as it is; delete it and import again to take the imported version",
            )
    if dry_run or not any(f.status == "new" for f in report.files):
        return report
    try:
        written = write_files(root, report.files)
    except ImportFailure as failure:
        failure.report(report.diags)
        return report
    try:
        _after, after = open_project(root)
        new_errors = set(after.errors) - set(before.errors)
    except BaseException:
        written.undo()
        raise
    if new_errors:
        written.undo()
        report.diags.extend(sorted(new_errors, key=Diagnostic.sort_key))
        report.diags.error(
            str(root),
            None,
            "the imported files do not pass 'factcheck "
            "check', so they were removed again; nothing was imported",
        )
        return report
    report.written = [str(p.relative_to(root).as_posix()) for p in written.files]
    return report
