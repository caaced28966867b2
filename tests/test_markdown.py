"""Markdown bodies: citations and claim links with their file line and column, raw HTML never
reaching a page as markup, links with other schemes dropped to text, and the text stream that
quotes are anchored in."""

from __future__ import annotations

import pytest

from factcheck.anchoring import BLOCK_SEPARATOR
from factcheck.diagnostics import Diagnostics, Position
from factcheck.frontmatter import decode, split
from factcheck.markdown import parse, render, text_stream


def places(body: str, first_line: int = 1) -> dict[str, list[tuple[str, int, int]]]:
    parsed = parse(body, first_line)
    return {
        "citations": [(i, p.line, p.column) for i, p in parsed.citations],
        "claim_links": [(i, p.line, p.column) for i, p in parsed.claim_links],
    }


# -- where citations and claim links stand -------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "citations"),
    [
        ("See [@a].\n", [("a", 1, 5)]),
        ("See [@a] and [@a].\n", [("a", 1, 5), ("a", 1, 14)]),
        ("See [@a] and [@b], then [@a].\n", [("a", 1, 5), ("b", 1, 14), ("a", 1, 25)]),
        ("  Indented [@a] then [@a]\n", [("a", 1, 12), ("a", 1, 22)]),
        (
            "- one [@a]\n    - two [@b] and [@b]\n\n      more [@c]\n",
            [("a", 1, 7), ("b", 2, 11), ("b", 2, 20), ("c", 4, 12)],
        ),
        ("1. item\n\n   para [@p]\n", [("p", 3, 9)]),
        ("- a\n- b [@x]\n  lazy [@y]\n", [("x", 2, 5), ("y", 3, 8)]),
        (
            "> quoted [@a]\n> - nested [@b]\n>   more [@c]\n",
            [("a", 1, 10), ("b", 2, 12), ("c", 3, 10)],
        ),
        ("# Heading [@h]\n\nPara\nsecond line [@s]\n", [("h", 1, 11), ("s", 4, 13)]),
        ("| a | b |\n|---|---|\n| [@t1] | x [@t2] |\n", [("t1", 3, 3), ("t2", 3, 13)]),
        ("*emph [@e]* and [see [@l]](https://e.org)\n", [("e", 1, 7), ("l", 1, 22)]),
        ("tab\t[@t]\n", [("t", 1, 5)]),
        ("Caf\u00e9 \u201cquoted\u201d [@u]\n", [("u", 1, 15)]),  # columns count characters
    ],
)
def test_citation_places(body: str, citations: list[tuple[str, int, int]]) -> None:
    assert places(body)["citations"] == citations


def test_places_are_file_lines() -> None:
    """A body starting on line 7 of its file puts its first line's citations on line 7."""
    assert places("x\n\ny [@a]\n", first_line=7)["citations"] == [("a", 9, 3)]


def test_the_same_text_elsewhere_does_not_shift_the_column() -> None:
    """Escaped or code-span copies of a marker earlier on the line are not citations, and the
    real one is still placed at its own column."""
    assert places("\\[@a] [@a]\n")["citations"] == [("a", 1, 7)]
    assert places("`[@a]` [@a]\n")["citations"] == [("a", 1, 8)]
    assert places("&#91;@a] [@a]\n")["citations"] == [("a", 1, 10)]


@pytest.mark.parametrize(
    "body",
    [
        "`[@code]`\n",
        "```\n[@fenced]\n```\n",
        "    [@indented-code]\n",
        "\\[@escaped]\n",
        "[@]\n",
        "[@ spaced]\n",
        "[@a\n",
    ],
)
def test_not_citations(body: str) -> None:
    assert places(body)["citations"] == []


@pytest.mark.parametrize(
    ("body", "links"),
    [
        ("See [[a]] and [[a|the claim]].\n", [("a", 1, 5), ("a", 1, 15)]),
        ("[[ spaced ]]\n", [("spaced", 1, 1)]),
        ("> more [[x]] and **[[y]]**\n", [("x", 1, 8), ("y", 1, 20)]),
        ("- item\n    - nested [[n]]\n", [("n", 2, 14)]),
    ],
)
def test_claim_link_places(body: str, links: list[tuple[str, int, int]]) -> None:
    assert places(body)["claim_links"] == links


def test_places_after_a_byte_order_mark_and_crlf() -> None:
    raw = (
        "\ufeff---\r\nclaim: x\r\nreviewer: y\r\n---\r\nLine one.\r\n\r\n"
        "  See [@nope] and [[gone]], [@nope].\r\n"
    ).encode()
    diags = Diagnostics()
    content = split(decode(raw, "v.md", diags), "v.md", diags)
    assert content is not None and not diags.items
    assert content.body_line == 5
    assert content.meta.pos("claim") == Position(2, 8)
    found = places(content.body, content.body_line)
    assert found["citations"] == [("nope", 7, 7), ("nope", 7, 29)]
    assert found["claim_links"] == [("gone", 7, 19)]


def test_places_after_lone_cr_line_ends() -> None:
    diags = Diagnostics()
    content = split(decode(b"---\rtitle: x\r---\rone\r\rtwo [@a]\r", "p.md", diags), "p.md", diags)
    assert content is not None
    assert places(content.body, content.body_line)["citations"] == [("a", 6, 5)]


# -- rendering -----------------------------------------------------------------------------------

