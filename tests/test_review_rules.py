"""The review rules (factcheck.review.standing): when a claim is published, with which rating,
and what it still needs, rule by rule."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import EDITOR, REVIEWER, write_project

from factcheck.diagnostics import Position
from factcheck.frontmatter import YamlDoc
from factcheck.model import (
    Claim,
    Config,
    Document,
    MediaItem,
    MediaRating,
    Organization,
    Project,
    Rating,
    Reviewer,
    State,
    Verdict,
)
from factcheck.project import open_project
from factcheck.review import Standing, is_ruling, standing, standing_of

ROLES = {
    "sam": "reviewer",
    "priya": "reviewer",
    "tomas": "reviewer",
    "helen": "editor",
    "lena": "editor",
    "other-org": "external",
}
RATINGS = ("accurate", "mostly-accurate", "misleading", "false", "unproven")

V = tuple[str, str, str] | tuple[str, str, str, bool]
"""A verdict in a test: (reviewer, rating, status) or (reviewer, rating, status, final)."""


def _doc(ident: str, path: str) -> Document:
    return Document(ident, path, YamlDoc({}), "", 1)


def judge(*verdicts: V, min_reviewers: int = 2) -> Standing:
    """The standing of one claim with these verdicts."""
    project = make_project(*verdicts, min_reviewers=min_reviewers)
    return standing(project, project.claims["the-claim"])


def core(result: Standing) -> tuple[State, str | None, str | None, str]:
    """What the rules decide (the words for people are tested on their own)."""
    return (result.state, result.rating, result.ruling, result.needs)


def core_of(
    state: State, rating: str | None = None, ruling: str | None = None, needs: str = ""
) -> tuple[State, str | None, str | None, str]:
    return (state, rating, ruling, needs)


def make_project(*verdicts: V, min_reviewers: int = 2) -> Project:
    config = Config(
        title="T",
        organization=Organization("T"),
        min_reviewers=min_reviewers,
        ratings=[Rating(r, r, None, "", Position(1, 1)) for r in RATINGS],
    )
    project = Project("/nowhere", config)
    for ident, role in ROLES.items():
        project.reviewers[ident] = Reviewer(
            _doc(ident, f"content/reviewers/{ident}.md"), name=ident, role=role
        )
    claim = Claim("the-claim", "content/claims/the-claim.md", Position(1, 1), "A claim.")
    project.claims[claim.id] = claim
    for reviewer, rating, status, *final in verdicts:
        path = f"content/verdicts/the-claim/{reviewer}.md"
        assert path not in project.verdicts, "one verdict per reviewer"
        project.verdicts[path] = Verdict(
            _doc("", path),
            claim=claim.id,
            reviewer=reviewer,
            rating=rating,
            status=status,
            final=bool(final and final[0]),
        )
        claim.verdicts.append(path)
    claim.verdicts.sort()
    return project


# -- unreviewed ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("min_reviewers", "needs"),
    [
        (1, "needs 1 approved verdict"),
        (2, "needs 2 approved verdicts"),
        (3, "needs 3 approved verdicts"),
    ],
)
def test_no_verdicts_is_unreviewed(min_reviewers: int, needs: str) -> None:
    assert core(judge(min_reviewers=min_reviewers)) == core_of(State.UNREVIEWED, needs=needs)


# -- min_reviewers and agreement ---------------------------------------------------------------


def test_one_approval_publishes_when_one_is_enough() -> None:
    result = judge(("sam", "misleading", "approved"), min_reviewers=1)
    assert core(result) == core_of(State.PUBLISHED, "misleading", None, "nothing")


@pytest.mark.parametrize(
    ("min_reviewers", "approvals", "state", "needs"),
    [
        (2, 1, State.IN_REVIEW, "needs 1 more approval"),
        (2, 2, State.PUBLISHED, "nothing"),
        (2, 3, State.PUBLISHED, "nothing"),
        (3, 1, State.IN_REVIEW, "needs 2 more approvals"),
        (3, 2, State.IN_REVIEW, "needs 1 more approval"),
        (3, 3, State.PUBLISHED, "nothing"),
    ],
)
def test_agreeing_approvals_up_to_min_reviewers(
    min_reviewers: int, approvals: int, state: State, needs: str
) -> None:
    verdicts = [(name, "accurate", "approved") for name in ("sam", "priya", "tomas")[:approvals]]
    result = judge(*verdicts, min_reviewers=min_reviewers)
    assert result.state is state
    assert result.needs == needs
    assert result.rating == ("accurate" if state is State.PUBLISHED else None)
    assert result.ruling is None


def test_an_editors_plain_approval_counts_like_a_reviewers() -> None:
    result = judge(("sam", "false", "approved"), ("helen", "false", "approved"))
    assert (result.state, result.rating, result.ruling) == (State.PUBLISHED, "false", None)


# -- disagreement --------------------------------------------------------------------------------


def test_disagreeing_approvals_are_disputed() -> None:
    result = judge(("sam", "accurate", "approved"), ("priya", "mostly-accurate", "approved"))
    assert core(result) == core_of(
        State.DISPUTED, needs="disputed: accurate vs mostly-accurate, needs an editor's ruling"
    )


def test_disagreement_disputes_even_before_enough_approvals() -> None:
    result = judge(
        ("sam", "misleading", "approved"), ("priya", "false", "approved"), min_reviewers=3
    )
    assert result.state is State.DISPUTED
    assert result.needs == "disputed: misleading vs false, needs an editor's ruling"


def test_disagreement_among_many_lists_each_rating_once() -> None:
    result = judge(
        ("sam", "misleading", "approved"),
        ("priya", "false", "approved"),
        ("tomas", "false", "approved"),
    )
    assert result.needs == "disputed: misleading vs false, needs an editor's ruling"


def test_unapproved_verdicts_do_not_dispute() -> None:
    result = judge(
        ("sam", "accurate", "approved"),
        ("priya", "accurate", "approved"),
        ("tomas", "false", "draft"),
        ("lena", "misleading", "submitted"),
    )
    assert (result.state, result.rating) == (State.PUBLISHED, "accurate")


# -- an editor's ruling --------------------------------------------------------------------------


def test_an_editors_ruling_settles_a_dispute() -> None:
    result = judge(
        ("sam", "accurate", "approved"),
        ("priya", "mostly-accurate", "approved"),
        ("helen", "mostly-accurate", "approved", True),
    )
    assert core(result) == core_of(
        State.PUBLISHED, "mostly-accurate", "content/verdicts/the-claim/helen.md", "nothing"
    )


def test_an_editors_ruling_can_overrule_agreement() -> None:
    result = judge(
        ("sam", "accurate", "approved"),
        ("priya", "accurate", "approved"),
        ("helen", "misleading", "approved", True),
    )
    assert (result.state, result.rating) == (State.PUBLISHED, "misleading")


def test_an_editors_ruling_alone_publishes_whatever_min_reviewers() -> None:
    result = judge(("helen", "false", "approved", True), min_reviewers=3)
    assert (result.state, result.rating, result.ruling) == (
        State.PUBLISHED,
        "false",
        "content/verdicts/the-claim/helen.md",
    )


@pytest.mark.parametrize("status", ["draft", "submitted"])
def test_an_unapproved_ruling_is_no_ruling(status: str) -> None:
    result = judge(
        ("sam", "accurate", "approved"),
        ("priya", "false", "approved"),
        ("helen", "false", status, True),
    )
    assert result.state is State.DISPUTED
    project = make_project(("helen", "false", status, True))
    assert not is_ruling(project, project.verdicts["content/verdicts/the-claim/helen.md"])


def test_two_rulings_that_agree_publish() -> None:
    result = judge(("helen", "false", "approved", True), ("lena", "false", "approved", True))
    assert (result.state, result.rating) == (State.PUBLISHED, "false")


def test_two_rulings_that_disagree_leave_it_disputed() -> None:
    result = judge(
        ("sam", "misleading", "approved"),
        ("priya", "misleading", "approved"),
        ("helen", "misleading", "approved", True),
        ("lena", "false", "approved", True),
    )
    assert core(result) == core_of(
        State.DISPUTED,
        needs="disputed: the editors' rulings disagree (misleading vs false); "
        "withdraw all but one ruling",
    )


def test_a_non_editors_final_verdict_is_no_ruling() -> None:
    result = judge(("sam", "false", "approved", True), min_reviewers=2)
    assert core(result) == core_of(State.IN_REVIEW, needs="needs 1 more approval")
    project = make_project(("sam", "false", "approved", True))
    assert not is_ruling(project, project.verdicts["content/verdicts/the-claim/sam.md"])


def test_a_non_editors_final_verdict_still_counts_as_an_approval() -> None:
    result = judge(("sam", "false", "approved", True), ("priya", "false", "approved"))
    assert (result.state, result.rating, result.ruling) == (State.PUBLISHED, "false", None)


# -- outside organisations ---------------------------------------------------------------------


def test_an_outside_verdict_alone_leaves_a_claim_unreviewed() -> None:
    result = judge(("other-org", "false", "approved"), min_reviewers=1)
    assert core(result) == core_of(State.UNREVIEWED, needs="needs 1 approved verdict")


def test_an_outside_verdict_never_counts_towards_publication() -> None:
    result = judge(("sam", "false", "approved"), ("other-org", "false", "approved"))
    assert core(result) == core_of(State.IN_REVIEW, needs="needs 1 more approval")


def test_an_outside_verdict_never_disputes() -> None:
    result = judge(
        ("sam", "false", "approved"), ("other-org", "accurate", "approved"), min_reviewers=1
    )
    assert (result.state, result.rating) == (State.PUBLISHED, "false")


def test_an_outside_final_verdict_is_no_ruling() -> None:
    result = judge(("other-org", "false", "approved", True), min_reviewers=1)
    assert result.state is State.UNREVIEWED


def test_a_verdict_by_an_unknown_reviewer_never_counts() -> None:
    result = judge(("nobody", "false", "approved"), min_reviewers=1)
    assert result.state is State.UNREVIEWED


# -- in review -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("verdicts", "needs"),
    [
        ([("sam", "false", "draft")], "needs 2 more approvals (1 draft waiting)"),
        ([("sam", "false", "submitted")], "needs 2 more approvals (1 submitted waiting)"),
        (
            [("sam", "false", "draft"), ("priya", "false", "draft")],
            "needs 2 more approvals (2 drafts waiting)",
        ),
        (
            [
                ("sam", "false", "approved"),
                ("priya", "false", "submitted"),
                ("tomas", "misleading", "draft"),
                ("lena", "false", "draft"),
            ],
            "needs 1 more approval (1 submitted, 2 drafts waiting)",
        ),
    ],
)
def test_drafts_and_submitted_verdicts_are_in_review(verdicts: list[V], needs: str) -> None:
    result = judge(*verdicts)
    assert core(result) == core_of(State.IN_REVIEW, needs=needs)


# -- the same rules, through a project on disk ------------------------------------------------

CLAIM = "---\nsummary: The budget doubled.\n---\n"
CONFIG_TWO = """\
title: Test Check
organization:
  name: Test Check
