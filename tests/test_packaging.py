"""The package as users get it: the sdist and the wheel are built from the checkout, the wheel
is built again from the sdist, and that wheel is installed by its PyPI name (factcheck-ssg:
"factcheck" on PyPI is another project) in a new virtual environment, where the `factcheck`
command makes and builds a project with the default theme that ships inside it."""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest
from helpers import REPO

DIST_NAME = "factcheck-ssg"
SHIPPED = (
    "factcheck/default_theme/base.html",
    "factcheck/default_theme/assets/style.css",
    "factcheck/default_theme/desk.html",
    "factcheck/scaffold/factcheck.yaml",
    "factcheck/serve/livereload.js",
    "factcheck/py.typed",
)


def _run(*command: str | Path, cwd: Path | None = None, timeout: float = 600) -> str:
    done = subprocess.run(
        [str(c) for c in command],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PIP_ROOT_USER_ACTION": "ignore"},
    )
    assert done.returncode == 0, f"{command}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    # No build isolation: the checkout's setuptools (the test extras have it) builds it, with
    # no download.
    _run(sys.executable, "-m", "build", "--no-isolation", "--outdir", out, REPO)
    return out


def test_the_sdist_and_the_wheel_hold_the_theme_and_the_scaffold(dist: Path) -> None:
    with zipfile.ZipFile(next(dist.glob("factcheck_ssg-*.whl"))) as wheel:
        names = set(wheel.namelist())
        metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
        text = wheel.read(metadata).decode()
    for shipped in SHIPPED:
        assert shipped in names, shipped
    assert any(n.startswith("factcheck/suggest/") and n.endswith(".json.gz") for n in names)
    assert f"Name: {DIST_NAME}" in text
    with tarfile.open(next(dist.glob("factcheck_ssg-*.tar.gz"))) as sdist:
        members = {m.split("/", 1)[1] for m in sdist.getnames() if "/" in m}
    assert "templates/base.html" in members and "pyproject.toml" in members


def test_installs_by_its_name_in_a_new_environment(dist: Path, tmp_path: Path) -> None:
    sdist = next(dist.glob("factcheck_ssg-*.tar.gz"))
    wheels = tmp_path / "wheels"
    _run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--no-deps",
        "--no-build-isolation",
        "--wheel-dir",
        wheels,
        sdist,
    )  # the sdist builds
    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", venv)
    python = venv / "bin" / "python"
    _run(python, "-m", "pip", "install", "--quiet", next(wheels.glob("*.whl")))
    shown = _run(python, "-m", "pip", "show", DIST_NAME)
    assert f"Name: {DIST_NAME}" in shown
    where = _run(python, "-c", "import factcheck; print(factcheck.__file__)", cwd=tmp_path)
    assert where.strip().startswith(str(venv)), "imported from the new environment"
    factcheck = venv / "bin" / "factcheck"
    project = tmp_path / "newsroom"
    _run(factcheck, "init", project, cwd=tmp_path)
    _run(factcheck, "build", "--project", project, "--quiet", cwd=tmp_path)
    page = (project / "site" / "claims" / "council-tax-frozen.html").read_text("utf-8")
    assert "Council tax" in page and 'href="../assets/style.css"' in page
