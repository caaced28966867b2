"""``factcheck build``: load -> cross-reference and validate -> render -> write.

A flat list of steps, each timed. Nothing touches the output folder until the whole site is
staged beside it: any error (content, template, search index) leaves the last good site as it was.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from collections.abc import Set as AbstractSet
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from . import saved_cache as saved
from . import urls
from .cache import PUBLISHED_RECORDS, ReadCache, StatKey, discard, now_ns, settled, stat_key
from .cards import CardCache, CardText, card_key
from .diagnostics import Diagnostics, OptionProblem, Position
from .exports import (
    atom_feed,
    claims_csv,
    corrections_feed,
    data_feed,
    robots,
    sitemap,
)
from .fields import url_problem
from .gc_pause import paused_gc
from .i18n import Translations
from .media_copies import CACHE_FOLDER as MEDIA_CACHE
from .media_copies import site_media
from .media_views import shown_media
from .model import Date, Project
from .output import (
    InPlaceWriter,
    RelinkWriter,
    SiteWriter,
    clean_leftovers,
    html_key,
    locked,
    replace_problem,
    replace_tree,
)
from .page_cache import Interner, PageCache
from .pages import FeedSpec, PageSpec, feed_specs, page_specs
from .project import open_project
from .render import TemplateProblems, render_pages
from .search import INDEX_DIR, SearchIndexError, has_index, make_index, search_glob
from .theme import assets, environment, site_key, static_files
from .views import ClaimView, CorrectionView, SiteViews

CACHE_DIR = ".factcheck-cache"


def search_cache(root: Path, *, preview: bool = False) -> Path:
    """Where the last search index made is kept, for a build of the same pages to reuse: one
    for the sites that are built, one for the review preview (whose pages always differ)."""
    return root / CACHE_DIR / ("serve/search-preview" if preview else "search")


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
    search_language: str | None = None
    """The language the search index is in: the site's."""
    in_place: bool = False
    """Whether the last build's output was updated in place (else a whole site was staged)."""
    unchanged: bool = False
    """The output was already, byte for byte, the site this build made: it was left alone."""
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
    saved: bool = False
    """Loaded from the cache the last build process saved (factcheck/saved_cache.py): its
    output is trusted only while it matches ``manifest``, and a rebuild stages a whole new
    site, linking the files it keeps."""
    manifest: dict[str, tuple[int, int, int]] = field(default_factory=dict)
    """The output's files as the last build left them (saved caches only)."""
    index_files: dict[str, bytes] = field(default_factory=dict)
    """The digests of the search index's files in ``output`` (saved caches only: ``files``
    leaves them out)."""

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


@dataclass(slots=True)
class Opened:
    """A project already opened (read and cross-referenced), to build more than one view of
    it without reading it twice (the preview server builds the review preview and, when asked
    for, the published view)."""

    project: Project | None
    diagnostics: Diagnostics
    seconds: float


def open_for_build(root: Path, cache: BuildCache | None = None) -> Opened:
    start = time.perf_counter()
    with paused_gc():
        project, diags = open_project(root.resolve(), cache.read if cache is not None else None)
    return Opened(project, diags, time.perf_counter() - start)


def build_site(
    root: Path,
    *,
    output: Path | None = None,
    base_url: str | None = None,
    clean: bool = False,
    search: bool = True,
    no_search: bool = False,
    progress: Progress | None = None,
    cache: BuildCache | None = None,
    preview: bool = False,
    opened: Opened | None = None,
    changed_at: Callable[[str], float | None] | None = None,
    on_wait: Callable[[str], None] | None = None,
    saved_cache: bool = False,
) -> BuildResult:
    """Build the site of the project at ``root``.

    With a ``cache`` (see :class:`BuildCache`) that last built into the same ``output``, only
    the pages whose inputs changed are rendered, and only changed files are written, each
    replaced whole; without one, the new site is staged beside ``output`` and swapped in.
    Either way the output ends up the same.

    ``preview`` builds the review preview, which shows unpublished work: only the preview
    server asks for it, and only into a folder of its own under the build cache, never into
    ``site/`` (see factcheck/serve/). ``opened`` is the project already read (its diagnostics
    are copied, not changed); ``changed_at`` tells the preview's desk when files changed.
    One build or publish of a folder runs at a time: ``on_wait`` is told when this one waits
    for another.

    ``search`` is whether to make the search index (tests and the preview server leave it to
    later or out); ``no_search`` builds the site without search (``build --no-search``, as
    ``search: false`` in factcheck.yaml does): no index, no search page, no search form.

    ``saved_cache`` (``factcheck build`` and ``publish`` unless ``--no-cache``) loads the cache
    the last build process saved for this output, when there is no ``cache``, and saves this
    build's for the next (factcheck/saved_cache.py)."""
    with paused_gc():
        return _build(
            root,
            output=output,
            base_url=base_url,
            clean=clean,
            search=search,
            no_search=no_search,
            progress=progress,
            cache=cache,
            preview=preview,
            opened=opened,
            changed_at=changed_at,
            on_wait=on_wait,
            saved_cache=saved_cache,
        )


