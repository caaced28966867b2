"""The build cache saved between processes (factcheck/saved_cache.py): a build that starts from
the cache the last build saved makes exactly the site a build from nothing makes, after every
kind of edit, rename and delete, while rendering only what changed; and a cache that is not this
version's, not signed with the user's key, or whose output folder was changed behind its back,
is not trusted.

Most tests here build in-process with ``saved_cache=True`` and no cache object: each build then
reads the cache from disk, as a new process does. ``test_two_processes`` runs the real command.
"""

from __future__ import annotations

import os
import pickle
import random
import subprocess
import sys
from pathlib import Path

import pytest
from test_incremental import EDITS, OTHER_VERDICT, _copy_example, _random_edit, _tree

from factcheck import saved_cache
from factcheck.build import CACHE_DIR, BuildResult, build_site

REPO = Path(__file__).resolve().parent.parent
VERDICT = "content/verdicts/transit-budget-doubled/sam-okafor.md"


def _build(project: Path, output: Path, **options: object) -> BuildResult:
    result = build_site(project, output=output, search=False, saved_cache=True, **options)  # type: ignore[arg-type]
    return result


def _saved(project: Path, output: Path) -> Path:
    return saved_cache.state_path(project, output.resolve(), CACHE_DIR)


def _compare_with_fresh(project: Path, tmp_path: Path) -> BuildResult:
    """Build ``project`` into tmp_path/site from the saved cache, and afresh into
    tmp_path/fresh with no cache at all; the two must be the same, byte for byte."""
    result = _build(project, tmp_path / "site")
    expected = build_site(project, output=tmp_path / "fresh", search=False)
    assert result.ok == expected.ok
    assert result.diagnostics.to_json() == expected.diagnostics.to_json()
    if result.ok:
        tree, want = _tree(tmp_path / "site"), _tree(tmp_path / "fresh")
        assert tree.keys() == want.keys()
        stale = [rel for rel in want if tree[rel] != want[rel]]
        assert not stale, f"stale files after a build from the saved cache: {stale}"
    return result


@pytest.fixture
def primed(tmp_path: Path) -> Path:
    project = _copy_example(tmp_path / "project")
    first = _build(project, tmp_path / "site")
    assert first.ok and first.rendered == first.pages
    assert _saved(project, tmp_path / "site").is_file()
    return project


def test_an_unchanged_build_renders_nothing_and_keeps_every_file(
    primed: Path, tmp_path: Path
) -> None:
    before = _tree(tmp_path / "site")
    status = saved_cache.output_manifest(tmp_path / "site")
    saved = _saved(primed, tmp_path / "site").stat().st_mtime_ns
    result = _build(primed, tmp_path / "site")
    assert result.ok and result.rendered == 0 and result.unchanged and result.changed == []
    assert _tree(tmp_path / "site") == before
    # Nothing was written: the same files (inodes, times), and the saved cache as it was.
    assert saved_cache.output_manifest(tmp_path / "site") == status
    assert _saved(primed, tmp_path / "site").stat().st_mtime_ns == saved


@pytest.mark.parametrize("name", list(EDITS))
def test_one_edit(name: str, primed: Path, tmp_path: Path) -> None:
    EDITS[name](primed)
    result = _compare_with_fresh(primed, tmp_path)
    assert result.ok, result.diagnostics.format_text()


def test_an_edit_renders_only_the_pages_that_show_it(primed: Path, tmp_path: Path) -> None:
    path = primed / VERDICT
    path.write_text(
        path.read_text("utf-8").replace("headline: The budget", "headline: Revised, the budget"),
        "utf-8",
    )
    result = _compare_with_fresh(primed, tmp_path)
    assert result.ok and 0 < result.rendered < result.pages / 2


def test_edits_in_sequence(primed: Path, tmp_path: Path) -> None:
    order = list(EDITS)
    random.Random(20261129).shuffle(order)
    for name in order:
        if name == "verdict deleted" and not (primed / OTHER_VERDICT).exists():
            continue
        try:
            EDITS[name](primed)
        except (AssertionError, FileNotFoundError):
            continue  # an earlier edit already changed what this one edits
        _compare_with_fresh(primed, tmp_path)


