"""The fold: one ``apply`` per event, ``fold`` a reduce, ``replay`` the same walk with every step kept.

Nothing here touches a database or a terminal.
"""
from __future__ import annotations

from dataclasses import dataclass, field
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


#: (status, kind) -> next status, for every claim kind: ``next_status`` as a table. A pair that is
#: not in it (a bookkeeping kind) leaves the state alone.
TRANSITIONS: dict[tuple[Status, Kind], Status] = {(s, k): next_status(s, k) for s in Status for k in CLAIM_KINDS}
#: The same table on the stored strings, for folds that run on database rows.
TRANSITIONS_TEXT: dict[tuple[str, str], str] = {(s.value, k.value): v.value for (s, k), v in TRANSITIONS.items()}


def fold_steps(steps, table, status, since=None, last=None, count: int = 0) -> tuple:
    """THE fold loop: (kind, date) steps, in sort order and without retracted events, through a
    transition ``table``; returns (status, since, last event, claims counted).

    Every fold of this program runs here: :func:`apply` for one event, :func:`fold` for a stream,
    the import's in-memory fold (``tracker.store.bulk``) and the rebuild on stored strings
    (``tracker.store.rebuild``, with :data:`TRANSITIONS_TEXT`)."""
    for kind, date in steps:
        after = table.get((status, kind))
        if after is None:  # not a claim: reaffirmed is in the table, bookkeeping kinds are not
            continue
        if after != status:
            status, since = after, date
        last = date
        count += 1
    return status, since, last, count


def apply(state: State, event: Event) -> State:
    """One event on a state: one step of :func:`fold_steps`."""
    status, since, last, count = fold_steps(((event.kind, event.date),), TRANSITIONS, state.status,
                                            state.since, state.last_event, state.events)
    if count == state.events:
        return state
    return State(state.commitment, status, since, last, count)


def appends_at_end(state: State | None, first_new_start, has_retraction: bool) -> bool:
    """Can new events simply be folded onto ``state`` (the stored fold of the stream)? Only when
    none is a retraction and none sorts before the last event folded so far (equal dates sort by
    recording order, so a new event on the last date still comes after)."""
    if state is None or has_retraction:
        return False
    return state.last_event is None or first_new_start >= state.last_event.start


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


def fold_sorted(steps: Iterable[tuple[Kind, PartialDate]], commitment: str = "",
                state: State | None = None) -> State:
    """Apply (kind, date) steps, already in sort order and without retracted events, to ``state``
    (default: a new commitment)."""
    if state is None:
        state = State(commitment)
    status, since, last, count = fold_steps(steps, TRANSITIONS, state.status, state.since,
                                            state.last_event, state.events)
    return State(commitment=state.commitment, status=status, since=since, last_event=last, events=count)


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
