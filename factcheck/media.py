"""A claim's media (``media:``): pictures, clips and recordings, read and checked.

Each entry names its ``type`` (image, video or audio) and either a ``file`` below
``content/media/`` or a ``url``. A file is known by its bytes, never by its name: its SHA-256 is
what a verdict on it provably refers to, and its type is read from the bytes (an image is opened
by Pillow; a video or a recording by the signature of its container, see
:func:`sniff_container`). Every problem is a diagnostic at the entry's key: a missing file, a
file that is not what the entry says, an SVG, an image without ``alt``, ``start`` after ``end``.

Only the formats that a browser plays and that factcheck can strip of metadata are taken (see
factcheck/media_copies.py, which makes the published copies):

- images: JPEG, PNG, GIF and WebP (decoded by Pillow); SVG is refused, since it can carry scripts;
- video: MP4 and QuickTime (ISO base media files with a video track);
- audio: MP3, WAV, and M4A (ISO base media files with a sound track only).
"""

from __future__ import annotations

import hashlib
import re
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .diagnostics import Diagnostics, Position
from .fields import Fields
from .frontmatter import ContentFile, a_yaml_type
from .model import MEDIA_TYPES, MediaFile, MediaItem
from .project_files import project_files

MEDIA_DIR = "content/media"
MEDIA_KEYS = (
    "type",
    "file",
    "url",
    "alt",
    "caption",
    "archived",
    "start",
    "end",
    "original_url",
    "original_context",
)
IMAGE_FORMATS = ("JPEG", "PNG", "GIF", "WEBP")
"""Pillow's names of the image formats taken (browsers show them all)."""
FORMATS_HINT = {
    "image": "images may be JPEG, PNG, GIF or WebP",
    "video": "videos may be MP4 or QuickTime (.mov) files; or give the video's 'url'",
    "audio": "recordings may be MP3, WAV or M4A files; or give the recording's 'url'",
}
MAX_IMAGE_PIXELS = 50_000_000
"""Larger images are refused: decoding one would take gigabytes (a "decompression bomb")."""


@dataclass(frozen=True, slots=True)
class Sniffed:
    kind: str
    """"image", "video" or "audio"."""
    format: str
    mime: str
    width: int | None = None
    height: int | None = None
    alpha: bool = False


class NotMedia(Exception):
    """The bytes are not a media file factcheck takes; the message says what they are."""


# -- what the bytes are ----------------------------------------------------------------------


def iso_boxes(
    data: bytes, start: int = 0, end: int | None = None
) -> Iterator[tuple[bytes, int, int]]:
    """The boxes of an ISO base media file (MP4, MOV, M4A) between ``start`` and ``end``: (type,
    where the box starts, where it ends). Stops at the first box whose size does not fit."""
    end = len(data) if end is None else end
    at = start
    while at + 8 <= end:
        size, kind = struct.unpack_from(">I4s", data, at)
        header = 8
        if size == 1:  # a 64-bit size follows the type
            if at + 16 > end:
                return
            size = struct.unpack_from(">Q", data, at + 8)[0]
            header = 16
        elif size == 0:  # the box runs to the end of the file
            size = end - at
        if size < header or at + size > end:
            return
        yield kind, at, at + size
        at += size


CONTAINER_BOXES = {b"moov", b"trak", b"mdia", b"minf", b"stbl", b"edts", b"udta", b"dinf"}


def _handlers(data: bytes) -> set[bytes]:
    """The handler types of an ISO base media file's tracks (b"vide", b"soun", ...)."""
    found: set[bytes] = set()

    def walk(start: int, end: int) -> None:
        for kind, at, stop in iso_boxes(data, start, end):
            if kind == b"hdlr" and stop - at >= 20:
                found.add(data[at + 16 : at + 20])  # header, version and flags, pre_defined
            elif kind in CONTAINER_BOXES:
                walk(at + 8, stop)

    walk(0, len(data))
    return found


_MP3_FRAME = re.compile(rb"\xff[\xe2-\xff]")
"""The first two bytes of an MPEG audio frame: eleven sync bits, then a version and layer that
are not "reserved"."""


def id3_end(data: bytes) -> int:
    """Where an ID3v2 tag at the start of ``data`` ends (0 without one)."""
    if data[:3] != b"ID3" or len(data) < 10:
        return 0
    size = 0
    for byte in data[6:10]:  # a "synchsafe" integer: 7 bits a byte
        size = (size << 7) | (byte & 0x7F)
    footer = 10 if data[5] & 0x10 else 0
    return 10 + size + footer


