"""The review preview (`factcheck serve`, by default): every verdict in every state where readers
would see it once published, marked with its state; the published view beside it; the review
desk; following the change; and nothing of it anywhere but the preview server.

Tests here serve a copy of the example project, whose unpublished verdicts are marked DRAFT-ONLY
and SUBMITTED-ONLY; each test adds words of its own that appear nowhere else.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from helpers import copy_example, run_cli, site_texts
from serve_helpers import INJECTED, edit, get, wait_for_build

from factcheck.build import CACHE_DIR, build_site
from factcheck.serve import PreviewServer

if TYPE_CHECKING:
    from playwright.sync_api import Page

UNPUBLISHED = ("DRAFT-ONLY", "SUBMITTED-ONLY")
NEW_DRAFT = "Quibbleberry-Xylophonic"
"""A word that only the draft written during a test contains."""
CLAIM = "transit-fares-frozen"
"""In review in the example: one draft by Tomás Bell."""
DRAFT_PATH = f"content/verdicts/{CLAIM}/sam-okafor.md"
DRAFT = f"""---
claim: {CLAIM}
reviewer: sam-okafor
rating: "false"
status: draft
headline: {NEW_DRAFT} headline, the plan says April 2027.
---
{NEW_DRAFT} reasoning: the adopted plan [@hcc-budget-2026] assumes a rise; see
[[transit-budget-doubled]].
"""


@pytest.fixture
def example(tmp_path: Path) -> Path:
    return copy_example(tmp_path / "example")


@pytest.fixture
def served(example: Path) -> Iterator[PreviewServer]:
    server = PreviewServer(example, port=0, debounce=0.05, search=False)
    result = server.start()
    assert result is not None and result.ok, result and result.diagnostics.format_text()
    try:
        yield server
    finally:
        server.stop()


def _write_draft(server: PreviewServer) -> None:
    builds = server.builds
    (server.root / DRAFT_PATH).write_text(DRAFT, encoding="utf-8")
    wait_for_build(server, builds)
    assert server.last_result is not None and server.last_result.ok


# -- what the preview shows ----------------------------------------------------------------------


def test_every_verdict_is_on_its_claim_page_marked_with_its_state(served: PreviewServer) -> None:
    _write_draft(served)
    status, headers, body = get(served, f"/claims/{CLAIM}.html")
    page = body.decode()
    assert status == 200
    assert f"{NEW_DRAFT} headline" in page and f"{NEW_DRAFT} reasoning" in page
    # Each verdict says what it is and whose.
    draft = '<span class="status-label status-draft">Draft</span> by '
    assert f'{draft}<a href="../reviewers/sam-okafor.html">Sam Okafor</a>' in page
    assert f'{draft}<a href="../reviewers/tomas-bell.html">Tomás Bell</a>' in page
    # Numbered citations and claim links render as they will once published.
    assert '<a href="#source-1"' in page and 'id="source-1"' in page
    assert 'class="claim-link" href="../claims/transit-budget-doubled.html"' in page
    # What it would publish as, in the words of `factcheck status`; disagreement flagged early.
    assert "Verdicts disagree (Misleading vs False)" in page
    assert "needs agreement or an editor" in page
    assert "noindex" in headers["x-robots-tag"]
    assert '<meta name="robots" content="noindex, nofollow">' in page


def test_the_outlook_is_the_same_as_status(served: PreviewServer) -> None:
    status = run_cli("status", "--project", str(served.root), "--format", "json").json()
    rows = {r["claim"]: r for r in status}
    for claim in (
        "consultants-2-3-million",
        "bus-fleet-one-third-electric",
        "vehicle-crime-down-18-percent",
        "seawall-protects-14000-homes",
    ):
        _, _, body = get(served, f"/claims/{claim}.html")
        outlook = rows[claim]["outlook"]
        assert (outlook[0].upper() + outlook[1:]).replace("'", "&#39;") in body.decode(), claim


def test_the_published_view_is_exactly_the_public_site(
    served: PreviewServer, tmp_path: Path
) -> None:
    _write_draft(served)
    status, _, body = get(served, "/__factcheck/published/" + f"claims/{CLAIM}.html")
    assert status == 200
    assert b"Published view" in body  # its banner says which view it is
    assert NEW_DRAFT.encode() not in body and b"DRAFT-ONLY" not in body
    fresh = build_site(served.root, output=tmp_path / "public", search=False)
    assert fresh.ok
    for path in (f"claims/{CLAIM}.html", "index.html", "articles/harbour-city-transit-budget.html"):
        _, _, served_body = get(served, "/__factcheck/published/" + path)
        assert INJECTED.sub(b"", served_body) == (tmp_path / "public" / path).read_bytes()
    # The desk is the preview's only.
    assert get(served, "/__factcheck/published/review/index.html")[0] == 404


@pytest.mark.parametrize(
    ("language", "title", "direction"),
    [("es", "Vista previa de revisión", "ltr"), ("ar", "معاينة المراجعة", "rtl")],
)
def test_the_banner_speaks_the_sites_language(
    example: Path, language: str, title: str, direction: str
) -> None:
    config = example / "factcheck.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("language: en-GB", f"language: {language}"), encoding="utf-8")
    server = PreviewServer(example, port=0, search=False)
    result = server.start()
    try:
        assert result is not None and result.ok, result and result.diagnostics.format_text()
        body = get(server, "/index.html")[2].decode()
        aside = body[body.index('<aside id="factcheck-preview-banner"') :]
        aside = aside[: aside.index("</aside>")]
        assert f'aria-label="{title}"' in aside and f'dir="{direction}"' in aside
        assert f"<strong>{title}</strong>" in aside
        assert "Review" not in aside and "Published view" not in aside, aside
    finally:
        server.stop()


def test_serve_published_shows_only_the_public_site(example: Path, tmp_path: Path) -> None:
    server = PreviewServer(example, port=0, search=False, published=True)
    server.start()
    try:
        fresh = build_site(example, output=tmp_path / "public", search=False)
        assert fresh.ok
        for path in (f"claims/{CLAIM}.html", "index.html", "claims/index.html"):
            status, headers, body = get(server, "/" + path)
            assert status == 200 and "x-robots-tag" not in headers
            assert b"factcheck-preview-banner" not in body
            assert INJECTED.sub(b"", body) == (tmp_path / "public" / path).read_bytes()
        assert get(server, "/review/index.html")[0] == 404
    finally:
        server.stop()


def test_article_pages_show_the_state_of_every_claim(served: PreviewServer) -> None:
    _, _, body = get(served, "/articles/mayor-state-of-the-city-2026.html")
    page = body.decode()
    assert 'data-claim="vehicle-crime-down-18-percent" data-state="disputed"' in page
    assert 'data-claim="bus-fleet-one-third-electric" data-state="in review"' in page
    assert ">Disputed</span>" in page
    assert "Disputed: Misleading vs False, needs an editor" in page


def test_the_public_site_says_only_under_review(tmp_path: Path, example: Path) -> None:
    """Unpublished work leaks by existence no more: the public marks and notes say "in
    review" of every claim that is not published, never "disputed" or "unreviewed"."""
    result = build_site(example, output=tmp_path / "public", search=False)
    assert result.ok
    page = (tmp_path / "public/articles/mayor-state-of-the-city-2026.html").read_text("utf-8")
    assert 'data-state="disputed"' not in page and 'data-state="unreviewed"' not in page
    assert 'data-claim="vehicle-crime-down-18-percent" data-state="in review"' in page
    assert "Disputed" not in page


