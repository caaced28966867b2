"""Ids for imported content: readable slugs where the text allows, stable hashes where it does not.

An id must come out the same every time the same input is imported (that is what makes a second
import change nothing), so it is derived from the input only: never from the clock, a counter
or the order of files on disk.
"""

from __future__ import annotations

import hashlib

from ..fields import is_slug, slugify

MAX_ID_LENGTH = 60
"""Long enough to tell headlines apart, short enough for a file name and a URL."""

HASH_LENGTH = 8


def short_hash(text: str) -> str:
    """A short, stable fingerprint of ``text`` (not for security: only to tell inputs apart)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:HASH_LENGTH]


def truncate_slug(slug: str, max_length: int = MAX_ID_LENGTH) -> str:
    """``slug`` cut at a hyphen so that it is at most ``max_length`` characters long."""
    if len(slug) <= max_length:
        return slug
    cut = slug.rfind("-", 0, max_length + 1)
    return (slug[:cut] if cut > 0 else slug[:max_length]).strip("-")


def mostly_latin(text: str) -> bool:
    """Whether a slug of ``text`` keeps most of its letters and digits.

    ``slugify`` transliterates accented Latin letters but drops other scripts, so a Chinese or
    Urdu title with one "5G" in it would become the id "5g"; such ids tell nothing and collide.
    """
    letters = [c for c in text if c.isalnum()]
    if not letters:
        return False
    kept = sum(1 for c in slugify(text) if c.isalnum())
    return kept >= 0.5 * len(letters)


def slug_id(text: str, *, prefix: str, key: str, max_length: int = MAX_ID_LENGTH) -> str:
    """An id for ``text``: its slug, or ``PREFIX-HASH`` (of ``key``) when the slug would be
    empty or would keep too little of a title in another script."""
    slug = truncate_slug(slugify(text), max_length)
    if slug and mostly_latin(text):
        return slug
    return f"{prefix}-{short_hash(key)}"


def with_hash(ident: str, key: str) -> str:
    """``ident`` made distinct by a fingerprint of ``key`` (for two inputs that slug alike)."""
    return f"{truncate_slug(ident, MAX_ID_LENGTH - HASH_LENGTH - 1)}-{short_hash(key)}"


def valid_id(ident: str) -> bool:
    return is_slug(ident)
