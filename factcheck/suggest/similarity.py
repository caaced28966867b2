"""Does a sentence say nearly the same as a claim the project already has?

Both sides are reduced to their content words (case, accents, typography, punctuation and a
short list of function words dropped) and compared with rapidfuzz's ``token_set_ratio``, scaled
down by how many of the shorter text's words the other lacks: order does not matter, and a
sentence that contains all of a claim's words scores 1.0 however much else it says — the usual
case of a claim's summary or quote inside a longer sentence. A text with
fewer than :data:`MIN_SET_WORDS` content words would match any sentence that happens to contain
them, so such pairs are compared as whole word sequences (``token_sort_ratio``) instead.

rapidfuzz is already a dependency (quote anchoring uses it) and runs in C; ``process.extract``
narrows each sentence to the few claims above the threshold without any Python loop over all
claims, which keeps ``factcheck suggest`` fast on projects with thousands of claims.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from rapidfuzz import fuzz, process

__all__ = ["DEFAULT_THRESHOLD", "ClaimIndex", "Match", "content_words", "similarity"]


def _word_set(words: str) -> frozenset[str]:
    """A set of the space-separated words of ``words`` (easier to read and edit than a list)."""
    return frozenset(words.split())


DEFAULT_THRESHOLD: Final = 0.75
"""Similarity from which a claim is shown as a match."""
MIN_SET_WORDS: Final = 4

_STOPWORDS: Final = _word_set(
    "a an the and or but of to in on at by for with from as is are was were be been being it "
    "its this that these those there their they them he she his her him i we our us you your "
    "has have had do does did so than then which who whom what when where will would shall "
    "should can could may might must also just very about into over said says say")
_WORD: Final = re.compile(r"\w+")


def content_words(text: str) -> list[str]:
    """The text's words, lower-cased and without accents, function words left out."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return [w for w in _WORD.findall(folded) if w not in _STOPWORDS]


def _prepare(text: str) -> str:
    return " ".join(content_words(text))


def _score(a: str, b: str) -> float:
    """Similarity of two prepared texts, 0 to 100."""
    if not a or not b:
        return 0.0
    words_a, words_b = set(a.split()), set(b.split())
    if min(len(words_a), len(words_b)) < MIN_SET_WORDS:
        return fuzz.token_sort_ratio(a, b)
    # token_set_ratio alone rates a sentence that shares four of a claim's seven words (a
    # different claim about the same budget) about 0.75; scaling by the share of the shorter
    # text's words found in the other keeps "contains the claim" at 1.0 and drops such pairs.
    coverage = len(words_a & words_b) / min(len(words_a), len(words_b))
    return fuzz.token_set_ratio(a, b) * (0.5 + 0.5 * coverage)


def similarity(a: str, b: str) -> float:
    """How nearly ``a`` and ``b`` say the same, from 0.0 to 1.0 (see the module's docstring)."""
    return round(_score(_prepare(a), _prepare(b)) / 100.0, 4)


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
        for claim_id, texts in claims:
            for text in texts:
                prepared = _prepare(text or "")
                if prepared:
                    self._ids.append(claim_id)
                    self._texts.append(prepared)

    def __len__(self) -> int:
        return len(set(self._ids))

    def matches(self, sentence: str, *, threshold: float = DEFAULT_THRESHOLD,
                limit: int = 3) -> list[Match]:
        """The claims that say nearly what ``sentence`` says, most similar first."""
        query = _prepare(sentence)
        if not query or not self._texts:
            return []
        cutoff = threshold * 100
        # token_set_ratio is at least token_sort_ratio on the same pair (but for texts that repeat
        # a word), so it serves as the first filter, in C; the exact score (with the short-text
        # rule) is computed for the few candidates left.
        candidates = process.extract(query, self._texts, scorer=fuzz.token_set_ratio,
                                     processor=None, score_cutoff=cutoff, limit=None)
        best: dict[str, float] = {}
        for _text, _rough, position in candidates:
            score = _score(query, self._texts[position])
            if score >= cutoff:
                claim_id = self._ids[position]
                best[claim_id] = max(best.get(claim_id, 0.0), score)
        ranked = sorted(best.items(), key=lambda item: (-item[1], item[0]))
        return [Match(claim_id, round(score / 100.0, 4)) for claim_id, score in ranked[:limit]]
