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
from .cache import ReadCache, StatKey, now_ns, settled, stat_key
from .diagnostics import Diagnostics, Position
from .exports import atom_feed, claims_csv, data_feed, robots, sitemap
from .fields import url_problem
from .gc_pause import paused_gc
from .model import Project
from .output import InPlaceWriter, SiteWriter, clean_leftovers, html_key
from .page_cache import Interner, PageCache
from .project import open_project
from .render import PageSpec, TemplateProblems, page_specs, render_pages
from .search import SearchIndexError, build_cached_index, search_glob, update_index
from .theme import assets, environment, static_files, theme_key
from .views import ClaimView, SiteViews

CACHE_DIR = ".factcheck-cache"


@dataclass(slots=True)
class BuildResult:
    ok: bool
    diagnostics: Diagnostics
    output: Path
    pages: int = 0
    files: int = 0
    bytes: int = 0
    rendered: int = 0
    """Pages rendered by this build (the others were reused: see factcheck/page_cache.py)."""
    changed: list[str] = field(default_factory=list)
    """Site files this build wrote or removed (in-place rebuilds; every file otherwise)."""
    search_key: str = ""
    """The digest of the site's HTML: what its search index is made from."""
    search_glob: str | None = None
    """Where Pagefind finds the pages to index (search.search_glob)."""
    in_place: bool = False
    """Whether the last build's output was updated in place (else a whole site was staged)."""
    timings: dict[str, float] = field(default_factory=dict)
    project: Project | None = None

    @property
    def seconds(self) -> float:
        return sum(self.timings.values())


@dataclass(slots=True)
class BuildCache:
    """What one build lends the next in the same process (the preview server keeps one).

    ``read`` holds files and parsed bodies, ``pages`` what each page was rendered from, and
    ``files`` the digest of every file the last build left in ``output``, so that a rebuild
    renders and writes only what differs. Builds with and without a cache are the same.
    """

    read: ReadCache = field(default_factory=ReadCache)
    pages: PageCache = field(default_factory=PageCache)
    output: Path | None = None
    output_id: tuple[int, int] | None = None
    """(device, inode) of ``output`` after the last build: a folder swapped in by another
    command is not the one ``files`` describes."""
    files: dict[str, bytes] = field(default_factory=dict)
    searchable: set[str] = field(default_factory=set)
    """Pages of ``files`` marked for the search index."""
    sources: dict[str, tuple[StatKey, bytes]] = field(default_factory=dict)
    """Copied file (site path) -> its source's status and digest, when that status vouches
    for the bytes (see factcheck/cache.py)."""

    def in_place(self, output: Path) -> bool:
        """Whether ``output`` is still exactly what the last build with this cache left."""
        if self.output != output or not self.files:
            return False
        try:
            status = output.stat()
        except OSError:
            return False
        return (status.st_dev, status.st_ino) == self.output_id


Progress = Callable[[str, int], Callable[[], None]]
"""Starts a stage of ``total`` steps; returns the function that advances it by one."""


def build_site(root: Path, *, output: Path | None = None, base_url: str | None = None,
               clean: bool = False, search: bool = True,
               progress: Progress | None = None,
               cache: BuildCache | None = None) -> BuildResult:
    """Build the site of the project at ``root``.

    With a ``cache`` (see :class:`BuildCache`) that last built into the same ``output``, only
    the pages whose inputs changed are rendered, and only changed files are written, each
    replaced whole; without one, the new site is staged beside ``output`` and swapped in.
    Either way the output ends up the same."""
    with paused_gc():
        return _build(root, output=output, base_url=base_url, clean=clean, search=search,
                      progress=progress, cache=cache)


