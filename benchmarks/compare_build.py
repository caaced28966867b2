"""Time Hugo, Pelican, MkDocs and factcheck building the same plain Markdown pages.

Run from the repository root:

    python benchmarks/compare_build.py                      # 1,000 pages, best of 3
    python benchmarks/compare_build.py --pages 5000 --repeat 5 --json results.json
    python benchmarks/compare_build.py --engines hugo,factcheck --install

The four inputs are written by ``generate_plain.py`` into a temporary folder (``--workdir`` keeps
them), then each engine builds its own input ``--repeat`` times, the engines taking turns so that
a burst of background load does not fall on one engine only. Each run starts from an empty output
folder (and, for factcheck, without its build cache) and is timed as wall-clock time around the
whole command, start-up included (``time.perf_counter`` around ``subprocess.run``). The table
shows the best and the median run and what the last run wrote.

An engine that is not installed is reported with the command that installs it; ``--install``
runs those commands. A build that fails is reported with the end of its error output, and the
others go on. factcheck runs from this working tree (``python -m factcheck`` with the repository
on ``PYTHONPATH``).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from dataclasses import asdict, dataclass, field
from pathlib import Path

from generate_plain import ENGINES, WRITERS, make_pages

REPO = Path(__file__).resolve().parent.parent

INSTALL = {
    "hugo": "apt-get install hugo",
    "pelican": "pip install pelican markdown",
    "mkdocs": "pip install mkdocs",
    "factcheck": "pip install -e .",
}


@dataclass(slots=True)
class Result:
    engine: str
    version: str = ""
    pages: int = 0
    status: str = "ok"
    """ok | not installed | failed (exit N) | timed out"""
    times: list[float] = field(default_factory=list)
    best: float | None = None
    median: float | None = None
    output_files: int | None = None
    output_bytes: int | None = None
    command: list[str] = field(default_factory=list)
    detail: str = ""
    """The install command, or the end of a failed build's error output."""


def factcheck_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p)
    return env


def module_command(module: str) -> list[str] | None:
    """``python -m MODULE`` when this interpreter can import it."""
    if importlib.util.find_spec(module) is not None:
        return [sys.executable, "-m", module]
    return None


def base_command(engine: str) -> list[str] | None:
    """How to start ``engine`` here, or None when it is not installed."""
    if engine == "factcheck":
        return [sys.executable, "-m", "factcheck"]
    exe = shutil.which(engine)
    if exe:
        return [exe]
    return module_command(engine) if engine in ("pelican", "mkdocs") else None


def build_command(engine: str, base: list[str], project: Path, out: Path) -> list[str]:
    if engine == "hugo":
        return [*base, "--quiet", "-s", str(project), "-d", str(out)]
    if engine == "pelican":
        return [*base, "content", "-s", "pelicanconf.py", "-o", str(out), "-q"]
    if engine == "mkdocs":
        return [*base, "build", "-q", "-f", "mkdocs.yml", "-d", str(out)]
    return [*base, "build", "--project", str(project), "--output", str(out), "--quiet"]


