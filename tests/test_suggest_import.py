"""The claims that `import` suggests in an article's front matter, with the real model: each,
once its '# ' is removed, passes `check` without a warning; and an import shows which of them
the project has checked already."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from factcheck.cli import cli
from factcheck.commands.init import run_init
from factcheck.project import open_project

FIXTURES = Path(__file__).parent / "fixtures" / "import"
ARTICLES = [
    "botnews/2026-03-10-harbour-city-transit-budget.txt",
    "botnews/2026-08-14-reservoirs-lowest-since-1976.txt",
    "html/article.html",
    "feeds/ledger-wire.rss",
    "feeds/harbour-desk.atom",
]


def _enable_suggestions(path: Path) -> int:
    """Remove the '# ' of every suggested entry, as an editor would; returns how many."""
    text = path.read_text(encoding="utf-8")
    head, sep, rest = text.partition("claims:\n# Suggested claims")
    if not sep:
        return 0
    comment, end, body = rest.partition("\n---\n")
    lines = comment.split("\n")[1:]  # after the header line
    enabled = [re.sub(r"^# ?", "", line) for line in lines]
    path.write_text(head + "claims:\n" + "\n".join(enabled) + end + body, encoding="utf-8")
    return sum(1 for line in enabled if line.startswith("- id:"))


def test_enabled_suggestions_pass_check_without_a_warning(tmp_path: Path) -> None:
    root = tmp_path / "site"
    assert run_init(root) == 0
    result = CliRunner().invoke(
        cli, ["--project", str(root), "import", *(str(FIXTURES / a) for a in ARTICLES)]
    )
    assert result.exit_code == 0, result.output
    enabled = sum(_enable_suggestions(p) for p in (root / "content" / "articles").glob("*.md"))
    assert enabled >= 8
    project, diags = open_project(root)
    assert project is not None
    assert not list(diags), diags.format_text()
    check = CliRunner().invoke(cli, ["--project", str(root), "check"])
    assert check.exit_code == 0 and check.output.startswith("0 errors, 0 warnings"), check.output
    for claim in project.claims.values():
        assert len(claim.summary) < 75, claim.summary


def test_import_shows_the_claims_a_suggestion_matches(tmp_path: Path) -> None:
    root = tmp_path / "site"
    assert run_init(root) == 0
    (root / "content" / "claims" / "transit-ridership-third.md").write_text(
        "---\nsummary: Transit ridership is down 33 percent since 2021.\n---\n", encoding="utf-8"
    )
    result = CliRunner().invoke(
        cli, ["--project", str(root), "import", str(FIXTURES / ARTICLES[0])]
    )
    assert result.exit_code == 0, result.output
    assert "is already checked? transit-ridership-third (similarity" in result.output
    article = next((root / "content" / "articles").glob("*.md")).read_text(encoding="utf-8")
    assert "#   # already checked? transit-ridership-third (similarity" in article
