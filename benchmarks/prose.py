"""Deterministic English prose for the benchmark generators (a helper module, not a script).

``generate_project.py`` and ``generate_plain.py`` import it; nothing here reads the clock, the
environment or Python's string hashing, so the same seed always gives the same text.

Sentences come from templates filled from word lists about a few fictional cities. A sentence is
produced twice over: ``Sentence.text`` is its plain text (what a reader sees, what a claim quotes)
and ``Sentence.markdown`` is how it is written in the file, sometimes with emphasis or a link in
it. A sentence without markup (``Sentence.plain``) can be quoted verbatim by a claim.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

NBSP = "\u00a0"

PLACES = [
    "Harbour City",
    "Northgate",
    "Eastmere",
    "Port Selwyn",
    "Ashby Vale",
    "Kingsbridge",
    "Millbrook",
    "Saltcombe",
    "Riverside",
    "Westhaven",
    "Old Quay",
    "Thornfield",
    "Caxton",
    "Lowmoor",
    "Brackenhurst",
    "Fairhaven",
]
ORGS = [
    "the city council",
    "the regional health board",
    "the transit authority",
    "the national water agency",
    "the education department",
    "the police service",
    "the housing trust",
    "the statistics office",
    "the treasury",
    "the environment agency",
    "the chamber of commerce",
    "the port authority",
    "the fire and rescue service",
    "the audit office",
    "the planning inspectorate",
    "the energy regulator",
]
ORG_SHORT = [
    "Council",
    "Health Board",
    "Transit Authority",
    "Water Agency",
    "Education Department",
    "Police Service",
    "Housing Trust",
    "Statistics Office",
    "Treasury",
    "Environment Agency",
    "Chamber of Commerce",
    "Port Authority",
    "Fire Service",
    "Audit Office",
    "Planning Inspectorate",
    "Energy Regulator",
]
FIRST = [
    "Mira",
    "Sam",
    "Aisha",
    "Tomas",
    "Lena",
    "Kwame",
    "Priya",
    "Jonah",
    "Ines",
    "Farid",
    "Nora",
    "Dmitri",
    "Grace",
    "Mateo",
    "Yuki",
    "Oluwaseun",
    "Hannah",
    "Rafael",
    "Chloe",
    "Idris",
    "Maren",
    "Theo",
    "Amara",
    "Luca",
    "Sofia",
    "Bram",
    "Zainab",
    "Elliot",
    "Rosa",
    "Anders",
    "Leila",
    "Callum",
    "Noor",
    "Pavel",
    "Esme",
    "Kofi",
    "Marta",
    "Ravi",
    "Ingrid",
    "Omar",
]
LAST = [
    "Castellan",
    "Okafor",
    "Lindqvist",
    "Haddad",
    "Moreau",
    "Brennan",
    "Achebe",
    "Novak",
    "Sato",
    "Quinn",
    "Delacroix",
    "Mensah",
    "Varga",
    "Whitlock",
    "Ferreira",
    "Kowalski",
    "Osei",
    "Ibarra",
    "Holm",
    "Nakamura",
    "Petrov",
    "Abara",
    "Sinclair",
    "Rahman",
    "Duarte",
    "Fitzgerald",
    "Hallberg",
    "Tan",
    "Mbeki",
    "Eriksen",
    "Calloway",
    "Rossi",
    "Adeyemi",
]
ROLES = [
    "the mayor",
    "the opposition leader",
    "a city councillor",
    "the transport minister",
    "the health secretary",
    "a union spokesperson",
    "the chief executive of the housing trust",
    "a local business owner",
    "the head of the teachers' association",
    "a campaign group",
    "the finance committee chair",
    "a former police commissioner",
    "the regional governor",
]
ROLE_DESC = [
    "chairs the finance committee",
    "has campaigned on housing for a decade",
    "ran for mayor last year",
    "represents the Eastmere ward",
    "leads the nurses' union",
    "owns three shops on the high street",
    "was the city's chief planner until 2023",
    "sits on the transport board",
    "teaches economics at the university",
]
# (noun phrase, unit used with its numbers)
TOPICS = [
    ("the transit budget", "million"),
    ("bus ridership", "percent"),
    ("hospital waiting times", "weeks"),
    ("average rents", "percent"),
    ("housing starts", "homes"),
    ("school funding", "million"),
    ("recorded burglaries", "percent"),
    ("youth unemployment", "percent"),
    ("reservoir levels", "percent"),
    ("carbon emissions", "percent"),
    ("the number of potholes repaired", "repairs"),
    ("broadband coverage", "percent"),
    ("the recycling rate", "percent"),
    ("council tax", "percent"),
    ("ambulance response times", "minutes"),
    ("the police budget", "million"),
    ("the number of nurses", "nurses"),
    ("library opening hours", "hours"),
    ("air pollution", "percent"),
    ("the cost of the new bridge", "million"),
    ("homelessness", "percent"),
    ("energy bills", "percent"),
    ("class sizes", "pupils"),
    ("the number of bus routes", "routes"),
    ("water leaks", "percent"),
]
CHANGES = [
    "doubled",
    "fallen by a third",
    "risen sharply",
    "halved",
    "barely changed",
    "grown faster than anywhere else in the region",
    "dropped to a ten-year low",
    "reached a record high",
    "increased every year",
    "been cut in real terms",
]
CHANGE_VERBS = ["rose", "fell", "climbed", "dropped", "jumped", "slipped", "grew", "shrank"]
COMPARISONS = [
    "the highest figure since records began",
    "well below the national average",
    "roughly in line with neighbouring councils",
    "twice what the city spent five years ago",
    "a smaller rise than inflation",
    "the lowest level in a decade",
    "more than the previous three years combined",
    "less than ministers had promised",
]
DOCS = [
    "annual report",
    "budget statement",
    "quarterly bulletin",
    "audit",
    "freedom of information response",
    "consultation paper",
    "press release",
    "spending review",
    "survey",
    "performance dashboard",
    "board minutes",
]
EVENTS = [
    "a press conference on Monday",
    "Tuesday's council meeting",
    "a campaign rally",
    "a radio interview",
    "the launch of the report",
    "a televised debate",
    "a public meeting in the town hall",
    "the party conference",
]
PROBLEMS = [
    "late buses",
    "flooded underpasses",
    "rising rents",
    "closed libraries",
    "long queues at the clinic",
    "potholes on the ring road",
    "noise from the port",
    "overcrowded classrooms",
]
THINGS = ["households", "businesses", "parents", "patients", "commuters", "tenants", "teachers"]
OPINIONS = [
    "services had got worse",
    "they would support the plan",
    "they had not been consulted",
    "prices had risen faster than wages",
    "the changes had made little difference",
    "they felt safer than a year ago",
]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
HEADLINE = [
    "{place} {topic} claim does not add up, figures suggest",
    "Did {topic} really {change_inf} in {place}?",
    "{Role} says {topic} has {change}",
    "What the numbers say about {topic} in {place}",
    "{place} council under fire over {topic}",
    "Fact check: {topic} and the {year} election",
    "The {year} {doc} and what it leaves out",
    "{place} residents question figures on {topic}",
    "Campaigners and officials clash over {topic}",
    "Behind the claim that {topic} has {change}",
]
CHANGE_INF = ["double", "fall by a third", "rise sharply", "halve", "hit a record high"]
LINK_HOSTS = [
    "news.example.com",
    "data.example.org",
    "council.example.gov",
    "stats.example.net",
    "archive.example.org",
    "ledger.example.com",
]
SECTION_HEADINGS = [
    "What was said",
    "What the figures show",
    "The background",
    "Why it matters",
    "What we asked",
    "Context",
    "The numbers",
    "What others say",
    "The wider picture",
]
EXTRA_WORDS = [
    "reportedly",
    "officially",
    "in practice",
    "on paper",
    "by most measures",
    "at first glance",
    "according to officials",
    "in the end",
    "for now",
    "so far",
    "this year",
    "last spring",
]


@dataclass(slots=True)
class Sentence:
    """One sentence: its plain text and the Markdown it is written as."""

    text: str
    """What a reader sees: no markup (may hold typographic quotes, dashes and NBSP)."""
    markdown: str
    """The sentence as written in the file; equal to ``text`` when ``plain``."""
    clauses: list[str] = field(default_factory=list)
    """Checkable statements that occur once, word for word, in ``text``."""

    @property
    def plain(self) -> bool:
        """Whether the sentence carries no Markdown markup (and so can be quoted as written)."""
        return self.text == self.markdown


@dataclass(slots=True)
class Paragraph:
    """A paragraph of sentences, joined by single spaces."""

    sentences: list[Sentence]

    @property
    def markdown(self) -> str:
        return " ".join(s.markdown for s in self.sentences)

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)


_SLUG_DROP = re.compile(r"[^a-z0-9]+")


def slugify(text: str, max_words: int = 6) -> str:
    """A slug (``[a-z0-9]+(-[a-z0-9]+)*``) made of the first words of ``text``."""
    words = [w for w in _SLUG_DROP.split(text.lower().replace("’", "").replace("'", "")) if w]
    return "-".join(words[:max_words]) or "item"


def capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


class Prose:
    """Sentence, paragraph, title and name maker over one ``random.Random``."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.clauses: list[str] = []
        """The claim clauses made since the last sentence began."""

    # -- small pieces ----------------------------------------------------------------------
    def pick(self, items: list[str]) -> str:
        return items[self.rng.randrange(len(items))]

    def year(self) -> int:
        return self.rng.randint(2012, 2025)

    def person(self) -> str:
        return f"{self.pick(FIRST)} {self.pick(LAST)}"

    def space(self) -> str:
        """The space between a number and its unit: sometimes a non-breaking one."""
        return NBSP if self.rng.random() < 0.2 else " "

    def amount(self, unit: str) -> str:
        r = self.rng
        sp = self.space()
        if unit == "million":
            return f"£{r.randint(2, 950)}.{r.randint(0, 9)}{sp}million"
        if unit == "percent":
            return f"{r.randint(2, 78)}{sp}percent"
        return f"{r.randint(3, 9000):,}{sp}{unit}"

    def apostrophe(self) -> str:
        return "’" if self.rng.random() < 0.5 else "'"

    def topic(self) -> tuple[str, str]:
        return TOPICS[self.rng.randrange(len(TOPICS))]

    def claim_clause(self) -> str:
        """A checkable statement (also remembered in ``self.clauses`` for the sentence)."""
        r = self.rng
        topic, unit = self.topic()
        choice = r.randrange(5)
        if choice == 0:
            clause = f"{topic} has {self.pick(CHANGES)} since {self.year()}"
        elif choice == 1:
            clause = f"{self.pick(PLACES)} now has the worst record on {topic} in the region"
        elif choice == 2:
            clause = f"{self.pick(ORGS)} cut {topic} by {self.amount('percent')} last year"
        elif choice == 3:
            clause = (
                f"more than {r.randint(2, 90):,}{self.space()}000 {self.pick(THINGS)} are "
                f"affected by changes to {topic}"
            )
        else:
            clause = f"{topic} {self.pick(CHANGE_VERBS)} to {self.amount(unit)} in {self.year()}"
        self.clauses.append(clause)
        return clause

    # -- sentences --------------------------------------------------------------------------
    def news_text(self) -> str:
        """The plain text of one news sentence."""
        r = self.rng
        self.clauses = []
        topic, unit = self.topic()
        ap = self.apostrophe()
        k = r.randrange(16)
        if k == 0:
            s = (
                f"{capitalize(self.pick(ROLES))} said {topic} had {self.pick(CHANGES)} "
                f"since {self.year()}."
            )
        elif k == 1:
            s = (
                f"According to {self.pick(ORGS)}, {topic} {self.pick(CHANGE_VERBS)} to "
                f"{self.amount(unit)} in {self.year()}, {self.pick(COMPARISONS)}."
            )
        elif k == 2:
            s = (
                f"{self.person()}, who {self.pick(ROLE_DESC)}, told reporters that "
                f"{self.claim_clause()}."
            )
        elif k == 3:
            s = (
                f"Critics argue that {self.claim_clause()}, while supporters point to the "
                f"{self.pick(DOCS)} published in {self.pick(MONTHS)}."
            )
        elif k == 4:
            s = (
                f"The figures, published by {self.pick(ORGS)} in {self.pick(MONTHS)}, show "
                f"that {self.claim_clause()}."
            )
        elif k == 5:
            s = (
                f"“{capitalize(self.claim_clause())}, and everyone in {self.pick(PLACES)} "
                f"knows it,” {self.person()} said at {self.pick(EVENTS)}."
            )
        elif k == 6:
            s = (
                f"{capitalize(self.pick(ORGS))}{ap}s own {self.pick(DOCS)} puts the figure at "
                f"{self.amount(unit)} — {self.pick(COMPARISONS)}."
            )
        elif k == 7:
            s = f"It is not clear whether {self.claim_clause()}."
        elif k == 8:
            s = (
                f"Residents in {self.pick(PLACES)} have complained about "
                f"{self.pick(PROBLEMS)} since {self.year()}."
            )
        elif k == 9:
            s = (
                f"A spokesperson for {self.pick(ORGS)} declined to comment on {topic}, "
                f"saying a review was {self.pick(['already', 'still', 'now', 'finally'])} "
                "under way."
            )
        elif k == 10:
            n = r.randint(12, 95)
            s = (
                f"{n} of the {r.randint(100, 400)} {self.pick(THINGS)} surveyed in "
                f"{self.pick(PLACES)} said {self.pick(OPINIONS)}."
            )
        elif k == 11:
            s = (
                f"In {self.year()}, {self.pick(ORGS)} spent {self.amount('million')} on "
                f"{topic}, {self.pick(COMPARISONS)}."
            )
        elif k == 12:
            s = (
                f"The {self.pick(DOCS)} does not say how {topic} was measured, and "
                f"{self.pick(ORGS)} has changed its method {r.randint(2, 5)} times since "
                f"{self.year()}."
            )
        elif k == 13:
            s = (
                f"{capitalize(self.pick(ROLES))} called the plan “{self.pick(['reckless', 'overdue', 'a turning point', 'a con', 'the only option left'])}” "  # noqa: E501
                f"and promised to publish the full costs {self.pick(EXTRA_WORDS)}."
            )
        elif k == 14:
            s = (
                f"{self.pick(PLACES)}{ap}s share of {topic} is {self.amount('percent')}, "
                f"{self.pick(COMPARISONS)}, {self.pick(EXTRA_WORDS)}."
            )
        else:
            s = (
                f"Neither {self.pick(ORGS)} nor {self.pick(ORGS)} could say when "
                f"{topic} was last audited."
            )
        return capitalize(s)

    def decorate(self, text: str) -> str:
        """``text`` with some Markdown in it: emphasis on a word or a link around a phrase."""
        r = self.rng
        words = text.split(" ")
        if len(words) < 6:
            return text
        i = r.randrange(1, len(words) - 3)
        if not re.fullmatch(r"[A-Za-z][A-Za-z’']*", words[i]):
            return text
        if r.random() < 0.55:
            mark = "*" if r.random() < 0.7 else "**"
            words[i] = f"{mark}{words[i]}{mark}"
        else:
            j = min(len(words) - 2, i + r.randint(1, 3))
            if not all(re.fullmatch(r"[A-Za-z’']+", w) for w in words[i : j + 1]):
                return text
            host = self.pick(LINK_HOSTS)
            path = slugify(" ".join(words[i : j + 1]))
            words[i] = f"[{words[i]}"
            words[j] = f"{words[j]}](https://{host}/{path}-{r.randint(1, 999)})"
        return " ".join(words)

    def sentence(self, markup: float = 0.3) -> Sentence:
        text = self.news_text()
        md = self.decorate(text) if self.rng.random() < markup else text
        clauses: list[str] = []
        for clause in self.clauses:
            for form in (clause, capitalize(clause)):
                if text.count(form) == 1:
                    clauses.append(form)
                    break
        return Sentence(text, md, clauses)

    def paragraph(self, low: int = 3, high: int = 6, markup: float = 0.3) -> Paragraph:
        n = self.rng.randint(low, high)
        return Paragraph([self.sentence(markup) for _ in range(n)])

    def headline(self) -> str:
        topic, _ = self.topic()
        return capitalize(
            self.pick(HEADLINE).format(
                place=self.pick(PLACES),
                topic=topic,
                change=self.pick(CHANGES),
                change_inf=self.pick(CHANGE_INF),
                Role=capitalize(self.pick(ROLES)),
                year=self.year(),
                doc=self.pick(DOCS),
            )
        )

    def section_heading(self) -> str:
        return self.pick(SECTION_HEADINGS)

    def plain_page(self) -> tuple[str, str]:
        """A title and a Markdown body: 5-8 paragraphs, a subheading and a short list."""
        r = self.rng
        title = self.headline()
        paragraphs = [self.paragraph().markdown for _ in range(r.randint(5, 8))]
        blocks: list[str] = []
        heading_at = r.randint(2, len(paragraphs) - 2)
        list_at = r.randint(1, len(paragraphs) - 1)
        for i, p in enumerate(paragraphs):
            if i == heading_at:
                blocks.append(f"## {self.section_heading()}")
            blocks.append(p)
            if i == list_at:
                items = [f"- {capitalize(self.claim_clause())}" for _ in range(r.randint(3, 5))]
                blocks.append("\n".join(items))
        return title, "\n\n".join(blocks) + "\n"
