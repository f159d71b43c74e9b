"""Deadlines and silence: what ``status``, ``due`` and the timeline say about time running out.

Rules (pure; documented in the README):

* an event may carry ``due``, the date a plan names; a commitment's **current deadline** is the
  ``due`` of its last live event, in fold order, that names one: a later plan that names a new
  date replaces the earlier one (a slipped deadline moves), a retracted event's ``due`` is gone;
* **overdue**: the as-of date is past the whole period of ``due`` (a month-precision due runs to the
  month's last day, a year to 31 December) and the status is not ``implemented``;
* **quiet**: the commitment has events, and the latest of them ended more than ``quiet_days``
  before the as-of date. A commitment with no events at all has nothing to go quiet on.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Iterable

from tracker.core.dates import PartialDate
from tracker.core.errors import TrackerError
from tracker.core.fold import retracted_ids
from tracker.core.model import Event, Status, sort_key

QUIET_DAYS = 180


def current_due(events: Iterable[Event]) -> PartialDate | None:
    """The due of the last live claim, in fold order, that names one (None when none does)."""
    events = list(events)
    gone = retracted_ids(events)
    due = None
    for e in sorted(events, key=sort_key):
        if e.due is not None and e.is_claim and e.id not in gone:
            due = e.due
    return due


def is_overdue(due: PartialDate | None, status: Status | str, as_of: dt.date) -> bool:
    if due is None or Status(status) is Status.IMPLEMENTED:
        return False
    return as_of > due.end


def quiet_before(as_of: dt.date, quiet_days: int = QUIET_DAYS) -> dt.date:
    """The day a commitment's last event must end on or after not to count as quiet."""
    return as_of - dt.timedelta(days=quiet_days)


def is_quiet(last_event: PartialDate | None, as_of: dt.date, quiet_days: int = QUIET_DAYS) -> bool:
    if last_event is None:
        return False
    return last_event.end < quiet_before(as_of, quiet_days)


def days_left(due: PartialDate, as_of: dt.date) -> int:
    """Days from ``as_of`` to the last day of ``due`` (negative once overdue)."""
    return (due.end - as_of).days


_PERIOD = re.compile(r"^\s*([0-9]{1,6})\s*([dwmy]?)\s*$", re.IGNORECASE)
_DAYS_PER = {"": 1, "d": 1, "w": 7, "m": 30, "y": 365}


def parse_period(text: str, what: str = "--within") -> int:
    """``90d``, ``12w``, ``6m`` (30 days each), ``1y`` (365 days) or a bare number of days."""
    m = _PERIOD.match(text or "")
    if m is None:
        raise TrackerError(f"{what}: malformed period {text!r}: use a number of days with d, w, m "
                           f"or y, e.g. 90d, 12w, 6m, 1y")
    return int(m.group(1)) * _DAYS_PER[m.group(2).lower()]
