"""The review rules: when a claim is published, and with which rating.

- Published: an approved ``final: true`` verdict by an editor (its rating stands), or at least
  ``review.min_reviewers`` approved verdicts by our reviewers and editors, all with one rating.
- Disputed: approved verdicts disagree and no final verdict settles them (also: two final
  verdicts that disagree).
- In review: verdicts exist, but not enough approved ones.
- Unreviewed: no verdicts of our own.
- Withdrawn: the claim says ``withdrawn:``, whatever its verdicts say. Its page stays; nothing
  else of it is published.

Imported verdicts of outside organisations (``role: external``) never count.

A media claim (one with ``media:``) is rated twice by each verdict: ``rating`` on the claim
scale, and ``media_rating`` on the media scale. The same rules decide both: the verdicts that
publish it must agree on each, or an editor's ruling settles both.

:func:`standing` is the one place these rules live. It also says, in words, what a claim still
needs and what it would publish as: `factcheck status`, the review preview and its desk all
print these same words.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from .model import Claim, Correction, Project, State, Verdict

NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}


@dataclass(frozen=True, slots=True)
class Standing:
    state: State
    rating: str | None = None
    """The standing rating, only when published."""
    ruling: str | None = None
    """Path of the editor's final verdict that settled it, if any."""
    needs: str = ""
    """What the claim still needs before it can be published, in words ("nothing" once
    published)."""
    prospect: str | None = None
    """Unpublished: the rating it would publish as if the verdicts waiting were approved (all of
    ours agree on it, or an editor's ruling waits for approval); None when they disagree."""
    disagreement: tuple[str, ...] = ()
    """The different ratings among our verdicts in any state (drafts included), when there are
    more than one: disagreement flagged before anyone approves."""
    outlook: str = ""
    """One sentence for people: the state, what it would publish as and what it still needs."""
    media_rating: str | None = None
    """A media claim's standing media rating, only when published."""


def is_ruling(project: Project, verdict: Verdict) -> bool:
    """An approved final verdict by an editor: an editor's ruling that settles the claim."""
    return verdict.approved and _is_editors_final(project, verdict)


def _is_editors_final(project: Project, verdict: Verdict) -> bool:
    reviewer = project.reviewers.get(verdict.reviewer)
    return verdict.final and reviewer is not None and reviewer.role == "editor"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _more_approvals(count: int) -> str:
    return f"{NUMBER_WORDS.get(count, str(count))} more approval{'' if count == 1 else 's'}"


def _scale_order(project: Project, ratings: set[str]) -> list[str]:
    """Rating ids in the scale's order (unknown ones last, by name)."""
    order = {r.id: i for i, r in enumerate(project.config.ratings)}
    return sorted(ratings, key=lambda r: (order.get(r, len(order)), r))


def label(project: Project, rating_id: str) -> str:
    rating = project.config.rating(rating_id)
    return rating.label if rating is not None else rating_id


def _labels(project: Project, ratings: list[str]) -> str:
    return " vs ".join(label(project, r) for r in ratings)


def standing_of(project: Project, claim: Claim) -> Standing:
    """Where ``claim`` stands, as cross-referencing found (worked out now if it has not)."""
    return claim.standing if claim.standing is not None else standing(project, claim)


def standing(project: Project, claim: Claim) -> Standing:
    """Where ``claim`` stands, from its verdicts (already linked to it by cross-referencing)."""
    if claim.withdrawn is not None:
        return _withdrawn(claim)
    result = _standing(project, claim)
    return _media_standing(project, claim, result) if claim.media else result


def media_label(project: Project, rating_id: str) -> str:
    rating = project.config.media_rating(rating_id)
    return rating.label if rating is not None else rating_id


def _media_standing(project: Project, claim: Claim, result: Standing) -> Standing:
    """A published media claim's media rating, by the same rules as its rating: the verdicts
    that publish it (the editors' rulings, or every approved verdict of ours) must agree."""
    if result.state is not State.PUBLISHED:
        return result
    approved = [v for v in project.claim_verdicts(claim.id) if project.is_ours(v) and v.approved]
    deciders = [v for v in approved if is_ruling(project, v)] if result.ruling else approved
    order = {r.id: i for i, r in enumerate(project.config.media_ratings)}
    rated = sorted(
        {v.media_rating for v in deciders if v.media_rating},
        key=lambda r: (order.get(r, len(order)), r),
    )
    if len(rated) <= 1:
        media = rated[0] if rated else None
        outlook = result.outlook
        if media:
            outlook = outlook.replace(
                "published as " + label(project, result.rating or ""),
                f"published as {label(project, result.rating or '')} (media: "
                f"{media_label(project, media)})",
                1,
            )
        return replace(result, media_rating=media, outlook=outlook)
    labels = " vs ".join(media_label(project, r) for r in rated)
    needs = (
        f"disputed: the editors' rulings rate the media differently ({labels}); "
        "withdraw all but one ruling"
        if result.ruling
        else f"disputed: the media is rated {labels}, needs an editor's ruling"
    )
    return Standing(State.DISPUTED, needs=needs, disagreement=result.disagreement, outlook=needs)


