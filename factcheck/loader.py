"""Reading a project from disk into records, one content kind at a time.

Loading checks what one file can tell on its own (required fields, types, URL schemes, ids);
what needs the whole project (does this claim exist?) is left to :mod:`factcheck.crossref`.
"""

from __future__ import annotations

import os
import posixpath
import stat
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from .cache import ReadCache, bytes_digest, entry_for, now_ns
from .config import load_config
from .diagnostics import Diagnostics, Position
from .fields import Fields
from .frontmatter import ContentFile, a_yaml_type, decode, split
from .media import media_index, read_media
from .model import (
    CLAIMANT_KINDS,
    CORRECTION_KINDS,
    EVIDENCE_KINDS,
    REVIEWER_ROLES,
    VERDICT_STATUSES,
    Appearance,
    Article,
    Claim,
    Claimant,
    Correction,
    Document,
    Evidence,
    Page,
    Project,
    Reviewer,
    Source,
    Verdict,
    Withdrawal,
)
from .project_files import inside, project_files

CONTENT_DIR = "content"
STATIC_DIR = "static"
TEMPLATES_DIR = "templates"
KINDS = ("articles", "claims", "verdicts", "evidence", "reviewers", "pages", "claimants")
FOLDERS = (*KINDS, "media")
"""Every folder content/ may have: the kinds of Markdown file, and media (not Markdown)."""

IMPORTED_KEYS = ("by", "from", "at", "desk")
ARTICLE_KEYS = (
    "id",
    "title",
    "source",
    "published",
    "imported",
    "tags",
    "claims",
    "description",
    "language",
)
ARTICLE_CLAIM_KEYS = (
    "id",
    "quote",
    "prefix",
    "suffix",
    "claimant",
    "summary",
    "tags",
    "language",
    "media",
    "withdrawn",
)
SOURCE_KEYS = ("url", "outlet", "author", "via")
CLAIM_KEYS = (
    "id",
    "summary",
    "claimant",
    "date",
    "appearances",
    "tags",
    "language",
    "media",
    "corrections",
    "withdrawn",
)
VERDICT_KEYS = (
    "claim",
    "reviewer",
    "rating",
    "status",
    "date",
    "headline",
    "final",
    "evidence",
    "original_rating",
    "source_url",
    "media_rating",
    "corrections",
)
EVIDENCE_KEYS = ("id", "title", "url", "publisher", "published", "accessed", "archived", "kind")
REVIEWER_KEYS = ("id", "name", "role", "url")
PAGE_KEYS = ("id", "title", "menu", "weight")
CORRECTION_KEYS = ("date", "kind", "note")
WITHDRAWN_KEYS = ("date", "note")
CLAIMANT_KEYS = ("id", "name", "aliases", "kind", "url")

SUMMARY_WARN_LENGTH = 150

_PLURALS = {"evidence": "evidence items"}

T = TypeVar("T")


def content_files(root: Path, kind: str, diags: Diagnostics | None = None) -> list[tuple[str, str]]:
    """The Markdown files of one kind, in a stable order: (path relative to the project, with
    forward slashes; path on disk to read). Links out of the project, special files and
    unreadable folders are reported to ``diags`` and left out (see factcheck/project_files.py).
    Plain strings: this runs for every file on every build."""
    folder = f"{CONTENT_DIR}/{kind}"
    return [
        (f"{folder}/{found.rel}", found.path)
        for found in project_files(
            root,
            folder,
            diags,
            hidden=False,
            readable=False,
            wanted=lambda rel: rel.endswith(".md"),
        )
    ]


def load_project(root: Path, diags: Diagnostics, cache: ReadCache | None = None) -> Project | None:
    """Read the configuration and every content file; None if the configuration is unusable."""
    config = load_config(root, diags)
    if config is None:
        # Still read the content, so that every problem is reported in this one run.
        from .model import Config, Organization

        config = Config(title="", organization=Organization(""), ratings=[])
        project = Project(str(root), config)
        _load_content(root, project, diags, cache)
        return None
    project = Project(str(root), config)
    _load_content(root, project, diags, cache)
    return project


