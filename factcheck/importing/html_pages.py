"""HTML article pages, read with trafilatura: title, author, date, outlet and the text as Markdown.

trafilatura finds the article among a page's menus, teasers and comment threads, and gives it as
Markdown with links, emphasis, lists and tables kept; its metadata (title, author, date, site
name) comes from the same page's meta tags, JSON-LD and visible bylines.
"""

from __future__ import annotations

import logging
from html.parser import HTMLParser

from ..dates import page_date
from ..fields import language_problem
from .articles import ArticleDraft, plan_article
from .markdown_text import guard_references, html_to_markdown
from .plan import ImportFailure, Plan

# trafilatura and its helpers log their doubts; without a handler Python would print them on
# stderr among our own messages. What matters reaches the user as our error or warning.
for _name in ("trafilatura", "htmldate", "courlan", "justext"):
    logging.getLogger(_name).addHandler(logging.NullHandler())
    logging.getLogger(_name).propagate = False

DATE_FORMAT = "%Y-%m-%dT%H:%M:%S%z"
MIN_WORDS = 15
"""Fewer words than this is a menu, a cookie notice or an error page, not an article."""


class _LangReader(HTMLParser):
    """Reads the ``lang`` of a page's ``<html>`` element, and stops looking after it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang: str | None = None
        self.done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.done and tag == "html":
            self.lang = dict(attrs).get("lang")
        self.done = True


def html_language(html: str) -> str | None:
    """The language a page says it is in (``<html lang>``), when that is a valid BCP 47 tag."""
    reader = _LangReader()
    at = 0
    while not reader.done and at < min(len(html), 65536):
        reader.feed(html[at : at + 4096])
        at += 4096
    lang = (reader.lang or "").strip()
    return lang if lang and language_problem(lang) is None else None


def _drop_title_heading(markdown: str, title: str) -> str:
    """trafilatura repeats the headline as the body's first heading; the page shows the title."""
    lines = markdown.lstrip("\n").split("\n", 1)
    first = lines[0].lstrip("#").strip()
    if lines[0].startswith("#") and " ".join(first.split()) == " ".join(title.split()):
        return lines[1].lstrip("\n") if len(lines) > 1 else ""
    return markdown


class _HasBody(HTMLParser):
    """Whether the text looks like HTML at all (a tag anywhere)."""

    def __init__(self) -> None:
        super().__init__()
        self.tags = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags += 1


def extract_article(html: str, *, url: str | None, name: str) -> ArticleDraft:
    """The article in an HTML page; raises :class:`ImportFailure` when there is none."""
    import trafilatura

    probe = _HasBody()
    probe.feed(html[:10_000])
    if not probe.tags:
        raise ImportFailure(name, "this is not an HTML page (no tags found)")
    # The date as the page gives it, time of day and offset included where it has them.
    meta = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        date_extraction_params={"outputformat": DATE_FORMAT, "original_date": True},
    )
    # The article as HTML, then Markdown (see markdown_text.html_to_markdown for why).
    article = trafilatura.extract(
        html,
        url=url,
        output_format="html",
        include_formatting=True,
        include_links=True,
        include_comments=False,
        include_images=False,
    )
    markdown = html_to_markdown(article) if article else ""
    title = getattr(meta, "title", None) if meta is not None else None
    words = len((markdown or "").split())
    if not markdown or words < MIN_WORDS:
        raise ImportFailure(
            name,
            "no article found in the page" + (f" (only {words} words of text)" if words else ""),
            "a page that is mostly menus, or a page drawn by JavaScript, has "
            "no article text to import; save the page once it has loaded",
        )
    if not title:
        raise ImportFailure(
            name,
            "the page's article has no title",
            "the page needs a <title>, an og:title or a headline",
        )
    title = " ".join(str(title).split())
    body = guard_references(_drop_title_heading(markdown, title).strip()) + "\n"
    page_url = getattr(meta, "url", None) or url
    return ArticleDraft(
        title=title,
        body=body,
        origin=name,
        identity=f"url:{page_url}" if page_url else f"file:{name}",
        source_url=page_url,
        outlet=getattr(meta, "sitename", None) or None,
        author=getattr(meta, "author", None) or None,
        published=page_date(getattr(meta, "date", None)),
        language=html_language(html),
    )


def import_html_article(
    plan: Plan, html: str, *, url: str | None, name: str, file_name: str
) -> None:
    """Plan the article in one HTML page."""
    draft = extract_article(html, url=url, name=name)
    draft.imported = {"from": file_name}
    plan_article(plan, draft)
