"""Markdown: markdown-it-py with the project's own syntax as parser plugins.

- ``[@evidence-id]`` is a citation; ``[[claim-id]]`` (or ``[[claim-id|words]]``) links a claim.
  Both are inline rules that emit tokens carrying the id and the line and column they stand at in
  the file, so an unknown id is reported where the user wrote it.
- Raw HTML is never markup: the parser runs with ``html`` off, so tags come out escaped.
- Links may be http, https, mailto or relative; any other scheme is dropped to plain text with a
  warning (markdown-it's own check would silently leave the whole ``[text](url)`` as text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from .anchoring import BLOCK_SEPARATOR
from .diagnostics import Position
from .fields import url_problem

# Bounded lengths keep matching linear: unbounded, a line of many "[@" or "[[" without a closing
# bracket is scanned to its end from each of them.
CITATION = re.compile(r"\[@([^\]\s;]{1,200})\]")
CLAIM_LINK = re.compile(r"\[\[([^\]|\n]{1,200}?)(?:\|([^\]\n]{1,500}))?\]\]")


@dataclass(slots=True)
class Parsed:
    """A Markdown body parsed once, kept for checking and for rendering later."""

    tokens: list[Token]
    env: dict[str, Any]
    citations: list[tuple[str, Position]] = field(default_factory=list)
    """``[@id]`` in order of appearance, with their places in the file."""
    claim_links: list[tuple[str, Position]] = field(default_factory=list)
    bad_links: list[tuple[str, str, Position]] = field(default_factory=list)
    """(url, reason, place) of links whose scheme is not allowed."""
    _stream: tuple[str, list[TextRun]] | None = None

    def stream(self) -> tuple[str, list[TextRun]]:
        """:func:`text_stream` of these tokens, computed once: anchoring, the claim pages'
        context sentences and the article's marks all read the same stream."""
        if self._stream is None:
            self._stream = text_stream(self.tokens)
        return self._stream


def _place(state: StateInline, pos: int, marker: str) -> Position:
    """The file line and column of ``marker`` found at ``pos`` in the inline source."""
    env = state.env
    block_line: int = env.get("_block_line", 0)
    lines: list[str] = env.get("_lines", [])
    first_line: int = env.get("_first_line", 1)
    src = state.src
    line_offset = src.count("\n", 0, pos)
    line_index = block_line + line_offset
    start_of_line = src.rfind("\n", 0, pos) + 1
    # The inline source drops each line's indentation; count earlier occurrences of the same
    # marker on this line to pick the same one in the raw line.
    nth = src.count(marker, start_of_line, pos)
    raw = lines[line_index] if 0 <= line_index < len(lines) else ""
    column = -1
    for _ in range(nth + 1):
        column = raw.find(marker, column + 1)
        if column < 0:
            break
    if column < 0:
        column = pos - start_of_line
    return Position(first_line + line_index, column + 1)


def _citation_rule(state: StateInline, silent: bool) -> bool:
    if not state.src.startswith("[@", state.pos):
        return False
    match = CITATION.match(state.src, state.pos)
    if not match:
        return False
    if not silent:
        token = state.push("citation", "", 0)
        token.meta = {"id": match.group(1), "position": _place(state, state.pos, match.group(0))}
        token.markup = match.group(0)
    state.pos = match.end()
    return True


def _claim_link_rule(state: StateInline, silent: bool) -> bool:
    if not state.src.startswith("[[", state.pos):
        return False
    match = CLAIM_LINK.match(state.src, state.pos)
    if not match:
        return False
    if not silent:
        token = state.push("claim_link", "", 0)
        token.meta = {"id": match.group(1).strip(),
                      "text": (match.group(2) or "").strip() or None,
                      "position": _place(state, state.pos, match.group(0))}
        token.markup = match.group(0)
    state.pos = match.end()
    return True


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
    bad: list[tuple[str, str, Position]] = state.env.setdefault("_bad_links", [])
    first_line: int = state.env.get("_first_line", 1)
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        keep: list[Token] = []
        dropping = False  # links do not nest in CommonMark: the next close is the dropped one's
        line = first_line + (block.map[0] if block.map else 0)
        for child in block.children:
            if child.type == "link_open":
                href = str(child.attrGet("href") or "")
                problem = url_problem(href, relative=True)
                if problem:
                    bad.append((href, problem, Position(line, 1)))
                    dropping = True
                    continue
            elif child.type == "link_close" and dropping:
                dropping = False
                continue
            elif child.type == "image":
                src = str(child.attrGet("src") or "")
                problem = url_problem(src, relative=True)
                if problem or src.lower().startswith("mailto:"):
                    bad.append((src, problem or "an image cannot be a mailto: link",
                                Position(line, 1)))
                    text = Token("text", "", 0)
                    text.content = child.content
                    child = text
            keep.append(child)
        block.children = keep


def _render_citation(self: Any, tokens: list[Token], idx: int, options: Any,
                     env: dict[str, Any]) -> str:
    ident = tokens[idx].meta["id"]
    render = env.get("render_citation")
    if render is not None:
        return str(render(ident))
    return f'<sup class="citation">[{_escape(ident)}]</sup>'


def _render_claim_link(self: Any, tokens: list[Token], idx: int, options: Any,
                       env: dict[str, Any]) -> str:
    meta = tokens[idx].meta
    render = env.get("render_claim_link")
    if render is not None:
        return str(render(meta["id"], meta["text"]))
    return _escape(meta["text"] or meta["id"])


def _escape(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def _accept_all_links(url: str) -> bool:
    # Scheme policy is ours (see _check_links), applied after parsing so that it can warn.
    return True


def make_parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.validateLink = _accept_all_links  # type: ignore[method-assign]
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
    parsed = Parsed(tokens, env)
    for block in tokens:
        if block.type != "inline" or not block.children:
            continue
        for child in block.children:
            if child.type == "citation":
                parsed.citations.append((child.meta["id"], child.meta["position"]))
            elif child.type == "claim_link":
                parsed.claim_links.append((child.meta["id"], child.meta["position"]))
    for url, problem, pos in env.pop("_bad_links", []):
        parsed.bad_links.append((url, problem, _find(body, url, first_line, pos.line) or pos))
    # Drop what only parsing needed, so a parsed body holds no copy of its own lines.
    env.pop("_lines", None)
    env.pop("_block_line", None)
    return parsed


def _find(body: str, needle: str, first_line: int, from_line: int) -> Position | None:
    """Where ``needle`` first stands in ``body`` at or after file line ``from_line`` (the line
    its block starts on)."""
    start = 0
    for _ in range(from_line - first_line):
        start = body.find("\n", start) + 1
        if start == 0:
            return None
    index = body.find(needle, start)
    if index < 0:
        return None
    line = body.count("\n", 0, index)
    column = index - (body.rfind("\n", 0, index) + 1)
    return Position(first_line + line, column + 1)


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
