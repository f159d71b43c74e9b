"""The due date of a plan: "by the end of next month", "by the end of October 2025", "this summer".

A sentence that reports a decision about the future ("It has been decided that services can
restart by the end of next month") is an event dated by the report, with a deadline: the
plan's date.  :func:`find_due` reads that date, at the precision the words give:

- a date after the published date (any form :mod:`tracker.ingest.textdates` reads: "by the
  end of October 2025" is 2025-10, "on 9 November" is that day, "next month");
- a season of the published year not yet over: "this summer" (by the end of August), "this
  spring" (May), "this autumn" / "this fall" (November); "by the end of the year" / "by
  year-end" is December of the published year;
- nothing when the plan has no deadline: "at the earliest", "no earlier than".
"""
from __future__ import annotations

import re

from tracker.core.dates import PartialDate
from tracker.ingest.textdates import find_date

_NO_DEADLINE = re.compile(r"\bat\s+the\s+earliest\b|\bno\s+earlier\s+than\b|\bnot\s+before\b", re.IGNORECASE)
_SEASON = re.compile(r"\b(?:this|by|in|over\s+the|during\s+the)\s+(?:coming\s+)?(summer|spring|autumn|fall)\b",
                     re.IGNORECASE)
_SEASON_END = {"spring": 5, "summer": 8, "autumn": 11, "fall": 11}
_YEAR_END = re.compile(r"\bby\s+(?:the\s+end\s+of\s+(?:the|this)\s+year|year[\s-]end|the\s+year's\s+end)\b",
                       re.IGNORECASE)
_END_OF_YEAR = re.compile(r"\bby\s+the\s+end\s+of\s+((?:19|20)\d\d)\b", re.IGNORECASE)


def find_due(text: str, published: PartialDate) -> PartialDate | None:
    """The plan's deadline in ``text`` (a clause about the future), or None."""
    if _NO_DEADLINE.search(text):
        return None
    found = find_date(text, published, future=True)
    start = published.start
    if found is not None:
        try:
            if found.date.start > published.end:
                return found.date
        except (ValueError, OverflowError):
            return None
    year_end = _END_OF_YEAR.search(text)
    if year_end and int(year_end.group(1)) >= start.year:
        return PartialDate(int(year_end.group(1)), 12)
    season = _SEASON.search(text)
    if season:
        month = _SEASON_END[season.group(1).lower()]
        if month >= start.month:
            return PartialDate(start.year, month)
    if _YEAR_END.search(text):
        return PartialDate(start.year, 12)
    return None
