"""Which pages Pagefind is pointed at: every folder holding a page marked for the index."""

from __future__ import annotations

import shutil
from pathlib import Path

from factcheck.build import build_site
from factcheck.search import search_glob
from factcheck.theme import theme_dir


def test_the_folders_of_marked_pages() -> None:
    assert search_glob({"claims/a.html", "articles/b.html", "claims/c.html"}) == \
        "{articles,claims}/**/*.html"
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
        evidence.replace("<article", "<article data-pagefind-body", 1), "utf-8")
    result = build_site(root, output=root / "site", search=False)
    assert result.ok
    assert result.search_glob == "{articles,claims,evidence,pages}/**/*.html"