ratings:
  - id: accurate
  - id: misleading
  - id: "false"
review:
  min_reviewers: 2
"""


def _verdict(reviewer: str, rating: str, *, final: bool = False) -> str:
    return (
        f"---\nclaim: budget-doubled\nreviewer: {reviewer}\nrating: {rating}\n"
        f"status: approved\nheadline: H.\nfinal: {'true' if final else 'false'}\n---\n"
        "The reasoning.\n"
    )


def test_on_disk_a_non_editors_ruling_is_an_error(tmp_path: Path) -> None:
    root = write_project(
        tmp_path,
        {
            "content/reviewers/sam.md": REVIEWER,
            "content/claims/budget-doubled.md": CLAIM,
            "content/verdicts/budget-doubled/sam.md": _verdict("sam", "misleading", final=True),
        },
        config=CONFIG_TWO,
    )
    project, diags = open_project(root)
    assert project is not None
    assert [d.format().splitlines()[0] for d in diags.errors] == [
        "content/verdicts/budget-doubled/sam.md:7:1: error: only an editor can give a final "
        "verdict; 'sam' is a reviewer"
    ]
    assert project.claims["budget-doubled"].state is State.IN_REVIEW


def test_on_disk_rulings_that_disagree_warn(tmp_path: Path) -> None:
    root = write_project(
        tmp_path,
        {
            "content/reviewers/helen.md": EDITOR,
            "content/reviewers/lena.md": EDITOR.replace("Helen Marsh", "Lena Haraldsen"),
            "content/claims/budget-doubled.md": CLAIM,
            "content/verdicts/budget-doubled/helen.md": _verdict("helen", "misleading", final=True),
            "content/verdicts/budget-doubled/lena.md": _verdict("lena", '"false"', final=True),
        },
        config=CONFIG_TWO,
    )
    project, diags = open_project(root)
    assert project is not None
    assert not diags.errors
    assert [d.message for d in diags.warnings] == [
        "claim 'budget-doubled' has editor's rulings with different ratings, so it stays disputed"
    ]
    assert diags.format_text().splitlines()[1] == (
        "    hint: keep one final verdict, or make the others final: false ("
        "content/verdicts/budget-doubled/helen.md says 'misleading'; "
        "content/verdicts/budget-doubled/lena.md says 'false')"
    )
    assert diags.format_text().startswith("content/claims/budget-doubled.md:1:1: warning: ")
    claim = project.claims["budget-doubled"]
    assert (claim.state, claim.rating, claim.ruling) == (State.DISPUTED, None, None)


def test_on_disk_state_is_stored_on_the_claim(tmp_path: Path) -> None:
    root = write_project(
        tmp_path,
        {
            "content/reviewers/sam.md": REVIEWER,
            "content/reviewers/helen.md": EDITOR,
            "content/claims/budget-doubled.md": CLAIM,
            "content/verdicts/budget-doubled/sam.md": _verdict("sam", "accurate"),
            "content/verdicts/budget-doubled/helen.md": _verdict("helen", "misleading", final=True),
        },
        config=CONFIG_TWO,
    )
    project, diags = open_project(root)
    assert project is not None and not diags.errors
    claim = project.claims["budget-doubled"]
    assert (claim.state, claim.rating, claim.ruling) == (
        State.PUBLISHED,
        "misleading",
        "content/verdicts/budget-doubled/helen.md",
    )
    assert project.published_verdicts("budget-doubled") == [
        project.verdicts["content/verdicts/budget-doubled/helen.md"],
        project.verdicts["content/verdicts/budget-doubled/sam.md"],
    ]


# -- what people read: the outlook, shared by `status`, the preview and its desk ---------------


@pytest.mark.parametrize(
    ("verdicts", "outlook", "prospect"),
    [
        (
            [("sam", "misleading", "approved")],
            "would publish as misleading after one more approval",
            "misleading",
        ),
        (
            [("sam", "misleading", "draft")],
            "would publish as misleading after two more approvals (1 draft waiting)",
            "misleading",
        ),
        (
            [("sam", "misleading", "approved"), ("priya", "misleading", "submitted")],
            "would publish as misleading after one more approval (1 submitted waiting)",
            "misleading",
        ),
        (
            [("sam", "accurate", "draft"), ("priya", "mostly-accurate", "submitted")],
            "verdicts disagree (accurate vs mostly-accurate): needs agreement or an editor's "
            "ruling, and two more approvals (1 submitted, 1 draft waiting)",
            None,
        ),
        (
            [("sam", "accurate", "approved"), ("helen", "false", "draft", True)],
            "would publish as false once the editor's ruling is approved, or after one more "
            "approval that agree (1 draft waiting)",
            "false",
        ),
        ([], "not reviewed yet: needs 2 approved verdicts", None),
    ],
)
def test_outlook_says_what_it_would_publish_as(
    verdicts: list[V], outlook: str, prospect: str | None
) -> None:
    result = judge(*verdicts)
    assert result.state is not State.PUBLISHED
    assert (result.outlook, result.prospect) == (outlook, prospect)


def test_disagreement_is_flagged_before_anyone_approves() -> None:
    result = judge(("sam", "accurate", "draft"), ("priya", "false", "draft"))
    assert result.state is State.IN_REVIEW
    assert result.disagreement == ("accurate", "false")
    assert result.prospect is None


def test_a_published_claim_flags_a_draft_that_says_otherwise() -> None:
    result = judge(
        ("sam", "false", "approved"),
        ("priya", "false", "approved"),
        ("tomas", "misleading", "draft"),
    )
    assert (result.state, result.rating) == (State.PUBLISHED, "false")
    assert result.disagreement == ("misleading", "false")
    assert "say otherwise (misleading vs false)" in result.outlook


def test_words_use_the_ratings_labels() -> None:
    project = make_project(("sam", "accurate", "approved"), ("priya", "false", "approved"))
    project.config.ratings[0].label = "Accurate"
    project.config.ratings[3].label = "False"
    result = standing(project, project.claims["the-claim"])
    assert result.needs == "disputed: Accurate vs False, needs an editor's ruling"


def test_more_approvals_than_there_are_number_words_are_counted_in_figures() -> None:
    result = judge(("sam", "false", "approved"), min_reviewers=7)
    assert result.outlook == "would publish as false after 6 more approvals"


def test_standing_of_is_what_cross_referencing_found_or_is_worked_out_now() -> None:
    project = make_project(("sam", "false", "approved"), ("priya", "false", "approved"))
    claim = project.claims["the-claim"]
    assert claim.standing is None
    assert standing_of(project, claim) == standing(project, claim)
    assert standing_of(project, claim).state is State.PUBLISHED
    found = Standing(State.IN_REVIEW, needs="as found")
    claim.standing = found
    assert standing_of(project, claim) is found


@pytest.mark.parametrize("written", ["2026-04-01", "2026-04-01T18:30:00+02:00"])
def test_a_withdrawn_claim_needs_nothing_and_says_the_day(tmp_path: Path, written: str) -> None:
    """A withdrawn claim's standing (status, the preview's review box): the day it was
    withdrawn, also when a time was written, and nothing more to do."""
    root = write_project(
        tmp_path / "p",
        {
            "content/reviewers/sam.md": REVIEWER,
            "content/claims/c.md": (
                f"---\nsummary: S.\nwithdrawn:\n  date: {written}\n  note: We withdrew it.\n---\n"
            ),
            "content/verdicts/c/sam.md": (
                "---\nclaim: c\nreviewer: sam\nrating: accurate\nstatus: approved\n"
                "date: 2026-03-01\nheadline: It is.\n---\nR.\n"
            ),
        },
    )
    project, diags = open_project(root)
    assert project is not None and not diags.has_errors(), diags.format_text()
    result = standing_of(project, project.claims["c"])
    assert result.state is State.WITHDRAWN
    assert result.needs == "nothing"
    assert result.outlook == (
        "withdrawn on 2026-04-01: its page says so, and nothing else of it is published"
    )


# -- a media claim: the media rated by the same rules -------------------------------------------

MEDIA_SCALE = ("original", "edited", "decontextualized")
"""Out of alphabetical order on purpose: disputes list the media ratings in the scale's order."""

