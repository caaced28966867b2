"""The preview server: serves the built site, rebuilds on change, reloads the browser.

One :class:`LiveState` holds the site's epoch (bumped by every successful rebuild), the epoch of
the last rebuild that changed more than stylesheets, and the errors of the last failed rebuild.
Browsers wait on Server-Sent Events at ``/__factcheck/events`` and get the state as JSON each
time it changes; ``livereload.js`` (injected before ``</body>`` of every served HTML page, never
written to the site) reloads the page, swaps the stylesheets, or shows the errors over the page.

Only files inside the built site are served: a request path is decoded once, and any ``..`` or
``.`` segment, backslash, encoded slash, NUL or a path that resolves outside the site is a 404.
"""

from __future__ import annotations

import errno
import gc
import json
import mimetypes
import re
import shutil
import threading
import time
import uuid
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from ..build import CACHE_DIR, BuildCache, BuildResult, build_site
from ..diagnostics import Diagnostics
from ..gc_pause import paused_gc
from ..search import IndexCancelled, SearchIndexError, make_index, swap_index
from .watcher import DEBOUNCE, ProjectWatcher

PREFIX = "/__factcheck/"
EVENTS_PATH = PREFIX + "events"
SCRIPT_PATH = PREFIX + "livereload.js"
KEEPALIVE_SECONDS = 10.0
FULL_COLLECTION_EVERY = 50
"""Rebuilds between two full garbage collections of everything the server keeps."""
COLLECTION_DELAY = 2.0
"""Seconds after a rebuild before such a collection runs (browsers reload meanwhile)."""

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".jsonld": "application/ld+json",
    ".xml": "application/xml",
    ".rss": "application/rss+xml",
    ".atom": "application/atom+xml",
    ".txt": "text/plain; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".ico": "image/vnd.microsoft.icon",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".wasm": "application/wasm",
    ".pdf": "application/pdf",
    ".webmanifest": "application/manifest+json",
}
_BODY_END = re.compile(rb"</body\s*>", re.IGNORECASE)
_UNSAFE_ENCODED = re.compile(r"%(2f|5c|00)", re.IGNORECASE)


class PortInUse(Exception):
    """The address to listen on is taken."""


