"""Rendering every page in memory, writing nothing: how ``factcheck check`` finds what would make
``factcheck build`` fail in the templates (a theme that reads a field some content lacks, say).

The pages are the build's own (:func:`factcheck.pages.page_specs`), rendered by the build's
own :func:`factcheck.render.render_pages` with the project's theme; only the writer differs: it
keeps nothing. Template problems land in the diagnostics at the template's line, as in a build.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

from .diagnostics import Diagnostics, Position
from .i18n import Translations
from .model import Project
from .page_cache import PageCache
from .pages import page_specs
from .render import TemplateProblems, render_pages
from .theme import environment, site_key
from .views import SiteViews

__all__ = ["trial_render"]


class _Discard:
    """A page writer that keeps nothing."""

    def write_text(self, rel: str, text: str) -> None:
        pass

    def keep(self, rel: str) -> None:
        pass


def trial_render(
    root: Path, project: Project, diags: Diagnostics, last: PageCache | None = None
) -> int:
    """Render every page of ``project`` as ``build`` would, and report template errors in
    ``diags``; returns how many pages were rendered.

    ``last`` is the page cache of the last successful build (saved between processes,
    factcheck/saved_cache.py): a page whose inputs, templates and configuration are what that
    build rendered without an error would render without one now, so it is not rendered again
    (the same rule as the build's, factcheck/page_cache.py)."""
    try:
        theme = site_key(root, project.config)
        previous = last if last is not None and last.theme == theme else None
        env = environment(
            root,
            project.config.language,
            diags,
            bytecode=previous.bytecode if previous is not None else None,
        )
        translations = env.globals["translations"]
        assert isinstance(translations, Translations)
        views = SiteViews(project, previous, translations=translations)
        pages = list(page_specs(views))
        _records, rendered = render_pages(
            views, env, root, pages, _Discard(), diags, previous=previous
        )
        _check_media(root, views, diags)
    except TemplateProblems:
        return 0
    except jinja2.TemplateError as exc:  # pragma: no cover - render_pages reports these itself
        diags.error("templates", Position(1, 1), f"template error: {exc}")
        return 0
    return rendered


def _check_media(root: Path, views: SiteViews, diags: Diagnostics) -> None:
    """Make the media copies the build would make (keeping none), so that a file that cannot
    be published fails ``check`` as it would fail ``build``."""
    from .build import CACHE_DIR
    from .media_copies import CACHE_FOLDER, site_media
    from .media_views import shown_media

    site_media(shown_media(views), root / CACHE_DIR / CACHE_FOLDER, diags, keep=False)
