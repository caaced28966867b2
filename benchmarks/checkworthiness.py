"""Train and evaluate the check-worthiness model of ``factcheck suggest``.

    pip install scikit-learn          # for training only; factcheck itself never imports it
    python benchmarks/checkworthiness.py [--data PATH] [--output PATH] [--folds 5]

Data: the CLEF 2020 CheckThat! task 5 training set (42,776 sentences of 50 US political debates
and speeches, 487 labelled check-worthy), as ``text<TAB>label`` with a header; by default
``../shared/datasets/checkworthiness/clef2020-task5-train.tsv`` beside the repository.

Protocol (so that the figure printed is honest):

1. The file keeps each debate's sentences together and in order, but has no debate id. The last
   20 % of the rows is put aside as the held-out part and is not looked at until the end. A
   contiguous final block, not a random sample, so that no debate has sentences on both sides
   (except at most the one that straddles the cut).
2. CheckThat! scores MAP over each debate's ranking. Without debate ids, a part is cut into
   *pseudo-debates*: contiguous chunks of about 855 sentences (42,776 / 50, the mean debate
   length). Each chunk is ranked on its own and its average precision computed; MAP is their
   mean over chunks that hold at least one check-worthy sentence.
3. Every choice (feature families, regularisation C, context weight) is made by cross-validation
   inside the training part only: ``--folds`` contiguous folds, MAP over pseudo-debates of each
   validation fold.
4. The chosen model is fitted on the whole training part, exported, re-read with factcheck's own
   pure-Python scorer, and that scorer's ranking of the held-out part is what MAP is reported
   for. Random ordering (fixed seed, and the mean over 100 seeds) is printed beside it.

The weights file (gzip-compressed JSON, written byte-for-byte reproducibly) goes to
``factcheck/suggest/checkworthiness.json.gz``; ``docs/suggest.md`` records the figures.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import math
import random
import sys
import time
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from factcheck.suggest.features import FEATURE_FAMILIES  # noqa: E402
from factcheck.suggest.model import FORMAT, MODEL_FILE, parse_model, with_context  # noqa: E402

DEFAULT_DATA = REPO.parent / "shared" / "datasets" / "checkworthiness" / "clef2020-task5-train.tsv"
DEFAULT_OUTPUT = REPO / "factcheck" / "suggest" / MODEL_FILE
HELD_OUT_SHARE = 0.2
DEBATE_LENGTH = 855
"""Sentences per pseudo-debate: the data set's mean debate length (42,776 / 50)."""
MAX_FEATURES = 20_000
"""The most frequent features kept per family: bounds the weights file (cross-validation showed
no gain from more)."""

GRID_FAMILIES: list[tuple[str, ...]] = [("words", "chars"), ("words", "chars", "cues")]
GRID_C = [0.3, 1.0, 3.0]
GRID_CONTEXT = [0.0, 0.1, 0.2, 0.3, 0.4]


def read_data(path: Path) -> tuple[list[str], list[int]]:
    with path.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream, delimiter="\t"))
    if rows[0] != ["text", "label"]:
        raise SystemExit(f"{path}: expected a header 'text<TAB>label', found {rows[0]}")
    return [r[0] for r in rows[1:]], [int(r[1]) for r in rows[1:]]


# -- ranking measures -----------------------------------------------------------------------------


def average_precision(scores: Sequence[float], labels: Sequence[int]) -> float | None:
    """AP of the ranking by descending score; None when nothing is relevant. Ties keep the input
    order (a stable sort), as the CheckThat! scorer does."""
    order = sorted(range(len(scores)), key=lambda i: -scores[i])
    relevant = sum(labels)
    if relevant == 0:
        return None
    hits = 0
    total = 0.0
    for rank, index in enumerate(order, start=1):
        if labels[index]:
            hits += 1
            total += hits / rank
    return total / relevant


