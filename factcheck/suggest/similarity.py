"""Does a sentence say nearly the same as a claim the project already has?

Both sides are reduced to what they say (:mod:`.normalize`: figures in words or digits, shares,
multiples, units, dates and common verbs made one form each, function words dropped), then
compared with rapidfuzz's ``token_set_ratio``, scaled down by how many of the shorter text's
words the other lacks: order does not matter, and a sentence that contains all of a claim's
words scores 1.0 however much else it says — the usual case of a claim's summary or quote inside
a longer sentence. A text with fewer than :data:`MIN_SET_WORDS` content words would match any
sentence that happens to contain them, so such pairs are compared as whole word sequences
(``token_sort_ratio``) instead. Two texts that both state figures must state the same ones
(shares within two points), and a rise is not a fall: otherwise the score is cut, so that two
claims about the same budget with different figures do not match.

rapidfuzz is already a dependency (quote anchoring uses it) and runs in C; ``process.extract``
narrows each sentence to the few claims above the threshold without any Python loop over all
claims, which keeps ``factcheck suggest`` fast on projects with thousands of claims.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from rapidfuzz import fuzz, process

from .normalize import NUMERIC, OPPOSITES, canonical_tokens, names

__all__ = ["DEFAULT_THRESHOLD", "ClaimIndex", "Match", "content_words", "similarity"]


DEFAULT_THRESHOLD: Final = 0.75
"""Similarity from which a claim is shown as a match."""
MIN_SET_WORDS: Final = 4


def content_words(text: str) -> list[str]:
    """The text's words as compared: see :mod:`.normalize`."""
    return canonical_tokens(text)


def _prepare(text: str) -> str:
    return " ".join(canonical_tokens(text))


def _figures(words: set[str]) -> set[str]:
    return {w for w in words if NUMERIC.match(w)}


def _same_figure(a: str, b: str) -> bool:
    if a == b:
        return True
    if a.startswith("pct") and b.startswith("pct"):
        try:
            return abs(int(a[3:]) - int(b[3:])) <= 2  # "a third" and "33 percent"
        except ValueError:
            return False
    return False


def _agreement(
    words_a: set[str],
    words_b: set[str],
    names_a: frozenset[str] = frozenset(),
    names_b: frozenset[str] = frozenset(),
) -> float:
    """1.0 when the figures, the direction of change and the names agree (or one side states
    none), less as they differ: "Florida" against "Texas" is another claim, while a name that
    only one side gives ("Martin Luther King" against "King") is a detail."""
    factor = 1.0
    figures_a, figures_b = _figures(words_a), _figures(words_b)
    if figures_a and figures_b:
        shared = sum(1 for a in figures_a if any(_same_figure(a, b) for b in figures_b))
        share = shared / min(len(figures_a), len(figures_b))
        factor *= 0.5 + 0.5 * share if share else 0.4
    for pair in OPPOSITES:
        sides_a, sides_b = words_a & set(pair), words_b & set(pair)
        if sides_a and sides_b and not sides_a & sides_b:
            factor *= 0.6
    if names_a - words_b and names_b - words_a:
        factor *= 0.7
    return factor


def _score(
    a: str, b: str, names_a: frozenset[str] = frozenset(), names_b: frozenset[str] = frozenset()
) -> float:
    """Similarity of two prepared texts, 0 to 100."""
    if not a or not b:
        return 0.0
    words_a, words_b = set(a.split()), set(b.split())
    agreement = _agreement(words_a, words_b, names_a, names_b)
    if min(len(words_a), len(words_b)) < MIN_SET_WORDS:
        return fuzz.token_sort_ratio(a, b) * agreement
    # token_set_ratio alone rates a sentence that shares four of a claim's seven words (a
    # different claim about the same budget) about 0.75; scaling by the share of the shorter
    # text's words found in the other keeps "contains the claim" at 1.0 and drops such pairs.
    coverage = len(words_a & words_b) / min(len(words_a), len(words_b))
    return fuzz.token_set_ratio(a, b) * (0.5 + 0.5 * coverage) * agreement


def similarity(a: str, b: str) -> float:
    """How nearly ``a`` and ``b`` say the same, from 0.0 to 1.0 (see the module's docstring)."""
    return round(_score(_prepare(a), _prepare(b), names(a), names(b)) / 100.0, 4)


@dataclass(frozen=True, slots=True)
class Match:
    """An existing claim that says nearly the same as a sentence."""

    claim: str
    """The claim's id."""
    similarity: float


class ClaimIndex:
    """The project's claims, prepared once, to match many sentences against."""

    def __init__(self, claims: Iterable[tuple[str, Iterable[str | None]]]) -> None:
        """``claims``: (claim id, texts to compare with: its summary, its quote...)."""
        self._ids: list[str] = []
        self._texts: list[str] = []
        self._names: list[frozenset[str]] = []
        for claim_id, texts in claims:
            for text in texts:
                prepared = _prepare(text or "")
                if prepared:
                    self._ids.append(claim_id)
                    self._texts.append(prepared)
                    self._names.append(names(text or ""))

    def __len__(self) -> int:
        return len(set(self._ids))

    def matches_any(
        self, texts: Iterable[str], *, threshold: float = DEFAULT_THRESHOLD, limit: int = 3
    ) -> list[Match]:
        """The claims that say nearly what any of ``texts`` says (a sentence and its quote),
        each at its best similarity, most similar first."""
        best: dict[str, float] = {}
        for text in texts:
            for match in self.matches(text, threshold=threshold, limit=limit):
                best[match.claim] = max(best.get(match.claim, 0.0), match.similarity)
        ranked = sorted(best.items(), key=lambda item: (-item[1], item[0]))
        return [Match(claim, score) for claim, score in ranked[:limit]]

    def matches(
        self, sentence: str, *, threshold: float = DEFAULT_THRESHOLD, limit: int = 3
    ) -> list[Match]:
        """The claims that say nearly what ``sentence`` says, most similar first."""
        query = _prepare(sentence)
        query_names = names(sentence)
        if not query or not self._texts:
            return []
        cutoff = threshold * 100
        # token_set_ratio is at least token_sort_ratio on the same pair (but for texts that repeat
        # a word), so it serves as the first filter, in C; the exact score (with the short-text
        # rule) is computed for the few candidates left.
        candidates = process.extract(
            query,
            self._texts,
            scorer=fuzz.token_set_ratio,
            processor=None,
            score_cutoff=cutoff,
            limit=None,
        )
        best: dict[str, float] = {}
        for _text, _rough, position in candidates:
            score = _score(query, self._texts[position], query_names, self._names[position])
            if score >= cutoff:
                claim_id = self._ids[position]
                best[claim_id] = max(best.get(claim_id, 0.0), score)
        ranked = sorted(best.items(), key=lambda item: (-item[1], item[0]))
        return [Match(claim_id, round(score / 100.0, 4)) for claim_id, score in ranked[:limit]]
