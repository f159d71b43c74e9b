"""Dates in running text, resolved against the date a text was published.

:func:`extract_date` reads one sentence and gives the first date it mentions, at
the precision the words support, with a short basis saying how it was read:

- ``26 October 2025``, ``October 26, 2025``, ``Oct. 26, 2025``, ``26.10.2025`` and ``26/10/2025``
  (day first, as official Indian papers write it), ``2025-10-26`` (day);
- ``Jan. 27``, ``26 October``, and ranges ``26-27 January``, ``January 26 to 27``,
  ``June 12-13`` (the first day): the published year, or the year before when that
  would fall after the published date;
- ``January 2025`` (month); ``in April`` (month, year as above); ``last October``,
  ``last month``, ``this month``;
- ``in 2024`` / ``since 2020`` / ``of 2024`` (year); ``this year``, ``last year``;
- ``today``, ``yesterday``; a weekday (``on Sunday``): the latest such day on or
  before the published date;
- ``next month``, ``next year``.

Read with ``future=True`` (a sentence in the future tense, "flights will begin on 9
November"), a date without a year, and a weekday, is the next one on or after the
published date instead.  :func:`not_after_report` dates an event by the report when the
date found lies after the published date (the plan's date, not the event's).

With none of these, the published date itself.  :func:`find_published` finds the
date line of a text (``date 2025-01-27``, ``time:2025-01-31 07:59:17``,
``09:38, January 28, 2025``, ``Published: 12 June 2025``, and near the top a place and
a full date: ``New Delhi, 26 April 2025``, ``NEW DELHI, April 26, 2025``,
``Beijing, 27 January 2025 (Xinhua)``).
"""
from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from tracker.core.dates import PartialDate

__all__ = ["TextDate", "extract_date", "find_date", "find_dateline", "find_published", "not_after_report"]

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

# Month names are matched with a capital first letter, so "may" and "march" the verbs are not months.
MONTH_WORD = (r"(?:January|February|March|April|May|June|July|August|September|October|"
               r"November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?")
_MON = rf"(?P<mon>{MONTH_WORD})"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)\b"
_RANGE_END = r"(?:\s*(?:-|–|—|to|and|,)\s*[0-3]?\d(?:st|nd|rd|th)?\b)?"

_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("day month year", re.compile(rf"\b{_DAY}{_RANGE_END}\s+(?:of\s+)?{_MON},?\s+{_YEAR}")),
    ("month day year", re.compile(rf"\b{_MON}\s+{_DAY}\b{_RANGE_END},?\s+{_YEAR}")),
    ("numeric", re.compile(r"(?<![\d./-])(?P<nd>[0-3]?\d)[./](?P<nm>[01]?\d)[./](?P<ny>(?:19|20)\d\d)(?![\d])")),
    ("iso", re.compile(r"(?<![\d./-])(?P<iy>(?:19|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d)(?![\d])")),
    ("day month", re.compile(rf"\b{_DAY}{_RANGE_END}\s+(?:of\s+)?{_MON}(?![\w-])")),
    ("month day", re.compile(rf"\b{_MON}\s+{_DAY}\b(?![,.]?\d)")),
    ("month year", re.compile(rf"\b{_MON},?\s+(?:of\s+)?{_YEAR}")),
    ("last month-name", re.compile(rf"\blast\s+{_MON}")),
    # the preposition in either case ("In January, ...", "Since 2020, ..."); the month still capitalised
    ("month", re.compile(rf"\b(?i:in|since|during|by|until|from|between|early|late|mid|end of)[\s-]+(?:early\s+|late\s+|mid-)?{_MON}")),
    ("year", re.compile(rf"\b(?i:in|of|since|during|by|until|from|year|summer|winter|spring|autumn)\s+{_YEAR}")),
    ("relative", re.compile(r"\b(?P<rel>this year|last year|next year|this month|last month|next month|today|yesterday|tomorrow)\b",
                            re.IGNORECASE)),
    # not a weekday the date right after it gives: "on Monday 10 November", "Tuesday, June 12"
    ("weekday", re.compile(rf"\b(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
                           rf"(?!,?\s{{1,3}}(?:[0-3]?\d(?:st|nd|rd|th)?\s{{1,3}}(?:of\s{{1,3}})?{MONTH_WORD}|{MONTH_WORD}\s{{1,3}}[0-3]?\d\b))")),
]


