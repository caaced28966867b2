"""The build cache kept between processes: what one ``factcheck build`` (or ``publish``) read,
parsed and rendered, lent to the next one, and to ``check``.

The preview server keeps a :class:`~factcheck.build.BuildCache` in memory from one rebuild to
the next. Here the same cache is saved at the end of a successful build, in
``.factcheck-cache/build/``, one file for each output folder, and loaded by the next process.
Everything in it is reused by the same rules as in one process (factcheck/cache.py,
factcheck/page_cache.py): a file by its status or its digest, a parsed body by its text, a
page by its inputs compared with ``==``. So a build with a saved cache makes the same bytes as
a build without (tests/test_saved_cache.py checks it for every kind of edit).

What is not trusted:

- **Another version.** The file starts with a key made of the versions of Python, of factcheck's
  libraries and a digest of factcheck's own source files: a cache written by anything else is
  ignored (and replaced by the next build), never read.
- **Another writer.** A cache is a pickle, and loading a pickle can run code: a project folder
  from elsewhere (a clone, a shared drive) must not be able to run anything by shipping a
  ``.factcheck-cache``. Each file is signed with a key of the user's own (BLAKE2b keyed, under
  ``$XDG_CACHE_HOME/factcheck/``, readable by the user alone); a file whose signature does not
  verify is ignored before it is unpickled.
- **The output folder.** Pages are reused by linking the last build's files into the new site,
  so the folder must still be what the last build left: the cache notes every file's size,
  modification time and inode, and any difference (a file edited, added or removed by hand or
  by a later step) makes the build render everything (:func:`output_matches`).

The new site is still staged beside the output and swapped in whole (factcheck/output.py), so
a build that fails, or is killed, leaves the last good site as it was. ``--no-cache`` neither
reads nor writes the saved cache; ``--clean`` discards it.
"""

from __future__ import annotations

import contextlib
import copyreg
import dataclasses
import hashlib
import hmac
import io
import operator
import os
import pickle
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .gc_pause import paused_gc

if TYPE_CHECKING:
    from .build import BuildCache

FOLDER = "build"
"""In the project's cache folder: the saved build caches."""
MAGIC = b"factcheck build cache 1\n"
KEY_FILE = "cache-key"
SIGNATURE = 32
Manifest = dict[str, tuple[int, int, int]]
"""Site path -> (size, modification time in ns, inode) of each file of an output folder."""

_LIBRARIES = (
    "jinja2",
    "markupsafe",
    "markdown-it-py",
    "mdit-py-plugins",
    "PyYAML",
    "Pillow",
    "anyascii",
    "langcodes",
    "pagefind",
)
"""The libraries whose output reaches the site's bytes (a new release may render differently)."""


@cache
def version_key() -> bytes:
    """What a cache is valid for: Python, the libraries that shape the output, and factcheck's
    own source, byte for byte (a development checkout changes without a new version number)."""
    from importlib import metadata

    total = hashlib.blake2b(digest_size=32)
    total.update(sys.version.encode() + b"\0" + sys.platform.encode() + b"\0")
    for name in _LIBRARIES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "-"
        total.update(f"{name}={version}\0".encode())
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        total.update(path.relative_to(package).as_posix().encode() + b"\0")
        total.update(path.read_bytes())
    return total.digest()


def state_path(root: Path, output: Path, cache_dir: str) -> Path:
    """Where the cache of builds of ``root`` into ``output`` is saved."""
    name = hashlib.blake2b(os.fsencode(output.resolve()), digest_size=12).hexdigest()
    return root / cache_dir / FOLDER / f"{name}.pickle"


def _key_folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "factcheck"


def user_key(*, create: bool) -> bytes | None:
    """The user's key for signing saved caches (made on first use, readable by the user
    alone), or None when there is none and it cannot be made: no cache is saved then."""
    path = _key_folder() / KEY_FILE
    try:
        with open(path, "rb") as handle:
            key = handle.read()
        return key if len(key) == 32 else None
    except OSError:
        if not create:
            return None
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # (made by another build just now)
        return user_key(create=False)
    except OSError:
        return None
    key = os.urandom(32)
    with os.fdopen(fd, "wb") as handle:
        handle.write(key)
    return key


def _signature(key: bytes, version: bytes, payload: bytes | memoryview) -> bytes:
    signer = hashlib.blake2b(version, key=key, digest_size=SIGNATURE)
    signer.update(payload)
    return signer.digest()


