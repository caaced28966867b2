"""Writing one imported article (from the bot's text, an HTML page or a feed entry).

Every article importer fills in an :class:`ArticleDraft`; this module turns it into
``content/articles/ID.md``, with the top suggested claims as commented-out entries so that an
editor can enable one by deleting two characters.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ..content_files import render_document
from ..fields import same_language, url_problem
from ..ids import make_id
from .plan import Plan
from .suggestions import SuggestionsUnavailable, suggested_claims


@dataclass(slots=True)
class ArticleDraft:
    """What an importer found out about one article."""

    title: str
    body: str
    """The article's text, as Markdown."""
    origin: str
    """The input it comes from, for messages."""
    identity: str
    """What makes this article itself (its URL, or its file): its id is derived from it."""
    source_url: str | None = None
    outlet: str | None = None
    author: str | None = None
    via: str | None = None
    published: dt.date | dt.datetime | None = None
    imported: dict[str, str] = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)
    preferred_id: str | None = None
    """An id the input already gives (the bot's file name), used when it is free."""
    language: str | None = None
    """The language the input says it is in (a valid BCP 47 tag), if it says."""


def plan_article(plan: Plan, draft: ArticleDraft) -> str:
    """Add the article file to ``plan``; returns the article's id."""
    base = draft.preferred_id or make_id(draft.title, prefix="article", key=draft.identity)
    if draft.preferred_id:
        # One article per bot file: a file imported before, whose article has been renamed
        # since, is recognised by its imported.from and not imported a second time.
        source_file = (draft.imported.get("by", ""), draft.imported.get("from", ""))
        earlier = plan.existing.imported_articles.get(source_file)
        if earlier is not None and earlier != base:
            return earlier
    ident = plan.allocate("article", base, draft.identity, draft.origin)
    meta: dict[str, Any] = {"title": draft.title}
    source: dict[str, str] = {}
    if draft.source_url:
        problem = url_problem(draft.source_url)
        if problem:
            plan.diags.warning(
                draft.origin,
                None,
                f"the article's address '{draft.source_url}' is left out: {problem}",
            )
        else:
            source["url"] = draft.source_url
    for key, value in (("outlet", draft.outlet), ("author", draft.author), ("via", draft.via)):
        if value:
            source[key] = value
    if source:
        meta["source"] = source
    if draft.published is not None:
        meta["published"] = draft.published
    if draft.imported:
        meta["imported"] = dict(draft.imported)
    if draft.tags:
        meta["tags"] = list(dict.fromkeys(draft.tags))
    if draft.language and not same_language(draft.language, plan.config.language):
        meta["language"] = draft.language
    comment = ""
    if not plan.suggestions_failed:
        try:
            suggested = suggested_claims(
                draft.body,
                taken=plan.claim_ids(),
                index=plan.claim_index(),
                language=draft.language or plan.config.language,
            )
            comment = suggested.comment
            plan.suggested_ids.update(suggested.ids)
            path = plan.target("article", ident)
            plan.already_checked.extend(
                (path, summary, found) for summary, found in suggested.matches
            )
        except SuggestionsUnavailable as exc:
            plan.suggestions_failed = True
            plan.diags.warning(
                draft.origin,
                None,
                f"articles are imported without suggested claims: the ranking cannot run ({exc})",
                "run 'factcheck suggest' on the article once it works",
            )
    if comment:
        # An empty `claims:` (not `claims: []`) above the suggestions: removing '# ' from an
        # entry then gives valid YAML without touching the key's line.
        comment = "claims:\n" + comment
    else:
        meta["claims"] = []
    plan.add(
        "article",
        plan.target("article", ident),
        render_document(meta, draft.body, comment=comment),
        draft.origin,
    )
    return ident
