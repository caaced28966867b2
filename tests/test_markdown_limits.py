"""Pathological Markdown is parsed in time linear in its size: long runs of brackets, thousands
of citations or claim links on one line, many bad links in one paragraph, deep nesting.

No test here asserts a time. The cases that were quadratic run in a thread with a generous limit
(they took minutes before; a fraction of a second now); the bracket runs, linear before but at
twenty markdown-it token skips per character, are held to a count of skips. And the fast paths
are compared with what they replace, on random input, so that they parse exactly the same.

Long runs: ``python benchmarks/pathological_markdown.py --size 1000000`` (docs/security.md).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any
from unittest.mock import patch

import markdown_it.helpers
import pytest
from fuzzing import fuzz
from fuzzing import mark as fuzz_test
from hypothesis import given
from hypothesis import strategies as st
from markdown_it.parser_inline import ParserInline
from markdown_it.token import Token

from factcheck import markdown
from factcheck.markdown import make_parser, parse

GENEROUS = 60.0
"""Seconds a case may take here before it counts as hung (each takes well under one now, and
took minutes before: see docs/security.md)."""


def _finishes(work: Callable[[], Any], seconds: float = GENEROUS) -> Any:
    """``work()``'s result, failing the test if it has not finished within ``seconds``."""
    result: list[Any] = []
    thread = threading.Thread(target=lambda: result.append(work()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still parsing after {seconds} s"
    return result[0]


# -- the cases that were quadratic ---------------------------------------------------------------

MANY_ON_ONE_LINE = {
    "citations": ("[@a] ", 25_000),  # 125 KB; took 60+ s
    "claim links": ("[[a]] ", 20_000),
    "claim links with text": ("[[a|the claim]] ", 10_000),
    "citations, one id each": (None, 20_000),
}


@pytest.mark.parametrize("name", list(MANY_ON_ONE_LINE))
def test_many_markers_on_one_line(name: str) -> None:
    unit, count = MANY_ON_ONE_LINE[name]
    body = ("".join(f"[@e{i}] " for i in range(count)) if unit is None else unit * count) + "\n"
    parsed = _finishes(lambda: parse(body, 3))
    places = parsed.citations or parsed.claim_links
    assert len(places) == count
    # Every place is right: the marker stands at that column of the body's line.
    line = body.split("\n")[0]
    for _ident, pos in places:
        assert pos.line == 3
        assert line.startswith(("[@", "[["), pos.column - 1)


def test_many_bad_links_in_one_paragraph() -> None:
    body = "".join(f"[x](javascript:a{i}) " for i in range(8_000)) + "\n"
    parsed = _finishes(lambda: parse(body, 1))
    assert len(parsed.bad_links) == 8_000
    url, _problem, pos = parsed.bad_links[-1]
    assert body[pos.column - 1 :].startswith(url)


def test_many_bad_links_written_otherwise_than_they_read() -> None:
    # An entity in each: the URL is not in the text as written, so none is found by searching;
    # the search must not start again from the paragraph's start for each.
    body = "[x](&#106;avascript:a) " * 8_000 + "\n"
    parsed = _finishes(lambda: parse(body, 1))
    assert len(parsed.bad_links) == 8_000
    assert {pos.line for _url, _problem, pos in parsed.bad_links} == {1}


# -- bracket runs: a bounded number of token skips per character ---------------------------------


@contextmanager
def _counting_skips() -> Iterator[list[int]]:
    calls = [0]
    real = ParserInline.skipToken

    def counted(self: ParserInline, state: Any) -> None:
        calls[0] += 1
        real(self, state)

    with patch.object(ParserInline, "skipToken", counted):
        yield calls


@pytest.mark.parametrize("unit", ["[", "[[", "[@", "![", "*[", "[a"])
@pytest.mark.parametrize("tail", ["", "]"])
def test_bracket_runs_cost_a_bounded_number_of_skips_per_character(unit: str, tail: str) -> None:
    body = "a " + unit * (20_000 // len(unit)) + tail
    with _counting_skips() as calls:
        _finishes(lambda: parse(body, 1))
    # markdown-it alone: about 21 per character (maxNesting), which made a 1 MB run take
    # most of a minute (docs/security.md).
    assert calls[0] <= 2 * len(body), calls[0] / len(body)


@pytest.mark.parametrize(
    "body",
    [
        "[" * 30_000 + "a" + "]" * 30_000,  # nested brackets
        ">" * 50_000 + " x\n",  # nested block quotes on one line
        "".join("> " * i + "x\n" for i in range(200)),
        "".join("  " * i + "- x\n" for i in range(300)),  # nested lists
        "*a " * 20_000 + "b" + " a*" * 20_000,  # nested emphasis
        "_" * 50_000 + "\n" + "*" * 50_000,
        "[a](" * 20_000,  # unclosed links
        "[a](<b" * 20_000,
        "`a" * 30_000,
        "<a:" * 30_000,
        "| a " * 5_000 + "|\n" + "|---" * 5_000 + "|\n" + "| b " * 5_000 + "|\n",  # wide table
    ],
)
def test_deep_nesting_and_long_runs_finish(body: str) -> None:
    _finishes(lambda: parse(body, 1))


# -- the fast paths parse exactly as what they replace ------------------------------------------

OLD_CITATION = re.compile(r"\[@([^\]\s;]{1,200})\]")
OLD_CLAIM_LINK = re.compile(r"\[\[([^\]|\n]{1,200}?)(?:\|([^\]\n]{1,500}))?\]\]")
"""The rules' earlier regular expressions: right, but they backtracked over up to 200
characters at every '[[' or '[@'."""

SOUP = st.lists(
    st.sampled_from(
        [
            "[",
            "]",
            "[[",
            "]]",
            "[@",
            "|",
            "@",
            "a",
            "b-c",
            " ",
            "\n",
            ";",
            "\t",
            "x" * 120,
            "y" * 199,
            "z" * 200,
            "w" * 201,
            "t" * 498,
        ]
    ),
    max_size=40,
).map("".join)


def _old_rule(pattern: re.Pattern[str], src: str) -> tuple[int, str, str | None] | None:
    match = pattern.match(src)
    if match is None:
        return None
    groups = match.groups()
    text = groups[1] if len(groups) > 1 else None
    return match.end(), groups[0], text


def _new_rule(rule: Callable[[Any, bool], bool], src: str) -> tuple[int, str, str | None] | None:
    md = make_parser()
    from markdown_it.rules_inline import StateInline

    tokens: list[Token] = []
    state = StateInline(src, md, {}, tokens)
    if not rule(state, False):
        return None
    (token,) = tokens
    if token.type == "citation":
        return state.pos, token.meta["id"], None
    text = token.markup[2:-2].split("|", 1)
    return state.pos, text[0], text[1] if len(text) > 1 else None


@fuzz_test
@fuzz(300)
@given(SOUP)
def test_the_rules_match_as_their_old_regular_expressions(text: str) -> None:
    for prefix in ("[@", "[["):
        src = prefix + text
        old = _old_rule(OLD_CITATION if prefix == "[@" else OLD_CLAIM_LINK, src)
        new = _new_rule(
            markdown._citation_rule if prefix == "[@" else markdown._claim_link_rule, src
        )
        if old is not None and prefix == "[@":
            old = (old[0], old[1], None)
        assert new == old, (src, old, new)


BRACKET_SOUP = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "[",
                "]",
                "(",
                ")",
                "a",
                " ",
                "\n",
                "\\[",
                "\\]",
                "`",
                "![",
                "*",
                "_",
                "<",
                ">",
                "[@a]",
                "[[a]]",
                "[x](y)",
                "[y]",
                "](",
                "<a:b>",
                "\n\n",
            ]
        ),
        st.integers(15, 30).map(lambda n: "[" * n),
        st.integers(15, 30).map(lambda n: "]" * n),
        st.integers(8, 30).map(lambda n: "![" * n),
        st.integers(8, 30).map(lambda n: "*[" * n),
    ),
    max_size=60,
).map("".join)


