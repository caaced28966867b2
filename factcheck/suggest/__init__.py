"""Which sentences of a text are worth checking, and which existing claims say the same.

Public API (used by ``factcheck suggest`` and by the importers)::

    from factcheck.suggest import suggest_claims, split_sentences, similarity, ClaimIndex

    for suggestion in suggest_claims(text, top=5):
        print(f"{suggestion.score:.2f}  {suggestion.sentence}")

The check-worthiness model is a logistic regression over word, character and cue features,
trained on political debates (CLEF 2020 CheckThat! task 5) by ``benchmarks/checkworthiness.py``
and shipped as a small weights file; scoring is pure Python (see :mod:`.model`). ``docs/suggest.md``
gives its measured quality.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .sentences import split_sentences
from .similarity import DEFAULT_THRESHOLD, ClaimIndex, Match, similarity

__all__ = [
    "DEFAULT_THRESHOLD",
    "ClaimIndex",
    "Match",
    "Suggestion",
    "rank_sentences",
    "similarity",
    "split_sentences",
    "suggest_claims",
]


@dataclass(slots=True)
class Suggestion:
    """A sentence and how worth checking it is."""

    sentence: str
    score: float
    """From 0 to 1: how likely the sentence is to be worth checking, with the rarity of such
    sentences taken out (0.5: as likely as not; see :mod:`factcheck.suggest.model`)."""
    index: int = 0
    """The sentence's place in the text (0 for the first)."""
    matches: list[Match] = field(default_factory=list)
    """Existing claims that say nearly the same; filled by :meth:`ClaimIndex.matches` callers."""


def rank_sentences(sentences: list[str], *, top: int | None = None) -> list[Suggestion]:
    """Score sentences given in reading order (order matters: neighbours lend each other
    context) and return them most check-worthy first; ``top`` keeps only the first few."""
    from .model import load_model

    scores = load_model().score(sentences)
    # Repeated sentences (a refrain, a pull quote) are suggested once, at their best score.
    best: dict[str, Suggestion] = {}
    for index, (sentence, score) in enumerate(zip(sentences, scores, strict=True)):
        known = best.get(sentence)
        if known is None or score > known.score:
            best[sentence] = Suggestion(sentence, score, index if known is None else known.index)
    ranked = sorted(best.values(), key=lambda s: (-s.score, s.index))
    return ranked if top is None or top <= 0 else ranked[:top]


def suggest_claims(text: str, *, top: int = 5) -> list[Suggestion]:
    """The ``top`` most check-worthy sentences of plain ``text`` (all of them if ``top`` <= 0),
    most worth checking first."""
    return rank_sentences(split_sentences(text), top=top)
