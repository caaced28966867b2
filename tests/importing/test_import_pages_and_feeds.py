"""HTML article pages (trafilatura) and RSS/Atom feeds (feedparser)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from import_helpers import FIXTURES, assert_checks, content_files, do_import, messages, snapshot

from factcheck.project import open_project

if TYPE_CHECKING:
    from pytest_regressions.file_regression import FileRegressionFixture


def test_html_article(project: Path, file_regression: FileRegressionFixture) -> None:
    report = do_import(project, FIXTURES / "html/article.html")
    assert not report.failed, report.diags.format_text()
    assert_checks(project)
    loaded, _ = open_project(project)
    assert loaded is not None
    [article] = loaded.articles.values()
    assert article.title == "Harbour City's ferry fares to fall by a fifth"
    assert article.source.author == "Mira Castellan"
    assert article.source.outlet == "Ledger Wire News"
    assert article.source.url == "https://news.example.com/2026/04/ferry-fares"
    # The time of day and offset of the page's article:published_time are kept.
    assert article.published == dt.datetime(
        2026, 4, 2, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=1))
    )
    body = article.doc.body
    assert "**4.2 million dollars**" in body
    assert "[report by the city auditor](https://example.org/levy-report.pdf)" in body
    assert "- Single fares fall from 5 to 4 dollars." in body
    assert "Privacy" not in body and "Politics" not in body  # the page's chrome is left out
    assert not body.startswith("#")  # the headline is the title, not repeated in the body
    file_regression.check(snapshot(content_files(project)), extension=".md")


def test_html_with_no_article_writes_nothing(project: Path) -> None:
    report = do_import(project, FIXTURES / "html/no-article.html")
    assert report.failed
    [error] = report.diags.errors
    assert error.path == str(FIXTURES / "html/no-article.html")
    assert "no article found" in error.message
    assert content_files(project) == {}


def test_a_fetched_page_can_be_imported_as_an_article(project: Path) -> None:
    report = do_import(
        project, FIXTURES / "claimreview/fact_check_org_raw.json", source_type="article"
    )
    assert not report.failed, report.diags.format_text()
    [path] = report.written
    assert path.startswith("content/articles/instagram-post-missing-context")
    assert_checks(project)


def test_rss_and_atom(project: Path, file_regression: FileRegressionFixture) -> None:
    report = do_import(
        project, FIXTURES / "feeds/ledger-wire.rss", FIXTURES / "feeds/harbour-desk.atom"
    )
    assert not report.failed, report.diags.format_text()
    assert len(report.written) == 3
    assert_checks(project)
    loaded, _ = open_project(project)
    assert loaded is not None
    transit = loaded.articles["transit-budget-doubles-as-ridership-falls"]
    assert transit.source.author == "Mira Castellan"
    assert transit.source.outlet == "Ledger Wire News"
    assert transit.published == dt.datetime(
        2026, 3, 10, 14, 5, tzinfo=dt.timezone(dt.timedelta(hours=1))
    )
    assert transit.tags == ["transit", "budget"]
    assert "*twice*" in transit.doc.body
    assert "[the annual report](https://example.org/report)" in transit.doc.body
    fares = loaded.articles["fares-will-not-rise-before-2028-mayor-says"]
    assert fares.source.url == "https://desk.example.org/fares-2028"
    assert "- Fares stay the same until 2028\\." in fares.doc.body  # (escaped: no list)
    file_regression.check(snapshot(content_files(project)), extension=".md")


def test_truncated_feed_is_refused_whole(project: Path) -> None:
    report = do_import(project, FIXTURES / "feeds/truncated.rss")
    assert report.failed
    [error] = report.diags.errors
    assert error.path == str(FIXTURES / "feeds/truncated.rss")
    assert "not well-formed XML" in error.message
    assert error.line > 1
    assert content_files(project) == {}


def test_a_feed_extension_on_something_else(project: Path, tmp_path: Path) -> None:
    fake = tmp_path / "feed.xml"
    fake.write_text(
        '<?xml version="1.0"?><catalog><book>Not a feed</book></catalog>', encoding="utf-8"
    )
    report = do_import(project, fake)
    assert messages(report) == ["this is not an RSS or Atom feed"]


def test_feed_reimport_changes_nothing(project: Path) -> None:
    feed = FIXTURES / "feeds/ledger-wire.rss"
    do_import(project, feed)
    before = content_files(project)
    again = do_import(project, feed)
    assert not again.failed and not again.written
    assert {f.status for f in again.files} == {"unchanged"}
    assert content_files(project) == before


def test_type_article_reads_a_page_saved_as_text(project: Path, tmp_path: Path) -> None:
    saved = tmp_path / "page.txt"
    saved.write_bytes((FIXTURES / "html/article.html").read_bytes())
    report = do_import(project, saved, source_type="article")
    assert not report.failed, report.diags.format_text()
    assert [p for p in report.written if p.startswith("content/articles/")]


def test_markup_spaces_quotes_and_time_of_day_survive(project: Path, tmp_path: Path) -> None:
    """Found by a new user: "teaser**with markup**", block quotes turned into paragraphs, and
    an HTML article's time of day dropped."""
    feed = tmp_path / "wire.rss"
    feed.write_text(
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Wire</title>'
        "<item><title>Ferry fares cut</title><link>https://news.example.org/ferry</link>"
        "<pubDate>Thu, 02 Apr 2026 10:15:00 +0100</pubDate><description>"
        "&lt;p&gt;A teaser &lt;strong&gt;with markup&lt;/strong&gt; and "
        "&lt;em&gt;emphasis&lt;/em&gt;, then text.&lt;/p&gt;&lt;blockquote&gt;&lt;p&gt;Fares "
        "fall by a fifth in June, the committee said.&lt;/p&gt;&lt;/blockquote&gt;"
        "</description></item></channel></rss>",
        encoding="utf-8",
    )
    page = tmp_path / "page.html"
    words = " ".join(["The committee met for three hours before it voted."] * 4)
    page.write_text(
        '<html><head><title>Ferry vote</title><meta property="og:title" content="Ferry vote">'
        '<meta property="article:published_time" content="2026-04-02T18:45:00+02:00"></head>'
        f"<body><article><h1>Ferry vote</h1><p>{words}</p><blockquote><p>We will not cut "
        "the timetable, the operator said.</p></blockquote><p>A teaser <b>with markup</b> "
        "here.</p></article></body></html>",
        encoding="utf-8",
    )
    report = do_import(project, feed, page)
    assert not report.failed, report.diags.format_text()
    assert_checks(project)
    loaded, _ = open_project(project)
    assert loaded is not None
    ferry = loaded.articles["ferry-fares-cut"]
    assert "A teaser **with markup** and *emphasis*, then text." in ferry.doc.body
    assert "> Fares fall by a fifth in June, the committee said." in ferry.doc.body
    vote = loaded.articles["ferry-vote"]
    assert "> We will not cut the timetable, the operator said." in vote.doc.body
    assert "A teaser **with markup** here." in vote.doc.body
    assert vote.published == dt.datetime(
        2026, 4, 2, 18, 45, tzinfo=dt.timezone(dt.timedelta(hours=2))
    )


