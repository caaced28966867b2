"""What every command shares: exit statuses, options, and the two ways a command says no.

Each command is a click command in a module of its own in ``factcheck/commands/``, registered by
name in ``factcheck.cli.LAZY_COMMANDS`` and imported only when it runs. It parses its options,
calls the library and prints; the library never imports the command line.

- :class:`CommandError`: the command refuses (``factcheck: error: MESSAGE`` and a hint; exit 1).
- :class:`CommandLineError`: the command line is wrong (exit 2), said at its real place: the
  option or argument (``--base-url``), not a made-up file. The library raises
  :class:`factcheck.diagnostics.OptionProblem`; :func:`option_problems` turns it into this.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click

from ..diagnostics import OptionProblem

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK = 0
EXIT_ERRORS = 1
"""The content or the build has errors, or the command refused."""
EXIT_USAGE = 2
"""The command line is wrong."""
EXIT_INTERRUPTED = 130
"""Ended by Ctrl-C: the shell's convention (128 + SIGINT)."""


class CommandError(click.ClickException):
    """A refusal in the project's error format: ``factcheck: error: MESSAGE`` and a hint."""

    exit_code = EXIT_ERRORS

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint

    def show(self, file: Any = None) -> None:
        text = f"factcheck: error: {self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        click.echo(text, err=True)


class CommandLineError(CommandError):
    """The command line is wrong: said at the option or argument that is (exit 2)."""

    exit_code = EXIT_USAGE

    def __init__(self, place: str, message: str, hint: str | None = None) -> None:
        super().__init__(f"{place}: {message}", hint)
        self.place = place


@contextmanager
def option_problems() -> Iterator[None]:
    """Turn the library's :class:`OptionProblem` into a :class:`CommandLineError`."""
    try:
        yield
    except OptionProblem as problem:
        raise CommandLineError(problem.place, problem.message, problem.hint) from None


def _remember_project(ctx: click.Context, _param: click.Parameter, value: Path | None) -> None:
    if value is not None:
        ctx.ensure_object(dict)["project"] = value


def project_option(func: F) -> F:
    """``--project DIR``, accepted before or after the command's name."""
    return click.option(
        "--project",
        "-p",
        type=click.Path(file_okay=False, path_type=Path),
        expose_value=False,
        is_eager=True,
        callback=_remember_project,
        help="The project folder (default: the current folder).",
    )(func)


def project_root(ctx: click.Context) -> Path:
    root = ctx.ensure_object(dict).get("project")
    if root is None and ctx.parent is not None:
        root = ctx.parent.ensure_object(dict).get("project")
    return Path(root) if root is not None else Path.cwd()


def format_option(func: F) -> F:
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(["text", "json"]),
        default="text",
        show_default=True,
        help="Output for people or scripts.",
    )(func)


def base_url_option(func: F) -> F:
    return click.option(
        "--base-url", help="The site's public address, for feeds, sitemap and JSON-LD."
    )(func)


def quiet_option(func: F) -> F:
    return click.option("--quiet", "-q", is_flag=True, help="Print nothing but problems.")(func)


def no_cache_option(func: F) -> F:
    """``--no-cache``: neither read nor save the build cache kept between runs
    (factcheck/saved_cache.py)."""
    return click.option(
        "--no-cache",
        is_flag=True,
        help="Neither use nor save the cache that one build keeps for the next.",
    )(func)
