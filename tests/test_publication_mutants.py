"""Nothing unpublished reaches a reader: the tests that kill the mutants of the publication rules
(docs/security.md, "Mutation testing of the publication rules").

One small project holds a claim in every standing: published by agreement, published by an
editor's ruling, one approval short, disputed by approvals, disputed by two rulings, drafts
only, and unreviewed; a published claim also has a draft, a submitted ruling and an outside
draft. Every word of every verdict a reader must not see carries ``SECRET``; every word a reader
may see carries ``PUBLIC``. Each test asks one question of the build, the views or the pages.

The project is written once but read afresh for each test (in a few hundredths of a second),
and the site is built inside the one test that reads it: mutmut credits a test with the code
that its fixtures run only when the fixtures are its own (a module's fixture runs inside the
first test that asks for it), and runs only the tests it credited against each mutant.
"""

from __future__ import annotations

import csv
import io
import json
import os
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from helpers import EDITOR, REVIEWER, site_texts, write_project
from pytest_regressions.data_regression import DataRegressionFixture

from factcheck import urls
from factcheck.build import CACHE_DIR, BuildCache, build_site
from factcheck.diagnostics import Diagnostics
from factcheck.model import Project, State
from factcheck.pages import PageSpec, page_specs, site_context
from factcheck.project import open_project
from factcheck.readiness import SAMPLE_MARKER, base_url_problem, publish_problems, sample_files
from factcheck.views import PUBLIC_PENDING_STATE, SiteViews

BASE_URL = "https://check.example.org/"
CONFIG = f"""\
title: Mutant Check
organization:
  name: Mutant Check
base_url: {BASE_URL}
ratings:
  - id: accurate
    label: Accurate
    value: 3
  - id: misleading
    label: Misleading
    value: 2
  - id: "false"
    label: "False"
    value: 1
review:
  min_reviewers: 2
extra:
  motto: Checked.
"""

ARTICLE = """\
---
title: A speech
published: 2026-04-01
claims:
  - id: budget-doubled
    quote: "the budget has doubled"
    claimant: The Mayor
    summary: The budget has doubled.
    tags: [public-topic]
  - id: crime-halved
    quote: "crime has halved"
    claimant: The Mayor
    summary: Crime has halved.
    tags: [pending-topic-disputed]
---
The Mayor said that crime has halved. She added that the budget has doubled [@ev-public],
as the tunnel's costs show ([[tunnel-overrun]]).
"""

STANDALONE = {
    "tunnel-overrun": ("The tunnel is over budget.", "public-topic"),
    "fares-frozen": ("Fares are frozen.", "pending-topic-one-short"),
    "homes-built": ("A thousand homes were built.", "pending-topic-rulings"),
    "buses-electric": ("The buses are electric.", "pending-topic-drafts"),
    "schools-full": ("The schools are full.", "pending-topic-unreviewed"),
}
"""Claims of their own file: id -> (summary, tag)."""

PUBLISHED = {"budget-doubled": "misleading", "tunnel-overrun": "false"}
"""The published claims and their ratings."""
UNPUBLISHED = {
    "crime-halved": State.DISPUTED,
    "fares-frozen": State.IN_REVIEW,
    "homes-built": State.DISPUTED,
    "buses-electric": State.IN_REVIEW,
    "schools-full": State.UNREVIEWED,
}

REVIEWERS = {
    "sam": "reviewer",
    "priya": "reviewer",
    "tomas": "reviewer",
    "helen": "editor",
    "lena": "editor",
    "outside": "external",
}


@dataclass(frozen=True)
class V:
    """A verdict of the project."""

    claim: str
    reviewer: str
    rating: str
    status: str
    marker: str
    """The words of its headline and reasoning: PUBLIC-... or SECRET-..."""
    date: str
    final: bool = False
    evidence: tuple[str, ...] = ("ev-public",)
    """What it cites: the first in its reasoning, all in its front matter."""
    links: tuple[str, ...] = ()
    """The claims its reasoning links to."""


