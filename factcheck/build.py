"""``factcheck build``: load -> cross-reference and validate -> render -> write.

A flat list of steps, each timed. Nothing touches the output folder until the whole site is
staged beside it: any error (content, template, search index) leaves the last good site as it was.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from . import urls
from .cache import ReadCache
from .diagnostics import Diagnostics, Position
from .exports import atom_feed, claims_csv, data_feed, robots, sitemap
from .fields import url_problem
from .model import Project
from .output import SiteWriter, clean_leftovers
from .project import open_project
from .render import PageSpec, TemplateProblems, page_specs, render_pages
from .search import SearchIndexError, build_cached_index
from .theme import assets, environment, static_files
from .views import SiteViews

CACHE_DIR = ".factcheck-cache"


@dataclass(slots=True)
class BuildResult:
    ok: bool
    diagnostics: Diagnostics
    output: Path
    pages: int = 0
    files: int = 0
    bytes: int = 0
    timings: dict[str, float] = field(default_factory=dict)
    project: Project | None = None

    @property
    def seconds(self) -> float:
        return sum(self.timings.values())


Progress = Callable[[str, int], Callable[[], None]]
"""Starts a stage of ``total`` steps; returns the function that advances it by one."""


def build_site(root: Path, *, output: Path | None = None, base_url: str | None = None,
               clean: bool = False, search: bool = True,
               progress: Progress | None = None,
               cache: ReadCache | None = None) -> BuildResult:
    """Build the site of the project at ``root``. ``cache`` lends what an earlier build in this
    process read and parsed (see factcheck/cache.py); builds with and without it are the same."""
    root = root.resolve()
    output = (output if output is not None else root / "site").resolve()
    timings: dict[str, float] = {}
    result = BuildResult(False, Diagnostics(), output, timings=timings)

    @contextmanager
    def step(name: str) -> Iterator[None]:
        start = time.perf_counter()
        yield
        timings[name] = time.perf_counter() - start

    with step("load"):
        project, diags = open_project(root, cache)
    result.diagnostics = diags
    result.project = project
    if base_url is not None:
        problem = url_problem(base_url)
        if problem or not base_url.startswith(("http://", "https://")):
            diags.error("(command line)", Position(1, 1),
                        f"--base-url '{base_url}' is not an http or https URL",
                        "for example --base-url https://check.example.org/")
        elif project is not None:
            project.config.base_url = base_url if base_url.endswith("/") else base_url + "/"
    if project is None or diags.has_errors():
        return result
    _check_output(root, output, diags)
    if diags.has_errors():
        return result

    if clean:
        shutil.rmtree(root / CACHE_DIR, ignore_errors=True)
    clean_leftovers(output)

    with step("plan"):
        views = SiteViews(project)
        pages: list[PageSpec] = list(page_specs(views))
        env = environment(root)
    writer = SiteWriter(output)
    try:
        with step("render"):
            advance = progress("Rendering pages", len(pages)) if progress else None
            render_pages(views, env, root, pages, writer.write_text, diags, advance)
        with step("exports"):
            _write_exports(views, pages, writer)
            _copy_files(root, pages, writer, diags)
        if search:
            with step("search"):
                build_cached_index(writer.staging, root / CACHE_DIR / "search")
        with step("swap"):
            writer.commit()
    except TemplateProblems:
        writer.abort()
        return result
    except SearchIndexError as exc:
        writer.abort()
        diags.error("(search index)", Position(1, 1), str(exc))
        return result
    except BaseException:
        writer.abort()
        raise
    result.ok = True
    result.pages = len(pages)
    result.files = writer.count
    result.bytes = writer.bytes
    return result


def _check_output(root: Path, output: Path, diags: Diagnostics) -> None:
    """Refuse an output folder that would swallow the project (the swap replaces it whole)."""
    if output == root or root.is_relative_to(output):
        diags.error("(command line)", Position(1, 1),
                    f"the output folder {output} contains the project itself",
                    "build into a folder of its own, such as site/")
    elif output.exists() and not output.is_dir():
        diags.error("(command line)", Position(1, 1), f"the output {output} is not a folder")
    for folder in ("content", "templates", "static"):
        if output == root / folder or output.is_relative_to(root / folder):
            diags.error("(command line)", Position(1, 1),
                        f"the output folder {output} is inside the project's {folder}/",
                        "build into site/ or a folder outside the project")


def _write_exports(views: SiteViews, pages: list[PageSpec], writer: SiteWriter) -> None:
    published = views.claims_by_date()
    base_url = views.config.base_url
    writer.write_text(urls.FEED, atom_feed(views, published))
    writer.write_text(urls.CLAIMREVIEW_FEED, data_feed(views, published))
    writer.write_text(urls.CLAIMS_CSV, claims_csv(views, published))
    writer.write_text(urls.ROBOTS, robots(base_url))
    if base_url:
        writer.write_text(urls.SITEMAP, sitemap(base_url, [p.path for p in pages
                                                           if p.in_sitemap]))


def _copy_files(root: Path, pages: list[PageSpec], writer: SiteWriter,
                diags: Diagnostics) -> None:
    generated = {p.path for p in pages} | {urls.FEED, urls.CLAIMREVIEW_FEED, urls.CLAIMS_CSV,
                                           urls.ROBOTS, urls.SITEMAP}
    for rel, path in assets(root):
        writer.copy(rel, path)
        generated.add(rel)
    for rel, path in static_files(root):
        if rel in generated or rel.startswith("pagefind/"):
            diags.warning(f"static/{rel}", Position(1, 1),
                          f"static/{rel} is not copied: the site already has a file {rel}",
                          "rename it; generated pages and theme assets take precedence")
            continue
        writer.copy(rel, path)
