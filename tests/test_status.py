"""`factcheck status`: readable in an 80-column terminal, the same words as the review rules,
and verdicts written before their article last changed."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from helpers import EDITOR, REVIEWER, run_cli, write_project

ARTICLE = """\
---
title: A speech
claims:
  - id: a-rather-long-claim-identifier-that-would-not-fit-in-a-narrow-column
    quote: "the budget doubled"
    summary: The budget doubled.
  - id: fares
    quote: "fares were frozen"
    summary: Fares were frozen.
---
The mayor said the budget doubled and that fares were frozen.
"""


def _verdict(claim: str, reviewer: str, rating: str, status: str) -> str:
    return (
        f"---\nclaim: {claim}\nreviewer: {reviewer}\nrating: {rating}\nstatus: {status}\n"
        "headline: Checked.\n---\nThe reasoning.\n"
    )


LONG = "a-rather-long-claim-identifier-that-would-not-fit-in-a-narrow-column"

PROJECT = {
    "content/articles/speech.md": ARTICLE,
    "content/reviewers/sam-okafor.md": REVIEWER,
    "content/reviewers/priya-raman.md": "---\nname: Priya Raman\n---\n",
    "content/reviewers/helen-marsh.md": EDITOR,
    f"content/verdicts/{LONG}/sam-okafor.md": _verdict(LONG, "sam-okafor", "misleading", "draft"),
    f"content/verdicts/{LONG}/priya-raman.md": _verdict(
        LONG, "priya-raman", "accurate", "submitted"
    ),
    "content/verdicts/fares/sam-okafor.md": _verdict(
        "fares", "sam-okafor", "misleading", "approved"
    ),
}

CONFIG_TWO = """\
title: Test Check
organization:
  name: Test Check
ratings:
  - id: accurate
    label: Accurate
  - id: misleading
    label: Misleading
review:
  min_reviewers: 2
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return write_project(tmp_path / "p", PROJECT, config=CONFIG_TWO)


def test_status_fits_80_columns_without_breaking_ids(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    result = run_cli("status", "--project", str(project))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines and all(len(line) <= 80 for line in lines), result.stdout
    # Every id is whole on one line (a long id is never folded mid-word).
    assert any(line.strip() == LONG for line in lines)
    assert any(re.search(r"\bsam-okafor: approved, Misleading$", line) for line in lines)


def test_status_uses_the_review_rules_words(project: Path) -> None:
    text = run_cli("status", "--project", str(project)).stdout
    flat = " ".join(text.split())
    assert "would publish as Misleading after one more approval" in flat
    assert (
        "verdicts disagree (Accurate vs Misleading): needs agreement or an editor's ruling, "
        "and two more approvals (1 submitted, 1 draft waiting)"
    ) in flat


def test_status_json_says_what_it_would_publish_as(project: Path) -> None:
    rows = {
        r["claim"]: r
        for r in run_cli("status", "--project", str(project), "--format", "json").json()
    }
    assert rows["fares"]["would_publish_as"] == "misleading"
    assert rows["fares"]["outlook"] == "would publish as Misleading after one more approval"
    assert rows[LONG]["would_publish_as"] is None
    assert rows[LONG]["disagreement"] == ["accurate", "misleading"]
    assert rows[LONG]["line"] == 4


def test_status_flags_verdicts_written_before_the_article_changed(project: Path) -> None:
    article = project / "content/articles/speech.md"
    verdict = project / "content/verdicts/fares/sam-okafor.md"
    os.utime(verdict, (1_000_000, 1_000_000))
    os.utime(article, (1_000_000, 1_000_000))
    rows = {
        r["claim"]: r
        for r in run_cli("status", "--project", str(project), "--format", "json").json()
    }
    assert rows["fares"]["verdicts"][0]["article_changed_since"] is False
    os.utime(article, (1_000_100, 1_000_100))  # the article is saved after the verdict
    rows = {
        r["claim"]: r
        for r in run_cli("status", "--project", str(project), "--format", "json").json()
    }
    assert rows["fares"]["verdicts"][0]["article_changed_since"] is True
    text = run_cli("status", "--project", str(project)).stdout
    assert "sam-okafor: approved, Misleading, article changed since" in text