VERDICTS = [
    # Published by two approvals that agree; a draft, a submitted ruling and an outside draft
    # wait (each with a later date than the published ones).
    V("budget-doubled", "sam", "misleading", "approved", "PUBLIC-AGREED-SAM", "2026-04-10"),
    V("budget-doubled", "priya", "misleading", "approved", "PUBLIC-AGREED-PRIYA", "2026-04-12"),
    V(
        "budget-doubled",
        "tomas",
        "false",
        "draft",
        "SECRET-DRAFT-ON-PUBLISHED",
        "2026-04-20",
        evidence=("ev-secret", "ev-public"),
        links=("schools-full",),
    ),
    V(
        "budget-doubled",
        "lena",
        "accurate",
        "submitted",
        "SECRET-RULING-ON-PUBLISHED",
        "2026-04-21",
        final=True,
        evidence=("ev-secret",),
    ),
    V("budget-doubled", "outside", "false", "approved", "OUTSIDE-APPROVED", "2026-04-05"),
    # Published by an editor's ruling over a reviewer's different approval.
    V("tunnel-overrun", "sam", "accurate", "approved", "PUBLIC-OVERRULED-SAM", "2026-04-11"),
    V(
        "tunnel-overrun",
        "helen",
        "false",
        "approved",
        "PUBLIC-RULING-HELEN",
        "2026-04-09",
        final=True,
    ),
    V("tunnel-overrun", "outside", "accurate", "draft", "SECRET-OUTSIDE-DRAFT", "2026-04-06"),
    # Disputed: two approvals that disagree.
    V(
        "crime-halved",
        "sam",
        "accurate",
        "approved",
        "SECRET-DISPUTED-SAM",
        "2026-04-13",
        evidence=("ev-secret",),
    ),
    V(
        "crime-halved",
        "priya",
        "false",
        "approved",
        "SECRET-DISPUTED-PRIYA",
        "2026-04-14",
        evidence=("ev-secret",),
    ),
    # One approval short.
    V(
        "fares-frozen",
        "priya",
        "accurate",
        "approved",
        "SECRET-ONE-SHORT",
        "2026-04-15",
        evidence=("ev-secret",),
    ),
    V("fares-frozen", "outside", "misleading", "approved", "OUTSIDE-ON-UNPUBLISHED", "2026-04-07"),
    # Disputed: two editors' rulings that disagree.
    V(
        "homes-built",
        "helen",
        "false",
        "approved",
        "SECRET-RULING-A",
        "2026-04-16",
        final=True,
        evidence=("ev-secret",),
    ),
    V(
        "homes-built",
        "lena",
        "accurate",
        "approved",
        "SECRET-RULING-B",
        "2026-04-17",
        final=True,
        evidence=("ev-secret",),
    ),
    # Drafts only: a reviewer's draft and an editor's submitted ruling.
    V(
        "buses-electric",
        "tomas",
        "false",
        "draft",
        "SECRET-DRAFT",
        "2026-04-18",
        evidence=("ev-secret",),
    ),
    V(
        "buses-electric",
        "helen",
        "false",
        "submitted",
        "SECRET-SUBMITTED-RULING",
        "2026-04-19",
        final=True,
        evidence=("ev-secret",),
    ),
]


def _verdict_file(v: V) -> str:
    outside = (
        f"original_rating: {v.marker} rating\nsource_url: https://other.example.net/x\n"
        if REVIEWERS[v.reviewer] == "external"
        else ""
    )
    return (
        f'---\nclaim: {v.claim}\nreviewer: {v.reviewer}\nrating: "{v.rating}"\n'
        f"status: {v.status}\ndate: {v.date}\nheadline: {v.marker} headline.\n"
        f"final: {'true' if v.final else 'false'}\nevidence: [{', '.join(v.evidence)}]\n"
        f"{outside}---\n{v.marker} reasoning [@{v.evidence[0]}]."
        + "".join(f" See [[{link}]]." for link in v.links)
        + "\n"
    )


def project_files() -> dict[str, str]:
    files = {
        "content/articles/speech.md": ARTICLE,
        "content/evidence/ev-public.md": "---\ntitle: The public source\n---\nIts *notes*.\n",
        "content/evidence/ev-secret.md": "---\ntitle: The other source\n---\n",
        "content/pages/method.md": "---\ntitle: Method\nmenu: true\nweight: 2\n---\nHow.\n",
        "content/pages/team.md": "---\ntitle: Team\nmenu: true\nweight: 1\n---\nWho.\n",
    }
    for ident, (summary, tag) in STANDALONE.items():
        files[f"content/claims/{ident}.md"] = (
            f"---\nsummary: {summary}\nclaimant: A councillor\ndate: 2026-03-01\n"
            f"tags: [{tag}]\n---\n"
        )
    for ident, role in REVIEWERS.items():
        files[f"content/reviewers/{ident}.md"] = (
            f"---\nname: {ident.capitalize()} Person\nrole: {role}\n---\n"
        )
    for v in VERDICTS:
        files[f"content/verdicts/{v.claim}/{v.reviewer}.md"] = _verdict_file(v)
    return files


@dataclass(frozen=True)
class Opened:
    root: Path
    project: Project


@pytest.fixture(scope="module")
def project_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_project(tmp_path_factory.mktemp("publication"), project_files(), config=CONFIG)


@pytest.fixture
def opened(project_root: Path) -> Opened:
    project, diags = open_project(project_root)
    assert project is not None and not diags.has_errors(), diags.format_text()
    return Opened(project_root, project)


def public(opened: Opened) -> SiteViews:
    return SiteViews(opened.project)


def specs(views: SiteViews) -> dict[str, PageSpec]:
    return {spec.path: spec for spec in page_specs(views)}


def context(views: SiteViews, path: str) -> dict[str, Any]:
    spec = specs(views)[path]
    return {**spec.context, **(spec.lazy() if spec.lazy else {})}


def headlines(verdicts: list[Any]) -> list[str]:
    return [v.headline if isinstance(v.headline, str) else v["headline"] for v in verdicts]


# -- the rules ---------------------------------------------------------------------------------


def test_each_claim_stands_where_the_rules_say(opened: Opened) -> None:
    claims = opened.project.claims
    assert {c: (claims[c].state, claims[c].rating) for c in PUBLISHED} == {
        c: (State.PUBLISHED, rating) for c, rating in PUBLISHED.items()
    }
    assert {c: (claims[c].state, claims[c].rating) for c in UNPUBLISHED} == {
        c: (state, None) for c, state in UNPUBLISHED.items()
    }
    assert claims["tunnel-overrun"].ruling == "content/verdicts/tunnel-overrun/helen.md"
    assert claims["budget-doubled"].ruling is None


