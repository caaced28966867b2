"""Writing the site: the one owner of every byte under an output folder.

Nothing else in factcheck writes, renames or deletes anything under a site's folder: the build,
the search index, the preview server and ``publish --to folder`` all hand their files to the
writers here (tests/test_one_writer.py checks it, in the source and while building).

- :class:`SiteWriter` stages a whole new site beside the output folder and swaps it in with one
  atomic exchange of the two folders (Linux ``renameat2(RENAME_EXCHANGE)``): at every instant,
  even under ``kill -9``, the output folder holds a complete site, the old or the new one.
  Without that call (another system, a file system that lacks it) it falls back on two renames,
  between which the folder is briefly missing.
- :class:`InPlaceWriter` (the preview server's rebuilds) stages only the files whose bytes
  changed and renames each over its old self, so a reader never sees half a file; files the
  build no longer makes are removed. Hashed files come before the files that name them, so a
  search index is never seen pointing at a file not yet there.
- Every site carries :data:`MARK`, a small file that says factcheck made it: a folder that is
  not empty and has no mark (nor the look of a site built before marks) is never replaced, so a
  mistyped ``--output`` cannot empty a user's folder.
- One build at a time per output folder (:func:`locked`): a second waits, and says so.
- Folders made here follow the umask (a private temporary folder renamed into place would leave
  the site unreadable to a web server running as another user).
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Mapping, Set
from pathlib import Path

SEARCH_MARK = b"data-pagefind-body"
"""What marks a page for the search index (Pagefind then indexes only such pages)."""
MARK = ".factcheck-site"
"""The file that says a folder is a site that factcheck made (and may replace)."""
MARK_TEXT = (
    "This folder is a site built by factcheck, a static site generator for fact checks.\n"
    "factcheck build and factcheck publish replace it whole.\n"
)
INDEX_LAST = "pagefind/pagefind-entry.json"
"""Written after every other file: it names the search index's hashed files."""


def digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


def html_key(digests: Mapping[str, bytes], searchable: Set[str] = frozenset()) -> str:
    """A digest of the HTML a site's search index is made from (each page's path and bytes).

    Pagefind indexes only the pages marked :data:`SEARCH_MARK` when any page is marked, and
    skips the others whole: the digest of the ``searchable`` pages is then all the index
    depends on, so an edit that changes only other pages (a draft's claim page, a reviewer's
    list) does not make the index again. With no page marked, Pagefind indexes every page, and
    the digest is of every page."""
    total = hashlib.sha256()
    pages = searchable if searchable else [r for r in digests if r.endswith(".html")]
    for rel in sorted(pages):
        total.update(rel.encode("utf-8") + b"\0" + digests[rel])
    return total.hexdigest()


# -- folders -------------------------------------------------------------------------------------


def _read_umask() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    current = os.umask(0o022)  # (no other way to read it; this runs once, at import)
    os.umask(current)
    return current


UMASK = _read_umask()


def _private_folder(prefix: str, parent: Path) -> Path:
    """A new folder in ``parent`` with the umask's permissions (``mkdtemp`` makes it 0700)."""
    folder = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    os.chmod(folder, 0o777 & ~UMASK)
    return folder


def is_site(folder: Path) -> bool:
    """Whether ``folder`` is a site that factcheck made: it has :data:`MARK`, or (built before
    marks) both the home page and the ClaimReview data feed."""
    return (folder / MARK).is_file() or (
        (folder / "index.html").is_file() and (folder / "claimreview.json").is_file()
    )


def replace_problem(folder: Path) -> str | None:
    """Why ``folder`` must not be replaced by a site, or None when it may be."""
    if folder.is_symlink() and not folder.exists():
        return f"{folder} is a link to nothing"
    if not folder.exists():
        return None
    if not folder.is_dir():
        return f"{folder} is not a folder"
    try:
        empty = not any(folder.iterdir())
    except OSError as exc:
        return f"{folder} cannot be read: {exc.strerror or exc}"
    if empty or is_site(folder):
        return None
    return (
        f"{folder} is not empty and was not made by factcheck (it has no {MARK}); "
        "refusing to replace it"
    )


RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap the folders ``a`` and ``b`` in one step; False where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    ]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def swap_in(staging: Path, target: Path) -> None:
    """Put the folder ``staging`` in the place of ``target`` (which may not exist); the old
    contents are removed afterwards. ``target`` always holds the old or the new folder."""
    if target.exists() and _exchange(staging, target):
        shutil.rmtree(staging, ignore_errors=True)  # the old site, now at staging's name
        return
    old: Path | None = None
    if target.exists() or target.is_symlink():
        old = _private_folder(f".{target.name}.old-", target.parent)
        os.rmdir(old)
        os.replace(target, old)
    os.replace(staging, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


@contextlib.contextmanager
def locked(output: Path, on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the lock of ``output`` (a file beside it, there only while held) for the block: one
    build or publish of a folder at a time. A second one waits, and ``on_wait`` is told why."""
    try:
        import fcntl
    except ImportError:  # (not on Windows: builds there are not serialised)
        yield
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    lock = output.parent / f".{output.name}.lock"
    told = False
    while True:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o666)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait is not None and not told:
                on_wait(f"waiting for another build or publish of {output} to finish")
                told = True
            fcntl.flock(fd, fcntl.LOCK_EX)
        # The holder before us removes the file as it lets go: a lock on a file no longer
        # at that path guards nothing, so take the lock again on the file that is there.
        try:
            same = os.stat(lock).st_ino == os.fstat(fd).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(lock)
        os.close(fd)  # (closing releases the lock)


def clean_leftovers(output: Path) -> None:
    """Remove staging folders that an interrupted build left beside the output."""
    parent = output.resolve().parent
    if not parent.is_dir():
        return
    prefixes = (f".{output.name}.new-", f".{output.name}.old-")
    for entry in parent.iterdir():
        if entry.is_dir() and entry.name.startswith(prefixes):
            shutil.rmtree(entry, ignore_errors=True)


def _order(paths: list[str]) -> list[str]:
    """Writing order: everything, then the search index's entry file (it names the others)."""
    return sorted(paths, key=lambda p: (p == INDEX_LAST, p))


# -- writers -------------------------------------------------------------------------------------


class SiteWriter:
    """Collects the files of one build in a staging folder beside ``output``."""

    def __init__(self, output: Path) -> None:
        self.output = output.resolve()
        self.output.parent.mkdir(parents=True, exist_ok=True)
        self.staging = _private_folder(f".{self.output.name}.new-", self.output.parent)
        self._dirs: set[Path] = {self.staging}
        self.count = 0
        self.bytes = 0
        self.digests: dict[str, bytes] = {}
        """Site path -> digest of the bytes written there."""
        self.searchable: set[str] = set()
        """Pages marked for the search index (``data-pagefind-body``)."""
        self.previous: Mapping[str, bytes] = {}
        """Digests of the files of the output that :meth:`keep` may keep (none here)."""

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

    def write_files(self, files: Mapping[str, bytes]) -> None:
        for rel in _order(list(files)):
            self.write_bytes(rel, files[rel])

    def copy(self, rel: str, source: Path) -> None:
        self.write_bytes(rel, source.read_bytes())

    def keep(self, rel: str) -> None:
        """``rel`` is as the last build wrote it: copied from the current output."""
        self.copy(rel, self.output / rel)

    def mark(self) -> None:
        self.write_text(MARK, MARK_TEXT)

    def commit(self) -> None:
        """Swap the staged site in for the old one."""
        swap_in(self.staging, self.output)

    def abort(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)


class RelinkWriter(SiteWriter):
    """Stages a whole new site as :class:`SiteWriter` does, for a build that knows what the
    output holds (``previous``: the digests of its files, and ``sizes``, from the build cache
    saved by the last build, factcheck/saved_cache.py). A file this build would make exactly as
    the last one did is hard-linked from the output into the staging folder instead of being
    made and written again; the site is then swapped in whole, so a failed or killed build
    still leaves the last good site as it was. The links are made only when needed (before
    the search index reads the staged pages, or at :meth:`commit`): a build that turns out to
    change nothing makes none."""

    def __init__(
        self,
        output: Path,
        previous: Mapping[str, bytes],
        previous_searchable: Set[str],
        sizes: Mapping[str, int],
    ) -> None:
        super().__init__(output)
        self.previous = previous
        self.previous_searchable = previous_searchable
        self.sizes = sizes
        self._to_link: list[str] = []

    def keep(self, rel: str) -> None:
        self._to_link.append(rel)
        self.digests[rel] = self.previous[rel]
        if rel in self.previous_searchable:
            self.searchable.add(rel)
        self.count += 1
        self.bytes += self.sizes.get(rel, 0)

    def link_kept(self) -> None:
        """Put the kept files in the staging folder (links to the output's)."""
        for rel in self._to_link:
            source, target = self.output / rel, self._target(rel)
            try:
                os.link(source, target)
            except OSError:  # (a file system without hard links)
                shutil.copyfile(source, target)
        self._to_link = []

    def commit(self) -> None:
        self.link_kept()
        super().commit()


class InPlaceWriter:
    """Updates the output folder that the last build wrote, whose files' digests are
    ``previous``: unchanged files are left alone (``keep``), changed ones replaced one by one
    at :meth:`commit`, and files no longer made are removed. Nothing changes before commit.
    Files under ``outside`` (a folder path such as ``pagefind/``) are neither kept nor removed:
    another writer owns them."""

    def __init__(
        self,
        output: Path,
        previous: Mapping[str, bytes],
        previous_searchable: Set[str] = frozenset(),
        *,
        outside: str | None = None,
    ) -> None:
        self.output = output.resolve()
        self.previous = previous
        self.previous_searchable = previous_searchable
        self.outside = outside
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

    def write_files(self, files: Mapping[str, bytes]) -> None:
        for rel in _order(list(files)):
            self.write_bytes(rel, files[rel])

    def copy(self, rel: str, source: Path) -> None:
        self.write_bytes(rel, source.read_bytes())

    def mark(self) -> None:
        self.write_text(MARK, MARK_TEXT)

    @property
    def removed(self) -> list[str]:
        return sorted(
            rel
            for rel in set(self.previous) - set(self.digests)
            if self.outside is None or not rel.startswith(self.outside)
        )

    def commit(self) -> None:
        if self._staging is not None:
            staging = self._staging.staging
            for rel in _order(self.changed):
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


def replace_tree(output: Path, folder: str, files: Mapping[str, bytes]) -> None:
    """Make ``output/folder`` hold exactly ``files`` (site paths under ``folder``): changed
    files replaced one by one (hashed files before the entry file that names them), the rest
    of that folder removed. The preview server puts a search index made in the background in
    place so."""
    root = output.resolve()
    current: dict[str, bytes] = {}
    if (root / folder).is_dir():
        for path in (root / folder).rglob("*"):
            if path.is_file():
                current[path.relative_to(root).as_posix()] = digest(path.read_bytes())
    writer = InPlaceWriter(root, current)
    try:
        writer.write_files(files)
        writer.commit()
    except BaseException:
        writer.abort()
        raise


def publish_copy(site: Path, target: Path) -> None:
    """``publish --to folder``: a copy of the built ``site`` staged beside ``target`` and
    swapped in whole."""
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    writer = SiteWriter(target)
    try:
        for path in sorted(site.rglob("*")):
            if path.is_file():
                writer.copy(path.relative_to(site).as_posix(), path)
        writer.commit()
    except BaseException:
        writer.abort()
        raise
