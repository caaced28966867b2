"""The review workflow at a glance: every claim, where it stands, who has reviewed it, and what
is still to do. One source of truth for ``factcheck status`` and the review preview's desk.

Nothing here is ever published: it names drafts, their reviewers and their ratings. Only the
preview server and ``factcheck status`` read it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

from .model import Project, State
from .review import label, standing_of

STATE_ORDER = {
    State.DISPUTED: 0,
    State.IN_REVIEW: 1,
    State.UNREVIEWED: 2,
    State.PUBLISHED: 3,
    State.WITHDRAWN: 4,
}

STALE_SECONDS = 1.0
"""An article saved this much later than a verdict counts as changed after it (file systems
and git checkouts write a project's files within moments of each other)."""


@dataclass(frozen=True, slots=True)
class VerdictStatus:
    reviewer: str
    name: str
    """The reviewer's name (their id when the reviewer is unknown)."""
    role: str | None
    status: str
    """draft, submitted or approved."""
    rating: str
    rating_label: str
    final: bool
    path: str
    outside: bool
    """An outside organisation's check: shown, never counted."""
    stale: bool = False
    """Its article was changed after this verdict was last saved."""


@dataclass(frozen=True, slots=True)
class ClaimStatus:
    claim: str
    summary: str
    article: str | None
    path: str
    line: int
    """Where the claim is written (its entry in the article's ``claims`` list)."""
    state: str
    rating: str | None
    needs: str
    outlook: str
    """One sentence: what it would publish as and what it still needs (factcheck.review)."""
    prospect: str | None
    disagreement: tuple[str, ...]
    verdicts: tuple[VerdictStatus, ...]

    @property
    def stale(self) -> tuple[VerdictStatus, ...]:
        """Verdicts written before the article's text last changed."""
        return tuple(v for v in self.verdicts if v.stale)

    @property
    def unreviewed(self) -> bool:
        return not any(not v.outside for v in self.verdicts)

    def to_do(self, reviewer: str, role: str | None) -> str | None:
        """What ``reviewer`` still has to do on this claim, in words, or None."""
        mine = next((v for v in self.verdicts if v.reviewer == reviewer), None)
        if mine is not None and mine.stale:
            return "the article changed after your verdict: check it still holds"
        if mine is not None and mine.status == "draft":
            return "finish your draft"
        if mine is not None and mine.status == "submitted":
            return "submitted: waiting for approval"
        if role == "editor" and self.state == State.DISPUTED.value:
            return "disputed: needs an editor's ruling"
        return None


def modified_time(root: str) -> Callable[[str], float | None]:
    """A file's modification time by its path relative to ``root`` (None if it is gone)."""

    def mtime(path: str) -> float | None:
        try:
            return os.stat(os.path.join(root, path)).st_mtime
        except OSError:
            return None

    return mtime


def claim_statuses(
    project: Project, changed_at: Callable[[str], float | None] | None = None
) -> list[ClaimStatus]:
    """One record per claim, the ones needing attention first. ``changed_at`` gives when a
    file last changed (default: its modification time), to tell verdicts written before their
    article was changed."""
    changed_at = changed_at if changed_at is not None else modified_time(project.root)
    rows: list[ClaimStatus] = []
    for claim in project.claims.values():
        result = standing_of(project, claim)
        article_time = (
            changed_at(project.articles[claim.article].doc.path)
            if claim.article in project.articles
            else None
        )
        verdicts = []
        for verdict in project.claim_verdicts(claim.id):
            reviewer = project.reviewers.get(verdict.reviewer)
            verdict_time = changed_at(verdict.path) if article_time is not None else None
            verdicts.append(
                VerdictStatus(
                    reviewer=verdict.reviewer,
                    name=reviewer.name if reviewer else verdict.reviewer,
                    role=reviewer.role if reviewer else None,
                    status=verdict.status,
                    rating=verdict.rating,
                    rating_label=label(project, verdict.rating),
                    final=verdict.final,
                    path=verdict.path,
                    outside=reviewer is not None and reviewer.role == "external",
                    stale=(
                        article_time is not None
                        and verdict_time is not None
                        and article_time > verdict_time + STALE_SECONDS
                    ),
                )
            )
        rows.append(
            ClaimStatus(
                claim=claim.id,
                summary=claim.summary,
                article=claim.article,
                path=claim.path,
                line=claim.position.line,
                state=claim.state.value,
                rating=claim.rating,
                needs=result.needs,
                outlook=result.outlook,
                prospect=result.prospect,
                disagreement=result.disagreement,
                verdicts=tuple(verdicts),
            )
        )
    rows.sort(key=lambda r: (STATE_ORDER[State(r.state)], r.claim))
    return rows


def as_json(row: ClaimStatus) -> dict[str, object]:
    """``factcheck status --format json``: one object per claim."""
    return {
        "claim": row.claim,
        "summary": row.summary,
        "article": row.article,
        "path": row.path,
        "line": row.line,
        "state": row.state,
        "rating": row.rating,
        "needs": row.needs,
        "outlook": row.outlook,
        "would_publish_as": row.prospect,
        "disagreement": list(row.disagreement),
        "verdicts": [
            {
                "reviewer": v.reviewer,
                "role": v.role,
                "status": v.status,
                "rating": v.rating,
                "final": v.final,
                "path": v.path,
                "article_changed_since": v.stale,
            }
            for v in row.verdicts
        ],
    }