def test_only_approved_verdicts_of_ours_on_published_claims_are_readers(opened: Opened) -> None:
    project = opened.project
    readable = {
        c: sorted(v.reviewer for v in project.published_verdicts(c)) for c in project.claims
    }
    assert readable == {
        "budget-doubled": ["priya", "sam"],
        "tunnel-overrun": ["helen", "sam"],
        **{c: [] for c in UNPUBLISHED},
    }
    outside = {c: [v.headline for v in project.outside_verdicts(c)] for c in project.claims}
    assert outside == {c: [] for c in project.claims} | {
        "budget-doubled": ["OUTSIDE-APPROVED headline."],
        "fares-frozen": ["OUTSIDE-ON-UNPUBLISHED headline."],
    }
    ours = {v.reviewer for v in project.verdicts.values() if project.is_ours(v)}
    assert ours == set(REVIEWERS) - {"outside"}


# -- the built site ----------------------------------------------------------------------------


def test_the_built_site_holds_nothing_unpublished(opened: Opened, tmp_path: Path) -> None:
    result = build_site(opened.root, output=tmp_path / "site", search=False)
    assert result.ok, result.diagnostics.format_text()
    site = tmp_path / "site"
    texts = site_texts(site)
    leaks = [
        f"{rel}: {text[text.index('SECRET') - 80 : text.index('SECRET') + 40]!r}"
        for rel, text in texts
        if "SECRET" in text
    ]
    assert not leaks, "\n".join(leaks)
    # The same scan finds what is published (it would see a leak).
    every = "\n".join(text for _, text in texts)
    for v in VERDICTS:
        if v.marker.startswith(("PUBLIC", "OUTSIDE")):
            assert v.marker in every, v.marker
    # No state but "in review" is named, and nothing of the preview is there.
    for rel, text in texts:
        for word in (
            'data-state="disputed"',
            'data-state="unreviewed"',
            "Disputed",
            "Not reviewed yet",
            "Draft",
            "Submitted",
            "Editor's ruling</span>",
            "review/index.html",
            "Would publish as",
            'name="robots" content="noindex',
            "Verdicts (",
        ):
            assert word not in text, (rel, word)
    assert not (site / urls.DESK).exists()
    # Only published claims' pages are marked for the search index, with a rating to filter by.
    marked = {}
    for ident in opened.project.claims:
        html = (site / urls.claim(ident)).read_text("utf-8")
        marked[ident] = ("data-pagefind-body" in html, 'data-pagefind-filter="rating"' in html)
    assert marked == {c: (c in PUBLISHED, c in PUBLISHED) for c in opened.project.claims}
    _check_exports(site, public(opened))


def test_a_verdict_that_does_not_say_its_status_is_a_draft(tmp_path: Path) -> None:
    files = {
        path: text.replace("status: approved\n", "")
        for path, text in project_files().items()
        if path.startswith("content/verdicts/budget-doubled/")
        or not path.startswith("content/verdicts/")
    }
    root = write_project(tmp_path, files, config=CONFIG)
    project, diags = open_project(root)
    assert project is not None and not diags.has_errors(), diags.format_text()
    verdicts = project.claim_verdicts("budget-doubled")
    assert {v.reviewer: v.status for v in verdicts} == {
        "sam": "draft",
        "priya": "draft",
        "tomas": "draft",
        "lena": "submitted",
        "outside": "draft",
    }
    assert project.claims["budget-doubled"].state is State.IN_REVIEW
    assert project.published_verdicts("budget-doubled") == []


# -- views -------------------------------------------------------------------------------------


def test_an_unpublished_claim_has_no_rating_headline_date_or_state(opened: Opened) -> None:
    views = public(opened)
    assert PUBLIC_PENDING_STATE == "in review"
    for ident in UNPUBLISHED:
        view = views.claim(ident)
        assert (
            view.state,
            view.published,
            view.rating,
            view.headline,
            view.date,
            view.tone,
            view.label,
            view.review,
        ) == ("in review", False, None, None, None, "pending", "Under review", None), ident


def test_a_published_claim_shows_its_published_rating_headline_and_date(opened: Opened) -> None:
    views = public(opened)
    agreed, ruled = views.claim("budget-doubled"), views.claim("tunnel-overrun")
    assert agreed.rating is not None and ruled.rating is not None
    assert (agreed.state, agreed.published, agreed.rating.id, agreed.label, agreed.tone) == (
        "published",
        True,
        "misleading",
        "Misleading",
        "fair",
    )
    # The latest approving verdict's date: not the later draft's, submitted's or outside's.
    assert str(agreed.date) == "2026-04-12"
    assert agreed.headline == "PUBLIC-AGREED-SAM headline."  # the earlier approval's
    # The editor's ruling comes first: its headline is the claim's.
    assert (ruled.rating.id, ruled.headline, str(ruled.date)) == (
        "false",
        "PUBLIC-RULING-HELEN headline.",
        "2026-04-11",
    )
    assert [v.reviewer for v in views.shown_verdicts("tunnel-overrun")] == ["helen", "sam"]


def test_the_public_views_carry_nothing_of_the_preview(opened: Opened) -> None:
    views = public(opened)
    for verdict in opened.project.verdicts.values():
        assert views.status_label(verdict) == ""
        shown = views.verdict(verdict, "claims/x.html", None)
        assert (shown.status_label, shown.path) == ("", None)
    preview = SiteViews(opened.project, preview=True)
    path = "content/verdicts/buses-electric/helen.md"
    assert preview.verdict(opened.project.verdicts[path], "claims/x.html", None).path == path


def test_claims_by_date_holds_the_published_claims_latest_first(opened: Opened) -> None:
    assert [c.id for c in public(opened).claims_by_date()] == ["budget-doubled", "tunnel-overrun"]


