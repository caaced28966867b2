"""Opening a project: read everything, then cross-reference it. Writes nothing."""

from __future__ import annotations

from pathlib import Path

from .cache import ReadCache
from .crossref import cross_reference
from .diagnostics import Diagnostics
from .gc_pause import paused_gc
from .loader import load_project
from .model import Project


def open_project(
    root: Path | str, cache: ReadCache | None = None
) -> tuple[Project | None, Diagnostics]:
    """The cross-referenced project at ``root`` and every problem found in it.

    The project is None only when the configuration itself is unusable; content errors leave a
    project (with the broken files left out) so that every problem is reported in one run.
    """
    diags = Diagnostics()
    with paused_gc():
        project = load_project(Path(root), diags, cache)
        if project is not None:
            cross_reference(project, diags, cache)
        if cache is not None:
            cache.finish()
    return project, diags
