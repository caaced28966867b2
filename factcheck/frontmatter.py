"""Split a content file into YAML front matter and a Markdown body, keeping every position.

Positions are in the file, not in the front-matter block: an error about a key points at the line
a user sees in their editor. YAML goes through PyYAML's C safe loader; one walk over its node tree
records where every key and value stands, and which scalars YAML typed as something other than
text (so that ``rating: false`` can be read as the word it spells, or refused with "quote it").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from .diagnostics import Diagnostics, Position

try:  # The C loader is ~10x faster; fall back only where libyaml is missing.
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader  # type: ignore[assignment]

KeyPath = tuple[str | int, ...]

_STR_TAG = "tag:yaml.org,2002:str"


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
        diags.error(path, Position(line, column),
                    f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x})",
                    "save the file as UTF-8 in your editor")
        text = raw.decode("utf-8", errors="replace")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def parse_yaml(text: str, path: str, diags: Diagnostics, *, first_line: int = 1) -> YamlDoc | None:
    """Parse one YAML document, with positions offset to ``first_line`` of the file.

    Returns None (after reporting why) when the YAML cannot be read at all.
    """
    loader = SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        pos = Position(first_line + mark.line, mark.column + 1) if mark else Position(first_line, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        diags.error(path, pos, f"YAML syntax error: {problem}", _yaml_hint(problem))
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


def _yaml_hint(problem: str) -> str | None:
    if "mapping values are not allowed" in problem:
        return "a value that contains ': ' must be quoted"
    if "found character '\\t'" in problem:
        return "YAML indents with spaces, not tabs"
    if "could not find expected ':'" in problem:
        return "each line of front matter is 'key: value'; check for a missing colon or quote"
    return None


def _walk(node: yaml.Node, path: KeyPath, doc: YamlDoc, file: str, diags: Diagnostics,
          first_line: int) -> None:
    mark = node.start_mark
    doc.value_pos[path] = Position(first_line + mark.line, mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, Position] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node)
            kmark = key_node.start_mark
            kpos = Position(first_line + kmark.line, kmark.column + 1)
            if key in seen:
                diags.error(file, kpos, f"duplicate key '{key}'",
                            f"it is already given at line {seen[key].line}; keep one of them")
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
        diags.error(path, Position(1, 1), "the file is empty",
                    "a content file starts with front matter between two '---' lines")
        return None
    first_nl = text.find("\n")
    first = text if first_nl < 0 else text[:first_nl]
    if first.rstrip() != "---":
        diags.error(path, Position(1, 1), "the file does not start with front matter",
                    "put '---' on the first line, then the YAML fields, then '---' again")
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
        diags.error(path, Position(1, 1), "the front matter is not closed",
                    "add a line '---' after the last front-matter field")
        return None
    yaml_text = text[start:close_start]
    body_line = text.count("\n", 0, close_end) + 1
    doc = parse_yaml(yaml_text, path, diags, first_line=2)
    if doc is None:
        return None
    if doc.data is None:
        doc.data = {}
    if not isinstance(doc.data, dict):
        diags.error(path, Position(2, 1), "the front matter must be a set of 'key: value' fields",
                    f"found a {yaml_type(doc.data)} instead")
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