def _build(
    root: Path,
    *,
    output: Path | None,
    base_url: str | None,
    clean: bool,
    search: bool,
    no_search: bool,
    progress: Progress | None,
    cache: BuildCache | None,
    preview: bool,
    opened: Opened | None,
    changed_at: Callable[[str], float | None] | None,
    on_wait: Callable[[str], None] | None,
    saved_cache: bool,
) -> BuildResult:
    root = root.resolve()
    output = (output if output is not None else root / "site").resolve()
    _keep_preview_in_cache(root, output, preview=preview)
    timings: dict[str, float] = {}
    result = BuildResult(False, Diagnostics(), output, timings=timings)

    @contextmanager
    def step(name: str) -> Iterator[None]:
        start = time.perf_counter()
        yield
        timings[name] = time.perf_counter() - start

    save = saved_cache and cache is None and opened is None and not preview
    if save:
        with step("cache"):
            with_saved = None if clean else saved.load(root, output, CACHE_DIR)
        cache = with_saved if with_saved is not None else BuildCache(saved=True)
    if opened is None:
        with step("load"):
            project, diags = open_project(root, cache.read if cache is not None else None)
    else:
        project, diags = opened.project, Diagnostics(list(opened.diagnostics))
        timings["load"] = opened.seconds
    result.diagnostics = diags
    result.project = project
    if base_url is not None:
        problem = url_problem(base_url)
        if problem or not base_url.startswith(("http://", "https://")):
            raise OptionProblem(
                "--base-url",
                f"'{base_url}' is not an http or https URL",
                "for example --base-url https://check.example.org/",
            )
        if project is not None:
            project.config.base_url = base_url if base_url.endswith("/") else base_url + "/"
    if no_search and project is not None:
        project.config.search = False
    if project is None or diags.has_errors():
        return result
    in_place = cache is not None and cache.in_place(output)
    _check_output(root, output, in_place=in_place)
    if clean:
        discard(root / CACHE_DIR, keep=(PUBLISHED_RECORDS,))
    try:
        with locked(output, on_wait):
            if in_place and cache is not None and cache.saved:
                # (checked once the output is ours: another build may have changed it)
                in_place = saved.output_matches(output, cache.manifest)
            _write_site(
                root,
                project,
                diags,
                result,
                step,
                output=output,
                search=search and project.config.search,
                progress=progress,
                cache=cache if in_place else None,
                keep=cache,
                preview=preview,
                changed_at=changed_at,
            )
            if save and result.ok and not result.unchanged and cache is not None:
                start = time.perf_counter()
                saved.save(root, output, CACHE_DIR, cache)
                timings["cache"] += time.perf_counter() - start
    except OSError as exc:
        # The output cannot be written (read-only, full, gone): say where, change nothing.
        where = exc.filename if isinstance(exc.filename, str) else str(output)
        diags.error(
            _display(root, Path(where)),
            Position(1, 1),
            f"cannot write the site: {exc.strerror or exc}",
            "check that the output folder can be written (permissions, free space)",
        )
        result.ok = False
    return result


def _keep_preview_in_cache(root: Path, output: Path, *, preview: bool) -> None:
    """The review preview shows drafts: it must never land where a site is published from, so
    it is built only under the build cache. (A function of its own: the publication rule that
    scripts/mutation.sh mutates in build.py.)"""
    if preview and not output.is_relative_to(root / CACHE_DIR):
        raise ValueError(f"the review preview is built only under {CACHE_DIR}/, not {output}")


