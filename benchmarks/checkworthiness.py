"""Train and evaluate the check-worthiness model of ``factcheck suggest``.

    pip install scikit-learn          # for training only; factcheck itself never imports it
    python benchmarks/checkworthiness.py [--data PATH] [--news DIR] [--output PATH] [--folds 5]

Data:

- the CLEF 2020 CheckThat! task 5 training set (42,776 sentences of US political debates and
  speeches, 487 labelled check-worthy), ``text<TAB>label`` with a header; by default
  ``../shared/datasets/checkworthiness/clef2020-task5-train.tsv`` beside the repository;
- news articles labelled by hand, ``benchmarks/news/*.tsv`` (one sentence a line,
  ``sentence<TAB>label``): ``dev-*`` calibrate the score, ``test-*`` only measure it.

Protocol (so that the figures printed are honest):

1. **Whole debates, never sentences, are left out.** The file keeps each debate's sentences
   together but has no debate id; a new document starts at a moderator's or host's opening line
   ("Good evening from...", "Welcome to Sunday", "We're live..."; :data:`OPENINGS`). That finds
   23 documents, some holding several debates back to back: merging debates is harmless here,
   splitting one would not be, and no document is split.
2. The documents that start in the last 20 % of the rows (5, with 7,189 sentences) are the
   **held-out debates**: not used for any choice, and never seen by the model shipped before
   (trained on the first 80 % of the rows). The baseline is that model, as shipped.
3. Every choice (feature families, regularisation C, the cue family's weight, context weight)
   is made by **leave-debates-out cross-validation** on the other documents: ``--folds`` folds
   of whole documents; MAP is the mean over documents of each one's average precision.
4. The chosen settings are fitted on the training documents and scored on the held-out debates
   (MAP and precision at 5 per document), and on the news test articles; then fitted on every
   debate, calibrated on the news dev articles (Platt scaling, see factcheck/suggest/model.py),
   exported, re-read with factcheck's own pure-Python scorer, and written.

The weights file (gzip-compressed JSON, written byte-for-byte reproducibly) goes to
``factcheck/suggest/checkworthiness.json.gz``; ``docs/suggest.md`` records the figures.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import re
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from factcheck.suggest.features import FEATURE_FAMILIES  # noqa: E402
from factcheck.suggest.model import (  # noqa: E402
    FORMAT,
    MODEL_FILE,
    Model,
    parse_model,
    with_context,
)

DEFAULT_DATA = REPO.parent / "shared" / "datasets" / "checkworthiness" / "clef2020-task5-train.tsv"
DEFAULT_NEWS = REPO / "benchmarks" / "news"
DEFAULT_OUTPUT = REPO / "factcheck" / "suggest" / MODEL_FILE
BASELINE_COMMIT = "11cabf3"
"""The commit whose shipped weights are the baseline ("today's model" of issue 14)."""
HELD_OUT_SHARE = 0.2
MAX_FEATURES = 20_000
"""The most frequent features kept per family: bounds the weights file."""
MIN_GAP = 200
"""Sentences between two openings before the second starts a new document."""
CUT_OFF = 0.5
"""The default cut-off of ``factcheck suggest`` (factcheck/suggest/__init__.py)."""

OPENINGS = re.compile(
    r"^(good evening( from|, and welcome|, I'm|\.$)|good morning\.$"
    r"|(happy opening day, and )?welcome to sunday|live from the |we're live "
    r"|welcome to the (first|sixth|republican presidential debate here|mid)"
    r"|good evening and welcome|welcome to the first debate night|from longwood"
    r"|mr\. secretary-general, mr\. president|to the families who are gathered here"
    r"|we\u2019re here in the mid)",
    re.IGNORECASE,
)

CUE_SIGNS: dict[str, int] = {
    **dict.fromkeys(
        (
            "number",
            "year",
            "number-word",
            "percent",
            "money",
            "calendar",
            "time",
            "reporting",
            "source-reports",
            "reporting-that",
            "according-to",
            "attributed",
            "capitalised",
            "comparison",
            "past",
            "quoted",
        ),
        1,
    ),
    **dict.fromkeys(
        ("modal", "first-person", "opinion", "hedge", "it-is", "question", "exclamation"), -1
    ),
}
"""The sign each cue's weight may take (cues not named are free). Figures, dates, attribution
and comparisons may only raise a sentence, the writer's stance only lower it: that is what a
check-worthy sentence is (issue 14), and the debates cannot teach it for news. In them "according
to", a quotation or a weekday ("on Tuesday night we...") mostly come in moderators' chatter, so
an unconstrained fit gives them negative weights that sink a newspaper's attributed facts. A cue
whose fitted weight has the wrong sign is left out (its weight 0) and the model fitted again."""

# (families, C, weight of the cue family, context weight); the first is today's recipe.
GRID: list[tuple[tuple[str, ...], float, float, float]] = [
    (("words", "chars"), c, 1.0, ctx) for c in (0.3, 1.0) for ctx in (0.0, 0.2, 0.3)
] + [
    (("words", "chars", "cues"), c, w, ctx)
    for c in (0.3, 1.0)
    for w in (1.0, 2.0, 3.0)
    for ctx in (0.0, 0.2, 0.3)
]


def read_data(path: Path) -> tuple[list[str], list[int]]:
    with path.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream, delimiter="\t"))
    if rows[0] != ["text", "label"]:
        raise SystemExit(f"{path}: expected a header 'text<TAB>label', found {rows[0]}")
    return [r[0] for r in rows[1:]], [int(r[1]) for r in rows[1:]]


def documents(texts: Sequence[str]) -> list[range]:
    """The debates and speeches of the file, as found by their opening lines (step 1)."""
    starts = [0]
    for index, text in enumerate(texts):
        if OPENINGS.search(text.strip()) and index - starts[-1] > MIN_GAP:
            starts.append(index)
    return [range(a, b) for a, b in pairwise([*starts, len(texts)])]


@dataclass(frozen=True, slots=True)
class Article:
    name: str
    sentences: list[str]
    labels: list[int]


def read_news(folder: Path) -> list[Article]:
    articles = []
    for path in sorted(folder.glob("*.tsv")):
        rows = [
            line.rstrip("\n").split("\t")
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
        articles.append(Article(path.stem, [r[0] for r in rows], [int(r[1]) for r in rows]))
    return articles


# -- ranking measures -----------------------------------------------------------------------------


def _order(scores: Sequence[float]) -> list[int]:
    """Best first; ties keep the input order (a stable sort), as the CheckThat! scorer does."""
    return sorted(range(len(scores)), key=lambda i: -scores[i])


def average_precision(scores: Sequence[float], labels: Sequence[int]) -> float | None:
    """AP of the ranking by descending score; None when nothing is relevant."""
    relevant = sum(labels)
    if relevant == 0:
        return None
    hits = 0
    total = 0.0
    for rank, index in enumerate(_order(scores), start=1):
        if labels[index]:
            hits += 1
            total += hits / rank
    return total / relevant


def precision_at(scores: Sequence[float], labels: Sequence[int], k: int = 5) -> float:
    return sum(labels[i] for i in _order(scores)[:k]) / k


def mean_over(units: list[tuple[list[float], list[int]]]) -> tuple[float, float]:
    """(MAP, mean P@5) over units (documents or articles) that hold a relevant sentence."""
    kept = [(s, y) for s, y in units if sum(y)]
    aps = [average_precision(s, y) or 0.0 for s, y in kept]
    return sum(aps) / len(aps), sum(precision_at(s, y) for s, y in kept) / len(kept)


# -- training -----------------------------------------------------------------------------------


def _identity(features: list[str]) -> list[str]:
    return features


@dataclass
class Fitted:
    vectorizers: dict[str, Any]
    model: Any
    cue_weight: float

    def decision(self, features: dict[str, list[list[str]]], rows: Sequence[int]) -> list[float]:
        from scipy.sparse import hstack  # type: ignore[import-untyped]

        blocks = [
            self.vectorizers[name].transform([features[name][i] for i in rows])
            * (self.cue_weight if name == "cues" else 1.0)
            for name in self.vectorizers
        ]
        return [float(v) for v in self.model.decision_function(hstack(blocks).tocsr())]


def fit(
    features: dict[str, list[list[str]]],
    rows: Sequence[int],
    labels: Sequence[int],
    families: Sequence[str],
    c: float,
    cue_weight: float,
) -> Fitted:
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer  # type: ignore[import-untyped]
    from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]

    vectorizers = {
        name: TfidfVectorizer(
            analyzer=_identity, min_df=2, sublinear_tf=True, max_features=MAX_FEATURES
        )
        for name in families
    }
    blocks = [
        vectorizers[name].fit_transform([features[name][i] for i in rows])
        * (cue_weight if name == "cues" else 1.0)
        for name in families
    ]
    matrix = hstack(blocks).tocsr()
    targets = [labels[i] for i in rows]
    model = LogisticRegression(C=c, max_iter=5000)
    model.fit(matrix, targets)
    if "cues" in vectorizers:
        # Sign constraints (CUE_SIGNS): drop the cues fitted against their sign, and refit
        # until none is.
        offset = sum(len(vectorizers[n].vocabulary_) for n in families[: families.index("cues")])
        columns = {f: offset + i for f, i in vectorizers["cues"].vocabulary_.items()}
        dropped: set[int] = set()
        for _round in range(5):
            wrong = {
                col
                for f, col in columns.items()
                if col not in dropped and CUE_SIGNS.get(f, 0) * model.coef_[0][col] < 0
            }
            if not wrong:
                break
            dropped |= wrong
            mask = [0.0 if j in dropped else 1.0 for j in range(matrix.shape[1])]
            model = LogisticRegression(C=c, max_iter=5000)
            model.fit(matrix.multiply([mask]).tocsr(), targets)
    return Fitted(vectorizers, model, cue_weight)


def score_documents(
    values: dict[int, float], docs: list[range], labels: Sequence[int], context: float
) -> tuple[float, float]:
    return mean_over(
        [
            (with_context([values[i] for i in doc], context), [labels[i] for i in doc])
            for doc in docs
        ]
    )


def cross_validate(
    features: dict[str, list[list[str]]], labels: Sequence[int], docs: list[range], folds: int
) -> list[tuple[float, tuple[Any, ...], float]]:
    """(leave-debates-out MAP, setting, P@5) for every setting of the grid, best first."""
    out_of_fold: dict[tuple[tuple[str, ...], float, float], dict[int, float]] = {}
    for k in range(folds):
        valid = docs[k * len(docs) // folds : (k + 1) * len(docs) // folds]
        train = [i for d in docs if d not in valid for i in d]
        rows = [i for d in valid for i in d]
        for key in dict.fromkeys((f, c, w) for f, c, w, _ctx in GRID):
            fitted = fit(features, train, labels, *key)
            out_of_fold.setdefault(key, {}).update(
                zip(rows, fitted.decision(features, rows), strict=True)
            )
        print(f"  fold {k + 1}/{folds} done", file=sys.stderr, flush=True)
    table = [
        (*score_documents(out_of_fold[(f, c, w)], docs, labels, ctx), (f, c, w, ctx))
        for f, c, w, ctx in GRID
    ]
    table = [(cv_map, setting, p5) for cv_map, p5, setting in table]
    # Settings within 0.001 of each other are a tie, broken towards no context (a sentence is
    # judged on its own words, wherever it stands) and then a lighter cue weight.
    return sorted(table, key=lambda row: (-round(row[0], 3), row[1][3], row[1][2]))


# -- calibration and export ---------------------------------------------------------------------


def platt(values: Sequence[float], labels: Sequence[int]) -> tuple[float, float]:
    """(slope, intercept) of the logistic curve that best maps ``values`` to ``labels``."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=1e6, max_iter=5000)
    model.fit([[v] for v in values], list(labels))
    return float(model.coef_[0][0]), float(model.intercept_[0])


