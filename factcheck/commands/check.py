"""``factcheck check``: read and cross-reference everything, build nothing, report every problem.

Once the content has no error, every page is also rendered in memory (nothing is written): a
template that fails on some content fails ``build``, so ``check`` must say so too.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..diagnostics import Diagnostics
from ..model import Project
from ..project import open_project
from ..trial_render import trial_render
from .options import EXIT_ERRORS, EXIT_OK, format_option, project_option, project_root


@click.command()
@project_option
@format_option
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.pass_context
def command(ctx: click.Context, output_format: str, strict: bool) -> None:
    """Read and cross-reference everything; print every error and warning."""
    ctx.exit(run_check(project_root(ctx), output_format=output_format, strict=strict))


def summary_line(diags: Diagnostics, project: Project | None) -> str:
    errors, warnings = len(diags.errors), len(diags.warnings)
    counts = (
        f"{errors} error{'s' if errors != 1 else ''}, "
        f"{warnings} warning{'s' if warnings != 1 else ''}"
    )
    if project is None:
        return counts
    sizes = (
        (len(project.articles), "article"),
        (len(project.claims), "claim"),
        (len(project.verdicts), "verdict"),
        (len(project.evidence), "evidence item"),
        (len(project.reviewers), "reviewer"),
        (len(project.pages), "page"),
    )
    return f"{counts} in " + ", ".join(f"{n} {word}{'s' if n != 1 else ''}" for n, word in sizes)


def run_check(root: Path, *, output_format: str = "text", strict: bool = False) -> int:
    project, diags = open_project(root)
    if project is not None and not diags.has_errors():
        trial_render(root, project, diags)
    failed = diags.has_errors(strict=strict)
    if output_format == "json":
        click.echo(
            json.dumps(
                {
                    "ok": not failed,
                    "errors": len(diags.errors),
                    "warnings": len(diags.warnings),
                    "diagnostics": diags.to_json(),
                },
                indent=2,
                ensure_ascii=False,
            )
        )
    else:
        if len(diags):
            click.echo(diags.format_text())
        click.echo(summary_line(diags, project))
    return EXIT_ERRORS if failed else EXIT_OK
