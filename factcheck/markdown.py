"""Markdown: markdown-it-py with the project's own syntax as parser plugins.

- ``[@evidence-id]`` is a citation; ``[[claim-id]]`` (or ``[[claim-id|words]]``) links a claim.
  Both are inline rules that emit tokens carrying the id and the line and column they stand at in
  the file, so an unknown id is reported where the user wrote it.
- Raw HTML is never markup: the parser runs with ``html`` off, so tags come out escaped.
- Links may be http, https, mailto or relative; any other scheme is dropped to plain text with a
  warning (markdown-it's own check would silently leave the whole ``[text](url)`` as text).
"""

from __future__ import annotations

import bisect
import re
import weakref
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import markdown_it.helpers
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from .anchoring import BLOCK_SEPARATOR
from .diagnostics import Position
from .fields import url_problem

MAX_TARGET = 200
"""The longest id a citation or claim link may hold (ids have at most 100 characters)."""
MAX_LINK_TEXT = 500
"""The longest text of a ``[[id|text]]`` link."""
# What ends each part of ``[@id]`` and ``[[id|text]]``. Each rule looks for its part's end once,
# within its bounded length: no backtracking, so a line of many "[@" or "[[" without a closing
# bracket costs a bounded scan for each, never a scan to the end of the line.
_CITATION_END = re.compile(r"[\]\s;]")
_CLAIM_ID_END = re.compile(r"[\]|\n]")
_LINK_TEXT_END = re.compile(r"[\]\n]")
_NEWLINE = re.compile("\n")


@dataclass(slots=True)
class Parsed:
    """A Markdown body parsed once, kept for checking and for rendering later.

    Equal when parsed from the same source. Pickled (the build cache kept between processes,
    factcheck/saved_cache.py) without its tokens, which are most of its size and of the time to
    load it: what checking reads (references, the stream's text) is kept, and the tokens are
    parsed again from ``source`` only if the body is rendered again (parsing is deterministic)."""

    _tokens: list[Token] | None = field(compare=False)
    env: dict[str, Any] = field(compare=False)
    citations: list[tuple[str, Position]] = field(default_factory=list)
    """``[@id]`` in order of appearance, with their places in the file."""
    claim_links: list[tuple[str, Position]] = field(default_factory=list)
    bad_links: list[tuple[str, str, Position]] = field(default_factory=list)
    """(url, reason, place) of links whose scheme is not allowed."""
    source: tuple[str, int] = ("", 1)
    """(body, the file line it starts on): what the tokens are parsed from."""
    _stream: tuple[str, list[TextRun]] | None = field(default=None, compare=False)
    _text: str | None = field(default=None, compare=False)

    @property
    def tokens(self) -> list[Token]:
        if self._tokens is None:
            again = parse(*self.source)
            self._tokens, self.env = again.tokens, again.env
        return self._tokens

    def stream(self) -> tuple[str, list[TextRun]]:
        """:func:`text_stream` of these tokens, computed once: anchoring, the claim pages'
        context sentences and the article's marks all read the same stream."""
        if self._stream is None:
            self._stream = text_stream(self.tokens)
            self._text = self._stream[0]
        return self._stream

    def text(self) -> str:
        """The stream's text alone (kept when pickled, so reading it needs no parse)."""
        if self._text is None:
            self.stream()
        assert self._text is not None
        return self._text

    def __reduce__(self) -> tuple[Any, ...]:
        return (
            _unpickle_parsed,
            (
                self.env,
                self.citations,
                self.claim_links,
                self.bad_links,
                self.source,
                self._text,
            ),
        )


def _unpickle_parsed(
    env: dict[str, Any],
    citations: list[tuple[str, Position]],
    claim_links: list[tuple[str, Position]],
    bad_links: list[tuple[str, str, Position]],
    source: tuple[str, int],
    text: str | None,
) -> Parsed:
    return Parsed(None, env, citations, claim_links, bad_links, source, None, text)