def _standing(project: Project, claim: Claim) -> Standing:
    """Where ``claim`` stands by its rating (see :func:`standing`)."""
    ours = [v for v in project.claim_verdicts(claim.id) if project.is_ours(v)]
    approved = [v for v in ours if v.approved]
    rulings = [v for v in approved if is_ruling(project, v)]
    min_reviewers = project.config.min_reviewers
    every_rating = _scale_order(project, {v.rating for v in ours if v.rating})
    disagreement = tuple(every_rating) if len(every_rating) > 1 else ()
    early = (
        f"; verdicts not yet approved say otherwise ({_labels(project, every_rating)})"
        if disagreement
        else ""
    )

    if rulings:
        rated = _scale_order(project, {v.rating for v in rulings})
        if len(rated) == 1:
            return Standing(
                State.PUBLISHED,
                rated[0],
                rulings[0].path,
                "nothing",
                disagreement=disagreement,
                outlook=f"published as {label(project, rated[0])} by an editor's ruling",
            )
        needs = (
            f"disputed: the editors' rulings disagree ({_labels(project, rated)}); "
            "withdraw all but one ruling"
        )
        return Standing(State.DISPUTED, needs=needs, disagreement=disagreement, outlook=needs)

    rated = _scale_order(project, {v.rating for v in approved})
    pending_rulings = [v for v in ours if not v.approved and _is_editors_final(project, v)]
    if len(rated) > 1:
        needs = f"disputed: {_labels(project, rated)}, needs an editor's ruling"
        settling = _single({v.rating for v in pending_rulings})
        outlook = needs + (
            f"; an editor's ruling for {label(project, settling)} waits for approval"
            if settling
            else ""
        )
        return Standing(
            State.DISPUTED,
            needs=needs,
            prospect=settling,
            disagreement=disagreement,
            outlook=outlook,
        )
    if len(approved) >= min_reviewers:
        return Standing(
            State.PUBLISHED,
            rated[0],
            None,
            "nothing",
            disagreement=disagreement,
            outlook=f"published as {label(project, rated[0])}{early}",
        )
    if not ours:
        needs = f"needs {_plural(min_reviewers, 'approved verdict')}"
        return Standing(State.UNREVIEWED, needs=needs, outlook=f"not reviewed yet: {needs}")

    missing = min_reviewers - len(approved)
    pending = [v for v in ours if not v.approved]
    waiting = ""
    if pending:
        counts = {s: sum(1 for v in pending if v.status == s) for s in ("submitted", "draft")}
        parts = [
            _plural(n, s) if s == "draft" else f"{n} submitted" for s, n in counts.items() if n
        ]
        waiting = f" ({', '.join(parts)} waiting)"
    needs = f"needs {missing} more {'approval' if missing == 1 else 'approvals'}{waiting}"
    ruling_rating = _single({v.rating for v in pending_rulings})
    if ruling_rating is not None:
        prospect: str | None = ruling_rating
        outlook = (
            f"would publish as {label(project, ruling_rating)} once the editor's ruling "
            f"is approved, or after {_more_approvals(missing)} that agree{waiting}"
        )
    elif not disagreement:
        prospect = every_rating[0] if every_rating else None
        outlook = (
            f"would publish as {label(project, prospect)} after {_more_approvals(missing)}{waiting}"
            if prospect
            else needs
        )
    else:
        prospect = None
        outlook = (
            f"verdicts disagree ({_labels(project, every_rating)}): needs agreement or an "
            f"editor's ruling, and {_more_approvals(missing)}{waiting}"
        )
    return Standing(
        State.IN_REVIEW, needs=needs, prospect=prospect, disagreement=disagreement, outlook=outlook
    )


def _withdrawn(claim: Claim) -> Standing:
    assert claim.withdrawn is not None
    day = claim.withdrawn.date
    when = (day.date() if isinstance(day, dt.datetime) else day).isoformat()
    return Standing(
        State.WITHDRAWN,
        needs="nothing",
        outlook=f"withdrawn on {when}: its page says so, and nothing else of it is published",
    )


def published_corrections(
    project: Project, claim: Claim
) -> list[tuple[Correction, Verdict | None]]:
    """The correction entries of ``claim`` that readers may see, each with the verdict it is
    written on (None: the claim's own), in the order written: those of its published verdicts
    and its own once it is published; only its own once it is withdrawn (its verdicts are no
    longer shown); none while it is not published. A correction on a draft, a submitted verdict
    or an unpublished claim's verdict is unpublished work, like the verdict itself."""
    if claim.state is State.WITHDRAWN:
        return [(c, None) for c in claim.corrections]
    if claim.state is not State.PUBLISHED:
        return []
    entries: list[tuple[Correction, Verdict | None]] = [(c, None) for c in claim.corrections]
    for verdict in project.published_verdicts(claim.id):
        entries.extend((c, verdict) for c in verdict.corrections)
    return entries


def _single(ratings: set[str]) -> str | None:
    return next(iter(ratings)) if len(ratings) == 1 else None
