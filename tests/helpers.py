"""Helpers that build a small project in a temporary folder and run `factcheck` on it, so that
each test says only what is particular to it (in the manner of Zola's `site/tests/common.rs` and
MkDocs' `tests/base.py`).

    root = write_project(tmp_path, {"content/pages/about.md": "---\\ntitle: About\\n---\\n"})
    result = run_cli("check", "--project", str(root))
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from factcheck.cli import cli

CONFIG = """\
title: Test Check
organization:
  name: Test Check
ratings:
  - id: accurate
  - id: mostly-accurate
  - id: misleading
  - id: "false"
  - id: unproven
review:
  min_reviewers: 1
"""
"""A small valid factcheck.yaml: four rated steps and an off-scale one, one approval needed."""

REVIEWER = "---\nname: Sam Okafor\n---\n"
EDITOR = "---\nname: Helen Marsh\nrole: editor\n---\n"

DIAGNOSTIC_LINE = re.compile(
    r"^(?P<path>[^\s:][^:]*):(?P<line>\d+):(?P<column>\d+): "
    r"(?P<severity>error|warning): (?P<message>.*)$"
)
"""One `path:line:col: severity: message` line of `factcheck check`."""

CRASH_MARKERS = ("Traceback", "internal error")


REPO = Path(__file__).resolve().parent.parent
"""The repository, whose root is the example project (content/, static/, factcheck.yaml)."""


def copy_example(dest: Path, *, base_url: bool = True) -> Path:
    """A copy of the example project (content, static, factcheck.yaml) under ``dest``."""
    import shutil

    dest.mkdir(parents=True, exist_ok=True)
    for folder in ("content", "static"):
        shutil.copytree(REPO / folder, dest / folder)
    config = (REPO / "factcheck.yaml").read_text(encoding="utf-8")
    if not base_url:
        config = (
            "\n".join(line for line in config.splitlines() if not line.startswith("base_url:"))
            + "\n"
        )
    (dest / "factcheck.yaml").write_text(config, encoding="utf-8")
    return dest


def site_texts(site: Path) -> list[tuple[str, str]]:
    """Every file under ``site`` as text, Pagefind's gzipped index files decompressed: what a
    leak check searches."""
    import gzip

    out = []
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        out.append((path.relative_to(site).as_posix(), data.decode("utf-8", "replace")))
    return out


def write_project(
    root: Path, files: Mapping[str, str | bytes | None], *, config: str | None = CONFIG
) -> Path:
    """Write ``files`` ({relative path: text or bytes}) under ``root``, with ``config`` as
    factcheck.yaml unless ``files`` gives one (None: leave the file out). Returns ``root``."""
    everything: dict[str, str | bytes | None] = {"factcheck.yaml": config, **files}
    root.mkdir(parents=True, exist_ok=True)
    for rel, content in everything.items():
        if content is None:
            continue
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes(content.encode("utf-8"))  # no newline translation, ever
    return root


@dataclass
class CliResult:
    """What one `factcheck` run printed and returned."""

    exit_code: int
    stdout: str
    output: str
    """stdout and stderr together, as a terminal shows them."""
    exception: BaseException | None

    @property
    def lines(self) -> list[str]:
        return self.stdout.splitlines()

    def json(self) -> Any:
        return json.loads(self.stdout)

    def assert_no_crash(self) -> None:
        """No uncaught exception, no traceback or "internal error" message, a known exit code."""
        assert self.exception is None or isinstance(self.exception, SystemExit), (
            f"factcheck raised {self.exception!r}\n{self.output}"
        )
        for marker in CRASH_MARKERS:
            assert marker not in self.output, self.output
        assert self.exit_code in (0, 1, 2), (self.exit_code, self.output)


def run_cli(*args: str, cwd: Path | None = None) -> CliResult:
    """Run `factcheck ARGS...` in-process (click's CliRunner), in ``cwd`` if given."""
    runner = CliRunner()
    old = Path.cwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        result = runner.invoke(cli, list(args), prog_name="factcheck")
    finally:
        os.chdir(old)
    return CliResult(result.exit_code, result.stdout, result.output, result.exception)


def check(root: Path, *options: str) -> CliResult:
    """`factcheck check --project ROOT OPTIONS...`, asserted not to have crashed."""
    result = run_cli("check", "--project", str(root), *options)
    result.assert_no_crash()
    return result


def diagnostic_lines(result: CliResult, root: Path | None = None) -> list[str]:
    """The diagnostics that `check` printed (with their hint lines), without the summary line;
    the project's folder, where it appears, written as ``<project>``."""
    lines = result.lines[:-1] if result.lines else []
    if root is not None:
        lines = [line.replace(str(root), "<project>") for line in lines]
    return lines


def messages(result: CliResult) -> list[str]:
    """Only the `path:line:col: severity: message` lines."""
    return [line for line in result.lines if DIAGNOSTIC_LINE.match(line)]
