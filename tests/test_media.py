"""Claims' media (``media:``): what reaches the site (published copies only, without metadata),
the media rating by the review rules, and the media scale in factcheck.yaml.

The errors of ``media:`` entries, each at its place, are in tests/invalid_projects/media-*/."""

from __future__ import annotations

import html
import io
import json
import re
from pathlib import Path

import pytest
from helpers import CONFIG, EDITOR, REVIEWER, check, messages, run_cli, site_texts, write_project
from support.media_files import LOCATION, SECRET, jpeg_with_gps, mp3, mp4, wav

from factcheck.build import build_site
from factcheck.media import seconds, sniff_container
from factcheck.media_copies import RENDITION_WIDTHS, stripped

CLAIM = """\
---
summary: A photo shows Harbour Road flooded last week.
claimant: A viral post
media:
  - type: image
    file: 2026/flood.jpg
    alt: A street under water up to the doors of parked cars.
    caption: The photo as it was shared.
    original_url: https://example.org/2019/storm
    original_context: Taken in 2019, in another city.
---
"""


def verdict(
    reviewer: str,
    *,
    status: str = "approved",
    media: str | None = "decontextualized",
    rating: str = '"false"',
    final: bool = False,
) -> str:
    lines = [
        "---",
        "claim: flood-photo",
        f"reviewer: {reviewer}",
        f"rating: {rating}",
        f"status: {status}",
        "headline: The photo is from 2019.",
    ]
    if media is not None:
        lines.append(f"media_rating: {media}")
    if final:
        lines.append("final: true")
    return "\n".join([*lines, "---", f"Reasoning by {reviewer}.", ""])


def _files(files: dict[str, str | bytes]) -> dict[str, str | bytes]:
    """(A literal mixing text and bytes, typed as the files it is.)"""
    return files


def project(tmp_path: Path, **extra: str | bytes) -> Path:
    files: dict[str, str | bytes | None] = {
        "content/reviewers/sam.md": REVIEWER,
        "content/claims/flood-photo.md": CLAIM,
        "content/media/2026/flood.jpg": jpeg_with_gps(2000, 1200),
        "content/verdicts/flood-photo/sam.md": verdict("sam"),
    }
    files.update(extra)
    return write_project(tmp_path / "project", files)


def build(root: Path, **options: object) -> Path:
    result = build_site(root, search=False, **options)  # type: ignore[arg-type]
    assert result.ok, result.diagnostics.format_text()
    return result.output


def published_media(site: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((site / "media").glob("*"))}


# -- what reaches the site ----------------------------------------------------------------------


def test_a_jpeg_with_gps_exif_is_published_without_it(tmp_path: Path) -> None:
    from PIL import Image

    original = jpeg_with_gps(2000, 1200)
    with Image.open(io.BytesIO(original)) as image:
        assert image.getexif().get_ifd(0x8825), "the fixture has GPS data to strip"
    site = build(project(tmp_path))
    copies = published_media(site)
    assert sorted(Image.open(io.BytesIO(d)).width for d in copies.values()) == [480, 960, 1600]
    for name, data in copies.items():
        with Image.open(io.BytesIO(data)) as image:
            assert image.format == "JPEG"
            assert not image.getexif(), name
            assert not image.getexif().get_ifd(0x8825), name
            assert "exif" not in image.info and "comment" not in image.info, name
        assert b"Exif" not in data and SECRET not in data, name
    page = (site / "claims" / "flood-photo.html").read_text(encoding="utf-8")
    for name in copies:
        assert f"../media/{name}" in page  # srcset names every size


def test_an_image_is_turned_upright_as_its_exif_says(tmp_path: Path) -> None:
    from PIL import Image

    root = project(
        tmp_path, **{"content/media/2026/flood.jpg": jpeg_with_gps(600, 400, orientation=6)}
    )
    site = build(root)
    (data,) = published_media(site).values()
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == (400, 600)  # turned a quarter, as the camera meant
    assert 'width="400" height="600"' in (site / "claims/flood-photo.html").read_text()


