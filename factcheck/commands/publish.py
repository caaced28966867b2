"""``factcheck publish``: build, and only if the build succeeds, put the site on a host."""

from __future__ import annotations

import tempfile
from pathlib import Path

import click

from .options import (
    EXIT_ERRORS,
    CommandError,
    CommandLineError,
    base_url_option,
    option_problems,
    project_option,
    project_root,
)


@click.command()
@project_option
@click.option(
    "--to",
    "kind",
    required=True,
    type=click.Choice(["folder", "rsync", "git-branch"]),
    help="Where to publish.",
)
@click.argument("destination")
@click.option(
    "--remote",
    help="git-branch: push to this remote (URL or name) instead of "
    "committing to the project's own repository.",
)
@base_url_option
@click.option("--dry-run", is_flag=True, help="Say what would change; change nothing.")
@click.option(
    "--message",
    "-m",
    default="Publish the site",
    show_default=True,
    help="git-branch: the commit message.",
)
@click.pass_context
def command(
    ctx: click.Context,
    kind: str,
    destination: str,
    remote: str | None,
    base_url: str | None,
    dry_run: bool,
    message: str,
) -> None:
    """Build, and only if the build succeeds, publish the site to DESTINATION: a folder
    (--to folder PATH), an rsync destination (--to rsync DEST) or a git branch
    (--to git-branch BRANCH [--remote URL])."""
    from ..build import build_site
    from ..publish import (
        PublishError,
        publish_folder,
        publish_git_branch,
        publish_rsync,
    )
    from ..readiness import publish_problems

    root = project_root(ctx).resolve()
    if remote is not None and kind != "git-branch":
        raise CommandLineError("--remote", "goes with --to git-branch only")
    with tempfile.TemporaryDirectory(prefix="factcheck-publish-") as tmp:
        site = Path(tmp) / "site"
        with option_problems():
            result = build_site(root, output=site, base_url=base_url)
        if len(result.diagnostics):
            click.echo(result.diagnostics.format_text(), err=True)
        if not result.ok:
            click.echo("publish: the build failed; nothing was published", err=True)
            ctx.exit(EXIT_ERRORS)
        assert result.project is not None
        refusals = publish_problems(result.project)
        if len(refusals):
            click.echo(refusals.format_text(), err=True)
            click.echo("publish: the site is not ready to go live; nothing was published", err=True)
            ctx.exit(EXIT_ERRORS)
        try:
            if kind == "folder":
                changes = publish_folder(
                    site,
                    Path(destination),
                    project=root,
                    dry_run=dry_run,
                    on_wait=lambda why: click.echo(f"factcheck: {why}", err=True),
                )
            elif kind == "rsync":
                changes = publish_rsync(site, destination, dry_run=dry_run)
            else:
                changes = publish_git_branch(
                    site, destination, project=root, remote=remote, dry_run=dry_run, message=message
                )
        except PublishError as exc:
            raise CommandError(str(exc), exc.hint) from None
    where = f"{kind} {destination}" + (f" on {remote}" if remote else "")
    if dry_run:
        click.echo(changes.format_text())
        click.echo(f"dry run: nothing was published to {where}")
    elif not changes:
        click.echo(f"{where} is already up to date")
    else:
        click.echo(
            f"published {result.pages} pages to {where}: {len(changes.added)} added, "
            f"{len(changes.changed)} changed, {len(changes.removed)} removed"
        )
