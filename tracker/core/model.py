"""The pure core's vocabulary: statuses, event kinds, events and the state a fold yields.

Nothing here touches a database or a terminal, so every rule of the contract's
kind table is tested in microseconds (tests/test_domain.py).
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field, fields

from tracker.core.dates import PartialDate


class Status(str, enum.Enum):
    NOT_STARTED = "not_started"
    PROPOSED = "proposed"
    UNDER_DISCUSSION = "under_discussion"
    AGREED = "agreed"
    IN_PROGRESS = "in_progress"
    IMPLEMENTED = "implemented"
    STALLED = "stalled"
    SUSPENDED = "suspended"
    ABANDONED = "abandoned"

    def __str__(self) -> str:
        return self.value


FORWARD_TRACK: tuple[Status, ...] = (
    Status.NOT_STARTED,
    Status.PROPOSED,
    Status.UNDER_DISCUSSION,
    Status.AGREED,
    Status.IN_PROGRESS,
    Status.IMPLEMENTED,
)
OFF_TRACK = frozenset({Status.STALLED, Status.SUSPENDED, Status.ABANDONED})


class Kind(str, enum.Enum):
    """What an event says happened (past tense: these are facts, not requests)."""

    RAISED = "raised"
    DISCUSSED = "discussed"
    AGREED = "agreed"
    PROGRESS = "progress"
    IMPLEMENTED = "implemented"
    REAFFIRMED = "reaffirmed"
    STALLED = "stalled"
    SUSPENDED = "suspended"
    ABANDONED = "abandoned"
    # Bookkeeping kinds: they live in the same streams but never move a status.
    DEFINED = "defined"  # the commitment's definition (title, aliases, ...)
    RETRACTED = "retracted"  # an earlier event of the stream was wrong

    def __str__(self) -> str:
        return self.value


#: kind -> the status it advances to (forward track) ...
ADVANCES: dict[Kind, Status] = {
    Kind.RAISED: Status.PROPOSED,
    Kind.DISCUSSED: Status.UNDER_DISCUSSION,
    Kind.AGREED: Status.AGREED,
    Kind.PROGRESS: Status.IN_PROGRESS,
    Kind.IMPLEMENTED: Status.IMPLEMENTED,
}
#: ... or sets unconditionally (off the track).
SETS: dict[Kind, Status] = {
    Kind.STALLED: Status.STALLED,
    Kind.SUSPENDED: Status.SUSPENDED,
    Kind.ABANDONED: Status.ABANDONED,
}
#: The kinds a person or an article can assert about a commitment.
CLAIM_KINDS: tuple[Kind, ...] = tuple(ADVANCES) + (Kind.REAFFIRMED,) + tuple(SETS)


@dataclass(frozen=True)
class Event:
    """One recorded event of a commitment's stream."""

    commitment: str
    kind: Kind
    date: PartialDate
    version: int = 0  # order of recording within the stream
    id: str = ""
    source: str | None = None
    published: PartialDate | None = None
    quote: str = ""
    actors: tuple[str, ...] = ()
    note: str | None = None
    recorded_at: str | None = None
    target: str | None = None  # for RETRACTED: the id of the event it withdraws
    payload: dict | None = field(default=None, compare=False)  # for DEFINED: title, aliases, ...
    due: PartialDate | None = None  # a claim may name a deadline: the date a plan names

    @property
    def is_claim(self) -> bool:
        return self.kind in CLAIM_KINDS


def sort_key(event: Event) -> tuple:
    """The one order events fold in: the first day of the date's period, then recording order."""
    return (event.date.start, event.version)


@dataclass(frozen=True)
class State:
    commitment: str
    status: Status = Status.NOT_STARTED
    since: PartialDate | None = None  # date of the event that set the current status
    last_event: PartialDate | None = None
    events: int = 0  # claims folded (retracted ones excluded)



def event_from_fields(fields_: dict) -> Event:
    """``Event(**fields_)`` for a dict that has every field, at a fifth of the cost; the dict
    becomes the event's own (do not reuse it)."""
    e = _EVENT_NEW(Event)
    _SETATTR(e, "__dict__", fields_)
    return e


_EVENT_NEW = object.__new__
_SETATTR = object.__setattr__
_EVENT_DEFAULTS = {f.name: f.default for f in fields(Event)}


