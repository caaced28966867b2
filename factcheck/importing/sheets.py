"""CSV and TSV claim sheets, one claim per row, read through a column mapping.

``--columns FIELD=COLUMN,...`` says which column holds which field (COLUMN a header name or a
1-based number); without it, columns whose header is a field's name are used. CSV is read as
RFC 4180 (quoted fields may hold commas, quotes and line breaks); TSV as IANA
text/tab-separated-values, where a quote is an ordinary character and a field never holds a tab
or a line break, so each line is split on tabs and nothing else.

A row with a rating also gets a verdict, by the row's reviewer or ``--reviewer``, its rating
placed on our scale like an imported ClaimReview's. The ``url`` of a rated row is where that
rating was published (the verdict's ``source_url``); of a row without a rating, where the claim
appeared.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from typing import Any

from ..content_files import render_document
from ..dates import parse_iso
from ..diagnostics import Position, did_you_mean
from ..fields import url_problem
from ..ids import make_id, slugify
from .markdown_text import paragraphs_to_markdown
from .plan import ImportFailure, Input, Plan
from .ratings import RatingProblem, map_rating

FIELDS = ("id", "summary", "claimant", "date", "rating", "reviewer", "url", "tags", "context")
MAX_ROW_ERRORS = 20
"""A mapping that is wrong for every row would otherwise print thousands of the same error."""

# Ids that are file names ("12134.json" in LIAR) keep their stem.
_FILE_SUFFIX = re.compile(r"\.(json|jsonld|txt|html?|md|xml|csv|tsv)\Z", re.IGNORECASE)


class ColumnsError(ValueError):
    """A ``--columns`` value that cannot be read (a usage error)."""


def parse_columns(text: str) -> dict[str, str]:
    """``id=1,summary=Statement`` as {"id": "1", "summary": "Statement"}."""
    columns: dict[str, str] = {}
    for part in text.split(","):
        if not part.strip():
            continue
        name, sep, column = part.partition("=")
        name, column = name.strip().lower(), column.strip()
        if not sep or not column:
            raise ColumnsError(f"'{part.strip()}' is not FIELD=COLUMN")
        if name not in FIELDS:
            hint = did_you_mean(name, FIELDS) or f"fields are {', '.join(FIELDS)}"
            raise ColumnsError(f"unknown field '{name}' ({hint})")
        if name in columns:
            raise ColumnsError(f"the field '{name}' is given twice")
        if column.isdigit() and int(column) < 1:
            raise ColumnsError(f"column numbers start at 1, not {column}")
        columns[name] = column
    if not columns:
        raise ColumnsError("no FIELD=COLUMN given")
    return columns


@dataclass(slots=True)
class SheetOptions:
    columns: dict[str, str] = field(default_factory=dict)
    header: bool = True
    reviewer: str | None = None


@dataclass(slots=True)
class _Row:
    line: int
    cells: list[str]


def _is_tsv(source: Input, text: str) -> bool:
    suffix = source.path.suffix.lower()
    if suffix in (".tsv", ".tab"):
        return True
    if suffix == ".csv":
        return False
    first = text.split("\n", 1)[0]
    return "\t" in first


def read_rows(source: Input) -> list[_Row]:
    """Every non-blank row, each with the line it starts on."""
    text = source.read_text()
    rows: list[_Row] = []
    if _is_tsv(source, text):
        for number, line in enumerate(text.split("\n"), start=1):
            if line.strip():
                rows.append(_Row(number, line.split("\t")))
        return rows
    reader = csv.reader(io.StringIO(text, newline=""))
    start = 1
    try:
        for cells in reader:
            if any(c.strip() for c in cells):
                rows.append(_Row(start, cells))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ImportFailure(
            source.name,
            f"the CSV cannot be read: {exc}",
            "a field with commas, quotes or line breaks must be in double "
            "quotes, with its own quotes doubled",
            line=start,
        ) from exc
    return rows


def _resolve(
    columns: dict[str, str], header: list[str] | None, width: int, name: str
) -> dict[str, int]:
    """Each mapped field's 0-based column index; ImportFailure for a column that is not there."""
    names = [h.strip() for h in header] if header is not None else []
    folded = [h.casefold() for h in names]
    resolved: dict[str, int] = {}
    for field_name, column in columns.items():
        if column in names:
            resolved[field_name] = names.index(column)
        elif column.casefold() in folded:
            resolved[field_name] = folded.index(column.casefold())
        elif column.isdigit():
            index = int(column) - 1
            if index >= width:
                raise ImportFailure(
                    name,
                    f"there is no column {column} for '{field_name}': "
                    f"the sheet has {width} column{'s' if width != 1 else ''}",
                    "count columns from 1",
                )
            resolved[field_name] = index
        elif header is None:
            raise ImportFailure(
                name,
                f"the column '{column}' for '{field_name}' is a name, but "
                "the sheet has no header row (--no-header)",
                "give columns by number, such as summary=3",
            )
        else:
            raise ImportFailure(
                name,
                f"the header has no column '{column}' for '{field_name}'",
                did_you_mean(column, names) or f"the columns are: {', '.join(names)}",
            )
    return resolved


