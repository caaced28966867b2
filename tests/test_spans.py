"""The checkable words of a sentence (factcheck/suggest/spans.py): quote, claimant, summary."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.suggest import checkable_span
from factcheck.suggest.spans import SUMMARY_LIMIT

CASES = [
    # The issue's own example: the claim, not the commentary that follows it.
    (
        "Russia's foreign intelligence service reported on Tuesday that France is plotting to "
        "deploy up to 2,000 soldiers, the core of which will be made up of Foreign Legion units.",
        "France is plotting to deploy up to 2,000 soldiers",
        "Russia's foreign intelligence service",
        "France is plotting to deploy up to 2,000 soldiers.",
    ),
    (
        "Farm lobby spokesperson Ilse Marchetti warned that “irrigation quotas will be cut in "
        "half” if no rain falls by October, a claim the agriculture ministry called "
        "“premature.”",
        "irrigation quotas will be cut in half",
        "Farm lobby spokesperson Ilse Marchetti",
        "Irrigation quotas will be cut in half.",
    ),
    (
        "Inflation fell to 2.3 percent in October, down from 3.1 percent a year earlier, the "
        "statistics office reported.",
        "Inflation fell to 2.3 percent in October, down from 3.1 percent a year earlier",
        "Statistics office",
        "Inflation fell to 2.3% in October, down from 3.1% a year earlier.",
    ),
    (
        "According to the agency, three of the country’s five largest reservoirs are below 30 "
        "percent.",
        "three of the country’s five largest reservoirs are below 30 percent",
        "Agency",
        "Three of the country’s five largest reservoirs are below 30%.",
    ),
    (
        "Mayor Teodor Lind said the budget includes 60 new electric buses and that fares will not "
        "rise before 2028.",
        "the budget includes 60 new electric buses",
        "Mayor Teodor Lind",
        "The budget includes 60 new electric buses.",
    ),
    (
        "The city's police chief, Marta Ivanko, declared at a press conference on Thursday that "
        "violent crime had fallen by 12 percent in the first half of the year.",
        "violent crime had fallen by 12 percent in the first half of the year",
        "City's police chief, Marta Ivanko",
        "Violent crime had fallen by 12% in the first half of the year.",
    ),
    # No attribution: the statement itself, commentary and day left out of the summary.
    (
        "The Harbour City council (HCC) approved a transit budget of 412 million dollars on "
        "Tuesday, which opponents say is twice what the city spent five years ago.",
        "The Harbour City council (HCC) approved a transit budget of 412 million dollars on "
        "Tuesday, which opponents say is twice what the city spent five years ago",
        None,
        "The Harbour City council approved a transit budget of $412 million.",
    ),
    # A pronoun names nobody.
    (
        "He said that the tunnel cost 300 million dollars more than planned.",
        "the tunnel cost 300 million dollars more than planned",
        None,
        "The tunnel cost $300 million more than planned.",
    ),
]


@pytest.mark.parametrize(("sentence", "quote", "claimant", "summary"), CASES)
def test_checkable_span(sentence: str, quote: str, claimant: str | None, summary: str) -> None:
    span = checkable_span(sentence)
    assert (span.quote, span.claimant, span.summary) == (quote, claimant, summary)
    assert span.quote in sentence  # the article's own words: it anchors as it is
    assert len(span.summary) < SUMMARY_LIMIT


def test_a_long_statement_gets_a_short_summary_by_rules() -> None:
    sentence = (
        "The transit authority’s own annual report, published in March, put weekday "
        "boardings at 181,000, compared with 240,000 before the pandemic."
    )
    span = checkable_span(sentence)
    assert len(span.summary) < SUMMARY_LIMIT
    assert span.summary.endswith("…") and span.summary != sentence


_PIECES = st.sampled_from(
    [
        "said that ",
        "reported ",
        "According to ",
        ", which ",
        " percent",
        " the ",
        "The ",
        "He ",
        " dollars",
        "(",
        ")",
        "“",
        "”",
        ", ",
        ". ",
        "Mayor ",
        "on Tuesday",
        "400",
        "a",
        "b c",
        " and that ",
    ]
)


@given(st.lists(st.one_of(_PIECES, st.text(max_size=6)), max_size=40).map("".join))
def test_any_text_gives_a_quote_from_it_and_a_short_summary(sentence: str) -> None:
    span = checkable_span(sentence)
    assert span.quote in sentence.strip() or not sentence.strip()
    assert len(span.summary) < SUMMARY_LIMIT
