"""Files of the host never reach the site by way of a link, and odd files are errors at their
place: links out of the project from content/, static/ and templates/, link loops, FIFOs,
sockets, devices, folders where files are expected, unreadable files and folders."""

from __future__ import annotations

import os
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import pytest
from helpers import REVIEWER, check, run_cli, write_project

from factcheck import project_files
from factcheck.build import build_site
from factcheck.project import open_project

SECRET = "TOKEN=do-not-publish-3f9a"

PAGE = "---\ntitle: About\n---\nAbout us.\n"

T = TypeVar("T")


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A file of the host, outside the project."""
    path = tmp_path / "host" / "secret.txt"
    path.parent.mkdir()
    path.write_text(SECRET, encoding="utf-8")
    return path


def _project(tmp_path: Path) -> Path:
    return write_project(
        tmp_path / "project",
        {
            "content/pages/about.md": PAGE,
            "static/logo.svg": "<svg/>",
            "content/reviewers/sam.md": REVIEWER,
        },
    )


def _build(root: Path, tmp_path: Path) -> tuple[int, str, Path]:
    site = tmp_path / "site"
    result = run_cli("build", "--project", str(root), "--output", str(site))
    result.assert_no_crash()
    return result.exit_code, result.stdout + result.output, site


def _published_anywhere(site: Path, text: str) -> bool:
    if not site.exists():
        return False
    return any(text.encode() in p.read_bytes() for p in site.rglob("*") if p.is_file())


LINKS = {
    # where the link is: what the check says
    "static/secret.txt": "static/secret.txt:1:1: error: static/secret.txt links outside the "
    "project",
    "static/deep/er/secret.txt": "static/deep/er/secret.txt:1:1: error: static/deep/er/secret.txt "
    "links outside the project",
    "templates/base.html": "templates/base.html:1:1: error: templates/base.html links outside "
    "the project",
    "templates/assets/secret.css": "templates/assets/secret.css:1:1: error: "
    "templates/assets/secret.css links outside the project",
    "content/pages/secret.md": "content/pages/secret.md:1:1: error: content/pages/secret.md "
    "links outside the project",
}


@pytest.mark.parametrize("where", list(LINKS))
def test_a_link_out_of_the_project_is_an_error_and_never_published(
    tmp_path: Path, outside: Path, where: str
) -> None:
    root = _project(tmp_path)
    link = root / where
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(outside)
    result = check(root)
    assert result.exit_code == 1
    assert LINKS[where] in result.stdout, result.stdout
    assert "hint: files outside the project are never published" in result.stdout
    code, _output, site = _build(root, tmp_path)
    assert code == 1
    assert not _published_anywhere(site, SECRET)


@pytest.mark.parametrize(
    "folder", ["static", "static/sub", "content", "content/pages", "templates", "templates/assets"]
)
def test_a_linked_folder_out_of_the_project_is_an_error(
    tmp_path: Path, outside: Path, folder: str
) -> None:
    root = _project(tmp_path)
    link = root / folder
    if link.exists():
        os.rename(link, root / f"{folder}-old")
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(outside.parent, target_is_directory=True)
    result = check(root)
    assert result.exit_code == 1
    assert f"{folder}:1:1: error: {folder} links outside the project" in result.stdout
    _code, _output, site = _build(root, tmp_path)
    assert not _published_anywhere(site, SECRET)


def test_proc_self_environ_is_never_published(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The build's environment (tokens in CI) by way of a link to /proc/self/environ."""
    monkeypatch.setenv("FACTCHECK_TEST_SECRET", SECRET)
    root = _project(tmp_path)
    (root / "static/env.txt").symlink_to("/proc/self/environ")
    (root / "static/etc").symlink_to("/etc", target_is_directory=True)
    result = check(root)
    assert "static/env.txt:1:1: error: static/env.txt links outside the project" in result.stdout
    assert "static/etc:1:1: error: static/etc links outside the project" in result.stdout
    code, _output, site = _build(root, tmp_path)
    assert code == 1
    assert not _published_anywhere(site, SECRET)
    assert not (site / "etc").exists()


def test_links_inside_the_project_are_followed(tmp_path: Path) -> None:
    root = _project(tmp_path)
    (root / "shared").mkdir()
    (root / "shared/banner.svg").write_text("<svg id='banner'/>", encoding="utf-8")
    (root / "static/banner.svg").symlink_to(root / "shared/banner.svg")
    (root / "static/more").symlink_to(root / "shared", target_is_directory=True)
    (root / "content/pages/about-us.md").symlink_to("about.md")  # relative, same folder
    result = build_site(root, output=tmp_path / "site", search=False)
    assert result.ok, result.diagnostics.format_text()
    assert (tmp_path / "site/banner.svg").read_text("utf-8") == "<svg id='banner'/>"
    assert (tmp_path / "site/more/banner.svg").is_file()
    assert not (tmp_path / "site/banner.svg").is_symlink()


@pytest.mark.parametrize(
    "where", ["static/loop.svg", "content/pages/loop.md", "templates/loop.html"]
)
def test_a_link_loop_is_an_error(tmp_path: Path, where: str) -> None:
    root = _project(tmp_path)
    link = root / where
    link.parent.mkdir(parents=True, exist_ok=True)
    other = link.with_name("other-" + link.name)
    link.symlink_to(other.name)
    other.symlink_to(link.name)
    result = check(root)
    assert result.exit_code == 1
    assert f"{where}:1:1: error: cannot read the file: the link leads round in a loop" in (
        result.stdout
    )


