"""``factcheck serve``: build, serve on localhost, watch, rebuild and reload the browser."""

from __future__ import annotations

import ipaddress
import time

import click

from .. import urls
from ..build import BuildResult
from ..serve.server import PUBLISHED_PREFIX
from ..serve.watcher import DEBOUNCE
from .options import CommandError, project_option, project_root


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@click.command()
@project_option
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="The address to listen on (keep it on loopback unless you mean otherwise).",
)
@click.option(
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="The port to listen on (0: any free port).",
)
@click.option("--open", "open_browser", is_flag=True, help="Open the site in a web browser.")
@click.option(
    "--published", is_flag=True, help="Show only what readers get (no drafts, no review preview)."
)
@click.option(
    "--follow/--no-follow",
    default=True,
    show_default=True,
    help="After a save, take open pages to the page that shows what changed.",
)
@click.option("--verbose", "-v", is_flag=True, help="Print the details of internal errors.")
@click.option(
    "--debounce",
    default=DEBOUNCE,
    show_default=True,
    type=click.FloatRange(0, 10),
    hidden=True,
    help="Seconds of quiet before a burst of changes is rebuilt.",
)
@click.pass_context
def command(
    ctx: click.Context,
    host: str,
    port: int,
    open_browser: bool,
    published: bool,
    follow: bool,
    verbose: bool,
    debounce: float,
) -> None:
    """Build, serve on localhost, watch the project and reload the browser on change.

    By default it shows the review preview: every verdict in every state (drafts too), marked
    as such, with a review desk; the published view is one click away. Nothing of it is
    written to site/. --published shows only what readers get. While the content has errors
    they are shown over the page, and the last good build goes on being served."""
    import logging

    from ..serve import PortInUse, PreviewServer

    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("factcheck: %(message)s"))
    serve_log = logging.getLogger("factcheck.serve")
    serve_log.addHandler(handler)
    serve_log.setLevel(logging.DEBUG if verbose else logging.INFO)

    root = project_root(ctx)
    if not (root / "factcheck.yaml").is_file():
        raise CommandError(
            f"{root} has no factcheck.yaml", "run this in a project folder, or pass --project DIR"
        )
    if not _is_loopback(host):
        click.echo(
            f"factcheck: warning: serving on {host} makes the preview reachable from "
            "other machines; it is meant for local use only",
            err=True,
        )

    def on_build(result: BuildResult, changed: set[str]) -> None:
        stamp = time.strftime("%H:%M:%S")
        if result.ok and not changed:
            click.echo(f"[{stamp}] built {result.pages} pages ({result.seconds:.2f} s)", err=True)
        elif result.ok:
            edits = f"{len(changed)} change{'s' if len(changed) != 1 else ''}"
            files = len(result.changed)
            click.echo(
                f"[{stamp}] {edits}: rendered {result.rendered} of {result.pages} pages, "
                f"{files} file{'s' if files != 1 else ''} updated "
                f"({result.seconds:.2f} s)",
                err=True,
            )
        else:
            errors = len(result.diagnostics.errors) or 1
            click.echo(result.diagnostics.format_text(), err=True)
            click.echo(
                f"[{stamp}] build failed: {errors} error{'s' if errors != 1 else ''}; "
                "still serving the last good build",
                err=True,
            )

    try:
        server = PreviewServer(
            root,
            host=host,
            port=port,
            debounce=debounce,
            on_build=on_build,
            published=published,
            follow=follow,
        )
    except PortInUse:
        raise CommandError(
            f"port {port} on {host} is already in use",
            "stop the other server, or choose another port with --port",
        ) from None
    except OSError as exc:
        raise CommandError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    try:
        server.start()
        if published:
            click.echo(f"Serving the published view at {server.url} (Ctrl-C to stop)", err=True)
        else:
            click.echo(
                f"Serving the review preview (drafts included, never written to "
                f"site/) at {server.url}\n"
                f"  the published view: {server.url}{PUBLISHED_PREFIX[1:]}\n"
                f"  the review desk:    {server.url}{urls.DESK}\n"
                "(Ctrl-C to stop)",
                err=True,
            )
        if open_browser:
            import webbrowser

            webbrowser.open(server.url)
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("stopped", err=True)
        ctx.exit(130)  # the shell's convention for a command ended by Ctrl-C
    finally:
        server.stop()