def test_article_marks_say_only_under_review(opened: Opened) -> None:
    html, notes = public(opened).article_body("speech", "articles/speech.html")
    # In the order of the text (not of the ids).
    assert [(n.id, n.state, n.label) for n in notes] == [
        ("crime-halved", "in review", "Under review"),
        ("budget-doubled", "published", "Misleading"),
    ]
    assert (
        '<mark class="claim tone-pending" data-claim="crime-halved" data-state="in review">' in html
    )
    assert (
        '<mark class="claim tone-fair" data-claim="budget-doubled" data-state="published">' in html
    )
    assert "disputed" not in html
    # Numbered from 1 in the order of the text.
    assert [n for n in range(4) if f'href="#note-{n}"' in html] == [1, 2]
    assert html.index('data-claim="crime-halved">1<') < html.index('data-claim="budget-doubled">2<')
    # Citations and claim links, relative to the article's page.
    assert '<a href="../evidence/ev-public.html" title="The public source">[source]</a>' in html
    assert (
        '<a class="claim-link" href="../claims/tunnel-overrun.html">The tunnel is over '
        "budget.</a>" in html
    )


# -- pages -------------------------------------------------------------------------------------


def test_claim_pages_show_only_published_verdicts(opened: Opened) -> None:
    views = public(opened)
    shown = {}
    for ident in opened.project.claims:
        page = context(views, urls.claim(ident))
        shown[ident] = (
            headlines(page["verdicts"]),
            [s.id for s in page["sources"]],
            headlines(page["outside"]),
            page["claim_review"] is not None,
        )
    assert shown == {
        "budget-doubled": (
            ["PUBLIC-AGREED-SAM headline.", "PUBLIC-AGREED-PRIYA headline."],
            ["ev-public"],
            ["OUTSIDE-APPROVED headline."],
            True,
        ),
        "tunnel-overrun": (
            ["PUBLIC-RULING-HELEN headline.", "PUBLIC-OVERRULED-SAM headline."],
            ["ev-public"],
            [],
            True,
        ),
        "fares-frozen": ([], [], ["OUTSIDE-ON-UNPUBLISHED headline."], False),
        **{
            c: ([], [], [], False)
            for c in ("crime-halved", "homes-built", "buses-electric", "schools-full")
        },
    }
    for ident in UNPUBLISHED:
        assert specs(views)[urls.claim(ident)].description == "This claim is under review."


def test_reviewer_pages_list_only_what_is_published(opened: Opened) -> None:
    views = public(opened)
    listed = {}
    for ident in REVIEWERS:
        page = context(views, urls.reviewer(ident))
        listed[ident] = sorted(
            (
                v["claim"].id,
                v["rating"].id if v["rating"] else None,
                v["headline"],
                v["status_label"],
            )
            for v in page["verdicts"]
        )
    assert listed == {
        "sam": [
            ("budget-doubled", "misleading", "PUBLIC-AGREED-SAM headline.", ""),
            ("tunnel-overrun", "accurate", "PUBLIC-OVERRULED-SAM headline.", ""),
        ],
        "priya": [("budget-doubled", "misleading", "PUBLIC-AGREED-PRIYA headline.", "")],
        "tomas": [],
        "lena": [],
        "helen": [("tunnel-overrun", "false", "PUBLIC-RULING-HELEN headline.", "")],
        # An outside organisation's approved checks, without our rating or their headline.
        "outside": [("budget-doubled", None, None, ""), ("fares-frozen", None, None, "")],
    }


def test_evidence_pages_name_only_published_verdicts(opened: Opened) -> None:
    views = public(opened)
    citing = {
        ident: sorted(
            (c["claim"].id, c["reviewer"].id, c["headline"], str(c["date"]), c["status_label"])
            for c in context(views, urls.evidence(ident))["citing"]
        )
        for ident in ("ev-public", "ev-secret")
    }
    # ev-public is also cited by a draft, listed before the published verdicts of the
    # second claim: it is left out, and they are not.
    assert citing == {
        "ev-public": [
            ("budget-doubled", "priya", "PUBLIC-AGREED-PRIYA headline.", "2026-04-12", ""),
            ("budget-doubled", "sam", "PUBLIC-AGREED-SAM headline.", "2026-04-10", ""),
            ("tunnel-overrun", "helen", "PUBLIC-RULING-HELEN headline.", "2026-04-09", ""),
            ("tunnel-overrun", "sam", "PUBLIC-OVERRULED-SAM headline.", "2026-04-11", ""),
        ],
        "ev-secret": [],
    }
    page = specs(views)[urls.evidence("ev-public")]
    assert page.title == "The public source"
    assert context(views, page.path)["html"] == "<p>Its <em>notes</em>.</p>\n"