class _SourceLines:
    """Where the lines of one inline source start, and how each lies in its raw line of the
    file; made once per source, so placing every marker of a long line costs a look-up, not a
    scan of the line."""

    __slots__ = ("_openers", "_shifts", "newlines", "src")

    def __init__(self, src: str) -> None:
        self.src = src
        self.newlines = [m.start() for m in _NEWLINE.finditer(src)] if "\n" in src else []
        self._shifts: dict[int, int | None] = {}
        self._openers: dict[tuple[int, str], tuple[list[int], list[int]]] = {}

    def line(self, offset: int) -> tuple[int, str]:
        """(start, text) of the source's line ``offset`` (0-based)."""
        start = self.newlines[offset - 1] + 1 if offset else 0
        end = self.newlines[offset] if offset < len(self.newlines) else len(self.src)
        return start, self.src[start:end]

    def shift(self, offset: int, text: str, raw: str) -> int | None:
        """Where the source's line ``offset`` (``text``) starts in its raw line: the inline
        source drops indentation and block markers ('> ', '- ', a table's other cells)."""
        if offset not in self._shifts:
            found = raw.find(text) if text else -1
            self._shifts[offset] = found if found >= 0 else None
        return self._shifts[offset]

    def openers(self, offset: int, opener: str, text: str, raw: str) -> tuple[list[int], list[int]]:
        """Where ``opener`` stands in the source's line and in the raw line."""
        key = (offset, opener)
        if key not in self._openers:
            pattern = re.compile(f"(?={re.escape(opener)})")
            self._openers[key] = (
                [m.start() for m in pattern.finditer(text)],
                [m.start() for m in pattern.finditer(raw)],
            )
        return self._openers[key]


def _place(state: StateInline, pos: int, opener: str) -> Position:
    """The file line and column of the marker starting with ``opener`` at ``pos`` in the
    inline source."""
    env = state.env
    block_line: int = env.get("_block_line", 0)
    lines: list[str] = env.get("_lines", [])
    first_line: int = env.get("_first_line", 1)
    # (Two blocks may have the same text, on other lines: a block's first line is in the key.)
    sources: dict[tuple[int, str], _SourceLines] = env.setdefault("_sources", {})
    source = sources.get((block_line, state.src))
    if source is None:
        source = sources[block_line, state.src] = _SourceLines(state.src)
    line_offset = bisect.bisect_left(source.newlines, pos)
    line_index = block_line + line_offset
    start_of_line, text = source.line(line_offset)
    raw = lines[line_index] if 0 <= line_index < len(lines) else ""
    shift = source.shift(line_offset, text, raw)
    if shift is not None:
        column = shift + pos - start_of_line
    else:
        # The line was rewritten (an escaped '|' in a table cell, a tab): take the same
        # occurrence of the opener in the raw line.
        in_text, in_raw = source.openers(line_offset, opener, text, raw)
        nth = bisect.bisect_left(in_text, pos - start_of_line)
        column = in_raw[nth] if nth < len(in_raw) else pos - start_of_line
    return Position(first_line + line_index, column + 1)


def _citation_rule(state: StateInline, silent: bool) -> bool:
    src, pos = state.src, state.pos
    if not src.startswith("[@", pos):
        return False
    end = _CITATION_END.search(src, pos + 2, min(pos + 3 + MAX_TARGET, state.posMax))
    if end is None or src[end.start()] != "]" or end.start() == pos + 2:
        return False
    close = end.start()
    if not silent:
        token = state.push("citation", "", 0)
        token.meta = {"id": src[pos + 2 : close], "position": _place(state, pos, "[@")}
        token.markup = src[pos : close + 1]
    state.pos = close + 1
    return True


def _claim_link_end(src: str, pos: int, limit: int) -> tuple[int, int] | None:
    """For ``[[id]]`` or ``[[id|text]]`` at ``pos``: (where the id ends, where the link
    ends); None if there is none. Each part is looked for once, within its bounded length."""
    start = pos + 2
    id_end = _CLAIM_ID_END.search(src, start, min(start + MAX_TARGET + 1, limit))
    if id_end is None or id_end.start() == start:
        return None
    split = id_end.start()
    if src[split] == "]":
        return (split, split + 2) if src.startswith("]", split + 1) and split + 1 < limit else None
    if src[split] != "|":
        return None
    text_start = split + 1
    text_end = _LINK_TEXT_END.search(src, text_start, min(text_start + MAX_LINK_TEXT + 1, limit))
    if text_end is None or text_end.start() == text_start:
        return None
    close = text_end.start()
    if src[close] == "]" and close + 1 < limit and src[close + 1] == "]":
        return split, close + 2
    return None


def _claim_link_rule(state: StateInline, silent: bool) -> bool:
    src, pos = state.src, state.pos
    if not src.startswith("[[", pos):
        return False
    found = _claim_link_end(src, pos, state.posMax)
    if found is None:
        return False
    split, end = found
    if not silent:
        text = src[split + 1 : end - 2] if src[split] == "|" else ""
        token = state.push("claim_link", "", 0)
        token.meta = {
            "id": src[pos + 2 : split].strip(),
            "text": text.strip() or None,
            "position": _place(state, pos, "[["),
        }
        token.markup = src[pos:end]
    state.pos = end
    return True


