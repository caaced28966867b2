"""Rendering: each page of :mod:`factcheck.pages` through the theme, to HTML.

Template problems are reported as ``templates/NAME:line:col`` diagnostics, all of them, not only
the first. A page whose inputs are what they were last time is not rendered again
(factcheck/page_cache.py).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

import jinja2

from . import urls
from .diagnostics import Diagnostics, Position
from .page_cache import PageCache, PageRecord, TrackedSite
from .pages import PageSpec, site_context
from .views import SiteViews


class TemplateProblems(Exception):
    """Raised after rendering when any template failed; the diagnostics say where."""


class PageWriter(Protocol):
    def write_text(self, rel: str, text: str) -> None: ...

    def keep(self, rel: str) -> None: ...


def render_pages(
    views: SiteViews,
    env: jinja2.Environment,
    project_root: Path,
    pages: list[PageSpec],
    writer: PageWriter,
    diags: Diagnostics,
    advance: Callable[[], None] | None = None,
    *,
    previous: PageCache | None = None,
    keep_records: bool = False,
) -> tuple[dict[str, PageRecord], int]:
    """Render every page and write it, except those that ``previous`` (the last build's
    records, when its output is still in place) shows would come out the same: those are
    kept. Returns how many pages were rendered, and, if ``keep_records``, what each was
    rendered from (a build that has no next one to lend them to does not hold every page's
    context until its end)."""
    site = TrackedSite(site_context(views))
    base_url = views.config.base_url
    # Templates show unpublished work only where this is set: never in a build for readers.
    preview = {"desk": urls.DESK} if views.preview else None
    cache: dict[str, jinja2.Template] = {}
    records: dict[str, PageRecord] = {}
    rendered = 0
    failed = False
    for spec in pages:
        try:
            context = dict(spec.context)
            if spec.lazy is not None:
                context.update(spec.lazy())
            inputs = (
                spec.template,
                spec.title,
                spec.description,
                spec.og_type,
                spec.feed,
                spec.image,
                context,
            )
            if previous is not None and previous.reusable(spec.path, inputs, site):
                records[spec.path] = previous.pages[spec.path]
                writer.keep(spec.path)
                if advance is not None:
                    advance()
                continue
            template = cache.get(spec.template)
            if template is None:
                template = cache[spec.template] = env.get_template(spec.template)
            site.start_page()
            html = template.render(
                site=site,
                page={
                    "path": spec.path,
                    "title": spec.title,
                    "description": spec.description,
                    "og_type": spec.og_type,
                    "canonical": urls.absolute(base_url, spec.path),
                    "feed": spec.feed,
                    # og:image must be an absolute address: there is none without base_url.
                    "image": urls.absolute(base_url, spec.image) if spec.image else None,
                },
                root=_root(spec.path, base_url),
                urls=urls,
                preview=preview,
                **context,
            )
        except jinja2.TemplateError as exc:
            _template_problem(exc, spec, project_root, env, diags)
            failed = True
            continue
        if keep_records:
            records[spec.path] = site.record(inputs)
        rendered += 1
        writer.write_text(spec.path, html)
        if advance is not None:
            advance()
    if failed:
        raise TemplateProblems()
    return records, rendered


def _root(path: str, base_url: str | None) -> str:
    """The prefix of links on a page. The 404 page is served at any address, where relative
    links would resolve wrongly, so it links absolutely when base_url is known."""
    if path == urls.NOT_FOUND and base_url:
        return base_url
    return urls.root_of(path)


def _template_problem(
    exc: jinja2.TemplateError,
    spec: PageSpec,
    project_root: Path,
    env: jinja2.Environment,
    diags: Diagnostics,
) -> None:
    import traceback

    filename: str | None = getattr(exc, "filename", None)
    lineno: int | None = getattr(exc, "lineno", None)
    if filename is None:
        # Runtime errors: Jinja rewrites the traceback so its frames name template lines.
        for frame in reversed(traceback.extract_tb(exc.__traceback__)):
            if frame.filename.endswith((".html", ".xml", ".txt")):
                filename, lineno = frame.filename, frame.lineno
                break
    display = _display_path(filename, project_root) if filename else f"templates/{spec.template}"
    diags.error(
        display,
        Position(lineno or 1, 1),
        f"template error while rendering {spec.path}: {exc.message or exc}",
        "check the template's variables against docs/theme.md",
    )


def _display_path(filename: str, project_root: Path) -> str:
    path = Path(filename)
    try:
        return path.resolve().relative_to(project_root.resolve()).as_posix()
    except ValueError:
        from .theme import theme_dir

        try:
            return (
                "(default theme) templates/"
                + path.resolve().relative_to(theme_dir().resolve()).as_posix()
            )
        except ValueError:
            return filename
