"""Turning imported text into Markdown bodies that read exactly as the source did.

Imported plain text is not Markdown: a paragraph that starts with "1986. " or "# ", or a word in
*asterisks*, would come out of the renderer as a list, a heading or emphasis. Such characters
get a backslash, and only they do, so the file stays as readable as the original and every
quote a claim takes from it still matches (claims are anchored to the rendered text).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# ASCII punctuation with an inline meaning in CommonMark (plus our [@id] and [[id]]).
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]~<])")
# "&amp;" and "&#8212;" are read as character references; a bare "&" is not.
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
# What starts a block at the beginning of a line: a heading, quote, list item, thematic break,
# setext underline or code fence (the inline escapes above already cover * _ ` ~).
_BLOCK_START = re.compile(r"(#{1,6}(?=[ \t]|$)|>|[-+](?=[ \t]|$)|=+[ \t]*$|-+[ \t]*$)")
_ORDERED_START = re.compile(r"^(\d{1,9})([.)])(?=[ \t]|$)")
# Our own inline syntax, where a Markdown source (trafilatura's output, say) left it unescaped.
_REFERENCE_SYNTAX = re.compile(r"(?<!\\)\[(?=[@\[])")


def escape_text(paragraph: str) -> str:
    """One paragraph of plain text as Markdown that renders to the same words."""
    lines = []
    multi_line = "\n" in paragraph
    for line in paragraph.split("\n"):
        # Leading blanks never show in a rendered paragraph, but four of them make a code block.
        line = line.lstrip(" \t")
        line = _INLINE_SPECIAL.sub(r"\\\1", line)
        line = _ENTITY.sub(r"\\&", line)
        if multi_line:
            line = line.replace("|", r"\|")  # a line of pipes under another makes a table
        if _BLOCK_START.match(line):
            line = "\\" + line
        else:
            line = _ORDERED_START.sub(r"\1\\\2", line, count=1)
        lines.append(line)
    return "\n".join(lines)


def paragraphs_to_markdown(paragraphs: list[str]) -> str:
    return "\n\n".join(escape_text(p) for p in paragraphs) + "\n"


def guard_references(markdown: str) -> str:
    """``markdown`` with any unescaped ``[@`` or ``[[`` escaped: in an imported article they
    are the author's text, not our citations or claim links (which would be unknown ids)."""
    return _REFERENCE_SYNTAX.sub(r"\\[", markdown)


class _TextOnly(HTMLParser):
    """The text of an HTML fragment, paragraphs kept apart (a fallback for tiny fragments)."""

    BLOCKS = frozenset(
        {
            "p",
            "div",
            "br",
            "li",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "blockquote",
            "tr",
            "section",
            "article",
        }
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_text(fragment: str) -> list[str]:
    """The paragraphs of text in an HTML fragment, white space collapsed."""
    parser = _TextOnly()
    parser.feed(fragment)
    parser.close()
    text = "".join(parser.parts)
    return [" ".join(block.split()) for block in re.split(r"\n\s*\n", text) if block.strip()]


def html_to_markdown(fragment: str) -> str:
    """HTML (a feed entry's content, or the article trafilatura found in a page) as Markdown:
    paragraphs, headings, block quotes, lists, tables, links and emphasis kept, and the spaces
    around inline markup as the HTML has them.

    markdownify does the conversion (trafilatura's own Markdown output drops block quotes and,
    next to inline markup, spaces: "teaser**with markup**"); scripts, styles and images are left
    out, and every character that Markdown would read as syntax is escaped.
    """
    from markdownify import markdownify

    markdown = markdownify(
        fragment,
        heading_style="ATX",
        bullets="-",
        escape_misc=True,
        strip=["img", "script", "style", "iframe", "object", "embed"],
    )
    # Blank lines inside a block quote, and runs of them, are one paragraph break.
    markdown = re.sub(r"\n[ \t]*(?:\n[ \t]*){2,}", "\n\n", markdown).strip()
    if markdown:
        return guard_references(markdown) + "\n"
    paragraphs = html_text(fragment)
    return paragraphs_to_markdown(paragraphs) if paragraphs else ""
