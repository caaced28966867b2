"""A claim's history from git: how its verdicts' ratings, statuses and headlines, and the claim
itself, changed from commit to commit, with each commit's date and author. ``factcheck log``
prints it, as a help for writing a correction's note ("we first rated this claim ... on ...").

It reads the repository only (``git log``, then ``git cat-file --batch`` for the versions of the
files that a commit changed), never changes it, and every git command runs with a time limit.
A verdict file counts while its ``claim:`` names the claim, so a verdict that was deleted, or
moved to another claim, is in the history too; what is not committed yet comes last.
"""

from __future__ import annotations

import os
import posixpath
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostics
from .frontmatter import split
from .model import Project
from .review import label

GIT_TIMEOUT = float(os.environ.get("FACTCHECK_GIT_TIMEOUT", "120"))
"""Seconds a git command may take."""
VERDICTS = "content/verdicts"

VERDICT_FIELDS = ("reviewer", "rating", "status", "final", "headline", "corrections")
CLAIM_FIELDS = ("summary", "withdrawn", "corrections")


class HistoryError(Exception):
    """The history cannot be read: no git, not a repository, a git command failed."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint


@dataclass(frozen=True, slots=True)
class Change:
    """What one commit did to one file of the claim."""

    path: str
    """The file, relative to the project."""
    what: str
    """"added", "changed" or "removed" (a verdict deleted, or moved to another claim)."""
    fields: tuple[tuple[str, str | None, str | None], ...]
    """(field, before, after) for each field that differs: for verdicts reviewer, rating (its
    label), status, final, headline and corrections (how many); for the claim summary,
    withdrawn (its date) and corrections."""


@dataclass(frozen=True, slots=True)
class Event:
    """One commit that changed the claim (or, last, what is not committed yet)."""

    commit: str
    """The commit's hash; "" for the changes not committed yet."""
    date: str
    """The commit date, ISO 8601; "" when not committed."""
    author: str
    subject: str
    changes: tuple[Change, ...]


@dataclass(slots=True)
class _Seen:
    """The last version of each file, as its fields (None: not about the claim)."""

    files: dict[str, dict[str, str | None] | None] = field(default_factory=dict)


def claim_history(project: Project, claim_id: str) -> list[Event]:
    """Every commit that changed ``claim_id``'s verdicts or its entry, oldest first, then the
    changes not committed yet."""
    root = Path(project.root)
    if shutil.which("git") is None:
        raise HistoryError("git is not installed", "install git (apt-get install git)")
    inside = _git(["rev-parse", "--is-inside-work-tree"], root, check=False)
    if inside.strip() != b"true":
        raise HistoryError(
            f"{root} is not in a git repository, so it has no history to show",
            "factcheck log reads a claim's history from git: keep the project in a git "
            "repository (git init, then commit the content)",
        )
    prefix = _git(["rev-parse", "--show-prefix"], root).decode("utf-8").strip()
    claim = project.claims[claim_id]
    claim_file = claim.path
    commits = _commits(root, [VERDICTS, claim_file])
    wanted: list[tuple[int, str]] = []
    for index, (_header, touched) in enumerate(commits):
        for status, path in touched:
            rel = path[len(prefix) :] if path.startswith(prefix) else path
            if status != "D" and _relevant(rel, claim_file):
                wanted.append((index, rel))
    blobs = _blobs(root, [(commits[i][0][0], prefix + rel) for i, rel in wanted])
    versions = {(i, rel): blob for (i, rel), blob in zip(wanted, blobs, strict=True)}

    seen = _Seen()
    events: list[Event] = []
    for index, ((commit, date, author, subject), touched) in enumerate(commits):
        changes = []
        for status, path in touched:
            rel = path[len(prefix) :] if path.startswith(prefix) else path
            if not _relevant(rel, claim_file):
                continue
            version = None if status == "D" else versions.get((index, rel))
            change = _change(project, seen, claim_id, claim_file, rel, version)
            if change is not None:
                changes.append(change)
        if changes:
            events.append(Event(commit, date, author, subject, tuple(changes)))

    # What is not committed: each file as it is now, against its last committed version.
    paths = sorted(set(seen.files) | {claim_file, *claim.verdicts})
    pending = []
    for rel in paths:
        try:
            now: bytes | None = (root / rel).read_bytes()
        except OSError:
            now = None
        change = _change(project, seen, claim_id, claim_file, rel, now)
        if change is not None:
            pending.append(change)
    if pending:
        events.append(Event("", "", "", "not committed yet", tuple(pending)))
    return events


def _relevant(rel: str, claim_file: str) -> bool:
    return rel == claim_file or (rel.startswith(VERDICTS + "/") and rel.endswith(".md"))


