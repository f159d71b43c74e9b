"""The rules a claim must pass to be recorded: one place, used by every path.

``tracker add``, ``tracker import``, ``tracker ingest``, the bundled data and ``tracker verify``
all ask these functions, so the same claim gets the same answer wherever it comes from
(``tests/unit/test_claims.py`` and ``tests/cli/test_same_answer.py`` hold them to it).

A *claim* is an event of one of :data:`CLAIM_KINDS`: it cites a source and quotes it.

- **Kind**: one of the claim kinds, case-insensitively (:func:`parse_kind`).
- **Quote**: at least :data:`MIN_QUOTE_CHARS` characters and :data:`MIN_QUOTE_WORDS` words,
  found verbatim in the source's stored text (:func:`quote_problem`).
- **Dated by its source**: an event cannot have happened after the source reporting it was
  published (:func:`date_problem`); a plan announced in a source is dated by the source.
- **Storable text**: no NUL and no lone surrogate in any field (:func:`text_problem`).
- **Field limits**: :data:`FIELD_LIMITS`, which the table definitions use too.
- **Already recorded** (:func:`claim_key`): a claim is the same as a *live* (not retracted)
  event of the same commitment with the same kind, date and source. The quote is not part of
  the key: a second sentence of one source saying the same thing is the same claim. A retracted
  claim may be recorded again (that is how a wrong retraction is answered by a new claim).

Pure: it imports neither SQLAlchemy nor click.
"""
from __future__ import annotations

import difflib
from typing import Iterable

from tracker.core.dates import DateError, PartialDate
from tracker.core.errors import TrackerError, quoted
from tracker.core.fold import retracted_ids
from tracker.core.model import CLAIM_KINDS, Event, Kind

MIN_QUOTE_CHARS = 12
MIN_QUOTE_WORDS = 2
#: A source's short id: the first hex digits of the SHA-256 of its text.
SOURCE_ID_LENGTH = 12
#: Longest value of each bounded text column (the tables in tracker/store/schema.py use these).
FIELD_LIMITS = {"id": 32, "recorded_at": 32, "commitment": 80, "kind": 20, "source": 16, "date": 10,
                "target": 32, "sha256": 64, "published": 10, "status": 20}

_CLAIM_NAMES = {k.value: k for k in CLAIM_KINDS}


class ClaimError(TrackerError):
    """A claim that breaks one of the rules above (an input error: exit 2)."""


def parse_kind(text: str | None) -> Kind:
    """A claim kind from what a person typed or a file holds, or a :class:`ClaimError` with a hint."""
    kind = _CLAIM_NAMES.get((text or "").strip().lower()) if isinstance(text, str) else None
    if kind is None:
        close = difflib.get_close_matches(str(text or "").lower(), list(_CLAIM_NAMES), n=1)
        hint = f"; did you mean {close[0]}?" if close else ""
        raise ClaimError(f"unknown kind {quoted(text)}{hint} (one of: {', '.join(_CLAIM_NAMES)})")
    return kind


def source_id(sha256: str) -> str:
    return sha256[:SOURCE_ID_LENGTH]


def text_problem(value: str) -> str | None:
    """Why ``value`` cannot be stored as text by every database, or None."""
    if "\x00" in value:
        return "contains a NUL character"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "is not valid Unicode text (a lone surrogate): check the terminal's encoding"
    return None


def length_problem(field: str, value: str) -> str | None:
    limit = FIELD_LIMITS.get(field)
    if limit is not None and len(value) > limit:
        return f"{field} is longer than {limit} characters"
    return None


def as_found(quote, text: str | None):
    """The source's own span for a quote typed loosely (whitespace, line breaks, curly quotes and
    dashes may differ: :func:`tracker.core.quotes.exact_span`), else the quote as given. Every
    path that takes a quote from a person or a file stores this, so stored quotes are verbatim."""
    from tracker.core.quotes import exact_span

    if not isinstance(quote, str) or text is None:
        return quote
    return exact_span(quote, text) or quote


def quote_problem(quote: str | None, text: str | None) -> str | None:
    """Why ``quote`` is not evidence from ``text``, or None. ``text`` None: the source is unknown."""
    if not isinstance(quote, str) or not quote.strip():
        return "the quote is empty: copy the sentence from the source that supports the event"
    if len(quote.strip()) < MIN_QUOTE_CHARS or len(quote.split()) < MIN_QUOTE_WORDS:
        return (f"the quote {quote!r} is too short to be evidence: copy the words of the source that "
                f"say so (at least {MIN_QUOTE_CHARS} characters and {MIN_QUOTE_WORDS} words)")
    if text is not None and quote not in text:
        return "the quote is not in the source verbatim: copy it exactly from the text"
    return None


