"""The import bot's text files: front matter from the headline, byline, signature and footer;
the body's paragraphs exactly as written."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from import_helpers import FIXTURES, assert_checks, content_files, do_import, messages, snapshot

from factcheck.anchoring import BLOCK_SEPARATOR
from factcheck.diagnostics import Diagnostics
from factcheck.frontmatter import decode, split
from factcheck.importing.botnews import parse_bot_text
from factcheck.importing.markdown_text import escape_text
from factcheck.markdown import parse, text_stream

if TYPE_CHECKING:
    from pytest_regressions.file_regression import FileRegressionFixture

TRANSIT = "botnews/2026-03-10-harbour-city-transit-budget.txt"
RESERVOIRS = "botnews/2026-08-14-reservoirs-lowest-since-1976.txt"


def _paragraphs(path: Path) -> list[str]:
    """The source's blocks between the byline and the signature, as the bot wrote them."""
    blocks = [b for b in path.read_text(encoding="utf-8").split("\n\n") if b.strip()]
    return [b for b in blocks[3:] if not b.startswith(("Authored by", "Editorial Desk", "Author:"))]


def test_parses_every_part_of_the_sample() -> None:
    text = (FIXTURES / TRANSIT).read_text(encoding="utf-8")
    article = parse_bot_text(text, TRANSIT)
    assert article.title == (
        "Harbour City’s Transit Budget Doubles As Ridership Falls, Critics Claim"
    )
    assert article.published == dt.datetime(2026, 3, 10, 14, 5)
    assert article.outlet == "Ledger Wire News"
    assert article.desk == "Editorial Desk"
    assert (article.author, article.via) == ("Mira Castellan", "The Ledger Letter")
    assert article.bot == "VolkAI"
    assert article.paragraphs == _paragraphs(FIXTURES / TRANSIT)
    assert "\u00a0" in article.paragraphs[0]  # the non-breaking space survives


def test_no_byline_and_no_final_newline() -> None:
    text = (FIXTURES / RESERVOIRS).read_text(encoding="utf-8")
    assert not text.endswith("\n")
    article = parse_bot_text(text, RESERVOIRS)
    assert article.author is None and article.via is None
    assert article.published == dt.datetime(2026, 8, 14, 9, 40)
    assert len(article.paragraphs) == 4


def test_imports_a_folder_and_passes_check(
    project: Path, file_regression: FileRegressionFixture
) -> None:
    # Only the two sample files: the folder of fixtures also holds broken ones.
    report = do_import(project, FIXTURES / TRANSIT, FIXTURES / RESERVOIRS)
    assert not report.failed, report.diags.format_text()
    assert sorted(report.written) == [
        "content/articles/2026-03-10-harbour-city-transit-budget.md",
        "content/articles/2026-08-14-reservoirs-lowest-since-1976.md",
    ]
    assert_checks(project)
    file_regression.check(snapshot(content_files(project)), extension=".md")


def test_an_article_renamed_after_its_import_is_not_imported_again(project: Path) -> None:
    report = do_import(project, FIXTURES / TRANSIT)
    assert not report.failed, report.diags.format_text()
    first = project / "content/articles/2026-03-10-harbour-city-transit-budget.md"
    first.rename(project / "content/articles/transit-budget.md")
    before = content_files(project)
    again = do_import(project, FIXTURES / TRANSIT)
    assert not again.failed and again.written == []
    assert content_files(project) == before


def test_body_is_exactly_the_source_paragraphs(project: Path) -> None:
    do_import(project, FIXTURES / TRANSIT)
    written = project / "content/articles/2026-03-10-harbour-city-transit-budget.md"
    content = split(decode(written.read_bytes(), "a.md", Diagnostics()), "a.md", Diagnostics())
    assert content is not None
    assert content.body.rstrip("\n").split("\n\n") == _paragraphs(FIXTURES / TRANSIT)
    meta = content.meta.data
    assert meta["imported"] == {
        "by": "VolkAI",
        "from": "2026-03-10-harbour-city-transit-budget.txt",
        "desk": "Editorial Desk",
    }
    assert meta["source"] == {
        "outlet": "Ledger Wire News",
        "author": "Mira Castellan",
        "via": "The Ledger Letter",
    }


def test_a_whole_folder_skips_what_is_not_importable(project: Path, tmp_path: Path) -> None:
    folder = tmp_path / "drop"
    folder.mkdir()
    for rel in (TRANSIT, RESERVOIRS):
        (folder / Path(rel).name).write_bytes((FIXTURES / rel).read_bytes())
    (folder / "README.md").write_text("# not an article\n", encoding="utf-8")
    report = do_import(project, folder)
    assert not report.failed
    assert len(report.written) == 2
    assert report.skipped == [str(folder / "README.md")]


