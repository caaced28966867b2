"""What pages show, decided in factcheck/pages.py and factcheck/views.py (one place each)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from helpers import write_project

from factcheck.build import build_site, open_for_build
from factcheck.model import Project
from factcheck.pages import groups, page_specs
from factcheck.views import SiteViews

if TYPE_CHECKING:
    from pytest_regressions.data_regression import DataRegressionFixture

EVIDENCE = "---\ntitle: Source {n}\nurl: https://example.org/{n}\n---\n"


def _opened(root: Path) -> Project:
    """The project at ``root``, read and cross-referenced as a build does, without errors."""
    opened = open_for_build(root)
    assert opened.project is not None and not opened.diagnostics.has_errors(), (
        opened.diagnostics.format_text()
    )
    return opened.project


def test_notes_are_numbered_in_order_of_first_mention(tmp_path: Path) -> None:
    """The front matter lists b before a, the reasoning cites a first: a is [1]."""
    root = write_project(
        tmp_path / "p",
        {
            "content/reviewers/sam.md": "---\nname: Sam\n---\n",
            "content/claims/c.md": "---\nsummary: A claim.\n---\n",
            "content/evidence/a.md": EVIDENCE.format(n="a"),
            "content/evidence/b.md": EVIDENCE.format(n="b"),
            "content/evidence/z.md": EVIDENCE.format(n="z"),
            "content/verdicts/c/sam.md": (
                "---\nclaim: c\nreviewer: sam\nrating: misleading\nstatus: approved\n"
                "headline: H.\nevidence: [z, b, a]\n---\nFirst [@a], then [@b], again [@a].\n"
            ),
        },
    )
    result = build_site(root, output=tmp_path / "site", search=False)
    assert result.ok, result.diagnostics.format_text()
    page = (tmp_path / "site/claims/c.html").read_text("utf-8")
    cited = re.findall(r'<a href="#source-(\d)" title="Source (\w)">\[(\d)\]</a>', page)
    assert cited == [("1", "a", "1"), ("2", "b", "2"), ("1", "a", "1")]
    listed = re.findall(r'<li id="source-(\d)">\s*<a href="https://example.org/(\w)"', page)
    assert listed == [("1", "a"), ("2", "b"), ("3", "z")]  # listed only: after the cited


def test_an_article_says_its_language_only_when_it_is_not_the_sites(tmp_path: Path) -> None:
    """An article in another language than the site's is marked with it (lang on the page and
    in lists); one in the site's language, or that says none, is not."""

    root = write_project(
        tmp_path / "p",
        {
            f"content/articles/{name}.md": (f"---\ntitle: {name}\n{line}---\nSome words.\n")
            for name, line in (
                ("french", "language: fr\n"),
                ("english", "language: en\n"),
                ("unsaid", ""),
            )
        },
    )
    views = SiteViews(_opened(root))
    specs = {s.path: s for s in page_specs(views)}
    languages = {}
    for name in ("french", "english", "unsaid"):
        spec = specs[f"articles/{name}.html"]
        context = dict(spec.context)
        if spec.lazy is not None:
            context.update(spec.lazy())
        languages[name] = context["article"]["language"]
    assert languages == {"french": "fr", "english": None, "unsaid": None}


