"""Other organisations' published fact checks (schema.org ClaimReview).

Three shapes arrive, all read into one :class:`Review` record:

- JSON-LD inside an HTML page (``<script type="application/ld+json">``, often in an ``@graph``);
- JSON-LD on its own, including Data Commons' ``DataFeed`` and ``DataFeedItem`` wrappers;
- records shaped like Google's Fact Check Tools API (``text``, ``claimant``, ``claimReview``).

A ``MediaReview`` (a check of an image, a video or a recording) is read the same way: its
``mediaItemAppearance`` objects become the claim's ``media:`` entries (by ``url``: the import
never downloads them), its ``mediaAuthenticityCategory`` the verdict's ``media_rating`` (the
first step of our media scale with that category), its ``originalMediaLink`` and
``originalMediaContextDescription`` the media's original context. A MediaReview published beside
a ClaimReview of the same check (the same ``url``) adds its media to that check.

Each review becomes a stand-alone claim, a reviewer for the publishing organisation (made once,
``role: external``), an evidence item for the review's page, and an approved verdict whose rating
is placed on our scale by :mod:`factcheck.importing.ratings`, with the organisation's own label
kept in ``original_rating``. Text in other languages is kept as it is, and the check's language
(ClaimReview ``inLanguage``, else the page's ``<html lang>``; the Fact Check Tools API's
``languageCode``) becomes the claim's ``language`` where it is not the site's.

A review of a claim that the project already has (matched as ``factcheck suggest`` matches, see
:mod:`factcheck.suggest.similarity`) adds no duplicate claim: its verdict is attached to ours,
where the site shows it as "also checked by". From :data:`SURE_THRESHOLD` on, that is done
without asking; from the matching threshold up to it, the import asks (``confirm``), and with
no one to ask (no terminal) writes the claim separately and says so in a warning.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

from ..content_files import render_document
from ..dates import leading_date
from ..diagnostics import Position
from ..fields import language_problem, same_language, url_problem
from ..ids import make_id, mostly_latin, slugify, with_hash
from .json_text import JsonTooDeep, parse_json
from .markdown_text import html_text, paragraphs_to_markdown
from .plan import ImportFailure, Plan
from .ratings import RatingProblem, map_rating, number

SURE_THRESHOLD = 0.95
"""A match this close is taken without asking: in benchmarks/matching.py no pair of different
claims scored this high (docs/suggest.md)."""

Confirm = Callable[[str], bool]
"""Asks a yes-or-no question (the command line's prompt); None where no one can answer."""

ORGANIZATION_TYPES = frozenset(
    {
        "Organization",
        "NewsMediaOrganization",
        "Corporation",
        "GovernmentOrganization",
        "NGO",
        "EducationalOrganization",
    }
)


@dataclass(slots=True)
class Review:
    """One published fact check, whatever shape it came in."""

    claim: str
    """The claim as reviewed (ClaimReview ``claimReviewed``)."""
    organization: str
    """Who published the check."""
    organization_url: str | None = None
    url: str | None = None
    """The review's own page."""
    title: str | None = None
    date: dt.date | None = None
    label: str | None = None
    value: object = None
    worst: object = None
    best: object = None
    claimant: str | None = None
    claim_date: dt.date | None = None
    appearances: list[tuple[str, str | None]] = field(default_factory=list)
    description: str | None = None
    language: str | None = None
    """The check's language, a BCP 47 tag (None when it does not say, or says nonsense)."""
    line: int = 1
    """Where in the input the review stands (a JSON-LD block's line in an HTML page)."""
    media_category: str | None = None
    """A MediaReview's ``mediaAuthenticityCategory`` (``DecontextualizedContent``...)."""
    media: list[dict[str, str]] = field(default_factory=list)
    """A MediaReview's media, as ``media:`` entries (type, url, alt, caption, original_*)."""


# -- small readers of loosely typed JSON-LD ---------------------------------------------------


def _types(node: dict[str, Any]) -> set[str]:
    """A node's @type values, without a schema.org prefix ("http://schema.org/ClaimReview")."""
    raw = node.get("@type")
    values = raw if isinstance(raw, list) else [raw]
    return {re.split(r"[/:#]", v)[-1] for v in values if isinstance(v, str)}


def _first(value: Any) -> Any:
    if isinstance(value, list):
        return value[0] if value else None
    return value


def _text(value: Any) -> str | None:
    """Text from a JSON-LD value: a string, a number, a list of names, or {"@value": ...}."""
    if isinstance(value, str):
        text = " ".join(value.split())
        return text or None
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, list):
        parts = [t for t in (_text(v) for v in value) if t]
        return ", ".join(parts) or None
    if isinstance(value, dict):
        return _text(value.get("@value"))
    return None


