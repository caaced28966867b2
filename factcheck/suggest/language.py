"""Whether a text is in the language the check-worthiness model knows (English).

The model's features are English words and English cue words (:mod:`.features`); on text in
another language it gives scores that mean nothing. Rather than rank noise, ``suggest`` says so.

The text's language is what its article declares (``language:``, else the project's), when it
declares one; plain text declares nothing, so it is judged by its words: English prose is about
two words in five from a short list of English function words ("the", "of", "and", "is"...),
Spanish, French, German or Portuguese prose a few in a hundred (those lists share "a", "in",
"be"...), and text in another script none. The threshold and the figures behind it are in
docs/suggest.md (``python benchmarks/suggest_language.py`` repeats them).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Final

from .features import _word_set

MODEL_LANGUAGE: Final = "en"
"""The language the model was trained on (a BCP 47 primary subtag)."""

ENGLISH_SHARE: Final = 0.15
"""Text whose words are less than this share of English function words is not English."""

MIN_WORDS: Final = 20
"""Fewer words than this say too little to judge by (a headline, a list of names): taken as
English, as before."""

MIN_LETTERS: Final = 40
"""Text in another script is judged from this many letters on."""


_FUNCTION_WORDS: Final = _word_set(
    "the of and to a in is that for it on was with as be by are at this from or have an "
    "has not but were which been their they its he she his her had will would there we "
    "you who than more can also after about into over what when all one two our if them "
    "these those such other out up only do does did no so said says could should may "
    "being"
)

_WORD: Final = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    """What is known of a text's language, for the model."""

    known: bool
    """Whether the model can rank it."""
    reason: str = ""
    """Why not, in words for the user (empty when known)."""


def _latin_share(text: str) -> float:
    letters = [char for char in text if char.isalpha()]
    if not letters:
        return 1.0
    latin = sum(1 for char in letters if unicodedata.name(char, "").startswith("LATIN"))
    return latin / len(letters)


def english_share(text: str) -> tuple[float, int]:
    """The share of ``text``'s words that are English function words, and how many words it
    has."""
    words = _WORD.findall(text.lower())
    if not words:
        return 0.0, 0
    return sum(1 for word in words if word in _FUNCTION_WORDS) / len(words), len(words)


def judge(text: str, declared: str | None) -> LanguageGuess:
    """Whether the model knows ``text``'s language: the ``declared`` one (a BCP 47 tag) when
    there is one, else the one its words suggest."""
    if declared:
        primary = declared.split("-")[0].lower()
        if primary == MODEL_LANGUAGE:
            return LanguageGuess(True)
        return LanguageGuess(False, f"the text is in '{declared}' (its declared language)")
    letters = sum(1 for char in text if char.isalpha())
    latin = _latin_share(text)
    if letters >= MIN_LETTERS and latin < 0.5:
        # (before counting words: Chinese and Japanese do not put spaces between them)
        return LanguageGuess(
            False, f"the text is not in Latin letters ({100 - round(latin * 100)}% are not)"
        )
    share, count = english_share(text)
    if count < MIN_WORDS:
        return LanguageGuess(True)
    if share < ENGLISH_SHARE:
        return LanguageGuess(
            False,
            f"the text does not read as English (only {share:.0%} of its {count} words are "
            "common English words such as 'the', 'of', 'and'; English prose has about 40%)",
        )
    return LanguageGuess(True)
