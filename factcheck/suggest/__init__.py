"""Which sentences of a text are worth checking, and which existing claims say the same.

Public API (used by ``factcheck suggest`` and by the importers)::

    from factcheck.suggest import suggest_claims, split_sentences, similarity, ClaimIndex

    for suggestion in suggest_claims(text, top=5):
        print(f"{suggestion.score:.2f}  {suggestion.summary}  ({suggestion.claimant})")

The check-worthiness model is a logistic regression over word, character and cue features,
trained on political debates (CLEF 2020 CheckThat! task 5) by ``benchmarks/checkworthiness.py``,
calibrated on news articles labelled by hand, and shipped as a small weights file; scoring is
pure Python (see :mod:`.model`). Each suggestion carries the checkable words of its sentence
(:mod:`.spans`). ``docs/suggest.md`` gives the measured quality.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .sentences import split_sentences
from .similarity import DEFAULT_THRESHOLD, ClaimIndex, Match, similarity
from .spans import Span, checkable_span

__all__ = [
    "DEFAULT_CUT_OFF",
    "DEFAULT_THRESHOLD",
    "ClaimIndex",
    "Match",
    "Span",
    "Suggestion",
    "checkable_span",
    "rank_sentences",
    "similarity",
    "split_sentences",
    "suggest_claims",
]


DEFAULT_CUT_OFF = 0.5
"""Sentences scoring below this are not suggested unless asked for (docs/suggest.md: in the
labelled news articles, such sentences were check-worthy less often than not)."""


@dataclass(slots=True)
class Suggestion:
    """A sentence, how worth checking it is, and its checkable words."""

    sentence: str
    score: float
    """From 0 to 1: the calibrated probability that a fact-checker marks the sentence as worth
    checking (see docs/suggest.md and :mod:`factcheck.suggest.model`)."""
    index: int = 0
    """The sentence's place in the text (0 for the first)."""
    matches: list[Match] = field(default_factory=list)
    """Existing claims that say nearly the same; filled by :meth:`ClaimIndex.matches` callers."""
    quote: str = ""
    """The claim's words in the sentence (see :mod:`.spans`); the sentence when not set."""
    claimant: str | None = None
    summary: str = ""

    def __post_init__(self) -> None:
        if not self.quote:
            span = checkable_span(self.sentence)
            self.quote, self.claimant, self.summary = span.quote, span.claimant, span.summary


def rank_sentences(
    sentences: list[str], *, top: int | None = None, min_score: float = 0.0
) -> list[Suggestion]:
    """Score sentences given in reading order and return those scoring at least ``min_score``,
    most check-worthy first; ``top`` keeps only the first few."""
    from .model import load_model

    scores = load_model().score(sentences)
    # Repeated sentences (a refrain, a pull quote) are suggested once, at their best score.
    best: dict[str, tuple[float, int]] = {}
    for index, (sentence, score) in enumerate(zip(sentences, scores, strict=True)):
        known = best.get(sentence)
        if known is None or score > known[0]:
            best[sentence] = (score, index if known is None else known[1])
    order = sorted(
        (
            (score, index, sentence)
            for sentence, (score, index) in best.items()
            if score >= min_score
        ),
        key=lambda item: (-item[0], item[1]),
    )
    if top is not None and top > 0:
        order = order[:top]
    return [Suggestion(sentence, score, index) for score, index, sentence in order]


def suggest_claims(
    text: str, *, top: int = 5, min_score: float = DEFAULT_CUT_OFF
) -> list[Suggestion]:
    """The ``top`` most check-worthy sentences of plain ``text`` (all of them if ``top`` <= 0)
    that score at least ``min_score``, most worth checking first."""
    return rank_sentences(split_sentences(text), top=top, min_score=min_score)
