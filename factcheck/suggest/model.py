"""The check-worthiness model at run time: a logistic regression scored in pure Python.

``benchmarks/checkworthiness.py`` trains the model with scikit-learn and exports it to
``checkworthiness.json.gz`` beside this file. Scoring needs neither scikit-learn nor numpy, so
``factcheck suggest`` starts fast and the package keeps its small set of dependencies.

The computation reproduces scikit-learn's ``TfidfVectorizer`` (``sublinear_tf=True``, smooth idf,
l2 norm) for each feature family of :mod:`factcheck.suggest.features`, and
``LogisticRegression.decision_function`` over the families side by side (a family's weight in
the model is folded into its coefficients). Two additions:

- **context** (optional; the shipped model has none, see docs/suggest.md): a sentence's
  log-odds move with those of its neighbours: ``weight`` times how far the next and the previous
  sentence stand above or below the text's mean, half that for the ones two away.
- **calibration**: the score shown is ``sigmoid(slope * log_odds + intercept)``, fitted (Platt
  scaling) on news sentences labelled by hand, so that it reads as a probability: a sentence
  scoring 0.8 is one that a fact-checker marked as worth checking about 8 times in 10 in the
  labelled news articles. The ranking is the log-odds'; calibration only names the scale.
"""

from __future__ import annotations

import gzip
import json
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .features import FEATURE_FAMILIES

__all__ = [
    "FORMAT",
    "MODEL_FILE",
    "Model",
    "load_model",
    "parse_model",
    "read_model",
    "with_context",
]

MODEL_FILE = "checkworthiness.json.gz"
FORMAT = 2
"""The weights file's layout version; :func:`load_model` refuses any other."""


@dataclass(frozen=True, slots=True)
class Family:
    """One TF-IDF block: for each feature in the vocabulary, its idf and its coefficient."""

    name: str
    weights: dict[str, tuple[float, float]]

    def decision(self, features: list[str]) -> float:
        """This block's share of the log-odds: ``coef · l2normalise(tf * idf)``."""
        counts = Counter(f for f in features if f in self.weights)
        if not counts:
            return 0.0
        dot = 0.0
        norm = 0.0
        for feature, count in counts.items():
            idf, coef = self.weights[feature]
            value = (1.0 + math.log(count)) * idf
            dot += value * coef
            norm += value * value
        return dot / math.sqrt(norm)


@dataclass(frozen=True, slots=True)
class Model:
    """Exported weights, ready to score sentences."""

    families: tuple[Family, ...]
    intercept: float
    context_weight: float
    slope: float
    """Calibration: the score is ``sigmoid(slope * log_odds + offset)``."""
    offset: float
    meta: dict[str, Any]

    def log_odds(self, sentence: str) -> float:
        """The sentence's log-odds of being check-worthy, on its own."""
        total = self.intercept
        for family in self.families:
            total += family.decision(FEATURE_FAMILIES[family.name](sentence))
        return total

    def with_context(self, values: Sequence[float]) -> list[float]:
        """Log-odds of sentences in reading order, each raised by its neighbours'."""
        return with_context(values, self.context_weight)

    def score(self, sentences: Sequence[str]) -> list[float]:
        """Scores in [0, 1] for sentences in reading order (see the module's docstring)."""
        return [
            self.probability(v) for v in self.with_context([self.log_odds(s) for s in sentences])
        ]

    def probability(self, log_odds: float) -> float:
        """The calibrated probability for ``log_odds``, rounded for display."""
        value = self.slope * log_odds + self.offset
        # Written so that exp never overflows, however far a value is from 0.
        if value >= 0:
            result = 1.0 / (1.0 + math.exp(-value))
        else:
            small = math.exp(value)
            result = small / (1.0 + small)
        return round(result, 4)


def with_context(values: Sequence[float], weight: float) -> list[float]:
    """Each value moved by ``weight`` times its neighbours' distance from the mean (the next and
    previous in full, the two beyond those by half). Also used by the training script."""
    out = list(values)
    if weight and len(values) > 1:
        center = sum(values) / len(values)
        for i in range(len(values)):
            for distance, share in ((1, 1.0), (2, 0.5)):
                for j in (i - distance, i + distance):
                    if 0 <= j < len(values):
                        out[i] += weight * share * (values[j] - center)
    return out


def parse_model(data: dict[str, Any]) -> Model:
    """A :class:`Model` from the weights file's JSON."""
    if data.get("format") != FORMAT:
        raise ValueError(
            f"unsupported check-worthiness model format {data.get('format')!r}; "
            f"this factcheck reads format {FORMAT}"
        )
    families = []
    for name, table in data["families"].items():
        if name not in FEATURE_FAMILIES:
            raise ValueError(f"the model uses an unknown feature family '{name}'")
        families.append(
            Family(
                name, {feature: (float(idf), float(coef)) for feature, (idf, coef) in table.items()}
            )
        )
    calibration = data.get("calibration", {})
    return Model(
        families=tuple(families),
        intercept=float(data["intercept"]),
        context_weight=float(data.get("context_weight", 0.0)),
        slope=float(calibration.get("slope", 1.0)),
        offset=float(calibration.get("intercept", 0.0)),
        meta=dict(data.get("meta", {})),
    )


def read_model(path: Path) -> Model:
    """Read a weights file (gzip-compressed JSON)."""
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        return parse_model(json.load(stream))


@lru_cache(maxsize=1)
def load_model() -> Model:
    """The model shipped with factcheck (read once per process)."""
    resource = resources.files(__package__ or "factcheck.suggest") / MODEL_FILE
    with resources.as_file(resource) as path:
        return read_model(Path(path))
