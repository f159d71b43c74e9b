"""The fold: one ``apply`` per event, ``fold`` a reduce, ``replay`` the same walk with every step kept.

Nothing here touches a database or a terminal.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Iterable, Iterator

from tracker.core.dates import PartialDate
from tracker.core.model import ADVANCES, CLAIM_KINDS, FORWARD_TRACK, OFF_TRACK, SETS, Event, Kind, State, Status, sort_key


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
    stands again. See :func:`standing_retractions`."""
    pairs = [(rid, target) for rid, target in pairs if target]
    standing = standing_retractions(pairs)
    return {target: rid for rid, target in pairs if rid in standing}


def standing_retractions(pairs: Iterable[tuple[str, str]]) -> set[str]:
    """The retraction ids that stand: those no standing retraction withdraws.

    Each retraction has one target, so the retractions form chains ending at a claim; the chains
    are resolved from their loose ends (a retraction nothing retracts stands), in time linear in
    their number. A retraction in a cycle (one retracting itself, two retracting each other)
    cannot be resolved: it never stands (import refuses cycles; this keeps the fold total)."""
    target_of = {rid: target for rid, target in pairs if target}
    retractors: dict[str, int] = {rid: 0 for rid in target_of}
    for target in target_of.values():
        if target in retractors:
            retractors[target] += 1
    undone: set[str] = set()
    standing: set[str] = set()
    ready = [rid for rid, n in retractors.items() if n == 0]
    while ready:
        rid = ready.pop()
        if rid not in undone:
            standing.add(rid)
        target = target_of[rid]
        if rid in standing:
            undone.add(target)
        if target in retractors:
            retractors[target] -= 1
            if retractors[target] == 0:
                ready.append(target)
    return standing  # what is left unresolved lies on a cycle: not standing


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
