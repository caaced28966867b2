"""What one build can lend the next in the same process (the preview server's rebuilds).

Entries are keyed by the exact bytes of a file (and the exact text of a body), never by times or
guesses about what changed: a reused entry is one that reading and parsing again would produce
identically, so a cached rebuild is always the same as a fresh one. Each build keeps only the
entries it used, so the cache never grows past one project's size.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .diagnostics import Diagnostic
from .frontmatter import ContentFile
from .markdown import Parsed


@dataclass(slots=True)
class ReadCache:
    files: dict[str, tuple[bytes, ContentFile | None, list[Diagnostic]]] = field(
        default_factory=dict)
    """path -> (the file's bytes, what reading them gave, the problems reading them reported)."""
    bodies: dict[tuple[str, str, int], Parsed] = field(default_factory=dict)
    """(path, body, first line) -> the parsed body."""
    _next_files: dict[str, tuple[bytes, ContentFile | None, list[Diagnostic]]] = field(
        default_factory=dict)
    _next_bodies: dict[tuple[str, str, int], Parsed] = field(default_factory=dict)

    def keep_file(self, path: str, entry: tuple[bytes, ContentFile | None,
                                                list[Diagnostic]]) -> None:
        self._next_files[path] = entry

    def keep_body(self, key: tuple[str, str, int], parsed: Parsed) -> None:
        self._next_bodies[key] = parsed

    def finish(self) -> None:
        """End of a build: what it used becomes what the next build may reuse."""
        self.files, self._next_files = self._next_files, {}
        self.bodies, self._next_bodies = self._next_bodies, {}
