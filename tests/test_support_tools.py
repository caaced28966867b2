"""Self-tests of the test tools in tests/support/: they are real, and they can fail.

Each tool is shown both passing a good page and catching a bad one, so a green accessibility,
validity or "script never runs" test elsewhere means something.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from support.browser import WCAG_A_AA_TAGS, axe_violations, format_violations, serve_directory
from support.validators import format_vnu_errors, vnu_errors

if TYPE_CHECKING:
    from playwright.sync_api import Page

GOOD_HTML = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Claim checked: the moon is made of cheese</title>
<link rel="stylesheet" href="style.css">
</head>
<body>
<header><p>Tiny Fact Desk</p></header>
<main>
<h1>The moon is made of cheese</h1>
<p class="verdict">Verdict: <strong>False</strong></p>
<img src="chart.svg" alt="Bar chart: 0% of lunar samples were cheese" width="40" height="20">
<p>Lunar samples returned by Apollo missions are rock.</p>
</main>
<footer><p>Published 2024-05-01</p></footer>
</body>
</html>
"""

# No <title>, an <img> with no alt, a <div> inside a <p>, a stray </span>.
BAD_HTML = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
</head>
<body>
<main>
<h1>Broken page</h1>
<p>Intro <div>block in a paragraph</div></p>
<img src="chart.svg">
</span>
</main>
</body>
</html>
"""

SCRIPT_HTML = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>before</title></head>
<body><main><h1>Script page</h1></main>
<script>document.title = "inline script ran";</script>
<script src="app.js"></script>
</body>
</html>
"""

# A strict Content-Security-Policy: the page's inline script must be blocked, but axe (injected
# through the DevTools protocol) must still run.
CSP_HTML = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'">
<title>csp page</title>
</head>
<body><main><h1>Locked down</h1><img src="chart.svg"></main>
<script>document.title = "inline script ran";</script>
</body>
</html>
"""

CHART_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20" viewBox="0 0 40 20">'
    '<rect width="1" height="20" fill="#333"/></svg>\n'
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("site")
    (root / "good.html").write_text(GOOD_HTML, encoding="utf-8")
    (root / "bad.html").write_text(BAD_HTML, encoding="utf-8")
    (root / "script.html").write_text(SCRIPT_HTML, encoding="utf-8")
    (root / "csp.html").write_text(CSP_HTML, encoding="utf-8")
    (root / "chart.svg").write_text(CHART_SVG, encoding="utf-8")
    (root / "style.css").write_text("body { font-family: sans-serif; }\n", encoding="utf-8")
    (root / "app.js").write_text("document.body.dataset.external = 'ran';\n", encoding="utf-8")
    (root / "claims").mkdir()
    (root / "claims" / "index.html").write_text(GOOD_HTML, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    with serve_directory(site) as url:
        yield url


# ------------------------------------------------------------------------------ serve_directory


def test_serve_directory_serves_files_and_stops(site: Path) -> None:
    with serve_directory(site) as url:
        assert url.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(f"{url}/good.html", timeout=5) as resp:
            assert resp.status == 200
            assert "text/html" in resp.headers["Content-Type"]
            assert "moon is made of cheese" in resp.read().decode()
        with urllib.request.urlopen(f"{url}/claims/", timeout=5) as resp:
            assert "moon is made of cheese" in resp.read().decode()
        with pytest.raises(urllib.error.HTTPError) as excinfo:
            urllib.request.urlopen(f"{url}/missing.html", timeout=5)
        assert excinfo.value.code == 404
    with pytest.raises(OSError):
        urllib.request.urlopen(f"{url}/good.html", timeout=2)


# ------------------------------------------------------------------------------------- Chromium


@pytest.mark.browser
def test_chromium_renders_served_page(page: Page, base_url: str) -> None:
    response = page.goto(f"{base_url}/good.html")
    assert response is not None and response.status == 200
    assert page.title() == "Claim checked: the moon is made of cheese"
    assert page.locator("h1").inner_text() == "The moon is made of cheese"
    assert page.locator(".verdict").inner_text() == "Verdict: False"
    # The stylesheet was fetched and applied (a real rendering engine, not a parser).
    font = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert "sans-serif" in font
    # The image loaded: it has a natural size.
    assert page.evaluate("document.querySelector('img').naturalWidth") == 40


@pytest.mark.browser
def test_scripts_really_run(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/script.html")
    assert page.title() == "inline script ran"
    page.wait_for_function("document.body.dataset.external === 'ran'")


@pytest.mark.browser
def test_csp_blocks_inline_script_but_not_axe(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/csp.html")
    assert page.title() == "csp page"  # the inline script was refused
    ids = {v["id"] for v in axe_violations(page)}
    assert "image-alt" in ids


# ------------------------------------------------------------------------------------- axe-core


@pytest.mark.browser
def test_axe_passes_good_page(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/good.html")
    violations = axe_violations(page)
    assert violations == [], format_violations(violations)


@pytest.mark.browser
def test_axe_catches_bad_page(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/bad.html")
    violations = axe_violations(page)
    ids = {v["id"] for v in violations}
    assert {"image-alt", "document-title"} <= ids, format_violations(violations)
    image_alt = next(v for v in violations if v["id"] == "image-alt")
    assert image_alt["impact"] == "critical"
    assert image_alt["targets"] == ["img"]
    assert "alt" in image_alt["help"].lower() or "alternat" in image_alt["help"].lower()


@pytest.mark.browser
def test_axe_restrictions(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/bad.html")
    assert [v["id"] for v in axe_violations(page, rules=["image-alt"])] == ["image-alt"]
    everything = axe_violations(page)
    wcag = axe_violations(page, wcag_only=True)
    assert "image-alt" in {v["id"] for v in wcag}
    assert {v["id"] for v in wcag} <= {v["id"] for v in everything}
    assert all(set(v["tags"]) & set(WCAG_A_AA_TAGS) for v in wcag), format_violations(wcag)
    assert axe_violations(page, context="h1") == []


# ------------------------------------------------------------------------------------------ vnu


@pytest.mark.browser
def test_vnu_good_valid_bad_invalid_in_one_run(site: Path) -> None:
    errors = vnu_errors([site / "good.html", site / "bad.html", site / "claims"])
    files = {Path(e["file"]).name for e in errors}
    assert files == {"bad.html"}, format_vnu_errors(errors)
    messages = " | ".join(e["message"] for e in errors)
    assert "title" in messages, messages
    assert "alt" in messages, messages
    assert all(isinstance(e["line"], int) and e["line"] >= 1 for e in errors)


@pytest.mark.browser
def test_vnu_whole_directory_skips_non_html(site: Path) -> None:
    errors = vnu_errors([site])
    assert {Path(e["file"]).name for e in errors} == {"bad.html", "csp.html"}, format_vnu_errors(
        errors
    )


@pytest.mark.browser
def test_vnu_checks_css_when_asked(tmp_path: Path) -> None:
    (tmp_path / "broken.css").write_text("body { colr: red; }\n", encoding="utf-8")
    assert vnu_errors([tmp_path]) == []
    errors = vnu_errors([tmp_path], also_check_css=True)
    assert [Path(e["file"]).name for e in errors] == ["broken.css"], format_vnu_errors(errors)


def test_vnu_rejects_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        vnu_errors([tmp_path / "nope.html"])
