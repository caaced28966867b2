"""``factcheck import SOURCE... [--dry-run]``: outside material turned into content files.

The work is :func:`factcheck.importing.run_import`'s; this module reads the options and prints
what was (or, with ``--dry-run``, would be) written.
"""

from __future__ import annotations

import sys
from collections import Counter

import click

from ..fields import is_slug
from ..importing import SOURCE_TYPES, ImportOptions, ImportReport, run_import
from ..importing.sheets import ColumnsError, SheetOptions, parse_columns
from .options import EXIT_ERRORS, EXIT_OK, project_option, project_root

STATUS_WORDS = {"new": "new", "unchanged": "unchanged", "differs": "exists, differs"}


def _columns(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dict[str, str]:
    if value is None:
        return {}
    try:
        return parse_columns(value)
    except ColumnsError as exc:
        raise click.BadParameter(str(exc)) from exc


def _reviewer(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is not None and not is_slug(value):
        raise click.BadParameter(
            f"'{value}' is not a reviewer id (lower-case letters, digits and single hyphens)"
        )
    return value


def _ask(question: str) -> bool:
    return click.confirm(question, default=False, err=True)


def _kinds(report: ImportReport, status: str) -> str:
    counts: Counter[str] = Counter(f.kind for f in report.files if f.status == status)
    order = ("article", "claim", "verdict", "evidence", "reviewer")
    words = {"evidence": "evidence items"}
    return ", ".join(
        f"{counts[k]} {words.get(k, k + 's') if counts[k] != 1 else k}" for k in order if counts[k]
    )


def print_report(report: ImportReport, *, dry_run: bool) -> None:
    if len(report.diags):
        click.echo(report.diags.format_text(), err=True)
    for name in report.skipped:
        click.echo(f"skipped {name}: not an importable file", err=True)
    if report.failed and not report.files:
        click.echo("Nothing was imported.", err=True)
        return
    width = max(len(word) for word in STATUS_WORDS.values())
    for planned in report.files:
        if dry_run or planned.status != "unchanged":
            click.echo(f"{STATUS_WORDS[planned.status]:<{width}}  {planned.path}")
    new, unchanged, differs = (report.count(s) for s in ("new", "unchanged", "differs"))
    parts = []
    if new:
        parts.append(
            f"{'would write' if dry_run else 'wrote'} {new} "
            f"file{'s' if new != 1 else ''} ({_kinds(report, 'new')})"
        )
    if unchanged:
        parts.append(f"{unchanged} already there unchanged")
    if differs:
        parts.append(f"{differs} left as they were")
    for path, summary, found in report.already_checked:
        click.echo(
            f"{path}: the suggested claim \u201c{summary}\u201d is already checked? "
            + ", ".join(f"{m.claim} (similarity {m.similarity:.2f})" for m in found)
        )
    if not parts:
        parts.append("nothing to import")
    click.echo(("Dry run: " if dry_run else "") + "; ".join(parts) + ".")
    if report.failed_sources:
        count = len(report.failed_sources)
        click.echo(
            f"{count} source{'s' if count != 1 else ''} could not be imported (see the "
            "errors above); nothing of "
            f"{'them' if count != 1 else 'it'} was {'planned' if dry_run else 'written'}.",
            err=True,
        )


@click.command("import")
# Plain text, not click.Path: a URL given by mistake must reach the importer unmangled.
@click.argument("sources", nargs=-1, required=True)
@project_option
@click.option("--dry-run", is_flag=True, help="List what would be written; write nothing.")
@click.option(
    "--type",
    "source_type",
    type=click.Choice(SOURCE_TYPES),
    default="auto",
    show_default=True,
    help="What the sources are, when their names do not tell.",
)
@click.option(
    "--columns",
    callback=_columns,
    metavar="FIELD=COLUMN,...",
    help="Sheets: which column holds each field (a header name or a number from 1); "
    "fields: id, summary, claimant, date, rating, reviewer, url, tags, context.",
)
@click.option("--no-header", is_flag=True, help="Sheets: the first row is data, not names.")
@click.option(
    "--reviewer",
    callback=_reviewer,
    metavar="ID",
    help="Sheets: who rated the claims, where no column says.",
)
@click.pass_context
def command(
    ctx: click.Context,
    sources: tuple[str, ...],
    dry_run: bool,
    source_type: str,
    columns: dict[str, str],
    no_header: bool,
    reviewer: str | None,
) -> None:
    """Turn outside material into content files: the import bot's text files (or a folder of
    them), HTML articles, RSS/Atom feeds, published checks (ClaimReview) and CSV/TSV claim
    sheets. Never overwrites; importing the same thing again changes nothing."""
    options = ImportOptions(
        source_type=source_type,
        sheet=SheetOptions(columns=columns, header=not no_header, reviewer=reviewer),
        confirm=_ask if sys.stdin.isatty() else None,
    )
    report = run_import(project_root(ctx), list(sources), options, dry_run=dry_run)
    print_report(report, dry_run=dry_run)
    ctx.exit(EXIT_ERRORS if report.failed else EXIT_OK)