M = tuple[str, str, str, str | None] | tuple[str, str, str, str | None, bool]
"""A verdict on a media claim: (reviewer, rating, status, media_rating[, final])."""


def judge_media(*verdicts: M, min_reviewers: int = 2) -> Standing:
    """The standing of one media claim (a picture) with these verdicts."""
    plain: list[V] = [
        (v[0], v[1], v[2], v[4]) if len(v) == 5 else (v[0], v[1], v[2]) for v in verdicts
    ]
    project = make_project(*plain, min_reviewers=min_reviewers)
    project.config.media_ratings = [
        MediaRating(m, m.capitalize(), "OriginalMediaContent", "") for m in MEDIA_SCALE
    ]
    claim = project.claims["the-claim"]
    claim.media = [MediaItem("image", Position(1, 1), url="https://example.org/a.jpg")]
    for v in verdicts:
        project.verdicts[f"content/verdicts/the-claim/{v[0]}.md"].media_rating = v[3]
    return standing(project, claim)


def test_agreeing_approvals_publish_the_media_rating_they_share() -> None:
    result = judge_media(
        ("sam", "false", "approved", "edited"), ("priya", "false", "approved", "edited")
    )
    assert (result.state, result.rating, result.media_rating) == (
        State.PUBLISHED,
        "false",
        "edited",
    )
    assert result.outlook == "published as false (media: Edited)"


