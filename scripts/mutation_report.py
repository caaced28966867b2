"""The score of a mutmut run over the publication rules, per module, with every survivor's diff.

    python scripts/mutation_report.py PATTERN...      (run by scripts/mutation.sh)

Reads mutmut's results in mutants/ for the mutants whose names match the PATTERNs (those that
scripts/mutation.sh ran). A mutant is killed by a test, or listed in :data:`EXPLAINED` as
equivalent (nothing can tell it from the original) or safe (it can only show less or refuse
more, never publish what is unpublished), with the reason; anything else fails the run (exit
1), as does a mutant that no test reached or that was not run. See docs/security.md, section 9.
"""

from __future__ import annotations

import fnmatch
import json
import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

MUTANTS = Path("mutants")

STATUS = {
    1: "killed",
    3: "killed",
    0: "survived",
    5: "no tests",
    33: "no tests",
    None: "not run",
    36: "timeout",
    24: "timeout",
    -24: "timeout",
    152: "timeout",
    255: "timeout",
    37: "type check",
}
"""mutmut's exit codes (mutmut/stats.py), as this report counts them."""


@dataclass(frozen=True)
class Explained:
    function: str
    """The mutated function, as mutmut names it (without ``__mutmut_N``)."""
    change: str
    """The mutated line, as the diff shows it after ``+`` (whitespace stripped)."""
    kind: str
    """"equivalent": no project that builds can tell it from the original; "harmless": it
    changes something (an order, a count, a cache), but publishes nothing unpublished."""
    reason: str


VIEWS = "factcheck.views.xǁSiteViewsǁ"
ARTICLE_BODY = VIEWS + "article_body"
NOT_ONE_CLAIM_MISSING = "every claim an article lists is in the project (an id is checked)"
PLACED = (
    "in a project that builds every claim of an article is placed (a quote not found is an error)"
)
SAME_LENGTH = "notes are made from placed, one for each: the lists are as long"
PUBLISHED_HAS_RATING = (
    "a published claim always has a rating and at least one published verdict (its ruling "
    "or its approvals), so the fallback is never taken"
)
MEMO = (
    "a memo across rebuilds (the preview server's) or within a build, disabled or keyed more "
    "loosely: the value is computed again each time, the same (only slower)"
)
LINE_CACHE = "the export-line cache never hits: each line made afresh, the same bytes (only slower)"

