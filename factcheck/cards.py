"""Share cards: the picture a social network shows when a published check is shared (``og:image``,
``twitter:card`` summary_large_image): 1200 x 630 pixels, the claim, who made it and the rating,
drawn at build time with Pillow in the fonts that ship with factcheck (DejaVu Sans: never
fetched, the same on every machine).

A card is made from its inputs only (:class:`CardText`), so the same inputs give the same bytes;
the bytes are kept under ``.factcheck-cache/cards/``, named by a digest of the inputs, the fonts
and :data:`CARD_VERSION`, and a rebuild (in the same process or the next) reuses them instead of
drawing again. Pillow is imported only when a card is drawn.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import tempfile
import unicodedata
from dataclasses import astuple, dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

CARD_SIZE = (1200, 630)
CARD_VERSION = "1"
"""Changed whenever the drawing changes, so that no card of an older drawing is reused."""
TONE_COLOURS = {
    "good": (29, 106, 53),
    "fair": (79, 99, 17),
    "poor": (140, 70, 0),
    "bad": (163, 27, 27),
    "none": (77, 77, 97),
    "pending": (89, 89, 89),
}
"""The theme's tone colours (assets/style.css), each with white text at WCAG AA contrast."""
INK = (27, 27, 31)
MUTED = (79, 82, 96)
PAPER = (255, 255, 255)


@dataclass(frozen=True, slots=True)
class CardText:
    """Everything a card shows."""

    summary: str
    claimant: str
    rating: str
    tone: str
    site: str
    when: str
    """The check's date, as the site writes it."""


@cache
def _font_bytes() -> tuple[bytes, bytes]:
    fonts = resources.files("factcheck") / "fonts"
    return ((fonts / "DejaVuSans.ttf").read_bytes(), (fonts / "DejaVuSans-Bold.ttf").read_bytes())


@cache
def _fonts_digest() -> str:
    regular, bold = _font_bytes()
    return hashlib.sha256(regular + bold).hexdigest()[:16]


def card_key(text: CardText) -> str:
    """The digest that names a card: its inputs, the fonts, the drawing's version."""
    parts = "\x1f".join([CARD_VERSION, _fonts_digest(), *astuple(text)])
    return hashlib.sha256(parts.encode("utf-8")).hexdigest()


@cache
def _font(bold: bool, size: int, basic: bool = False) -> Any:
    from PIL import ImageFont

    regular, heavy = _font_bytes()
    engine = ImageFont.Layout.BASIC if basic else None
    return ImageFont.truetype(io.BytesIO(heavy if bold else regular), size, layout_engine=engine)


def printable(text: str) -> str:
    """``text`` without what no card should draw: control, format, private-use, unassigned
    and lone surrogate characters (a reviewer's stray escape would otherwise break the
    layout engine), white space made single spaces."""
    kept = "".join(c for c in text if unicodedata.category(c)[0] != "C" or c in "\t\n")
    return " ".join(kept.split())


def _wrap(draw: Any, text: str, font: Any, width: int) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if draw.textlength(trial, font=font) <= width or not line:
            line = trial
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def _fit(draw: Any, text: str, width: int, max_lines: int, make_font: Any) -> tuple[Any, list[str]]:
    """The largest bold size at which ``text`` fits in ``max_lines`` lines (the last line cut
    with an ellipsis at the smallest size)."""
    for size in (60, 54, 48, 44, 40, 36):
        font = make_font(True, size)
        lines = _wrap(draw, text, font, width)
        if len(lines) <= max_lines:
            return font, lines
    lines = lines[:max_lines]
    while lines[-1] and draw.textlength(lines[-1] + "…", font=font) > width:
        lines[-1] = lines[-1].rsplit(" ", 1)[0] if " " in lines[-1] else lines[-1][:-1]
    lines[-1] += "…"
    return font, lines


def draw_card(text: CardText) -> bytes:
    """The card as PNG bytes."""
    clean = CardText(*(printable(part) for part in astuple(text)))
    try:
        return _draw(clean, basic=False)
    except (RuntimeError, OSError, ValueError):
        # The complex-script layout engine (raqm) refused the text: Pillow's basic one draws
        # every script, only without shaping.
        return _draw(clean, basic=True)


def _draw(text: CardText, *, basic: bool) -> bytes:
    from PIL import Image, ImageDraw

    def font(bold: bool, size: int) -> Any:
        return _font(bold, size, basic)

    width, height = CARD_SIZE
    colour = TONE_COLOURS.get(text.tone, TONE_COLOURS["none"])
    image = Image.new("RGB", CARD_SIZE, PAPER)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 24, height), fill=colour)
    margin = 80
    inner = width - margin - 64
    draw.text((margin, 52), text.site, font=font(True, 30), fill=MUTED)
    headline, lines = _fit(draw, f"“{text.summary}”", inner, 4, font)
    y = 120
    line_height = int(headline.size * 1.22)
    for line in lines:
        draw.text((margin, y), line, font=headline, fill=INK)
        y += line_height
    if text.claimant:
        claimant = _wrap(draw, text.claimant, font(False, 32), inner)[0]
        draw.text((margin, y + 14), f"— {claimant}", font=font(False, 32), fill=MUTED)
    badge_font = font(True, 44)
    label = text.rating
    box_width = int(draw.textlength(label, font=badge_font)) + 56
    top = height - 150
    draw.rounded_rectangle((margin, top, margin + box_width, top + 84), radius=14, fill=colour)
    draw.text((margin + 28, top + 16), label, font=badge_font, fill=PAPER)
    if text.when:
        draw.text((margin + box_width + 28, top + 26), text.when, font=font(False, 30), fill=MUTED)
    out = io.BytesIO()
    # A palette keeps the file small (about 11 kB) and, made by the fast octree method, quick
    # to make (a third of the time of the default method); no metadata chunk (no time of
    # making) is written, so the same card is the same bytes.
    image.quantize(colors=64, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE).save(
        out, "PNG"
    )
    return out.getvalue()


class CardCache:
    """Cards kept in a folder by their key, the cache's own (never the site's)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.used: set[str] = set()

    def card(self, text: CardText) -> bytes:
        key = card_key(text)
        self.used.add(key)
        path = self.folder / f"{key}.png"
        with contextlib.suppress(OSError):
            return path.read_bytes()
        data = draw_card(text)
        self._keep(path, data)
        return data

    def _keep(self, path: Path, data: bytes) -> None:
        """Store a card whole (a temporary file renamed into place); a cache that cannot be
        written is left alone: it only saves time."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(dir=self.folder, prefix=".card-", suffix=".tmp")
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(temp, path)
        except OSError:
            with contextlib.suppress(OSError, UnboundLocalError):
                os.unlink(temp)

    def prune(self) -> None:
        """Remove the cards no longer made (after a build that made every card)."""
        if not self.folder.is_dir():
            return
        for path in self.folder.glob("*.png"):
            if path.stem not in self.used:
                with contextlib.suppress(OSError):
                    path.unlink()
