"""``factcheck new article|claim|verdict|evidence|reviewer``: a new content file from a template.

Each form fills the front matter from its options and sensible defaults (today's date in the
project's time zone, ``status: draft``), makes the id from the title unless ``--id`` names one
(by :mod:`factcheck.ids`, the rule that the importers follow too), and writes the file with
``O_EXCL``: it never overwrites anything, even a file that appears between our check and our
write. It prints the path it wrote, alone on standard output, so that
``$EDITOR "$(factcheck new claim ...)"`` works.

References are checked against the project before anything is written: a verdict's claim,
reviewer, rating and evidence must exist (with a "did you mean" hint when they do not), and an id
must not be taken by another file. Guidance for the fields left to fill goes into YAML comments,
never into the Markdown body, since a body is published as it is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import click

from ..config import CONFIG_FILE
from ..content_files import create, render_document
from ..dates import parse_iso
from ..diagnostics import did_you_mean
from ..fields import is_slug, url_problem
from ..ids import make_id
from ..loader import CONTENT_DIR
from ..model import EVIDENCE_KINDS, REVIEWER_ROLES, VERDICT_STATUSES, Claim, Project
from ..project import open_project
from .options import CommandError, project_option, project_root

__all__ = ["command"]

F = TypeVar("F", bound=Callable[..., Any])

# -- errors and checks --------------------------------------------------------------------------


class NewError(CommandError):
    """A refusal of `factcheck new` (the project's error format; exit 1)."""


def _open(root: Path) -> Project:
    """The project at ``root``; content errors elsewhere do not stop a new file being made."""
    if not (root / CONFIG_FILE).is_file():
        raise NewError(
            f"no {CONFIG_FILE} in {root}: this is not a factcheck project",
            "run the command inside a project, give --project DIR, or create one "
            "with 'factcheck init DIR'",
        )
    project, _diags = open_project(root)
    if project is None:
        raise NewError(
            f"{CONFIG_FILE} has errors, so the project cannot be read",
            "run 'factcheck check' to see them",
        )
    return project


def _today(project: Project) -> dt.date:
    """Today in the project's time zone (a verdict written late at night keeps the site's date)."""
    try:
        return dt.datetime.now(ZoneInfo(project.config.timezone)).date()
    except (ZoneInfoNotFoundError, ValueError):
        return dt.date.today()


def _parse_date(
    _ctx: click.Context, param: click.Parameter, value: str | None
) -> dt.date | dt.datetime | None:
    if value is None:
        return None
    try:
        return parse_iso(value)
    except ValueError:
        raise click.BadParameter(
            f"'{value}' is not a date such as 2026-03-10 or 2026-03-10T14:05:00", param=param
        ) from None


def _check_url(_ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    values = value if isinstance(value, tuple) else (value,)
    for item in values:
        if item is None:
            continue
        problem = url_problem(item)
        if problem:
            raise click.BadParameter(f"'{item}' is not an allowed URL: {problem}", param=param)
    return value


def _check_id(_ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None and not is_slug(value):
        suggestion = make_id(value, prefix="id")
        raise click.BadParameter(
            f"'{value}' is not a valid id; ids use lower-case letters, "
            f"digits and single hyphens, such as '{suggestion}'",
            param=param,
        )
    return value


def _check_text(_ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None and not value.strip():
        raise click.BadParameter("may not be empty", param=param)
    return value.strip() if value is not None else None


def _taken(root: Path, relative: str, table: dict[str, Any], ident: str, what: str) -> None:
    """Refuse a file that exists, or an id that another file already uses for the same kind."""
    if (root / relative).exists():
        _exists(relative)
    record = table.get(ident)
    if record is None:
        return
    path = record.path if isinstance(record, Claim) else record.doc.path
    raise NewError(
        f"the {what} id '{ident}' is already used by {path}", "choose another id with --id"
    )


def _exists(relative: str) -> NoReturn:
    raise NewError(
        f"{relative} already exists; 'factcheck new' never overwrites a file",
        "choose another id with --id, or edit the existing file",
    )


def _write(root: Path, relative: str, meta: dict[str, Any], hints: list[str]) -> None:
    """Create the file through the one content-file writer (factcheck/content_files.py: never
    replacing a file, even one that appears between our check and our write): ``meta`` as
    front matter by the one emitter, then ``hints``, comment lines for the writer."""
    path = root / relative
    text = render_document(meta, comment="".join(f"# {h}".rstrip() + "\n" for h in hints))
    if not create(path, text.encode("utf-8")):
        _exists(relative)
    click.echo(str(path))


# -- the command --------------------------------------------------------------------------------


def _id_option(func: F) -> F:
    return click.option(
        "--id",
        "ident",
        callback=_check_id,
        metavar="ID",
        help="The id (and file name); made from the title when not given.",
    )(func)


def _tag_option(func: F) -> F:
    return click.option(
        "--tag", "tags", multiple=True, metavar="TAG", help="A tag (repeat for more)."
    )(func)


@click.group("new")
@project_option
def command() -> None:
    """Write a new content file from a template (never overwrites one).

    \b
    factcheck new article "Mayor's speech on housing" --url https://example.org/speech
    factcheck new claim "Bus fares were halved last year." --claimant "A candidate"
    factcheck new verdict CLAIM --reviewer REVIEWER --rating RATING
    factcheck new evidence --url https://example.org/budget.pdf --title "Adopted budget"
    factcheck new reviewer "Sam Okafor" --role editor
    """


@command.command("article")
@project_option
@click.argument("title", callback=_check_text)
@_id_option
@click.option("--url", callback=_check_url, help="Where the article appeared.")
@click.option("--outlet", help="The outlet that published it.")
@click.option("--author", help="Who wrote it.")
@click.option(
    "--published", callback=_parse_date, metavar="DATE", help="When it appeared (default: today)."
)
@_tag_option
@click.pass_context
def new_article(
    ctx: click.Context,
    title: str,
    ident: str | None,
    url: str | None,
    outlet: str | None,
    author: str | None,
    published: dt.date | dt.datetime | None,
    tags: tuple[str, ...],
) -> None:
    """An article under review: content/articles/ID.md."""
    root = project_root(ctx)
    project = _open(root)
    ident = ident or make_id(title, prefix="article")
    relative = f"{CONTENT_DIR}/articles/{ident}.md"
    _taken(root, relative, project.articles, ident, "article")
    meta: dict[str, Any] = {"title": title}
    source = {
        key: value for key, value in (("url", url), ("outlet", outlet), ("author", author)) if value
    }
    if source:
        meta["source"] = source
    meta["published"] = published or _today(project)
    if tags:
        meta["tags"] = list(tags)
    meta["claims"] = []
    _write(
        root,
        relative,
        meta,
        [
            "Paste the article's text below the closing line, then replace [] with its claims,",
            "each pinned to the text by its exact words:",
            "  - id: some-claim",
            '    quote: "the exact words in the text"',
            "    summary: The claim as reviewed (under about 75 characters).",
            "    claimant: Who made it",
        ],
    )


@command.command("claim")
@project_option
@click.argument("summary", callback=_check_text)
@_id_option
@click.option("--claimant", help="Who made the claim.")
@click.option(
    "--url",
    "urls",
    multiple=True,
    callback=_check_url,
    metavar="URL",
    help="Where it appeared (repeat for more; the first is the first appearance).",
)
@click.option(
    "--date",
    "made",
    callback=_parse_date,
    metavar="DATE",
    help="When the claim was made (default: today).",
)
@_tag_option
@click.pass_context
def new_claim(
    ctx: click.Context,
    summary: str,
    ident: str | None,
    claimant: str | None,
    urls: tuple[str, ...],
    made: dt.date | dt.datetime | None,
    tags: tuple[str, ...],
) -> None:
    """A stand-alone claim: content/claims/ID.md."""
    root = project_root(ctx)
    project = _open(root)
    ident = ident or make_id(summary, prefix="claim")
    relative = f"{CONTENT_DIR}/claims/{ident}.md"
    _taken(root, relative, project.claims, ident, "claim")
    meta: dict[str, Any] = {"summary": summary}
    if claimant:
        meta["claimant"] = claimant
    meta["date"] = made or _today(project)
    hints = []
    if urls:
        meta["appearances"] = [{"url": u} for u in urls]
    else:
        hints = [
            "appearances:              where it appeared, the first appearance first",
            "  - url: https://example.org/post",
            "    title: A post",
        ]
    if tags:
        meta["tags"] = list(tags)
    _write(root, relative, meta, hints)


def _rating_id(project: Project, rating: str) -> str:
    """The rating id for ``rating``, given as an id or a label in any case."""
    for item in project.config.ratings:
        if rating.casefold() in (item.id.casefold(), item.label.casefold()):
            return item.id
    ids = [r.id for r in project.config.ratings]
    raise NewError(
        f"unknown rating '{rating}'",
        did_you_mean(rating, ids) or f"the ratings are {', '.join(ids)}",
    )


def _known(table: dict[str, Any], ident: str, what: str, where: str) -> None:
    if ident not in table:
        raise NewError(
            f"unknown {what} '{ident}'",
            did_you_mean(ident, table)
            or (
                f"no {what} has that id; they are in {where}"
                if table
                else f"the project has no {what} yet; add one in {where}"
            ),
        )


@command.command("verdict", short_help="A verdict: content/verdicts/CLAIM/REVIEWER.md.")
@project_option
@click.argument("claim")
@click.option("--reviewer", required=True, help="Who gives the verdict (a reviewer id).")
@click.option("--rating", required=True, help="A rating id (or label) of factcheck.yaml.")
@click.option(
    "--status",
    type=click.Choice(VERDICT_STATUSES),
    default="draft",
    show_default=True,
    help="Where the verdict stands in review.",
)
@click.option("--headline", callback=_check_text, help="The verdict in one sentence.")
@click.option(
    "--date",
    "given",
    callback=_parse_date,
    metavar="DATE",
    help="The verdict's date (default: today).",
)
@click.option("--final", is_flag=True, help="An editor's ruling that settles the claim.")
@click.option(
    "--evidence",
    multiple=True,
    metavar="ID",
    help="An evidence id the verdict relies on (repeat for more).",
)
@click.pass_context
def new_verdict(
    ctx: click.Context,
    claim: str,
    reviewer: str,
    rating: str,
    status: str,
    headline: str | None,
    given: dt.date | dt.datetime | None,
    final: bool,
    evidence: tuple[str, ...],
) -> None:
    """A reviewer's verdict on a claim: content/verdicts/CLAIM/REVIEWER.md."""
    root = project_root(ctx)
    project = _open(root)
    _known(project.claims, claim, "claim", "content/articles/ and content/claims/")
    _known(project.reviewers, reviewer, "reviewer", "content/reviewers/")
    rating_id = _rating_id(project, rating)
    for item in evidence:
        _known(project.evidence, item, "evidence", "content/evidence/")
    if final and project.reviewers[reviewer].role != "editor":
        raise NewError(
            f"only an editor may give a final verdict, and '{reviewer}' is a "
            f"{project.reviewers[reviewer].role}",
            "leave out --final, or give the verdict as an editor",
        )
    for verdict in project.claim_verdicts(claim):
        if verdict.reviewer == reviewer:
            raise NewError(
                f"'{reviewer}' already has a verdict on '{claim}': {verdict.path}",
                "one reviewer gives at most one verdict per claim; edit that file",
            )
    meta: dict[str, Any] = {
        "claim": claim,
        "reviewer": reviewer,
        "rating": rating_id,
        "status": status,
        "date": given or _today(project),
    }
    hints = []
    if headline:
        meta["headline"] = headline
    else:
        hints.append("headline: The verdict in one sentence, shown with the rating.")
    if final:
        meta["final"] = True
    if evidence:
        meta["evidence"] = list(evidence)
    hints += [
        "Write the reasoning below the closing line; cite evidence as [@evidence-id]",
        "and link other claims as [[claim-id]].",
    ]
    _write(root, f"{CONTENT_DIR}/verdicts/{claim}/{reviewer}.md", meta, hints)


@command.command("evidence")
@project_option
@click.argument("title_argument", metavar="[TITLE]", required=False, callback=_check_text)
@click.option("--title", callback=_check_text, help="The source's title.")
@_id_option
@click.option("--url", callback=_check_url, help="Where the source is.")
@click.option("--publisher", help="Who published it.")
@click.option("--published", callback=_parse_date, metavar="DATE", help="When it was published.")
@click.option(
    "--accessed", callback=_parse_date, metavar="DATE", help="When you read it (default: today)."
)
@click.option("--archived", callback=_check_url, help="An archived copy's URL.")
@click.option(
    "--kind",
    type=click.Choice(EVIDENCE_KINDS),
    default="other",
    show_default=True,
    help="What sort of source it is.",
)
@click.pass_context
def new_evidence(
    ctx: click.Context,
    title_argument: str | None,
    title: str | None,
    ident: str | None,
    url: str | None,
    publisher: str | None,
    published: dt.date | dt.datetime | None,
    accessed: dt.date | dt.datetime | None,
    archived: str | None,
    kind: str,
) -> None:
    """A source that verdicts cite: content/evidence/ID.md."""
    if title_argument and title and title_argument != title:
        raise click.UsageError("give the title once: as an argument or with --title")
    title = title or title_argument
    if not title:
        raise click.UsageError("evidence needs a title: give it as an argument or with --title")
    root = project_root(ctx)
    project = _open(root)
    ident = ident or make_id(title, prefix="evidence")
    relative = f"{CONTENT_DIR}/evidence/{ident}.md"
    _taken(root, relative, project.evidence, ident, "evidence")
    meta: dict[str, Any] = {"title": title}
    if url:
        meta["url"] = url
    if publisher:
        meta["publisher"] = publisher
    if published:
        meta["published"] = published
    meta["accessed"] = accessed or _today(project)
    if archived:
        meta["archived"] = archived
    meta["kind"] = kind
    _write(
        root,
        relative,
        meta,
        [
            f"kind: {' | '.join(EVIDENCE_KINDS)}",
            "Below the closing line: notes, and the excerpt that matters.",
        ],
    )


@command.command("reviewer")
@project_option
@click.argument("name", callback=_check_text)
@_id_option
@click.option(
    "--role",
    type=click.Choice(REVIEWER_ROLES),
    default="reviewer",
    show_default=True,
    help="An editor may give final rulings.",
)
@click.option("--url", callback=_check_url, help="A page about the reviewer.")
@click.pass_context
def new_reviewer(
    ctx: click.Context, name: str, ident: str | None, role: str, url: str | None
) -> None:
    """A person who reviews or edits: content/reviewers/ID.md."""
    root = project_root(ctx)
    project = _open(root)
    ident = ident or make_id(name, prefix="reviewer")
    relative = f"{CONTENT_DIR}/reviewers/{ident}.md"
    _taken(root, relative, project.reviewers, ident, "reviewer")
    meta: dict[str, Any] = {"name": name, "role": role}
    if url:
        meta["url"] = url
    _write(root, relative, meta, ["Below the closing line: a short biography."])
