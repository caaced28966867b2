"""Splitting text into sentences: rule-based, small and predictable.

A statistical splitter (Punkt, spaCy) would be a heavy dependency for a modest gain on news prose.
The rules: a sentence ends at ``.``, ``!``, ``?`` or ``…`` (with any closing quotes or brackets
after them) that is followed by white space and then something that does not continue a sentence
(not a lower-case letter). A full stop does not end a sentence after a known abbreviation
("Mr.", "Dr.", "e.g.", "U.S."), a single capital (an initial, "J. Smith") or inside a number
("3.5"), since the last needs no white space to be skipped.

Paragraphs: in text with blank lines, blank-line-separated paragraphs are the units and the lines
of a paragraph are joined (hard-wrapped prose); in text without blank lines, each line is a unit
(one sentence or utterance per line, as in transcripts). No sentence crosses a unit.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["paragraphs", "split_sentences"]


def _word_set(words: str) -> frozenset[str]:
    """A set of the space-separated words of ``words`` (easier to read and edit than a list)."""
    return frozenset(words.split())


# Lower-case, without the final full stop. Titles, honorifics, months, common Latin and
# business abbreviations; dotted ones ("u.s") are matched with their inner dots.
ABBREVIATIONS: Final = _word_set(
    "mr mrs ms mx dr prof rev fr sr jr st mt ft gen col lt sgt capt cmdr adm gov sen rep pres "
    "hon atty supt insp det no nos vol vols pp ed eds fig figs approx est dept univ assn bros "
    "inc ltd co corp plc llc vs etc al cf ca jan feb mar apr jun jul aug sep sept oct nov dec "
    "mon tue tues wed thu thur thurs fri sat sun e.g i.e u.s u.k u.n e.u a.m p.m d.c n.y l.a "
    "ph.d m.d b.a m.a"
)

# Linear on any input: a boundary starts only at the first of a run of stops (the look-behind),
# and its repeats are possessive, so a line of 100,000 full stops is not tried 100,000 times.
_BOUNDARY: Final = re.compile(r"(?<![.!?\u2026])[.!?\u2026]++[\"'\u201d\u2019)\]]*+(?=\s++\S)")
_WORD_BEFORE: Final = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")
_LONGEST_ABBREVIATION: Final = 12
"""How far back a word before a full stop is looked for (keeps that search short, too)."""
_BLANK_LINE: Final = re.compile(r"\n[ \t\u00a0]*\n")
_SPACES: Final = re.compile(r"\s+")
_NEXT_CHAR: Final = re.compile(r"\s*+(\S)")


def paragraphs(text: str) -> list[str]:
    """The units that sentences never cross (see the module's docstring), white space folded.

    Text with U+2029 PARAGRAPH SEPARATOR (as in the text stream of a Markdown body, see
    :func:`factcheck.markdown.text_stream`) is split there only: its line breaks are soft.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\u2029" in text:
        pieces = text.split("\u2029")
    elif _BLANK_LINE.search(text):
        pieces = _BLANK_LINE.split(text)
    else:
        pieces = text.split("\n")
    out = []
    for piece in pieces:
        folded = _SPACES.sub(" ", piece).strip()
        if folded:
            out.append(folded)
    return out


def _ends_sentence(unit: str, end: int, stop: str) -> bool:
    """Whether the punctuation ``stop`` that ends at ``end`` closes a sentence."""
    next_char = _NEXT_CHAR.match(unit, end)  # (not a slice: that would copy the rest each time)
    first = next_char.group(1) if next_char else ""
    if first.islower():
        return False
    if stop.startswith(".") and len(stop.rstrip("\"'\u201d\u2019)]")) == 1:
        cut = end - len(stop) + 1
        match = _WORD_BEFORE.search(unit[max(0, cut - _LONGEST_ABBREVIATION) : cut])
        if match:
            word = match.group(1)
            if word.lower() in ABBREVIATIONS:
                return False
            if len(word) == 1 and word.isupper():  # an initial: "J. Smith"
                return False
    return True


def _split_unit(unit: str) -> list[str]:
    sentences = []
    start = 0
    for match in _BOUNDARY.finditer(unit):
        if _ends_sentence(unit, match.end(), match.group()):
            sentence = unit[start : match.end()].strip()
            if sentence:
                sentences.append(sentence)
            start = match.end()
    rest = unit[start:].strip()
    if rest:
        sentences.append(rest)
    return sentences


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text`` in reading order, each with its white space folded."""
    return [sentence for unit in paragraphs(text) for sentence in _split_unit(unit)]
