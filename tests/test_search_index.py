"""Running Pagefind: pointed at every folder holding a page marked for the index, and
stopped when the index it is making is no longer wanted."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from factcheck.build import build_site
from factcheck.search import IndexCancelled, make_index, search_glob
from factcheck.theme import theme_dir


def test_the_folders_of_marked_pages() -> None:
    assert (
        search_glob({"claims/a.html", "articles/b.html", "claims/c.html"})
        == "{articles,claims}/**/*.html"
    )
    assert search_glob({"pages/about.html"}) == "pages/**/*.html"


def test_a_marked_page_at_the_root_or_none_marked_means_every_page() -> None:
    assert search_glob({"claims/a.html", "index.html"}) is None
    assert search_glob(set()) is None


def test_a_theme_that_marks_other_pages_widens_the_glob(tmp_path: Path) -> None:
    """A project template that adds data-pagefind-body to evidence pages gets them indexed."""
    root = tmp_path / "project"
    repo = Path(__file__).resolve().parent.parent
    root.mkdir()
    shutil.copy(repo / "factcheck.yaml", root / "factcheck.yaml")
    shutil.copytree(repo / "content", root / "content")
    (root / "templates").mkdir()
    evidence = (theme_dir() / "evidence.html").read_text("utf-8")
    assert "<article" in evidence
    (root / "templates/evidence.html").write_text(
        evidence.replace("<article", "<article data-pagefind-body", 1), "utf-8"
    )
    result = build_site(root, output=root / "site", search=False)
    assert result.ok
    assert result.search_glob == "{articles,claims,evidence,pages}/**/*.html"


def test_an_index_being_made_can_be_stopped(tmp_path: Path) -> None:
    """The preview server stops an index that a rebuild has made stale: Pagefind is killed,
    IndexCancelled is raised, and nothing is left half-made."""
    site = tmp_path / "site"
    (site / "pages").mkdir(parents=True)
    words = " ".join(f"word{n}" for n in range(300))
    for n in range(3000):
        (site / "pages" / f"p{n}.html").write_text(
            f"<!doctype html><html lang=en><title>P{n}</title><body>"
            f"<main data-pagefind-body><h1>Page {n}</h1><p>{words} {n}</p></main></body></html>",
            encoding="utf-8",
        )
    cancel = threading.Event()
    cancel.set()  # wanted no more before it could finish: 3,000 pages take Pagefind seconds
    # IndexCancelled is raised only while Pagefind is still running: had it finished, the
    # index would have been returned.
    with pytest.raises(IndexCancelled):
        make_index(site, tmp_path / "cache", "key", glob="pages/**/*.html", cancel=cancel)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # no index folder left


def test_every_page_is_indexed_in_the_sites_language(tmp_path: Path) -> None:
    """A check in Portuguese on a Spanish site is found from the site's search page: Pagefind
    puts it in the site's index (stemmed as Spanish), not in an index of its own that the
    search page would never load."""
    import json

    site = tmp_path / "site"
    site.mkdir()
    for name, lang, words in [
        ("a", "es", "El presupuesto se duplicó"),
        ("b", "pt", "O orçamento dobrou"),
    ]:
        (site / f"{name}.html").write_text(
            f"<!doctype html><html lang={lang}><title>{name}</title><body>"
            f"<main data-pagefind-body><p>{words}</p></main></body></html>",
            encoding="utf-8",
        )
    files = make_index(site, tmp_path / "cache", "key", language="es")
    entry = json.loads(files["pagefind/pagefind-entry.json"])
    assert list(entry["languages"]) == ["es"]
    assert entry["languages"]["es"]["page_count"] == 2
    unforced = make_index(site, tmp_path / "cache2", "key")
    assert sorted(json.loads(unforced["pagefind/pagefind-entry.json"])["languages"]) == [
        "es",
        "pt",
    ]


def _without_search_markers(site: Path) -> None:
    """A site without search: no index, no search page, no form or link to one anywhere."""
    assert not (site / "pagefind").exists()
    assert not (site / "search.html").exists()
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "search.html" not in html and 'role="search"' not in html, page
    assert "search.html" not in (site / "sitemap.xml").read_text(encoding="utf-8")


@pytest.mark.parametrize("how", ["config", "option"])
def test_a_site_without_search(tmp_path: Path, how: str) -> None:
    """``search: false`` in factcheck.yaml, or ``build --no-search``: the site has no search at
    all, rather than a form that leads to a page that cannot search."""
    from helpers import copy_example, run_cli

    project = copy_example(tmp_path / "project")
    options = ["--no-search"] if how == "option" else []
    if how == "config":
        config = project / "factcheck.yaml"
        config.write_text(config.read_text(encoding="utf-8") + "search: false\n", "utf-8")
    result = run_cli("build", "--project", str(project), *options)
    assert result.exit_code == 0, result.output
    _without_search_markers(project / "site")
    # The 404 page still offers the home page and the list of checks.
    assert "claims/index.html" in (project / "site" / "404.html").read_text(encoding="utf-8")


def test_search_must_be_true_or_false(tmp_path: Path) -> None:
    from helpers import check, write_project

    root = write_project(tmp_path / "p", {})
    config = root / "factcheck.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "search: no-thanks\n", "utf-8")
    result = check(root)
    assert result.exit_code == 1
    assert any("'search' must be true or false" in line for line in result.lines), result.output