def test_a_claim_pages_head_and_parts_say_only_what_its_standing_allows(tmp_path: Path) -> None:
    """A claim page's title, description, type, sitemap date and share card, its context and its
    rating scale: a published check says its rating and headline and has a card; a withdrawn one
    and one under review say only that, with no card and no verdicts."""

    verdict = (
        "---\nclaim: {c}\nreviewer: sam\nrating: misleading\nstatus: {s}\n"
        "date: 2026-03-12\nheadline: It leaves out the loans.\n---\nR.\n"
    )
    root = write_project(
        tmp_path / "p",
        {
            "content/reviewers/sam.md": "---\nname: Sam\n---\n",
            "content/claims/pub.md": (
                "---\nsummary: The budget doubled.\ndate: 2026-03-10\n---\nSaid on the radio.\n"
            ),
            "content/claims/gone.md": (
                "---\nsummary: The bridge closed.\ndate: 2026-03-10\nwithdrawn:\n"
                "  date: 2026-04-02\n  note: We got the bridge wrong.\n---\nContext.\n"
            ),
            "content/claims/wait.md": "---\nsummary: Rents fell.\n---\n",
            "content/verdicts/pub/sam.md": verdict.format(c="pub", s="approved"),
            "content/verdicts/gone/sam.md": verdict.format(c="gone", s="approved"),
            "content/verdicts/wait/sam.md": verdict.format(c="wait", s="draft"),
        },
    )
    specs = {s.path: s for s in page_specs(SiteViews(_opened(root)))}
    heads = {}
    parts = {}
    for name in ("pub", "gone", "wait"):
        spec = specs[f"claims/{name}.html"]
        heads[name] = (spec.title, spec.description, spec.og_type, spec.lastmod, spec.image)
        assert spec.lazy is not None
        context = spec.lazy()
        parts[name] = (
            context["context_html"],
            [r.id for r in context["scale"]],
            len(context["verdicts"]),
        )
    assert {k: (v[0], v[1], v[2], str(v[3]), v[4]) for k, v in heads.items()} == {
        "pub": (
            "The budget doubled.",
            "Misleading: It leaves out the loans.",
            "article",
            "2026-03-12",  # the day its verdict published it
            "cards/pub.png",
        ),
        "gone": (
            "The bridge closed.",
            "We have withdrawn this fact check.",
            "article",
            "2026-04-02",
            None,
        ),
        "wait": ("Rents fell.", "This claim is under review.", "article", "None", None),
    }
    scale = ["accurate", "mostly-accurate", "misleading", "false", "unproven"]
    assert parts == {
        "pub": ("<p>Said on the radio.</p>\n", scale, 1),
        "gone": ("<p>Context.</p>\n", scale, 0),
        "wait": ("", scale, 0),
    }


REPO = Path(__file__).resolve().parent.parent


def test_each_claim_view_carries_the_claims_own_parts() -> None:
    """What every template gets of a claim (views.claim), for the example project: its
    article and the sentence around its quote, where it appeared (the article's outlet first),
    its claimant's page, its media and media rating once published, its dates, tone and label."""

    views = SiteViews(_opened(REPO))

    def parts(claim_id: str) -> tuple[object, ...]:
        c = views.claim(claim_id)
        assert views.claim(claim_id) is c, "made once per build"
        return (
            c.article.id if c.article else None,
            c.quote,
            c.context[2] if c.context else None,
            [a["title"] for a in c.appearances],
            c.claimant_url,
            [m.type for m in c.media],
            c.media_rating.id if c.media_rating else None,
            str(c.date),
            str(c.updated),
            str(c.withdrawn),
            c.tone,
            c.label,
            c.language,
        )

    assert parts("transit-budget-doubled") == (
        "harbour-city-transit-budget",
        "twice what the city spent five years ago",
        ".",
        ["Ledger Wire News"],
        "claimants/opponents-of-the-budget.html",
        [],
        None,
        "2026-03-13",
        "2026-03-14",
        "None",
        "poor",
        "Misleading",
        None,
    )
    assert parts("mayor-seawall-clip") == (
        None,
        None,
        None,
        ['"In his own words" (post with a 19-second clip)'],
        "claimants/councillor-aurelia-voss.html",
        ["video"],
        "edited",
        "2026-09-05",
        "None",
        "None",
        "poor",
        "Misleading",
        None,
    )
    assert parts("ferry-fares-doubled") == (
        None,
        None,
        None,
        ["Post attributed to the Harbour Ferry Users' Group"],
        None,
        [],
        None,
        "None",
        "None",
        "2026-05-15",
        "withdrawn",
        "Withdrawn",
        None,
    )
    assert parts("bus-fleet-one-third-electric") == (
        "mayor-state-of-the-city-2026",
        "Our bus fleet is now one-third electric",
        ", and by 2028 every bus that leaves the Quayside depot will run on batteries.",
        ["Office of the Mayor of Harbour City"],
        "claimants/teodor-lind.html",
        [],
        None,
        "None",
        "None",
        "None",
        "pending",
        "Under review",
        None,
    )


