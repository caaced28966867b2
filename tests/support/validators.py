"""Validators: the Nu HTML Checker (vnu.jar from the npm package vnu-jar, run with Java)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from . import NODE_MODULES, tool_missing

__all__ = ["VNU_JAR", "format_vnu_errors", "vnu_errors"]

VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"

# One JVM start costs ~1 s, so check everything in one run; split only to stay far below the
# kernel's command-line limit.
_MAX_FILES_PER_RUN = 2000
# Measured here: the client compiler and the serial collector cut a run's time by about a third
# (startup dominates small runs; 3,000 pages still finish in under 3 s).
_JVM_OPTIONS = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")


def vnu_errors(
    paths: Iterable[str | os.PathLike[str]],
    *,
    skip_non_html: bool = True,
    also_check_css: bool = False,
    also_check_svg: bool = False,
    extra_args: Sequence[str] = (),
    timeout: float = 600,
) -> list[dict[str, Any]]:
    """Validate files (or whole directories) with the Nu HTML Checker in one Java run.

    Returns the errors only (warnings are ignored), each a dict with ``file`` (the checked
    path, as a string), ``line`` and ``column`` (1-based, may be ``None``), ``message``,
    ``type`` (``"error"``, or ``"non-document-error"`` for I/O trouble) and ``extract``.
    An empty list means every document is valid.

    With ``skip_non_html`` (the default), files not named ``*.html``/``*.htm``/``*.xhtml``/
    ``*.xht`` are ignored, so a site's output folder can be passed as it is; add
    ``also_check_css`` / ``also_check_svg`` to validate its CSS / SVG files too (vnu quirk:
    after it has checked a CSS file, line numbers reported for later files may be off by one).
    """
    targets = [Path(p) for p in paths]
    if not targets:
        return []
    for target in targets:
        if not target.exists():
            raise FileNotFoundError(f"vnu_errors: no such file or directory: {target}")
    java = shutil.which("java")
    if java is None:
        tool_missing("`java` is not on PATH (the Nu HTML Checker needs Java 8+)")
    if not VNU_JAR.is_file():
        tool_missing(f"vnu.jar not found at {VNU_JAR} (npm ci)")

    options = ["--format", "json", "--errors-only", "--stdout", "--no-langdetect"]
    if skip_non_html:
        options.append("--skip-non-html")
    if also_check_css:
        options.append("--also-check-css")
    if also_check_svg:
        options.append("--also-check-svg")
    options.extend(extra_args)

    errors: list[dict[str, Any]] = []
    for start in range(0, len(targets), _MAX_FILES_PER_RUN):
        chunk = targets[start : start + _MAX_FILES_PER_RUN]
        cmd = [java, *_JVM_OPTIONS, "-jar", str(VNU_JAR), *options, "--", *(str(p) for p in chunk)]
        errors.extend(_run_vnu(cmd, timeout))
    return errors


def _run_vnu(cmd: list[str], timeout: float) -> list[dict[str, Any]]:
    proc = subprocess.run(
        cmd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    # vnu exits 0 when everything is valid and 1 when it reported errors.
    output = proc.stdout.strip()
    try:
        report = json.loads(output) if output else None
    except json.JSONDecodeError:
        report = None
    if proc.returncode not in (0, 1) or not isinstance(report, dict):
        raise RuntimeError(
            f"vnu.jar failed (exit {proc.returncode}): {' '.join(cmd[:8])} ...\n"
            f"stdout: {proc.stdout[-2000:]}\nstderr: {proc.stderr[-2000:]}"
        )
    errors = []
    for msg in report.get("messages", []):
        if msg.get("type") not in ("error", "non-document-error"):
            continue
        errors.append(
            {
                "file": _url_to_path(msg.get("url", "")),
                "line": msg.get("firstLine", msg.get("lastLine")),
                "column": msg.get("firstColumn"),
                "message": msg.get("message", ""),
                "type": msg["type"],
                "extract": msg.get("extract"),
            }
        )
    if proc.returncode == 1 and not errors:
        raise RuntimeError(f"vnu.jar exited 1 but reported no errors:\n{proc.stdout[-2000:]}")
    return errors


def _url_to_path(url: str) -> str:
    parsed = urlparse(url)
    if parsed.scheme == "file":
        return unquote(parsed.path)
    return url


def format_vnu_errors(errors: Sequence[dict[str, Any]]) -> str:
    """A readable multi-line summary of :func:`vnu_errors` output, for assert messages."""
    if not errors:
        return "no vnu errors"
    return "\n".join(
        f"{e['file']}:{_or_q(e.get('line'))}:{_or_q(e.get('column'))}: {e['message']}"
        for e in errors
    )


def _or_q(value: object) -> str:
    return "?" if value is None else str(value)
