""" "Already checked" matching that survives paraphrase (factcheck/suggest/normalize.py and
similarity.py). Pairs built from LIAR statements (tests/fixtures/suggest/README.md)."""

from __future__ import annotations

import pytest

from factcheck.suggest import ClaimIndex, similarity
from factcheck.suggest.normalize import canonical_tokens

SAME = [
    # numbers in words and figures; shares
    (
        "One-third of our college grads leave Ohio within three years.",
        "Within three years, one in three Ohio college graduates leaves the state.",
    ),
    (
        "One-third of our college grads leave Ohio within three years.",
        "33 percent of Ohio's college graduates move away within 3 years.",
    ),
    (
        "When Mitt Romney was governor, Massachusetts lost 40,000 manufacturing jobs, a rate twice "
        "the national average.",
        "Massachusetts lost forty thousand manufacturing jobs while Mitt Romney was governor, "
        "twice the national rate.",
    ),
    # units and magnitudes
    (
        "Thom Tillis cut almost $500 million from education.",
        "Thom Tillis slashed nearly half a billion dollars from education.",
    ),
    # dates written differently, reordered clauses
    (
        "Says Ohios economic recovery started in February 2010.",
        "Ohio's economic recovery began in Feb. 2010.",
    ),
    (
        "Says Obama policies contributed to gas prices rising from $1.89 in January 2009 to $3.51 "
        "today.",
        "Gas prices rose from $1.89 in January 2009 to $3.51 now because of Obama's policies.",
    ),
    # synonyms of common verbs
    ("Bus fares were halved last year.", "Bus fares were cut in half last year."),
    (
        "Theres actually 600 abortions done after the 20th week of pregnancy every year in Ohio.",
        "Every year in Ohio, 600 abortions are performed after the twentieth week of pregnancy.",
    ),
]

DIFFERENT = [
    # another figure, place, direction or side: another claim
    (
        "One-third of our college grads leave Ohio within three years.",
        "One-third of our college grads leave Michigan within three years.",
    ),
    (
        "Ohios electricity rates are 10 percent below the national average.",
        "Ohio's electricity rates are 10 percent above the national average.",
    ),
    (
        "Thom Tillis cut almost $500 million from education.",
        "Thom Tillis added almost $500 million to education.",
    ),
    (
        "There have been 50 million abortions since Roe v. Wade was decided.",
        "There have been 5 million abortions since Roe v. Wade was decided.",
    ),
    (
        "The Medicaid expansion is going to cost Florida $1.9 billion a year.",
        "Florida's cost for the Medicaid expansion will be $1.6 billion a year or more.",
    ),
    (
        "4.7 million people have lost their insurance in 32 states due to Obamacare.",
        "4.7 million people have gained insurance in 32 states thanks to Obamacare.",
    ),
]


@pytest.mark.parametrize(("claim", "said"), SAME)
def test_paraphrases_match(claim: str, said: str) -> None:
    assert similarity(claim, said) >= 0.75, (canonical_tokens(claim), canonical_tokens(said))


@pytest.mark.parametrize(("claim", "said"), DIFFERENT)
def test_different_claims_do_not(claim: str, said: str) -> None:
    assert similarity(claim, said) < 0.75


def test_the_forms_of_a_figure_are_one() -> None:
    forms = ["a third", "33 percent", "one in three", "33%", "33 per cent", "one-third"]
    assert {" ".join(canonical_tokens(f)) for f in forms} == {"pct33"}
    assert canonical_tokens("forty thousand") == canonical_tokens("40,000") == ["40000"]
    assert canonical_tokens("$1.9 billion") == ["usd", "1900000000"]
    assert canonical_tokens("1.9 billion dollars") == ["1900000000", "usd"]
    assert canonical_tokens("Feb. 2010") == canonical_tokens("February 2010")
    assert canonical_tokens("doubled") == canonical_tokens("twice") == ["x2"]
    assert canonical_tokens("It may rain") == ["rain"]  # "may" the verb is no month


def test_index_finds_a_paraphrase_among_many() -> None:
    claims = [(f"claim-{i}", [a]) for i, (a, _b) in enumerate(SAME + DIFFERENT)]
    index = ClaimIndex(claims)
    assert (
        index.matches(
            "Ninety-four percent of candidates who won in 2010 had more money than their opponents."
        )
        == []
    )  # not in the index
    found = index.matches("Within three years, one in three Ohio college graduates leaves.")
    assert found and found[0].claim in ("claim-0", "claim-1")
