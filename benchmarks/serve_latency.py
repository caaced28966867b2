"""How long from saving a verdict to the reloaded page, with `factcheck serve`.

Copies the example project (the repository root's content/, static/ and factcheck.yaml) to a
temporary folder, serves it with the preview server in this process, opens the claim's page in
headless Chromium (Debian's, as the tests use), then saves the verdict N times with a new
headline and times each save until the reloaded page shows it. Also prints the rebuild times.

    python benchmarks/serve_latency.py [--runs 10] [--debounce 0.2] [--no-search]
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

CLAIM = "affordable-homes-1200"
VERDICT = f"content/verdicts/{CLAIM}/sam-okafor.md"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--debounce", type=float, default=0.2)
    parser.add_argument("--no-search", action="store_true", help="build without the index")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright
    from support.browser import launch_chromium

    rebuilds: list[float] = []

    def on_build(result: BuildResult, changed: set[str]) -> None:
        if changed:
            rebuilds.append(result.seconds)
            if not result.ok:
                print(result.diagnostics.format_text(), file=sys.stderr)

    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        project.mkdir()
        for name in ("content", "static"):
            if (ROOT / name).is_dir():
                shutil.copytree(ROOT / name, project / name)
        shutil.copyfile(ROOT / "factcheck.yaml", project / "factcheck.yaml")
        verdict = project / VERDICT
        original = verdict.read_text(encoding="utf-8")
        headline = next(line for line in original.splitlines() if line.startswith("headline:"))

        server = PreviewServer(project, port=0, debounce=args.debounce,
                               search=not args.no_search, on_build=on_build)
        first = server.start()
        assert first is not None and first.ok, first and first.diagnostics.format_text()
        latencies: list[float] = []
        try:
            with sync_playwright() as playwright:
                browser = launch_chromium(playwright)
                page = browser.new_page()
                page.goto(f"{server.url}claims/{CLAIM}.html")
                page.wait_for_function("typeof EventSource === 'function'")
                time.sleep(0.5)
                for run in range(args.runs):
                    marker = f"Benchmark headline number {run}"
                    text = original.replace(headline, f"headline: {marker}.")
                    start = time.perf_counter()
                    verdict.write_text(text, encoding="utf-8")
                    page.wait_for_function(
                        f"document.readyState === 'complete' && "
                        f"document.body.textContent.includes({marker!r})", timeout=30_000)
                    latencies.append(time.perf_counter() - start)
                    time.sleep(0.3)
                browser.close()
        finally:
            server.stop()

    def summary(values: list[float]) -> str:
        ms = sorted(v * 1000 for v in values)
        return (f"median {statistics.median(ms):.0f} ms, min {ms[0]:.0f} ms, "
                f"max {ms[-1]:.0f} ms (n={len(ms)})")

    print(f"example project: {first.pages} pages; debounce {args.debounce * 1000:.0f} ms; "
          f"search index {'off' if args.no_search else 'on'}")
    print(f"save -> reloaded page: {summary(latencies)}")
    print(f"rebuild (build_site):  {summary(rebuilds)}")


if __name__ == "__main__":
    main()