def test_suggested_claims_are_commented_out_and_can_be_enabled(project: Path) -> None:
    do_import(project, FIXTURES / TRANSIT)
    path = project / "content/articles/2026-03-10-harbour-city-transit-budget.md"
    text = path.read_text(encoding="utf-8")
    assert "\nclaims:\n# Suggested claims (factcheck suggest)" in text
    assert text.count("\n# - id: ") == 3
    assert_checks(project)
    # Enabling every suggestion (deleting the '# ') still gives a project with no error.
    enabled = "\n".join(
        line[2:] if line.startswith(("# - ", "#   ")) else line for line in text.split("\n")
    )
    path.write_text(enabled, encoding="utf-8")
    project_claims = open_claims(project)
    assert len(project_claims) == 3
    assert_checks(project)


def open_claims(root: Path) -> list[str]:
    from factcheck.project import open_project

    project, _ = open_project(root)
    assert project is not None
    return sorted(project.claims)


def test_without_the_ranker_articles_still_import(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(text: str, *, top: int = 5) -> list[object]:
        raise FileNotFoundError("no model file")

    monkeypatch.setattr("factcheck.suggest.suggest_claims", broken)
    report = do_import(project, FIXTURES / TRANSIT, FIXTURES / RESERVOIRS)
    assert not report.failed
    assert len(report.written) == 2
    warnings = messages(report, "warning")
    assert len(warnings) == 1 and "without suggested claims" in warnings[0]
    text = (project / "content/articles/2026-03-10-harbour-city-transit-budget.md").read_text()
    assert "claims: []" in text
    assert_checks(project)


def test_markdown_characters_in_the_text_stay_text(project: Path) -> None:
    report = do_import(project, FIXTURES / "botnews/markdown-specials.txt")
    assert not report.failed, report.diags.format_text()
    assert_checks(project)  # [@the-treasury] and [[its-report]] are not citations
    body = (project / "content/articles/markdown-specials.md").read_text(encoding="utf-8")
    assert "1986\\. That" in body
    source = parse_bot_text((FIXTURES / "botnews/markdown-specials.txt").read_text(), "x")
    assert source.title == "Budget *Rises* By 12% [Again]"
    assert source.author == "Ana Ruiz"


@pytest.mark.parametrize(
    "paragraph",
    [
        "1986. That was the year.",
        "# of buses: 60",
        "- not a list",
        "+ not a list either",
        "> not a quote",
        "*not emphasis* and _not this_ and `not code`",
        "[not a link](https://example.org) and [@not-a-citation] and [[not-a-link]]",
        "<https://example.org> and <b>not bold</b> and &amp; stays &amp;",
        "a line\n---",
        "a line\n===",
        "    four spaces are not code",
        "back\\slash and ~~not struck~~ and a | pipe",
        "Harbour City’s council (HCC)\u00a0approved “twice” the sum — 412 million.",
    ],
)
def test_escaped_text_renders_to_the_same_words(paragraph: str) -> None:
    stream, _ = text_stream(parse(escape_text(paragraph), 1).tokens)
    assert BLOCK_SEPARATOR not in stream
    assert " ".join(stream.split()) == " ".join(paragraph.split())


@pytest.mark.parametrize(
    ("rel", "line", "words"),
    [
        ("botnews/broken-no-signature.txt", 9, "no signature line"),
        ("botnews/broken-bad-date.txt", 10, "date and time are not valid"),
    ],
)
def test_broken_bot_files_are_refused_at_their_line(
    project: Path, rel: str, line: int, words: str
) -> None:
    report = do_import(project, FIXTURES / rel, FIXTURES / TRANSIT)
    assert report.failed
    [error] = report.diags.errors
    assert error.path == str(FIXTURES / rel)
    assert error.line == line
    assert words in error.message
    assert report.failed_sources == [str(FIXTURES / rel)]
    # The good file in the same run is imported all the same; the bad one gives nothing.
    assert list(content_files(project)) == [
        "content/articles/2026-03-10-harbour-city-transit-budget.md"
    ]


def test_empty_file(project: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    report = do_import(project, empty)
    assert messages(report) == ["the file is empty"]


def test_not_utf8(project: Path, tmp_path: Path) -> None:
    bad = tmp_path / "latin1.txt"
    bad.write_bytes(
        (FIXTURES / TRANSIT)
        .read_text(encoding="utf-8")
        .replace("’", "'")
        .replace("\u00a0", " ")
        .replace("“", '"')
        .replace("”", '"')
        .replace("–", "-")
        .replace("council", "conseil\xe9")
        .encode("latin-1")
    )
    report = do_import(project, bad)
    assert report.failed
    assert "not valid UTF-8" in report.diags.errors[0].message
    assert content_files(project) == {}
