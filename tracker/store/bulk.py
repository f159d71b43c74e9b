"""The bulk path of ``tracker import``: rows built straight from parsed JSON, one executemany per
batch, stream versions tracked in memory, and the read models written once at the end."""
from __future__ import annotations

import json
from array import array
from typing import Callable

from sqlalchemy import func, insert, select

from tracker.core import claims
from tracker.store import events as st
from tracker.core.dates import PartialDate
from tracker.core.model import CLAIM_KINDS, Kind, State
from tracker.core import ledger
from tracker.core.fold import appends_at_end, fold, fold_sorted, retracted_ids
from tracker.core.errors import TrackerError

BATCH = st.BATCH_ROWS  # records per executemany (tests lower it)


def kind_of(obj: dict) -> str:
    kind_type = obj.get("type")
    if kind_type in ("header", "source", "amendment", "commitment", "retraction", "event"):
        return kind_type
    if kind_type is None and ("kind" in obj and "commitment" in obj):
        return "retraction" if obj.get("kind") == "retracted" else "event"  # history-shaped
    return "unknown"


class Loader:
    """The write side of an import, for millions of lines in flat memory.

    Per batch: one query for ids already stored, the rows built straight from the parsed JSON
    (no Event per line; each distinct date parsed once) and one executemany. The read models
    are brought up to date once, at the end: each stream's fold is kept in memory as compact
    arrays (a few bytes per event), so no stream is read back from the database unless it had
    events before this import and the new ones land before its end, or it has a retraction.
    """

    def __init__(self, conn, progress: Callable[[int], None] | None) -> None:
        self.conn = conn
        self.progress = progress
        self.counts = {"sources": 0, "events": 0, "skipped": 0, "sources_skipped": 0}
        self.batch: list[tuple[str, dict]] = []
        self.versions: dict[str, int] = {}  # next version of each stream this import touched
        self.streams: dict[str, _Stream] = {}
        self.dates: dict[str, tuple[int, str, object, PartialDate]] = {}  # text -> (id, str, start, date)
        self.date_list: list[PartialDate] = []
        self.definitions: list[tuple[str, dict]] = []
        self.actor_json: dict[tuple, str] = {}
        self.heads: dict[str, str] = {}  # hash of the last event of each stream (tracker.core.ledger)
        self.lines: list[int] = []  # the line (or item) number of each record in the batch
        self.problems: list[str] = []  # set by the caller: where a record that cannot be applied is reported
        self.where: Callable[[int], str] = lambda n: f"line {n}"
        # Events stored before this import have seq <= this: an id met again above it was given twice in the file.
        self.seq0 = conn.execute(select(func.max(st.EVENT.c.seq))).scalar() or 0
        self.due_streams: set[str] = set()  # streams given a due or a retraction: refresh_due

    def due(self, text) -> str | None:
        return self.date(text)[1] if text else None

    def load(self, n: int, obj: dict | None, problem: str | None) -> None:
        kind_type = kind_of(obj or {})
        if kind_type == "source":
            _, created = st.put_source(self.conn, obj["text"], **{k: obj.get(k) for k in (
                "title", "publisher", "published", "published_basis", "url", "filename", "recorded_at",
                "original_sha256", "media_type")})
            self.counts["sources"] += created
            self.counts["sources_skipped"] += not created
        elif kind_type == "amendment":
            self.amend(obj)
        elif kind_type in ("commitment", "retraction", "event"):
            self.batch.append((kind_type, obj))
            self.lines.append(n)
            if len(self.batch) >= BATCH:
                self.flush()

    def amend(self, obj: dict) -> None:
        """A source amendment, unless the same one (source, reason, recorded_at) is stored."""
        from tracker.store.amendments import DETAILS, amend

        q = select(st.AMENDMENT.c.seq).where(st.AMENDMENT.c.source_id == obj["source"],
                                             st.AMENDMENT.c.reason == obj["reason"],
                                             st.AMENDMENT.c.recorded_at == obj.get("recorded_at"))
        if obj.get("recorded_at") and self.conn.execute(q).first():
            return
        amend(self.conn, {"id": obj["source"], **{k: obj.get(k) for k in DETAILS}}, obj["reason"],
              recorded_at=obj.get("recorded_at"))

    def insert(self, rows: list[tuple]) -> None:
        """One executemany: on SQLite straight to the driver (the values are already what
        SQLAlchemy would bind: a Date is stored as its ISO text), elsewhere through Core."""
        from sqlalchemy.exc import IntegrityError

        try:
            if self.conn.dialect.name == "sqlite":
                self.conn.exec_driver_sql(_SQLITE_INSERT, [(*r[:5], r[5].isoformat(), *r[6:]) for r in rows])
            else:
                self.conn.execute(insert(st.EVENT), [dict(zip(_EVENT_COLUMNS, r)) for r in rows])
        except IntegrityError as exc:
            text = str(exc.orig).lower()
            if "event.id" in text or "uq_event_id" in text:  # not a race: the file repeats an id
                raise TrackerError("the file gives the same event id to two records; nothing written") from None
            raise

    def actors(self, names) -> str:
        if not names:
            return "[]"
        try:
            key = tuple(names)
            hit = self.actor_json.get(key)
        except TypeError:  # not a list of strings: validation let it through as a list
            return json.dumps(list(names), ensure_ascii=False)
        if hit is None:
            hit = json.dumps(list(names), ensure_ascii=False)
            if len(self.actor_json) < 100_000:
                self.actor_json[key] = hit
        return hit

    def date(self, text) -> tuple[int, str, object, PartialDate]:
        hit = self.dates.get(text)
        if hit is None:
            d = PartialDate.parse(str(text))
            hit = self.dates[text] = (len(self.date_list), str(d), d.start, d)
            self.date_list.append(d)
        return hit

    def flush(self) -> None:
        if not self.batch:
            return
        conn, batch = self.conn, self.batch
        ids = [obj["id"] for _, obj in batch if obj.get("id")]
        present = self._present(ids) if ids else set()
        if self.problems:
            batch.clear()
            self.lines.clear()
            return
        fresh = [(t, obj) for t, obj in batch if not obj.get("id") or obj["id"] not in present]
        fresh = self._drop_known_claims(fresh)
        self.counts["skipped"] += len(batch) - len(fresh)
        unseen = {obj["commitment"] for _, obj in fresh} - self.versions.keys()
        if unseen:
            self._start_streams(unseen)
        rows = []
        versions, streams, stamp, heads, chain = self.versions, self.streams, st.now(), self.heads, ledger.event_hash
        for kind_type, obj in fresh:
            slug = obj["commitment"]
            v = versions[slug]
            versions[slug] = v + 1
            date_id, date_text, start, _ = self.date(obj["date"])
            if kind_type == "event":
                kind = _CLAIMS[obj["kind"]]
                row = (obj.get("id") or st.new_id(), slug, v, kind.value, date_text, start, obj["source"],
                       obj["quote"], self.actors(obj.get("actors")), obj.get("note"), None,
                       obj.get("recorded_at") or stamp, None, self.due(obj.get("due")))
                if row[-1] is not None:
                    self.due_streams.add(slug)
            elif kind_type == "commitment":
                kind = Kind.DEFINED
                definition = obj["definition"]
                row = (obj.get("id") or st.new_id(), slug, v, kind.value, date_text, start, None, "", "[]",
                       None, None, obj.get("recorded_at") or stamp,
                       json.dumps(definition, ensure_ascii=False, sort_keys=True) if definition else None, None)
                self.definitions.append((slug, definition or {}))
            else:
                kind = Kind.RETRACTED
                row = (obj.get("id") or st.new_id(), slug, v, kind.value, date_text, start, None, "", "[]",
                       obj.get("reason") or obj.get("note"), obj.get("retracts") or obj.get("target"),
                       obj.get("recorded_at") or stamp, None, None)
                self.due_streams.add(slug)  # a retraction may withdraw a deadline
            # the same hash the normal append path gives (ledger field order: note, recorded_at, target)
            heads[slug] = link = chain(heads.get(slug), row[0], slug, v, row[3], date_text, row[6], row[7], row[8],
                                       row[9], row[11], row[10], row[12], row[13])
            rows.append((*row, link))
            streams[slug].add(kind, start.toordinal(), date_id)
        if rows:
            self.insert(rows)
        for slug, definition in self.definitions:  # the commitment read model, in file order
            st.put_commitment(conn, slug, definition)
        self.definitions.clear()
        self.counts["events"] += len(rows)
        if self.progress:
            self.progress(len(batch))
        batch.clear()
        self.lines.clear()

    def _present(self, ids: list[str]) -> set[str]:
        """The ids of this batch already stored, each checked: the same record (skipped), or a
        problem: given twice in this file, or stored with other content."""
        cols = [st.EVENT.c[c] for c in ("seq", "id", "commitment", "kind", "date", "source_id", "quote",
                                          "actors", "note", "target", "payload")]
        stored = {r.id: r for r in self.conn.execute(select(*cols).where(st.EVENT.c.id.in_(ids)))}
        seen: dict[str, int] = {}
        for (kind_type, obj), n in zip(self.batch, self.lines):
            rid = obj.get("id")
            if not rid:
                continue
            if rid in seen or (rid in stored and stored[rid].seq > self.seq0):
                self.problems.append(f"{self.where(n)}: id {rid!r} is given to two records of this file")
            elif rid in stored and _differs(kind_type, obj, stored[rid]):
                self.problems.append(f"{self.where(n)}: id {rid!r} is already in the store with other content "
                                     f"({_differs(kind_type, obj, stored[rid])}): an event is never changed; "
                                     f"record a correction instead")
            seen.setdefault(rid, n)
        return set(stored)

    def _start_streams(self, slugs: set[str]) -> None:
        """First sight of these streams in this import: their next version and stored status."""
        ordered = sorted(slugs)
        for i in range(0, len(ordered), 500):
            chunk = ordered[i:i + 500]
            q = (select(st.EVENT.c.commitment, func.max(st.EVENT.c.version))
                 .where(st.EVENT.c.commitment.in_(chunk)).group_by(st.EVENT.c.commitment))
            top = dict(self.conn.execute(q).all())
            rows = {r.commitment: r for r in self.conn.execute(select(st.STATUS).where(st.STATUS.c.commitment.in_(chunk)))}
            for slug in chunk:
                first = (top.get(slug) or 0) + 1
                self.versions[slug] = first
            self.heads.update(st.stream_heads(self.conn, chunk))
            for slug in chunk:
                first = self.versions[slug]
                row = rows.get(slug)
                self.streams[slug] = _Stream(first, st._state_from_row(row) if row else None, row is not None)

    def finish(self) -> None:
        """Write the status of every stream this import touched: the same as a full replay."""
        out = []
        for slug, s in self.streams.items():
            if not s.kinds:
                continue
            last_version = self.versions[slug] - 1
            state = s.state(slug, self.date_list)
            if state is None:  # a retraction, or back-dated events in a stream stored before
                state = fold(st.stream(self.conn, slug), slug)
            out.append((st.status_values(state, last_version), s.row_exists))
        st.write_statuses(self.conn, out)
        st.refresh_due(self.conn, sorted(self.due_streams))

    def _drop_known_claims(self, fresh: list[tuple[str, dict]]) -> list[tuple[str, dict]]:
        """Records without an id (history-shaped, from ingest, or written by hand) are known when
        the same thing is stored: the same claim (:func:`tracker.core.claims.claim_key`); a definition
        equal to the commitment's current one; a retraction of an event already retracted."""
        anonymous = [(t, obj) for t, obj in fresh if not obj.get("id")]
        if not anonymous:
            return fresh
        known: set[tuple] = set()
        for slug in {obj["commitment"] for _, obj in anonymous}:
            stream = st.stream(self.conn, slug)
            known |= set(claims.live_claim_keys(stream))
            known |= {(slug, "retracts", target) for target in retracted_ids(stream)}
            definitions = [e for e in stream if e.kind is Kind.DEFINED]
            if definitions:
                known.add((slug, "defined", _canonical(max(definitions, key=lambda e: e.version).payload)))
        out = []
        for t, obj in fresh:
            if not obj.get("id"):
                slug = obj["commitment"]
                if t == "event":
                    key = claims.claim_key(slug, _CLAIMS[obj["kind"]], self.date(obj["date"])[1], obj["source"])
                elif t == "commitment":
                    key = (slug, "defined", _canonical(obj.get("definition")))
                else:
                    key = (slug, "retracts", obj.get("retracts") or obj.get("target"))
                if key in known:
                    continue
                known.add(key)
            out.append((t, obj))
        return out


