"""CSV/TSV claim sheets with a column mapping, LIAR's validation split among them."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from import_helpers import FIXTURES, assert_checks, content_files, do_import, messages, snapshot

from factcheck.importing.sheets import ColumnsError, parse_columns
from factcheck.project import open_project

if TYPE_CHECKING:
    from pytest_regressions.file_regression import FileRegressionFixture

LIAR_COLUMNS = parse_columns("id=1,rating=2,summary=3,tags=4,claimant=5,context=14")


def _liar(project: Path, name: str) -> None:
    report = do_import(
        project, FIXTURES / "liar" / name, header=False, reviewer="politifact", columns=LIAR_COLUMNS
    )
    assert not report.failed, report.diags.format_text()


def test_liar_head(project: Path, file_regression: FileRegressionFixture) -> None:
    _liar(project, "valid-head.tsv")
    assert_checks(project)
    files = content_files(project)
    assert sum(p.startswith("content/claims/") for p in files) == 40
    assert sum(p.startswith("content/verdicts/") for p in files) == 40
    # The snapshot holds the reviewer and the first rows; the counts above cover the rest.
    first = ("12134", "238", "7891")
    kept = {
        p: t
        for p, t in files.items()
        if p.startswith("content/reviewers/") or any(f"/{i}." in p or f"/{i}/" in p for i in first)
    }
    file_regression.check(snapshot(kept), extension=".md")


def test_liar_in_full(project: Path) -> None:
    _liar(project, "valid.tsv")  # (its speed is the benchmarks' business, not a test's)
    loaded, diags = open_project(project)
    assert loaded is not None and not diags.errors
    assert len(loaded.claims) == 1284
    assert len(loaded.verdicts) == 1284
    labels = Counter(v.original_rating for v in loaded.verdicts.values())
    assert labels == {
        "half-true": 248,
        "false": 263,
        "mostly-true": 251,
        "barely-true": 237,
        "true": 169,
        "pants-fire": 116,
    }
    ratings = Counter(v.rating for v in loaded.verdicts.values())
    assert ratings == {
        "misleading": 248 + 237,
        "false": 263 + 116,
        "mostly-accurate": 251,
        "accurate": 169,
    }
    assert loaded.reviewers["politifact"].role == "external"


def test_liar_reimport_changes_nothing(project: Path) -> None:
    _liar(project, "valid-head.tsv")
    before = content_files(project)
    report = do_import(
        project,
        FIXTURES / "liar/valid-head.tsv",
        header=False,
        reviewer="politifact",
        columns=LIAR_COLUMNS,
    )
    assert not report.failed and not report.written
    assert report.count("unchanged") == 80  # the reviewer, made once, is not planned again
    assert content_files(project) == before


def test_liar_without_a_mapping_keeps_every_rating(project: Path) -> None:
    config = project / "factcheck.yaml"
    config.write_text(config.read_text().split("import:")[0], encoding="utf-8")
    report = do_import(
        project,
        FIXTURES / "liar/valid-head.tsv",
        header=False,
        reviewer="politifact",
        columns=LIAR_COLUMNS,
    )
    assert not report.failed
    loaded, _ = open_project(project)
    assert loaded is not None
    assert len(loaded.verdicts) == 40  # nothing dropped
    ratings = Counter(v.rating for v in loaded.verdicts.values())
    assert set(ratings) == {"false", "unproven"}  # 'false' is ours; the rest are off-scale
    warnings = messages(report, "warning")
    assert len(warnings) == 5  # one per unmapped label, not one per row
    assert any(
        w.endswith("ratings 'half-true' found no place on the rating scale; imported as 'unproven'")
        for w in warnings
    )


def test_csv_with_header_and_quoting(project: Path) -> None:
    (project / "content/reviewers").mkdir(parents=True)
    (project / "content/reviewers/sam-okafor.md").write_text(
        "---\nname: Sam Okafor\n---\n", encoding="utf-8"
    )
    report = do_import(
        project,
        FIXTURES / "sheets/claims.csv",
        reviewer="ledger-check",
        columns=parse_columns(
            "id=Claim ID,summary=Statement,claimant=Speaker,"
            "date=Said on,rating=Verdict,reviewer=Checked by,"
            "url=Link,tags=Topics"
        ),
    )
    assert not report.failed, report.diags.format_text()
    assert_checks(project)
    loaded, _ = open_project(project)
    assert loaded is not None
    assert loaded.claims["quote-marks"].summary == 'The council said "no new taxes" and meant it'
    assert loaded.claims["bus-fares"].tags == ["transit", "fares"]
    assert loaded.claims["bus-fares"].date == dt.date(2026, 3, 2)
    # No rating: the link is where the claim appeared.
    assert [a.url for a in loaded.claims["quote-marks"].appearances] == [
        "https://example.org/press/0105"
    ]
    verdicts = {v.claim: v for v in loaded.verdicts.values()}
    # Our own reviewer's ratings from a sheet are drafts; an outside one's are published.
    assert (verdicts["bus-fares"].reviewer, verdicts["bus-fares"].status) == ("sam-okafor", "draft")
    assert verdicts["bus-fares"].rating == "mostly-accurate"  # by our label
    assert (verdicts["water"].reviewer, verdicts["water"].status) == ("ledger-check", "approved")
    assert verdicts["water"].rating == "false"  # Falso, by import.ratings
    assert verdicts["water"].source_url == "https://example.org/checks/water"
    assert loaded.reviewers["ledger-check"].role == "external"


def test_header_names_are_the_default_mapping(project: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("summary,claimant\nBus fares were halved,The mayor\n", encoding="utf-8")
    report = do_import(project, sheet)
    assert not report.failed
    assert [f.path for f in report.files] == ["content/claims/bus-fares-were-halved.md"]


def test_a_sheet_with_a_missing_column(project: Path) -> None:
    report = do_import(
        project,
        FIXTURES / "sheets/missing-column.csv",
        reviewer="x",
        columns=parse_columns("id=Claim ID,summary=Statement,rating=Verdict"),
    )
    assert report.failed
    [error] = report.diags.errors
    assert error.path == str(FIXTURES / "sheets/missing-column.csv")
    assert error.message == "the header has no column 'Verdict' for 'rating'"
    assert "Claim ID, Statement, Speaker" in (error.hint or "")
    assert content_files(project) == {}


def test_a_column_number_past_the_end(project: Path) -> None:
    report = do_import(
        project,
        FIXTURES / "liar/valid-head.tsv",
        header=False,
        columns=parse_columns("summary=3,context=15"),
    )
    assert messages(report) == ["there is no column 15 for 'context': the sheet has 14 columns"]


def test_a_short_row_is_reported_at_its_line(project: Path) -> None:
    report = do_import(
        project,
        FIXTURES / "sheets/short-row.tsv",
        reviewer="x",
        columns=parse_columns("id=id,rating=label,summary=statement"),
    )
    assert report.failed
    [error] = report.diags.errors
    assert (error.line, error.column) == (3, 1)
    assert "the row has 2 columns" in error.message
    assert content_files(project) == {}


def test_ratings_need_a_reviewer(project: Path) -> None:
    report = do_import(
        project, FIXTURES / "liar/valid-head.tsv", header=False, columns=LIAR_COLUMNS
    )
    assert messages(report) == ["the ratings need a reviewer"]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("id=1,sumary=3", "unknown field 'sumary' (did you mean 'summary'?)"),
        ("id", "'id' is not FIELD=COLUMN"),
        ("id=0", "column numbers start at 1, not 0"),
        ("id=1,id=2", "the field 'id' is given twice"),
    ],
)
def test_bad_columns_option(text: str, problem: str) -> None:
    with pytest.raises(
        ColumnsError, match=problem.replace("(", r"\(").replace(")", r"\)").replace("?", r"\?")
    ):
        parse_columns(text)
