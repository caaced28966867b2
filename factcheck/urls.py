"""Where every page of the site lives, and links between them.

Pages are files with explicit names (``claims/some-id.html``), never folder URLs that rely on a
server's index.html lookup: that way the same ``site/`` works at a domain root, in a sub-folder
and opened from disk. Every link between pages is relative; :func:`absolute` is used only where
an absolute URL is required (feed, sitemap, JSON-LD, canonical), and only with ``base_url``.
"""

from __future__ import annotations

from .ids import slugify, truncate_slug

HOME = "index.html"
NOT_FOUND = "404.html"
SEARCH = "search.html"
ARTICLES = "articles/index.html"
CLAIMS = "claims/index.html"
EVIDENCE = "evidence/index.html"
REVIEWERS = "reviewers/index.html"
RATINGS = "ratings/index.html"
TAGS = "tags/index.html"
FEED = "feed.xml"
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
CLAIMREVIEW_FEED = "claimreview.json"
CLAIMS_CSV = "claims.csv"
CORRECTIONS = "corrections/index.html"
"""Every correction, update and withdrawal of every published check, newest first."""
CORRECTIONS_FEED = "corrections.xml"
DESK = "review/index.html"
"""The review desk: a page of the review preview only, never of a built site."""


def article(ident: str) -> str:
    return f"articles/{ident}.html"


def claim(ident: str) -> str:
    return f"claims/{ident}.html"


def evidence(ident: str) -> str:
    return f"evidence/{ident}.html"


def reviewer(ident: str) -> str:
    return f"reviewers/{ident}.html"


def rating(ident: str) -> str:
    return f"ratings/{ident}.html"


MAX_TAG_SLUG = 100
"""A tag page's name is its slug cut to this length (file systems refuse names over 255 bytes);
two tags whose slugs meet there are reported by crossref, never merged in silence."""


def tag_slug(name: str) -> str:
    return truncate_slug(slugify(name), MAX_TAG_SLUG) or "tag"


def tag(name: str) -> str:
    return f"tags/{tag_slug(name)}.html"


def page(ident: str) -> str:
    return f"pages/{ident}.html"


def card(ident: str) -> str:
    """A published claim's share card (og:image)."""
    return f"cards/{ident}.png"


def claimant(ident: str) -> str:
    return f"claimants/{ident}.html"


CLAIMANTS = "claimants/index.html"


def numbered(path: str, number: int) -> str:
    """Page ``number`` of the list whose first page is ``path``: ``claims/index.html``,
    ``claims/page/2.html``; ``tags/transit.html``, ``tags/transit/2.html`` (a folder of its own,
    so that no page number can meet an id)."""
    if number <= 1:
        return path
    base = path[: -len(".html")]
    if base.endswith("/index"):
        base = base[: -len("index")] + "page"
    return f"{base}/{number}.html"


def feed_of(path: str) -> str:
    """The Atom feed of the list at ``path``: ``tags/transit.xml`` beside ``tags/transit.html``."""
    return path[: -len(".html")] + ".xml"


def root_of(path: str) -> str:
    """The relative prefix from the page at ``path`` back to the site's root ("" or "../")."""
    return "../" * path.count("/")


def absolute(base_url: str | None, path: str) -> str | None:
    """The absolute URL of a site path, or None without a base_url. ``index.html`` is dropped
    so that canonical URLs are the ones people share."""
    if not base_url:
        return None
    if path == HOME:
        path = ""
    elif path.endswith("/index.html"):
        path = path[: -len("index.html")]
    return base_url + path