class TextDate(NamedTuple):
    date: PartialDate
    basis: str
    words: str = ""  # the words the date was read from ("" for the published date)


def extract_date(sentence: str, published: PartialDate, future: bool = False) -> TextDate:
    """The first date ``sentence`` mentions, else ``published``; never raises on any text."""
    return find_date(sentence, published, future) or TextDate(
        published, f"no date in the sentence: published {published}"
    )


def find_date(sentence: str, published: PartialDate, future: bool = False) -> TextDate | None:
    """The first date ``sentence`` mentions, or None when it mentions none.

    With ``future``, a date without a year (or a weekday) is the next one, not the last."""
    found: list[tuple[int, int, TextDate]] = []
    for order, (form, pattern) in enumerate(_PATTERNS):
        for m in pattern.finditer(sentence or ""):
            date = _resolve(form, m, published, future)
            if date is not None:
                anchor = next((m.start(k) for k in ("mon", "year") if m.groupdict().get(k)), m.start())
                found.append((anchor, order, date))
                break
    return min(found, key=lambda f: (f[0], f[1]))[2] if found else None


def _resolve(form: str, m: re.Match, published: PartialDate, future: bool = False) -> TextDate | None:
    found = _read(form, m, published, future)
    if found is None or found.date is None:
        return None
    try:
        found.date.end  # a year past 9999 ("next year" in 9999) is no date
    except (ValueError, OverflowError):
        return None
    words = re.sub(r"(?<=[a-z]{4})\.$", "", " ".join(m.group(0).split()))  # not the sentence's full stop
    return found._replace(words=words)


def _read(form: str, m: re.Match, published: PartialDate, future: bool) -> TextDate | None:
    g = m.groupdict()
    words = " ".join(m.group(0).split())
    pub = published.start
    month = _MONTHS.get((g.get("mon") or "").rstrip(".").lower())
    try:
        if form in ("day month year", "month day year"):
            return TextDate(_day(int(g["year"]), month, int(g["day"])), f"{form} {words!r}")
        if form == "numeric":  # 26.10.2025, 15/05/2019: day first, as Indian official papers write it (10/05/2025 is 10 May)
            return TextDate(_day(int(g["ny"]), int(g["nm"]), int(g["nd"])), f"day.month.year {words!r}")
        if form == "iso":
            return TextDate(_day(int(g["iy"]), int(g["im"]), int(g["id"])), f"date {words!r}")
        if form in ("day month", "month day"):
            year = pub.year
            date = _day(year, month, int(g["day"]))
            if date is not None and not future and date.start > pub:
                year -= 1
                date = _day(year, month, int(g["day"]))
            elif date is not None and future and date.start < pub:
                year += 1
                date = _day(year, month, int(g["day"]))
            when = "the next after" if future else "no year given,"
            return date and TextDate(date, f"{words!r} in {year}: {when} published {published}")
        if form == "month year":
            return TextDate(PartialDate(int(g["year"]), month), f"month {words!r}")
        if form == "month" and future:
            year = pub.year if month >= pub.month else pub.year + 1
            return TextDate(PartialDate(year, month), f"{words!r}: next {g['mon']} from published {published}")
        if form in ("month", "last month-name"):
            year = pub.year if form == "month" and month <= pub.month else pub.year - 1
            if form == "last month-name" and month < pub.month:
                year = pub.year
            return TextDate(PartialDate(year, month), f"{words!r}: latest {g['mon']} before published {published}")
        if form == "year":
            return TextDate(PartialDate(int(g["year"])), f"year {words!r}")
        if form == "relative":
            return _relative(g["rel"].lower(), pub, published)
        if form == "weekday":
            wanted = _WEEKDAYS.index(g["wd"].lower())
            if future:
                day = pub + dt.timedelta(days=(wanted - pub.weekday()) % 7)
                return TextDate(PartialDate.from_date(day), f"weekday {g['wd']!r} on or after published {published}")
            day = pub - dt.timedelta(days=(pub.weekday() - wanted) % 7)
            return TextDate(PartialDate.from_date(day), f"weekday {g['wd']!r} on or before published {published}")
    except (ValueError, OverflowError, TypeError):
        return None
    return None