def _change(
    project: Project,
    seen: _Seen,
    claim_id: str,
    claim_file: str,
    rel: str,
    text: bytes | None,
) -> Change | None:
    """The change from the last version of ``rel`` to ``text`` (None: gone), if it touches the
    claim; remembers ``text`` as the last version."""
    before = seen.files.get(rel)
    after = None if text is None else _fields(project, claim_id, claim_file, rel, text)
    seen.files[rel] = after
    if before == after:
        return None
    if before is None:
        assert after is not None
        return Change(rel, "added", tuple((k, None, v) for k, v in after.items() if v is not None))
    if after is None:
        return Change(rel, "removed", ())
    differ = tuple((k, before.get(k), after.get(k)) for k in after if before.get(k) != after.get(k))
    return Change(rel, "changed", differ)


def _fields(
    project: Project, claim_id: str, claim_file: str, rel: str, text: bytes
) -> dict[str, str | None] | None:
    """What a version of a file says about the claim, or None when it says nothing (a verdict
    on another claim, a file that cannot be read)."""
    content = split(text.decode("utf-8", "replace"), rel, Diagnostics())
    if content is None or not isinstance(content.meta.data, dict):
        return None
    data: dict[str, Any] = content.meta.data
    if rel == claim_file:
        if rel.startswith("content/articles/"):
            entries = data.get("claims")
            entry = next(
                (
                    e
                    for e in entries or []
                    if isinstance(e, dict) and str(e.get("id", "")) == claim_id
                ),
                None,
            )
            if entry is None:
                return None
            data = entry
        elif str(data.get("id") or posixpath.splitext(posixpath.basename(rel))[0]) != claim_id:
            return None
        return {
            "summary": _words(data.get("summary")),
            "withdrawn": _withdrawn(data.get("withdrawn")),
            "corrections": _count(data.get("corrections")),
        }
    if str(data.get("claim", "")) != claim_id:
        return None
    rating = _words(data.get("rating"))
    return {
        "reviewer": _words(data.get("reviewer")),
        "rating": label(project, rating) if rating is not None else None,
        "status": _words(data.get("status")) or "draft",
        "final": "yes" if data.get("final") is True else None,
        "headline": _words(data.get("headline")),
        "corrections": _count(data.get("corrections")),
    }


def _words(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _withdrawn(value: Any) -> str | None:
    if isinstance(value, dict):
        return _words(value.get("date")) or "yes"
    return None if value is None else "yes"


def _count(value: Any) -> str | None:
    if not isinstance(value, list) or not value:
        return None
    kinds = [str(e.get("kind", "correction")) for e in value if isinstance(e, dict)]
    return f"{len(value)} ({', '.join(kinds)})" if kinds else str(len(value))


# -- git -------------------------------------------------------------------------------------


def _git(args: list[str], cwd: Path, *, input: bytes | None = None, check: bool = True) -> bytes:
    try:
        done = subprocess.run(
            ["git", *args],
            cwd=cwd,
            input=input,
            capture_output=True,
            check=False,
            timeout=GIT_TIMEOUT,
        )
    except subprocess.TimeoutExpired:
        raise HistoryError(
            f"git {args[0]} did not finish in {GIT_TIMEOUT:.0f} s and was stopped",
            "set FACTCHECK_GIT_TIMEOUT for more time",
        ) from None
    if check and done.returncode != 0:
        raise HistoryError(
            f"git {args[0]} failed: {done.stderr.decode('utf-8', 'replace').strip()}"
        )
    return done.stdout if done.returncode == 0 else b""


Header = tuple[str, str, str, str]
"""(commit, commit date, author, subject)."""


def _commits(root: Path, paths: list[str]) -> list[tuple[Header, list[tuple[str, str]]]]:
    """Every commit that touched ``paths`` (relative to ``root``), oldest first: its header and
    the files it changed (status, path from the repository's top)."""
    if not _git(["rev-parse", "-q", "--verify", "HEAD"], root, check=False):
        return []  # a repository without a commit yet
    out = _git(
        [
            "log",
            "--reverse",
            "-z",
            "--no-renames",
            "--name-status",
            "--format=%x1e%H%x00%cI%x00%an%x00%s",
            "--",
            *paths,
        ],
        root,
    ).decode("utf-8", "replace")
    commits = []
    for chunk in out.split("\x1e")[1:]:
        parts = chunk.split("\0")
        header = (parts[0], parts[1], parts[2], parts[3])
        rest = [p.strip("\n") for p in parts[4:]]
        rest = [p for p in rest if p]
        touched = [(rest[i][:1], rest[i + 1]) for i in range(0, len(rest) - 1, 2)]
        commits.append((header, touched))
    return commits


def _blobs(root: Path, objects: list[tuple[str, str]]) -> list[bytes | None]:
    """The contents of ``commit:path`` for each, in one ``git cat-file --batch``."""
    if not objects:
        return []
    request = "".join(f"{commit}:{path}\n" for commit, path in objects).encode("utf-8")
    out = _git(["cat-file", "--batch"], root, input=request)
    blobs: list[bytes | None] = []
    at = 0
    for _ in objects:
        end = out.index(b"\n", at)
        header = out[at:end].split()
        at = end + 1
        if len(header) == 3 and header[1] == b"blob":
            size = int(header[2])
            blobs.append(out[at : at + size])
            at += size + 1
        else:  # missing, or not a file
            blobs.append(None)
    return blobs
