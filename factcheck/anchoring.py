"""Pinning a claim to an article body by its quote, like a W3C Web Annotation TextQuoteSelector.

The Markdown layer turns an article body into a plain *text stream*: the text a reader sees, with
:data:`BLOCK_SEPARATOR` between blocks (paragraphs, list items, headings). A claim names the words
it covers with ``quote`` and, where those words occur more than once, ``prefix`` and ``suffix``.

Matching is exact and case-sensitive, but tolerates what typography, Markdown and copy-paste
change: curly versus straight quotes, dashes versus hyphens, non-breaking and other spaces, runs
of white space and line breaks, zero-width characters, Unicode composition, and across scripts
Arabic tatweel, optional Arabic and Hebrew vowel marks and full-width forms. Both the stream and
the quote are reduced by :func:`normalize` and compared with plain ``str.find``; an index map
takes the match back to offsets in the original stream. A quote never matches across a block
separator.

Build one :class:`AnchorIndex` per article and ask it for each claim; :func:`find_quote` is the
one-off form.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Final, Literal

from rapidfuzz import fuzz

__all__ = [
    "BLOCK_SEPARATOR",
    "AnchorIndex",
    "AnchorResult",
    "Problem",
    "Span",
    "find_quote",
    "normalize",
]

BLOCK_SEPARATOR: Final = "\u2029"
"""Between blocks of the text stream; no quote matches across it."""

Problem = Literal["empty", "not-found", "ambiguous", "context-mismatch"]

_SINGLE_QUOTES: Final = "\u2018\u2019\u201a\u201b\u2032`"  # ‘ ’ ‚ ‛ ′ `
_DOUBLE_QUOTES: Final = "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"  # “ ” „ ‟ ″ « »
_DASHES: Final = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"  # ‐ ‑ ‒ – — ― −
# Every character str.isspace() accepts except BLOCK_SEPARATOR, which stays a hard boundary.
_SPACES: Final = (
    "\t\n\v\f\r\x1c\x1d\x1e\x1f\x85\u00a0\u1680"
    "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u202f\u205f\u3000"
)
# Invisible characters that copy-paste and word processors leave inside words. U+2060 WORD
# JOINER is the modern spelling of U+FEFF as a joiner, so it goes too.
_ZERO_WIDTH: Final = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
# Arabic tatweel (kashida) stretches a word for justification; it is no letter, and a quote
# typed without it must still match a justified article.
_TATWEEL: Final = "\u0640"
# Vowel signs and other marks that Arabic and Hebrew text may write or leave out (harakat,
# Quranic annotation signs, niqqud, cantillation): an article with them and a quote without
# (or the other way round) are the same words. None of them takes part in NFC composition
# (tests/test_anchoring.py checks), so they are dropped after it; hamza above and below and
# maddah, which NFC composes into letters (U+0623 = U+0627 U+0654), are letters here and kept.
_OPTIONAL_MARKS: Final = (
    "\u0610-\u061a\u064b-\u0652\u0656-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4"
    "\u06e7\u06e8\u06ea-\u06ed"  # Arabic
    "\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7"  # Hebrew
)
# Full-width forms of ASCII (East Asian text, and input methods that leave them in Latin
# words) are the ASCII characters: "ＣＯＶＩＤ－１９" is "COVID-19".
_FULL_WIDTH: Final = {0xFF01 + i: 0x21 + i for i in range(0x5E)}

_TYPOGRAPHIC: Final = (
    dict.fromkeys(_SINGLE_QUOTES, "'")
    | dict.fromkeys(_DOUBLE_QUOTES, '"')
    | dict.fromkeys(_DASHES, "-")
    | dict.fromkeys(_SPACES, " ")
)
# A full-width form becomes its ASCII character and then what that stands for (U+FF40 is a
# backtick, which is an apostrophe), in one pass, so that normalize stays idempotent.
_TYPOGRAPHY: Final = str.maketrans(
    _TYPOGRAPHIC
    | {chr(key): _TYPOGRAPHIC.get(chr(value), chr(value)) for key, value in _FULL_WIDTH.items()}
)
_ZERO_WIDTH_RUN: Final = re.compile(f"[{_ZERO_WIDTH}{_TATWEEL}]+")
_OPTIONAL_MARK_RUN: Final = re.compile(f"[{_OPTIONAL_MARKS}]+")
# After _TYPOGRAPHY all white space is " ". A lone space or separator is already normal, so only
# runs of two or more need rewriting; in ordinary prose that is rare, which keeps this fast.
_GAP_RUN: Final = re.compile(f"[ {BLOCK_SEPARATOR}]{{2,}}")
_BLANK: Final = " " + BLOCK_SEPARATOR
_WHITE_SPACE: Final = re.compile(r"\s+")  # for display only; matches BLOCK_SEPARATOR too

# Characters of combining class 0 that NFC can still merge into the character before them (or
# that reorder with combining marks before them), so a composition cluster must not start there:
# Hangul medial vowels and final consonants, a few Indic and other vowel signs, and three
# Tibetan vowel signs whose decomposition starts with a combining mark. Computed from
# unicodedata once; tests/test_anchoring.py checks it against the running Python's database.
_JOINS_PREVIOUS: Final = frozenset(
    [chr(c) for c in range(0x1161, 0x1176)]  # Hangul jungseong (V)
    + [chr(c) for c in range(0x11A8, 0x11C3)]  # Hangul jongseong (T)
    + [
        chr(c)
        for c in (
            0x09BE, 0x09D7, 0x0B3E, 0x0B56, 0x0B57, 0x0BBE, 0x0BD7, 0x0CC2, 0x0CD5, 0x0CD6,
            0x0D3E, 0x0D57, 0x0DCF, 0x0DDF, 0x0F73, 0x0F75, 0x0F81, 0x102E, 0x1B35, 0x11127,
            0x1133E, 0x11357, 0x114B0, 0x114BA, 0x114BD, 0x115AF, 0x11930,
        )
    ]
)  # fmt: skip

_WIDEN: Final = 20
"""How far an excerpt may grow to reach a word boundary."""


def normalize(text: str) -> tuple[str, list[int]]:
    """Normalised text, and for each of its characters the index in `text` of the character it
    came from.

    Typographic quotes and apostrophes become ``'`` and ``"``, dashes and hyphens ``-``, any white
    space (non-breaking, thin, tabs, line breaks...) one ``" "`` per run; zero-width characters,
    soft hyphens, Arabic tatweel and the vowel marks Arabic and Hebrew may leave out are dropped;
    full-width ASCII forms become ASCII; the result is in Unicode NFC. :data:`BLOCK_SEPARATOR` is
    kept, and white space next to it dropped. Case is kept. Linear in ``len(text)``.
    """
    mapped = _normalize(text)
    return mapped.text, list(mapped.starts)


@dataclass(frozen=True, slots=True)
class Span:
    """Where a quote sits in the original text stream."""

    start: int
    """Offset of the quote's first character."""
    end: int
    """Offset just after its last character (never white space)."""


