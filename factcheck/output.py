"""Writing the site: built aside, then swapped in.

The new site is written into a fresh folder beside the output folder; only when every file is
written does it replace the old one (two renames on one file system). A failed or interrupted
build leaves the previous site as it was, and afterwards the output holds exactly what the build
produced: no stale files from an earlier build.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


class SiteWriter:
    """Collects the files of one build in a staging folder beside ``output``."""

    def __init__(self, output: Path) -> None:
        self.output = output.resolve()
        self.output.parent.mkdir(parents=True, exist_ok=True)
        self.staging = Path(tempfile.mkdtemp(prefix=f".{self.output.name}.new-",
                                             dir=self.output.parent))
        self._dirs: set[Path] = {self.staging}
        self.count = 0
        self.bytes = 0

    def _target(self, rel: str) -> Path:
        target = self.staging / rel
        parent = target.parent
        if parent not in self._dirs:
            parent.mkdir(parents=True, exist_ok=True)
            self._dirs.add(parent)
        return target

    def write_text(self, rel: str, text: str) -> None:
        self.write_bytes(rel, text.encode("utf-8"))

    def write_bytes(self, rel: str, data: bytes) -> None:
        with open(self._target(rel), "wb") as handle:
            handle.write(data)
        self.count += 1
        self.bytes += len(data)

    def copy(self, rel: str, source: Path) -> None:
        target = self._target(rel)
        shutil.copyfile(source, target)
        self.count += 1
        self.bytes += target.stat().st_size

    def commit(self) -> None:
        """Swap the staged site in for the old one."""
        old: Path | None = None
        if self.output.exists() or self.output.is_symlink():
            old = Path(tempfile.mkdtemp(prefix=f".{self.output.name}.old-",
                                        dir=self.output.parent))
            os.rmdir(old)
            os.replace(self.output, old)
        os.replace(self.staging, self.output)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)

    def abort(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)


def clean_leftovers(output: Path) -> None:
    """Remove staging folders that an interrupted build left beside the output."""
    parent = output.resolve().parent
    if not parent.is_dir():
        return
    for entry in parent.iterdir():
        if entry.is_dir() and (entry.name.startswith(f".{output.name}.new-")
                               or entry.name.startswith(f".{output.name}.old-")):
            shutil.rmtree(entry, ignore_errors=True)
