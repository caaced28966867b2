"""Fixtures for the tests of the built example site: each build is made once per session."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers import copy_example, run_cli

from factcheck.project import open_project
from factcheck.views import SiteViews

REPO = Path(__file__).resolve().parents[2]
BASE_URL = "https://check.example.org/"
DRAFT_MARKERS = ("DRAFT-ONLY", "SUBMITTED-ONLY")


@dataclass(frozen=True)
class Built:
    project: Path
    site: Path
    published: frozenset[str]
    """Ids of the claims that have a published verdict."""
    claims: frozenset[str]
    """Ids of every claim (published or not)."""


def build(project: Path, output: Path, *options: str) -> None:
    result = run_cli("build", "--project", str(project), "--output", str(output), *options)
    result.assert_no_crash()
    assert result.exit_code == 0, result.output


def _claim_ids(project: Path) -> tuple[frozenset[str], frozenset[str]]:
    loaded, diags = open_project(project)
    assert loaded is not None and not diags.has_errors()
    views = SiteViews(loaded)
    published = frozenset(c.id for c in views.claims_by_date())
    every = frozenset(p.stem for p in (project / "content" / "claims").glob("*.md"))
    return published, every


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The example project (the repository root) built with --base-url."""
    site = tmp_path_factory.mktemp("example") / "site"
    build(REPO, site, "--base-url", BASE_URL)
    published, _ = _claim_ids(REPO)
    claims = frozenset(p.stem for p in (site / "claims").glob("*.html") if p.stem != "index")
    return Built(REPO, site, published, claims)


@pytest.fixture(scope="session")
def example_site_without_base_url(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """A copy of the example project with no base_url, built."""
    root = tmp_path_factory.mktemp("nobase")
    project = copy_example(root / "project", base_url=False)
    site = root / "site"
    build(project, site)
    published, _ = _claim_ids(project)
    claims = frozenset(p.stem for p in (site / "claims").glob("*.html") if p.stem != "index")
    return Built(project, site, published, claims)
