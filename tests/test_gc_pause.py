"""Builds pause the cyclic garbage collector, and the preview server freezes what a build keeps;
both are safe only because what a build makes has no reference cycles of its own. Checked here:
after a build and a cached rebuild, dropping them leaves no cyclic garbage made by factcheck or
by the Markdown parser (the collector would be the only way to free it)."""

from __future__ import annotations

import gc
import shutil
from pathlib import Path

from factcheck.build import BuildCache, build_site
from factcheck.gc_pause import paused_gc

REPO = Path(__file__).resolve().parent.parent


def _ours(obj: object) -> bool:
    module = type(obj).__module__ or ""
    return module.startswith(("factcheck", "markdown_it", "markupsafe"))


def _in_a_cycle(obj: object, garbage: dict[int, object]) -> bool:
    """Whether ``obj`` can reach itself through the garbage: it is part of a cycle, not merely
    held by one (the theme's words are held by Jinja's environment, whose own cycles are
    Jinja's, and freed with it)."""
    seen: set[int] = set()
    todo = [r for r in gc.get_referents(obj) if id(r) in garbage]
    while todo:
        item = todo.pop()
        if item is obj:
            return True
        if id(item) in seen:
            continue
        seen.add(id(item))
        todo.extend(r for r in gc.get_referents(item) if id(r) in garbage)
    return False


def test_a_build_leaves_no_cyclic_garbage_of_ours(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(REPO / "factcheck.yaml", project / "factcheck.yaml")
    shutil.copytree(REPO / "content", project / "content")
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        with paused_gc():
            cache = BuildCache()
            assert build_site(project, output=tmp_path / "site", search=False, cache=cache).ok
            verdict = project / "content/verdicts/transit-budget-doubled/sam-okafor.md"
            verdict.write_text(verdict.read_text("utf-8") + "\nMore.\n", encoding="utf-8")
            assert build_site(project, output=tmp_path / "site", search=False, cache=cache).ok
            del cache
        gc.collect()
        garbage = {id(obj): obj for obj in gc.garbage}
        cyclic = [obj for obj in gc.garbage if _ours(obj) and _in_a_cycle(obj, garbage)]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
    assert not cyclic, sorted({type(obj).__qualname__ for obj in cyclic})


def test_paused_gc_restores_the_collector() -> None:
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
