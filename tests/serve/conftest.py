"""Fixtures for the preview server: a scaffold project in a temporary folder, served on a free
port of 127.0.0.1 with a short debounce, in a thread of the test process."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest

from factcheck.serve import PreviewServer


def copy_scaffold(target: Path) -> Path:
    with resources.as_file(resources.files("factcheck") / "scaffold") as source:
        shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "__init__.py"))
    return target


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_scaffold(tmp_path / "project")


@pytest.fixture
def preview(project: Path) -> Iterator[PreviewServer]:
    server = PreviewServer(project, port=0, debounce=0.1, search=False)
    result = server.start()
    assert result is not None and result.ok, result and result.diagnostics.format_text()
    try:
        yield server
    finally:
        server.stop()
