"""Text reduced to what a claim says, so that a paraphrase compares equal to the original.

"A third of Ohio's graduates leave", "33 percent of Ohio's graduates leave" and "one in three
Ohio graduates leaves" all become ``pct33 ohio graduate leave``:

- **numbers** in words or figures are one token: "forty thousand" and "40,000" are ``40000``,
  "$1.9 billion" and "1.9 billion dollars" are ``1900000000 usd``, ordinals lose their suffix
  ("20th", "twentieth": ``20``);
- **shares**: "33 percent", "33%", "a third", "one in three", "one-third" are ``pct33``;
  "half", "a quarter", "three in four" likewise;
- **multiples and changes**: "twice", "doubled" are ``x2``; "halved", "cut in half" are
  ``decrease pct50``; the verbs of rising and falling are ``increase`` and ``decrease``;
- **units and dates**: dollars and "$" are ``usd``, "per cent" and "%" the same, kilometres
  ``km``; month names and their abbreviations are ``month1`` to ``month12``;
- **common verbs** are grouped with their synonyms (made, earned; spent, spending; lied,
  misstated...), plural and third-person "s" is dropped, and words that only hedge a figure
  ("nearly", "about", "more than" before a number) go, as do function words.

Word order is left to the comparison (:mod:`.similarity`), which ignores it.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

__all__ = ["NUMERIC", "OPPOSITES", "canonical_tokens", "names"]


def _word_set(words: str) -> frozenset[str]:
    """A set of the space-separated words of ``words`` (easier to read and edit than a list)."""
    return frozenset(words.split())


def _words(words: str) -> list[str]:
    """The space-separated words of ``words``, in order."""
    return words.split()


_UNITS: Final = {
    w: i
    for i, w in enumerate(
        _words(
            "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
            "fifteen sixteen seventeen eighteen nineteen"
        )
    )
}
_TENS: Final = {
    w: 10 * (i + 2)
    for i, w in enumerate(_words("twenty thirty forty fifty sixty seventy eighty ninety"))
}
_SCALES: Final = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "mln": 1_000_000,
    "billion": 1_000_000_000,
    "bn": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}
_ORDINALS: Final = {
    w: i + 1
    for i, w in enumerate(
        _words(
            "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
            "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth "
            "twentieth"
        )
    )
}
_FRACTIONS: Final = {
    "half": 50,
    "halves": 50,
    "third": 33,
    "thirds": 33,
    "quarter": 25,
    "quarters": 25,
    "fifth": 20,
    "fifths": 20,
    "tenth": 10,
}
_MONTHS: Final = {
    name: i + 1
    for i, names in enumerate(
        [
            "january jan",
            "february feb",
            "march mar",
            "april apr",
            "may",
            "june jun",
            "july jul",
            "august aug",
            "september sep sept",
            "october oct",
            "november nov",
            "december dec",
        ]
    )
    for name in names.split()
}
_SYNONYMS: Final = {
    word: group
    for group, words in {
        "increase": "rise rises rose risen rising increase increased increases increasing grow "
        "grows grew grown growing climb climbed climbs jump jumped jumps soar soared "
        "soars surge surged up add added adds",
        "gain": "gain gained gains gaining",
        "win": "win wins won winning winner winners",
        "first": "first top",
        "last": "last bottom",
        "decrease": "fall falls fell fallen falling drop drops dropped decline declined declines "
        "decrease decreased decreases shrink shrank shrunk shrinks cut cuts cutting "
        "slash slashed slashes reduce reduced reduces plunge plunged down lower lowered",
        "earn": "earn earned earns made make makes making",
        "spend": "spend spends spent spending",
        "cost": "cost costs costing",
        "lose": "lose loses lost losing loser losers",
        "lie": "lie lied lies lying misstate misstated misstates misrepresent misrepresented",
        "death": "death deaths die died dies dying kill killed killing fatality fatalities",
        "create": "create created creates creating creation",
        "governor": "governor gov",
        "influenza": "influenza flu",
        "healthcare": "healthcare",
        "less": "less fewer below under",
        "more": "more above higher greater",
        "big": "big bigger biggest large larger largest",
        "start": "start started starts begin began begun begins",
        "child": "child children kid kids",
        "worker": "worker workers employee employees",
        "job": "job jobs employment",
        "graduate": "graduate graduates grad grads",
        "test": "test tests testing tested exam exams",
        "leave": "leave leaves left leaving",
    }.items()
    for word in words.split()
}
_HEDGES: Final = _word_set(
    "nearly almost about roughly approximately around some just close estimated"
)
_STOPWORDS: Final = _word_set(
    "a an the and or but of to in on at by for with from as is are was were be been being it "
    "its this that these those there their they them he she his her him i we our us you your "
    "has have had do does did so then which who whom what when where will would shall should "
    "can could may might must also very into said says say says per than since within while "
    "has been now today still"
)
_UNIT_WORDS: Final = {
    "dollar": "usd",
    "dollars": "usd",
    "usd": "usd",
    "euro": "eur",
    "euros": "eur",
    "pound": "gbp",
    "pounds": "gbp",
    "percent": "pct",
    "percentage": "pct",
    "pct": "pct",
    "kilometre": "km",
    "kilometres": "km",
    "kilometer": "km",
    "kilometers": "km",
    "km": "km",
    "metre": "m",
    "metres": "m",
    "meter": "m",
    "meters": "m",
    "mile": "mile",
    "miles": "mile",
    "cents": "cent",
    "cent": "cent",
}
_TOKEN: Final = re.compile(r"[$€£]|%|\d+(?:[.,]\d+)*(?:st|nd|rd|th)?|[a-z]+")
_ORDINAL_DIGITS: Final = re.compile(r"(\d+)(?:st|nd|rd|th)\Z")

NUMERIC: Final = re.compile(r"(?:\d|pct\d|x\d|month\d)")
"""Tokens that state a figure, a share, a multiple or a date (they must agree in a match)."""
OPPOSITES: Final = (
    ("increase", "decrease"),
    ("more", "less"),
    ("win", "lose"),
    ("gain", "lose"),
    ("first", "last"),
)
"""Groups that say opposite things: a text with one and not the other says something else."""
_NAME: Final = re.compile(r"(?<=[\w,;)] )[A-Z][\w'\u2019-]*")
_NOT_NAMES: Final = _word_set("I Says Jr Sr Mr Mrs Ms Dr St")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    # Possessives and the dots of abbreviations go; hyphens between words separate them.
    text = re.sub(r"['\u2019]s\b", "", text)
    text = re.sub(r"\b([a-z])\.(?=[a-z]\.)", r"\1", text).replace("u.s.", "usa")
    text = re.sub(r"\bhealth care\b", "healthcare", text)
    return re.sub(r"(?<=[a-z])-(?=[a-z])", " ", text)


def _number(token: str) -> float | None:
    digits = token.replace(",", "")
    try:
        return float(digits)
    except ValueError:
        return None


def _shown(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


def canonical_tokens(text: str) -> list[str]:
    """The tokens of ``text`` as described in the module's docstring."""
    raw = _TOKEN.findall(_fold(text))
    out: list[str] = []
    i = 0
    while i < len(raw):
        token = raw[i]
        nxt = raw[i + 1] if i + 1 < len(raw) else ""
        after = raw[i + 2] if i + 2 < len(raw) else ""
        # "one in three", "3 in 4": a share.
        if (
            nxt == "in"
            and (token in _UNITS or token.isdigit())
            and (after in _UNITS or after.isdigit())
        ):
            top = _UNITS.get(token, _number(token) or 0.0)
            bottom = _UNITS.get(after, _number(after) or 0.0)
            if bottom:
                out.append(f"pct{round(100 * float(top) / float(bottom))}")
                i += 3
                continue
        value, used = _read_number(raw, i)
        if used:
            i += used
            unit = raw[i] if i < len(raw) else ""
            if unit in ("%", "percent", "pct") or (
                unit == "per" and i + 1 < len(raw) and raw[i + 1] == "cent"
            ):
                out.append(f"pct{round(value)}")
                i += 2 if unit == "per" else 1
            elif unit in _FRACTIONS and value < 10:
                out.append(f"pct{round(value * _FRACTIONS[unit])}")
                i += 1
            elif unit in ("times",) and value < 20:
                out.append(f"x{_shown(value)}")
                i += 1
            else:
                out.append(_shown(value))
            continue
        if token in ("$", "€", "£"):
            out.append({"$": "usd", "€": "eur", "£": "gbp"}[token])
        elif (token in _FRACTIONS and token not in ("fifth", "tenth", "third")) or (
            token in ("third", "thirds")
            and out[-1:] != ["pct"]
            and (not out or not out[-1].isdigit())
        ):
            if token in ("half", "halves") and out[-2:] == ["decrease", "in"]:
                out.pop()
            out.append(f"pct{_FRACTIONS[token]}")
        elif token in ("twice", "double", "doubled", "doubles", "doubling"):
            out.append("x2")
        elif token in ("triple", "tripled", "triples", "tripling"):
            out.append("x3")
        elif token in ("halved", "halve", "halves"):
            out += ["decrease", "pct50"]
        elif token in _MONTHS and (token != "may" or nxt.isdigit() or (out and out[-1].isdigit())):
            out.append(f"month{_MONTHS[token]}")
        elif token in _ORDINALS and token not in ("first", "second"):
            out.append(str(_ORDINALS[token]))
        elif token in _UNIT_WORDS:
            out.append(_UNIT_WORDS[token])
        elif token in ("more", "over") and (
            _read_number(raw, i + 1)[1] or (nxt == "than" and _read_number(raw, i + 2)[1])
        ):
            pass  # "more than 297,000", "over 100": a hedge on the figure, not a comparison
        elif token in _HEDGES or token in _STOPWORDS or token == "%":
            pass
        else:
            out.append(_stem(token))
        i += 1
    return [t for t in out if t not in ("in",)]