def _language(value: Any) -> str | None:
    """A BCP 47 tag from ``inLanguage`` (a text, or a schema.org Language with a name or an
    alternateName that is the tag) or a page's ``lang``; None for anything else."""
    if isinstance(value, list):
        value = next(iter(value), None)
    if isinstance(value, dict):
        candidates = [_text(value.get("alternateName")), _text(value.get("name"))]
    else:
        candidates = [_text(value)]
    for candidate in candidates:
        if candidate and language_problem(candidate.strip()) is None:
            return candidate.strip()
    return None


def _date(value: Any) -> dt.date | None:
    return leading_date(_text(_first(value)))


def _url(value: Any) -> str | None:
    text = _text(_first(value))
    return text if text and url_problem(text) is None else None


def _is_site_root(url: str | None) -> bool:
    return url is not None and urlsplit(url).path in ("", "/")


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


class _Graph:
    """The nodes of one JSON-LD document, so that {"@id": ...} references can be followed."""

    def __init__(self, data: Any) -> None:
        self.by_id: dict[str, dict[str, Any]] = {}
        self.nodes: list[dict[str, Any]] = list(self._walk(data))
        for node in self.nodes:
            ident = node.get("@id")
            if isinstance(ident, str) and len(node) > 1:
                self.by_id.setdefault(ident, node)
        top = data.get("@graph", data) if isinstance(data, dict) else data
        self.top: list[dict[str, Any]] = [
            n for n in (top if isinstance(top, list) else [top]) if isinstance(n, dict)
        ]
        """The document's own nodes (not those nested in them, such as a claim's author)."""

    def _walk(self, value: Any) -> Iterator[dict[str, Any]]:
        if isinstance(value, dict):
            yield value
            for item in value.values():
                yield from self._walk(item)
        elif isinstance(value, list):
            for item in value:
                yield from self._walk(item)

    def resolve(self, value: Any) -> Any:
        value = _first(value)
        if isinstance(value, dict) and set(value) == {"@id"}:
            return self.by_id.get(str(value["@id"]), value)
        return value

    def claim_reviews(self) -> list[dict[str, Any]]:
        return [node for node in self.nodes if "ClaimReview" in _types(node)]

    def media_reviews(self) -> list[dict[str, Any]]:
        return [node for node in self.nodes if "MediaReview" in _types(node)]

    def publisher(self) -> tuple[str, str] | None:
        """Who publishes the page, by its own top-level nodes: a NewsArticle's or WebPage's
        publisher, or the site's Organization. (Organisations nested inside a ClaimReview are
        the claim's authors, not the publisher.)"""
        for node in self.top:
            if _types(node) & {"ClaimReview", "MediaReview"}:
                continue
            publisher = self.resolve(node.get("publisher"))
            if isinstance(publisher, dict) and _text(publisher.get("name")):
                return str(_text(publisher.get("name"))), _url(publisher.get("url")) or ""
        for node in self.top:
            if _types(node) & ORGANIZATION_TYPES and _text(node.get("name")):
                return str(_text(node.get("name"))), _url(node.get("url")) or ""
        return None


def _organization(
    graph: _Graph, review: dict[str, Any], page: PageFacts | None
) -> tuple[str | None, str | None]:
    """Who published a ClaimReview: its publisher; else its author when that is an
    organisation (named without a URL, or with its site's home page as URL); else the page's
    publisher; else its author whoever that is."""
    publisher = graph.resolve(review.get("publisher"))
    if isinstance(publisher, dict) and _text(publisher.get("name")):
        return _text(publisher.get("name")), _url(publisher.get("url"))
    author = graph.resolve(review.get("author"))
    author_name = _text(author.get("name")) if isinstance(author, dict) else _text(author)
    author_url = _url(author.get("url")) if isinstance(author, dict) else None
    is_organization = isinstance(author, dict) and (
        not _types(author) or bool(_types(author) & ORGANIZATION_TYPES)
    )
    if author_name and is_organization and (author_url is None or _is_site_root(author_url)):
        return author_name, author_url
    page_publisher = graph.publisher() or (page.publisher if page else None)
    if page_publisher:
        return page_publisher[0], page_publisher[1] or None
    if page and page.site_name:
        return page.site_name, None
    return author_name, author_url


