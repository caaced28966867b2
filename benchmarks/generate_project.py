"""Write a large, valid factcheck project for benchmarks.

Run from the repository root:

    python benchmarks/generate_project.py /tmp/big --articles 1000 --verdicts 10000 --seed 1

The project (``factcheck.yaml`` and ``content/``) is the same, byte for byte, for the same
options. It holds articles of 5-8 paragraphs with 2-4 claims each (every ``quote`` an exact,
unique piece of its article's text), stand-alone claims, about 30 reviewers (a few editors and
one external organisation), about two evidence items per article, the verdicts spread over the
claims in a realistic mix (agreeing approved pairs, editor rulings, disagreements, drafts,
submitted and imported ones) and a few pages. It prints what it wrote and its size on disk.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from prose import (
    DOCS,
    ORG_SHORT,
    ORGS,
    PLACES,
    Paragraph,
    Prose,
    Sentence,
    capitalize,
    slugify,
)

RATINGS: list[dict[str, Any]] = [
    {
        "id": "accurate",
        "label": "Accurate",
        "value": 5,
        "description": "The statement is correct and nothing significant is missing.",
    },
    {
        "id": "mostly-accurate",
        "label": "Mostly accurate",
        "value": 4,
        "description": "The statement is correct but needs clarification or context.",
    },
    {
        "id": "misleading",
        "label": "Misleading",
        "value": 2,
        "description": "The statement has an element of truth but leaves a false impression.",
    },
    {"id": "false", "label": "False", "value": 1, "description": "The statement is not correct."},
    {
        "id": "unproven",
        "label": "Unproven",
        "description": "There is not enough evidence to rate it.",
    },
]
RATING_IDS = [str(r["id"]) for r in RATINGS]
RATING_WEIGHTS = [15, 20, 30, 25, 10]
EXTERNAL_LABELS = {
    "accurate": ["True", "Correct"],
    "mostly-accurate": ["Mostly true", "Half true"],
    "misleading": ["Missing context", "Misleading"],
    "false": ["False", "Pants on fire", "Fabricated"],
    "unproven": ["Unproven", "Unsupported"],
}
EVIDENCE_KINDS = ["primary", "official", "data", "research", "news", "other"]
OUTLETS = [
    "Ledger Wire News",
    "The Harbour Gazette",
    "Northgate Evening Post",
    "Radio Eastmere",
    "The Valley Times",
    "Port Selwyn Courier",
    "Metro Daily",
    "The Civic Record",
]
TAGS = [
    "transit",
    "budget",
    "health",
    "housing",
    "education",
    "crime",
    "water",
    "environment",
    "economy",
    "energy",
    "elections",
    "infrastructure",
]

# -- a small YAML writer (far faster than yaml.dump, and the output reads like a person's) ------
_PLAIN_OK = re.compile(r"[A-Za-z][A-Za-z0-9 ,.()/’'-]*[A-Za-z0-9.)’']|[A-Za-z]")
_URL_OK = re.compile(r"(https?|mailto):[A-Za-z0-9._~%/?=&+@-]+")
_YAML_WORDS = {"yes", "no", "on", "off", "true", "false", "null", "y", "n", "~"}


def scalar(value: Any) -> str:
    """``value`` as a YAML scalar: plain where that reads back as the same text, else quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    if (
        (_PLAIN_OK.fullmatch(text) or _URL_OK.fullmatch(text))
        and text.lower() not in _YAML_WORDS
        and "  " not in text
    ):
        return text
    return json.dumps(text, ensure_ascii=False)


def emit(data: dict[str, Any], indent: str = "") -> list[str]:
    """Block-style YAML lines for a mapping of scalars, flat lists, mappings and lists of them."""
    lines: list[str] = []
    for key, value in data.items():
        if value is None:
            continue
        if isinstance(value, dict):
            lines.append(f"{indent}{key}:")
            lines.extend(emit(value, indent + "  "))
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            lines.append(f"{indent}{key}:")
            for item in value:
                sub = emit(item, indent + "    ")
                lines.append(f"{indent}  - {sub[0].lstrip()}")
                lines.extend(sub[1:])
        elif isinstance(value, list):
            lines.append(f"{indent}{key}: [{', '.join(scalar(v) for v in value)}]")
        else:
            lines.append(f"{indent}{key}: {scalar(value)}")
    return lines


