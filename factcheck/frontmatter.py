"""Split a content file into YAML front matter and a Markdown body, keeping every position.

Positions are in the file, not in the front-matter block: an error about a key points at the line
a user sees in their editor. YAML goes through PyYAML's C safe loader; one walk over its node tree
records where every key and value stands, and which scalars YAML typed as something other than
text (so that ``rating: false`` can be read as the word it spells, or refused with "quote it").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, cast

import yaml

from .diagnostics import Diagnostics, Position

try:  # The C loader is ~10x faster; fall back only where libyaml is missing.
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

KeyPath = tuple[str | int, ...]

_STR_TAG = "tag:yaml.org,2002:str"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"

MAX_DEPTH = 64
"""How deeply YAML values may nest. Front matter needs a handful of levels; the limit keeps a
hostile file from overflowing libyaml's recursive composer (a crash, not an exception) or
Python's recursion limit."""
MAX_EXPANDED = 100_000
"""How many values a document may hold once its aliases are expanded (a "billion laughs"
document of a few hundred bytes expands to billions)."""
_NESTING_MARKS = "[{-:?"
"""Every level of YAML nesting needs one of these characters."""
_SAFE_TO_COMPOSE = 2_000
"""A text with at most this many nesting marks cannot nest deeply enough to overflow libyaml's
recursive composer (it crashes at some ten thousand levels), so it needs no scan first; deeper
nesting than MAX_DEPTH is then found in the composed nodes."""


class SafeLoader(_BaseLoader):
    """PyYAML's safe loader, made to report every bad value as a YAML error with its place.

    The stock constructors raise ValueError, KeyError or AttributeError on values such as
    ``2026-02-30``, ``!!int abc`` or ``!!bool maybe``; those would escape as crashes.
    """

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep=deep)
        except (ValueError, TypeError, KeyError, AttributeError, OverflowError) as exc:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"cannot read {node.value!r} as {node.tag.rsplit(':', 1)[-1]}",
                node.start_mark,
            ) from exc

    def construct_lenient_timestamp(self, node: yaml.ScalarNode) -> Any:
        """A plain value that looks like a date but is not a real one (``2026-02-30``, an hour
        offset of 25) is kept as text, so that the field that wants a date reports it."""
        try:
            return self.construct_yaml_timestamp(node)
        except (ValueError, AttributeError):
            return self.construct_scalar(node)


SafeLoader.add_constructor(_TIMESTAMP_TAG, SafeLoader.construct_lenient_timestamp)


@dataclass(slots=True)
class YamlDoc:
    """Parsed YAML with the place of every key and value."""

    data: Any
    key_pos: dict[KeyPath, Position] = field(default_factory=dict)
    """Where the key of the entry at that path stands (for list items: the item's start)."""
    value_pos: dict[KeyPath, Position] = field(default_factory=dict)
    """Where the value at that path starts."""
    raw: dict[KeyPath, str] = field(default_factory=dict)
    """The source text of plain scalars that YAML typed as bool, null, number or date."""

    def pos(self, *path: str | int) -> Position | None:
        """Where the value at ``path`` stands, or the nearest enclosing place that is known."""
        p: KeyPath = path
        while p:
            found = self.value_pos.get(p) or self.key_pos.get(p)
            if found:
                return found
            p = p[:-1]
        return self.value_pos.get(())

    def key(self, *path: str | int) -> Position | None:
        """Where the key of ``path`` stands (falls back to the value's place)."""
        return self.key_pos.get(path) or self.pos(*path)


@dataclass(slots=True)
class ContentFile:
    """A Markdown file with front matter, as read from disk."""

    path: str
    """Relative to the project, with forward slashes."""
    meta: YamlDoc
    body: str
    body_line: int
    """The file line (1-based) on which the body starts."""