def pseudo_debates(size: int) -> list[range]:
    """Contiguous chunks of about DEBATE_LENGTH rows covering ``range(size)``."""
    count = max(1, round(size / DEBATE_LENGTH))
    bounds = [round(size * k / count) for k in range(count + 1)]
    return [range(a, b) for a, b in pairwise(bounds)]


def mean_average_precision(scores: Sequence[float], labels: Sequence[int]) -> float:
    aps = []
    for chunk in pseudo_debates(len(labels)):
        ap = average_precision([scores[i] for i in chunk], [labels[i] for i in chunk])
        if ap is not None:
            aps.append(ap)
    return sum(aps) / len(aps)


# -- training -----------------------------------------------------------------------------------


def vectorizer() -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer  # type: ignore[import-untyped]

    # Features are already lists of names: identity analyzer; counts become 1 + log(count).
    return TfidfVectorizer(analyzer=_identity, min_df=2, sublinear_tf=True,
                           max_features=MAX_FEATURES)


def _identity(features: list[str]) -> list[str]:
    return features


def fit(features: dict[str, list[list[str]]], rows: Sequence[int], labels: Sequence[int],
        families: Sequence[str], c: float) -> tuple[dict[str, Any], Any]:
    from scipy.sparse import hstack  # type: ignore[import-untyped]
    from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]

    vectorizers = {name: vectorizer() for name in families}
    blocks = [vectorizers[name].fit_transform([features[name][i] for i in rows])
              for name in families]
    model = LogisticRegression(C=c, max_iter=5000)
    model.fit(hstack(blocks).tocsr(), [labels[i] for i in rows])
    return vectorizers, model


def decision(vectorizers: dict[str, Any], model: Any, features: dict[str, list[list[str]]],
             rows: Sequence[int]) -> list[float]:
    from scipy.sparse import hstack

    blocks = [vectorizers[name].transform([features[name][i] for i in rows])
              for name in vectorizers]
    return [float(v) for v in model.decision_function(hstack(blocks).tocsr())]


def cross_validate(features: dict[str, list[list[str]]], labels: Sequence[int], size: int,
                   folds: int) -> list[tuple[float, tuple[str, ...], float, float]]:
    """(mean MAP, families, C, context) for every point of the grid, best first."""
    bounds = [round(size * k / folds) for k in range(folds + 1)]
    results: dict[tuple[tuple[str, ...], float, float], list[float]] = {}
    for k in range(folds):
        start, end = bounds[k], bounds[k + 1]
        train = [*range(0, start), *range(end, size)]
        valid = list(range(start, end))
        valid_labels = [labels[i] for i in valid]
        for families in GRID_FAMILIES:
            for c in GRID_C:
                vectorizers, model = fit(features, train, labels, families, c)
                raw = decision(vectorizers, model, features, valid)
                for context in GRID_CONTEXT:
                    score = mean_average_precision(with_context(raw, context), valid_labels)
                    results.setdefault((families, c, context), []).append(score)
        print(f"  fold {k + 1}/{folds} done", file=sys.stderr, flush=True)
    table = [(sum(v) / len(v), *key) for key, v in results.items()]
    return sorted(table, key=lambda row: -row[0])


# -- export -------------------------------------------------------------------------------------


def export(vectorizers: dict[str, Any], model: Any, context: float, base_rate: float,
           meta: dict[str, Any]) -> dict[str, Any]:
    coefficients = list(model.coef_[0])
    offset = 0
    families: dict[str, dict[str, list[float]]] = {}
    for name, vec in vectorizers.items():
        vocabulary: dict[str, int] = vec.vocabulary_
        idf = vec.idf_
        table = {}
        for feature, column in sorted(vocabulary.items()):
            table[feature] = [round(float(idf[column]), 4),
                              float(f"{coefficients[offset + column]:.4g}")]
        families[name] = table
        offset += len(vocabulary)
    return {"format": FORMAT, "meta": meta, "intercept": round(float(model.intercept_[0]), 6),
            "context_weight": context,
            "prior_log_odds": round(math.log(base_rate / (1 - base_rate)), 6),
            "families": families}


