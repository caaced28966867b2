"""Tests for factcheck.anchoring: finding a claim's quote in an article's text stream."""

from __future__ import annotations

import re
import sys
import unicodedata
from itertools import pairwise
from typing import Literal

import pytest
from hypothesis import assume, event, given, settings
from hypothesis import strategies as st

from factcheck import anchoring
from factcheck.anchoring import (
    BLOCK_SEPARATOR,
    AnchorIndex,
    AnchorResult,
    Span,
    find_quote,
    normalize,
)

SEP = BLOCK_SEPARATOR
NBSP = "\u00a0"


def quoted(text: str, result: AnchorResult) -> str:
    """The original text a found quote covers."""
    assert result.span is not None, result.message()
    return text[result.span.start : result.span.end]


# --- normalize ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("\u201cHi\u201d, \u2018it\u2019s\u2019 \u201equal\u201f", '"Hi", \'it\'s\' "qual"'),
        ("\u00abnon\u00bb 5\u2032 6\u2033 `x`", "\"non\" 5' 6\" 'x'"),
        ("a\u2010b\u2011c\u2012d\u2013e\u2014f\u2015g\u2212h-i", "a-b-c-d-e-f-g-h-i"),
        (f"a{NBSP}b\u202fc\u2007d\u2003e\tf\ng\r\nh", "a b c d e f g h"),
        ("a  \n\t  b", "a b"),
        ("co\u00adop\u200b \u200ceration\ufeff\u200d", "coop eration"),
        (f"one \n{SEP}\n two{SEP}{SEP}three", f"one{SEP}two{SEP}three"),
        ("Case Stays", "Case Stays"),
        ("cafe\u0301", "caf\u00e9"),
        ("\u1100\u1161\u11a8", "\uac01"),  # Hangul jamo compose to one syllable
        ("\u0627\u0644\u0639\u0640\u0640\u0631\u0628", "\u0627\u0644\u0639\u0631\u0628"),  # tatweel
        ("\u0645\u064f\u062d\u064e\u0645\u0651\u064e\u062f", "\u0645\u062d\u0645\u062f"),  # harakat
        ("\u0627\u0654", "\u0623"),  # hamza above composes, and stays
        ("\u05e9\u05c1\u05b8\u05dc\u05d5\u05b9\u05dd", "\u05e9\u05dc\u05d5\u05dd"),  # niqqud
        ("\uff23\uff2f\uff36\uff29\uff24\uff0d\uff11\uff19", "COVID-19"),  # full width
        ("city\uff40s", "city's"),  # a full-width backtick is a backtick, so an apostrophe
    ],
)
def test_normalize(text: str, expected: str) -> None:
    assert normalize(text)[0] == expected


def test_normalize_maps_each_character_to_its_source() -> None:
    text = "a \u201cb\u201d\u00ad  c\u0301"
    norm, origin = normalize(text)
    assert norm == 'a "b" \u0107'
    assert origin == [0, 1, 2, 3, 4, 6, 8]


# --- tolerated differences ----------------------------------------------------------------------


def test_curly_quotes_in_text_match_straight_quotes_in_quote() -> None:
    text = "The mayor called it \u201ca disgrace\u201d on Monday."
    result = find_quote(text, '"a disgrace"')
    assert result.problem is None
    assert quoted(text, result) == "\u201ca disgrace\u201d"


def test_straight_quotes_in_text_match_curly_quotes_in_quote() -> None:
    text = 'The mayor called it "a disgrace" on Monday.'
    result = find_quote(text, "called it \u201ca disgrace\u201d")
    assert quoted(text, result) == 'called it "a disgrace"'


def test_apostrophes() -> None:
    text = "It\u2019s the council\u2019s budget, not the mayor's."
    assert quoted(text, find_quote(text, "It's the council's")) == "It\u2019s the council\u2019s"
    assert quoted(text, find_quote(text, "the mayor\u2019s")) == "the mayor's"


def test_non_breaking_spaces() -> None:
    text = f"spending rose to 5{NBSP}million dollars"
    assert quoted(text, find_quote(text, "5 million")) == f"5{NBSP}million"
    text = "spending rose to 5 million dollars"
    assert quoted(text, find_quote(text, f"rose to{NBSP}5")) == "rose to 5"


