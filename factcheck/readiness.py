"""What must hold before a site goes live, beyond a build without errors: publishing that cannot
go wrong quietly.

- ``base_url`` is set: ClaimReview ``url``, the feed's links and the sitemap need it. ``publish``
  refuses without it; ``build`` warns.
- None of the sample content that ``factcheck init`` writes is left. Every sample file carries
  the line :data:`SAMPLE_MARKER` in its front matter (a YAML comment: invisible to the site);
  ``publish`` refuses while any file still has it, naming each. Deleting the file, or the line
  once the file is the newsroom's own, lets it through.
- A rating never changes silently (:func:`published_record_problems`): compared with the data
  feed the target serves, a claim whose rating differs needs a ``rating-change`` correction
  dated after that publication, and a claim that was published and is no longer needs
  ``withdrawn:``. ``publish`` refuses otherwise; ``check --against`` says the same on demand.
"""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo

from .diagnostics import Diagnostics, Position
from .model import Claim, Date, Project, State, Verdict
from .review import label, published_corrections
from .served import ServedFeed, ServedReview

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


# -- a rating never changes silently ---------------------------------------------------------


def published_record_problems(
    project: Project, served: ServedFeed, diags: Diagnostics, *, now: dt.datetime | None = None
) -> int:
    """Compare every claim of ``served`` (what the site serves now) with the project, and report
    each change that readers would not be told of: a rating that differs without a
    ``rating-change`` correction dated after that publication; a claim no longer published (or
    gone) without ``withdrawn:``. Each error names the claim, the old and the new rating and
    the date it was published, and shows the entry to add. Returns how many claims were
    compared."""
    zone = ZoneInfo(project.config.timezone)
    now = now or dt.datetime.now(zone)
    if len(served.reviews) > 1 and not any(c in project.claims for c in served.reviews):
        diags.warning(
            served.where,
            Position(1, 1),
            f"none of the {len(served.reviews)} claims published in this feed is in the project",
            "is it this site's own claimreview.json?",
        )
    for review in served.reviews.values():
        claim = project.claims.get(review.claim)
        if claim is None:
            diags.error(
                served.where,
                Position(review.line, 1),
                f"claim '{review.claim}' was published as {review.rating}"
                f"{_when(review)} and is no longer in the project",
                "a published page must not disappear: restore the claim (under the same id) "
                "and withdraw it with 'withdrawn: {date, note}'",
            )
        elif claim.state is State.WITHDRAWN:
            continue
        elif claim.state is not State.PUBLISHED:
            _unpublished(claim, review, diags, now)
        elif not _same_rating(
            project, review.rating, claim.rating or ""
        ) and not _rating_change_covered(project, claim, review, zone):
            _rating_changed(project, claim, review, diags, now, zone)
    return len(served.reviews)


_STATE_WORDS = {
    State.DISPUTED: "disputed",
    State.IN_REVIEW: "back in review",
    State.UNREVIEWED: "without an approved verdict",
}


def _unpublished(claim: Claim, review: ServedReview, diags: Diagnostics, now: dt.datetime) -> None:
    where = f"its entry in the claims of {claim.path}" if claim.article is not None else claim.path
    diags.error(
        claim.path,
        claim.position,
        f"claim '{claim.id}' was published as {review.rating}{_when(review)} and is now "
        f"{_STATE_WORDS.get(claim.state, claim.state.value)}: its check would disappear "
        "from the site",
        "a published check is corrected or withdrawn, never silently taken down: publish it "
        f"again, or withdraw it by adding to {where}:"
        + _block(
            "withdrawn:",
            f"  date: {now.date().isoformat()}",
            "  note: >-",
            "    We withdrew this check because ...",
        ),
    )