def write_weights(data: dict[str, Any], path: Path) -> int:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    buffer = io.BytesIO()
    # mtime=0 and no file name: the same weights give the same bytes, so retraining without a
    # change leaves git clean.
    with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=9, mtime=0, filename="") as out:
        out.write(text.encode("utf-8"))
    path.write_bytes(buffer.getvalue())
    return len(buffer.getvalue())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args(argv)

    started = time.perf_counter()
    texts, labels = read_data(args.data)
    cut = round(len(texts) * (1 - HELD_OUT_SHARE))
    training, held_out = range(cut), range(cut, len(texts))
    print(f"{len(texts)} sentences, {sum(labels)} check-worthy; training part {cut} "
          f"({sum(labels[:cut])} check-worthy), held-out part {len(held_out)} "
          f"({sum(labels[cut:])} check-worthy) in {len(pseudo_debates(len(held_out)))} "
          "pseudo-debates")
    features = {name: [extract(t) for t in texts] for name, extract in FEATURE_FAMILIES.items()}

    print(f"cross-validating {len(GRID_FAMILIES) * len(GRID_C) * len(GRID_CONTEXT)} settings "
          f"on the training part ({args.folds} contiguous folds)...", file=sys.stderr)
    table = cross_validate(features, labels, cut, args.folds)
    for cv_map, families, c, context in table[:5]:
        print(f"  CV MAP {cv_map:.4f}  families={'+'.join(families)} C={c} context={context}")
    cv_map, families, c, context = table[0]

    vectorizers, model = fit(features, list(training), labels, families, c)
    base_rate = sum(labels[:cut]) / cut
    meta = {"data": "CLEF 2020 CheckThat! task 5 training set, first "
                    f"{cut} of {len(texts)} sentences",
            "families": list(families), "C": c, "context_weight": context,
            "cv_map": round(cv_map, 4), "max_features": MAX_FEATURES,
            "trained_by": "benchmarks/checkworthiness.py"}
    data = export(vectorizers, model, context, base_rate, meta)

    # Evaluate what ships: the exported weights, scored by factcheck's own pure-Python code.
    shipped = parse_model(json.loads(json.dumps(data)))
    held_texts = [texts[i] for i in held_out]
    held_labels = [labels[i] for i in held_out]
    reference = with_context(decision(vectorizers, model, features, list(held_out)), context)
    ours = shipped.with_context([shipped.log_odds(t) for t in held_texts])
    drift = max(abs(a - b) for a, b in zip(ours, reference, strict=True))
    if drift > 1e-2:
        raise SystemExit(f"the pure-Python scorer drifts from scikit-learn by {drift:.4f}")
    heldout_map = mean_average_precision(ours, held_labels)
    rng = random.Random(0)
    random_map = mean_average_precision([rng.random() for _ in held_texts], held_labels)
    random_mean = sum(
        mean_average_precision([random.Random(seed).random() for _ in held_texts], held_labels)
        for seed in range(100)) / 100

    meta["heldout_map"] = round(heldout_map, 4)
    meta["heldout_random_map"] = round(random_map, 4)
    size = write_weights(data, args.output)
    print(f"chosen by CV: families={'+'.join(families)} C={c} context={context} "
          f"(CV MAP {cv_map:.4f})")
    print(f"held-out MAP, our model:              {heldout_map:.4f}")
    print(f"held-out MAP, random order (seed 0):  {random_map:.4f}")
    print(f"held-out MAP, random order (100 seeds, mean): {random_mean:.4f}")
    print(f"pure-Python scorer vs scikit-learn: max difference {drift:.2e} in log-odds")
    shown = args.output.relative_to(REPO) if args.output.is_relative_to(REPO) else args.output
    print(f"wrote {shown} ({size / 1024:.0f} KiB, "
          f"{sum(len(t) for t in data['families'].values())} features) "
          f"in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
