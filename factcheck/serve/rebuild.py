"""The preview server's building side: it rebuilds the views it serves when the project changes,
makes their search indexes in the background, and decides when to collect garbage. It knows
nothing about HTTP (factcheck/serve/server.py serves what it builds).

The views are the review preview (every verdict in every state, marked as such) and the published
view (exactly what `factcheck build` makes). Both are built into folders of their own under
``.factcheck-cache/serve/``, never into ``site/``: what the preview shows must never be mistaken
for, or published as, the site. The project is read once per rebuild and rendered once per view;
the published view is built only once somebody asks for it (or it is the only view).
"""

from __future__ import annotations

import gc
import logging
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..build import (
    CACHE_DIR,
    BuildCache,
    BuildResult,
    build_site,
    open_for_build,
    search_cache,
)
from ..diagnostics import Diagnostics
from ..gc_pause import paused_gc
from ..output import replace_tree
from ..search import INDEX_DIR, IndexCancelled, SearchIndexError, make_index

FULL_COLLECTION_EVERY = 50
"""Rebuilds between two full garbage collections of everything the server keeps."""
COLLECTION_DELAY = 2.0
"""Seconds after a rebuild before such a collection runs (browsers reload meanwhile)."""
SERVE_DIR = "serve"
"""Under the build cache: the folders the preview server builds into."""

log = logging.getLogger("factcheck.serve")


def serve_folder(root: Path, view: str) -> Path:
    """Where the preview server builds ``view`` ("preview" or "published")."""
    return root / CACHE_DIR / SERVE_DIR / view


@dataclass(slots=True)
class BuiltView:
    """One view the server builds: where, with which cache, and its search index's state."""

    name: str
    output: Path
    preview: bool
    active: bool
    cache: BuildCache = field(default_factory=BuildCache)
    built: bool = False
    """Whether it has been built successfully at least once."""
    generation: int = 0
    """Successful builds so far: an index is swapped in only for the site it was made of."""
    site_key: str = ""
    """The digest of the served site's HTML."""
    site_glob: str | None = None
    site_language: str | None = None
    index_key: str = ""
    """The digest of the HTML that the served search index was made from."""


@dataclass(slots=True)
class Rebuild:
    """What one rebuild of every active view did."""

    result: BuildResult
    """The first view's result (the one served at ``/``); its diagnostics hold every view's
    problems."""
    results: dict[str, BuildResult]


def error_payload(result: BuildResult) -> list[dict[str, object]]:
    items = [d for d in result.diagnostics.sorted() if d.severity == "error"]
    if not items:  # failed without a located error: say so rather than show nothing
        return [
            {
                "path": "(build)",
                "line": 1,
                "column": 1,
                "severity": "error",
                "message": "the build failed",
                "hint": None,
                "text": "(build):1:1: error: the build failed",
            }
        ]
    return [
        {
            "path": d.path,
            "line": d.line,
            "column": d.column,
            "severity": d.severity,
            "message": d.message,
            "hint": d.hint,
            "text": f"{d.path}:{d.line}:{d.column}: {d.message}",
        }
        for d in items
    ]