def _default_columns(header: list[str] | None, name: str) -> dict[str, str]:
    if header is None:
        raise ImportFailure(
            name,
            "a sheet without a header row needs --columns",
            "for example --columns id=1,summary=3,rating=2",
        )
    found = {h.strip().lower(): h.strip() for h in header if h.strip().lower() in FIELDS}
    if not found:
        raise ImportFailure(
            name,
            "no column of the header is named after a field",
            f"name the columns {', '.join(FIELDS)}, or pass --columns FIELD=COLUMN,...",
        )
    return found


def _sheet_id(text: str) -> str:
    return slugify(_FILE_SUFFIX.sub("", text.strip()))


def _reviewer(plan: Plan, ident: str, origin: str) -> str:
    """The verdict's status for a reviewer, making an external reviewer for an unknown id."""
    role = plan.existing.reviewer_roles.get(ident)
    if role is not None:
        # Our own people's ratings from a sheet wait for review like any draft; an outside
        # organisation's were published by it already.
        return "approved" if role == "external" else "draft"
    path = plan.target("reviewer", ident)
    if path not in plan.files:  # (made already in this run, perhaps for a ClaimReview: reuse)
        # The sheet names this id, so it is the id: never one with a fingerprint added.
        plan.allocate("reviewer", ident, f"reviewer:{ident}", origin)
        plan.add(
            "reviewer", path, render_document({"name": _name_of(ident), "role": "external"}), origin
        )
    return "approved"


def _name_of(ident: str) -> str:
    """A name for a reviewer known only by id ("politifact" -> "Politifact"), to edit later."""
    return " ".join(word.capitalize() for word in ident.split("-"))