@dataclass(frozen=True, slots=True)
class AnchorResult:
    """The outcome of looking for one quote."""

    span: Span | None
    """The one match, when there is exactly one after prefix and suffix."""
    matches: tuple[Span, ...]
    """Every place the quote itself matched, overlapping ones too, before prefix and suffix."""
    problem: Problem | None
    """Why there is no `span`; ``None`` when there is one."""
    closest: str | None = None
    """For not-found and context-mismatch: an excerpt of the original stream to show the user,
    with white space tidied and block separators shown as ``" ¶ "``."""
    candidates: tuple[Span, ...] = ()
    """The matches that the prefix and suffix (if any) fit: the `span` when found, the places an
    ambiguous quote could mean."""

    def message(self) -> str | None:
        """The problem in words for the user, or ``None`` when the quote was found."""
        match self.problem:
            case None:
                return None
            case "empty":
                return "quote is empty"
            case "not-found":
                return _not_found_message(self.closest)
            case "ambiguous":
                return _ambiguous_message(len(self.matches), len(self.candidates))
            case "context-mismatch":
                return _mismatch_message(len(self.matches), self.closest)


class AnchorIndex:
    """Normalises one text stream once, then answers many quotes against it (an article has
    many claims)."""

    __slots__ = ("_ends", "_flat", "_folded", "_norm", "_starts", "_text")

    def __init__(self, text: str) -> None:
        mapped = _normalize(text)
        self._text = text
        self._norm = mapped.text
        self._starts = mapped.starts
        self._ends = mapped.ends
        # Prefix and suffix may reach into the next block, where the user can only have typed
        # white space; the separator is one character, so offsets stay the same.
        self._flat = self._norm.replace(BLOCK_SEPARATOR, " ")
        # Only for the closest-text search, where a difference of case should not hide the text.
        self._folded = _fold(self._norm)

    @property
    def text(self) -> str:
        """The original text stream."""
        return self._text

    @property
    def normalized(self) -> str:
        """The text stream after :func:`normalize`."""
        return self._norm

    def find(
        self, quote: str, prefix: str | None = None, suffix: str | None = None
    ) -> AnchorResult:
        """Where `quote` is, told apart from its other occurrences by `prefix` and `suffix`.

        White space at either end of the quote, prefix and suffix is ignored, and so is white
        space (or its absence) between the quote and its prefix or suffix.
        """
        exact = normalize(quote)[0].strip(_BLANK)
        if not exact:
            return AnchorResult(None, (), "empty")
        positions = self._occurrences(exact)
        if not positions:
            return AnchorResult(None, (), "not-found", self._closest(exact))
        matches = tuple(self._span(p, len(exact)) for p in positions)
        before, after = _context(prefix), _context(suffix)
        fitting = [p for p in positions if self._fits(p, p + len(exact), before, after)]
        if len(fitting) == 1:
            span = self._span(fitting[0], len(exact))
            return AnchorResult(span, matches, None, candidates=(span,))
        if not fitting:
            closest = self._surroundings(positions, len(exact), before, after)
            return AnchorResult(None, matches, "context-mismatch", closest)
        candidates = tuple(self._span(p, len(exact)) for p in fitting)
        return AnchorResult(None, matches, "ambiguous", candidates=candidates)

    def _occurrences(self, exact: str) -> list[int]:
        """Start of every occurrence of `exact` in the normalised stream, overlapping too."""
        if BLOCK_SEPARATOR in exact:
            return []  # the hard boundary: a quote cannot span blocks
        found: list[int] = []
        at = self._norm.find(exact)
        while at >= 0:
            found.append(at)
            at = self._norm.find(exact, at + 1)
        return found

    def _span(self, at: int, length: int) -> Span:
        """The original offsets of normalised characters ``at`` to ``at + length``."""
        return Span(self._starts[at], self._ends[at + length - 1])

    def _fits(self, start: int, end: int, before: str, after: str) -> bool:
        """Whether the stream reads `before` just before `start` and `after` just after `end`,
        with or without one space between."""
        flat = self._flat
        if before:
            stop = start - 1 if start > 0 and flat[start - 1] == " " else start
            if not flat.endswith(before, 0, stop):
                return False
        if after:
            begin = end + 1 if end < len(flat) and flat[end] == " " else end
            if not flat.startswith(after, begin):
                return False
        return True

    def _closest(self, exact: str) -> str | None:
        """An excerpt of the stream that looks most like `exact`, for a not-found message."""
        if not self._norm:
            return None
        alignment = fuzz.partial_ratio_alignment(_fold(exact), self._folded)
        if alignment is None or alignment.dest_end <= alignment.dest_start:
            return None
        return self._excerpt(alignment.dest_start, alignment.dest_end, True, True) or None

    def _surroundings(
        self, positions: list[int], length: int, before: str, after: str
    ) -> str | None:
        """The match whose actual surroundings look most like `before` and `after`, with
        about as much of those surroundings as the user gave."""

        def likeness(at: int) -> float:
            # Twice the context's length, so that a word left out of it still lines up.
            around = self._flat[max(0, at - 2 * len(before) - 1) : at]
            beyond = self._flat[at + length : at + length + 2 * len(after) + 1]
            return (fuzz.partial_ratio(before, around) if before else 0.0) + (
                fuzz.partial_ratio(after, beyond) if after else 0.0
            )

        best = max(positions, key=likeness)  # max() keeps the first of equals: stable
        start = max(0, best - len(before) - 1) if before else best
        end = min(len(self._norm), best + length + len(after) + 1) if after else best + length
        return self._excerpt(start, end, bool(before), bool(after)) or None

    def _excerpt(self, start: int, end: int, widen_left: bool, widen_right: bool) -> str:
        """Normalised characters ``start`` to ``end``, trimmed of white space, optionally
        widened so as not to cut a word, as the original text shows them."""
        norm = self._norm
        while start < end and norm[start] in _BLANK:
            start += 1
        while end > start and norm[end - 1] in _BLANK:
            end -= 1
        if start == end:
            return ""
        if widen_left:
            limit = max(0, start - _WIDEN)
            while start > limit and norm[start - 1].isalnum():
                start -= 1
        if widen_right:
            limit = min(len(norm), end + _WIDEN)
            while end < limit and norm[end].isalnum():
                end += 1
        return _display(self._text[self._starts[start] : self._ends[end - 1]])