def test_line_breaks_and_runs_of_spaces() -> None:
    text = "twice what the city\nspent   five years\r\n  ago."
    result = find_quote(text, "twice what the city spent five years ago")
    assert quoted(text, result) == "twice what the city\nspent   five years\r\n  ago"
    quote = "what  the\n\tcity spent"
    assert quoted(text, find_quote(text, quote)) == "what the city\nspent"


def test_dashes_and_hyphens() -> None:
    text = "ridership fell \u2014 by a third \u2013 in 2020\u20132021, a well\u2010known fact"
    assert find_quote(text, "fell - by a third - in 2020-2021").problem is None
    assert find_quote(text, "well-known").problem is None
    text = "ridership fell - by a third"
    assert quoted(text, find_quote(text, "fell \u2014 by")) == "fell - by"


def test_zero_width_characters_and_soft_hyphens() -> None:
    text = "an extra\u00ador\u200bdinary rise"
    assert quoted(text, find_quote(text, "extraordinary")) == "extra\u00ador\u200bdinary"


def test_decomposed_accents_and_span_covers_the_combining_mark() -> None:
    text = "the cafe\u0301 closed"
    assert quoted(text, find_quote(text, "the caf\u00e9")) == "the cafe\u0301"
    text = "the caf\u00e9 closed"
    assert quoted(text, find_quote(text, "cafe\u0301 closed")) == "caf\u00e9 closed"


def test_white_space_around_the_quote_is_ignored() -> None:
    text = "the budget doubled"
    result = find_quote(text, "  \n budget doubled\u00a0 ")
    assert result.span == Span(4, 18)


def test_matching_is_case_sensitive() -> None:
    result = find_quote("The Budget doubled", "the budget doubled")
    assert result.problem == "not-found"
    assert result.closest == "The Budget doubled"


# --- repeats, prefix and suffix -----------------------------------------------------------------

REPEATS = (
    "Critics say the budget doubled.\u2029Supporters say the budget doubled too, "
    "but the council says the budget doubled only on paper."
)


def test_repeats_are_ambiguous_without_context() -> None:
    result = find_quote(REPEATS, "the budget doubled")
    assert result.problem == "ambiguous"
    assert result.span is None
    assert len(result.matches) == 3
    assert result.candidates == result.matches
    assert [REPEATS[m.start : m.end] for m in result.matches] == ["the budget doubled"] * 3
    assert result.message() == ("quote matches 3 places; add a prefix or suffix to tell them apart")


def test_repeats_told_apart_by_prefix() -> None:
    result = find_quote(REPEATS, "the budget doubled", prefix="Supporters say ")
    assert result.problem is None
    assert result.span == result.matches[1]
    assert len(result.matches) == 3


def test_repeats_told_apart_by_suffix() -> None:
    result = find_quote(REPEATS, "the budget doubled", suffix=" only on paper")
    assert result.span == result.matches[2]
    result = find_quote(REPEATS, "the budget doubled", suffix=".")
    assert result.span == result.matches[0]


def test_prefix_and_suffix_together() -> None:
    result = find_quote(REPEATS, "budget doubled", prefix="say the", suffix=" too")
    assert result.span == Span(REPEATS.index("budget doubled too"), REPEATS.index(" too,"))


def test_context_too_short_is_still_ambiguous() -> None:
    result = find_quote(REPEATS, "the budget doubled", prefix="say")  # not "says"
    assert result.problem == "ambiguous"
    assert result.span is None
    assert result.candidates == result.matches[:2]
    assert result.message() == (
        "quote matches 3 places and its prefix/suffix fit 2 of them; "
        "lengthen the prefix or suffix to tell them apart"
    )


@pytest.mark.parametrize("prefix", ["say is ", "say is", " say is  ", "say\u00a0is\n"])
def test_white_space_between_prefix_and_quote_is_optional(prefix: str) -> None:
    text = "which opponents say is twice what the city spent"
    result = find_quote(text, "twice what", prefix=prefix)
    assert result.span == Span(23, 33)
    assert find_quote("opponents say istwice what", "twice what", prefix=prefix).problem is None