def load(root: Path, output: Path, cache_dir: str) -> BuildCache | None:
    """The cache the last build of ``root`` into ``output`` saved, if it is of this version,
    signed with this user's key, and whole; None otherwise."""
    from .cache import read_stored

    path = state_path(root, output, cache_dir)
    data = read_stored(path.parent, path.name)
    if data is None:
        return None
    head = len(MAGIC) + 32 + SIGNATURE
    if len(data) <= head or not data.startswith(MAGIC):
        return None
    version = data[len(MAGIC) : len(MAGIC) + 32]
    if not hmac.compare_digest(version, version_key()):
        return None
    key = user_key(create=False)
    payload = memoryview(data)[head:]
    signature = data[len(MAGIC) + 32 : head]
    if key is None or not hmac.compare_digest(signature, _signature(key, version, payload)):
        return None
    try:
        with paused_gc():  # (a million objects, none in a cycle: factcheck/gc_pause.py)
            loaded = pickle.loads(payload)
    except Exception:  # (a cache that cannot be read is no error: the build starts afresh)
        return None
    from .build import BuildCache

    if not isinstance(loaded, BuildCache):
        return None
    loaded.pages.bodies.rekey()
    loaded.saved = True
    return loaded


def save(root: Path, output: Path, cache_dir: str, build_cache: BuildCache) -> None:
    """Save ``build_cache`` (just used by a successful build into ``output``) for the next
    process, with the manifest of the output as it now is. A cache that cannot be written is
    no error: the next build starts afresh."""
    from .cache import store

    key = user_key(create=True)
    if key is None:
        return
    environment = build_cache.pages.environment
    build_cache.pages.environment = None  # (compiled templates are remade from their bytes)
    build_cache.manifest = output_manifest(output)
    try:
        out = io.BytesIO()
        pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
        pickler.dispatch_table = _dispatch_table()
        pickler.dump(build_cache)
        payload = out.getvalue()
    except (pickle.PicklingError, TypeError, AttributeError):
        return
    finally:
        build_cache.pages.environment = environment
    version = version_key()
    path = state_path(root, output, cache_dir)
    store(path.parent, path.name, MAGIC + version + _signature(key, version, payload) + payload)


@cache
def _dispatch_table() -> dict[type, Any]:
    """Pickling the many small dataclasses of a cache (a project's hundreds of thousands of
    places in files, above all) by their fields' values, as ``cls(*values)``: a third of the
    time of pickle's default for classes with slots, and half the time to load."""
    from . import anchoring, annotate, cache, diagnostics, frontmatter, model, page_cache, views

    table: dict[type, Any] = dict(copyreg.dispatch_table)
    for module in (anchoring, annotate, cache, diagnostics, frontmatter, model, page_cache, views):
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and value.__module__ == module.__name__
                and dataclasses.is_dataclass(value)
            ):
                reducer = _by_fields(value)
                if reducer is not None:
                    table[value] = reducer
    return table


def _by_fields(cls: type) -> Callable[[Any], tuple[Any, ...]] | None:
    """A reducer that makes ``cls(*fields)`` again, for a dataclass whose ``__init__`` takes
    every field and does nothing else; None for any other."""
    fields = dataclasses.fields(cls)
    if (
        not fields
        or not cls.__dataclass_params__.init  # type: ignore[attr-defined]
        or any(not f.init for f in fields)
        or hasattr(cls, "__post_init__")
        or "__reduce__" in vars(cls)
    ):
        return None
    names = tuple(f.name for f in fields)
    if len(names) == 1:
        name = names[0]
        return lambda obj: (cls, (getattr(obj, name),))
    get = operator.attrgetter(*names)
    return lambda obj: (cls, get(obj))


def discard(root: Path, output: Path, cache_dir: str) -> None:
    with contextlib.suppress(OSError):
        state_path(root, output, cache_dir).unlink()


def output_manifest(output: Path) -> Manifest:
    """Every file under ``output`` with its size, modification time and inode (links not
    followed)."""
    found: Manifest = {}
    stack = [("", str(output))]
    while stack:
        prefix, folder = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            rel = prefix + entry.name
            if entry.is_dir(follow_symlinks=False):
                stack.append((rel + "/", entry.path))
                continue
            try:
                status = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            found[rel] = (status.st_size, status.st_mtime_ns, status.st_ino)
    return found


def output_matches(output: Path, manifest: Manifest) -> bool:
    """Whether ``output`` holds exactly the files ``manifest`` saw, unchanged."""
    return bool(manifest) and output_manifest(output) == manifest
