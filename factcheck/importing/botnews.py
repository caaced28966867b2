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
_SIGNATURE = re.compile(
    r"(?P<weekday>[A-Za-z]{2,9}),?\s*(?P<month>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{4})"
    r"\s*[-\u2010-\u2015\u2212]\s*(?P<hour>\d{1,2}):(?P<minute>\d{2})"
    r"(?P<outlet>.*?)\s*Read\s*More\s*\Z")
_BYLINE = re.compile(r"Authored by\s+(?P<author>.+?)(?:\s+via\s+(?P<via>.+?))?\s*,?\s*\Z")
_FOOTER_AUTHOR = re.compile(r"Author:\s*(?P<bot>\S.*?)\s*\Z")

SIGNATURE_HINT = ("the bot's files end with the desk, a line such as 'Tue, 03/10/2026 – 14:05"
                  "Ledger Wire NewsRead More', and 'Author: VolkAI'")


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
        byline = _BYLINE.match(blocks[index].lines[0].strip())
        if byline:
            author, via = byline.group("author"), byline.group("via")
            index += 1

    # The signature is the last line that reads like one; what follows it is the footer.
    found = None
    for block_index in range(len(blocks) - 1, index - 1, -1):
        for line_index in range(len(blocks[block_index].lines) - 1, -1, -1):
            match = _SIGNATURE.match(blocks[block_index].lines[line_index].strip())
            if match:
                found = (block_index, line_index, match)
                break
        if found:
            break
    if found is None:
        last = blocks[-1]
        raise ImportFailure(name, "not an import bot file: no signature line with the date, "
                            "time and outlet", SIGNATURE_HINT, line=last.line)
    block_index, line_index, match = found
    signature_block = blocks[block_index]
    signature_line = signature_block.line + line_index
    desk = " ".join(x.strip() for x in signature_block.lines[:line_index]) or None
    try:
        published = dt.datetime(int(match.group("year")), int(match.group("month")),
                                int(match.group("day")), int(match.group("hour")),
                                int(match.group("minute")))
    except ValueError as exc:
        column = signature_block.lines[line_index].find(match.group("month")) + 1
        raise ImportFailure(name, f"the signature's date and time are not valid: {exc}",
                            "the bot writes the date as MM/DD/YYYY and the time as HH:MM",
                            line=signature_line, column=max(column, 1)) from exc

    bot = None
    footer = signature_block.lines[line_index + 1:] + [
        line for block in blocks[block_index + 1:] for line in block.lines]
    for line in footer:
        author_line = _FOOTER_AUTHOR.match(line.strip())
        if author_line:
            bot = author_line.group("bot")
            break

    paragraphs = [block.text for block in blocks[index:block_index]]
    if not paragraphs:
        raise ImportFailure(name, "the article has no text between the headline and the "
                            "signature", line=signature_block.line)
    return BotArticle(title=title, paragraphs=paragraphs, published=published,
                      outlet=match.group("outlet").strip() or None, desk=desk,
                      author=author, via=via, bot=bot)


def import_bot_text(plan: Plan, source: Input) -> None:
    """Plan the article of one bot file."""
    article = parse_bot_text(source.read_text(), source.name)
    imported = {"by": article.bot, "from": source.file_name, "desk": article.desk}
    stem = source.path.stem
    plan_article(plan, ArticleDraft(
        title=article.title,
        body=paragraphs_to_markdown(article.paragraphs),
        origin=source.name,
        identity=f"bot:{source.file_name}",
        outlet=article.outlet, author=article.author, via=article.via,
        published=article.published,
        imported={k: v for k, v in imported.items() if v},
        # The bot names its files like ids already ("2026-03-10-harbour-city-transit-budget").
        preferred_id=stem if is_slug(stem) else None))
