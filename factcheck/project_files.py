"""Which files under a project folder (content/, static/, templates/) may be read and published.

Everything the build reads from these folders comes through :func:`project_files`, which
walks a folder without trusting it:

- a symbolic link is followed only when it leads to a place inside the project; one that leads
  outside (to ``/etc/passwd``, ``/proc/self/environ``, a user's home) is an error at the link,
  so no file of the host is ever published by way of a link;
- a link that leads nowhere, or round in a loop, and a folder reached again through a link, are
  errors at their place;
- anything that is not a regular file or a folder (a FIFO, a socket, a device) is an error, and
  is never opened: opening a FIFO for reading blocks until someone writes to it;
- a folder or file that cannot be read is an error at its place, never skipped in silence.

Each problem is reported once, at ``path:1:1`` of the link, file or folder, with a hint. The
walk returns the files that passed, with the path to read each from (the link's target, resolved
once, so that what was checked is what is read).
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import Diagnostics, Position


@dataclass(frozen=True, slots=True)
class ProjectFile:
    rel: str
    """The path below the walked folder, with forward slashes (``images/logo.svg``)."""
    path: str
    """Where to read it: the real path, inside the project."""


def check_readable(path: str) -> None:
    """Raise OSError if the regular file at ``path`` cannot be opened for reading. (A separate
    function, so that tests running as root, whom permissions do not stop, can stand in.)"""
    with open(path, "rb"):
        pass


def inside(path: str, root: str) -> bool:
    """Whether the real path ``path`` is ``root`` or below it."""
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def project_files(
    root: Path | str,
    folder: str,
    diags: Diagnostics | None = None,
    *,
    wanted: Callable[[str], bool] | None = None,
    hidden: bool = True,
    readable: bool = True,
) -> list[ProjectFile]:
    """The regular files below ``root/folder`` (``folder`` relative to the project, with forward
    slashes), sorted by path, each safe to read; problems go to ``diags`` (or nowhere, for a
    caller that reported them earlier).

    ``wanted`` picks files by name (others are ignored, unchecked); ``hidden=False`` leaves out
    names starting with '.'; ``readable`` opens each file once to be sure it can be read (the
    content loader reads every file anyway, and reports what it cannot read itself)."""
    walker = _Walker(os.path.realpath(root), diags, wanted, hidden, readable)
    parts = folder.split("/")
    for depth in range(1, len(parts) + 1):  # content/ may be the link, or content/articles/
        path = os.path.join(os.fspath(root), *parts[:depth])
        if not os.path.lexists(path) or walker.resolve(path, "/".join(parts[:depth])) is None:
            return []
    real = os.path.realpath(os.path.join(os.fspath(root), *parts))
    try:
        mode = os.stat(real).st_mode
    except OSError as exc:
        walker.problem(folder, f"cannot read the folder: {exc.strerror}")
        return []
    if not stat.S_ISDIR(mode):
        return []  # (the loader says that content/KIND or static must be a folder)
    walker.folder(real, folder, "", [])
    walker.found.sort(key=lambda f: f.rel.split("/"))
    return walker.found


class _Walker:
    def __init__(
        self,
        root: str,
        diags: Diagnostics | None,
        wanted: Callable[[str], bool] | None,
        hidden: bool,
        readable: bool,
    ) -> None:
        self.root = root
        self.diags = diags
        self.wanted = wanted
        self.hidden = hidden
        self.readable = readable
        self.found: list[ProjectFile] = []

    def problem(self, shown: str, message: str, hint: str | None = None) -> None:
        if self.diags is not None:
            self.diags.error(shown, Position(1, 1), message, hint)

    def resolve(self, path: str, shown: str) -> str | None:
        """The real path of ``path`` if it is not a link, or a link that leads inside the
        project; None after reporting why not."""
        if not os.path.islink(path):
            return path
        try:
            real = os.path.realpath(path, strict=True)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                self.problem(
                    shown,
                    "cannot read the file: the link leads round in a loop",
                    "make the link point at a file or folder, not at itself",
                )
            else:
                self.problem(
                    shown,
                    f"cannot read the file: the link leads nowhere ({exc.strerror})",
                    "remove the link, or make it point at a file in the project",
                )
            return None
        if not inside(real, self.root):
            self.problem(
                shown,
                f"{shown} links outside the project (to {real})",
                "files outside the project are never published; copy the file into "
                "the project instead of linking to it",
            )
            return None
        return real

    def folder(self, real: str, shown: str, rel: str, above: list[str]) -> None:
        if real in above:
            self.problem(
                shown,
                "a link leads back to a folder that contains it",
                "remove the link: it would make the folder endless",
            )
            return
        try:
            with os.scandir(real) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as exc:
            self.problem(
                shown,
                f"cannot read the folder: {exc.strerror}",
                "make the folder readable, or move it out of the project",
            )
            return
        inner = [*above, real]
        for entry in entries:
            name = entry.name
            if not self.hidden and name.startswith("."):
                continue
            self.entry(entry, f"{shown}/{name}", f"{rel}/{name}" if rel else name, inner)

    def entry(self, entry: os.DirEntry[str], shown: str, rel: str, above: list[str]) -> None:
        # The directory listing says what each entry is (no system call for most), and a
        # link is looked at only when it is resolved.
        try:
            is_link = entry.is_symlink()
            is_dir = not is_link and entry.is_dir(follow_symlinks=False)
        except OSError as exc:
            self.problem(shown, f"cannot read the file: {exc.strerror}")
            return
        if is_link:
            try:
                is_dir = entry.is_dir()  # (follows the link; False for one that is broken)
            except OSError:
                is_dir = False
        if not is_dir and self.wanted is not None and not self.wanted(rel):
            return
        real = self.resolve(entry.path, shown) if is_link else entry.path
        if real is None:
            return
        try:
            if is_link:
                mode = os.stat(real).st_mode
                is_dir, is_file = stat.S_ISDIR(mode), stat.S_ISREG(mode)
            else:
                is_file = entry.is_file(follow_symlinks=False)
        except OSError as exc:
            self.problem(shown, f"cannot read the file: {exc.strerror}")
            return
        if is_dir:
            self.folder(real, shown, rel, above)
        elif is_file:
            if self.readable:
                try:
                    check_readable(real)
                except OSError as exc:
                    self.problem(
                        shown,
                        f"cannot read the file: {exc.strerror}",
                        "make the file readable, or move it out of the project",
                    )
                    return
            self.found.append(ProjectFile(rel, real))
        else:
            self.problem(
                shown,
                "not a regular file (a FIFO, socket or device)",
                "only ordinary files and folders can be part of a site; remove it",
            )
