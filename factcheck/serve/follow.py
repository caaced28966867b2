"""Following the change: which page of the site shows what a saved file changed (Hugo's
``--navigateToChanged``), so that open preview pages can go there."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from .. import urls
from ..model import Project


def page_of(project: Project, rel: str) -> str | None:
    """The site page that shows the content file ``rel`` (relative to the project, with
    forward slashes), or None for a file that no single page shows."""
    if rel in project.verdicts:
        claim_id = project.verdicts[rel].claim
        return urls.claim(claim_id) if claim_id in project.claims else None
    for article in project.articles.values():
        if article.doc.path == rel:
            return urls.article(article.id)
    for claim in project.claims.values():
        if claim.document is not None and claim.document.path == rel:
            return urls.claim(claim.id)
    for evidence in project.evidence.values():
        if evidence.doc.path == rel:
            return urls.evidence(evidence.id)
    for reviewer in project.reviewers.values():
        if reviewer.doc.path == rel:
            return urls.reviewer(reviewer.id)
    for page in project.pages.values():
        if page.doc.path == rel:
            return urls.page(page.id)
    return None


def changed_page(
    root: Path, changed: Iterable[str], projects: Iterable[Project | None]
) -> str | None:
    """The page that shows the most recently modified of the ``changed`` content files (a
    deleted verdict: its claim, as the earlier ``projects`` knew it)."""
    candidates: list[tuple[float, str]] = []
    for path in changed:
        try:
            rel = Path(path).resolve().relative_to(root).as_posix()
        except ValueError:
            continue
        if not rel.startswith("content/") or not rel.endswith(".md"):
            continue
        try:
            when = os.stat(root / rel).st_mtime
        except OSError:
            when = 0.0  # deleted: the least likely to be what the reviewer looks at
        candidates.append((when, rel))
    known = [p for p in projects if p is not None]
    for _when, rel in sorted(candidates, reverse=True):
        for project in known:
            page = page_of(project, rel)
            if page is not None:
                return page
    return None
