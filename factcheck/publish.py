"""Putting a built site on a static host: a folder, an rsync destination, a git branch.

The site is built into a temporary folder first, and only a successful build is published.
``dry_run`` says what would change (added, changed, removed files) and touches nothing.

- folder: the new site is copied beside the target and swapped in whole by the writer
  (factcheck/output.py: one atomic exchange, so the target always holds a complete site); the
  old contents are removed only after the swap, and nothing outside the target is touched. A
  target that is not empty and was not made by factcheck is refused.
- rsync: Debian's ``rsync -a --delete --delay-updates`` (files appear together at the end).
- git-branch: the site is committed to BRANCH with git plumbing (a temporary index through
  ``GIT_INDEX_FILE``, ``hash-object``, ``update-index``, ``write-tree``, ``commit-tree``,
  ``update-ref`` or ``push``), so the working tree, the index and HEAD are never touched. A
  ``.nojekyll`` entry is added to the commit (not to the built site) so that GitHub Pages serves
  the files as they are. The branch that is checked out is refused: moving it would change the
  user's working tree under them.

Every child process (git, rsync) runs with a time limit, :data:`COMMAND_TIMEOUT`.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .output import locked, publish_copy, replace_problem

KINDS = ("folder", "rsync", "git-branch")
COMMAND_TIMEOUT = float(os.environ.get("FACTCHECK_PUBLISH_TIMEOUT", "1800"))
"""Seconds a git or rsync command may take (an upload of a big site to a slow host included)."""


class PublishError(Exception):
    """A problem that stops publishing; the message says what and the hint how to fix it."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint


@dataclass
class Changes:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed)

    def format_text(self) -> str:
        lines = [f"+ {p}" for p in self.added]
        lines += [f"~ {p}" for p in self.changed]
        lines += [f"- {p}" for p in self.removed]
        lines.append(
            f"{len(self.added)} added, {len(self.changed)} changed, {len(self.removed)} removed"
        )
        return "\n".join(lines)


def file_digests(folder: Path) -> dict[str, str]:
    """{relative path: sha256} of every file under ``folder`` (nothing when it is missing)."""
    if not folder.is_dir():
        return {}
    result = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            result[path.relative_to(folder).as_posix()] = hashlib.sha256(
                path.read_bytes()
            ).hexdigest()
    return result


def compare(new: dict[str, str], old: dict[str, str]) -> Changes:
    return Changes(
        added=sorted(set(new) - set(old)),
        changed=sorted(p for p in new if p in old and new[p] != old[p]),
        removed=sorted(set(old) - set(new)),
    )


# ------------------------------------------------------------------------------------- folder


def publish_folder(
    site: Path,
    target: Path,
    *,
    project: Path,
    dry_run: bool,
    on_wait: Callable[[str], None] | None = None,
) -> Changes:
    target = target.resolve()
    project = project.resolve()
    if target == project or project.is_relative_to(target):
        raise PublishError(
            f"{target} contains the project itself", "publish into a folder of its own"
        )
    if target.is_relative_to(project) and target.relative_to(project).parts[0] in (
        "content",
        "templates",
        "static",
        ".git",
    ):
        raise PublishError(f"{target} is inside the project's sources")
    problem = replace_problem(target)
    if problem is not None:
        raise PublishError(problem, "publish into an empty folder or an earlier published site")
    with locked(target, on_wait):
        changes = compare(file_digests(site), file_digests(target))
        if dry_run or (not changes and target.is_dir()):
            return changes
        publish_copy(site, target)
    return changes


# -------------------------------------------------------------------------------------- rsync