def test_lists_counts_and_topics_hold_only_published_claims(opened: Opened) -> None:
    views = public(opened)
    pages = specs(views)
    home = pages[urls.HOME].context
    assert ([c.id for c in home["latest"]], home["published_count"], home["pending_count"]) == (
        ["budget-doubled", "tunnel-overrun"],
        2,
        5,
    )
    listing = pages[urls.CLAIMS].context
    assert [c.id for c in listing["published"]] == ["budget-doubled", "tunnel-overrun"]
    assert sorted(c.id for c in listing["pending"]) == sorted(UNPUBLISHED)
    assert all(c.rating is None for c in listing["pending"])
    assert pages[urls.RATINGS].context["counts"] == {"misleading": 1, "false": 1}
    by_rating = {
        r: [c.id for c in pages[urls.rating(r)].context["claims"]]
        for r in ("accurate", "misleading", "false")
    }
    assert by_rating == {
        "accurate": [],
        "misleading": ["budget-doubled"],
        "false": ["tunnel-overrun"],
    }
    site = site_context(views)
    assert site["rating_counts"] == {"misleading": 1, "false": 1}
    assert {k: v for k, v in site.items() if k not in ("organization", "ratings")} == {
        "title": "Mutant Check",
        "description": "",
        "language": "en",
        "base_url": BASE_URL,
        "extra": {"motto": "Checked."},
        "menu": [
            {"title": "Team", "url": "pages/team.html"},
            {"title": "Method", "url": "pages/method.html"},
        ],
        "pages": [
            {"title": "Team", "url": "pages/team.html"},
            {"title": "Method", "url": "pages/method.html"},
        ],
        "rating_counts": {"misleading": 1, "false": 1},
        "feed_url": "feed.xml",
        "search": True,
        "min_reviewers": 2,
        "logo": None,
        "logo_external": False,
    }
    assert (site["organization"].name, [r.id for r in site["ratings"]]) == (
        "Mutant Check",
        ["accurate", "misleading", "false"],
    )
    topics = {t["name"]: [c.id for c in t["claims"]] for t in pages[urls.TAGS].context["tags"]}
    assert topics == {"public-topic": ["budget-doubled", "tunnel-overrun"]}


def test_the_article_page_lists_its_claims_and_how_many_are_checked(opened: Opened) -> None:
    views = public(opened)
    pages = specs(views)
    page = pages[urls.article("speech")]
    assert (page.template, page.title, page.og_type, page.description) == (
        "article.html",
        "A speech",
        "article",
        "2 claims marked in this article",
    )
    shown = context(views, page.path)
    article = shown["article"]
    assert (
        article["id"],
        article["url"],
        [c.id for c in article["claims"]],
        article["checked"],
        article["state"],
        article["imported"],
    ) == (
        "speech",
        "articles/speech.html",
        ["budget-doubled", "crime-halved"],
        1,
        "partly checked",
        {},
    )
    assert [n.id for n in shown["notes"]] == ["crime-halved", "budget-doubled"]
    listed = pages[urls.ARTICLES].context["articles"]
    assert [(a["id"], a["url"], a["checked"], a["state"]) for a in listed] == [
        ("speech", "articles/speech.html", 1, "partly checked")
    ]


def _article_files(claims: dict[str, str], published: set[str], more: str = "") -> dict[str, str]:
    """An article holding ``claims`` (id: quote), those in ``published`` with two approvals
    that agree."""
    items = "".join(
        f"  - id: {ident}\n    summary: Claim {ident}.\n    quote: {quote}\n"
        for ident, quote in claims.items()
    )
    files = {
        "content/articles/talk.md": (
            f"---\ntitle: A talk\npublished: 2026-04-01\n{more}"
            + (f"claims:\n{items}" if claims else "")
            + "---\nShe said one and two and three.\n"
        ),
        "content/evidence/ev-public.md": "---\ntitle: A source\n---\n",
    }
    for ident in ("sam", "priya"):
        files[f"content/reviewers/{ident}.md"] = f"---\nname: {ident}\nrole: reviewer\n---\n"
        for claim in published:
            files[f"content/verdicts/{claim}/{ident}.md"] = _verdict_file(
                V(claim, ident, "false", "approved", "PUBLIC", "2026-04-02")
            )
    return files


@pytest.mark.parametrize(
    ("claims", "published", "more", "expected"),
    [
        ({}, set(), "", ("unmarked", 0, [], "")),
        ({}, set(), "description: Said.\n", ("unmarked", 0, [], "Said.")),
        ({"c1": "one"}, {"c1"}, "", ("checked", 1, ["c1"], "1 claim marked in this article")),
        (
            {"c3": "three", "c1": "one", "c2": "two"},
            set(),
            "",
            ("in review", 0, ["c1", "c2", "c3"], "3 claims marked in this article"),
        ),
        (
            {"c2": "two", "c1": "one"},
            {"c2"},
            "description: Said.\n",
            ("partly checked", 1, ["c1", "c2"], "Said."),
        ),
    ],
)
def test_an_article_says_how_many_of_its_claims_are_checked(
    tmp_path: Path,
    claims: dict[str, str],
    published: set[str],
    more: str,
    expected: tuple[str, int, list[str], str],
) -> None:
    write_project(tmp_path, _article_files(claims, published, more), config=CONFIG)
    project, diags = open_project(tmp_path)
    assert project is not None and not diags.has_errors(), diags.format_text()
    views = SiteViews(project)
    page = specs(views)[urls.article("talk")]
    article = context(views, page.path)
    assert (
        article["article"]["state"],
        article["article"]["checked"],
        [n.id for n in article["notes"]],
        page.description,
    ) == expected
    # The notes in the order of the text, the claims in the order of the front matter.
    assert [c.id for c in article["article"]["claims"]] == list(claims)


def test_related_claims_are_published_ones(opened: Opened) -> None:
    views = public(opened)
    related = {
        c: [r.id for r in context(views, urls.claim(c))["related"]] for c in opened.project.claims
    }
    # The two published claims share a topic; the disputed one shares an article with one.
    # A draft's link to a claim makes nothing related to it.
    assert related == {
        "budget-doubled": ["tunnel-overrun"],
        "tunnel-overrun": ["budget-doubled"],
        "crime-halved": ["budget-doubled"],
        "fares-frozen": [],
        "homes-built": [],
        "buses-electric": [],
        "schools-full": [],
    }


def test_the_desk_is_a_page_of_the_preview_only(opened: Opened) -> None:
    assert urls.DESK not in specs(public(opened))
    assert urls.DESK in specs(SiteViews(opened.project, preview=True))


# -- exports -----------------------------------------------------------------------------------