def _differs(kind_type: str, obj: dict, row) -> str:
    """The first field in which a record differs from the stored event of the same id ("" if none)."""
    if kind_type == "commitment":
        want = {"commitment": obj.get("commitment"), "kind": Kind.DEFINED.value,
                "payload": obj.get("definition") or None}
    elif kind_type == "retraction":
        want = {"commitment": obj.get("commitment"), "kind": Kind.RETRACTED.value,
                "target": obj.get("retracts") or obj.get("target"), "note": obj.get("reason") or obj.get("note")}
    else:
        want = {"commitment": obj.get("commitment"), "kind": obj.get("kind"), "source_id": obj.get("source"),
                "quote": obj.get("quote"), "actors": list(obj.get("actors") or []), "note": obj.get("note")}
    have = dict(row._mapping)
    have["actors"] = json.loads(have["actors"] or "[]")
    have["payload"] = json.loads(have["payload"]) if have["payload"] else None
    try:
        if str(PartialDate.parse(str(obj.get("date")))) != have["date"]:
            return "date"
    except Exception:
        return "date"
    return next((field for field, value in want.items() if value != have[field]), "")


def _canonical(definition) -> str:
    return json.dumps(definition or {}, sort_keys=True, ensure_ascii=False)


_CLAIMS = {k.value: k for k in CLAIM_KINDS}
_EVENT_COLUMNS = ("id", "commitment", "version", "kind", "date", "date_start", "source_id", "quote", "actors",
                  "note", "target", "recorded_at", "payload", "due", "hash")
