"""``factcheck status``: every claim, its state, who reviewed it and what it still needs.

The text is grouped by state, one claim to a block, so that it reads in an 80-column terminal:
ids are never broken, and longer lines wrap at spaces under their own indent.
"""

from __future__ import annotations

import json
import shutil
import sys
import textwrap
from pathlib import Path

import click

from ..model import Project, State
from ..project import open_project
from ..review import label
from ..workflow import STATE_ORDER, ClaimStatus, VerdictStatus, as_json, claim_statuses
from .options import EXIT_ERRORS, EXIT_OK, format_option, project_option, project_root

HEADINGS = {
    State.DISPUTED: "Disputed",
    State.IN_REVIEW: "In review",
    State.UNREVIEWED: "Not reviewed yet",
    State.PUBLISHED: "Published",
    State.WITHDRAWN: "Withdrawn",
}
COLOURS = {
    State.DISPUTED: "red",
    State.IN_REVIEW: "yellow",
    State.UNREVIEWED: None,
    State.PUBLISHED: "green",
    State.WITHDRAWN: None,
}


@click.command()
@project_option
@format_option
@click.pass_context
def command(ctx: click.Context, output_format: str) -> None:
    """The review workflow at a glance: every claim, its state and what it still needs."""
    ctx.exit(run_status(project_root(ctx), output_format=output_format))


def run_status(root: Path, *, output_format: str = "text") -> int:
    project, diags = open_project(root)
    if project is None:
        click.echo(diags.format_text(), err=True)
        return EXIT_ERRORS
    rows = claim_statuses(project)
    if output_format == "json":
        click.echo(json.dumps([as_json(r) for r in rows], indent=2, ensure_ascii=False))
    else:
        click.echo(format_text(project, rows, width=_width(), colour=sys.stdout.isatty()), nl=False)
    if diags.errors:
        click.echo(
            f"note: the project has {len(diags.errors)} errors; run 'factcheck check'", err=True
        )
        return EXIT_ERRORS
    return EXIT_OK


def _width() -> int:
    """The terminal's width (or $COLUMNS), 100 when output is not a terminal."""
    return max(40, min(shutil.get_terminal_size((100, 24)).columns, 120))


def _verdict_words(verdict: VerdictStatus) -> str:
    who = f"{verdict.reviewer} (outside)" if verdict.outside else verdict.reviewer
    final = "final " if verdict.final else ""
    stale = ", article changed since" if verdict.stale else ""
    return f"{who}: {verdict.status}, {final}{verdict.rating_label}{stale}"


def format_text(
    project: Project, rows: list[ClaimStatus], *, width: int = 80, colour: bool = False
) -> str:
    """The claims grouped by state; no line longer than ``width`` except an id that is."""
    counts = {state: sum(1 for r in rows if r.state == state.value) for state in STATE_ORDER}
    out = [f"{project.config.title}: {len(rows)} claims"]
    out += textwrap.wrap(
        ", ".join(f"{n} {s.value}" for s, n in counts.items() if n or s is not State.WITHDRAWN),
        width,
        break_long_words=False,
        break_on_hyphens=False,
    )

    def wrapped(text: str, indent: str, rest: str | None = None) -> list[str]:
        return textwrap.wrap(
            text,
            width,
            initial_indent=indent,
            subsequent_indent=rest if rest is not None else indent + "  ",
            break_long_words=False,
            break_on_hyphens=False,
        )

    for state in sorted(STATE_ORDER, key=STATE_ORDER.__getitem__):
        group = [r for r in rows if r.state == state.value]
        if not group:
            continue
        heading = f"{HEADINGS[state]} ({len(group)})"
        if colour and COLOURS[state]:
            heading = click.style(heading, fg=COLOURS[state], bold=True)
        out += ["", heading]
        for row in group:
            rated = f": {label(project, row.rating)}" if row.rating else ""
            out += wrapped(row.claim + rated, "  ")
            if row.state != State.PUBLISHED.value or row.disagreement:
                out += wrapped(row.outlook, "    ")
            for verdict in row.verdicts:
                out += wrapped(_verdict_words(verdict), "    - ", "        ")
    return "\n".join(out) + "\n"