def test_approvals_that_rate_the_media_differently_leave_it_disputed() -> None:
    result = judge_media(
        ("sam", "false", "approved", "edited"),
        ("priya", "false", "approved", "original"),
        ("tomas", "false", "approved", "edited"),
        ("lena", "misleading", "draft", None),
    )
    assert (result.state, result.rating, result.media_rating, result.ruling) == (
        State.DISPUTED,
        None,
        None,
        None,
    )
    assert result.disagreement == ("misleading", "false"), "the draft that says otherwise"
    needs = "disputed: the media is rated Original vs Edited, needs an editor's ruling"
    assert (result.needs, result.outlook) == (needs, needs)


def test_an_editors_ruling_settles_the_media_rating_too() -> None:
    result = judge_media(
        ("sam", "false", "approved", "original"),
        ("priya", "false", "approved", "decontextualized"),
        ("helen", "false", "approved", "edited", True),
    )
    assert (result.state, result.rating, result.media_rating, result.ruling) == (
        State.PUBLISHED,
        "false",
        "edited",
        "content/verdicts/the-claim/helen.md",
    )


def test_rulings_that_rate_the_media_differently_leave_it_disputed() -> None:
    result = judge_media(
        ("helen", "false", "approved", "decontextualized", True),
        ("lena", "false", "approved", "original", True),
    )
    assert (result.state, result.media_rating) == (State.DISPUTED, None)
    assert result.needs == (
        "disputed: the editors' rulings rate the media differently (Original vs "
        "Decontextualized); withdraw all but one ruling"
    )


