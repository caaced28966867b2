"""Shared pytest fixtures for factcheck's tests."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page


# =============================================================================================
# Browser fixtures (headless Debian Chromium driven by Playwright; helpers in tests/support/).
#
#   browser  session-scoped playwright.sync_api.Browser
#   page     a Page in a fresh BrowserContext per test (default timeout 30 s)
#
# Tests using them are marked `browser` automatically (`pytest -m "not browser"` leaves them
# out). A missing Chromium/Playwright FAILS the test when CI is set, and skips it otherwise.
# Playwright is imported only inside the fixture, so tests that don't use it don't pay for it.
# =============================================================================================

BROWSER_FIXTURES = frozenset({"browser", "page"})


@pytest.fixture(autouse=True, scope="session")
def _own_cache_key(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The key that signs saved build caches (factcheck/saved_cache.py) lives under
    $XDG_CACHE_HOME: the tests make and use one of their own, never the user's."""
    before = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("xdg-cache"))
    yield
    if before is None:
        del os.environ["XDG_CACHE_HOME"]
    else:
        os.environ["XDG_CACHE_HOME"] = before


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if BROWSER_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    from support import tool_missing
    from support.browser import chromium_executable, launch_chromium

    executable = chromium_executable()
    if not (os.path.isfile(executable) and os.access(executable, os.X_OK)):
        tool_missing(
            f"Chromium not found at {executable} (apt-get install chromium, "
            "or set FACTCHECK_CHROMIUM)"
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        tool_missing("the Python package `playwright` is not installed (pip install -e '.[test]')")

    playwright = sync_playwright().start()
    try:
        try:
            launched = launch_chromium(playwright)
        except Exception as exc:
            tool_missing(f"could not launch Chromium at {executable}: {exc}")
        try:
            yield launched
        finally:
            launched.close()
    finally:
        playwright.stop()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context()
    context.set_default_timeout(30_000)  # an upper bound for a loaded CI machine
    try:
        yield context.new_page()
    finally:
        context.close()


# ============================================================================ end browser fixtures
