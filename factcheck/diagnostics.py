"""Problems found in a project, collected so that one run reports all of them.

Every stage appends to one :class:`Diagnostics` instead of raising: a user fixing a project wants
the whole list, each with its place (``path:line:col``) and, where one helps, a hint.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Position:
    """A place in a file: 1-based line and column."""

    line: int
    column: int


START = Position(1, 1)


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem, at one place."""

    path: str
    """The file, relative to the project, with forward slashes."""
    line: int
    column: int
    severity: Severity
    message: str
    hint: str | None = None

    def format(self) -> str:
        text = f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text

    def sort_key(self) -> tuple[str, int, int, int, str]:
        return (
            self.path,
            self.line,
            self.column,
            0 if self.severity == "error" else 1,
            self.message,
        )


class OptionProblem(Exception):
    """A problem with what was asked on the command line (an option's value, an output folder
    that must not be replaced), not with the project's files: said at ``place``, the option or
    folder concerned. Commands report it as wrong usage (exit status 2)."""

    def __init__(self, place: str, message: str, hint: str | None = None) -> None:
        super().__init__(f"{place}: {message}")
        self.place = place
        self.message = message
        self.hint = hint


@dataclass
class Diagnostics:
    """The problems found so far, in the order they were found."""

    items: list[Diagnostic] = field(default_factory=list)

    def error(self, path: str, pos: Position | None, message: str, hint: str | None = None) -> None:
        self.add(path, pos, "error", message, hint)

    def warning(
        self, path: str, pos: Position | None, message: str, hint: str | None = None
    ) -> None:
        self.add(path, pos, "warning", message, hint)

    def add(
        self,
        path: str,
        pos: Position | None,
        severity: Severity,
        message: str,
        hint: str | None = None,
    ) -> None:
        pos = pos or START
        self.items.append(Diagnostic(path, pos.line, pos.column, severity, message, hint))

    def extend(self, other: Iterable[Diagnostic]) -> None:
        self.items.extend(other)

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "warning"]

    def has_errors(self, *, strict: bool = False) -> bool:
        return any(d.severity == "error" or strict for d in self.items)

    def sorted(self) -> list[Diagnostic]:
        # The same problem can be found twice by two stages (say, an unknown id reached both from
        # front matter and from a body); report it once.
        return sorted(set(self.items), key=Diagnostic.sort_key)

    def format_text(self) -> str:
        return "\n".join(d.format() for d in self.sorted())

    def to_json(self) -> list[dict[str, object]]:
        return [asdict(d) for d in self.sorted()]

    def dumps(self) -> str:
        return json.dumps(self.to_json(), indent=2, ensure_ascii=False)


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate most like ``word``, if any is close enough to be what was meant."""
    matches = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return matches[0] if matches else None


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    """A "did you mean" hint, or None when nothing is close."""
    best = closest(word, candidates)
    return f"did you mean '{best}'?" if best else None
