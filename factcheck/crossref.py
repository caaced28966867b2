"""Cross-referencing: link verdicts, claims, reviewers and evidence, and check every reference.

After :func:`cross_reference` the project is one consistent model: each claim knows its verdicts,
its quote's place in its article and its standing; each evidence item and reviewer knows which
verdicts cite or come from it. Every reference that points nowhere is reported where it was
written, with the closest existing id as a hint.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator

from . import urls
from .anchoring import BLOCK_SEPARATOR, AnchorIndex, Span
from .cache import ReadCache
from .diagnostics import Diagnostics, Position, did_you_mean
from .ids import make_id
from .markdown import Parsed, parse
from .model import (
    Article,
    Claimant,
    Correction,
    Document,
    Project,
    QuoteSpan,
    Reviewer,
    State,
    Verdict,
    Withdrawal,
)
from .review import is_ruling, standing


def cross_reference(project: Project, diags: Diagnostics, cache: ReadCache | None = None) -> None:
    _parse_bodies(project, diags, cache)
    _parse_notes(project, diags, cache)
    for article in project.articles.values():
        _anchor_claims(project, article, diags, cache)
    _link_verdicts(project, diags)
    _check_tag_pages(project, diags)
    _link_claimants(project, diags)
    for claim in project.claims.values():
        result = standing(project, claim)
        claim.state, claim.rating, claim.ruling = result.state, result.rating, result.ruling
        claim.media_rating = result.media_rating
        claim.standing = result
        rulings = [v for v in project.claim_verdicts(claim.id) if is_ruling(project, v)]
        if result.state is State.DISPUTED and rulings:
            diags.warning(
                claim.path,
                claim.position,
                f"claim '{claim.id}' has editor's rulings with different ratings, "
                "so it stays disputed",
                "keep one final verdict, or make the others final: false ("
                + "; ".join(f"{v.path} says '{v.rating}'" for v in rulings)
                + ")",
            )


def documents(project: Project) -> Iterable[Document]:
    """Every content file's document, in kind order."""
    for article in project.articles.values():
        yield article.doc
    for claim in project.claims.values():
        if claim.document is not None:
            yield claim.document
    for verdict in project.verdicts.values():
        yield verdict.doc
    for evidence in project.evidence.values():
        yield evidence.doc
    for reviewer in project.reviewers.values():
        yield reviewer.doc
    for page in project.pages.values():
        yield page.doc


def _parse_bodies(project: Project, diags: Diagnostics, cache: ReadCache | None) -> None:
    for doc in documents(project):
        if cache is None:
            parsed = parse(doc.body, doc.body_line)
        else:
            key = (doc.path, doc.body, doc.body_line)
            cached = cache.bodies.get(key)
            parsed = cached if cached is not None else parse(doc.body, doc.body_line)
            cache.bodies.keep(key, parsed)
        doc.parsed = parsed
        _check_body_references(project, doc.path, parsed, diags)


def _check_body_references(
    project: Project,
    path: str,
    parsed: Parsed,
    diags: Diagnostics,
    *,
    at: Position | None = None,
    within: str = "",
) -> None:
    """Report every citation and claim link of ``parsed`` that points nowhere, and every link
    with a scheme that is not allowed: at its own place, or at ``at`` (a note in front matter),
    saying ``within`` what ("in this note")."""
    for ident, pos in parsed.citations:
        if ident not in project.evidence:
            diags.error(
                path,
                at or pos,
                f"unknown evidence '{ident}' cited as [@{ident}]{within}",
                did_you_mean(ident, project.evidence)
                or "add it under content/evidence/, or fix the id",
            )
    for ident, pos in parsed.claim_links:
        if ident not in project.claims:
            diags.error(
                path,
                at or pos,
                f"unknown claim '{ident}' linked as [[{ident}]]{within}",
                did_you_mean(ident, project.claims),
            )
    for url, problem, pos in parsed.bad_links:
        diags.warning(
            path,
            at or pos,
            f"the link '{url}'{within} is shown as plain text: {problem}",
            "links may be http, https, mailto or relative",
        )


def notes(project: Project) -> Iterator[Correction | Withdrawal]:
    """Every correction and withdrawal written in the project, in kind order."""
    for claim in project.claims.values():
        yield from claim.corrections
        if claim.withdrawn is not None:
            yield claim.withdrawn
    for verdict in project.verdicts.values():
        yield from verdict.corrections