def find_quote(
    text: str, quote: str, prefix: str | None = None, suffix: str | None = None
) -> AnchorResult:
    """Where `quote` is in the text stream `text`; see :meth:`AnchorIndex.find`."""
    return AnchorIndex(text).find(quote, prefix, suffix)


# --- normalisation, with a map back to the original -------------------------------------------


@dataclass(frozen=True, slots=True)
class _Mapped:
    """Text derived from an original, with each character's source range in that original.

    A span of derived characters ``i..j`` came from ``original[starts[i]:ends[j - 1]]``. Ranges
    rather than lists for the untouched case, so that clean text costs nothing to map.
    """

    text: str
    starts: Sequence[int]
    ends: Sequence[int]

    @classmethod
    def identity(cls, text: str) -> _Mapped:
        return cls(text, range(len(text)), range(1, len(text) + 1))


def _normalize(text: str) -> _Mapped:
    """:func:`normalize`, also keeping where each character's source ends."""
    # Zero-width characters go first, so that NFC sees "e\u200b\u0301" as "e\u0301" and the
    # result is the same however often it is normalised.
    mapped = _rewrite_runs(_Mapped.identity(text), _ZERO_WIDTH_RUN, lambda run: None)
    mapped = _compose(mapped)
    # A dropped mark still belongs to its letter: a quote that ends on that letter covers it,
    # so that a highlight never splits a vowel sign from its consonant.
    mapped = _rewrite_runs(mapped, _OPTIONAL_MARK_RUN, lambda run: None, attach=True)
    # One character for one, so the map is unchanged.
    mapped = _Mapped(mapped.text.translate(_TYPOGRAPHY), mapped.starts, mapped.ends)
    return _rewrite_runs(mapped, _GAP_RUN, _gap_keeps)


