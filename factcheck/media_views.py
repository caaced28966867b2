"""What templates see of a claim's media and of the media rating scale (see docs/theme.md).

Part of the views (factcheck/views.py): a :class:`MediaView` is made only for a published claim,
or in the review preview, so the site never shows, links or copies the media of a claim that is
not published. Every ``src`` and rendition ``path`` is a site path, made relative to the page with
``{{ root }}``; a media entry given by ``url`` is shown from there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from .media import clock
from .media_copies import DEFAULT_WIDTH, Rendition, copy_path, image_renditions
from .model import Config, MediaItem

if TYPE_CHECKING:
    from .i18n import Translations
    from .views import SiteViews

PLAYABLE_EXTENSIONS = {
    "video": (".mp4", ".m4v", ".mov", ".webm", ".ogv"),
    "audio": (".mp3", ".m4a", ".wav", ".ogg", ".oga", ".opus", ".flac", ".aac"),
    "image": (".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif"),
}
"""A ``url`` whose path ends so is a media file a browser can show itself; any other address is
a page (a post, a video site), which the claim page links to instead of embedding."""


@dataclass(frozen=True, slots=True)
class MediaRatingView:
    id: str
    label: str
    category: str
    """schema.org's name for it (a MediaManipulationRatingEnumeration member)."""
    description: str


@dataclass(frozen=True, slots=True)
class MediaView:
    type: str
    """"image", "video" or "audio"."""
    src: str
    """A site path (a file's published copy) or an absolute URL (an entry given by ``url``)."""
    external: bool
    """Whether ``src`` is an outside address (``url``) rather than our own copy."""
    playable: bool
    """Whether ``src`` is a media file a browser shows itself (else a page to link to)."""
    host: str | None
    """The outside site an entry given by ``url`` is on (``video.example.net``)."""
    alt: str | None
    caption: str | None
    archived: str | None
    start: float | None
    end: float | None
    fragment: str
    """The media fragment that starts playback at ``start`` (``#t=65,100``; "" without)."""
    span: str
    """The part checked, in the site's words ("1:05 to 1:40"; "" without)."""
    original_url: str | None
    original_context: str | None
    sha256: str | None
    """The SHA-256 of the file checked (None for an entry given by ``url``)."""
    size: int | None
    mime: str | None
    width: int | None
    height: int | None
    renditions: tuple[Rendition, ...] = ()
    """An image's published sizes, smallest first (for ``srcset``)."""


def media_rating_views(config: Config) -> dict[str, MediaRatingView]:
    return {
        r.id: MediaRatingView(r.id, r.label, r.category, r.description)
        for r in config.media_ratings
    }


def _number(value: float) -> str:
    return f"{value:g}"


def media_views(items: list[MediaItem], words: Translations) -> tuple[MediaView, ...]:
    return tuple(media_view(item, words) for item in items)


def media_view(item: MediaItem, words: Translations) -> MediaView:
    """What a template sees of ``item``; ``words`` say the part checked in the site's
    language."""
    fragment = ""
    if item.start is not None or item.end is not None:
        fragment = (
            "#t="
            + _number(item.start or 0)
            + (f",{_number(item.end)}" if item.end is not None else "")
        )
    span = ""
    if item.start is not None and item.end is not None:
        span = words.plain("media_span", start=clock(item.start), end=clock(item.end))
    elif item.start is not None:
        span = words.plain("media_span_from", start=clock(item.start))
    elif item.end is not None:
        span = words.plain("media_span_up_to", end=clock(item.end))
    file = item.file
    renditions: tuple[Rendition, ...] = ()
    if file is not None:
        if file.kind == "image":
            renditions = tuple(image_renditions(file))
            fitting = [r for r in renditions if r.width <= DEFAULT_WIDTH]
            src = (fitting or list(renditions))[-1].path
        else:
            src = copy_path(file)
        external, playable = False, True
    else:
        src = item.url or ""
        external = True
        path = urlsplit(src).path.lower()
        playable = path.endswith(PLAYABLE_EXTENSIONS.get(item.type, ()))
    return MediaView(
        type=item.type,
        src=src,
        external=external,
        playable=playable,
        host=(urlsplit(src).hostname or None) if external else None,
        alt=item.alt,
        caption=item.caption,
        archived=item.archived,
        start=item.start,
        end=item.end,
        fragment=fragment,
        span=span,
        original_url=item.original_url,
        original_context=item.original_context,
        sha256=file.sha256 if file else None,
        size=file.size if file else None,
        mime=file.mime if file else None,
        width=file.width if file else None,
        height=file.height if file else None,
        renditions=renditions,
    )


def shown_media(views: SiteViews) -> list[tuple[str, MediaItem]]:
    """The media files the site built from ``views`` shows, each once (by its hash), with the
    file that names it: those of published claims (and in the preview, of every claim). Only
    these are copied into the site."""
    found: dict[str, tuple[str, MediaItem]] = {}
    for claim_id in sorted(views.project.claims):
        claim = views.project.claims[claim_id]
        if not claim.media or not views.claim(claim_id).media:
            continue
        for item in claim.media:
            if item.file is not None:
                found.setdefault(item.file.sha256, (claim.path, item))
    return list(found.values())
