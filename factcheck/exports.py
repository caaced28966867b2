"""Data for machines: schema.org ClaimReview (JSON-LD and a DataFeed), the Atom feeds (the
latest checks, and the corrections log), the sitemap, robots.txt and a CSV of published claims.

Everything here is made from :class:`~factcheck.views.ClaimView`, which holds only published
material, so no export can carry a draft. Absolute URLs are made only under ``base_url``;
without it the JSON-LD omits ``url`` and the sitemap is not written.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from . import urls
from .fields import is_web_url
from .media_views import MediaView
from .model import Config
from .views import ClaimView, CorrectionView, SiteViews

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters XML 1.0 does not allow anywhere in a document, not even escaped (C0 controls,
lone surrogates, U+FFFE and U+FFFF). YAML's double-quoted escapes can make them."""


def xml_chars(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids: one would make the whole feed invalid,
    and feed readers drop an invalid feed whole."""
    return _NOT_XML.sub("", text)


# (xml.sax.saxutils does the same two things, but importing it imports urllib.request, http,
# ssl and email: a tenth of factcheck's start-up, for six replace calls.)


def escape(text: str) -> str:
    """XML character data (as ``xml.sax.saxutils.escape``)."""
    return xml_chars(text).replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def quoteattr(text: str) -> str:
    """An XML attribute value with its quotes (as ``xml.sax.saxutils.quoteattr``)."""
    data = escape(text).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' not in data:
        return f'"{data}"'
    if "'" not in data:
        return f"'{data}'"
    return '"' + data.replace('"', "&quot;") + '"'


def _iso(views: SiteViews, value: dt.date | dt.datetime | None) -> str | None:
    aware = views.aware(value)
    if aware is None:
        return None
    if isinstance(value, dt.datetime):
        return aware.isoformat()
    return aware.date().isoformat()


def date_modified(views: SiteViews, claim: ClaimView) -> str | None:
    """ClaimReview ``dateModified`` (:meth:`SiteViews.modified`), for the page and the data
    feed alike."""
    return _iso(views, views.modified(claim))


def claim_review(views: SiteViews, claim: ClaimView) -> dict[str, Any] | None:
    """The schema.org ClaimReview of a published claim (None for any other): made once per
    build, for its page and for the data feed alike."""
    if claim.id not in views.claim_reviews:
        views.claim_reviews[claim.id] = _claim_review(views, claim)
    return views.claim_reviews[claim.id]


def _claim_review(views: SiteViews, claim: ClaimView) -> dict[str, Any] | None:
    if not claim.published or claim.rating is None:
        return None
    config = views.config
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": claim.rating.label}
    if claim.rating.value is not None:
        rating["ratingValue"] = claim.rating.value
        rating["bestRating"] = config.best_value
        rating["worstRating"] = config.worst_value
    item: dict[str, Any] = {"@type": "Claim"}
    author = _claim_author(views, claim)
    if author:
        item["author"] = author
    claim_date = _iso(views, claim.claim_date)
    if claim_date:
        item["datePublished"] = claim_date
    appearances = [
        {
            "@type": "CreativeWork",
            "url": a["url"],
            **({"headline": a["title"]} if a.get("title") else {}),
        }
        for a in claim.appearances
        if a.get("url")
    ]
    if appearances:
        item["firstAppearance"] = appearances[0]
        item["appearance"] = appearances
    organization: dict[str, Any] = {"@type": "Organization", "name": config.organization.name}
    if config.organization.url:
        organization["url"] = config.organization.url
    logo = config.organization.logo
    logo = logo if logo is None or is_web_url(logo) else urls.absolute(config.base_url, logo)
    if logo:
        organization["logo"] = logo
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": claim.summary,
        "reviewRating": rating,
        "itemReviewed": item,
        "author": organization,
    }
    url = urls.absolute(config.base_url, claim.url)
    if url:
        review["url"] = url
    published = _iso(views, claim.date)
    if published:
        review["datePublished"] = published
    modified = date_modified(views, claim)
    if modified:
        review["dateModified"] = modified
    if claim.headline:
        review["headline"] = claim.headline
    if config.language:
        review["inLanguage"] = config.language
    return review


def _claim_author(views: SiteViews, claim: ClaimView) -> dict[str, Any] | None:
    """Who made the claim, as schema.org reads it: a Person or an Organization. A claimant's
    file says which (``kind``); a name as written is a person when it looks like one, and
    "Name, role" is the person Name with that job title."""
    if not claim.claimant:
        return None
    record = views.project.claims[claim.id]
    claimant = views.project.claimants.get(record.claimant_id or "")
    name, _, role = claim.claimant.partition(",")
    kind = claimant.kind if claimant is not None else None
    if kind is None:
        kind = "person" if _looks_personal(name.strip()) else "organization"
    author: dict[str, Any]
    if kind == "person":
        written = claimant.name if claimant is not None and claimant.doc else name.strip()
        author = {"@type": "Person", "name": written}
        if role.strip() and not (claimant is not None and claimant.doc):
            author["jobTitle"] = role.strip()
    else:
        author = {
            "@type": "Organization",
            "name": claimant.name if claimant is not None and claimant.doc else claim.claimant,
        }
    if claimant is not None and claimant.url:
        author["url"] = claimant.url
    return author


def media_review(views: SiteViews, claim: ClaimView) -> dict[str, Any] | None:
    """The schema.org MediaReview of a published media claim (None for any other), beside its
    ClaimReview: made once per build, for its page and for the data feed alike."""
    if claim.id not in views.media_reviews:
        views.media_reviews[claim.id] = _media_review(views, claim)
    return views.media_reviews[claim.id]


_MEDIA_OBJECTS = {"image": "ImageObject", "video": "VideoObject", "audio": "AudioObject"}


def _media_review(views: SiteViews, claim: ClaimView) -> dict[str, Any] | None:
    if not claim.published or claim.media_rating is None or not claim.media:
        return None
    review = claim_review(views, claim) or {}
    base = views.config.base_url
    appearances = [_media_object(views, base, m) for m in claim.media]
    item: dict[str, Any] = {"@type": "MediaReviewItem", "mediaItemAppearance": appearances}
    if "author" in review.get("itemReviewed", {}):
        item["creator"] = review["itemReviewed"]["author"]
    item["interpretedAsClaim"] = {"@type": "Claim", "name": claim.summary} | {
        k: v for k, v in review.get("itemReviewed", {}).items() if k not in ("@type", "author")
    }
    out: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "MediaReview",
        "mediaAuthenticityCategory": f"https://schema.org/{claim.media_rating.category}",
        "itemReviewed": item,
    }
    original = next((m for m in claim.media if m.original_url or m.original_context), None)
    if original is not None and original.original_url:
        out["originalMediaLink"] = original.original_url
    if original is not None and original.original_context:
        out["originalMediaContextDescription"] = original.original_context
    out["reviewRating"] = {"@type": "Rating", "alternateName": claim.media_rating.label}
    for key in ("author", "url", "datePublished", "headline", "inLanguage"):
        if key in review:
            out[key] = review[key]
    return out


def _media_object(views: SiteViews, base_url: str | None, media: MediaView) -> dict[str, Any]:
    """A media entry as an ImageObject, VideoObject or AudioObject: where it can be had (our
    copy under ``base_url``, or its own address), its hash, and the part checked."""
    node: dict[str, Any] = {"@type": _MEDIA_OBJECTS.get(media.type, "MediaObject")}
    if media.external:
        node["contentUrl" if media.playable else "url"] = media.src
    else:
        largest = media.renditions[-1].path if media.renditions else media.src
        address = urls.absolute(base_url, largest)
        if address:
            node["contentUrl"] = address
    if media.mime:
        node["encodingFormat"] = media.mime
    if media.sha256:
        node["sha256"] = media.sha256
    if media.renditions:  # the size of the copy that contentUrl names
        node["width"], node["height"] = media.renditions[-1].width, media.renditions[-1].height
    if media.caption:
        node["caption"] = media.caption
    if media.alt:
        node["description"] = media.alt
    if media.archived:
        node["archivedAt"] = media.archived
    if media.start is not None or media.end is not None:
        name = views.words.plain("media_clip_name", span=media.span)
        clip: dict[str, Any] = {"@type": "Clip", "name": name}
        if media.start is not None:
            clip["startOffset"] = media.start
        if media.end is not None:
            clip["endOffset"] = media.end
        node["hasPart"] = clip
    return node


def _looks_personal(name: str) -> bool:
    """A guess for schema.org's author type: two or three capitalised words read as a person."""
    words = name.split()
    organisational = {
        "agency",
        "council",
        "office",
        "ministry",
        "department",
        "party",
        "group",
        "federation",
        "authority",
        "campaign",
        "opponents",
        "supporters",
        "news",
        "service",
        "bank",
        "university",
        "company",
        "association",
        "union",
        "commission",
        "committee",
        "institute",
        "police",
        "government",
        "lobby",
    }
    return (
        1 < len(words) <= 3
        and all(w[:1].isupper() for w in words)
        and not organisational & {w.lower().strip(".,") for w in words}
    )


def _line(views: SiteViews, export: str, claim: ClaimView, make: Callable[[], str]) -> str:
    """A claim's line in an export, made again only when the claim's view is not the one it
    was made from (views are handed out again while equal, see page_cache.Interner; a
    configuration change makes new views, so every line is made again then)."""
    key = f"{export} {claim.id}"
    entry = views.export_lines.get(key)
    if entry is None or entry[0] is not claim:
        entry = (claim, make())
    views.export_lines.keep(key, entry)
    return entry[1]


def data_feed(views: SiteViews, claims: list[ClaimView]) -> str:
    """claimreview.json: a schema.org DataFeed of every ClaimReview, as aggregators ingest."""

    def element(claim: ClaimView) -> str:
        review = claim_review(views, claim)
        if review is None:
            return ""
        item: dict[str, Any] = {"@context": "https://schema.org", "@type": "DataFeedItem"}
        if review.get("url"):
            item["url"] = review["url"]
        if review.get("datePublished"):
            item["dateCreated"] = review["datePublished"]
        if review.get("dateModified"):
            item["dateModified"] = review["dateModified"]
        item["item"] = [{k: v for k, v in review.items() if k != "@context"}]
        media = media_review(views, claim)
        if media is not None:
            item["item"].append({k: v for k, v in media.items() if k != "@context"})
        return json.dumps(item, ensure_ascii=False)

    lines = [
        line
        for claim in claims
        if (line := _line(views, "claimreview.json", claim, partial(element, claim)))
    ]
    feed: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "DataFeed",
        "name": f"{views.config.title}: ClaimReview data feed",
    }
    url = urls.absolute(views.config.base_url, urls.CLAIMREVIEW_FEED)
    if url:
        feed["url"] = url
    # One element per line: as easy to read and diff as indented JSON, and written by json's C
    # encoder, which indented output does not use (a tenth of the time on thousands of claims).
    feed["dataFeedElement"] = []  # last, so that the elements end the text
    head = json.dumps(feed, ensure_ascii=False)
    body = "[\n" + ",\n".join(lines) + "\n]}" if lines else "[]}"
    return head[: -len("[]}")] + body + "\n"


