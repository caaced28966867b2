"""Run one command as a whole process and measure it: wall time, CPU time and peak memory.

Helper module of ``compare_build.py`` and ``bench_project.py`` (not a script).

The figures come from the operating system's accounting of the finished process, read with
``os.wait4``: ``ru_maxrss`` is the peak resident set of the child *or* of any descendant it
waited for (the kernel keeps the largest, RUSAGE_BOTH), so a build that runs Pagefind as a
subprocess reports the larger of the two, not their sum; CPU time (user + system) adds up the
child and its waited-for descendants. Wall time is ``time.perf_counter`` around start and reap.
"""

from __future__ import annotations

import contextlib
import os
import platform
import resource
import select
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


@dataclass(slots=True)
class Run:
    """One finished (or stopped) process."""

    seconds: float
    cpu_seconds: float
    peak_bytes: int
    exit_code: int
    """The exit status, or -N when signal N ended it."""
    timed_out: bool
    output_tail: str
    """The end of what it printed (stderr, else stdout): for the report of a failed run."""

    @property
    def ok(self) -> bool:
        return self.exit_code == 0 and not self.timed_out


@dataclass(slots=True)
class Figures:
    """The runs of one thing measured, round by round, and what they sum up to."""

    times: list[float] = field(default_factory=list)
    """Wall seconds of each timed round, in order."""
    cpu_times: list[float] = field(default_factory=list)
    peaks: list[int] = field(default_factory=list)
    """Peak resident memory of each timed round, in bytes."""
    median: float | None = None
    best: float | None = None
    cpu_median: float | None = None
    peak_bytes: int | None = None
    """The largest of ``peaks``."""

    def add(self, measured: Run) -> None:
        self.times.append(measured.seconds)
        self.cpu_times.append(measured.cpu_seconds)
        self.peaks.append(measured.peak_bytes)

    def summarize(self) -> None:
        if self.times:
            self.median = statistics.median(self.times)
            self.best = min(self.times)
            self.cpu_median = statistics.median(self.cpu_times)
            self.peak_bytes = max(self.peaks)


def factcheck_env() -> dict[str, str]:
    """The environment that runs factcheck from this working tree, whatever is installed."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p)
    return env


def tail(text: str, lines: int = 12) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


def _maxrss_bytes(ru_maxrss: int) -> int:
    # Linux counts kibibytes, macOS bytes.
    return ru_maxrss if sys.platform == "darwin" else ru_maxrss * 1024


def _wait(pid: int, timeout: float) -> tuple[int, resource.struct_rusage, bool]:
    """Reap ``pid`` (killing its process group after ``timeout`` seconds)."""
    timed_out = False
    pidfd_open = getattr(os, "pidfd_open", None)
    if pidfd_open is not None:
        # A pidfd becomes readable when the process exits: wait for that event with a bound,
        # without polling, and without a race against the reuse of the pid (it is not reaped
        # until wait4 below).
        fd = pidfd_open(pid)
        try:
            ready, _, _ = select.select([fd], [], [], timeout)
        finally:
            os.close(fd)
        if not ready:
            timed_out = True
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGKILL)
    _, status, usage = os.wait4(pid, 0)
    return status, usage, timed_out


def run(
    command: list[str],
    *,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 900,
) -> Run:
    """Run ``command`` to its end and measure it; its output is kept in temporary files (a
    pipe nobody reads could fill up and stall it), and only its end is returned."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        # A session of its own, so that a run that times out is killed with its children.
        proc = subprocess.Popen(
            command, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=err,
            start_new_session=True,
        )  # fmt: skip
        status, usage, timed_out = _wait(proc.pid, timeout)
        elapsed = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        proc.returncode = code  # reaped here: Popen must not wait for it again
        text = ""
        if code != 0 or timed_out:
            for stream in (err, out):
                stream.seek(0)
                text = stream.read().decode("utf-8", "replace")
                if text.strip():
                    break
    return Run(
        seconds=elapsed,
        cpu_seconds=usage.ru_utime + usage.ru_stime,
        peak_bytes=_maxrss_bytes(usage.ru_maxrss),
        exit_code=code,
        timed_out=timed_out,
        output_tail=tail(text),
    )


def run_steps(
    steps: list[list[str]],
    *,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 900,
) -> Run:
    """Run ``steps`` one after the other as one measured run: the times add up, the peak
    memory is the largest step's (they never run at the same time); it stops at a failure."""
    runs: list[Run] = []
    for command in steps:
        runs.append(run(command, cwd=cwd, env=env, timeout=timeout))
        if not runs[-1].ok:
            break
    last = runs[-1]
    return Run(
        seconds=sum(r.seconds for r in runs),
        cpu_seconds=sum(r.cpu_seconds for r in runs),
        peak_bytes=max(r.peak_bytes for r in runs),
        exit_code=last.exit_code,
        timed_out=last.timed_out,
        output_tail=last.output_tail,
    )


def count_output(out: Path) -> tuple[int, int]:
    """Files and bytes (their sizes, not the blocks they take) under ``out``."""
    files = size = 0
    for p in out.rglob("*"):
        if p.is_file():
            files += 1
            size += p.stat().st_size
    return files, size


def machine() -> dict[str, object]:
    """What the figures were taken on, with the load average: on a shared machine, the
    other work going on is part of the result."""
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    return {
        "platform": platform.platform(),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "load_average": None if load is None else [round(x, 2) for x in load],
    }


def ratio(numerators: list[float], denominators: list[float]) -> float | None:
    """The median of the ratios round by round (the runs of a round ran close together, so
    a change in the machine's speed between rounds cancels out), or None without pairs."""
    pairs = [n / d for n, d in zip(numerators, denominators, strict=False) if d > 0]
    return statistics.median(pairs) if pairs else None


# -- factcheck's commands ----------------------------------------------------------------------
NO_SEARCH_BUILD = """\
# factcheck build without the search index. Until `factcheck build --no-search` exists (issue
# 15), the build is run through its Python API; importing the command line first gives the same
# start-up as `python -m factcheck build`.
import sys
from pathlib import Path

import factcheck.cli  # noqa: F401
from factcheck.build import build_site

result = build_site(Path(sys.argv[1]), output=Path(sys.argv[2]), search=False)
if not result.ok:
    print(result.diagnostics.format_text(), file=sys.stderr)
sys.exit(0 if result.ok else 1)
"""


def has_no_search_option() -> bool:
    """Whether ``factcheck build`` has a ``--no-search`` option yet (then it is used)."""
    proc = subprocess.run(
        [sys.executable, "-m", "factcheck", "build", "--help"],
        capture_output=True, text=True, env=factcheck_env(), timeout=120, check=False,
    )  # fmt: skip
    return "--no-search" in proc.stdout


def factcheck_build(
    project: Path, out: Path, *, search: bool, no_search_option: bool
) -> list[list[str]]:
    """The command that builds ``project`` into ``out`` (run it with ``factcheck_env()``)."""
    build = [sys.executable, "-m", "factcheck", "build", "--project", str(project)]
    build += ["--output", str(out), "--quiet"]
    if search:
        return [build]
    if no_search_option:
        return [[*build, "--no-search"]]
    return [[sys.executable, "-c", NO_SEARCH_BUILD, str(project), str(out)]]