def _write_site(
    root: Path,
    project: Project,
    diags: Diagnostics,
    result: BuildResult,
    step: Callable[[str], AbstractContextManager[None]],
    *,
    output: Path,
    search: bool,
    progress: Progress | None,
    cache: BuildCache | None,
    keep: BuildCache | None,
    preview: bool,
    changed_at: Callable[[str], float | None] | None,
) -> None:
    """Render, stage and put in place the site of ``project`` (the output is locked).
    ``cache`` is set when its last build's output is still in place (an in-place rebuild);
    ``keep`` is where to leave what this build lends the next."""
    page_cache = keep.pages if keep is not None else PageCache()
    clean_leftovers(output)
    with step("plan"):
        theme = site_key(root, project.config)
        if page_cache.theme != theme:
            page_cache.theme, page_cache.pages = theme, {}
            page_cache.environment = None
            page_cache.exports = None
            page_cache.views = Interner()  # and so every export line is made again
        if page_cache.environment is None:  # (none is saved: factcheck/saved_cache.py)
            page_cache.environment = environment(
                root, project.config.language, diags, bytecode=page_cache.bytecode
            )
        env = page_cache.environment
        views = SiteViews(
            project,
            page_cache,
            preview=preview,
            changed_at=changed_at,
            translations=_translations(env),
        )
        pages: list[PageSpec] = list(page_specs(views))
    with step("media"):
        media = site_media(shown_media(views), root / CACHE_DIR / MEDIA_CACHE, diags)
    if diags.has_errors():
        return
    writer: SiteWriter | InPlaceWriter
    if cache is None:
        writer = SiteWriter(output)
    elif cache.saved:
        writer = RelinkWriter(
            output,
            cache.files,
            cache.searchable,
            {rel: entry[0] for rel, entry in cache.manifest.items()},
        )
    else:
        writer = InPlaceWriter(output, cache.files, cache.searchable, outside=f"{INDEX_DIR}/")
    search_files = search_cache(root, preview=preview)
    try:
        with step("render"):
            advance = progress("Rendering pages", len(pages)) if progress else None
            records, rendered = render_pages(
                views,
                env,
                root,
                pages,
                writer,
                diags,
                advance,
                previous=page_cache if cache else None,
                keep_records=keep is not None,
            )
            page_cache.bodies.finish()
            page_cache.views.finish()
            page_cache.related.finish()
        with step("exports"):
            feeds = feed_specs(views)
            exports = (
                views.claims_by_date(),
                [(p.path, p.lastmod) for p in pages if p.in_sitemap],
                feeds,
                views.correction_log(urls.CORRECTIONS_FEED),
            )
            if writer.previous and page_cache.exports == exports:
                for rel in (*EXPORTS, *(f.path for f in feeds)):
                    if rel in writer.previous:
                        writer.keep(rel)
            else:
                _write_exports(views, *exports, writer)
            page_cache.export_lines.finish()
        if not preview:  # (cards are for sharing; the preview is never shared)
            with step("cards"):
                _write_cards(root, views, writer, page_cache, exports[0])
        with step("files"):
            for rel, data in media.items():
                writer.write_bytes(rel, data)
            sources = _copy_files(
                root, pages, writer, diags, cache.sources if cache is not None else {}, set(media)
            )
            writer.mark()
        # (no key, no index: the preview server indexes only a site that has search)
        result.search_key = (
            html_key(writer.digests, writer.searchable) if project.config.search else ""
        )
        result.search_glob = search_glob(writer.searchable)
        result.search_language = project.config.language
        if search and isinstance(writer, SiteWriter):
            with step("search"):
                if isinstance(writer, RelinkWriter) and not has_index(
                    search_files, result.search_key
                ):
                    writer.link_kept()  # (Pagefind reads every page from the staging folder)
                writer.write_files(
                    make_index(
                        writer.staging,
                        search_files,
                        result.search_key,
                        glob=result.search_glob,
                        language=result.search_language,
                    )
                )
        with step("swap"):
            if (
                isinstance(writer, RelinkWriter)
                and cache is not None
                and writer.digests == {**cache.files, **cache.index_files}
            ):
                # The output is already this site (and what the saved cache says of it).
                writer.abort()
                result.unchanged = True
            else:
                writer.commit()
    except TemplateProblems:
        writer.abort()
        return
    except SearchIndexError as exc:
        writer.abort()
        diags.error("(search index)", Position(1, 1), str(exc))
        return
    except BaseException:
        writer.abort()
        raise
    if search and isinstance(writer, InPlaceWriter):
        with step("search"):
            try:
                replace_tree(
                    output,
                    INDEX_DIR,
                    make_index(
                        output,
                        search_files,
                        result.search_key,
                        glob=result.search_glob,
                        language=result.search_language,
                    ),
                )
            except SearchIndexError as exc:
                diags.error("(search index)", Position(1, 1), str(exc))
                return
    if keep is not None:
        page_cache.pages = records
        page_cache.exports = exports
        keep.output = output
        status = output.stat()
        keep.output_id = (status.st_dev, status.st_ino)
        keep.files = {
            rel: d for rel, d in writer.digests.items() if not rel.startswith(f"{INDEX_DIR}/")
        }
        keep.index_files = {
            rel: d for rel, d in writer.digests.items() if rel.startswith(f"{INDEX_DIR}/")
        }
        keep.searchable = set(writer.searchable)
        keep.sources = sources
    result.ok = True
    result.pages = len(pages)
    result.rendered = rendered
    result.in_place = isinstance(writer, InPlaceWriter)
    result.files = writer.count
    result.bytes = writer.bytes
    result.changed = (
        writer.changed + writer.removed
        if isinstance(writer, InPlaceWriter)
        else []
        if result.unchanged
        else sorted(writer.digests)
    )


