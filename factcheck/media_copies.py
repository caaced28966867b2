"""The copies of claims' media that a site publishes: never the files themselves.

A photo's EXIF can hold where it was taken and on which phone; a video's ``udta`` box the same.
Location data leaks sources, so nothing of a media file reaches the site but what plays:

- an image is decoded by Pillow, turned upright as its EXIF orientation says, converted to
  sRGB, and encoded afresh at each width of :data:`RENDITION_WIDTHS` below its own (and its own,
  up to the largest): JPEG for photographs, PNG for images with transparency or that were PNG.
  Only the pixels cross over: no EXIF, GPS, XMP, IPTC, ICC profile, comment or thumbnail. Each
  copy is kept under ``.factcheck-cache/media/`` by the source's SHA-256 and :data:`RECIPE`, so a
  photo is resized once, not on every build;
- a video or a recording keeps its container, less its metadata: in an MP4, MOV or M4A the
  ``udta`` and ``meta`` boxes (titles, tags, the ``©xyz`` location, cover art) and XMP ``uuid``
  boxes become ``free`` boxes of the same size, zeroed, so that no offset into the file moves;
  a WAV keeps only its ``fmt ``, ``fact`` and ``data`` chunks; an MP3 loses its ID3 and APE tags.

Only entries whose file's bytes were found to be the declared type reach here (see
factcheck/media.py). Site paths carry the source's hash, so a changed file gets a new name and no
browser keeps showing the old one.
"""

from __future__ import annotations

import contextlib
import io
import struct
from dataclasses import dataclass
from pathlib import Path

from .cache import read_stored, store
from .diagnostics import Diagnostics
from .ids import slugify
from .media import IMAGE_FORMATS, id3_end, iso_boxes, riff_chunks
from .model import MediaFile, MediaItem

RENDITION_WIDTHS = (480, 960, 1600)
"""The widths (pixels) images are published at; a smaller image is published at its own width
too. 1600 covers a claim page's column on a high-density screen."""
DEFAULT_WIDTH = 960
"""The width of the ``src`` a browser without ``srcset`` support shows."""
JPEG_QUALITY = 82
RECIPE = "r1"
"""Changes whenever the way copies are made does, so that cached copies are made again."""
MEDIA_FOLDER = "media"
"""Where published copies go in the site."""
CACHE_FOLDER = "media"
"""Where resized images are kept, in the build cache folder."""


@dataclass(frozen=True, slots=True)
class Rendition:
    path: str
    """Its site path (``media/flood-3f2a9c1b04de-960.jpg``)."""
    width: int
    height: int


def _stem(file: MediaFile) -> str:
    name = file.rel.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return (slugify(name)[:40].strip("-") or "media") + "-" + file.sha256[:12]


def image_extension(file: MediaFile) -> str:
    """What an image is published as: PNG stays PNG (screenshots, drawings, transparency);
    everything else becomes JPEG, unless it has transparency (then PNG)."""
    return "png" if file.format in ("png", "gif") or file.alpha else "jpg"


def image_renditions(file: MediaFile) -> list[Rendition]:
    """The sizes an image is published at, smallest first."""
    width, height = file.width or 1, file.height or 1
    widths = [w for w in RENDITION_WIDTHS if w < width]
    if width <= RENDITION_WIDTHS[-1]:
        widths.append(width)
    ext = image_extension(file)
    stem = _stem(file)
    return [
        Rendition(f"{MEDIA_FOLDER}/{stem}-{w}.{ext}", w, max(1, round(height * w / width)))
        for w in widths
    ]


def copy_path(file: MediaFile) -> str:
    """The site path of a video's or recording's published copy."""
    return f"{MEDIA_FOLDER}/{_stem(file)}.{file.format}"


class MediaProblem(Exception):
    """A file that passed its checks but cannot be made into a published copy."""


def site_media(
    wanted: list[tuple[str, MediaItem]], cache: Path, diags: Diagnostics, *, keep: bool = True
) -> dict[str, bytes]:
    """The published copies of the media files ``wanted`` (each with the file that names it):
    site path -> bytes. A file that cannot be made into one is an error at its entry. Resized
    images are read from the cache folder ``cache``, and kept there if ``keep``."""
    out: dict[str, bytes] = {}
    for path, item in wanted:
        if item.file is None:
            continue
        try:
            out.update(published_copies(item.file, cache, keep=keep))
        except MediaProblem as exc:
            diags.error(path, item.position, str(exc), "replace the file, or remove the entry")
    return out


