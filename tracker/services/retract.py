"""Corrections: an event that was wrong is retracted by a new event; nothing is erased."""
from __future__ import annotations

import datetime as dt

from tracker.store import events as st
from tracker.core.dates import PartialDate
from tracker.store.database import Store
from tracker.core.model import Event, Kind
from tracker.core.fold import effective_retractions
from tracker.core.errors import TrackerError
from tracker.core.ids import normalize_prefix, pick


def retract(store: Store, event_id: str, reason: str) -> dict:
    """Record that ``event_id`` was wrong; the fold then ignores it and history shows it marked.

    Retracting a retraction undoes it: the event it withdrew counts again."""
    from tracker.services.record import check_text

    check_text(event_id=event_id, reason=reason)
    if not (reason or "").strip():
        raise TrackerError("--reason is empty: say why the event was wrong")
    hint = "see the id column of `tracker history COMMITMENT`"
    ref = normalize_prefix(event_id, "event", hint)

    def work(conn):
        hits = [pick(event_id, st.event_ids_like(conn, ref), "event", hint)]
        target = st.find_event(conn, hits[0])
        if target.kind is Kind.DEFINED:
            raise TrackerError(f"event {target.id} is the commitment's definition; only claims "
                               f"(or a mistaken retraction) can be retracted")
        stream = st.stream(conn, target.commitment)
        standing = effective_retractions((e.id, e.target) for e in stream if e.kind is Kind.RETRACTED)
        if target.id in standing:
            earlier = next(e for e in stream if e.id == standing[target.id])
            raise TrackerError(f"event {target.id} was already retracted ({earlier.recorded_at[:10]}: "
                               f"{earlier.note})")
        retraction = Event(commitment=target.commitment, kind=Kind.RETRACTED,
                           date=PartialDate.from_date(dt.date.today()), target=target.id,
                           note=reason.strip())
        stored = st.append(conn, [retraction])[0]
        return {**st.status_table(conn, target.commitment)[0],
                "retracted": target.id, "event": stored.id}

    return store.run(work, write=True)
