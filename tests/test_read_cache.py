"""The preview server's read cache: a rebuild that reuses what the last build read and parsed is
the same as a fresh build, and reports the same problems."""

from __future__ import annotations

import shutil
from pathlib import Path

from factcheck.build import build_site
from factcheck.cache import ReadCache

REPO = Path(__file__).resolve().parent.parent


def _copy_example(target: Path) -> Path:
    target.mkdir(parents=True)
    shutil.copy(REPO / "factcheck.yaml", target / "factcheck.yaml")
    shutil.copytree(REPO / "content", target / "content")
    shutil.copytree(REPO / "static", target / "static")
    return target


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_cached_rebuilds_equal_fresh_builds_after_edits(tmp_path: Path) -> None:
    project = _copy_example(tmp_path / "project")
    cache = ReadCache()
    assert build_site(project, output=tmp_path / "cached", search=False, cache=cache).ok
    assert cache.files and cache.bodies

    verdict = project / "content/verdicts/transit-budget-doubled/sam-okafor.md"
    verdict.write_text(verdict.read_text("utf-8").replace(
        "headline:", "headline: Revised.", 1) + "\nA new closing paragraph.\n", encoding="utf-8")
    (project / "content/evidence/hcc-budget-2021.md").rename(
        project / "content/evidence/hcc-budget-2021-renamed.md")
    result = build_site(project, output=tmp_path / "cached", search=False, cache=cache)
    fresh = build_site(project, output=tmp_path / "fresh", search=False)
    assert result.ok == fresh.ok
    assert result.diagnostics.to_json() == fresh.diagnostics.to_json()

    # Put the old id back through front matter, then compare the sites.
    renamed = project / "content/evidence/hcc-budget-2021-renamed.md"
    renamed.write_text(renamed.read_text("utf-8").replace("---\n", "---\nid: hcc-budget-2021\n",
                                                           1), encoding="utf-8")
    assert build_site(project, output=tmp_path / "cached", search=False, cache=cache).ok
    assert build_site(project, output=tmp_path / "fresh", search=False).ok
    assert _tree(tmp_path / "cached") == _tree(tmp_path / "fresh")
    assert b"A new closing paragraph." in (
        tmp_path / "cached/claims/transit-budget-doubled.html").read_bytes()


def test_problems_of_an_unchanged_file_are_reported_again(tmp_path: Path) -> None:
    project = _copy_example(tmp_path / "project")
    bad = project / "content/evidence/twice.md"
    bad.write_text("---\ntitle: One\ntitle: Two\n---\nText.\n", encoding="utf-8")
    cache = ReadCache()
    first = build_site(project, output=tmp_path / "site", search=False, cache=cache)
    second = build_site(project, output=tmp_path / "site", search=False, cache=cache)
    assert not first.ok and not second.ok
    assert first.diagnostics.to_json() == second.diagnostics.to_json()
    assert any("duplicate key" in d.message for d in second.diagnostics)
