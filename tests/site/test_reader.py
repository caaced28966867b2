"""What a reader sees on the public site (issue: the site at the level of PolitiFact and Full
Fact). Each test here failed before its fix."""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest
from helpers import write_project

from factcheck.build import build_site
from factcheck.project import open_project

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
    # The counts are set apart as a translation's values are (i18n: isolated in <bdi>).
    assert _kicker(tmp_path / "some") == (
        "Article: <bdi>1</bdi> of <bdi>2</bdi> claims checked, the others under review"
    )
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
    assert "Imported by <bdi>VolkAI</bdi> from <bdi>speech.txt</bdi>" in (
        preview / "articles/speech.html"
    ).read_text("utf-8")


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


# -- claimants ---------------------------------------------------------------------------------

CONFIG_SCALE = """\
title: Test Check
base_url: https://check.example.org/
organization:
  name: Test Check
ratings:
  - id: accurate
    label: Accurate
    value: 2
  - id: misleading
    label: Misleading
    value: 1
review:
  min_reviewers: 1
page_size: 2
"""


def _claim(ident: str, claimant: str) -> str:
    return (
        f'---\nsummary: Claim {ident}.\nclaimant: "{claimant}"\ndate: 2026-03-0{len(ident)}\n---\n'
    )


def _approved(claim: str, rating: str = "misleading", day: int = 5) -> str:
    return (
        f"---\nclaim: {claim}\nreviewer: sam\nrating: {rating}\nstatus: approved\n"
        f"date: 2026-03-{day:02d}\nheadline: Checked {claim}.\n---\nThe reasoning.\n"
    )


def _claimants_project(root: Path) -> Path:
    return write_project(
        root,
        {
            "content/reviewers/sam.md": REVIEWER,
            "content/claimants/teodor-lind.md": (
                "---\nname: Teodor Lind\naliases: [Mayor Teodor Lind]\nkind: person\n"
                "url: https://example.org/mayor\n---\nThe mayor.\n"
            ),
            "content/claims/a.md": _claim("a", "Mayor Teodor Lind"),
            "content/claims/bb.md": _claim("bb", "teodor lind"),
            "content/claims/ccc.md": _claim("ccc", "Ilse Marchetti, farm lobby spokesperson"),
            "content/claims/dddd.md": _claim("dddd", "Quiet Person"),  # unpublished only
            "content/claims/eeeee.md": _claim("eeeee", "Teodor Lind"),
            "content/verdicts/a/sam.md": _approved("a", "accurate", 3),
            "content/verdicts/bb/sam.md": _approved("bb", "misleading", 4),
            "content/verdicts/ccc/sam.md": _approved("ccc", "misleading", 5),
            "content/verdicts/eeeee/sam.md": _approved("eeeee", "misleading", 6),
        },
        config=CONFIG_SCALE,
    )


def test_a_claimant_has_a_page_with_every_published_check(tmp_path: Path) -> None:
    root = _claimants_project(tmp_path / "p")
    result = build_site(root, output=tmp_path / "site", search=False)
    assert result.ok, result.diagnostics.format_text()
    site = tmp_path / "site"
    lind = (site / "claimants/teodor-lind.html").read_text("utf-8")
    # The three spellings are one claimant (the file's alias, and case); two on each page.
    assert "Their 3 checked claims by rating" in lind
    # (Page 1 of 2: the two latest; the page size is 2.)
    assert "Claim eeeee." in lind and "Claim bb." in lind and "Claim a." not in lind
    page2 = (site / "claimants/teodor-lind/2.html").read_text("utf-8")
    assert "Claim a." in page2 and 'rel="prev"' in page2
    assert re.search(r'Misleading</span></a> <span class="count">2</span>', lind)
    # A name that only unpublished claims make has no page; a written name has one of its own.
    assert not (site / "claimants/quiet-person.html").exists()
    assert (site / "claimants/ilse-marchetti-farm-lobby-spokesperson.html").is_file()
    claim = (site / "claims/bb.html").read_text("utf-8")
    assert '<a href="../claimants/teodor-lind.html">teodor lind</a>' in claim
    assert "Quiet Person" not in (site / "claimants/index.html").read_text("utf-8")