_SQLITE_INSERT = f"INSERT INTO event ({', '.join(_EVENT_COLUMNS)}) VALUES ({', '.join('?' * len(_EVENT_COLUMNS))})"
_KIND_CODES = {k: i for i, k in enumerate(Kind)}
_KIND_OF_CODE = list(Kind)


class _Stream:
    """What one stream's fold needs of the events this import appends to it, a few bytes each."""

    __slots__ = ("first_version", "stored", "row_exists", "kinds", "days", "dates", "retraction")

    def __init__(self, first_version: int, stored: State | None, row_exists: bool) -> None:
        self.first_version = first_version
        self.stored = stored
        self.row_exists = row_exists
        self.kinds = bytearray()
        self.days = array("l")  # date.start as an ordinal
        self.dates = array("l")  # index into the loader's list of distinct dates
        self.retraction = False

    def add(self, kind: Kind, day: int, date_id: int) -> None:
        self.kinds.append(_KIND_CODES[kind])
        self.days.append(day)
        self.dates.append(date_id)
        if kind is Kind.RETRACTED:
            self.retraction = True

    def state(self, slug: str, dates: list[PartialDate]) -> State | None:
        """The stream's fold after this import, or None when it needs the stored events."""
        if self.retraction:
            return None
        # Sort key: (date.start, version); versions grow with the position here.
        order = sorted(range(len(self.kinds)), key=lambda i: (self.days[i], i))
        steps = [(_KIND_OF_CODE[self.kinds[i]], dates[self.dates[i]]) for i in order]
        if self.first_version == 1:  # the whole stream is in this import
            return fold_sorted(steps, slug)
        first = dates[self.dates[order[0]]].start
        if not appends_at_end(self.stored, first, False):
            return None
        return fold_sorted(steps, state=self.stored)