def test_a_png_keeps_its_pixels_and_loses_its_text_and_profile(tmp_path: Path) -> None:
    from PIL import Image, ImageCms, PngImagePlugin

    image = Image.new("RGBA", (300, 200), (200, 30, 30, 128))
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", SECRET.decode())
    out = io.BytesIO()
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    image.save(out, "PNG", pnginfo=info, icc_profile=profile)
    claim = CLAIM.replace("2026/flood.jpg", "chart.png")
    root = project(
        tmp_path,
        **_files(
            {"content/claims/flood-photo.md": claim, "content/media/chart.png": out.getvalue()}
        ),
    )
    (data,) = published_media(build(root)).values()
    with Image.open(io.BytesIO(data)) as copy:
        assert copy.format == "PNG" and copy.mode == "RGBA" and copy.size == (300, 200)
        assert copy.getpixel((10, 10)) == (200, 30, 30, 128)
        assert "icc_profile" not in copy.info and "Author" not in copy.info
    assert SECRET not in data


def test_an_unpublished_claims_image_never_reaches_the_site(tmp_path: Path) -> None:
    root = project(
        tmp_path, **{"content/verdicts/flood-photo/sam.md": verdict("sam", status="draft")}
    )
    site = build(root)
    assert not (site / "media").exists()
    page = (site / "claims" / "flood-photo.html").read_text(encoding="utf-8")
    assert "<img" not in page and 'class="claim-media"' not in page
    from factcheck.media import probe

    sha = probe("2026/flood.jpg", str(root / "content/media/2026/flood.jpg"), "image")
    assert not isinstance(sha, str)
    for rel, text in site_texts(site):
        assert sha.sha256 not in text, rel
        assert "flood-" + sha.sha256[:12] not in text, rel
        assert "A street under water" not in text, rel  # the alt text, the caption: nothing
        assert "another city" not in text, rel
    # The review preview shows it (its own folder, under the build cache).
    preview = build(root, output=root / ".factcheck-cache" / "preview", preview=True)
    assert len(published_media(preview)) == 3
    assert "A street under water" in (preview / "claims/flood-photo.html").read_text()


def test_a_withdrawn_media_claim_keeps_its_page_and_loses_its_media_and_reviews(
    tmp_path: Path,
) -> None:
    withdrawn = CLAIM.replace(
        "media:\n",
        "withdrawn:\n  date: 2026-05-15\n  note: We checked the wrong post.\nmedia:\n",
    )
    site = build(project(tmp_path, **{"content/claims/flood-photo.md": withdrawn}))
    page = (site / "claims" / "flood-photo.html").read_text(encoding="utf-8")
    assert "We checked the wrong post." in page  # the page stays, and says why
    assert "application/ld+json" not in page  # neither ClaimReview nor MediaReview
    assert "<img" not in page and not (site / "media").exists()
    assert "flood-photo" not in (site / "claimreview.json").read_text(encoding="utf-8")


def test_the_preview_says_how_each_verdict_rates_the_media_in_the_sites_words(
    tmp_path: Path,
) -> None:
    root = project(
        tmp_path,
        **_files(
            {
                "factcheck.yaml": TWO,
                "content/reviewers/helen.md": EDITOR,
                "content/verdicts/flood-photo/helen.md": verdict(
                    "helen", status="draft", media=None
                ),
            }
        ),
    )
    shown = _preview_media_ratings(root)
    assert shown == [
        "Sam Okafor (Approved): Missing context",
        "Helen Marsh (Draft): no media rating yet",
    ]
    (root / "factcheck.yaml").write_text(TWO + "language: es\n", encoding="utf-8")
    shown = _preview_media_ratings(root)
    assert shown == [
        "Sam Okafor (Aprobado): Missing context",  # (the scale is the project's words)
        "Helen Marsh (Borrador): aún sin calificación del contenido multimedia",
    ]


