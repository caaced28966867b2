"""The benchmark harnesses still run (issue 15): at a tiny size, one round, no timing asserted.

The other engines are looked for only in the ``--tools`` folder, here an empty one, so their rows
must say "not installed" whatever this machine has; factcheck's rows must be measured for real.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
BENCHMARKS = REPO / "benchmarks"
ENGINES = [
    "hugo",
    "hugo+pagefind",
    "eleventy",
    "pelican",
    "mkdocs",
    "factcheck",
    "factcheck-nosearch",
    "factcheck-rebuild",
    "factcheck-rebuild-nosearch",
]
OURS = {"factcheck", "factcheck-nosearch", "factcheck-rebuild", "factcheck-rebuild-nosearch"}


def run_script(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(BENCHMARKS / script), *args],
        cwd=REPO, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip


def test_compare_build_reports_every_engine(tmp_path: Path) -> None:
    tools, report, work = tmp_path / "tools", tmp_path / "compare.json", tmp_path / "work"
    tools.mkdir()
    done = run_script(
        "compare_build.py", "--pages", "5", "--repeat", "1", "--warmup", "0",
        "--tools", str(tools), "--workdir", str(work), "--json", str(report),
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    data: dict[str, Any] = json.loads(report.read_text(encoding="utf-8"))
    rows = {r["engine"]: r for r in data["results"]}
    assert [r["engine"] for r in data["results"]] == ENGINES
    table = [line.split()[0] for line in done.stdout.splitlines() if line.strip()]
    assert all(engine in table for engine in ENGINES)

    for engine in OURS:
        row = rows[engine]
        assert row["status"] == "ok", row
        assert len(row["times"]) == 1 and row["times"][0] > 0
        assert row["peak_bytes"] > 10_000_000  # a Python process, measured by the kernel
        assert row["output_files"] > 5
    # The build without search really leaves the index out, and the other one makes it.
    assert (work / "output" / "factcheck" / "pagefind" / "pagefind-entry.json").is_file()
    assert not (work / "output" / "factcheck-nosearch" / "pagefind").exists()
    # The rebuild saw the changed page, which was then put back as it was.
    rebuilt = work / "output" / "factcheck-rebuild" / "articles"
    assert any("added by the benchmark" in p.read_text() for p in rebuilt.glob("*.html"))
    articles = (work / "input" / "factcheck" / "content" / "articles").glob("*.md")
    assert not any("added by the benchmark" in p.read_text() for p in articles)

    for engine in set(ENGINES) - OURS:
        assert rows[engine]["status"] == "not installed", rows[engine]
        assert rows[engine]["detail"], "an engine that is missing says how to install it"
    ratios = {r["engine"]: r for r in reversed(data["ratios"])}  # each engine's first pair
    assert ratios["hugo"]["factcheck"] == "factcheck-nosearch"
    assert ratios["hugo+pagefind"]["factcheck"] == "factcheck"
    pairs = {(r["factcheck"], r["engine"]) for r in data["ratios"]}
    assert ("factcheck-rebuild", "hugo") in pairs
    assert ("factcheck-rebuild-nosearch", "hugo") in pairs
    assert not (work / "output" / "factcheck-rebuild-nosearch" / "pagefind").exists()
    assert all(r["time"] is None for r in data["ratios"])  # no other engine to compare with


def test_bench_project_measures_each_step(tmp_path: Path) -> None:
    report, work = tmp_path / "project.json", tmp_path / "work"
    done = run_script(
        "bench_project.py", "--sizes", "2/6", "--repeat", "1", "--warmup", "0",
        "--workdir", str(work), "--json", str(report),
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    data: dict[str, Any] = json.loads(report.read_text(encoding="utf-8"))
    (size,) = data["sizes"]
    assert size["status"] == "ok"
    steps = {s["name"]: s for s in size["steps"]}
    assert list(steps) == ["cold build", "no-op rebuild", "one-verdict rebuild", "check"]
    for step in steps.values():
        assert len(step["times"]) == 1 and step["peak_bytes"] > 10_000_000
        assert step["versus_cold"] is not None
    assert steps["cold build"]["versus_cold"] == 1.0
    # The changed verdict reached the site, and was put back afterwards.
    assert size["shown_on"] >= 1
    edited = work / "project-2-6" / size["edited"]
    assert "added by the benchmark" not in edited.read_text(encoding="utf-8")