def _day(year: int, month: int | None, day: int) -> PartialDate | None:
    try:
        return PartialDate.from_date(dt.date(year, month or 0, day))
    except ValueError:
        return None


def _relative(rel: str, pub: dt.date, published: PartialDate) -> TextDate:
    if rel == "this year":
        date = PartialDate(pub.year)
    elif rel == "last year":
        date = PartialDate(pub.year - 1)
    elif rel == "this month":
        date = PartialDate(pub.year, pub.month)
    elif rel == "next year":
        date = PartialDate(pub.year + 1)
    elif rel == "last month":
        date = PartialDate(pub.year - (pub.month == 1), (pub.month - 2) % 12 + 1)
    elif rel == "next month":
        date = PartialDate(pub.year + (pub.month == 12), pub.month % 12 + 1)
    elif rel == "yesterday":
        date = PartialDate.from_date(pub - dt.timedelta(days=1))
    elif rel == "tomorrow":
        date = PartialDate.from_date(pub + dt.timedelta(days=1))
    else:
        date = PartialDate.from_date(pub)
    return TextDate(date, f"{rel!r} from published {published}")


def not_after_report(found: TextDate, published: PartialDate) -> TextDate:
    """``found``, unless it lies wholly after ``published``: an event cannot have happened
    after the report of it, so a later date is the plan's, and the event is dated by the
    report.  An imprecise date whose period holds the published date ("in 2025") stays."""
    try:
        after = found.date.start > published.end
    except (ValueError, OverflowError, AttributeError):
        return found
    if not after:
        return found
    words = found.words or str(found.date)
    return TextDate(published, f"future date {words!r} is the plan's; dated by the report, published {published}",
                    found.words)


# The place in capitals ("BEIJING"), or written as a name ("Pithoragarh", "New Delhi"; not "In
# Beijing", "Earlier" or "Sunday"), then only with a news agency's tag or a dash right after the date
_NAMED_PLACE = (r"(?!(?:In|On|At|By|From|Since|Until|After|Before|Till|For|As|Of|Earlier|Later|Meanwhile|Then"
                r"|Yesterday|Today|Last|Next|This|The|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)"
                r"[A-Z][^\W\d_]+(?:[ \t][A-Z][^\W\d_]+){0,2}")
_DATELINE = re.compile(
    rf"^[ \t\u00a0]*+(?=\w)(?P<place>[A-Z][A-Z .'’/-]{{1,40}}|(?P<named>{_NAMED_PLACE}))"
    rf",\s+(?P<when>{_MON}\s+{_DAY}\b(?:,?\s+{_YEAR})?)"
    r"(?(named)\s*(?:\((?:PTI|IANS|ANI|UNI|Xinhua|Reuters|AFP|AP)\)|--|—)|[^\n]{0,40}?(?:\(|--|—|–|:))",
    re.M,
)


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """Where the datelines' dates are ("BEIJING, Jan. 27 (Xinhua) --"): when the story was filed,
    not when what its lead sentence reports happened."""
    return [m.span("when") for m in _DATELINE.finditer(text or "")]


def find_dateline(text: str, published: PartialDate) -> TextDate | None:
    """The date of a news dateline ("BEIJING, Jan. 27 (Xinhua) --"): the day the story reports."""
    for m in _DATELINE.finditer(text or ""):
        found = find_date(m.group("when"), published)
        if found is not None and found.date.precision == "day":
            words = " ".join(f"{m.group('place')}, {m.group('when')}".split())
            return TextDate(found.date, f"dateline {words!r} ({found.basis})")
    return None