def import_sheet(plan: Plan, source: Input, options: SheetOptions) -> None:
    """Plan a claim (and a verdict, where a rating is given) for every row of a sheet."""
    name = source.name
    rows = read_rows(source)
    if not rows:
        raise ImportFailure(name, "the sheet is empty")
    header = rows[0].cells if options.header else None
    body_rows = rows[1:] if options.header else rows
    columns = options.columns or _default_columns(header, name)
    if "summary" not in columns:
        raise ImportFailure(
            name, "no column gives the claims' summary", "map one with --columns summary=COLUMN"
        )
    if "rating" in columns and "reviewer" not in columns and not options.reviewer:
        raise ImportFailure(
            name,
            "the ratings need a reviewer",
            "pass --reviewer ID, or map a reviewer column with --columns reviewer=COLUMN",
        )
    width = len(header) if header is not None else max(len(r.cells) for r in rows)
    index = _resolve(columns, header, width, name)
    errors = 0
    seen_ids: dict[str, int] = {}

    def fail(row: _Row, column: int, message: str, hint: str | None = None) -> None:
        nonlocal errors
        errors += 1
        if errors <= MAX_ROW_ERRORS:
            plan.diags.error(name, Position(row.line, column + 1), message, hint)

    for row in body_rows:
        short = [f for f, i in index.items() if i >= len(row.cells)]
        if short:
            fail(
                row,
                0,
                f"the row has {len(row.cells)} columns, but '{short[0]}' is column "
                f"{index[short[0]] + 1}",
                "a TSV row has one tab between each two fields",
            )
            continue
        cell = {f: row.cells[i].strip() for f, i in index.items()}
        summary = " ".join(cell.get("summary", "").split())
        if not summary:
            fail(row, index["summary"], "the row has no summary")
            continue
        if cell.get("id"):
            base = _sheet_id(cell["id"])
            if not base:
                fail(row, index["id"], f"cannot make an id from '{cell['id']}'")
                continue
            if base in seen_ids:
                fail(
                    row,
                    index["id"],
                    f"the id '{base}' is used twice",
                    f"it is first used at line {seen_ids[base]}",
                )
                continue
            seen_ids[base] = row.line
            identity = f"sheet-id:{base}"
        else:
            base = make_id(summary, prefix="claim", key=summary)
            identity = f"claim:{summary.casefold()}"
        claim = plan.allocate("claim", base, identity, name)
        meta: dict[str, Any] = {"summary": summary}
        if cell.get("claimant"):
            meta["claimant"] = cell["claimant"]
        if cell.get("date"):
            try:
                meta["date"] = parse_iso(cell["date"])
            except ValueError:
                fail(
                    row,
                    index["date"],
                    f"'{cell['date']}' is not a date",
                    "write dates as 2026-03-10 (or 2026-03-10T14:05:00)",
                )
                continue
        label = cell.get("rating", "")
        if cell.get("url"):
            problem = url_problem(cell["url"])
            if problem:
                fail(row, index["url"], f"'{cell['url']}' is not an allowed URL: {problem}")
                continue
            if not label:
                meta["appearances"] = [{"url": cell["url"]}]
        tags = [t.strip() for t in re.split(r"[,;]", cell.get("tags", "")) if t.strip()]
        if tags:
            meta["tags"] = list(dict.fromkeys(tags))
        context = " ".join(cell.get("context", "").split())
        body = paragraphs_to_markdown([f"Context: {context}"]) if context else ""
        plan.add("claim", plan.target("claim", claim), render_document(meta, body), name)

        if not label:
            continue
        reviewer = _sheet_id(cell.get("reviewer") or "") or options.reviewer or ""
        if not reviewer:
            fail(
                row,
                index.get("reviewer", 0),
                "the row has a rating but no reviewer",
                "pass --reviewer ID for rows that name none",
            )
            continue
        try:
            mapped = map_rating(plan.config, label)
        except RatingProblem as exc:
            raise ImportFailure(
                name,
                str(exc),
                "add an off-scale rating to factcheck.yaml, or map the label in import.ratings",
                line=row.line,
                column=index["rating"] + 1,
            ) from exc
        if mapped.how == "off-scale":
            plan.note_off_scale(name, label, mapped.rating, Position(row.line, index["rating"] + 1))
        path = f"content/verdicts/{claim}/{reviewer}.md"
        elsewhere = plan.existing.verdicts.get((claim, reviewer))
        if elsewhere and elsewhere != path:
            continue  # this reviewer's verdict on this claim is already in the project
        status = _reviewer(plan, reviewer, name)
        reviewer_name = plan.existing.reviewer_names.get(reviewer) or _name_of(reviewer)
        verdict = {
            "claim": claim,
            "reviewer": reviewer,
            "rating": mapped.rating,
            "original_rating": label,
        }
        if cell.get("url"):
            verdict["source_url"] = cell["url"]
        verdict |= {"status": status, "headline": f"Rated “{label}” by {reviewer_name}."}
        plan.add("verdict", path, render_document(verdict), name)
    if errors > MAX_ROW_ERRORS:
        plan.diags.error(
            name,
            None,
            f"{errors - MAX_ROW_ERRORS} more rows have problems",
            "fix the ones shown first; they often share one cause",
        )
