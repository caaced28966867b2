"""The checkable words of a sentence: what a fact-checker would mark, who said it, and a summary.

From "Russia's foreign intelligence service reported on Tuesday that France is plotting to deploy
up to 2,000 soldiers, the core of which will be made up of Foreign Legion units." the claim is
"France is plotting to deploy up to 2,000 soldiers", its claimant "Russia's foreign intelligence
service", and its summary "France is plotting to deploy up to 2,000 soldiers."

Rules, not a model (they are few and predictable, and each output is checked by the caller):

- **Attribution.** ``CLAIMANT VERB [that] CLAIM`` with a reporting verb ("reported", "warned",
  "told reporters that"), ``According to CLAIMANT, CLAIM``, and ``CLAIM, CLAIMANT VERB.`` give
  the claimant and the claim; a claim that is one quotation ("warned that “quotas will be cut in
  half” if...") is the quoted words. A claimant that is a pronoun ("He said") is not named.
- **The claim's extent.** Commentary that follows the claim is left out: a relative clause
  after a comma (", the core of which...", ", which..."), an appended remark (", a claim the
  ministry called..."), and a trailing attribution.
- **The quote** is always the article's own words, a substring of the sentence, so that it
  anchors as it is; the **summary** is made from the claim by rules: parentheses, quotation
  marks and the day of a report ("on Tuesday") dropped, "percent" as "%", "412 million dollars"
  as "$412 million", white space folded, first letter capitalised, a full stop at the end, and
  shortened below :data:`SUMMARY_LIMIT` characters by dropping trailing phrases after commas,
  then a relative clause, then a second predicate ("... and would be paid for by ..."), and at
  last by cutting at a word with an ellipsis.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

__all__ = ["SUMMARY_LIMIT", "Span", "checkable_span"]

SUMMARY_LIMIT: Final = 75
"""A summary is shorter than this (content-format.md: under about 75 characters is best)."""


def _word_set(words: str) -> frozenset[str]:
    """A set of the space-separated words of ``words`` (easier to read and edit than a list)."""
    return frozenset(words.split())


@dataclass(frozen=True, slots=True)
class Span:
    """The checkable part of a sentence."""

    quote: str
    """The claim's words, exactly as in the sentence."""
    claimant: str | None
    """Who the sentence says made the claim, if it says so."""
    summary: str
    """The claim in under SUMMARY_LIMIT characters, written by rules."""


_REPORTING: Final = (
    "said|says|say|told|tells|reported|reports|report|announced|announces|declared|declares|"
    "confirmed|confirms|warned|warns|warn|claimed|claims|claim|stated|states|admitted|admits|"
    "estimated|estimates|estimate|found|finds|showed|shows|show|revealed|reveals|insisted|"
    "insists|insist|noted|notes|argued|argues|argue|wrote|writes|testified|acknowledged|added|"
    "predicted|predicts|alleged|alleges|suggested|pointed out|points out|point out"
)
# CLAIMANT VERB [up to six words: "on Tuesday", "reporters", "the council"] that CLAIM
_THAT_CLAUSE: Final = re.compile(
    rf"^(?P<claimant>[^;:\"“”]{{2,120}}?)\s+(?:(?:also|later|then|now|repeatedly|"
    rf"publicly|again)\s+)?(?P<verb>{_REPORTING})\b(?P<between>(?:\s+[^\s,;]+){{0,6}}?)"
    rf"\s+that\s+(?P<claim>\S.*)$"
)
# CLAIMANT VERB CLAIM (no "that"): "Mayor Teodor Lind said the budget includes..."
_BARE_CLAUSE: Final = re.compile(
    r"^(?P<claimant>[^;:\"“”]{2,80}?)\s+(?:(?:also|later|then|now)\s+)?"
    r"(?P<verb>said|says|told\s+\S+|tells\s+\S+|insists|insisted|claims|claimed|argues|"
    r"argued|warned|warns)\s+(?P<claim>(?!that\b)[A-Za-z0-9“\"].*)$"
)
_ACCORDING_FIRST: Final = re.compile(r"^According to (?P<claimant>[^,]{2,80}),\s+(?P<claim>\S.*)$")
_ACCORDING_LAST: Final = re.compile(
    r"^(?P<claim>.+?),\s+according to (?P<claimant>[^,]{2,80}?)[.!]?$"
)
_TRAILING: Final = re.compile(
    rf"^(?P<claim>.+?),\s+(?P<claimant>(?:the|a|an|its|their|[A-Z])[^,]{{1,80}}?)\s+"
    rf"(?P<verb>{_REPORTING})(?:\s+(?:on|last|this)\s+\w+)?(?:[.!]?$|,\s)"
)
# Commentary after the claim: ", the core of which", ", which", ", a claim...", ", citing...";
# not ", which opponents say is twice...": what someone says there is the claim itself.
_COMMENTARY: Final = re.compile(
    rf",\s+(?:the\s+\w+\s+of\s+which|which|who|a claim|an assertion|a figure|a move|"
    rf"something|citing|saying|adding|though|although|but)\b"
    rf"(?!(?:\s+[^\s,;]+){{0,3}}?\s+(?:{_REPORTING})\b)"
)
_SECOND_CLAIM: Final = re.compile(r",?\s+and\s+that\s+")
_DISCOURSE: Final = re.compile(
    r"^(?:But|Yet|And|So|However|Meanwhile|Still|Now|Indeed|Moreover|In fact|Also),?\s+"
)
_LEADING_PHRASE: Final = re.compile(
    r"^(?:in|on|at|after|before|during|since|last|this|earlier|later)\b[^,]{0,40},\s+",
    re.IGNORECASE,
)
_QUOTED: Final = re.compile(r"^[“\"](?P<inner>[^”\"]{8,})[”\"]")
_PARENTHESES: Final = re.compile(r"\s*\([^()]*\)")
_RELATIVE: Final = re.compile(r",\s+(?:which|who|whom|where|while|though|although)\b")
_SECOND_PREDICATE: Final = re.compile(
    r",?\s+and\s+(?:would|will|is|are|was|were|has|have|had|can|could|should)\b"
)
_DOLLARS: Final = re.compile(r"\b(\d[\d,.]*)(?:\s+(million|billion|trillion))?\s+dollars\b")
# The day of the week or "last week" of a report is no part of what is claimed.
_WHEN: Final = re.compile(
    r",?\s+(?:on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
    r"Sunday)|last\s+week|this\s+week|yesterday)\b"
)
_PRONOUNS: Final = _word_set(
    "he she it they we i you this that these those his her its their "
    "our my your someone somebody one"
)
_TRAILING_STOP: Final = _word_set(
    "a an the of to in on at by for with from and or but as that "
    "which who is are was were be its their his her"
)
_MAX_CLAIMANT_WORDS: Final = 9


