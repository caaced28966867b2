"""Test helpers for factcheck (not tests themselves).

Importable from any test module as ``support`` because pytest (rootdir-relative
"prepend" import mode, no ``tests/__init__.py``) puts ``tests/`` on ``sys.path``:

    from support.browser import serve_directory, axe_violations
    from support.validators import vnu_errors

The external tools (Debian's Chromium, Java, and the npm packages vnu-jar and
axe-core in ``node_modules/``) are installed by ``scripts/setup.sh``. When one is
missing, :func:`tool_missing` fails the test under CI (``CI`` set) and skips it
locally, so a CI machine without the tools can never go green by skipping.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NoReturn

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = REPO_ROOT / "node_modules"

__all__ = ["NODE_MODULES", "REPO_ROOT", "in_ci", "tool_missing"]


def in_ci() -> bool:
    """True when missing test tools must fail instead of skip.

    That is when ``CI`` is set to anything but an empty/false value, or when
    ``FACTCHECK_REQUIRE_TOOLS=1`` is set (to get CI's strictness locally).
    """
    falsy = {"", "0", "false", "no", "off"}
    return (
        os.environ.get("CI", "").strip().lower() not in falsy
        or os.environ.get("FACTCHECK_REQUIRE_TOOLS", "").strip().lower() not in falsy
    )


def tool_missing(reason: str) -> NoReturn:
    """Fail the current test under CI, skip it otherwise, saying what is missing."""
    hint = " Run `bash scripts/setup.sh` to install the test tools."
    if in_ci():
        pytest.fail(f"required test tool unavailable under CI: {reason}.{hint}", pytrace=False)
    pytest.skip(f"{reason}.{hint}")
