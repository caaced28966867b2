"""``factcheck init DIR``: a new project with one small example of every kind of content."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

import click

from .options import EXIT_OK, EXIT_USAGE, CommandLineError

# Files whose real names would be hidden from package data.
RENAMES = {"gitignore": ".gitignore"}


CONTENT_FOLDERS = ("articles", "claims", "verdicts", "evidence", "reviewers", "pages")


@click.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--bare", is_flag=True, help="Write no sample content, only the configuration and the folders."
)
@click.pass_context
def command(ctx: click.Context, directory: Path, bare: bool) -> None:
    """Create a new project in DIRECTORY (which must be empty or not exist)."""
    ctx.exit(run_init(directory, bare=bare))


def run_init(directory: Path, *, bare: bool = False) -> int:
    """A new project in ``directory``: the configuration, the folders and, unless ``bare``,
    one sample of every kind of content, each marked so that ``publish`` refuses while any is
    left (factcheck/readiness.py)."""
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        CommandLineError(
            str(directory),
            "the folder is not empty; init only writes into an empty or new folder",
            "choose a new folder name",
        ).show()
        return EXIT_USAGE
    scaffold = resources.files("factcheck") / "scaffold"
    directory.mkdir(parents=True, exist_ok=True)
    with resources.as_file(scaffold) as source:
        for path in sorted(Path(source).rglob("*")):
            if "__pycache__" in path.parts:
                continue
            rel = path.relative_to(source)
            if bare and rel.parts[0] == "content" and not path.is_dir():
                continue
            target = directory / rel.parent / RENAMES.get(rel.name, rel.name)
            if path.is_dir():
                target.mkdir(parents=True, exist_ok=True)
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)
    # Folders the scaffold cannot ship empty: the project's own assets and theme overrides.
    (directory / "static").mkdir(exist_ok=True)
    for folder in CONTENT_FOLDERS:
        (directory / "content" / folder).mkdir(parents=True, exist_ok=True)
    if bare:
        click.echo(
            f"Created a new project in {directory}, with no sample content.\n"
            f"Next: cd {directory} && factcheck new reviewer 'Your Name' --role editor"
        )
    else:
        click.echo(
            f"Created a new project in {directory}, with one sample of every kind of "
            "content (marked: publish refuses while any is left).\n"
            f"Next: cd {directory} && factcheck check && factcheck serve"
        )
    return EXIT_OK
