"""Time ``factcheck check`` on a large generated project.

Run from the repository root:

    python benchmarks/bench_check.py                       # 1,000 articles, 10,000 verdicts
    python benchmarks/bench_check.py --articles 3000 --verdicts 30000 --repeat 5
    python benchmarks/bench_check.py --project /tmp/big    # generate once, then reuse

The project comes from ``generate_project.py`` (into a temporary folder, or into ``--project DIR``
when DIR has no ``factcheck.yaml`` yet; a DIR that has one is used as it is). Each run is the
wall-clock time of the whole command, start-up included: ``python -m factcheck check --project
DIR``, with this repository on ``PYTHONPATH``. The script prints the best and median of the runs,
the start-up time of the command line alone (``factcheck --help``), and the diagnostics the check
reported. A generated project is valid, so any error is a bug in the checker or the generator:
the script then exits 1, as it does when the check cannot run at all.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from generate_project import generate

REPO = Path(__file__).resolve().parent.parent
DIAGNOSTIC = re.compile(
    r"^(?P<path>\S[^:\n]*):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning): "
)


def env() -> dict[str, str]:
    e = dict(os.environ)
    e["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), e.get("PYTHONPATH", "")) if p)
    return e


def run(args: list[str], timeout: float) -> tuple[float, subprocess.CompletedProcess[str]]:
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "factcheck", *args],
        capture_output=True, text=True, env=env(), timeout=timeout, check=False,
    )  # fmt: skip
    return time.perf_counter() - start, proc


def tail(text: str, lines: int = 12) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


def count_text(output: str) -> tuple[int, int, list[str]]:
    """Errors, warnings and the diagnostic lines in ``path:line:col: severity: message`` form."""
    lines = [ln for ln in output.splitlines() if DIAGNOSTIC.match(ln)]
    errors = sum(1 for ln in lines if DIAGNOSTIC.match(ln)["sev"] == "error")  # type: ignore[index]
    return errors, len(lines) - errors, lines


def count_json(output: str) -> tuple[int, int] | None:
    """Errors and warnings in ``check --format json`` output, whatever its exact shape."""
    try:
        data: Any = json.loads(output)
    except ValueError:
        return None
    if isinstance(data, dict):
        for key in ("diagnostics", "problems", "messages", "items"):
            if isinstance(data.get(key), list):
                data = data[key]
                break
        else:
            errors, warnings = data.get("errors"), data.get("warnings")
            if isinstance(errors, int) and isinstance(warnings, int):
                return errors, warnings
            if isinstance(errors, list) and isinstance(warnings, list):
                return len(errors), len(warnings)
            return None
    if not isinstance(data, list):
        return None
    severities = [
        str(d.get("severity") or d.get("level") or d.get("kind") or "").lower()
        for d in data
        if isinstance(d, dict)
    ]
    return severities.count("error"), severities.count("warning")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="articles (default 1000)")
    parser.add_argument("--verdicts", type=int, default=10000, help="verdicts (default 10000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument(
        "--project", type=Path, help="use this project; generated into it when it has none"
    )
    parser.add_argument("--repeat", type=int, default=3, help="timed runs (default 3)")
    parser.add_argument("--timeout", type=float, default=900, help="seconds per run")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write results as JSON")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    with tempfile.TemporaryDirectory(prefix="factcheck-bench-check-") as tmp:
        project = (args.project or Path(tmp) / "project").resolve()
        if (project / "factcheck.yaml").exists():
            print(f"reusing {project}")
        else:
            generate(project, articles=args.articles, verdicts=args.verdicts, seed=args.seed)
        return bench(project, args)


def bench(project: Path, args: argparse.Namespace) -> int:
    files = sum(1 for p in (project / "content").rglob("*.md"))
    print(f"\nfactcheck check on {files:,} content files, runs: {args.repeat}")

    startup, proc = run(["--help"], args.timeout)
    if proc.returncode != 0:
        print(f"factcheck does not start (exit {proc.returncode}):\n{tail(proc.stderr)}")
        return 1

    times: list[float] = []
    proc = None
    for i in range(args.repeat):
        try:
            elapsed, proc = run(["check", "--project", str(project)], args.timeout)
        except subprocess.TimeoutExpired:
            print(f"  run {i + 1}: timed out after {args.timeout:g} s")
            return 1
        output = proc.stdout + proc.stderr
        # Exit 1 means "the content has errors" only when it printed some; a traceback also
        # exits 1, and 2 is a usage error (such as a command that does not exist yet).
        if proc.returncode not in (0, 1) or (proc.returncode == 1 and not count_text(output)[2]):
            print(f"  run {i + 1}: `factcheck check` failed (exit {proc.returncode}):")
            print(tail(output))
            return 1
        times.append(elapsed)
        print(f"  run {i + 1}: {elapsed:.2f} s (exit {proc.returncode})", flush=True)

    assert proc is not None
    errors, warnings, lines = count_text(proc.stdout + proc.stderr)
    best, median = min(times), statistics.median(times)
    print(f"\nstart-up (factcheck --help): {startup:.2f} s")
    print(f"check: best {best:.2f} s, median {median:.2f} s")
    print(f"diagnostics: {errors} errors, {warnings} warnings (exit {proc.returncode})")
    for line in lines[:10]:
        print(f"  {line}")
    if len(lines) > 10:
        print(f"  ... and {len(lines) - 10} more")

    json_counts = None
    try:
        _, jproc = run(["check", "--project", str(project), "--format", "json"], args.timeout)
        json_counts = count_json(jproc.stdout)
    except subprocess.TimeoutExpired:
        pass
    if json_counts is not None:
        print(f"--format json: {json_counts[0]} errors, {json_counts[1]} warnings")
        errors = max(errors, json_counts[0])

    if args.json:
        report = {
            "benchmark": "bench_check",
            "project": str(project),
            "content_files": files,
            "times": times,
            "best": best,
            "median": median,
            "startup": startup,
            "errors": errors,
            "warnings": warnings,
            "exit": proc.returncode,
        }
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {args.json}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
