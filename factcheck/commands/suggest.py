"""``factcheck suggest ARTICLE|FILE``: the sentences most worth checking, and the claims the
project already has that say nearly the same (so that nobody checks the same claim twice).

ARTICLE is the id of one of the project's articles, or the path of an article's ``.md`` file;
FILE is plain text. The ranking and the matching live in :mod:`factcheck.suggest`; this module
only finds the text, and prints.
"""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import click
from markdown_it.token import Token

from ..anchoring import BLOCK_SEPARATOR
from ..config import CONFIG_FILE
from ..diagnostics import Diagnostics, did_you_mean
from ..frontmatter import decode, split
from ..markdown import parse, text_stream
from ..model import Project
from ..project import open_project
from ..suggest import (
    DEFAULT_CUT_OFF,
    DEFAULT_THRESHOLD,
    ClaimIndex,
    Suggestion,
    rank_sentences,
    split_sentences,
)
from ..suggest.language import judge
from .options import CommandError, format_option, project_option, project_root

__all__ = ["command", "run_suggest"]


class SuggestError(CommandError):
    """A refusal of `factcheck suggest` (the project's error format; exit 1)."""


def markdown_text(body: str, first_line: int = 1) -> str:
    """The text a reader sees in a Markdown body, blocks separated by blank lines."""
    if not body.strip():
        return ""
    return _paragraphs(parse(body, first_line).tokens)


def _paragraphs(tokens: list[Token]) -> str:
    """The text stream with each block on one line and blank lines between blocks: a line
    break inside a paragraph is only where the writer's editor wrapped it, not a new unit."""
    stream, _runs = text_stream(tokens)
    return stream.replace("\n", " ").replace(BLOCK_SEPARATOR, "\n\n")


def _open(root: Path) -> Project | None:
    if not (root / CONFIG_FILE).is_file():
        return None
    project, _diags = open_project(root)
    return project


def _article_text(project: Project, article_id: str) -> str:
    article = project.articles[article_id]
    parsed = article.doc.parsed
    if parsed is None:
        return markdown_text(article.doc.body, article.doc.body_line)
    return _paragraphs(parsed.tokens)


def find_text(source: str, root: Path, project: Project | None) -> tuple[str, str | None]:
    """The text to rank: an existing file (Markdown with front matter if ``.md``, else plain
    text), or else an article id of the project; and the language it declares (an article's
    ``language``, else the project's), None for plain text."""
    path = Path(source)
    if not path.exists() and not path.is_absolute() and (root / path).exists():
        path = root / path  # a path given relative to the project rather than to here
    if path.is_file():
        raw = path.read_bytes()
        if path.suffix.lower() in (".md", ".markdown"):
            diags = Diagnostics()
            content = split(decode(raw, str(path), diags), str(path), diags)
            if content is None:
                raise SuggestError(
                    f"{path} cannot be read as Markdown with front matter",
                    "run 'factcheck check' to see why",
                )
            data = content.meta.data if isinstance(content.meta.data, dict) else {}
            declared = data.get("language")
            if not isinstance(declared, str):
                declared = project.config.language if project is not None else None
            return markdown_text(content.body, content.body_line), declared
        return raw.decode("utf-8", errors="replace").lstrip("\ufeff"), None
    if path.exists():
        raise SuggestError(f"{source} is a folder, not an article or a text file")
    if project is None:
        where = (
            f"{CONFIG_FILE} in {root} has errors"
            if (root / CONFIG_FILE).is_file()
            else f"there is no project in {root}"
        )
        raise SuggestError(
            f"no file '{source}', and {where} to look up an article id in",
            "give the path of a text or Markdown file, or --project DIR",
        )
    if source not in project.articles:
        raise SuggestError(
            f"no article '{source}' and no such file",
            did_you_mean(source, project.articles)
            or (
                "article ids: " + ", ".join(sorted(project.articles)[:10])
                if project.articles
                else "the project has no articles yet"
            ),
        )
    article = project.articles[source]
    return _article_text(project, source), article.language or project.config.language


def claim_index(project: Project | None) -> ClaimIndex:
    """Every claim of the project, by its summary and its quote."""
    if project is None:
        return ClaimIndex([])
    return ClaimIndex((claim.id, (claim.summary, claim.quote)) for claim in project.claims.values())


