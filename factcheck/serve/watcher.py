"""Watching a project for changes (watchdog), debounced: a burst of events makes one call.

The watchdog handler only records which paths changed; one loop waits for the changes to settle
(no event for ``debounce`` seconds) and then calls ``on_change`` with every path of the burst
(the MkDocs livereload design). Events that arrive during a rebuild start the next burst.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from pathlib import Path

from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import ObservedWatch

DEBOUNCE = 0.05
"""Seconds without events before a burst counts as over. An editor's save (write, rename) or a
``git checkout`` makes its events far closer together than this; a longer wait would only add to
every reload (rebuilds take milliseconds, see docs/serve.md)."""
WATCHED_DIRS = ("content", "templates", "static")
WATCHED_FILES = ("factcheck.yaml",)
# Editors' swap and backup files: not content, and saving makes many of them.
IGNORED_SUFFIXES = ("~", ".swp", ".swx", ".swo", ".tmp")
IGNORED_PREFIXES = (".#",)
IGNORED_NAMES = frozenset({"4913", ".DS_Store"})
# Only changes: without this filter inotify also reports every file that a build opens and reads,
# and handling those thousands of events in Python slowed each rebuild of a big project by half.
EVENTS: list[type[FileSystemEvent]] = [
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileClosedEvent,
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
]


def is_relevant(root: Path, path: str) -> bool:
    """Whether a change to ``path`` can change the site."""
    try:
        rel = Path(path).relative_to(root)
    except ValueError:
        return False
    if not rel.parts:
        return False
    name = rel.name
    if (
        name in IGNORED_NAMES
        or name.endswith(IGNORED_SUFFIXES)
        or name.startswith(IGNORED_PREFIXES)
        or "__pycache__" in rel.parts
    ):
        return False
    if len(rel.parts) == 1:
        return name in WATCHED_FILES or name in WATCHED_DIRS
    return rel.parts[0] in WATCHED_DIRS


class _Recorder(FileSystemEventHandler):
    def __init__(self, watcher: ProjectWatcher) -> None:
        self.watcher = watcher

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        if event.is_directory and event.event_type == "modified":
            return  # a file in it changed: that file's own event says which
        paths = [event.src_path]
        dest = getattr(event, "dest_path", "")
        if dest:
            paths.append(dest)
        self.watcher.record([p if isinstance(p, str) else p.decode() for p in paths])


class ProjectWatcher:
    """Watches content/, templates/, static/ and factcheck.yaml of the project at ``root``."""

    def __init__(
        self, root: Path, on_change: Callable[[set[str]], None], *, debounce: float = DEBOUNCE
    ) -> None:
        self.root = root.resolve()
        self.on_change = on_change
        self.debounce = debounce
        self._lock = threading.Condition()
        self._pending: set[str] = set()
        self._last_event = 0.0
        self._stopping = False
        self._observer = Observer()
        self._recorder = _Recorder(self)
        self._watched: dict[str, tuple[ObservedWatch, tuple[int, int]]] = {}
        """Watched folder name -> its watch and the (device, inode) of the folder watched."""
        self._replaced: set[str] = set()
        """Watched folders that events say were deleted or made (a new folder may reuse the
        old one's inode number, so the inode alone does not tell)."""
        self._thread = threading.Thread(target=self._loop, name="factcheck-watch", daemon=True)

    def _schedule_dirs(self) -> None:
        """Watch each folder that exists, again if it was deleted and made anew (a ``git
        checkout`` or a restore from backup replaces content/ whole), and stop watching one
        that is gone."""
        with self._lock:
            replaced, self._replaced = self._replaced, set()
        for name in WATCHED_DIRS:
            folder = self.root / name
            try:
                status = folder.stat()
                ident = (status.st_dev, status.st_ino) if folder.is_dir() else None
            except OSError:
                ident = None
            current = self._watched.get(name)
            if current is not None and current[1] == ident and name not in replaced:
                continue
            if current is not None:
                with contextlib.suppress(KeyError, OSError):
                    self._observer.unschedule(current[0])
                del self._watched[name]
            if ident is not None:
                watch = self._observer.schedule(
                    self._recorder, str(folder), recursive=True, event_filter=EVENTS
                )
                self._watched[name] = (watch, ident)

    def start(self) -> None:
        # The root itself without recursion (factcheck.yaml; a watched folder created later),
        # so that site/ and caches being rewritten by each build are not watched at all.
        self._observer.schedule(
            self._recorder, str(self.root), recursive=False, event_filter=EVENTS
        )
        self._schedule_dirs()
        self._observer.start()
        self._thread.start()

    def stop(self) -> None:
        with self._lock:
            self._stopping = True
            self._lock.notify_all()
        self._observer.stop()
        self._observer.join(timeout=5)
        self._thread.join(timeout=5)

    def record(self, paths: list[str]) -> None:
        relevant = [p for p in paths if is_relevant(self.root, p)]
        if not relevant:
            return
        with self._lock:
            self._replaced.update(
                name for name in WATCHED_DIRS if str(self.root / name) in relevant
            )
            self._pending.update(relevant)
            self._last_event = time.monotonic()
            self._lock.notify_all()

    def _loop(self) -> None:
        while True:
            with self._lock:
                while not self._pending and not self._stopping:
                    self._lock.wait()
                if self._stopping:
                    return
                # Wait for the burst to settle.
                while not self._stopping:
                    quiet = time.monotonic() - self._last_event
                    if quiet >= self.debounce:
                        break
                    self._lock.wait(self.debounce - quiet)
                if self._stopping:
                    return
                changed, self._pending = self._pending, set()
            with contextlib.suppress(OSError):
                self._schedule_dirs()
            self.on_change(changed)
