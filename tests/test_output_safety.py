"""The output folder under faults and mistakes: a folder of the user's is never emptied, a kill
at any moment leaves a complete site, two builds at once do not tread on each other, the site
is readable by a web server, the search index is the same for the same pages, and nothing but
the writer (factcheck/output.py) writes there."""

from __future__ import annotations

import ast
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from helpers import REPO, run_cli, write_project

from factcheck.build import build_site
from factcheck.output import MARK

SMALL = {
    "content/reviewers/sam.md": "---\nname: Sam Okafor\n---\n",
    "content/claims/budget-doubled.md": "---\nsummary: The budget doubled.\n---\n",
    "content/verdicts/budget-doubled/sam.md": (
        "---\nclaim: budget-doubled\nreviewer: sam\nrating: misleading\nstatus: approved\n"
        "headline: Up 31 percent.\n---\nThe reasoning.\n"
    ),
    "content/pages/about.md": "---\ntitle: About\n---\nWho we are.\n",
}
KILL_AT = Path(__file__).parent / "support" / "kill_at.py"


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return write_project(tmp_path / "project", SMALL)


# -- a folder of the user's is never replaced -----------------------------------------------------


@pytest.mark.parametrize("where", ["documents", ".git", "symlinked-site"])
def test_build_refuses_a_folder_that_is_not_a_site(
    project: Path, tmp_path: Path, where: str
) -> None:
    documents = tmp_path / "documents"
    documents.mkdir()
    (documents / "thesis.txt").write_text("precious")
    if where == ".git":
        target = project / ".git"
        target.mkdir()
        (target / "HEAD").write_text("ref: refs/heads/main\n")
        args = ["--output", str(target)]
    elif where == "symlinked-site":
        (project / "site").symlink_to(documents)
        target = documents
        args = []
    else:
        target = documents
        args = ["--output", str(target)]
    before = tree(target)
    result = run_cli("build", "--project", str(project), *args)
    result.assert_no_crash()
    assert result.exit_code == 2, result.output  # wrong usage, said at the folder
    assert (
        "refusing to replace it" in result.output or "inside the project's .git/" in result.output
    )
    assert tree(target) == before