def _is_mp3(data: bytes) -> bool:
    """An MP3: frames that follow each other where their headers say (two in a row), after an
    optional ID3v2 tag."""
    at = id3_end(data)
    for _ in range(2):
        if _MP3_FRAME.match(data, at) is None:
            return False
        length = _mp3_frame_length(data[at : at + 4])
        if length is None:
            return False
        at += length
    return True


_BITRATES = {  # kbit/s by index, for MPEG-1 layer III and MPEG-2/2.5 layer III
    1: (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
    2: (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
}
_SAMPLE_RATES = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}


def _mp3_frame_length(header: bytes) -> int | None:
    """The length in bytes of the MPEG layer III frame with this 4-byte header, or None."""
    if len(header) < 4:
        return None
    version = (header[1] >> 3) & 3  # 3: MPEG-1, 2: MPEG-2, 0: MPEG-2.5, 1: reserved
    layer = (header[1] >> 1) & 3  # 1: layer III
    bitrate_index = header[2] >> 4
    rate_index = (header[2] >> 2) & 3
    padding = (header[2] >> 1) & 1
    if version == 1 or layer != 1 or bitrate_index in (0, 15) or rate_index == 3:
        return None
    bitrate = _BITRATES[1 if version == 3 else 2][bitrate_index] * 1000
    rate = _SAMPLE_RATES[version][rate_index]
    return (144 if version == 3 else 72) * bitrate // rate + padding


def sniff_container(data: bytes) -> Sniffed:
    """What a video or audio file is, by its container's signature (its first bytes, then the
    structure they promise):

    - ISO base media (MP4, MOV, M4A): a ``ftyp`` box first; a track with a video handler
      (``vide``) makes it a video, one with only sound (``soun``) a recording;
    - WAV: ``RIFF`` .... ``WAVE`` with a ``fmt `` chunk;
    - MP3: an optional ID3v2 tag, then two MPEG layer III frames, each where the last ends.

    Raises :class:`NotMedia` with what it found instead."""
    if data[4:8] == b"ftyp":
        boxes = {kind for kind, _, _ in iso_boxes(data)}
        if b"moov" not in boxes:
            raise NotMedia("an MP4 or QuickTime file without its 'moov' index, so it cannot play")
        handlers = _handlers(data)
        brand = data[8:12]
        if b"vide" in handlers:
            mime = "video/quicktime" if brand == b"qt  " else "video/mp4"
            return Sniffed("video", "mov" if brand == b"qt  " else "mp4", mime)
        if b"soun" in handlers:
            return Sniffed("audio", "m4a", "audio/mp4")
        raise NotMedia("an MP4 file with neither a video nor a sound track")
    if data[:4] == b"RIFF" and data[8:12] == b"WAVE":
        if not any(kind == b"fmt " for kind, _, _ in riff_chunks(data)):
            raise NotMedia("a WAV file without its 'fmt ' chunk")
        return Sniffed("audio", "wav", "audio/wav")
    if _is_mp3(data):
        return Sniffed("audio", "mp3", "audio/mpeg")
    raise NotMedia(_what_else(data))


def riff_chunks(data: bytes) -> Iterator[tuple[bytes, int, int]]:
    """The chunks of a RIFF file (WAV): (id, where the chunk starts, where it ends, padding
    included)."""
    at = 12
    while at + 8 <= len(data):
        kind, size = struct.unpack_from("<4sI", data, at)
        stop = at + 8 + size + (size & 1)
        if at + 8 + size > len(data):
            return
        yield kind, at, min(stop, len(data))
        at = stop


_SIGNATURES = (
    (b"\x1aE\xdf\xa3", "a WebM or Matroska file (not taken yet: convert it to MP4)"),
    (b"OggS", "an Ogg file (not taken yet: convert it to MP3 or M4A)"),
    (b"fLaC", "a FLAC file (not taken yet: convert it to WAV or M4A)"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an office document)"),
    (b"\x7fELF", "a program"),
    (b"MZ", "a program"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
)


def _what_else(data: bytes) -> str:
    if not data:
        return "an empty file"
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            return what
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "a WebP image"
    if is_svg(data):
        return "an SVG image"
    head = data[:512].lstrip()
    if head[:1] == b"<":
        return "an HTML or XML document"
    if b"\0" not in data[:512]:
        return "a text file"
    return "a file of an unknown kind"


def is_svg(data: bytes) -> bool:
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<svg", b"<?xml", b"<!doctype svg")) and b"<svg" in data[:4096].lower()


def sniff_image(data: bytes) -> Sniffed:
    """What an image is, by Pillow's reading of its bytes: format and size (turned as its EXIF
    orientation says). Raises :class:`NotMedia`."""
    import io

    from PIL import Image, UnidentifiedImageError

    if is_svg(data):
        raise NotMedia(
            "an SVG image: SVG can carry scripts and is never published; export it as PNG"
        )
    try:
        with Image.open(io.BytesIO(data), formats=IMAGE_FORMATS) as image:
            image.verify()  # the file's structure (a PNG's checksums...), before anything else
        with Image.open(io.BytesIO(data), formats=IMAGE_FORMATS) as image:
            fmt = image.format or ""
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                raise NotMedia(
                    f"an image of {width} x {height} pixels, more than factcheck takes "
                    f"({MAX_IMAGE_PIXELS:,} pixels); make it smaller"
                )
            orientation = image.getexif().get(0x0112, 1)
            alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    except UnidentifiedImageError:
        raise NotMedia(_what_else(data)) from None
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise NotMedia(f"an image that cannot be read ({exc})") from None
    if orientation in (5, 6, 7, 8):  # turned a quarter: width and height swap places
        width, height = height, width
    mime = Image.MIME.get(fmt, "image/" + fmt.lower())
    return Sniffed("image", fmt.lower(), mime, width, height, alpha)


# -- files under content/media/ --------------------------------------------------------------

_facts: dict[tuple[str, str], Sniffed | str] = {}
"""What bytes were found to be (or why not), by their SHA-256 and the type declared: a preview
server's rebuilds decode a photo once, not on every edit of a verdict (the bytes are still read
and hashed each time, so nothing is trusted on a file's times)."""


def media_index(root: str, diags: Diagnostics) -> dict[str, str]:
    """The files below content/media/: path below it -> where to read it (links that lead out
    of the project and special files are reported, see factcheck/project_files.py)."""
    return {
        found.rel: found.path
        for found in project_files(root, MEDIA_DIR, diags, hidden=False, readable=False)
    }


def probe(rel: str, path: str, declared: str) -> MediaFile | str:
    """The file at ``path`` as its bytes say, or why it cannot be the ``declared`` type."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        return f"cannot read content/media/{rel}: {exc.strerror}"
    sha = hashlib.sha256(data).hexdigest()
    found = _facts.get((sha, declared))
    if found is None:
        found = _sniff(data, declared)
        if len(_facts) > 10_000:
            _facts.clear()
        _facts[(sha, declared)] = found
    if isinstance(found, str):
        return f"content/media/{rel} is not {_a(declared)} factcheck can publish: it is {found}"
    if found.kind != declared:
        return (
            f"content/media/{rel} is declared as {_a(declared)}, but its bytes are "
            f"{_a(found.kind)} ({found.mime})"
        )
    return MediaFile(
        rel,
        path,
        sha,
        len(data),
        found.kind,
        found.format,
        found.mime,
        found.width,
        found.height,
        found.alpha,
    )


def _sniff(data: bytes, declared: str) -> Sniffed | str:
    """What ``data`` is, read first as the ``declared`` type, then as the others (to say what
    a file declared wrongly is); or why it is none of them."""
    first, second = (
        (sniff_image, sniff_container) if declared == "image" else (sniff_container, sniff_image)
    )
    try:
        return first(data)
    except NotMedia as exc:
        try:
            return second(data)
        except NotMedia:
            return str(exc)


def _a(kind: str) -> str:
    return {"image": "an image", "video": "a video", "audio": "a recording"}.get(kind, kind)


# -- the ``media:`` entries of a claim -------------------------------------------------------


_TIME = re.compile(r"(?:(?:(\d+):)?([0-5]?\d):)?(\d+(?:\.\d+)?)\Z")


def seconds(text: str) -> float | None:
    """A time in a recording: seconds (``83``, ``83.5``) or ``m:ss`` / ``h:mm:ss`` (``1:23``,
    ``0:01:23.5``); None if it is neither."""
    match = _TIME.match(text.strip())
    if match is None:
        return None
    hours, minutes, secs = match.groups()
    if (hours or minutes) and float(secs) >= 60:
        return None
    return int(hours or 0) * 3600 + int(minutes or 0) * 60 + float(secs)


def read_media(
    content: ContentFile,
    base: tuple[str | int, ...],
    diags: Diagnostics,
    files: dict[str, str],
) -> list[MediaItem]:
    """The ``media:`` list of the claim whose front matter is at ``base`` in ``content``."""
    meta = content.meta
    data: Any = meta.data
    for key in base:
        data = data[key]
    raw = data.get("media") if isinstance(data, dict) else None
    if raw is None:
        return []
    entries = raw if isinstance(raw, list) else [raw]
    if isinstance(raw, dict):  # one entry written without its list: take it, as a list of one
        entries = [raw]
    items: list[MediaItem] = []
    for index, entry in enumerate(entries):
        where = (*base, "media", index) if isinstance(raw, list) else (*base, "media")
        if not isinstance(entry, dict):
            diags.error(
                content.path,
                meta.pos(*where),
                f"each media entry must be a mapping with type and file or url, "
                f"not {a_yaml_type(entry)}",
                "for example: - {type: image, file: photo.jpg, alt: What it shows}",
            )
            continue
        item = _media_item(content, where, diags, files)
        if item is not None:
            items.append(item)
    return items


def _media_item(
    content: ContentFile, where: tuple[str | int, ...], diags: Diagnostics, files: dict[str, str]
) -> MediaItem | None:
    f = Fields(
        content.meta, content.path, diags, base=where, known=MEDIA_KEYS, what="a media entry"
    )
    f.check_unknown()
    kind = f.text("type", required=True)
    if kind is not None and kind not in MEDIA_TYPES:
        from .diagnostics import did_you_mean

        f.error(
            "type",
            f"the media type must be image, video or audio; found '{kind}'",
            did_you_mean(kind, MEDIA_TYPES),
        )
        kind = None
    url = f.url("url")
    written = f.text("file")
    position = content.meta.pos(*where) or Position(1, 1)
    if f.has("file") and f.has("url"):
        f.error(
            "url",
            "a media entry has a 'file' or a 'url', not both",
            "keep the file (our copy); the address where it appeared goes in 'original_url'",
            at_key=True,
        )
    elif not f.has("file") and not f.has("url"):
        diags.error(
            content.path,
            position,
            "a media entry needs a 'file' (below content/media/) or a 'url'",
        )
    item = MediaItem(
        type=kind or "",
        position=position,
        url=url,
        alt=f.text("alt"),
        caption=f.text("caption"),
        archived=f.url("archived"),
        start=_time(f, "start"),
        end=_time(f, "end"),
        original_url=f.url("original_url"),
        original_context=f.text("original_context"),
    )
    if kind == "image" and not (item.alt or "").strip():
        diags.error(
            content.path,
            f.key_pos("alt") or position,
            "an image needs 'alt': what it shows, for people who cannot see it",
            "for example alt: A flooded street, water up to the doors of parked cars",
        )
    if kind == "image" and (f.has("start") or f.has("end")):
        f.error(
            "start" if f.has("start") else "end",
            "'start' and 'end' are for video and audio, not images",
            at_key=True,
        )
    if item.start is not None and item.end is not None and item.start >= item.end:
        f.error(
            "end",
            f"'end' ({clock(item.end)}) must come after 'start' ({clock(item.start)})",
            "the checked part runs from start to end, such as start: 1:05 and end: 1:40",
        )
    if written is not None and kind is not None:
        item.file = _media_file(f, written, kind, files)
    if kind is None:
        return None
    return item


def _time(f: Fields, key: str) -> float | None:
    if not f.has(key):
        return None
    value = f.data[key]
    raw = f.doc.raw.get((*f.base, key))
    if isinstance(value, bool):
        value = None
    elif isinstance(value, (int, float)) and raw is None:
        return float(value) if value >= 0 else None
    text = raw if raw is not None else value if isinstance(value, str) else None
    found = seconds(text) if isinstance(text, str) else None
    if found is None:
        f.error(
            key,
            f"'{key}' must be a time in the recording, in seconds (83) or as m:ss (1:23) or "
            f"h:mm:ss (0:01:23); found {text if text is not None else a_yaml_type(value)}",
        )
    return found


def clock(value: float) -> str:
    """Seconds as m:ss or h:mm:ss (with a fraction when there is one)."""
    minutes, secs = divmod(value, 60)
    hours, minutes = divmod(int(minutes), 60)
    text = f"{secs:05.2f}".rstrip("0").rstrip(".")
    return f"{hours}:{minutes:02d}:{text}" if hours else f"{minutes}:{text}"


def _media_file(f: Fields, written: str, kind: str, files: dict[str, str]) -> MediaFile | None:
    from .fields import site_path_problem

    rel = written
    for prefix in ("content/media/", "media/"):
        if rel.startswith(prefix) and rel not in files and rel[len(prefix) :] in files:
            rel = rel[len(prefix) :]  # the folder written out: forgiven when nothing else fits
    problem = site_path_problem(rel)
    if problem:
        f.error("file", f"'file' must be a path below content/media/: {problem}")
        return None
    path = files.get(rel)
    if path is None:
        from .diagnostics import did_you_mean

        f.error(
            "file",
            f"no file content/media/{rel}",
            did_you_mean(rel, files)
            or "put the file below content/media/ and give its path from there",
        )
        return None
    found = probe(rel, path, kind)
    if isinstance(found, str):
        f.error("file", found, FORMATS_HINT[kind])
        return None
    return found
