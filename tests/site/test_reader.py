"""What a reader sees on the public site (issue: the site at the level of PolitiFact and Full
Fact). Each test here failed before its fix."""

from __future__ import annotations

from pathlib import Path

from helpers import write_project

from factcheck.build import build_site

REVIEWER = "---\nname: Sam Okafor\n---\n"


def _article(claims: str, imported: str = "") -> str:
    return (
        f"---\ntitle: A speech\n{imported}claims:\n{claims}---\n"
        "The mayor said the budget doubled and that fares were frozen.\n"
    )


CLAIMS = (
    '  - id: budget\n    quote: "the budget doubled"\n    summary: The budget doubled.\n'
    '  - id: fares\n    quote: "fares were frozen"\n    summary: Fares were frozen.\n'
)


def _verdict(claim: str) -> str:
    return (
        f"---\nclaim: {claim}\nreviewer: sam\nrating: misleading\nstatus: approved\n"
        "headline: Checked.\n---\nThe reasoning.\n"
    )


def _kicker(site: Path) -> str:
    page = (site / "articles/speech.html").read_text("utf-8")
    start = page.index('<p class="kicker"')
    return page[page.index(">", start) + 1 : page.index("</p>", start)]


def test_an_article_says_how_much_of_it_is_checked(tmp_path: Path) -> None:
    files = {"content/reviewers/sam.md": REVIEWER, "content/articles/speech.md": _article(CLAIMS)}
    root = write_project(tmp_path / "p", files)
    assert build_site(root, output=tmp_path / "none", search=False).ok
    assert _kicker(tmp_path / "none") == "Article under review"
    (root / "content/verdicts/budget").mkdir(parents=True)
    (root / "content/verdicts/budget/sam.md").write_text(_verdict("budget"))
    assert build_site(root, output=tmp_path / "some", search=False).ok
    assert _kicker(tmp_path / "some") == ("Article: 1 of 2 claims checked, the others under review")
    (root / "content/verdicts/fares").mkdir(parents=True)
    (root / "content/verdicts/fares/sam.md").write_text(_verdict("fares"))
    assert build_site(root, output=tmp_path / "all", search=False).ok
    assert _kicker(tmp_path / "all") == "Fact-checked article"


def test_the_import_bot_is_not_shown_to_readers(tmp_path: Path) -> None:
    imported = "imported:\n  by: VolkAI\n  from: speech.txt\n"
    root = write_project(
        tmp_path / "p",
        {
            "content/reviewers/sam.md": REVIEWER,
            "content/articles/speech.md": _article(CLAIMS, imported),
        },
    )
    assert build_site(root, output=tmp_path / "site", search=False).ok
    page = (tmp_path / "site/articles/speech.html").read_text("utf-8")
    assert "VolkAI" not in page and "Imported" not in page
    preview = root / ".factcheck-cache" / "preview"
    assert build_site(root, output=preview, search=False, preview=True).ok
    assert "Imported by VolkAI from speech.txt" in (preview / "articles/speech.html").read_text(
        "utf-8"
    )


def test_a_logo_given_as_an_address_is_used_as_it_is(tmp_path: Path) -> None:
    from helpers import CONFIG

    config = CONFIG.replace(
        "organization:\n  name: Test Check\n",
        "organization:\n  name: Test Check\n  logo: https://cdn.example.org/logo.png\n",
    )
    root = write_project(
        tmp_path / "p",
        {"content/pages/about.md": "---\ntitle: About\n---\n"},
        config=config + "base_url: https://check.example.org/\n",
    )
    assert build_site(root, output=tmp_path / "site", search=False).ok
    page = (tmp_path / "site/pages/about.html").read_text("utf-8")
    assert '<img src="https://cdn.example.org/logo.png"' in page
    assert 'rel="icon" href="https://cdn.example.org/logo.png"' in page
    assert 'og:image" content="https://cdn.example.org/logo.png"' in page
    assert "../https:" not in page
