"""Sites in Arabic, Hindi and Spanish (tests/language_projects.py): no English word of the theme
left, the language's dates, direction and tag pages, valid HTML (Nu), and in Chromium a
mirrored layout for Arabic with axe-core clean."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import yaml
from helpers import run_cli, write_project
from language_projects import LANGUAGES, project_files

from factcheck.theme import theme_dir

if TYPE_CHECKING:
    from playwright.sync_api import Page

# Words that are the same in every language: names of formats, of the data standard, of JavaScript.
SAME_EVERYWHERE = {"atom", "claimreview", "csv", "json", "pagefind", "javascript"}
MONTHS = set(
    re.findall(
        r"\w+",
        "january february march april june july august september october november december "
        "monday tuesday wednesday thursday friday saturday sunday",
    )
)
SHOWN_ATTRIBUTES = {
    "alt",
    "title",
    "aria-label",
    "placeholder",
    "data-searching",
    "data-count",
    "data-none",
    "data-failed",
    "data-file-protocol",
    "data-filter-rating",
    "data-filter-topic",
    "data-topics",
    "data-shown",
}
DATES = {"ar": "يناير", "hi": "जनवरी", "es": "de enero de 2026"}


def _table_words(language: str) -> set[str]:
    """Every word of four Latin letters or more in the theme's table for ``language``."""
    path = theme_dir() / "i18n" / f"{language}.yaml"
    table = yaml.safe_load(path.read_text(encoding="utf-8"))
    texts: list[str] = []
    for value in table.values():
        texts.extend(value.values() if isinstance(value, dict) else [value])
    words: set[str] = set()
    for text in texts:
        words.update(w.lower() for w in re.findall(r"[A-Za-z]{4,}", re.sub(r"\{\w+\}", "", text)))
    return words


ALSO_THE_LANGUAGES = {"es": {"editor", "original", "video"}}
"""English words of the theme that are words of the language too, which its table uses as its
own: Spanish "editor" (role_editor), "original" (media_original_context) and "video" (as Latin
America writes it)."""


def _theme_words(language: str) -> set[str]:
    """The English words of the theme that must not be on a page in ``language``: those of
    the English table and the English months, less the few the language shares."""
    shared = ALSO_THE_LANGUAGES.get(language, set())
    assert shared <= _table_words(language)
    return (_table_words("en") | MONTHS) - SAME_EVERYWHERE - shared