def export(
    fitted: Fitted, context: float, calibration: tuple[float, float], meta: dict[str, Any]
) -> dict[str, Any]:
    coefficients = list(fitted.model.coef_[0])
    offset = 0
    families: dict[str, dict[str, list[float]]] = {}
    for name, vec in fitted.vectorizers.items():
        weight = fitted.cue_weight if name == "cues" else 1.0
        vocabulary: dict[str, int] = vec.vocabulary_
        idf = vec.idf_
        families[name] = {
            feature: [
                round(float(idf[column]), 4),
                float(f"{coefficients[offset + column] * weight:.4g}"),
            ]
            for feature, column in sorted(vocabulary.items())
        }
        offset += len(vocabulary)
    return {
        "format": FORMAT,
        "meta": meta,
        "intercept": round(float(fitted.model.intercept_[0]), 6),
        "context_weight": context,
        "calibration": {"slope": round(calibration[0], 6), "intercept": round(calibration[1], 6)},
        "families": families,
    }


def write_weights(data: dict[str, Any], path: Path) -> int:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    buffer = io.BytesIO()
    # mtime=0 and no file name: the same weights give the same bytes, so retraining without a
    # change leaves git clean.
    with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=9, mtime=0, filename="") as out:
        out.write(text.encode("utf-8"))
    path.write_bytes(buffer.getvalue())
    return len(buffer.getvalue())