HOSTILE = [
    "<script>alert(1)</script>\n",
    "Inline <script>alert(1)</script> here\n",
    "<img src=x onerror=alert(1)>\n",
    "<div>\n<script>alert(1)</script>\n</div>\n",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>\n",
    "[[x|<script>alert(1)</script>]] [@<script>]\n",
    "<!-- <script>alert(1)</script> -->\n",
    "```html\n<script>alert(1)</script>\n```\n",
    '[a](https://e.org "<script>") ![<script>](https://e.org/i.png)\n',
    '<a href="javascript:alert(1)">x</a>\n',
    "<iframe src=https://evil.example></iframe><style>*{}</style>\n",
]


@pytest.mark.parametrize("body", HOSTILE)
def test_raw_html_is_escaped(body: str) -> None:
    html = render(parse(body, 1)).lower()
    for tag in (
        "<script",
        "<img src=x",
        "<div",
        "<iframe",
        "<style",
        "<!--",
        '<a href="javascript',
    ):
        assert tag not in html, html


def test_raw_html_is_shown_as_text() -> None:
    assert render(parse("a <b>b</b> c\n", 1)) == "<p>a &lt;b&gt;b&lt;/b&gt; c</p>\n"


@pytest.mark.parametrize(
    ("body", "text", "url"),
    [
        ("[click](javascript:alert(1))\n", "click", "javascript:alert(1)"),
        ("[click](JaVaScRiPt:alert(1))\n", "click", "JaVaScRiPt:alert(1)"),
        ("[click](&#106;avascript:alert(1))\n", "click", "javascript:alert(1)"),
        ("[x](data:text/html,hi)\n", "x", "data:text/html,hi"),
        ("[x](vbscript:msgbox)\n", "x", "vbscript:msgbox"),
        ("[x](ftp://example.org/)\n", "x", "ftp://example.org/"),
        ("![chart](data:image/png;base64,AA)\n", "chart", "data:image/png;base64,AA"),
    ],
)
def test_links_with_other_schemes_become_text(body: str, text: str, url: str) -> None:
    parsed = parse(body, 3)
    html = render(parsed)
    assert html == f"<p>{text}</p>\n"
    assert [(u, p.line) for u, _problem, p in parsed.bad_links] == [(url, 3)]


def test_bad_link_column_points_at_the_url() -> None:
    parsed = parse("Intro.\n\nWe are [good](javascript:x) and [ok](https://e.org).\n", 4)
    assert [(u, p) for u, _problem, p in parsed.bad_links] == [("javascript:x", Position(6, 15))]


def test_bad_link_place_is_found_in_its_own_block() -> None:
    """The same bad URL written as text earlier does not take the link's place."""
    parsed = parse("Never write javascript:x here.\n\n[bad](javascript:x)\n", 1)
    assert [p for _u, _problem, p in parsed.bad_links] == [Position(3, 7)]


@pytest.mark.parametrize(
    "body",
    [
        "[a](https://example.org/)\n",
        "[a](http://example.org/)\n",
        "[a](mailto:desk@example.org)\n",
        "[a](../methodology.html)\n",
        "[a](#section)\n",
        "[a](page.html?q=1)\n",
        "<https://example.org/>\n",
    ],
)
def test_allowed_links_stay_links(body: str) -> None:
    parsed = parse(body, 1)
    assert parsed.bad_links == []
    assert "<a href=" in render(parsed)


def test_citations_and_claim_links_render_through_the_given_functions() -> None:
    parsed = parse("See [@a] and [[c|the claim]] and [[d]].\n", 1)
    html = render(
        parsed,
        render_citation=lambda ident: f"<cite>{ident}</cite>",
        render_claim_link=lambda ident, text: f"<a data-claim='{ident}'>{text}</a>",
    )
    assert html == (
        "<p>See <cite>a</cite> and <a data-claim='c'>the claim</a> and "
        "<a data-claim='d'>None</a>.</p>\n"
    )


def test_default_rendering_escapes_ids_and_words() -> None:
    html = render(parse("[@a&b] [[x|<i>y</i>]]\n", 1))
    assert html == '<p><sup class="citation">[a&amp;b]</sup> &lt;i&gt;y&lt;/i&gt;</p>\n'


# -- the text stream -----------------------------------------------------------------------------


def test_text_stream_of_emphasis_links_and_code() -> None:
    parsed = parse("Some *emphasis*, **strong** and [a link](https://e.org) `code`\n", 1)
    text, runs = text_stream(parsed.tokens)
    assert text == "Some emphasis, strong and a link code"
    for run in runs:
        assert text[run.start : run.start + len(run.token.content)] == run.token.content


def test_text_stream_separates_blocks_and_keeps_line_breaks() -> None:
    parsed = parse("# Title\n\nFirst line\nsecond line\n\n- item one\n- item two\n\n> quoted\n", 1)
    text, _runs = text_stream(parsed.tokens)
    assert text.split(BLOCK_SEPARATOR) == [
        "Title",
        "First line\nsecond line",
        "item one",
        "item two",
        "quoted",
    ]


def test_text_stream_leaves_out_citations_and_dropped_link_targets() -> None:
    parsed = parse("Fares rose [@a] sharply, [says](javascript:x) [[c|the mayor]].\n", 1)
    text, _runs = text_stream(parsed.tokens)
    assert text == "Fares rose  sharply, says ."


def test_text_stream_keeps_escaped_html_as_its_text() -> None:
    text, _runs = text_stream(parse("a <b>bold</b> claim\n", 1).tokens)
    assert text == "a <b>bold</b> claim"