def document(meta: dict[str, Any], body: str) -> str:
    return "---\n" + "\n".join(emit(meta)) + "\n---\n" + body


# -- the model being generated -----------------------------------------------------------------
@dataclass(slots=True)
class Claim:
    id: str
    summary: str
    tags: list[str]
    made: date
    """When the claim was made (the article's date for an article's claim)."""
    verdict_reviewers: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Reviewer:
    id: str
    name: str
    role: str


@dataclass(slots=True)
class Stats:
    files: dict[str, int] = field(default_factory=dict)
    verdict_status: dict[str, int] = field(default_factory=dict)
    claim_state: dict[str, int] = field(default_factory=dict)
    bytes: int = 0

    def count(self, table: dict[str, int], key: str, n: int = 1) -> None:
        table[key] = table.get(key, 0) + n


_NORM_TABLE = str.maketrans(
    {
        "\u00a0": " ",
        "’": "'",
        "‘": "'",
        "“": '"',
        "”": '"',
        "—": "-",
        "–": "-",
    }
)
_SPACES = re.compile(r"\s+")


_STOPWORDS = frozenset(
    {
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "and",
        "or",
        "but",
        "that",
        "this",
        "with",
        "who",
        "which",
        "was",
        "were",
        "is",
        "are",
        "has",
        "had",
        "have",
        "be",
        "been",
        "it",
        "its",
        "their",
        "his",
        "her",
        "our",
        "than",
        "as",
        "said",
        "says",
        "say",
        "told",
        "about",
        "since",
        "number",
        "according",
    }
)


def key_slug(text: str, words: int) -> str:
    """A slug of the first ``words`` words of ``text`` that are not stop words."""
    kept = [
        w
        for w in slugify(text, 40).split("-")
        if w not in _STOPWORDS and not (w.isdigit() and len(w) != 4)
    ]
    return "-".join(kept[:words]) or slugify(text, words)


def normalize(text: str) -> str:
    """Text as a tolerant quote matcher sees it: typography folded, white space collapsed."""
    return _SPACES.sub(" ", text.translate(_NORM_TABLE)).lower()