def _read_number(raw: list[str], start: int) -> tuple[float, int]:
    """A number written in figures and/or words at ``raw[start:]``, and how many tokens it
    takes (0: none). "1.9 billion", "forty thousand", "ninety four", "half a billion"."""
    value = 0.0
    current = 0.0
    used = 0
    seen = False
    i = start
    while i < len(raw):
        token = raw[i]
        ordinal = _ORDINAL_DIGITS.match(token)
        if ordinal and not seen:
            return float(ordinal.group(1)), 1
        number = _number(token) if token[:1].isdigit() else None
        if number is not None and not seen:
            current = number
        elif token in _UNITS and (not seen or (current % 10 == 0 and current >= 20)):
            current += _UNITS[token]
        elif token in _TENS and not seen:
            current = _TENS[token]
        elif token in _TENS and current and current % 100 == 0:
            current += _TENS[token]
        elif token in _SCALES and seen:
            scale = _SCALES[token]
            if scale == 100:
                current *= 100
            else:
                value += current * scale
                current = 0.0
        elif (
            token == "half"
            and not seen
            and i + 2 < len(raw)
            and raw[i + 1] == "a"
            and raw[i + 2] in _SCALES
        ):
            value += 0.5 * _SCALES[raw[i + 2]]
            return value, 3
        elif (
            token == "and"
            and seen
            and i + 1 < len(raw)
            and (raw[i + 1] in _UNITS or raw[i + 1] in _TENS)
        ):
            pass  # "one hundred and twenty"
        else:
            break
        seen = True
        used = i - start + 1
        i += 1
    if not seen:
        return 0.0, 0
    # "one" alone is usually a pronoun or an article ("one of the"), not a figure.
    if (
        used == 1
        and raw[start] == "one"
        and not (start + 1 < len(raw) and raw[start + 1] in _FRACTIONS)
    ):
        return 0.0, 0
    return value + current, used


def names(text: str) -> frozenset[str]:
    """The names in ``text`` (capitalised words past its first, acronyms left out: "CDC" and
    "Centers for Disease Control" cannot be told apart by rules), folded like its tokens."""
    found: set[str] = set()
    for word in _NAME.findall(text):
        word = word.rstrip("'\u2019-")
        if word.isupper() or word in _NOT_NAMES or word.capitalize() in _NOT_NAMES:
            continue
        if word.lower() in _MONTHS:
            continue
        found.update(canonical_tokens(word))
    return frozenset(found)


def _stem(word: str) -> str:
    group = _SYNONYMS.get(word)
    if group:
        return group
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    return _SYNONYMS.get(word, word)
