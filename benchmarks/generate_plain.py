"""Write the same plain Markdown pages as a site for Hugo, Eleventy, Pelican, MkDocs or factcheck.

Run from the repository root:

    python benchmarks/generate_plain.py /tmp/plain-hugo --pages 1000 --engine hugo
    python benchmarks/generate_plain.py /tmp/plain --engine all    # /tmp/plain/hugo, ...

Every engine gets the same pages (same titles, dates and Markdown bodies, byte for byte, for a
given --pages and --seed); only the metadata block and the site configuration differ:

- hugo: ``hugo.toml``, ``content/posts/*.md`` (TOML and YAML front matter, alternately) and
  three minimal layouts of our own (``layouts/_default/{baseof,single,list}.html``), no theme;
  the article is marked ``data-pagefind-body`` (as Pagefind asks Hugo users to), so that
  Pagefind run on Hugo's output indexes the pages factcheck's search indexes, and no list page;
- eleventy: ``posts/*.md`` with YAML front matter, a directory data file that gives them their
  layout and the ``posts`` collection, and the same minimal layouts in Nunjucks
  (``_includes/{base,post}.njk``, ``index.njk``) with a date filter in ``eleventy.config.cjs``;
- pelican: ``pelicanconf.py`` (as ``pelican-quickstart`` writes it) and ``content/*.md`` with
  Pelican's ``Key: value`` metadata; the default theme;
- mkdocs: ``mkdocs.yml`` (no ``nav``: MkDocs lists every page itself) and ``docs/*.md`` with a
  YAML ``title``; the default theme;
- factcheck: a minimal ``factcheck.yaml`` (one rating) and the pages as articles without claims,
  ``content/articles/*.md`` with ``title`` and ``published``.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from prose import Prose, slugify

ENGINES = ("hugo", "eleventy", "pelican", "mkdocs", "factcheck")
SITE_TITLE = "Plain pages benchmark"


@dataclass(slots=True)
class Page:
    slug: str
    title: str
    date: datetime
    body: str
    """Markdown, the same for every engine."""


def make_pages(count: int, seed: int = 1) -> list[Page]:
    """``count`` pages of 5-8 paragraphs each, the same for the same ``count`` and ``seed``."""
    prose = Prose(random.Random(seed))
    start = datetime(2024, 1, 1, 8, 0)
    pages: list[Page] = []
    for i in range(count):
        title, body = prose.plain_page()
        when = start + timedelta(hours=7 * i, minutes=prose.rng.randrange(60))
        pages.append(Page(f"{i + 1:04d}-{slugify(title, 6)}", title, when, body))
    return pages


def quoted(text: str) -> str:
    """A double-quoted string that TOML and YAML both read back as ``text``."""
    return json.dumps(text, ensure_ascii=False)


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


# -- Hugo --------------------------------------------------------------------------------------
HUGO_CONFIG = f"""\
baseURL = "https://example.org/"
languageCode = "en"
title = {quoted(SITE_TITLE)}
"""
HUGO_LAYOUTS = {
    "baseof.html": """\
<!DOCTYPE html>
<html lang="{{ site.LanguageCode }}">
<head>
<meta charset="utf-8">
<title>{{ block "title" . }}{{ .Title }} | {{ site.Title }}{{ end }}</title>
</head>
<body>
<header><a href="{{ "/" | relURL }}">{{ site.Title }}</a></header>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
""",
    "single.html": """\
{{ define "main" }}
<article data-pagefind-body>
<h1>{{ .Title }}</h1>
<time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time>
{{ .Content }}
</article>
{{ end }}
""",
    "list.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>
{{ range (cond .IsHome site.RegularPages .Pages) }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}
</ul>
{{ end }}
""",
}


def write_hugo(out: Path, pages: list[Page]) -> None:
    write(out / "hugo.toml", HUGO_CONFIG)
    for name, text in HUGO_LAYOUTS.items():
        write(out / "layouts" / "_default" / name, text)
    for i, page in enumerate(pages):
        stamp = page.date.strftime("%Y-%m-%dT%H:%M:%SZ")
        if i % 2 == 0:
            head = f"+++\ntitle = {quoted(page.title)}\ndate = {stamp}\ndraft = false\n+++\n"
        else:
            head = f"---\ntitle: {quoted(page.title)}\ndate: {stamp}\ndraft: false\n---\n"
        write(out / "content" / "posts" / f"{page.slug}.md", head + "\n" + page.body)


