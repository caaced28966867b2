"""The example site in headless Chromium: reading, following claims, search, accessibility."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from site_helpers import Built
from support.browser import axe_violations, format_violations, serve_directory

if TYPE_CHECKING:
    from playwright.sync_api import Browser, FloatRect, Page

pytestmark = pytest.mark.browser

ARTICLE = "articles/harbour-city-transit-budget.html"
CLAIM = "transit-budget-doubled"
CLAIM_SUMMARY = "The new transit budget is double the city's spending five years ago."


@pytest.fixture(scope="module")
def base(example_site: Built) -> Iterator[str]:
    with serve_directory(example_site.site) as url:
        yield url


@pytest.fixture(scope="module")
def sub_base(example_site: Built, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The same site served from a sub-folder: ``{sub_base}/index.html`` is ``/sub/index.html``."""
    parent = tmp_path_factory.mktemp("served")
    (parent / "sub").symlink_to(example_site.site, target_is_directory=True)
    with serve_directory(parent) as url:
        yield f"{url}/sub"


def _errors(page: Page) -> list[str]:
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(f"page error: {exc}"))
    page.on(
        "console",
        lambda msg: errors.append(f"console: {msg.text}") if msg.type == "error" else None,
    )
    page.on(
        "response",
        lambda r: errors.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None,
    )
    return errors


def _follow_claim(page: Page, base: str) -> None:
    page.goto(f"{base}/{ARTICLE}")
    mark = page.locator(f'.article-body mark.claim[data-claim="{CLAIM}"]').first
    assert mark.get_attribute("data-state") == "published"
    mark.click()
    page.wait_for_url(re.compile(r"#note-\d+$"))
    note_id = page.url.rsplit("#", 1)[1]
    note = page.locator(f"li#{note_id}")
    assert note.get_attribute("data-claim") == CLAIM
    note.locator("a.note-link").click()
    page.wait_for_url(f"**/claims/{CLAIM}.html")
    assert page.locator("h1").inner_text() == CLAIM_SUMMARY
    assert "Misleading" in page.locator(".verdict-rating").inner_text()


def test_open_an_article_and_follow_a_claim_to_its_verdict(page: Page, base: str) -> None:
    errors = _errors(page)
    _follow_claim(page, base)
    # The reference beside the marked words leads to the same note.
    page.goto(f"{base}/{ARTICLE}")
    ref = page.locator(f'.claim-ref a[data-claim="{CLAIM}"]').first
    ref.click()
    page.wait_for_url(re.compile(r"#note-\d+$"))
    assert not errors, errors


def test_the_site_works_from_a_sub_folder(page: Page, sub_base: str) -> None:
    errors = _errors(page)
    page.goto(f"{sub_base}/index.html")
    assert page.evaluate("getComputedStyle(document.body).fontFamily") != "", "stylesheet"
    css = page.evaluate(
        "[...document.styleSheets].some(s => s.href && "
        "s.href.endsWith('/sub/assets/style.css') && s.cssRules.length > 0)"
    )
    assert css, "the stylesheet loads from the sub-folder"
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Fact checks").click()
    page.wait_for_url("**/sub/claims/index.html")
    page.locator(f'main a[href$="claims/{CLAIM}.html"]').first.click()
    page.wait_for_url(f"**/sub/claims/{CLAIM}.html")
    page.locator(".site-title").click()
    page.wait_for_url("**/sub/index.html")
    _follow_claim(page, sub_base)
    # Search from the header's box, from a page one level down.
    page.fill("#site-search-q", "burglaries")
    page.press("#site-search-q", "Enter")
    page.wait_for_url("**/sub/search.html?q=burglaries")
    link = page.locator(".search-result h2 a").first
    link.wait_for()
    href = link.get_attribute("href")
    assert href is not None and href.startswith("/sub/")
    link.click()
    page.wait_for_url(re.compile(r"/sub/(claims|articles)/[a-z0-9-]+\.html"))
    assert page.locator("h1").count() == 1
    assert not errors, errors