def _check_exports(site: Path, views: SiteViews) -> None:
    """The feed, the ClaimReview data feed and claims.csv: the published claims only."""
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.parse(site / "feed.xml").getroot()
    entries = [
        link.get("href")
        for entry in feed.iter(f"{atom}entry")
        for link in entry.iter(f"{atom}link")
    ]
    expected = [f"{BASE_URL}claims/{c}.html" for c in ("budget-doubled", "tunnel-overrun")]
    assert entries == expected
    data = json.loads((site / "claimreview.json").read_text("utf-8"))
    reviews = [r for element in data["dataFeedElement"] for r in element["item"]]
    assert [(r["url"], r["reviewRating"]["alternateName"]) for r in reviews] == [
        (expected[0], "Misleading"),
        (expected[1], "False"),
    ]
    rows = list(csv.DictReader(io.StringIO((site / "claims.csv").read_text("utf-8"))))
    assert [(r["id"], r["rating"], r["headline"]) for r in rows] == [
        ("budget-doubled", "misleading", views.claim("budget-doubled").headline),
        ("tunnel-overrun", "false", "PUBLIC-RULING-HELEN headline."),
    ]


def test_no_claimreview_for_an_unpublished_claim(
    opened: Opened, data_regression: DataRegressionFixture
) -> None:
    from factcheck.exports import claim_review, claims_csv, data_feed

    views = public(opened)
    everything = [views.claim(c) for c in sorted(opened.project.claims)]
    assert [c.id for c in everything if claim_review(views, c) is not None] == sorted(PUBLISHED)
    # Handed every claim, the data feed still carries only the published ones.
    feed = json.loads(data_feed(views, everything))
    assert len(feed["dataFeedElement"]) == 2
    data_regression.check(feed)  # every field of what aggregators read
    unpublished = [c for c in everything if not c.published]
    assert json.loads(data_feed(views, unpublished))["dataFeedElement"] == []
    assert "SECRET" not in claims_csv(views, everything)


# -- the build ---------------------------------------------------------------------------------


def test_the_preview_is_built_only_under_the_cache(opened: Opened, tmp_path: Path) -> None:
    for output in (opened.root / "site", opened.root / f"{CACHE_DIR}-x", tmp_path / CACHE_DIR):
        with pytest.raises(ValueError, match=f"only under {CACHE_DIR}/"):
            build_site(opened.root, output=output, preview=True, search=False)
        assert not output.exists()


# -- the preview (where unpublished work is shown, to the newsroom) ----------------------------


def test_the_preview_says_where_each_claim_stands(opened: Opened) -> None:
    views = SiteViews(opened.project, preview=True)
    seen = {}
    for ident in ("budget-doubled", "crime-halved", "buses-electric", "schools-full"):
        view = views.claim(ident)
        assert view.review is not None
        review = view.review
        seen[ident] = (
            view.state,
            view.label,
            review.state,
            review.state_label,
            review.needs,
            review.prospect.id if review.prospect else None,
            [r.id for r in review.disagreement],
            review.paths[1:],
        )
    assert seen == {
        "budget-doubled": (
            "published",
            "Misleading",
            "published",
            "Published",
            "nothing",
            None,
            ["accurate", "misleading", "false"],
            tuple(
                f"content/verdicts/budget-doubled/{r}.md"
                for r in ("lena", "outside", "priya", "sam", "tomas")
            ),
        ),
        "crime-halved": (
            "disputed",
            "Disputed",
            "disputed",
            "Disputed",
            "disputed: Accurate vs False, needs an editor's ruling",
            None,
            ["accurate", "false"],
            ("content/verdicts/crime-halved/priya.md", "content/verdicts/crime-halved/sam.md"),
        ),
        "buses-electric": (
            "in review",
            "In review",
            "in review",
            "In review",
            "needs 2 more approvals (1 submitted, 1 draft waiting)",
            "false",
            [],
            (
                "content/verdicts/buses-electric/helen.md",
                "content/verdicts/buses-electric/tomas.md",
            ),
        ),
        "schools-full": (
            "unreviewed",
            "Not reviewed yet",
            "unreviewed",
            "Not reviewed yet",
            "needs 2 approved verdicts",
            None,
            [],
            (),
        ),
    }
    assert views.claim("schools-full").review.paths[0] == "content/claims/schools-full.md:1"  # type: ignore[union-attr]
    assert views.claim("buses-electric").review.outlook == (  # type: ignore[union-attr]
        "would publish as False once the editor's ruling is approved, or after two more "
        "approvals that agree (1 submitted, 1 draft waiting)"
    )


def test_the_preview_labels_every_verdict_with_its_status(opened: Opened) -> None:
    views = SiteViews(opened.project, preview=True)
    verdicts = opened.project.verdicts
    labels = {
        path.removeprefix("content/verdicts/"): views.status_label(v)
        for path, v in verdicts.items()
        if path.startswith(("content/verdicts/budget-doubled/", "content/verdicts/tunnel-overrun/"))
    }
    assert labels == {
        "budget-doubled/sam.md": "Approved",
        "budget-doubled/priya.md": "Approved",
        "budget-doubled/tomas.md": "Draft",
        "budget-doubled/lena.md": "Submitted",
        "budget-doubled/outside.md": "Outside check (Approved)",
        "tunnel-overrun/sam.md": "Approved",
        "tunnel-overrun/helen.md": "Editor's ruling",
        "tunnel-overrun/outside.md": "Outside check (Draft)",
    }
    # Rulings first, then approved, submitted and drafts; outside checks in every state.
    assert [v.reviewer for v in views.shown_verdicts("budget-doubled")] == [
        "sam",
        "priya",
        "lena",
        "tomas",
    ]
    assert [v.reviewer for v in views.shown_outside_verdicts("tunnel-overrun")] == ["outside"]


