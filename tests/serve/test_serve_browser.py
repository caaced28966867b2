"""The preview server in headless Chromium: reload on edit, the error overlay, stylesheet swap."""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

from serve_helpers import VERDICT, edit, wait_for_build

from factcheck.serve import PreviewServer
from factcheck.theme import theme_dir

if TYPE_CHECKING:
    from playwright.sync_api import Page


def test_the_page_reloads_after_an_edit(preview: PreviewServer, page: Page) -> None:
    page.goto(preview.url + "pages/about.html")
    page.evaluate("window.__before = 1")
    edit(preview.root / "content/pages/about.md", "Who we are", "Who we really are")
    page.wait_for_function("document.body.textContent.includes('Who we really are')")
    assert page.evaluate("window.__before") is None  # a new document: the page was reloaded


def test_the_overlay_shows_errors_and_goes_away_when_fixed(
    preview: PreviewServer, page: Page
) -> None:
    page.goto(preview.url + "claims/council-tax-frozen.html")
    overlay = page.locator("#factcheck-errors")
    assert overlay.count() == 0
    verdict = preview.root / VERDICT
    edit(verdict, 'rating: "false"', "rating: nonsense")
    overlay.wait_for(state="visible")
    items = overlay.locator(".factcheck-error").all_text_contents()
    assert any(t.startswith(f"{VERDICT}:") and "nonsense" in t for t in items), items
    for text in items:
        path, line, column, _message = text.split(":", 3)
        assert path and line.isdigit() and column.isdigit(), text
    # The page under the overlay is still the last good build.
    assert page.title()

    page.evaluate("window.__broken = 1")
    edit(verdict, "rating: nonsense", "rating: misleading")
    overlay.wait_for(state="detached")
    page.wait_for_function("window.__broken === undefined")  # reloaded
    assert page.locator("#factcheck-errors").count() == 0


def test_a_stylesheet_change_is_swapped_in_without_a_reload(
    preview: PreviewServer, page: Page
) -> None:
    own = preview.root / "templates" / "assets" / "style.css"
    own.parent.mkdir(parents=True, exist_ok=True)
    builds = preview.builds
    shutil.copyfile(theme_dir() / "assets" / "style.css", own)
    wait_for_build(preview, builds)

    page.goto(preview.url)
    page.evaluate("window.__kept = 42")
    before = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert before != "rgb(1, 2, 3)"
    with own.open("a", encoding="utf-8") as handle:
        handle.write("\nbody { background-color: rgb(1, 2, 3) !important; }\n")
    page.wait_for_function("getComputedStyle(document.body).backgroundColor === 'rgb(1, 2, 3)'")
    assert page.evaluate("window.__kept") == 42  # the same document: no reload