def test_find_a_claim_through_search(page: Page, base: str) -> None:
    errors = _errors(page)
    page.goto(f"{base}/search.html?q=burglaries")
    target = page.locator('.search-result h2 a[href$="claims/burglaries-down-18-percent.html"]')
    target.first.wait_for()
    page.locator("#search-filters legend", has_text="Rating").wait_for()
    assert page.locator('#search-filters input[name="rating"]').count() >= 1
    # The result shows the rating, and its snippet starts with the claim's words, not with
    # the labels around them.
    result = page.locator(
        ".search-result", has=page.locator('h2 a[href$="claims/burglaries-down-18-percent.html"]')
    )
    assert result.locator(".search-rating .badge").inner_text() == "Mostly accurate"
    excerpt = result.locator(".search-excerpt").inner_text()
    assert not excerpt.lower().startswith(("check.", "fact check", "read the original")), excerpt
    target.first.click()
    page.wait_for_url("**/claims/burglaries-down-18-percent.html")
    assert "burglaries" in page.locator("h1").inner_text()
    assert not errors, errors


def test_search_filters_by_rating(page: Page, base: str) -> None:
    page.goto(f"{base}/search.html?q=transit")
    page.locator(".search-result h2 a").first.wait_for()
    page.locator("#search-filters label", has_text="False").locator("input").check()
    page.wait_for_function(
        """() => { const badges = [...document.querySelectorAll('.search-result .badge')];
                   const links = [...document.querySelectorAll('.search-result h2 a')];
                   return links.length > 0 && badges.length === links.length
                          && badges.every(b => b.textContent === 'False'); }"""
    )
    hrefs = page.eval_on_selector_all(
        ".search-result h2 a", "els => els.map(e => e.getAttribute('href'))"
    )
    assert any("transit-ridership-third" in h for h in hrefs), hrefs


def test_search_finds_no_draft_text(page: Page, base: str) -> None:
    page.goto(f"{base}/search.html?q=pencils")
    page.locator("#search-status", has_text="Nothing found").wait_for()
    assert page.locator(".search-result").count() == 0
    page.goto(f"{base}/search.html?q=DRAFT-ONLY")
    page.wait_for_function(
        "document.getElementById('search-status').textContent !== '' && "
        "!document.getElementById('search-status').textContent"
        ".startsWith('Searching')"
    )
    results = page.locator("#search-results").all_inner_texts()
    assert not any("DRAFT-ONLY" in text for text in results), results


def test_search_result_leads_to_an_indexed_page_only(
    page: Page, base: str, example_site: Built
) -> None:
    page.goto(f"{base}/search.html?q=fare")
    page.locator(".search-result h2 a").first.wait_for()
    hrefs = page.eval_on_selector_all(
        ".search-result h2 a", "els => els.map(e => e.getAttribute('href'))"
    )
    assert hrefs
    unpublished = example_site.claims - example_site.published
    for href in hrefs:
        assert not any(f"claims/{ident}.html" in href for ident in unpublished), href


PAGE_TYPES = [
    "index.html",
    "claims/index.html",
    "claimants/index.html",
    "claimants/teodor-lind.html",
    f"claims/{CLAIM}.html",
    "claims/transit-fares-frozen.html",
    "claims/libraries-all-closing.html",
    "claims/ferry-fares-doubled.html",  # withdrawn
    "corrections/index.html",
    "articles/index.html",
    ARTICLE,
    "evidence/index.html",
    "evidence/hcc-budget-2026.html",
    "reviewers/index.html",
    "reviewers/sam-okafor.html",
    "ratings/index.html",
    "ratings/misleading.html",
    "tags/index.html",
    "tags/transit.html",
    "pages/about.html",
    "404.html",
    "search.html",
    "search.html?q=transit",
]


@pytest.mark.parametrize("rel", PAGE_TYPES)
def test_axe_finds_no_violations(page: Page, base: str, rel: str) -> None:
    page.goto(f"{base}/{rel}")
    if "?q=" in rel:
        page.locator(".search-result h2 a").first.wait_for()
    violations = axe_violations(page)
    assert not violations, format_violations(violations)


