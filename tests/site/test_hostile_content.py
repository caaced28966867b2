"""Hostile text from reviewers and sources never runs: no <script>, no on*= handler, no
javascript: link survives into the built site, and nothing fires in a real browser."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from helpers import write_project
from site_helpers import build
from support.browser import serve_directory
from support.validators import format_vnu_errors, vnu_errors

if TYPE_CHECKING:
    from playwright.sync_api import Dialog, Page

PAYLOADS = """\
<script>window.__pwned = "script";</script>

<img src="nowhere.png" onerror="window.__pwned = 'onerror'">

<p onmouseover="window.__pwned = 'onmouseover'" id="hover-me">Hover here.</p>

[a javascript link](javascript:window.__pwned='markdown-link')

<a href="javascript:window.__pwned='html-link'" id="js-link">an HTML javascript link</a>

<a href="JaVaScRiPt&colon;window.__pwned='entity-link'">an encoded link</a>

<a href=" javascript:window.__pwned='spaced-link'">a spaced link</a>

![image](javascript:window.__pwned='image')

<iframe src="javascript:window.__pwned='iframe'"></iframe>

<svg onload="window.__pwned='svg'"><script>window.__pwned='svg-script'</script></svg>

<form action="javascript:window.__pwned='form'"><button id="go">Go</button></form>
"""

FILES = {
    "content/reviewers/sam-okafor.md": (
        "---\nname: Sam <script>window.__pwned='name'</script> Okafor\n---\n" + PAYLOADS
    ),
    "content/claims/hostile-claim.md": (
        "---\nsummary: \"A claim with <script>window.__pwned='summary'</script> in it.\"\n"
        "claimant: \"<img src=x onerror=window.__pwned='claimant'>\"\n"
        "tags: [\"<img src=x onerror=window.__pwned='tag'>\", plain]\n"
        "date: 2026-03-10\n---\n" + PAYLOADS
    ),
    "content/verdicts/hostile-claim/sam-okafor.md": (
        "---\nclaim: hostile-claim\nreviewer: sam-okafor\nrating: misleading\n"
        "status: approved\ndate: 2026-03-12\n"
        "headline: \"<script>window.__pwned='headline'</script>Hostile headline\"\n---\n" + PAYLOADS
    ),
    "content/pages/about.md": "---\ntitle: About <script>x</script>\n---\n" + PAYLOADS,
}

CONFIG = """\
title: Test Check
organization:
  name: Test Check
ratings:
  - id: misleading
    label: "<img src=x onerror=window.__pwned='rating'>Misleading"
  - id: accurate
review:
  min_reviewers: 1
"""

PAGES = [
    "search.html",
    "claims/hostile-claim.html",
    "reviewers/sam-okafor.html",
    "pages/about.html",
    "index.html",
    "claims/index.html",
]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    project = write_project(root / "project", FILES, config=CONFIG)
    site = root / "site"
    build(project, site)
    return site


def _handler_attributes(html: str) -> list[str]:
    """Event-handler attributes (``on*=``) of the elements in ``html``, as a browser's parser
    reads them (text that merely looks like one inside an attribute's value is not one)."""
    from html.parser import HTMLParser

    found: list[str] = []

    class Handlers(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found.extend(f"<{tag} {name}=...>" for name, _ in attrs if name.startswith("on"))

    Handlers().feed(html)
    return found


def test_no_script_handler_or_javascript_url_in_the_output(hostile_site: Path) -> None:
    problems = []
    for path in sorted(hostile_site.rglob("*.html")):
        if "pagefind" in path.parts:
            continue
        text = path.read_text("utf-8")
        rel = path.relative_to(hostile_site).as_posix()
        for attrs, script in re.findall(r"<script\b([^>]*)>(.*?)</script>", text, re.S | re.I):
            if "application/ld+json" in attrs:
                if "<" in script:
                    problems.append(f"{rel}: JSON-LD with an unescaped '<'")
            elif "__pwned" in script:
                problems.append(f"{rel}: a reviewer's <script> is in the page")
        handlers = _handler_attributes(text)
        if handlers:
            problems.append(f"{rel}: an on*= attribute is in the page: {handlers[:3]}")
        if re.search(r"""(href|src|action)\s*=\s*["']?\s*(javascript|&#|JaVa)""", text, re.I):
            problems.append(f"{rel}: a javascript: URL is in the page")
    assert not problems, "\n".join(problems)
    # The reviewer's words are kept, as text.
    claim = (hostile_site / "claims" / "hostile-claim.html").read_text("utf-8")
    assert "Hover here." in claim


def test_hostile_pages_are_valid_html(hostile_site: Path) -> None:
    errors = vnu_errors([hostile_site / rel for rel in PAGES])
    assert not errors, format_vnu_errors(errors)


@pytest.fixture
def served(hostile_site: Path) -> Iterator[str]:
    with serve_directory(hostile_site) as base:
        yield base


@pytest.mark.parametrize("rel", PAGES)
def test_nothing_runs_in_the_browser(page: Page, served: str, rel: str) -> None:
    dialogs: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.goto(f"{served}/{rel}")
    page.wait_for_load_state("load")
    page.wait_for_timeout(200)
    # Hover, focus and click everything a reader might touch in the main column.
    for element in page.locator("main a, main p, main img, main button").all()[:200]:
        try:
            element.hover(timeout=500)
            href = (
                element.get_attribute("href") if element.evaluate("e => e.tagName") == "A" else None
            )
            if (
                href
                and not href.startswith(("http", "#", "../", "mailto:"))
                and (":" in href.split("/")[0])
            ):
                element.click(timeout=500, no_wait_after=True)
        except Exception:
            pass
    assert page.evaluate("() => window.__pwned === undefined"), page.evaluate(
        "() => window.__pwned"
    )
    assert not dialogs
    assert page.locator("main script").count() == 0
    assert page.locator("main [onerror], main [onload], main [onmouseover]").count() == 0
    hrefs = page.eval_on_selector_all(
        "a[href], iframe[src], form[action]", "els => els.map(e => e.href || e.src || e.action)"
    )
    assert not [h for h in hrefs if h.strip().lower().startswith("javascript:")], hrefs


def test_hostile_tags_and_labels_are_text_in_search(page: Page, served: str) -> None:
    """A tag and a rating label are search filter values: the search page shows them as the
    characters they are, in the filters and in the results, and runs nothing."""
    page.goto(f"{served}/search.html?q=Hostile")
    page.locator(".search-result h2 a").first.wait_for()
    filters = page.locator("#search-filters").inner_text()
    assert "<img src=x onerror=window.__pwned='tag'>" in filters
    assert "<img src=x onerror=window.__pwned='rating'>Misleading" in filters
    badge = page.locator(".search-result .badge").first.inner_text()
    assert badge == "<img src=x onerror=window.__pwned='rating'>Misleading"
    assert page.locator("#search img").count() == 0
    page.locator("#search-filters input").first.check()
    page.wait_for_timeout(300)
    assert page.evaluate("() => window.__pwned === undefined"), page.evaluate(
        "() => window.__pwned"
    )
