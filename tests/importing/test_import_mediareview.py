"""Published checks of media (schema.org MediaReview), read as ClaimReview is: a claim whose
``media:`` are the media checked, and an outside verdict whose ``media_rating`` is the
MediaReview's category placed on our media scale."""

from __future__ import annotations

from pathlib import Path

from import_helpers import FIXTURES, assert_checks, do_import

from factcheck.project import open_project


def test_a_media_review_on_its_own(project: Path) -> None:
    report = do_import(project, FIXTURES / "mediareview" / "mediareview.json")
    assert not report.failed, report.diags.format_text()
    assert_checks(project)
    loaded, diags = open_project(project)
    assert loaded is not None and not diags.has_errors(), diags.format_text()
    [claim] = loaded.claims.values()
    [verdict] = loaded.verdicts.values()
    assert claim.summary == "A video shows the Harbour City ring-road bridge collapsing this week."
    assert claim.claimant == "Alex Wren"
    [media] = claim.media
    assert (media.type, media.url) == (
        "video",
        "https://social.example.com/alexwren/status/991/video.mp4",
    )
    assert media.original_url == "https://video.example.net/making-of-bridge-scene"
    assert media.original_context and "2018 disaster film" in media.original_context
    assert verdict.media_rating == "staged"  # StagedContent, on the default media scale
    assert verdict.reviewer == "coastline-verify"
    assert verdict.original_rating == "StagedContent"
    assert verdict.rating == "unproven"  # no label of ours: off-scale, with a warning
    assert any("off-scale" in d.message or "unproven" in d.message for d in report.diags.items)
    assert loaded.outside_verdicts(claim.id) == [verdict]


def test_a_media_review_beside_the_claim_review_of_the_same_check(project: Path) -> None:
    report = do_import(project, FIXTURES / "mediareview" / "claim-and-media.html")
    assert not report.failed, report.diags.format_text()
    loaded, diags = open_project(project)
    assert loaded is not None and not diags.has_errors(), diags.format_text()
    [claim] = loaded.claims.values()  # one check, not two
    [verdict] = loaded.verdicts.values()
    assert (verdict.rating, verdict.media_rating) == ("false", "decontextualized")
    [media] = claim.media
    assert media.type == "image" and media.alt == "A packed square at dusk, flags overhead."
    assert media.original_url == "https://photos.example.net/2019/festival"
    text = next((project / "content" / "claims").glob("*.md")).read_text(encoding="utf-8")
    assert "media:" in text and "type: image" in text
