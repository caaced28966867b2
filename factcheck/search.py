"""Search: a Pagefind index of the built site (PyPI ``pagefind[bin]``, the real Pagefind binary).

Pagefind reads the staged HTML before it is swapped in, indexing only elements marked
``data-pagefind-body`` (published claims, articles and plain pages), with ``rating`` and ``tag``
filters from ``data-pagefind-filter``. The index and its UI are plain files: search works on any
static host and offline, with no CDN.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

INDEX_DIR = "pagefind"


class SearchIndexError(Exception):
    pass


def pagefind_command() -> list[str] | None:
    """How to run Pagefind: the binary from pagefind[bin] through its Python wrapper."""
    try:
        import pagefind  # noqa: F401
    except ImportError:
        found = shutil.which("pagefind")
        return [found] if found else None
    return [sys.executable, "-m", "pagefind"]


def build_index(site: Path) -> None:
    command = pagefind_command()
    if command is None:
        raise SearchIndexError("Pagefind is not installed; install it with "
                               "pip install 'pagefind[bin]'")
    result = subprocess.run([*command, "--site", str(site), "--output-subdir", "pagefind",
                             "--quiet"],
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()[-5:]
        raise SearchIndexError("Pagefind failed to index the site: " + " / ".join(detail))


def index_key(site: Path) -> str:
    """A digest of everything Pagefind reads: the site's HTML files, by path and content."""
    digest = hashlib.sha256()
    for path in sorted(site.rglob("*.html")):
        digest.update(path.relative_to(site).as_posix().encode("utf-8") + b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def build_cached_index(site: Path, cache: Path) -> bool:
    """Index ``site``, reusing the index made from identical HTML before. Returns whether the
    cached index was used.

    Pagefind (1.5) writes its filter files in a different order on each run, so two runs over
    the same pages differ byte for byte; reusing the index made from the same HTML keeps builds
    of the same content byte-identical, and saves the indexing time when nothing searchable
    changed (a preview server's rebuilds, say). Only the newest index is kept.
    """
    key = index_key(site)
    cached = cache / key
    if (cached / INDEX_DIR).is_dir():
        shutil.copytree(cached / INDEX_DIR, site / INDEX_DIR)
        return True
    build_index(site)
    if cache.is_dir():
        shutil.rmtree(cache, ignore_errors=True)
    staging = cache.parent / f".{cache.name}-{key[:12]}.tmp"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        shutil.copytree(site / INDEX_DIR, staging / key / INDEX_DIR)
        cache.parent.mkdir(parents=True, exist_ok=True)
        staging.replace(cache)
    except OSError:
        shutil.rmtree(staging, ignore_errors=True)  # a cache is an optimisation, never a failure
    return False