def _appearances(item: dict[str, Any], graph: _Graph) -> list[tuple[str, str | None]]:
    found: list[tuple[str, str | None]] = []
    candidates: list[Any] = []
    for key in ("firstAppearance", "appearance"):
        value = item.get(key)
        candidates.extend(value if isinstance(value, list) else [value])
    if "Claim" not in _types(item):
        candidates.append(item)  # a CreativeWork reviewed: it is itself where the claim appeared
    for candidate in candidates:
        candidate = graph.resolve(candidate)
        if isinstance(candidate, str):
            url, title = _url(candidate), None
        elif isinstance(candidate, dict):
            url = _url(candidate.get("url"))
            title = _text(candidate.get("name")) or _text(candidate.get("headline"))
        else:
            continue
        if url and url not in (u for u, _ in found):
            found.append((url, title))
    return found


def _from_jsonld(
    graph: _Graph, node: dict[str, Any], page: PageFacts | None, *, line: int, name: str
) -> Review:
    claim = _text(node.get("claimReviewed"))
    item = graph.resolve(node.get("itemReviewed"))
    item = item if isinstance(item, dict) else {}
    if not claim:
        claim = _text(item.get("name")) or _text(item.get("text"))
    if not claim:
        raise ImportFailure(
            name,
            "a ClaimReview does not say which claim it reviews",
            "it needs 'claimReviewed' (the claim's text)",
            line=line,
        )
    organization, organization_url = _organization(graph, node, page)
    url = _url(node.get("url")) or (page.url if page else None)
    if not organization:
        organization = _host(url)
    if not organization_url and url:
        # The check's own site is its publisher's, as far as a reader needs a link.
        organization_url = f"{urlsplit(url).scheme}://{urlsplit(url).netloc}/"
    if not organization:
        raise ImportFailure(
            name,
            "a ClaimReview names no author or publisher",
            "it needs 'author' with the publishing organisation's name",
            line=line,
        )
    rating = graph.resolve(node.get("reviewRating"))
    rating = rating if isinstance(rating, dict) else {}
    claimant_node = graph.resolve(item.get("author"))
    claimant = (
        _text(claimant_node.get("name"))
        if isinstance(claimant_node, dict)
        else _text(claimant_node)
    )
    description = _text(node.get("description"))
    return Review(
        claim=claim,
        organization=organization,
        organization_url=organization_url,
        url=url,
        title=_text(node.get("name"))
        or _text(node.get("headline"))
        or (page.title if page else None),
        date=_date(node.get("datePublished")),
        label=_text(rating.get("alternateName")) or _text(rating.get("name")),
        value=rating.get("ratingValue"),
        worst=rating.get("worstRating"),
        best=rating.get("bestRating"),
        claimant=claimant,
        claim_date=_date(item.get("datePublished")) or _date(item.get("dateCreated")),
        appearances=_appearances(item, graph),
        description=description,
        language=_language(node.get("inLanguage"))
        or _language(item.get("inLanguage"))
        or (page.language if page else None),
        line=line,
    )


_MEDIA_OBJECTS = {"ImageObject": "image", "VideoObject": "video", "AudioObject": "audio"}