def _translations(env: jinja2.Environment) -> Translations:
    """The theme's words that ``env`` speaks (factcheck/theme.py puts them there)."""
    translations = env.globals["translations"]
    assert isinstance(translations, Translations)
    return translations


def _display(root: Path, path: Path) -> str:
    """A path as diagnostics show it: relative to the project when inside it."""
    try:
        return path.resolve().relative_to(root).as_posix()
    except (ValueError, OSError):
        return str(path)


def _check_output(root: Path, output: Path, *, in_place: bool) -> None:
    """Refuse an output folder that would swallow the project or a folder of the user's (the
    swap replaces it whole): :class:`OptionProblem`, said at the folder."""
    where = _display(root, output)
    if output == root or root.is_relative_to(output):
        raise OptionProblem(
            where,
            "the output folder contains the project itself",
            "build into a folder of its own, such as site/",
        )
    for folder in ("content", "templates", "static", ".git"):
        if output == root / folder or output.is_relative_to(root / folder):
            raise OptionProblem(
                where,
                f"the output folder is inside the project's {folder}/",
                "build into site/ or a folder outside the project",
            )
    problem = None if in_place else replace_problem(output)
    if problem is not None:
        raise OptionProblem(
            where,
            f"cannot build into it: {problem}",
            "build into an empty or new folder (or one that factcheck built), "
            "or move that folder's files elsewhere first",
        )


EXPORTS = (
    urls.FEED,
    urls.CLAIMREVIEW_FEED,
    urls.CLAIMS_CSV,
    urls.ROBOTS,
    urls.SITEMAP,
    urls.CORRECTIONS_FEED,
)


def _write_exports(
    views: SiteViews,
    published: list[ClaimView],
    sitemap_pages: list[tuple[str, Date | None]],
    feeds: list[FeedSpec],
    log: list[CorrectionView],
    writer: SiteWriter | InPlaceWriter,
) -> None:
    """The feeds and data exports: made from the published claims' views, the corrections log
    and the configuration alone (and the sitemap from the pages' paths and dates), which is
    what decides their reuse."""
    base_url = views.config.base_url
    writer.write_text(urls.FEED, atom_feed(views, published))
    for feed in feeds:
        writer.write_text(
            feed.path,
            atom_feed(views, feed.claims, path=feed.path, title=feed.title, link=feed.link),
        )
    writer.write_text(urls.CLAIMREVIEW_FEED, data_feed(views, published))
    writer.write_text(urls.CLAIMS_CSV, claims_csv(views, published))
    writer.write_text(urls.CORRECTIONS_FEED, corrections_feed(views, log))
    writer.write_text(urls.ROBOTS, robots(base_url))
    if base_url:
        writer.write_text(urls.SITEMAP, sitemap(views, base_url, sitemap_pages))