@pytest.mark.parametrize("status", ["draft", "submitted"])
def test_only_approved_verdicts_of_ours_rate_the_published_media(status: str) -> None:
    """A waiting verdict or an outside organisation's never disputes, nor sets, the media
    rating; a verdict of ours without one leaves the others' to stand."""
    result = judge_media(
        ("sam", "false", "approved", "edited"),
        ("priya", "false", "approved", None),
        ("tomas", "false", status, "original"),
        ("other-org", "false", "approved", "decontextualized"),
    )
    assert (result.state, result.media_rating) == (State.PUBLISHED, "edited")


def test_a_published_media_claim_whose_verdicts_rate_no_media_has_no_media_rating() -> None:
    """(`check` refuses such an approved verdict; the rules still decide without one.)"""
    result = judge_media(("sam", "false", "approved", None), ("priya", "false", "approved", None))
    assert (result.state, result.rating, result.media_rating) == (State.PUBLISHED, "false", None)
    assert result.outlook == "published as false"


def test_an_unpublished_media_claim_has_no_media_rating() -> None:
    result = judge_media(
        ("sam", "false", "approved", "edited"), ("priya", "false", "draft", "edited")
    )
    assert (result.state, result.media_rating) == (State.IN_REVIEW, None)
    assert "media" not in result.outlook


