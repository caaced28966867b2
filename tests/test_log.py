"""`factcheck log CLAIM`: a claim's history from git, commit by commit (date, author), as a help
for writing a correction's note; a clear error outside a git repository."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import CONFIG, EDITOR, REVIEWER, run_cli, write_project

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

VERDICT = "content/verdicts/budget-doubled/sam.md"
FILES = {
    "content/reviewers/sam.md": REVIEWER,
    "content/reviewers/helen.md": EDITOR,
    "content/claims/budget-doubled.md": "---\nsummary: The budget doubled.\n---\n",
    "content/claims/fares-frozen.md": "---\nsummary: Fares are frozen.\n---\n",
    VERDICT: (
        "---\nclaim: budget-doubled\nreviewer: sam\nrating: misleading\nstatus: draft\n"
        "headline: Up 31 percent.\n---\nThe reasoning.\n"
    ),
}


@pytest.fixture(autouse=True)
def no_repository_above(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """git must not find a repository above the test's folder (the run's own checkout)."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))


def commit(root: Path, author: str, when: str, message: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": author,
        "GIT_AUTHOR_EMAIL": "newsroom@example.org",
        "GIT_COMMITTER_NAME": author,
        "GIT_COMMITTER_EMAIL": "newsroom@example.org",
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
    }
    subprocess.run(["git", "add", "-A"], cwd=root, check=True, env=env)
    subprocess.run(["git", "commit", "-q", "-m", message], cwd=root, check=True, env=env)


def change(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    root = write_project(tmp_path / "project", FILES, config=CONFIG)
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=root, check=True)
    commit(root, "Sam Okafor", "2026-03-10T09:00:00+00:00", "Sam's draft")
    change(root, VERDICT, "status: draft", "status: approved")
    commit(root, "Helen Marsh", "2026-03-12T17:30:00+00:00", "Approve")
    change(root, VERDICT, "rating: misleading", 'rating: "false"')
    change(root, VERDICT, "headline: Up 31 percent.", "headline: Not doubled.")
    commit(root, "Helen Marsh", "2026-04-02T10:15:00+00:00", "Rate it false")
    (root / "content/verdicts/budget-doubled/helen.md").write_text(
        "---\nclaim: fares-frozen\nreviewer: helen\nrating: accurate\n---\n", "utf-8"
    )
    commit(root, "Helen Marsh", "2026-04-03T08:00:00+00:00", "A verdict on another claim")
    change(root, VERDICT, "claim: budget-doubled", "claim: fares-frozen")
    return root


def test_the_history_of_a_claim_by_commit_date_and_author(repository: Path) -> None:
    result = run_cli("log", "--project", str(repository), "budget-doubled")
    result.assert_no_crash()
    assert result.exit_code == 0, result.output
    text = result.stdout
    blocks = text.split("\n\n")
    assert blocks[0] == "budget-doubled: The budget doubled."
    first = blocks[1].splitlines()
    assert first[0].startswith("2026-03-10T09:00:00+00:00  Sam Okafor  ")
    assert first[0].endswith("  Sam's draft")
    assert first[1:] == [
        "  content/claims/budget-doubled.md: added",
        "    summary: The budget doubled.",
        f"  {VERDICT}: added",
        "    reviewer: sam",
        "    rating: Misleading",
        "    status: draft",
        "    headline: Up 31 percent.",
    ]
    approve = blocks[2].splitlines()
    assert approve[0].startswith("2026-03-12T17:30:00+00:00  Helen Marsh  ")
    assert approve[1:] == [f"  {VERDICT}: changed", "    status: draft -> approved"]
    rated = blocks[3].splitlines()
    assert rated[0].endswith("  Rate it false")
    assert rated[1:] == [
        f"  {VERDICT}: changed",
        "    rating: Misleading -> False",
        "    headline: Up 31 percent. -> Not doubled.",
    ]
    # A commit that touched only another claim's verdict is not in it; the verdict moved to
    # another claim, not yet committed, comes last.
    assert len(blocks) == 5
    assert blocks[4].splitlines() == ["not committed yet", f"  {VERDICT}: removed"]


def test_the_history_as_json(repository: Path) -> None:
    result = run_cli("log", "--project", str(repository), "budget-doubled", "--format", "json")
    assert result.exit_code == 0, result.output
    events = result.json()
    assert [(e["author"], e["subject"]) for e in events] == [
        ("Sam Okafor", "Sam's draft"),
        ("Helen Marsh", "Approve"),
        ("Helen Marsh", "Rate it false"),
        ("", "not committed yet"),
    ]
    assert events[2]["changes"][0]["fields"][0] == ["rating", "Misleading", "False"]
    assert len(events[0]["commit"]) == 40


def test_outside_a_git_repository_a_clear_error(tmp_path: Path) -> None:
    root = write_project(tmp_path / "project", FILES, config=CONFIG)
    result = run_cli("log", "--project", str(root), "budget-doubled")
    result.assert_no_crash()
    assert result.exit_code == 1
    assert result.output == (
        f"factcheck: error: {root} is not in a git repository, so it has no history to show\n"
        "    hint: factcheck log reads a claim's history from git: keep the project in a git "
        "repository (git init, then commit the content)\n"
    )


def test_an_unknown_claim(repository: Path) -> None:
    result = run_cli("log", "--project", str(repository), "budget-double")
    assert result.exit_code == 1
    assert "factcheck: error: unknown claim 'budget-double'" in result.output
    assert "did you mean 'budget-doubled'?" in result.output