def test_a_folder_linked_into_itself_is_an_error_not_an_endless_walk(tmp_path: Path) -> None:
    root = _project(tmp_path)
    (root / "static/again").symlink_to(root / "static", target_is_directory=True)
    result = _finishes(lambda: check(root))
    assert result.exit_code == 1
    assert (
        "static/again:1:1: error: a link leads back to a folder that contains it" in result.stdout
    )


def _finishes(work: Callable[[], T], seconds: float = 60.0) -> T:
    out: list[T] = []
    thread = threading.Thread(target=lambda: out.append(work()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still running after {seconds} s"
    return out[0]


@contextmanager
def _listening_socket(path: Path) -> Iterator[None]:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    try:
        yield
    finally:
        server.close()


@pytest.mark.parametrize(
    "where",
    ["static/pipe.txt", "templates/base.html", "templates/assets/x.css", "content/pages/pipe.md"],
)
def test_a_fifo_is_an_error_and_never_opened(tmp_path: Path, where: str) -> None:
    root = _project(tmp_path)
    fifo = root / where
    fifo.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(fifo)
    result = _finishes(lambda: check(root))  # opening a FIFO to read would block for ever
    assert result.exit_code == 1
    assert f"{where}:1:1: error: not a regular file" in result.stdout
    code, _output, _site = _finishes(lambda: _build(root, tmp_path))
    assert code == 1


def test_a_socket_and_a_device_are_errors(tmp_path: Path) -> None:
    root = _project(tmp_path)
    (root / "static/null").symlink_to("/dev/null")  # a device, and outside the project
    with _listening_socket(root / "static/sock"):
        result = check(root)
    assert "static/sock:1:1: error: not a regular file" in result.stdout
    assert "static/null:1:1: error: static/null links outside the project" in result.stdout


def test_a_folder_where_a_template_is_expected(tmp_path: Path) -> None:
    root = _project(tmp_path)
    (root / "templates/base.html").mkdir(parents=True)
    (root / "templates/base.html/x.txt").write_text("x", encoding="utf-8")
    code, output, _site = _build(root, tmp_path)
    assert code == 1
    assert "internal error" not in output


def test_a_folder_named_factcheck_yaml(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", {"content/pages/about.md": PAGE}, config=None)
    (root / "factcheck.yaml").mkdir()
    result = check(root)
    assert result.lines[0].startswith("factcheck.yaml:1:1: error: factcheck.yaml is a folder")


# -- unreadable files and folders: tests run as root, whom permissions do not stop, so the
# -- operating system's answer is stood in for.


@pytest.fixture
def refused(monkeypatch: pytest.MonkeyPatch) -> set[str]:
    """Paths (resolved) that reading or listing refuses with EACCES, as for another user."""
    paths: set[str] = set()
    real_readable, real_scandir, real_open = (project_files.check_readable, os.scandir, open)

    def check_readable(path: str) -> None:
        if path in paths:
            raise PermissionError(13, "Permission denied", path)
        real_readable(path)

    def scandir(path: Any) -> Any:  # forwards to os.scandir
        if os.fspath(path) in paths:
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    def opener(path: Any, *args: Any, **kwargs: Any) -> Any:  # forwards to open
        if os.path.realpath(path) in paths:
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(project_files, "check_readable", check_readable)
    monkeypatch.setattr(os, "scandir", scandir)  # (project_files.os is this same module)
    monkeypatch.setattr("builtins.open", opener)
    return paths


@pytest.mark.parametrize(
    ("where", "message"),
    [
        ("static/logo.svg", "static/logo.svg:1:1: error: cannot read the file: Permission denied"),
        ("static", "static:1:1: error: cannot read the folder: Permission denied"),
        ("content/pages", "content/pages:1:1: error: cannot read the folder: Permission denied"),
        (
            "content/pages/about.md",
            "content/pages/about.md:1:1: error: cannot read the file: Permission denied",
        ),
        (
            "templates/base.html",
            "templates/base.html:1:1: error: cannot read the file: Permission denied",
        ),
    ],
)
def test_unreadable_files_and_folders_are_errors_at_their_place(
    tmp_path: Path, refused: set[str], where: str, message: str
) -> None:
    root = _project(tmp_path)
    (root / "templates").mkdir(exist_ok=True)
    (root / "templates/base.html").write_text("{{ x }}", encoding="utf-8")
    refused.add(os.path.realpath(root / where))
    _project_ok, diags = open_project(root)
    assert message in diags.format_text().splitlines(), diags.format_text()
    result = build_site(root, output=tmp_path / "site", search=False)
    assert not result.ok


def test_a_folder_where_the_theme_has_a_template_is_reported_by_check(tmp_path: Path) -> None:
    root = _project(tmp_path)
    (root / "templates/claim.html").mkdir(parents=True)
    result = check(root)
    assert result.lines[0] == (
        "templates/claim.html:1:1: error: templates/claim.html is a "
        "folder, where the theme has a file"
    )


@pytest.mark.parametrize(
    ("static", "message"),
    [
        (
            "index.html/x.txt",
            "static/index.html/x.txt is not copied: the site already has a file index.html",
        ),
        ("claims", "static/claims is not copied: the site already has a folder claims/"),
        ("assets", "static/assets is not copied: the site already has a folder assets/"),
        ("pagefind", "static/pagefind is not copied: the site already has a folder pagefind/"),
    ],
)
def test_static_files_that_clash_with_generated_folders_are_not_copied(
    tmp_path: Path, static: str, message: str
) -> None:
    root = _project(tmp_path)
    path = root / "static" / static
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("mine", encoding="utf-8")
    result = build_site(root, output=tmp_path / "site", search=False)
    assert result.ok, result.diagnostics.format_text()
    assert f"static/{static}:1:1: warning: {message}" in result.diagnostics.format_text()
