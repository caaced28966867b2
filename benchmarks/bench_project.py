"""Time factcheck on the fact-check corpus: cold build, rebuilds in a new process, check.

Run from the repository root:

    python benchmarks/bench_project.py                                  # 1,000 / 10,000
    python benchmarks/bench_project.py --sizes 1000/10000,4000/40000 --repeat 3 --json out.json
    python benchmarks/bench_project.py --sizes 100/1000 --repeat 1 --warmup 0     # a smoke run

For each size (articles/verdicts) the project is written by ``generate_project.py``, then each
round runs, every step a new ``python -m factcheck`` process measured from outside (wall time,
CPU time and peak memory, see ``measure.py``):

1. cold build: no output folder and no ``.factcheck-cache/``;
2. no-op rebuild: the same command again, with the output and the cache that step 1 left;
3. one-verdict rebuild: one approved verdict gets a new closing paragraph, then the same command
   (the verdict is put back before the next round's cold build);
4. ``factcheck check`` on the project as the builds left it (the cache kept).

The table gives each step's median and minimum, and each step's time over the cold build's, as
the median of the round-by-round ratios (the figures that hold on a shared machine); with two
sizes or more, how the cold build and the check grow with the content. ``--no-search`` builds
without the search index. Every build must succeed and ``check`` must find no error (the
generated project is valid): otherwise the script reports the end of the output and exits 1.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

from generate_project import generate
from measure import (
    Figures,
    factcheck_build,
    factcheck_env,
    has_no_search_option,
    machine,
    ratio,
    run_steps,
)

STEPS = ("cold build", "no-op rebuild", "one-verdict rebuild", "check")
MARKER = "A correction note added by the benchmark"


@dataclass(slots=True)
class Step(Figures):
    name: str = ""
    versus_cold: float | None = None
    """This step's time over the cold build's, median of the rounds' ratios."""


@dataclass(slots=True)
class Size:
    articles: int
    verdicts: int
    content_files: int = 0
    content_bytes: int = 0
    edited: str = ""
    """The verdict that the one-verdict rebuild changes (relative to the project)."""
    shown_on: int | None = None
    """Site files that show the change after the one-verdict rebuild (checked once)."""
    status: str = "ok"
    detail: str = ""
    steps: list[Step] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.articles:,}/{self.verdicts:,}"


def parse_sizes(text: str) -> list[tuple[int, int]]:
    sizes = []
    for part in text.split(","):
        articles, _, verdicts = part.strip().partition("/")
        sizes.append((int(articles), int(verdicts)))
    return sizes


def pick_verdict(project: Path) -> Path:
    """The first approved verdict, in path order: its claim's page shows it."""
    for path in sorted((project / "content" / "verdicts").rglob("*.md")):
        if "\nstatus: approved\n" in path.read_text(encoding="utf-8"):
            return path
    raise SystemExit(f"{project} has no approved verdict to change")


def shown_on(site: Path) -> int:
    return sum(
        1 for p in site.rglob("*.html") if MARKER in p.read_text(encoding="utf-8", errors="ignore")
    )


def bench_size(size: Size, project: Path, args: argparse.Namespace, no_search_option: bool) -> None:
    content = [p for p in (project / "content").rglob("*") if p.is_file()]
    size.content_files = len(content)
    size.content_bytes = sum(p.stat().st_size for p in content)
    site = project / "site"
    build = factcheck_build(
        project, site, search=not args.no_search, no_search_option=no_search_option
    )
    check = [[sys.executable, "-m", "factcheck", "check", "--project", str(project)]]
    verdict = pick_verdict(project)
    size.edited = verdict.relative_to(project).as_posix()
    original = verdict.read_text(encoding="utf-8")
    size.steps = [Step(name=name) for name in STEPS]
    env = factcheck_env()
    try:
        for round_no in range(args.warmup + args.repeat):
            timed = round_no >= args.warmup
            label = f"round {round_no - args.warmup + 1}/{args.repeat}" if timed else "warm-up"
            verdict.write_text(original, encoding="utf-8")
            shutil.rmtree(site, ignore_errors=True)
            shutil.rmtree(project / ".factcheck-cache", ignore_errors=True)
            for step, commands in zip(size.steps, (build, build, build, check), strict=True):
                if step.name == "one-verdict rebuild":
                    edit = f"\n\n{MARKER} (round {round_no + 1}).\n"
                    verdict.write_text(original.rstrip("\n") + edit, encoding="utf-8")
                measured = run_steps(commands, cwd=project, env=env, timeout=args.timeout)
                print(
                    f"  {size.label:<13} {label:<11} {step.name:<20} {measured.seconds:8.2f} s "
                    f"{measured.peak_bytes / 1e6:8.0f} MB",
                    flush=True,
                )
                if not measured.ok:
                    size.status = (
                        f"{step.name} timed out ({args.timeout:g} s)"
                        if measured.timed_out
                        else f"{step.name} failed (exit {measured.exit_code})"
                    )
                    size.detail = measured.output_tail
                    return
                if timed:
                    step.add(measured)
                if step.name == "one-verdict rebuild" and size.shown_on is None:
                    size.shown_on = shown_on(site)
    finally:
        verdict.write_text(original, encoding="utf-8")
        cold = size.steps[0].times
        for step in size.steps:
            step.summarize()
            step.versus_cold = ratio(step.times, cold) if step.times else None