def _preview_media_ratings(root: Path) -> list[str]:
    preview = build(root, output=root / ".factcheck-cache" / "preview", preview=True)
    page = (preview / "claims" / "flood-photo.html").read_text(encoding="utf-8")
    found = re.search(r'<ul class="preview-media-ratings">(.*?)</ul>', page, re.S)
    assert found is not None
    items = re.findall(r"<li>(.*?)</li>", found.group(1), re.S)
    return [html.unescape(re.sub(r"<[^>]+>", "", item)) for item in items]


def test_resized_images_are_made_once_and_kept_by_hash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = project(tmp_path)
    first = published_media(build(root))
    kept = sorted(p.name for p in (root / ".factcheck-cache" / "media").iterdir())
    assert len(kept) == 3 and all(name.startswith(tuple("0123456789abcdef")) for name in kept)

    import factcheck.media_copies

    def fail(*args: object, **kwargs: object) -> list[bytes]:
        raise AssertionError("resized again")

    monkeypatch.setattr(factcheck.media_copies, "resized", fail)
    assert published_media(build(root)) == first
    # A changed photo is a new file: a new hash, new names, resized anew.
    (root / "content/media/2026/flood.jpg").write_bytes(jpeg_with_gps(1000, 700))
    with pytest.raises(AssertionError, match="resized again"):
        build_site(root, search=False)


def test_a_small_image_is_not_enlarged(tmp_path: Path) -> None:
    root = project(tmp_path, **{"content/media/2026/flood.jpg": jpeg_with_gps(700, 300)})
    from PIL import Image

    widths = sorted(Image.open(io.BytesIO(d)).width for d in published_media(build(root)).values())
    assert widths == [w for w in RENDITION_WIDTHS if w < 700] + [700]


def test_video_and_audio_are_published_without_their_metadata(tmp_path: Path) -> None:
    claim = CLAIM.replace(
        """media:
  - type: image
    file: 2026/flood.jpg
    alt: A street under water up to the doors of parked cars.
""",
        """media:
  - type: video
    file: clip.mp4
    start: 0:05
    end: 0:12
  - type: audio
    file: voice/note.wav
  - type: audio
    file: voice/note.mp3
""",
    )
    root = project(
        tmp_path,
        **_files(
            {
                "content/claims/flood-photo.md": claim,
                "content/media/clip.mp4": mp4(),
                "content/media/voice/note.wav": wav(1.0),
                "content/media/voice/note.mp3": mp3(),
            }
        ),
    )
    site = build(root)
    copies = published_media(site)
    assert sorted(name.rsplit(".", 1)[1] for name in copies) == ["mp3", "mp4", "wav"]
    for name, data in copies.items():
        assert SECRET not in data and LOCATION not in data, name
    video = next(d for n, d in copies.items() if n.endswith(".mp4"))
    assert len(video) == len(mp4())  # boxes blanked in place: no offset moves
    assert sniff_container(video).kind == "video"
    assert sniff_container(next(d for n, d in copies.items() if n.endswith(".wav"))).format == "wav"
    assert sniff_container(next(d for n, d in copies.items() if n.endswith(".mp3"))).format == "mp3"
    page = (site / "claims/flood-photo.html").read_text(encoding="utf-8")
    assert "#t=5,12" in page and "0:05 to 0:12" in page


def test_stripping_keeps_what_plays() -> None:
    import wave as wave_module

    data = wav(0.5)
    with wave_module.open(io.BytesIO(stripped("wav", data))) as read:
        assert read.getnframes() == 4000 and read.getframerate() == 8000
    assert (
        stripped("mp3", mp3())
        == b"\xff\xfb\x90\x00" + bytes(413) + (b"\xff\xfb\x90\x00" + bytes(413)) * 3
    )


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("83", 83),
        ("83.5", 83.5),
        ("1:23", 83),
        ("01:23", 83),
        ("1:02:03", 3723),
        ("0:00:01.25", 1.25),
    ],
)
def test_times_in_a_recording(text: str, value: float) -> None:
    assert seconds(text) == value


