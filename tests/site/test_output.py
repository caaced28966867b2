"""The built example site, read as files: links, leaks, JSON-LD, exports, HTML validity."""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

import pytest
from site_helpers import BASE_URL, DRAFT_MARKERS, Built
from support.validators import format_vnu_errors, vnu_errors

if TYPE_CHECKING:
    from pytest_regressions.data_regression import DataRegressionFixture
    from pytest_regressions.file_regression import FileRegressionFixture

ATOM = "{http://www.w3.org/2005/Atom}"
URL_ATTRIBUTES = {"href", "src", "action", "poster", "data"}


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.refs: list[tuple[str, str, str]] = []
        self.ids: set[str] = set()
        self.jsonld: list[str] = []
        self._in_jsonld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        if tag == "a" and values.get("name"):
            self.ids.add(values["name"] or "")
        for name, value in attrs:
            if name in URL_ATTRIBUTES and value is not None:
                self.refs.append((tag, name, value))
            if name == "srcset" and value:
                for part in value.split(","):
                    self.refs.append((tag, name, part.strip().split(" ")[0]))
        self._in_jsonld = tag == "script" and values.get("type") == "application/ld+json"

    def handle_endtag(self, tag: str) -> None:
        self._in_jsonld = False

    def handle_data(self, data: str) -> None:
        if self._in_jsonld:
            self.jsonld.append(data)


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def html_files(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "pagefind" not in p.relative_to(site).parts)


def jsonld(path: Path) -> list[dict[str, Any]]:
    return [json.loads(block) for block in parse(path).jsonld]


def claim_reviews(path: Path) -> list[dict[str, Any]]:
    return [item for item in jsonld(path) if item.get("@type") == "ClaimReview"]


def is_external(ref: str) -> bool:
    return bool(urlsplit(ref).scheme) or ref.startswith("//")


# --------------------------------------------------------------------------- links


@pytest.mark.parametrize("which", ["example_site", "example_site_without_base_url"])
def test_internal_links_are_relative_and_resolve(
    which: str, request: pytest.FixtureRequest
) -> None:
    built: Built = request.getfixturevalue(which)
    site = built.site
    pages = {p: parse(p) for p in html_files(site)}
    problems: list[str] = []
    for path, page in pages.items():
        rel = path.relative_to(site).as_posix()
        for tag, attr, ref in page.refs:
            if is_external(ref):
                continue
            if ref.startswith("/"):
                problems.append(f"{rel}: <{tag} {attr}={ref!r}> is root-relative")
                continue
            parts = urlsplit(ref)
            target = path if not parts.path else (path.parent / unquote(parts.path)).resolve()
            if not target.is_relative_to(site.resolve()):
                problems.append(f"{rel}: <{tag} {attr}={ref!r}> leaves the site")
                continue
            if target.is_dir():
                problems.append(f"{rel}: <{tag} {attr}={ref!r}> is a folder, not a file")
                continue
            if not target.is_file():
                problems.append(f"{rel}: <{tag} {attr}={ref!r}> is broken")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else parse(target).ids
                if unquote(parts.fragment) not in ids:
                    problems.append(f"{rel}: <{tag} {attr}={ref!r}>: no such anchor")
    assert not problems, "\n".join(problems)


def test_every_page_links_to_the_stylesheet_relatively(example_site: Built) -> None:
    for path in html_files(example_site.site):
        if path.name == "404.html" and path.parent == example_site.site:
            continue  # served at any address: links from base_url (see the next test)
        depth = len(path.relative_to(example_site.site).parts) - 1
        assert f'href="{"../" * depth}assets/style.css"' in path.read_text("utf-8"), path


def test_404_page_links_from_base_url_or_relatively(
    example_site: Built, example_site_without_base_url: Built
) -> None:
    with_base = (example_site.site / "404.html").read_text("utf-8")
    assert f'href="{BASE_URL}assets/style.css"' in with_base
    without = (example_site_without_base_url.site / "404.html").read_text("utf-8")
    assert 'href="assets/style.css"' in without


# --------------------------------------------------------------------------- leaks


def _texts(site: Path) -> list[tuple[str, str]]:
    """Every file of the site as text; Pagefind's gzipped index files decompressed."""
    out = []
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        out.append((path.relative_to(site).as_posix(), data.decode("utf-8", "replace")))
    return out