EXPLAINED = (
    [
        Explained(
            "factcheck.readiness.x_base_url_problem",
            "diags.error(project.config.path, None, message, hint)",
            "equivalent",
            "a diagnostic without a place is put at 1:1, the place given",
        ),
        Explained(
            "factcheck.readiness.x_base_url_problem",
            "diags.warning(project.config.path, None, message, hint)",
            "equivalent",
            "a diagnostic without a place is put at 1:1, the place given",
        ),
        Explained(
            "factcheck.readiness.x_sample_files",
            'head = handle.read(None).decode("utf-8", "replace")',
            "harmless",
            "reads the whole file, not its first 4 KiB: finds more markers (refuses more)",
        ),
        Explained(
            "factcheck.readiness.x_sample_files",
            'head = handle.read(_HEAD_BYTES).decode("UTF-8", "replace")',
            "equivalent",
            "codec names are not case-sensitive",
        ),
        Explained(
            "factcheck.readiness.x_sample_files",
            'found.append((path, head.count("\\n", None, at) + 1))',
            "equivalent",
            "a start of None is the start of the text",
        ),
        Explained(
            VIEWS + "_review",
            "result = standing_of(None, claim)",
            "equivalent",
            "every claim's standing is set by cross-referencing before a view is made, so "
            "the project is not read",
        ),
        Explained(
            VIEWS + "_review",
            'prospect=self.ratings.get(result.prospect or "XXXX"),',
            "equivalent",
            "no rating is called XXXX: the lookup misses either way",
        ),
        Explained(
            ARTICLE_BODY,
            "if c in self.project.claims or self.project.claims[c].span",
            "equivalent",
            NOT_ONE_CLAIM_MISSING,
        ),
        Explained(
            ARTICLE_BODY,
            "key=lambda c: (c.span.start if (c.span) or True else 0, c.id),",
            "equivalent",
            "only claims with a place are sorted",
        ),
        Explained(
            ARTICLE_BODY,
            "key=lambda c: (c.span.start if c.span else 1, c.id),",
            "equivalent",
            "only claims with a place are sorted",
        ),
        Explained(
            ARTICLE_BODY,
            "for n, (c, v) in enumerate(zip(placed, notes, strict=None), start=1)",
            "equivalent",
            SAME_LENGTH,
        ),
        Explained(
            ARTICLE_BODY,
            "for n, (c, v) in enumerate(zip(placed, notes, ), start=1)",
            "equivalent",
            SAME_LENGTH,
        ),
        Explained(
            ARTICLE_BODY,
            "for n, (c, v) in enumerate(zip(placed, notes, strict=False), start=1)",
            "equivalent",
            SAME_LENGTH,
        ),
        Explained(
            ARTICLE_BODY,
            "None,",
            "harmless",
            "the memo of a rendered article body across rebuilds (the preview server's) "
            "keyed more loosely: an article's body may be another's or show an old evidence "
            "title after a rebuild; the key still holds every mark (each claim's state and "
            "label), so no claim's standing can be stale, and bodies are public text",
        ),
        Explained(
            ARTICLE_BODY,
            '("XXarticleXX", root, tuple(marks)),',
            "equivalent",
            "a memo key's tag, distinct from the other tags either way",
        ),
        Explained(
            ARTICLE_BODY,
            '("ARTICLE", root, tuple(marks)),',
            "equivalent",
            "a memo key's tag, distinct from the other tags either way",
        ),
        Explained("factcheck.pages.x__article_page", "views.claim(None)", "equivalent", PLACED),
        Explained(
            "factcheck.pages.x__article_page",
            "if c not in views.project.claims and views.project.claims[c].span is None",
            "equivalent",
            PLACED,
        ),
        Explained("factcheck.exports.x__line", "entry = None", "equivalent", LINE_CACHE),
        Explained(
            "factcheck.exports.x__line",
            "entry = views.export_lines.get(None)",
            "equivalent",
            LINE_CACHE,
        ),
        Explained(
            "factcheck.exports.x__line",
            "if entry is None or entry[1] is not claim:",
            "equivalent",
            LINE_CACHE,
        ),
        Explained(
            "factcheck.exports.x__line",
            "views.export_lines.keep(None, entry)",
            "equivalent",
            LINE_CACHE,
        ),
        Explained(
            "factcheck.exports.x__line",
            "views.export_lines.keep(key, None)",
            "equivalent",
            LINE_CACHE,
        ),
        Explained(
            "factcheck.pages.x_site_context",
            "if claim.state is State.PUBLISHED or claim.rating:",
            "equivalent",
            "a claim has a rating only when it is published (review.standing)",
        ),
        Explained(
            "factcheck.pages.x_site_context",
            "(p for p in project.pages.values() if p.menu), "
            "key=lambda p: (p.weight, p.title.upper())",
            "harmless",
            "the menu's order of titles that differ only where _ meets a letter",
        ),
        Explained(
            "factcheck.pages.x_site_context",
            "for p in sorted(project.pages.values(), key=lambda p: (p.weight, p.title.upper()))",
            "harmless",
            "the footer's order of titles that differ only where _ meets a letter",
        ),
        Explained(
            "factcheck.pages.x_site_context",
            "counts[claim.rating] = 1",
            "harmless",
            "the ratings page counts 1 for a rating that more claims have; of published claims",
        ),
    ]
    + [
        Explained(
            "factcheck.pages.x_site_context",
            change,
            "harmless",
            "whether the logo is an address of its own (the project has none): only where the "
            "theme looks for it",
        )
        for change in (
            "None",
            "and config.organization.logo.startswith(None)",
            'and config.organization.logo.startswith(("XXhttp://XX", "https://"))',
            'and config.organization.logo.startswith(("HTTP://", "https://"))',
            'and config.organization.logo.startswith(("http://", "XXhttps://XX"))',
            'and config.organization.logo.startswith(("http://", "HTTPS://"))',
        )
    ]
    + [
        Explained(
            "factcheck.exports.x_data_feed",
            change,
            "harmless",
            "the same JSON, written with or without escapes for non-ASCII characters",
        )
        for change in (
            "return json.dumps(item, ensure_ascii=None)",
            "return json.dumps(item, )",
            "return json.dumps(item, ensure_ascii=True)",
            "head = json.dumps(feed, ensure_ascii=None)",
            "head = json.dumps(feed, )",
            "head = json.dumps(feed, ensure_ascii=True)",
        )
    ]
    + [
        Explained(
            "factcheck.exports.x_data_feed",
            change,
            "equivalent",
            "the export-line cache's key for this export, still distinct from claims.csv's",
        )
        for change in (
            "if (line := _line(views, None, claim, partial(element, claim)))",
            'if (line := _line(views, "XXclaimreview.jsonXX", claim, partial(element, claim)))',
            'if (line := _line(views, "CLAIMREVIEW.JSON", claim, partial(element, claim)))',
        )
    ]
    + [
        Explained(
            "factcheck.exports.x_data_feed",
            'body = "[\\n" + ",\\n".join(lines) + "\\n]}" if (lines) or True else "[]}"',
            "harmless",
            "an empty feed's list written with two line breaks inside: the same JSON",
        ),
        Explained(
            "factcheck.pages.x__related",
            "def _related(views: SiteViews, claim: ClaimView, limit: int = 6) -> list[ClaimView]:",
            "harmless",
            "up to six related claims, not five (each a published one)",
        ),
        Explained(
            "factcheck.pages.x__related",
            "scores[other] = 3",
            "harmless",
            "the order of related claims (each a published one)",
        ),
        Explained(
            "factcheck.pages.x__related",
            "scores[other] += 4",
            "harmless",
            "the order of related claims (each a published one)",
        ),
        Explained(
            "factcheck.pages.x__related",
            "scores[other] = 2",
            "harmless",
            "the order of related claims (each a published one)",
        ),
    ]
    + [
        Explained(
            "factcheck.pages.x__related",
            change,
            "harmless",
            "the memo of related claims across rebuilds (the preview server's) keyed more loosely "
            "or not at all: a ranking may be recomputed or kept after a link's claim changed; "
            "every claim ranked is taken from the published claims' index (_related_index), and "
            "its view carries nothing unpublished",
        )
        for change in (
            "inputs = None",
            "v.claim in project.claims or project.claims[v.claim].state is State.PUBLISHED,",
            "v.claim not in project.claims and project.claims[v.claim].state is State.PUBLISHED,",
            "v.claim in project.claims and project.claims[v.claim].state is not State.PUBLISHED,",
            "ranked = None",
            "ranked = views.related_memo.get(None, inputs)",
            "ranked = views.related_memo.get(claim.id, None)",
        )
    ]
    + [
        Explained(
            "factcheck.readiness.x__unpublished",
            change,
            "equivalent",
            "every state that reaches here (disputed, in review, unreviewed) is in the table, "
            "and State is a StrEnum, so its value finds the same entry",
        )
        for change in (
            'f"{_STATE_WORDS.get(claim.state, None)}: its check would disappear "',
            'f"{_STATE_WORDS.get(claim.state.value)}: its check would disappear "',
            'f"{_STATE_WORDS.get(claim.state, )}: its check would disappear "',
        )
    ]
    + [
        Explained(function, change, "equivalent", PUBLISHED_HAS_RATING)
        for function, change in (
            (
                "factcheck.readiness.x__rating_changed",
                'new = label(project, claim.rating or "XXXX")',
            ),
            (
                "factcheck.readiness.x_published_record_problems",
                'project, review.rating, claim.rating or "XXXX"',
            ),
            (
                "factcheck.readiness.x__rating_changed",
                '(source.path, source.doc.pos("rating")) if (source is not None) or True else '
                "(claim.path, None)",
            ),
            (
                "factcheck.readiness.x__rating_source",
                "return ranked[-1] if (ranked) or True else None",
            ),
            (
                "factcheck.readiness.x__same_rating",
                "names = {rating_id, rating.label if (rating is not None) or True else rating_id}",
            ),
        )
    ]
    + [
        Explained(
            "factcheck.readiness.x__when",
            change,
            "equivalent",
            "only the date is shown, and _instant never moves a time to another zone (it gives "
            "a zone to a time without one): the date is the same with any zone or none",
        )
        for change in (
            "published = _instant(review.published, None)",
            "modified = _instant(review.modified, None)",
        )
    ]
    + [
        Explained(
            "factcheck.readiness.x__when",
            'words = f" on {format_date(published.date())}"',
            "equivalent",
            "words is empty before this line: = and += give the same text",
        ),
        Explained(
            "factcheck.readiness.x_published_record_problems",
            "now = now or dt.datetime.now(None)",
            "harmless",
            "without a given time (publish, check), the suggested entry is dated in the "
            "machine's zone instead of the project's: it changes the date a hint proposes, "
            "never what is compared or refused",
        ),
        Explained(
            "factcheck.readiness.x_published_record_problems",
            "None,",
            "equivalent",
            "a diagnostic without a place is put at 1:1, the place given",
        ),
    ]
    + [
        Explained("factcheck.pages.x__article_page", change, "equivalent", PLACED)
        for change in (
            "views.claim(None)",
            "if listed(views, None) and views.project.claims[c].span is None",
        )
    ]
    + [
        Explained("factcheck.pages.x__related", change, "equivalent", reason)
        for change, reason in (
            (
                "(c for c, s in scores.items() if s >= 0 and project.claims[c].state is "
                "State.PUBLISHED),",
                "every score is a sum of positive weights: none is 0",
            ),
            (
                "(c for c, s in scores.items() if s > 1 and project.claims[c].state is "
                "State.PUBLISHED),",
                "every score is at least 2 (the smallest weight): none is 1",
            ),
        )
    ]
    + [
        Explained(
            "factcheck.pages.x__related",
            "if verdict.claim not in project.claims and verdict.approved:",
            "harmless",
            "in a project that builds every linking verdict's claim is in it, so this drops the "
            "weight of links: fewer or other published claims related, never an unpublished one "
            "(the candidates are filtered to published claims after scoring)",
        ),
    ]
    + [
        Explained("factcheck.pages.x__related_index", change, "harmless", MEMO)
        for change in ("views.related_index = None", "views.related_memo.start(None)")
    ]
    + [
        Explained("factcheck.views.xǁSiteViewsǁstatus_label", change, "harmless", MEMO)
        for change in (
            "label = None",
            "label = self._status_labels.get(None)",
            "self._status_labels[verdict.path] = None",
        )
    ]
    + [
        Explained(
            "factcheck.views.xǁSiteViewsǁarticle_body",
            change,
            "equivalent",
            "the tag of the article's key in the body memo: any other tag keys the same entries",
        )
        for change in (
            '("XXarticleXX", root, tuple(marks), source),',
            '("ARTICLE", root, tuple(marks), source),',
        )
    ]
    + [
        Explained(
            "factcheck.views.xǁSiteViewsǁnumbered_sources",
            "cited = [ident for ident, _ in parsed.citations] if (parsed is not None) or True "
            "else []",
            "equivalent",
            "every verdict of a project that builds has its body parsed before views are made",
        ),
        Explained(
            "factcheck.review.x_label",
            "return rating.label if (rating is not None) or True else rating_id",
            "equivalent",
            "a rating id reaches here only from a project that builds: every rating is in the "
            "scale",
        ),
        Explained(
            "factcheck.pages.x__claim_page",
            "verdict_records = views.shown_verdicts(claim.id) if (claim.published or "
            "views.preview) or True else []",
            "equivalent",
            "a second guard: outside the preview shown_verdicts is published_verdicts, empty for "
            "a claim that is not published (views.published_verdicts is mutated on its own)",
        ),
        Explained(
            "factcheck.pages.x__claim_page",
            "if claim.published or claim.headline",
            "equivalent",
            "a claim's view has a headline only when the claim is published (views._claim)",
        ),
        Explained(
            "factcheck.exports.x__claim_review",
            "if not claim.published and claim.rating is None:",
            "equivalent",
            "a claim's view has a rating only when the claim is published (views._claim): "
            "'not published' and 'no rating' go together",
        ),
    ]
    + [
        Explained(
            "factcheck.review.x__media_standing",
            change,
            "equivalent",
            "the outlook of a published claim says 'published as' once, and a published claim "
            "always has a rating: replacing every occurrence, or the fallback, is the same",
        )
        for change in (
            ")",
            "2,",
            '"published as " + label(project, result.rating or "XXXX"),',
            "f\"published as {label(project, result.rating or 'XXXX')} (media: \"",
        )
    ]
    + [
        Explained("factcheck.views.xǁSiteViewsǁclaim", change, "harmless", MEMO)
        for change in (
            "view = None",
            "view = self._claims.get(None)",
            "None, self._claim(self.project.claims[claim_id])",
            '("XXclaimXX", claim_id), self._claim(self.project.claims[claim_id])',
            '("CLAIM", claim_id), self._claim(self.project.claims[claim_id])',
        )
    ]
    + [
        Explained(
            "factcheck.views.xǁSiteViewsǁ_claim",
            change,
            "equivalent",
            "a claim has a rating only when the rules publish it (review.Standing.rating), so "
            "'published' and 'has a rating' go together, and an unpublished claim has no "
            "published verdicts (views.published_verdicts, mutated on its own): a second guard",
        )
        for change in (
            "published = claim.state is State.PUBLISHED or claim.rating is not None",
            'rating = self.ratings.get(claim.rating or "") if (published) or True else None',
            'rating = self.ratings.get(claim.rating or "XXXX") if published else None',
            "verdicts = self.published_verdicts(claim.id) if (published) or True else []",
            "if claim.state is State.WITHDRAWN or claim.withdrawn is not None",
        )
    ]
    + [
        Explained(
            "factcheck.views.xǁSiteViewsǁ_claim",
            '1, {"url": article.source_url, "title": article.outlet or article.title}',
            "harmless",
            "the order of a claim's appearances: its article's source second, not first",
        ),
        Explained(
            "factcheck.pages.x__reviewer_pages",
            "break",
            "equivalent",
            "in a project that builds every verdict names a claim of the project (an unknown "
            "claim id is an error), so the loop never meets a missing one",
        ),
    ]
    + [
        Explained(
            "factcheck.crossref.x__check_shows_its_work",
            change,
            "equivalent",
            "an approved verdict always has its 'status:' key (no status is a draft), so the "
            "fallback place is never taken",
        )
        for change in (
            'doc.meta.key("status") or doc.pos(None),',
            'doc.meta.key("status") or doc.pos("XXstatusXX"),',
            'doc.meta.key("status") or doc.pos("STATUS"),',
        )
    ]
    + [
        Explained(
            "factcheck.review.x_standing",
            "return _media_standing(project, claim, result) if (claim.media) or True else result",
            "equivalent",
            "a claim without media has verdicts without a media rating (check refuses one): "
            "the media rules find none and change nothing",
        ),
    ]
    + [
        Explained(
            "factcheck.review.x__standing",
            change,
            "equivalent",
            "here the claim has verdicts of ours, each with a rating (a verdict without one is "
            "an error), so there is always a rating to name",
        )
        for change in (
            "prospect = every_rating[0] if (every_rating) or True else None",
            "if (prospect) or True",
        )
    ]
    + [
        Explained(
            "factcheck.pages.x_page_specs",
            'lambda chunk, n: {"published": chunk, "pending": pending if (n == 1) or True else '
            "[]},",
            "harmless",
            "the claims under review (their summaries, which every claim page shows) listed on "
            "every page of the fact-check list instead of the first only",
        ),
    ]
    + [
        Explained("factcheck.crossref.x_cross_reference", change, "harmless", MEMO)
        for change in (
            "_parse_bodies(project, diags, None)",
            "_parse_notes(project, diags, None)",
            "_anchor_claims(project, article, diags, None)",
            "claim.standing = None",
        )
    ]
    + [
        Explained(
            "factcheck.crossref.x_cross_reference",
            "None,",
            "harmless",
            "the place of the warning about rulings that disagree: the top of the claim's file "
            "instead of the claim itself (the same for a claim file, line 1 of the article for "
            "an article's claim); the claim stays disputed",
        ),
    ]
    + [
        Explained(
            "factcheck.loader.x__verdict",
            change,
            "equivalent",
            "without 'what' an id is named by its key, and the key of the rating is 'rating'",
        )
        for change in (
            'rating = f.ident("rating", required=True, what=None)',
            'rating = f.ident("rating", required=True, )',
        )
    ]
    + [
        Explained(
            "factcheck.views.xǁSiteViewsǁ_claim",
            change,
            "equivalent",
            "a claim has a media rating only when the rules publish it (review.Standing."
            "media_rating), and a published one without any is looked up as '' or 'XXXX' alike: "
            "neither is on the scale",
        )
        for change in (
            'media_rating=self.media_ratings.get(claim.media_rating or "") if (published) or '
            "True else None,",
            'media_rating=self.media_ratings.get(claim.media_rating or "XXXX") if published else '
            "None,",
        )
    ]
    + [
        Explained(
            "factcheck.pages.x_page_specs",
            'return {"tag": {**tag, "claims": chunk, "articles": tag["articles"] if (n == 1) or '
            "True else []}}",
            "harmless",
            "a topic's articles (each one public) listed on every page of the topic instead of "
            "the first only",
        ),
    ]
    + [
        Explained(
            "factcheck.views.xǁSiteViewsǁpublished_verdicts",
            change,
            "harmless",
            "the order of a published claim's published verdicts (which comes first, and so "
            "whose headline leads): every one of them is published",
        )
        for change in (
            "ruling = None",
            'verdicts, key=lambda v: (v.path != ruling, v.date is not None, str(v.date or ""), '
            "v.path)",
            "verdicts, key=lambda v: (v.path != ruling, v.date is None, str(v.date or "
            '"XXXX"), v.path)',
        )
    ]
    + [
        Explained(
            "factcheck.views.xǁSiteViewsǁshown_verdicts",
            change,
            "harmless",
            "the order of the verdicts in the review preview (preview only: the public site "
            "shows published_verdicts)",
        )
        for change in (
            "is_ruling(project, v),",
            "_STATUS_ORDER.get(v.status, None),",
            "_STATUS_ORDER.get(v.status, ),",
            "_STATUS_ORDER.get(v.status, 4),",
            "v.date is not None,",
            'str(v.date or "XXXX"),',
        )
    ]
    + [
        Explained("factcheck.pages.x__related", change, "harmless", MEMO)
        for change in (
            "views.related_memo.keep(None, inputs, ranked)",
            "views.related_memo.keep(claim.id, None, ranked)",
            "views.related_memo.keep(claim.id, inputs, None)",
        )
    ]
    + [
        Explained(
            "factcheck.pages.x__related",
            "scores[verdict.claim] += 5",
            "harmless",
            "a link weighs 5 instead of 4: another order among published claims (the test's "
            "claims keep theirs, as no score then ties)",
        ),
    ]
    + [
        Explained(
            "factcheck.readiness.x__rating_source",
            change,
            "harmless",
            "which of several approved verdicts the suggested entry names when some are "
            "undated: a hint's place, never what is compared or refused",
        )
        for change in (
            'key=lambda v: (bool(v.corrections), v.date is None, str(v.date or ""), v.path),',
            'key=lambda v: (bool(v.corrections), v.date is not None, str(v.date or "XXXX"), '
            "v.path),",
        )
    ]
    + [
        Explained(
            "factcheck.views.xǁSiteViewsǁverdict",
            change,
            "harmless",
            "a published media verdict's rating of the media (what a published check says, "
            "shown only for a published claim; tests/test_media.py checks it, outside "
            "mutmut's fast selection): nothing unpublished",
        )
        for change in (
            "media_rating=None,",
            ")",
            "media_rating=self.media_ratings.get(None),",
            'media_rating=self.media_ratings.get(verdict.media_rating and ""),',
            'media_rating=self.media_ratings.get(verdict.media_rating or "XXXX"),',
        )
    ]
    + [
        Explained(
            "factcheck.pages.x__evidence_page",
            '"status_label": views.status_label(None),',
            "harmless",
            "the public site asks for no status label (it is empty there before the verdict is "
            "read); the preview would fail to build",
        ),
    ]
)
"""Survivors that are not killed, each with its reason, matched by function and mutated line
(not by number: mutmut numbers mutants afresh when a function changes)."""


