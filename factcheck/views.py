"""What templates see: documented, stable views of the model (not the model itself).

Only published material reaches a view of the public site: a claim that is not published has
``rating`` None and no verdicts, and its state is only "in review", so a template cannot show an
unpublished rating, reasoning or even the state of its review by mistake. Draft and submitted
verdicts never become views of the public site at all.

The review preview (``factcheck serve``, never ``build`` or ``publish``) is made from views with
``preview`` set: there every verdict in every state becomes a view, labelled with its status, and
every claim carries a :class:`ReviewView` of where it stands. Those views exist only in a
:class:`SiteViews` made with ``preview=True``.

Every ``url`` here is a site path (``claims/x.html``); templates make it relative to the page
with ``{{ root }}`` (see docs/theme.md).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

from markupsafe import Markup

from . import urls
from .annotate import Mark, render_annotated
from .cache import Carryover
from .i18n import Translations
from .markdown import Parsed, render
from .media_views import MediaRatingView, MediaView, media_rating_views, media_views
from .model import Claim, Correction, Date, Project, Rating, State, Verdict
from .page_cache import BodyMemo, Interner, PageCache, RelatedMemo
from .review import is_ruling, published_corrections, standing_of

PUBLIC_PENDING_STATE = "in review"
"""The one state the public site gives every claim that is not published: whether it is
disputed, or has no verdict at all, is the review's business, not the reader's."""

STATE_KEYS = {
    "published": "state_published",
    "disputed": "state_disputed",
    "in review": "state_in_review",
    "unreviewed": "state_unreviewed",
    "withdrawn": "state_withdrawn",
}
"""The translation keys of the preview's names for a claim's state."""

_STATUS_ORDER = {"approved": 0, "submitted": 1, "draft": 2}

CORRECTION_KIND_KEYS = {
    "correction": "correction_kind_correction",
    "update": "correction_kind_update",
    "clarification": "correction_kind_clarification",
    "rating-change": "correction_kind_rating_change",
    "withdrawal": "correction_kind_withdrawal",
}
"""The translation keys of the site's names for each kind of entry in a check's updates and
corrections ("withdrawal": a withdrawn check, in the site's corrections log)."""


@dataclass(frozen=True, slots=True)
class RatingView:
    id: str
    label: str
    value: float | int | None
    description: str
    tone: str
    """"good", "fair", "poor", "bad" (by place on the numeric scale) or "none" (off-scale)."""
    url: str


@dataclass(slots=True)
class PersonView:
    id: str
    name: str
    role: str
    url: str
    """This reviewer's page on the site."""
    homepage: str | None


@dataclass(slots=True)
class EvidenceView:
    id: str
    title: str
    url: str
    """The evidence's page on the site."""
    link: str | None
    """Where the source itself is."""
    archived: str | None
    publisher: str | None
    published: Date | None
    accessed: Date | None
    kind: str
    number: int = 0
    """Its number in a claim page's source list (0 elsewhere)."""


@dataclass(slots=True)
class VerdictView:
    reviewer: PersonView
    rating: RatingView | None
    date: Date | None
    headline: str
    final: bool
    html: Markup
    """The reasoning, rendered, with numbered citations linking to the page's source list."""
    original_rating: str | None = None
    source_url: str | None = None
    status: str = "approved"
    """draft, submitted or approved (always approved on the public site)."""
    status_label: str = ""
    """Preview only: "Draft", "Submitted", "Approved", "Editor's ruling" ("" on the public
    site)."""
    path: str | None = None
    """Preview only: the verdict's file, to open in an editor (None on the public site)."""
    media_rating: MediaRatingView | None = None
    """A media claim's verdict: how it rates the media."""


@dataclass(frozen=True, slots=True)
class ReviewView:
    """Preview only: where a claim stands in review, in the words of ``factcheck status``."""

    state: str
    """"published", "disputed", "in review" or "unreviewed"."""
    state_label: str
    outlook: str
    """What it would publish as and what it still needs, in one sentence."""
    needs: str
    prospect: RatingView | None
    """The rating it would publish as if the verdicts waiting were approved."""
    disagreement: tuple[RatingView, ...]
    """The different ratings among its verdicts in any state, when they differ."""
    paths: tuple[str, ...]
    """Its files to open: where the claim is written (``path:line``), then each verdict."""


@dataclass(slots=True)
class ClaimView:
    id: str
    url: str
    summary: str
    claimant: str | None
    state: str
    """"published", "disputed", "in review" or "unreviewed"."""
    published: bool
    rating: RatingView | None
    """The standing rating; None unless published."""
    headline: str | None
    """The settling verdict's headline; None unless published."""
    date: Date | None
    """When the check was published (the latest approving verdict's date)."""
    claim_date: Date | None
    """When the claim was made."""
    tags: list[str]
    article: ArticleRef | None
    quote: str | None
    context: tuple[str, str, str] | None
    """The sentence around the quote in its article: (before, quote, after)."""
    appearances: list[dict[str, str | None]]
    tone: str
    label: str
    """The rating's label, or "Under review" (the preview: the state, such as "Disputed")."""
    review: ReviewView | None = None
    """Preview only: where it stands in review (None on the public site)."""
    updated: Date | None = None
    """When the check was last updated: the date of its latest correction entry (None without
    one). ClaimReview ``dateModified``."""
    withdrawn: Date | None = None
    """When the check was withdrawn (None unless it was)."""
    claimant_url: str | None = None
    """The claimant's page on the site, when there is one."""
    language: str | None = None
    """The claim's own language (its own ``language``, else its article's), where it is not
    the site's; None otherwise."""
    media: tuple[MediaView, ...] = ()
    """The pictures, clips or recordings the claim is: only once published (and in the
    preview), so that no unpublished claim's media reaches the site."""
    media_rating: MediaRatingView | None = None
    """A media claim's standing media rating; None unless published."""


@dataclass(frozen=True, slots=True)
class ClaimantView:
    id: str
    name: str
    kind: str | None
    """"person", "organization", or None when not said."""
    url: str
    """The claimant's page on the site."""
    homepage: str | None
    aliases: tuple[str, ...] = ()


@dataclass(slots=True)
class CorrectionView:
    """One entry of a check's updates and corrections, or its withdrawal (the site's
    corrections log lists both)."""

    claim: ClaimView
    date: Date
    kind: str
    """"correction", "update", "clarification", "rating-change", or "withdrawal"."""
    kind_label: str
    html: Markup
    """The note, rendered."""
    anchor: str
    """Its ``id`` on the claim's page (``correction-2026-03-14``; ``withdrawn``)."""
    reviewer: PersonView | None = None
    """Whose verdict it is written on; None: the claim's own."""
    status_label: str = ""
    """Preview only: the status of the verdict it is written on ("" on the public site)."""


@dataclass(slots=True)
class WithdrawalView:
    """Why and when a check was withdrawn."""

    date: Date
    html: Markup
    """The note, rendered."""


@dataclass(frozen=True, slots=True)
class ArticleRef:
    id: str
    title: str
    url: str
    source_url: str | None
    outlet: str | None
    published: Date | None


def tones(ratings: list[Rating]) -> dict[str, str]:
    """A colour tone for each rating by its place on the numeric scale (the theme's CSS colours
    tones, so any project's scale gets sensible colours)."""
    values = [r.value for r in ratings if r.value is not None]
    best, worst = (max(values), min(values)) if values else (0, 0)
    out = {}
    for rating in ratings:
        if rating.value is None:
            out[rating.id] = "none"
            continue
        share = 1.0 if best == worst else (rating.value - worst) / (best - worst)
        out[rating.id] = (
            "good"
            if share >= 0.75
            else "fair"
            if share >= 0.5
            else "poor"
            if share >= 0.25
            else "bad"
        )
    return out


SENTENCE_END = re.compile(r"[.!?](?=[\s\u2029\"'”’)]|$)")


class SiteViews:
    """Builds and caches the views of one project."""

    def __init__(
        self,
        project: Project,
        lent: PageCache | None = None,
        *,
        preview: bool = False,
        changed_at: Callable[[str], float | None] | None = None,
        translations: Translations | None = None,
    ) -> None:
        self.project = project
        self.words = translations if translations is not None else _english()
        """The theme's words in the site's language (factcheck/i18n.py), for what views say."""
        self.preview = preview
        """Views for the review preview: every verdict, every state (never for ``build``)."""
        self.changed_at = changed_at
        """When a content file last changed (the preview's desk: verdicts older than their
        article's last change); None: its modification time."""
        lent = lent if lent is not None else PageCache()
        self.memo: BodyMemo = lent.bodies
        """Rendered bodies, lent by the last build (see factcheck/page_cache.py)."""
        self.interner: Interner = lent.views
        """Views of the last build, reused when equal (see factcheck/page_cache.py)."""
        self.related_memo: RelatedMemo = lent.related
        self.export_lines: Carryover[str, tuple[ClaimView, str]] = lent.export_lines
        """A published claim's line in each data export, made from its (interned) view."""
        self.config = project.config
        self.zone = ZoneInfo(self.config.timezone)
        tone = tones(self.config.ratings)
        self.ratings = {
            r.id: self.interner.intern(
                ("rating", r.id),
                RatingView(r.id, r.label, r.value, r.description, tone[r.id], urls.rating(r.id)),
            )
            for r in self.config.ratings
        }
        self.media_ratings: dict[str, MediaRatingView] = media_rating_views(self.config)
        self.media_reviews: dict[str, dict[str, Any] | None] = {}
        """Each media claim's MediaReview (factcheck/exports.py), made once per build."""
        self._claims: dict[str, ClaimView] = {}
        self._people: dict[str, PersonView] = {}
        self._evidence: dict[tuple[str, str], EvidenceView] = {}
        self._status_labels: dict[str, str] = {}
        self.claim_reviews: dict[str, dict[str, Any] | None] = {}
        """Each claim's ClaimReview (factcheck/exports.py), made once per build."""
        self.groups: Any = None
        """Published checks grouped by rating, topic and claimant (factcheck/pages.py)."""
        self.claimant_pages = self._claimant_pages()
        """Claimants that have a page: those with a file of their own, and those named by a
        published claim (a name that only unpublished claims make is not published)."""
        self.related_index: tuple[dict[str, list[str]], dict[str, list[str]]] | None = None
        """Published claim ids by article and by tag (filled by the renderer, once)."""

    # -- small pieces ------------------------------------------------------------------------

    def aware(self, value: Date | None) -> dt.datetime | None:
        """A date or naive date-time in the project's time zone, as an aware date-time."""
        if value is None:
            return None
        if not isinstance(value, dt.datetime):
            value = dt.datetime(value.year, value.month, value.day)
        return value if value.tzinfo else value.replace(tzinfo=self.zone)

    def instant(self, value: Date) -> dt.datetime:
        """A date or date-time as a comparable aware date-time (a date: its midnight)."""
        aware = self.aware(value)
        assert aware is not None
        return aware

    def person(self, reviewer_id: str) -> PersonView:
        view = self._people.get(reviewer_id)
        if view is None:
            reviewer = self.project.reviewers[reviewer_id]
            view = self._people[reviewer_id] = self.interner.intern(
                ("person", reviewer_id),
                PersonView(
                    reviewer_id,
                    reviewer.name,
                    reviewer.role,
                    urls.reviewer(reviewer_id),
                    reviewer.url,
                ),
            )
        return view

    def evidence_view(self, evidence_id: str, number: int = 0) -> EvidenceView:
        key = (f"evidence {number}", evidence_id)
        view = self._evidence.get(key)
        if view is None:
            e = self.project.evidence[evidence_id]
            view = self._evidence[key] = self.interner.intern(
                key,
                EvidenceView(
                    e.id,
                    e.title,
                    urls.evidence(e.id),
                    e.url,
                    e.archived,
                    e.publisher,
                    e.published,
                    e.accessed,
                    e.kind,
                    number,
                ),
            )
        return view

    def language_of(self, claim: Claim) -> str | None:
        article = self.project.articles.get(claim.article or "")
        language = claim.language or (article.language if article is not None else None)
        return language if language and language != self.config.language else None

    def state_label(self, state: str) -> str:
        """The preview's name for a claim's state ("Disputed", in the site's language)."""
        return self.words.plain(STATE_KEYS[state])

    def _claimant_pages(self) -> frozenset[str]:
        project = self.project
        named = {
            c.claimant_id
            for c in project.claims.values()
            if c.claimant_id is not None and c.state is State.PUBLISHED
        }
        return frozenset(
            named | {ident for ident, c in project.claimants.items() if c.doc is not None}
        )

    def claimant(self, claimant_id: str) -> ClaimantView:
        record = self.project.claimants[claimant_id]
        return self.interner.intern(
            ("claimant", claimant_id),
            ClaimantView(
                record.id,
                record.name,
                record.kind,
                urls.claimant(record.id),
                record.url,
                tuple(record.aliases),
            ),
        )

    def article_ref(self, article_id: str | None) -> ArticleRef | None:
        if article_id is None or article_id not in self.project.articles:
            return None
        a = self.project.articles[article_id]
        return ArticleRef(
            a.id, a.title, urls.article(a.id), a.source.url, a.source.outlet, a.published
        )

    def published_verdicts(self, claim_id: str) -> list[Verdict]:
        """Approved verdicts of ours on a published claim, the editor's ruling first."""
        verdicts = self.project.published_verdicts(claim_id)
        ruling = self.project.claims[claim_id].ruling
        return sorted(
            verdicts, key=lambda v: (v.path != ruling, v.date is None, str(v.date or ""), v.path)
        )

    def shown_verdicts(self, claim_id: str) -> list[Verdict]:
        """The verdicts of ours that the claim's page shows: the published ones, and in the
        preview every one in every state (rulings, then approved, submitted and drafts)."""
        if not self.preview:
            return self.published_verdicts(claim_id)
        project = self.project
        ours = [v for v in project.claim_verdicts(claim_id) if project.is_ours(v)]
        return sorted(
            ours,
            key=lambda v: (
                not is_ruling(project, v),
                _STATUS_ORDER.get(v.status, 3),
                v.date is None,
                str(v.date or ""),
                v.path,
            ),
        )

    def shown_outside_verdicts(self, claim_id: str) -> list[Verdict]:
        """Outside organisations' checks: approved ones, and in the preview all of them."""
        project = self.project
        if not self.preview:
            return project.outside_verdicts(claim_id)
        return [
            v
            for v in project.claim_verdicts(claim_id)
            if not project.is_ours(v) and v.reviewer in project.reviewers
        ]

    def status_label(self, verdict: Verdict) -> str:
        """The preview's words for a verdict's status ("" on the public site)."""
        if not self.preview:
            return ""
        label = self._status_labels.get(verdict.path)
        if label is None:
            if is_ruling(self.project, verdict):
                label = self.words.plain("status_ruling")
            elif not self.project.is_ours(verdict):
                # (as the table writes it: lower-casing would break German nouns)
                status = self.words.plain(f"status_{verdict.status}")
                label = self.words.plain("status_outside", status=status)
            else:
                label = self.words.plain(f"status_{verdict.status}")
            self._status_labels[verdict.path] = label
        return label

    # -- claims ------------------------------------------------------------------------------

    def claim(self, claim_id: str) -> ClaimView:
        view = self._claims.get(claim_id)
        if view is None:
            view = self._claims[claim_id] = self.interner.intern(
                ("claim", claim_id), self._claim(self.project.claims[claim_id])
            )
        return view

    def _claim(self, claim: Claim) -> ClaimView:
        published = claim.state is State.PUBLISHED and claim.rating is not None
        rating = self.ratings.get(claim.rating or "") if published else None
        verdicts = self.published_verdicts(claim.id) if published else []
        headline = verdicts[0].headline if verdicts else None
        # The latest approving verdict's date, kept as written (a date stays a date).
        dated = [v.date for v in verdicts if v.date is not None]
        latest = max(dated, key=self.instant) if dated else None
        article = self.article_ref(claim.article)
        claim_date = claim.date or (article.published if article else None)
        appearances: list[dict[str, str | None]] = [
            {"url": a.url, "title": a.title} for a in claim.appearances
        ]
        if article and article.source_url:
            appearances.insert(
                0, {"url": article.source_url, "title": article.outlet or article.title}
            )
        withdrawn = (
            claim.withdrawn.date
            if claim.state is State.WITHDRAWN and claim.withdrawn is not None
            else None
        )
        if self.preview:
            state = claim.state.value
            label = rating.label if rating else self.state_label(state)
        else:
            state = claim.state.value if published or withdrawn else PUBLIC_PENDING_STATE
            label = (
                rating.label
                if rating
                else self.state_label(state)
                if withdrawn
                else self.words.plain("under_review")
            )
        entries = self.correction_records(claim)
        updated = max((c.date for c, _ in entries), key=self.instant) if entries else None
        return ClaimView(
            id=claim.id,
            url=urls.claim(claim.id),
            summary=claim.summary,
            claimant=claim.claimant,
            state=state,
            published=published,
            rating=rating,
            headline=headline,
            date=latest,
            claim_date=claim_date,
            tags=claim.tags,
            article=article,
            quote=claim.quote,
            context=self._context(claim),
            appearances=appearances,
            tone=rating.tone if rating else "withdrawn" if withdrawn else "pending",
            label=label,
            review=self._review(claim) if self.preview else None,
            updated=updated,
            withdrawn=withdrawn,
            language=self.language_of(claim),
            claimant_url=(
                urls.claimant(claim.claimant_id)
                if claim.claimant_id in self.claimant_pages
                else None
            ),
            media=media_views(claim.media, self.words) if published or self.preview else (),
            media_rating=self.media_ratings.get(claim.media_rating or "") if published else None,
        )

    # -- corrections and withdrawals --------------------------------------------------------

    def modified(self, claim: ClaimView) -> Date | None:
        """When a check last changed after it was published: its latest correction entry, or
        its withdrawal if that is later (None with neither: its ``date`` is its last change).
        The one rule for ClaimReview ``dateModified`` (page and data feed) and the sitemap's
        ``lastmod``."""
        dates = [d for d in (claim.updated, claim.withdrawn) if d is not None]
        return max(dates, key=self.instant) if dates else None

    def log_updated(self) -> Date | None:
        """The date of the corrections log's newest entry (None while it has none)."""
        dates = [d for c in self.project.claims if (d := self.modified(self.claim(c)))]
        return max(dates, key=self.instant) if dates else None

    def correction_records(self, claim: Claim) -> list[tuple[Correction, Verdict | None]]:
        """The entries of ``claim`` shown to readers (factcheck.review.published_corrections),
        each with the verdict it is on; in the preview, those of every verdict shown there."""
        if not self.preview:
            return published_corrections(self.project, claim)
        entries: list[tuple[Correction, Verdict | None]] = [(c, None) for c in claim.corrections]
        for verdict in self.shown_verdicts(claim.id):
            entries.extend((c, verdict) for c in verdict.corrections)
        return entries

    def corrections(self, claim_id: str, page_path: str) -> list[CorrectionView]:
        """A check's updates and corrections for the page at ``page_path``, newest first."""
        claim = self.project.claims[claim_id]
        records = self.correction_records(claim)
        # Anchors by date, the oldest entry of a day first: adding a newer entry later leaves
        # every existing link to an entry as it was.
        chronological = sorted(
            range(len(records)), key=lambda i: (self.instant(records[i][0].date), i)
        )
        anchors: dict[int, str] = {}
        seen: dict[str, int] = {}
        for i in chronological:
            day = _day(records[i][0].date)
            seen[day] = seen.get(day, 0) + 1
            anchors[i] = f"correction-{day}" + (f"-{seen[day]}" if seen[day] > 1 else "")
        view = self.claim(claim_id)
        out: list[CorrectionView] = []
        for i in reversed(chronological):
            entry, verdict = records[i]
            reviewer = (
                self.person(verdict.reviewer)
                if verdict is not None and verdict.reviewer in self.project.reviewers
                else None
            )
            out.append(
                CorrectionView(
                    claim=view,
                    date=entry.date,
                    kind=entry.kind,
                    kind_label=self.words.plain(CORRECTION_KIND_KEYS[entry.kind]),
                    html=self.body(entry.parsed, page_path),
                    anchor=anchors[i],
                    reviewer=reviewer,
                    status_label=self.status_label(verdict) if verdict is not None else "",
                )
            )
        return out

    def withdrawal(self, claim_id: str, page_path: str) -> WithdrawalView | None:
        """Why and when the check was withdrawn, for the page at ``page_path`` (None unless
        it was)."""
        claim = self.project.claims[claim_id]
        if claim.state is not State.WITHDRAWN or claim.withdrawn is None:
            return None
        return WithdrawalView(claim.withdrawn.date, self.body(claim.withdrawn.parsed, page_path))

    def correction_log(self, page_path: str) -> list[CorrectionView]:
        """Every entry of every check readers may see, and every withdrawal, newest first:
        the site's corrections page and feed."""
        entries: list[CorrectionView] = []
        for claim_id in sorted(self.project.claims):
            entries.extend(self.corrections(claim_id, page_path))
            withdrawal = self.withdrawal(claim_id, page_path)
            if withdrawal is not None:
                entries.append(
                    CorrectionView(
                        claim=self.claim(claim_id),
                        date=withdrawal.date,
                        kind="withdrawal",
                        kind_label=self.words.plain(CORRECTION_KIND_KEYS["withdrawal"]),
                        html=withdrawal.html,
                        anchor="withdrawn",
                    )
                )
        # Stable: entries of one claim and date stay newest first, claims by id.
        return sorted(entries, key=lambda e: self.instant(e.date), reverse=True)

    def _review(self, claim: Claim) -> ReviewView:
        result = standing_of(self.project, claim)
        paths = [f"{claim.path}:{claim.position.line}", *claim.verdicts]
        return ReviewView(
            state=claim.state.value,
            state_label=self.state_label(claim.state.value),
            outlook=result.outlook,
            needs=result.needs,
            prospect=self.ratings.get(result.prospect or ""),
            disagreement=tuple(self.ratings[r] for r in result.disagreement if r in self.ratings),
            paths=tuple(paths),
        )

    def _context(self, claim: Claim) -> tuple[str, str, str] | None:
        if claim.article is None or claim.span is None:
            return None
        parsed = self.project.articles[claim.article].doc.tree
        text = parsed.text()
        start, end = claim.span.start, claim.span.end
        block_start = text.rfind("\u2029", 0, start) + 1
        block_end = text.find("\u2029", end)
        block_end = len(text) if block_end < 0 else block_end
        sentence_start = block_start
        for match in SENTENCE_END.finditer(text, block_start, start):
            sentence_start = match.end()
        after = SENTENCE_END.search(text, end, block_end)
        sentence_end = after.end() if after else block_end
        return (
            " ".join(text[sentence_start:start].split())
            + (" " if text[start - 1 : start].isspace() else ""),
            " ".join(text[start:end].split()),
            (" " if text[end : end + 1].isspace() else "")
            + " ".join(text[end:sentence_end].split()),
        )

    def claims_by_date(self) -> list[ClaimView]:
        """Published claims, the latest check first."""
        views = [
            self.claim(c)
            for c in self.project.claims
            if self.project.claims[c].state is State.PUBLISHED
        ]
        return sorted(views, key=lambda v: (_sortable(v.date), v.id), reverse=True)

    # -- rendering bodies --------------------------------------------------------------------

    def body(
        self, parsed: Parsed | None, page_path: str, citations: dict[str, int] | None = None
    ) -> Markup:
        """A Markdown body as HTML for the page at ``page_path``."""
        if parsed is None:
            return Markup("")
        root = urls.root_of(page_path)
        numbers = tuple(citations.items()) if citations is not None else None
        # (The word of an unnumbered citation is in the key: the language may change between
        # two builds of a preview that keep this memo.)
        source = self.words.plain("citation_source")
        return self.memo.render(
            parsed,
            ("body", root, numbers, source),
            self._lookups(parsed),
            lambda: Markup(
                render(
                    parsed,
                    render_citation=self._citation(root, citations, source),
                    render_claim_link=self._claim_link(root),
                )
            ),
        )

    def _lookups(self, parsed: Parsed) -> tuple[tuple[str | None, ...], tuple[str | None, ...]]:
        """Everything rendering ``parsed`` looks up in the project: the title of each evidence
        item it cites and the summary of each claim it links (None where there is none)."""
        evidence, claims = self.project.evidence, self.project.claims
        return (
            tuple(evidence[i].title if i in evidence else None for i, _ in parsed.citations),
            tuple(claims[i].summary if i in claims else None for i, _ in parsed.claim_links),
        )

    def _citation(self, root: str, numbers: dict[str, int] | None, source: str) -> Any:
        """How a citation renders: its number in the page's sources, or, where the page has no
        list of sources (a correction's note, an evidence item's notes), a link to the source's
        own page that says ``source`` (the theme's word)."""

        def render_citation(ident: str) -> str:
            if ident not in self.project.evidence:
                return ""
            title = _attr(self.project.evidence[ident].title)
            if numbers is not None and ident in numbers:
                n = numbers[ident]
                return (
                    f'<sup class="citation"><a href="#source-{n}" title="{title}">[{n}]</a></sup>'
                )
            return (
                f'<sup class="citation"><a href="{root}{urls.evidence(ident)}" '
                f'title="{title}">[{_attr(source)}]</a></sup>'
            )

        return render_citation

    def _claim_link(self, root: str) -> Any:
        def render_claim_link(ident: str, text: str | None) -> str:
            claim = self.project.claims.get(ident)
            if claim is None:
                return _attr(text or ident)
            return (
                f'<a class="claim-link" href="{root}{urls.claim(ident)}">'
                f"{_attr(text or claim.summary)}</a>"
            )

        return render_claim_link

    def numbered_sources(
        self, verdicts: list[Verdict]
    ) -> tuple[dict[str, int], list[EvidenceView]]:
        """The notes of a page that shows ``verdicts``, in that order: each evidence item's
        number, in order of first mention (the citations in each verdict's reasoning in the
        order they are read, then the evidence its front matter lists and the text does not
        cite), and the numbered source list. The one place note numbers are made."""
        numbers: dict[str, int] = {}
        for verdict in verdicts:
            parsed: Parsed | None = verdict.doc.parsed
            cited = [ident for ident, _ in parsed.citations] if parsed is not None else []
            for evidence_id in [*cited, *verdict.evidence]:
                if evidence_id in self.project.evidence:
                    numbers.setdefault(evidence_id, len(numbers) + 1)
        return numbers, [self.evidence_view(e, n) for e, n in numbers.items()]

    def verdict(
        self, verdict: Verdict, page_path: str, numbers: dict[str, int] | None
    ) -> VerdictView:
        return VerdictView(
            reviewer=self.person(verdict.reviewer),
            rating=self.ratings.get(verdict.rating),
            date=verdict.date,
            headline=verdict.headline,
            final=verdict.final,
            html=self.body(verdict.doc.parsed, page_path, numbers),
            original_rating=verdict.original_rating,
            source_url=verdict.source_url,
            status=verdict.status,
            status_label=self.status_label(verdict),
            path=verdict.path if self.preview else None,
            media_rating=self.media_ratings.get(verdict.media_rating or ""),
        )

    def article_body(self, article_id: str, page_path: str) -> tuple[Markup, list[ClaimView]]:
        """The article's HTML with its claims marked, and the claims in note order. A withdrawn
        check's claim is not marked (the preview marks it)."""
        article = self.project.articles[article_id]
        placed = sorted(
            (
                self.project.claims[c]
                for c in article.claims
                if c in self.project.claims
                and self.project.claims[c].span
                and (self.preview or self.project.claims[c].state is not State.WITHDRAWN)
            ),
            key=lambda c: (c.span.start if c.span else 0, c.id),
        )
        notes = [self.claim(c.id) for c in placed]
        marks = [
            Mark(c.id, c.span.start, c.span.end, n, v.tone, v.label, v.state)
            for n, (c, v) in enumerate(zip(placed, notes, strict=True), start=1)
            if c.span is not None
        ]
        root = urls.root_of(page_path)
        parsed = article.doc.tree
        source = self.words.plain("citation_source")
        html = self.memo.render(
            parsed,
            ("article", root, tuple(marks), source),
            self._lookups(parsed),
            lambda: Markup(
                render_annotated(
                    parsed,
                    marks,
                    render_citation=self._citation(root, None, source),
                    render_claim_link=self._claim_link(root),
                )
            ),
        )
        return html, notes


def _attr(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def _day(value: Date) -> str:
    """The day of a date or date-time, as written (2026-03-14)."""
    return (value.date() if isinstance(value, dt.datetime) else value).isoformat()


def _sortable(value: Date | None) -> str:
    return "" if value is None else value.isoformat()


@cache
def _english() -> Translations:
    from .i18n import english
    from .theme import theme_dir

    return english(theme_dir())