def publish_rsync(site: Path, dest: str, *, dry_run: bool) -> Changes:
    rsync = shutil.which("rsync")
    if rsync is None:
        raise PublishError("rsync is not installed", "apt-get install rsync")
    target = dest if dest.endswith("/") else dest + "/"
    command = [rsync, "-a", "--delete", "--delay-updates", "--itemize-changes"]
    if dry_run:
        command.append("--dry-run")
    try:
        done = subprocess.run(
            [*command, f"{site}/", target],
            capture_output=True,
            text=True,
            check=False,
            timeout=COMMAND_TIMEOUT,
        )
    except subprocess.TimeoutExpired:
        raise PublishError(
            f"rsync did not finish in {COMMAND_TIMEOUT:.0f} s and was stopped",
            "set FACTCHECK_PUBLISH_TIMEOUT for more time",
        ) from None
    if done.returncode != 0:
        raise PublishError(f"rsync failed ({done.returncode}): {done.stderr.strip()}")
    changes = Changes()
    for line in done.stdout.splitlines():
        if line.startswith("*deleting "):
            path = line[len("*deleting ") :].strip()
            if not path.endswith("/"):
                changes.removed.append(path)
        elif len(line) > 12 and line[1] == "f":
            path = line[12:]
            (changes.added if line[2:11] == "+++++++++" else changes.changed).append(path)
    changes.added.sort()
    changes.changed.sort()
    changes.removed.sort()
    return changes


# ---------------------------------------------------------------------------------- git-branch


def _git(
    args: list[str],
    *,
    cwd: Path,
    env: dict[str, str] | None = None,
    input: str | None = None,
    check: bool = True,
) -> str:
    try:
        done = subprocess.run(
            ["git", *args],
            cwd=cwd,
            env=env,
            input=input,
            capture_output=True,
            text=True,
            check=False,
            timeout=COMMAND_TIMEOUT,
        )
    except subprocess.TimeoutExpired:
        raise PublishError(
            f"git {args[0]} did not finish in {COMMAND_TIMEOUT:.0f} s and was stopped",
            "set FACTCHECK_PUBLISH_TIMEOUT for more time",
        ) from None
    if check and done.returncode != 0:
        raise PublishError(f"git {args[0]} failed: {done.stderr.strip()}")
    return done.stdout.strip() if done.returncode == 0 else ""


def _identity(env: dict[str, str], cwd: Path) -> None:
    if not _git(["config", "user.name"], cwd=cwd, check=False):
        env.setdefault("GIT_AUTHOR_NAME", "factcheck")
        env.setdefault("GIT_COMMITTER_NAME", "factcheck")
    if not _git(["config", "user.email"], cwd=cwd, check=False):
        env.setdefault("GIT_AUTHOR_EMAIL", "factcheck@localhost")
        env.setdefault("GIT_COMMITTER_EMAIL", "factcheck@localhost")


NOJEKYLL = ".nojekyll"


def _refuse_checked_out(repo: Path, project: Path, branch: str) -> None:
    """Committing to the branch that a working tree has checked out would move it under the
    user's files (their next commit would undo the site, or the site their work)."""
    listing = _git(["worktree", "list", "--porcelain"], cwd=project, check=False)
    for line in listing.splitlines():
        if line == f"branch refs/heads/{branch}":
            raise PublishError(
                f"the branch '{branch}' is checked out in a working tree of this "
                "repository; publishing would change it under your files",
                "publish to another branch (such as gh-pages), or check out another branch first",
            )


def served_feed_on_branch(
    branch: str, *, project: Path, remote: str | None, name: str = "claimreview.json"
) -> bytes | None:
    """The file ``name`` (the data feed) as BRANCH holds it now, in the project's repository or
    in ``remote``'s: what the branch serves. None when there is no such branch or file yet
    (nothing published there); problems that would stop publishing too (no git, no
    repository) are left for :func:`publish_git_branch` to say."""
    if shutil.which("git") is None:
        return None
    if _git(["check-ref-format", "--branch", branch], cwd=project, check=False) == "":
        return None
    with tempfile.TemporaryDirectory(prefix="factcheck-served-") as tmp:
        if remote is None:
            git_dir = _git(["rev-parse", "--absolute-git-dir"], cwd=project, check=False)
            if not git_dir:
                return None
            repo = Path(git_dir)
            ref = f"refs/heads/{branch}"
        else:
            repo = Path(tmp) / "repo.git"
            _git(["init", "-q", "--bare", str(repo)], cwd=Path(tmp))
            # Only the branch's last commit: its feed is all that is read.
            _git(
                ["fetch", "-q", "--depth=1", remote, f"refs/heads/{branch}:refs/factcheck/served"],
                cwd=repo,
                check=False,
            )
            ref = "refs/factcheck/served"
        commit = _git(["rev-parse", "-q", "--verify", f"{ref}^{{commit}}"], cwd=repo, check=False)
        if not commit:
            return None
        try:
            done = subprocess.run(
                ["git", "cat-file", "blob", f"{commit}:{name}"],
                cwd=repo,
                capture_output=True,
                check=False,
                timeout=COMMAND_TIMEOUT,
            )
        except subprocess.TimeoutExpired:
            raise PublishError(
                f"git cat-file did not finish in {COMMAND_TIMEOUT:.0f} s and was stopped",
                "set FACTCHECK_PUBLISH_TIMEOUT for more time",
            ) from None
        return done.stdout if done.returncode == 0 else None