@pytest.mark.parametrize("seed", [4, 5])
def test_random_walks_of_edits(seed: int, primed: Path, tmp_path: Path) -> None:
    rng = random.Random(seed)
    for _ in range(10):
        meant_to_build = _random_edit(primed, rng)
        result = _compare_with_fresh(primed, tmp_path)
        if meant_to_build:
            assert result.ok, result.diagnostics.format_text()
            continue
        assert not result.ok
        for verdict in (primed / "content/verdicts").rglob("*.md"):
            text = verdict.read_text("utf-8")
            if "rating: not-a-rating" in text:
                verdict.write_text(text.replace("rating: not-a-rating", "rating: misleading"))
        assert _compare_with_fresh(primed, tmp_path).ok


def test_a_file_changed_in_the_output_is_not_kept(primed: Path, tmp_path: Path) -> None:
    """A later step (a minifier, a hand edit) changed the site: the cache no longer knows what
    the folder holds, so nothing is linked from it and every page is made again."""
    home = tmp_path / "site/index.html"
    home.write_text(home.read_text("utf-8").replace("<body", "<body data-edited"), "utf-8")
    (tmp_path / "site/extra.txt").write_text("not ours", "utf-8")
    result = _compare_with_fresh(primed, tmp_path)
    assert result.ok and result.rendered == result.pages
    assert "data-edited" not in home.read_text("utf-8")
    assert not (tmp_path / "site/extra.txt").exists()


def test_a_file_removed_from_the_output_is_made_again(primed: Path, tmp_path: Path) -> None:
    (tmp_path / "site/index.html").unlink()
    result = _compare_with_fresh(primed, tmp_path)
    assert result.ok and (tmp_path / "site/index.html").is_file()


def test_a_failed_build_keeps_the_site_and_the_saved_cache(primed: Path, tmp_path: Path) -> None:
    before, saved = _tree(tmp_path / "site"), _saved(primed, tmp_path / "site").read_bytes()
    path = primed / VERDICT
    good = path.read_text("utf-8")
    path.write_text(good.replace("rating: misleading", "rating: not-a-rating"), "utf-8")
    assert not _build(primed, tmp_path / "site").ok
    assert _tree(tmp_path / "site") == before
    assert _saved(primed, tmp_path / "site").read_bytes() == saved
    path.write_text(good.replace("The budget", "The whole budget"), "utf-8")
    assert _compare_with_fresh(primed, tmp_path).ok


def _rewrite_payload(path: Path, payload: bytes, *, sign: bool) -> None:
    """Put ``payload`` in the saved cache at ``path``, signed with the user's key or not."""
    data = path.read_bytes()
    head = len(saved_cache.MAGIC) + 32
    version = data[len(saved_cache.MAGIC) : head]
    if sign:
        key = saved_cache.user_key(create=False)
        assert key is not None
        signature = saved_cache._signature(key, version, payload)
    else:
        signature = data[head : head + saved_cache.SIGNATURE]
    path.write_bytes(saved_cache.MAGIC + version + signature + payload)


class _Planted:
    """Unpickling this would write a file: the proof that a cache ran code."""

    def __init__(self, target: str) -> None:
        self.target = target

    def __reduce__(self) -> tuple[object, ...]:
        return (Path.write_text, (Path(self.target), "ran"))


def test_a_cache_not_signed_with_the_users_key_is_never_unpickled(
    primed: Path, tmp_path: Path
) -> None:
    """A project from elsewhere may ship a .factcheck-cache: loading a pickle can run code, so
    one whose signature does not verify is dropped before it is read."""
    planted = tmp_path / "planted"
    saved = _saved(primed, tmp_path / "site")
    _rewrite_payload(saved, pickle.dumps(_Planted(str(planted))), sign=False)
    result = _compare_with_fresh(primed, tmp_path)
    assert result.ok and result.rendered == result.pages
    assert not planted.exists()
    # (and the same bytes, signed, are loaded: the signature is what kept them out)
    _rewrite_payload(saved, pickle.dumps(_Planted(str(planted))), sign=True)
    assert _build(primed, tmp_path / "site").ok
    assert planted.read_text() == "ran"


def test_a_cache_with_a_changed_byte_is_ignored(primed: Path, tmp_path: Path) -> None:
    saved = _saved(primed, tmp_path / "site")
    data = bytearray(saved.read_bytes())
    data[-10] ^= 1
    saved.write_bytes(bytes(data))
    result = _compare_with_fresh(primed, tmp_path)
    assert result.ok and result.rendered == result.pages


