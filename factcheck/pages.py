"""The pages of the site: every page as (site path, template, context), computed from the views
before anything is rendered, so that every page sees the same site (menus, counts, tags).

This module decides what each page shows; factcheck/render.py only renders it, and
factcheck/views.py owns the views themselves (what a claim, a verdict, a source look like to a
template).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from . import urls
from .exports import claim_review, media_review
from .model import Date, Page, State
from .views import ClaimantView, ClaimView, RatingView, SiteViews
from .workflow import ClaimStatus, claim_statuses

_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


@dataclass(slots=True)
class PageSpec:
    """One page to render."""

    path: str
    template: str
    title: str
    context: dict[str, Any] = field(default_factory=dict)
    description: str = ""
    og_type: str = "website"
    in_sitemap: bool = True
    lazy: Callable[[], dict[str, Any]] | None = None
    """Context computed only when the page is rendered (bodies are rendered then)."""
    lastmod: Date | None = None
    """When what the page shows last changed, for the sitemap (None: not said)."""
    feed: str | None = None
    """The site path of the Atom feed of what this page lists, if it has one."""
    image: str | None = None
    """The site path of the page's share card (og:image), if it has one."""


@dataclass(frozen=True, slots=True)
class FeedSpec:
    """An Atom feed of a list of published checks (a topic, a rating, a claimant)."""

    path: str
    title: str
    link: str
    """The site path of the page the feed follows."""
    claims: tuple[ClaimView, ...]


def site_context(views: SiteViews) -> dict[str, Any]:
    """What every page sees as ``site``."""
    project = views.project
    config = views.config
    menu = sorted(
        (p for p in project.pages.values() if p.menu), key=lambda p: (p.weight, p.title.lower())
    )
    counts: dict[str, int] = defaultdict(int)
    for claim in project.claims.values():
        if claim.state is State.PUBLISHED and claim.rating:
            counts[claim.rating] += 1
    return {
        "title": config.title,
        "description": config.description,
        "language": config.language,
        "base_url": config.base_url,
        "organization": config.organization,
        "extra": config.extra,
        "menu": [{"title": p.title, "url": urls.page(p.id)} for p in menu],
        "pages": [
            {"title": p.title, "url": urls.page(p.id)}
            for p in sorted(project.pages.values(), key=lambda p: (p.weight, p.title.lower()))
        ],
        "ratings": list(views.ratings.values()),
        "rating_counts": dict(counts),
        "feed_url": urls.FEED,
        "search": config.search,
        "min_reviewers": config.min_reviewers,
        "logo": config.organization.logo,
        "logo_external": bool(
            config.organization.logo
            and config.organization.logo.startswith(("http://", "https://"))
        ),
    }


def _latest(claims: Iterable[ClaimView], views: SiteViews) -> Date | None:
    dated = [c.date for c in claims if c.date is not None]
    return max(dated, key=views.instant) if dated else None


def _paged(
    views: SiteViews,
    path: str,
    template: str,
    title: str,
    items: list[Any],
    make: Callable[[list[Any], int], dict[str, Any]],
    *,
    description: str = "",
    feed: str | None = None,
    og_type: str = "website",
    lastmod: Date | None = None,
) -> Iterator[PageSpec]:
    """A list cut into pages of ``page_size`` items (factcheck.yaml): the first at ``path``,
    the others at ``urls.numbered(path, n)``. ``make(items, n)`` gives each page's context;
    every page also sees ``pager``: ``{number, count, first, previous, next, pages}`` (site
    paths; ``previous``/``next`` None at the ends)."""
    size = views.config.page_size
    chunks = [items[i : i + size] for i in range(0, len(items), size)] or [[]]
    count = len(chunks)
    paths = [urls.numbered(path, n) for n in range(1, count + 1)]
    for number, chunk in enumerate(chunks, start=1):
        pager = {
            "number": number,
            "count": count,
            "first": path,
            "previous": paths[number - 2] if number > 1 else None,
            "next": paths[number] if number < count else None,
            "pages": paths,
        }
        yield PageSpec(
            paths[number - 1],
            template,
            title if number == 1 else views.words.plain("page_number", title=title, number=number),
            {**make(chunk, number), "pager": pager},
            description=description,
            og_type=og_type,
            feed=feed,
            lastmod=lastmod if number == 1 else None,
        )


@dataclass(slots=True)
class Groups:
    """Published checks grouped as the site lists them, made once per build."""

    by_rating: dict[str, list[ClaimView]]
    tags: list[dict[str, Any]]
    by_claimant: dict[str, list[ClaimView]]


