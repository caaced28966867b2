"""What the tests of the built example site share: the example project, its build, and what it
holds. A module of its own, not the conftest: two folders of tests each have a `conftest`, and
`from conftest import` took whichever was imported last (`pytest tests/site tests/serve` failed
to collect)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from helpers import copy_example, run_cli

from factcheck.project import open_project
from factcheck.views import SiteViews

__all__ = ["BASE_URL", "DRAFT_MARKERS", "REPO", "Built", "build", "claim_ids", "copy_example"]

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


def claim_ids(project: Path) -> tuple[frozenset[str], frozenset[str]]:
    loaded, diags = open_project(project)
    assert loaded is not None and not diags.has_errors()
    views = SiteViews(loaded)
    published = frozenset(c.id for c in views.claims_by_date())
    every = frozenset(p.stem for p in (project / "content" / "claims").glob("*.md"))
    return published, every