# -- Eleventy ---------------------------------------------------------------------------------
# The same pages as Hugo's layouts make: a base with the site's title, an article with its
# title, date and body, and a home page that lists every page, newest first. The dates are
# formatted as Hugo's are ("2 January 2006"), by a filter (Nunjucks has none for dates).
ELEVENTY_CONFIG = """\
module.exports = function (eleventyConfig) {
  eleventyConfig.addFilter("isoDate", (date) => date.toISOString().slice(0, 10));
  eleventyConfig.addFilter("longDate", (date) =>
    date.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric",
                                       timeZone: "UTC" }));
};
"""
ELEVENTY_FILES = {
    "eleventy.config.cjs": ELEVENTY_CONFIG,
    "_includes/base.njk": f"""\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{% if title %}}{{{{ title }}}} | {{% endif %}}{SITE_TITLE}</title>
</head>
<body>
<header><a href="/">{SITE_TITLE}</a></header>
<main>{{{{ content | safe }}}}</main>
</body>
</html>
""",
    "_includes/post.njk": """\
---
layout: base.njk
---
<article data-pagefind-body>
<h1>{{ title }}</h1>
<time datetime="{{ page.date | isoDate }}">{{ page.date | longDate }}</time>
{{ content | safe }}
</article>
""",
    "index.njk": f"""\
---
layout: base.njk
---
<h1>{SITE_TITLE}</h1>
<ul>
{{% for post in collections.posts | reverse %}}
<li><a href="{{{{ post.url }}}}">{{{{ post.data.title }}}}</a></li>
{{% endfor %}}
</ul>
""",
    "posts/posts.json": '{"layout": "post.njk", "tags": "posts"}\n',
}


def write_eleventy(out: Path, pages: list[Page]) -> None:
    for name, text in ELEVENTY_FILES.items():
        write(out / name, text)
    for page in pages:
        stamp = page.date.strftime("%Y-%m-%dT%H:%M:%SZ")
        head = f"---\ntitle: {quoted(page.title)}\ndate: {stamp}\n---\n"
        write(out / "posts" / f"{page.slug}.md", head + "\n" + page.body)


# -- Pelican -----------------------------------------------------------------------------------
PELICAN_CONFIG = f"""\
AUTHOR = "Benchmark"
SITENAME = {quoted(SITE_TITLE)}
SITEURL = ""

PATH = "content"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"

# Feed generation is usually not desired when developing (as pelican-quickstart writes it)
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

DEFAULT_PAGINATION = 10
RELATIVE_URLS = True
"""


def write_pelican(out: Path, pages: list[Page]) -> None:
    write(out / "pelicanconf.py", PELICAN_CONFIG)
    for page in pages:
        head = (
            f"Title: {page.title}\nDate: {page.date:%Y-%m-%d %H:%M}\nSlug: {page.slug}\n"
            "Authors: Benchmark\n"
        )
        write(out / "content" / f"{page.slug}.md", head + "\n" + page.body)


# -- MkDocs ------------------------------------------------------------------------------------
def write_mkdocs(out: Path, pages: list[Page]) -> None:
    write(out / "mkdocs.yml", f"site_name: {quoted(SITE_TITLE)}\ndocs_dir: docs\n")
    for page in pages:
        head = f"---\ntitle: {quoted(page.title)}\n---\n"
        write(out / "docs" / f"{page.slug}.md", head + "\n" + page.body)


# -- factcheck ---------------------------------------------------------------------------------
FACTCHECK_CONFIG = f"""\
title: {quoted(SITE_TITLE)}
organization:
  name: {quoted(SITE_TITLE)}
ratings:
  - id: unproven
    label: Unproven
"""


def write_factcheck(out: Path, pages: list[Page]) -> None:
    write(out / "factcheck.yaml", FACTCHECK_CONFIG)
    for page in pages:
        head = f"---\ntitle: {quoted(page.title)}\npublished: {page.date:%Y-%m-%dT%H:%M:%S}\n---\n"
        write(out / "content" / "articles" / f"{page.slug}.md", head + "\n" + page.body)


WRITERS: dict[str, Callable[[Path, list[Page]], None]] = {
    "hugo": write_hugo,
    "eleventy": write_eleventy,
    "pelican": write_pelican,
    "mkdocs": write_mkdocs,
    "factcheck": write_factcheck,
}


def prepare(out: Path, *, force: bool) -> None:
    """Make ``out`` an empty folder; one that holds anything is replaced only with ``force``."""
    if out.exists() and any(out.iterdir()):
        if not force:
            raise SystemExit(f"{out} is not empty (use --force to replace it)")
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)


def generate(
    out: Path, engine: str, *, pages: int = 1000, seed: int = 1, force: bool = False
) -> Path:
    """Write the ``engine`` site into ``out`` and return ``out``."""
    prepare(out, force=force)
    WRITERS[engine](out, make_pages(pages, seed))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write (must be empty or absent)")
    parser.add_argument("--pages", type=int, default=1000, help="pages (default 1000)")
    parser.add_argument(
        "--engine",
        choices=[*ENGINES, "all"],
        required=True,
        help="the layout to write; 'all' writes OUT/ENGINE/ for each",
    )
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--force", action="store_true", help="replace OUT if it is not empty")
    args = parser.parse_args(argv)
    if args.pages < 1:
        parser.error("--pages must be at least 1")
    pages = make_pages(args.pages, args.seed)
    engines = ENGINES if args.engine == "all" else (args.engine,)
    for engine in engines:
        out = args.out / engine if args.engine == "all" else args.out
        prepare(out, force=args.force)
        WRITERS[engine](out, pages)
        n = sum(1 for p in out.rglob("*") if p.is_file())
        print(f"{engine:<10} {out}  ({len(pages)} pages, {n} files)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