_ISO = r"(?P<iso>\d{4}-\d{2}-\d{2})"
_PUBLISHED_LINES = [
    re.compile(rf"^[ \t\u00a0]*+(?=\w)(?:date|dated|published|posted|updated)[ \t]*+(?:on)?+[ \t]*+:?+[ \t]*+{_ISO}", re.I | re.M),
    re.compile(rf"\b(?:time|date|published|posted)[ \t]*:[ \t]*{_ISO}", re.I),
    re.compile(rf"^[ \t\u00a0]*+(?=\w){_ISO}(?:[ T]\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?[ \t]*$", re.M),
    re.compile(rf"\b\d{{1,2}}:\d{{2}}(?::\d{{2}})?,?\s+{_MON}\s+{_DAY},?\s+{_YEAR}"),
    re.compile(rf"^[ \t\u00a0]*+(?=\w)(?:(?:published|posted|updated|date)[ \t]*+(?:on)?+[ \t]*+:?+[ \t]*+)?"
               rf"(?:{_MON}\s+{_DAY},?\s+{_YEAR}|{_DAY.replace('day', 'd2')}\s+{_MON.replace('mon', 'm2')},?\s+{_YEAR.replace('year', 'y2')})"
               rf"(?:,?\s+\d{{1,2}}:\d{{2}}.*)?[ \t]*$", re.I | re.M),
]


# A dateline near the top: a place (up to four capitalised words) at the start of a line, a
# comma, a full date, then the end of the line or a news agency / separator ("(Xinhua) --").
_PLACE = r"[A-Z][^\W\d_]*\.?(?:[ \t]+[A-Z][^\W\d_]*\.?){0,3}"
_PLACE_DATE_LINE = re.compile(
    rf"^[ \t\u00a0]*+(?=\w){_PLACE},[ \t]+(?:{_ISO}|{_MON}\s+{_DAY},?\s+{_YEAR}"
    rf"|{_DAY.replace('day', 'd2')}\s+(?:of\s+)?{_MON.replace('mon', 'm2')},?\s+{_YEAR.replace('year', 'y2')})"
    r"[ \t\u00a0]*(?:$|\(|--|—|–|:|\|)",
    re.M,
)
_TOP_LINES = 12  # a place-and-date line counts among the first this many non-blank lines


def _top(text: str) -> int:
    """Where the first :data:`_TOP_LINES` non-blank lines of ``text`` end."""
    seen = 0
    for m in re.finditer(r"[^\n]*\n?", text):
        if m.group(0).strip():
            seen += 1
            if seen >= _TOP_LINES:
                return m.end()
        if not m.group(0):
            break
    return len(text)


def find_published(text: str) -> PartialDate | None:
    """The date of a date line in ``text`` (the first one found), else None."""
    best: tuple[int, PartialDate] | None = None
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")  # Windows and old Mac line ends
    for pattern in (*_PUBLISHED_LINES, _PLACE_DATE_LINE):
        end = _top(text) if pattern is _PLACE_DATE_LINE else len(text)
        for m in pattern.finditer(text, 0, end):
            date = _published_date(m.groupdict())
            if date is not None:
                if best is None or m.start() < best[0]:
                    best = (m.start(), date)
                break
    return best[1] if best else None


def _published_date(g: dict) -> PartialDate | None:
    try:
        if g.get("iso"):
            return PartialDate.from_date(dt.date.fromisoformat(g["iso"]))
        if g.get("year"):
            return _day(int(g["year"]), _MONTHS.get(g["mon"].rstrip(".").lower()), int(g["day"]))
        if g.get("y2"):
            return _day(int(g["y2"]), _MONTHS.get(g["m2"].rstrip(".").lower()), int(g["d2"]))
    except (ValueError, KeyError, AttributeError):
        return None
    return None