def _strip_end(text: str) -> str:
    return text.rstrip().rstrip(".!;:,").rstrip()


def _claimant(text: str) -> str | None:
    """A claimant as written, or None for a pronoun or something too long to be a name."""
    name = _DISCOURSE.sub("", text.strip()).strip(" ,")
    name = _LEADING_PHRASE.sub("", name)  # "In 2020, the mayor" -> "the mayor"
    words = name.split()
    if not words or len(words) > _MAX_CLAIMANT_WORDS or words[0].lower() in _PRONOUNS:
        return None
    if words[0].lower() in ("the", "a", "an"):
        words = words[1:]
        if not words:
            return None
        words[0] = words[0][:1].upper() + words[0][1:]
    return " ".join(words)


def _claim_extent(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The claim within ``sentence[start:end]``: a lone quotation, or the text before any
    commentary, without the final stop."""
    text = sentence[start:end]
    quoted = _QUOTED.match(text)
    if quoted and len(quoted.group("inner").split()) >= 3:
        return start + 1, start + 1 + len(quoted.group("inner").rstrip(",. "))
    commentary = _COMMENTARY.search(text)
    if commentary:
        text = text[: commentary.start()]
    second = _SECOND_CLAIM.search(text)  # "said A and that B": A is one claim, B another
    if second:
        text = text[: second.start()]
    return start, start + len(_strip_end(text))


def _summary(claim: str) -> str:
    """The claim as a short sentence (see the module's docstring)."""
    text = _PARENTHESES.sub("", claim)
    text = re.sub(r"\s+percent\b", "%", text)
    text = _DOLLARS.sub(lambda m: f"${m.group(1)}{' ' + m.group(2) if m.group(2) else ''}", text)
    text = _WHEN.sub("", text)
    text = text.replace("“", "").replace("”", "").replace('"', "")
    text = " ".join(text.split()).strip(" ,;:")
    text = _strip_end(text)
    if not text:
        return ""
    text = text[:1].upper() + text[1:]
    # Trailing phrases after commas go first, as long as the claim's head stays.
    while len(text) + 1 >= SUMMARY_LIMIT and text.rfind(", ") > len(text) * 2 // 3:
        text = _strip_end(text[: text.rfind(", ")])
    for clause in (_RELATIVE, _SECOND_PREDICATE):
        found = clause.search(text)
        if len(text) + 1 >= SUMMARY_LIMIT and found and found.start() > 20:
            text = _strip_end(text[: found.start()])
    if len(text) + 1 >= SUMMARY_LIMIT:
        words = text[: SUMMARY_LIMIT - 3].split()[:-1] or text[: SUMMARY_LIMIT - 3].split()
        while len(words) > 1 and words[-1].lower() in _TRAILING_STOP:
            words.pop()
        return _strip_end(" ".join(words))[: SUMMARY_LIMIT - 2] + "…"
    return text + "."


def checkable_span(sentence: str) -> Span:
    """The quote, claimant and summary of ``sentence`` (see the module's docstring)."""
    sentence = sentence.strip()
    body = _DISCOURSE.sub("", sentence)
    offset = len(sentence) - len(body)
    claimant: str | None = None
    start, end = offset, len(sentence)
    for pattern in (_ACCORDING_FIRST, _THAT_CLAUSE, _ACCORDING_LAST, _TRAILING, _BARE_CLAUSE):
        match = pattern.match(body)
        if match is None:
            continue
        claimant = _claimant(match.group("claimant"))
        start, end = offset + match.start("claim"), offset + match.end("claim")
        break
    start, end = _claim_extent(sentence, start, end)
    quote = sentence[start:end].strip()
    if len(quote.split()) < 3:  # too little left to be a claim: the whole sentence
        quote = _strip_end(sentence) or sentence
    summary = _summary(quote)
    return Span(quote=quote, claimant=claimant, summary=summary or _summary(sentence))