def _from_media_review(
    graph: _Graph, node: dict[str, Any], page: PageFacts | None, *, line: int, name: str
) -> Review:
    """A MediaReview, read as a check of a claim that is its media (see the module's
    docstring)."""
    item = graph.resolve(node.get("itemReviewed"))
    item = item if isinstance(item, dict) else {}
    claim_node = graph.resolve(item.get("interpretedAsClaim"))
    claim_node = claim_node if isinstance(claim_node, dict) else {}
    media: list[dict[str, str]] = []
    appearances = item.get("mediaItemAppearance")
    for entry in appearances if isinstance(appearances, list) else [appearances]:
        entry = graph.resolve(entry)
        if not isinstance(entry, dict):
            continue
        kind = next((_MEDIA_OBJECTS[t] for t in _types(entry) if t in _MEDIA_OBJECTS), None)
        url = _url(entry.get("contentUrl")) or _url(entry.get("url")) or _url(entry.get("embedUrl"))
        if kind is None or url is None:
            continue
        found = {"type": kind, "url": url}
        words = _text(entry.get("description")) or _text(entry.get("caption"))
        if kind == "image":
            found["alt"] = words or _text(entry.get("name")) or "The image that was checked"
        elif words:
            found["caption"] = words
        media.append(found)
    original_url = _url(node.get("originalMediaLink"))
    original_context = _text(node.get("originalMediaContextDescription"))
    if media:
        if original_url:
            media[0]["original_url"] = original_url
        if original_context:
            media[0]["original_context"] = original_context
    claim = (
        _text(claim_node.get("text"))
        or _text(claim_node.get("name"))
        or _text(claim_node.get("description"))
        or _text(node.get("claimReviewed"))
        or _text(node.get("name"))
        or _text(node.get("headline"))
    )
    category = _text(_first(node.get("mediaAuthenticityCategory")))
    category = re.split(r"[/:#]", category)[-1] if category else None
    review_node = dict(node)
    review_node["claimReviewed"] = claim
    if claim is None:
        raise ImportFailure(
            name,
            "a MediaReview does not say what the media was claimed to show",
            "it needs 'itemReviewed.interpretedAsClaim' (or a 'name') with the claim's text",
            line=line,
        )
    review = _from_jsonld(graph, review_node, page, line=line, name=name)
    review.claimant = review.claimant or _creator(graph, item)
    if not review.label:
        review.label = category
    review.media_category = category
    review.media = media
    return review


def _creator(graph: _Graph, item: dict[str, Any]) -> str | None:
    creator = graph.resolve(item.get("creator"))
    return _text(creator.get("name")) if isinstance(creator, dict) else _text(creator)


def _with_media(claims: list[Review], media: list[Review]) -> list[Review]:
    """The reviews of a document: a MediaReview of the same check as a ClaimReview (the same
    review page) gives that check its media; any other is a check of its own."""
    by_url = {review.url: review for review in claims if review.url}
    out = list(claims)
    for review in media:
        same = by_url.get(review.url) if review.url else None
        if same is not None and not same.media:
            same.media, same.media_category = review.media, review.media_category
        else:
            out.append(review)
    return out


def _from_fact_check_api(record: dict[str, Any], name: str) -> list[Review]:
    """One claim in the shape of Google's Fact Check Tools API (claims:search)."""
    claim = _text(record.get("text"))
    if not claim:
        raise ImportFailure(name, "a fact-check record has no claim 'text'")
    reviews = []
    for entry in record.get("claimReview") or []:
        if not isinstance(entry, dict):
            continue
        raw_publisher = entry.get("publisher")
        publisher: dict[str, Any] = raw_publisher if isinstance(raw_publisher, dict) else {}
        site = _text(publisher.get("site"))
        organization = _text(publisher.get("name")) or site or _host(_url(entry.get("url")))
        if not organization:
            raise ImportFailure(name, "a fact-check record's review names no publisher")
        site_url = f"https://{site}/" if site and "/" not in site and " " not in site else None
        reviews.append(
            Review(
                claim=claim,
                organization=organization,
                organization_url=site_url if site_url and url_problem(site_url) is None else None,
                url=_url(entry.get("url")),
                title=_text(entry.get("title")),
                date=_date(entry.get("reviewDate")),
                label=_text(entry.get("textualRating")),
                claimant=_text(record.get("claimant")),
                claim_date=_date(record.get("claimDate")),
                language=_language(entry.get("languageCode")),
            )
        )
    return reviews


# -- the inputs --------------------------------------------------------------------------------


@dataclass(slots=True)
class PageFacts:
    """What an HTML page says about itself, besides its JSON-LD."""

    url: str | None = None
    title: str | None = None
    site_name: str | None = None
    blocks: list[tuple[int, str]] = field(default_factory=list)
    """Each JSON-LD script's first line and text."""
    publisher: tuple[str, str] | None = None
    """Who publishes the page, as the JSON-LD blocks without a ClaimReview say."""
    language: str | None = None
    """The page's ``<html lang>``."""