def _parse_link_label(state: StateInline, start: int, disableNested: bool = False) -> int:
    """markdown-it's ``parseLinkLabel``, step for step, but fast across tokens it has seen.

    markdown-it walks a link label token by token with ``skipToken``. In a long run of '[' (or
    of '![', '*[' ...) every label is walked across up to ``maxNesting`` tokens that an earlier
    walk cached (the walk then meets a token that skips to the end), so each character of a
    1 MB run cost twenty calls. Here a stretch of cached tokens that no step of the walk could
    stop at (none starts with ']', none is a longer token starting with '[') is crossed in one
    jump, remembered for the next walk, adding one level for each '[' it holds. Same result:
    tests/test_markdown_limits.py compares the two on random bracket soups."""
    old_pos = state.pos
    src, limit, cache = state.src, state.posMax, state.cache
    jumps = _JUMPS.get(state)
    if jumps is None:
        jumps = _JUMPS[state] = {}
    pos = start + 1
    level = 1
    while pos < limit:
        marker = src[pos]
        if marker == "]":
            level -= 1
            if level == 0:
                return pos  # (state.pos was never moved)
        elif pos in cache:
            end, gained = _cached_stretch(src, cache, jumps, pos)
            if end != pos:
                level += gained
                pos = end
                continue
        following = cache.get(pos)
        if following is None:
            state.pos = pos
            state.md.inline.skipToken(state)
            following = state.pos
            state.pos = old_pos
        if marker == "[":
            if following == pos + 1:
                level += 1
            elif disableNested:
                return -1
        pos = following
    return -1


_JUMPS: weakref.WeakKeyDictionary[StateInline, dict[int, tuple[int, int]]] = (
    weakref.WeakKeyDictionary()
)
"""Per inline parse: position -> (where the stretch of cached tokens from it ended when last
crossed, how many single '[' it held). A stretch can only grow: the token cache is written once
per position."""


def _cached_stretch(
    src: str, cache: dict[int, int], jumps: dict[int, tuple[int, int]], pos: int
) -> tuple[int, int]:
    """From ``pos``, across cached tokens that start with neither ']' nor a '[' that opens a
    longer token: (where that stops, how many single '[' were crossed)."""
    crossed: list[tuple[int, int]] = []  # (position, '[' crossed before it)
    gained = 0
    while True:
        jump = jumps.get(pos)
        if jump is not None:
            crossed.append((pos, gained))
            pos, gained = jump[0], gained + jump[1]
            continue
        following = cache.get(pos)
        if following is None:
            break
        marker = src[pos]
        if marker == "]" or (marker == "[" and following != pos + 1):
            break
        crossed.append((pos, gained))
        gained += marker == "["
        pos = following
    for position, before in crossed:
        jumps[position] = (pos, gained - before)
    return pos, gained


_LINK_HELPERS = SimpleNamespace(
    parseLinkLabel=_parse_link_label,
    parseLinkDestination=markdown_it.helpers.parseLinkDestination,
    parseLinkTitle=markdown_it.helpers.parseLinkTitle,
)


def _inline_with_lines(state: StateCore) -> None:
    """markdown-it's core 'inline' rule, remembering each block's first line for positions."""
    for token in state.tokens:
        if token.type == "inline":
            if token.children is None:
                token.children = []
            state.env["_block_line"] = token.map[0] if token.map else 0
            state.md.inline.parse(token.content, state.md, state.env, token.children)


def _check_links(state: StateCore) -> None:
    """Turn links with a forbidden scheme into plain text, and note them for a warning."""
    bad: list[tuple[str, str, int, int]] = state.env.setdefault("_bad_links", [])
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        keep: list[Token] = []
        dropping = False  # links do not nest in CommonMark: the next close is the dropped one's
        line, end_line = block.map if block.map else (0, 0)
        for child in block.children:
            if child.type == "link_open":
                href = str(child.attrGet("href") or "")
                problem = url_problem(href, relative=True)
                if problem:
                    bad.append((href, problem, line, end_line))
                    dropping = True
                    continue
            elif child.type == "link_close" and dropping:
                dropping = False
                continue
            elif child.type == "image":
                src = str(child.attrGet("src") or "")
                problem = url_problem(src, relative=True)
                if problem or src.lower().startswith("mailto:"):
                    bad.append(
                        (src, problem or "an image cannot be a mailto: link", line, end_line)
                    )
                    text = Token("text", "", 0)
                    text.content = child.content
                    child = text
            keep.append(child)
        block.children = keep