@pytest.mark.parametrize("suffix", [" the city", "the city", "\nthe  city "])
def test_white_space_between_quote_and_suffix_is_optional(suffix: str) -> None:
    text = "which opponents say is twice what the city spent"
    assert find_quote(text, "twice what", suffix=suffix).span == Span(23, 33)


def test_prefix_may_reach_into_the_previous_block() -> None:
    text = f"Budget{SEP}It doubled. Budget{SEP}It doubled again."
    result = find_quote(text, "It doubled", prefix="doubled. Budget\n\n")
    assert result.span == Span(text.rindex("It doubled"), text.rindex(" again"))


def test_context_mismatch_shows_the_actual_surroundings() -> None:
    text = "which opponents say is twice what the city spent five years ago."
    result = find_quote(text, "twice what the city spent", prefix="which critics say is ")
    assert result.problem == "context-mismatch"
    assert result.span is None
    assert result.matches == (Span(23, 48),)
    assert result.closest == "which opponents say is twice what the city spent"
    assert result.message() == (
        "quote found in the body, but not with this prefix/suffix; "
        'the text around it is "which opponents say is twice what the city spent"'
    )


def test_context_mismatch_among_several_shows_the_likeliest() -> None:
    result = find_quote(REPEATS, "the budget doubled", prefix="Supporter said")
    assert result.problem == "context-mismatch"
    assert result.closest == "Supporters say the budget doubled"
    result = find_quote(REPEATS, "the budget doubled", suffix=" on paper")
    assert result.closest == "the budget doubled only on"  # as long as the suffix given


def test_single_match_with_mismatched_suffix_is_an_error() -> None:
    result = find_quote("the budget doubled.", "budget", suffix="tripled")
    assert result.problem == "context-mismatch"
    assert result.matches == (Span(4, 10),)


def test_empty_context_is_no_context() -> None:
    assert find_quote("the budget", "budget", prefix="", suffix=" \n").span == Span(4, 10)


# --- overlaps, blocks, failures -----------------------------------------------------------------


def test_overlapping_and_nested_quotes_are_all_found() -> None:
    text = "The council voted to double the transit budget despite falling ridership."
    index = AnchorIndex(text)
    outer = index.find("voted to double the transit budget")
    inner = index.find("double the transit")
    overlapping = index.find("transit budget despite falling")
    assert outer.span == Span(12, 46)
    assert inner.span == Span(21, 39)
    assert overlapping.span == Span(32, 62)


def test_overlapping_occurrences_of_one_quote_are_all_matches() -> None:
    result = find_quote("ha ha ha", "ha ha")
    assert result.problem == "ambiguous"
    assert result.matches == (Span(0, 5), Span(3, 8))
    assert find_quote("ha ha ha", "ha ha", suffix=" ha").span == Span(0, 5)


def test_quote_across_a_block_separator_is_not_found() -> None:
    text = f"The budget doubled.{SEP}Ridership fell."
    result = find_quote(text, "doubled. Ridership")
    assert result.problem == "not-found"
    assert result.matches == ()
    assert result.closest == "doubled. \u00b6 Ridership"
    message = result.message()
    assert message is not None
    assert "cannot run across paragraphs" in message
    assert find_quote(text, f"doubled.{SEP}Ridership").problem == "not-found"


def test_not_found_gives_the_closest_text() -> None:
    text = (
        "The council approved the budget on Tuesday.\u2029Opponents say it is twice what "
        "the city spent five years ago, while\nsupporters point to inflation."
    )
    result = find_quote(text, "twice what the town spent 5 years ago")
    assert result.problem == "not-found"
    assert result.span is None
    assert result.closest == "twice what the city spent five years ago"
    assert result.message() == (
        'quote not found in the body; the closest text is "twice what the city spent five '
        'years ago"'
    )


def test_closest_text_is_shown_as_in_the_original() -> None:
    text = f"He said \u201cwe\u2019ll   see\u201d\nand{NBSP}left."
    result = find_quote(text, "he said 'well see' and left")
    # Typography kept, white space tidied (no-break space too: this is for a one-line message).
    assert result.closest == "He said \u201cwe\u2019ll see\u201d and left"