def published_copies(file: MediaFile, cache: Path | None, *, keep: bool = True) -> dict[str, bytes]:
    """Every published copy of ``file``: site path -> bytes. Raises :class:`MediaProblem`."""
    try:
        with open(file.path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise MediaProblem(f"cannot read content/media/{file.rel}: {exc.strerror}") from None
    import hashlib

    if hashlib.sha256(data).hexdigest() != file.sha256:
        raise MediaProblem(f"content/media/{file.rel} changed while the site was being built")
    if file.kind != "image":
        return {copy_path(file): stripped(file.format, data)}
    renditions = image_renditions(file)
    out: dict[str, bytes] = {}
    missing: list[Rendition] = []
    for rendition in renditions:
        name = f"{file.sha256}-{RECIPE}-{rendition.path.rsplit('-', 1)[-1]}"
        kept = read_stored(cache, name) if cache is not None else None
        if kept is None:
            missing.append(rendition)
        else:
            out[rendition.path] = kept
    if missing:
        made = resized(data, [(r.width, r.height) for r in missing], renditions[0].path[-3:])
        for rendition, copy in zip(missing, made, strict=True):
            out[rendition.path] = copy
            if cache is not None and keep:
                name = f"{file.sha256}-{RECIPE}-{rendition.path.rsplit('-', 1)[-1]}"
                store(cache, name, copy)
    return {r.path: out[r.path] for r in renditions}


def resized(data: bytes, sizes: list[tuple[int, int]], ext: str) -> list[bytes]:
    """The image in ``data`` at each of ``sizes``, as new files of pixels only ("jpg" or
    "png")."""
    from PIL import Image, ImageCms, ImageOps

    try:
        with Image.open(io.BytesIO(data), formats=IMAGE_FORMATS) as opened:
            opened.seek(0)  # an animation's first frame
            if opened.format == "JPEG" and sizes:
                # libjpeg can decode at 1/2, 1/4 or 1/8 scale: a 12-megapixel photo is read at
                # the smallest scale still at least as large as the largest copy (4 times
                # faster), then resized as any other image. (Sizes are upright; the file may
                # be stored turned a quarter.)
                width, height = max(sizes)
                turned = opened.getexif().get(0x0112, 1) in (5, 6, 7, 8)
                opened.draft(None, (height, width) if turned else (width, height))
            image = ImageOps.exif_transpose(opened)
            image.load()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise MediaProblem(f"the image cannot be decoded: {exc}") from None
    icc = image.info.get("icc_profile")
    if icc:
        # A broken profile: the pixels as they are are the best guess.
        with contextlib.suppress(ImageCms.PyCMSError, OSError, ValueError):
            image = (
                ImageCms.profileToProfile(
                    image.convert("RGBA" if "A" in image.mode else "RGB"),
                    ImageCms.ImageCmsProfile(io.BytesIO(icc)),
                    ImageCms.createProfile("sRGB"),
                    outputMode="RGBA" if "A" in image.mode else "RGB",
                )
                or image
            )
    alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    image = image.convert("RGBA" if ext == "png" and alpha else "RGB")
    # Nothing of the original's metadata may ride along: encoders read some of it (a JPEG's
    # comment, a PNG's ICC profile) from ``info`` unless told otherwise.
    image.info = {}
    out = []
    for width, height in sizes:
        copy = (
            image
            if (width, height) == image.size
            else image.resize((width, height), Image.Resampling.LANCZOS)
        )
        buffer = io.BytesIO()
        if ext == "png":
            copy.save(buffer, "PNG", optimize=True)
        else:
            copy.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
        out.append(buffer.getvalue())
    return out


# -- video and audio -------------------------------------------------------------------------

_ISO_METADATA = {b"udta", b"meta"}
_ISO_WALK = {b"moov", b"trak", b"mdia", b"minf"}
_XMP_UUID = bytes.fromhex("be7acfcb97a942e89c71999491e3afac")
_WAV_KEEP = {b"fmt ", b"fact", b"data"}


def stripped(fmt: str, data: bytes) -> bytes:
    """A video's or recording's bytes without its metadata (see the module's docstring)."""
    if fmt in ("mp4", "mov", "m4a"):
        return _iso_stripped(data)
    if fmt == "wav":
        return _wav_stripped(data)
    if fmt == "mp3":
        return _mp3_stripped(data)
    raise MediaProblem(f"no way to publish a {fmt} file without its metadata")


def _iso_stripped(data: bytes) -> bytes:
    out = bytearray(data)

    def blank(at: int, stop: int) -> None:
        size_field = 16 if struct.unpack_from(">I", out, at)[0] == 1 else 8
        out[at + 4 : at + 8] = b"free"
        out[at + size_field : stop] = bytes(stop - at - size_field)

    def walk(start: int, end: int, top: bool) -> None:
        for kind, at, stop in iso_boxes(data, start, end):
            xmp = top and kind == b"uuid" and data[at + 8 : at + 24] == _XMP_UUID
            if kind in _ISO_METADATA or xmp:
                blank(at, stop)
            elif kind in _ISO_WALK:
                walk(at + 8, stop, False)

    walk(0, len(data), True)
    return bytes(out)


def _wav_stripped(data: bytes) -> bytes:
    chunks = b"".join(data[at:stop] for kind, at, stop in riff_chunks(data) if kind in _WAV_KEEP)
    return b"RIFF" + struct.pack("<I", 4 + len(chunks)) + b"WAVE" + chunks


def _mp3_stripped(data: bytes) -> bytes:
    start = 0
    while (end := id3_end(data[start:])) > 0:  # tags may follow each other
        start += end
    stop = len(data)
    if data[stop - 128 : stop - 125] == b"TAG":  # ID3v1, at the very end
        stop -= 128
    if data[stop - 32 : stop - 24] == b"APETAGEX":  # an APEv2 tag's footer
        size = struct.unpack_from("<I", data, stop - 20)[0]
        flags = struct.unpack_from("<I", data, stop - 12)[0]
        stop -= size + (32 if flags & 0x80000000 else 0)
    return data[start:stop]
