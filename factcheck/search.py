"""Search: a Pagefind index of the built site (PyPI ``pagefind[bin]``, the real Pagefind binary).

Pagefind reads the staged HTML before it is swapped in, indexing only elements marked
``data-pagefind-body`` (published claims, articles and plain pages), with ``rating`` and ``tag``
filters from ``data-pagefind-filter``. The index and its UI are plain files: search works on any
static host and offline, with no CDN.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path

INDEX_DIR = "pagefind"
SEARCH_STAGING = ".search-"
"""Beside the site ``site``, ``.site.search-*`` folders hold indexes being made."""


class SearchIndexError(Exception):
    pass


class IndexCancelled(Exception):
    """The index being made was no longer wanted (the site changed under it)."""


def pagefind_command() -> list[str] | None:
    """How to run Pagefind: the binary from pagefind[bin] through its Python wrapper."""
    try:
        import pagefind  # noqa: F401
    except ImportError:
        found = shutil.which("pagefind")
        return [found] if found else None
    return [sys.executable, "-m", "pagefind"]


def search_glob(searchable: Iterable[str]) -> str | None:
    """The narrowest Pagefind ``--glob`` that still finds every page marked for the index: the
    folders they are in. Pagefind would skip the other pages anyway, but reading them took a
    quarter of its time. None (every page) when a marked page is at the site's root or none is
    marked (then Pagefind indexes every page)."""
    folders = set()
    for rel in searchable:
        if "/" not in rel:
            return None
        folders.add(rel.split("/", 1)[0])
    if not folders:
        return None
    if len(folders) == 1:
        return f"{folders.pop()}/**/*.html"
    return "{" + ",".join(sorted(folders)) + "}/**/*.html"


def build_index(site: Path, into: Path | None = None, *, background: bool = False,
                glob: str | None = None, cancel: threading.Event | None = None) -> None:
    """Index ``site`` into its ``pagefind/`` folder, or into the folder ``into``. In the
    ``background``, Pagefind runs at a low CPU priority, so that rebuilds are not slowed; when
    ``cancel`` is set, it is stopped and :class:`IndexCancelled` raised."""
    command = pagefind_command()
    if command is None:
        raise SearchIndexError("Pagefind is not installed; install it with "
                               "pip install 'pagefind[bin]'")
    where = (["--output-path", str(into)] if into is not None
             else ["--output-subdir", INDEX_DIR])
    if glob is not None:
        where += ["--glob", glob]
    with subprocess.Popen([*command, "--site", str(site), *where, "--quiet"],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as process:
        if background and hasattr(os, "setpriority"):
            with contextlib.suppress(OSError):  # it may have finished already
                os.setpriority(os.PRIO_PROCESS, process.pid, 15)
        while True:
            try:
                stdout, stderr = process.communicate(timeout=0.05 if cancel else None)
                break
            except subprocess.TimeoutExpired:
                if cancel is not None and cancel.is_set():
                    process.kill()
                    process.communicate()
                    raise IndexCancelled() from None
    if process.returncode != 0:
        detail = (stderr or stdout).strip().splitlines()[-5:]
        raise SearchIndexError("Pagefind failed to index the site: " + " / ".join(detail))


def build_cached_index(site: Path, cache: Path, key: str, into: Path | None = None, *,
                       background: bool = False, glob: str | None = None,
                       cancel: threading.Event | None = None) -> bool:
    """Index ``site`` (into ``site/pagefind``, or ``into``), reusing the index made from
    identical HTML before. ``key`` is the digest of the site's HTML (output.html_key). Returns
    whether the cached index was used.

    Pagefind (1.5) writes its filter files in a different order on each run, so two runs over
    the same pages differ byte for byte; reusing the index made from the same HTML keeps builds
    of the same content byte-identical, and saves the indexing time when nothing searchable
    changed (a preview server's rebuilds, say). Only the newest index is kept.
    """
    target = into if into is not None else site / INDEX_DIR
    cached = cache / key
    if (cached / INDEX_DIR).is_dir():
        shutil.copytree(cached / INDEX_DIR, target)
        return True
    build_index(site, into, background=background, glob=glob, cancel=cancel)
    if cache.is_dir():
        shutil.rmtree(cache, ignore_errors=True)
    staging = cache.parent / f".{cache.name}-{key[:12]}.tmp"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        shutil.copytree(target, staging / key / INDEX_DIR)
        cache.parent.mkdir(parents=True, exist_ok=True)
        staging.replace(cache)
    except OSError:
        shutil.rmtree(staging, ignore_errors=True)  # a cache is an optimisation, never a failure
    return False


def make_index(site: Path, cache: Path, key: str, *, background: bool = False,
               glob: str | None = None, cancel: threading.Event | None = None) -> Path:
    """Index ``site`` into a new folder beside it (not touching ``site``); returns the folder
    that :func:`swap_index` puts in place."""
    made = Path(tempfile.mkdtemp(prefix=f".{site.name}{SEARCH_STAGING}", dir=site.parent))
    try:
        build_cached_index(site, cache, key, into=made / INDEX_DIR, background=background,
                           glob=glob, cancel=cancel)
    except BaseException:
        shutil.rmtree(made, ignore_errors=True)
        raise
    return made


def swap_index(site: Path, made: Path) -> None:
    """Put the index that :func:`make_index` made in the place of ``site/pagefind``."""
    current = site / INDEX_DIR
    try:
        if current.exists():
            os.replace(current, made / "old")
        os.replace(made / INDEX_DIR, current)
    finally:
        shutil.rmtree(made, ignore_errors=True)


def update_index(site: Path, cache: Path, key: str, glob: str | None = None) -> None:
    """Index a site in place: the old index serves until the new one is whole."""
    swap_index(site, make_index(site, cache, key, glob=glob))