class _Shown(HTMLParser):
    """The text a reader sees or hears: text outside script and style, and the attributes that
    are shown or read aloud."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._hidden += 1
        self.parts.extend(v for k, v in attrs if k in SHOWN_ATTRIBUTES and v)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def shown_text(html: str) -> str:
    reader = _Shown()
    reader.feed(html)
    return " ".join(reader.parts)


@pytest.fixture(scope="module", params=sorted(LANGUAGES))
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    language = request.param
    root = write_project(
        tmp_path_factory.mktemp(language) / "project",
        project_files(LANGUAGES[language]),
        config=None,
    )
    result = run_cli("build", "--project", str(root))
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output, result.output  # every key translated
    return root / "site"


def _language(site: Path) -> str:
    return site.parent.parent.name.rstrip("0123456789")


def test_no_english_word_of_the_theme_is_left(built: Path) -> None:
    forbidden = _theme_words(_language(built))
    found: dict[str, set[str]] = {}
    for path in sorted(built.rglob("*.html")) + sorted(built.rglob("*.xml")):
        if "pagefind" in path.parts:
            continue
        text = shown_text(path.read_text(encoding="utf-8"))
        if path.suffix == ".xml":
            text = re.sub(r"<[^>]*>", " ", path.read_text(encoding="utf-8"))
        words = {w.lower() for w in re.findall(r"[A-Za-z]{4,}", text)} & forbidden
        # URLs and file names are no words (https://check.example.org/claims/...).
        words -= {w.lower() for w in re.findall(r"[A-Za-z]{4,}", " ".join(_urls(text)))}
        if words:
            found[path.relative_to(built).as_posix()] = words
    assert found == {}, found


def _urls(text: str) -> list[str]:
    return re.findall(r"(?:https?://|[\w./-]+\.(?:html|xml|json|csv|png|svg))\S*", text)


def test_every_page_says_its_language_and_direction(built: Path) -> None:
    language = _language(built)
    direction = "rtl" if language == "ar" else "ltr"
    for path in built.rglob("*.html"):
        if "pagefind" in path.parts:
            continue
        head = path.read_text(encoding="utf-8")[:300]
        assert f'<html lang="{language}" dir="{direction}">' in head, path


def test_dates_are_the_languages(built: Path) -> None:
    page = (built / "claims" / "budget-doubled.html").read_text(encoding="utf-8")
    assert DATES[_language(built)] in shown_text(page)
    assert '<time datetime="2026-01-15">' in page  # the machine's date stays ISO 8601


def test_corrections_and_withdrawals_speak_the_language(built: Path) -> None:
    language = _language(built)
    table = yaml.safe_load((theme_dir() / "i18n" / f"{language}.yaml").read_text("utf-8"))
    check = shown_text((built / "claims" / "budget-doubled.html").read_text(encoding="utf-8"))
    assert table["updates_and_corrections"] in check
    assert table["correction_kind_rating_change"] in check
    assert LANGUAGES[language].correction.split("[")[0].strip() in check
    withdrawn = shown_text((built / "claims" / "ferry-fares.html").read_text(encoding="utf-8"))
    assert table["kicker_withdrawn_fact_check"] in withdrawn
    assert LANGUAGES[language].withdrawal in withdrawn
    log = shown_text((built / "corrections" / "index.html").read_text(encoding="utf-8"))
    assert table["corrections_title"] in log and table["correction_kind_withdrawal"] in log


def test_tags_in_the_languages_script_have_pages_of_their_own(built: Path) -> None:
    words = LANGUAGES[_language(built)]
    pages = sorted(p.name for p in (built / "tags").glob("*.html") if p.name != "index.html")
    assert len(pages) == 2, pages
    texts = {shown_text((built / "tags" / p).read_text(encoding="utf-8")) for p in pages}
    for tag in words.tags:
        assert sum(tag in text for text in texts) >= 1, tag


def test_the_pages_are_valid_html(built: Path) -> None:
    from support.validators import format_vnu_errors, vnu_errors

    pages = [p for p in built.rglob("*.html") if "pagefind" not in p.parts]
    errors = vnu_errors(pages)
    assert errors == [], format_vnu_errors(errors)


@pytest.fixture(scope="module")
def served(built: Path) -> Iterator[str]:
    from support.browser import serve_directory

    with serve_directory(built) as url:
        yield url


@pytest.mark.parametrize(
    "path",
    [
        "index.html",
        "articles/budget.html",
        "claims/budget-doubled.html",
        "claims/ferry-fares.html",
        "corrections/index.html",
        "claims/photo.html",
        "claims/clip.html",
    ],
)
def test_axe_finds_nothing(served: str, page: Page, path: str) -> None:
    from support.browser import axe_violations, format_violations

    page.goto(f"{served}/{path}")
    violations = axe_violations(page)
    assert violations == [], format_violations(violations)


def test_the_article_mirrors_for_a_right_to_left_language(served: str, page: Page) -> None:
    """On a wide screen the claims stand beside the text: on its right in a left-to-right
    language, on its left in Arabic; the notes' bar and numbers are on the reading side."""
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(f"{served}/articles/budget.html")
    rtl = page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.body).direction") == ("rtl" if rtl else "ltr")
    text = page.locator(".article-body").bounding_box()
    notes = page.locator(".claim-notes").bounding_box()
    assert text is not None and notes is not None
    if rtl:
        assert notes["x"] + notes["width"] <= text["x"]
    else:
        assert text["x"] + text["width"] <= notes["x"]
    bar = page.locator(".claim-note").first.evaluate(
        "n => [getComputedStyle(n).borderLeftWidth, getComputedStyle(n).borderRightWidth]"
    )
    assert bar == (["0px", "4px"] if rtl else ["4px", "0px"])
    # Each claim's words are marked where they are, and lead to its note.
    marks = page.locator(".article-body mark.claim")
    assert marks.count() == 2
