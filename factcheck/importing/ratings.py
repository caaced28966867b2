"""Placing an outside organisation's rating on the project's own scale.

The order is the one content-format.md fixes for imported checks, and claim sheets use it too:

1. a label that is one of our rating ids or labels (without regard to case) is kept;
2. failing that, ``import.ratings`` in factcheck.yaml (outside labels, or rating values written
   as numbers, to our rating ids);
3. failing that, the numeric ``ratingValue``, placed on our numeric scale;
4. failing that, the scale's off-scale rating (the one without a value), with a warning.

Nothing is dropped: an outside verdict always arrives with some rating, and its own label is kept
beside it as ``original_rating``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from ..model import Config

How = Literal["scale", "mapping", "value", "off-scale"]

# schema.org's defaults for a Rating that gives no bounds.
DEFAULT_WORST = 1.0
DEFAULT_BEST = 5.0


class RatingProblem(Exception):
    """A rating that cannot be placed at all (the scale has no off-scale rating to fall back on)."""


@dataclass(frozen=True, slots=True)
class MappedRating:
    rating: str
    """Our rating id."""
    how: How
    """Which rule placed it (``off-scale`` deserves a warning)."""


def number(value: object) -> float | None:
    """A rating value or bound as a number; ClaimReview often gives them as text ("1")."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        result = float(value)
    elif isinstance(value, str):
        try:
            result = float(value.strip())
        except ValueError:
            return None
    else:
        return None
    return result if math.isfinite(result) else None


def _number_keys(value: float) -> list[str]:
    """How a user may have written a rating value as a key of ``import.ratings``."""
    keys = [repr(value)]
    if value.is_integer():
        keys.insert(0, str(int(value)))
    return keys


def map_rating(
    config: Config,
    label: str | None,
    *,
    value: object = None,
    worst: object = None,
    best: object = None,
) -> MappedRating:
    """Our rating for an outside ``label`` and/or numeric ``value`` on a ``worst``..``best``
    scale. Raises :class:`RatingProblem` only when nothing fits and the scale has no off-scale
    rating to fall back on."""
    wanted = " ".join((label or "").split()).casefold()
    if wanted:
        for rating in config.ratings:
            if wanted in (rating.id.casefold(), rating.label.casefold()):
                return MappedRating(rating.id, "scale")
        # import.ratings keys are lower-cased as written; try them as written and as spaced here.
        for key in ((label or "").strip().lower(), " ".join((label or "").split()).lower()):
            mapped = config.import_ratings.get(key)
            if mapped and config.rating(mapped):
                return MappedRating(mapped, "mapping")
    their_value = number(value)
    if their_value is not None:
        for key in _number_keys(their_value):
            mapped = config.import_ratings.get(key)
            if mapped and config.rating(mapped):
                return MappedRating(mapped, "mapping")
        placed = place_value(config, their_value, number(worst), number(best))
        if placed is not None:
            return MappedRating(placed, "value")
    for rating in config.ratings:
        if rating.value is None:
            return MappedRating(rating.id, "off-scale")
    raise RatingProblem(
        f"the rating '{label or value}' has no place on the scale, and the scale has no "
        "off-scale rating (one without a value) to fall back on"
    )


def place_value(
    config: Config, value: float, worst: float | None, best: float | None
) -> str | None:
    """The id of our numeric rating nearest to ``value`` on a ``worst``..``best`` scale.

    Their scale is stretched onto ours end to end (their worst onto our worst, their best onto
    our best), so a 1-of-1..5 and a 1-of-1..6 both land on our lowest rating. A tie goes to the
    lower rating: claiming more accuracy than the outside check gave would misreport it.
    """
    worst = DEFAULT_WORST if worst is None else worst
    best = DEFAULT_BEST if best is None else best
    ours = [r for r in config.ratings if r.value is not None]
    if not ours or best == worst:
        return None
    low, high = min(worst, best), max(worst, best)
    if not low <= value <= high:
        return None
    fraction = (value - worst) / (best - worst)
    our_worst = float(min(r.value for r in ours if r.value is not None))
    our_best = float(max(r.value for r in ours if r.value is not None))
    target = our_worst + fraction * (our_best - our_worst)
    nearest = min(ours, key=lambda r: (abs(float(r.value or 0) - target), float(r.value or 0)))
    return nearest.id