def test_an_article_keeps_its_language_and_gets_no_noise_suggestions(
    project: Path, tmp_path: Path
) -> None:
    """A Portuguese page in an English project: the article says `language: pt-BR` (so its
    page has lang="pt-BR"), and instead of suggestions ranked by an English model, a comment
    says why there are none. A feed in Spanish likewise; an English page says nothing."""
    sentences = (
        "O prefeito disse que o orçamento do transporte público dobrou nos últimos cinco anos, "
        "mas os dados da prefeitura mostram um aumento de 40 por cento. "
    )
    page = tmp_path / "materia.html"
    page.write_text(
        '<!doctype html><html lang="pt-BR"><head><title>Orçamento</title></head><body>'
        f"<article><h1>Orçamento</h1><p>{sentences * 3}</p><p>{sentences}</p></article>"
        "</body></html>",
        encoding="utf-8",
    )
    feed = tmp_path / "noticias.rss"
    feed.write_text(
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Noticias'
        "</title><language>es</language><item><title>El presupuesto</title>"
        "<link>https://noticias.example/1</link><description>El alcalde dijo que el "
        "presupuesto se duplicó, pero los datos muestran que creció un 40 por ciento en los "
        "últimos cinco años según el informe del ayuntamiento.</description></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    report = do_import(project, page, feed)
    assert not report.failed, report.diags.format_text()
    loaded, _ = open_project(project)
    assert loaded is not None
    languages = {a.title: a.language for a in loaded.articles.values()}
    assert languages["Orçamento"] == "pt-BR"
    assert languages["El presupuesto"] == "es"
    for article in loaded.articles.values():
        if article.language:
            text = (project / article.doc.path).read_text(encoding="utf-8")
            assert "# No claims suggested: the text is in '" in text
            assert "Suggested claims" not in text
    assert_checks(project)
