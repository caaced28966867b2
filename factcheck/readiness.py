"""What must hold before a site goes live, beyond a build without errors: publishing that cannot
go wrong quietly.

- ``base_url`` is set: ClaimReview ``url``, the feed's links and the sitemap need it. ``publish``
  refuses without it; ``build`` warns.
- None of the sample content that ``factcheck init`` writes is left. Every sample file carries
  the line :data:`SAMPLE_MARKER` in its front matter (a YAML comment: invisible to the site);
  ``publish`` refuses while any file still has it, naming each. Deleting the file, or the line
  once the file is the newsroom's own, lets it through.
"""

from __future__ import annotations

import os

from .diagnostics import Diagnostics, Position
from .model import Project

SAMPLE_MARKER = "# factcheck-sample: written by `factcheck init`; delete this file (or this line)"
"""The line that marks a file of ``factcheck init``'s sample content."""
SAMPLE_WORD = "factcheck-sample:"
_HEAD_BYTES = 4096
"""Where the marker is looked for: the start of the file (it is in the front matter)."""


def base_url_problem(project: Project, diags: Diagnostics, *, severity: str) -> None:
    """Report a missing ``base_url`` as an ``error`` (publish) or a ``warning`` (build)."""
    if project.config.base_url:
        return
    message = (
        "no base_url: the site has no absolute address, so ClaimReview data has no "
        "url, the feed's links are relative and no sitemap is made"
    )
    hint = (
        "add 'base_url: https://...' (the site's public address) to factcheck.yaml, or "
        "pass --base-url"
    )
    if severity == "error":
        diags.error(project.config.path, Position(1, 1), message, hint)
    else:
        diags.warning(project.config.path, Position(1, 1), message, hint)


def sample_files(project: Project) -> list[tuple[str, int]]:
    """(path, line) of every content file that still carries the sample marker."""
    found = []
    for path in sorted(_content_paths(project)):
        try:
            with open(os.path.join(project.root, path), "rb") as handle:
                head = handle.read(_HEAD_BYTES).decode("utf-8", "replace")
        except OSError:
            continue
        at = head.find(SAMPLE_WORD)
        if at >= 0:
            found.append((path, head.count("\n", 0, at) + 1))
    return found


def sample_problems(project: Project, diags: Diagnostics) -> None:
    for path, line in sample_files(project):
        diags.error(
            path,
            Position(line, 1),
            "this is sample content from `factcheck init`, not yet the newsroom's own",
            "delete the file, or, once it is yours, delete this line",
        )


def publish_problems(project: Project) -> Diagnostics:
    """Everything that stops ``factcheck publish`` besides build errors."""
    diags = Diagnostics()
    base_url_problem(project, diags, severity="error")
    sample_problems(project, diags)
    return diags


def _content_paths(project: Project) -> set[str]:
    paths = {a.doc.path for a in project.articles.values()}
    paths |= {c.document.path for c in project.claims.values() if c.document is not None}
    paths |= set(project.verdicts)
    paths |= {e.doc.path for e in project.evidence.values()}
    paths |= {r.doc.path for r in project.reviewers.values()}
    paths |= {p.doc.path for p in project.pages.values()}
    return paths
