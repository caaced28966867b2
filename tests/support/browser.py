"""Browser helpers: a throwaway static file server, Debian's Chromium under Playwright, axe-core.

Playwright is imported lazily (only for type checking here), so importing this module is cheap.
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import NODE_MODULES

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Playwright

__all__ = [
    "AXE_PATH",
    "CHROMIUM_ARGS",
    "DEFAULT_CHROMIUM",
    "WCAG_A_AA_TAGS",
    "axe_violations",
    "chromium_executable",
    "format_violations",
    "launch_chromium",
    "serve_directory",
]

DEFAULT_CHROMIUM = "/usr/bin/chromium"

# Headless Chromium on a machine with no network but loopback: no sandbox (we run as root), no
# GPU, and none of the background connections Chromium would otherwise try (and have refused).
CHROMIUM_ARGS: tuple[str, ...] = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)

AXE_PATH = NODE_MODULES / "axe-core" / "axe.min.js"

# axe-core's tags for the WCAG 2.0/2.1/2.2 level A and AA success criteria.
WCAG_A_AA_TAGS: tuple[str, ...] = (
    "wcag2a",
    "wcag2aa",
    "wcag21a",
    "wcag21aa",
    "wcag22a",
    "wcag22aa",
)


# --------------------------------------------------------------------------- static file server


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_head(self) -> Any:
        """A request for one byte range gets that range (206), as static hosts answer: without
        it a browser cannot seek in audio or video (nor start it at a ``#t=`` fragment)."""
        import io
        import re

        asked = re.fullmatch(r"bytes=(\d+)-(\d*)", self.headers.get("Range", "").strip())
        path = self.translate_path(self.path)
        if asked is None or not os.path.isfile(path):
            return super().send_head()
        with open(path, "rb") as handle:
            data = handle.read()
        start = int(asked.group(1))
        end = min(int(asked.group(2) or len(data) - 1), len(data) - 1)
        if start > end:
            self.send_error(416)
            return None
        self.send_response(206)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("Content-Range", f"bytes {start}-{end}/{len(data)}")
        self.send_header("Content-Length", str(end - start + 1))
        self.end_headers()
        return io.BytesIO(data[start : end + 1])


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    # A browser that hangs up mid-response (navigation, closed context) is not a test failure.
    def handle_error(self, request: Any, client_address: Any) -> None:
        pass


@contextmanager
def serve_directory(path: str | os.PathLike[str]) -> Iterator[str]:
    """Serve ``path`` over HTTP on 127.0.0.1 (a free port) for the duration of the block.

    Yields the base URL with no trailing slash, e.g. ``"http://127.0.0.1:43121"``, so pages are
    ``f"{base}/claims/index.html"``. Directories serve their ``index.html``; logs are silenced.
    """
    root = Path(path).resolve()
    if not root.is_dir():
        raise NotADirectoryError(f"serve_directory: not a directory: {root}")
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = _QuietServer(("127.0.0.1", 0), handler)
    host, port = server.server_address[:2]
    thread = threading.Thread(
        target=server.serve_forever,
        kwargs={"poll_interval": 0.05},
        name=f"serve_directory:{port}",
        daemon=True,
    )
    thread.start()
    try:
        yield f"http://{host!s}:{port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# --------------------------------------------------------------------------- Chromium


def chromium_executable() -> str:
    """The Chromium binary to drive: ``$FACTCHECK_CHROMIUM`` or Debian's ``/usr/bin/chromium``."""
    return os.environ.get("FACTCHECK_CHROMIUM") or DEFAULT_CHROMIUM


def launch_chromium(playwright: Playwright, **launch_options: Any) -> Browser:
    """Launch headless Debian Chromium (never a Playwright-downloaded browser).

    Extra keyword arguments go to ``playwright.chromium.launch``; ``args`` are appended to
    :data:`CHROMIUM_ARGS`.
    """
    extra_args = list(launch_options.pop("args", ()))
    options: dict[str, Any] = {
        "executable_path": chromium_executable(),
        "headless": True,
        "args": [*CHROMIUM_ARGS, *extra_args],
    }
    options.update(launch_options)
    return playwright.chromium.launch(**options)


# --------------------------------------------------------------------------- axe-core

_AXE_RUN = """
async ([context, options]) => {
  const results = await window.axe.run(context ?? document, options);
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    helpUrl: v.helpUrl,
    tags: v.tags,
    targets: v.nodes.map((n) => n.target.map((t) => [].concat(t).join(" ")).join(" >>> ")),
    nodes: v.nodes.map((n) => ({
      target: n.target,
      html: n.html,
      failureSummary: n.failureSummary ?? null,
    })),
  }));
}
"""


def axe_violations(
    page: Page,
    *,
    rules: Sequence[str] | None = None,
    tags: Sequence[str] | None = None,
    wcag_only: bool = False,
    context: str | None = None,
) -> list[dict[str, Any]]:
    """Run axe-core on the page as it is now and return its violations.

    Each violation is a dict with ``id`` (e.g. ``"image-alt"``), ``impact``, ``help``,
    ``helpUrl``, ``tags``, ``targets`` (one CSS selector string per offending node) and
    ``nodes`` (``target``, ``html``, ``failureSummary``).

    By default all of axe's default rules run (WCAG and best practices). ``wcag_only=True``
    restricts to the WCAG 2.x A/AA rules (:data:`WCAG_A_AA_TAGS`); ``tags`` restricts to other
    tags, ``rules`` to the given rule ids; ``context`` is a CSS selector to check only part of
    the page.

    axe is injected by evaluating ``node_modules/axe-core/axe.min.js`` in the page through the
    DevTools protocol rather than as a ``<script>`` element: that way a page's own
    Content-Security-Policy cannot block it, and it leaves no element in the DOM.
    """
    if not AXE_PATH.is_file():
        from . import tool_missing

        tool_missing(f"axe-core not found at {AXE_PATH} (npm ci)")
    if not page.evaluate("() => typeof window.axe === 'object' && !!window.axe.run"):
        page.evaluate(_axe_source() + "\n;void 0;")
    options: dict[str, Any] = {"resultTypes": ["violations"]}
    if rules is not None:
        options["runOnly"] = {"type": "rule", "values": list(rules)}
    elif tags is not None or wcag_only:
        options["runOnly"] = {"type": "tag", "values": list(tags or WCAG_A_AA_TAGS)}
    violations: list[dict[str, Any]] = page.evaluate(_AXE_RUN, [context, options])
    return violations


@functools.cache
def _axe_source() -> str:
    return AXE_PATH.read_text(encoding="utf-8")


def format_violations(violations: Sequence[dict[str, Any]]) -> str:
    """A readable multi-line summary of :func:`axe_violations` output, for assert messages."""
    if not violations:
        return "no axe violations"
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v.get('impact')}): {v.get('help')}")
        lines.extend(f"    at {t}" for t in v.get("targets", []))
    return "\n".join(lines)
