"""``factcheck init DIR``: a new project with one small example of every kind of content."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

import click

# Files whose real names would be hidden from package data.
RENAMES = {"gitignore": ".gitignore"}


def run_init(directory: Path) -> int:
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        click.echo(f"factcheck: error: {directory} is not empty; init only writes into an empty "
                   "or new folder\n    hint: choose a new folder name", err=True)
        return 2
    scaffold = resources.files("factcheck") / "scaffold"
    directory.mkdir(parents=True, exist_ok=True)
    with resources.as_file(scaffold) as source:
        for path in sorted(Path(source).rglob("*")):
            if "__pycache__" in path.parts:
                continue
            rel = path.relative_to(source)
            target = directory / rel.parent / RENAMES.get(rel.name, rel.name)
            if path.is_dir():
                target.mkdir(parents=True, exist_ok=True)
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)
    # Folders the scaffold cannot ship empty: the project's own assets and theme overrides.
    (directory / "static").mkdir(exist_ok=True)
    click.echo(f"Created a new project in {directory}.\n"
               f"Next: cd {directory} && factcheck check && factcheck serve")
    return 0
