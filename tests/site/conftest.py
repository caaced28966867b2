"""Fixtures for the tests of the built example site: each build is made once per session."""

from __future__ import annotations

import pytest
from site_helpers import BASE_URL, REPO, Built, build, claim_ids, copy_example


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The example project (the repository root) built with --base-url."""
    site = tmp_path_factory.mktemp("example") / "site"
    build(REPO, site, "--base-url", BASE_URL)
    published, _ = claim_ids(REPO)
    claims = frozenset(p.stem for p in (site / "claims").glob("*.html") if p.stem != "index")
    return Built(REPO, site, published, claims)


@pytest.fixture(scope="session")
def example_site_without_base_url(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """A copy of the example project with no base_url, built."""
    root = tmp_path_factory.mktemp("nobase")
    project = copy_example(root / "project", base_url=False)
    site = root / "site"
    build(project, site)
    published, _ = claim_ids(project)
    claims = frozenset(p.stem for p in (site / "claims").glob("*.html") if p.stem != "index")
    return Built(project, site, published, claims)
