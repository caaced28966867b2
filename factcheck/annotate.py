"""Marking each claim's words in place in an article's rendered HTML.

The quote anchoring found each claim's span in the article's text stream (see
:func:`factcheck.markdown.text_stream`). Here the inline tokens are copied with their text split
at span boundaries and wrapped in ``<mark data-claim="…">`` elements: one per covering claim
around each piece, so that overlapping and nested claims, emphasis and links inside a quote all
render as valid, properly nested HTML (a claim's mark may be split into several elements).
After the last piece of each claim comes a small reference link to its note; where claims
overlap, the references of all of them come after the whole run of overlapping words, so that
no reference ever stands between the words of a claim (a reader, and a screen reader, would
otherwise read "France is plotting 1 Under review to deploy").
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from html import escape

from markdown_it.token import Token

from .markdown import Parsed, parser


@dataclass(frozen=True, slots=True)
class Mark:
    """A claim to mark: its span in the text stream and how to show it."""

    claim: str
    start: int
    end: int
    number: int
    """The claim's number in the article's list of notes."""
    tone: str
    """A CSS tone for the standing rating ("good", "fair", "poor", "bad", "none", "pending")."""
    label: str
    """The rating's label, or "Under review"."""
    state: str


def _html(content: str) -> Token:
    token = Token("html_inline", "", 0)
    token.content = content
    return token


def _text(like: Token, content: str) -> Token:
    token = Token(like.type, like.tag, 0, markup=like.markup)
    token.content = content
    return token


def _open(mark: Mark) -> str:
    return (
        f'<mark class="claim tone-{mark.tone}" data-claim="{escape(mark.claim)}" '
        f'data-state="{escape(mark.state)}">'
    )


def _ref(mark: Mark) -> str:
    return (
        f'<sup class="claim-ref" data-pagefind-ignore><a href="#note-{mark.number}" '
        f'id="ref-{mark.number}" '
        f'class="tone-{mark.tone}" data-claim="{escape(mark.claim)}">'
        f'{mark.number}<span class="visually-hidden">: </span>'
        f'<span class="claim-ref-label"> {escape(mark.label)}</span></a></sup>'
    )


def render_annotated(parsed: Parsed, marks: list[Mark], **env: object) -> str:
    """The article body's HTML with every claim marked in place."""
    if not marks:
        md = parser()
        return str(md.renderer.render(parsed.tokens, md.options, {**parsed.env, **env}))
    _text_value, runs = parsed.stream()
    run_start = {id(run.token): run.start for run in runs}
    ordered = sorted(marks, key=lambda m: (m.start, -m.end, m.number))
    ref_at = _run_ends(ordered)
    placed: set[int] = set()
    """Marks whose reference is in the page already (across blocks)."""
    tokens: list[Token] = []
    for block in parsed.tokens:
        if block.type != "inline" or not block.children:
            tokens.append(block)
            continue
        copy = Token(block.type, block.tag, block.nesting, map=block.map, content=block.content)
        copy.children = _mark_children(block.children, run_start, ordered, ref_at, placed)
        tokens.append(copy)
    md = parser()
    return str(md.renderer.render(tokens, md.options, {**parsed.env, **env}))


def _run_ends(ordered: list[Mark]) -> dict[int, int]:
    """For each mark (by number), where its reference goes: the end of the run of claims that
    overlap it, directly or through others (marks in ``ordered`` are sorted by start)."""
    ends: dict[int, int] = {}
    run: list[Mark] = []
    run_end = -1
    for mark in ordered:
        if run and mark.start >= run_end:
            ends.update((m.number, run_end) for m in run)
            run = []
        run.append(mark)
        run_end = max(run_end, mark.end) if len(run) > 1 else mark.end
    ends.update((m.number, run_end) for m in run)
    return ends


def _mark_children(
    children: list[Token],
    run_start: dict[int, int],
    marks: list[Mark],
    ref_at: dict[int, int],
    placed: set[int],
) -> list[Token]:
    out: list[Token] = []
    pending_refs: list[Mark] = []
    link_depth = 0
    for child in children:
        if child.type == "link_open":
            link_depth += 1
        elif child.type == "link_close":
            link_depth -= 1
            out.append(child)
            if link_depth == 0 and pending_refs:
                out.extend(_html(_ref(m)) for m in pending_refs)
                pending_refs = []
            continue
        start = run_start.get(id(child))
        if start is None:
            out.append(child)
            continue
        end = start + len(child.content)
        touching = [m for m in marks if m.start < end and m.end > start]
        if not touching:
            out.append(child)
            continue
        if child.type == "code_inline":
            # Code is kept whole: marked as one piece by every claim that touches it.
            cuts = [start, end]
        else:
            cuts = sorted(
                {
                    start,
                    end,
                    *(m.start for m in touching if start < m.start < end),
                    *(m.end for m in touching if start < m.end < end),
                }
            )
        for piece_start, piece_end in itertools.pairwise(cuts):
            covering = [m for m in touching if m.start < piece_end and m.end > piece_start]
            piece = child.content[piece_start - start : piece_end - start]
            out.extend(_html(_open(m)) for m in covering)
            out.append(_text(child, piece))
            out.extend(_html("</mark>") for _ in covering)
            # The references of a run of overlapping claims, once the run is over.
            due = sorted(
                (
                    m
                    for m in marks
                    if m.number not in placed
                    and m.end <= piece_end
                    and ref_at[m.number] <= piece_end
                ),
                key=lambda m: m.number,
            )
            for mark in due:
                placed.add(mark.number)
                if link_depth:
                    pending_refs.append(mark)
                else:
                    out.append(_html(_ref(mark)))
    out.extend(_html(_ref(m)) for m in pending_refs)
    return out