def num(value: float | None, fmt: str, suffix: str = "") -> str:
    return "-" if value is None else format(value, fmt) + suffix


def print_size(size: Size) -> None:
    print(
        f"\n{size.label} articles/verdicts: {size.content_files:,} content files, "
        f"{size.content_bytes / 1e6:.1f} MB; changed verdict {size.edited} "
        f"(shown on {num(size.shown_on, 'd')} pages)"
    )
    head = f"{'step':<20} {'median s':>8} {'min s':>7} {'cpu s':>7} {'peak MB':>8} {'/ cold':>7}"
    print(head)
    print("-" * len(head))
    for s in size.steps:
        peak = None if s.peak_bytes is None else s.peak_bytes / 1e6
        print(
            f"{s.name:<20} {num(s.median, '.2f'):>8} {num(s.best, '.2f'):>7} "
            f"{num(s.cpu_median, '.2f'):>7} {num(peak, '.0f'):>8} "
            f"{num(s.versus_cold, '.3f', 'x'):>7}"
        )
    if size.status != "ok":
        print(f"{size.status}:\n{size.detail}")


def scaling(sizes: list[Size]) -> dict[str, float] | None:
    """How the largest size's cold build and check compare with the smallest's."""
    done = [s for s in sizes if s.status == "ok" and s.steps and s.steps[0].median]
    if len(done) < 2:
        return None
    small, large = done[0], done[-1]
    found = {"content": large.content_bytes / small.content_bytes}
    for index, key in ((0, "cold build"), (3, "check")):
        a, b = small.steps[index].median, large.steps[index].median
        if a and b:
            found[key] = b / a
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        default="1000/10000",
        help="comma-separated ARTICLES/VERDICTS (default 1000/10000; the issue's second size "
        "is 4000/40000)",
    )
    parser.add_argument("--repeat", type=int, default=3, help="timed rounds (default 3)")
    parser.add_argument("--warmup", type=int, default=1, help="untimed rounds first (default 1)")
    parser.add_argument("--no-search", action="store_true", help="build without search")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds per step")
    parser.add_argument("--workdir", type=Path, help="keep the projects here")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write results as JSON")
    args = parser.parse_args(argv)
    try:
        wanted = parse_sizes(args.sizes)
    except ValueError:
        parser.error("--sizes takes ARTICLES/VERDICTS[,ARTICLES/VERDICTS...], e.g. 1000/10000")
    if args.repeat < 1 or args.warmup < 0 or any(a < 1 or v < 1 for a, v in wanted):
        parser.error("--repeat and the sizes must be at least 1, --warmup at least 0")

    no_search_option = args.no_search and has_no_search_option()
    before = machine()
    sizes = [Size(a, v) for a, v in wanted]
    with tempfile.TemporaryDirectory(prefix="factcheck-bench-project-") as tmp:
        workdir = (args.workdir or Path(tmp)).resolve()
        for size in sizes:
            project = workdir / f"project-{size.articles}-{size.verdicts}"
            generate(project, articles=size.articles, verdicts=size.verdicts, seed=args.seed,
                     force=True, quiet=True)  # fmt: skip
            bench_size(size, project, args, no_search_option)
    after = machine()
    for size in sizes:
        print_size(size)
    grow = scaling(sizes)
    if grow:
        print(
            f"\n{sizes[-1].label} over {sizes[0].label}: {grow['content']:.2f}x the content, "
            + ", ".join(f"{k} {v:.2f}x the time" for k, v in grow.items() if k != "content")
        )
    print(f"\nload average before {before['load_average']}, after {after['load_average']}")
    if args.json:
        report = {
            "benchmark": "bench_project",
            "repeat": args.repeat,
            "warmup": args.warmup,
            "search": not args.no_search,
            "seed": args.seed,
            "machine": before,
            "load_average_after": after["load_average"],
            "sizes": [asdict(s) for s in sizes],
            "scaling": grow,
        }
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        print(f"\nwrote {args.json}")
    return 0 if all(s.status == "ok" for s in sizes) else 1


if __name__ == "__main__":
    sys.exit(main())