def test_not_found_in_an_empty_stream() -> None:
    result = find_quote("", "anything")
    assert result.problem == "not-found"
    assert result.closest is None
    assert result.message() == "quote not found in the body"


@pytest.mark.parametrize("quote", ["", "   ", "\n\t", "\u200b\u00ad", SEP])
def test_empty_quote(quote: str) -> None:
    result = find_quote("some text", quote)
    assert result == AnchorResult(None, (), "empty")
    assert result.message() == "quote is empty"


def test_found_has_no_message() -> None:
    result = find_quote("some text", "text")
    assert result.problem is None
    assert result.message() is None
    assert result.candidates == (Span(5, 9),)


def test_index_answers_like_find_quote() -> None:
    index = AnchorIndex(REPEATS)
    assert index.text == REPEATS
    assert index.normalized == normalize(REPEATS)[0]
    for quote, prefix in [("budget", "Critics say the "), ("nope", None), ("say", None)]:
        assert index.find(quote, prefix) == find_quote(REPEATS, quote, prefix)


def test_clusters_never_start_where_nfc_could_join_the_previous_character() -> None:
    """_JOINS_PREVIOUS must hold every combining-class-0 character that is the second half of
    a canonical composition, or whose decomposition starts with a combining mark."""
    missing = []
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if unicodedata.combining(char):
            continue
        decomposed = unicodedata.normalize("NFD", char)
        if unicodedata.combining(decomposed[0]):
            missing.append(char)
        decomposition = unicodedata.decomposition(char).split()
        is_primary = unicodedata.normalize("NFC", char) == char
        if len(decomposition) == 2 and decomposition[0][0] != "<" and is_primary:
            second = chr(int(decomposition[1], 16))
            if not unicodedata.combining(second):
                missing.append(second)
    assert set(missing) <= anchoring._JOINS_PREVIOUS


def test_one_index_answers_many_claims() -> None:
    """One index over a long article places many claims, each at its own words (how fast is
    measured by the benchmarks, never by a timed test)."""
    import random

    rng = random.Random(7)
    words = [
        "the",
        "city",
        "budget",
        "transit",
        "rose",
        "fell",
        "\u201cdoubled\u201d",
        "council\u2019s",
        "\u2014",
        "of",
        "2021",
        "harbour",
        "tunnel",
        "fares",
    ]
    paragraphs = [" ".join(rng.choice(words) for _ in range(40)) for _ in range(25)]
    text = SEP.join(paragraphs)
    assert len(text) > 5000
    index = AnchorIndex(text)
    placed = 0
    for start in range(50, len(text) - 100, 97):
        end = start + 40
        if SEP in text[start - 20 : end + 20]:
            continue
        quote = text[start:end]
        found = index.find(quote, text[start - 20 : start], text[end : end + 20])
        assert found.span is not None, (start, found.problem)
        assert text[found.span.start : found.span.end] == quote.strip()
        placed += 1
    assert placed > 30


# --- properties ---------------------------------------------------------------------------------

# Realistic article text; spaces repeated so that words have a realistic length.
CHARS = (
    list(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ\u00e9\u00fc0123456789.,;:!?()"
        "'\"\u2018\u2019\u201c\u201d-\u2013\u2014"
    )
    + [" "] * 12
    + [NBSP, "\n", "\n", SEP]
)
TEXT = st.text(alphabet=st.sampled_from(CHARS), max_size=120)

# Each class holds characters the quote may be re-typed with, for any character of the class.
RETYPINGS = [
    ("'\u2018\u2019", ["'", "\u2018", "\u2019"]),
    ('"\u201c\u201d', ['"', "\u201c", "\u201d"]),
    ("-\u2013\u2014", ["-", "\u2013", "\u2014"]),
    (f" {NBSP}\n", [" ", NBSP, "  ", "\n", " \n\t"]),
]


def retype(text: str, choices: list[int]) -> str:
    """`text` as someone might type it again: other quotes, dashes and white space."""
    out = []
    for char, choice in zip(text, choices, strict=True):
        for group, alternatives in RETYPINGS:
            if char in group:
                char = alternatives[choice % len(alternatives)]
                break
        out.append(char)
    return "".join(out)


