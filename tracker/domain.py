"""The pure core: statuses, event kinds, and the fold that turns events into a status.

Nothing here touches a database or a terminal, so every rule of the contract's
kind table is tested in microseconds (tests/test_domain.py).
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field, fields, replace
from typing import Iterable, Iterator

from .dates import PartialDate


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


def next_status(current: Status, kind: Kind) -> Status:
    """The contract's kind table, for one step."""
    if kind in SETS:
        return SETS[kind]
    target = ADVANCES.get(kind)
    if target is None:  # reaffirmed, and the bookkeeping kinds
        return current
    if current in OFF_TRACK:
        return target
    return max(current, target, key=FORWARD_TRACK.index)


def apply(state: State, event: Event) -> State:
    if not event.is_claim:
        return state
    status = next_status(state.status, event.kind)
    return replace(
        state,
        status=status,
        since=event.date if status != state.status else state.since,
        last_event=event.date,  # events arrive in sort order
        events=state.events + 1,
    )


def effective_retractions(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """target id -> retraction id, for the retractions that stand, from (retraction id, target id)
    pairs. A retraction can itself be retracted (a mistaken retraction undone); then its target
    stands again. Chains resolve to a fixed point."""
    pairs = [(rid, target) for rid, target in pairs if target]
    standing = {rid for rid, _ in pairs}
    while True:
        undone = {target for rid, target in pairs if rid in standing}
        now = {rid for rid, _ in pairs if rid not in undone}
        if now == standing:
            return {target: rid for rid, target in pairs if rid in standing}
        standing = now


def retracted_ids(events: Iterable[Event]) -> frozenset[str]:
    return frozenset(effective_retractions(
        (e.id, e.target) for e in events if e.kind is Kind.RETRACTED))


def select(
    events: Iterable[Event],
    as_of: PartialDate | None = None,
    as_known_on: PartialDate | None = None,
) -> list[Event]:
    """Filter before the fold: what had happened by ``as_of``, as published by ``as_known_on``.

    Retractions are corrections of this store, not news, so they apply on both axes.
    """
    out = []
    for e in events:
        if e.is_claim:
            if as_of is not None and not e.date.ends_by(as_of):
                continue
            if as_known_on is not None and (e.published is None or not e.published.ends_by(as_known_on)):
                continue
        out.append(e)
    return out


def fold(events: Iterable[Event], commitment: str = "") -> State:
    """The state of one commitment after all its (non-retracted) events, in sort order.

    The same as ``reduce(apply, live_events_in_sort_order, State(commitment))``, without a State
    per step (bulk paths fold millions of events)."""
    events = list(events)
    gone = retracted_ids(events)
    live = sorted((e for e in events if e.id not in gone), key=sort_key)
    return fold_sorted([(e.kind, e.date) for e in live], commitment)


#: (status, kind) -> next status, for every claim kind: ``next_status`` as a table.
_NEXT: dict[tuple[Status, Kind], Status] = {
    (s, k): next_status(s, k) for s in Status for k in CLAIM_KINDS
}


def fold_sorted(steps: Iterable[tuple[Kind, PartialDate]], commitment: str = "",
                state: State | None = None) -> State:
    """Apply (kind, date) steps, already in sort order and without retracted events, to ``state``
    (default: a new commitment). ``apply`` step by step, on plain locals."""
    if state is None:
        status, since, last, count = Status.NOT_STARTED, None, None, 0
    else:
        status, since, last, count = state.status, state.since, state.last_event, state.events
        commitment = state.commitment
    table = _NEXT
    for kind, date in steps:
        after = table.get((status, kind))
        if after is None:  # not a claim: reaffirmed is in the table, bookkeeping kinds are not
            continue
        if after != status:
            status, since = after, date
        last = date
        count += 1
    return State(commitment=commitment, status=status, since=since, last_event=last, events=count)


def new_event(**values) -> Event:
    """An Event built without the frozen dataclass's per-field ``object.__setattr__`` (bulk reads
    build one per stored row); the result is the same as ``Event(**values)``."""
    d = dict(_EVENT_DEFAULTS)
    d.update(values)
    return event_from_fields(d)


def event_from_fields(fields_: dict) -> Event:
    """``Event(**fields_)`` for a dict that has every field, at a fifth of the cost; the dict
    becomes the event's own (do not reuse it)."""
    e = _EVENT_NEW(Event)
    _SETATTR(e, "__dict__", fields_)
    return e


_EVENT_NEW = object.__new__
_SETATTR = object.__setattr__
_EVENT_DEFAULTS = {f.name: f.default for f in fields(Event)}


@dataclass(frozen=True)
class Step:
    """One line of a history: the event and the status on either side of it."""

    event: Event
    before: Status
    after: Status
    retracted: bool = False
    retraction: Event | None = field(default=None)


def replay(events: Iterable[Event], commitment: str = "") -> Iterator[Step]:
    """Every event of a stream in fold order, with the status before and after it.

    Retracted events and the retractions themselves appear, marked, and change nothing.
    """
    events = list(events)
    by_id = {e.id: e for e in events if e.kind is Kind.RETRACTED}
    retractions = {target: by_id[rid] for target, rid in
                   effective_retractions((e.id, e.target) for e in by_id.values()).items()}
    state = State(commitment=commitment)
    for e in sorted(events, key=sort_key):
        if e.kind is Kind.DEFINED:
            continue
        gone = e.id in retractions
        after = state if gone else apply(state, e)
        yield Step(e, state.status, after.status, gone, retractions.get(e.id))
        state = after
