"""Search: a Pagefind index of the built site (PyPI ``pagefind[bin]``, the real Pagefind binary).

Pagefind reads the staged HTML before it is swapped in, indexing only elements marked
``data-pagefind-body`` (published claims, articles and plain pages), with ``rating`` and ``tag``
filters from ``data-pagefind-filter``. The index and its UI are plain files: search works on any
static host and offline, with no CDN.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path


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
