"""Dates read from text: the one rule for each way a date is written.

- :func:`parse_iso`: a date (``2026-03-10``) or a date-time (``2026-03-10T14:05:00``), as people
  write them in front matter, on the command line and in claim sheets;
- :func:`leading_date` and :func:`page_date`: the date that outside material (ClaimReview, web
  pages) starts with.
"""

from __future__ import annotations

import datetime as dt
import re

Date = dt.date | dt.datetime


def parse_iso(text: str) -> Date:
    """``text`` as a date, or as a date-time when it has a time of day; ValueError if it is
    neither."""
    value = text.strip()
    if "T" in value or " " in value:
        return dt.datetime.fromisoformat(value)
    return dt.date.fromisoformat(value)


_LEADING_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def leading_date(text: str | None) -> dt.date | None:
    """The date that ``text`` starts with ("2020-06-24 00:03", "2020-03-27T10:46:13+0200",
    "2019-06-20T12:12:40Z", "2020-6-4"), or None when it starts with no real date."""
    match = _LEADING_DATE.match(text or "")
    if not match:
        return None
    try:
        return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


_DATE_TIME = re.compile(r"(\d{4}-\d{1,2}-\d{1,2})T(\d{2}):(\d{2}):(\d{2})([+-]\d{2}:?\d{2}|Z)?\Z")


def page_date(text: str | None) -> dt.date | dt.datetime | None:
    """A page's publication date with its time of day and UTC offset where it gives them
    ("2026-04-02T10:00:00+0100"); a bare date, or midnight with no offset (how a date-only
    page comes out of htmldate), is a date."""
    day = leading_date(text)
    match = _DATE_TIME.match((text or "").strip())
    if day is None or match is None:
        return day
    hour, minute, second, offset = match.groups()[1:]
    if (hour, minute, second) == ("00", "00", "00") and offset is None:
        return day
    try:
        moment = dt.datetime(day.year, day.month, day.day, int(hour), int(minute), int(second))
    except ValueError:
        return day
    if offset:
        sign = -1 if offset.startswith("-") else 1
        digits = offset.lstrip("+-").replace(":", "")
        if offset == "Z":
            moment = moment.replace(tzinfo=dt.UTC)
        else:
            delta = dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
            moment = moment.replace(tzinfo=dt.timezone(sign * delta))
    return moment