@st.composite
def articles(draw: st.DrawFn) -> str:
    """Text whose pieces repeat, so that quotes often match in several places."""
    pieces = draw(st.lists(TEXT, min_size=1, max_size=5))
    order = draw(st.lists(st.integers(0, len(pieces) - 1), min_size=1, max_size=8))
    return "".join(pieces[k] for k in order)


@st.composite
def quote_spans(draw: st.DrawFn, text: str) -> tuple[int, int]:
    """A span of `text` inside one block, starting and ending on a non-space character."""
    solid = [k for k, char in enumerate(text) if not char.isspace()]  # SEP is a space too
    assume(solid)
    start = draw(st.sampled_from(solid))
    block_end = text.find(SEP, start) % (len(text) + 1)  # -1 -> len(text)
    last = draw(st.sampled_from([k for k in solid if start <= k < block_end]))
    return start, last + 1


def fitting_places(text: str, quote: str, prefix: str, suffix: str) -> list[int]:
    """Brute force, from the spec: where in the normalised text the normalised quote occurs
    with the prefix just before and the suffix just after, white space between them optional,
    block separators read as spaces in the context, and the context's ends trimmed."""
    norm = normalize(text)[0]
    flat = norm.replace(SEP, " ")
    exact = normalize(quote)[0].strip(" " + SEP)
    before = normalize(prefix)[0].replace(SEP, " ").strip(" ")
    after = normalize(suffix)[0].replace(SEP, " ").strip(" ")
    places = []
    for at in range(len(norm)):
        if not norm.startswith(exact, at):
            continue
        if before and not re.search(re.escape(before) + " ?\\Z", flat[:at]):
            continue
        if after and not re.match(" ?" + re.escape(after), flat[at + len(exact) :]):
            continue
        places.append(at)
    return places


@settings(max_examples=200, deadline=None)
@given(data=st.data(), text=articles())
def test_a_retyped_quote_is_found_at_its_place(data: st.DataObject, text: str) -> None:
    start, end = data.draw(quote_spans(text))
    before, after = text[max(0, start - 20) : start], text[end : end + 20]

    def retyped(part: str) -> str:
        choices = data.draw(st.lists(st.integers(0, 4), min_size=len(part), max_size=len(part)))
        return retype(part, choices)

    quote, prefix, suffix = retyped(text[start:end]), retyped(before), retyped(after)
    index = AnchorIndex(text)
    alone = index.find(quote)
    assert Span(start, end) in alone.matches
    event("quote repeats" if len(alone.matches) > 1 else "quote is unique")
    if len(alone.matches) == 1:
        assert alone.span == Span(start, end)
    else:
        assert alone.problem == "ambiguous"

    assume(len(fitting_places(text, quote, prefix, suffix)) == 1)
    result = index.find(quote, prefix, suffix)
    assert result.problem is None, result.message()
    assert result.span == Span(start, end)


@settings(max_examples=200, deadline=None)
@given(
    text=articles(),
    quote=st.text(alphabet=st.sampled_from("abcAB '\u2019-\u2014\n" + SEP + NBSP), max_size=6),
    prefix=st.none() | st.text(alphabet=st.sampled_from("abc \u2019"), max_size=3),
)
def test_text_not_in_the_stream_is_never_found(text: str, quote: str, prefix: str | None) -> None:
    norm = normalize(text)[0]
    exact = normalize(quote)[0].strip(" " + SEP)
    result = find_quote(text, quote, prefix)
    if not exact:
        assert result.problem == "empty"
    elif SEP in exact or exact not in norm:
        assert result.span is None
        assert result.matches == ()
        assert result.problem == "not-found"
    else:
        assert result.matches
    for match in result.matches:
        # Whatever matched is, normalised, the quote itself.
        assert normalize(text[match.start : match.end])[0] == exact