@pytest.mark.parametrize("which", ["example_site", "example_site_without_base_url"])
def test_no_draft_or_submitted_text_anywhere(which: str, request: pytest.FixtureRequest) -> None:
    built: Built = request.getfixturevalue(which)
    texts = _texts(built.site)
    assert any(rel.startswith("pagefind/") and "fragment" in rel for rel, _ in texts)
    # Sentences that appear only in unpublished verdicts.
    extra = (
        "working notes, not for publication",
        "131 battery-electric buses",
        "a doubling would have taken it to 6.40",  # the reasoning of a withdrawn check
    )
    leaks = [
        f"{rel}: {marker}"
        for rel, text in texts
        for marker in (*DRAFT_MARKERS, *extra)
        if marker in text
    ]
    assert not leaks, "\n".join(leaks)


def test_the_leak_check_would_see_published_text(example_site: Built) -> None:
    # The same scan finds text that is published, in pages and in the search index.
    texts = _texts(example_site.site)
    needle = "280 million dollars"
    assert any(needle in text for rel, text in texts if rel.startswith("claims/"))
    assert any(needle in text for rel, text in texts if rel.startswith("pagefind/fragment"))


# --------------------------------------------------------------------------- JSON-LD


def test_claimreview_exactly_on_published_claims(example_site: Built) -> None:
    site = example_site.site
    assert example_site.published, "the example has published claims"
    assert example_site.claims - example_site.published, "and unpublished ones"
    for ident in sorted(example_site.claims):
        reviews = claim_reviews(site / "claims" / f"{ident}.html")
        assert len(reviews) == (1 if ident in example_site.published else 0), ident
    for path in html_files(site):
        if path.parent.name != "claims" or path.name == "index.html":
            assert not claim_reviews(path), path


def test_claimreview_fields(example_site: Built) -> None:
    import yaml

    config = yaml.safe_load((example_site.project / "factcheck.yaml").read_text("utf-8"))
    labels = {r["id"]: r.get("label") for r in config["ratings"]}
    values = [r["value"] for r in config["ratings"] if "value" in r]
    for ident in sorted(example_site.published):
        (review,) = claim_reviews(example_site.site / "claims" / f"{ident}.html")
        assert review["@context"] == "https://schema.org"
        assert review["claimReviewed"].strip()
        rating = review["reviewRating"]
        assert rating["alternateName"] in labels.values(), ident
        if "ratingValue" in rating:
            assert rating["bestRating"] == max(values)
            assert rating["worstRating"] == min(values)
            assert min(values) <= rating["ratingValue"] <= max(values)
        item = review["itemReviewed"]
        assert item["@type"] == "Claim"
        assert item["author"]["name"].strip()
        assert review["author"]["@type"] == "Organization"
        assert review["author"]["name"] == config["organization"]["name"]
        assert review["url"] == f"{BASE_URL}claims/{ident}.html"
        assert re.match(r"\d{4}-\d\d-\d\d", review["datePublished"])


def test_claimreview_rating_matches_the_page(example_site: Built) -> None:
    (review,) = claim_reviews(example_site.site / "claims" / "transit-budget-doubled.html")
    assert review["reviewRating"]["alternateName"] == "Misleading"
    assert review["reviewRating"]["ratingValue"] == 2
    assert review["reviewRating"]["bestRating"] == 5
    assert review["reviewRating"]["worstRating"] == 1


def test_without_base_url_no_absolute_urls_and_no_jsonld_url(
    example_site_without_base_url: Built,
) -> None:
    site = example_site_without_base_url.site
    assert not (site / "sitemap.xml").exists()
    for path in html_files(site):
        text = path.read_text("utf-8")
        assert 'rel="canonical"' not in text, path
        assert 'property="og:url"' not in text, path
        assert 'property="og:image"' not in text, path
        for item in jsonld(path):
            assert "url" not in item, path
    for ident in example_site_without_base_url.published:
        (review,) = claim_reviews(site / "claims" / f"{ident}.html")
        assert review["itemReviewed"]["@type"] == "Claim"
    feed = ET.parse(site / "feed.xml").getroot()
    for link in feed.iter(f"{ATOM}link"):
        assert not is_external(link.get("href", "")), link.attrib
    for item in json.loads((site / "claimreview.json").read_text("utf-8"))["dataFeedElement"]:
        for review in item["item"]:
            assert "url" not in review