def _build(root: Path, *, output: Path | None, base_url: str | None, clean: bool,
           search: bool, progress: Progress | None, cache: BuildCache | None) -> BuildResult:
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
        project, diags = open_project(root, cache.read if cache is not None else None)
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
    page_cache = cache.pages if cache is not None else PageCache()
    in_place = cache is not None and cache.in_place(output)
    clean_leftovers(output, searches=not in_place)
    with step("plan"):
        theme = theme_key(root, project.config.base_url)
        if page_cache.theme != theme or page_cache.environment is None:
            page_cache.theme, page_cache.pages = theme, {}
            page_cache.environment = environment(root)
            page_cache.exports = None
            page_cache.views = Interner()  # and so every export line is made again
        env = page_cache.environment
        views = SiteViews(project, page_cache)
        pages: list[PageSpec] = list(page_specs(views))
    writer: SiteWriter | InPlaceWriter = (InPlaceWriter(output, cache.files, cache.searchable)
                                          if cache is not None and in_place
                                          else SiteWriter(output))
    try:
        with step("render"):
            advance = progress("Rendering pages", len(pages)) if progress else None
            records, rendered = render_pages(views, env, root, pages, writer, diags, advance,
                                             previous=page_cache if in_place else None,
                                             keep_records=cache is not None)
            page_cache.bodies.finish()
            page_cache.views.finish()
            page_cache.related.finish()
        with step("exports"):
            exports = (views.claims_by_date(), [p.path for p in pages if p.in_sitemap])
            if isinstance(writer, InPlaceWriter) and page_cache.exports == exports:
                for rel in EXPORTS:
                    if rel in writer.previous:
                        writer.keep(rel)
            else:
                _write_exports(views, exports[0], exports[1], writer)
            page_cache.export_lines.finish()
            sources = _copy_files(root, pages, writer, diags,
                                  cache.sources if cache is not None and in_place else {})
        result.search_key = html_key(writer.digests)
        result.search_glob = search_glob(writer.searchable)
        if search and isinstance(writer, SiteWriter):
            with step("search"):
                build_cached_index(writer.staging, root / CACHE_DIR / "search",
                                   result.search_key, glob=result.search_glob)
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
    if search and isinstance(writer, InPlaceWriter):
        with step("search"):
            try:
                update_index(output, root / CACHE_DIR / "search", result.search_key,
                             result.search_glob)
            except SearchIndexError as exc:
                diags.error("(search index)", Position(1, 1), str(exc))
                return result
    if cache is not None:
        page_cache.pages = records
        page_cache.exports = exports
        cache.output = output
        status = output.stat()
        cache.output_id = (status.st_dev, status.st_ino)
        cache.files = dict(writer.digests)
        cache.searchable = set(writer.searchable)
        cache.sources = sources
    result.ok = True
    result.pages = len(pages)
    result.rendered = rendered
    result.in_place = isinstance(writer, InPlaceWriter)
    result.files = writer.count
    result.bytes = writer.bytes
    result.changed = (writer.changed + writer.removed if isinstance(writer, InPlaceWriter)
                      else sorted(writer.digests))
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


EXPORTS = (urls.FEED, urls.CLAIMREVIEW_FEED, urls.CLAIMS_CSV, urls.ROBOTS, urls.SITEMAP)


def _write_exports(views: SiteViews, published: list[ClaimView], sitemap_paths: list[str],
                   writer: SiteWriter | InPlaceWriter) -> None:
    """The feeds and data exports: made from the published claims' views and the configuration
    alone (and the sitemap from the pages' paths), which is what decides their reuse."""
    base_url = views.config.base_url
    writer.write_text(urls.FEED, atom_feed(views, published))
    writer.write_text(urls.CLAIMREVIEW_FEED, data_feed(views, published))
    writer.write_text(urls.CLAIMS_CSV, claims_csv(views, published))
    writer.write_text(urls.ROBOTS, robots(base_url))
    if base_url:
        writer.write_text(urls.SITEMAP, sitemap(base_url, sitemap_paths))


def _copy_files(root: Path, pages: list[PageSpec], writer: SiteWriter | InPlaceWriter,
                diags: Diagnostics,
                known: dict[str, tuple[StatKey, bytes]]) -> dict[str, tuple[StatKey, bytes]]:
    """Copy theme assets and static files. A file whose source's status vouches that it is as
    last copied (``known``) is kept rather than read again; returns what vouches now."""
    generated = {p.path for p in pages} | set(EXPORTS)
    vouched: dict[str, tuple[StatKey, bytes]] = {}
    read_at = now_ns()

    def copy(rel: str, path: Path) -> None:
        status = path.stat()
        entry = known.get(rel)
        if (isinstance(writer, InPlaceWriter) and entry is not None
                and entry[0] == stat_key(status) and writer.previous.get(rel) == entry[1]):
            writer.keep(rel)
            vouched[rel] = entry
            return
        writer.copy(rel, path)
        if settled(status, read_at):
            vouched[rel] = (stat_key(status), writer.digests[rel])

    for rel, path in assets(root):
        copy(rel, path)
        generated.add(rel)
    folders = {"pagefind"} | {"/".join(parts[:n]) for parts in (g.split("/") for g in generated)
                              for n in range(1, len(parts))}
    for rel, path in static_files(root):
        # A file under a folder named like a generated file (static/index.html/x), or named like
        # a folder of generated files (static/claims), would clash with them too.
        parents = rel.split("/")[:-1]
        clash = next((p for p in ("/".join(parents[:n]) for n in range(1, len(parents) + 1))
                      if p in generated), None)
        if clash is not None or rel in folders:
            what = f"a file {clash}" if clash is not None else f"a folder {rel}/"
            diags.warning(f"static/{rel}", Position(1, 1),
                          f"static/{rel} is not copied: the site already has {what}",
                          "rename it; generated pages and theme assets take precedence")
            continue
        if rel in generated or rel.startswith("pagefind/"):
            diags.warning(f"static/{rel}", Position(1, 1),
                          f"static/{rel} is not copied: the site already has a file {rel}",
                          "rename it; generated pages and theme assets take precedence")
            continue
        copy(rel, path)
    return vouched