def test_an_unknown_media_rating_is_named_by_its_id_and_ordered_last() -> None:
    result = judge_media(
        ("sam", "false", "approved", "zz-made-up"), ("priya", "false", "approved", "edited")
    )
    assert result.needs == (
        "disputed: the media is rated Edited vs zz-made-up, needs an editor's ruling"
    )


def test_an_approved_verdict_must_show_its_work_at_its_status(tmp_path: Path) -> None:
    """No headline or no reasoning: an error at the 'status:' key (where approving it was
    said), naming what is missing and how to write it."""
    root = write_project(
        tmp_path / "p",
        {
            "content/reviewers/sam.md": REVIEWER,
            "content/claims/c.md": "---\nsummary: S.\n---\n",
            "content/claims/e.md": "---\nsummary: S.\n---\n",
            "content/verdicts/c/sam.md": (
                "---\nclaim: c\nreviewer: sam\nrating: accurate\nstatus: approved\n---\n"
            ),
            "content/verdicts/e/sam.md": (
                "---\nclaim: e\nreviewer: sam\nrating: accurate\n\nstatus:   approved\n"
                "headline: H.\n---\n \n"
            ),
        },
    )
    _, diags = open_project(root)
    assert diags.format_text().splitlines() == [
        "content/verdicts/c/sam.md:5:1: error: an approved verdict must show its work, and this "
        "one has no headline and no reasoning",
        "    hint: write 'headline:' (one sentence: what we found) and the reasoning below the "
        "front matter, citing evidence as [@id], or set 'status: submitted' until it is ready",
        "content/verdicts/e/sam.md:6:1: error: an approved verdict must show its work, and this "
        "one has no reasoning",
        "    hint: write the reasoning below the front matter, citing evidence as [@id], or set "
        "'status: submitted' until it is ready",
    ]


def test_a_verdict_without_its_claim_reviewer_or_rating_is_refused_at_each(
    tmp_path: Path,
) -> None:
    """claim, reviewer and rating are required ids, each error at its place and naming the
    field; a verdict read with such errors counts for no claim and no reviewer."""
    root = write_project(
        tmp_path / "p",
        {
            "content/reviewers/sam.md": REVIEWER,
            "content/claims/c.md": "---\nsummary: S.\n---\n",
            "content/verdicts/c/sam.md": "---\nstatus: draft\n---\nR.\n",
            "content/verdicts/c/bad.md": (
                "---\nclaim: [c]\nreviewer: {a: b}\nrating: [x]\nevidence: [[e]]\n---\nR.\n"
            ),
        },
    )
    project, diags = open_project(root)
    assert diags.format_text().splitlines() == [
        "content/verdicts/c/bad.md:2:8: error: expected a claim id, found a list",
        "content/verdicts/c/bad.md:3:11: error: expected a reviewer id, found a mapping",
        "content/verdicts/c/bad.md:4:9: error: expected a rating, found a list",
        "content/verdicts/c/bad.md:5:12: error: expected an evidence id, found a list",
        "content/verdicts/c/sam.md:1:1: error: missing required field 'claim' in verdict front "
        "matter",
        "content/verdicts/c/sam.md:1:1: error: missing required field 'rating' in verdict front "
        "matter",
        "content/verdicts/c/sam.md:1:1: error: missing required field 'reviewer' in verdict "
        "front matter",
    ]
    assert project is not None
    assert [(v.claim, v.reviewer, v.rating) for v in project.verdicts.values()] == [
        ("", "", "")
    ] * 2
    assert project.claims["c"].verdicts == []