class _PageReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.facts = PageFacts()
        self._script: tuple[int, list[str]] | None = None
        self._in_title = False
        self._title: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k.lower(): (v or "") for k, v in attrs}
        if tag == "html" and self.facts.language is None:
            self.facts.language = _language(attributes.get("lang"))
        elif (
            tag == "script" and attributes.get("type", "").strip().lower() == "application/ld+json"
        ):
            self._script = (self.getpos()[0], [])
        elif tag == "title":
            self._in_title = True
        elif tag == "meta":
            key = (attributes.get("property") or attributes.get("name") or "").lower()
            content = " ".join(attributes.get("content", "").split())
            if key == "og:title" and content:
                self.facts.title = content
            elif key == "og:site_name" and content:
                self.facts.site_name = content
            elif key == "og:url" and content and url_problem(content) is None:
                self.facts.url = self.facts.url or content

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            line, parts = self._script
            self.facts.blocks.append((line, "".join(parts)))
            self._script = None
        elif tag == "title":
            self._in_title = False
            if not self.facts.title:
                self.facts.title = " ".join("".join(self._title).split()) or None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script[1].append(data)
        elif self._in_title:
            self._title.append(data)


def reviews_in_page(html: str, *, url: str | None, name: str, plan: Plan) -> list[Review]:
    """Every ClaimReview in an HTML page's JSON-LD (none is not an error here)."""
    reader = _PageReader()
    reader.feed(html)
    reader.close()
    page = reader.facts
    if url:
        page.url = url
    graphs: list[tuple[int, _Graph]] = []
    for line, text in page.blocks:
        try:
            data = parse_json(text)
        except json.JSONDecodeError as exc:
            plan.diags.warning(
                name,
                Position(line + exc.lineno - 1, exc.colno),
                f"a JSON-LD block is not valid JSON and was skipped: {exc.msg}",
            )
            continue
        except JsonTooDeep as exc:
            plan.diags.warning(name, Position(line, 1), f"a JSON-LD block was skipped: {exc}")
            continue
        graphs.append((line, _Graph(data)))
    # Pages often describe themselves (and their publisher) in one block, the check in another.
    page.publisher = next((p for _, g in graphs if (p := g.publisher())), None)
    return _with_media(
        [
            _from_jsonld(graph, node, page, line=line, name=name)
            for line, graph in graphs
            for node in graph.claim_reviews()
        ],
        [
            _from_media_review(graph, node, page, line=line, name=name)
            for line, graph in graphs
            for node in graph.media_reviews()
        ],
    )


def page_types(html: str) -> list[str]:
    """The schema.org types a page's JSON-LD declares (to say what it has instead)."""
    reader = _PageReader()
    reader.feed(html)
    reader.close()
    found: dict[str, None] = {}
    for _line, text in reader.facts.blocks:
        try:
            data = parse_json(text)
        except (json.JSONDecodeError, JsonTooDeep):
            continue
        for node in _Graph(data).nodes:
            found.update(dict.fromkeys(sorted(_types(node))))
    return list(found)


def no_claim_review(name: str, html: str) -> ImportFailure:
    types = page_types(html)
    has = (
        f"its JSON-LD has {', '.join(types[:8])} but no ClaimReview"
        if types
        else "it has no JSON-LD at all"
    )
    return ImportFailure(
        name,
        f"no ClaimReview found in the page: {has}; nothing was imported",
        "only pages that publish their fact checks as ClaimReview can be "
        "imported as checks; use --type article to import the page's text "
        "as an article",
    )