def _load_content(
    root: Path, project: Project, diags: Diagnostics, cache: ReadCache | None = None
) -> None:
    _check_layout(root, diags)
    read_at = now_ns()
    media = media_index(str(root), diags)
    readers: dict[str, Callable[[ContentFile, Fields, Diagnostics, Project], None]] = {
        "articles": partial(_article, media=media),
        "claims": partial(_claim, media=media),
        "verdicts": _verdict,
        "evidence": _evidence,
        "reviewers": _reviewer,
        "pages": _page,
        "claimants": _claimant,
    }
    # Published as they are: checked here, so that `check` reports what would stop `build`.
    for folder in (STATIC_DIR, TEMPLATES_DIR):
        project_files(root, folder, diags)
    _check_template_folders(root, diags)
    for kind in KINDS:
        for rel, path in content_files(root, kind, diags):
            content = read_content_file(rel, path, diags, cache, read_at)
            if content is None:
                continue
            known = {
                "articles": ARTICLE_KEYS,
                "claims": CLAIM_KEYS,
                "verdicts": VERDICT_KEYS,
                "evidence": EVIDENCE_KEYS,
                "reviewers": REVIEWER_KEYS,
                "pages": PAGE_KEYS,
                "claimants": CLAIMANT_KEYS,
            }[kind]
            fields = Fields(
                content.meta,
                content.path,
                diags,
                known=known,
                what=f"{kind[:-1] if kind != 'evidence' else 'evidence'} front matter",
            )
            fields.check_unknown()
            readers[kind](content, fields, diags, project)


def _check_layout(root: Path, diags: Diagnostics) -> None:
    content = root / CONTENT_DIR
    if not content.is_dir() or not inside(os.path.realpath(content), os.path.realpath(root)):
        return  # (a link out of the project is reported by content_files)
    try:
        entries = sorted(content.iterdir())
    except OSError as exc:
        diags.error(
            CONTENT_DIR,
            Position(1, 1),
            f"cannot read the folder: {exc.strerror}",
            "make the folder readable",
        )
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        rel = f"{CONTENT_DIR}/{entry.name}"
        if entry.is_dir() and entry.name not in FOLDERS:
            from .diagnostics import did_you_mean

            diags.warning(
                rel,
                Position(1, 1),
                f"unknown content folder '{entry.name}' is ignored",
                did_you_mean(entry.name, FOLDERS) or f"content folders are {', '.join(KINDS)}",
            )
        elif entry.name in FOLDERS and not entry.is_dir():
            diags.error(
                rel,
                Position(1, 1),
                f"content/{entry.name} must be a folder",
                f"put the {entry.name} in content/{entry.name}/, one file each",
            )
        elif entry.is_file() and entry.suffix == ".md":
            diags.warning(
                rel,
                Position(1, 1),
                "a Markdown file directly in content/ is ignored",
                "put it in content/pages/ for a plain page",
            )