def _parse_notes(project: Project, diags: Diagnostics, cache: ReadCache | None) -> None:
    """Parse the Markdown note of every correction and withdrawal, and check what it cites and
    links. A note is front-matter text, where YAML's folding moves words from the lines they
    were written on: a reference that points nowhere is reported at the note itself."""
    for entry in notes(project):
        line = entry.note_position.line
        key = (f"{entry.path}#note:{entry.position.line}", entry.note, line)
        cached = cache.bodies.get(key) if cache is not None else None
        parsed = cached if cached is not None else parse(entry.note, line)
        if cache is not None:
            cache.bodies.keep(key, parsed)
        entry.parsed = parsed
        _check_body_references(
            project, entry.path, parsed, diags, at=entry.note_position, within=" in this note"
        )


def _anchor_claims(
    project: Project, article: Article, diags: Diagnostics, cache: ReadCache | None
) -> None:
    if not article.claims:
        return
    parsed = article.doc.tree
    body_key = (article.doc.path, article.doc.body, article.doc.body_line)
    index: AnchorIndex | None = None
    for claim_id in article.claims:
        claim = project.claims.get(claim_id)
        if claim is None or claim.article != article.id or claim.quote is None:
            continue
        key = (body_key, claim.quote, claim.prefix, claim.suffix)
        result = cache.anchors.get(key) if cache is not None else None
        if result is None:
            if index is None:
                index = AnchorIndex(parsed.text())
            result = index.find(claim.quote, claim.prefix, claim.suffix)
        if cache is not None:
            cache.anchors.keep(key, result)
        quote_pos = article.doc.pos("claims", claim.index, "quote") or claim.position
        if result.span is None:
            text = parsed.text()
            problem = _problem_words(result.problem, len(result.matches))
            places = [_around(text, span) for span in result.candidates[:3]]
            diags.error(
                article.doc.path,
                quote_pos,
                f"the quote of claim '{claim.id}' {problem}",
                _anchor_hint(result.problem, result.closest, places),
            )
            continue
        claim.span = QuoteSpan(result.span.start, result.span.end)


def _problem_words(problem: str | None, matches: int) -> str:
    if problem == "empty":
        return "is empty"
    if problem == "ambiguous":
        return f"matches {matches} places in the article"
    if problem == "context-mismatch":
        return "is in the article, but not between the given prefix and suffix"
    return "is not in the article's text"


def _anchor_hint(problem: str | None, closest: str | None, places: list[str]) -> str | None:
    if problem == "ambiguous":
        found = " and ".join(f'"{place}"' for place in places)
        return (
            "add 'prefix:' or 'suffix:' with the words just before or after it; it is found in "
            + found
        )
    if closest:
        what = "the text there is" if problem == "context-mismatch" else "the closest text is"
        across = (
            " (a quote cannot run across paragraphs, list items or headings)"
            if " ¶ " in closest
            else ""
        )
        return f'{what} "{closest}"{across}'
    return None


def _around(text: str, span: Span, words: int = 3) -> str:
    """The quoted words at ``span`` of a text stream with a few words either side, on one line,
    within their block."""
    block_start = text.rfind(BLOCK_SEPARATOR, 0, span.start) + 1
    block_end = text.find(BLOCK_SEPARATOR, span.end)
    before = text[block_start : span.start].split()[-words:] if span.start > block_start else []
    after = text[span.end : block_end if block_end >= 0 else len(text)].split()[:words]
    quoted = " ".join(text[span.start : span.end].split())
    gap_before = " " if before and text[span.start - 1].isspace() else ""
    gap_after = " " if after and text[span.end : span.end + 1].isspace() else ""
    return f"{' '.join(before)}{gap_before}{quoted}{gap_after}{' '.join(after)}"


