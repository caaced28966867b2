"""``factcheck check``: read and cross-reference everything, build nothing, report every problem.

Once the content has no error, every page is also rendered in memory (nothing is written): a
template that fails on some content fails ``build``, so ``check`` must say so too. With
``--against FEED`` it also compares the project with a published data feed, as ``publish``
does with its target (factcheck.readiness: a rating never changes silently).
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from .. import saved_cache
from ..build import CACHE_DIR
from ..diagnostics import Diagnostics
from ..model import Project
from ..project import open_project
from ..readiness import published_record_problems
from ..served import parse_feed
from ..trial_render import trial_render
from .options import (
    EXIT_ERRORS,
    EXIT_OK,
    CommandLineError,
    format_option,
    no_cache_option,
    project_option,
    project_root,
)


@click.command()
@project_option
@format_option
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option(
    "--against",
    metavar="FEED",
    help="Also compare with a published data feed (claimreview.json): a path, a site's "
    "folder or an http(s) address. A changed rating needs a rating-change correction, a "
    "claim no longer published needs withdrawn.",
)
@no_cache_option
@click.pass_context
def command(
    ctx: click.Context, output_format: str, strict: bool, against: str | None, no_cache: bool
) -> None:
    """Read and cross-reference everything; print every error and warning."""
    ctx.exit(
        run_check(
            project_root(ctx),
            output_format=output_format,
            strict=strict,
            against=against,
            no_cache=no_cache,
        )
    )


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


def run_check(
    root: Path,
    *,
    output_format: str = "text",
    strict: bool = False,
    against: str | None = None,
    no_cache: bool = False,
) -> int:
    feed = _read_feed(against) if against is not None else None
    # What the last build read and parsed spares reading it again (never saved from here: a
    # check changes no site, so the saved cache stays the last build's).
    kept = None if no_cache else saved_cache.load(root, root / "site", CACHE_DIR)
    project, diags = open_project(root, kept.read if kept is not None else None)
    if project is not None and not diags.has_errors():
        trial_render(root, project, diags, kept.pages if kept is not None else None)
    if feed is not None:
        where, data = feed
        if isinstance(data, str):
            diags.error(where, None, data, "check the address, or give a path to the file")
        elif project is not None and not diags.has_errors():
            # (Compared only once the project reads cleanly: a verdict file that fails to load
            # would make its claim look unpublished.)
            served = parse_feed(data, where, diags)
            if served is not None:
                published_record_problems(project, served, diags)
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


def _read_feed(against: str) -> tuple[str, bytes | str]:
    """(where, the feed's bytes or why it cannot be read) for ``--against``: a URL is fetched;
    a path that does not exist is wrong usage."""
    from ..served import FEED_NAME, FeedUnreadable, fetch, is_url, read_file

    try:
        if is_url(against):
            return against, fetch(against)
        path = Path(against)
        data = read_file(path)
    except FeedUnreadable as exc:
        return against, str(exc)
    if data is None:
        raise CommandLineError(
            "--against",
            f"no such file: {path / FEED_NAME if path.is_dir() else path}",
            "give the published claimreview.json (a path or an http(s) address), or a "
            "published site's folder",
        )
    return str(path / FEED_NAME) if path.is_dir() else against, data
