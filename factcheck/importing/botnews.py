"""The newsroom import bot's text files (one article a file, as the bot "VolkAI" drops them).

The shape, top to bottom, blocks separated by blank lines::

    Headline                      <- repeated (feed title, page title, heading)
    Headline
    Headline
    Authored by NAME via SOURCE,  <- optional byline, trailing comma and all
    Paragraph ...                 <- the body, one block a paragraph, typography kept
    Editorial Desk                <- the signature: the desk, then date, time and outlet
    Tue, 03/10/2026 – 14:05Ledger Wire NewsRead More
    Author: VolkAI                <- the footer: the bot's name (the file may end without \\n)
    This is the imported news bot.

The headline's repeats, the byline, the signature and the footer become front matter; only the
body's paragraphs become the article's text, each exactly as written.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..fields import is_slug
from .articles import ArticleDraft, plan_article
from .markdown_text import paragraphs_to_markdown
from .plan import ImportFailure, Input, Plan

# "Tue, 03/10/2026 – 14:05Ledger Wire NewsRead More": the date is month/day/year, the dash an en
# dash (any dash or hyphen is accepted), and the outlet runs into the date and into "Read More".
# Only the head is a regular expression, with bounded repeats; the tails of the signature, byline
# and footer are cut off in plain Python. (A regular expression with a lazy group before optional
# white space, as these were, takes cubic time on a line of spaces: 17 s for 2,000 of them.)
_SIGNATURE_HEAD = re.compile(
    r"(?P<weekday>[A-Za-z]{2,9}),?[ \t]{0,8}(?P<month>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{4})"
    r"[ \t]{0,8}[-\u2010-\u2015\u2212][ \t]{0,8}(?P<hour>\d{1,2}):(?P<minute>\d{2})"
)
_READ_MORE = re.compile(r"Read\s{0,8}More\Z")
_BYLINE = "Authored by"
_VIA = re.compile(r"(?<!\s)\s++via\s++")  # starts at a run's first space: linear
_FOOTER_AUTHOR = "Author:"


@dataclass(frozen=True, slots=True)
class _Signature:
    """A signature line, read: its date and time fields, and the outlet's name."""

    fields: dict[str, str]
    outlet: str

    def group(self, name: str) -> str:
        return self.outlet if name == "outlet" else self.fields[name]


def _signature(line: str) -> _Signature | None:
    head = _SIGNATURE_HEAD.match(line)
    if head is None:
        return None
    rest = line[head.end() :].rstrip()
    tail = _READ_MORE.search(rest, max(0, len(rest) - 24))  # "Read", 8 spaces, "More": 16
    if tail is None:
        return None
    return _Signature(head.groupdict(), rest[: tail.start()].strip())


def _byline(line: str) -> tuple[str, str | None] | None:
    """(author, via) of "Authored by NAME via SOURCE," (the trailing comma is the bot's)."""
    if not line.startswith(_BYLINE) or not line[len(_BYLINE) : len(_BYLINE) + 1].isspace():
        return None
    rest = line[len(_BYLINE) :].strip().removesuffix(",").rstrip()
    if not rest:
        return None
    parts = _VIA.split(rest)
    if len(parts) == 1:
        return rest, None
    return " via ".join(parts[:-1]), parts[-1]


def _footer_author(line: str) -> str | None:
    if not line.startswith(_FOOTER_AUTHOR):
        return None
    return line[len(_FOOTER_AUTHOR) :].strip() or None


SIGNATURE_HINT = (
    "the bot's files end with the desk, a line such as 'Tue, 03/10/2026 – 14:05"
    "Ledger Wire NewsRead More', and 'Author: VolkAI'"
)


@dataclass(slots=True)
class _Block:
    line: int
    """The file line on which the block starts."""
    lines: list[str]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def _blocks(text: str) -> list[_Block]:
    blocks: list[_Block] = []
    current: _Block | None = None
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            current = None
            continue
        if current is None:
            current = _Block(number, [])
            blocks.append(current)
        current.lines.append(line)
    return blocks


@dataclass(slots=True)
class BotArticle:
    """What a bot file says, before it becomes front matter."""

    title: str
    paragraphs: list[str]
    published: dt.datetime
    outlet: str | None
    desk: str | None
    author: str | None
    via: str | None
    bot: str | None


def parse_bot_text(text: str, name: str) -> BotArticle:
    """Read one bot file; raises :class:`ImportFailure` (at the line to blame) when it is not in
    the bot's format."""
    blocks = _blocks(text)
    if not blocks:
        raise ImportFailure(name, "the file is empty")
    title = " ".join(line.strip() for line in blocks[0].lines)
    index = 1
    while index < len(blocks) and " ".join(x.strip() for x in blocks[index].lines) == title:
        index += 1

    author = via = None
    if index < len(blocks) and len(blocks[index].lines) == 1:
        byline = _byline(blocks[index].lines[0].strip())
        if byline:
            author, via = byline
            index += 1

    # The signature is the last line that reads like one; what follows it is the footer.
    found = None
    for block_index in range(len(blocks) - 1, index - 1, -1):
        for line_index in range(len(blocks[block_index].lines) - 1, -1, -1):
            match = _signature(blocks[block_index].lines[line_index].strip())
            if match:
                found = (block_index, line_index, match)
                break
        if found:
            break
    if found is None:
        last = blocks[-1]
        raise ImportFailure(
            name,
            "not an import bot file: no signature line with the date, time and outlet",
            SIGNATURE_HINT,
            line=last.line,
        )
    block_index, line_index, match = found
    signature_block = blocks[block_index]
    signature_line = signature_block.line + line_index
    desk = " ".join(x.strip() for x in signature_block.lines[:line_index]) or None
    try:
        published = dt.datetime(
            int(match.group("year")),
            int(match.group("month")),
            int(match.group("day")),
            int(match.group("hour")),
            int(match.group("minute")),
        )
    except ValueError as exc:
        column = signature_block.lines[line_index].find(match.group("month")) + 1
        raise ImportFailure(
            name,
            f"the signature's date and time are not valid: {exc}",
            "the bot writes the date as MM/DD/YYYY and the time as HH:MM",
            line=signature_line,
            column=max(column, 1),
        ) from exc

    bot = None
    footer = signature_block.lines[line_index + 1 :] + [
        line for block in blocks[block_index + 1 :] for line in block.lines
    ]
    for line in footer:
        bot = _footer_author(line.strip())
        if bot:
            break

    paragraphs = [block.text for block in blocks[index:block_index]]
    if not paragraphs:
        raise ImportFailure(
            name,
            "the article has no text between the headline and the signature",
            line=signature_block.line,
        )
    return BotArticle(
        title=title,
        paragraphs=paragraphs,
        published=published,
        outlet=match.group("outlet").strip() or None,
        desk=desk,
        author=author,
        via=via,
        bot=bot,
    )


def import_bot_text(plan: Plan, source: Input) -> None:
    """Plan the article of one bot file."""
    article = parse_bot_text(source.read_text(), source.name)
    imported = {"by": article.bot, "from": source.file_name, "desk": article.desk}
    stem = source.path.stem
    plan_article(
        plan,
        ArticleDraft(
            title=article.title,
            body=paragraphs_to_markdown(article.paragraphs),
            origin=source.name,
            identity=f"bot:{source.file_name}",
            outlet=article.outlet,
            author=article.author,
            via=article.via,
            published=article.published,
            imported={k: v for k, v in imported.items() if v},
            # The bot names its files like ids already ("2026-03-10-harbour-city-transit-budget").
            preferred_id=stem if is_slug(stem) else None,
        ),
    )
