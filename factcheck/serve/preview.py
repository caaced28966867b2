"""``factcheck serve``'s wiring: a watcher, a rebuilder and a server, and the state browsers wait
on. By default it shows the review preview (every verdict in every state, marked) at ``/`` and
the published view beside it at ``/__factcheck/published/``; with ``published=True`` only the
published view, at ``/``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

from ..build import BuildResult
from .follow import changed_page
from .rebuild import BuiltView, Rebuild, Rebuilder, error_payload, serve_folder
from .server import PUBLISHED_PREFIX, LiveState, SiteServer, View, Views
from .watcher import DEBOUNCE, ProjectWatcher

FOLLOW_AT_MOST = 5
"""A save of up to this many content files is followed to its page; a bigger change (a git
checkout, a search-and-replace) only reloads."""


class PreviewServer:
    """Build, serve, watch, rebuild. ``start()`` returns once serving; ``stop()`` ends it all.

    ``on_build`` is told of every build (the first one too) with the result and the paths that
    changed (empty for the first build)."""

    def __init__(
        self,
        root: Path,
        *,
        host: str = "127.0.0.1",
        port: int = 8000,
        published: bool = False,
        follow: bool = True,
        debounce: float = DEBOUNCE,
        search: bool = True,
        on_build: Callable[[BuildResult, set[str]], None] | None = None,
        log: Callable[[str], None] | None = None,
    ) -> None:
        self.root = root.resolve()
        self.published_only = published
        self.on_build = on_build
        self.state = LiveState()
        self.last_result: BuildResult | None = None
        preview = BuiltView(
            "preview", serve_folder(self.root, "preview"), preview=True, active=not published
        )
        public = BuiltView(
            "published", serve_folder(self.root, "published"), preview=False, active=published
        )
        self.rebuilder = Rebuilder(
            self.root,
            [public] if published else [preview, public],
            search=search,
            on_index_error=self._index_failed,
        )
        self.output = public.output if published else preview.output
        """The folder served at ``/``."""
        self.published_output = public.output
        served = (
            [View("published", "/", public.output)]
            if published
            else [
                View("preview", "/", preview.output),
                View("published", PUBLISHED_PREFIX, public.output),
            ]
        )
        self.views = Views(served, ensure=self._ensure, follow=follow)
        self.httpd = SiteServer((host, port), self.views, self.state, log)
        self.host = host
        self.port = int(self.httpd.server_address[1])
        self.watcher = ProjectWatcher(self.root, self._changed, debounce=debounce)
        self._thread = threading.Thread(
            target=self.httpd.serve_forever,
            kwargs={"poll_interval": 0.1},
            name="factcheck-serve",
            daemon=True,
        )

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"

    @property
    def builds(self) -> int:
        return self.rebuilder.builds

    @property
    def collections(self) -> int:
        return self.rebuilder.collections

    def build(self, changed: set[str] | None = None) -> BuildResult:
        """Rebuild every view being served, and tell browsers."""
        changed = changed or set()
        previous = self.last_result
        rebuild = self.rebuilder.build()
        result = self.last_result = rebuild.result
        self._tell_browsers(rebuild, changed, previous)
        del previous  # the last build's model is freed once browsers have been told
        if self.on_build is not None:
            self.on_build(result, changed)
        return result

    def _tell_browsers(
        self, rebuild: Rebuild, changed: set[str], previous: BuildResult | None
    ) -> None:
        result = rebuild.result
        if not result.ok:
            self.state.failed(error_payload(result))
            return
        environment = self.rebuilder.views[0].cache.pages.environment
        if environment is not None:  # the banner speaks the site's language
            self.views.words = environment.globals["translations"]
        css_only = bool(changed) and all(p.lower().endswith(".css") for p in changed)
        page = None
        if 0 < len(changed) <= FOLLOW_AT_MOST:
            page = changed_page(
                self.root, changed, [result.project, previous.project if previous else None]
            )
        self.state.site_changed(css_only=css_only, page=page)

    def _ensure(self, name: str) -> None:
        """Build the published view the first time somebody looks at it; from then on every
        rebuild keeps it up to date."""
        view = self.rebuilder.view(name)
        if not view.built:
            self.rebuilder.activate(name)

    def _index_failed(self, errors: list[dict[str, object]]) -> None:
        self.state.failed(errors)

    def _changed(self, paths: set[str]) -> None:
        self.build(paths)

    def search_current(self) -> bool:
        """Whether the served search indexes are made from the served pages (tests,
        benchmarks)."""
        return self.rebuilder.search_current()

    def start(self, *, build: bool = True) -> BuildResult | None:
        result = self.build() if build else None
        self.watcher.start()
        self._thread.start()
        self.rebuilder.start()
        return result

    def serve_forever(self) -> None:
        self._thread.join()

    def stop(self) -> None:
        self.rebuilder.stop()
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
