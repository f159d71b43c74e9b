"""Dates with a precision: ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``.

An imprecise date stands for its whole period.  Events fold in order of the
period's first day (the contract's rule); "on or before D" asks whether the
whole period has ended by D (see :meth:`PartialDate.ends_by`), so an event known
only as "2024" is not counted as having happened by 2024-06-01.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

Precision = Literal["day", "month", "year"]

_PATTERN = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")


_PARSED: dict = {}  # text -> PartialDate (PartialDate.parse's cache)
_PARSED_MAX = 100_000


class DateError(ValueError):
    """A date string that is malformed or impossible."""


@dataclass(frozen=True, order=False)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> "PartialDate":
        # Dates repeat (a store of a million events has a few thousand distinct dates) and a
        # PartialDate is immutable: parse each text once.
        if cls is PartialDate:
            hit = _PARSED.get(text)
            if hit is not None:
                return hit
            parsed = cls._parse(text)
            if len(_PARSED) >= _PARSED_MAX:
                _PARSED.clear()
            _PARSED[text] = parsed
            return parsed
        return cls._parse(text)

    @classmethod
    def _parse(cls, text: str) -> "PartialDate":
        raw = (text or "").strip()
        m = _PATTERN.match(raw)
        if not m:
            raise DateError(
                f"malformed date {raw!r}: use YYYY-MM-DD, YYYY-MM or YYYY"
            )
        year, month, day = (int(g) if g else None for g in m.groups())
        if year < 1:
            raise DateError(f"impossible date {raw!r}: year out of range")
        if month is not None and not 1 <= month <= 12:
            raise DateError(f"impossible date {raw!r}: no month {month}")
        if day is not None:
            try:
                dt.date(year, month, day)
            except ValueError:
                raise DateError(
                    f"impossible date {raw!r}: {calendar.month_name[month]} {year}"
                    f" has no day {day}"
                ) from None
        return cls(year, month, day)

    @classmethod
    def from_date(cls, d: dt.date) -> "PartialDate":
        return cls(d.year, d.month, d.day)

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    @cached_property
    def start(self) -> dt.date:
        """The first day of the period (computed once: it is the fold's sort key)."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def end(self) -> dt.date:
        """The last day of the period."""
        if self.day is not None:
            return self.start
        if self.month is not None:
            return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return dt.date(self.year, 12, 31)

    def ends_by(self, limit: "PartialDate | dt.date") -> bool:
        """True when the whole period lies on or before ``limit``.

        An imprecise ``limit`` means the end of its period: ``--as-of 2025-03``
        is the state at the close of March 2025.
        """
        bound = limit.end if isinstance(limit, PartialDate) else limit
        return self.end <= bound

    def __str__(self) -> str:
        if self.day is not None:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"
