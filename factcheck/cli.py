"""The ``factcheck`` command line (click): option parsing only; each command's work lives in
``factcheck/commands/``.

Exit status: 0 success, 1 the content or the build has errors, 2 wrong usage.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK = 0
EXIT_ERRORS = 1
EXIT_USAGE = 2


def _remember_project(ctx: click.Context, _param: click.Parameter, value: Path | None) -> None:
    if value is not None:
        ctx.ensure_object(dict)["project"] = value


def project_option(func: F) -> F:
    """``--project DIR``, accepted before or after the command's name."""
    return click.option(
        "--project", "-p", type=click.Path(file_okay=False, path_type=Path),
        expose_value=False, is_eager=True, callback=_remember_project,
        help="The project folder (default: the current folder).")(func)


def project_root(ctx: click.Context) -> Path:
    root = ctx.ensure_object(dict).get("project")
    if root is None and ctx.parent is not None:
        root = ctx.parent.ensure_object(dict).get("project")
    return Path(root) if root is not None else Path.cwd()


def format_option(func: F) -> F:
    return click.option("--format", "output_format", type=click.Choice(["text", "json"]),
                        default="text", show_default=True,
                        help="Output for people or scripts.")(func)


# Commands defined in their own modules, imported only when used so that `factcheck check` does
# not pay for the importers' or the server's libraries. name -> "module:attribute".
LAZY_COMMANDS: dict[str, str] = {
    "import": "factcheck.commands.importing:command",
    "new": "factcheck.commands.new:command",
    "publish": "factcheck.commands.publish:command",
    "serve": "factcheck.commands.serve:command",
    "suggest": "factcheck.commands.suggest:command",
}


class LazyGroup(click.Group):
    """A click group whose listed commands are imported on first use (click's documented
    lazy-loading pattern)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *LAZY_COMMANDS])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = LAZY_COMMANDS.get(cmd_name)
        if target is None:
            return super().get_command(ctx, cmd_name)
        import importlib

        module_name, _, attribute = target.partition(":")
        command = getattr(importlib.import_module(module_name), attribute)
        assert isinstance(command, click.Command)
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="factcheck")
@project_option
def cli() -> None:
    """Build fact-check sites: claims, verdicts and evidence in Markdown, checked and
    cross-referenced, published as a static site."""


@cli.command()
@project_option
@format_option
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.pass_context
def check(ctx: click.Context, output_format: str, strict: bool) -> None:
    """Read and cross-reference everything; print every error and warning."""
    from .commands.check import run_check

    ctx.exit(run_check(project_root(ctx), output_format=output_format, strict=strict))


@cli.command()
@project_option
@format_option
@click.pass_context
def status(ctx: click.Context, output_format: str) -> None:
    """The review workflow at a glance: every claim, its state and what it still needs."""
    from .commands.status import run_status

    ctx.exit(run_status(project_root(ctx), output_format=output_format))


@cli.command()
@project_option
@click.option("--output", "-o", type=click.Path(file_okay=False, path_type=Path),
              help="Where to build (default: site/ in the project).")
@click.option("--base-url", help="The site's public address, for feeds, sitemap and JSON-LD.")
@click.option("--clean", is_flag=True, help="Discard any build cache and start from nothing.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but problems.")
@click.pass_context
def build(ctx: click.Context, output: Path | None, base_url: str | None, clean: bool,
          quiet: bool) -> None:
    """Build the site into site/ (or --output). Nothing is written when there are errors."""
    from .commands.build import run_build

    ctx.exit(run_build(project_root(ctx), output=output, base_url=base_url, clean=clean,
                       quiet=quiet))


@cli.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--bare", is_flag=True, help="Write no sample content, only the configuration "
              "and the folders.")
def init(directory: Path, bare: bool) -> None:
    """Create a new project in DIRECTORY (which must be empty or not exist)."""
    from .commands.init import run_init

    sys.exit(run_init(directory, bare=bare))


EXIT_INTERRUPTED = 130
"""Ended by Ctrl-C: the shell's convention (128 + SIGINT)."""


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the CLI; turn an unexpected failure into a message, not a traceback.

    Click's standalone mode is off so that Ctrl-C exits with 130 (click's own handling turns it
    into "Aborted!" and status 1)."""
    try:
        try:
            code = cli.main(args=argv, prog_name="factcheck", standalone_mode=False)
        except click.exceptions.Exit as done:
            code = done.exit_code
        except click.ClickException as problem:
            problem.show()
            code = problem.exit_code
        except click.exceptions.Abort as abort:
            if isinstance(abort.__context__, KeyboardInterrupt):
                raise KeyboardInterrupt from None
            click.echo("factcheck: aborted", err=True)
            code = EXIT_ERRORS
        sys.exit(code if isinstance(code, int) else EXIT_OK)
    except KeyboardInterrupt:
        click.echo("factcheck: interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except Exception as exc:  # a bug of ours: say so plainly, keep the details for reports
        if os.environ.get("FACTCHECK_DEBUG"):
            raise
        click.echo(f"factcheck: internal error: {type(exc).__name__}: {exc}\n"
                   "    hint: this is a bug in factcheck; run again with FACTCHECK_DEBUG=1 "
                   "for the details, and please report it", err=True)
        sys.exit(EXIT_ERRORS)
