"""The top check-worthy sentences of an imported article, as commented-out claim entries.

The ranking itself is :mod:`factcheck.suggest`'s (the same as ``factcheck suggest``). Suggestions
are a convenience: if the ranking cannot run (the package or its model file is missing), the
article is imported without them, with one warning, rather than not at all.
"""

from __future__ import annotations

import re
from typing import Any

from ..anchoring import BLOCK_SEPARATOR, AnchorIndex
from ..ids import make_id
from ..markdown import parse, text_stream
from .writer import comment_block, dump_yaml

TOP_SUGGESTIONS = 3
SUGGESTION_ID_LENGTH = 40
HEADER = "Suggested claims (factcheck suggest); remove the '# ' to enable one:\n"


class SuggestionsUnavailable(Exception):
    """The ranking cannot run here; the reason is the message."""


def suggested_claims_comment(body: str, *, top: int = TOP_SUGGESTIONS) -> str:
    """YAML comment lines with up to ``top`` claim entries for ``body`` (Markdown), or ""."""
    stream = text_stream(parse(body, 1).tokens)[0]
    text = stream.replace(BLOCK_SEPARATOR, "\n\n")
    if not text.strip():
        return ""
    try:
        from ..suggest import suggest_claims

        # A few spare ones, for sentences that cannot be quoted as they are (see below).
        suggestions = suggest_claims(text, top=top * 2)
    except (ImportError, OSError) as exc:
        raise SuggestionsUnavailable(str(exc)) from exc
    anchors = AnchorIndex(stream)
    entries: list[dict[str, Any]] = []
    seen: set[str] = set()
    for suggestion in suggestions:
        if len(entries) == top:
            break
        # Line breaks go; a non-breaking space stays, as the article has it.
        sentence = re.sub(r"[ \t\r\n]+", " ", str(suggestion.sentence)).strip()
        # Enabling an entry must give a clean `check`: the quote has to be found, once.
        if not sentence or anchors.find(sentence).span is None:
            continue
        ident = make_id(sentence, prefix="claim", key=sentence,
                        max_length=SUGGESTION_ID_LENGTH)
        if ident in seen:
            continue
        seen.add(ident)
        entries.append({"id": ident, "quote": sentence, "summary": sentence})
    if not entries:
        return ""
    return comment_block(HEADER + dump_yaml(entries))