def baseline_model() -> Model | None:
    """The weights shipped at BASELINE_COMMIT (format 1: a balanced prior instead of a
    calibration, which changes no ranking), read from git."""
    try:
        raw = subprocess.run(
            ["git", "-C", str(REPO), "show", f"{BASELINE_COMMIT}:factcheck/suggest/{MODEL_FILE}"],
            capture_output=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    data = json.loads(gzip.decompress(raw))
    data["format"] = FORMAT
    data["calibration"] = {"slope": 1.0, "intercept": -float(data.pop("prior_log_odds", 0.0))}
    return parse_model(data)


def model_scores(model: Model, sentences: Sequence[str]) -> list[float]:
    return model.with_context([model.log_odds(s) for s in sentences])


def report_line(label: str, debates: tuple[float, float], news: tuple[float, float]) -> str:
    return (
        f"  {label:<44} debates MAP {debates[0]:.3f} P@5 {debates[1]:.3f}   "
        f"news MAP {news[0]:.3f} P@5 {news[1]:.3f}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--news", type=Path, default=DEFAULT_NEWS)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args(argv)

    started = time.perf_counter()
    texts, labels = read_data(args.data)
    docs = documents(texts)
    cut = next(d.start for d in docs if d.start >= len(texts) * (1 - HELD_OUT_SHARE))
    training = [d for d in docs if d.start < cut]
    held_out = [d for d in docs if d.start >= cut]
    news = read_news(args.news)
    dev = [a for a in news if a.name.startswith("dev-")]
    test = [a for a in news if a.name.startswith("test-")]
    print(
        f"{len(texts)} debate sentences ({sum(labels)} check-worthy) in {len(docs)} documents: "
        f"{len(training)} for training ({cut} sentences), {len(held_out)} held out "
        f"({len(texts) - cut} sentences, {sum(labels[cut:])} check-worthy)"
    )
    print(
        f"news: {len(dev)} dev articles ({sum(len(a.labels) for a in dev)} sentences), "
        f"{len(test)} test articles ({sum(len(a.labels) for a in test)} sentences, "
        f"{sum(sum(a.labels) for a in test)} check-worthy)"
    )
    features = {name: [extract(t) for t in texts] for name, extract in FEATURE_FAMILIES.items()}
    news_features = {
        a.name: {
            name: [extract(s) for s in a.sentences] for name, extract in FEATURE_FAMILIES.items()
        }
        for a in news
    }

    print(
        f"leave-debates-out cross-validation of {len(GRID)} settings ({args.folds} folds of "
        "whole documents)...",
        file=sys.stderr,
    )
    table = cross_validate(features, labels, training, args.folds)
    print("cross-validation (MAP over the training documents, each left out once):")
    for cv_map, setting, p5 in table[:5]:
        print(f"  MAP {cv_map:.4f}  P@5 {p5:.3f}  {describe(setting)}")
    recipe = next(row for row in table if row[1] == GRID[2])
    print(f"  MAP {recipe[0]:.4f}  P@5 {recipe[2]:.3f}  {describe(GRID[2])}  (today's recipe)")
    cv_map, (families, c, cue_weight, context), _p5 = table[0]

    # Held-out debates and news test articles: the chosen settings trained without them.
    train_rows = [i for d in training for i in d]
    fitted = fit(features, train_rows, labels, families, c, cue_weight)
    held_rows = [i for d in held_out for i in d]
    values = dict(zip(held_rows, fitted.decision(features, held_rows), strict=True))
    ours_debates = score_documents(values, held_out, labels, context)

    def news_units(decide: Any, articles: list[Article]) -> tuple[float, float]:
        return mean_over([(decide(a), a.labels) for a in articles])

    def ours(a: Article) -> list[float]:
        return with_context(fitted.decision(news_features[a.name], range(len(a.labels))), context)

    print("held-out debates and news test articles:")
    baseline = baseline_model()
    if baseline is not None:
        base_debates = mean_over(
            [
                (model_scores(baseline, [texts[i] for i in d]), [labels[i] for i in d])
                for d in held_out
            ]
        )
        print(
            report_line(
                f"today's model ({BASELINE_COMMIT}, as shipped)",
                base_debates,
                news_units(lambda a: model_scores(baseline, a.sentences), test),
            )
        )
    print(
        report_line(
            "new model, trained on the training documents", ours_debates, news_units(ours, test)
        )
    )

    # What ships: every debate, calibrated on the dev articles.
    final = fit(features, list(range(len(texts))), labels, families, c, cue_weight)
    dev_values = [
        v
        for a in dev
        for v in with_context(final.decision(news_features[a.name], range(len(a.labels))), context)
    ]
    calibration = platt(dev_values, [y for a in dev for y in a.labels])
    meta = {
        "data": f"CLEF 2020 CheckThat! task 5 training set, all {len(texts)} sentences; "
        f"calibrated on benchmarks/news/dev-*.tsv",
        "families": list(families),
        "C": c,
        "cue_weight": cue_weight,
        "context_weight": context,
        "leave_debates_out_cv_map": round(cv_map, 4),
        "heldout_debates_map": round(ours_debates[0], 4),
        "max_features": MAX_FEATURES,
        "trained_by": "benchmarks/checkworthiness.py",
    }
    data = export(final, context, calibration, meta)
    shipped = parse_model(json.loads(json.dumps(data)))
    reference = with_context(final.decision(features, held_rows), context)
    mine = shipped.with_context([shipped.log_odds(texts[i]) for i in held_rows])
    drift = max(abs(a - b) for a, b in zip(mine, reference, strict=True))
    if drift > 1e-2:
        raise SystemExit(f"the pure-Python scorer drifts from scikit-learn by {drift:.4f}")
    shipped_news = news_units(lambda a: model_scores(shipped, a.sentences), test)
    print(
        f"  {'the shipped model (trained on every debate)':<44} news MAP {shipped_news[0]:.3f} "
        f"P@5 {shipped_news[1]:.3f}"
    )
    # Scores on the held-out debates are those of the model that did not see them, with the
    # same calibration (the shipped one was trained on them).
    unseen = parse_model(json.loads(json.dumps(export(fitted, context, calibration, {}))))
    calibration_table(shipped, unseen, test, texts, labels, held_out)
    size = write_weights(data, args.output)
    print(f"chosen by cross-validation: {describe((families, c, cue_weight, context))}")
    print(
        f"calibration (Platt, on {len(dev_values)} dev sentences): slope "
        f"{calibration[0]:.3f}, intercept {calibration[1]:.3f}"
    )
    print(f"pure-Python scorer vs scikit-learn: max difference {drift:.2e} in log-odds")
    shown = args.output.relative_to(REPO) if args.output.is_relative_to(REPO) else args.output
    print(
        f"wrote {shown} ({size / 1024:.0f} KiB, "
        f"{sum(len(t) for t in data['families'].values())} features) "
        f"in {time.perf_counter() - started:.0f} s"
    )
    return 0


def calibration_table(
    model: Model,
    unseen: Model,
    test: list[Article],
    texts: Sequence[str],
    labels: Sequence[int],
    held_out: list[range],
) -> None:
    """What a score means on unseen text: the share of check-worthy sentences by score band,
    and precision and recall at the default cut-off."""
    news = [(p, y) for a in test for p, y in zip(model.score(a.sentences), a.labels, strict=True)]
    debates = [
        (p, labels[i])
        for d in held_out
        for p, i in zip(unseen.score([texts[i] for i in d]), d, strict=True)
    ]
    print("scores on unseen text (news test articles | held-out debates):")
    for low, high in ((0.8, 1.01), (0.5, 0.8), (0.2, 0.5), (0.0, 0.2)):
        cells = []
        for pairs in (news, debates):
            band = [y for p, y in pairs if low <= p < high]
            share = f"{sum(band) / len(band):.2f}" if band else "-"
            cells.append(f"{len(band):>5} sentences, {share} check-worthy")
        print(f"  score {low:.1f}-{min(high, 1.0):.1f}: " + " | ".join(cells))
    for name, pairs in (("news", news), ("debates", debates)):
        above = [y for p, y in pairs if p >= CUT_OFF]
        relevant = sum(y for _p, y in pairs)
        print(
            f"  {name}: at the cut-off {CUT_OFF}, {len(above)} of {len(pairs)} sentences "
            f"suggested; precision {sum(above) / max(1, len(above)):.2f}, recall "
            f"{sum(above) / max(1, relevant):.2f}"
        )


def describe(setting: tuple[Any, ...]) -> str:
    families, c, cue_weight, context = setting
    return (
        f"families={'+'.join(families)} C={c}"
        + (f" cue weight={cue_weight}" if "cues" in families else "")
        + f" context={context}"
    )


if __name__ == "__main__":
    sys.exit(main())
