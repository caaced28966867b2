"""The cross-referenced model of a project: small typed records that refer to each other by id.

Records hold ids, never other records: ``Project`` is the one index through which a verdict finds
its claim or a claim its verdicts. That keeps the model easy to serialise, cache and test.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from .diagnostics import Position
from .frontmatter import YamlDoc

if TYPE_CHECKING:
    from .markdown import Parsed
    from .review import Standing

Date = dt.date | dt.datetime


class State(StrEnum):
    """Where a claim stands in the review workflow."""

    PUBLISHED = "published"
    DISPUTED = "disputed"
    IN_REVIEW = "in review"
    UNREVIEWED = "unreviewed"
    WITHDRAWN = "withdrawn"
    """Published once, then withdrawn (``withdrawn:``): its page stays and says so; it is in no
    list, feed, search index or data export, and has no ClaimReview."""


VERDICT_STATUSES = ("draft", "submitted", "approved")
REVIEWER_ROLES = ("reviewer", "editor", "external")
CLAIMANT_KINDS = ("person", "organization")
EVIDENCE_KINDS = ("primary", "official", "data", "research", "news", "other")
CORRECTION_KINDS = ("correction", "update", "clarification", "rating-change")
MEDIA_TYPES = ("image", "video", "audio")
MEDIA_CATEGORIES = (
    "OriginalMediaContent",
    "DecontextualizedContent",
    "EditedOrCroppedContent",
    "TransformedContent",
    "StagedContent",
    "SatireOrParodyContent",
    "AuthenticContent",
)
"""schema.org's MediaManipulationRatingEnumeration: what a media rating means to machines."""


@dataclass(slots=True)
class Rating:
    """One step of the rating scale (``ratings`` in factcheck.yaml)."""

    id: str
    label: str
    value: float | int | None
    """Numeric rating; None for an off-scale rating such as "unproven"."""
    description: str
    position: Position


@dataclass(slots=True)
class MediaRating:
    """One step of the media rating scale (``media_ratings`` in factcheck.yaml)."""

    id: str
    label: str
    category: str
    """Its member of schema.org's MediaManipulationRatingEnumeration (:data:`MEDIA_CATEGORIES`)."""
    description: str
    position: Position | None = None
    """Where factcheck.yaml defines it; None for the default scale."""


@dataclass(slots=True)
class Organization:
    name: str
    url: str | None = None
    logo: str | None = None


@dataclass(slots=True)
class Config:
    """factcheck.yaml, validated."""

    title: str
    organization: Organization
    ratings: list[Rating]
    description: str = ""
    base_url: str | None = None
    language: str = "en"
    timezone: str = "UTC"
    min_reviewers: int = 2
    extra: dict[str, Any] = field(default_factory=dict)
    import_ratings: dict[str, str] = field(default_factory=dict)
    """``import.ratings``: outside labels (lower-cased) to our rating ids."""
    page_size: int = 24
    """Items on each page of a long list (``page_size``)."""
    path: str = "factcheck.yaml"
    media_ratings: list[MediaRating] = field(default_factory=list)
    """``media_ratings``: how media is rated (the default scale when the file has none)."""
    search: bool = True
    """``search``: whether the site has search (a Pagefind index, the search page and form)."""

    def rating(self, rating_id: str) -> Rating | None:
        for rating in self.ratings:
            if rating.id == rating_id:
                return rating
        return None

    def media_rating(self, rating_id: str) -> MediaRating | None:
        for rating in self.media_ratings:
            if rating.id == rating_id:
                return rating
        return None

    @property
    def numeric_ratings(self) -> list[Rating]:
        return [r for r in self.ratings if r.value is not None]

    @property
    def best_value(self) -> float | int | None:
        values = [r.value for r in self.numeric_ratings if r.value is not None]
        return max(values) if values else None

    @property
    def worst_value(self) -> float | int | None:
        values = [r.value for r in self.numeric_ratings if r.value is not None]
        return min(values) if values else None


@dataclass(slots=True)
class Citation:
    """An inline ``[@evidence-id]`` or ``[[claim-id]]`` in a Markdown body."""

    target: str
    kind: str
    """"evidence" or "claim"."""
    position: Position


@dataclass(slots=True)
class Document:
    """What every content file has: where it is, its front matter and its Markdown body."""

    id: str
    path: str
    meta: YamlDoc
    body: str
    body_line: int
    parsed: Parsed | None = None
    """The body parsed by :mod:`factcheck.markdown`, once cross-referenced."""

    def pos(self, *key: str | int) -> Position | None:
        return self.meta.pos(*key)

    @property
    def tree(self) -> Parsed:
        """The parsed body: cross-referencing parses every body before anything reads one."""
        if self.parsed is None:
            raise RuntimeError(f"{self.path} is read before its body was parsed")
        return self.parsed


