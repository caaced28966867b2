"""The review rules: when a claim is published, and with which rating.

- Published: an approved ``final: true`` verdict by an editor (its rating stands), or at least
  ``review.min_reviewers`` approved verdicts by our reviewers and editors, all with one rating.
- Disputed: approved verdicts disagree and no final verdict settles them (also: two final
  verdicts that disagree).
- In review: verdicts exist, but not enough approved ones.
- Unreviewed: no verdicts of our own.

Imported verdicts of outside organisations (``role: external``) never count.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Claim, Project, State, Verdict


@dataclass(frozen=True, slots=True)
class Standing:
    state: State
    rating: str | None = None
    """The standing rating, only when published."""
    ruling: str | None = None
    """Path of the editor's final verdict that settled it, if any."""
    needs: str = ""
    """What the claim still needs before it can be published, in words."""


def is_ruling(project: Project, verdict: Verdict) -> bool:
    """An approved final verdict by an editor: an editor's ruling that settles the claim."""
    reviewer = project.reviewers.get(verdict.reviewer)
    return (verdict.approved and verdict.final and reviewer is not None
            and reviewer.role == "editor")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def standing(project: Project, claim: Claim) -> Standing:
    """Where ``claim`` stands, from its verdicts (already linked to it by cross-referencing)."""
    ours = [v for v in project.claim_verdicts(claim.id) if project.is_ours(v)]
    approved = [v for v in ours if v.approved]
    rulings = [v for v in approved if is_ruling(project, v)]
    min_reviewers = project.config.min_reviewers

    if rulings:
        rated = sorted({v.rating for v in rulings})
        if len(rated) == 1:
            return Standing(State.PUBLISHED, rated[0], rulings[0].path, "nothing")
        return Standing(State.DISPUTED,
                        needs=f"disputed: the editors' rulings disagree ({' vs '.join(rated)}); "
                              "withdraw all but one ruling")

    rated = sorted({v.rating for v in approved})
    if len(rated) > 1:
        return Standing(State.DISPUTED,
                        needs=f"disputed: {' vs '.join(rated)}, needs an editor's ruling")
    if len(approved) >= min_reviewers:
        return Standing(State.PUBLISHED, rated[0], None, "nothing")
    if not ours:
        return Standing(State.UNREVIEWED,
                        needs=f"needs {_plural(min_reviewers, 'approved verdict')}")
    missing = min_reviewers - len(approved)
    pending = [v for v in ours if not v.approved]
    waiting = ""
    if pending:
        counts = {s: sum(1 for v in pending if v.status == s) for s in ("submitted", "draft")}
        parts = [_plural(n, s) if s == "draft" else f"{n} submitted"
                 for s, n in counts.items() if n]
        waiting = f" ({', '.join(parts)} waiting)"
    return Standing(State.IN_REVIEW,
                    needs=f"needs {missing} more {'approval' if missing == 1 else 'approvals'}"
                          f"{waiting}")
