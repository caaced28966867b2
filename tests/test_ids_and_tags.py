"""Ids and tags become file names: ids too long for a file name are errors at their place, long
tags still get a page, and two different tags never share one topic page in silence."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import REVIEWER, check, run_cli, write_project

from factcheck.build import build_site
from factcheck.crossref import tag_key
from factcheck.fields import MAX_ID_LENGTH
from factcheck.urls import tag

LONG_ID = "-".join(["word"] * 60)  # 299 characters: claims/ID.html is longer than 255 bytes


def _published(ident: str, *, tags: str = "[]", file: str | None = None) -> dict[str, str]:
    """A stand-alone claim with one approved verdict (one approval publishes in helpers'
    configuration)."""
    name = file or ident
    return {
        f"content/claims/{name}.md": (f"---\nid: {ident}\nsummary: A claim.\ntags: {tags}\n---\n"),
        "content/reviewers/sam.md": REVIEWER,
        f"content/verdicts/{name}.md": (
            f"---\nclaim: {ident}\nreviewer: sam\nrating: accurate\nstatus: approved\n"
            "headline: Right.\n---\nThe reasoning.\n"
        ),
    }


def test_an_id_too_long_for_a_file_name_is_an_error_at_its_place(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", _published(LONG_ID, file="x"))
    result = check(root)
    assert result.exit_code == 1
    assert result.lines[0] == (
        f"content/claims/x.md:2:5: error: the id is {len(LONG_ID)} "
        f"characters long; ids may have at most {MAX_ID_LENGTH}"
    )
    assert result.lines[1].startswith("    hint: shorten it, such as 'word-word")
    # The verdict's reference is just as long, and reported where it is written.
    assert any(
        line.startswith("content/verdicts/x.md:2:8: error: the id is ") for line in result.lines
    )
    built = run_cli("build", "--project", str(root), "--output", str(tmp_path / "site"))
    built.assert_no_crash()
    assert built.exit_code == 1


def test_a_file_name_too_long_for_an_id_is_an_error(tmp_path: Path) -> None:
    stem = "-".join(["word"] * 40)  # 199 characters: a legal file name, too long an id
    root = write_project(tmp_path / "p", {f"content/evidence/{stem}.md": "---\ntitle: E\n---\n"})
    result = check(root)
    assert result.exit_code == 1
    assert result.lines[0] == (
        f"content/evidence/{stem}.md:1:1: error: the file name is not a "
        f"valid id: the id is 199 characters long; ids may have at most "
        f"{MAX_ID_LENGTH}"
    )


def test_an_id_of_the_longest_length_builds(tmp_path: Path) -> None:
    ident = ("a" * 9 + "-") * 9 + "a" * 10
    assert len(ident) == MAX_ID_LENGTH
    root = write_project(tmp_path / "p", _published(ident, file="x"))
    result = build_site(root, output=tmp_path / "site", search=False)
    assert result.ok, result.diagnostics.format_text()
    assert (tmp_path / "site" / "claims" / f"{ident}.html").is_file()


def test_a_very_long_tag_gets_a_page(tmp_path: Path) -> None:
    long_tag = " ".join(["Harbour"] * 60)  # 479 characters
    root = write_project(tmp_path / "p", _published("c", tags=f"[{long_tag}]"))
    result = build_site(root, output=tmp_path / "site", search=False)
    assert result.ok, result.diagnostics.format_text()
    page = tmp_path / "site" / tag(long_tag)
    assert page.is_file() and len(page.name.encode()) <= 255
    assert long_tag in page.read_text("utf-8")


def test_tags_that_differ_only_in_case_and_spacing_share_their_page(tmp_path: Path) -> None:
    files = _published("c", tags="[Climate change]")
    files["content/claims/d.md"] = (
        "---\nsummary: D.\ntags: [climate-change, CLIMATE  CHANGE]\n---\n"
    )
    root = write_project(tmp_path / "p", files)
    result = check(root)
    assert result.exit_code == 0, result.output


def test_tags_in_any_script_have_pages_of_their_own(tmp_path: Path) -> None:
    # Arabic, Devanagari, Cyrillic, Chinese and Greek tags: each its own page, named by the
    # same transliteration as ids (before, every one of them was tags/tag.html).
    names = ["السياسة", "الاقتصاد", "राजनीति", "अर्थव्यवस्था", "политика", "экономика"]
    names += ["政治", "经济", "Πολιτική", "Οικονομία"]
    files = _published("c", tags="[" + ", ".join(names) + "]")
    root = write_project(tmp_path / "p", files)
    result = check(root)
    assert result.exit_code == 0, result.output
    pages = {tag(name) for name in names}
    assert len(pages) == len(names), pages
    assert all(page.isascii() and page != "tags/tag.html" for page in pages)
    assert tag("राजनीति") == "tags/rajniti.html"
    assert tag("политика") == "tags/politika.html"


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("政治", "正直"),  # Chinese words read alike: both are zheng-zhi
        ("pêche", "péché"),
        ("x" * 120, "x" * 120 + " and more"),  # long tags that meet at the page name's length
    ],
)
def test_two_tags_on_one_page_are_an_error_naming_both(
    tmp_path: Path, one: str, other: str
) -> None:
    files = _published("c", tags=f"[{one}]")
    files["content/claims/d.md"] = f"---\nsummary: D.\ntags: [one, {other}]\n---\n"
    root = write_project(tmp_path / "p", files)
    result = check(root)
    assert result.exit_code == 1
    errors = [line for line in result.lines if ": error: " in line]
    assert errors == [
        f"content/claims/d.md:3:13: error: the tags '{other}' and '{one}' would "
        f"share one topic page, {tag(one)}"
    ]
    hint = result.lines[result.lines.index(errors[0]) + 1]
    assert hint.startswith(f"    hint: '{one}' is at content/claims/c.md:4:8; ")


def test_a_collision_in_an_article_and_its_claims_is_found_too(tmp_path: Path) -> None:
    root = write_project(
        tmp_path / "p",
        {
            "content/articles/a.md": (
                "---\ntitle: A\ntags: [Bücher]\nclaims:\n  - id: c\n    quote: Text\n"
                "    summary: C.\n    tags: [Bucher]\n---\nText.\n"
            )
        },
    )
    result = check(root)
    assert result.exit_code == 1
    assert result.lines[0] == (
        "content/articles/a.md:8:12: error: the tags 'Bucher' and "
        "'Bücher' would share one topic page, tags/bucher.html"
    )


def test_tag_key() -> None:
    assert tag_key("Climate change") == tag_key("climate-change") == "climate-change"
    assert tag_key("Ｃｏｖｉｄ_19") == "covid-19"
    assert tag_key("политика") != tag_key("экономика")