def _stock_parser() -> Any:
    md = make_parser()
    md.helpers = markdown_it.helpers
    return md


STOCK = _stock_parser()


@fuzz_test
@fuzz(250)
@given(
    BRACKET_SOUP
    | st.sampled_from(
        [
            "[" * 25 + "a" + "]" * 25 + "(u)",
            "[[[a]]](u)",
            "[" * 21 + "[a](b)",
            "[a]\n\n[a]: u",
            "[[a]][b]\n\n[b]: u",
        ]
    )
)
def test_link_labels_are_read_as_markdown_it_reads_them(body: str) -> None:
    ours = make_parser()
    env_ours: dict[str, Any] = {"_lines": body.split("\n")}
    env_stock: dict[str, Any] = {"_lines": body.split("\n")}
    assert _shape(ours.parse(body, env_ours)) == _shape(STOCK.parse(body, env_stock))


def _shape(tokens: list[Token]) -> list[Any]:
    out: list[Any] = []
    for token in tokens:
        out.append((token.type, token.content, token.attrs, token.markup))
        if token.children:
            out.append(_shape(token.children))
    return out


MARKED_LINES = st.lists(
    st.tuples(
        st.sampled_from(["", "> ", "- ", "1. ", "# ", "  ", "> - ", "| "]),
        st.lists(
            st.sampled_from(
                ["word", "[@a]", "[@b]", "[[c]]", "[[c|d]]", " ", "`x`", "*e*", "\\[@a]", "[@a"]
            ),
            max_size=8,
        ).map("".join),
    ),
    min_size=1,
    max_size=8,
)


@fuzz_test
@fuzz(200)
@given(MARKED_LINES)
def test_every_place_points_at_its_marker(lines: list[tuple[str, str]]) -> None:
    body = "\n".join(prefix + text for prefix, text in lines) + "\n"
    raw = body.split("\n")
    parsed = parse(body, 1)
    for ident, pos in parsed.citations:
        assert raw[pos.line - 1].startswith(f"[@{ident}]", pos.column - 1), (body, ident, pos)
    for ident, pos in parsed.claim_links:
        assert raw[pos.line - 1].startswith(f"[[{ident}", pos.column - 1), (body, ident, pos)