def _rating_changed(
    project: Project,
    claim: Claim,
    review: ServedReview,
    diags: Diagnostics,
    now: dt.datetime,
    zone: ZoneInfo,
) -> None:
    new = label(project, claim.rating or "")
    source = _rating_source(project, claim)
    path, place = (
        (source.path, source.doc.pos("rating")) if source is not None else (claim.path, None)
    )
    today = _instant(now.date(), zone)
    assert today is not None
    # Dated today, unless an entry of today is already in what is served: then the time too.
    date = (
        now.date().isoformat()
        if _after_served(today, review, zone)
        else now.strftime("%Y-%m-%dT%H:%M")
    )
    entry = (
        f"- date: {date}",
        "  kind: rating-change",
        "  note: >-",
        f"    We changed our rating from {review.rating} to {new} because ...",
    )
    has_list = source is not None and source.doc.meta.data.get("corrections") is not None
    diags.error(
        path,
        place or claim.position,
        f"claim '{claim.id}' was published as {review.rating}{_when(review)} and is now "
        f"rated {new}, with no rating-change correction dated after "
        + ("that update" if review.modified else "that publication"),
        f"a published rating never changes silently: add this entry to {path}"
        + (
            " (to its corrections list):" + _block(*entry)
            if has_list
            else ":" + _block("corrections:", *(f"  {line}" for line in entry))
        ),
    )


def _rating_source(project: Project, claim: Claim) -> Verdict | None:
    """Where a rating-change entry of the claim best goes: the editor's ruling; else the
    approved verdict that already has corrections, or was given last."""
    if claim.ruling is not None:
        return project.verdicts.get(claim.ruling)
    verdicts = project.published_verdicts(claim.id)
    ranked = sorted(
        verdicts,
        key=lambda v: (bool(v.corrections), v.date is not None, str(v.date or ""), v.path),
    )
    return ranked[-1] if ranked else None


def _rating_change_covered(
    project: Project, claim: Claim, review: ServedReview, zone: ZoneInfo
) -> bool:
    """Whether a published ``rating-change`` entry of ``claim`` is dated after the served
    version (see :func:`_after_served`)."""
    for entry, _verdict in published_corrections(project, claim):
        when = _instant(entry.date, zone)
        if entry.kind == "rating-change" and when is not None and _after_served(when, review, zone):
            return True
    return False


def _after_served(when: dt.datetime, review: ServedReview, zone: ZoneInfo) -> bool:
    """Whether an entry dated ``when`` is newer than the served version: after its
    ``dateModified`` (an entry of that moment or earlier is already in it), or, without one, on
    or after its ``datePublished`` (a correction made the day a check went out)."""
    modified = _instant(review.modified, zone)
    if modified is not None:
        return when > modified
    published = _instant(review.published, zone)
    return published is None or when >= published


def _same_rating(project: Project, published: str, rating_id: str) -> bool:
    """Whether the label a feed published is the rating ``rating_id`` (its label or id,
    regardless of case: a feed from before a label was recased is the same rating)."""
    rating = project.config.rating(rating_id)
    names = {rating_id, rating.label if rating is not None else rating_id}
    return published.strip().casefold() in {n.strip().casefold() for n in names}


def _instant(value: Date | str | None, zone: dt.tzinfo) -> dt.datetime | None:
    """A date, date-time or ISO 8601 text as an aware date-time (a date: its midnight, in the
    project's zone when none is given)."""
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError:
            return None
    if value is None:
        return None
    if not isinstance(value, dt.datetime):
        value = dt.datetime(value.year, value.month, value.day)
    return value if value.tzinfo else value.replace(tzinfo=zone)


def _when(review: ServedReview) -> str:
    from .theme import format_date

    words = ""
    published = _instant(review.published, dt.UTC)
    if published is not None:
        words += f" on {format_date(published.date())}"
    modified = _instant(review.modified, dt.UTC)
    if modified is not None:
        words += f" (last updated {format_date(modified.date())})"
    return words


def _block(*lines: str) -> str:
    """Lines of YAML shown in a hint, indented under it."""
    return "".join(f"\n        {line}" for line in lines)
