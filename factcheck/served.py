"""What a site serves now: the data feed it last published (``claimreview.json``), read back and
parsed into each claim's published rating and dates.

The published site is the record: ``factcheck publish`` reads the feed its target serves before
replacing it, and ``factcheck check --against`` reads one from a path or a URL, so that
factcheck.readiness can tell a rating that changed since (see :func:`parse_feed`). Where the
feed comes from (a folder, a git branch, the copy kept for an rsync destination) is the caller's
business; this module reads files and URLs and parses what they hold. It writes nothing.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .diagnostics import Diagnostics, Position

FEED_NAME = "claimreview.json"
FETCH_TIMEOUT = float(os.environ.get("FACTCHECK_FETCH_TIMEOUT", "30"))
"""Seconds a published feed may take to arrive (connecting, then each read)."""
MAX_FEED_BYTES = 512 * 1024 * 1024
"""A feed larger than this is refused rather than read into memory (ten thousand checks make
about 15 MB)."""

_CLAIM_PAGE = re.compile(r"(?:^|/)claims/([a-z0-9]+(?:-[a-z0-9]+)*)\.html\Z")
"""A claim page's path (urls.claim): what ties a published ClaimReview to a claim."""
_CLAIM_PAGE_IN_TEXT = re.compile(r"/claims\\?/([a-z0-9]+(?:-[a-z0-9]+)*)\.html")
"""A claim page's address in the feed's text (a JSON encoder may write ``/`` as ``\\/``)."""


class FeedUnreadable(Exception):
    """The feed could not be read at all (a network error, a missing file)."""


@dataclass(frozen=True, slots=True)
class ServedReview:
    """One claim as the served feed has it."""

    claim: str
    rating: str
    """The published rating's label (``reviewRating.alternateName``)."""
    published: str | None
    """``datePublished`` as written."""
    modified: str | None
    """``dateModified`` as written (its latest correction, when published)."""
    line: int
    """Its line in the feed (factcheck writes one element per line)."""


@dataclass(slots=True)
class ServedFeed:
    where: str
    """The feed, as messages name it (a path, a URL, ``BRANCH:claimreview.json``)."""
    reviews: dict[str, ServedReview] = field(default_factory=dict)


def is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


def read_file(path: Path) -> bytes | None:
    """The feed at ``path``: a file, or a site's folder (its ``claimreview.json``). None when
    there is none (a folder nothing was published to yet)."""
    if path.is_dir():
        path = path / FEED_NAME
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_FEED_BYTES + 1)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise FeedUnreadable(f"cannot read {path}: {exc.strerror or exc}") from None
    if len(data) > MAX_FEED_BYTES:
        raise FeedUnreadable(f"{path} is larger than {MAX_FEED_BYTES // 2**20} MB")
    return data


def fetch(url: str, *, timeout: float = FETCH_TIMEOUT) -> bytes:
    """The feed at ``url`` (http or https), within ``timeout`` seconds for each step."""
    import urllib.error
    import urllib.request

    from . import __version__

    request = urllib.request.Request(
        url, headers={"User-Agent": f"factcheck/{__version__}", "Accept": "application/json"}
    )
    try:
        # (Callers pass http and https addresses only: see is_url.)
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data: bytes = response.read(MAX_FEED_BYTES + 1)
    except urllib.error.HTTPError as exc:
        raise FeedUnreadable(f"{url} answered {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise FeedUnreadable(f"cannot fetch {url}: {exc.reason}") from None
    except TimeoutError:
        raise FeedUnreadable(f"{url} did not answer within {timeout:g} s") from None
    except OSError as exc:
        raise FeedUnreadable(f"cannot fetch {url}: {exc}") from None
    if len(data) > MAX_FEED_BYTES:
        raise FeedUnreadable(f"{url} sent more than {MAX_FEED_BYTES // 2**20} MB")
    return data


def claim_of(url: str) -> str | None:
    """The claim id of a claim page's address (any site, any folder), or None."""
    found = _CLAIM_PAGE.search(urlsplit(url).path)
    return found.group(1) if found else None


def parse_feed(data: bytes, where: str, diags: Diagnostics) -> ServedFeed | None:
    """The claims of a published data feed: a schema.org DataFeed of ClaimReviews (as
    factcheck writes it), a list of ClaimReviews or a single one. Each ClaimReview is tied to a
    claim by its ``url`` (``.../claims/ID.html``); one without such a url is left out, with a
    warning. Problems are reported at ``where``; None when nothing could be read."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        diags.error(where, Position(1, 1), f"the published feed is not UTF-8 text: {exc.reason}")
        return None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        diags.error(
            where,
            Position(exc.lineno, exc.colno),
            f"the published feed is not JSON: {exc.msg}",
            f"it should be the {FEED_NAME} that factcheck published",
        )
        return None
    feed = ServedFeed(where)
    lines = _claim_lines(text)
    for review in _claim_reviews(document):
        url = review.get("url")
        claim = claim_of(url) if isinstance(url, str) else None
        line = lines.get(claim) if claim is not None else None
        if line is None:
            line = _line_of(text, url if isinstance(url, str) else None)
        rating = review.get("reviewRating")
        label = rating.get("alternateName") if isinstance(rating, dict) else None
        if claim is None or not isinstance(label, str):
            what = review.get("claimReviewed")
            diags.warning(
                where,
                Position(line, 1),
                "a ClaimReview "
                + (f"of '{what}' " if isinstance(what, str) else "")
                + ("without a claim page url" if claim is None else "without a rating label")
                + " is not compared",
                "a feed built without base_url has no urls; compare with the published one"
                if claim is None
                else None,
            )
            continue
        feed.reviews[claim] = ServedReview(
            claim=claim,
            rating=label,
            published=_text(review.get("datePublished")),
            modified=_text(review.get("dateModified")),
            line=line,
        )
    return feed


def _claim_reviews(document: Any) -> list[dict[str, Any]]:
    """Every ClaimReview in a DataFeed (its elements, or their ``item``), a list or alone."""
    found: list[dict[str, Any]] = []

    def visit(node: Any, depth: int) -> None:
        if depth > 4:
            return
        if isinstance(node, list):
            for child in node:
                visit(child, depth + 1)
        elif isinstance(node, dict):
            kind = node.get("@type")
            if kind == "ClaimReview" or (isinstance(kind, list) and "ClaimReview" in kind):
                found.append(node)
            elif "dataFeedElement" in node:
                visit(node["dataFeedElement"], depth + 1)
            elif "item" in node:
                visit(node["item"], depth + 1)

    visit(document, 0)
    return found


def _claim_lines(text: str) -> dict[str, int]:
    """The first line of the feed on which each claim page's address is written, in one pass
    (looking each one up in the whole text would take time in the square of the feed's size:
    a quarter of a second for 650 checks, minutes for 10,000)."""
    lines: dict[str, int] = {}
    for number, line in enumerate(text.split("\n"), start=1):
        for found in _CLAIM_PAGE_IN_TEXT.finditer(line):
            lines.setdefault(found.group(1), number)
    return lines


def _line_of(text: str, url: str | None) -> int:
    """The line of ``url`` in the feed (for a ClaimReview that no claim page names: rare)."""
    if url is None:
        return 1
    at = text.find(json.dumps(url, ensure_ascii=False)[1:-1])
    return text.count("\n", 0, at) + 1 if at >= 0 else 1


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None