def _gap_keeps(run: str) -> int:
    """Which character of a run of spaces and separators stands for it: a separator wins."""
    return max(run.find(BLOCK_SEPARATOR), 0)


def _rewrite_runs(
    mapped: _Mapped,
    pattern: re.Pattern[str],
    keep: Callable[[str], int | None],
    *,
    attach: bool = False,
) -> _Mapped:
    """Replace each run that `pattern` matches with its character at index ``keep(run)``, or
    with nothing when that is ``None``; with ``attach``, a run replaced with nothing becomes
    part of the source of the character before it."""
    text = mapped.text
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    done = 0
    for run in pattern.finditer(text):
        first, last = run.span()
        pieces.append(text[done:first])
        starts.extend(mapped.starts[done:first])
        ends.extend(mapped.ends[done:first])
        kept = keep(run.group())
        if kept is not None:
            pieces.append(text[first + kept])
            starts.append(mapped.starts[first + kept])
            ends.append(mapped.ends[first + kept])
        elif attach and ends:
            ends[-1] = mapped.ends[last - 1]
        done = last
    if not done:
        return mapped  # nothing matched (runs are never empty, so `done` moved if one did)
    pieces.append(text[done:])
    starts.extend(mapped.starts[done:])
    ends.extend(mapped.ends[done:])
    return _Mapped("".join(pieces), starts, ends)


def _compose(mapped: _Mapped) -> _Mapped:
    """NFC, keeping the map: each cluster (a starter and the marks that follow it) is composed
    on its own, and its output characters map into it."""
    text = mapped.text
    if unicodedata.is_normalized("NFC", text):
        return mapped  # almost always: only text from some Mac or PDF sources is decomposed
    bounds = _cluster_bounds(text)
    pieces = [unicodedata.normalize("NFC", text[a:b]) for a, b in pairwise(bounds)]
    if "".join(pieces) != unicodedata.normalize("NFC", text):
        # A newer Unicode database than _JOINS_PREVIOUS knows: stay correct, map coarsely.
        bounds = [0, len(text)]
        pieces = [unicodedata.normalize("NFC", text)]
    starts: list[int] = []
    ends: list[int] = []
    for (a, b), piece in zip(pairwise(bounds), pieces, strict=True):
        if b - a == 1 and len(piece) == 1:
            starts.append(mapped.starts[a])
            ends.append(mapped.ends[a])
            continue
        for first, last in _cluster_map(text[a:b], piece):
            starts.append(mapped.starts[a + first])
            ends.append(mapped.ends[a + last - 1])
    return _Mapped("".join(pieces), starts, ends)


