"""Claims marked in an article's HTML: every claim's words stay together, whatever overlaps."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

from helpers import write_project

from factcheck.build import build_site

if TYPE_CHECKING:
    from playwright.sync_api import Page

ARTICLE = """\
---
title: A report
claims:
  - id: plotting
    quote: "France is plotting"
    summary: France is plotting something.
  - id: deploy
    quote: "plotting to deploy up to 2,000 soldiers"
    summary: France will deploy 2,000 soldiers.
  - id: core
    quote: "the core of which"
    summary: A core force.
  - id: nested
    quote: "2,000"
    summary: Two thousand.
---
Russia's intelligence service reported that France is plotting to deploy up to 2,000 soldiers,
the core of which will be *foreign* troops.
"""


class _Text(HTMLParser):
    """The text a reader reads, with the references' words kept apart."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.in_ref = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "sup" and ("class", "claim-ref") in attrs:
            self.in_ref += 1
            self.text.append("[REF]")

    def handle_endtag(self, tag: str) -> None:
        if tag == "sup" and self.in_ref:
            self.in_ref -= 1

    def handle_data(self, data: str) -> None:
        if not self.in_ref:
            self.text.append(data)


def test_no_reference_splits_the_words_of_a_claim(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", {"content/articles/report.md": ARTICLE})
    result = build_site(root, output=tmp_path / "site", search=False)
    assert result.ok, result.diagnostics.format_text()
    html = (tmp_path / "site/articles/report.html").read_text("utf-8")
    body = html[html.index('<div class="article-body prose">') : html.index("</article>")]
    reader = _Text()
    reader.feed(body)
    text = " ".join("".join(reader.text).split())
    for quote in (
        "France is plotting",
        "plotting to deploy up to 2,000 soldiers",
        "the core of which",
        "2,000",
    ):
        assert quote in text, (quote, text)
    # The three overlapping claims' references come together, after "soldiers".
    assert "2,000 soldiers[REF][REF][REF]," in text, text
    assert "the core of which[REF] will" in text, text
    # In number order.
    numbers = re.findall(r'<sup class="claim-ref"[^>]*><a href="#note-(\d+)"', body)
    assert numbers == ["1", "2", "3", "4"], numbers


def test_a_reader_reads_each_claim_whole_in_the_browser(tmp_path: Path, page: Page) -> None:
    """What Chromium renders as the article's text (innerText, as a screen reader reads it)
    holds each claim's words unbroken by any note reference."""
    from support.browser import serve_directory

    root = write_project(tmp_path / "p", {"content/articles/report.md": ARTICLE})
    assert build_site(root, output=tmp_path / "site", search=False).ok
    with serve_directory(tmp_path / "site") as base:
        page.goto(f"{base}/articles/report.html")
        refs = page.evaluate(
            "[...document.querySelectorAll('.article-body sup.claim-ref')].map(r => r.innerText)"
        )
        text = " ".join(page.locator(".article-body").inner_text().split())
    for ref in refs:
        text = text.replace(" ".join(ref.split()), "[REF]")
    for quote in (
        "France is plotting",
        "plotting to deploy up to 2,000 soldiers",
        "the core of which",
        "2,000",
    ):
        assert quote in text, (quote, text)