HELEN = "content/verdicts/the-claim/helen.md"


@pytest.mark.parametrize(
    ("verdicts", "expected"),
    [
        (
            [("sam", "accurate", "approved"), ("helen", "false", "approved", True)],
            Standing(
                State.PUBLISHED,
                "false",
                HELEN,
                "nothing",
                disagreement=("accurate", "false"),
                outlook="published as false by an editor's ruling",
            ),
        ),
        (
            [("helen", "false", "approved", True), ("lena", "accurate", "approved", True)],
            Standing(
                State.DISPUTED,
                needs="disputed: the editors' rulings disagree (accurate vs false); withdraw "
                "all but one ruling",
                disagreement=("accurate", "false"),
                outlook="disputed: the editors' rulings disagree (accurate vs false); withdraw "
                "all but one ruling",
            ),
        ),
        (
            [
                ("sam", "accurate", "approved"),
                ("priya", "false", "approved"),
                ("helen", "false", "submitted", True),
            ],
            Standing(
                State.DISPUTED,
                needs="disputed: accurate vs false, needs an editor's ruling",
                prospect="false",
                disagreement=("accurate", "false"),
                outlook="disputed: accurate vs false, needs an editor's ruling; an editor's "
                "ruling for false waits for approval",
            ),
        ),
        (
            [("sam", "accurate", "approved"), ("priya", "false", "approved")],
            Standing(
                State.DISPUTED,
                needs="disputed: accurate vs false, needs an editor's ruling",
                disagreement=("accurate", "false"),
                outlook="disputed: accurate vs false, needs an editor's ruling",
            ),
        ),
        (
            [("sam", "false", "submitted"), ("priya", "false", "submitted")],
            Standing(
                State.IN_REVIEW,
                needs="needs 2 more approvals (2 submitted waiting)",
                prospect="false",
                outlook="would publish as false after two more approvals (2 submitted waiting)",
            ),
        ),
    ],
)
def test_every_part_of_a_standing(verdicts: list[V], expected: Standing) -> None:
    """The whole standing, every field at once: the rating, the ruling, what it needs, what it
    would publish as, the disagreement and the words."""
    assert judge(*verdicts) == expected


def test_a_rating_outside_the_scale_is_named_last() -> None:
    """(check refuses a rating that is not on the scale; the rules still decide without a
    traceback.)"""
    result = judge(("sam", "made-up", "approved"), ("priya", "false", "approved"))
    assert result.needs == "disputed: false vs made-up, needs an editor's ruling"


def test_reviewer_and_verdict_files_are_read_field_by_field(tmp_path: Path) -> None:
    """A reviewer's name (required), role and URL; an id used twice, a file name that is no id,
    a verdict's media rating and correction entries: each error at its place, every file
    still checked."""
    root = write_project(
        tmp_path / "p",
        {
            "content/reviewers/sam.md": "---\nname: Sam\nurl: https://example.org/sam\n---\n",
            "content/reviewers/noname.md": "---\nrole: editor\n---\n",
            "content/reviewers/Bad Name.md": "---\nname: B\nurl: javascript:alert(1)\n---\n",
            "content/reviewers/zed.md": "---\nname: Zed\nid: sam\n---\n",
            "content/claims/c.md": "---\nsummary: S.\n---\n",
            "content/verdicts/c/sam.md": (
                "---\nclaim: c\nreviewer: sam\nrating: misleading\nmedia_rating: [m]\n"
                "corrections:\n  - date: 2026-03-01\n    kind: correction\n---\nR.\n"
            ),
        },
    )
    project, diags = open_project(root)
    assert diags.format_text().splitlines() == [
        "content/reviewers/Bad Name.md:1:1: error: the file name 'Bad Name' is not a valid id",
        "    hint: rename the file to 'bad-name.md', or give an 'id' in the front matter",
        "content/reviewers/Bad Name.md:3:6: error: 'url' is not an allowed URL: the scheme "
        "'javascript:' is not allowed; use http, https or mailto",
        "    hint: write the full address, starting with https://",
        "content/reviewers/noname.md:1:1: error: missing required field 'name' in reviewer "
        "front matter",
        "content/reviewers/zed.md:3:5: error: duplicate reviewer id 'sam'",
        "    hint: content/reviewers/sam.md has the same id; ids must be unique among reviewers",
        "content/verdicts/c/sam.md:5:15: error: expected a media rating, found a list",
        "content/verdicts/c/sam.md:7:5: error: missing required field 'note' in a correction",
    ]
    assert project is not None
    assert {k: (r.name, r.url, r.role) for k, r in project.reviewers.items()} == {
        "noname": ("", None, "editor"),
        "sam": ("Sam", "https://example.org/sam", "reviewer"),
    }
    assert [v.headline for v in project.verdicts.values()] == [""]