def reviews_in_json(data: Any, *, name: str) -> list[Review]:
    """The reviews in a JSON document: JSON-LD (ClaimReview, DataFeed, DataFeedItem) or Fact
    Check Tools records. Raises :class:`ImportFailure` for JSON that is neither."""
    graph = _Graph(data)
    nodes = graph.claim_reviews()
    media = graph.media_reviews()
    if nodes or media:
        return _with_media(
            [_from_jsonld(graph, node, None, line=1, name=name) for node in nodes],
            [_from_media_review(graph, node, None, line=1, name=name) for node in media],
        )
    records: list[Any]
    if isinstance(data, dict) and isinstance(data.get("claims"), list):
        records = data["claims"]
    elif isinstance(data, list):
        records = data
    else:
        records = [data]
    api = [r for r in records if isinstance(r, dict) and isinstance(r.get("claimReview"), list)]
    if api:
        return [review for record in api for review in _from_fact_check_api(record, name)]
    raise ImportFailure(
        name,
        "this JSON holds no ClaimReview, MediaReview, DataFeed of them or "
        "Fact Check Tools claims; nothing was imported",
        'a check is JSON-LD with "@type": "ClaimReview", or a record with "text" and "claimReview"',
    )


# -- planning the files ------------------------------------------------------------------------


def _reviewer_id(plan: Plan, review: Review, origin: str) -> str:
    """The id of the publishing organisation's reviewer file, making the file the first time."""
    name = review.organization
    host = _host(review.organization_url) or _host(review.url)
    if mostly_latin(name) or not host:
        base = make_id(name, prefix="org", key=name)
    else:
        base = slugify(host)  # "台灣事實查核中心" -> "tfc-taiwan-org-tw": readable and stable
    roles = plan.existing.reviewer_roles
    if base in roles and roles[base] != "external":
        # One of our own people has this id: an imported check must never count as ours.
        plan.diags.warning(
            origin,
            None,
            f"the reviewer '{base}' is one of ours (role: "
            f"{roles[base]}); checks by {name} get a reviewer of their own",
        )
        base = with_hash(base, f"external:{name}")
    if base in roles:
        return base  # made by an earlier import, or by hand: made once, never rewritten
    ident = plan.allocate("reviewer", base, f"organization:{name}", origin)
    meta: dict[str, Any] = {"name": name, "role": "external"}
    if review.organization_url:
        meta["url"] = review.organization_url
    plan.add("reviewer", plan.target("reviewer", ident), render_document(meta), origin)
    return ident


def _evidence_id(plan: Plan, review: Review, origin: str) -> str | None:
    if not review.url:
        return None
    existing = plan.existing.evidence_by_url.get(review.url)
    if existing:
        return existing  # imported before, or added by hand: one evidence item per page
    title = review.title or f"Fact check by {review.organization}"
    base = make_id(title, prefix="check", key=review.url)
    ident = plan.allocate("evidence", base, f"url:{review.url}", origin)
    meta: dict[str, Any] = {"title": title, "url": review.url, "publisher": review.organization}
    if review.date:
        meta["published"] = review.date
    meta["kind"] = "other"
    plan.add("evidence", plan.target("evidence", ident), render_document(meta), origin)
    return ident


def _claim_id(plan: Plan, review: Review, origin: str) -> str:
    identity = " ".join(review.claim.split()).casefold()
    base = make_id(review.claim, prefix="claim", key=identity)
    ident = plan.allocate("claim", base, f"claim:{identity}", origin)
    meta: dict[str, Any] = {"summary": review.claim}
    if review.claimant:
        meta["claimant"] = review.claimant
    if review.claim_date:
        meta["date"] = review.claim_date
    if review.language and not same_language(review.language, plan.config.language):
        meta["language"] = review.language
    if review.appearances:
        meta["appearances"] = [
            {"url": u, **({"title": t} if t else {})} for u, t in review.appearances
        ]
    if review.media:
        meta["media"] = review.media
    plan.add("claim", plan.target("claim", ident), render_document(meta), origin)
    return ident


def _original_label(review: Review) -> str | None:
    if review.label:
        return review.label
    value = number(review.value)
    if value is None:
        return None
    shown = [f"{v:g}" for v in (value, number(review.worst) or 1.0, number(review.best) or 5.0)]
    return f"{shown[0]} on a scale of {shown[1]} to {shown[2]}"