def matches(name: str, patterns: list[str]) -> bool:
    return any(name == p or fnmatch.fnmatch(name, p) for p in patterns)


def function_of(name: str) -> str:
    return re.sub(r"__mutmut_\d+$", "", name)


def module_of(name: str) -> str:
    return name.split(".x")[0] if ".x" in name else name.rsplit(".", 1)[0]


def diff(name: str) -> str:
    shown = subprocess.run(
        [sys.executable, "-m", "mutmut", "show", name], capture_output=True, text=True, check=False
    )
    return shown.stdout.strip()


def changed_lines(text: str) -> list[str]:
    return [
        line[1:].strip()
        for line in text.splitlines()
        if line.startswith("+") and not line.startswith("+++")
    ]


def explained(name: str, text: str) -> Explained | None:
    added = changed_lines(text)
    for entry in EXPLAINED:
        if function_of(name) == entry.function and entry.change in added:
            return entry
    return None


def main(patterns: list[str]) -> int:
    results: dict[str, int | None] = {}
    for meta in sorted(MUTANTS.rglob("*.py.meta")):
        codes = json.loads(meta.read_text("utf-8"))["exit_code_by_key"]
        results.update({k: v for k, v in codes.items() if matches(k, patterns)})
    if not results:
        print("mutation_report: no mutants match", patterns)
        return 1
    by_module: dict[str, Counter[str]] = {}
    survivors = []
    for name, code in sorted(results.items()):
        status = STATUS.get(code, f"exit {code}")
        by_module.setdefault(module_of(name), Counter())[status] += 1
        if status != "killed" and status != "timeout":
            survivors.append((name, status))
    failures = 0
    kinds: dict[str, Counter[str]] = {"equivalent": Counter(), "harmless": Counter()}
    not_run: Counter[str] = Counter()
    for name, status in survivors:
        if status == "not run":  # counted per function below, not shown one by one
            not_run[function_of(name)] += 1
            failures += 1
            continue
        text = diff(name)
        entry = explained(name, text) if status == "survived" else None
        if entry is not None:
            kinds[entry.kind][module_of(name)] += 1
            print(f"{entry.kind} {name}: {' '.join(changed_lines(text))}\n    {entry.reason}")
            continue
        failures += 1
        print(f"\n{status.upper()} {name}\n{text}\n")
    for function, count in sorted(not_run.items()):
        print(f"NOT RUN {function}: {count} mutants")
    columns = ("mutants", "killed", "timeout", "equivalent", "harmless", "survived", "other")
    print(f"\n{'module':<20}" + "".join(f"{c:>11}" for c in columns))
    total: Counter[str] = Counter()
    for module, counts in sorted(by_module.items()):
        equivalent, harmless = kinds["equivalent"][module], kinds["harmless"][module]
        row = Counter(
            {
                "mutants": sum(counts.values()),
                "killed": counts["killed"],
                "timeout": counts["timeout"],
                "equivalent": equivalent,
                "harmless": harmless,
                "survived": counts["survived"] - equivalent - harmless,
                "other": sum(
                    n for s, n in counts.items() if s not in ("killed", "timeout", "survived")
                ),
            }
        )
        total.update(row)
        print(f"{module:<20}" + "".join(f"{row[c]:>11}" for c in columns))
    print(f"{'total':<20}" + "".join(f"{total[c]:>11}" for c in columns))
    scored = total["mutants"] - total["equivalent"]
    killed = total["killed"] + total["timeout"]
    score = 100 * killed / scored if scored else 0.0
    print(
        f"score: {killed} of {scored} non-equivalent mutants killed ({score:.1f}%); "
        f"{total['harmless']} harmless survivors; {failures} neither killed nor explained"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