def content_type(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in CONTENT_TYPES:
        return CONTENT_TYPES[suffix]
    guessed, _ = mimetypes.guess_type(path.name)
    return guessed or "application/octet-stream"


def safe_site_path(site: Path, raw_path: str) -> Path | None:
    """The file or folder of ``site`` that the URL path ``raw_path`` names, or None when the
    path is not plainly a path inside the site."""
    path = urlsplit(raw_path).path
    if _UNSAFE_ENCODED.search(path):
        return None
    decoded = unquote(path, errors="strict") if "%" in path else path
    if not decoded.startswith("/") or "\\" in decoded or "\0" in decoded:
        return None
    segments = decoded[1:].split("/")
    inner = segments[:-1]  # the last one may be empty: a folder URL
    if any(s in ("", ".", "..") for s in inner) or segments[-1] in (".", ".."):
        return None
    if any(":" in s for s in segments):
        return None
    root = site.resolve()
    candidate = root.joinpath(*[s for s in segments if s])
    try:
        resolved = candidate.resolve()
    except (OSError, RuntimeError):
        return None
    if resolved != root and not resolved.is_relative_to(root):
        return None
    return resolved


def inject_script(html: bytes, tag: bytes) -> bytes:
    """``tag`` before the last ``</body>``, or at the end when there is none."""
    matches = list(_BODY_END.finditer(html))
    if not matches:
        return html + tag
    at = matches[-1].start()
    return html[:at] + tag + html[at:]


def livereload_source() -> bytes:
    return (resources.files("factcheck.serve") / "livereload.js").read_bytes()


class LiveState:
    """What browsers wait on: the site's epoch, and the errors of a failed rebuild."""

    def __init__(self) -> None:
        self.instance = uuid.uuid4().hex[:12]
        self.epoch = 0
        self.full_epoch = 0
        self.version = 0
        self.errors: list[dict[str, object]] = []
        self.stopping = False
        self.condition = threading.Condition()

    def snapshot(self) -> dict[str, object]:
        return {"instance": self.instance, "epoch": self.epoch, "full_epoch": self.full_epoch,
                "errors": self.errors}

    def site_changed(self, *, css_only: bool) -> None:
        with self.condition:
            self.epoch += 1
            if not css_only:
                self.full_epoch = self.epoch
            self.errors = []
            self.version += 1
            self.condition.notify_all()

    def failed(self, errors: list[dict[str, object]]) -> None:
        with self.condition:
            self.errors = errors
            self.version += 1
            self.condition.notify_all()

    def stop(self) -> None:
        with self.condition:
            self.stopping = True
            self.condition.notify_all()


def error_payload(result: BuildResult) -> list[dict[str, object]]:
    items = [d for d in result.diagnostics.sorted() if d.severity == "error"]
    if not items:  # failed without a located error: say so rather than show nothing
        return [{"path": "(build)", "line": 1, "column": 1, "severity": "error",
                 "message": "the build failed", "hint": None,
                 "text": "(build):1:1: error: the build failed"}]
    return [{"path": d.path, "line": d.line, "column": d.column, "severity": d.severity,
             "message": d.message, "hint": d.hint,
             "text": f"{d.path}:{d.line}:{d.column}: {d.message}"} for d in items]


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    server_version = "factcheck-serve"

    def log_message(self, format: str, *args: Any) -> None:
        if self.server.log is not None:
            self.server.log(format % args)

    def do_HEAD(self) -> None:
        self._respond(head=True)

    def do_GET(self) -> None:
        self._respond(head=False)

    def _respond(self, *, head: bool) -> None:
        path = urlsplit(self.path).path
        if path == EVENTS_PATH and not head:
            self._events()
            return
        if path == SCRIPT_PATH:
            self._send(HTTPStatus.OK, "text/javascript; charset=utf-8", livereload_source(),
                       head=head)
            return
        site = self.server.site
        target = safe_site_path(site, self.path)
        if target is not None and target.is_dir():
            if not path.endswith("/"):
                self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                self.send_header("Location", path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            target = target / "index.html"
        if target is not None:
            try:
                data = target.read_bytes()
            except OSError:
                pass
            else:
                self._send(HTTPStatus.OK, content_type(target), data, head=head)
                return
        self._not_found(site, head=head)

    def _not_found(self, site: Path, *, head: bool) -> None:
        try:
            data = (site / "404.html").read_bytes()
        except OSError:
            data = (b"<!doctype html><html lang=en><meta charset=utf-8><title>Not found</title>"
                    b"<body><h1>Not found</h1></body></html>")
        self._send(HTTPStatus.NOT_FOUND, "text/html; charset=utf-8", data, head=head)

    def _send(self, status: HTTPStatus, ctype: str, data: bytes, *, head: bool) -> None:
        if ctype.startswith("text/html"):
            state = self.server.state
            tag = (f'<script src="{SCRIPT_PATH}" data-instance="{state.instance}" '
                   f'data-epoch="{state.epoch}"></script>').encode()
            data = inject_script(data, tag)
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if not head:
            self.wfile.write(data)

    def _events(self) -> None:
        state = self.server.state
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        try:
            self.wfile.write(b"retry: 500\n\n")
            seen = -1
            while True:
                with state.condition:
                    if state.version == seen and not state.stopping:
                        state.condition.wait(KEEPALIVE_SECONDS)
                    if state.stopping:
                        return
                    version, snapshot = state.version, state.snapshot()
                if version != seen:
                    seen = version
                    payload = json.dumps(snapshot, ensure_ascii=False)
                    self.wfile.write(f"data: {payload}\n\n".encode())
                else:
                    self.wfile.write(b": keepalive\n\n")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, OSError):
            return


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, address: tuple[str, int], site: Path, state: LiveState,
                 log: Callable[[str], None] | None) -> None:
        self.site = site
        self.state = state
        self.log = log
        super().__init__(address, _Handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a browser that hangs up mid-response is not a problem


class PreviewServer:
    """Build, serve, watch, rebuild. ``start()`` returns once serving; ``stop()`` ends it all.

    ``on_build`` is told of every build (the first one too) with the result and the paths that
    changed (empty for the first build)."""

    def __init__(self, root: Path, *, host: str = "127.0.0.1", port: int = 8000,
                 output: Path | None = None, debounce: float = DEBOUNCE, search: bool = True,
                 on_build: Callable[[BuildResult, set[str]], None] | None = None,
                 log: Callable[[str], None] | None = None) -> None:
        self.root = root.resolve()
        self.output = (output if output is not None else self.root / "site").resolve()
        self.search = search
        self.on_build = on_build
        self.state = LiveState()
        self.builds = 0
        self.last_result: BuildResult | None = None
        self._build_lock = threading.Lock()
        try:
            self.httpd = _Server((host, port), self.output, self.state, log)
        except OSError as exc:
            if exc.errno in (errno.EADDRINUSE, errno.EACCES):
                raise PortInUse(f"{host}:{port}") from exc
            raise
        self.host = host
        self.port = int(self.httpd.server_address[1])
        self.watcher = ProjectWatcher(self.root, self._changed, debounce=debounce)
        # What the last build read, parsed and rendered, reused where its inputs are unchanged.
        self.build_cache = BuildCache()
        self.generation = 0
        """Successful builds so far: an index is swapped in only for the site it was made of."""
        self.site_key = ""
        """The digest of the served site's HTML."""
        self.site_glob: str | None = None
        self.index_key = ""
        """The digest of the HTML that the served search index was made from."""
        self.indexing = False
        self.collections = 0
        """Full garbage collections so far (tests)."""
        self._index_request: tuple[str, str | None, int] | None = None
        self._index_wanted = threading.Condition()
        self._index_cancel = threading.Event()
        self._stopping = False
        self._index_thread = threading.Thread(target=self._index_loop, name="factcheck-index",
                                              daemon=True)
        self._thread = threading.Thread(target=self.httpd.serve_forever,
                                        kwargs={"poll_interval": 0.1},
                                        name="factcheck-serve", daemon=True)

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"

    def build(self, changed: set[str] | None = None) -> BuildResult:
        """Build, or rebuild what changed. The first build stages the whole site and swaps it
        in; later ones render only pages whose inputs changed and replace only files whose
        bytes changed (see factcheck/page_cache.py). The search index is left to
        :meth:`_index_later`, so that pages are served and reloaded without waiting for
        Pagefind (an index of the same pages made before is reused at once)."""
        changed = changed or set()
        # An index being made is of the site as it was: stop it and give its CPU to the build.
        self._index_cancel.set()
        with self._build_lock:
            # What the build keeps (its caches, a million objects on a big project) is moved
            # out of the collector's sight before the collector runs again: passes over it
            # took 0.7 s each, at random moments of later rebuilds, and the first pass after
            # a build 70 ms. It has no reference cycles (tests/test_gc_pause.py), so it is
            # still freed, by reference counting, when a later build drops it.
            with paused_gc():
                try:
                    result = build_site(self.root, output=self.output, search=False,
                                        cache=self.build_cache)
                except Exception as exc:  # keep serving the last good site whatever happens
                    result = BuildResult(False, Diagnostics(), self.output)
                    result.diagnostics.error("(build)", None,
                                             f"internal error: {type(exc).__name__}: {exc}")
                previous, self.last_result = self.last_result, result
                gc.freeze()
            self.builds += 1
            if result.ok:
                self.generation += 1
                self.site_key, self.site_glob = result.search_key, result.search_glob
                if not result.in_place:
                    self.index_key = ""  # a whole new site: it has no index yet
                css_only = bool(changed) and all(p.lower().endswith(".css") for p in changed)
                self.state.site_changed(css_only=css_only)
            else:
                self.state.failed(error_payload(result))
            if self.search and self.site_key and self.site_key != self.index_key:
                self._index_later(self.site_key, self.site_glob)  # again, if it was stopped
        del previous  # the last build's model is freed once browsers have been told
        every_page = result.ok and result.rendered == result.pages and self.builds > 1
        if every_page or self.builds % FULL_COLLECTION_EVERY == 0:
            # What libraries leave in cycles (a replaced Jinja environment, after a template
            # change re-rendered every page) is frozen too; collect it now and then, so that a
            # long preview session does not grow. A full pass holds the interpreter for up to a
            # second on a big project: wait until browsers have reloaded.
            timer = threading.Timer(COLLECTION_DELAY, self._collect)
            timer.daemon = True
            timer.start()
        if self.on_build is not None:
            self.on_build(result, changed)
        return result

    def _collect(self) -> None:
        """A full garbage collection of everything, between builds."""
        with self._build_lock:
            gc.unfreeze()
            gc.collect()
            gc.freeze()
            self.collections += 1

    def _index_later(self, key: str, glob: str | None) -> None:
        """Ask the indexing thread for an index of the site as it now is."""
        with self._index_wanted:
            self._index_request = (key, glob, self.generation)
            self._index_wanted.notify_all()

    def _index_loop(self) -> None:
        """Makes search indexes beside the site, one at a time, and swaps each in only if no
        build has changed the site since it began (else the next request makes another)."""
        while True:
            with self._index_wanted:
                while self._index_request is None and not self._stopping:
                    self._index_wanted.wait()
                if self._stopping:
                    return
                request, self._index_request = self._index_request, None
                if request is None:
                    continue
                key, glob, generation = request
                self.indexing = True
                cancel = self._index_cancel = threading.Event()
            try:
                made = make_index(self.output, self.root / CACHE_DIR / "search", key,
                                  background=True, glob=glob, cancel=cancel)
            except IndexCancelled:
                made = None
            except (SearchIndexError, OSError) as exc:
                with self._build_lock:
                    if generation == self.generation:
                        self.state.failed([{"path": "(search index)", "line": 1, "column": 1,
                                            "severity": "error", "message": str(exc),
                                            "hint": None,
                                            "text": f"(search index):1:1: {exc}"}])
                made = None
            if made is not None:
                with self._build_lock:
                    if generation == self.generation:
                        swap_index(self.output, made)
                        self.index_key = key
                    else:
                        shutil.rmtree(made, ignore_errors=True)
            with self._index_wanted:
                self.indexing = False
                self._index_wanted.notify_all()

    def search_current(self) -> bool:
        """Whether the served search index is made from the served pages (tests, benchmarks)."""
        with self._build_lock, self._index_wanted:
            return not self.search or (self.index_key == self.site_key and not self.indexing
                                       and self._index_request is None)

    def _changed(self, paths: set[str]) -> None:
        self.build(paths)

    def start(self, *, build: bool = True) -> BuildResult | None:
        result = self.build() if build else None
        self.watcher.start()
        self._thread.start()
        self._index_thread.start()
        return result

    def serve_forever(self) -> None:
        self._thread.join()

    def stop(self) -> None:
        with self._index_wanted:
            self._stopping = True
            self._index_cancel.set()
            self._index_wanted.notify_all()
        self.state.stop()
        self.watcher.stop()
        self.httpd.shutdown()
        self.httpd.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> PreviewServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def wait_for(predicate: Callable[[], bool], timeout: float = 10.0) -> bool:
    """Poll ``predicate`` until it holds or ``timeout`` seconds pass (for tests, benchmarks)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.01)
    return predicate()
