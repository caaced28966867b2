"""What the last build rendered, so that a rebuild renders only the pages whose inputs changed.

A page is HTML made by the theme's templates from three things: the page's own context (its
views, computed afresh on every build), the ``site`` values every page may read, and the
configuration. The last build's record of each page keeps its context and which ``site`` values
its templates read; a page is rendered again unless all of these are *equal* to now (compared
with ``==``, value by value, never by a digest or a guess about which edit touches which page),
and the templates and configuration are byte for byte the same. Anything else re-renders every
page. This is the rule Hugo's partial rebuilds lacked (gohugoio/hugo#10670): the dependency of a
page on the model is not worked out by hand, it is whatever its context holds.

Contexts hold views (small dataclasses, compared field by field) and rendered Markdown. The
expensive parts of a context, Markdown bodies rendered to HTML, are remembered here too
(:class:`BodyMemo`), keyed by the parsed body and everything its rendering looks up.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

from markupsafe import Markup

from .cache import Carryover
from .markdown import Parsed

V = TypeVar("V")


class TrackedSite(dict[str, Any]):
    """The ``site`` mapping of the template context, noting which keys templates read.

    Jinja reads ``site.title`` as ``site["title"]``. A template that reads the mapping whole
    (iterates it, calls ``items()``) is taken to depend on every key.
    """

    def __init__(self, values: dict[str, Any]) -> None:
        super().__init__(values)
        self._keys_read: set[str] | None = set()
        """Keys read since :meth:`start_page`; None: all of them. (Underscored, as templates
        read ``site.NAME`` as an attribute first.)"""

    def start_page(self) -> None:
        self._keys_read = set()

    def _read_whole(self) -> None:
        self._keys_read = None

    def record(self, inputs: tuple[Any, ...]) -> PageRecord:
        """The record of a page just rendered from ``inputs`` with this ``site``."""
        if self._keys_read is None:
            return PageRecord(inputs, dict(dict.items(self)), whole_site=True)
        return PageRecord(
            inputs,
            {
                key: dict.__getitem__(self, key)
                for key in self._keys_read
                if dict.__contains__(self, key)
            },
        )

    def __getitem__(self, key: str) -> Any:
        if self._keys_read is not None:
            self._keys_read.add(key)
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:
        if self._keys_read is not None:
            self._keys_read.add(key)
        return super().get(key, default)

    def __contains__(self, key: object) -> bool:
        if self._keys_read is not None and isinstance(key, str):
            self._keys_read.add(key)
        return super().__contains__(key)

    def __iter__(self) -> Iterator[str]:
        self._read_whole()
        return super().__iter__()

    def items(self) -> Any:
        self._read_whole()
        return super().items()

    def values(self) -> Any:
        self._read_whole()
        return super().values()

    def keys(self) -> Any:
        self._read_whole()
        return super().keys()

    def __len__(self) -> int:
        self._read_whole()
        return super().__len__()

    def __repr__(self) -> str:
        self._read_whole()
        return super().__repr__()

    __str__ = __repr__

    def __reversed__(self) -> Iterator[str]:
        self._read_whole()
        return super().__reversed__()

    def copy(self) -> dict[str, Any]:
        self._read_whole()
        return dict(super().items())


@dataclass(slots=True)
class PageRecord:
    inputs: tuple[Any, ...]
    """(template, title, description, page type, context) as the page was rendered from."""
    site_values: dict[str, Any]
    """The ``site`` values its templates read."""
    whole_site: bool = False
    """Its templates read ``site`` whole (iterated it), so every key counts, and no other."""


class BodyMemo(Carryover[tuple[Any, ...], tuple[Parsed, Any, Markup]]):
    """Rendered Markdown bodies. An entry holds the parsed body it was made from (so its id
    cannot be reused by another object while the entry lives) and the looked-up values the
    rendering used (evidence titles, claim summaries, citation numbers)."""

    __slots__ = ()

    def render(
        self, parsed: Parsed, key: tuple[Any, ...], lookups: Any, make: Callable[[], Markup]
    ) -> Markup:
        full_key = (id(parsed), *key)
        entry = self.get(full_key)
        if entry is None or entry[0] is not parsed or entry[1] != lookups:
            entry = (parsed, lookups, make())
        self.keep(full_key, entry)
        return entry[2]

    def rekey(self) -> None:
        """Key the entries by their parsed bodies' ids again, after unpickling (which makes
        new objects, with new ids: factcheck/saved_cache.py)."""
        self.entries = {(id(entry[0]), *key[1:]): entry for key, entry in self.entries.items()}


class Interner(Carryover[tuple[str, str], Any]):
    """Views of the last build, handed out again in place of equal new ones.

    A claim's view appears in many pages' contexts (lists, tags, related claims). When it is the
    same object as last time, comparing a context with the last one finds it equal by identity
    at once instead of field by field, page after page. Cleared whenever the configuration
    changes: ``==`` cannot tell a rating value of 5 from 5.0, which the pages would show."""

    __slots__ = ()

    def intern(self, key: tuple[str, str], view: V) -> V:
        previous = self.get(key)
        if previous is not None and type(previous) is type(view) and previous == view:
            view = previous
        self.keep(key, view)
        return view


@dataclass(slots=True)
class RelatedMemo:
    """Each claim's related claims, as the last build ranked them, and what from: the index of
    published claims by article and tag (the same for every claim) and the claim's own inputs
    (article, tags, the claims whose verdicts link to it)."""

    index: Any = None
    """The index ``entries`` were ranked with."""
    entries: dict[str, tuple[Any, list[str]]] = field(default_factory=dict)
    same_index: bool = False
    """Whether this build's index equals that one (only then may entries be reused)."""
    _next_index: Any = None
    _next: dict[str, tuple[Any, list[str]]] = field(default_factory=dict)

    def start(self, index: Any) -> None:
        self.same_index = self.index == index
        self._next_index = index
        self._next = {}

    def get(self, claim_id: str, inputs: Any) -> list[str] | None:
        entry = self.entries.get(claim_id) if self.same_index else None
        return entry[1] if entry is not None and entry[0] == inputs else None

    def keep(self, claim_id: str, inputs: Any, ranked: list[str]) -> None:
        self._next[claim_id] = (inputs, ranked)

    def finish(self) -> None:
        if self._next_index is not None:
            self.index, self.entries = self._next_index, self._next
        self._next_index, self._next = None, {}