# -- the review desk -----------------------------------------------------------------------------


def test_the_desk_lists_every_claim_with_its_verdicts_and_files(served: PreviewServer) -> None:
    _write_draft(served)
    status, _, body = get(served, "/review/index.html")
    page = body.decode()
    assert status == 200
    assert page.count('class="desk-row"') == 26  # the example's claims
    row = page[page.index(f'data-claim="{CLAIM}"') :]
    row = row[: row.index("</li>\n")]
    assert 'data-todo="sam-okafor tomas-bell"' in row
    assert "Sam Okafor: False" in row and DRAFT_PATH in row
    assert "To do: <bdi>finish your draft</bdi>" in row
    assert "content/articles/harbour-city-transit-budget.md:31" in row
    assert 'data-state="unreviewed" data-reviewers="" data-todo="" data-unreviewed' in page


def test_the_desk_flags_verdicts_older_than_their_article(served: PreviewServer) -> None:
    root = served.root
    article = root / "content/articles/harbour-city-transit-budget.md"
    for path in (root / "content").rglob("*.md"):  # all saved long ago
        os.utime(path, (1_000_000, 1_000_000))
    builds = served.builds
    edit(article, "Ledger Wire News", "Ledger Wire News Service")
    wait_for_build(served, builds)
    _, _, body = get(served, "/review/index.html")
    page = body.decode()
    row = page[page.index('data-claim="transit-budget-doubled"') :]
    row = row[: row.index("</li>\n")]
    assert " data-stale" in row and "article changed since" in row
    other = page[page.index('data-claim="council-tax-up-40-percent"') :]
    assert " data-stale" not in other[: other.index("</li>\n")]


