"""Writing the site: built aside, then swapped in.

The new site is written into a fresh folder beside the output folder; only when every file is
written does it replace the old one (two renames on one file system). A failed or interrupted
build leaves the previous site as it was, and afterwards the output holds exactly what the build
produced: no stale files from an earlier build.

The preview server's rebuilds use :class:`InPlaceWriter` instead: only the files whose bytes
changed are staged, and each is then renamed over its old self (so a reader never sees half a
file), and files the build no longer makes are removed. Each writer keeps a digest of every file
it wrote, which is what the next in-place rebuild compares against and what the search index is
keyed by.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
from collections.abc import Mapping, Set
from pathlib import Path

from .search import SEARCH_STAGING

SEARCH_MARK = b"data-pagefind-body"
"""What marks a page for the search index (Pagefind then indexes only such pages)."""


def digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


def html_key(digests: Mapping[str, bytes]) -> str:
    """A digest of a site's HTML (each page's path and bytes): what its search index is made
    from."""
    total = hashlib.sha256()
    for rel in sorted(r for r in digests if r.endswith(".html")):
        total.update(rel.encode("utf-8") + b"\0" + digests[rel])
    return total.hexdigest()


class SiteWriter:
    """Collects the files of one build in a staging folder beside ``output``."""

    def __init__(self, output: Path) -> None:
        self.output = output.resolve()
        self.output.parent.mkdir(parents=True, exist_ok=True)
        self.staging = Path(tempfile.mkdtemp(prefix=f".{self.output.name}.new-",
                                             dir=self.output.parent))
        self._dirs: set[Path] = {self.staging}
        self.count = 0
        self.bytes = 0
        self.digests: dict[str, bytes] = {}
        """Site path -> digest of the bytes written there."""
        self.searchable: set[str] = set()
        """Pages marked for the search index (``data-pagefind-body``)."""

    def _target(self, rel: str) -> Path:
        target = self.staging / rel
        parent = target.parent
        if parent not in self._dirs:
            parent.mkdir(parents=True, exist_ok=True)
            self._dirs.add(parent)
        return target

    def write_text(self, rel: str, text: str) -> None:
        self.write_bytes(rel, text.encode("utf-8"))

    def write_bytes(self, rel: str, data: bytes) -> None:
        with open(self._target(rel), "wb") as handle:
            handle.write(data)
        self.digests[rel] = digest(data)
        if rel.endswith(".html") and SEARCH_MARK in data:
            self.searchable.add(rel)
        self.count += 1
        self.bytes += len(data)

    def copy(self, rel: str, source: Path) -> None:
        self.write_bytes(rel, source.read_bytes())

    def keep(self, rel: str) -> None:
        """``rel`` is as the last build wrote it: copied from the current output."""
        self.copy(rel, self.output / rel)

    def commit(self) -> None:
        """Swap the staged site in for the old one."""
        old: Path | None = None
        if self.output.exists() or self.output.is_symlink():
            old = Path(tempfile.mkdtemp(prefix=f".{self.output.name}.old-",
                                        dir=self.output.parent))
            os.rmdir(old)
            os.replace(self.output, old)
        os.replace(self.staging, self.output)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)

    def abort(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)


class InPlaceWriter:
    """Updates the output folder that the last build wrote, whose files' digests are
    ``previous``: unchanged files are left alone (``keep``), changed ones replaced one by one
    at :meth:`commit`, and files no longer made are removed. Nothing changes before commit."""

    def __init__(self, output: Path, previous: Mapping[str, bytes],
                 previous_searchable: Set[str]) -> None:
        self.output = output.resolve()
        self.previous = previous
        self.previous_searchable = previous_searchable
        self.digests: dict[str, bytes] = {}
        self.searchable: set[str] = set()
        self.changed: list[str] = []
        self.count = 0
        self.bytes = 0
        self._staging: SiteWriter | None = None

    def keep(self, rel: str) -> None:
        """``rel`` is as the last build wrote it."""
        self.digests[rel] = self.previous[rel]
        if rel in self.previous_searchable:
            self.searchable.add(rel)
        self.count += 1

    def write_text(self, rel: str, text: str) -> None:
        self.write_bytes(rel, text.encode("utf-8"))

    def write_bytes(self, rel: str, data: bytes) -> None:
        self.count += 1
        self.bytes += len(data)
        new = self.digests[rel] = digest(data)
        if rel.endswith(".html") and SEARCH_MARK in data:
            self.searchable.add(rel)
        if self.previous.get(rel) == new:
            return
        if self._staging is None:
            self._staging = SiteWriter(self.output)
        self._staging.write_bytes(rel, data)
        self.changed.append(rel)

    def copy(self, rel: str, source: Path) -> None:
        self.write_bytes(rel, source.read_bytes())

    @property
    def removed(self) -> list[str]:
        return sorted(set(self.previous) - set(self.digests))

    def commit(self) -> None:
        if self._staging is not None:
            staging = self._staging.staging
            for rel in self.changed:
                target = self.output / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(staging / rel, target)
            self._staging.abort()
        folders: set[Path] = set()
        for rel in self.removed:
            target = self.output / rel
            target.unlink(missing_ok=True)
            folders.update(p for p in target.parents if p.is_relative_to(self.output))
        for folder in sorted(folders, key=lambda p: len(p.parts), reverse=True):
            if folder != self.output:
                with contextlib.suppress(OSError):  # only if empty: others may live there
                    folder.rmdir()

    def abort(self) -> None:
        if self._staging is not None:
            self._staging.abort()


def clean_leftovers(output: Path, *, searches: bool = True) -> None:
    """Remove staging folders that an interrupted build left beside the output (and search
    indexes being made, unless ``searches`` is false: a preview server may be making one)."""
    parent = output.resolve().parent
    if not parent.is_dir():
        return
    prefixes = [f".{output.name}.new-", f".{output.name}.old-"]
    if searches:
        prefixes.append(f".{output.name}{SEARCH_STAGING}")
    for entry in parent.iterdir():
        if entry.is_dir() and entry.name.startswith(tuple(prefixes)):
            shutil.rmtree(entry, ignore_errors=True)