def _render_citation(
    self: Any, tokens: list[Token], idx: int, options: Any, env: dict[str, Any]
) -> str:
    ident = tokens[idx].meta["id"]
    render = env.get("render_citation")
    if render is not None:
        return str(render(ident))
    return f'<sup class="citation">[{_escape(ident)}]</sup>'


def _render_claim_link(
    self: Any, tokens: list[Token], idx: int, options: Any, env: dict[str, Any]
) -> str:
    meta = tokens[idx].meta
    render = env.get("render_claim_link")
    if render is not None:
        return str(render(meta["id"], meta["text"]))
    return _escape(meta["text"] or meta["id"])


def _escape(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def _accept_all_links(url: str) -> bool:
    # Scheme policy is ours (see _check_links), applied after parsing so that it can warn.
    return True


def make_parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.validateLink = _accept_all_links  # type: ignore[method-assign]
    md.helpers = _LINK_HELPERS  # type: ignore[assignment]
    md.inline.ruler.before("link", "claim_link", _claim_link_rule)
    md.inline.ruler.before("claim_link", "citation", _citation_rule)
    md.core.ruler.at("inline", _inline_with_lines)
    md.core.ruler.after("inline", "check_links", _check_links)
    md.add_render_rule("citation", _render_citation)
    md.add_render_rule("claim_link", _render_claim_link)
    return md


_PARSER: MarkdownIt | None = None


def parser() -> MarkdownIt:
    global _PARSER
    if _PARSER is None:
        _PARSER = make_parser()
    return _PARSER


def parse(body: str, first_line: int) -> Parsed:
    """Parse a body that starts at ``first_line`` of its file."""
    env: dict[str, Any] = {"_first_line": first_line, "_lines": body.split("\n")}
    tokens = parser().parse(body, env)
    parsed = Parsed(tokens, env, source=(body, first_line))
    for block in tokens:
        if block.type != "inline" or not block.children:
            continue
        for child in block.children:
            if child.type == "citation":
                parsed.citations.append((child.meta["id"], child.meta["position"]))
            elif child.type == "claim_link":
                parsed.claim_links.append((child.meta["id"], child.meta["position"]))
    bad_links = env.pop("_bad_links", [])
    if bad_links:
        parsed.bad_links.extend(_place_bad_links(body, first_line, bad_links))
    # Drop what only parsing needed, so a parsed body holds no copy of its own lines.
    for key in ("_lines", "_block_line", "_sources"):
        env.pop(key, None)
    return parsed


def _place_bad_links(
    body: str, first_line: int, bad: list[tuple[str, str, int, int]]
) -> list[tuple[str, str, Position]]:
    """Each bad link's URL found in its block's text, searching on from the previous one of the
    same block; a URL not written as it reads (entities, escapes) is placed at its block's first
    line, and the rest of that block at theirs, so no text is searched twice."""
    starts = [0]
    starts.extend(i + 1 for i, c in enumerate(body) if c == "\n")
    out: list[tuple[str, str, Position]] = []
    block: tuple[int, int] | None = None
    search_from: int | None = 0
    for url, problem, line, end_line in bad:
        if (line, end_line) != block:
            block = (line, end_line)
            search_from = starts[line] if line < len(starts) else None
        block_end = starts[end_line] if end_line < len(starts) else len(body)
        index = body.find(url, search_from, block_end) if search_from is not None and url else -1
        if index < 0:
            search_from = None
            out.append((url, problem, Position(first_line + line, 1)))
            continue
        search_from = index + len(url)
        at = bisect.bisect_right(starts, index) - 1
        out.append((url, problem, Position(first_line + at, index - starts[at] + 1)))
    return out


def render(parsed: Parsed, **env: Any) -> str:
    """HTML for a parsed body; ``env`` supplies the renderers for citations and claim links."""
    md = parser()
    return str(md.renderer.render(parsed.tokens, md.options, {**parsed.env, **env}))


@dataclass(slots=True)
class TextRun:
    """A piece of the text stream: the text token it came from and where it starts."""

    token: Token
    start: int


def text_stream(tokens: list[Token]) -> tuple[str, list[TextRun]]:
    """The plain text a reader sees, for quote anchoring: inline text, with line breaks as
    white space and BLOCK_SEPARATOR between blocks; and where each text token starts in it."""
    parts: list[str] = []
    runs: list[TextRun] = []
    length = 0
    for block in tokens:
        if block.type != "inline" or not block.children:
            continue
        if parts:
            parts.append(BLOCK_SEPARATOR)
            length += 1
        for child in block.children:
            if child.type in ("text", "code_inline"):
                runs.append(TextRun(child, length))
                parts.append(child.content)
                length += len(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                parts.append("\n")
                length += 1
    return "".join(parts), runs
