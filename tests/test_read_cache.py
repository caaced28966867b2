"""The preview server's read cache: a rebuild that reuses what the last build read and parsed is
the same as a fresh build, and reports the same problems."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path
from typing import Any

import pytest

from factcheck import loader
from factcheck.build import BuildCache, build_site

REPO = Path(__file__).resolve().parent.parent


def _copy_example(target: Path) -> Path:
    target.mkdir(parents=True)
    shutil.copy(REPO / "factcheck.yaml", target / "factcheck.yaml")
    shutil.copytree(REPO / "content", target / "content")
    shutil.copytree(REPO / "static", target / "static")
    return target


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_cached_rebuilds_equal_fresh_builds_after_edits(tmp_path: Path) -> None:
    project = _copy_example(tmp_path / "project")
    cache = BuildCache()
    assert build_site(project, output=tmp_path / "cached", search=False, cache=cache).ok
    assert cache.read.files and cache.read.bodies

    verdict = project / "content/verdicts/transit-budget-doubled/sam-okafor.md"
    verdict.write_text(
        verdict.read_text("utf-8").replace("headline:", "headline: Revised.", 1)
        + "\nA new closing paragraph.\n",
        encoding="utf-8",
    )
    (project / "content/evidence/hcc-budget-2021.md").rename(
        project / "content/evidence/hcc-budget-2021-renamed.md"
    )
    result = build_site(project, output=tmp_path / "cached", search=False, cache=cache)
    fresh = build_site(project, output=tmp_path / "fresh", search=False)
    assert result.ok == fresh.ok
    assert result.diagnostics.to_json() == fresh.diagnostics.to_json()

    # Put the old id back through front matter, then compare the sites.
    renamed = project / "content/evidence/hcc-budget-2021-renamed.md"
    renamed.write_text(
        renamed.read_text("utf-8").replace("---\n", "---\nid: hcc-budget-2021\n", 1),
        encoding="utf-8",
    )
    assert build_site(project, output=tmp_path / "cached", search=False, cache=cache).ok
    assert build_site(project, output=tmp_path / "fresh", search=False).ok
    assert _tree(tmp_path / "cached") == _tree(tmp_path / "fresh")
    assert (
        b"A new closing paragraph."
        in (tmp_path / "cached/claims/transit-budget-doubled.html").read_bytes()
    )


def test_problems_of_an_unchanged_file_are_reported_again(tmp_path: Path) -> None:
    project = _copy_example(tmp_path / "project")
    bad = project / "content/evidence/twice.md"
    bad.write_text("---\ntitle: One\ntitle: Two\n---\nText.\n", encoding="utf-8")
    cache = BuildCache()
    first = build_site(project, output=tmp_path / "site", search=False, cache=cache)
    second = build_site(project, output=tmp_path / "site", search=False, cache=cache)
    assert not first.ok and not second.ok
    assert first.diagnostics.to_json() == second.diagnostics.to_json()
    assert any("duplicate key" in d.message for d in second.diagnostics)


def _age(path: Path, seconds: float = 60.0) -> None:
    """Make ``path`` look modified ``seconds`` ago, so its status may vouch for it."""
    past = path.stat().st_mtime - seconds
    os.utime(path, (past, past))


def test_unchanged_files_are_not_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = _copy_example(tmp_path / "project")
    for path in (project / "content").rglob("*.md"):
        _age(path)
    cache = BuildCache()
    assert build_site(project, output=tmp_path / "site", search=False, cache=cache).ok
    opened: list[str] = []
    real_open = open

    def counting_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        opened.append(str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(loader, "open", counting_open, raising=False)
    verdict = project / "content/verdicts/transit-budget-doubled/sam-okafor.md"
    verdict.write_text(verdict.read_text("utf-8") + "\nOne more line.\n", encoding="utf-8")
    assert build_site(project, output=tmp_path / "site", search=False, cache=cache).ok
    assert opened == [str(verdict)]
    assert b"One more line." in (tmp_path / "site/claims/transit-budget-doubled.html").read_bytes()


def test_an_edit_that_keeps_size_and_modification_time_is_still_seen(tmp_path: Path) -> None:
    """The change time moves on every write and cannot be set back, so restoring the
    modification time (as some tools do) does not hide an edit."""
    project = _copy_example(tmp_path / "project")
    verdict = project / "content/verdicts/transit-budget-doubled/sam-okafor.md"
    _age(verdict)
    cache = BuildCache()
    assert build_site(project, output=tmp_path / "site", search=False, cache=cache).ok
    before = verdict.stat()
    text = verdict.read_text("utf-8")
    assert "Revised" not in text
    edited = text.replace("headline: ", "headline: Revised ", 1)
    edited = edited.replace("\n\n", "\n", 4)[: len(text)]
    assert len(edited.encode()) == len(text.encode())
    time.sleep(0.01)
    verdict.write_text(edited, encoding="utf-8")
    os.utime(verdict, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert verdict.stat().st_size == before.st_size
    assert verdict.stat().st_mtime_ns == before.st_mtime_ns
    assert build_site(project, output=tmp_path / "site", search=False, cache=cache).ok
    assert b"Revised" in (tmp_path / "site/claims/transit-budget-doubled.html").read_bytes()


def test_a_file_written_just_now_is_read_again_even_with_the_same_status(tmp_path: Path) -> None:
    """A racy file (modified within the clock's tick of being read) is never vouched for by its
    status, since a second write in the same tick would leave the status as it was."""
    project = _copy_example(tmp_path / "project")
    verdict = "content/verdicts/transit-budget-doubled/sam-okafor.md"
    (project / verdict).write_bytes((project / verdict).read_bytes())
    cache = BuildCache()
    assert build_site(project, output=tmp_path / "site", search=False, cache=cache).ok
    assert not cache.read.files[verdict].trusted  # just written: too recent to trust
    _age(project / verdict)
    assert build_site(project, output=tmp_path / "site", search=False, cache=cache).ok
    assert cache.read.files[verdict].trusted