@dataclass(slots=True)
class Correction:
    """One entry of ``corrections:`` on a verdict or a stand-alone claim: a change made after
    publication, said openly."""

    date: Date
    kind: str
    """correction, update, clarification or rating-change."""
    note: str
    """Markdown."""
    path: str
    """The file it is written in."""
    index: int
    """Its place in that file's ``corrections`` list."""
    position: Position
    """Where the entry is written."""
    note_position: Position
    parsed: Parsed | None = None
    """The note parsed as Markdown, once cross-referenced."""


@dataclass(slots=True)
class Withdrawal:
    """``withdrawn: {date, note}`` on a claim: the check no longer stands."""

    date: Date
    note: str
    """Markdown: why."""
    path: str
    position: Position
    note_position: Position
    parsed: Parsed | None = None


@dataclass(slots=True)
class Source:
    """Where an article appeared."""

    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    via: str | None = None


@dataclass(slots=True)
class Appearance:
    url: str
    title: str | None = None


@dataclass(frozen=True, slots=True)
class MediaFile:
    """A file under ``content/media/``, as its bytes say (never its name)."""

    rel: str
    """Its path below content/media/ (``2026/flood.jpg``)."""
    path: str
    """Where to read it (inside the project)."""
    sha256: str
    """The SHA-256 of its bytes, in hex: what a verdict on it provably refers to."""
    size: int
    kind: str
    """"image", "video" or "audio": what the bytes are."""
    format: str
    """The container or image format read from the bytes ("jpeg", "png", "mp4", "mp3", ...)."""
    mime: str
    width: int | None = None
    height: int | None = None
    """An image's size in pixels (after its EXIF orientation is applied)."""
    alpha: bool = False
    """An image with transparency."""


@dataclass(slots=True)
class MediaItem:
    """One entry of a claim's ``media:`` list: a picture, a clip or a recording checked."""

    type: str
    """"image", "video" or "audio", as declared."""
    position: Position
    file: MediaFile | None = None
    url: str | None = None
    alt: str | None = None
    caption: str | None = None
    archived: str | None = None
    start: float | None = None
    """Seconds: where the part checked begins (video and audio)."""
    end: float | None = None
    original_url: str | None = None
    """Where the media first appeared in its original context (MediaReview originalMediaLink)."""
    original_context: str | None = None
    """What the original context was (MediaReview originalMediaContextDescription)."""


@dataclass(slots=True)
class QuoteSpan:
    """Where a claim's quote stands in its article's text (offsets into the body's text stream)."""

    start: int
    end: int


@dataclass(slots=True)
class Claim:
    """A claim, from an article's ``claims`` list or from ``content/claims/``."""

    id: str
    path: str
    position: Position
    summary: str
    claimant: str | None = None
    tags: list[str] = field(default_factory=list)
    article: str | None = None
    """The id of the article that holds this claim, if any."""
    index: int = 0
    """The claim's place in its article's ``claims`` list."""
    quote: str | None = None
    prefix: str | None = None
    suffix: str | None = None
    span: QuoteSpan | None = None
    date: Date | None = None
    appearances: list[Appearance] = field(default_factory=list)
    document: Document | None = None
    """For stand-alone claims: the file with its context body."""
    media: list[MediaItem] = field(default_factory=list)
    """The pictures, clips or recordings the claim is (``media:``)."""
    # Filled by cross-referencing:
    verdicts: list[str] = field(default_factory=list)
    """Paths of every verdict on this claim, in path order."""
    state: State = State.UNREVIEWED
    rating: str | None = None
    """The standing rating id once published, else None."""
    media_rating: str | None = None
    """The standing media rating id once published (media claims), else None."""
    ruling: str | None = None
    """The path of the editor's verdict that settled the claim, if one did."""
    standing: Standing | None = None
    """Everything the review rules say of it (state, rating, what it needs and would publish
    as): computed once, by cross-referencing."""
    linked_from: list[str] = field(default_factory=list)
    """Paths of verdicts whose reasoning links to this claim with ``[[id]]``."""
    corrections: list[Correction] = field(default_factory=list)
    """A stand-alone claim's own ``corrections`` (a claim in an article has none: its
    verdicts carry them)."""
    withdrawn: Withdrawal | None = None
    claimant_id: str | None = None
    """The claimant (``Project.claimants``) that ``claimant`` names, once cross-referenced."""
    language: str | None = None
    """Its own language (a BCP 47 tag), where it differs from the site's."""