@dataclass(slots=True)
class PageCache:
    theme: tuple[Any, ...] | None = None
    """What every page depends on: the templates' and configuration's bytes."""
    pages: dict[str, PageRecord] = field(default_factory=dict)
    bodies: BodyMemo = field(default_factory=BodyMemo)
    views: Interner = field(default_factory=Interner)
    related: RelatedMemo = field(default_factory=RelatedMemo)
    export_lines: Carryover[str, Any] = field(default_factory=Carryover)
    """(export, claim id) -> (the claim's view, its line); see exports.py."""
    exports: tuple[Any, ...] | None = None
    """The inputs of the feeds and data exports when they were last written."""
    environment: Any = None
    """The Jinja environment of ``theme``: compiled templates are reused while it holds."""
    cards: dict[str, str] = field(default_factory=dict)
    """Claim id -> the key of the share card the last build left (factcheck/cards.py)."""
    bytecode: dict[str, bytes] = field(default_factory=dict)
    """Jinja's compiled templates (theme.KeptBytecode), for a new process to load, not compile."""

    def reusable(self, path: str, inputs: tuple[Any, ...], site: dict[str, Any]) -> bool:
        """Whether the page at ``path`` would render now exactly as it did last time."""
        record = self.pages.get(path)
        if record is None or record.inputs != inputs:
            return False
        if record.whole_site and dict.__len__(site) != len(record.site_values):
            return False
        return all(
            dict.__contains__(site, key) and dict.__getitem__(site, key) == value
            for key, value in record.site_values.items()
        )