def test_a_checks_dates_may_mix_days_and_times(tmp_path: Path) -> None:
    """Verdicts and correction entries may give a day or a time: the latest of each is found
    (a day and a time are compared as instants in the project's zone, never as Python values,
    which cannot be compared)."""

    verdict = (
        "---\nclaim: c\nreviewer: {r}\nrating: misleading\nstatus: approved\ndate: {d}\n"
        "headline: H.\n{extra}---\nR.\n"
    )
    entries = (
        "corrections:\n  - date: 2026-03-20\n    kind: update\n    note: Added a source.\n"
        "  - date: 2026-03-19T23:30:00+00:00\n    kind: correction\n    note: Fixed a figure.\n"
    )
    root = write_project(
        tmp_path / "p",
        {
            "content/reviewers/sam.md": "---\nname: Sam\n---\n",
            "content/reviewers/priya.md": "---\nname: Priya\n---\n",
            "content/claims/c.md": "---\nsummary: S.\nlanguage: fr\n---\n",
            "content/verdicts/c/sam.md": verdict.format(r="sam", d="2026-03-12", extra=entries),
            "content/verdicts/c/priya.md": verdict.format(
                r="priya", d="2026-03-11T22:00:00+00:00", extra=""
            ),
        },
    )
    claim = SiteViews(_opened(root)).claim("c")
    assert (str(claim.date), str(claim.updated)) == ("2026-03-12", "2026-03-20")
    assert claim.language == "fr", "a claim in another language than the site's says so"


def test_a_reviewers_page_lists_their_published_verdicts_latest_first(tmp_path: Path) -> None:
    """A reviewer's page: their name, their profile, and their verdicts that readers may see
    (approved, on a published claim), the latest first (on one day: by claim, last first;
    undated ones last)."""

    verdict = (
        "---\nclaim: {c}\nreviewer: sam\nrating: misleading\nstatus: {s}\n{d}"
        "headline: H.\n---\nR.\n"
    )
    files = {
        "content/reviewers/sam.md": "---\nname: Sam Okafor\n---\nSam covers transport.\n",
    }
    for claim, status, day in (
        ("a", "approved", "2026-03-09"),
        ("b", "approved", "2026-03-05"),
        ("c", "approved", "2026-03-05"),
        ("d", "draft", "2026-03-30"),
        ("e", "approved", ""),
    ):
        files[f"content/claims/{claim}.md"] = f"---\nsummary: Claim {claim}.\n---\n"
        line = f"date: {day}\n" if day else ""
        files[f"content/verdicts/{claim}/sam.md"] = verdict.format(c=claim, s=status, d=line)
    specs = {
        s.path: s for s in page_specs(SiteViews(_opened(write_project(tmp_path / "p", files))))
    }
    spec = specs["reviewers/sam.html"]
    assert (spec.title, spec.og_type) == ("Sam Okafor", "profile")
    assert spec.context["html"] == "<p>Sam covers transport.</p>\n"
    assert [v["claim"].id for v in spec.context["verdicts"]] == ["a", "c", "b", "e"]  # e: undated


