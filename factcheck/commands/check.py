"""``factcheck check``: read and cross-reference everything, build nothing, report every problem."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..diagnostics import Diagnostics
from ..model import Project
from ..project import open_project


def summary_line(diags: Diagnostics, project: Project | None) -> str:
    errors, warnings = len(diags.errors), len(diags.warnings)
    counts = (f"{errors} error{'s' if errors != 1 else ''}, "
              f"{warnings} warning{'s' if warnings != 1 else ''}")
    if project is None:
        return counts
    return (f"{counts} in {len(project.articles)} articles, {len(project.claims)} claims, "
            f"{len(project.verdicts)} verdicts, {len(project.evidence)} evidence items, "
            f"{len(project.reviewers)} reviewers, {len(project.pages)} pages")


def run_check(root: Path, *, output_format: str = "text", strict: bool = False) -> int:
    project, diags = open_project(root)
    failed = diags.has_errors(strict=strict)
    if output_format == "json":
        click.echo(json.dumps({
            "ok": not failed,
            "errors": len(diags.errors),
            "warnings": len(diags.warnings),
            "diagnostics": diags.to_json(),
        }, indent=2, ensure_ascii=False))
    else:
        if len(diags):
            click.echo(diags.format_text())
        click.echo(summary_line(diags, project))
    return 1 if failed else 0