def atom_feed(
    views: SiteViews,
    claims: Sequence[ClaimView],
    *,
    limit: int = 50,
    path: str = urls.FEED,
    title: str | None = None,
    link: str = urls.HOME,
) -> str:
    """An Atom feed of the latest published checks: the site's (``feed.xml``), or a list's
    (``path``, with the list's ``title`` after the site's and its page as ``link``). Without
    base_url its links are relative to the feed (allowed by RFC 4287 through xml:base
    resolution) and ids are tag-less URNs. Links in a feed of a sub-folder are relative to
    the feed's own place."""
    config = views.config
    base = config.base_url
    entries = claims[:limit]
    up = urls.root_of(path)
    updated = max((_iso(views, c.date) or "" for c in entries), default="") or "1970-01-01"
    updated = _atom_time(updated)
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang={quoteattr(config.language)}>',
        f"  <title>{escape(config.title + (f': {title}' if title else ''))}</title>",
    ]
    if config.description:
        lines.append(f"  <subtitle>{escape(config.description)}</subtitle>")
    feed_id = urls.absolute(base, link) or _urn(config, "site" if path == urls.FEED else path)
    lines.append(f"  <id>{escape(feed_id)}</id>")
    lines.append(
        f'  <link rel="alternate" type="text/html" '
        f"href={quoteattr(urls.absolute(base, link) or up + link)}/>"
    )
    lines.append(
        f'  <link rel="self" type="application/atom+xml" '
        f"href={quoteattr(urls.absolute(base, path) or up + path)}/>"
    )
    lines.append(f"  <updated>{updated}</updated>")
    lines.append(f"  <author><name>{escape(config.organization.name)}</name></author>")
    for claim in entries:
        entry_link = urls.absolute(base, claim.url) or up + claim.url
        label = claim.rating.label if claim.rating else ""
        summary = f"{label}: {claim.headline}" if claim.headline else label
        lines += [
            "  <entry>",
            f"    <title>{escape(claim.summary)}</title>",
            f"    <id>{escape(urls.absolute(base, claim.url) or _urn(config, claim.id))}</id>",
            f'    <link rel="alternate" type="text/html" href={quoteattr(entry_link)}/>',
            f"    <updated>{_atom_time(_iso(views, claim.date) or updated)}</updated>",
            f"    <summary>{escape(summary)}</summary>",
        ]
        if claim.rating:
            lines.append(
                f"    <category term={quoteattr(claim.rating.id)} "
                f"label={quoteattr(claim.rating.label)}/>"
            )
        lines.append("  </entry>")
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def corrections_feed(views: SiteViews, entries: list[CorrectionView], *, limit: int = 50) -> str:
    """An Atom feed of the corrections log: the latest entries (corrections, updates,
    clarifications, rating changes, withdrawals), each linked to its place on the check's page.
    Each note is HTML made for a page at the site's root, so its relative links resolve against
    the feed's own address (RFC 4287 section 4.1.3, xml:base)."""
    config = views.config
    base = config.base_url
    entries = entries[:limit]
    updated = max((_iso(views, e.date) or "" for e in entries), default="") or "1970-01-01"
    home = urls.absolute(base, urls.CORRECTIONS)
    xml_base = f" xml:base={quoteattr(base)}" if base else ""
    feed_title = views.words.plain("corrections_feed_title", site=config.title)
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang={quoteattr(config.language)}'
        f"{xml_base}>",
        f"  <title>{escape(feed_title)}</title>",
        f"  <id>{escape(home or _urn(config, 'corrections'))}</id>",
        f'  <link rel="alternate" type="text/html" href={quoteattr(home or urls.CORRECTIONS)}/>',
        f'  <link rel="self" type="application/atom+xml" '
        f"href={quoteattr(urls.absolute(base, urls.CORRECTIONS_FEED) or urls.CORRECTIONS_FEED)}/>",
        f"  <updated>{_atom_time(updated)}</updated>",
        f"  <author><name>{escape(config.organization.name)}</name></author>",
    ]
    for entry in entries:
        target = f"{entry.claim.url}#{entry.anchor}"
        link = urls.absolute(base, target) or target
        when = _atom_time(_iso(views, entry.date) or updated)
        ident = urls.absolute(base, target) or _urn(config, f"{entry.claim.id}:{entry.anchor}")
        title = views.words.plain(
            "corrections_feed_entry", kind=entry.kind_label, claim=entry.claim.summary
        )
        lines += [
            "  <entry>",
            f"    <title>{escape(title)}</title>",
            f"    <id>{escape(ident)}</id>",
            f'    <link rel="alternate" type="text/html" href={quoteattr(link)}/>',
            f"    <updated>{when}</updated>",
            f"    <category term={quoteattr(entry.kind)} label={quoteattr(entry.kind_label)}/>",
            f'    <content type="html">{escape(str(entry.html))}</content>',
            "  </entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def _atom_time(value: str) -> str:
    """RFC 3339 date-time: a date alone becomes midnight UTC."""
    if "T" in value:
        return value
    return f"{value}T00:00:00Z"


def _urn(config: Config, ident: str) -> str:
    from .ids import slugify

    return f"urn:factcheck:{slugify(config.title) or 'site'}:{ident}"


def sitemap(
    views: SiteViews, base_url: str, pages: Sequence[tuple[str, dt.date | dt.datetime | None]]
) -> str:
    """sitemap.xml: every page, with ``lastmod`` where what it shows says when it last
    changed (a check's publication or update, the latest check of a list)."""
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for path, lastmod in sorted(pages, key=lambda p: p[0]):
        loc = f"<loc>{escape(urls.absolute(base_url, path) or path)}</loc>"
        when = _iso(views, lastmod)
        lines.append(f"  <url>{loc}" + (f"<lastmod>{when}</lastmod>" if when else "") + "</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots(base_url: str | None) -> str:
    text = "User-agent: *\nAllow: /\n"
    if base_url:
        text += f"Sitemap: {urls.absolute(base_url, urls.SITEMAP)}\n"
    return text


CSV_COLUMNS = (
    "id",
    "summary",
    "claimant",
    "rating",
    "rating_label",
    "rating_value",
    "published",
    "headline",
    "article",
    "url",
)


def claims_csv(views: SiteViews, claims: list[ClaimView]) -> str:
    """claims.csv: one row per published claim (RFC 4180)."""

    def row(claim: ClaimView) -> str:
        rating = claim.rating
        return _csv_row(
            [
                claim.id,
                claim.summary,
                claim.claimant or "",
                rating.id if rating else "",
                rating.label if rating else "",
                "" if rating is None or rating.value is None else rating.value,
                _iso(views, claim.date) or "",
                claim.headline or "",
                claim.article.id if claim.article else "",
                urls.absolute(views.config.base_url, claim.url) or claim.url,
            ]
        )

    return _csv_row(CSV_COLUMNS) + "".join(
        _line(views, "claims.csv", claim, partial(row, claim))
        for claim in sorted(claims, key=lambda c: c.id)
    )


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a cell as a formula (OWASP, "CSV Injection")."""


def spreadsheet_safe(value: object) -> object:
    """A text cell that a spreadsheet would run as a formula, with a ``'`` before it (shown as
    text, the quote hidden); numbers and other text as they are."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _csv_row(values: Sequence[object]) -> str:
    # Every text cell is quoted (numbers are not), so that a spreadsheet that splits cells on
    # ';' or tabs cannot find a new cell, and a formula, inside one.
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_NONNUMERIC).writerow(
        [spreadsheet_safe(value) for value in values]
    )
    return out.getvalue()
