"""What one import run will write, worked out in full before anything touches the disk.

Every importer adds files to one :class:`Plan`; the plan allocates ids (so that two inputs never
claim the same one, and an id already used elsewhere in the project is never reused for
something else), and finally compares each planned file with what is on disk. Only then does
:mod:`factcheck.importing.writer` write, all or nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from ..diagnostics import Diagnostics, Position
from ..frontmatter import decode
from ..ids import valid_id, with_hash
from ..model import Config, Project

if TYPE_CHECKING:
    from ..suggest import ClaimIndex, Match

Kind = Literal["article", "claim", "verdict", "evidence", "reviewer"]
Status = Literal["new", "unchanged", "differs"]

FOLDERS: dict[str, str] = {
    "article": "articles",
    "claim": "claims",
    "evidence": "evidence",
    "reviewer": "reviewers",
}


class ImportFailure(Exception):
    """An input that cannot be imported; reported as ``path:line:col: error: message``."""

    def __init__(
        self, name: str, message: str, hint: str | None = None, *, line: int = 1, column: int = 1
    ) -> None:
        super().__init__(f"{name}: {message}")
        self.name = name
        self.message = message
        self.hint = hint
        self.position = Position(line, column)

    def report(self, diags: Diagnostics) -> None:
        diags.error(self.name, self.position, self.message, self.hint)


@dataclass(frozen=True, slots=True)
class Input:
    """One file to import."""

    path: Path
    name: str
    """How messages name it: as the user typed it (or its place inside a folder they named)."""

    @property
    def file_name(self) -> str:
        return self.path.name

    def read_bytes(self) -> bytes:
        try:
            return self.path.read_bytes()
        except OSError as exc:
            raise ImportFailure(self.name, f"cannot read the file: {exc.strerror or exc}") from exc

    def read_text(self) -> str:
        """The file as text: UTF-8 (a byte-order mark and CRLF line ends tolerated)."""
        diags = Diagnostics()
        text = decode(self.read_bytes(), self.name, diags)
        for problem in diags.errors:
            raise ImportFailure(
                self.name, problem.message, problem.hint, line=problem.line, column=problem.column
            )
        return text


@dataclass(slots=True)
class PlannedFile:
    """One content file the import will write."""

    path: str
    """Relative to the project, with forward slashes."""
    kind: Kind
    text: str
    origin: str
    """The input it comes from (for messages)."""
    status: Status = "new"


@dataclass(slots=True)
class _RatingNote:
    count: int
    rating: str
    position: Position


@dataclass(slots=True)
class ProjectIndex:
    """What already exists in the project, as far as importing needs to know."""

    paths: dict[str, dict[str, str]] = field(default_factory=dict)
    """kind -> id -> the path of the file that defines it."""
    evidence_by_url: dict[str, str] = field(default_factory=dict)
    reviewer_roles: dict[str, str] = field(default_factory=dict)
    reviewer_names: dict[str, str] = field(default_factory=dict)
    verdicts: dict[tuple[str, str], str] = field(default_factory=dict)
    """(claim, reviewer) -> the path of that reviewer's verdict on that claim."""
    imported_articles: dict[tuple[str, str], str] = field(default_factory=dict)
    """(imported.by, imported.from) -> the id of the article imported from that file, so that
    an article renamed after its import is still recognised when the file comes again."""
    claim_texts: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    """claim id -> (summary, quote): what "already checked" is matched against."""

    @classmethod
    def of(cls, project: Project) -> ProjectIndex:
        index = cls()
        index.paths["article"] = {i: a.doc.path for i, a in project.articles.items()}
        index.paths["claim"] = {i: c.path for i, c in project.claims.items()}
        index.paths["evidence"] = {i: e.doc.path for i, e in project.evidence.items()}
        index.paths["reviewer"] = {i: r.doc.path for i, r in project.reviewers.items()}
        index.evidence_by_url = {e.url: i for i, e in project.evidence.items() if e.url}
        index.reviewer_roles = {i: r.role for i, r in project.reviewers.items()}
        index.reviewer_names = {i: r.name for i, r in project.reviewers.items()}
        index.verdicts = {(v.claim, v.reviewer): p for p, v in project.verdicts.items()}
        index.imported_articles = {
            (a.imported.get("by", ""), a.imported["from"]): i
            for i, a in project.articles.items()
            if a.imported.get("from")
        }
        index.claim_texts = {i: (c.summary, c.quote) for i, c in project.claims.items()}
        return index


@dataclass(frozen=True, slots=True)
class _Checkpoint:
    files: dict[str, PlannedFile]
    ids: dict[str, dict[str, str]]
    rating_notes: dict[tuple[str, str], _RatingNote]
    errors: int
    already_checked: int
    suggested_ids: frozenset[str]


