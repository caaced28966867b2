"""RSS and Atom feeds, read with feedparser: one article per entry.

feedparser reads every RSS and Atom version in use, sorts out their many date formats and
author conventions, and sanitises the HTML in entries. A feed that is not well-formed XML (a
truncated download, typically) is refused whole, at the line where it breaks, rather than
imported as far as a lenient parser happened to get.
"""

from __future__ import annotations

import datetime as dt
import email.utils
from typing import Any

from ..fields import language_problem
from .articles import ArticleDraft, plan_article
from .markdown_text import html_text, html_to_markdown, paragraphs_to_markdown
from .plan import ImportFailure, Input, Plan


def _published(entry: Any) -> dt.datetime | None:
    """The entry's date with its own UTC offset where the feed gives one."""
    for key in ("published", "updated", "created"):
        text = entry.get(key)
        if not isinstance(text, str) or not text.strip():
            continue
        try:
            return email.utils.parsedate_to_datetime(text)  # RSS: RFC 822 dates
        except (TypeError, ValueError):
            pass
        try:
            return dt.datetime.fromisoformat(text.strip())  # Atom: RFC 3339
        except ValueError:
            pass
        parsed = entry.get(f"{key}_parsed")  # feedparser's reading of odder formats, in UTC
        if parsed:
            return dt.datetime(*parsed[:6]).replace(tzinfo=dt.UTC)
    return None


def _plain(detail: Any, value: str) -> str:
    """A title or name as plain text (feedparser keeps HTML in titles typed text/html)."""
    kind = detail.get("type", "text/plain") if isinstance(detail, dict) else "text/plain"
    if "html" in str(kind):
        return " ".join(html_text(value))
    return " ".join(value.split())


def _body(entry: Any) -> str:
    contents = entry.get("content") or []
    detail = contents[0] if contents else entry.get("summary_detail")
    value = (contents[0].get("value") if contents else entry.get("summary")) or ""
    if not value.strip():
        return ""
    kind = str(detail.get("type", "text/html")) if detail else "text/html"
    if "html" in kind:
        return html_to_markdown(value)
    paragraphs = [p.strip() for p in value.split("\n\n") if p.strip()]
    return paragraphs_to_markdown(paragraphs)


def _failure(name: str, exc: Exception) -> ImportFailure:
    line = getattr(exc, "getLineNumber", lambda: 1)() or 1
    column = getattr(exc, "getColumnNumber", lambda: 0)() or 0
    message = getattr(exc, "getMessage", lambda: str(exc))()
    return ImportFailure(
        name,
        f"the feed is not well-formed XML: {message}; nothing was imported",
        "a feed cut off during download ends like this; fetch it again",
        line=line,
        column=column + 1,
    )


def import_feed(plan: Plan, source: Input) -> None:
    """Plan one article for every entry of a feed."""
    import feedparser  # type: ignore[import-untyped]

    # Bytes, never a str: given a str, feedparser would take it for a URL or a file name.
    parsed = feedparser.parse(source.read_bytes())
    tolerable = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)
    problem = parsed.get("bozo_exception")
    if parsed.get("bozo") and problem is not None and not isinstance(problem, tolerable):
        raise _failure(source.name, problem)
    if not parsed.get("version") and not parsed.entries:
        raise ImportFailure(
            source.name,
            "this is not an RSS or Atom feed",
            "a feed starts with <rss>, <feed> or <rdf:RDF>",
        )
    feed = parsed.get("feed", {})
    outlet = _plain(feed.get("title_detail"), feed.get("title", "")) or None
    language = str(feed.get("language") or "").strip() or None
    if language is not None and language_problem(language) is not None:
        language = None  # a feed's <language> is often free text ("English"): not guessed
    if not parsed.entries:
        plan.diags.warning(source.name, None, "the feed has no entries; nothing to import")
    for number, entry in enumerate(parsed.entries, start=1):
        title = _plain(entry.get("title_detail"), entry.get("title", ""))
        if not title:
            raise ImportFailure(
                source.name,
                f"entry {number} of the feed has no title",
                "every imported article needs a title",
            )
        link = entry.get("link")
        author_detail = entry.get("author_detail") or {}
        author = author_detail.get("name") or entry.get("author") or None
        identity = entry.get("id") or link or f"{source.file_name}#{title}"
        plan_article(
            plan,
            ArticleDraft(
                title=title,
                body=_body(entry),
                origin=source.name,
                identity=f"entry:{identity}",
                source_url=link if isinstance(link, str) else None,
                outlet=outlet,
                author=author,
                published=_published(entry),
                imported={"from": source.file_name},
                tags=[str(t.get("term")) for t in entry.get("tags", []) if t.get("term")],
                language=language,
            ),
        )
