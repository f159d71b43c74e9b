"""What changed in a window of time: the commitments whose status moved, and the events that moved it."""
from __future__ import annotations

import datetime as dt

from tracker.store import events as st
from tracker.core.dates import PartialDate
from tracker.store.database import Store
from tracker.core.fold import fold, replay, select
from tracker.core.errors import TrackerError
from tracker.services.queries import event_row, parse_date


def changes(store: Store, start: str, end: str | None = None) -> list[dict]:
    """Commitments whose status changed between ``start`` and ``end`` (inclusive; default: today).

    The status "before" is the state at the end of the day before ``start``; an event is in the
    window when its whole period ends within it (the rule ``--as-of`` uses)."""
    first = parse_date(start, "--from")
    last = parse_date(end, "--to") if end else PartialDate.from_date(dt.date.today())
    if last.end < first.start:
        if end is None:
            raise TrackerError(f"--from {first} is in the future (today is {last}): nothing has changed yet")
        raise TrackerError(f"--to {last} is before --from {first}")
    if first.start == dt.date.min:
        raise TrackerError(f"--from {first}: give a date after the year 1")
    day_before = PartialDate.from_date(first.start - dt.timedelta(days=1))

    def work(conn):
        titles = {c["slug"]: c["title"] for c in st.commitments(conn)}
        rows = []
        for slug, events in st.each_stream(conn):
            before = fold(select(events, as_of=day_before), slug)
            after = fold(select(events, as_of=last), slug)
            movers = [s for s in replay(select(events, as_of=last), slug)
                      if s.before != s.after and not s.event.date.ends_by(day_before)]
            if not movers:
                continue
            rows.append({"commitment": slug, "title": titles.get(slug, slug),
                         "from": before.status.value, "to": after.status.value,
                         "since": str(after.since) if after.since else None,
                         "events": [event_row(s.event, s.before, s.after) for s in movers]})
        return rows

    return store.run(work, write=False)


def draw_timeline(store: Store, output: str, start: str | None = None, end: str | None = None,
                  as_of: str | None = None, as_known_on: str | None = None,
                  commitments: tuple[str, ...] = ()) -> str:
    """The timeline picture of the chosen commitments (default: all), from the store."""
    from pathlib import Path

    from tracker.core.names import resolve
    from tracker.core.deadlines import current_due, is_overdue
    from tracker.services.deadlines import as_of_day
    from tracker.services.timeline import Lane, check_range, draw, ordered

    first, last = parse_date(start, "--from"), parse_date(end, "--to")
    when, known = parse_date(as_of, "--as-of"), parse_date(as_known_on, "--as-known-on")
    check_range(first.start if first else None, last.end if last else None)  # before any work
    if last is None and when is not None:
        last = when

    def work(conn):
        catalogue = st.commitments(conn)
        chosen = [resolve(c, catalogue) for c in commitments] or [c["slug"] for c in catalogue]
        titles = {c["slug"]: c["title"] for c in catalogue}
        lanes = []
        for slug in dict.fromkeys(chosen):
            events = select(st.stream(conn, slug), when, known)
            steps = tuple(replay(events, slug))
            due = current_due(events)
            status = next((s.after for s in reversed(steps) if not s.retracted), None) or "not_started"
            lanes.append(Lane(slug, titles[slug], steps, due, is_overdue(due, status, as_of_day(when))))
        return ordered(lanes)

    from tracker.services.outfiles import check_target

    check_target(output, getattr(store, "url", None))  # before any work: never the database, a link, a FIFO
    lanes = store.run(work, write=False)
    axes = f"as of {when or 'today'} · as known on {known or 'today'}"
    path = draw(lanes, Path(output), start=first.start if first else None, end=last.end if last else None,
                axes=axes)
    return str(path)