def groups(views: SiteViews) -> Groups:
    if views.groups is None:
        published = views.claims_by_date()
        by_rating: dict[str, list[ClaimView]] = defaultdict(list)
        by_claimant: dict[str, list[ClaimView]] = defaultdict(list)
        for claim in published:
            if claim.rating:
                by_rating[claim.rating.id].append(claim)
            record = views.project.claims[claim.id]
            if record.claimant_id is not None:
                by_claimant[record.claimant_id].append(claim)
        views.groups = Groups(dict(by_rating), _tags(views, published), dict(by_claimant))
    result: Groups = views.groups
    return result


def feed_specs(views: SiteViews) -> list[FeedSpec]:
    """The Atom feed of every topic, rating and claimant page (beside the site's own)."""
    grouped = groups(views)
    feeds = []
    for rating in views.ratings.values():
        claims = grouped.by_rating.get(rating.id, [])
        feeds.append(FeedSpec(urls.feed_of(rating.url), rating.label, rating.url, tuple(claims)))
    for tag in grouped.tags:
        if tag["claims"]:
            feeds.append(
                FeedSpec(urls.feed_of(tag["url"]), tag["name"], tag["url"], tuple(tag["claims"]))
            )
    for claimant_id in sorted(views.claimant_pages):
        claimant = views.claimant(claimant_id)
        feeds.append(
            FeedSpec(
                urls.feed_of(claimant.url),
                claimant.name,
                claimant.url,
                tuple(grouped.by_claimant.get(claimant_id, [])),
            )
        )
    return feeds


def page_specs(views: SiteViews) -> Iterator[PageSpec]:
    """Every page of the site."""
    project = views.project
    published = views.claims_by_date()
    all_claims = [views.claim(c) for c in sorted(project.claims)]
    pending = [c for c in all_claims if not c.published and not c.withdrawn]

    yield PageSpec(
        urls.HOME,
        "home.html",
        views.config.title,
        {
            "latest": published[:12],
            "published_count": len(published),
            "pending_count": len(pending),
            "article_count": len(project.articles),
        },
        description=views.config.description,
        lastmod=_latest(published, views),
    )

    articles = sorted(
        project.articles.values(),
        key=lambda a: (views.aware(a.published) or _EPOCH, a.id),
        reverse=True,
    )
    yield PageSpec(
        urls.ARTICLES,
        "articles.html",
        views.words.plain("articles"),
        {"articles": [_article_summary(views, a.id) for a in articles]},
    )
    for article in articles:
        yield _article_page(views, article.id)

    yield from _paged(
        views,
        urls.CLAIMS,
        "claims.html",
        views.words.plain("fact_checks"),
        published,
        lambda chunk, n: {"published": chunk, "pending": pending if n == 1 else []},
        feed=urls.FEED,
        lastmod=_latest(published, views),
    )
    for claim in all_claims:
        yield _claim_page(views, claim)
    yield _corrections_page(views)

    evidence = sorted(project.evidence)
    yield PageSpec(
        urls.EVIDENCE,
        "evidence_list.html",
        views.words.plain("nav_sources"),
        {"evidence": [views.evidence_view(e) for e in evidence]},
    )
    for evidence_id in evidence:
        yield _evidence_page(views, evidence_id)

    reviewers = sorted(project.reviewers.values(), key=lambda r: (r.role == "external", r.name))
    yield PageSpec(
        urls.REVIEWERS,
        "reviewers.html",
        views.words.plain("our_team"),
        {"reviewers": [views.person(r.id) for r in reviewers]},
    )
    for reviewer in reviewers:
        yield from _reviewer_pages(views, reviewer.id)

    grouped = groups(views)
    by_rating = grouped.by_rating
    yield PageSpec(
        urls.RATINGS,
        "ratings.html",
        views.words.plain("our_rating_scale"),
        {"counts": {r: len(c) for r, c in by_rating.items()}},
    )
    for rating in views.ratings.values():
        claims = by_rating.get(rating.id, [])

        def rating_context(
            chunk: list[ClaimView], _n: int, rating: RatingView = rating
        ) -> dict[str, Any]:
            return {"rating": rating, "claims": chunk}

        yield from _paged(
            views,
            rating.url,
            "rating.html",
            rating.label,
            claims,
            rating_context,
            description=rating.description,
            feed=urls.feed_of(rating.url),
            lastmod=_latest(claims, views),
        )

    tags = grouped.tags
    yield PageSpec(urls.TAGS, "tags.html", views.words.plain("topics"), {"tags": tags})
    for tag in tags:

        def tag_context(
            chunk: list[ClaimView], n: int, tag: dict[str, Any] = tag
        ) -> dict[str, Any]:
            return {"tag": {**tag, "claims": chunk, "articles": tag["articles"] if n == 1 else []}}

        yield from _paged(
            views,
            tag["url"],
            "tag.html",
            tag["name"],
            tag["claims"],
            tag_context,
            feed=urls.feed_of(tag["url"]) if tag["claims"] else None,
            lastmod=_latest(tag["claims"], views),
        )

    claimants = sorted(
        (views.claimant(c) for c in views.claimant_pages), key=lambda c: (c.name.casefold(), c.id)
    )
    yield PageSpec(
        urls.CLAIMANTS,
        "claimants.html",
        views.words.plain("claimants_title"),
        {
            "claimants": [
                {"claimant": c, "count": len(grouped.by_claimant.get(c.id, []))} for c in claimants
            ]
        },
    )
    for claimant in claimants:
        yield from _claimant_pages(views, claimant, grouped.by_claimant.get(claimant.id, []))

    for page in sorted(project.pages.values(), key=lambda p: p.id):
        yield _plain_page(views, page)

    if views.config.search:
        yield PageSpec(
            urls.SEARCH, "search.html", views.words.plain("search_title"), in_sitemap=False
        )
    yield PageSpec(
        urls.NOT_FOUND, "404.html", views.words.plain("page_not_found"), in_sitemap=False
    )
    if views.preview:
        yield _desk_page(views)