def parse_date(value, what: str = "date") -> PartialDate:
    try:
        return PartialDate.parse(str(value) if value is not None else "")
    except DateError as exc:
        raise ClaimError(f"{what}: {exc}") from None


def date_problem(date: PartialDate, published: PartialDate | str | None, source: str | None) -> str | None:
    """An event dated after its source was published, or None."""
    if published is None:
        return None
    if isinstance(published, str):
        try:
            published = PartialDate.parse(published)
        except DateError:
            return None  # the source's own date is checked where the source is
    if date.start > published.end:
        return (f"date {date} is after source {source} was published ({published}): an event is "
                f"dated when it happened; a plan announced in the source is dated by the source")
    return None


def claim_problems(kind, date, quote, text: str | None, published=None, source: str | None = None) -> list[str]:
    """Every rule a claim breaks, in one list (empty: it may be recorded)."""
    problems = []
    try:
        parse_kind(kind) if not isinstance(kind, Kind) else kind
    except ClaimError as exc:
        problems.append(str(exc))
    the_date = None
    try:
        the_date = date if isinstance(date, PartialDate) else parse_date(date)
    except ClaimError as exc:
        problems.append(str(exc))
    if text is None and source is not None:
        problems.append(f"unknown source {quoted(source)}")
    why = quote_problem(quote, text)
    if why:
        problems.append(why)
    if the_date is not None:
        why = year_problem(the_date) or date_problem(the_date, published, source)
        if why:
            problems.append(why)
    return problems


def claim_key(commitment: str, kind: Kind | str, date: PartialDate | str, source: str | None) -> tuple:
    """What makes two claims the same claim (see the module's docstring)."""
    return (commitment, Kind(kind).value if not isinstance(kind, Kind) else kind.value, str(date), source)


def live_claim_keys(stream: Iterable[Event]) -> dict[tuple, Event]:
    """The claim keys of a stream's live claims, each with the event that holds it."""
    stream = list(stream)
    gone = retracted_ids(stream)
    return {claim_key(e.commitment, e.kind, e.date, e.source): e
            for e in stream if e.is_claim and e.id not in gone}


# --- field rules for records read from files (tracker import) ----------------------------------

#: Dates a record may carry: anything outside is a typo (20255-01-01) or a forgery.
FIRST_YEAR, LAST_YEAR = 1900, 2100
#: Largest stream version a record may give (the column is a 32-bit integer on every engine).
MAX_VERSION = 2**31 - 1


def year_problem(date: PartialDate, what: str = "date") -> str | None:
    """A date outside :data:`FIRST_YEAR`–:data:`LAST_YEAR`, or None."""
    if not FIRST_YEAR <= date.start.year <= LAST_YEAR:
        return f"{what} {date} is outside {FIRST_YEAR}-{LAST_YEAR}"
    return None


def published_problem(published: PartialDate, today) -> str | None:
    """A publication date in the future by more than a year (a typo), or outside the years, or None."""
    why = year_problem(published, "published")
    if why:
        return why
    try:
        limit = today.replace(year=today.year + 1)
    except ValueError:  # 29 February
        limit = today.replace(year=today.year + 1, day=28)
    if published.start > limit:
        return f"published {published} is more than a year after today ({today.isoformat()})"
    return None


def version_problem(value) -> str | None:
    """A stream version that is not an integer from 0 to :data:`MAX_VERSION`, or None (absent is fine)."""
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        return f"version must be an integer, not {type(value).__name__} {str(value)[:20]!r}"
    if not 0 <= value <= MAX_VERSION:  # an import numbers the events itself; 0: "not yet numbered"
        digits = str(value)
        shown = digits if len(digits) <= 20 else f"{digits[:20]}... ({len(digits)} digits)"
        return f"version {shown} is out of range (0 to {MAX_VERSION})"
    return None


def recorded_at_problem(value) -> str | None:
    """A recording time that is not an ISO 8601 date and time within the years, or None."""
    import datetime as dt

    if value is None:
        return None
    if not isinstance(value, str):
        return f"recorded_at must be an ISO 8601 time, not {type(value).__name__}"
    try:
        stamp = dt.datetime.fromisoformat(value)
    except ValueError:
        return f"recorded_at {value[:40]!r} is not an ISO 8601 time (like 2025-01-27T09:30:00+00:00)"
    if not FIRST_YEAR <= stamp.year <= LAST_YEAR:
        return f"recorded_at {value[:40]!r} is outside {FIRST_YEAR}-{LAST_YEAR}"
    return None