def test_build_replaces_a_site_it_made_and_an_empty_folder(project: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert build_site(project, output=empty, search=False).ok
    assert (empty / MARK).is_file() and (empty / "index.html").is_file()
    assert build_site(project, output=empty, search=False).ok  # its own site: replaced


def test_a_site_from_before_marks_is_still_replaced(project: Path, tmp_path: Path) -> None:
    old = tmp_path / "old-site"
    assert build_site(project, output=old, search=False).ok
    (old / MARK).unlink()
    assert build_site(project, output=old, search=False).ok


# -- kill -9 at every step -----------------------------------------------------------------------


def _run_killed(project: Path, args: list[str], at: int) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "FACTCHECK_KILL_AT": str(at),
        "PYTHONPATH": os.pathsep.join([str(REPO), str(REPO / "tests")]),
    }
    return subprocess.run(
        [sys.executable, str(KILL_AT), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def _changes(project: Path, args: list[str]) -> int:
    done = _run_killed(project, args, 0)
    assert done.returncode == 0, done.stderr
    found = re.search(r"changes: (\d+)", done.stderr)
    assert found, done.stderr
    return int(found.group(1))


@pytest.mark.parametrize("command", ["build", "publish"])
def test_a_kill_at_any_step_leaves_a_complete_site(
    project: Path, tmp_path: Path, command: str
) -> None:
    """The target holds the old site or the new one, whole, after a SIGKILL before each of
    the command's changes to the file system (and after it finishes)."""
    config = project / "factcheck.yaml"
    config.write_text(config.read_text() + "base_url: https://check.example.org/\n")
    target = tmp_path / "www" / "site"
    args = (
        ["build", "--project", str(project), "--output", str(target)]
        if command == "build"
        else ["publish", "--project", str(project), "--to", "folder", str(target)]
    )
    assert _run_killed(project, args, 0).returncode == 0
    old = tree(target)
    about = project / "content/pages/about.md"
    about.write_text(about.read_text().replace("Who we are", "Who we were"))

    def reset() -> None:
        """The old site in place, and no cache: every run makes the same changes."""
        shutil.rmtree(target.parent)
        shutil.rmtree(project / ".factcheck-cache", ignore_errors=True)
        for rel, data in old.items():
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            (target / rel).write_bytes(data)

    reset()
    total = _changes(project, args)
    new = tree(target)
    assert new != old and total >= 2
    kills = 0
    for at in range(1, total + 1):
        reset()
        done = _run_killed(project, args, at)
        kills += done.returncode == -9
        now = tree(target)
        assert now in (old, new), f"kill before change {at} of {total}: a mixed or missing site"
        assert not [
            p.name
            for p in target.parent.iterdir()
            if p.name != target.name and not p.name.startswith(f".{target.name}.")
        ], "nothing else beside it"
    assert kills == total


def test_a_kill_at_any_step_of_a_git_branch_publish(project: Path, tmp_path: Path) -> None:
    """The branch holds the old commit or the new one, whole, after a SIGKILL before each of
    publish's file-system changes and git commands."""
    config = project / "factcheck.yaml"
    config.write_text(config.read_text() + "base_url: https://check.example.org/\n")
    bare = tmp_path / "pages.git"
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    args = [
        "publish",
        "--project",
        str(project),
        "--to",
        "git-branch",
        "gh-pages",
        "--remote",
        str(bare),
    ]

    def head() -> str:
        done = subprocess.run(
            ["git", "-C", str(bare), "rev-parse", "-q", "--verify", "refs/heads/gh-pages"],
            capture_output=True,
            text=True,
            check=False,
        )
        return done.stdout.strip()

    def files(commit: str) -> set[str]:
        listing = subprocess.run(
            ["git", "-C", str(bare), "ls-tree", "-r", "--name-only", commit],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return set(listing.split())

    assert _run_killed(project, args, 0).returncode == 0
    old = head()
    about = project / "content/pages/about.md"
    about.write_text(about.read_text().replace("Who we are", "Who we were"))
    total = _changes(project, args)
    new = head()
    assert new != old and {".nojekyll", "index.html", MARK} <= files(new)
    kills = 0
    for at in range(1, total + 1):
        subprocess.run(
            ["git", "-C", str(bare), "update-ref", "refs/heads/gh-pages", old], check=True
        )
        shutil.rmtree(project / ".factcheck-cache", ignore_errors=True)
        done = _run_killed(project, args, at)
        kills += done.returncode == -9
        now = head()
        assert now == old or files(now) == files(new), f"kill before change {at}"
    assert kills == total


def test_a_kill_during_a_preview_rebuild_leaves_every_file_whole(
    project: Path, tmp_path: Path
) -> None:
    """A preview rebuild replaces files one by one: after a SIGKILL at any step each file is
    its old or its new self (never half), and the server's next start builds the site whole."""
    output = project / ".factcheck-cache" / "serve" / "preview"
    args = ["--rebuild", str(project), str(output)]
    about = project / "content/pages/about.md"
    original = about.read_text()

    def reset() -> None:
        about.write_text(original)
        shutil.rmtree(project / ".factcheck-cache", ignore_errors=True)

    reset()
    assert build_site(project, output=tmp_path / "old", search=False).ok
    old = tree(tmp_path / "old")
    total = _changes(project, args)
    new = tree(output)
    assert new != old and total >= 1
    kills = 0
    for at in range(1, total + 1):
        reset()
        done = _run_killed(project, args, at)
        kills += done.returncode == -9
        for rel, data in tree(output).items():
            assert data in (old.get(rel), new.get(rel)), f"kill before change {at}: {rel}"
        restarted = build_site(project, output=output, search=False)  # the next start
        assert restarted.ok and tree(output) == new
    assert kills == total


def test_git_branch_refuses_the_checked_out_branch(project: Path) -> None:
    config = project / "factcheck.yaml"
    config.write_text(config.read_text() + "base_url: https://check.example.org/\n")
    git = ["git", "-C", str(project), "-c", "user.name=T", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q", "-b", "main"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "content"], check=True)
    head = subprocess.run(
        [*git, "rev-parse", "HEAD"], capture_output=True, text=True, check=True
    ).stdout
    result = run_cli("publish", "--project", str(project), "--to", "git-branch", "main")
    assert result.exit_code == 1, result.output
    assert "is checked out" in result.output
    assert (
        subprocess.run(
            [*git, "rev-parse", "HEAD"], capture_output=True, text=True, check=True
        ).stdout
        == head
    )
    assert (project / "content/pages/about.md").is_file()


# -- two builds at once ---------------------------------------------------------------------------


def test_two_builds_at_once_take_turns(tmp_path: Path) -> None:
    """Two `factcheck build` processes into one folder: both succeed, one waits and says so,
    the site is whole, and no staging folder is left."""
    project = tmp_path / "example"
    for folder in ("content", "static"):
        shutil.copytree(REPO / folder, project / folder)
    shutil.copyfile(REPO / "factcheck.yaml", project / "factcheck.yaml")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-m", "factcheck", "build", "--project", str(project)]
    first = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    second = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    outputs = [process.communicate(timeout=120) for process in (first, second)]
    assert first.returncode == 0 and second.returncode == 0, outputs
    site = project / "site"
    assert (site / "index.html").is_file() and (site / "pagefind/pagefind-entry.json").is_file()
    assert sorted(p.name for p in project.iterdir()) == [
        ".factcheck-cache",
        "content",
        "factcheck.yaml",
        "site",
        "static",
    ]
    fresh = build_site(project, output=tmp_path / "fresh")
    assert fresh.ok and tree(site) == tree(tmp_path / "fresh")


def test_a_build_waits_for_the_lock_and_says_so(project: Path, tmp_path: Path) -> None:
    from factcheck.output import locked

    output = project / "site"
    said: list[str] = []
    import threading

    held = threading.Event()
    release = threading.Event()

    def hold() -> None:
        with locked(output.resolve()):
            held.set()
            release.wait(60)

    holder = threading.Thread(target=hold)
    holder.start()
    held.wait(60)
    builder = threading.Thread(
        target=lambda: said.append(str(build_site(project, search=False, on_wait=said.append).ok))
    )
    builder.start()
    deadline = 600
    while not said and deadline:
        builder.join(0.1)
        deadline -= 1
    assert said and "waiting for another build or publish" in said[0]
    assert not (output / "index.html").exists()  # it waited
    release.set()
    builder.join(60)
    holder.join(60)
    assert said[-1] == "True" and (output / "index.html").is_file()
    assert not (project / ".site.lock").exists()


# -- permissions, determinism, errors -------------------------------------------------------------


def test_the_site_follows_the_umask(project: Path, tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        assert build_site(project, search=False).ok
        config = project / "factcheck.yaml"
        config.write_text(config.read_text() + "base_url: https://check.example.org/\n")
        result = run_cli(
            "publish", "--project", str(project), "--to", "folder", str(tmp_path / "www")
        )
        assert result.exit_code == 0, result.output
    finally:
        os.umask(old)
    import factcheck.output

    expected = 0o777 & ~factcheck.output.UMASK
    for folder in (project / "site", tmp_path / "www"):
        for path in [folder, *folder.rglob("*")]:
            mode = stat.S_IMODE(path.stat().st_mode)
            want = expected if path.is_dir() else expected & 0o666
            assert mode == want, (path, oct(mode))


def test_the_search_index_is_the_same_for_the_same_pages(project: Path, tmp_path: Path) -> None:
    """Pagefind writes filter values in a different order on each run; the index we publish
    does not differ (no cache between the two builds)."""
    indexes = []
    for n in range(3):
        shutil.rmtree(project / ".factcheck-cache", ignore_errors=True)
        assert build_site(project, output=tmp_path / f"site-{n}").ok
        indexes.append(tree(tmp_path / f"site-{n}" / "pagefind"))
    assert indexes[0] == indexes[1] == indexes[2]
    assert any(rel.startswith("filter/") for rel in indexes[0])


def test_an_output_that_cannot_be_written_is_a_located_error(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import factcheck.output

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(project / "site"))

    monkeypatch.setattr(factcheck.output, "swap_in", refuse)
    result = run_cli("build", "--project", str(project))
    result.assert_no_crash()
    assert result.exit_code == 1
    assert "site:1:1: error: cannot write the site: Permission denied" in result.output


def test_ctrl_c_exits_130(monkeypatch: pytest.MonkeyPatch, project: Path) -> None:
    import factcheck.commands.build
    from factcheck.cli import main

    def interrupted(*args: object, **kwargs: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(factcheck.commands.build, "run_build", interrupted)
    with pytest.raises(SystemExit) as stopped:
        main(["build", "--project", str(project)])
    assert stopped.value.code == 130


# -- one writer ----------------------------------------------------------------------------------

MODULE_WRITES = {
    "os": {
        "replace",
        "rename",
        "renames",
        "mkdir",
        "makedirs",
        "rmdir",
        "removedirs",
        "unlink",
        "remove",
        "chmod",
        "symlink",
        "link",
        "open",
        "truncate",
    },
    "shutil": {"rmtree", "copytree", "copyfile", "copy", "copy2", "move", "copymode"},
    "tempfile": {"mkdtemp", "mkstemp", "NamedTemporaryFile", "TemporaryDirectory"},
}
"""Functions of these modules that change the file system."""
PATH_WRITES = {
    "write_text",
    "write_bytes",
    "touch",
    "mkdir",
    "unlink",
    "rmdir",
    "symlink_to",
    "hardlink_to",
    "chmod",
}
"""Methods of pathlib.Path that change the file system."""
MAY_WRITE = {
    "output.py": "the site (the one writer)",
    "search.py": "its own temporary folder for Pagefind, and the index cache",
    "cache.py": "the build cache (discarded by --clean)",
    "saved_cache.py": "the build cache saved for the next process, under .factcheck-cache/build, "
    "and the user's key that signs it, under $XDG_CACHE_HOME/factcheck (never the site)",
    "cards.py": "its share cards under .factcheck-cache/cards (never the site)",
    "content_files.py": "content files for users (new and import: never replacing one)",
    "importing/writer.py": "undoing an import's files when one of them fails",
    "commands/init.py": "a new project",
    "publish.py": "git's temporary index (never the site)",
    "commands/publish.py": "the temporary folder the site is built in before publishing",
}
"""Modules allowed to change the file system, and what they write."""


WRITER_NAMES = {"writer", "self"}
"""Receivers whose write methods are the writer's own (``writer.write_text(rel, text)``)."""


def _writes(source: str) -> list[str]:
    """Calls in ``source`` that change the file system."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id == "open":
            mode = (
                node.args[1]
                if len(node.args) > 1
                else next((k.value for k in node.keywords if k.arg == "mode"), None)
            )
            if isinstance(mode, ast.Constant) and set(str(mode.value)) & set("wax+"):
                found.append(f"open(..., {mode.value!r}) at line {node.lineno}")
        elif isinstance(func, ast.Attribute):
            receiver = func.value.id if isinstance(func.value, ast.Name) else ""
            if func.attr in MODULE_WRITES.get(receiver, ()):
                found.append(f"{receiver}.{func.attr}() at line {node.lineno}")
            elif (
                func.attr in PATH_WRITES
                and receiver not in MODULE_WRITES
                and receiver not in WRITER_NAMES
            ):
                found.append(f".{func.attr}() at line {node.lineno}")
    return found


def test_only_the_writer_changes_the_output_in_the_source() -> None:
    package = REPO / "factcheck"
    offenders = {}
    for path in sorted(package.rglob("*.py")):
        rel = path.relative_to(package).as_posix()
        if rel in MAY_WRITE:
            continue
        found = _writes(path.read_text(encoding="utf-8"))
        if found:
            offenders[rel] = found
    assert not offenders, offenders


def test_the_source_scan_would_see_a_write() -> None:
    assert (
        len(
            _writes(
                "Path('x').write_text('y')\nopen(p, 'wb')\nshutil.rmtree(d)\n"
                "os.replace(a, b)\npath.unlink()\nopen(p, mode='a')\n"
            )
        )
        == 6
    )
    assert not _writes("open(p, 'rb')\ntext.replace('a', 'b')\nwriter.write_text(rel, t)\n")


def test_only_the_writer_changes_the_output_while_building(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every change under the output folder during a build (with search) comes from a call
    made in factcheck/output.py."""
    import builtins
    import inspect

    project = tmp_path / "example"
    for folder in ("content", "static"):
        shutil.copytree(REPO / folder, project / folder)
    shutil.copyfile(REPO / "factcheck.yaml", project / "factcheck.yaml")
    output = (tmp_path / "out").resolve()
    seen: list[tuple[str, str]] = []

    def caller() -> str:
        for frame in inspect.stack()[2:]:
            name = frame.filename
            if "/factcheck/" in name and "/tests/" not in name:
                return name.split("/factcheck/", 1)[1]
        return "?"

    def touches_output(*paths: object) -> bool:
        for path in paths:
            if isinstance(path, (str, os.PathLike)):
                text = os.path.abspath(os.fspath(path))
                if isinstance(text, str) and (
                    text.startswith(str(output)) or f"/.{output.name}." in text
                ):
                    return True
        return False

    def watch(owner: object, name: str) -> None:
        original = getattr(owner, name)

        def watched(*args: object, **kwargs: object) -> object:
            if touches_output(*args[:2]):
                seen.append((name, caller()))
            return original(*args, **kwargs)

        monkeypatch.setattr(owner, name, watched)

    real_open = builtins.open

    def watched_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if set(mode) & set("wax+") and touches_output(file):
            seen.append(("open", caller()))
        return real_open(file, mode, *args, **kwargs)

    for name in ("replace", "rename", "mkdir", "rmdir", "unlink", "chmod"):
        watch(os, name)
    watch(shutil, "rmtree")
    monkeypatch.setattr(builtins, "open", watched_open)
    result = build_site(project, output=output)
    assert result.ok, result.diagnostics.format_text()
    assert seen, "the watch saw the build's writes"
    assert {who for _, who in seen} == {"output.py"}, sorted(set(seen))
