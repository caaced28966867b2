"""The top check-worthy sentences of an imported article, as commented-out claim entries.

The ranking and the checkable words (quote, claimant, summary) are :mod:`factcheck.suggest`'s,
the same as ``factcheck suggest``. Each entry is made so that removing its ``# `` gives a claim
that ``factcheck check`` passes without a warning: its quote is found once in the article, its
summary is under 75 characters, and its id is used by no other claim. A sentence that says what
an existing claim says gets a note under its entry (a comment still, once the entry is enabled).

Suggestions are a convenience: if the ranking cannot run (the package or its model file is
missing), the article is imported without them, with one warning, rather than not at all.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..anchoring import BLOCK_SEPARATOR, AnchorIndex
from ..content_files import comment_block, dump_yaml
from ..ids import make_id, with_hash
from ..markdown import parse, text_stream

if TYPE_CHECKING:
    from ..suggest import ClaimIndex, Match

TOP_SUGGESTIONS = 3
SUGGESTION_ID_LENGTH = 40
HEADER = "Suggested claims (factcheck suggest); remove the '# ' to enable one:\n"


class SuggestionsUnavailable(Exception):
    """The ranking cannot run here; the reason is the message."""


@dataclass(slots=True)
class SuggestedClaims:
    """The comment block for an article, and what its suggestions match."""

    comment: str = ""
    ids: list[str] = field(default_factory=list)
    """The ids of the suggested claims."""
    matches: list[tuple[str, list[Match]]] = field(default_factory=list)
    """(suggested claim's summary, the existing claims it matches), for those that match."""


def _one_line(text: str) -> str:
    # Line breaks go; a non-breaking space stays, as the article has it.
    return re.sub(r"[ \t\r\n]+", " ", text).strip()


def suggested_claims(
    body: str,
    *,
    top: int = TOP_SUGGESTIONS,
    taken: Collection[str] = (),
    index: ClaimIndex | None = None,
    language: str | None = None,
) -> SuggestedClaims:
    """Up to ``top`` claim entries for ``body`` (Markdown) as YAML comment lines; ids in
    ``taken`` (the project's claims) are not used; ``index`` finds existing claims that say the
    same. Text in a ``language`` the model does not know gets a comment saying so instead of
    suggestions ranked by noise."""
    stream = text_stream(parse(body, 1).tokens)[0]
    text = stream.replace(BLOCK_SEPARATOR, "\n\n")
    result = SuggestedClaims()
    if not text.strip():
        return result
    from ..suggest.language import judge

    guess = judge(text, language)
    if not guess.known:
        result.comment = comment_block(
            f"No claims suggested: {guess.reason}, and factcheck suggest's model knows only "
            "English.\n"
        )
        return result
    try:
        from ..suggest import suggest_claims

        # A few spare ones, for sentences that cannot be quoted as they are (see below).
        suggestions = suggest_claims(text, top=top * 2)
    except (ImportError, OSError) as exc:
        raise SuggestionsUnavailable(str(exc)) from exc
    anchors = AnchorIndex(stream)
    blocks: list[str] = []
    seen: set[str] = set(taken)
    for suggestion in suggestions:
        if len(blocks) == top:
            break
        sentence = _one_line(str(suggestion.sentence))
        quote = _one_line(suggestion.quote)
        # Enabling an entry must give a clean `check`: the quote has to be found, once; the
        # claim's own words first, else the whole sentence.
        if not quote or anchors.find(quote).span is None:
            quote = sentence
        if not quote or anchors.find(quote).span is None:
            continue
        summary = suggestion.summary or quote
        ident = make_id(summary, prefix="claim", key=quote, max_length=SUGGESTION_ID_LENGTH)
        if ident in seen:
            ident = with_hash(ident, quote)
            if ident in seen:
                continue
        seen.add(ident)
        result.ids.append(ident)
        entry: dict[str, Any] = {"id": ident, "quote": quote}
        if suggestion.claimant:
            entry["claimant"] = suggestion.claimant
        entry["summary"] = summary
        block = dump_yaml([entry])
        found = index.matches_any((sentence, quote)) if index is not None else []
        if found:
            result.matches.append((summary, found))
            block += (
                "  # already checked? "
                + ", ".join(f"{m.claim} (similarity {m.similarity:.2f})" for m in found)
                + "\n"
            )
        blocks.append(block)
    if blocks:
        result.comment = comment_block(HEADER + "".join(blocks))
    return result