# -- the server ----------------------------------------------------------------------------------


def test_the_preview_is_never_built_into_site(example: Path, served: PreviewServer) -> None:
    _write_draft(served)
    assert not (example / "site").exists()
    assert served.output.is_relative_to(example / CACHE_DIR)
    with pytest.raises(ValueError, match="only under"):
        build_site(example, output=example / "site", preview=True)
    assert not (example / "site").exists()


def test_a_foreign_host_is_refused(served: PreviewServer) -> None:
    """DNS rebinding: a page on evil.example whose name points at 127.0.0.1 gets nothing."""
    import http.client

    for host, expected in (
        ("evil.example", 403),
        (f"evil.example:{served.port}", 403),
        (f"127.0.0.1:{served.port}", 200),
        (f"localhost:{served.port}", 200),
        (f"preview.localhost:{served.port}", 200),
    ):
        for path in ("/", "/__factcheck/events", f"/claims/{CLAIM}.html"):
            conn = http.client.HTTPConnection("127.0.0.1", served.port, timeout=10)
            try:
                conn.putrequest("GET", path, skip_host=True, skip_accept_encoding=True)
                conn.putheader("Host", host)
                conn.endheaders()
                response = conn.getresponse()
                assert response.status == expected, (host, path)
                if expected == 403:
                    assert b"DRAFT" not in response.read()
            finally:
                conn.close()


@pytest.mark.parametrize(
    "path", ["/%ff", "/claims/%ff%fe.html", "/" + "a" * 300 + ".html", "/claims/" + "%C3%A9" * 200]
)
def test_bad_paths_get_an_answer(served: PreviewServer, path: str) -> None:
    status, _, _ = get(served, path)
    assert status == 400
    assert served.httpd.internal_errors == 0


# -- in the browser ------------------------------------------------------------------------------