def publish_git_branch(
    site: Path,
    branch: str,
    *,
    project: Path,
    remote: str | None,
    dry_run: bool,
    message: str = "Publish the site",
) -> Changes:
    if shutil.which("git") is None:
        raise PublishError("git is not installed")
    if _git(["check-ref-format", "--branch", branch], cwd=project, check=False) == "":
        raise PublishError(f"'{branch}' is not a valid branch name")
    with tempfile.TemporaryDirectory(prefix="factcheck-publish-") as tmp:
        if remote is None:
            git_dir = _git(["rev-parse", "--absolute-git-dir"], cwd=project, check=False)
            if not git_dir:
                raise PublishError(
                    f"{project} is not in a git repository", "use --remote URL, or run git init"
                )
            repo = Path(git_dir)
            _refuse_checked_out(repo, project, branch)
            parent = _git(
                ["rev-parse", "--verify", "-q", f"refs/heads/{branch}^{{commit}}"],
                cwd=repo,
                check=False,
            )
        else:
            repo = Path(tmp) / "repo.git"
            _git(["init", "-q", "--bare", str(repo)], cwd=Path(tmp))
            # (A branch not yet on the remote fails to fetch: then there is no parent.)
            _git(
                ["fetch", "-q", remote, f"refs/heads/{branch}:refs/factcheck/parent"],
                cwd=repo,
                check=False,
            )
            parent = _git(
                ["rev-parse", "-q", "--verify", "refs/factcheck/parent"], cwd=repo, check=False
            )
        env = {**os.environ, "GIT_INDEX_FILE": str(Path(tmp) / "index"), "GIT_DIR": str(repo)}
        _identity(env, repo)
        files = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
        blobs = _git(
            ["hash-object", *([] if dry_run else ["-w"]), "--no-filters", "--stdin-paths"],
            cwd=site,
            env=env,
            input="\n".join(files) + "\n",
        ).splitlines()
        new = dict(zip(files, blobs, strict=True))
        # GitHub Pages serves the files as they are (no Jekyll) with .nojekyll in the branch.
        new[NOJEKYLL] = _git(
            ["hash-object", *([] if dry_run else ["-w"]), "--stdin"], cwd=site, env=env, input=""
        )
        files = sorted(new)
        old: dict[str, str] = {}
        if parent:
            for line in _git(["ls-tree", "-r", "-z", parent], cwd=repo).split("\0"):
                if line:
                    meta, _, path = line.partition("\t")
                    old[path] = meta.split()[2]
        changes = compare(new, old)
        if dry_run or (parent and not changes):
            return changes
        info = "".join(
            f"{'100755' if os.access(site / p, os.X_OK) and p != NOJEKYLL else '100644'} "
            f"{new[p]}\t{p}\n"
            for p in files
        )
        _git(["update-index", "--add", "--index-info"], cwd=repo, env=env, input=info)
        tree = _git(["write-tree"], cwd=repo, env=env)
        commit = _git(
            ["commit-tree", tree, *(["-p", parent] if parent else []), "-m", message],
            cwd=repo,
            env=env,
        )
        if remote is None:
            _git(
                [
                    "update-ref",
                    "-m",
                    "factcheck publish",
                    f"refs/heads/{branch}",
                    commit,
                    *([parent] if parent else []),
                ],
                cwd=repo,
            )
        else:
            _git(["push", "-q", remote, f"{commit}:refs/heads/{branch}"], cwd=repo)
    return changes