def _link_verdicts(project: Project, diags: Diagnostics) -> None:
    by_reviewer_claim: dict[tuple[str, str], Verdict] = {}
    ratings = [r.id for r in project.config.ratings]
    for path in sorted(project.verdicts):
        verdict = project.verdicts[path]
        doc = verdict.doc
        ok = True
        if verdict.claim:
            claim = project.claims.get(verdict.claim)
            if claim is None:
                diags.error(
                    path,
                    doc.pos("claim"),
                    f"unknown claim '{verdict.claim}'",
                    did_you_mean(verdict.claim, project.claims),
                )
                ok = False
            else:
                claim.verdicts.append(path)
        reviewer = project.reviewers.get(verdict.reviewer) if verdict.reviewer else None
        if verdict.reviewer and reviewer is None:
            diags.error(
                path,
                doc.pos("reviewer"),
                f"unknown reviewer '{verdict.reviewer}'",
                did_you_mean(verdict.reviewer, project.reviewers)
                or "add them under content/reviewers/",
            )
        elif reviewer is not None:
            reviewer.verdicts.append(path)
        if verdict.rating and ratings and verdict.rating not in ratings:
            diags.error(
                path,
                doc.pos("rating"),
                f"unknown rating '{verdict.rating}'",
                did_you_mean(verdict.rating, ratings) or f"the scale is: {', '.join(ratings)}",
            )
        _check_media_rating(project, verdict, reviewer, diags)
        if verdict.final and reviewer is not None and reviewer.role != "editor":
            diags.error(
                path,
                doc.meta.key("final"),
                f"only an editor can give a final verdict; '{verdict.reviewer}' is "
                f"a{'n' if reviewer.role[0] in 'aeiou' else ''} {reviewer.role}",
                "remove 'final: true', or have an editor give the ruling",
            )
        if verdict.approved and reviewer is not None and reviewer.role != "external":
            _check_shows_its_work(verdict, diags)
        if (
            reviewer is not None
            and reviewer.role == "external"
            and doc.meta.data.get("source_url") is None
        ):  # (a bad one is reported already)
            diags.warning(
                path,
                Position(1, 1),
                "an outside organisation's verdict has no 'source_url'",
                "add the address of their published check",
            )
        if ok and verdict.reviewer and verdict.claim:
            key = (verdict.reviewer, verdict.claim)
            earlier = by_reviewer_claim.get(key)
            if earlier is not None:
                diags.error(
                    path,
                    doc.pos("reviewer"),
                    f"'{verdict.reviewer}' already has a verdict on claim "
                    f"'{verdict.claim}' in {earlier.path}",
                    "one reviewer gives at most one verdict per claim; edit the other file instead",
                )
            else:
                by_reviewer_claim[key] = verdict
        _link_evidence(project, verdict, diags)
    for claim in project.claims.values():
        claim.verdicts.sort()


def _check_media_rating(
    project: Project, verdict: Verdict, reviewer: Reviewer | None, diags: Diagnostics
) -> None:
    """A media claim's verdict rates the media too (``media_rating``, on the media scale): an
    approved verdict of ours must; a verdict on a claim without media must not."""
    doc = verdict.doc
    claim = project.claims.get(verdict.claim)
    scale = [r.id for r in project.config.media_ratings]
    if verdict.media_rating is not None:
        if verdict.media_rating not in scale:
            diags.error(
                doc.path,
                doc.pos("media_rating"),
                f"unknown media rating '{verdict.media_rating}'",
                did_you_mean(verdict.media_rating, scale)
                or f"the media scale is: {', '.join(scale)}",
            )
        elif claim is not None and not claim.media:
            diags.error(
                doc.path,
                doc.pos("media_rating"),
                f"'media_rating' rates a claim's media, and claim '{claim.id}' has none",
                "remove it, or add the claim's 'media:'",
            )
    elif (
        claim is not None
        and claim.media
        and verdict.approved
        and reviewer is not None
        and reviewer.role != "external"
    ):
        diags.error(
            doc.path,
            doc.meta.key("status") or doc.pos("status"),
            f"claim '{claim.id}' is a media claim: an approved verdict must rate its media too",
            f"add 'media_rating:', one of {', '.join(scale)}",
        )


def _check_shows_its_work(verdict: Verdict, diags: Diagnostics) -> None:
    """A published check must show its work: an approved verdict of ours needs a headline and
    its reasoning (outside organisations' checks link to theirs instead)."""
    doc = verdict.doc
    missing = {
        "headline": "'headline:' (one sentence: what we found)",
        "reasoning": "the reasoning below the front matter, citing evidence as [@id]",
    }
    if verdict.headline.strip():
        del missing["headline"]
    if doc.body.strip():
        del missing["reasoning"]
    if missing:
        diags.error(
            doc.path,
            doc.meta.key("status") or doc.pos("status"),
            "an approved verdict must show its work, and this one has no "
            + " and no ".join(missing),
            f"write {' and '.join(missing.values())}, or set 'status: submitted' until it is ready",
        )