@pytest.mark.parametrize("text", ["1:75", "-3", "a minute", "1::2", ""])
def test_times_that_are_not(text: str) -> None:
    assert seconds(text) is None


# -- the media rating, by the review rules ------------------------------------------------------

TWO = CONFIG.replace("min_reviewers: 1", "min_reviewers: 2")


def _standing(root: Path, claim: str = "flood-photo") -> tuple[str, str | None, str | None]:
    from factcheck.project import open_project

    loaded, diags = open_project(root)
    assert loaded is not None, diags.format_text()
    found = loaded.claims[claim]
    return found.state.value, found.rating, found.media_rating


def test_verdicts_that_rate_the_media_differently_leave_the_claim_disputed(tmp_path: Path) -> None:
    root = project(
        tmp_path,
        **_files(
            {
                "factcheck.yaml": TWO,
                "content/reviewers/lena.md": "---\nname: Lena Haraldsen\n---\n",
                "content/verdicts/flood-photo/lena.md": verdict("lena", media="edited"),
            }
        ),
    )
    state, rating, media = _standing(root)
    assert (state, rating, media) == ("disputed", None, None)
    result = run_cli("status", "--project", str(root))
    assert "the media is rated Missing context vs Edited or cropped" in result.output

    # An editor's ruling settles both ratings.
    (root / "content/reviewers/helen.md").write_text(EDITOR)
    (root / "content/verdicts/flood-photo/helen.md").write_text(
        verdict("helen", media="edited", final=True)
    )
    assert _standing(root) == ("published", "false", "edited")

    # Two that agree publish it.
    (root / "content/verdicts/flood-photo/helen.md").unlink()
    (root / "content/verdicts/flood-photo/lena.md").write_text(verdict("lena"))
    assert _standing(root) == ("published", "false", "decontextualized")


def test_a_drafts_media_rating_never_leaks(tmp_path: Path) -> None:
    config = (
        CONFIG
        + """media_ratings:
  - id: original
    label: Untouched original
    category: OriginalMediaContent
  - id: staged
    label: DRAFT-ONLY staged scene
    category: StagedContent
"""
    )
    root = project(
        tmp_path,
        **_files(
            {
                "factcheck.yaml": config,
                "content/verdicts/flood-photo/sam.md": verdict(
                    "sam", status="draft", media="staged"
                ),
            }
        ),
    )
    site = build(root)
    for rel, text in site_texts(site):
        if rel != "ratings/index.html":  # (the scale itself is public; the rating is not)
            assert "DRAFT-ONLY" not in text, rel


def test_an_approved_verdict_of_a_media_claim_must_rate_the_media(tmp_path: Path) -> None:
    root = project(tmp_path, **{"content/verdicts/flood-photo/sam.md": verdict("sam", media=None)})
    result = check(root)
    assert result.exit_code == 1
    assert messages(result) == [
        "content/verdicts/flood-photo/sam.md:5:1: error: claim 'flood-photo' is a media claim: "
        "an approved verdict must rate its media too"
    ]


# -- the media scale in factcheck.yaml ----------------------------------------------------------


def test_a_project_without_a_media_scale_gets_the_default_one(tmp_path: Path) -> None:
    from factcheck.config import DEFAULT_MEDIA_RATINGS
    from factcheck.model import MEDIA_CATEGORIES
    from factcheck.project import open_project

    loaded, _ = open_project(project(tmp_path))
    assert loaded is not None
    assert [r.id for r in loaded.config.media_ratings] == [r.id for r in DEFAULT_MEDIA_RATINGS]
    assert {r.category for r in DEFAULT_MEDIA_RATINGS} <= set(MEDIA_CATEGORIES)


