"""Screenshots of the Arabic test project's article and claim pages (desktop and phone) for
docs/i18n.md: python scripts/screenshots_languages.py [--language ar] [--out docs/screenshots]

Builds tests/language_projects.py's project for the language into a temporary folder, serves it,
and shoots it in Debian's Chromium through Playwright (as the browser tests do).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from helpers import run_cli, write_project  # noqa: E402
from language_projects import LANGUAGES, project_files  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402
from support.browser import launch_chromium, serve_directory  # noqa: E402

SHOTS = {
    "article": "articles/budget.html",
    "claim": "claims/budget-doubled.html",
}
SIZES = {"desktop": (1400, 1000), "phone": (390, 844)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--language", default="ar", choices=sorted(LANGUAGES))
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = write_project(
            Path(tmp) / "project", project_files(LANGUAGES[args.language]), config=None
        )
        result = run_cli("build", "--project", str(root))
        if result.exit_code != 0:
            sys.exit(result.output)
        with serve_directory(root / "site") as url, sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            for size, (width, height) in SIZES.items():
                page = browser.new_page(viewport={"width": width, "height": height})
                for name, path in SHOTS.items():
                    page.goto(f"{url}/{path}")
                    out = args.out / f"{args.language}-{name}-{size}.png"
                    page.screenshot(path=str(out), full_page=size == "desktop")
                    print(out.relative_to(ROOT))
                page.close()
            browser.close()


if __name__ == "__main__":
    main()
