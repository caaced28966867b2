"""Lighthouse (Google's audit of web pages, the npm package, driving Debian's Chromium) on the
home, article and claim pages of the example site: accessibility, best practices and SEO at 100.
Performance is left out: it is a timing, and timings are for the benchmarks, not the tests."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from site_helpers import Built
from support import NODE_MODULES, tool_missing
from support.browser import CHROMIUM_ARGS, chromium_executable, serve_directory

LIGHTHOUSE = NODE_MODULES / "lighthouse" / "cli" / "index.js"
PAGES = (
    "index.html",
    "articles/harbour-city-transit-budget.html",
    "claims/transit-budget-doubled.html",
)
CATEGORIES = ("accessibility", "best-practices", "seo")

pytestmark = pytest.mark.browser


def _audit(url: str, out: Path) -> dict[str, object]:
    if not LIGHTHOUSE.is_file():
        tool_missing(f"Lighthouse not found at {LIGHTHOUSE} (npm ci)")
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    done = subprocess.run(
        [
            "node",
            str(LIGHTHOUSE),
            url,
            "--quiet",
            f"--chrome-flags={flags}",
            f"--only-categories={','.join(CATEGORIES)}",
            "--output=json",
            f"--output-path={out}",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "CHROME_PATH": chromium_executable()},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    report: dict[str, object] = json.loads(out.read_text(encoding="utf-8"))
    return report


def test_lighthouse_scores_100(example_site: Built, tmp_path: Path) -> None:
    failures = []
    with serve_directory(example_site.site) as base:
        for rel in PAGES:
            report = _audit(f"{base}/{rel}", tmp_path / "report.json")
            categories = report["categories"]
            audits = report["audits"]
            assert isinstance(categories, dict) and isinstance(audits, dict)
            for name in CATEGORIES:
                score = categories[name]["score"]
                if score != 1:
                    failing = [
                        a["title"]
                        for a in audits.values()
                        if a.get("score") is not None
                        and a["score"] < 1
                        and a.get("scoreDisplayMode") == "binary"
                    ]
                    failures.append(f"{rel}: {name} {score}: {failing}")
    assert not failures, "\n".join(failures)