def test_a_cache_of_another_version_is_ignored(
    primed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(saved_cache, "version_key", lambda: b"\1" * 32)
    result = _compare_with_fresh(primed, tmp_path)
    assert result.ok and result.rendered == result.pages
    # ... and replaced by this version's, which the next build uses.
    again = _build(primed, tmp_path / "site")
    assert again.ok and again.rendered == 0


def test_the_version_key_covers_factcheck_source_and_libraries() -> None:
    key = saved_cache.version_key()
    assert len(key) == 32
    assert "jinja2" in saved_cache._LIBRARIES and "markdown-it-py" in saved_cache._LIBRARIES


def test_a_new_user_key_makes_old_caches_unreadable(primed: Path, tmp_path: Path) -> None:
    key_file = saved_cache._key_folder() / saved_cache.KEY_FILE
    assert key_file.stat().st_mode & 0o077 == 0, "the key is readable by its user alone"
    old = key_file.read_bytes()
    key_file.unlink()
    try:
        result = _compare_with_fresh(primed, tmp_path)
        assert result.ok and result.rendered == result.pages
    finally:
        key_file.write_bytes(old)


def test_no_cache_neither_reads_nor_writes(tmp_path: Path) -> None:
    project = _copy_example(tmp_path / "project")
    assert build_site(project, output=tmp_path / "site", search=False).ok
    assert not (project / CACHE_DIR / saved_cache.FOLDER).exists()


def test_clean_starts_from_nothing(primed: Path, tmp_path: Path) -> None:
    result = _build(primed, tmp_path / "site", clean=True)
    assert result.ok and result.rendered == result.pages
    assert _build(primed, tmp_path / "site").rendered == 0


def test_two_outputs_have_a_cache_each(primed: Path, tmp_path: Path) -> None:
    assert _build(primed, tmp_path / "other").rendered > 0
    assert _build(primed, tmp_path / "site").rendered == 0
    assert _build(primed, tmp_path / "other").rendered == 0


def _factcheck(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-m", "factcheck", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_two_processes(tmp_path: Path) -> None:
    """The real command, twice, then once more after an edit: the second renders nothing, the
    third only what the edit touched, and its site is a fresh build's."""
    project = _copy_example(tmp_path / "project")
    first = _factcheck("build", "--no-search", cwd=project)
    assert first.returncode == 0, first.stderr
    assert "as the last build left them" not in first.stdout
    second = _factcheck("build", "--no-search", cwd=project)
    assert second.returncode == 0, second.stderr
    pages = int(second.stdout.split("built ")[1].split(" pages")[0])
    assert f"{pages} as the last build left them" in second.stdout
    path = project / VERDICT
    path.write_text(path.read_text("utf-8") + "\nA closing paragraph.\n", "utf-8")
    third = _factcheck("build", "--no-search", cwd=project)
    assert third.returncode == 0, third.stderr
    assert "as the last build left them" in third.stdout
    fresh = _factcheck(
        "build", "--no-search", "--no-cache", "-o", str(tmp_path / "fresh"), cwd=project
    )
    assert fresh.returncode == 0, fresh.stderr
    assert _tree(project / "site") == _tree(tmp_path / "fresh")
    check = _factcheck("check", cwd=project)
    assert check.returncode == 0, check.stdout + check.stderr


def test_with_search_an_unchanged_build_keeps_the_index(tmp_path: Path) -> None:
    project = _copy_example(tmp_path / "project")
    first = build_site(project, output=tmp_path / "site", saved_cache=True)
    assert first.ok, first.diagnostics.format_text()
    index = _tree(tmp_path / "site/pagefind")
    assert index
    again = build_site(project, output=tmp_path / "site", saved_cache=True)
    assert again.ok and again.unchanged and again.rendered == 0
    assert _tree(tmp_path / "site/pagefind") == index
    path = project / VERDICT
    path.write_text(path.read_text("utf-8") + "\nA closing paragraph.\n", "utf-8")
    edited = build_site(project, output=tmp_path / "site", saved_cache=True)
    fresh = build_site(project, output=tmp_path / "fresh")
    assert fresh.ok and edited.ok and not edited.unchanged and 0 < edited.rendered < edited.pages
    assert _tree(tmp_path / "site") == _tree(tmp_path / "fresh")


def _trial(project: Path) -> tuple[int, list[str]]:
    """What `check` renders with the cache the last build saved: (pages rendered, problems)."""
    from factcheck.diagnostics import Diagnostics
    from factcheck.project import open_project
    from factcheck.trial_render import trial_render

    kept = saved_cache.load(project, project / "site", CACHE_DIR)
    assert kept is not None
    loaded, _diags = open_project(project, kept.read)
    assert loaded is not None
    found = Diagnostics()
    return trial_render(project, loaded, found, kept.pages), [d.message for d in found.items]


def test_check_renders_only_what_changed_since_the_build(tmp_path: Path) -> None:
    project = _copy_example(tmp_path / "project")
    (project / "templates").mkdir()
    # A theme that fails only on some content: check must still find it once content says so.
    from factcheck.theme import theme_dir

    text = (theme_dir() / "article.html").read_text("utf-8")
    (project / "templates/article.html").write_text(
        text.replace(
            "{% block main %}",
            '{% block main %}{% if article.title == "Boom" %}{{ article.no_such_field }}'
            "{% endif %}",
            1,
        ),
        "utf-8",
    )
    assert _build(project, project / "site").ok
    assert _trial(project) == (0, [])
    path = project / VERDICT
    path.write_text(path.read_text("utf-8") + "\nA closing paragraph.\n", "utf-8")
    rendered, problems = _trial(project)
    assert 0 < rendered < 20 and problems == []
    article = project / "content/articles/harbour-city-transit-budget.md"
    _replace_title(article, "Boom")
    _rendered, problems = _trial(project)
    assert any("no_such_field" in p for p in problems), problems
    check = _factcheck("check", cwd=project)
    assert check.returncode == 1 and "no_such_field" in check.stdout


def _replace_title(path: Path, title: str) -> None:
    lines = path.read_text("utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("title:"))
    lines[at] = f"title: {title}"
    path.write_text("\n".join(lines), "utf-8")


def test_check_renders_every_page_again_after_a_template_change(tmp_path: Path) -> None:
    from factcheck.theme import theme_dir

    project = _copy_example(tmp_path / "project")
    assert _build(project, project / "site").ok
    (project / "templates").mkdir()
    text = (theme_dir() / "claim.html").read_text("utf-8")
    (project / "templates/claim.html").write_text(
        text.replace("{% block main %}", "{% block main %}{{ claim.no_such_field }}", 1), "utf-8"
    )
    _rendered, problems = _trial(project)
    assert any("no_such_field" in p for p in problems), problems


def test_edits_across_processes(tmp_path: Path) -> None:
    """Edits of every kind (a body, a rating, a rename, a delete, an added file, a template,
    the configuration), each followed by `factcheck build` in a new process: each site is the
    fresh build's, byte for byte, and the builds after the first reuse pages."""
    project = _copy_example(tmp_path / "project")
    assert _factcheck("build", "--no-search", cwd=project).returncode == 0
    names = [
        "verdict body",
        "verdict rating disputes the claim",
        "evidence renamed with its references",
        "verdict deleted",
        "verdict added",
        "page removed",
        "template override",
        "static file changed",
        "config title",
    ]
    reused = 0
    for name in names:
        EDITS[name](project)
        built = _factcheck("build", "--no-search", cwd=project)
        assert built.returncode == 0, built.stdout + built.stderr
        reused += "as the last build left them" in built.stdout
        fresh = tmp_path / f"fresh-{names.index(name)}"
        assert build_site(project, output=fresh, search=False, no_search=True).ok
        assert _tree(project / "site") == _tree(fresh), name
    # (a template, the configuration, and a page of the footer every page lists: every page)
    assert reused == len(names) - 3


def test_an_edit_that_changes_no_searchable_page_does_not_run_pagefind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The search index depends only on the pages marked for it: a reviewer's biography is on
    the reviewer's page alone, which is not in the index, so Pagefind is not run again, and
    the index is still the one a fresh build makes."""
    from factcheck import search

    project = _copy_example(tmp_path / "project")
    reviewer = project / "content/reviewers/sam-okafor.md"
    assert build_site(project, output=tmp_path / "site", saved_cache=True).ok
    reviewer.write_text(reviewer.read_text("utf-8") + "\nSam also edits the data desk.\n", "utf-8")

    def no_pagefind(*args: object, **kwargs: object) -> None:
        raise AssertionError("Pagefind ran for an edit that changes no searchable page")

    with monkeypatch.context() as patched:
        patched.setattr(search, "run_pagefind", no_pagefind)
        edited = build_site(project, output=tmp_path / "site", saved_cache=True)
    assert edited.ok and 0 < edited.rendered < edited.pages, edited.diagnostics.format_text()
    assert "data desk" in (tmp_path / "site/reviewers/sam-okafor.html").read_text("utf-8")
    assert build_site(project, output=tmp_path / "fresh").ok
    assert _tree(tmp_path / "site") == _tree(tmp_path / "fresh")