def test_with_base_url_canonical_links(example_site: Built) -> None:
    text = (example_site.site / "claims" / "transit-budget-doubled.html").read_text("utf-8")
    assert f'<link rel="canonical" href="{BASE_URL}claims/transit-budget-doubled.html">' in text


# --------------------------------------------------------------------------- exports


def test_feed_is_atom(example_site: Built) -> None:
    root = ET.parse(example_site.site / "feed.xml").getroot()
    assert root.tag == f"{ATOM}feed"
    assert root.findtext(f"{ATOM}title")
    assert root.findtext(f"{ATOM}id")
    assert root.findtext(f"{ATOM}updated")
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == len(example_site.published)
    for entry in entries:
        for child in ("title", "id", "updated"):
            assert entry.findtext(f"{ATOM}{child}")
        link = entry.find(f"{ATOM}link")
        assert link is not None
        href = link.get("href")
        assert href is not None and href.startswith(f"{BASE_URL}claims/")
        assert (
            href.removeprefix(BASE_URL).removeprefix("claims/").removesuffix(".html")
            in example_site.published
        )


def test_claimreview_feed_is_a_datafeed(example_site: Built) -> None:
    feed = json.loads((example_site.site / "claimreview.json").read_text("utf-8"))
    assert feed["@context"] == "https://schema.org"
    assert feed["@type"] == "DataFeed"
    reviews = [element["item"][0] for element in feed["dataFeedElement"]]
    assert all(e["@type"] == "DataFeedItem" for e in feed["dataFeedElement"])
    assert all(r["@type"] == "ClaimReview" for r in reviews)
    # A media claim's MediaReview follows its ClaimReview, in the same element.
    media = [r for element in feed["dataFeedElement"] for r in element["item"][1:]]
    assert [r["@type"] for r in media] == ["MediaReview"] * len(media) and media
    assert {r["url"] for r in media} <= {r["url"] for r in reviews}
    urls = {r["url"] for r in reviews}
    assert urls == {f"{BASE_URL}claims/{i}.html" for i in example_site.published}


def test_claims_csv_has_one_row_per_published_claim(example_site: Built) -> None:
    text = (example_site.site / "claims.csv").read_text("utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    ids = [row["id"] for row in rows]
    assert len(ids) == len(set(ids))
    assert set(ids) == example_site.published
    for row in rows:
        assert row["url"] == f"{BASE_URL}claims/{row['id']}.html"
        assert row["rating_label"]


def test_sitemap_lists_absolute_urls(example_site: Built) -> None:
    root = ET.parse(example_site.site / "sitemap.xml").getroot()
    locs = [e.text for e in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert locs and all(loc is not None and loc.startswith(BASE_URL) for loc in locs)
    assert f"{BASE_URL}claims/transit-budget-doubled.html" in locs


# --------------------------------------------------------------------------- validity


def test_nu_html_checker_finds_no_errors(
    example_site: Built, example_site_without_base_url: Built
) -> None:
    # Both builds in one run of the checker (one JVM start).
    errors = vnu_errors(
        [*html_files(example_site.site), *html_files(example_site_without_base_url.site)]
    )
    assert not errors, format_vnu_errors(errors)


# --------------------------------------------------------------------------- snapshots

SNAPSHOT_PAGES = [
    "index.html",
    "claims/index.html",
    "claims/transit-budget-doubled.html",
    "claims/transit-fares-frozen.html",
    "articles/harbour-city-transit-budget.html",
    "ratings/misleading.html",
    "search.html",
    "claims/ferry-fares-doubled.html",
    "corrections/index.html",
]


@pytest.mark.parametrize("rel", SNAPSHOT_PAGES)
def test_page_snapshot(
    rel: str, example_site: Built, file_regression: FileRegressionFixture
) -> None:
    file_regression.check(
        (example_site.site / rel).read_text("utf-8"),
        extension=".html",
        basename="page_" + re.sub(r"[^a-z0-9]+", "_", rel.removesuffix(".html")),
    )


def test_published_claims_snapshot(
    example_site: Built, data_regression: DataRegressionFixture
) -> None:
    reviews = {
        ident: claim_reviews(example_site.site / "claims" / f"{ident}.html")[0]
        for ident in sorted(example_site.published)
    }
    data_regression.check(
        {
            "published": sorted(example_site.published),
            "unpublished": sorted(example_site.claims - example_site.published),
            "claimreview": reviews,
        }
    )