def run_suggest(
    root: Path,
    source: str,
    *,
    top: int,
    output_format: str,
    min_similarity: float = DEFAULT_THRESHOLD,
    min_score: float = DEFAULT_CUT_OFF,
    any_language: bool = False,
) -> int:
    project = _open(root)
    text, declared = find_text(source, root, project)
    guess = judge(text, declared)
    if not guess.known and not any_language:
        raise SuggestError(
            f"{guess.reason}; suggest's check-worthiness model knows only English, and would "
            "rank these sentences by noise",
            "nothing was ranked; --any-language ranks them anyway (the scores mean little)",
        )
    sentences = split_sentences(text)
    try:
        ranked = rank_sentences(sentences)
    except FileNotFoundError as exc:
        raise SuggestError(
            f"the check-worthiness model is missing from this installation ({exc.filename})",
            "reinstall factcheck",
        ) from exc
    suggestions = [s for s in ranked if s.score >= min_score]
    below = len(ranked) - len(suggestions)
    if top > 0:
        suggestions = suggestions[:top]
    index = claim_index(project)
    for suggestion in suggestions:
        suggestion.matches = index.matches_any(
            (suggestion.sentence, suggestion.quote), threshold=min_similarity
        )
    if output_format == "json":
        click.echo(json.dumps([_as_json(s) for s in suggestions], indent=2, ensure_ascii=False))
    else:
        _print_text(
            suggestions,
            matched_against=len(index),
            has_project=project is not None,
            below=below,
            min_score=min_score,
        )
    return 0


def _as_json(suggestion: Suggestion) -> dict[str, object]:
    return {
        "sentence": suggestion.sentence,
        "score": suggestion.score,
        "quote": suggestion.quote,
        "claimant": suggestion.claimant,
        "summary": suggestion.summary,
        "matches": [{"claim": m.claim, "similarity": m.similarity} for m in suggestion.matches],
    }


def _print_text(
    suggestions: list[Suggestion],
    *,
    matched_against: int,
    has_project: bool,
    below: int = 0,
    min_score: float = DEFAULT_CUT_OFF,
) -> None:
    if not suggestions:
        click.echo(
            f"No sentence scores {min_score:.2f} or more (--min-score 0 shows them all)."
            if min_score > 0
            else "No sentences found."
        )
        return
    width = max(40, min(100, shutil.get_terminal_size((100, 24)).columns) - 12)
    for rank, suggestion in enumerate(suggestions, start=1):
        lines = textwrap.wrap(suggestion.sentence, width) or [""]
        click.echo(f"{rank:>3}. {suggestion.score:.2f}  {lines[0]}")
        for line in lines[1:]:
            click.echo(f"{'':11}{line}")
        claim = suggestion.summary + (f" ({suggestion.claimant})" if suggestion.claimant else "")
        click.echo(f"{'':11}claim: {claim}")
        for match in suggestion.matches:
            click.echo(f"{'':11}already a claim: {match.claim} (similarity {match.similarity:.2f})")
    if below:
        click.echo(
            f"({below} more sentence{'s' if below != 1 else ''} scored below "
            f"{min_score:.2f}: --min-score 0 shows them)",
            err=True,
        )
    if not has_project:
        click.echo("(no project here: sentences were not compared with existing claims)", err=True)
    elif not matched_against:
        click.echo("(the project has no claims yet to compare with)", err=True)


@click.command("suggest")
@project_option
@click.argument("source", metavar="ARTICLE|FILE")
@click.option(
    "--top",
    type=click.IntRange(min=0),
    default=10,
    show_default=True,
    help="How many sentences to show (0: all).",
)
@click.option(
    "--min-similarity",
    type=click.FloatRange(0.0, 1.0),
    default=DEFAULT_THRESHOLD,
    show_default=True,
    help="How alike a claim must be to be shown as a match.",
)
@click.option(
    "--min-score",
    type=click.FloatRange(0.0, 1.0),
    default=DEFAULT_CUT_OFF,
    show_default=True,
    help="Suggest only sentences scoring this much (0: all).",
)
@click.option(
    "--any-language",
    is_flag=True,
    help="Rank text that is not in English too (the model knows only English).",
)
@format_option
@click.pass_context
def command(
    ctx: click.Context,
    source: str,
    top: int,
    min_similarity: float,
    min_score: float,
    any_language: bool,
    output_format: str,
) -> None:
    """Rank the sentences of ARTICLE (an article id or .md file) or FILE (plain text) by how
    worth checking they are, with the checkable words of each (quote, claimant, summary) and
    the existing claims that say nearly the same."""
    ctx.exit(
        run_suggest(
            project_root(ctx),
            source,
            top=top,
            output_format=output_format,
            min_similarity=min_similarity,
            min_score=min_score,
            any_language=any_language,
        )
    )
