"""The whole store as JSON Lines, and back.

Export: a header line, then every source (with its text), then every event in recording
order: commitment definitions as ``commitment`` lines, retractions as ``retraction`` lines,
the rest as ``event`` lines. Import reads that, or a JSON list of history-shaped objects (what
``tracker ingest --format json`` prints), validates everything first (``file:line: problem``),
then writes all of it or nothing. Records already present are skipped, so importing twice adds
nothing. Both directions stream in batches, so memory stays flat on large stores.
"""
from __future__ import annotations

import json
from array import array
from pathlib import Path
from typing import IO, Callable, Iterator

from sqlalchemy import func, insert, select

from . import store as st
from .dates import DateError, PartialDate
from .domain import CLAIM_KINDS, Event, Kind, State, fold, fold_sorted
from .errors import Problems, TrackerError

FORMAT = "tracker-export"
VERSION = 1
BATCH = 5000
_KINDS = {k.value for k in CLAIM_KINDS}
_TYPES = {"commitment": Kind.DEFINED, "retraction": Kind.RETRACTED}


# --- export -------------------------------------------------------------------------------

def export_lines(conn) -> Iterator[str]:
    from .db import HEAD

    yield _dump({"type": "header", "format": FORMAT, "version": VERSION, "schema": HEAD})
    for s in conn.execute(select(st.SOURCE).order_by(st.SOURCE.c.recorded_at, st.SOURCE.c.id)):
        m = s._mapping
        yield _dump({"type": "source", **{k: m[k] for k in ("id", "sha256", "title", "publisher", "published",
                                                           "published_basis", "url", "filename", "recorded_at", "text")}})
    q = select(*[c for c in st.EVENT.c if c.name not in ("seq", "date_start")]).order_by(st.EVENT.c.seq)
    for r in conn.execution_options(yield_per=BATCH).execute(q):
        m = r._mapping
        kind = Kind(m["kind"])
        kind_name = {Kind.DEFINED: "commitment", Kind.RETRACTED: "retraction"}.get(kind, "event")
        line = {"type": kind_name, "id": m["id"], "commitment": m["commitment"], "version": m["version"],
                "kind": m["kind"], "date": m["date"], "recorded_at": m["recorded_at"]}
        if kind is Kind.DEFINED:
            line["definition"] = json.loads(m["payload"] or "{}")
        elif kind is Kind.RETRACTED:
            line.update(retracts=m["target"], reason=m["note"])
        else:
            line.update(source=m["source_id"], quote=m["quote"], actors=json.loads(m["actors"]), note=m["note"])
        yield _dump(line)


def _dump(obj: dict) -> str:
    # ASCII-only: the exact text survives any terminal or pipe, and nothing in it can act as a control.
    return json.dumps(obj, ensure_ascii=True, sort_keys=False, separators=(",", ":"))


# --- import -------------------------------------------------------------------------------