def decode(raw: bytes, path: str, diags: Diagnostics) -> str:
    """UTF-8 text with any byte-order mark dropped and CRLF turned into LF.

    Bytes that are not UTF-8 are reported at their line and column and replaced, so that the rest
    of the file is still read and checked.
    """
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        diags.error(
            path,
            Position(line, column),
            f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x})",
            "save the file as UTF-8 in your editor",
        )
        text = raw.decode("utf-8", errors="replace")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def parse_yaml(text: str, path: str, diags: Diagnostics, *, first_line: int = 1) -> YamlDoc | None:
    """Parse one YAML document, with positions offset to ``first_line`` of the file.

    Returns None (after reporting why) when the YAML cannot be read at all.
    """
    marks = sum(text.count(c) for c in _NESTING_MARKS)
    too_deep = _too_deep(text) if marks > _SAFE_TO_COMPOSE else None
    if too_deep is not None:
        diags.error(path, Position(first_line + too_deep.line, too_deep.column + 1), *_TOO_DEEP)
        return None
    loader = SafeLoader(text)
    try:
        node = loader.get_single_node()
        # Each level of nesting takes at least one nesting mark, and only aliases share nodes:
        # typical front matter has neither enough marks nor any alias, and skips the walk.
        risky = "*" in text or marks > MAX_DEPTH
        shape = _shape_problem(node) if node is not None and risky else None
        if shape is not None:
            message, hint, where = shape
            diags.error(path, Position(first_line + where.line, where.column + 1), message, hint)
            return None
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        pos = Position(first_line + mark.line, mark.column + 1) if mark else Position(first_line, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        at = _char_at(text, mark.line, mark.column) if mark else ""
        what = (
            "YAML error"
            if isinstance(exc, yaml.constructor.ConstructorError)
            else "YAML syntax error"
        )
        diags.error(path, pos, f"{what}: {problem}", _yaml_hint(problem, at))
        return None
    except yaml.YAMLError as exc:
        diags.error(path, Position(first_line, 1), f"YAML error: {exc}")
        return None
    finally:
        loader.dispose()
    doc = YamlDoc(data)
    if node is not None:
        _walk(node, (), doc, path, diags, first_line)
    return doc


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n")
    return lines[line][column : column + 1] if 0 <= line < len(lines) else ""


def _too_deep(text: str) -> yaml.Mark | None:
    """Where the text nests deeper than MAX_DEPTH, found from the parser's events (libyaml's
    parser is a loop; only its composer recurses), or None."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_BaseLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return cast(yaml.Mark, event.start_mark)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        pass  # composing reports it, with its place
    return None


_TOO_DEEP = (
    f"the YAML is nested more than {MAX_DEPTH} levels deep",
    "front matter needs only a few levels of lists and mappings",
)
_ALIAS_HINT = "write the values out instead of repeating them with '*' aliases"


def _shape_problem(root: yaml.Node) -> tuple[str, str, yaml.Mark] | None:
    """Why a composed document is unsafe to construct and walk: nesting deeper than MAX_DEPTH,
    aliases that expand to too many values, or an alias inside the value it names; with a hint
    and the place. Iterative, and each node is visited once however many aliases name it."""
    size: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, finished = stack.pop()
        key = id(node)
        if finished:
            on_path.discard(key)
            size[key] = 1 + sum(size[id(child)] for child in _children(node))
            if size[key] > MAX_EXPANDED:
                return (
                    f"the YAML aliases expand to more than {MAX_EXPANDED} values",
                    _ALIAS_HINT,
                    node.start_mark,
                )
            continue
        if key in size:
            continue
        if key in on_path:
            return (
                "a YAML alias refers to the value that contains it",
                _ALIAS_HINT,
                node.start_mark,
            )
        if len(on_path) >= MAX_DEPTH:
            return (*_TOO_DEEP, node.start_mark)
        on_path.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node))
    return None


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _yaml_hint(problem: str, at: str = "") -> str | None:
    if at == "\t" or "found character '\\t'" in problem:
        return "YAML indents with spaces, not tabs"
    if "mapping values are not allowed" in problem:
        return (
            "a value that contains ': ' must be quoted; a new field must be indented like "
            "the one above it"
        )
    if "could not find expected ':'" in problem:
        return "each line of front matter is 'key: value'; check for a missing colon or quote"
    return None


def _walk(
    node: yaml.Node, path: KeyPath, doc: YamlDoc, file: str, diags: Diagnostics, first_line: int
) -> None:
    mark = node.start_mark
    doc.value_pos[path] = Position(first_line + mark.line, mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, Position] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node)
            kmark = key_node.start_mark
            kpos = Position(first_line + kmark.line, kmark.column + 1)
            if key in seen:
                diags.error(
                    file,
                    kpos,
                    f"duplicate key '{key}'",
                    f"it is already given at line {seen[key].line}; keep one of them",
                )
            seen[key] = kpos
            child = (*path, key)
            doc.key_pos[child] = kpos
            _walk(value_node, child, doc, file, diags, first_line)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            child = (*path, index)
            imark = item.start_mark
            doc.key_pos[child] = Position(first_line + imark.line, imark.column + 1)
            _walk(item, child, doc, file, diags, first_line)
    elif isinstance(node, yaml.ScalarNode) and node.tag != _STR_TAG:
        doc.raw[path] = node.value


def split(text: str, path: str, diags: Diagnostics) -> ContentFile | None:
    """Read front matter and body from decoded text; None when there is no usable front matter."""
    if not text.strip():
        diags.error(
            path,
            Position(1, 1),
            "the file is empty",
            "a content file starts with front matter between two '---' lines",
        )
        return None
    first_nl = text.find("\n")
    first = text if first_nl < 0 else text[:first_nl]
    if first.rstrip() != "---":
        diags.error(
            path,
            Position(1, 1),
            "the file does not start with front matter",
            "put '---' on the first line, then the YAML fields, then '---' again",
        )
        return None
    # Find the closing fence: a line that is exactly '---' (trailing blanks tolerated).
    start = first_nl + 1
    pos = start
    close_start = close_end = -1
    while pos <= len(text):
        nl = text.find("\n", pos)
        line_end = len(text) if nl < 0 else nl
        if text[pos:line_end].rstrip() in ("---", "..."):
            close_start, close_end = pos, (line_end + 1 if nl >= 0 else line_end)
            break
        if nl < 0:
            break
        pos = nl + 1
    if close_start < 0:
        diags.error(
            path,
            Position(1, 1),
            "the front matter is not closed",
            "add a line '---' after the last front-matter field",
        )
        return None
    yaml_text = text[start:close_start]
    body_line = text.count("\n", 0, close_end) + 1
    doc = parse_yaml(yaml_text, path, diags, first_line=2)
    if doc is None:
        return None
    if doc.data is None:
        doc.data = {}
    if not isinstance(doc.data, dict):
        diags.error(
            path,
            Position(2, 1),
            "the front matter must be a set of 'key: value' fields",
            f"found {a_yaml_type(doc.data)} instead",
        )
        return None
    return ContentFile(path, doc, text[close_end:], body_line)


def yaml_type(value: object) -> str:
    """A user's word for what YAML made of a value."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "mapping"
    return type(value).__name__.replace("datetime", "date and time")


def a_yaml_type(value: object) -> str:
    """:func:`yaml_type` with its article, for a sentence: "a list", "text", "null"."""
    word = yaml_type(value)
    if word in ("null", "text"):
        return word
    return f"{'an' if word[0] in 'aeiou' else 'a'} {word}"