def test_a_media_scale_of_ones_own_and_its_mistakes(tmp_path: Path) -> None:
    config = (
        CONFIG
        + """media_ratings:
  - id: genuine
    label: Genuine
    category: https://schema.org/AuthenticContent
  - id: doctored
    category: Transformed
  - id: genuine
    category: OriginalMediaContent
  - id: odd
    category: StagedContent
    colour: red
"""
    )
    root = project(
        tmp_path,
        **_files(
            {
                "factcheck.yaml": config,
                "content/verdicts/flood-photo/sam.md": verdict("sam", media="genuine"),
            }
        ),
    )
    result = check(root)
    assert messages(result) == [
        "factcheck.yaml:17:15: error: 'Transformed' is not a schema.org "
        "MediaManipulationRatingEnumeration value",
        "factcheck.yaml:18:9: error: the media rating 'genuine' is defined twice",
        "factcheck.yaml:22:5: error: unknown field 'colour' in a media rating",
    ]


def test_the_scaffold_writes_a_media_scale(tmp_path: Path) -> None:
    import yaml

    result = run_cli("init", str(tmp_path / "new"))
    assert result.exit_code == 0, result.output
    config = yaml.safe_load((tmp_path / "new" / "factcheck.yaml").read_text())
    categories = [r["category"] for r in config["media_ratings"]]
    assert "DecontextualizedContent" in categories and "TransformedContent" in categories
    assert check(tmp_path / "new", "--strict").exit_code == 0


# -- data ---------------------------------------------------------------------------------------


def test_the_data_feed_carries_the_media_review(tmp_path: Path) -> None:
    config = CONFIG + "base_url: https://check.example.org/\n"
    site = build(project(tmp_path, **{"factcheck.yaml": config}))
    feed = json.loads((site / "claimreview.json").read_text())
    (element,) = feed["dataFeedElement"]
    types = [item["@type"] for item in element["item"]]
    assert types == ["ClaimReview", "MediaReview"]
    media = element["item"][1]
    assert media["mediaAuthenticityCategory"] == "https://schema.org/DecontextualizedContent"
    (image,) = media["itemReviewed"]["mediaItemAppearance"]
    assert image["@type"] == "ImageObject" and len(image["sha256"]) == 64
    assert image["contentUrl"].startswith("https://check.example.org/media/flood-")
    assert (site / image["contentUrl"].removeprefix("https://check.example.org/")).is_file()


def test_the_scaffolds_media_scale_is_the_default_one() -> None:
    import yaml

    from factcheck.config import DEFAULT_MEDIA_RATINGS

    scaffold = Path(__file__).parents[1] / "factcheck" / "scaffold" / "factcheck.yaml"
    written = yaml.safe_load(scaffold.read_text(encoding="utf-8"))["media_ratings"]
    assert [(r["id"], r["label"], r["category"], r["description"]) for r in written] == [
        (r.id, r.label, r.category, r.description) for r in DEFAULT_MEDIA_RATINGS
    ]


def test_a_photo_that_cannot_be_decoded_fails_check_as_it_fails_build(tmp_path: Path) -> None:
    whole = jpeg_with_gps(800, 600)
    root = project(tmp_path, **{"content/media/2026/flood.jpg": whole[: len(whole) // 2]})
    result = check(root)
    assert result.exit_code == 1
    (message,) = messages(result)
    assert message.startswith(
        "content/claims/flood-photo.md:5:5: error: the image cannot be decoded: "
        "image file is truncated"
    )
    built = build_site(root, search=False)
    assert not built.ok and not (root / "site").exists()
    assert [d.message.split(" (")[0] for d in built.diagnostics.errors] == [
        "the image cannot be decoded: image file is truncated"
    ]


@pytest.mark.parametrize(
    ("name", "fmt", "published"), [("a.gif", "GIF", "png"), ("a.webp", "WEBP", "jpg")]
)
def test_gif_and_webp_are_published_as_png_and_jpeg(
    tmp_path: Path, name: str, fmt: str, published: str
) -> None:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (640, 360), (10, 120, 60)).save(out, fmt)
    claim = CLAIM.replace("2026/flood.jpg", name)
    root = project(
        tmp_path,
        **_files({"content/claims/flood-photo.md": claim, f"content/media/{name}": out.getvalue()}),
    )
    names = sorted(published_media(build(root)))
    assert [n.rsplit(".", 1)[1] for n in names] == [published, published]
