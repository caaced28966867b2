"""Published checks (ClaimReview): JSON-LD in pages, Data Commons feeds, Fact Check Tools
records; each a claim, an external reviewer, an evidence item and a verdict."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from import_helpers import FIXTURES, assert_checks, content_files, do_import, messages, snapshot

from factcheck.importing import ImportOptions, run_import
from factcheck.project import open_project

if TYPE_CHECKING:
    from pytest_regressions.file_regression import FileRegressionFixture

# file -> (organisation's reviewer id, our rating, their label)
EXPECTED = {
    "afp_raw.json": ("afp-fact-check", "false", "False"),  # label is ours
    "africa_check_raw.json": ("africa-check", "false", "Incorrect"),  # 1 of 1..6 placed
    "tfc_taiwan_raw.json": ("tfc-taiwan-org-tw", "false", "錯誤"),  # import.ratings
    "google_fact_check_raw.json": ("vishvasnews-com", "false", "False"),
    "data_commons_raw.json": (
        "deutsche-presse-agentur",
        "unproven",  # no value, unmapped
        "Reker hat diesen Satz nie gesagt. «Völliger Unsinn», heißt es "
        "dazu aus der Pressestelle der Stadt Köln.",
    ),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_published_check(
    project: Path, name: str, file_regression: FileRegressionFixture
) -> None:
    report = do_import(project, FIXTURES / "claimreview" / name)
    assert not report.failed, report.diags.format_text()
    assert_checks(project)
    loaded, _ = open_project(project)
    assert loaded is not None
    reviewer_id, rating, label = EXPECTED[name]
    [claim] = loaded.claims.values()
    [verdict] = loaded.verdicts.values()
    reviewer = loaded.reviewers[reviewer_id]
    assert reviewer.role == "external"
    assert (verdict.claim, verdict.reviewer) == (claim.id, reviewer_id)
    assert (verdict.rating, verdict.original_rating) == (rating, label)
    assert verdict.status == "approved"
    assert verdict.source_url and verdict.evidence == list(loaded.evidence)
    assert loaded.outside_verdicts(claim.id) == [verdict]
    assert loaded.published_verdicts(claim.id) == []  # an outside check never publishes ours
    file_regression.check(
        snapshot(content_files(project)), extension=".md", basename=f"check_{Path(name).stem}"
    )


def test_text_in_other_languages_is_kept(project: Path) -> None:
    do_import(
        project,
        FIXTURES / "claimreview/tfc_taiwan_raw.json",
        FIXTURES / "claimreview/google_fact_check_raw.json",
    )
    loaded, _ = open_project(project)
    assert loaded is not None
    summaries = {c.summary for c in loaded.claims.values()}
    assert (
        "圖卡：美國要求各國制裁俄羅斯，私下卻大買俄羅斯石油，然後再轉手賣給他國大賺差價"
    ) in summaries
    assert "کانپور کے ہیلٹ اسپتال میں مریض کی پٹائی کرتا ڈاکٹر" in summaries
    assert loaded.reviewers["tfc-taiwan-org-tw"].name == "台灣事實查核中心"
    # Titles in other scripts get readable ids, transliterated (factcheck/ids.py).
    assert all(c.isascii() and not c.startswith("claim-") for c in loaded.claims), loaded.claims
    assert any("-mei-guo-yao-qiu-" in c for c in loaded.claims), loaded.claims
    # ... and their languages: the page's <html lang>, and the Fact Check API's languageCode.
    assert sorted(str(c.language) for c in loaded.claims.values()) == ["ur", "zh-hant"]


@pytest.mark.parametrize(
    ("in_language", "page_lang", "expected"),
    [
        ('"hi"', "en", "hi"),  # inLanguage wins over the page's lang
        ('{"@type": "Language", "name": "Portuguese", "alternateName": "pt-BR"}', "", "pt-BR"),
        ("null", "pt-BR", "pt-BR"),  # no inLanguage: the page's <html lang>
        ('"en"', "en", None),  # the site's own language: nothing to say
        ('"English (UK)"', "", None),  # not a language tag: left out, not guessed
    ],
)
def test_a_check_keeps_its_language(
    project: Path, tmp_path: Path, in_language: str, page_lang: str, expected: str | None
) -> None:
    review = (
        '{"@context": "https://schema.org", "@type": "ClaimReview", '
        '"claimReviewed": "O orçamento do metrô dobrou", "url": "https://checa.example/1", '
        '"author": {"@type": "Organization", "name": "Checa"}, "datePublished": "2026-01-15", '
        f'"inLanguage": {in_language}, '
        '"reviewRating": {"@type": "Rating", "alternateName": "Falso"}}'
    )
    lang = f' lang="{page_lang}"' if page_lang else ""
    page = tmp_path / "check.html"
    page.write_text(
        f"<!doctype html><html{lang}><head><title>Checa</title>"
        f'<script type="application/ld+json">{review}</script></head><body></body></html>',
        encoding="utf-8",
    )
    report = do_import(project, page)
    assert not report.failed, report.diags.format_text()
    loaded, _ = open_project(project)
    assert loaded is not None
    [claim] = loaded.claims.values()
    assert claim.language == expected


def test_an_unmapped_rating_is_imported_with_a_warning(project: Path) -> None:
    report = do_import(project, FIXTURES / "claimreview/data_commons_raw.json")
    assert not report.failed
    [warning] = [d for d in report.diags.warnings if "rating" in d.message]
    assert "found no place on the rating scale; imported as 'unproven'" in warning.message
    assert "import: ratings:" in (warning.hint or "")


def test_a_page_without_claimreview_writes_nothing(project: Path) -> None:
    report = do_import(project, FIXTURES / "claimreview/fact_check_org_raw.json")
    assert report.failed
    [error] = report.diags.errors
    assert error.path == str(FIXTURES / "claimreview/fact_check_org_raw.json")
    assert error.message.startswith("no ClaimReview found in the page")
    assert "WebPage" in error.message
    assert content_files(project) == {}


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("not-claimreview.json", "holds no ClaimReview"),
        ("truncated.json", "not valid JSON"),
    ],
)
def test_json_that_is_not_a_check(project: Path, name: str, words: str) -> None:
    report = do_import(project, FIXTURES / "claimreview" / name)
    assert report.failed
    assert words in report.diags.errors[0].message
    assert content_files(project) == {}


def test_one_reviewer_for_many_checks_by_one_organisation(project: Path, tmp_path: Path) -> None:
    feed = {
        "@type": "DataFeed",
        "dataFeedElement": [
            {
                "@type": "DataFeedItem",
                "item": [
                    {
                        "@context": "https://schema.org",
                        "@type": "ClaimReview",
                        "claimReviewed": claim,
                        "url": f"https://check.example.net/{n}",
                        "author": {
                            "@type": "Organization",
                            "name": "Example Check",
                            "url": "https://check.example.net/",
                        },
                        "datePublished": "2026-01-0" + str(n),
                        "reviewRating": {
                            "@type": "Rating",
                            "ratingValue": value,
                            "bestRating": 5,
                            "worstRating": 1,
                        },
                    }
                ],
            }
            for n, (claim, value) in enumerate(
                [("Bus fares were halved", 5), ("Ridership fell by a third", 3)], start=1
            )
        ],
    }
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(feed), encoding="utf-8")
    report = do_import(project, path)
    assert not report.failed, report.diags.format_text()
    kinds = sorted(f.kind for f in report.files)
    assert kinds == ["claim", "claim", "evidence", "evidence", "reviewer", "verdict", "verdict"]
    loaded, _ = open_project(project)
    assert loaded is not None
    ratings = {v.claim: v.rating for v in loaded.verdicts.values()}
    assert ratings == {
        "bus-fares-were-halved": "accurate",  # 5 of 1..5 -> our best
        "ridership-fell-by-a-third": "misleading",
    }  # 3 of 1..5 -> 3: tie -> 2
    # A second import with a new check by the same organisation does not rewrite its file.
    report = do_import(project, FIXTURES / "claimreview/afp_raw.json", path)
    assert [f.path for f in report.files if f.kind == "reviewer"] == [
        "content/reviewers/afp-fact-check.md"
    ]


def test_an_organisation_never_takes_over_one_of_our_reviewers(project: Path) -> None:
    (project / "content/reviewers").mkdir(parents=True)
    (project / "content/reviewers/afp-fact-check.md").write_text(
        "---\nname: Our own AFP desk\nrole: reviewer\n---\n", encoding="utf-8"
    )
    report = do_import(project, FIXTURES / "claimreview/afp_raw.json")
    assert not report.failed
    loaded, _ = open_project(project)
    assert loaded is not None
    [verdict] = loaded.verdicts.values()
    assert verdict.reviewer.startswith("afp-fact-check-")
    assert loaded.reviewers[verdict.reviewer].role == "external"
    assert any("one of ours" in m for m in messages(report, "warning"))


def test_an_existing_claim_id_elsewhere_is_not_reused(project: Path) -> None:
    article = (
        "---\ntitle: A speech\nclaims:\n  - id: interferon-alpha-2b-a-covid-19-vaccine\n"
        "    quote: a vaccine\n    summary: Something else\n---\nThis is a vaccine.\n"
    )
    (project / "content/articles").mkdir(parents=True)
    (project / "content/articles/speech.md").write_text(article, encoding="utf-8")
    report = do_import(project, FIXTURES / "claimreview/africa_check_raw.json")
    assert not report.failed, report.diags.format_text()
    [claim] = [f.path for f in report.files if f.kind == "claim"]
    assert claim.startswith("content/claims/interferon-alpha-2b-a-covid-19-vaccine-")
    assert_checks(project)


def test_reimport_changes_nothing(project: Path) -> None:
    paths = [FIXTURES / "claimreview" / name for name in sorted(EXPECTED)]
    first = do_import(project, *paths)
    assert not first.failed
    before = content_files(project)
    again = do_import(project, *paths)
    assert not again.failed and not again.written
    assert {f.status for f in again.files} == {"unchanged"}
    assert content_files(project) == before


def test_an_html_page_with_claimreview_is_imported_as_a_check(
    project: Path, tmp_path: Path
) -> None:
    page = json.loads((FIXTURES / "claimreview/afp_raw.json").read_text(encoding="utf-8"))
    html = tmp_path / "afp.html"
    html.write_text(page["page"], encoding="utf-8")
    report = do_import(project, html)
    assert not report.failed, report.diags.format_text()
    assert sorted(f.kind for f in report.files) == ["claim", "evidence", "reviewer", "verdict"]
    # Without --type claimreview a page with no ClaimReview is an article; with it, an error.
    other = json.loads((FIXTURES / "claimreview/fact_check_org_raw.json").read_text())
    plain = tmp_path / "factcheck-org.html"
    plain.write_text(other["page"], encoding="utf-8")
    report = do_import(project, plain, source_type="claimreview", dry_run=True)
    assert report.failed and "no ClaimReview" in report.diags.errors[0].message
    report = do_import(project, plain, dry_run=True)
    assert not report.failed and [f.kind for f in report.files] == ["article"]


# -- "already checked": an outside check of a claim we have -------------------------------------

AFP = "claimreview/afp_raw.json"


def _our_claim(project: Path, summary: str) -> None:
    (project / "content" / "claims").mkdir(parents=True, exist_ok=True)
    (project / "content" / "claims" / "cdc-covid-deaths.md").write_text(
        f"---\nsummary: {summary}\nclaimant: A viral post\n---\n", encoding="utf-8"
    )


def test_a_check_of_our_claim_is_attached_to_it(project: Path) -> None:
    """Reworded, but surely the same claim: the outside verdict joins ours ("also checked
    by"), and no second claim is made; importing again changes nothing."""
    _our_claim(
        project,
        "The US Centers for Disease Control and Prevention lied about the "
        "number of COVID-19 deaths by combining them with flu and pneumonia "
        "fatalities.",
    )
    report = do_import(project, FIXTURES / AFP)
    assert not report.failed, report.diags.format_text()
    assert not [p for p in report.written if p.startswith("content/claims/")]
    assert "content/verdicts/cdc-covid-deaths/afp-fact-check.md" in report.written
    assert_checks(project)
    loaded, _ = open_project(project)
    assert loaded is not None
    assert list(loaded.claims) == ["cdc-covid-deaths"]
    [verdict] = loaded.verdicts.values()
    assert (verdict.claim, verdict.reviewer) == ("cdc-covid-deaths", "afp-fact-check")
    assert [v.reviewer for v in loaded.outside_verdicts("cdc-covid-deaths")] == ["afp-fact-check"]
    again = do_import(project, FIXTURES / AFP)
    assert again.count("new") == 0 and not again.failed


def test_a_less_sure_match_asks(project: Path) -> None:
    _our_claim(
        project,
        "The CDC lied about COVID-19 deaths by adding pneumonia and flu deaths to the count.",
    )
    asked: list[str] = []

    def yes(question: str) -> bool:
        asked.append(question)
        return True

    report = run_import(project, [FIXTURES / AFP], ImportOptions(confirm=yes))
    assert not report.failed, report.diags.format_text()
    [question] = asked
    assert "our claim 'cdc-covid-deaths'" in question and "Attach their verdict" in question
    assert "content/verdicts/cdc-covid-deaths/afp-fact-check.md" in report.written
    # Asked and answered once: the next import finds the verdict there and asks nothing.
    asked.clear()
    again = run_import(project, [FIXTURES / AFP], ImportOptions(confirm=yes))
    assert again.count("new") == 0 and asked == []


def test_a_less_sure_match_without_a_terminal_is_written_separately(project: Path) -> None:
    _our_claim(
        project,
        "The CDC lied about COVID-19 deaths by adding pneumonia and flu deaths to the count.",
    )
    report = do_import(project, FIXTURES / AFP)  # no confirm: no one to ask
    assert not report.failed, report.diags.format_text()
    [warning] = [d for d in report.diags.warnings if "may be of our claim" in d.message]
    assert "'cdc-covid-deaths'" in warning.message and "no terminal" in warning.message
    assert "content/verdicts/cdc-covid-deaths/" in (warning.hint or "")
    assert [p for p in report.written if p.startswith("content/claims/")]
    assert_checks(project)


def test_answering_no_keeps_the_claim_separate(project: Path) -> None:
    _our_claim(
        project,
        "The CDC lied about COVID-19 deaths by adding pneumonia and flu deaths to the count.",
    )
    report = run_import(project, [FIXTURES / AFP], ImportOptions(confirm=lambda _q: False))
    assert [p for p in report.written if p.startswith("content/claims/")]
    assert not [d for d in report.diags.warnings if "may be of our claim" in d.message]