class _Plan:
    """What a validation pass learned, kept small: no per-event state for the big streams."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.texts: dict[str, str | None] = {}  # source id -> text (from the file or the store)
        self.commitments: set[str] = set()  # slugs defined in the file
        self.retraction_targets: dict[str, str] = {}  # target id -> where
        self.lines = 0

    def source_text(self, conn, source_id: str) -> str | None:
        if source_id not in self.texts:
            row = conn.execute(select(st.SOURCE.c.text).where(st.SOURCE.c.id == source_id)).first()
            self.texts[source_id] = row[0] if row else None
        return self.texts[source_id]


def _records(path: Path, handle: IO[str]) -> Iterator[tuple[int, dict | None, str | None]]:
    """(line number, object or None, problem or None) for each non-blank line or list item."""
    first = handle.read(1)
    while first and first.isspace():
        first = handle.read(1)
    if first == "[":  # a JSON document: a list of history-shaped objects
        try:
            items = json.loads(first + handle.read())
        except json.JSONDecodeError as exc:
            yield exc.lineno, None, f"not valid JSON: {exc.msg}"
            return
        except RecursionError:
            yield 1, None, "not valid JSON: nested too deeply"
            return
        for n, item in enumerate(items if isinstance(items, list) else [items], start=1):
            yield n, item if isinstance(item, dict) else None, None if isinstance(item, dict) else "not an object"
        return
    for n, line in enumerate(_prepend(first, handle), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield n, None, f"not valid JSON ({exc.msg} at column {exc.colno})"
            continue
        except RecursionError:
            yield n, None, "not valid JSON (nested too deeply)"
            continue
        yield n, obj if isinstance(obj, dict) else None, None if isinstance(obj, dict) else "not a JSON object"


def _prepend(first: str, handle: IO[str]) -> Iterator[str]:
    rest = handle.readline()
    yield first + rest
    yield from handle


def _open(path: Path) -> IO[str]:
    try:
        if path.stat().st_size == 0:
            raise TrackerError(f"{path} is empty: nothing to import")
        return open(path, encoding="utf-8", errors="strict")
    except OSError as exc:
        raise TrackerError(f"cannot read {path}: {exc.strerror or exc}") from None


def _scan(path: Path, visit: Callable[[int, dict | None, str | None], None]) -> None:
    with _open(path) as handle:
        try:
            for n, obj, problem in _records(path, handle):
                visit(n, obj, problem)
        except UnicodeDecodeError as exc:
            raise TrackerError(f"{path} is not UTF-8 (byte {exc.start}); nothing written") from None


def _kind_of(obj: dict) -> str:
    kind_type = obj.get("type")
    if kind_type in ("header", "source", "commitment", "retraction", "event"):
        return kind_type
    if kind_type is None and ("kind" in obj and "commitment" in obj):
        return "retraction" if obj.get("kind") == "retracted" else "event"  # history-shaped
    return "unknown"


def validate(conn, path: Path, loader: "_Loader | None" = None) -> _Plan:
    """Check every line of ``path``. With a ``loader``, each line is also handed to it while the
    file has no problem so far (one pass over the file; the caller's transaction is rolled back
    when problems turn up later)."""
    plan = _Plan()
    known_commitments = {c["slug"] for c in st.commitments(conn)}

    def visit(n: int, obj: dict | None, problem: str | None) -> None:
        check(n, obj, problem)
        if loader is not None and not plan.problems:
            loader.load(n, obj, problem)

    name = path.name

    def check(n: int, obj: dict | None, problem: str | None) -> None:
        where = f"{name}:{n}"
        plan.lines += 1
        if problem or obj is None:
            plan.problems.append(f"{where}: {problem or 'not an object'}")
            return
        kind_type = _kind_of(obj)
        wrong = _type_problems(obj)
        if wrong:
            plan.problems += [f"{where}: {w}" for w in wrong]
            return
        if kind_type == "header":
            if obj.get("format") != FORMAT or obj.get("version") != VERSION:
                plan.problems.append(f"{where}: not a {FORMAT} v{VERSION} file")
        elif kind_type == "source":
            text = obj.get("text")
            if not isinstance(text, str) or not text.strip():
                plan.problems.append(f"{where}: source without text")
                return
            sha = st.content_hash(text)
            if obj.get("sha256") not in (None, sha) or (obj.get("id") and not sha.startswith(str(obj["id"]))):
                plan.problems.append(f"{where}: source {obj.get('id')!r}: hash does not match its text")
            _check_date(obj.get("published"), where, "published", plan, optional=True)
            plan.texts[obj.get("id") or sha[:12]] = text
        elif kind_type == "commitment":
            slug = obj.get("commitment")
            if not _is_slug(slug) or not isinstance(obj.get("definition"), dict) or not obj["definition"].get("title"):
                plan.problems.append(f"{where}: a commitment needs a slug and a definition with a title")
                return
            plan.commitments.add(slug)
            _check_date(obj.get("date"), where, "date", plan)
        elif kind_type in ("event", "retraction"):
            slug = obj.get("commitment")
            if slug not in known_commitments and slug not in plan.commitments:
                plan.problems.append(f"{where}: unknown commitment {slug!r}")
            _check_date(obj.get("date"), where, "date", plan)
            if kind_type == "retraction":
                target = obj.get("retracts") or obj.get("target")
                if not target or not str(obj.get("reason") or obj.get("note") or "").strip():
                    plan.problems.append(f"{where}: a retraction needs 'retracts' and a 'reason'")
                else:
                    plan.retraction_targets[target] = where
                return
            if obj.get("kind") not in _KINDS:
                plan.problems.append(f"{where}: unknown kind {obj.get('kind')!r}")
            if not isinstance(obj.get("quote"), str) or not obj["quote"].strip():
                plan.problems.append(f"{where}: an event needs a quote")
            if not isinstance(obj.get("actors", []), list):
                plan.problems.append(f"{where}: actors must be a list of names")
            src = obj.get("source")
            text = plan.source_text(conn, src) if isinstance(src, str) and src else None
            if text is None:
                plan.problems.append(f"{where}: unknown source {src!r} (give a source line before "
                                     f"its events, or a source id in the store)")
            elif isinstance(obj.get("quote"), str) and obj["quote"].strip() and obj["quote"] not in text:
                plan.problems.append(f"{where}: the quote is not in source {src} verbatim")
        else:
            plan.problems.append(f"{where}: unknown record type {obj.get('type')!r}")

    _scan(path, visit if loader is not None else check)
    if loader is not None and not plan.problems:
        loader.flush()  # every id of the file is in the store now: references resolve there
    _resolve_references(conn, path, plan)
    plan.texts.clear()
    return plan


def _resolve_references(conn, path: Path, plan: _Plan) -> None:
    if plan.retraction_targets:
        targets = set(plan.retraction_targets)
        found = set(conn.execute(select(st.EVENT.c.id).where(st.EVENT.c.id.in_(list(targets)))).scalars())

        def see(n, obj, problem):
            if obj and obj.get("id") in targets:
                found.add(obj["id"])

        if targets - found:
            _scan(path, see)
        for target in sorted(targets - found):
            plan.problems.append(f"{plan.retraction_targets[target]}: retracts unknown event {target!r}")


_TEXT_FIELDS = ("id", "commitment", "kind", "source", "quote", "note", "reason", "retracts", "target",
                "recorded_at", "title", "publisher", "published", "published_basis", "url", "filename",
                "text", "sha256", "date", "type", "format")
_LIST_FIELDS = ("actors", "aliases", "names", "parties")


def _type_problems(obj: dict) -> list[str]:
    """Fields of the wrong JSON type, and text that no database can store (NUL, lone surrogates)."""
    problems = []

    def text_ok(field: str, value) -> None:
        if "\x00" in value:
            problems.append(f"{field} contains a NUL character")
        else:
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                problems.append(f"{field} is not valid Unicode text (a lone surrogate)")

    def check(fields: dict, prefix: str = "") -> None:
        for field in _TEXT_FIELDS + ("description",):
            value = fields.get(field)
            if value is None:
                continue
            if not isinstance(value, str):
                problems.append(f"{prefix}{field} must be a string, not {type(value).__name__}")
            else:
                text_ok(prefix + field, value)
        for field in _LIST_FIELDS:
            value = fields.get(field)
            if value is None:
                continue
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                problems.append(f"{prefix}{field} must be a list of strings")
            else:
                for v in value:
                    text_ok(prefix + field, v)

    check(obj)
    definition = obj.get("definition")
    if definition is not None:
        if isinstance(definition, dict):
            check(definition, "definition.")
        else:
            problems.append("definition must be an object")
    return problems


def _check_date(value, where: str, what: str, plan: _Plan, optional: bool = False) -> None:
    if value is None and optional:
        return
    try:
        PartialDate.parse(str(value) if value is not None else "")
    except DateError as exc:
        plan.problems.append(f"{where}: {what}: {exc}")


def _is_slug(value) -> bool:
    import re

    return isinstance(value, str) and bool(re.fullmatch(r"[a-z0-9][a-z0-9-]{0,79}", value))


def import_file(conn, path: Path, progress: Callable[[int], None] | None = None) -> dict:
    """Validate ``path`` completely, then append everything new in batches (the caller's transaction)."""
    loader = _Loader(conn, progress)
    plan = validate(conn, path, loader)
    if plan.problems:
        raise Problems(plan.problems)
    loader.finish()
    return loader.counts


class _Loader:
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

    def load(self, n: int, obj: dict | None, problem: str | None) -> None:
        kind_type = _kind_of(obj or {})
        if kind_type == "source":
            _, created = st.put_source(self.conn, obj["text"], **{k: obj.get(k) for k in (
                "title", "publisher", "published", "published_basis", "url", "filename", "recorded_at")})
            self.counts["sources"] += created
            self.counts["sources_skipped"] += not created
        elif kind_type in ("commitment", "retraction", "event"):
            self.batch.append((kind_type, obj))
            if len(self.batch) >= BATCH:
                self.flush()

    def insert(self, rows: list[tuple]) -> None:
        """One executemany: on SQLite straight to the driver (the values are already what
        SQLAlchemy would bind: a Date is stored as its ISO text), elsewhere through Core."""
        if self.conn.dialect.name == "sqlite":
            self.conn.exec_driver_sql(_SQLITE_INSERT, [(*r[:5], r[5].isoformat(), *r[6:]) for r in rows])
        else:
            self.conn.execute(insert(st.EVENT), [dict(zip(_EVENT_COLUMNS, r)) for r in rows])

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
        present = set(conn.execute(select(st.EVENT.c.id).where(st.EVENT.c.id.in_(ids))).scalars()) if ids else set()
        fresh = [(t, obj) for t, obj in batch if not obj.get("id") or obj["id"] not in present]
        fresh = self._drop_known_claims(fresh)
        self.counts["skipped"] += len(batch) - len(fresh)
        unseen = {obj["commitment"] for _, obj in fresh} - self.versions.keys()
        if unseen:
            self._start_streams(unseen)
        rows = []
        versions, streams, stamp = self.versions, self.streams, st.now()
        for kind_type, obj in fresh:
            slug = obj["commitment"]
            v = versions[slug]
            versions[slug] = v + 1
            date_id, date_text, start, _ = self.date(obj["date"])
            if kind_type == "event":
                kind = _CLAIMS[obj["kind"]]
                row = (obj.get("id") or st.new_id(), slug, v, kind.value, date_text, start, obj["source"],
                       obj["quote"], self.actors(obj.get("actors")), obj.get("note"), None,
                       obj.get("recorded_at") or stamp, None)
            elif kind_type == "commitment":
                kind = Kind.DEFINED
                definition = obj["definition"]
                row = (obj.get("id") or st.new_id(), slug, v, kind.value, date_text, start, None, "", "[]",
                       None, None, obj.get("recorded_at") or stamp,
                       json.dumps(definition, ensure_ascii=False, sort_keys=True) if definition else None)
                self.definitions.append((slug, definition or {}))
            else:
                kind = Kind.RETRACTED
                row = (obj.get("id") or st.new_id(), slug, v, kind.value, date_text, start, None, "", "[]",
                       obj.get("reason") or obj.get("note"), obj.get("retracts") or obj.get("target"),
                       obj.get("recorded_at") or stamp, None)
            rows.append(row)
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

    def _drop_known_claims(self, fresh: list[tuple[str, dict]]) -> list[tuple[str, dict]]:
        """Events without an id (history-shaped, from ingest) are known when the same claim is stored."""
        anonymous = [obj for t, obj in fresh if t == "event" and not obj.get("id")]
        if not anonymous:
            return fresh
        known = set()
        for slug in {obj["commitment"] for obj in anonymous}:
            known |= {(e.kind, str(e.date), e.source, e.quote) for e in st.stream(self.conn, slug)}
        out, seen = [], set()
        for t, obj in fresh:
            if t == "event":
                key = (_CLAIMS[obj["kind"]], self.date(obj["date"])[1], obj["source"], obj["quote"])
            else:
                key = (_TYPES[t], self.date(obj["date"])[1], None, "")
            if t == "event" and not obj.get("id") and (key in known or key in seen):
                continue
            seen.add(key)
            out.append((t, obj))
        return out


_CLAIMS = {k.value: k for k in CLAIM_KINDS}
_EVENT_COLUMNS = ("id", "commitment", "version", "kind", "date", "date_start", "source_id", "quote", "actors",
                  "note", "target", "recorded_at", "payload")
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
        stored = self.stored
        if stored is None:
            return None
        if stored.last_event is not None and self.days[order[0]] < stored.last_event.start.toordinal():
            return None
        return fold_sorted(steps, state=stored)
