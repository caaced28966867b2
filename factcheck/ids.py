"""Ids made from text: the one rule that ``factcheck new`` and every importer follow.

An id is a slug (``[a-z0-9]+(-[a-z0-9]+)*``, content-format.md). From a title or a claim:

1. an apostrophe inside a word joins it ("Mayor's" -> "mayors"); "&", "@" and "%" become words;
2. every other script is transliterated to ASCII by anyascii (Cyrillic, Greek, Arabic, Chinese,
   Devanagari...), each character of a script written without spaces (Chinese, Japanese, Thai)
   standing as a word of its own, so "台灣事實查核中心" reads "tai-wan-shi-shi-cha-he-zhong-xin";
3. lower case, every run of other characters one hyphen;
4. cut to at most :data:`MAX_ID_LENGTH` characters at a word boundary, and without a trailing
   function word ("...-risk-sparking-a" becomes "...-risk-sparking");
5. a text that leaves nothing (emoji, punctuation) gets ``PREFIX-`` and 8 hex digits of a SHA-1
   of the text (or of ``key``): stable, so making the same thing twice finds the first.

Ids must come out the same every time the same input comes (that is what makes a second import
change nothing, and a second ``new`` refuse), so they depend on the text only: never on the clock,
a counter or the order of files on disk.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import Final

from anyascii import anyascii

from .fields import is_slug

__all__ = [
    "HASH_LENGTH",
    "MAX_ID_LENGTH",
    "make_id",
    "mostly_latin",
    "short_hash",
    "slugify",
    "transliterate",
    "truncate_slug",
    "valid_id",
    "with_hash",
]

MAX_ID_LENGTH: Final = 60
"""Long enough to tell headlines apart, short enough for a file name and a URL."""
HASH_LENGTH: Final = 8


def _word_set(words: str) -> frozenset[str]:
    """A set of the space-separated words of ``words`` (easier to read and edit than a list)."""
    return frozenset(words.split())


# Words that never end an id: a cut after one reads as a phrase broken off ("sparking-a").
_TRAILING_STOP_WORDS: Final = _word_set(
    "a an the and or but nor of to in on at by for with from as into onto than that which who "
    "whose whom is are was were be been its their his her our your my this these those about "
    "over under after before during against between through up down out off per via not no "
    "has have had will would can could should may might must do does did"
)
_SYMBOLS: Final = {"&": " and ", "@": " at ", "%": " percent "}
_APOSTROPHE_IN_WORD: Final = re.compile(r"(?<=\w)['\u2019\u02bc](?=\w)")
_NOT_SLUG: Final = re.compile(r"[^a-z0-9]+")


def _spaceless(char: str) -> bool:
    """A character of a script written without spaces between words (CJK ideographs and kana,
    Thai, Lao, Khmer, Myanmar): transliterated, each stands as a word of its own."""
    if unicodedata.east_asian_width(char) in ("W", "F") and unicodedata.category(char) == "Lo":
        return True
    return (
        "\u0e00" <= char <= "\u0eff" or "\u1000" <= char <= "\u109f" or "\u1780" <= char <= "\u17ff"
    )


def transliterate(text: str) -> str:
    """``text`` in ASCII letters (see the module's docstring, steps 1 and 2)."""
    text = _APOSTROPHE_IN_WORD.sub("", unicodedata.normalize("NFC", text))
    out: list[str] = []
    for char in text:
        if char.isascii():
            out.append(_SYMBOLS.get(char, char))
        elif _spaceless(char):
            out.append(f" {anyascii(char)} ")
        else:
            out.append(anyascii(char))
    return "".join(out)


def slugify(text: str) -> str:
    """The whole slug of ``text``, uncut ("" when nothing is left)."""
    return _NOT_SLUG.sub("-", transliterate(text).lower()).strip("-")


def truncate_slug(slug: str, max_length: int = MAX_ID_LENGTH) -> str:
    """``slug`` cut at a hyphen to at most ``max_length`` characters, trailing function words
    dropped (a slug that is all function words keeps its first word)."""
    words = slug.split("-")
    kept: list[str] = []
    length = -1
    for word in words:
        if length + 1 + len(word) > max_length:
            break
        kept.append(word)
        length += 1 + len(word)
    if not kept:  # one word longer than the limit
        return slug[:max_length]
    if len(kept) == len(words):
        return slug
    while len(kept) > 1 and kept[-1] in _TRAILING_STOP_WORDS:
        kept.pop()
    return "-".join(kept)


def short_hash(text: str) -> str:
    """A short, stable fingerprint of ``text`` (not for security: only to tell inputs apart)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:HASH_LENGTH]


def make_id(
    text: str, *, prefix: str, key: str | None = None, max_length: int = MAX_ID_LENGTH
) -> str:
    """The id for ``text`` (a title, a summary, a name): its slug cut at a word, or
    ``PREFIX-HASH`` of ``key`` (default: the text itself) when the slug is empty."""
    slug = truncate_slug(slugify(text), max_length)
    if slug:
        return slug
    basis = key if key is not None else unicodedata.normalize("NFC", text.strip())
    return f"{prefix}-{short_hash(basis)}"


def with_hash(ident: str, key: str) -> str:
    """``ident`` made distinct by a fingerprint of ``key`` (for two inputs that slug alike)."""
    return f"{truncate_slug(ident, MAX_ID_LENGTH - HASH_LENGTH - 1)}-{short_hash(key)}"


def mostly_latin(text: str) -> bool:
    """Whether most of the letters of ``text`` are Latin (accented or not)."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    latin = sum(1 for c in letters if c.isascii() or "LATIN" in unicodedata.name(c, ""))
    return latin >= 0.5 * len(letters)


def valid_id(ident: str) -> bool:
    return is_slug(ident)