def test_cross_referencing_reports_every_problem_in_one_run(tmp_path: Path) -> None:
    """A quote not in its article, a claimant's name used twice, tags that would share a page,
    a note and a reasoning citing evidence that does not exist: every one reported, at its
    place, in one run."""
    root = write_project(
        tmp_path / "p",
        {
            "content/reviewers/sam.md": REVIEWER,
            "content/claims/c.md": "---\nsummary: S.\ntags: [café]\n---\n",
            "content/claims/e.md": "---\nsummary: S.\ntags: [cafe]\n---\n",
            "content/claimants/a.md": "---\nname: The Mayor\n---\n",
            "content/claimants/b.md": "---\nname: the mayor\n---\n",
            "content/articles/art.md": (
                "---\ntitle: T\nclaims:\n  - id: q\n    quote: not in the text\n"
                "    summary: Q.\n---\nSome words.\n"
            ),
            "content/verdicts/c/sam.md": (
                "---\nclaim: c\nreviewer: sam\nrating: misleading\ncorrections:\n"
                "  - date: 2026-03-01\n    note: See [@nope2].\n---\nR [@nope].\n"
            ),
        },
    )
    _, diags = open_project(root)
    assert diags.format_text().splitlines() == [
        "content/articles/art.md:5:12: error: the quote of claim 'q' is not in the article's text",
        '    hint: the closest text is "Some words."',
        "content/claimants/b.md:2:7: error: the name 'the mayor' is also a name of claimant 'a' "
        "(content/claimants/a.md)",
        "    hint: a name belongs to one claimant: remove it from one of the files",
        "content/claims/e.md:3:8: error: the tags 'cafe' and 'café' would share one topic page, "
        "tags/cafe.html",
        "    hint: 'café' is at content/claims/c.md:3:8; write one of them as the other, or "
        "rename one so its page name differs (a tag's page is named after its words written in "
        "Latin letters, as ids are)",
        "content/verdicts/c/sam.md:7:11: error: unknown evidence 'nope2' cited as [@nope2] in "
        "this note",
        "    hint: add it under content/evidence/, or fix the id",
        "content/verdicts/c/sam.md:9:3: error: unknown evidence 'nope' cited as [@nope]",
        "    hint: add it under content/evidence/, or fix the id",
    ]


def test_on_disk_one_ruling_settles_without_a_warning(tmp_path: Path) -> None:
    """An editor's ruling over approvals that disagree publishes, and nothing warns."""
    root = write_project(
        tmp_path,
        {
            "content/reviewers/helen.md": EDITOR,
            "content/reviewers/sam.md": REVIEWER,
            "content/reviewers/priya.md": REVIEWER.replace("Sam Okafor", "Priya Raman"),
            "content/claims/budget-doubled.md": CLAIM,
            "content/verdicts/budget-doubled/helen.md": _verdict("helen", "misleading", final=True),
            "content/verdicts/budget-doubled/sam.md": _verdict("sam", "misleading"),
            "content/verdicts/budget-doubled/priya.md": _verdict("priya", "accurate"),
        },
        config=CONFIG_TWO,
    )
    project, diags = open_project(root)
    assert project is not None
    assert diags.format_text() == ""
    claim = project.claims["budget-doubled"]
    assert (claim.state, claim.rating) == (State.PUBLISHED, "misleading")