# -- what publish refuses ----------------------------------------------------------------------

NO_BASE_URL = (
    "factcheck.yaml:1:1: {}: no base_url: the site has no absolute address, so "
    "ClaimReview data has no url, the feed's links are relative and no sitemap is "
    "made\n    hint: add 'base_url: https://...' (the site's public address) to "
    "factcheck.yaml, or pass --base-url"
)


def _sample_project(root: Path, files: Mapping[str, str | bytes]) -> Project:
    write_project(root, files, config=CONFIG.replace(f"base_url: {BASE_URL}\n", ""))
    project, diags = open_project(root)
    assert project is not None and not diags.has_errors(), diags.format_text()
    return project


def test_publish_names_each_problem_where_it_is(tmp_path: Path) -> None:
    page = f"---\ntitle: About\n{SAMPLE_MARKER}\n---\nText.\n"
    project = _sample_project(tmp_path, {"content/pages/about.md": page})
    assert [d.format() for d in publish_problems(project)] == [
        NO_BASE_URL.format("error"),
        "content/pages/about.md:3:1: error: this is sample content from `factcheck init`, not "
        "yet the newsroom's own\n    hint: delete the file, or, once it is yours, delete this "
        "line",
    ]
    warnings = Diagnostics()
    base_url_problem(project, warnings, severity="warning")
    assert [d.format() for d in warnings] == [NO_BASE_URL.format("warning")]


def test_every_sample_file_is_found(tmp_path: Path) -> None:
    """Past a file that is gone since the project was read; in a file whose first 4 KiB end
    inside a character; at the first of two markers."""
    about = f"---\ntitle: About\n{SAMPLE_MARKER}\n---\nx" + "é" * 3000 + "\n"
    with pytest.raises(UnicodeDecodeError):  # the first 4 KiB end inside an "é"
        about.encode()[:4096].decode("utf-8")
    project = _sample_project(
        tmp_path,
        {
            "content/pages/a-gone.md": "---\ntitle: Gone\n---\n",
            "content/pages/about.md": about,
            "content/pages/twice.md": (
                f"---\ntitle: Twice\n\n{SAMPLE_MARKER}\n---\n{SAMPLE_MARKER}\n"
            ),
        },
    )
    (tmp_path / "content/pages/a-gone.md").unlink()
    assert sample_files(project) == [("content/pages/about.md", 3), ("content/pages/twice.md", 4)]


def test_the_sample_marker_is_found_in_every_kind_of_content_file(tmp_path: Path) -> None:
    marked = [
        "content/articles/speech.md",
        "content/claims/fares-frozen.md",
        "content/verdicts/crime-halved/sam.md",
        "content/evidence/ev-secret.md",
        "content/reviewers/tomas.md",
        "content/pages/about.md",
    ]
    files = {**project_files(), "content/pages/about.md": "---\ntitle: About\n---\nText.\n"}
    for path in marked:
        files[path] = files[path].replace("---\n", f"---\n{SAMPLE_MARKER}\n", 1)
    project = _sample_project(tmp_path, files)
    assert sample_files(project) == sorted((path, 2) for path in marked)
    # Wherever it is in the file's head, on the line it is on (the files changed since they
    # were read: the first word of one, the second line of another).
    (tmp_path / "content/pages/about.md").write_text("factcheck-sample: x\n", "utf-8")
    (tmp_path / "content/reviewers/tomas.md").write_text(f"\n{SAMPLE_MARKER}\n", "utf-8")
    found = dict(sample_files(project))
    assert (found["content/pages/about.md"], found["content/reviewers/tomas.md"]) == (1, 2)


# -- rebuilds (the preview server's) -----------------------------------------------------------

EXPORTS = ("feed.xml", "claimreview.json", "claims.csv")


def test_a_rebuild_in_place_exports_what_a_fresh_build_does(tmp_path: Path) -> None:
    """A rebuild reuses the export lines of claims whose views did not change: after a ruling
    changes a published rating, and after a verdict goes back to draft (its claim is no longer
    published), the exports are those of a fresh build."""
    root = write_project(tmp_path / "project", project_files(), config=CONFIG)
    for path in root.rglob("*"):  # old enough that a rebuild trusts their status
        os.utime(path, (path.stat().st_mtime - 60, path.stat().st_mtime - 60))
    cache = BuildCache()
    assert build_site(root, output=tmp_path / "served", search=False, cache=cache).ok
    ruling = root / "content/verdicts/tunnel-overrun/helen.md"
    agreed = root / "content/verdicts/budget-doubled/priya.md"
    edits = [
        (ruling, 'rating: "false"', 'rating: "misleading"'),
        (agreed, "status: approved", "status: draft"),
    ]
    for number, (path, old, new) in enumerate(edits):
        text = path.read_text("utf-8")
        assert old in text
        path.write_text(text.replace(old, new), encoding="utf-8")
        served = build_site(root, output=tmp_path / "served", search=False, cache=cache)
        fresh = build_site(root, output=tmp_path / f"fresh-{number}", search=False)
        assert served.ok and fresh.ok
        for name in EXPORTS:
            assert (tmp_path / "served" / name).read_text("utf-8") == (
                tmp_path / f"fresh-{number}" / name
            ).read_text("utf-8"), name
    csv_text = (tmp_path / "served/claims.csv").read_text("utf-8")
    assert "tunnel-overrun" in csv_text and "budget-doubled" not in csv_text