@settings(max_examples=200, deadline=None)
@given(text=TEXT | st.text(max_size=80))
def test_normalize_index_map(text: str) -> None:
    norm, origin = normalize(text)
    assert len(origin) == len(norm)
    assert all(0 <= index < len(text) for index in origin)
    assert all(a <= b for a, b in pairwise(origin))
    assert normalize(norm)[0] == norm  # idempotent
    assert "  " not in norm
    assert f" {SEP}" not in norm
    assert f"{SEP} " not in norm


@settings(max_examples=200, deadline=None)
@given(text=TEXT)
def test_normalize_index_map_points_at_the_source_character(text: str) -> None:
    """In realistic text (no decomposed characters) nothing expands or merges: each normalised
    character comes from its own source character, which it equals or stands in for."""
    norm, origin = normalize(text)
    assert all(a < b for a, b in pairwise(origin))
    for char, index in zip(norm, origin, strict=True):
        source = text[index]
        assert source == char or normalize(source)[0] == char or (char == " " and source.isspace())


SINGLE = "\u2018\u2019\u201a\u201b\u2032`"
DOUBLE = "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
ZERO_WIDTH = "\u200b\u200c\u200d\ufeff\u00ad"
# The full-width forms of ASCII's ! to ~ (docs/content-format.md).
FULL_WIDTH = {chr(0xFF01 + i): chr(0x21 + i) for i in range(0x5E)}


def reference_normalize(text: str) -> str:
    """The normalisation the spec describes, spelled out the slow, obvious way."""
    text = re.sub(f"[{ZERO_WIDTH}\u2060{TATWEEL}]", "", text)  # (TATWEEL: "across scripts")
    text = unicodedata.normalize("NFC", text)
    # Which marks are optional is anchoring's list; that NFC never composes one is tested below.
    text = re.sub(f"[{anchoring._OPTIONAL_MARKS}]", "", text)
    text = "".join(FULL_WIDTH.get(char, char) for char in text)
    text = re.sub(f"[{SINGLE}]", "'", text)
    text = re.sub(f"[{DOUBLE}]", '"', text)
    text = re.sub(f"[{DASHES}]", "-", text)
    text = re.sub(f"[^\\S{SEP}]", " ", text)  # white space other than the separator
    text = re.sub(f" *{SEP}[ {SEP}]*", SEP, text)
    return re.sub(" +", " ", text)


TRICKY = st.sampled_from(
    [
        *(SINGLE + DOUBLE + DASHES + ZERO_WIDTH),
        *["e", "a", "A", " ", "\t", "\n", NBSP, "\u202f", "\u2007", "\u2002", SEP, "\u2028"],
        # combining marks, Hangul jamo, a Devanagari letter and nukta (composition excluded)
        *["\u0301", "\u0308", "\u0323", "\u1100", "\u1161", "\u11a8", "\u0915", "\u093c"],
        # Arabic letters, tatweel, a vowel mark and hamza above; a Hebrew letter and niqqud
        *["\u0627", "\u0628", "\u0640", "\u064e", "\u0654", "\u05e9", "\u05b8"],
        # full-width forms: a letter, a quote, a backtick, a hyphen
        *["\uff21", "\uff02", "\uff40", "\uff0d"],
    ]
)


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=TRICKY, max_size=40) | st.text(max_size=40))
def test_normalize_agrees_with_the_reference(text: str) -> None:
    assert normalize(text)[0] == reference_normalize(text)


def test_every_kind_of_white_space_is_a_space() -> None:
    spaces = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace() and chr(c) != SEP]
    assert normalize("".join(f"a{space}" for space in spaces))[0] == "a " * len(spaces)


# --- across scripts -----------------------------------------------------------------------------

ARABIC_LETTERS = (
    "\u0627\u0628\u062a\u062c\u062d\u062f\u0631\u0633\u0639\u0644\u0645\u0646\u0647"
    "\u0648\u064a\u0623\u0629"
)
HARAKAT = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652"
TATWEEL = "\u0640"
DEVANAGARI = "\u0915\u0916\u0917\u0930\u0932\u0938\u0939\u093f\u0940\u0947\u094d\u0902"
OTHER = "\u0436\u0438\u0437\u043d\u044c\u03b1\u03b2\u03ad\u653f\u6cbb\u7ecf\u6d4e\u0645"
LATIN = "abcXYZ019%-,."
MIXED = st.text(
    alphabet=st.sampled_from(
        list(ARABIC_LETTERS + HARAKAT + TATWEEL + DEVANAGARI + OTHER + LATIN) + [" "] * 8
    ),
    min_size=1,
    max_size=80,
)
OPTIONAL = set(HARAKAT + TATWEEL)


