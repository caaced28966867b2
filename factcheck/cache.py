"""What one build can lend the next in the same process (the preview server's rebuilds).

Every entry is reused only when reading and parsing again would give exactly the same thing:

- a file's reading is reused when its bytes are the same; the bytes are read again unless the
  file's status (size, modification and change times, inode) is what it was and the file was
  last modified well before we read it. This is git's index check, with its answer to "racy"
  files: one written within :data:`RACY_SECONDS` of our reading it could change again without
  its times changing, so it is read again until it is older than that;
- a parsed body is reused when the body text is the same;
- a quote's place in an article is reused when the article's body and the claim's selector are.

No entry is kept on a guess about what changed, so a cached rebuild is always the same as a fresh
one (tests/test_read_cache.py and tests/test_incremental.py check it). Each build keeps only the
entries it used, so the cache never grows past one project's size.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from .anchoring import AnchorResult
from .diagnostics import Diagnostic
from .frontmatter import ContentFile
from .markdown import Parsed

K = TypeVar("K")
V = TypeVar("V")

RACY_SECONDS = 2.0
"""A file modified this recently may be modified again without a visible change of its times
(file systems keep times in coarse ticks), so its status alone is not trusted."""

StatKey = tuple[int, int, int, int, int]
BodyKey = tuple[str, str, int]
"""(path, body text, first line)."""
AnchorKey = tuple[BodyKey, str, str | None, str | None]
"""(the article's body, quote, prefix, suffix)."""


PUBLISHED_RECORDS = "published"
"""The folder, in the project's cache folder, of the data feeds last published by rsync (see
:func:`keep_published_feed`). Not a build cache: ``--clean`` keeps it."""


def discard(folder: str | os.PathLike[str], *, keep: tuple[str, ...] = ()) -> None:
    """Remove a build cache folder whole (``--clean``), except the entries named in ``keep``."""
    import shutil

    if not keep:
        shutil.rmtree(folder, ignore_errors=True)
        return
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if entry.name in keep:
            continue
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                os.unlink(entry.path)


def published_feed_path(cache_dir: Path, destination: str) -> Path:
    """Where the data feed last published to an rsync ``destination`` is kept: a file named
    after the destination (readable, and a digest so that any two destinations differ)."""
    normal = destination.rstrip("/") or destination
    readable = re.sub(r"[^A-Za-z0-9]+", "-", normal).strip("-")[:60] or "destination"
    digest = hashlib.sha256(normal.encode("utf-8")).hexdigest()[:12]
    return cache_dir / PUBLISHED_RECORDS / f"rsync-{readable}-{digest}.json"


def keep_published_feed(cache_dir: Path, destination: str, data: bytes) -> Path:
    """Keep ``data``, the claimreview.json just published to ``destination`` by rsync, so that
    the next publish there can compare with what it serves (rsync cannot be asked cheaply).
    Written whole or not at all; returns where."""
    path = published_feed_path(cache_dir, destination)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".feed-", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return path


def stat_key(status: os.stat_result) -> StatKey:
    return (status.st_mtime_ns, status.st_ctime_ns, status.st_size, status.st_ino, status.st_dev)


@dataclass(slots=True)
class FileEntry:
    status: StatKey
    trusted: bool
    """Whether the status alone may vouch for the bytes next time (not a racy file)."""
    digest: bytes
    """Of the bytes read (:func:`bytes_digest`): a file read again is compared by it, so the
    cache, kept between processes too (factcheck/saved_cache.py), holds no copy of the file."""
    content: ContentFile | None
    problems: list[Diagnostic]


class Carryover(Generic[K, V]):
    """Entries one build lends the next: ``get`` finds what the last build kept, ``keep``
    keeps an entry for the next, and ``finish`` (at the end of a build) makes what this build
    kept the only entries. So entries no build uses any more are dropped, and the cache never
    grows past what one build uses."""

    __slots__ = ("_next", "entries")

    def __init__(self) -> None:
        self.entries: dict[K, V] = {}
        self._next: dict[K, V] = {}

    def get(self, key: K) -> V | None:
        return self.entries.get(key)

    def __getitem__(self, key: K) -> V:
        return self.entries[key]

    def __len__(self) -> int:
        return len(self.entries)

    def keep(self, key: K, value: V) -> None:
        self._next[key] = value

    def finish(self) -> None:
        self.entries, self._next = self._next, {}


@dataclass(slots=True)
class ReadCache:
    files: Carryover[str, FileEntry] = field(default_factory=Carryover)
    """path -> what reading the file gave, with its status when read."""
    bodies: Carryover[BodyKey, Parsed] = field(default_factory=Carryover)
    anchors: Carryover[AnchorKey, AnchorResult] = field(default_factory=Carryover)
    """(article body, selector) -> where the quote is."""

    def reusable(self, path: str, status: os.stat_result) -> FileEntry | None:
        """The entry for ``path`` if its status vouches that the file is unchanged."""
        entry = self.files.get(path)
        if entry is not None and entry.trusted and entry.status == stat_key(status):
            return entry
        return None

    def finish(self) -> None:
        """End of a build: what it used becomes what the next build may reuse."""
        self.files.finish()
        self.bodies.finish()
        self.anchors.finish()


def settled(status: os.stat_result, read_at_ns: int) -> bool:
    """Whether a file with ``status``, read at ``read_at_ns`` (wall clock, before the read),
    was last modified long enough before that its status can vouch for its bytes later."""
    return status.st_mtime_ns < read_at_ns - int(RACY_SECONDS * 1e9)


def entry_for(
    status: os.stat_result,
    raw: bytes,
    content: ContentFile | None,
    problems: list[Diagnostic],
    read_at_ns: int,
) -> FileEntry:
    """A cache entry for bytes read at ``read_at_ns``."""
    return FileEntry(
        stat_key(status), settled(status, read_at_ns), bytes_digest(raw), content, problems
    )


def bytes_digest(raw: bytes) -> bytes:
    """A file's bytes, told apart (BLAKE2b, 128 bits: no two files collide by accident)."""
    return hashlib.blake2b(raw, digest_size=16).digest()


def now_ns() -> int:
    return time.time_ns()


def read_stored(folder: Path, name: str) -> bytes | None:
    """A file kept in a build cache folder by :func:`store`, or None."""
    try:
        with open(folder / name, "rb") as handle:
            return handle.read()
    except OSError:
        return None


def store(folder: Path, name: str, data: bytes) -> None:
    """Keep ``data`` as ``folder/name`` in a build cache, whole or not at all (written beside
    it, then renamed): a build killed half-way never leaves half a file for the next to trust.
    A cache that cannot be written is no error: the next build makes the file again."""
    import tempfile

    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".part-")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, folder / name)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError:
        pass