def _verdict_fields(verdicts: list[Any]) -> list[tuple[Any, ...]]:
    return [
        (
            v.headline,
            v.rating.label if v.rating else None,
            str(v.date),
            v.final,
            v.status,
            v.status_label,
            v.path,
            v.original_rating,
            v.source_url,
            v.media_rating,
        )
        for v in verdicts
    ]


def _row(
    marker: str,
    label: str,
    date: str,
    final: bool,
    status: str = "approved",
    status_label: str = "",
    path: str | None = None,
    outside: tuple[str | None, str | None] = (None, None),
) -> tuple[Any, ...]:
    return (f"{marker} headline.", label, date, final, status, status_label, path, *outside, None)


def test_each_verdict_shows_its_own_fields_in_order(opened: Opened) -> None:
    """What a verdict's view carries, field by field: on the public site the published ones,
    the ruling first, with no status label or file; in the preview every verdict in the order
    rulings, approved, submitted, drafts (then by date), each with its status label and file."""
    views = public(opened)
    tunnel = context(views, urls.claim("tunnel-overrun"))
    assert _verdict_fields(tunnel["verdicts"]) == [
        _row("PUBLIC-RULING-HELEN", "False", "2026-04-09", True),
        _row("PUBLIC-OVERRULED-SAM", "Accurate", "2026-04-11", False),
    ]
    budget = context(views, urls.claim("budget-doubled"))
    outside = ("OUTSIDE-APPROVED rating", "https://other.example.net/x")
    assert _verdict_fields(budget["outside"]) == [
        _row("OUTSIDE-APPROVED", "False", "2026-04-05", False, outside=outside),
    ]
    preview = SiteViews(opened.project, preview=True)
    page = context(preview, urls.claim("budget-doubled"))
    folder = "content/verdicts/budget-doubled"
    assert _verdict_fields(page["verdicts"]) == [
        _row(
            "PUBLIC-AGREED-SAM",
            "Misleading",
            "2026-04-10",
            False,
            "approved",
            "Approved",
            f"{folder}/sam.md",
        ),
        _row(
            "PUBLIC-AGREED-PRIYA",
            "Misleading",
            "2026-04-12",
            False,
            "approved",
            "Approved",
            f"{folder}/priya.md",
        ),
        _row(
            "SECRET-RULING-ON-PUBLISHED",
            "Accurate",
            "2026-04-21",
            True,
            "submitted",
            "Submitted",
            f"{folder}/lena.md",
        ),
        _row(
            "SECRET-DRAFT-ON-PUBLISHED",
            "False",
            "2026-04-20",
            False,
            "draft",
            "Draft",
            f"{folder}/tomas.md",
        ),
    ]


def test_related_claims_are_ranked_and_never_unpublished(tmp_path: Path) -> None:
    """A claim's related claims: sharing its article counts 3, a topic 2, an approved verdict
    that links to it 4; highest first, then by id. A claim that is not published is never one,
    even when its approved verdict links here."""

    def verdict(claim: str, reviewer: str, body: str, *, final: bool = True) -> str:
        return (
            f"---\nclaim: {claim}\nreviewer: {reviewer}\nrating: accurate\nstatus: approved\n"
            f"date: 2026-04-01\nheadline: H.\nfinal: {'true' if final else 'false'}\n---\n"
            f"{body}\n"
        )

    files = {
        "content/reviewers/ed.md": EDITOR,
        "content/reviewers/sam.md": REVIEWER,
        "content/articles/a.md": (
            "---\ntitle: A\nclaims:\n"
            "  - id: x\n    quote: One two three\n    summary: X.\n    tags: [t]\n"
            "  - id: xx-art\n    quote: Four five six\n    summary: Art.\n"
            "  - id: zz-both\n    quote: Seven eight nine\n    summary: Both.\n    tags: [t]\n"
            "---\nOne two three. Four five six. Seven eight nine.\n"
        ),
        "content/claims/aa-tag.md": "---\nsummary: Tag.\ntags: [t]\n---\n",
        "content/claims/yy-link.md": "---\nsummary: Link.\n---\n",
        "content/claims/uu-unpublished.md": "---\nsummary: Unpublished.\n---\n",
        "content/verdicts/x/ed.md": verdict("x", "ed", "X."),
        "content/verdicts/xx-art/ed.md": verdict("xx-art", "ed", "Art."),
        "content/verdicts/zz-both/ed.md": verdict("zz-both", "ed", "See [[x]]."),
        "content/verdicts/aa-tag/ed.md": verdict("aa-tag", "ed", "Tag."),
        "content/verdicts/yy-link/ed.md": verdict("yy-link", "ed", "See [[x]]."),
        # One approval of the two needed: in review, though its verdict links to x.
        "content/verdicts/uu-unpublished/sam.md": verdict(
            "uu-unpublished", "sam", "See [[x]].", final=False
        ),
    }
    root = write_project(
        tmp_path / "p", files, config=CONFIG.replace("min_reviewers: 1", "min_reviewers: 2")
    )
    project, diags = open_project(root)
    assert project is not None and not diags.has_errors(), diags.format_text()
    assert project.claims["uu-unpublished"].state is not State.PUBLISHED
    views = SiteViews(project)
    related = [r.id for r in context(views, urls.claim("x"))["related"]]
    # zz-both: article 3 + topic 2 + link 4; yy-link 4; xx-art 3; aa-tag 2.
    assert related == ["zz-both", "yy-link", "xx-art", "aa-tag"]