def version_of(engine: str, base: list[str]) -> str:
    args = ["version"] if engine == "hugo" else ["--version"]
    env = factcheck_env() if engine == "factcheck" else None
    try:
        proc = subprocess.run(
            [*base, *args], capture_output=True, text=True, timeout=60, env=env, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        proc = None
    if proc is not None and proc.returncode == 0:
        found = re.search(r"v?(\d+\.\d+(?:\.\d+)?[^\s,]*)", proc.stdout + proc.stderr)
        if found:
            return found.group(1)
    if engine == "factcheck":
        with (REPO / "pyproject.toml").open("rb") as f:
            return str(tomllib.load(f)["project"]["version"]) + " (source)"
    return "?"


def tail(text: str, lines: int = 12) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


def count_output(out: Path) -> tuple[int, int]:
    files = size = 0
    for p in out.rglob("*"):
        if p.is_file():
            files += 1
            size += p.stat().st_size
    return files, size


def install(engines: list[str]) -> None:
    """Install the missing engines with apt-get and pip (waiting for a busy apt lock)."""
    missing = [e for e in engines if e != "factcheck" and base_command(e) is None]
    for engine in missing:
        if engine == "hugo":
            apt = ["apt-get", "-y", "-o", "DPkg::Lock::Timeout=600", "install", "hugo"]
            for attempt in range(3):
                print(f"$ {' '.join(apt)}", flush=True)
                if subprocess.run(apt, check=False).returncode == 0:
                    break
                print("apt-get failed; updating the package lists and trying again", flush=True)
                subprocess.run(["apt-get", "-o", "DPkg::Lock::Timeout=600", "update"], check=False)
                time.sleep(5 * (attempt + 1))
        else:
            packages = INSTALL[engine].split()[2:]
            pip = [sys.executable, "-m", "pip", "install", "--quiet", *packages]
            print(f"$ {' '.join(pip)}", flush=True)
            subprocess.run(pip, check=False)


def run_benchmark(
    engines: list[str], *, pages: int, repeat: int, workdir: Path, timeout: float, seed: int
) -> list[Result]:
    t0 = time.perf_counter()
    page_list = make_pages(pages, seed)
    results: dict[str, Result] = {}
    commands: dict[str, tuple[list[str], Path, Path, dict[str, str] | None]] = {}
    for engine in engines:
        result = results[engine] = Result(engine, pages=pages)
        project = workdir / "input" / engine
        if project.exists():
            shutil.rmtree(project)
        WRITERS[engine](project, page_list)
        base = base_command(engine)
        if base is None:
            result.status = "not installed"
            result.detail = INSTALL[engine]
            continue
        result.version = version_of(engine, base)
        out = workdir / "output" / engine
        cmd = build_command(engine, base, project, out)
        result.command = cmd
        env = factcheck_env() if engine == "factcheck" else None
        commands[engine] = (cmd, project, out, env)
    print(f"wrote {pages} pages for {len(engines)} engines in {time.perf_counter() - t0:.1f} s")

    for round_no in range(repeat):
        for engine, (cmd, project, out, env) in commands.items():
            result = results[engine]
            if result.status != "ok":
                continue
            shutil.rmtree(out, ignore_errors=True)
            shutil.rmtree(project / ".factcheck-cache", ignore_errors=True)
            start = time.perf_counter()
            try:
                proc = subprocess.run(
                    cmd, cwd=project, env=env, capture_output=True, text=True,
                    timeout=timeout, check=False,
                )  # fmt: skip
            except subprocess.TimeoutExpired:
                result.status = f"timed out ({timeout:g} s)"
                continue
            except OSError as exc:
                result.status = "failed"
                result.detail = str(exc)
                continue
            elapsed = time.perf_counter() - start
            if proc.returncode != 0:
                result.status = f"failed (exit {proc.returncode})"
                result.detail = tail(proc.stderr or proc.stdout)
                continue
            result.times.append(elapsed)
            print(f"  round {round_no + 1}/{repeat}  {engine:<10} {elapsed:8.2f} s", flush=True)

    for engine, (_cmd, _project, out, _env) in commands.items():
        result = results[engine]
        if result.times:
            result.best = min(result.times)
            result.median = statistics.median(result.times)
        if result.status == "ok" and out.exists():
            result.output_files, result.output_bytes = count_output(out)
    return [results[e] for e in engines]


def num(value: float | None, fmt: str) -> str:
    return "-" if value is None else format(value, fmt)


def print_table(results: list[Result]) -> None:
    head = f"{'engine':<10} {'version':<18} {'pages':>6} {'best s':>8} {'median s':>9} " \
        f"{'files':>7} {'MB':>7}  status"  # fmt: skip
    print()
    print(head)
    print("-" * len(head))
    for r in results:
        mb = None if r.output_bytes is None else r.output_bytes / 1e6
        print(
            f"{r.engine:<10} {r.version[:18]:<18} {r.pages:>6} {num(r.best, '.2f'):>8} "
            f"{num(r.median, '.2f'):>9} {num(r.output_files, 'd'):>7} {num(mb, '.1f'):>7}  "
            f"{r.status}"
        )
    for r in results:
        if r.status == "not installed":
            print(f"\n{r.engine}: not installed; install with: {r.detail}")
        elif r.status != "ok" and r.detail:
            print(f"\n{r.engine}: {r.status}: {' '.join(r.command)}\n{r.detail}")


def machine() -> dict[str, object]:
    return {
        "platform": platform.platform(),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=1000, help="pages (default 1000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per engine (default 3)")
    parser.add_argument(
        "--engines",
        default=",".join(ENGINES),
        help=f"comma-separated subset of {','.join(ENGINES)} (default: all)",
    )
    parser.add_argument("--install", action="store_true", help="install missing engines first")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write results as JSON")
    parser.add_argument(
        "--workdir", type=Path, help="keep inputs and outputs here instead of a temporary folder"
    )
    parser.add_argument("--timeout", type=float, default=900, help="seconds per build run")
    parser.add_argument("--seed", type=int, default=1, help="random seed for the pages")
    args = parser.parse_args(argv)
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    unknown = [e for e in engines if e not in ENGINES]
    if unknown:
        parser.error(f"unknown engine(s): {', '.join(unknown)}; choose from {', '.join(ENGINES)}")
    if args.pages < 1 or args.repeat < 1:
        parser.error("--pages and --repeat must be at least 1")
    if args.install:
        install(engines)

    if args.workdir:
        args.workdir.mkdir(parents=True, exist_ok=True)
        results = run_benchmark(
            engines, pages=args.pages, repeat=args.repeat, workdir=args.workdir.resolve(),
            timeout=args.timeout, seed=args.seed,
        )  # fmt: skip
    else:
        with tempfile.TemporaryDirectory(prefix="factcheck-bench-") as tmp:
            results = run_benchmark(
                engines, pages=args.pages, repeat=args.repeat, workdir=Path(tmp),
                timeout=args.timeout, seed=args.seed,
            )  # fmt: skip
    print_table(results)
    if args.json:
        report = {
            "benchmark": "compare_build",
            "pages": args.pages,
            "repeat": args.repeat,
            "seed": args.seed,
            "machine": machine(),
            "results": [asdict(r) for r in results],
        }
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