_MAPPED_CLUSTER = 32
"""Clusters up to this long are mapped character by character; a longer one (a starter under
thousands of marks) maps coarsely, which costs only a highlight's precision."""


def _cluster_map(cluster: str, piece: str) -> list[tuple[int, int]]:
    """For each character of ``piece`` (the NFC of ``cluster``), the range of ``cluster`` it
    came from: a composed "é" from "e" and U+0301 covers both, each half of U+0344 (U+0308
    U+0301) covers U+0344. Found by normalising ever longer beginnings of the cluster: an output
    character comes from the characters up to the first beginning that yields it. Where NFC
    reorders marks, every output character covers the whole cluster."""
    n = len(cluster)
    if n > _MAPPED_CLUSTER:
        return [
            (min(j, n - 1), n if j == len(piece) - 1 else min(j, n - 1) + 1)
            for j in range(len(piece))
        ]
    decomposed = unicodedata.normalize("NFD", cluster)
    if decomposed != "".join(unicodedata.normalize("NFD", c) for c in cluster):
        # Marks put in canonical order: the output is not in the order of its sources, so
        # each character of it stands for the whole cluster.
        return [(0, n)] * len(piece)
    beginnings = [unicodedata.normalize("NFC", cluster[:k]) for k in range(1, n + 1)]
    out: list[tuple[int, int]] = []
    k = 0
    for j in range(len(piece)):
        while k < n - 1 and not beginnings[k].startswith(piece[: j + 1]):
            k += 1
        end = k + 1
        start = out[-1][0] if out and out[-1][1] == end else (out[-1][1] if out else 0)
        out.append((start, end))
    return out


def _cluster_bounds(text: str) -> list[int]:
    """Where composition clusters begin, and the end of the text."""
    bounds = [0]
    bounds.extend(
        i
        for i in range(1, len(text))
        if unicodedata.combining(text[i]) == 0 and text[i] not in _JOINS_PREVIOUS
    )
    bounds.append(len(text))
    return bounds


def _context(text: str | None) -> str:
    """A prefix or suffix, normalised, block separators read as spaces, ends trimmed."""
    if not text:
        return ""
    return normalize(text)[0].replace(BLOCK_SEPARATOR, " ").strip(" ")


def _fold(text: str) -> str:
    """Lower case, unless that would change the length (and so the offsets), as for "İ"."""
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else text


def _display(original: str) -> str:
    """An excerpt of the original stream on one line: each run of white space (no-break spaces
    and line breaks too) as one space, zero-width characters gone, block separators as " ¶ "."""
    blocks = (
        _WHITE_SPACE.sub(" ", _ZERO_WIDTH_RUN.sub("", block)).strip()
        for block in original.split(BLOCK_SEPARATOR)
    )
    return " ¶ ".join(block for block in blocks if block)


# --- messages -----------------------------------------------------------------------------------


def _not_found_message(closest: str | None) -> str:
    if not closest:
        return "quote not found in the body"
    text = f'quote not found in the body; the closest text is "{closest}"'
    if " ¶ " in closest:
        text += " (a quote cannot run across paragraphs, list items or headings)"
    return text


def _ambiguous_message(matches: int, candidates: int) -> str:
    if candidates < matches:
        return (
            f"quote matches {matches} places and its prefix/suffix fit {candidates} of them; "
            "lengthen the prefix or suffix to tell them apart"
        )
    return f"quote matches {matches} places; add a prefix or suffix to tell them apart"


def _mismatch_message(matches: int, closest: str | None) -> str:
    where = "the body" if matches == 1 else f"{matches} places"
    text = f"quote found in {where}, but not with this prefix/suffix"
    if closest:
        text += f'; the text around it is "{closest}"'
    return text