def test_published_claims_are_grouped_by_rating_and_claimant(tmp_path: Path) -> None:
    """The rating and claimant lists (and their feeds) hold each published claim under its
    rating and its claimant: a claim without a claimant is under none, an unpublished one under
    nothing. The home page is titled with the site's title."""

    verdict = (
        "---\nclaim: {c}\nreviewer: sam\nrating: {r}\nstatus: {s}\ndate: 2026-03-05\n"
        "headline: H.\n---\nR.\n"
    )
    files = {
        "content/reviewers/sam.md": "---\nname: Sam\n---\n",
        "content/claimants/nobody.md": "---\nname: Nobody Yet\n---\n",
    }
    for claim, claimant, rating, status in (
        ("a", "The Mayor", "false", "approved"),
        ("b", "", "false", "approved"),
        ("c", "The Mayor", "accurate", "approved"),
        ("d", "The Mayor", "misleading", "draft"),
    ):
        said = f"claimant: {claimant}\n" if claimant else ""
        files[f"content/claims/{claim}.md"] = f"---\nsummary: Claim {claim}.\n{said}---\n"
        files[f"content/verdicts/{claim}/sam.md"] = verdict.format(c=claim, r=rating, s=status)
    views = SiteViews(_opened(write_project(tmp_path / "p", files)))
    grouped = groups(views)
    assert {k: sorted(c.id for c in v) for k, v in grouped.by_rating.items()} == {
        "false": ["a", "b"],
        "accurate": ["c"],
    }
    assert {k: sorted(c.id for c in v) for k, v in grouped.by_claimant.items()} == {
        "the-mayor": ["a", "c"]
    }
    specs = {s.path: s for s in page_specs(views)}
    assert specs["index.html"].title == "Test Check"
    nobody = specs["claimants/nobody.html"]  # a claimant's page, before any check of theirs
    assert (nobody.title, nobody.context["claims"]) == ("Nobody Yet", [])


def _outline(value: object, depth: int = 0) -> object:
    """What a page's context holds, short: a claim, article, person or rating by its id,
    lists and mappings item by item (three levels deep), plain values as they are."""
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, str):
        return str(value)  # (also Markup: the HTML as text)
    ident = getattr(value, "id", None)
    if isinstance(ident, str):
        return ident
    if hasattr(value, "isoformat"):
        return str(value)
    if depth >= 3:
        return type(value).__name__
    if isinstance(value, dict):
        return {str(k): _outline(v, depth + 1) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_outline(v, depth + 1) for v in value]
    return type(value).__name__


def test_every_page_of_the_example_site_with_its_head_and_lists(
    data_regression: DataRegressionFixture,
) -> None:
    """Every page the example project makes, in order: its template, title, description, type,
    sitemap entry, feed, date and card, and what its lists hold (ids, in order). A snapshot
    (tests/test_pages/): a change is looked at, then taken with --force-regen."""

    project = _opened(REPO)
    pages = [
        {
            "path": spec.path,
            "template": spec.template,
            "title": spec.title,
            "description": spec.description,
            "og_type": spec.og_type,
            "in_sitemap": spec.in_sitemap,
            "feed": spec.feed,
            "lastmod": str(spec.lastmod) if spec.lastmod else None,
            "image": spec.image,
            "lists": _outline({k: v for k, v in spec.context.items() if k != "pager"}),
            "pager": _outline(spec.context.get("pager")),
        }
        for spec in page_specs(SiteViews(project))
    ]
    data_regression.check({"pages": pages})


def test_an_unpublished_claims_media_is_shown_only_in_the_preview(tmp_path: Path) -> None:
    """The picture a claim is about is part of the check: readers see it once the check is
    published, reviewers in the preview before."""

    root = write_project(
        tmp_path / "p",
        {
            "content/reviewers/sam.md": "---\nname: Sam\n---\n",
            "content/claims/photo.md": (
                "---\nsummary: A flood photo.\nmedia:\n  - type: image\n"
                "    url: https://photos.example.net/flood.jpg\n    alt: A flooded street.\n---\n"
            ),
            "content/verdicts/photo/sam.md": (
                "---\nclaim: photo\nreviewer: sam\nrating: misleading\nmedia_rating: edited\n"
                "status: draft\nheadline: H.\n---\nR.\n"
            ),
        },
    )
    project = _opened(root)
    public = SiteViews(project).claim("photo")
    preview = SiteViews(project, preview=True).claim("photo")
    assert (public.published, public.media, public.media_rating) == (False, (), None)
    assert [m.src for m in preview.media] == ["https://photos.example.net/flood.jpg"]