class Generator:
    """Builds the project in memory file by file and writes each file as soon as it is made."""

    def __init__(self, out: Path, *, articles: int, verdicts: int, seed: int) -> None:
        self.out = out
        self.n_articles = articles
        self.n_verdicts = verdicts
        self.rng = random.Random(seed)
        self.prose = Prose(self.rng)
        self.stats = Stats()
        self.claims: list[Claim] = []
        self.claim_ids: set[str] = set()
        self.article_slugs: set[str] = set()
        self.evidence: list[str] = []
        self.reviewers: list[Reviewer] = []
        self.made_dirs: set[Path] = set()

    # -- output ------------------------------------------------------------------------------
    def write(self, kind: str, rel: str, text: str) -> None:
        path = self.out / rel
        if path.parent not in self.made_dirs:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.made_dirs.add(path.parent)
        data = text.encode("utf-8")
        path.write_bytes(data)
        self.stats.count(self.stats.files, kind)
        self.stats.bytes += len(data)

    def unique(self, base: str, taken: set[str]) -> str:
        slug, n = base, 2
        while slug in taken:
            slug = f"{base}-{n}"
            n += 1
        taken.add(slug)
        return slug

    def day(self, start: date, end: date) -> date:
        return start + timedelta(days=self.rng.randrange(max(1, (end - start).days)))

    # -- the parts ---------------------------------------------------------------------------
    def config(self) -> None:
        meta = {
            "title": "Harbour City Fact Check",
            "description": "Independent checks of what is said about Harbour City.",
            "base_url": "https://check.example.org/",
            "language": "en",
            "timezone": "Europe/London",
            "organization": {
                "name": "Harbour City Fact Check",
                "url": "https://check.example.org/",
            },
            "ratings": RATINGS,
            "review": {"min_reviewers": 2},
            "extra": {"twitter": "@example"},
        }
        header = (
            f"# Benchmark project: {self.n_articles} articles, "
            f"{self.n_verdicts} verdicts (generated by benchmarks/generate_project.py)\n"
        )
        self.write("config", "factcheck.yaml", header + "\n".join(emit(meta)) + "\n")

    def make_reviewers(self) -> None:
        taken: set[str] = set()
        roles = ["editor"] * 4 + ["reviewer"] * 25
        used_names: set[str] = set()
        for role in roles:
            name = self.prose.person()
            while name in used_names:
                name = self.prose.person()
            used_names.add(name)
            rid = self.unique(slugify(name), taken)
            self.reviewers.append(Reviewer(rid, name, role))
            bio = (
                f"{name} {'edits' if role == 'editor' else 'checks'} claims about "
                f"{self.prose.pick(TAGS)} and {self.prose.pick(TAGS)} for the desk. "
                f"Before joining, {name.split()[0]} reported for "
                f"{self.prose.pick(OUTLETS)} for {self.rng.randint(3, 15)} years.\n"
            )
            meta = {"name": name, "role": role, "url": f"https://check.example.org/team/{rid}"}
            self.write("reviewers", f"content/reviewers/{rid}.md", document(meta, bio))
        ext = Reviewer("valley-verify", "Valley Verify", "external")
        self.reviewers.append(ext)
        meta = {"name": ext.name, "role": "external", "url": "https://valleyverify.example.net/"}
        self.write(
            "reviewers",
            f"content/reviewers/{ext.id}.md",
            document(
                meta, "An independent fact-checking project whose published checks we import.\n"
            ),
        )

    def make_evidence(self, count: int) -> None:
        taken: set[str] = set()
        p, r = self.prose, self.rng
        for _ in range(count):
            k = r.randrange(len(ORGS))
            year = r.randint(2015, 2025)
            topic, _unit = p.topic()
            doc = p.pick(DOCS)
            publisher = f"{p.pick(PLACES)} {ORG_SHORT[k]}"
            base = f"{key_slug(ORG_SHORT[k], 2)}-{key_slug(topic, 2)}-{year}"
            eid = self.unique(base, taken)
            published = self.day(date(year, 1, 1), date(year, 12, 28))
            meta: dict[str, Any] = {
                "title": f"{publisher} {doc} {year}: {topic}",
                "url": f"https://{slugify(publisher, 3)}.example.org/{year}/{eid}",
                "publisher": publisher,
                "published": published,
                "accessed": min(published + timedelta(days=r.randint(1, 400)), date(2026, 6, 1)),
                "kind": p.pick(EVIDENCE_KINDS),
            }
            if r.random() < 0.4:
                meta["archived"] = f"https://web.archive.org/web/{year}/{meta['url']}"
            excerpt = p.paragraph(1, 2, markup=0).text
            notes = p.paragraph(2, 4).markdown
            self.write(
                "evidence",
                f"content/evidence/{eid}.md",
                document(meta, f"{notes}\n\n> {excerpt}\n"),
            )
            self.evidence.append(eid)

    def summary_for(self, text: str, limit: int = 80) -> str:
        """A short statement of the claim: ``text`` cut at a word boundary near ``limit``."""
        text = text.replace("“", "").replace("”", "").replace("\u00a0", " ")
        comma = text.find(", ", 30, limit)
        if comma > 0:
            text = text[:comma]
        words = text.split()
        kept: list[str] = []
        for word in words:
            if kept and len(" ".join([*kept, word])) > limit:
                break
            kept.append(word)
        return capitalize(" ".join(kept).rstrip(",.;—")) + "."

    def pick_quote(
        self, paragraphs: list[Paragraph], body_norm: str, used: set[int]
    ) -> dict[str, str] | None:
        """A claim's quote (and maybe prefix/suffix) taken from an unmarked sentence."""
        r = self.rng
        candidates = [
            (pi, si)
            for pi, para in enumerate(paragraphs)
            for si, s in enumerate(para.sentences)
            if s.plain and id(s) not in used
        ]
        r.shuffle(candidates)
        for pi, si in candidates[:12]:
            sentence: Sentence = paragraphs[pi].sentences[si]
            words = sentence.text.split(" ")
            roll = r.random()
            if sentence.clauses and roll < 0.7:
                quote = r.choice(sentence.clauses)
            elif roll < 0.85 or len(words) < 10:
                quote = sentence.text.rstrip(".")
            else:
                span = r.randint(6, min(14, len(words) - 2))
                start = r.randrange(0, len(words) - span)
                quote = " ".join(words[start : start + span]).rstrip(",; —")
            if (
                len(quote) < 12
                or quote[0] in ' “”"—,'
                or quote[-1] in ' “”"'
                or sentence.text.count(quote) != 1
            ):
                continue
            offset = sentence.text.index(quote)
            before = sentence.text[:offset]
            after = sentence.text[offset + len(quote) :]
            prefix = " ".join(before.split(" ")[-3:]) if before else ""
            suffix = after[:1] if after.startswith((".", ",")) else " ".join(after.split(" ")[:3])
            claim: dict[str, str] = {"quote": quote}
            hits = body_norm.count(normalize(quote))
            if hits == 1:
                if prefix and r.random() < 0.2:
                    claim["prefix"] = prefix
                if suffix.strip() and r.random() < 0.2:
                    claim["suffix"] = suffix
            elif prefix and body_norm.count(normalize(prefix + quote + suffix)) == 1:
                claim["prefix"] = prefix
                claim["suffix"] = suffix
            else:
                continue
            used.add(id(sentence))
            claim["summary"] = self.summary_for(
                quote if quote in sentence.clauses else sentence.text
            )
            return claim
        return None

    def make_articles(self) -> None:
        p, r = self.prose, self.rng
        start, end = date(2024, 1, 1), date(2026, 5, 1)
        for _ in range(self.n_articles):
            title = p.headline()
            slug = self.unique(slugify(title, 7), self.article_slugs)
            paragraphs = [p.paragraph() for _ in range(r.randint(5, 8))]
            body = "\n\n".join(para.markdown for para in paragraphs) + "\n"
            body_norm = normalize(" \n ".join(para.text for para in paragraphs))
            day = self.day(start, end)
            published = datetime(day.year, day.month, day.day, r.randint(6, 22), r.randint(0, 59))
            tags = sorted(set(r.sample(TAGS, r.randint(1, 3))), key=TAGS.index)
            claims: list[dict[str, Any]] = []
            used: set[int] = set()
            for _ in range(r.randint(2, 4)):
                picked = self.pick_quote(paragraphs, body_norm, used)
                if picked is None:
                    continue
                summary = picked.pop("summary")
                cid = self.unique(key_slug(summary, 5), self.claim_ids)
                claim_tags = [r.choice(tags)] if r.random() < 0.5 else None
                claims.append(
                    {
                        "id": cid,
                        **picked,
                        "claimant": capitalize(
                            p.pick(
                                [
                                    "the mayor",
                                    "the opposition",
                                    p.person(),
                                    p.person(),
                                    p.pick(ORGS),
                                ]
                            )
                        ),
                        "summary": summary,
                        "tags": claim_tags,
                    }
                )
                self.claims.append(Claim(cid, summary, claim_tags or tags, day))
            meta: dict[str, Any] = {
                "title": title,
                "source": {
                    "url": f"https://news.example.com/{day.year}/{slug}",
                    "outlet": p.pick(OUTLETS),
                    "author": p.person(),
                },
                "published": published,
                "tags": tags,
                "claims": claims,
            }
            if r.random() < 0.15:
                meta["source"]["via"] = "The Ledger Letter"
            if r.random() < 0.3:
                meta["imported"] = {"by": "VolkAI", "from": f"{day.isoformat()}-{slug}.txt"}
            self.write("articles", f"content/articles/{slug}.md", document(meta, body))

    def make_standalone_claims(self, count: int) -> None:
        p, r = self.prose, self.rng
        for _ in range(count):
            summary = self.summary_for(p.claim_clause())
            cid = self.unique(key_slug(summary, 5), self.claim_ids)
            made = self.day(date(2024, 1, 1), date(2026, 5, 1))
            tags = [p.pick(TAGS)]
            appearances = [
                {
                    "url": f"https://video.example.com/watch/{cid}",
                    "title": f"{capitalize(p.pick(['interview', 'speech', 'post']))} "
                    f"by {p.person()}",
                }
            ]
            if r.random() < 0.3:
                appearances.append(
                    {
                        "url": f"https://social.example.net/posts/{r.randrange(10**9)}",
                        "title": "Shared post",
                    }
                )
            meta = {
                "summary": summary,
                "claimant": p.person(),
                "date": made,
                "appearances": appearances,
                "tags": tags,
            }
            body = p.paragraph(1, 3).markdown + "\n" if r.random() < 0.7 else ""
            self.write("claims", f"content/claims/{cid}.md", document(meta, body))
            self.claims.append(Claim(cid, summary, tags, made))

    def make_pages(self) -> None:
        pages = [
            ("about", "About us", True),
            ("methodology", "Methodology", True),
            ("corrections", "Corrections policy", True),
            ("funding", "Funding", False),
            ("contact", "Contact", True),
        ]
        for pid, title, menu in pages:
            body = "\n\n".join(self.prose.paragraph().markdown for _ in range(3))
            if pid == "contact":
                body += "\n\nWrite to [the desk](mailto:desk@check.example.org).\n"
            self.write(
                "pages",
                f"content/pages/{pid}.md",
                document({"title": title, "menu": menu}, body + "\n"),
            )

    # -- verdicts ----------------------------------------------------------------------------
    def verdict_body(self, claim: Claim, rating: str, evidence: list[str]) -> str:
        p, r = self.prose, self.rng
        cites = [f" [@{e}]" for e in evidence]
        paras: list[str] = []
        for i in range(r.randint(2, 4)):
            sents = [p.sentence(0.15).markdown for _ in range(r.randint(2, 4))]
            if i < len(cites):
                k = r.randrange(len(sents))
                sents[k] = sents[k][:-1] + cites[i] + sents[k][-1]
            if r.random() < 0.15:
                other = self.claims[r.randrange(len(self.claims))].id
                if other == claim.id:
                    continue
                sents.append(f"A related claim, [[{other}]], was checked separately.")
            paras.append(" ".join(sents))
        label = next(x["label"] for x in RATINGS if x["id"] == rating)
        paras.append(f"We rate the claim {str(label).lower()}.")
        return "\n\n".join(paras) + "\n"

    def write_verdict(
        self,
        claim: Claim,
        reviewer: Reviewer,
        *,
        rating: str,
        status: str,
        final: bool = False,
        external_label: str | None = None,
    ) -> None:
        p, r = self.prose, self.rng
        evidence = r.sample(self.evidence, r.randint(1, 3))
        listed = evidence[: r.randint(0, len(evidence))] if r.random() < 0.4 else []
        meta: dict[str, Any] = {
            "claim": claim.id,
            "reviewer": reviewer.id,
            "rating": rating,
        }
        if external_label is not None:
            meta["original_rating"] = external_label
            meta["source_url"] = f"https://valleyverify.example.net/checks/{claim.id}"
        meta["status"] = status
        meta["date"] = min(claim.made + timedelta(days=r.randint(1, 30)), date(2026, 6, 1))
        meta["headline"] = capitalize(p.claim_clause()) + "."
        if final:
            meta["final"] = True
        elif r.random() < 0.1:
            meta["final"] = False
        if listed:
            meta["evidence"] = listed
        body = self.verdict_body(claim, rating, evidence)
        self.write(
            "verdicts", f"content/verdicts/{claim.id}/{reviewer.id}.md", document(meta, body)
        )
        claim.verdict_reviewers.append(reviewer.id)
        self.stats.count(self.stats.verdict_status, status)
        if final:
            self.stats.count(self.stats.verdict_status, "final (editor ruling)")
        if external_label is not None:
            self.stats.count(self.stats.verdict_status, "external")

    def other_rating(self, rating: str) -> str:
        choices = [x for x in RATING_IDS if x != rating]
        return choices[self.rng.randrange(len(choices))]

    def rating(self) -> str:
        return self.rng.choices(RATING_IDS, RATING_WEIGHTS)[0]

    def make_verdicts(self) -> None:
        r = self.rng
        editors = [x for x in self.reviewers if x.role == "editor"]
        staff = [x for x in self.reviewers if x.role == "reviewer"]
        external = next(x for x in self.reviewers if x.role == "external")
        budget = min(self.n_verdicts, len(self.claims) * (len(staff) + len(editors) + 1))
        written = 0
        # Every claim gets a scenario; a claim left when the budget runs out stays unreviewed.
        scenarios = (
            ["agree"] * 56
            + ["ruling"] * 12
            + ["disputed"] * 8
            + ["in-review"] * 14
            + ["external"] * 4
            + ["unreviewed"] * 6
        )
        order = list(range(len(self.claims)))
        r.shuffle(order)
        agreed: dict[int, str] = {}  # claim index -> the rating its approved verdicts agree on

        def people(k: int, pool: list[Reviewer], claim: Claim) -> list[Reviewer]:
            free = [x for x in pool if x.id not in claim.verdict_reviewers]
            return r.sample(free, min(k, len(free)))

        for ci in order:
            if written >= budget:
                self.stats.count(self.stats.claim_state, "unreviewed")
                continue
            claim = self.claims[ci]
            scenario = r.choice(scenarios)
            plan: list[tuple[Reviewer, str, str, bool]] = []  # reviewer, rating, status, final
            if scenario == "agree":
                rating = self.rating()
                plan = [(x, rating, "approved", False) for x in people(2, staff + editors, claim)]
                agreed[ci] = rating
                state = "published"
            elif scenario == "ruling":
                a, b = people(2, staff, claim)
                first = self.rating()
                ruling = r.choice([first, self.other_rating(first)])
                plan = [
                    (a, first, "approved", False),
                    (b, self.other_rating(first), "approved", False),
                    (r.choice(editors), ruling, "approved", True),
                ]
                state = "published"
            elif scenario == "disputed":
                a, b = people(2, staff, claim)
                first = self.rating()
                plan = [
                    (a, first, "approved", False),
                    (b, self.other_rating(first), "approved", False),
                ]
                state = "disputed"
            elif scenario == "in-review":
                a, b = people(2, staff, claim)
                plan = [(a, self.rating(), "approved", False)]
                if r.random() < 0.6:
                    plan.append((b, self.rating(), r.choice(["draft", "submitted"]), False))
                if r.random() < 0.3:
                    plan = plan[1:] or plan
                state = "in review"
            elif scenario == "external":
                rating = self.rating()
                plan = [(external, rating, "approved", False)]
                state = "in review (external check only)"
            else:
                state = "unreviewed"
            for reviewer, rating, status, final in plan[: budget - written]:
                label = r.choice(EXTERNAL_LABELS[rating]) if reviewer.role == "external" else None
                self.write_verdict(
                    claim, reviewer, rating=rating, status=status, final=final, external_label=label
                )
                written += 1
            self.stats.count(self.stats.claim_state, state if plan else "unreviewed")

        # Fill up to the budget: more agreeing approvals on published claims, drafts and
        # submitted verdicts elsewhere; none of it changes what a claim's state is.
        while written < budget:
            before = written
            for ci in order:
                if written >= budget:
                    break
                claim = self.claims[ci]
                if not claim.verdict_reviewers and r.random() < 0.9:
                    continue  # keep unreviewed claims unreviewed, mostly
                if ci in agreed and r.random() < 0.75:
                    choice = people(1, staff + editors, claim)
                    status, rating = "approved", agreed[ci]
                else:
                    choice = people(1, staff, claim)
                    status, rating = r.choice(["draft", "submitted", "draft"]), self.rating()
                if choice:
                    self.write_verdict(claim, choice[0], rating=rating, status=status)
                    written += 1
            if written == before:
                break

    # -- everything --------------------------------------------------------------------------
    def run(self) -> None:
        self.config()
        self.make_reviewers()
        self.make_evidence(max(20, self.n_articles * 2))
        self.make_articles()
        self.make_standalone_claims(max(5, self.n_articles // 5))
        self.make_pages()
        self.make_verdicts()


def disk_usage(path: Path) -> tuple[int, int]:
    """Files and bytes allocated on disk (st_blocks) under ``path``."""
    files = used = 0
    for p in path.rglob("*"):
        if p.is_file():
            files += 1
            used += p.stat().st_blocks * 512
    return files, used


def generate(
    out: Path,
    *,
    articles: int,
    verdicts: int,
    seed: int = 1,
    force: bool = False,
    quiet: bool = False,
) -> Stats:
    """Write the project into ``out`` (which must be empty or absent unless ``force``)."""
    if out.exists() and any(out.iterdir()):
        if not force:
            raise SystemExit(f"{out} is not empty (use --force to replace its project)")
        shutil.rmtree(out / "content", ignore_errors=True)
        (out / "factcheck.yaml").unlink(missing_ok=True)
        shutil.rmtree(out / "site", ignore_errors=True)
        shutil.rmtree(out / ".factcheck-cache", ignore_errors=True)
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    gen = Generator(out, articles=articles, verdicts=verdicts, seed=seed)
    gen.run()
    elapsed = time.perf_counter() - t0
    if not quiet:
        s = gen.stats
        print(f"wrote {out} in {elapsed:.2f} s (seed {seed})")
        for kind in ("config", "articles", "claims", "verdicts", "evidence", "reviewers", "pages"):
            print(f"  {kind:<10} {s.files.get(kind, 0):>7,} files")
        n_article_claims = len(gen.claims) - s.files.get("claims", 0)
        print(f"  claims     {len(gen.claims):>7,} ({n_article_claims:,} in articles)")
        print("  verdicts:  " + ", ".join(f"{k} {v:,}" for k, v in s.verdict_status.items()))
        print(
            "  claims by intended state: "
            + ", ".join(f"{k} {v:,}" for k, v in sorted(s.claim_state.items()))
        )
        n_verdicts = s.files.get("verdicts", 0)
        if n_verdicts < verdicts:
            print(
                f"  note: only {n_verdicts:,} of the {verdicts:,} verdicts asked for fit "
                "(at most one per reviewer and claim)"
            )
        files, used = disk_usage(out)
        print(
            f"  total      {files:>7,} files, {s.bytes / 1e6:.1f} MB of text, "
            f"{used / 1e6:.1f} MB on disk"
        )
    return gen.stats


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write the project into")
    parser.add_argument("--articles", type=int, default=1000, help="articles (default 1000)")
    parser.add_argument("--verdicts", type=int, default=10000, help="verdicts (default 10000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument(
        "--force",
        action="store_true",
        help="replace factcheck.yaml and content/ if OUT already has a project",
    )
    args = parser.parse_args(argv)
    if args.articles < 1 or args.verdicts < 0:
        parser.error("--articles must be at least 1 and --verdicts at least 0")
    generate(
        args.out, articles=args.articles, verdicts=args.verdicts, seed=args.seed, force=args.force
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