def _our_claim(
    plan: Plan, review: Review, reviewer: str, origin: str, confirm: Confirm | None
) -> str | None:
    """The id of the project's claim that ``review`` checks, if it has one (see the module's
    docstring), else None: the review gets a claim of its own."""
    identity = " ".join(review.claim.split()).casefold()
    own = make_id(review.claim, prefix="claim", key=identity)
    if plan.target("claim", own) == plan.existing.paths.get("claim", {}).get(own):
        return None  # imported before as a claim of its own: the same claim again
    from ..suggest import DEFAULT_THRESHOLD

    found = plan.claim_index().matches(review.claim, threshold=DEFAULT_THRESHOLD)
    if not found:
        return None
    for match in found:
        if (match.claim, reviewer) in plan.existing.verdicts:
            return match.claim  # attached by an earlier import
    best = found[0]
    if best.similarity >= SURE_THRESHOLD:
        return best.claim
    summary = plan.existing.claim_texts.get(best.claim, ("", None))[0]
    question = (
        f"{origin}: {review.organization} checked \u201c{review.claim}\u201d; our "
        f"claim '{best.claim}' says \u201c{summary}\u201d (similarity "
        f"{best.similarity:.2f}). Attach their verdict to our claim?"
    )
    if confirm is not None:
        return best.claim if confirm(question) else None
    plan.diags.warning(
        origin,
        Position(review.line, 1),
        f"the check of \u201c{review.claim}\u201d by {review.organization} may be "
        f"of our claim '{best.claim}' (similarity {best.similarity:.2f}); with no "
        "terminal to ask, it was imported as a claim of its own",
        f"to attach it instead, move its verdict to content/verdicts/{best.claim}/ "
        f"with 'claim: {best.claim}' and delete the new claim; or delete both "
        "and import again from a terminal, to be asked",
    )
    return None


def plan_reviews(
    plan: Plan, reviews: list[Review], origin: str, *, confirm: Confirm | None = None
) -> None:
    """Add the claim, reviewer, evidence and verdict files of each review to ``plan``; a
    review of a claim we have already is attached to it (see the module's docstring)."""
    for review in reviews:
        try:
            mapped = map_rating(
                plan.config, review.label, value=review.value, worst=review.worst, best=review.best
            )
        except RatingProblem as exc:
            raise ImportFailure(
                origin,
                str(exc),
                "add an off-scale rating (one without a "
                "value, such as 'unproven') to factcheck.yaml, or map the "
                "label in import.ratings",
                line=review.line,
            ) from exc
        original = _original_label(review)
        if mapped.how == "off-scale":
            plan.note_off_scale(origin, original or "", mapped.rating, Position(review.line, 1))
        reviewer = _reviewer_id(plan, review, origin)
        ours = _our_claim(plan, review, reviewer, origin, confirm)
        claim = ours or _claim_id(plan, review, origin)
        evidence = _evidence_id(plan, review, origin)
        path = f"content/verdicts/{claim}/{reviewer}.md"
        elsewhere = plan.existing.verdicts.get((claim, reviewer))
        if elsewhere and elsewhere != path:
            continue  # this organisation's verdict on this claim is already in the project
        meta: dict[str, Any] = {"claim": claim, "reviewer": reviewer, "rating": mapped.rating}
        media_rating = _media_rating(plan, review, origin) if review.media and not ours else None
        if media_rating:
            meta["media_rating"] = media_rating  # (our own claim's media is ours to list)
        if original:
            meta["original_rating"] = original
        if review.url:
            meta["source_url"] = review.url
        meta["status"] = "approved"  # published by its organisation; "external" keeps it theirs
        if review.date:
            meta["date"] = review.date
        meta["headline"] = (
            review.title or f"Rated “{original or mapped.rating}” by {review.organization}."
        )
        if evidence:
            meta["evidence"] = [evidence]
        body = ""
        if review.description:
            paragraphs = (
                html_text(review.description) if "<" in review.description else [review.description]
            )
            body = paragraphs_to_markdown(paragraphs) if paragraphs else ""
        plan.add("verdict", path, render_document(meta, body), origin)


def _media_rating(plan: Plan, review: Review, origin: str) -> str | None:
    """Our media rating for a MediaReview's category: the first step of our media scale that
    maps onto it (a warning, and none, if no step does)."""
    scale = plan.config.media_ratings
    found = next((r.id for r in scale if r.category == review.media_category), None)
    if found is None and review.media_category:
        plan.diags.warning(
            origin,
            Position(review.line, 1),
            f"no step of our media scale is '{review.media_category}', so the imported "
            "verdict does not rate the media",
            "add a media rating with that category to media_ratings in factcheck.yaml",
        )
    return found
