"""Content files written for users (by `factcheck new` and `factcheck import`): the one
front-matter emitter and the one way to create a file without ever replacing one.

Front matter goes through PyYAML's safe dumper, which quotes every text that YAML would read back
as something else (``'false'``, ``'no'``, ``'2026-03-10'``, ``'12134'``); each document is read
back before it is written, so a value that would not survive the trip is a bug caught here, not
a broken file in someone's project.

A file is written to a hidden temporary file in its own folder and then linked into place, so
that no reader ever sees half a file and an existing file is never replaced, even one that
appeared between a check and the write.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import tempfile
from pathlib import Path
from typing import Any

import yaml

try:  # libyaml's emitter is several times faster; a sheet can mean thousands of files.
    from yaml import CSafeDumper as _BaseDumper
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeDumper as _BaseDumper  # type: ignore[assignment]
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


class _Dumper(_BaseDumper):
    """The safe dumper, writing dates and times the way content-format.md shows them."""


def _represent_datetime(dumper: _Dumper, value: dt.datetime) -> yaml.Node:
    # PyYAML writes "2026-03-10 14:05:00"; ISO 8601 with its "T" is what people write by hand.
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", value.isoformat())


_Dumper.add_representer(dt.datetime, _represent_datetime)

_UNLIMITED_WIDTH = 1_000_000
"""Never fold a line: a folded quote is harder to compare with the article by eye."""


def dump_yaml(data: Any) -> str:
    """YAML text for ``data``, keys in the order given, Unicode kept as it is."""
    text: str = yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=_UNLIMITED_WIDTH,
        default_flow_style=False,
    )
    return text


def render_document(meta: dict[str, Any], body: str = "", *, comment: str = "") -> str:
    """A content file: front matter between ``---`` lines (``comment`` lines, each starting
    with ``#``, after the fields), then the Markdown body."""
    front = dump_yaml(meta)
    loaded = yaml.load(front, Loader=_Loader)  # a safe loader
    if loaded != meta:
        # A bug of ours, not a problem with the input: the dumper and the loader disagree.
        raise ValueError(f"front matter does not survive a YAML round trip: {meta!r}")
    text = f"---\n{front}{comment}---\n"
    if body.strip():
        text += body if body.endswith("\n") else body + "\n"
    return text


def comment_block(text: str) -> str:
    """``text`` as YAML comment lines (``# `` before each), ready to be enabled one by one."""
    return "".join(f"# {line}".rstrip() + "\n" for line in text.splitlines())


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def create(target: Path, data: bytes) -> bool:
    """:func:`write_new`, making the file's folders first. False when the file exists."""
    target.parent.mkdir(parents=True, exist_ok=True)
    return write_new(target, data)


def write_new(target: Path, data: bytes) -> bool:
    """Write ``target`` whole, unless it exists. False when it exists."""
    if target.exists():
        return False
    # The temporary name starts with a dot, so a concurrent `factcheck check` never reads it.
    fd, temp_name = tempfile.mkstemp(dir=target.parent, prefix=".import-", suffix=".tmp")
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        # mkstemp makes the file private (0600); a content file gets the usual permissions.
        os.chmod(temp, 0o666 & ~_umask())
        try:
            # A hard link never replaces an existing file, unlike os.replace.
            os.link(temp, target)
        except FileExistsError:
            return False
        except OSError:
            # No hard links on this file system: fall back to an atomic rename.
            if target.exists():
                return False
            os.replace(temp, target)
        return True
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
