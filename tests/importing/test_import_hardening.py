"""Importing crafted and broken input: a located error and the good files imported, never a
crash, a hang or a run that stops at the first bad file."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

from click.testing import CliRunner
from import_helpers import FIXTURES, content_files, do_import, messages

from factcheck.cli import cli

TRANSIT = "botnews/2026-03-10-harbour-city-transit-budget.txt"
RESERVOIRS = "botnews/2026-08-14-reservoirs-lowest-since-1976.txt"


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "drop"
    folder.mkdir()
    shutil.copy(FIXTURES / TRANSIT, folder)
    shutil.copy(FIXTURES / "botnews/broken-bad-date.txt", folder)
    shutil.copy(FIXTURES / RESERVOIRS, folder)
    (folder / "gone.txt").symlink_to(folder / "no-such-file.txt")
    (folder / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    os.mkfifo(folder / "pipe.xml")  # reading it would wait for ever
    return folder


def test_one_bad_file_in_a_folder_does_not_stop_the_others(project: Path, tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    result = CliRunner().invoke(cli, ["--project", str(project), "import", str(folder)])
    assert result.exit_code == 1
    out = result.output
    # Each bad file at its place ...
    assert f"{folder}/broken-bad-date.txt:10:" in out and "date and time are not valid" in out
    assert f"{folder}/gone.txt:1:1: error: cannot read the file: a link to nothing" in out
    assert f"{folder}/pipe.xml:1:1: error: cannot read the file: not a regular file" in out
    assert f"{folder}/deep.json:1:1: error:" in out and "nested more than 64 levels" in out
    assert "4 sources could not be imported" in out
    # ... and the good ones imported.
    assert sorted(content_files(project)) == [
        "content/articles/2026-03-10-harbour-city-transit-budget.md",
        "content/articles/2026-08-14-reservoirs-lowest-since-1976.md",
    ]
    assert "internal error" not in out


def test_deep_and_huge_json_are_located_errors(project: Path, tmp_path: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text('{"a":' * 50_000 + "1" + "}" * 50_000, encoding="utf-8")
    assert messages(do_import(project, deep)) == [
        "this JSON cannot be a published check: it is nested more than 64 levels deep; nothing "
        "was imported"
    ]
    # Deep JSON-LD inside a page is skipped with a warning, like invalid JSON-LD.
    page = tmp_path / "page.html"
    page.write_text(
        '<html><head><script type="application/ld+json">'
        + "[" * 5000
        + "]" * 5000
        + "</script></head><body><p>No article.</p></body></html>",
        encoding="utf-8",
    )
    report = do_import(project, page, source_type="claimreview")
    assert report.failed
    assert any(
        "JSON-LD block was skipped: it is nested more than 64 levels deep" in d.message
        for d in report.diags.warnings
    )
    # Brackets inside strings are text, not nesting.
    text = tmp_path / "strings.json"
    text.write_text('{"claimReview": [], "text": "' + "[" * 1000 + '"}', encoding="utf-8")
    assert "nested" not in " ".join(messages(do_import(project, text)))


def test_crafted_lines_are_read_in_linear_time(tmp_path: Path) -> None:
    """The bot format's byline, signature and footer, and the sentence splitter, on lines built
    to make a backtracking regular expression take hours (the byline took 17 s for 2,000
    spaces before). Run in a child process with a time limit, so that a regression fails
    instead of hanging the suite; the limit is a thousand times what the work takes."""
    script = textwrap.dedent("""
        from factcheck.importing.botnews import parse_bot_text
        from factcheck.suggest import split_sentences
        spaces = " " * 200_000
        text = "\\n\\n".join(["Title", "Authored by x" + spaces + "y", "Body.",
                              "Desk\\nTue, 03/10/2026 - 14:05" + spaces + "x",
                              "Tue, 03/10/2026 - 14:05 OutletRead More",
                              "Author: x" + spaces + "y"])
        article = parse_bot_text(text, "crafted.txt")
        assert article.author.startswith("x") and article.bot.startswith("x")
        split_sentences("a" + "." * 200_000 + "a" + ". " * 100_000 + "Mr. " * 100_000)
        print("ok")
    """)
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"
