"""The event store on SQLAlchemy Core: append with per-stream versions, read streams and sources,
and keep the read models (``commitment``, ``status``) in step in the same transaction."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from dataclasses import replace
from typing import Iterable, Iterator, Sequence

from sqlalchemy import func, insert, select, update

from .dates import PartialDate
from .domain import Event, Kind, State, Status, apply, fold, sort_key
from .models import CommitmentRow, EventRow, SourceRow, StatusRow

EVENT = EventRow.__table__
SOURCE = SourceRow.__table__
COMMITMENT = CommitmentRow.__table__
STATUS = StatusRow.__table__


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="microseconds")


def new_id() -> str:
    return uuid.uuid4().hex


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --- events -------------------------------------------------------------------------------

_EVENT_COLUMNS = [c for c in EVENT.c if c.name != "seq"] + [SOURCE.c.published]


def _event_query():
    return select(*_EVENT_COLUMNS).select_from(EVENT.outerjoin(SOURCE, EVENT.c.source_id == SOURCE.c.id))


def to_event(row) -> Event:
    m = row._mapping
    return Event(
        commitment=m["commitment"],
        kind=Kind(m["kind"]),
        date=PartialDate.parse(m["date"]),
        version=m["version"],
        id=m["id"],
        source=m["source_id"],
        published=PartialDate.parse(m["published"]) if m["published"] else None,
        quote=m["quote"],
        actors=tuple(json.loads(m["actors"])),
        note=m["note"],
        recorded_at=m["recorded_at"],
        target=m["target"],
        payload=json.loads(m["payload"]) if m["payload"] else None,
    )


def stream(conn, commitment: str) -> list[Event]:
    q = _event_query().where(EVENT.c.commitment == commitment).order_by(EVENT.c.date_start, EVENT.c.version)
    return [to_event(r) for r in conn.execute(q)]


def all_streams(conn) -> dict[str, list[Event]]:
    return dict(each_stream(conn))


def each_stream(conn) -> Iterator[tuple[str, list[Event]]]:
    """Every stream in turn, one in memory at a time (rows arrive grouped by commitment)."""
    q = _event_query().order_by(EVENT.c.commitment, EVENT.c.date_start, EVENT.c.version)
    slug, events = None, []
    for r in conn.execution_options(yield_per=5000).execute(q):
        e = to_event(r)
        if e.commitment != slug and events:
            yield slug, events
            events = []
        slug = e.commitment
        events.append(e)
    if events:
        yield slug, events


def count_events(conn) -> int:
    return conn.execute(select(func.count()).select_from(EVENT)).scalar()


def find_event(conn, event_id: str) -> Event | None:
    row = conn.execute(_event_query().where(EVENT.c.id == event_id)).first()
    return to_event(row) if row else None


def event_ids_like(conn, prefix: str) -> list[str]:
    q = select(EVENT.c.id).where(EVENT.c.id.startswith(prefix, autoescape=True)).limit(3)
    return list(conn.execute(q).scalars())


def _row(e: Event) -> dict:
    return {
        "id": e.id, "commitment": e.commitment, "version": e.version, "kind": e.kind.value,
        "date": str(e.date), "date_start": e.date.start, "source_id": e.source, "quote": e.quote,
        "actors": json.dumps(list(e.actors), ensure_ascii=False), "note": e.note,
        "target": e.target, "recorded_at": e.recorded_at,
        "payload": json.dumps(e.payload, ensure_ascii=False, sort_keys=True) if e.payload else None,
    }


def next_versions(conn, commitments: Iterable[str]) -> dict[str, int]:
    slugs = sorted(set(commitments))
    q = select(EVENT.c.commitment, func.max(EVENT.c.version)).where(EVENT.c.commitment.in_(slugs)).group_by(EVENT.c.commitment)
    top = dict(conn.execute(q).all())
    return {s: (top.get(s) or 0) + 1 for s in slugs}


def append(conn, events: Sequence[Event], keep_identity: bool = False) -> list[Event]:
    """Append events (ids, versions and recording times assigned here unless ``keep_identity``,
    as an import does) and bring the read models up to date. Returns the stored events."""
    if not events:
        return []
    stored: list[Event] = []
    if keep_identity:
        stored = list(events)
    else:
        versions = next_versions(conn, (e.commitment for e in events))
        stamp = now()
        for e in events:
            v = versions[e.commitment]
            versions[e.commitment] = v + 1
            stored.append(replace(e, id=e.id or new_id(), version=v, recorded_at=stamp))
    conn.execute(insert(EVENT), [_row(e) for e in stored])
    update_read_models(conn, stored)
    return stored


# --- read models --------------------------------------------------------------------------

def update_read_models(conn, new_events: Sequence[Event]) -> None:
    by_stream: dict[str, list[Event]] = {}
    for e in new_events:
        if e.kind is Kind.DEFINED:
            put_commitment(conn, e.commitment, e.payload or {})
        by_stream.setdefault(e.commitment, []).append(e)
    for slug, new in by_stream.items():
        row = conn.execute(select(STATUS).where(STATUS.c.commitment == slug)).first()
        state = _state_from_row(row) if row else None
        new = sorted(new, key=sort_key)
        if state is not None and _appends_at_end(state, new):
            for e in new:
                state = apply(state, e)
        else:  # back-dated event or a retraction: refold this one stream
            state = fold(stream(conn, slug), slug)
        write_status(conn, state, max(e.version for e in new), exists=row is not None)


def _appends_at_end(state: State, new: list[Event]) -> bool:
    if any(e.kind is Kind.RETRACTED for e in new):
        return False
    return state.last_event is None or new[0].date.start >= state.last_event.start


def _state_from_row(row) -> State:
    m = row._mapping
    return State(
        commitment=m["commitment"], status=Status(m["status"]),
        since=PartialDate.parse(m["since"]) if m["since"] else None,
        last_event=PartialDate.parse(m["last_event"]) if m["last_event"] else None,
        events=m["events"],
    )


def write_status(conn, state: State, version: int, exists: bool) -> None:
    values = {
        "status": state.status.value, "since": str(state.since) if state.since else None,
        "last_event": str(state.last_event) if state.last_event else None,
        "events": state.events, "version": version,
    }
    if exists:
        conn.execute(update(STATUS).where(STATUS.c.commitment == state.commitment).values(**values))
    else:
        conn.execute(insert(STATUS).values(commitment=state.commitment, **values))


def put_commitment(conn, slug: str, definition: dict) -> None:
    values = {
        "title": definition.get("title") or slug,
        "description": definition.get("description"),
        "parties": json.dumps(definition.get("parties", []), ensure_ascii=False),
        "aliases": json.dumps(definition.get("aliases", []), ensure_ascii=False),
        "names": json.dumps(definition.get("names", []), ensure_ascii=False),
    }
    done = conn.execute(update(COMMITMENT).where(COMMITMENT.c.slug == slug).values(**values))
    if done.rowcount == 0:
        conn.execute(insert(COMMITMENT).values(slug=slug, **values))


def commitments(conn) -> list[dict]:
    out = []
    for r in conn.execute(select(COMMITMENT).order_by(COMMITMENT.c.slug)):
        m = dict(r._mapping)
        for k in ("parties", "aliases", "names"):
            m[k] = json.loads(m[k])
        out.append(m)
    return out


def statuses(conn) -> dict[str, dict]:
    return {r.commitment: dict(r._mapping) for r in conn.execute(select(STATUS))}


def clear_read_models(conn) -> None:
    conn.execute(STATUS.delete())
    conn.execute(COMMITMENT.delete())


# --- sources ------------------------------------------------------------------------------

def source_by_hash(conn, sha: str) -> dict | None:
    row = conn.execute(select(SOURCE).where(SOURCE.c.sha256 == sha)).first()
    return dict(row._mapping) if row else None


def put_source(conn, text: str, **meta) -> tuple[dict, bool]:
    """Store a document once: the same text again is the same source. Returns (row, created)."""
    sha = content_hash(text)
    existing = source_by_hash(conn, sha)
    if existing:
        return existing, False
    row = {"id": sha[:12], "sha256": sha, "text": text, "recorded_at": meta.pop("recorded_at", None) or now(),
           "title": meta.get("title") or "(untitled)", "publisher": meta.get("publisher"),
           "published": meta.get("published"), "published_basis": meta.get("published_basis"),
           "url": meta.get("url"), "filename": meta.get("filename")}
    conn.execute(insert(SOURCE).values(**row))
    return row, True


def sources_matching(conn, prefix: str) -> list[dict]:
    q = select(SOURCE).where(SOURCE.c.id.startswith(prefix.lower(), autoescape=True)).order_by(SOURCE.c.id).limit(5)
    return [dict(r._mapping) for r in conn.execute(q)]


def all_sources(conn, with_text: bool = True) -> list[dict]:
    cols = list(SOURCE.c) if with_text else [c for c in SOURCE.c if c.name != "text"]
    counts = select(EVENT.c.source_id, func.count().label("events")).group_by(EVENT.c.source_id).subquery()
    q = (select(*cols, func.coalesce(counts.c.events, 0).label("events"))
         .select_from(SOURCE.outerjoin(counts, counts.c.source_id == SOURCE.c.id))
         .order_by(SOURCE.c.published, SOURCE.c.id))
    return [dict(r._mapping) for r in conn.execute(q)]
