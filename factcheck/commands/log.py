"""``factcheck log CLAIM``: a claim's history from git (ratings, statuses and headlines of its
verdicts, by commit date and author), as a help for writing a correction's note."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import click

from .options import (
    EXIT_OK,
    CommandError,
    format_option,
    project_option,
    project_root,
)


@click.command()
@project_option
@format_option
@click.argument("claim")
@click.pass_context
def command(ctx: click.Context, output_format: str, claim: str) -> None:
    """Print CLAIM's history from git: how its verdicts' ratings, statuses and headlines, and
    the claim itself, changed, commit by commit, with dates and authors."""
    ctx.exit(run_log(project_root(ctx), claim, output_format=output_format))


def run_log(root: Path, claim_id: str, *, output_format: str = "text") -> int:
    from ..diagnostics import did_you_mean
    from ..history import HistoryError, claim_history
    from ..project import open_project

    project, diags = open_project(root)
    if project is None:
        click.echo(diags.format_text(), err=True)
        raise CommandError("the project cannot be read", "run factcheck check")
    if claim_id not in project.claims:
        raise CommandError(
            f"unknown claim '{claim_id}'",
            did_you_mean(claim_id, project.claims) or "factcheck status lists every claim",
        )
    try:
        events = claim_history(project, claim_id)
    except HistoryError as exc:
        raise CommandError(str(exc), exc.hint) from None
    if output_format == "json":
        click.echo(json.dumps([asdict(e) for e in events], indent=2, ensure_ascii=False))
        return EXIT_OK
    claim = project.claims[claim_id]
    click.echo(f"{claim_id}: {claim.summary}")
    if not events:
        click.echo("no history: none of its files has been committed")
    for event in events:
        click.echo("")
        if event.commit:
            click.echo(f"{event.date}  {event.author}  {event.commit[:10]}  {event.subject}")
        else:
            click.echo("not committed yet")
        for change in event.changes:
            click.echo(f"  {change.path}: {change.what}")
            for name, before, after in change.fields:
                if change.what == "added":
                    click.echo(f"    {name}: {after}")
                else:
                    click.echo(f"    {name}: {_value(before)} -> {_value(after)}")
    return EXIT_OK


def _value(value: str | None) -> str:
    return "(none)" if value is None else value