def _desk_page(views: SiteViews) -> PageSpec:
    """The review desk (preview only): every claim, where it stands and who has work on it."""
    project = views.project
    rows = claim_statuses(project, views.changed_at)
    reviewers = sorted(project.reviewers.values(), key=lambda r: (r.role == "external", r.name))
    editors = [r for r in reviewers if r.role == "editor"]
    roles = {r.id: r.role for r in reviewers}

    def to_do(row: ClaimStatus) -> dict[str, str]:
        """What each reviewer still has to do on the claim: those with a verdict on it, and
        the editors (a ruling)."""
        involved = dict.fromkeys(
            [v.reviewer for v in row.verdicts if v.reviewer in roles] + [r.id for r in editors]
        )
        tasks = {who: row.to_do(who, roles[who]) for who in involved}
        return {who: task for who, task in tasks.items() if task}

    return PageSpec(
        urls.DESK,
        "desk.html",
        views.words.plain("review_desk"),
        {
            "rows": [
                {"status": row, "claim": views.claim(row.claim), "to_do": to_do(row)}
                for row in rows
            ],
            "reviewers": [views.person(r.id) for r in reviewers if r.role != "external"],
            "states": [{"id": s.value, "label": views.state_label(s.value)} for s in State],
        },
        in_sitemap=False,
    )


def _plain_page(views: SiteViews, page: Page) -> PageSpec:
    path = urls.page(page.id)

    def context() -> dict[str, Any]:
        return {
            "plain_page": {
                "id": page.id,
                "title": page.title,
                "html": views.body(page.doc.parsed, path),
            }
        }

    return PageSpec(path, "page.html", page.title, lazy=context)


def listed(views: SiteViews, claim_id: str) -> bool:
    """Whether a claim appears in the lists of the site: any claim but a withdrawn one (which
    keeps only its own page, and its entry in the corrections log). The preview lists every
    claim."""
    claim = views.project.claims.get(claim_id)
    return claim is not None and (views.preview or claim.state is not State.WITHDRAWN)


def _corrections_page(views: SiteViews) -> PageSpec:
    """The site's corrections log: every correction of every check, newest first, and every
    withdrawal, each linked to its place on the check's page."""
    path = urls.CORRECTIONS

    def context() -> dict[str, Any]:
        return {"corrections": views.correction_log(path), "feed_url": urls.CORRECTIONS_FEED}

    return PageSpec(
        path,
        "corrections.html",
        views.words.plain("corrections_title"),
        lazy=context,
        description=views.words.plain("corrections_description"),
        lastmod=views.log_updated(),
    )


def _article_summary(views: SiteViews, article_id: str) -> dict[str, Any]:
    article = views.project.articles[article_id]
    claims = [views.claim(c) for c in article.claims if listed(views, c)]
    checked = sum(1 for c in claims if c.published)
    state = (
        "unmarked"
        if not claims
        else "checked"
        if checked == len(claims)
        else "partly checked"
        if checked
        else "in review"
    )
    return {
        "id": article.id,
        "title": article.title,
        "url": urls.article(article.id),
        "source": article.source,
        "published": article.published,
        "tags": article.tags,
        "claims": claims,
        "checked": checked,
        "state": state,
        "language": (
            article.language
            if article.language and article.language != views.config.language
            else None
        ),
    }


