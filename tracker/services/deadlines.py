"""Deadlines and silence on the status rows: ``due``, ``overdue``, ``quiet``; and ``tracker due``.

The rules are :mod:`tracker.core.deadlines`; this module applies them to rows of
:func:`tracker.services.queries.status_rows`.
"""
from __future__ import annotations

import datetime as dt

from tracker.core.dates import PartialDate
from tracker.core.deadlines import QUIET_DAYS, days_left, is_overdue, parse_period, quiet_before
from tracker.core.errors import TrackerError


def as_of_day(when: PartialDate | None) -> dt.date:
    """The day the deadline rules are read on: the end of ``--as-of``'s period, else today."""
    return when.end if when is not None else dt.date.today()


def check_quiet_days(quiet_days: int | None) -> int:
    if quiet_days is None:
        return QUIET_DAYS
    if quiet_days < 1 or quiet_days > 100_000:
        raise TrackerError(f"--quiet-days {quiet_days}: give a number of days from 1 to 100000")
    return quiet_days


def with_deadlines(rows: list[dict], when: PartialDate | None, quiet_days: int = QUIET_DAYS) -> list[dict]:
    """Add ``overdue`` and ``quiet`` to status rows that carry ``due`` (in place; returns them)."""
    day = as_of_day(when)
    parse = PartialDate.parse
    # is_quiet, on the stored text where it can be: a day-precision date ends on itself, and ISO
    # dates compare as text (status on a big store reads 10,000s of rows)
    cutoff = quiet_before(day, quiet_days)
    cutoff_text = cutoff.isoformat()
    for r in rows:
        due, last = r.get("due"), r["last_event"]
        r["overdue"] = is_overdue(parse(due), r["status"], day) if due else False
        if not last:
            r["quiet"] = False
        elif len(last) == 10:
            r["quiet"] = last < cutoff_text
        else:
            r["quiet"] = parse(last).end < cutoff
    return rows


def due_rows(rows: list[dict], when: PartialDate | None, within: str | None = None,
             overdue_only: bool = False) -> list[dict]:
    """The rows with a deadline, soonest first, with ``days_left``; ``within`` (e.g. ``90d``)
    keeps those due within that many days of the as-of date (overdue ones included)."""
    day = as_of_day(when)
    limit = parse_period(within) if within is not None else None
    out = []
    for r in rows:
        if not r.get("due"):
            continue
        due = PartialDate.parse(r["due"])
        left = days_left(due, day)
        if overdue_only and not r["overdue"]:
            continue
        if limit is not None and left > limit:
            continue
        out.append({**r, "days_left": left})
    out.sort(key=lambda r: (PartialDate.parse(r["due"]).end, r["commitment"]))
    return out
