"""How long from saving a verdict to the reloaded page, with `factcheck serve`.

Copies the example project (the repository root's content/, static/ and factcheck.yaml), or
the project given with --project, to a temporary folder, serves it with the preview server in
this process (the review preview, as `factcheck serve` does by default), opens a claim's page in
headless Chromium (Debian's, as the tests use), then saves one of its verdicts N times with a new
headline and times each save until the reloaded page shows it. By default the verdict is a draft
on a claim in review (what a reviewer writing beside the preview does: the headline appears only
in the preview); --published-verdict edits an approved verdict of a published claim instead.
Also prints the rebuilds' times, how many pages each rendered, and how long the search index
took to catch up after the last save.

    python benchmarks/serve_latency.py [--runs 10] [--debounce 0.2] [--no-search]
                                       [--published-verdict]
    python benchmarks/generate_project.py /tmp/big --articles 1000 --verdicts 10000 --seed 1
    python benchmarks/serve_latency.py --project /tmp/big
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from factcheck.build import BuildResult  # noqa: E402
from factcheck.serve import PreviewServer  # noqa: E402
from factcheck.serve.preview import wait_for  # noqa: E402
from factcheck.serve.watcher import DEBOUNCE  # noqa: E402


def pick_verdict(result: BuildResult, *, draft: bool) -> tuple[str, str]:
    """(claim id, verdict path): a draft with a headline on a claim in review, or (not
    ``draft``) an approved verdict's headline on a published claim's page."""
    from factcheck.model import State

    project = result.project
    assert project is not None
    for path in sorted(project.verdicts):
        verdict = project.verdicts[path]
        claim = project.claims.get(verdict.claim)
        if claim is None or not project.is_ours(verdict) or not verdict.headline:
            continue
        if draft and verdict.status == "draft" and claim.state is State.IN_REVIEW:
            return claim.id, path
        if not draft and claim.state is State.PUBLISHED and verdict.approved:
            return claim.id, path
    raise SystemExit("no verdict of that kind to edit")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--debounce", type=float, default=DEBOUNCE)
    parser.add_argument("--no-search", action="store_true", help="build without the index")
    parser.add_argument("--project", type=Path, help="a project to copy (default: the example)")
    parser.add_argument(
        "--published-verdict",
        action="store_true",
        help="edit an approved verdict of a published claim, not a draft",
    )
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright
    from support.browser import launch_chromium

    rebuilds: list[float] = []
    rendered: list[int] = []
    built_at: list[float] = []

    def on_build(result: BuildResult, changed: set[str]) -> None:
        if changed:
            rebuilds.append(result.seconds)
            rendered.append(result.rendered)
            built_at.append(time.perf_counter())
            if not result.ok:
                print(result.diagnostics.format_text(), file=sys.stderr)

    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        source = args.project.resolve() if args.project else ROOT
        project.mkdir()
        for name in ("content", "static", "templates"):
            if (source / name).is_dir() and (args.project or name != "templates"):
                shutil.copytree(source / name, project / name)
        shutil.copyfile(source / "factcheck.yaml", project / "factcheck.yaml")

        server = PreviewServer(
            project, port=0, debounce=args.debounce, search=not args.no_search, on_build=on_build
        )
        started = time.perf_counter()
        first = server.start()
        first_seconds = time.perf_counter() - started
        assert first is not None and first.ok, first and first.diagnostics.format_text()
        claim, verdict_path = pick_verdict(first, draft=not args.published_verdict)
        verdict = project / verdict_path
        original = verdict.read_text(encoding="utf-8")
        headline = next(line for line in original.splitlines() if line.startswith("headline:"))
        search_lag = 0.0
        latencies: list[float] = []
        to_built: list[float] = []
        observed: list[float] = []
        try:
            with sync_playwright() as playwright:
                browser = launch_chromium(playwright)
                page = browser.new_page()
                page.goto(f"{server.url}claims/{claim}.html")
                page.wait_for_function("typeof EventSource === 'function'")
                time.sleep(0.5)
                for run in range(args.runs):
                    marker = f"Benchmark headline number {run}"
                    text = original.replace(headline, f"headline: {marker}.")
                    start = time.perf_counter()
                    saved_at = time.time()
                    verdict.write_text(text, encoding="utf-8")
                    page.wait_for_function(
                        f"document.readyState === 'complete' && "
                        f"document.body.textContent.includes({marker!r})",
                        timeout=30_000,
                    )
                    # When the page finished loading, by the browser's clock (the same wall
                    # clock): Playwright's polling for the condition adds its own delay.
                    loaded_at = page.evaluate(
                        "(performance.timeOrigin + performance.getEntriesByType('navigation')[0]"
                        ".loadEventEnd) / 1000"
                    )
                    latencies.append(loaded_at - saved_at)
                    observed.append(time.perf_counter() - start)
                    if built_at:
                        to_built.append(built_at[-1] - start)
                    if run == args.runs - 1:
                        wait_for(server.search_current, 120)
                        search_lag = time.perf_counter() - start
                    time.sleep(0.3)
                browser.close()
        finally:
            server.stop()

    def summary(values: list[float]) -> str:
        ms = sorted(v * 1000 for v in values)
        return (
            f"median {statistics.median(ms):.0f} ms, min {ms[0]:.0f} ms, "
            f"max {ms[-1]:.0f} ms (n={len(ms)})"
        )

    print(
        f"{args.project or 'example project'}: {first.pages} pages; first build "
        f"{first_seconds:.2f} s; debounce {args.debounce * 1000:.0f} ms; "
        f"search index {'off' if args.no_search else 'on'}; edited {verdict_path} "
        f"({'an approved verdict' if args.published_verdict else 'a draft'})"
    )
    print(f"save -> reloaded page: {summary(latencies)} (page's load event)")
    print(f"save -> seen by the benchmark: {summary(observed)} (with Playwright's polling)")
    print(f"save -> site rebuilt:  {summary(to_built)}")
    print(
        f"rebuild (build_site):  {summary(rebuilds)}; pages rendered: "
        f"{statistics.median(rendered) if rendered else 0:.0f} (median)"
    )
    print(
        "rebuild steps (last):  "
        + ", ".join(
            f"{k} {v * 1000:.0f} ms"
            for k, v in (server.last_result.timings.items() if server.last_result else [])
        )
    )
    if not args.no_search:
        print(f"save -> search index current (last save): {search_lag * 1000:.0f} ms")


if __name__ == "__main__":
    main()