def test_claimreview_authors_are_people_or_organisations(tmp_path: Path) -> None:
    root = _claimants_project(tmp_path / "p")
    assert build_site(root, output=tmp_path / "site", search=False).ok
    feed = json.loads((tmp_path / "site/claimreview.json").read_text("utf-8"))
    items = {i["url"].rsplit("/", 1)[1]: i for i in feed["dataFeedElement"]}
    for item in items.values():
        assert item["@context"] == "https://schema.org" and item["@type"] == "DataFeedItem"
        assert item["url"].startswith("https://check.example.org/claims/")
    author = items["ccc.html"]["item"][0]["itemReviewed"]["author"]
    assert author == {
        "@type": "Person",
        "name": "Ilse Marchetti",
        "jobTitle": "farm lobby spokesperson",
    }
    lind = items["bb.html"]["item"][0]["itemReviewed"]["author"]
    assert lind == {"@type": "Person", "name": "Teodor Lind", "url": "https://example.org/mayor"}


def test_two_names_on_one_claimant_page_are_an_error(tmp_path: Path) -> None:
    root = write_project(
        tmp_path / "p",
        {
            "content/claims/a.md": _claim("a", "Mayor's office"),
            "content/claims/b.md": _claim("b", "Mayors office!"),
        },
        config=CONFIG_SCALE,
    )
    project, diags = open_project(root)
    assert project is not None
    messages = [d.format() for d in diags.errors]
    assert any("would share the page claimants/mayors-office.html" in m for m in messages), messages


# -- lists, feeds, sitemap ----------------------------------------------------------------------


def test_long_lists_are_cut_into_pages_with_feeds(tmp_path: Path) -> None:
    root = _claimants_project(tmp_path / "p")
    assert build_site(root, output=tmp_path / "site", search=False).ok
    site = tmp_path / "site"
    first = (site / "claims/index.html").read_text("utf-8")
    assert 'href="../claims/page/2.html" rel="next"' in first
    second = (site / "claims/page/2.html").read_text("utf-8")
    assert 'href="../../claims/index.html" rel="prev"' in second and "(page 2)" in second
    assert (site / "ratings/misleading/2.html").is_file()
    for feed, count in (("ratings/misleading.xml", 3), ("claimants/teodor-lind.xml", 3)):
        tree = ElementTree.parse(site / feed)
        entries = tree.getroot().findall("{http://www.w3.org/2005/Atom}entry")
        assert len(entries) == count, feed
    rating = (site / "ratings/misleading.html").read_text("utf-8")
    assert (
        'type="application/atom+xml" title="Test Check: Misleading" '
        'href="../ratings/misleading.xml"'
    ) in rating


def test_the_sitemap_says_when_each_check_last_changed(tmp_path: Path) -> None:
    root = _claimants_project(tmp_path / "p")
    assert build_site(root, output=tmp_path / "site", search=False).ok
    sitemap = (tmp_path / "site/sitemap.xml").read_text("utf-8")
    assert (
        "<url><loc>https://check.example.org/claims/eeeee.html</loc>"
        "<lastmod>2026-03-06</lastmod></url>"
    ) in sitemap
    assert "<loc>https://check.example.org/</loc><lastmod>2026-03-06</lastmod>" in sitemap


# -- share cards ----------------------------------------------------------------------------------


def test_each_published_check_has_a_share_card(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PIL import Image

    import factcheck.cards

    drawn: list[str] = []
    real = factcheck.cards.draw_card

    def counted(text: factcheck.cards.CardText) -> bytes:
        drawn.append(text.summary)
        return real(text)

    monkeypatch.setattr(factcheck.cards, "draw_card", counted)
    root = _claimants_project(tmp_path / "p")
    assert build_site(root, output=tmp_path / "site", search=False).ok
    site = tmp_path / "site"
    with Image.open(site / "cards/bb.png") as card:
        assert card.size == (1200, 630) and card.format == "PNG"
    assert not (site / "cards/dddd.png").exists()  # not published: no card
    page = (site / "claims/bb.html").read_text("utf-8")
    assert '<meta property="og:image" content="https://check.example.org/cards/bb.png">' in page
    assert '<meta name="twitter:card" content="summary_large_image">' in page
    assert len(drawn) == 4
    # The next build (a new process's too: the cache is on disk) draws none again...
    assert build_site(root, output=tmp_path / "site", search=False).ok
    assert len(drawn) == 4
    # ... but the card of a check that changed.
    verdict = root / "content/verdicts/bb/sam.md"
    verdict.write_text(verdict.read_text().replace("rating: misleading", "rating: accurate"))
    assert build_site(root, output=tmp_path / "site", search=False).ok
    assert drawn[4:] == ["Claim bb."]