class Plan:
    """The files one import run will write, and the ids it has handed out."""

    def __init__(
        self, root: Path, config: Config, existing: ProjectIndex, diags: Diagnostics
    ) -> None:
        self.root = root
        self.config = config
        self.existing = existing
        self.diags = diags
        self.files: dict[str, PlannedFile] = {}
        self._ids: dict[str, dict[str, str]] = {}
        """kind -> id -> the identity (what the input says it is) it was handed out for."""
        self._rating_notes: dict[tuple[str, str], _RatingNote] = {}
        self.suggestions_failed = False
        """Set once claim suggestions could not be made, so that it is reported once."""
        self.already_checked: list[tuple[str, str, list[Match]]] = []
        """(article path, suggested claim's summary, the existing claims it matches)."""
        self._claim_index: ClaimIndex | None = None
        self.suggested_ids: set[str] = set()
        """Ids of the claims suggested (commented out) in this run's articles: enabling them
        all must not give two claims one id."""

    # -- ids ---------------------------------------------------------------------------------

    @staticmethod
    def target(kind: Kind, ident: str) -> str:
        """Where a file of ``kind`` with id ``ident`` is written (verdicts excepted)."""
        return f"content/{FOLDERS[kind]}/{ident}.md"

    def allocate(self, kind: Kind, base: str, identity: str, origin: str) -> str:
        """The id for the thing ``identity`` names, ``base`` if it is free.

        The same identity always gets the same id within a run. An id that the project already
        uses at this id's own path is taken to be an earlier import of the same thing (so that
        importing again finds the file and leaves it); one used at another path (a claim inside
        an article, say) is never taken over: the new id gets a fingerprint of the identity.
        """
        if not valid_id(base):
            raise ImportFailure(origin, f"cannot make a valid id from '{base}'")
        handed = self._ids.setdefault(kind, {})
        existing = self.existing.paths.get(kind, {})
        candidate = base
        for _ in range(2):
            owner = handed.get(candidate)
            if owner == identity:
                return candidate
            if owner is None and existing.get(
                candidate, self.target(kind, candidate)
            ) == self.target(kind, candidate):
                handed[candidate] = identity
                return candidate
            candidate = with_hash(base, identity)
        raise ImportFailure(
            origin,
            f"cannot find a free id for '{base}'",
            "rename the existing file that uses this id",
        )

    # -- claims ------------------------------------------------------------------------------

    def claim_ids(self) -> set[str]:
        """Every claim id the project uses, or this run has handed out."""
        return (
            set(self.existing.paths.get("claim", {}))
            | set(self._ids.get("claim", {}))
            | self.suggested_ids
        )

    def claim_index(self) -> ClaimIndex:
        """The project's claims, to tell what has been checked already (made once a run)."""
        if self._claim_index is None:
            from ..suggest import ClaimIndex

            self._claim_index = ClaimIndex(
                (ident, texts) for ident, texts in self.existing.claim_texts.items()
            )
        return self._claim_index

    # -- one source at a time ---------------------------------------------------------------

    def checkpoint(self) -> _Checkpoint:
        """What the plan holds now, to go back to if the next source fails."""
        return _Checkpoint(
            dict(self.files),
            {k: dict(v) for k, v in self._ids.items()},
            {k: _RatingNote(n.count, n.rating, n.position) for k, n in self._rating_notes.items()},
            len(self.diags.errors),
            len(self.already_checked),
            frozenset(self.suggested_ids),
        )

    def errors_since(self, mark: _Checkpoint) -> bool:
        return len(self.diags.errors) > mark.errors

    def rollback(self, mark: _Checkpoint) -> None:
        """Forget every file, id and rating note planned since ``mark``."""
        self.files = dict(mark.files)
        self._ids = {k: dict(v) for k, v in mark.ids.items()}
        self._rating_notes = dict(mark.rating_notes)
        del self.already_checked[mark.already_checked :]
        self.suggested_ids = set(mark.suggested_ids)

    # -- files -------------------------------------------------------------------------------

    def add(self, kind: Kind, path: str, text: str, origin: str) -> None:
        """Plan ``path``; a second plan for the same path keeps the first (with a warning when
        the two differ, such as two reviews of one claim by one organisation)."""
        planned = self.files.get(path)
        if planned is None:
            self.files[path] = PlannedFile(path, kind, text, origin)
        elif planned.text != text:
            self.diags.warning(
                origin,
                None,
                f"{path} is given twice with different content; the first "
                f"(from {planned.origin}) is kept",
            )

    def __iter__(self) -> Iterator[PlannedFile]:
        return iter(self.files.values())

    def __len__(self) -> int:
        return len(self.files)

    def resolve_status(self) -> None:
        """Compare every planned file with the disk: new, unchanged, or exists and differs."""
        for planned in self.files.values():
            target = self.root / planned.path
            if not target.exists():
                planned.status = "new"
                continue
            try:
                current = target.read_bytes().decode("utf-8", errors="replace")
            except OSError:
                current = None
            planned.status = "unchanged" if current == planned.text else "differs"

    # -- ratings -----------------------------------------------------------------------------

    def note_off_scale(self, origin: str, label: str, rating: str, position: Position) -> None:
        """Remember a rating label that found no place on our scale, to warn once per label."""
        note = self._rating_notes.get((origin, label))
        if note is None:
            self._rating_notes[(origin, label)] = _RatingNote(1, rating, position)
        else:
            note.count += 1

    def report_ratings(self) -> None:
        for (origin, label), note in self._rating_notes.items():
            times = f"{note.count} ratings" if note.count > 1 else "the rating"
            shown = f"'{label}'" if label else "with no label or value"
            key = json.dumps(label or "LABEL", ensure_ascii=False)
            self.diags.warning(
                origin,
                note.position,
                f"{times} {shown} found no place on the rating scale; imported as '{note.rating}'",
                f"map it in factcheck.yaml, under import: ratings:, as {key}: RATING-ID; "
                "then delete those verdicts and import again",
            )
