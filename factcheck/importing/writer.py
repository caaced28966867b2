"""Writing an import's files, all or nothing: each through the one content-file writer
(factcheck/content_files.py: never replacing a file), and if any write fails, every file this
run wrote is removed again."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..content_files import write_new
from .plan import ImportFailure, PlannedFile

__all__ = ["Written", "write_files"]


@dataclass(slots=True)
class Written:
    """What one run put on disk, so that it can be taken back."""

    files: list[Path] = field(default_factory=list)
    folders: list[Path] = field(default_factory=list)

    def undo(self) -> None:
        """Remove every file and (now empty) folder this run created."""
        for path in reversed(self.files):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
        for folder in reversed(self.folders):
            with contextlib.suppress(OSError):  # not empty: someone else wrote there too
                folder.rmdir()
        self.files.clear()
        self.folders.clear()


def write_files(root: Path, files: Iterable[PlannedFile]) -> Written:
    """Write each new planned file; on any failure remove what was written and raise."""
    written = Written()
    current = ""
    try:
        for planned in files:
            if planned.status != "new":
                continue
            current = planned.path
            target = root / planned.path
            _make_folders(target.parent, written)
            if write_new(target, planned.text.encode("utf-8")):
                written.files.append(target)
            else:
                planned.status = "differs"  # it appeared since the plan was made: leave it
    except OSError as exc:
        written.undo()
        raise ImportFailure(
            current or str(root),
            f"cannot write the file: {exc.strerror or exc}; nothing was imported",
            "check that the project folder is writable and has free space",
        ) from exc
    except BaseException:  # interrupted: leave nothing half-imported
        written.undo()
        raise
    return written


def _make_folders(folder: Path, written: Written) -> None:
    missing: list[Path] = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for path in reversed(missing):
        path.mkdir()
        written.folders.append(path)
