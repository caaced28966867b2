"""Placing outside ratings on our scale, in the order content-format.md fixes."""

from __future__ import annotations

import pytest

from factcheck.diagnostics import Position
from factcheck.importing.ratings import RatingProblem, map_rating
from factcheck.model import Config, Organization, Rating


def _config(*, off_scale: bool = True, mapping: dict[str, str] | None = None) -> Config:
    scale = [
        ("accurate", "Accurate", 5),
        ("mostly-accurate", "Mostly accurate", 4),
        ("misleading", "Misleading", 2),
        ("false", "False", 1),
    ]
    ratings = [Rating(i, label, value, "", Position(1, 1)) for i, label, value in scale]
    if off_scale:
        ratings.append(Rating("unproven", "Unproven", None, "", Position(1, 1)))
    return Config("T", Organization("T"), ratings, import_ratings=mapping or {})


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("false", "false"),
        ("FALSE", "false"),
        ("Mostly Accurate", "mostly-accurate"),
        ("mostly-accurate", "mostly-accurate"),
        ("  Misleading ", "misleading"),
    ],
)
def test_our_own_ids_and_labels_are_kept(label: str, expected: str) -> None:
    mapped = map_rating(_config(), label)
    assert (mapped.rating, mapped.how) == (expected, "scale")


def test_the_mapping_comes_before_the_value() -> None:
    config = _config(mapping={"falso": "false", "missing context": "misleading"})
    assert map_rating(config, "Falso", value=5).rating == "false"
    mapped = map_rating(config, "Missing Context")
    assert (mapped.rating, mapped.how) == ("misleading", "mapping")


def test_the_mapping_by_number() -> None:
    config = _config(mapping={"3": "misleading"})
    assert map_rating(config, "Half true", value="3").rating == "misleading"
    assert map_rating(config, None, value=3.0).how == "mapping"


@pytest.mark.parametrize(
    ("value", "worst", "best", "expected"),
    [
        (1, 1, 5, "false"),
        (5, 1, 5, "accurate"),
        (4, 1, 5, "mostly-accurate"),
        (1, 1, 6, "false"),
        (6, 1, 6, "accurate"),
        ("2", "1", "5", "misleading"),
        (3, 1, 5, "misleading"),  # halfway: a tie between 2 and 4 goes to the lower rating
        (3, None, None, "misleading"),  # schema.org's default bounds are 1..5
        (0, 0, 1, "false"),
        (1, 0, 1, "accurate"),
        (5, 5, 1, "false"),  # a scale written worst-high still maps its worst onto ours
    ],
)
def test_a_value_is_placed_on_our_scale(
    value: object, worst: object, best: object, expected: str
) -> None:
    mapped = map_rating(_config(), "Some label", value=value, worst=worst, best=best)
    assert (mapped.rating, mapped.how) == (expected, "value")


@pytest.mark.parametrize(
    ("label", "value"),
    [
        ("Reker hat diesen Satz nie gesagt.", None),
        (None, None),
        ("x", "n/a"),
        ("x", 9),
    ],
)
def test_everything_else_is_off_scale(label: str | None, value: object) -> None:
    mapped = map_rating(_config(), label, value=value)
    assert (mapped.rating, mapped.how) == ("unproven", "off-scale")


def test_no_off_scale_rating_to_fall_back_on() -> None:
    with pytest.raises(RatingProblem, match="no off-scale rating"):
        map_rating(_config(off_scale=False), "Something else")
