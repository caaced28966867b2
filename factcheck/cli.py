"""The ``factcheck`` command line (click): the group of commands and the entry point. Each
command is defined in its own module in ``factcheck/commands/`` (options shared by several in
``factcheck/commands/options.py``) and imported only when it runs.

Exit status: 0 success, 1 the content or the build has errors, 2 wrong usage, 130 interrupted.
"""

from __future__ import annotations

import os
import sys

import click

from . import __version__
from .commands.options import (
    EXIT_ERRORS,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    CommandLineError,
    project_option,
)
from .diagnostics import OptionProblem

# Every command, defined in its own module and imported only when used, so that `factcheck check`
# does not pay for the importers' or the server's libraries. name -> "module:attribute".
LAZY_COMMANDS: dict[str, str] = {
    "build": "factcheck.commands.build:command",
    "check": "factcheck.commands.check:command",
    "import": "factcheck.commands.importing:command",
    "init": "factcheck.commands.init:command",
    "log": "factcheck.commands.log:command",
    "new": "factcheck.commands.new:command",
    "publish": "factcheck.commands.publish:command",
    "serve": "factcheck.commands.serve:command",
    "status": "factcheck.commands.status:command",
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
        except OptionProblem as problem:  # (a command that did not say it at its option)
            CommandLineError(problem.place, problem.message, problem.hint).show()
            code = EXIT_USAGE
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
        click.echo(
            f"factcheck: internal error: {type(exc).__name__}: {exc}\n"
            "    hint: this is a bug in factcheck; run again with FACTCHECK_DEBUG=1 "
            "for the details, and please report it",
            err=True,
        )
        sys.exit(EXIT_ERRORS)
