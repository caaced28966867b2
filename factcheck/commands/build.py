"""``factcheck build``: build the site; nothing is written when there are errors."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from ..build import BuildResult, Progress, build_site
from ..readiness import base_url_problem
from .options import (
    EXIT_ERRORS,
    EXIT_OK,
    base_url_option,
    no_cache_option,
    option_problems,
    project_option,
    project_root,
    quiet_option,
)


@click.command()
@project_option
@click.option(
    "--output",
    "-o",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where to build (default: site/ in the project).",
)
@base_url_option
@click.option("--clean", is_flag=True, help="Discard any build cache and start from nothing.")
@no_cache_option
@click.option(
    "--no-search",
    is_flag=True,
    help="Build the site without search (no index, page or form), as 'search: false' does.",
)
@quiet_option
@click.pass_context
def command(
    ctx: click.Context,
    output: Path | None,
    base_url: str | None,
    clean: bool,
    no_cache: bool,
    no_search: bool,
    quiet: bool,
) -> None:
    """Build the site into site/ (or --output). Nothing is written when there are errors."""
    ctx.exit(
        run_build(
            project_root(ctx),
            output=output,
            base_url=base_url,
            clean=clean,
            quiet=quiet,
            no_search=no_search,
            no_cache=no_cache,
        )
    )


@contextmanager
def terminal_progress(enabled: bool) -> Iterator[Progress | None]:
    """A progress bar (rich) on a terminal for long builds; nothing otherwise."""
    if not enabled:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn
    from rich.progress import Progress as Bar

    with Bar(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), transient=True
    ) as bar:

        def start(description: str, total: int) -> Callable[[], None]:
            task = bar.add_task(description, total=total)
            return lambda: bar.advance(task)

        yield start


def report(result: BuildResult, *, quiet: bool) -> int:
    diags = result.diagnostics
    if len(diags):
        click.echo(diags.format_text(), err=True)
    if not result.ok:
        errors = len(diags.errors)
        click.echo(
            f"build failed: {errors} error{'s' if errors != 1 else ''}; "
            f"nothing was written, {result.output} is as it was",
            err=True,
        )
        return EXIT_ERRORS
    if not quiet:
        size = result.bytes / 1_000_000
        # (how many pages the build cache spared, as Hugo's summary says what it reused)
        reused = result.pages - result.rendered
        kept = f", {reused} as the last build left them" if reused else ""
        click.echo(
            f"built {result.pages} pages ({result.files} files, {size:.1f} MB{kept}) into "
            f"{result.output} in {result.seconds:.2f} s"
        )
    return EXIT_OK


def run_build(
    root: Path,
    *,
    output: Path | None,
    base_url: str | None,
    clean: bool,
    quiet: bool,
    no_search: bool = False,
    no_cache: bool = False,
) -> int:
    show = not quiet and sys.stderr.isatty()
    with terminal_progress(show) as progress, option_problems():
        result = build_site(
            root,
            output=output,
            base_url=base_url,
            clean=clean,
            no_search=no_search,
            progress=progress,
            saved_cache=not no_cache,
            on_wait=lambda why: click.echo(f"factcheck: {why}", err=True),
        )
    if result.ok and result.project is not None:
        base_url_problem(result.project, result.diagnostics, severity="warning")
    return report(result, quiet=quiet)
