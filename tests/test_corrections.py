"""After publication: corrections and withdrawals on the site. A check's "Updates and corrections"
box, newest first; "Updated" on its date line; the site's corrections page and feed; ClaimReview
and data-feed ``dateModified``; a withdrawn check whose page stays and says so while it leaves
every list, feed, export and the search index; and no correction of unpublished work anywhere.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from helpers import CONFIG, EDITOR, REVIEWER, run_cli, site_texts, write_project

from factcheck.build import CACHE_DIR, build_site
from factcheck.model import State
from factcheck.project import open_project

ATOM = "{http://www.w3.org/2005/Atom}"

UNPUBLISHED_WORDS = ("Zanzibarine", "Quokkalith", "Marmaladon", "Ferrocyanic")
"""Words only in corrections of unpublished work (and a withdrawn check's reasoning)."""

FILES = {
    "content/reviewers/sam.md": REVIEWER,
    "content/reviewers/helen.md": EDITOR,
    "content/evidence/budget-2026.md": "---\ntitle: Adopted budget 2026\n---\n",
    # Published, with two corrections on its verdict (and a draft's, which must not show).
    "content/claims/budget-doubled.md": "---\nsummary: The budget doubled.\ntags: [budget]\n---\n",
    "content/verdicts/budget-doubled/sam.md": """---
claim: budget-doubled
reviewer: sam
rating: "false"
status: approved
date: 2026-03-12
headline: Up 31 percent, not 100.
corrections:
  - date: 2026-03-14
    kind: correction
    note: We first compared with the 2020 budget [@budget-2026].
  - date: 2026-03-20
    kind: rating-change
    note: We first rated this claim *misleading*; it is false. <script>alert(1)</script>
---
The reasoning [@budget-2026].
""",
    "content/verdicts/budget-doubled/helen.md": """---
claim: budget-doubled
reviewer: helen
rating: "false"
status: draft
headline: A draft.
corrections:
  - date: 2026-12-01
    kind: update
    note: Zanzibarine words of a draft's correction.
---
Draft reasoning.
""",
    # Published, with a correction of its own (a stand-alone claim).
    "content/claims/fares-frozen.md": """---
summary: Fares are frozen until 2028.
corrections:
  - date: 2026-04-02
    kind: clarification
    note: The freeze covers single fares, not passes; see [[budget-doubled]].
---
""",
    "content/verdicts/fares-frozen/sam.md": """---
claim: fares-frozen
reviewer: sam
rating: accurate
status: approved
date: 2026-04-01
headline: The plan freezes fares.
---
The plan.
""",
    # Not published: its verdict's and its own corrections are unpublished work.
    "content/claims/ridership-third.md": """---
summary: Ridership fell by a third.
corrections:
  - date: 2026-05-01
    kind: update
    note: Quokkalith words of an unpublished claim's own correction.
---
""",
    "content/verdicts/ridership-third/sam.md": """---
claim: ridership-third
reviewer: sam
rating: misleading
status: submitted
headline: Down 25 percent.
corrections:
  - date: 2026-05-02
    kind: correction
    note: Marmaladon words of a submitted verdict's correction.
---
Submitted reasoning.
""",
    # Published once, then withdrawn.
    "content/claims/ferry-fares.md": """---
summary: Ferry fares doubled.
tags: [budget]
withdrawn:
  date: 2026-05-15
  note: The account we quoted was not the claimant's; see [[fares-frozen]].
---
Context of the post.
""",
    "content/verdicts/ferry-fares/sam.md": """---
claim: ferry-fares
reviewer: sam
rating: "false"
status: approved
date: 2026-05-07
headline: Ferrocyanic headline of a withdrawn check.
---
Ferrocyanic reasoning of a withdrawn check.
""",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_project(
        tmp_path_factory.mktemp("corrections") / "project",
        FILES,
        config=CONFIG + "base_url: https://check.example.org/\n",
    )
    result = build_site(root, output=root / "site")
    assert result.ok, result.diagnostics.format_text()
    return root / "site"


def page(site: Path, rel: str) -> str:
    return (site / rel).read_text("utf-8")


def child(element: ET.Element, tag: str) -> ET.Element:
    found = element.find(tag)
    assert found is not None, tag
    return found


def text(element: ET.Element, tag: str) -> str:
    value = child(element, tag).text
    assert value is not None, tag
    return value


def claim_reviews(html: str) -> list[dict[str, Any]]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [r for r in map(json.loads, blocks) if r.get("@type") == "ClaimReview"]


# -- the check's own page -------------------------------------------------------------------------


def test_the_box_lists_every_entry_newest_first_with_its_date_and_kind(built: Path) -> None:
    html = page(built, "claims/budget-doubled.html")
    box = html[html.index('<section class="corrections"') :]
    box = box[: box.index("</section>")]
    assert '<h2 id="updates-heading">Updates and corrections</h2>' in box
    entries = re.findall(r'<li id="([^"]+)" class="correction kind-([a-z-]+)">', box)
    assert entries == [
        ("correction-2026-03-20", "rating-change"),
        ("correction-2026-03-14", "correction"),
    ]
    assert (
        '<strong class="correction-kind">Rating changed</strong>, <time datetime="2026-03-20">'
        in box
    )
    assert "March 20, 2026" in box and "March 14, 2026" in box
    assert "(on the verdict by <bdi>Sam Okafor</bdi>)" in box
    # The note is Markdown, its citations link to the source, and raw HTML stays text.
    assert "<em>misleading</em>" in box
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in box and "<script>alert" not in html
    assert 'href="../evidence/budget-2026.html"' in box


def test_the_date_line_says_updated(built: Path) -> None:
    html = page(built, "claims/budget-doubled.html")
    assert (
        'Published <time datetime="2026-03-12">March 12, 2026</time> · <a href="#updates">'
        'Updated <time datetime="2026-03-20">March 20, 2026</time></a>'
    ) in html


def test_a_stand_alone_claims_own_correction_is_shown(built: Path) -> None:
    html = page(built, "claims/fares-frozen.html")
    assert '<li id="correction-2026-04-02" class="correction kind-clarification">' in html
    assert "(on the verdict by" not in html
    assert '<a class="claim-link" href="../claims/budget-doubled.html">' in html


def test_claimreview_and_the_data_feed_carry_date_modified(built: Path) -> None:
    (review,) = claim_reviews(page(built, "claims/budget-doubled.html"))
    assert review["datePublished"] == "2026-03-12"
    assert review["dateModified"] == "2026-03-20"  # the latest published entry, not the draft's
    feed = json.loads(page(built, "claimreview.json"))
    items = {
        element["item"][0]["url"].rsplit("/", 1)[1]: element for element in feed["dataFeedElement"]
    }
    assert items["budget-doubled.html"]["dateModified"] == "2026-03-20"
    assert items["budget-doubled.html"]["item"][0]["dateModified"] == "2026-03-20"
    assert items["fares-frozen.html"]["dateModified"] == "2026-04-02"


def test_the_sitemap_gives_each_checks_last_change(built: Path) -> None:
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    urlset = ET.parse(built / "sitemap.xml").getroot()
    lastmod = {
        text(u, f"{ns}loc").removeprefix("https://check.example.org/"): (
            text(u, f"{ns}lastmod") if u.find(f"{ns}lastmod") is not None else None
        )
        for u in urlset
    }
    assert lastmod["claims/budget-doubled.html"] == "2026-03-20"  # its latest entry
    assert lastmod["claims/fares-frozen.html"] == "2026-04-02"
    assert lastmod["claims/ferry-fares.html"] == "2026-05-15"  # withdrawn then
    assert lastmod["corrections/"] == "2026-05-15"  # its newest entry
    assert lastmod["claims/ridership-third.html"] is None  # not published: no date to give
    # The home page: its latest published check (not the withdrawn one, checked in May).
    assert lastmod[""] == "2026-04-01"


# -- the site's corrections page and feed ---------------------------------------------------------


def test_the_corrections_page_lists_every_entry_newest_first(built: Path) -> None:
    html = page(built, "corrections/index.html")
    links = re.findall(r'<h2 class="correction-claim"><a href="([^"]+)">', html)
    assert links == [
        "../claims/ferry-fares.html#withdrawn",
        "../claims/fares-frozen.html#correction-2026-04-02",
        "../claims/budget-doubled.html#correction-2026-03-20",
        "../claims/budget-doubled.html#correction-2026-03-14",
    ]
    kinds = re.findall(r'<strong class="correction-kind">([^<]+)</strong>', html)
    assert kinds == ["Withdrawn", "Clarification", "Rating changed", "Correction"]
    assert 'href="../corrections.xml"' in html
    # Each link leads to an element with that id on the check's page.
    for link in links:
        target, anchor = link.removeprefix("../").split("#")
        assert f'id="{anchor}"' in page(built, target), link
    # Every page's footer leads to it.
    assert 'href="corrections/index.html">Corrections log</a>' in page(built, "index.html")


def test_the_corrections_feed(built: Path) -> None:
    feed = ET.parse(built / "corrections.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    assert text(feed, f"{ATOM}updated") == "2026-05-15T00:00:00Z"
    entries = feed.findall(f"{ATOM}entry")
    assert [child(e, f"{ATOM}link").get("href") for e in entries] == [
        "https://check.example.org/claims/ferry-fares.html#withdrawn",
        "https://check.example.org/claims/fares-frozen.html#correction-2026-04-02",
        "https://check.example.org/claims/budget-doubled.html#correction-2026-03-20",
        "https://check.example.org/claims/budget-doubled.html#correction-2026-03-14",
    ]
    first = entries[2]
    assert text(first, f"{ATOM}title") == "Rating changed: The budget doubled."
    assert child(first, f"{ATOM}category").get("term") == "rating-change"
    assert child(first, f"{ATOM}content").get("type") == "html"
    assert "<em>misleading</em>" in text(first, f"{ATOM}content")
    ids = [text(e, f"{ATOM}id") for e in entries]
    assert len(set(ids)) == len(ids)


# -- a withdrawn check ----------------------------------------------------------------------------


def test_a_withdrawn_checks_page_stays_and_says_when_and_why(built: Path) -> None:
    html = page(built, "claims/ferry-fares.html")
    assert '<p class="kicker" data-pagefind-ignore>Withdrawn fact check</p>' in html
    assert '<h1 data-pagefind-meta="title">Ferry fares doubled.</h1>' in html
    assert (
        '<strong>We withdrew this fact check on <time datetime="2026-05-15">May 15, 2026</time>.'
        "</strong> Its rating and reasoning are no longer published."
    ) in html
    assert "The account we quoted was not the claimant&#39;s" in html or (
        "The account we quoted was not the claimant's" in html
    )
    assert "Context of the post." in html
    assert "data-pagefind-body" not in html
    assert not claim_reviews(html)
    assert "We are reviewing this claim" not in html
    assert '<meta name="description" content="We have withdrawn this fact check.">' in html


def test_a_withdrawn_check_leaves_every_list_feed_and_export(built: Path) -> None:
    for rel in (
        "index.html",
        "claims/index.html",
        "ratings/false.html",
        "tags/budget.html",
        "feed.xml",
        "claimreview.json",
        "claims.csv",
        "reviewers/sam.html",
    ):
        assert "ferry-fares" not in page(built, rel), rel
    # Only its own page, the corrections log (page and feed) and the sitemap (its page is
    # still there, and search engines should see that it changed) name it.
    naming = sorted(rel for rel, text in site_texts(built) if "ferry-fares" in text)
    assert naming == [
        "claims/ferry-fares.html",
        "corrections.xml",
        "corrections/index.html",
        "sitemap.xml",
    ]


def test_no_correction_of_unpublished_work_reaches_the_site(built: Path) -> None:
    texts = site_texts(built)
    assert any(rel.startswith("pagefind/fragment") for rel, _ in texts)
    leaks = [f"{rel}: {word}" for rel, text in texts for word in UNPUBLISHED_WORDS if word in text]
    assert not leaks, "\n".join(leaks)
    # The same scan sees published corrections, in pages and in the search index.
    assert any("compared with the 2020 budget" in t for r, t in texts if r.startswith("pagefind/"))
    # An unpublished claim's page has no corrections box and no "Updated".
    html = page(built, "claims/ridership-third.html")
    assert 'class="corrections"' not in html and "Updated" not in html


# -- the model, the review preview, status --------------------------------------------------------


def test_a_withdrawn_claim_is_in_the_withdrawn_state(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", FILES)
    project, diags = open_project(root)
    assert project is not None and not diags.has_errors(), diags.format_text()
    assert project.claims["ferry-fares"].state is State.WITHDRAWN
    assert project.claims["ferry-fares"].rating is None
    status = run_cli("status", "--project", str(root))
    assert "Withdrawn (1)" in status.stdout
    assert "withdrawn on 2026-05-15" in status.stdout
    listing = run_cli("status", "--project", str(root), "--format", "json").json()
    rows = {row["claim"]: row for row in listing}
    assert rows["ferry-fares"]["state"] == "withdrawn"


def test_the_review_preview_shows_withdrawals_and_every_correction(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", FILES)
    output = root / CACHE_DIR / "serve" / "preview"
    result = build_site(root, output=output, preview=True, search=False)
    assert result.ok, result.diagnostics.format_text()
    html = (output / "claims/budget-doubled.html").read_text("utf-8")
    # The draft's correction too, marked with the draft's status.
    assert "Zanzibarine" in html
    draft = html[html.index('id="correction-2026-12-01"') :]
    assert '<span class="status-label">Draft</span>' in draft[: draft.index("</li>")]
    withdrawn = (output / "claims/ferry-fares.html").read_text("utf-8")
    assert "We withdrew this fact check" in withdrawn
    assert 'data-review-state="withdrawn"' in withdrawn
    assert "Ferrocyanic reasoning" in withdrawn  # its verdicts, marked, as every verdict is
    log = (output / "corrections/index.html").read_text("utf-8")
    assert "Marmaladon" in log and "Quokkalith" in log


def test_a_withdrawn_claim_in_an_article_is_no_longer_marked(tmp_path: Path) -> None:
    article = """---
title: The speech
claims:
  - id: homes-built
    quote: "1,200 homes"
    summary: The city built 1,200 homes.
    withdrawn:
      date: 2026-06-01
      note: We checked a misquotation.
  - id: parks-opened
    quote: "three parks"
    summary: Three parks opened.
---
We built 1,200 homes and opened three parks.
"""
    root = write_project(
        tmp_path / "p",
        {
            "content/reviewers/sam.md": REVIEWER,
            "content/articles/speech.md": article,
            "content/verdicts/homes-built/sam.md": (
                "---\nclaim: homes-built\nreviewer: sam\nrating: accurate\nstatus: approved\n"
                "headline: Yes.\n---\nReasoning.\n"
            ),
        },
    )
    result = build_site(root, output=root / "site", search=False)
    assert result.ok, result.diagnostics.format_text()
    html = (root / "site/articles/speech.html").read_text("utf-8")
    assert 'data-claim="parks-opened"' in html
    assert 'data-claim="homes-built"' not in html
    assert (root / "site/claims/homes-built.html").is_file()
    listing = (root / "site/articles/index.html").read_text("utf-8")
    assert "The city built 1,200 homes." not in listing
