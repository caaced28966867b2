"""Run `factcheck ARGS...` and kill itself with SIGKILL just before its N-th change to the file
system (a rename, an exchange, a removal, a git command), N from $FACTCHECK_KILL_AT; with N = 0
it runs to the end and prints how many such changes it made, as `changes: K` on standard error.

    python tests/support/kill_at.py build --project P   (FACTCHECK_KILL_AT=3)
    python tests/support/kill_at.py --rebuild P OUTPUT  (a preview server's in-place rebuild)

The hooks are the test's, not factcheck's: factcheck has no fault-injection code.
"""

from __future__ import annotations

import atexit
import os
import shutil
import signal
import sys
from collections.abc import Callable
from typing import Any

AT = int(os.environ.get("FACTCHECK_KILL_AT", "0"))
count = 0


def _hook(owner: Any, name: str) -> None:
    original: Callable[..., Any] = getattr(owner, name)

    def hooked(*args: Any, **kwargs: Any) -> Any:
        global count
        # Only factcheck's own calls count (not, say, each file that rmtree removes).
        if f"{os.sep}factcheck{os.sep}" in sys._getframe(1).f_code.co_filename:
            count += 1
            if count == AT:
                os.kill(os.getpid(), signal.SIGKILL)
        return original(*args, **kwargs)

    setattr(owner, name, hooked)


def main() -> None:
    import subprocess

    import factcheck.output as output

    for name in ("replace", "rename", "rmdir", "unlink"):
        _hook(os, name)
    _hook(shutil, "rmtree")
    _hook(output, "_exchange")
    _hook(subprocess, "run")  # git's steps, when publishing to a branch
    if AT == 0:
        atexit.register(lambda: print(f"changes: {count}", file=sys.stderr))
    if sys.argv[1:2] == ["--rebuild"]:
        _rebuild(sys.argv[2], sys.argv[3])
        return
    from factcheck.cli import main as cli

    cli(sys.argv[1:])


def _rebuild(project: str, output: str) -> None:
    """What a preview server does after an edit: a build that lends the next its cache, then,
    with a page changed meanwhile, an in-place rebuild (the kill counts only that one)."""
    from pathlib import Path

    from factcheck.build import BuildCache, build_site

    global count
    cache = BuildCache()
    first = AT
    globals()["AT"] = -1  # the first build is not killed
    assert build_site(Path(project), output=Path(output), search=False, cache=cache).ok
    about = Path(project) / "content/pages/about.md"
    about.write_text(about.read_text().replace("Who we are", "Who we were"))
    count = 0
    globals()["AT"] = first
    result = build_site(Path(project), output=Path(output), search=False, cache=cache)
    assert result.ok and result.in_place


if __name__ == "__main__":
    main()
