"""How hard the fuzz tests search: a few hundred examples each in the suite (the same ones on
every run, so a failure is never a flake), as many as asked for in a long run:

    FACTCHECK_FUZZ_EXAMPLES=20000 python -m pytest -m fuzz --hypothesis-show-statistics

A long run draws new examples (not derandomized) and keeps what it finds in Hypothesis'
example database (.hypothesis/), so that the next run tries the failures first.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

LONG_RUN = os.environ.get("FACTCHECK_FUZZ_EXAMPLES")


def fuzz(examples: int) -> settings:
    """Hypothesis settings for a fuzz test that tries ``examples`` inputs in the suite."""
    if LONG_RUN:
        return settings(
            max_examples=int(LONG_RUN),
            deadline=None,
            derandomize=False,
            suppress_health_check=list(HealthCheck),
        )
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


mark = pytest.mark.fuzz
"""Marks a fuzz test, so that ``-m fuzz`` runs just those."""