def test_dark_colour_scheme_has_no_contrast_violations(
    browser: Browser, example_site: Built, base: str
) -> None:
    context = browser.new_context(color_scheme="dark")
    try:
        page = context.new_page()
        for rel in ("index.html", f"claims/{CLAIM}.html", ARTICLE):
            page.goto(f"{base}/{rel}")
            violations = axe_violations(page, rules=["color-contrast"])
            assert not violations, f"{rel}: " + format_violations(violations)
    finally:
        context.close()


def test_claim_page_jsonld_parses_in_the_browser(page: Page, base: str) -> None:
    page.goto(f"{base}/claims/{CLAIM}.html")
    blocks = page.eval_on_selector_all(
        'script[type="application/ld+json"]', "els => els.map(e => e.textContent)"
    )
    (review,) = [json.loads(b) for b in blocks]
    assert review["@type"] == "ClaimReview"


def test_every_page_of_the_site_loads_without_script_errors(
    page: Page, base: str, example_site: Built
) -> None:
    errors = _errors(page)
    failed: list[str] = []
    # (a navigation cancels the previous page's loads: net::ERR_ABORTED is not a failure)
    page.on(
        "requestfailed",
        lambda r: (
            failed.append(f"{r.failure} {r.url}")
            if "ERR_ABORTED" not in (r.failure or "")
            else None
        ),
    )
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    paths = sorted(
        p.relative_to(example_site.site).as_posix()
        for p in Path(example_site.site).rglob("*.html")
        if "pagefind" not in p.parts and p.name != "404.html"
    )
    for rel in paths:
        page.goto(f"{base}/{rel}", wait_until="load")
    assert not errors, errors
    assert not failed, failed


def test_the_site_works_opened_from_disk(page: Page, example_site: Built) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto((example_site.site / "index.html").as_uri())
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Articles").click()
    page.wait_for_url("**/articles/index.html")
    page.locator(f'main a[href$="{ARTICLE.split("/")[1]}"]').first.click()
    page.wait_for_url(f"**/{ARTICLE}")
    page.locator(f'.claim-ref a[data-claim="{CLAIM}"]').first.click()
    page.locator(f'li.claim-note[data-claim="{CLAIM}"] a.note-link').click()
    page.wait_for_url(f"**/claims/{CLAIM}.html")
    assert page.evaluate(
        "[...document.styleSheets].some(s => s.href && s.href.endsWith('/assets/style.css'))"
    )
    assert not errors, errors


def test_search_from_disk_says_it_needs_a_server(page: Page, example_site: Built) -> None:
    page.goto((example_site.site / "search.html").as_uri() + "?q=transit")
    status = page.locator("#search-status")
    status.wait_for()
    assert "served by a web server" in status.inner_text()
    assert page.locator("#search-form").is_hidden()


def test_a_share_card_is_a_1200_by_630_picture(page: Page, base: str) -> None:
    page.goto(f"{base}/claims/{CLAIM}.html")
    card = page.locator('meta[property="og:image"]').get_attribute("content")
    assert card is not None and card.endswith(f"/cards/{CLAIM}.png")
    page.goto(f"{base}/cards/{CLAIM}.png")
    size = page.evaluate("[document.images[0].naturalWidth, document.images[0].naturalHeight]")
    assert size == [1200, 630]


def test_claims_stand_beside_the_article_on_a_wide_screen(page: Page, base: str) -> None:
    def boxes() -> tuple[FloatRect, FloatRect]:
        text = page.locator(".article-body").bounding_box()
        notes = page.locator(".claim-notes").bounding_box()
        assert text is not None and notes is not None
        return text, notes

    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(f"{base}/{ARTICLE}")
    text, notes = boxes()
    assert notes["x"] >= text["x"] + text["width"], "the notes are to the right of the text"
    assert notes["y"] < text["y"] + text["height"], "beside it, not below it"
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{base}/{ARTICLE}")
    text, notes = boxes()
    assert notes["y"] >= text["y"] + text["height"], "on a phone they follow the text"
    assert abs(notes["x"] - text["x"]) < 2