def full_width(char: str) -> str:
    return chr(ord(char) + 0xFEE0) if "!" <= char <= "~" else char


@st.composite
def retyped_across_scripts(draw: st.DrawFn, quote: str) -> str:
    """``quote`` as another writer would type it: without the optional Arabic marks and
    tatweel, or with others; Latin in full-width forms; decomposed or composed."""
    out: list[str] = []
    for char in quote:
        how = draw(st.integers(0, 3))
        if char in OPTIONAL:
            if how == 0:
                continue  # leave the mark out
            out.append(char)
        elif char in ARABIC_LETTERS:
            out.append(char)
            if how == 1:
                out.append(TATWEEL)
            elif how == 2:
                out.append(draw(st.sampled_from(HARAKAT)))
        elif char in LATIN:
            out.append(full_width(char) if how == 0 else char)
        else:
            out.append(char)
    text = "".join(out)
    form: Literal["NFC", "NFD"] | None = draw(st.sampled_from(["NFC", "NFD", None]))
    return unicodedata.normalize(form, text) if form else text


@settings(max_examples=300, deadline=None)
@given(data=st.data(), text=MIXED)
def test_a_quote_retyped_in_another_script_style_is_found_at_its_place(
    data: st.DataObject, text: str
) -> None:
    """Mixed Arabic, Devanagari, Cyrillic, Greek, Chinese and Latin text: a quote typed with
    or without tatweel and vowel marks, in full-width forms or decomposed, is found where it
    was taken from, and its span covers the marks of its last letter."""
    # Text as it is written (marks in canonical order: NFC would reorder a vowel sign typed
    # before a virama, and then a span covers the pair), quoted from a letter on.
    assume(unicodedata.is_normalized("NFC", text))
    letters = [k for k, char in enumerate(text) if not char.isspace() and char not in OPTIONAL]
    starters = [k for k in letters if not unicodedata.combining(text[k])]
    assume(starters)
    start = data.draw(st.sampled_from(starters))
    last = data.draw(st.sampled_from([k for k in letters if k >= start]))
    end = run = last + 1
    while run < len(text) and text[run] in OPTIONAL:
        run += 1
        if text[run - 1] in HARAKAT:
            end = run  # a letter's vowel marks are part of it (a tatweel after it is not)
    quote = data.draw(retyped_across_scripts(text[start:end]))
    result = AnchorIndex(text).find(quote)
    assert any(match.start == start for match in result.matches), (quote, result)
    match = next(match for match in result.matches if match.start == start)
    assert normalize(text[match.start : match.end])[0] == normalize(quote)[0].strip()
    assert match.end == end


@settings(max_examples=200, deadline=None)
@given(text=MIXED)
def test_normalize_across_scripts_is_idempotent_and_drops_only_optional_marks(text: str) -> None:
    norm, origin = normalize(text)
    assert normalize(norm)[0] == norm
    assert not OPTIONAL & set(norm)
    assert len(origin) == len(norm)
    assert all(a <= b for a, b in pairwise(origin))


def test_optional_marks_never_take_part_in_composition() -> None:
    """The marks normalize drops after NFC must be ones NFC never composes into a letter
    (else a precomposed letter and its decomposed spelling would normalise apart)."""
    optional = re.compile(f"[{anchoring._OPTIONAL_MARKS}]")
    composed = [
        chr(cp)
        for cp in range(sys.maxunicode + 1)
        if (decomposition := unicodedata.decomposition(chr(cp)))
        and not decomposition.startswith("<")
        and optional.search("".join(chr(int(part, 16)) for part in decomposition.split()))
        and unicodedata.normalize("NFC", unicodedata.normalize("NFD", chr(cp))) == chr(cp)
    ]
    assert composed == []