def _article_page(views: SiteViews, article_id: str) -> PageSpec:
    article = views.project.articles[article_id]
    path = urls.article(article_id)

    def context() -> dict[str, Any]:
        html, notes = views.article_body(article_id, path)
        unplaced = [
            views.claim(c)
            for c in article.claims
            if listed(views, c) and views.project.claims[c].span is None
        ]
        return {
            "article": {
                **_article_summary(views, article_id),
                "html": html,
                "imported": article.imported,
            },
            "notes": notes + unplaced,
        }

    count = len(article.claims)
    description = article.description or (
        views.words.plain_plural("claims_marked", count) if count else ""
    )
    return PageSpec(
        path,
        "article.html",
        article.title,
        lazy=context,
        og_type="article",
        description=description,
    )


def _claim_page(views: SiteViews, claim: ClaimView) -> PageSpec:
    project = views.project
    path = claim.url

    def context() -> dict[str, Any]:
        verdict_records = views.shown_verdicts(claim.id) if claim.published or views.preview else []
        numbers, sources = views.numbered_sources(verdict_records)
        verdicts = [views.verdict(v, path, numbers) for v in verdict_records]
        outside = [views.verdict(v, path, None) for v in views.shown_outside_verdicts(claim.id)]
        record = project.claims[claim.id]
        context_html = (
            views.body(record.document.parsed, path)
            if record.document is not None and record.document.body.strip()
            else ""
        )
        return {
            "claim": claim,
            "verdicts": verdicts,
            "sources": sources,
            "outside": outside,
            "related": _related(views, claim),
            "context_html": context_html,
            "claim_review": claim_review(views, claim),
            "media_review": media_review(views, claim),
            "scale": list(views.ratings.values()),
            "corrections": views.corrections(claim.id, path),
            "withdrawal": views.withdrawal(claim.id, path),
        }

    description = (
        f"{claim.label}: {claim.headline}"
        if claim.published and claim.headline
        else views.words.plain("withdrawn_description")
        if claim.withdrawn
        else views.words.plain("under_review_description")
    )
    return PageSpec(
        path,
        "claim.html",
        claim.summary,
        lazy=context,
        og_type="article",
        description=description,
        lastmod=views.modified(claim) or claim.date,
        image=urls.card(claim.id) if claim.published and not views.preview else None,
    )


def _related(views: SiteViews, claim: ClaimView, limit: int = 5) -> list[ClaimView]:
    """Published claims that share the article, a tag, or a [[link]] with this one."""
    project = views.project
    record = project.claims[claim.id]
    by_article, by_tag = _related_index(views)
    linking = [project.verdicts[path] for path in record.linked_from]
    inputs = (
        record.article,
        frozenset(claim.tags),
        tuple(
            (
                v.claim,
                v.approved,
                v.claim in project.claims and project.claims[v.claim].state is State.PUBLISHED,
            )
            for v in linking
        ),
    )
    ranked = views.related_memo.get(claim.id, inputs)
    if ranked is None:
        scores: dict[str, int] = defaultdict(int)
        if record.article:
            for other in by_article.get(record.article, ()):
                scores[other] += 3
        for tag in set(claim.tags):
            for other in by_tag.get(tag, ()):
                scores[other] += 2
        for verdict in linking:
            if verdict.claim in project.claims and verdict.approved:
                scores[verdict.claim] += 4
        scores.pop(claim.id, None)
        ranked = sorted(
            (c for c, s in scores.items() if s > 0 and project.claims[c].state is State.PUBLISHED),
            key=lambda c: (-scores[c], c),
        )[:limit]
    views.related_memo.keep(claim.id, inputs, ranked)
    return [views.claim(c) for c in ranked]