def test_a_draft_written_while_the_preview_is_open_appears_marked(
    served: PreviewServer, page: Page
) -> None:
    from support.browser import axe_violations, format_violations

    page.goto(served.url + f"claims/{CLAIM}.html")
    assert page.locator("#factcheck-preview-banner").is_visible()
    page.evaluate("window.__before = 1")
    (served.root / DRAFT_PATH).write_text(DRAFT, encoding="utf-8")
    page.wait_for_function(f"document.body.textContent.includes('{NEW_DRAFT} headline')")
    heading = page.locator("article.verdict h3", has_text="Sam Okafor")
    assert " ".join(heading.inner_text().split()).lower() == "draft by sam okafor"
    assert page.locator("article.verdict[data-status=draft]").count() == 2
    violations = axe_violations(page)
    assert not violations, format_violations(violations)

    # The switch to the published view, from the banner: the draft is not there.
    page.locator("#factcheck-preview-banner a", has_text="Published view").click()
    page.wait_for_url(f"**/__factcheck/published/claims/{CLAIM}.html")
    text = page.locator("body").inner_text()
    assert NEW_DRAFT not in text and "DRAFT-ONLY" not in text
    assert "under review" in text.lower()

    # The desk lists it, and Sam's queue holds it.
    page.goto(served.url + "review/index.html#reviewer=sam-okafor")
    row = page.locator(f"li.desk-row[data-claim={CLAIM}]")
    assert row.is_visible()
    assert "finish your draft" in row.inner_text()
    assert page.locator("li.desk-row[data-claim=council-tax-up-40-percent]").is_hidden()
    violations = axe_violations(page)
    assert not violations, format_violations(violations)


def test_the_preview_follows_the_change(served: PreviewServer, page: Page) -> None:
    page.goto(served.url)
    builds = served.builds
    (served.root / DRAFT_PATH).write_text(DRAFT, encoding="utf-8")
    wait_for_build(served, builds)
    page.wait_for_url(f"**/claims/{CLAIM}.html")
    assert NEW_DRAFT in page.locator("main").inner_text()


def test_following_can_be_turned_off(served: PreviewServer, page: Page) -> None:
    page.goto(served.url + "pages/about.html")
    page.locator("#factcheck-follow").uncheck()
    page.evaluate("window.__before = 1")
    builds = served.builds
    (served.root / DRAFT_PATH).write_text(DRAFT, encoding="utf-8")
    wait_for_build(served, builds)
    page.wait_for_function("window.__before === undefined")  # reloaded in place
    assert page.url.endswith("/pages/about.html")


def test_nothing_unpublished_reaches_site_or_a_published_folder(
    example: Path, tmp_path: Path, page: Page
) -> None:
    """A serve session with edits in drafts and submitted verdicts, with the published view
    and search open; then build and publish: no unpublished word anywhere in what they
    wrote, the search index unpacked."""
    server = PreviewServer(example, port=0, debounce=0.05, search=True)
    server.start()
    try:
        page.goto(server.url + "__factcheck/published/index.html")
        for text in (DRAFT, DRAFT.replace("status: draft", "status: submitted")):
            builds = server.builds
            (example / DRAFT_PATH).write_text(text, encoding="utf-8")
            wait_for_build(server, builds)
        from serve_helpers import wait_until

        wait_until(server.search_current, 60, "the search indexes")
    finally:
        server.stop()
    assert not (example / "site").exists()  # serve wrote nothing there
    config = example / "factcheck.yaml"
    assert "base_url:" in config.read_text(encoding="utf-8")
    build = run_cli("build", "--project", str(example))
    assert build.exit_code == 0, build.output
    published = tmp_path / "www"
    result = run_cli("publish", "--project", str(example), "--to", "folder", str(published))
    assert result.exit_code == 0, result.output
    for folder in (example / "site", published, example / CACHE_DIR / "serve" / "published"):
        texts = site_texts(folder)
        assert any(rel.startswith("pagefind/fragment") for rel, _ in texts), folder
        leaks = [
            f"{rel}: {word}"
            for rel, text in texts
            for word in (NEW_DRAFT, *UNPUBLISHED)
            if word in text
        ]
        assert not leaks, "\n".join(leaks)
    # The check sees published words (it would see a leak).
    assert any("280 million dollars" in text for _, text in site_texts(published))
    # And the preview did show them, in its own folder only.
    assert any(
        NEW_DRAFT in text for _, text in site_texts(example / CACHE_DIR / "serve" / "preview")
    )
