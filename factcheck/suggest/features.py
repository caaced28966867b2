"""What the check-worthiness model sees in a sentence: words, characters and cues.

This module is used twice: by ``benchmarks/checkworthiness.py``, which hands these functions to
scikit-learn as analyzers when it trains the model, and by :mod:`factcheck.suggest.model`, which
scores sentences with the exported weights in pure Python. Training and scoring therefore see the
same features by construction; any change here needs the model retrained.

Each function returns a list of feature names (with repeats: counts matter). The three families
are kept apart because each is weighted and normalised on its own (one TF-IDF block each).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from itertools import pairwise
from typing import Final

__all__ = ["FEATURE_FAMILIES", "char_features", "cue_features", "normalize", "word_features"]


def _word_set(words: str) -> frozenset[str]:
    """A set of the space-separated words of ``words`` (easier to read and edit than a list)."""
    return frozenset(words.split())


_APOSTROPHES: Final = str.maketrans({"\u2018": "'", "\u2019": "'", "\u02bc": "'", "`": "'",
                                     "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})
_WORD: Final = re.compile(r"[a-z0-9]+(?:[.,][0-9]+)*(?:'[a-z]+)?")
_DIGITS: Final = re.compile(r"[0-9]")
_YEAR: Final = re.compile(r"(?:1[89]|20)[0-9][0-9]s?\Z")

# Cue words. Check-worthy sentences in debates state quantities, compare, and attribute; filler
# thanks, greets, asks and gives opinions. The lists are short on purpose: the word features
# already learn the vocabulary, and these only group rare words that share a role.
_MAGNITUDES: Final = _word_set(
    "hundred hundreds thousand thousands million millions billion billions trillion trillions "
    "percent percentage dozen dozens half double doubled triple tripled quadrupled")
_MONEY: Final = _word_set("dollar dollars cent cents budget deficit debt tax taxes spending "
                          "spent cost costs paid pay wages salary income revenue funding")
_COMPARATIVES: Final = _word_set(
    "more less fewer higher lower larger smaller bigger greater increase increased increases "
    "decrease decreased decreases rise rose risen fall fell fallen drop dropped cut cuts grew "
    "grown growth decline declined up down than since")
_SUPERLATIVES: Final = _word_set("most least highest lowest largest smallest biggest worst best "
                                 "record first only never ever always every all")
_OPINION: Final = _word_set(
    "think believe feel hope wish want going will would should could might must may maybe "
    "perhaps probably love great wonderful terrible beautiful tremendous incredible")
_COURTESY: Final = _word_set("thank thanks welcome hello applause laughter please congratulations "
                             "okay ok yes no well")
_PRONOUNS_YOU: Final = _word_set("you your you're yours")
_QUANTITY_UNITS: Final = _word_set("years year months days people jobs americans workers "
                                   "families companies countries states times")


def normalize(text: str) -> str:
    """Lower-case, compatibility-folded text with typographic quotes and dashes made plain."""
    return unicodedata.normalize("NFKC", text).translate(_APOSTROPHES).casefold()


def _tokens(text: str) -> list[str]:
    """Words of ``normalize(text)``; numbers become shapes so that "2019" and "1998" are alike."""
    out = []
    for word in _WORD.findall(normalize(text)):
        if word[0].isdigit():
            word = "<year>" if _YEAR.match(word) else "<num>"
        out.append(word)
    return out


def word_features(text: str) -> list[str]:
    """Word unigrams and bigrams (with sentence boundaries, so "thank you" at the start counts)."""
    tokens = _tokens(text)
    padded = ["<s>", *tokens, "</s>"]
    return tokens + [f"{a} {b}" for a, b in pairwise(padded)]


def char_features(text: str, *, low: int = 3, high: int = 5) -> list[str]:
    """Character n-grams inside each word padded with spaces (like scikit-learn's ``char_wb``):
    robust to inflection and to words never seen in training."""
    out: list[str] = []
    for word in _DIGITS.sub("0", normalize(text)).split():
        padded = f" {word} "
        for size in range(low, high + 1):
            if size > len(padded):
                break
            out.extend(padded[i:i + size] for i in range(len(padded) - size + 1))
    return out


def cue_features(text: str) -> list[str]:
    """Hand-made cues: quantities, money, comparisons, names, opinion, courtesy, length."""
    raw = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES)
    words = _WORD.findall(raw.casefold())
    cues: list[str] = []
    numbers = sum(1 for w in words if w[0].isdigit())
    cues += ["number"] * min(numbers, 3)
    if any(_YEAR.match(w) for w in words if w[0].isdigit()):
        cues.append("year")
    if "%" in raw or "percent" in words or "per cent" in raw.casefold():
        cues.append("percent")
    if re.search(r"[$£€¥]\s?[0-9]", raw):
        cues.append("money-sign")
    for name, vocabulary in (("magnitude", _MAGNITUDES), ("money", _MONEY),
                             ("comparative", _COMPARATIVES), ("superlative", _SUPERLATIVES),
                             ("opinion", _OPINION), ("courtesy", _COURTESY),
                             ("you", _PRONOUNS_YOU), ("unit", _QUANTITY_UNITS)):
        hits = sum(1 for w in words if w in vocabulary)
        cues += [name] * min(hits, 3)
    if re.search(r"\b[a-z]+er than\b", raw.casefold()):
        cues.append("er-than")
    # Capitalised words after the first: names of people, places, laws and agencies.
    capitalised = re.findall(r"(?<=[\w,;] )[A-Z][a-z]+|(?<=[\w,;] )[A-Z]{2,}\b", raw)
    cues += ["capitalised"] * min(len(capitalised), 4)
    stripped = raw.strip()
    if stripped.endswith("?"):
        cues.append("question")
    if stripped.startswith("[") or stripped.startswith("("):
        cues.append("bracketed")
    if stripped.endswith(("...", "\u2026", "-")):
        cues.append("cut-off")
    length = len(words)
    cues.append("length-" + ("0-3" if length <= 3 else "4-7" if length <= 7 else
                             "8-14" if length <= 14 else "15-24" if length <= 24 else "25+"))
    return cues


FEATURE_FAMILIES: Final[dict[str, Callable[[str], list[str]]]] = {
    "words": word_features,
    "chars": char_features,
    "cues": cue_features,
}
"""Every feature family, by the name the weights file uses for it."""