def _related_index(views: SiteViews) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Published claims by article and by tag, computed once per build."""
    if views.related_index is not None:
        return views.related_index
    by_article: dict[str, list[str]] = defaultdict(list)
    by_tag: dict[str, list[str]] = defaultdict(list)
    for other in views.project.claims.values():
        if other.state is not State.PUBLISHED:
            continue
        if other.article:
            by_article[other.article].append(other.id)
        for tag in set(other.tags):
            by_tag[tag].append(other.id)
    views.related_index = (by_article, by_tag)
    views.related_memo.start(views.related_index)
    return by_article, by_tag


def _evidence_page(views: SiteViews, evidence_id: str) -> PageSpec:
    project = views.project
    evidence = project.evidence[evidence_id]
    path = urls.evidence(evidence_id)

    def context() -> dict[str, Any]:
        citing: list[dict[str, Any]] = []
        for verdict_path in evidence.cited_by:
            verdict = project.verdicts[verdict_path]
            claim = project.claims.get(verdict.claim)
            # Only published verdicts of published claims are named: a draft's existence,
            # reviewer or claim never reaches the site (the preview names every one).
            if claim is None or not project.is_ours(verdict):
                continue
            if not views.preview and (claim.state is not State.PUBLISHED or not verdict.approved):
                continue
            citing.append(
                {
                    "claim": views.claim(claim.id),
                    "reviewer": views.person(verdict.reviewer),
                    "headline": verdict.headline,
                    "date": verdict.date,
                    "status_label": views.status_label(verdict),
                }
            )
        return {
            "evidence": views.evidence_view(evidence_id),
            "html": views.body(evidence.doc.parsed, path),
            "citing": citing,
        }

    return PageSpec(path, "evidence.html", evidence.title, lazy=context)


def _claimant_pages(
    views: SiteViews, claimant: ClaimantView, claims: list[ClaimView]
) -> Iterator[PageSpec]:
    """A claimant's published checks, latest first, with how many of each rating."""
    record = views.project.claimants[claimant.id]
    counts: dict[str, int] = defaultdict(int)
    for claim in claims:
        if claim.rating:
            counts[claim.rating.id] += 1
    path = claimant.url

    def context(chunk: list[ClaimView], _number: int) -> dict[str, Any]:
        html = (
            views.body(record.doc.parsed, path)
            if record.doc is not None and record.doc.body.strip()
            else ""
        )
        return {
            "claimant": claimant,
            "claims": chunk,
            "total": len(claims),
            "counts": [(views.ratings[r], counts[r]) for r in views.ratings if counts.get(r)],
            "html": html,
        }

    yield from _paged(
        views,
        path,
        "claimant.html",
        claimant.name,
        claims,
        context,
        og_type="profile",
        feed=urls.feed_of(path),
        lastmod=_latest(claims, views),
    )


def _reviewer_pages(views: SiteViews, reviewer_id: str) -> Iterator[PageSpec]:
    """A reviewer's verdicts, latest first, cut into pages like every long list. Ours: the
    approved verdicts on published claims; an outside organisation's: its approved imported
    verdicts (the preview: every verdict, labelled)."""
    project = views.project
    reviewer = project.reviewers[reviewer_id]
    path = urls.reviewer(reviewer_id)
    verdicts: list[dict[str, Any]] = []
    for verdict_path in reviewer.verdicts:
        verdict = project.verdicts[verdict_path]
        claim = project.claims.get(verdict.claim)
        if claim is None:
            continue
        ours = project.is_ours(verdict)
        if not views.preview and (
            not verdict.approved or (ours and claim.state is not State.PUBLISHED)
        ):
            continue
        verdicts.append(
            {
                "claim": views.claim(claim.id),
                "rating": views.ratings.get(verdict.rating) if ours else None,
                "original_rating": verdict.original_rating,
                "headline": verdict.headline if ours else None,
                "date": verdict.date,
                "final": verdict.final,
                "status_label": views.status_label(verdict),
            }
        )
    verdicts.sort(key=lambda v: (str(v["date"] or ""), v["claim"].id), reverse=True)
    html = views.body(reviewer.doc.parsed, path)
    yield from _paged(
        views,
        path,
        "reviewer.html",
        reviewer.name,
        verdicts,
        lambda chunk, _n: {"reviewer": views.person(reviewer_id), "html": html, "verdicts": chunk},
        og_type="profile",
    )


def _tags(views: SiteViews, published: list[ClaimView]) -> list[dict[str, Any]]:
    """Topics: every tag of a published claim or of an article, with what it holds."""
    project = views.project
    names: dict[str, str] = {}
    claims: dict[str, list[ClaimView]] = defaultdict(list)
    articles: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for claim in published:
        for tag in claim.tags:
            slug = urls.tag_slug(tag)
            names.setdefault(slug, tag)
            claims[slug].append(claim)
    for article in sorted(project.articles.values(), key=lambda a: a.id):
        for tag in article.tags:
            slug = urls.tag_slug(tag)
            names.setdefault(slug, tag)
            articles[slug].append(_article_summary(views, article.id))
    return [
        {
            "slug": slug,
            "name": names[slug],
            "url": urls.tag(names[slug]),
            "claims": claims.get(slug, []),
            "articles": articles.get(slug, []),
        }
        for slug in sorted(names)
    ]
