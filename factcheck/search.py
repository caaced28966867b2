"""Search: a Pagefind index of the built site (PyPI ``pagefind[bin]``, the real Pagefind binary).

Pagefind reads the staged HTML, indexing only elements marked ``data-pagefind-body`` (published
claims, articles and plain pages), with ``rating`` and ``tag`` filters from
``data-pagefind-filter``. It writes its index into a temporary folder of ours, outside the site;
:func:`make_index` returns the files, and the writer (factcheck/output.py) puts them in the site
like every other file. The index and its UI are plain files: search works on any static host and
offline, with no CDN.

**The same pages give the same index, byte for byte.** Pagefind (1.5) writes the values of each
filter, and so the file names that hash them, in a different order on every run; the index is
made deterministic here (:func:`normalize`): each filter file's values are sorted, the files
renamed by the digest of their new bytes, and the names updated where they are listed. The last
index made is also kept under the build cache, keyed by the digest of the HTML it was made from,
and reused for the same pages (the preview server's rebuilds, a build that changed no page).
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

INDEX_DIR = "pagefind"
SEARCH_TIMEOUT = float(os.environ.get("FACTCHECK_SEARCH_TIMEOUT", "900"))
"""Seconds Pagefind may take before it is stopped and the build fails with a clear error (a
child process never runs without a time limit; a run over a 4,000-page site takes about 20 s)."""
_DCD = b"pagefind_dcd"
"""What every decompressed Pagefind index file starts with."""


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


def run_pagefind(
    site: Path,
    into: Path,
    *,
    background: bool = False,
    glob: str | None = None,
    cancel: threading.Event | None = None,
    timeout: float = SEARCH_TIMEOUT,
    language: str | None = None,
) -> None:
    """Index the pages of ``site`` into the folder ``into`` (outside the site). In the
    ``background``, Pagefind runs at a low CPU priority, so that rebuilds are not slowed; when
    ``cancel`` is set, it is stopped and :class:`IndexCancelled` raised; after ``timeout``
    seconds it is stopped and :class:`SearchIndexError` raised. With ``language`` (the site's),
    every page goes into that language's index, stemmed as that language is: Pagefind would
    otherwise make an index per page ``lang``, and the search page loads only its own, so a
    check written in another language would not be found."""
    command = pagefind_command()
    if command is None:
        raise SearchIndexError(
            "Pagefind is not installed; install it with pip install 'pagefind[bin]'"
        )
    where = ["--output-path", str(into)] + (["--glob", glob] if glob is not None else [])
    if language is not None:
        where += ["--force-language", language]
    deadline = time.monotonic() + timeout
    with subprocess.Popen(
        [*command, "--site", str(site), *where, "--quiet"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as process:
        if background and hasattr(os, "setpriority"):
            with contextlib.suppress(OSError):  # it may have finished already
                os.setpriority(os.PRIO_PROCESS, process.pid, 15)
        while True:
            try:
                stdout, stderr = process.communicate(
                    timeout=0.05 if cancel else max(0.0, deadline - time.monotonic())
                )
                break
            except subprocess.TimeoutExpired:
                if cancel is not None and cancel.is_set():
                    process.kill()
                    process.communicate()
                    raise IndexCancelled() from None
                if time.monotonic() >= deadline:
                    process.kill()
                    process.communicate()
                    raise SearchIndexError(
                        f"Pagefind did not finish in {timeout:.0f} s and was stopped (set "
                        "FACTCHECK_SEARCH_TIMEOUT for more time)"
                    ) from None
    if process.returncode != 0:
        detail = (stderr or stdout).strip().splitlines()[-5:]
        raise SearchIndexError("Pagefind failed to index the site: " + " / ".join(detail))


def read_tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder``, by its path relative to it."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def has_index(cache: Path, key: str) -> bool:
    """Whether ``cache`` holds the index of the HTML whose digest is ``key`` (then
    :func:`make_index` reads no page)."""
    return (cache / key / INDEX_DIR).is_dir()


def make_index(
    site: Path,
    cache: Path,
    key: str,
    *,
    background: bool = False,
    glob: str | None = None,
    cancel: threading.Event | None = None,
    language: str | None = None,
) -> dict[str, bytes]:
    """The search index of ``site``'s pages: its files by site path (``pagefind/...``), the
    same for the same pages. ``key`` is the digest of the HTML it indexes (output.html_key), which
    holds its language too: an index made from the same HTML before is taken from ``cache``."""
    cached = cache / key / INDEX_DIR
    if cached.is_dir():
        with contextlib.suppress(OSError):
            return {f"{INDEX_DIR}/{rel}": data for rel, data in read_tree(cached).items()}
    work = Path(tempfile.mkdtemp(prefix="factcheck-search-"))
    try:
        run_pagefind(
            site,
            work / INDEX_DIR,
            background=background,
            glob=glob,
            cancel=cancel,
            language=language,
        )
        files = normalize(read_tree(work / INDEX_DIR))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    _remember(cache, key, files)
    return {f"{INDEX_DIR}/{rel}": data for rel, data in files.items()}


def _remember(cache: Path, key: str, files: dict[str, bytes]) -> None:
    """Keep ``files`` as the cache's only index (a cache is an optimisation, never a failure:
    a cache that cannot be written is left alone)."""
    staging = cache.parent / f".{cache.name}-{key[:12]}.tmp"
    try:
        shutil.rmtree(staging, ignore_errors=True)
        for rel, data in files.items():
            path = staging / key / INDEX_DIR / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        shutil.rmtree(cache, ignore_errors=True)
        staging.replace(cache)
    except OSError:
        shutil.rmtree(staging, ignore_errors=True)


# -- a deterministic index -----------------------------------------------------------------------


def _decode(data: bytes) -> Any:
    import cbor2

    raw = gzip.decompress(data)
    if not raw.startswith(_DCD):
        raise ValueError("not a Pagefind index file")
    return cbor2.loads(raw[len(_DCD) :])


def _encode(value: Any) -> bytes:
    import cbor2

    # mtime=0: gzip's header otherwise holds the time, and the bytes would differ by it.
    return gzip.compress(_DCD + cbor2.dumps(value), compresslevel=9, mtime=0)


def _hashed(prefix: str, data: bytes, length: int) -> str:
    return f"{prefix}_{hashlib.sha256(data).hexdigest()[:length]}"


def normalize(files: dict[str, bytes]) -> dict[str, bytes]:
    """The index ``files`` (paths relative to the index folder) with each filter's values in
    order of name, and the filter and meta files renamed by their new bytes' digest. Nothing
    else changes: Pagefind's other files are already the same from run to run."""
    entry = json.loads(files["pagefind-entry.json"])
    out = dict(files)
    for language, info in entry["languages"].items():
        meta_name = f"pagefind.{info['hash']}.pf_meta"
        meta = _decode(files[meta_name])
        # meta: [version, index chunks, ..., [[filter name, file hash]...], ...]; the filter
        # files are found by their file names, and renamed wherever meta names them.
        renamed: dict[str, str] = {}
        for rel in sorted(files):
            if not (rel.startswith("filter/") and rel.endswith(".pf_filter")):
                continue
            old_hash = rel[len("filter/") : -len(".pf_filter")]
            if not old_hash.startswith(f"{language}_"):
                continue
            name, values = _decode(files[rel])
            data = _encode([name, sorted(values, key=lambda v: str(v[0]))])
            new_hash = _hashed(language, data, len(old_hash) - len(language) - 1)
            del out[rel]
            out[f"filter/{new_hash}.pf_filter"] = data
            renamed[old_hash] = new_hash
        meta = _rename(meta, renamed)
        # meta[3] lists the filters as [name, file hash], in no fixed order either.
        if len(meta) > 3 and isinstance(meta[3], list):
            meta[3] = sorted(meta[3], key=lambda f: str(f[0]))
        meta_data = _encode(meta)
        new_meta = _hashed(language, meta_data, len(info["hash"]) - len(language) - 1)
        del out[meta_name]
        out[f"pagefind.{new_meta}.pf_meta"] = meta_data
        info["hash"] = new_meta
    out["pagefind-entry.json"] = json.dumps(
        entry, ensure_ascii=False, separators=(",", ":")
    ).encode("utf-8")
    return out


def _rename(value: Any, names: dict[str, str]) -> Any:
    """``value`` with every string that is a key of ``names`` replaced by its value."""
    if isinstance(value, str):
        return names.get(value, value)
    if isinstance(value, list):
        return [_rename(v, names) for v in value]
    return value