def _check_template_folders(root: Path, diags: Diagnostics) -> None:
    """A folder in templates/ where the default theme has a file would hide that file."""
    own = root / TEMPLATES_DIR
    if not own.is_dir():
        return
    from .theme import theme_dir

    default = theme_dir()
    for path in sorted(default.rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts:
            continue
        rel = path.relative_to(default).as_posix()
        if (own / rel).is_dir():
            diags.error(
                f"{TEMPLATES_DIR}/{rel}",
                Position(1, 1),
                f"{TEMPLATES_DIR}/{rel} is a folder, where the theme has a file",
                f"an override of the theme's {rel} is a file of that name; rename or "
                "remove the folder",
            )


def read_content_file(
    rel: str, path: str, diags: Diagnostics, cache: ReadCache | None = None, read_at: int = 0
) -> ContentFile | None:
    """Read and split one content file. With a ``cache``, a file whose status vouches that it is
    unchanged is not read again (see factcheck/cache.py); ``read_at`` is when this build began
    reading (wall clock, nanoseconds)."""
    try:
        status = os.stat(path)
    except OSError as exc:
        diags.error(rel, Position(1, 1), f"cannot read the file: {exc.strerror}")
        return None
    if not stat.S_ISREG(status.st_mode):  # a FIFO would block the read for ever
        diags.error(
            rel, Position(1, 1), "not a regular file", "content files are ordinary Markdown files"
        )
        return None
    entry = cache.reusable(rel, status) if cache is not None else None
    if entry is None:
        try:
            with open(path, "rb") as handle:
                raw = handle.read()
        except OSError as exc:
            diags.error(rel, Position(1, 1), f"cannot read the file: {exc.strerror}")
            return None
        if cache is None:
            return split(decode(raw, rel, diags), rel, diags)
        previous = cache.files.get(rel)
        if previous is not None and previous.digest == bytes_digest(raw):
            entry = entry_for(status, raw, previous.content, previous.problems, read_at)
        else:
            own = Diagnostics()
            entry = entry_for(
                status, raw, split(decode(raw, rel, own), rel, own), own.items, read_at
            )
    assert cache is not None
    cache.files.keep(rel, entry)
    diags.extend(entry.problems)
    return entry.content


def _document(content: ContentFile, fields: Fields) -> Document | None:
    stem = posixpath.splitext(posixpath.basename(content.path))[0]
    if fields.has("id"):
        ident = fields.ident("id", what="id")
        if ident is None:
            return None
    else:
        from .fields import id_length_problem, is_slug
        from .ids import slugify

        ident = stem
        if not is_slug(stem):
            fields.diags.error(
                content.path,
                Position(1, 1),
                f"the file name '{stem}' is not a valid id",
                f"rename the file to '{slugify(stem) or 'some-id'}.md', "
                "or give an 'id' in the front matter",
            )
            return None
        too_long = id_length_problem(stem)
        if too_long:
            message, hint = too_long
            fields.diags.error(
                content.path,
                Position(1, 1),
                f"the file name is not a valid id: {message}",
                f"rename the file, or give a shorter 'id' in the front matter ({hint})",
            )
            return None
    return Document(ident, content.path, content.meta, content.body, content.body_line)


def _placeholder(content: ContentFile) -> Document:
    """A document without an id: for verdicts (nothing refers to them), and for a file whose id
    is invalid, so its fields are still checked (the record itself is not registered)."""
    return Document("", content.path, content.meta, content.body, content.body_line)


def _register(
    table: dict[str, T], ident: str, record: T, doc: Document, diags: Diagnostics, what: str
) -> None:
    existing = table.get(ident)
    if existing is not None:
        other = _path_of(existing)
        # Without an 'id' field the id is the file name: blame the file, not its first field.
        diags.error(
            doc.path,
            doc.meta.value_pos.get(("id",)) or Position(1, 1),
            f"duplicate {what} id '{ident}'",
            f"{other} has the same id; ids must be unique among {_PLURALS.get(what, what + 's')}",
        )
        return
    table[ident] = record


def _path_of(record: Any) -> str:
    if isinstance(record, Claim):
        return record.path
    return str(record.doc.path)


# -- one reader per kind -------------------------------------------------------------------------


def _article(
    content: ContentFile,
    f: Fields,
    diags: Diagnostics,
    project: Project,
    *,
    media: dict[str, str] | None = None,
) -> None:
    doc = _document(content, f)
    title = f.text("title", required=True)
    source = Source()
    if f.has("source"):
        if isinstance(f.data["source"], dict):
            sf = Fields(
                content.meta,
                content.path,
                diags,
                base=("source",),
                known=SOURCE_KEYS,
                what="source",
            )
            sf.check_unknown()
            source = Source(sf.url("url"), sf.text("outlet"), sf.text("author"), sf.text("via"))
        else:
            f.error("source", "'source' must be a mapping with url, outlet, author and via")
    imported: dict[str, str] = {}
    if f.has("imported"):
        if isinstance(f.data["imported"], dict):
            imf = Fields(
                content.meta,
                content.path,
                diags,
                base=("imported",),
                known=IMPORTED_KEYS,
                what="imported",
            )
            for key in f.data["imported"]:
                value = imf.text(str(key))
                if value is not None:
                    imported[str(key)] = value
            # Every known key is there (empty when the file leaves it out): a theme reads
            # `article.imported.by` of an HTML or feed import, which names no bot, without
            # failing the build.
            imported = {key: "" for key in IMPORTED_KEYS} | imported
        else:
            f.error("imported", "'imported' must be a mapping (by, from)")
    article = Article(
        doc=doc or _placeholder(content),
        title=title or "",
        source=source,
        published=f.date("published"),
        imported=imported,
        tags=f.text_list("tags"),
        description=f.text("description"),
        language=f.language("language"),
    )
    claims = f.items("claims")
    for index, item in enumerate(claims or []):
        claim = _article_claim(content, index, item, diags)
        if claim is None:
            continue
        claim.media = read_media(content, ("claims", index), diags, media or {})
        claim.article = article.id if doc else None
        claim.index = index
        if doc is not None:
            article.claims.append(claim.id)
        _register_claim(project, claim, content, diags)
    if doc is not None:
        _register(project.articles, doc.id, article, doc, diags, "article")


def _article_claim(content: ContentFile, index: int, item: Any, diags: Diagnostics) -> Claim | None:
    if not isinstance(item, dict):
        diags.error(
            content.path,
            content.meta.pos("claims", index),
            f"each claim must be a mapping with id, quote and summary, not {a_yaml_type(item)}",
        )
        return None
    f = Fields(
        content.meta,
        content.path,
        diags,
        base=("claims", index),
        known=ARTICLE_CLAIM_KEYS,
        what="a claim",
    )
    f.check_unknown()
    ident = f.ident("id", required=True, what="claim id")
    quote = f.text("quote", required=True)
    summary = f.text("summary")
    position = content.meta.pos("claims", index) or Position(1, 1)
    if ident is None:
        return None
    if summary is None:
        diags.warning(
            content.path,
            position,
            f"claim '{ident}' has no summary",
            "add 'summary:', the claim as reviewed (under about 75 characters); "
            "the quote is used meanwhile",
        )
    claim = Claim(
        id=ident,
        path=content.path,
        position=position,
        summary=summary or quote or "",
        claimant=f.text("claimant"),
        tags=f.text_list("tags"),
        quote=quote,
        prefix=f.text("prefix"),
        suffix=f.text("suffix"),
        language=f.language("language"),
        withdrawn=_withdrawal(content, f, diags),
    )
    _check_summary(claim, f)
    return claim


def _check_summary(claim: Claim, f: Fields) -> None:
    if len(claim.summary) > SUMMARY_WARN_LENGTH and f.has("summary"):
        f.warning(
            "summary",
            f"the summary is {len(claim.summary)} characters long",
            "keep it under about 75 characters; it is shown as the claim reviewed",
        )


def _register_claim(
    project: Project, claim: Claim, content: ContentFile, diags: Diagnostics
) -> None:
    existing = project.claims.get(claim.id)
    if existing is not None:
        pos = (
            content.meta.pos("claims", claim.index, "id")
            if claim.article is not None
            else content.meta.value_pos.get(("id",))
        ) or claim.position
        diags.error(
            content.path,
            pos,
            f"duplicate claim id '{claim.id}'",
            f"{existing.path}:{existing.position.line} has a claim with the same id; "
            "claim ids must be unique across articles and claims/",
        )
        return
    project.claims[claim.id] = claim


def _claim(
    content: ContentFile,
    f: Fields,
    diags: Diagnostics,
    project: Project,
    *,
    media: dict[str, str] | None = None,
) -> None:
    doc = _document(content, f)
    summary = f.text("summary", required=True)
    appearances: list[Appearance] = []
    for index, item in enumerate(f.items("appearances") or []):
        if not isinstance(item, dict):
            f.error(("appearances", index), "each appearance must be a mapping with url and title")
            continue
        af = Fields(
            content.meta,
            content.path,
            diags,
            base=("appearances", index),
            known=("url", "title"),
            what="an appearance",
        )
        af.check_unknown()
        url = af.url("url", required=True)
        if url:
            appearances.append(Appearance(url, af.text("title")))
    items = read_media(content, (), diags, media or {})
    if doc is None:
        _corrections(content, f, diags)  # (still checked)
        _withdrawal(content, f, diags)
        return
    claim = Claim(
        id=doc.id,
        path=content.path,
        position=Position(1, 1),
        summary=summary or "",
        claimant=f.text("claimant"),
        tags=f.text_list("tags"),
        date=f.date("date"),
        appearances=appearances,
        document=doc,
        language=f.language("language"),
        media=items,
        corrections=_corrections(content, f, diags),
        withdrawn=_withdrawal(content, f, diags),
    )
    _check_summary(claim, f)
    _register_claim(project, claim, content, diags)


def _verdict(content: ContentFile, f: Fields, diags: Diagnostics, project: Project) -> None:
    claim = f.ident("claim", required=True, what="claim id")
    reviewer = f.ident("reviewer", required=True, what="reviewer id")
    rating = f.ident("rating", required=True, what="rating")
    status = f.choice("status", VERDICT_STATUSES, default="draft")
    evidence = f.ident_list("evidence", what="evidence id")
    doc = _placeholder(content)
    verdict = Verdict(
        doc=doc,
        claim=claim or "",
        reviewer=reviewer or "",
        rating=rating or "",
        status=status,
        date=f.date("date"),
        headline=f.text("headline") or "",
        final=f.boolean("final"),
        evidence=[e for e, _ in evidence],
        original_rating=f.text("original_rating"),
        source_url=f.url("source_url"),
        media_rating=f.ident("media_rating", what="media rating"),
        corrections=_corrections(content, f, diags),
    )
    # An approved verdict of ours without a headline or reasoning is an error once the
    # reviewer's role is known (crossref._check_shows_its_work).
    project.verdicts[content.path] = verdict


def _corrections(content: ContentFile, f: Fields, diags: Diagnostics) -> list[Correction]:
    """``corrections:``: a list of {date, kind, note}, each problem reported at its entry."""
    if not f.has("corrections"):
        return []
    if isinstance(f.data["corrections"], dict):
        f.error(
            "corrections",
            "'corrections' must be a list of entries, not a mapping",
            "start each entry with '- ', such as '- date: 2026-03-14'",
        )
        return []
    out: list[Correction] = []
    for index, item in enumerate(f.items("corrections") or []):
        if not isinstance(item, dict):
            f.error(
                ("corrections", index),
                "each correction must be a mapping with date, kind and note, "
                f"not {a_yaml_type(item)}",
                "for example '- {date: 2026-03-14, kind: correction, note: What we changed.}'",
            )
            continue
        cf = Fields(
            content.meta,
            content.path,
            diags,
            base=(*f.base, "corrections", index),
            known=CORRECTION_KEYS,
            what="a correction",
        )
        cf.check_unknown()
        date = cf.date("date", required=True)
        kind = cf.choice("kind", CORRECTION_KINDS, default="correction")
        note = _note(cf, "a correction")
        if date is None or note is None:
            continue
        out.append(
            Correction(
                date=date,
                kind=kind,
                note=note,
                path=content.path,
                index=index,
                position=f.pos("corrections", index) or Position(1, 1),
                note_position=cf.pos("note") or Position(1, 1),
            )
        )
    return out


def _withdrawal(content: ContentFile, f: Fields, diags: Diagnostics) -> Withdrawal | None:
    """``withdrawn: {date, note}`` on a claim."""
    if "withdrawn" not in f.data:
        return None
    value = f.data["withdrawn"]
    if not isinstance(value, dict):
        f.error(
            "withdrawn",
            "'withdrawn' must be a mapping with date and note"
            + ("" if value is None else f", not {a_yaml_type(value)}"),
            "write 'withdrawn:' then, indented below it, 'date: 2026-06-02' and 'note: why we "
            "withdrew the check'",
        )
        return None
    wf = Fields(
        content.meta,
        content.path,
        diags,
        base=(*f.base, "withdrawn"),
        known=WITHDRAWN_KEYS,
        what="withdrawn",
    )
    wf.check_unknown()
    date = wf.date("date", required=True)
    note = _note(wf, "withdrawn")
    if date is None or note is None:
        return None
    return Withdrawal(
        date=date,
        note=note,
        path=content.path,
        position=f.key_pos("withdrawn") or Position(1, 1),
        note_position=wf.pos("note") or Position(1, 1),
    )


def _note(f: Fields, what: str) -> str | None:
    """A required Markdown ``note``: what readers are told."""
    note = f.text("note", required=True)
    if note is not None and not note.strip():
        f.error("note", f"the note of {what} is empty", "say what changed and why, in a sentence")
        return None
    return note


def _evidence(content: ContentFile, f: Fields, diags: Diagnostics, project: Project) -> None:
    doc = _document(content, f)
    title = f.text("title", required=True)
    evidence = Evidence(
        doc=doc or _placeholder(content),
        title=title or "",
        url=f.url("url"),
        publisher=f.text("publisher"),
        published=f.date("published"),
        accessed=f.date("accessed"),
        archived=f.url("archived"),
        kind=f.choice("kind", EVIDENCE_KINDS, default="other"),
    )
    if doc is not None:
        _register(project.evidence, doc.id, evidence, doc, diags, "evidence")


def _reviewer(content: ContentFile, f: Fields, diags: Diagnostics, project: Project) -> None:
    doc = _document(content, f)
    name = f.text("name", required=True)
    reviewer = Reviewer(
        doc=doc or _placeholder(content),
        name=name or "",
        role=f.choice("role", REVIEWER_ROLES, default="reviewer"),
        url=f.url("url"),
    )
    if doc is not None:
        _register(project.reviewers, doc.id, reviewer, doc, diags, "reviewer")


def _claimant(content: ContentFile, f: Fields, diags: Diagnostics, project: Project) -> None:
    doc = _document(content, f)
    name = f.text("name", required=True)
    claimant = Claimant(
        id=doc.id if doc is not None else "",
        name=name or "",
        aliases=f.text_list("aliases"),
        kind=f.choice("kind", CLAIMANT_KINDS, default="") or None,
        url=f.url("url"),
        doc=doc,
    )
    if doc is not None:
        _register(project.claimants, doc.id, claimant, doc, diags, "claimant")


def _page(content: ContentFile, f: Fields, diags: Diagnostics, project: Project) -> None:
    doc = _document(content, f)
    title = f.text("title", required=True)
    page = Page(
        doc=doc or _placeholder(content),
        title=title or "",
        menu=f.boolean("menu"),
        weight=f.integer("weight", default=0),
    )
    if doc is not None:
        _register(project.pages, doc.id, page, doc, diags, "page")
