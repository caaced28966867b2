"""JSON from outside, read within bounds: a located error, never a crash, for JSON that is too
deep or too large to be a published check.

Python's parser recurses once per level of nesting, so ``[[[[...]]]]`` 100,000 levels deep ends
in a RecursionError (an ``internal error:``); the JSON-LD walkers after it recurse too. Real
ClaimReview JSON-LD is a dozen levels deep and a few hundred kilobytes.
"""

from __future__ import annotations

import json
from typing import Any, Final

from .plan import ImportFailure

__all__ = ["MAX_DEPTH", "MAX_JSON_BYTES", "JsonTooDeep", "load_json", "parse_json"]

MAX_DEPTH: Final = 64
MAX_JSON_BYTES: Final = 32 * 1024 * 1024


class JsonTooDeep(ValueError):
    """JSON nested deeper than :data:`MAX_DEPTH`, or larger than :data:`MAX_JSON_BYTES`."""


def _depth_ok(text: str) -> bool:
    """Whether no array or object in ``text`` is nested deeper than MAX_DEPTH (strings skipped;
    one pass, no recursion, run before the parser would recurse)."""
    depth = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return False
        elif char in "]}":
            depth -= 1
    return True


def parse_json(text: str) -> Any:
    """``json.loads(text, strict=False)``, or :class:`JsonTooDeep`, or ``json.JSONDecodeError``."""
    if len(text) > MAX_JSON_BYTES:
        raise JsonTooDeep(f"it is larger than {MAX_JSON_BYTES // (1024 * 1024)} MB")
    # Cheap first: nothing deep can hide in text with fewer brackets than the limit.
    if text.count("[") + text.count("{") > MAX_DEPTH and not _depth_ok(text):
        raise JsonTooDeep(f"it is nested more than {MAX_DEPTH} levels deep")
    try:
        return json.loads(text, strict=False)
    except RecursionError as exc:  # pragma: no cover - the depth check comes first
        raise JsonTooDeep("it is nested too deeply") from exc


def load_json(text: str, name: str) -> Any:
    """The JSON document of an input; :class:`ImportFailure` at the place of any problem."""
    try:
        return parse_json(text)
    except json.JSONDecodeError as exc:
        raise ImportFailure(
            name,
            f"not valid JSON: {exc.msg}; nothing was imported",
            line=exc.lineno,
            column=exc.colno,
        ) from exc
    except JsonTooDeep as exc:
        raise ImportFailure(
            name, f"this JSON cannot be a published check: {exc}; nothing was imported"
        ) from exc