def _write_cards(
    root: Path,
    views: SiteViews,
    writer: SiteWriter | InPlaceWriter,
    page_cache: PageCache,
    published: list[ClaimView],
) -> None:
    """A share card for each published check (factcheck/cards.py): drawn only when its inputs
    are new; one whose inputs are those of the card the last build left is kept as it is."""
    cards = CardCache(root / CACHE_DIR / "cards")
    made: dict[str, str] = {}
    to_draw: list[tuple[str, CardText]] = []
    for claim in published:
        rel = urls.card(claim.id)
        text = CardText(
            summary=claim.summary,
            claimant=claim.claimant or "",
            rating=claim.rating.label if claim.rating else "",
            tone=claim.tone,
            site=views.config.title,
            when=views.words.date(claim.date),
        )
        key = made[claim.id] = card_key(text)
        if page_cache.cards.get(claim.id) == key and rel in writer.previous:
            cards.used.add(key)
            writer.keep(rel)
            continue
        to_draw.append((rel, text))
    # Pillow draws, quantises and encodes mostly without the GIL: a thread per core draws the
    # cards in about half the time on two cores. (Not while pages render: there the two
    # fight over the GIL and rendering slows by more than the cards gain.) Results come back
    # in order and are written as they come.
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1, thread_name_prefix="card") as pool:
        for (rel, _text), data in zip(
            to_draw, pool.map(cards.card, [text for _rel, text in to_draw]), strict=True
        ):
            writer.write_bytes(rel, data)
    page_cache.cards = made
    cards.prune()


def _copy_files(
    root: Path,
    pages: list[PageSpec],
    writer: SiteWriter | InPlaceWriter,
    diags: Diagnostics,
    known: dict[str, tuple[StatKey, bytes]],
    media: AbstractSet[str] = frozenset(),
) -> dict[str, tuple[StatKey, bytes]]:
    """Copy theme assets and static files. A file whose source's status vouches that it is as
    last copied (``known``) is kept rather than read again; returns what vouches now. ``media``
    are the site paths of the claims' media, written already."""
    generated = {p.path for p in pages} | set(EXPORTS) | {urls.feed_of(p.path) for p in pages}
    generated |= {p.image for p in pages if p.image} | media
    vouched: dict[str, tuple[StatKey, bytes]] = {}
    read_at = now_ns()

    def copy(rel: str, path: Path) -> None:
        status = path.stat()
        entry = known.get(rel)
        if (
            entry is not None
            and entry[0] == stat_key(status)
            and writer.previous.get(rel) == entry[1]
        ):
            writer.keep(rel)
            vouched[rel] = entry
            return
        writer.copy(rel, path)
        if settled(status, read_at):
            vouched[rel] = (stat_key(status), writer.digests[rel])

    for rel, path in assets(root):
        copy(rel, path)
        generated.add(rel)
    folders = {"pagefind"} | {
        "/".join(parts[:n])
        for parts in (g.split("/") for g in generated)
        for n in range(1, len(parts))
    }
    for rel, path in static_files(root):
        # A file under a folder named like a generated file (static/index.html/x), or named like
        # a folder of generated files (static/claims), would clash with them too.
        parents = rel.split("/")[:-1]
        clash = next(
            (
                p
                for p in ("/".join(parents[:n]) for n in range(1, len(parents) + 1))
                if p in generated
            ),
            None,
        )
        if clash is not None or rel in folders:
            what = f"a file {clash}" if clash is not None else f"a folder {rel}/"
            diags.warning(
                f"static/{rel}",
                Position(1, 1),
                f"static/{rel} is not copied: the site already has {what}",
                "rename it; generated pages and theme assets take precedence",
            )
            continue
        if rel in generated or rel.startswith("pagefind/"):
            diags.warning(
                f"static/{rel}",
                Position(1, 1),
                f"static/{rel} is not copied: the site already has a file {rel}",
                "rename it; generated pages and theme assets take precedence",
            )
            continue
        copy(rel, path)
    return vouched
