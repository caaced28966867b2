"""``factcheck publish``: build, and only if the build succeeds, put the site on a host."""

from __future__ import annotations

import tempfile
from pathlib import Path

import click

from ..diagnostics import Diagnostics
from ..model import Project
from .options import (
    EXIT_ERRORS,
    CommandError,
    CommandLineError,
    base_url_option,
    no_cache_option,
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
@no_cache_option
@click.pass_context
def command(
    ctx: click.Context,
    kind: str,
    destination: str,
    remote: str | None,
    base_url: str | None,
    dry_run: bool,
    message: str,
    no_cache: bool,
) -> None:
    """Build, and only if the build succeeds, publish the site to DESTINATION: a folder
    (--to folder PATH), an rsync destination (--to rsync DEST) or a git branch
    (--to git-branch BRANCH [--remote URL])."""
    from ..build import CACHE_DIR, build_site
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
        # Built where the next publish finds it, with the cache kept for it (what changed since
        # is all it renders), unless --no-cache: then in a folder of its own, gone afterwards.
        site = Path(tmp) / "site" if no_cache else root / CACHE_DIR / "publish" / "site"
        with option_problems():
            result = build_site(root, output=site, base_url=base_url, saved_cache=not no_cache)
        if len(result.diagnostics):
            click.echo(result.diagnostics.format_text(), err=True)
        if not result.ok:
            click.echo("publish: the build failed; nothing was published", err=True)
            ctx.exit(EXIT_ERRORS)
        assert result.project is not None
        refusals = publish_problems(result.project)
        compared = _compare_with_target(
            result.project, refusals, kind, destination, root=root, remote=remote
        )
        if len(refusals):
            click.echo(refusals.format_text(), err=True)
        if refusals.has_errors():
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
        if kind == "rsync" and not dry_run:
            from ..cache import keep_published_feed

            try:
                kept = keep_published_feed(
                    root / CACHE_DIR, destination, (site / "claimreview.json").read_bytes()
                )
            except OSError as exc:
                click.echo(
                    f"factcheck: warning: the site was published, but no copy of its data feed "
                    f"could be kept ({exc.strerror or exc}): the next publish to {destination} "
                    "cannot compare its ratings",
                    err=True,
                )
            else:
                click.echo(
                    f"factcheck: kept a copy of the data feed published to {destination} in "
                    f"{kept.relative_to(root).as_posix()}: the next publish there is compared "
                    "with it (rsync cannot read back what a host serves)",
                    err=True,
                )
    where = f"{kind} {destination}" + (f" on {remote}" if remote else "")
    if compared is not None:
        click.echo(f"factcheck: {compared}", err=True)
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


def _compare_with_target(
    project: Project,
    refusals: Diagnostics,
    kind: str,
    destination: str,
    *,
    root: Path,
    remote: str | None,
) -> str | None:
    """Compare the project with the data feed the target serves now (factcheck.readiness:
    a rating never changes silently); problems go to ``refusals``. Returns what was compared
    with, in words, or None when the target has no feed yet."""
    from ..build import CACHE_DIR
    from ..cache import published_feed_path
    from ..publish import PublishError, served_feed_on_branch
    from ..readiness import published_record_problems
    from ..served import FEED_NAME, FeedUnreadable, parse_feed, read_file

    try:
        if kind == "folder":
            where = str(Path(destination) / FEED_NAME)
            data = read_file(Path(destination))
        elif kind == "git-branch":
            where = f"{remote + ' ' if remote else ''}{destination}:{FEED_NAME}"
            data = served_feed_on_branch(destination, project=root, remote=remote)
        else:
            record = published_feed_path(root / CACHE_DIR, destination)
            where = record.relative_to(root).as_posix()
            data = read_file(record)
            if data is None:
                refusals.warning(
                    where,
                    None,
                    f"no copy of the data feed last published to {destination} is kept here, "
                    "so published ratings were not compared with what it serves",
                    "it is kept after each publish with rsync from this project; to compare "
                    "now, run factcheck check --against with the published claimreview.json's "
                    "address",
                )
                return None
    except (FeedUnreadable, PublishError) as exc:
        raise CommandError(f"cannot read what {destination} serves: {exc}") from None
    if data is None:
        return None
    feed = parse_feed(data, where, refusals)
    if feed is None:
        return None
    count = published_record_problems(project, feed, refusals)
    return f"compared {count} published rating{'s' if count != 1 else ''} with {where}"
