"""The repository's own example project (factcheck.yaml and content/ at the repository root):
it checks clean, it shows every state of the review workflow, and what `check` and `status`
report about it does not drift unnoticed (pytest-regressions snapshots in
tests/test_example_project/).

When the example changes on purpose, look at the new output, then rerun with --force-regen.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from helpers import run_cli

from factcheck.model import State
from factcheck.project import open_project
from factcheck.review import published_corrections

if TYPE_CHECKING:
    from pytest_regressions.data_regression import DataRegressionFixture

EXAMPLE = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(
    not (EXAMPLE / "factcheck.yaml").is_file(), reason="the example project is not in this checkout"
)


def _json(*args: str) -> Any:
    result = run_cli(*args, "--project", str(EXAMPLE), "--format", "json")
    result.assert_no_crash()
    assert result.exit_code == 0, result.output
    return result.json()


def test_example_checks_clean() -> None:
    project, diags = open_project(EXAMPLE)
    assert project is not None
    assert [d.format() for d in diags] == []
    strict = run_cli("check", "--project", str(EXAMPLE), "--strict")
    assert strict.exit_code == 0, strict.output


def test_check_json_snapshot(data_regression: DataRegressionFixture) -> None:
    report = _json("check")
    assert report["ok"] is True
    assert report["errors"] == 0
    data_regression.check(report)


def test_status_json_snapshot(data_regression: DataRegressionFixture) -> None:
    rows = _json("status")
    assert rows, "the example has claims"
    for row in rows:  # it depends on the files' modification times (tests/test_status.py)
        for verdict in row["verdicts"]:
            assert verdict.pop("article_changed_since") in (True, False)
    data_regression.check({"claims": rows})


def test_example_covers_every_state() -> None:
    project, _ = open_project(EXAMPLE)
    assert project is not None
    claims = list(project.claims.values())
    by_agreement = [c for c in claims if c.state is State.PUBLISHED and c.ruling is None]
    by_ruling = [c for c in claims if c.state is State.PUBLISHED and c.ruling is not None]
    assert by_agreement, "a claim published because enough reviewers agree"
    assert by_ruling, "a claim published by an editor's ruling"
    for state in (State.DISPUTED, State.IN_REVIEW, State.UNREVIEWED):
        assert any(c.state is state for c in claims), f"a claim that is {state.value}"
    # A ruling that overrides disagreement shows off the rule best; at least one must.
    assert any(
        len({project.verdicts[p].rating for p in c.verdicts if project.verdicts[p].approved}) > 1
        for c in by_ruling
    )


def test_example_has_every_verdict_status_and_an_outside_check() -> None:
    project, _ = open_project(EXAMPLE)
    assert project is not None
    statuses = {v.status for v in project.verdicts.values()}
    assert statuses >= {"draft", "submitted", "approved"}
    assert any(r.role == "external" for r in project.reviewers.values())
    assert any(r.role == "editor" for r in project.reviewers.values())


def test_example_has_articles_and_standalone_claims() -> None:
    project, _ = open_project(EXAMPLE)
    assert project is not None
    assert project.articles
    assert any(c.article is None for c in project.claims.values())
    assert all(c.span is not None for c in project.claims.values() if c.article is not None)


def test_example_has_corrected_and_withdrawn_checks() -> None:
    project, _ = open_project(EXAMPLE)
    assert project is not None
    published = [c for c in project.claims.values() if c.state is State.PUBLISHED]
    kinds = {e.kind for c in published for e, _ in published_corrections(project, c)}
    assert {"correction", "rating-change", "update"} <= kinds
    # A stand-alone claim's own entry, besides those on verdicts.
    assert any(c.corrections for c in published if c.article is None)
    assert any(c.state is State.WITHDRAWN for c in project.claims.values())