class Rebuilder:
    """Builds the active views of the project at ``root``; indexes them for search in a thread
    of its own. ``on_index_error`` is told when a search index cannot be made."""

    def __init__(
        self,
        root: Path,
        views: list[BuiltView],
        *,
        search: bool = True,
        on_index_error: Callable[[list[dict[str, object]]], None] | None = None,
    ) -> None:
        self.root = root.resolve()
        self.views = views
        self.search = search
        self.on_index_error = on_index_error
        self.builds = 0
        self.collections = 0
        """Full garbage collections so far (tests)."""
        self.lock = threading.Lock()
        """Held while building, and while an index is swapped in."""
        self.indexing = False
        self._index_requests: dict[str, tuple[str, str | None, str | None, int]] = {}
        self._index_wanted = threading.Condition()
        self._index_cancel = threading.Event()
        self._stopping = False
        self._index_thread = threading.Thread(
            target=self._index_loop, name="factcheck-index", daemon=True
        )

    def view(self, name: str) -> BuiltView:
        return next(v for v in self.views if v.name == name)

    def start(self) -> None:
        self._index_thread.start()

    def stop(self) -> None:
        with self._index_wanted:
            self._stopping = True
            self._index_cancel.set()
            self._index_wanted.notify_all()

    def build(self) -> Rebuild:
        """Rebuild every active view from one reading of the project. The first build of a
        view stages its whole site and swaps it in; later ones render only pages whose inputs
        changed and replace only files whose bytes changed (factcheck/page_cache.py). Search
        indexes are left to the indexing thread, so that pages are served and reloaded without
        waiting for Pagefind."""
        # An index being made is of the site as it was: stop it and give its CPU to the build.
        self._index_cancel.set()
        with self.lock:
            rebuild = self._build_views([v for v in self.views if v.active])
        self._after_build(rebuild)
        return rebuild

    def activate(self, name: str) -> None:
        """Build the view ``name`` from now on (at once, if it has not been built)."""
        view = self.view(name)
        if view.active and view.built:
            return
        with self.lock:
            if view.active and view.built:
                return
            view.active = True
            self._build_views([view])

    def _build_views(self, views: list[BuiltView]) -> Rebuild:
        # What the build keeps (its caches, a million objects on a big project) is moved out of
        # the collector's sight before the collector runs again: passes over it took 0.7 s
        # each, at random moments of later rebuilds, and the first pass after a build 70 ms.
        # It has no reference cycles (tests/test_gc_pause.py), so it is still freed, by
        # reference counting, when a later build drops it.
        results: dict[str, BuildResult] = {}
        with paused_gc():
            try:
                opened = open_for_build(self.root, self.views[0].cache)  # one read cache
            except Exception as exc:  # keep serving the last good site whatever happens
                opened = None
                failure = self._internal_error(views[0], exc)
            for view in views:
                if opened is None:
                    results[view.name] = failure
                    continue
                try:
                    result = build_site(
                        self.root,
                        output=view.output,
                        search=False,
                        cache=view.cache,
                        preview=view.preview,
                        opened=opened,
                    )
                except Exception as exc:
                    result = self._internal_error(view, exc)
                results[view.name] = result
            gc.freeze()
        self.builds += 1
        first = results[views[0].name]
        if not all(r.ok for r in results.values()):
            everything = Diagnostics()
            for result in results.values():
                everything.extend(result.diagnostics)
            first.diagnostics = Diagnostics(sorted(set(everything), key=lambda d: d.sort_key()))
            first.ok = False
        for view in views:
            result = results[view.name]
            if result.ok and first.ok:
                view.built = True
                view.generation += 1
                view.site_key, view.site_glob = result.search_key, result.search_glob
                view.site_language = result.search_language
                if not result.in_place:
                    view.index_key = ""  # a whole new site: it has no index yet
            if self.search and view.site_key and view.site_key != view.index_key:
                self._index_later(view)  # again, if it was stopped
        return Rebuild(first, results)

    def _internal_error(self, view: BuiltView, exc: Exception) -> BuildResult:
        """A bug of ours: the preview says so and goes on serving the last good build; the
        terminal gets the traceback."""
        log.error("preview server: internal error while building: %s: %s", type(exc).__name__, exc)
        log.debug("%s", traceback.format_exc())
        result = BuildResult(False, Diagnostics(), view.output)
        result.diagnostics.error(
            "(build)",
            None,
            f"internal error: {type(exc).__name__}: {exc}",
            "this is a bug in factcheck; the terminal shows the details",
        )
        return result

    def _after_build(self, rebuild: Rebuild) -> None:
        result = rebuild.result
        every_page = result.ok and result.rendered == result.pages and self.builds > 1
        if every_page or self.builds % FULL_COLLECTION_EVERY == 0:
            # What libraries leave in cycles (a replaced Jinja environment, after a template
            # change re-rendered every page) is frozen too; collect it now and then, so that a
            # long preview session does not grow. A full pass holds the interpreter for up to a
            # second on a big project: wait until browsers have reloaded.
            timer = threading.Timer(COLLECTION_DELAY, self._collect)
            timer.daemon = True
            timer.start()

    def _collect(self) -> None:
        """A full garbage collection of everything, between builds."""
        with self.lock:
            gc.unfreeze()
            gc.collect()
            gc.freeze()
            self.collections += 1

    # -- search --------------------------------------------------------------------------------

    def _index_later(self, view: BuiltView) -> None:
        """Ask the indexing thread for an index of ``view`` as it now is."""
        with self._index_wanted:
            self._index_requests[view.name] = (
                view.site_key,
                view.site_glob,
                view.site_language,
                view.generation,
            )
            self._index_wanted.notify_all()

    def _index_loop(self) -> None:
        """Makes the search index of each site, one at a time, and has the writer put it in
        place only if no build has changed that site since it began (else the next request
        makes another)."""
        while True:
            with self._index_wanted:
                while not self._index_requests and not self._stopping:
                    self._index_wanted.wait()
                if self._stopping:
                    return
                name = next(iter(self._index_requests))
                key, glob, language, generation = self._index_requests.pop(name)
                self.indexing = True
                cancel = self._index_cancel = threading.Event()
            view = self.view(name)
            made: dict[str, bytes] | None
            try:
                made = make_index(
                    view.output,
                    search_cache(self.root, preview=view.preview),
                    key,
                    background=True,
                    glob=glob,
                    cancel=cancel,
                    language=language,
                )
            except IndexCancelled:
                made = None
            except (SearchIndexError, OSError) as exc:
                with self.lock:
                    if generation == view.generation and self.on_index_error is not None:
                        self.on_index_error(
                            [
                                {
                                    "path": "(search index)",
                                    "line": 1,
                                    "column": 1,
                                    "severity": "error",
                                    "message": str(exc),
                                    "hint": None,
                                    "text": f"(search index):1:1: {exc}",
                                }
                            ]
                        )
                made = None
            if made is not None:
                with self.lock:
                    if generation == view.generation:  # else the site changed under it
                        replace_tree(view.output, INDEX_DIR, made)
                        view.index_key = key
            with self._index_wanted:
                self.indexing = False
                self._index_wanted.notify_all()

    def search_current(self) -> bool:
        """Whether each active view's search index is made from its pages (tests)."""
        with self.lock, self._index_wanted:
            return not self.search or (
                not self.indexing
                and not self._index_requests
                and all(v.index_key == v.site_key for v in self.views if v.active and v.built)
            )
