"""``factcheck status``: every claim, its state, who reviewed it and what it still needs."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from ..model import Project, State
from ..project import open_project
from ..review import standing

STATE_ORDER = {State.DISPUTED: 0, State.IN_REVIEW: 1, State.UNREVIEWED: 2, State.PUBLISHED: 3}


def claim_status(project: Project) -> list[dict[str, Any]]:
    """One record per claim, the ones needing attention first."""
    rows: list[dict[str, Any]] = []
    for claim in project.claims.values():
        result = standing(project, claim)
        reviews = []
        for verdict in project.claim_verdicts(claim.id):
            reviewer = project.reviewers.get(verdict.reviewer)
            reviews.append({
                "reviewer": verdict.reviewer,
                "role": reviewer.role if reviewer else None,
                "status": verdict.status,
                "rating": verdict.rating,
                "final": verdict.final,
                "path": verdict.path,
            })
        rows.append({
            "claim": claim.id,
            "summary": claim.summary,
            "article": claim.article,
            "path": claim.path,
            "state": claim.state.value,
            "rating": claim.rating,
            "verdicts": reviews,
            "needs": result.needs,
        })
    rows.sort(key=lambda r: (STATE_ORDER[State(r["state"])], r["claim"]))
    return rows


def _review_words(reviews: list[dict[str, Any]]) -> str:
    words = []
    for review in reviews:
        mark = "final " if review["final"] else ""
        words.append(f"{review['reviewer']} ({review['status']}: {mark}{review['rating']})")
    return ", ".join(words) or "-"


def run_status(root: Path, *, output_format: str = "text") -> int:
    project, diags = open_project(root)
    if project is None:
        click.echo(diags.format_text(), err=True)
        return 1
    rows = claim_status(project)
    if output_format == "json":
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        _print_table(project, rows)
    if diags.errors:
        click.echo(f"note: the project has {len(diags.errors)} errors; run 'factcheck check'",
                   err=True)
        return 1
    return 0


def _print_table(project: Project, rows: list[dict[str, Any]]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(width=None if sys.stdout.isatty() else 160, highlight=False)
    table = Table(title=f"{project.config.title}: {len(rows)} claims", title_justify="left")
    table.add_column("claim", overflow="fold")
    table.add_column("state")
    table.add_column("rating")
    table.add_column("verdicts", overflow="fold")
    table.add_column("needs", overflow="fold")
    styles = {"published": "green", "disputed": "red", "in review": "yellow", "unreviewed": "dim"}
    for row in rows:
        table.add_row(row["claim"], f"[{styles[row['state']]}]{row['state']}[/]",
                      row["rating"] or "", _review_words(row["verdicts"]),
                      "" if row["needs"] == "nothing" else row["needs"])
    console.print(table)
    counts = {state.value: sum(1 for r in rows if r["state"] == state.value) for state in State}
    console.print(", ".join(f"{n} {s}" for s, n in counts.items()))
