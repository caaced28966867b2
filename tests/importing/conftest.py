"""Fixtures for the importer tests: a small project in a temporary folder, the fixture files,
and a deterministic stand-in for the claim ranker (helpers are in import_helpers.py)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from import_helpers import FIXTURES

CONFIG = """\
title: Import Test
organization:
  name: Import Test
  url: https://check.example.org/
ratings:
  - id: accurate
    label: Accurate
    value: 5
  - id: mostly-accurate
    label: Mostly accurate
    value: 4
  - id: misleading
    label: Misleading
    value: 2
  - id: "false"
    label: "False"
    value: 1
  - id: unproven
    label: Unproven
import:
  ratings:
    pants-fire: "false"
    barely-true: misleading
    half-true: misleading
    mostly-true: mostly-accurate
    "true": accurate
    Falso: "false"
    錯誤: "false"
"""
"""The scale of content-format.md, and a mapping for LIAR's, a Spanish and a Chinese label."""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    root.mkdir()
    (root / "factcheck.yaml").write_text(CONFIG, encoding="utf-8")
    return root


@pytest.fixture
def fixture() -> Callable[[str], Path]:
    return lambda rel: FIXTURES / rel


def _fake_suggest(text: str, *, top: int = 5, min_score: float = 0.5) -> list[Any]:
    """Sentences with a number in them, in order: stable whatever the real model learns."""
    from factcheck.suggest import Suggestion

    sentences = [
        s.strip()
        for paragraph in text.split("\n\n")
        for s in re.split(r"(?<=[.!?])\s+(?=[A-Z“\"])", paragraph)
        if s.strip()
    ]
    picked = [s for s in sentences if re.search(r"\d", s)]
    return [Suggestion(s, 1.0 - i / 100, i) for i, s in enumerate(picked[:top])]


@pytest.fixture(autouse=True)
def fake_suggestions(monkeypatch: pytest.MonkeyPatch) -> None:
    """Snapshots must not drift each time the check-worthiness model is retrained."""
    monkeypatch.setattr("factcheck.suggest.suggest_claims", _fake_suggest)
