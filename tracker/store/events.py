"""The event store on SQLAlchemy Core: append with per-stream versions, read streams and sources,
and keep the read models (``commitment``, ``status``) in step in the same transaction."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from dataclasses import replace
from typing import Iterable, Iterator, Sequence

from sqlalchemy import bindparam, func, insert, select, update

from tracker.core import ledger
from tracker.core import claims
from tracker.core.dates import PartialDate
from tracker.core.model import Event, Kind, State, Status, event_from_fields, sort_key
from tracker.core.fold import appends_at_end, apply, fold
from tracker.store.schema import CommitmentRow, EventRow, SourceAmendmentRow, SourceRow, StatusRow

#: Rows per batch wherever the store reads or writes in bulk (import, rebuild, streaming reads).
BATCH_ROWS = 5000

EVENT = EventRow.__table__
SOURCE = SourceRow.__table__
COMMITMENT = CommitmentRow.__table__
STATUS = StatusRow.__table__
AMENDMENT = SourceAmendmentRow.__table__


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


_KINDS = {k.value: k for k in Kind}
_ACTORS: dict[str, tuple] = {"[]": ()}  # stored actors JSON -> tuple (names repeat across events)


def to_event(row) -> Event:
    m = row._mapping
    return _event_of(m["commitment"], m["kind"], m["date"], m["version"], m["id"], m["source_id"],
                     m["published"], m["quote"], m["actors"], m["note"], m["recorded_at"],
                     m["target"], m["payload"], m["due"])


def _event_of(commitment, kind, date, version, id, source_id, published, quote, actors, note,
              recorded_at, target, payload, due=None) -> Event:
    """One Event from the columns of a stored row. Bulk reads build one per row, so dates come
    from PartialDate.parse's cache, actor lists from a cache of their JSON, and the frozen
    dataclass is filled without its __init__."""
    parse = PartialDate.parse
    names = _ACTORS.get(actors)
    if names is None:
        names = tuple(json.loads(actors))
        if len(_ACTORS) < 50_000:
            _ACTORS[actors] = names
    return event_from_fields({
        "commitment": commitment, "kind": _KINDS[kind], "date": parse(date), "version": version,
        "id": id, "source": source_id, "published": parse(published) if published else None,
        "quote": quote, "actors": names, "note": note, "recorded_at": recorded_at, "target": target,
        "payload": json.loads(payload) if payload else None, "due": parse(due) if due else None,
    })


def _events_of(rows, amended: dict | None = None) -> Iterator[Event]:
    """Events from ordered rows; ``amended`` (source id -> corrected published date) overrides the
    published date joined from the source row."""
    if not amended:
        for r in rows:
            yield _event_of(*r)
        return
    for r in rows:
        if r[5] in amended:
            r = (*r[:6], amended[r[5]], *r[7:])
        yield _event_of(*r)


def amended_published(conn) -> dict[str, str | None]:
    """source id -> published date after its last amendment, for the amended sources only."""
    last = select(AMENDMENT.c.source_id, func.max(AMENDMENT.c.seq).label("seq")).group_by(
        AMENDMENT.c.source_id).subquery()
    q = select(AMENDMENT.c.source_id, AMENDMENT.c.published).join(last, last.c.seq == AMENDMENT.c.seq)
    return dict(conn.execute(q).all())


_ROW_ORDER = ("commitment", "kind", "date", "version", "id", "source_id", "published", "quote",
              "actors", "note", "recorded_at", "target", "payload", "due")  # _event_of's arguments


def _ordered_event_query():
    cols = {c.name: c for c in _EVENT_COLUMNS}
    return select(*[cols[n] for n in _ROW_ORDER]).select_from(
        EVENT.outerjoin(SOURCE, EVENT.c.source_id == SOURCE.c.id))


def stream(conn, commitment: str) -> list[Event]:
    q = _ordered_event_query().where(EVENT.c.commitment == commitment).order_by(EVENT.c.date_start, EVENT.c.version)
    return list(_events_of(conn.execute(q), amended_published(conn)))


def each_stream(conn) -> Iterator[tuple[str, list[Event]]]:
    """Every stream in turn, one in memory at a time (rows arrive grouped by commitment)."""
    q = _ordered_event_query().order_by(EVENT.c.commitment, EVENT.c.date_start, EVENT.c.version)
    slug, events = None, []
    amended = amended_published(conn)
    for e in _events_of(conn.execute(q, execution_options={"yield_per": BATCH_ROWS}), amended):
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
    if row is None:
        return None
    e = to_event(row)
    amended = amended_published(conn)
    if e.source in amended:
        e = replace(e, published=PartialDate.parse(amended[e.source]) if amended[e.source] else None)
    return e


def event_ids_like(conn, prefix: str) -> list[str]:
    q = select(EVENT.c.id).where(EVENT.c.id.startswith(prefix.lower(), autoescape=True)).limit(6)
    return list(conn.execute(q).scalars())


def shortest_unique_prefix(conn, ids: list[str], least: int = 4) -> int:
    """The least length (at least ``least``) at which the prefixes of ``ids`` name one event each
    in the whole store."""
    wanted = [i for i in ids if i]
    length = least
    while wanted and length < 32:
        prefixes = sorted({i[:length] for i in wanted})
        clash = False
        for chunk in range(0, len(prefixes), 500):
            part = prefixes[chunk:chunk + 500]
            head = func.substr(EVENT.c.id, 1, length)
            q = select(head).where(head.in_(part)).group_by(head).having(func.count() > 1).limit(1)
            if conn.execute(q).first() is not None:
                clash = True
                break
        if not clash:
            return length
        length += 1
    return length


def _row(e: Event) -> dict:
    return {
        "id": e.id, "commitment": e.commitment, "version": e.version, "kind": e.kind.value,
        "date": str(e.date), "date_start": e.date.start, "source_id": e.source, "quote": e.quote,
        "actors": json.dumps(list(e.actors), ensure_ascii=False), "note": e.note,
        "target": e.target, "recorded_at": e.recorded_at,
        "payload": json.dumps(e.payload, ensure_ascii=False, sort_keys=True) if e.payload else None,
        "due": str(e.due) if e.due else None,
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
    rows = [_row(e) for e in stored]
    chain_rows(conn, rows)
    conn.execute(insert(EVENT), rows)
    update_read_models(conn, stored)
    return stored


def stream_heads(conn, slugs: Iterable[str]) -> dict[str, str]:
    """The hash of the last stored event of each of these streams (absent: no event yet)."""
    slugs = sorted(set(slugs))
    out: dict[str, str] = {}
    for i in range(0, len(slugs), 500):
        chunk = slugs[i:i + 500]
        top = select(EVENT.c.commitment, func.max(EVENT.c.version).label("v")).where(
            EVENT.c.commitment.in_(chunk)).group_by(EVENT.c.commitment).subquery()
        q = select(EVENT.c.commitment, EVENT.c.hash).join(
            top, (EVENT.c.commitment == top.c.commitment) & (EVENT.c.version == top.c.v))
        out.update({slug: h for slug, h in conn.execute(q)})
    return out


def chain_rows(conn, rows: list[dict]) -> None:
    """Give each new event row its hash, chained onto its stream (rows of a stream in version order)."""
    heads = stream_heads(conn, (r["commitment"] for r in rows))
    for r in rows:
        r["hash"] = heads[r["commitment"]] = ledger.event_hash_of(heads.get(r["commitment"]), r)


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
        if appends_at_end(state, new[0].date.start, any(e.kind is Kind.RETRACTED for e in new)):
            for e in new:
                state = apply(state, e)
        else:  # back-dated event or a retraction: refold this one stream
            state = fold(stream(conn, slug), slug)
        write_status(conn, state, max(e.version for e in new), exists=row is not None)
        if any(e.due is not None or e.kind is Kind.RETRACTED for e in new):
            refresh_due(conn, [slug])


def refresh_due(conn, slugs: Iterable[str]) -> None:
    """Recompute the current deadline of these streams (core.deadlines.current_due) into the
    status read model. Called only for streams that gained an event with a due or a retraction."""
    from tracker.core.deadlines import current_due

    slugs = sorted(set(slugs))
    for i in range(0, len(slugs), 500):
        chunk = slugs[i:i + 500]
        dated = set(conn.execute(select(EVENT.c.commitment).where(
            EVENT.c.commitment.in_(chunk), EVENT.c.due.is_not(None)).distinct()).scalars())
        for slug in chunk:
            due = None
            if slug in dated:  # the events that matter: those with a due, and every retraction
                q = _ordered_event_query().where(
                    EVENT.c.commitment == slug, (EVENT.c.due.is_not(None)) | (EVENT.c.kind == Kind.RETRACTED.value))
                due = current_due(_events_of(conn.execute(q)))
            conn.execute(_DUE_UPDATE, {"due": str(due) if due else None, "_slug": slug})


_DUE_UPDATE = update(STATUS).where(STATUS.c.commitment == bindparam("_slug")).values(due=bindparam("due"))


def _state_from_row(row) -> State:
    m = row._mapping
    return State(
        commitment=m["commitment"], status=Status(m["status"]),
        since=PartialDate.parse(m["since"]) if m["since"] else None,
        last_event=PartialDate.parse(m["last_event"]) if m["last_event"] else None,
        events=m["events"],
    )


def status_values(state: State, version: int) -> dict:
    return {
        "commitment": state.commitment, "status": state.status.value,
        "since": str(state.since) if state.since else None,
        "last_event": str(state.last_event) if state.last_event else None,
        "events": state.events, "version": version,
    }


# Built once: the bulk paths (import, rebuild) run these once per commitment.
_STATUS_INSERT = insert(STATUS)
_STATUS_UPDATE = update(STATUS).where(STATUS.c.commitment == bindparam("_slug"))  # SET: the params
_COMMITMENT_INSERT = insert(COMMITMENT)
_COMMITMENT_UPDATE = update(COMMITMENT).where(COMMITMENT.c.slug == bindparam("_slug"))


def write_status(conn, state: State, version: int, exists: bool) -> None:
    write_statuses(conn, [(status_values(state, version), exists)])


def write_statuses(conn, rows: Iterable[tuple[dict, bool]]) -> None:
    """Status rows (``status_values``), each an update when it ``exists``, else an insert."""
    new, old = [], []
    for values, exists in rows:
        if exists:
            old.append({**{k: v for k, v in values.items() if k != "commitment"}, "_slug": values["commitment"]})
        else:
            new.append(values)
    if new:
        conn.execute(_STATUS_INSERT, new)
    if old:
        conn.execute(_STATUS_UPDATE, old)


def _commitment_values(slug: str, definition: dict) -> dict:
    return {
        "title": definition.get("title") or slug,
        "description": definition.get("description"),
        "parties": json.dumps(definition.get("parties", []), ensure_ascii=False),
        "aliases": json.dumps(definition.get("aliases", []), ensure_ascii=False),
        "names": json.dumps(definition.get("names", []), ensure_ascii=False),
    }


def put_commitment(conn, slug: str, definition: dict) -> None:
    values = _commitment_values(slug, definition)
    done = conn.execute(_COMMITMENT_UPDATE, {**values, "_slug": slug})
    if done.rowcount == 0:
        conn.execute(_COMMITMENT_INSERT, {"slug": slug, **values})


def commitments(conn) -> list[dict]:
    out = []
    for r in conn.execute(select(COMMITMENT).order_by(COMMITMENT.c.slug)):
        m = dict(r._mapping)
        for k in ("parties", "aliases", "names"):
            m[k] = json.loads(m[k])
        out.append(m)
    return out


def status_table(conn, slug: str | None = None) -> list[dict]:
    """The status read model joined to the titles, in slug order: what `tracker status` prints
    (one commitment's row with ``slug``)."""
    q = (select(COMMITMENT.c.slug, COMMITMENT.c.title, STATUS.c.status, STATUS.c.since,
                STATUS.c.last_event, STATUS.c.events, STATUS.c.due)
         .select_from(COMMITMENT.outerjoin(STATUS, STATUS.c.commitment == COMMITMENT.c.slug))
         .order_by(COMMITMENT.c.slug))
    if slug is not None:
        q = q.where(COMMITMENT.c.slug == slug)
    return [{"commitment": slug, "title": title, "status": status or "not_started", "since": since,
             "last_event": last, "events": events or 0, "due": due}
            for slug, title, status, since, last, events, due in conn.execute(q)]


def statuses(conn) -> dict[str, dict]:
    return {r.commitment: dict(r._mapping) for r in conn.execute(select(STATUS))}


def clear_read_models(conn) -> None:
    conn.execute(STATUS.delete())
    conn.execute(COMMITMENT.delete())


# --- sources ------------------------------------------------------------------------------

def source_by_hash(conn, sha: str) -> dict | None:
    from tracker.store.amendments import with_current_details

    row = conn.execute(select(SOURCE).where(SOURCE.c.sha256 == sha)).first()
    return with_current_details(conn, [dict(row._mapping)])[0] if row else None


def put_source(conn, text: str, **meta) -> tuple[dict, bool]:
    """Store a document once: the same text again is the same source. Returns (row, created)."""
    sha = content_hash(text)
    existing = source_by_hash(conn, sha)
    if existing:
        return existing, False
    row = {"id": claims.source_id(sha), "sha256": sha, "text": text, "recorded_at": meta.pop("recorded_at", None) or now(),
           "title": meta.get("title") or "(untitled)", "publisher": meta.get("publisher"),
           "published": meta.get("published"), "published_basis": meta.get("published_basis"),
           "url": meta.get("url"), "filename": meta.get("filename"),
           "original_sha256": meta.get("original_sha256"), "media_type": meta.get("media_type")}
    row["hash"] = ledger.source_hash(row)
    conn.execute(insert(SOURCE).values(**row))
    return row, True


def sources_matching(conn, prefix: str) -> list[dict]:
    q = select(SOURCE).where(SOURCE.c.id.startswith(prefix.lower(), autoescape=True)).order_by(SOURCE.c.id).limit(5)
    from tracker.store.amendments import with_current_details

    return with_current_details(conn, [dict(r._mapping) for r in conn.execute(q)])


def all_sources(conn, with_text: bool = True) -> list[dict]:
    cols = list(SOURCE.c) if with_text else [c for c in SOURCE.c if c.name != "text"]
    counts = select(EVENT.c.source_id, func.count().label("events")).group_by(EVENT.c.source_id).subquery()
    q = (select(*cols, func.coalesce(counts.c.events, 0).label("events"))
         .select_from(SOURCE.outerjoin(counts, counts.c.source_id == SOURCE.c.id))
         .order_by(SOURCE.c.published, SOURCE.c.id))
    from tracker.store.amendments import with_current_details

    return with_current_details(conn, [dict(r._mapping) for r in conn.execute(q)])