def name_key(name: str) -> str:
    """What two spellings of a name must share to be one claimant: the same letters and words,
    whatever the case, the spacing and Unicode's composition."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split()).strip(".,;:")


def _link_claimants(project: Project, diags: Diagnostics) -> None:
    """Give each claim its claimant: the file whose name or alias it writes, else the name as
    written (a claimant of its own, with an id made from the name). Two names that would share
    one claimant page are an error at both places, never a silent merge."""
    by_name: dict[str, str] = {}
    for claimant in sorted(project.claimants.values(), key=lambda c: c.id):
        assert claimant.doc is not None  # (only files are registered when loading)
        for index, name in enumerate([claimant.name, *claimant.aliases]):
            key = name_key(name)
            other = by_name.get(key)
            if other is not None and other != claimant.id:
                where = (
                    claimant.doc.pos("aliases", index - 1) if index else claimant.doc.pos("name")
                )
                diags.error(
                    claimant.doc.path,
                    where,
                    f"the name '{name}' is also a name of claimant '{other}' "
                    f"({project.claimants[other].doc_path})",
                    "a name belongs to one claimant: remove it from one of the files",
                )
                continue
            by_name[key] = claimant.id
    for claim in sorted(project.claims.values(), key=lambda c: (c.path, c.index, c.id)):
        if not claim.claimant:
            continue
        key = name_key(claim.claimant)
        ident = by_name.get(key)
        if ident is None:
            ident = make_id(claim.claimant, prefix="claimant")
            existing = project.claimants.get(ident)
            if existing is not None:
                places = "; ".join(f"{path}:{pos.line}" for path, pos in existing.named_at[:3])
                diags.error(
                    claim.path,
                    claim.position,
                    f"the claimant '{claim.claimant}' would share the page "
                    f"claimants/{ident}.html with '{existing.name}'"
                    + (f" ({places})" if places else f" ({existing.doc_path})"),
                    "write the name as the other claim does if they are one claimant, "
                    "or add a file in content/claimants/ with the other spelling as an "
                    "alias, or tell them apart",
                )
                continue
            project.claimants[ident] = Claimant(ident, claim.claimant)
            by_name[key] = ident
        project.claimants[ident].named_at.append((claim.path, claim.position))
        claim.claimant_id = ident


def _link_evidence(project: Project, verdict: Verdict, diags: Diagnostics) -> None:
    doc = verdict.doc
    listed: list[str] = []
    for index, ident in enumerate(verdict.evidence):
        if ident in project.evidence:
            listed.append(ident)
        else:
            diags.error(
                doc.path,
                doc.pos("evidence", index) or doc.pos("evidence"),
                f"unknown evidence '{ident}'",
                did_you_mean(ident, project.evidence)
                or "add it under content/evidence/, or fix the id",
            )
    parsed = doc.tree
    for ident, _pos in parsed.citations:
        if ident in project.evidence and ident not in listed:
            listed.append(ident)
    verdict.evidence = list(dict.fromkeys(listed))
    for ident in verdict.evidence:
        project.evidence[ident].cited_by.append(doc.path)
    for ident, _pos in parsed.claim_links:
        claim = project.claims.get(ident)
        if claim is not None and doc.path not in claim.linked_from:
            claim.linked_from.append(doc.path)


_WORDS = re.compile(r"[^\W_]+")


def tag_key(name: str) -> str:
    """What makes two tags the same tag: their words, in any case, spacing or punctuation
    ("Climate change" is "climate-change"), in any script. Accents count: "pêche" is not
    "peche"."""
    return "-".join(_WORDS.findall(unicodedata.normalize("NFKC", name).casefold()))


def _tag_places(project: Project) -> Iterator[tuple[str, str, Position]]:
    """(tag, file, place) for every tag of an article or claim, in file order."""
    for article in project.articles.values():
        for index, tag in enumerate(article.tags):
            yield tag, article.doc.path, article.doc.pos("tags", index) or Position(1, 1)
    for claim in project.claims.values():
        keys: tuple[str | int, ...] = ("tags",)
        if claim.document is not None:
            meta = claim.document.meta
        else:
            holder = project.articles.get(claim.article or "")
            if holder is None:
                continue  # its article is not loaded; it has no pages, so no tag pages
            meta, keys = holder.doc.meta, ("claims", claim.index, "tags")
        for index, tag in enumerate(claim.tags):
            yield tag, claim.path, meta.pos(*keys, index) or claim.position


def _check_tag_pages(project: Project, diags: Diagnostics) -> None:
    """Two different tags whose page names meet (tags that transliterate alike, such as two
    Chinese words read the same, or long tags that start alike) would share one topic page,
    each listing the other's claims: an error, never a silent merge."""
    first: dict[str, tuple[str, str, str, Position]] = {}  # slug -> (key, tag, file, place)
    reported: set[tuple[str, str]] = set()
    for tag, path, pos in sorted(
        _tag_places(project), key=lambda t: (t[1], t[2].line, t[2].column)
    ):
        slug, key = urls.tag_slug(tag), tag_key(tag)
        seen = first.setdefault(slug, (key, tag, path, pos))
        if seen[0] == key or (slug, key) in reported:
            continue
        reported.add((slug, key))
        _, other, other_path, other_pos = seen
        diags.error(
            path,
            pos,
            f"the tags '{tag}' and '{other}' would share one topic page, {urls.tag(tag)}",
            f"'{other}' is at {other_path}:{other_pos.line}:{other_pos.column}; write "
            "one of them as the other, or rename one so its page name differs (a tag's "
            "page is named after its words written in Latin letters, as ids are)",
        )
