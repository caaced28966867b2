"""Dates as outside material writes them."""

from __future__ import annotations

import datetime as dt
import re

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
