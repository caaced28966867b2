"""How well "already checked" matching finds a claim said in other words, and only that claim.

    python benchmarks/matching.py [--liar PATH] [--threshold 0.75]

The index is what a project's claims would be: every statement of LIAR's ``valid.tsv`` (1,284,
PolitiFact) and the claims of the English ClaimReview samples in ``../shared/datasets/``. The
queries are in ``benchmarks/matching/*-pairs.tsv`` (``kind<TAB>query<TAB>target``):

- ``paraphrase``: a statement of the index rewritten by hand (numbers in words or figures, "a
  third" for "33 percent", units, dates written otherwise, clauses reordered, verbs swapped for
  synonyms); target: its id (or ids, where LIAR holds the same statement twice);
- ``near-duplicate``: a statement of LIAR whose near twin is also in LIAR (found by comparing
  every pair with rapidfuzz and reading the closest by hand); target: the twin;
- ``negative``: a claim that must match nothing: a statement with one figure, place, direction
  or side changed, and LIAR's own close pairs that are different claims; target ``-``.

A query that is itself in the index is left out of the index while it is asked. **Recall** is
the share of queries with a target whose target is among the matches shown; **precision** the
share of matches shown that are a target. ``dev-pairs.tsv`` was used while the rules of
factcheck/suggest/normalize.py were written; ``test-pairs.tsv`` was written afterwards and not
used to change them. The baseline is the matcher of commit BASELINE_COMMIT (before issue 14).
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import subprocess
import sys
import tempfile
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


BASELINE_COMMIT = "11cabf3"
DEFAULT_LIAR = REPO.parent / "shared" / "datasets" / "liar" / "valid.tsv"
PAIRS = REPO / "benchmarks" / "matching"
CLAIMREVIEW = {
    "claimreview:afp": "The US Centers for Disease Control and Prevention lied about the number "
    "of deaths caused by COVID-19 by combining the count with pneumonia and "
    "influenza fatalities",
    "claimreview:africa_check": "Interferon alpha-2b a Covid-19 \u2018vaccine\u2019",
}
"""The ``claimReviewed`` of the English samples (afp_raw.json, africa_check_raw.json)."""


def current() -> ModuleType:
    return importlib.import_module("factcheck.suggest.similarity")


def baseline() -> ModuleType | None:
    """The matcher as it was at BASELINE_COMMIT (one self-contained module then)."""
    try:
        source = subprocess.run(
            ["git", "-C", str(REPO), "show", f"{BASELINE_COMMIT}:factcheck/suggest/similarity.py"],
            capture_output=True,
            check=True,
            text=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as handle:
        handle.write(source)
    spec = importlib.util.spec_from_file_location("baseline_similarity", handle.name)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # (dataclasses look their module up there)
    spec.loader.exec_module(module)
    Path(handle.name).unlink()
    return module


def claims(liar: Path) -> dict[str, str]:
    with liar.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream, delimiter="\t", quoting=csv.QUOTE_NONE))
    found = {f"liar:{r[0].removesuffix('.json')}": r[2] for r in rows}
    found.update(CLAIMREVIEW)
    return found


def evaluate(
    matcher: ModuleType, index_claims: dict[str, str], pairs: list[dict[str, str]], threshold: float
) -> tuple[float, float, int, int, int]:
    """(recall, precision, found, wanted, wrong matches)."""
    found = wanted = shown = right = 0
    full = matcher.ClaimIndex((k, [v]) for k, v in index_claims.items())
    for pair in pairs:
        query = pair["query"].strip()
        targets = set(pair["target"].split()) - {"-"}
        if any(v.strip() == query for v in index_claims.values()):
            index = matcher.ClaimIndex(
                (k, [v]) for k, v in index_claims.items() if v.strip() != query
            )
        else:
            index = full
        got = [m.claim for m in index.matches(query, threshold=threshold)]
        if targets:
            wanted += 1
            found += bool(targets & set(got))
        shown += len(got)
        right += sum(1 for g in got if g in targets)
    return found / max(1, wanted), right / max(1, shown), found, wanted, shown - right


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--liar", type=Path, default=DEFAULT_LIAR)
    parser.add_argument("--thresholds", default="0.7,0.75,0.8,0.9,0.95")
    args = parser.parse_args(argv)
    index_claims = claims(args.liar)
    matchers = [("new", current())]
    old = baseline()
    if old is not None:
        matchers.insert(0, (f"baseline ({BASELINE_COMMIT})", old))
    for path in sorted(PAIRS.glob("*-pairs.tsv")):
        with path.open(encoding="utf-8", newline="") as stream:
            pairs = list(csv.DictReader(stream, delimiter="\t"))
        kinds = {
            k: sum(1 for p in pairs if p["kind"] == k)
            for k in dict.fromkeys(p["kind"] for p in pairs)
        }
        print(
            f"{path.name}: {len(pairs)} queries ("
            + ", ".join(f"{n} {k}" for k, n in kinds.items())
            + f") against {len(index_claims)} claims"
        )
        for threshold in (float(t) for t in args.thresholds.split(",")):
            for name, matcher in matchers:
                recall, precision, found, wanted, wrong = evaluate(
                    matcher, index_claims, pairs, threshold
                )
                print(
                    f"  threshold {threshold:.2f}  {name:<20} recall {recall:.2f} "
                    f"({found}/{wanted})  precision {precision:.2f} ({wrong} wrong matches)"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
