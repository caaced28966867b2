"""The example project's media claims as a consumer reads them: MediaReview and ClaimReview
JSON-LD extracted with extruct (as search engines read JSON-LD), the published copies of the
photo, and the claim pages in headless Chromium."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import CONFIG, REVIEWER, write_project
from playwright.sync_api import Page
from site_helpers import BASE_URL, Built
from support.browser import axe_violations, format_violations, serve_directory
from support.media_files import wav

from factcheck.build import build_site

PHOTO = "harbour-road-flood-photo"
CLIP = "mayor-seawall-clip"
PHOTO_FILE = Path(__file__).resolve().parents[2] / "content/media/2026/harbour-road-flood.jpg"


def extracted(path: Path) -> list[dict[str, Any]]:
    import extruct

    html = path.read_text(encoding="utf-8")
    data = extruct.extract(html, base_url=BASE_URL, syntaxes=["json-ld"], uniform=True)
    found: list[dict[str, Any]] = data["json-ld"]
    return found


def by_type(items: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [item for item in items if item.get("@type") == kind]


def test_the_photo_claim_has_a_media_review_that_extruct_reads(example_site: Built) -> None:
    items = extracted(example_site.site / "claims" / f"{PHOTO}.html")
    (claim_review,) = by_type(items, "ClaimReview")
    (review,) = by_type(items, "MediaReview")
    assert claim_review["reviewRating"]["alternateName"] == "False"
    assert review["mediaAuthenticityCategory"] == "https://schema.org/DecontextualizedContent"
    assert review["reviewRating"]["alternateName"] == "Missing context"
    assert review["url"] == f"{BASE_URL}claims/{PHOTO}.html" == claim_review["url"]
    assert review["author"]["name"] == "Harbour City Fact Check"
    assert review["datePublished"] == claim_review["datePublished"]
    assert review["originalMediaLink"] == "https://photos.example.net/portmere-storm-2019/street-12"
    assert "Portmere" in review["originalMediaContextDescription"]
    item = review["itemReviewed"]
    assert item["@type"] == "MediaReviewItem"
    assert item["interpretedAsClaim"]["@type"] == "Claim"
    (image,) = item["mediaItemAppearance"]
    assert image["@type"] == "ImageObject"
    assert image["sha256"] == hashlib.sha256(PHOTO_FILE.read_bytes()).hexdigest()
    assert image["contentUrl"].startswith(f"{BASE_URL}media/harbour-road-flood-")
    copy = example_site.site / image["contentUrl"].removeprefix(BASE_URL)
    from PIL import Image

    with Image.open(copy) as published:
        assert (published.width, published.height) == (image["width"], image["height"])
        assert not published.getexif()


def test_the_video_claim_has_a_media_review_of_the_part_checked(example_site: Built) -> None:
    items = extracted(example_site.site / "claims" / f"{CLIP}.html")
    (review,) = by_type(items, "MediaReview")
    assert review["mediaAuthenticityCategory"] == "https://schema.org/EditedOrCroppedContent"
    (video,) = review["itemReviewed"]["mediaItemAppearance"]
    assert video["@type"] == "VideoObject"
    assert video["contentUrl"].endswith(".mp4") and "sha256" not in video  # given by url
    assert (video["hasPart"]["startOffset"], video["hasPart"]["endOffset"]) == (4360, 4379)
    assert video["archivedAt"].startswith("https://web.archive.org/")


def test_only_published_media_claims_have_a_media_review(example_site: Built) -> None:
    with_review = {
        path.stem
        for path in (example_site.site / "claims").glob("*.html")
        if by_type(extracted(path), "MediaReview")
    }
    assert with_review == {PHOTO, CLIP}


def test_the_site_holds_the_photos_copies_and_nothing_else_of_content_media(
    example_site: Built,
) -> None:
    copies = sorted(p.name for p in (example_site.site / "media").iterdir())
    digest = hashlib.sha256(PHOTO_FILE.read_bytes()).hexdigest()[:12]
    assert copies == [f"harbour-road-flood-{digest}-{w}.jpg" for w in (1200, 480, 960)]
    original = PHOTO_FILE.read_bytes()
    assert all((example_site.site / "media" / name).read_bytes() != original for name in copies)


# -- in the browser -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def base(example_site: Built) -> Iterator[str]:
    with serve_directory(example_site.site) as url:
        yield url


@pytest.mark.browser
def test_the_photo_is_shown_at_a_size_from_its_srcset(page: Page, base: str) -> None:
    page.set_viewport_size({"width": 480, "height": 800})
    page.goto(f"{base}/claims/{PHOTO}.html")
    image = page.locator(".claim-media img")
    image.scroll_into_view_if_needed()
    page.wait_for_function("() => document.querySelector('.claim-media img').complete")
    shown = page.evaluate(
        "() => { const i = document.querySelector('.claim-media img');"
        " return {src: i.currentSrc, natural: i.naturalWidth, alt: i.alt} }"
    )
    assert shown["natural"] > 0, shown  # decoded: the copy is a real image
    assert "/media/harbour-road-flood-" in shown["src"]
    assert not shown["src"].endswith("-1200.jpg")  # a narrow screen gets a smaller copy
    assert shown["alt"].startswith("A street of shops under brown flood water")
    assert page.get_by_text("Missing context").first.is_visible()
    assert (
        page.locator(".media-hash code").inner_text()
        == hashlib.sha256(PHOTO_FILE.read_bytes()).hexdigest()
    )


@pytest.mark.browser
def test_the_video_has_native_controls_and_starts_at_the_part_checked(
    page: Page, base: str
) -> None:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{base}/claims/{CLIP}.html")
    video = page.locator(".claim-media video")
    assert video.evaluate("v => v.controls") is True
    assert (video.get_attribute("src") or "").endswith(".mp4#t=4360,4379")
    assert video.get_attribute("preload") == "none"
    assert not [u for u in requests if "video.example.net" in u]  # nothing fetched until play


@pytest.mark.browser
@pytest.mark.parametrize("claim", [PHOTO, CLIP])
def test_axe_finds_no_violations_on_media_claim_pages(page: Page, base: str, claim: str) -> None:
    page.goto(f"{base}/claims/{claim}.html")
    violations = axe_violations(page)
    assert not violations, format_violations(violations)


@pytest.fixture(scope="module")
def audio_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("audio") / "project"
    write_project(
        root,
        {
            "content/reviewers/sam.md": REVIEWER,
            "content/media/voice-note.wav": wav(4.0),
            "content/claims/voice-note.md": (
                "---\nsummary: A voice note has the Mayor admitting the budget is fake.\n"
                "media:\n  - type: audio\n    file: voice-note.wav\n"
                "    start: 1.5\n    end: 3\n---\n"
            ),
            "content/verdicts/voice-note/sam.md": (
                '---\nclaim: voice-note\nreviewer: sam\nrating: "false"\n'
                "media_rating: transformed\nstatus: approved\n"
                "headline: The voice is synthetic.\n---\nReasoning.\n"
            ),
        },
        config=CONFIG,
    )
    result = build_site(root, search=False)
    assert result.ok, result.diagnostics.format_text()
    with serve_directory(result.output) as url:
        yield url


@pytest.mark.browser
def test_a_recording_plays_from_its_start(page: Page, audio_site: str) -> None:
    page.goto(f"{audio_site}/claims/voice-note.html")
    audio = page.locator(".claim-media audio")
    assert audio.evaluate("a => a.controls") is True
    page.wait_for_function(
        "() => document.querySelector('.claim-media audio').readyState >= 1", timeout=10_000
    )
    assert audio.evaluate("a => a.currentTime") == pytest.approx(1.5)
    assert audio.evaluate("a => a.duration") == pytest.approx(4.0, abs=0.05)
    assert page.get_by_text("0:01.5 to 0:03").is_visible()
