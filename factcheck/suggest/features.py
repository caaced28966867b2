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


_APOSTROPHES: Final = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u02bc": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
    }
)
_WORD: Final = re.compile(r"[a-z0-9]+(?:[.,][0-9]+)*(?:'[a-z]+)?")
_DIGITS: Final = re.compile(r"[0-9]")
_YEAR: Final = re.compile(r"(?:1[89]|20)[0-9][0-9]s?\Z")

# Cue words. A sentence worth checking states a quantity, a date, a named event or a comparison,
# often as someone's statement ("the agency reported that..."); one that is not gives the writer's
# opinion, a prediction, a question or an analysis. The lists are short on purpose: the word
# features learn the vocabulary of debates; these carry what transfers to news prose, where the
# training debates say little (attribution, the writer's own stance).
_REPORTING: Final = _word_set(
    "said says say told tells reported reports report announced announces declared declares "
    "confirmed confirms warned warns claimed claims stated states admitted admits estimated "
    "estimates found finds showed shows show revealed reveals insisted insists noted notes "
    "wrote writes published publishes according citing cited testified acknowledged added"
)
_SOURCES: Final = _word_set(
    "ministry minister agency office council board service regulator operator union institute "
    "university report figures data survey census commission committee department government "
    "police court bank authority spokesperson spokesman spokeswoman chief director president "
    "secretary researchers study statistics audit inspectors company trust force army"
)
_NUMBER_WORDS: Final = _word_set(
    "one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty "
    "hundred hundreds thousand thousands million millions billion billions trillion half third "
    "quarter fifth double doubled tripled percent dozen"
)
_CALENDAR: Final = _word_set(
    "January February March April June July August September October November December "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday"
)
_TIME_WORDS: Final = _word_set(
    "since between last year years ago week month today yesterday earlier"
)
_MODALS: Final = _word_set(
    "will would could might should may must shall can't won't wouldn't couldn't shouldn't going "
    "expect expects expected likely"
)
_FIRST_PERSON: Final = _word_set("i we my our us me i'm we're i've we've")
_OPINION: Final = _word_set(
    "think believe feel hope wish want love hate deserve deserves deserved scandal shameful "
    "disaster reckless miserable terrible wonderful great good bad better best worse worst fine "
    "quaint frustrating dangerous impressive simply frankly clearly surely certainly obviously "
    "outrageous absurd ridiculous"
)
_HEDGES: Final = _word_set(
    "whether perhaps maybe seems seem suggests suggest appear appears "
    "wonder question debate hard easy matter remains"
)
_COMPARISONS: Final = _word_set(
    "more less fewer higher lower larger smaller bigger greater increase increased increases "
    "rose risen fell fallen drop dropped cut cuts grew grown growth decline declined than record "
    "highest lowest largest smallest biggest first only"
)
_MONEY_WORDS: Final = _word_set("dollars dollar euros euro pounds")
_CAPITALISED: Final = re.compile(r"(?<=[\w,;] )[A-Z][a-z]+|(?<=[\w,;] )[A-Z]{2,}\b")
_TITLE_WORD: Final = re.compile(r"[A-Z][a-z]+")
_MONEY_SIGN: Final = re.compile(r"[$£€¥]\s?[0-9]")


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
            out.extend(padded[i : i + size] for i in range(len(padded) - size + 1))
    return out


def _length_bucket(count: int) -> str:
    return (
        "0-3"
        if count <= 3
        else "4-7"
        if count <= 7
        else "8-14"
        if count <= 14
        else "15-24"
        if count <= 24
        else "25+"
    )


def _writers_words(words: list[str], reporting: list[int]) -> tuple[list[str], bool]:
    """The words that are the writer's own, and whether the sentence attributes a statement.

    What an attributed that-clause says ("X warned that quotas will be cut") is the source's
    claim, and what a trailing attribution covers ("..., the agency reported") too: their modal
    verbs and opinion words are not the writer's stance, and must not count against it."""
    that_clause = [i for i in reporting if "that" in words[i + 1 : i + 4]]
    if that_clause:
        return words[: that_clause[0]], True
    if reporting and reporting[-1] >= len(words) - 4 and len(words) > 6:
        return words[reporting[-1] - 3 :], True
    return words, "according" in words


def cue_features(text: str) -> list[str]:
    """Hand-made cues: quantities, dates, comparisons, attribution and the writer's stance."""
    raw = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES)
    words = _WORD.findall(raw.casefold())
    cues: list[str] = []

    def add(name: str, count: int = 1, cap: int = 3) -> None:
        cues.extend([name] * min(count, cap))

    add("number", sum(1 for w in words if w[0].isdigit()))
    if any(_YEAR.match(w) for w in words if w[0].isdigit()):
        add("year")
    add("number-word", sum(1 for w in words if w in _NUMBER_WORDS))
    if "%" in raw or "percent" in words or "per cent" in raw.casefold():
        add("percent")
    if _MONEY_SIGN.search(raw) or any(w in _MONEY_WORDS for w in words):
        add("money")
    add("calendar", sum(1 for w in _TITLE_WORD.findall(raw) if w in _CALENDAR))
    add("time", sum(1 for w in words if w in _TIME_WORDS))
    reporting = [i for i, w in enumerate(words) if w in _REPORTING]
    if reporting:
        add("reporting")
        if any(w in _SOURCES for w in words):
            add("source-reports")
    if any("that" in words[i + 1 : i + 4] for i in reporting):
        add("reporting-that")
    if "according" in words and "to" in words:
        add("according-to")
    add("source", sum(1 for w in words if w in _SOURCES))
    add("capitalised", len(_CAPITALISED.findall(raw)), 4)
    own, attributed = _writers_words(words, reporting)
    if attributed:
        add("attributed")
    add("modal", sum(1 for w in own if w in _MODALS))
    add("first-person", sum(1 for w in own if w in _FIRST_PERSON))
    add("opinion", sum(1 for w in own if w in _OPINION))
    add("hedge", sum(1 for w in own if w in _HEDGES))
    add("comparison", sum(1 for w in words if w in _COMPARISONS))
    add("past", sum(1 for w in words if len(w) > 4 and w.endswith("ed")))
    if words[:2] in (["it", "is"], ["this", "is"], ["that", "is"]) or words[:1] == ["it's"]:
        add("it-is")
    stripped = raw.strip()
    if stripped.endswith("?"):
        add("question")
    if stripped.endswith("!"):
        add("exclamation")
    if '"' in raw:
        add("quoted")
    add("length-" + _length_bucket(len(words)))
    return cues


FEATURE_FAMILIES: Final[dict[str, Callable[[str], list[str]]]] = {
    "words": word_features,
    "chars": char_features,
    "cues": cue_features,
}
"""Every feature family, by the name the weights file uses for it."""
