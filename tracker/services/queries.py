"""The read-only commands: status, history, commitments, sources, source.

Functions take a :class:`tracker.store.database.Store` and plain values, return rows (lists of dicts) for
:func:`tracker.output.render`, and raise :class:`tracker.core.errors.TrackerError` on bad input.
"""
from __future__ import annotations

from tracker.store import events as st
from tracker.core.dates import DateError, PartialDate
from tracker.store.database import Store
from tracker.core.model import Event, Kind, State, Status
from tracker.core.fold import fold, replay, select
from tracker.core.errors import TrackerError
from tracker.core.names import resolve


def parse_date(text: str | None, what: str = "date") -> PartialDate | None:
    if text is None:
        return None
    try:
        return PartialDate.parse(text)
    except DateError as exc:
        raise TrackerError(f"{what}: {exc}") from None


# --- reading ------------------------------------------------------------------------------

def status_rows(store: Store, as_of: str | None = None, as_known_on: str | None = None,
                quiet_days: int | None = None) -> list[dict]:
    from tracker.core.deadlines import current_due
    from tracker.services.deadlines import check_quiet_days, with_deadlines

    when, known = parse_date(as_of, "--as-of"), parse_date(as_known_on, "--as-known-on")
    quiet_days = check_quiet_days(quiet_days)

    def work(conn):
        if when is None and known is None:  # the read models, as stored: never a replay
            return st.status_table(conn)
        states, dues = {}, {}
        for slug, events in st.each_stream(conn):  # one stream in memory at a time
            chosen = select(events, when, known)
            states[slug], dues[slug] = fold(chosen, slug), current_due(chosen)
        return [status_row(c, states.get(c["slug"], State(c["slug"])), dues.get(c["slug"]))
                for c in st.commitments(conn)]

    return with_deadlines(store.run(work, write=False), when, quiet_days)


def state_of(slug: str, row: dict | None) -> State:
    if row is None:
        return State(slug)
    return State(slug, Status(row["status"]),
                 PartialDate.parse(row["since"]) if row["since"] else None,
                 PartialDate.parse(row["last_event"]) if row["last_event"] else None,
                 row["events"])


def status_row(c: dict, s: State, due: PartialDate | None = None) -> dict:
    return {"commitment": c["slug"], "title": c["title"], "status": s.status.value,
            "since": str(s.since) if s.since else None,
            "last_event": str(s.last_event) if s.last_event else None, "events": s.events,
            "due": str(due) if due else None}


def history_rows(store: Store, commitment: str, as_of: str | None = None,
                 as_known_on: str | None = None) -> list[dict]:
    when, known = parse_date(as_of, "--as-of"), parse_date(as_known_on, "--as-known-on")

    def work(conn):
        slug = resolve(commitment, st.commitments(conn))
        return history_of(st.stream(conn, slug), slug, when, known)

    return store.run(work, write=False)


def history_of(events: list[Event], slug: str, when=None, known=None) -> list[dict]:
    steps = list(replay(select(events, when, known), slug))
    rows = [event_row(s.event, s.before, s.after, s.retracted) for s in steps]
    # Corroboration: other sources reporting the same kind of event on the same date.
    by_claim: dict[tuple, list[str]] = {}
    for s in steps:
        if s.event.is_claim and not s.retracted and s.event.source:
            by_claim.setdefault((s.event.kind, str(s.event.date)), []).append(s.event.source)
    for s, row in zip(steps, rows):
        others = by_claim.get((s.event.kind, str(s.event.date)), []) if s.event.is_claim else []
        row["corroborated_by"] = sorted({src for src in others if src != s.event.source})
        if s.retraction is not None:
            row["retracted_by"] = s.retraction.id
            row["retraction_reason"] = s.retraction.note
        if s.event.kind is Kind.RETRACTED:
            row["retracts"] = s.event.target
    return rows


def event_row(e: Event, before: Status | None, after: Status | None, retracted: bool = False) -> dict:
    return {
        "id": e.id or None, "commitment": e.commitment, "kind": e.kind.value, "date": str(e.date),
        "date_precision": e.date.precision,
        "status_before": before.value if before else None,
        "status_after": after.value if after else None,
        "actors": list(e.actors), "source": e.source,
        "published": str(e.published) if e.published else None, "quote": e.quote,
        "note": e.note, "recorded_at": e.recorded_at, "retracted": retracted,
        "due": str(e.due) if e.due else None,
    }


def short_id_length(store: Store, ids: list[str]) -> int:
    """How many characters of each of ``ids`` name one event in the whole store (at least
    :data:`tracker.core.ids.MIN_PREFIX`): what ``history`` shows and ``retract`` accepts."""
    from tracker.core.ids import MIN_PREFIX

    return store.run(lambda conn: st.shortest_unique_prefix(conn, ids, MIN_PREFIX), write=False)


def commitment_rows(store: Store) -> list[dict]:
    def work(conn):
        cached = st.statuses(conn)
        return [{"commitment": c["slug"], "title": c["title"], "aliases": c["aliases"],
                 "parties": c["parties"], "description": c["description"], "names": c["names"],
                 "status": (cached.get(c["slug"]) or {}).get("status", "not_started")}
                for c in st.commitments(conn)]

    return store.run(work, write=False)


def source_rows(store: Store) -> list[dict]:
    def work(conn):
        return [{"id": s["id"], "title": s["title"], "publisher": s["publisher"],
                 "published": s["published"], "published_basis": s["published_basis"],
                 "url": s["url"], "file": s["filename"], "sha256": s["sha256"],
                 "events": s["events"], "recorded_at": s["recorded_at"], "amended": s.get("amended", 0)}
                for s in st.all_sources(conn, with_text=False)]

    return store.run(work, write=False)


def source_text(store: Store, source: str) -> dict:
    return store.run(lambda conn: find_source(conn, source), write=False)


def find_source(conn, ref: str) -> dict:
    from tracker.core.ids import normalize_prefix, pick

    hint = "give a source id (see `tracker sources`), or a file, URL or - to store a new one"
    hits = {h["id"]: h for h in st.sources_matching(conn, normalize_prefix(ref, "source", hint))}
    return hits[pick(ref, list(hits), "source", hint)]
