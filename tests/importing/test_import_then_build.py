"""Every kind of source imported into one project, then built: what `check` passes, `build` must
build (found by a new user: an HTML or feed import failed the default theme's article page)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from import_helpers import FIXTURES, do_import

from factcheck.build import build_site
from factcheck.cli import cli
from factcheck.importing.sheets import parse_columns

SOURCES = [
    "botnews/2026-03-10-harbour-city-transit-budget.txt",
    "botnews/2026-08-14-reservoirs-lowest-since-1976.txt",
    "html/article.html",
    "feeds/ledger-wire.rss",
    "feeds/harbour-desk.atom",
    "claimreview/afp_raw.json",
    "claimreview/africa_check_raw.json",
    "claimreview/data_commons_raw.json",
    "claimreview/google_fact_check_raw.json",
    "claimreview/tfc_taiwan_raw.json",
]


def test_every_kind_of_source_imports_checks_and_builds(project: Path, tmp_path: Path) -> None:
    report = do_import(project, *(FIXTURES / s for s in SOURCES))
    assert not report.failed, report.diags.format_text()
    assert len(report.written) > len(SOURCES)
    sheet = do_import(
        project,
        FIXTURES / "liar/valid-head.tsv",
        header=False,
        reviewer="politifact",
        columns=parse_columns("id=1,rating=2,summary=3,tags=4,claimant=5,context=14"),
    )
    assert not sheet.failed, sheet.diags.format_text()
    assert sheet.written
    check = CliRunner().invoke(cli, ["--project", str(project), "check"])
    assert check.exit_code == 0, check.output
    result = build_site(project, output=tmp_path / "out", search=False)
    assert result.ok, result.diagnostics.format_text()
    out = tmp_path / "out"
    pages = {p.relative_to(out).as_posix() for p in out.rglob("*.html")}
    assert "articles/harbour-citys-ferry-fares-to-fall-by-a-fifth.html" in pages
    assert "articles/2026-03-10-harbour-city-transit-budget.html" in pages


def test_check_reports_what_would_fail_the_build(project: Path, tmp_path: Path) -> None:
    """A template that fails on some content fails `check` too, at the template's line."""
    do_import(project, FIXTURES / "html/article.html")
    templates = project / "templates"
    templates.mkdir()
    (templates / "article.html").write_text(
        "<p>{{ article.title }}</p>\n<p>{{ article.imported.bot_name }}</p>\n", encoding="utf-8"
    )
    check = CliRunner().invoke(cli, ["--project", str(project), "check"])
    assert check.exit_code == 1
    assert "templates/article.html:2:1: error: template error" in check.output
    assert "has no attribute 'bot_name'" in check.output
    assert not build_site(project, output=tmp_path / "out", search=False).ok
