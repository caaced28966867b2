"""Building the example site: determinism, failed builds, --clean, template overrides."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from helpers import run_cli
from site_helpers import BASE_URL, REPO, build, copy_example


def snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


TwoBuilds = tuple[dict[str, str], dict[str, str]]
"""The snapshots of two builds of the same project."""


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> TwoBuilds:
    root = tmp_path_factory.mktemp("twice")
    build(REPO, root / "one", "--base-url", BASE_URL)
    build(REPO, root / "two", "--base-url", BASE_URL)
    return snapshot(root / "one"), snapshot(root / "two")


def _differences(one: dict[str, str], two: dict[str, str], *, pagefind: bool) -> list[str]:
    keys = sorted(set(one) | set(two))
    keys = [k for k in keys if k.startswith("pagefind/") == pagefind]
    return [k for k in keys if one.get(k) != two.get(k)]


def test_two_builds_are_byte_identical_outside_the_search_index(two_builds: TwoBuilds) -> None:
    one, two = two_builds
    assert len(one) > 50
    assert not _differences(one, two, pagefind=False)


def test_two_builds_have_byte_identical_search_indexes(two_builds: TwoBuilds) -> None:
    # Pagefind itself writes its filter files in a different order on each run; the build
    # reuses the index made from identical HTML (see factcheck/search.py), so they match.
    one, two = two_builds
    assert not _differences(one, two, pagefind=True)


def test_the_search_index_is_rebuilt_when_a_page_changes(tmp_path: Path) -> None:
    project = copy_example(tmp_path / "project")
    build(project, tmp_path / "one")
    page = project / "content" / "pages" / "about.md"
    page.write_text(page.read_text("utf-8") + "\nA zanzibarian sentence.\n", encoding="utf-8")
    build(project, tmp_path / "two")
    one, two = snapshot(tmp_path / "one"), snapshot(tmp_path / "two")
    assert _differences(one, two, pagefind=True)
    assert len(list((project / ".factcheck-cache" / "search").iterdir())) == 1


def test_a_failed_build_leaves_the_previous_site_untouched(tmp_path: Path) -> None:
    project = copy_example(tmp_path / "project")
    site = tmp_path / "site"
    build(project, site)
    (site / "marker.txt").write_text("from before", encoding="utf-8")
    before = snapshot(site)
    claim = project / "content" / "claims" / "harbour-tunnel-overrun.md"
    claim.write_text(
        claim.read_text("utf-8").replace("claimant:", "claimant: [unclosed\nx:"), encoding="utf-8"
    )
    verdict = project / "content" / "verdicts" / "transit-budget-doubled" / "sam-okafor.md"
    verdict.write_text(
        verdict.read_text("utf-8").replace("rating: ", "rating: no-such-"), encoding="utf-8"
    )
    result = run_cli("build", "--project", str(project), "--output", str(site))
    result.assert_no_crash()
    assert result.exit_code == 1, result.output
    assert "error:" in result.output
    assert snapshot(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "site"], "no staging left"


def test_a_template_error_leaves_the_previous_site_untouched(tmp_path: Path) -> None:
    project = copy_example(tmp_path / "project")
    site = tmp_path / "site"
    build(project, site)
    before = snapshot(site)
    (project / "templates").mkdir()
    (project / "templates" / "claim.html").write_text(
        '{% extends "base.html" %}{% block main %}{{ no_such_variable.x }}{% endblock %}',
        encoding="utf-8",
    )
    result = run_cli("build", "--project", str(project), "--output", str(site))
    result.assert_no_crash()
    assert result.exit_code == 1, result.output
    assert snapshot(site) == before


def test_a_rebuild_removes_stale_files_and_clean_builds_the_same(tmp_path: Path) -> None:
    project = copy_example(tmp_path / "project")
    site = tmp_path / "site"
    build(project, site)
    first = snapshot(site)
    (site / "stale.html").write_text("old", encoding="utf-8")
    (project / ".factcheck-cache").mkdir(exist_ok=True)
    (project / ".factcheck-cache" / "junk").write_text("x", encoding="utf-8")
    build(project, site, "--clean")
    assert not (site / "stale.html").exists()
    assert not (project / ".factcheck-cache" / "junk").exists()
    second = snapshot(site)
    assert {k: v for k, v in first.items() if not k.startswith("pagefind/")} == {
        k: v for k, v in second.items() if not k.startswith("pagefind/")
    }


def test_a_project_template_overrides_one_theme_file(tmp_path: Path) -> None:
    project = copy_example(tmp_path / "project")
    (project / "templates").mkdir()
    (project / "templates" / "page.html").write_text(
        '{% extends "base.html" %}{% block main %}<h1>OVERRIDDEN {{ plain_page.title }}</h1>'
        "{{ plain_page.html }}{% endblock %}\n",
        encoding="utf-8",
    )
    site = tmp_path / "site"
    build(project, site)
    about = (site / "pages" / "about.html").read_text("utf-8")
    assert "<h1>OVERRIDDEN About" in about
    assert 'href="../assets/style.css"' in about, "the default base.html still applies"
    claim = (site / "claims" / "transit-budget-doubled.html").read_text("utf-8")
    assert "OVERRIDDEN" not in claim, "other templates come from the default theme"
    assert 'class="claim-page' in claim