@dataclass(slots=True)
class Article:
    doc: Document
    title: str
    source: Source
    published: Date | None
    imported: dict[str, str] = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)
    claims: list[str] = field(default_factory=list)
    """Ids of the claims this article holds, in front-matter order."""
    description: str | None = None
    language: str | None = None
    """Its own language (a BCP 47 tag), where it differs from the site's."""

    @property
    def id(self) -> str:
        return self.doc.id


@dataclass(slots=True)
class Verdict:
    doc: Document
    claim: str
    reviewer: str
    rating: str
    status: str = "draft"
    date: Date | None = None
    headline: str = ""
    final: bool = False
    evidence: list[str] = field(default_factory=list)
    """Evidence ids from front matter, then those cited inline, each once, in order."""
    citations: list[Citation] = field(default_factory=list)
    original_rating: str | None = None
    source_url: str | None = None
    corrections: list[Correction] = field(default_factory=list)
    media_rating: str | None = None
    """A media claim's verdict: the media rating id (``media_ratings`` in factcheck.yaml)."""

    @property
    def path(self) -> str:
        return self.doc.path

    @property
    def approved(self) -> bool:
        return self.status == "approved"


@dataclass(slots=True)
class Evidence:
    doc: Document
    title: str
    url: str | None = None
    publisher: str | None = None
    published: Date | None = None
    accessed: Date | None = None
    archived: str | None = None
    kind: str = "other"
    cited_by: list[str] = field(default_factory=list)
    """Paths of verdicts that cite this evidence (front matter or inline)."""

    @property
    def id(self) -> str:
        return self.doc.id


@dataclass(slots=True)
class Reviewer:
    doc: Document
    name: str
    role: str = "reviewer"
    url: str | None = None
    verdicts: list[str] = field(default_factory=list)
    """Paths of this reviewer's verdicts."""

    @property
    def id(self) -> str:
        return self.doc.id


@dataclass(slots=True)
class Claimant:
    """Who makes claims: from ``content/claimants/ID.md``, or the name as a claim writes it."""

    id: str
    name: str
    aliases: list[str] = field(default_factory=list)
    kind: str | None = None
    """"person" or "organization"; None when not said (a name without a file)."""
    url: str | None = None
    doc: Document | None = None
    """The claimant's file, if it has one (its body is a description)."""
    named_at: list[tuple[str, Position]] = field(default_factory=list)
    """Where claims name it (path, place): to show both places when two names collide."""

    @property
    def doc_path(self) -> str:
        return self.doc.path if self.doc is not None else "a claim"


@dataclass(slots=True)
class Page:
    doc: Document
    title: str
    menu: bool = False
    weight: int = 0

    @property
    def id(self) -> str:
        return self.doc.id


@dataclass(slots=True)
class Project:
    """Everything in a project, indexed by id (verdicts by path)."""

    root: str
    config: Config
    articles: dict[str, Article] = field(default_factory=dict)
    claims: dict[str, Claim] = field(default_factory=dict)
    verdicts: dict[str, Verdict] = field(default_factory=dict)
    evidence: dict[str, Evidence] = field(default_factory=dict)
    reviewers: dict[str, Reviewer] = field(default_factory=dict)
    pages: dict[str, Page] = field(default_factory=dict)
    claimants: dict[str, Claimant] = field(default_factory=dict)

    def claim_verdicts(self, claim_id: str) -> list[Verdict]:
        return [self.verdicts[p] for p in self.claims[claim_id].verdicts]

    def is_ours(self, verdict: Verdict) -> bool:
        """A verdict by our own reviewers or editors (not an imported outside check)."""
        reviewer = self.reviewers.get(verdict.reviewer)
        return reviewer is not None and reviewer.role != "external"

    def published_verdicts(self, claim_id: str) -> list[Verdict]:
        """Approved verdicts of our own on a published claim: what a reader may see."""
        claim = self.claims[claim_id]
        if claim.state is not State.PUBLISHED:
            return []
        return [v for v in self.claim_verdicts(claim_id) if v.approved and self.is_ours(v)]

    def outside_verdicts(self, claim_id: str) -> list[Verdict]:
        """Approved verdicts imported from other organisations ("also checked by")."""
        return [
            v
            for v in self.claim_verdicts(claim_id)
            if v.approved and not self.is_ours(v) and v.reviewer in self.reviewers
        ]
