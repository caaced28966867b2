"""Rebuilds that reuse the last build (what `factcheck serve` does) give exactly the site a fresh
build gives, after every kind of edit, alone and in sequence, while rendering only what changed.

Each test primes a BuildCache with a full build, edits the project, rebuilds in place with the
cache, builds the same content afresh into another folder, and compares the two folders byte for
byte (the search index is left out here; tests/serve checks it).
"""

from __future__ import annotations

import os
import random
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from factcheck.build import BuildCache, BuildResult, build_site

REPO = Path(__file__).resolve().parent.parent

Edit = Callable[[Path], object]
"""A change to the project at the given root (what it returns, e.g. a count of bytes, is unused)."""


def _copy_example(target: Path) -> Path:
    target.mkdir(parents=True)
    shutil.copy(REPO / "factcheck.yaml", target / "factcheck.yaml")
    shutil.copytree(REPO / "content", target / "content")
    shutil.copytree(REPO / "static", target / "static")
    # Old enough that their status vouches for them: rebuilds then stat, not read, them.
    for path in target.rglob("*"):
        os.utime(path, (path.stat().st_mtime - 60, path.stat().st_mtime - 60))
    return target


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _replace(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _rename_evidence(root: Path) -> None:
    """Give evidence hcc-budget-2021 a new id: its file and every reference to it."""
    (root / "content/evidence/hcc-budget-2021.md").rename(
        root / "content/evidence/council-budget-2021.md"
    )
    for path in (root / "content/verdicts").rglob("*.md"):
        text = path.read_text("utf-8")
        if "hcc-budget-2021" in text:
            path.write_text(text.replace("hcc-budget-2021", "council-budget-2021"), "utf-8")


def _override_template(root: Path) -> None:
    from factcheck.theme import theme_dir

    (root / "templates").mkdir(exist_ok=True)
    text = (theme_dir() / "claim.html").read_text("utf-8")
    (root / "templates/claim.html").write_text(
        text.replace("{% block main %}", '{% block main %}<p class="local">Local theme</p>', 1),
        encoding="utf-8",
    )


VERDICT = "content/verdicts/transit-budget-doubled/sam-okafor.md"
OTHER_VERDICT = "content/verdicts/transit-budget-doubled/priya-raman.md"

EDITS: dict[str, Edit] = {
    "verdict headline": lambda r: _replace(
        r / VERDICT, "headline: The budget", "headline: Revised, the budget"
    ),
    "verdict body": lambda r: _replace(r / VERDICT, "In cash\nterms", "In plain cash\nterms"),
    "verdict rating disputes the claim": lambda r: _replace(
        r / VERDICT, "rating: misleading", 'rating: "false"'
    ),
    "verdict back to draft": lambda r: _replace(
        r / OTHER_VERDICT, "status: approved", "status: draft"
    ),
    "verdict deleted": lambda r: (r / OTHER_VERDICT).unlink(),
    "verdict added": lambda r: (
        r / "content/verdicts/transit-fares-frozen/helen-marsh.md"
    ).write_text(
        "---\nclaim: transit-fares-frozen\nreviewer: helen-marsh\nrating: accurate\n"
        "status: approved\nfinal: true\ndate: 2026-03-20\nheadline: Fares are frozen."
        "\n---\nThe fare table is unchanged [@hcta-annual-report-2025].\n",
        "utf-8",
    ),
    "verdict links another claim (related claims)": lambda r: _replace(
        r / OTHER_VERDICT,
        "I reached the same figures",
        "As [[burglaries-down-18-percent]] shows, I reached the same figures",
    ),
    "evidence title (cited inline)": lambda r: _replace(
        r / "content/evidence/hcc-budget-2021.md", "title: ", "title: Retitled - "
    ),
    "evidence renamed with its references": _rename_evidence,
    "claim summary (linked as [[id]])": lambda r: _replace(
        r / "content/articles/harbour-city-transit-budget.md",
        "summary: The new transit budget",
        "summary: The newly adopted transit budget",
    ),
    "reviewer name": lambda r: _replace(
        r / "content/reviewers/sam-okafor.md", "name: Sam Okafor", "name: Samuel Okafor"
    ),
    "article body": lambda r: _replace(
        r / "content/articles/harbour-city-transit-budget.md",
        "\n\n",
        "\n\nA new first paragraph.\n\n",
    ),
    "article tags": lambda r: _replace(
        r / "content/articles/harbour-city-transit-budget.md",
        "tags: [transit, budget]",
        "tags: [transit, money]",
    ),
    "page added to the menu": lambda r: (r / "content/pages/contact.md").write_text(
        "---\ntitle: Contact\nmenu: true\n---\nWrite to us.\n", "utf-8"
    ),
    "page removed": lambda r: (r / "content/pages/funding.md").unlink(),
    "config title": lambda r: _replace(
        r / "factcheck.yaml", "title: Harbour City Fact Check", "title: Harbour Check"
    ),
    "rating label": lambda r: _replace(
        r / "factcheck.yaml", "label: Misleading", "label: Misleads"
    ),
    "template override": _override_template,
    "static file added": lambda r: (r / "static/humans.txt").write_text("Us.\n", "utf-8"),
    "static file changed": lambda r: (r / "static/logo.svg").write_text(
        (r / "static/logo.svg").read_text("utf-8").replace("</svg>", "<!-- v2 --></svg>"), "utf-8"
    ),
    "static file removed": lambda r: (r / "static/logo.svg").unlink(),
}


def _rebuild_and_compare(project: Path, tmp_path: Path, cache: BuildCache) -> BuildResult:
    served, fresh = tmp_path / "served", tmp_path / "fresh"
    result = build_site(project, output=served, search=False, cache=cache)
    expected = build_site(project, output=fresh, search=False)
    assert result.ok == expected.ok
    assert result.diagnostics.to_json() == expected.diagnostics.to_json()
    if result.ok:
        tree, want = _tree(served), _tree(fresh)
        assert tree.keys() == want.keys()
        stale = [rel for rel in want if tree[rel] != want[rel]]
        assert not stale, f"stale files after a cached rebuild: {stale}"
    return result


@pytest.fixture
def primed(tmp_path: Path) -> tuple[Path, BuildCache]:
    project = _copy_example(tmp_path / "project")
    cache = BuildCache()
    first = build_site(project, output=tmp_path / "served", search=False, cache=cache)
    assert first.ok and first.rendered == first.pages
    return project, cache


@pytest.mark.parametrize("name", list(EDITS))
def test_one_edit(name: str, primed: tuple[Path, BuildCache], tmp_path: Path) -> None:
    project, cache = primed
    EDITS[name](project)
    result = _rebuild_and_compare(project, tmp_path, cache)
    assert result.ok, result.diagnostics.format_text()
    assert result.changed, "every edit here changes the site"


def test_edits_in_sequence(primed: tuple[Path, BuildCache], tmp_path: Path) -> None:
    project, cache = primed
    order = list(EDITS)
    random.Random(20261125).shuffle(order)
    for name in order:
        if name == "verdict deleted" and not (project / OTHER_VERDICT).exists():
            continue
        try:
            EDITS[name](project)
        except (AssertionError, FileNotFoundError):
            continue  # an earlier edit already changed what this one edits
        _rebuild_and_compare(project, tmp_path, cache)


def test_an_unchanged_rebuild_renders_and_writes_nothing(
    primed: tuple[Path, BuildCache], tmp_path: Path
) -> None:
    project, cache = primed
    before = {p: p.stat().st_mtime_ns for p in (tmp_path / "served").rglob("*") if p.is_file()}
    result = build_site(project, output=tmp_path / "served", search=False, cache=cache)
    assert result.ok and result.rendered == 0 and result.changed == []
    after = {p: p.stat().st_mtime_ns for p in (tmp_path / "served").rglob("*") if p.is_file()}
    assert after == before


def test_a_headline_edit_renders_only_the_pages_that_show_it(
    primed: tuple[Path, BuildCache], tmp_path: Path
) -> None:
    project, cache = primed
    EDITS["verdict headline"](project)
    result = _rebuild_and_compare(project, tmp_path, cache)
    # Pages whose context holds the claim's view (its page, its article, lists, tags, related
    # claims, the reviewers' and the cited evidence's pages): 17 of the example's 96.
    assert 0 < result.rendered <= 20 < result.pages, result.rendered
    assert "claims/transit-budget-doubled.html" in result.changed
    assert "feed.xml" in result.changed
    assert "claims/transit-fares-frozen.html" not in result.changed


def test_a_template_or_configuration_change_renders_every_page(
    primed: tuple[Path, BuildCache], tmp_path: Path
) -> None:
    project, cache = primed
    _override_template(project)
    result = _rebuild_and_compare(project, tmp_path, cache)
    assert result.rendered == result.pages
    EDITS["config title"](project)
    result = _rebuild_and_compare(project, tmp_path, cache)
    assert result.rendered == result.pages


def test_a_menu_change_reaches_every_page_that_shows_the_menu(
    primed: tuple[Path, BuildCache], tmp_path: Path
) -> None:
    project, cache = primed
    EDITS["page added to the menu"](project)
    result = _rebuild_and_compare(project, tmp_path, cache)
    assert result.rendered == result.pages  # base.html shows the menu on every page


def test_a_failed_rebuild_changes_nothing_and_the_next_good_one_catches_up(
    primed: tuple[Path, BuildCache], tmp_path: Path
) -> None:
    project, cache = primed
    before = _tree(tmp_path / "served")
    _replace(project / VERDICT, "rating: misleading", "rating: misleadin")
    EDITS["verdict headline"](project)
    result = build_site(project, output=tmp_path / "served", search=False, cache=cache)
    assert not result.ok
    assert _tree(tmp_path / "served") == before
    _replace(project / VERDICT, "rating: misleadin", "rating: misleading")
    assert _rebuild_and_compare(project, tmp_path, cache).ok


def test_a_template_error_keeps_the_site_and_the_records(
    primed: tuple[Path, BuildCache], tmp_path: Path
) -> None:
    project, cache = primed
    before = _tree(tmp_path / "served")
    (project / "templates").mkdir()
    (project / "templates/claim.html").write_text(
        "{% extends 'base.html' %}{% block main %}{{ nope.x }}{% endblock %}", encoding="utf-8"
    )
    result = build_site(project, output=tmp_path / "served", search=False, cache=cache)
    assert not result.ok and _tree(tmp_path / "served") == before
    shutil.rmtree(project / "templates")
    EDITS["verdict headline"](project)
    assert _rebuild_and_compare(project, tmp_path, cache).ok


def test_an_output_folder_replaced_behind_its_back_is_rebuilt_whole(
    primed: tuple[Path, BuildCache], tmp_path: Path
) -> None:
    project, cache = primed
    served = tmp_path / "served"
    assert build_site(project, output=served, search=False).ok  # another command's build
    (served / "claims/transit-budget-doubled.html").write_text("tampered", "utf-8")
    EDITS["reviewer name"](project)
    result = _rebuild_and_compare(project, tmp_path, cache)
    assert result.rendered == result.pages


def test_site_values_read_by_templates_are_tracked() -> None:
    from factcheck.page_cache import TrackedSite

    site = TrackedSite({"title": "T", "menu": [1], "rating_counts": {"a": 1}})
    site.start_page()
    assert site["title"] == "T" and site.get("menu") == [1]
    record = site.record(("inputs",))
    assert record.site_values == {"title": "T", "menu": [1]} and not record.whole_site
    site.start_page()
    assert sorted(k for k, _ in site.items()) == ["menu", "rating_counts", "title"]
    assert site.record(("inputs",)).whole_site


@pytest.mark.parametrize(
    "source",
    [
        "{{ site|tojson }}",
        "{{ site }}",
        "{{ site|dictsort }}",
        "{{ site|length }}",
        "{% for key in site %}{{ key }}{% endfor %}",
        "{{ site.copy() }}",
        "{{ site|list }}",
        "{{ site|items|list }}",
    ],
)
def test_reading_site_whole_in_a_template_counts_as_reading_every_value(source: str) -> None:
    """Every way a template can see all of ``site`` at once makes the page depend on all of
    it; reading one value makes it depend on that value alone."""
    import jinja2

    from factcheck.page_cache import TrackedSite

    env = jinja2.Environment(autoescape=True)
    site = TrackedSite({"title": "T", "menu": [1]})
    site.start_page()
    env.from_string(source).render(site=site)
    assert site.record(()).whole_site
    site.start_page()
    env.from_string("{{ site.title }}{{ site['title'] }}").render(site=site)
    record = site.record(())
    assert not record.whole_site and record.site_values == {"title": "T"}


# -- random walks ---------------------------------------------------------------------------------
# Edits drawn at random, repeated and undone, with failing builds in between: what one build
# lends the next must hold up over any history, not only after one edit.

RATINGS = ("accurate", "mostly-accurate", "misleading", '"false"', "unproven")


def _set_field(path: Path, key: str, value: str) -> None:
    text = path.read_text("utf-8")
    pattern = re.compile(rf"^{key}:.*$", re.M)
    head, sep, body = text.partition("\n---\n")
    if pattern.search(head):
        head = pattern.sub(lambda _: f"{key}: {value}", head, count=1)
    else:
        head += f"\n{key}: {value}"
    path.write_text(head + sep + body, encoding="utf-8")


def _random_edit(root: Path, rng: random.Random) -> bool:
    """Make one random edit; returns whether the project is meant to build."""
    verdicts = sorted((root / "content/verdicts").rglob("*.md"))
    verdicts = [v for v in verdicts if "coastline-verify" not in v.name]
    verdict = rng.choice(verdicts)
    kind = rng.randrange(11)
    if kind == 0:
        _set_field(verdict, "status", rng.choice(["draft", "submitted", "approved", "approved"]))
    elif kind == 1:
        _set_field(verdict, "rating", rng.choice(RATINGS))
    elif kind == 2:
        _set_field(verdict, "headline", f"Headline {rng.randrange(1000)}.")
    elif kind == 3:
        target = rng.choice(
            ["transit-fares-frozen", "burglaries-down-18-percent", "reservoirs-three-below-30"]
        )
        text = verdict.read_text("utf-8")
        link = f"\nSee also [[{target}]].\n"
        verdict.write_text(text.replace(link, "") if link in text else text + link, "utf-8")
    elif kind == 4:
        page = root / "content/pages" / rng.choice(["funding.md", "about.md"])
        _set_field(page, "menu", rng.choice(["true", "false"]))
    elif kind == 5:
        evidence = rng.choice(sorted((root / "content/evidence").glob("*.md")))
        _set_field(evidence, "title", f"Source number {rng.randrange(1000)}")
    elif kind == 6:
        reviewer = rng.choice(["sam-okafor", "priya-raman", "lena-haraldsen"])
        _set_field(
            root / f"content/reviewers/{reviewer}.md", "name", f"Reviewer {rng.randrange(1000)}"
        )
    elif kind == 7:
        article = root / "content/articles/harbour-city-transit-budget.md"
        _set_field(article, "tags", rng.choice(["[transit, budget]", "[transit]", "[money]"]))
    elif kind == 8:
        if (root / "templates").exists():
            shutil.rmtree(root / "templates")
        else:
            _override_template(root)
    elif kind == 9:
        _set_field(verdict, "rating", "not-a-rating")  # an error: the build must fail
        return False
    else:
        editors = [v for v in verdicts if v.stem == "helen-marsh"]  # the example's editor
        _set_field(rng.choice(editors), "final", rng.choice(["true", "false"]))
    return True


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_walks_of_edits(seed: int, primed: tuple[Path, BuildCache], tmp_path: Path) -> None:
    project, cache = primed
    rng = random.Random(seed)
    built = 0
    for _ in range(14):
        meant_to_build = _random_edit(project, rng)
        result = _rebuild_and_compare(project, tmp_path, cache)
        built += result.ok
        if meant_to_build:
            assert result.ok, result.diagnostics.format_text()
        else:
            assert not result.ok
            for verdict in (project / "content/verdicts").rglob("*.md"):
                text = verdict.read_text("utf-8")
                if "rating: not-a-rating" in text:
                    verdict.write_text(
                        text.replace("rating: not-a-rating", "rating: misleading"), "utf-8"
                    )
            assert _rebuild_and_compare(project, tmp_path, cache).ok
    assert built >= 8  # the walk went through good builds, not only failing ones
