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
import os
from pathlib import Path
from typing import IO, Callable, Iterator

from sqlalchemy import select

from tracker.store import events as st
from tracker.core import claims
from tracker.core.dates import DateError, PartialDate
from tracker.core.model import Kind
from tracker.core.errors import Problems, TrackerError, quoted
from tracker.store.bulk import BATCH, Loader, kind_of
from tracker.store.database import SCHEMA_REVISIONS

FORMAT = "tracker-export"
VERSION = 1


# --- export -------------------------------------------------------------------------------

def export_lines(conn) -> Iterator[str]:
    from tracker.store.database import HEAD

    yield _dump({"type": "header", "format": FORMAT, "version": VERSION, "schema": HEAD})
    for s in conn.execute(select(st.SOURCE).order_by(st.SOURCE.c.recorded_at, st.SOURCE.c.id)):
        m = s._mapping
        yield _dump({"type": "source", **{k: m[k] for k in ("id", "sha256", "title", "publisher", "published",
                                                           "published_basis", "url", "filename", "recorded_at", "text")},
                     **{k: m[k] for k in ("original_sha256", "media_type") if m[k] is not None}})
    for a in conn.execute(select(st.AMENDMENT).order_by(st.AMENDMENT.c.seq)):
        m = a._mapping
        yield _dump({"type": "amendment", "source": m["source_id"], **{k: m[k] for k in (
            "title", "publisher", "published", "url", "reason", "recorded_at")}})
    q = select(*[c for c in st.EVENT.c if c.name not in ("seq", "date_start")]).order_by(st.EVENT.c.seq)
    for r in conn.execute(q.execution_options(yield_per=BATCH)):
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
            if m["due"]:  # only when set: an export without deadlines reads as before
                line["due"] = m["due"]
        yield _dump(line)


def _dump(obj: dict) -> str:
    # ASCII-only: the exact text survives any terminal or pipe, and nothing in it can act as a control.
    return json.dumps(obj, ensure_ascii=True, sort_keys=False, separators=(",", ":"))


# --- import -------------------------------------------------------------------------------

class _ProblemList(list):
    """The problems of a file: every one is reported, up to :data:`MAX_PROBLEMS` kept in memory."""

    def __init__(self) -> None:
        super().__init__()
        self.more = 0

    def append(self, item) -> None:
        if len(self) < MAX_PROBLEMS:
            super().append(item)
        else:
            self.more += 1

    def extend(self, items) -> None:
        for item in items:
            self.append(item)

    def __iadd__(self, items):
        self.extend(items)
        return self

    def all(self) -> list[str]:
        return list(self) + ([f"... and {self.more} more problem(s) like these"] if self.more else [])


MAX_PROBLEMS = 10_000


class _Plan:
    """What a validation pass learned, kept small: no per-event state for the big streams."""

    def __init__(self) -> None:
        self.problems: _ProblemList = _ProblemList()
        self.header_seen = False
        self.names: dict[str, str] = {}  # a commitment as the file names it (prefix, alias) -> its slug
        self.texts: dict[str, tuple[str, str | None] | None] = {}  # source id -> (text, published)
        self.commitments: set[str] = set()  # slugs defined in the file
        self.retraction_targets: dict[str, tuple[str, str]] = {}  # target id -> (where, commitment)
        self.retractions: dict[str, tuple[str, str]] = {}  # retraction id -> (target id, where)
        self.lines = 0

    def source(self, conn, source_id: str) -> tuple[str, str | None] | None:
        """(text, published) of a source defined earlier in the file or stored."""
        if source_id not in self.texts:
            row = conn.execute(select(st.SOURCE.c.text, st.SOURCE.c.published)
                               .where(st.SOURCE.c.id == source_id)).first()
            self.texts[source_id] = (row[0], row[1]) if row else None
        return self.texts[source_id]


def _records(path: Path, handle: IO[str]) -> Iterator[tuple[int, dict | None, str | None]]:
    """(line number, object or None, problem or None) for each non-blank line or list item."""
    first = handle.read(1)
    while first and first.isspace():
        first = handle.read(1)
    if first == "[":  # a JSON document: a list of history-shaped objects
        try:
            from tracker.inputs import input_limit

            rest = handle.read(input_limit() + 1)  # a JSON document is read whole: bounded
            if len(rest) > input_limit():
                raise TrackerError(f"{path} is a JSON document of more than {input_limit():,} "
                                   f"characters; the limit is {input_limit():,} (set TRACKER_MAX_INPUT_BYTES)")
            items = json.loads(first + rest)
        except json.JSONDecodeError as exc:  # n = 0: the problem names its line itself
            yield 0, None, f"line {exc.lineno}: not valid JSON: {exc.msg}"
            return
        except RecursionError:
            yield 0, None, "not valid JSON: nested too deeply"
            return
        except ValueError as exc:  # an integer of thousands of digits
            yield 0, None, f"not valid JSON: {exc}"
            return
        yield from _items(items)
        return
    if first == "{":
        line = first + handle.readline()
        if line.strip() == "{":  # a JSON document, not JSON Lines: `ingest --explain --format json`
            try:
                doc = json.loads(line + handle.read())
            except (json.JSONDecodeError, RecursionError) as exc:
                yield getattr(exc, "lineno", 1), None, f"not valid JSON: {getattr(exc, 'msg', 'nested too deeply')}"
                return
            if not isinstance(doc.get("proposals"), list):
                yield 1, None, "a JSON object needs a \"proposals\" list (the output of `ingest --explain --format json`)"
                return
            yield from _items(doc["proposals"])
            return
        first, handle = line, _Rest(handle)
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
        except ValueError as exc:  # an integer of thousands of digits
            yield n, None, f"not valid JSON ({exc})"
            continue
        yield n, obj if isinstance(obj, dict) else None, None if isinstance(obj, dict) else "not a JSON object"


def _items(items) -> Iterator[tuple[int, dict | None, str | None]]:
    for n, item in enumerate(items if isinstance(items, list) else [items], start=1):
        yield n, item if isinstance(item, dict) else None, None if isinstance(item, dict) else "not an object"


class _Rest:
    """A handle whose first line was read already: ``readline`` gives nothing more of that line."""

    def __init__(self, handle: IO[str]):
        self.handle = handle

    def readline(self) -> str:
        return ""

    def __iter__(self):
        return iter(self.handle)


def _prepend(first: str, handle: IO[str]) -> Iterator[str]:
    rest = handle.readline()
    yield first + rest
    yield from handle


def _open(path: Path) -> IO[str]:
    """The file as text lines: a regular file (never a FIFO or a device), each line within the
    input limit (:mod:`tracker.inputs`), UTF-8."""
    from tracker.inputs.files import open_lines

    handle = open_lines(str(path))
    if os.fstat(handle.fileno()).st_size == 0:
        handle.close()
        raise TrackerError(f"{path} is empty: nothing to import")
    return handle


def _scan(path: Path, visit: Callable[[int, dict | None, str | None], None]) -> None:
    with _open(path) as handle:
        try:
            for n, obj, problem in _records(path, handle):
                visit(n, obj, problem)
        except UnicodeDecodeError as exc:
            raise TrackerError(f"{path} is not UTF-8 (byte {exc.start}); nothing written") from None


def validate(conn, path: Path, loader: "Loader | None" = None) -> _Plan:
    """Check every line of ``path``. With a ``loader``, each line is also handed to it while the
    file has no problem so far (one pass over the file; the caller's transaction is rolled back
    when problems turn up later)."""
    import datetime as dt

    from tracker.core.names import resolve

    plan = _Plan()
    catalogue = st.commitments(conn)
    known_commitments = {c["slug"] for c in catalogue}
    array = _is_array(path)
    today = dt.date.today()
    if loader is not None:
        loader.problems, loader.where = plan.problems, (lambda n: _where(path.name, n, array))

    def visit(n: int, obj: dict | None, problem: str | None) -> None:
        check(n, obj, problem)
        if loader is not None and not plan.problems:
            loader.load(n, obj, problem)

    name = path.name

    def check(n: int, obj: dict | None, problem: str | None) -> None:
        where = _where(name, n, array)
        plan.lines += 1
        if problem or obj is None:
            plan.problems.append(f"{where}: {problem or 'not an object'}")
            return
        kind_type = kind_of(obj)
        # an export (records with a "type") starts with its header; history-shaped lines need none
        if not array and not plan.header_seen and kind_type != "header" and "type" in obj:
            plan.header_seen = True  # said once
            plan.problems.append(f"{where}: the file has no header line first ({{\"type\":\"header\",\"format\":"
                                 f"\"{FORMAT}\",\"version\":{VERSION},...}}): is it a tracker export?")
        wrong = _type_problems(obj) + _field_problems(obj, today)
        if wrong:
            plan.problems += [f"{where}: {w}" for w in wrong]
            return
        if kind_type in ("event", "retraction") and isinstance(obj.get("commitment"), str) \
                and obj["commitment"] not in known_commitments and obj["commitment"] not in plan.commitments:
            try:  # a prefix or an alias, as the CLI takes it
                plan.names[obj["commitment"]] = obj["commitment"] = resolve(obj["commitment"], catalogue)
            except TrackerError:
                pass
        if kind_type == "header":
            if plan.header_seen:
                plan.problems.append(f"{where}: a second header line")
            plan.header_seen = True
            if obj.get("format") != FORMAT or obj.get("version") != VERSION:
                plan.problems.append(f"{where}: not a {FORMAT} v{VERSION} file")
            elif obj.get("schema") is not None and obj.get("schema") not in SCHEMA_REVISIONS:
                plan.problems.append(f"{where}: exported from schema {str(obj.get('schema'))[:40]!r}, which this "
                                     f"tracker does not know (it knows {', '.join(SCHEMA_REVISIONS)}): "
                                     f"upgrade tracker to import it")
        elif kind_type == "source":
            text = obj.get("text")
            if not isinstance(text, str) or not text.strip():
                plan.problems.append(f"{where}: source without text")
                return
            sha = st.content_hash(text)
            if obj.get("sha256") not in (None, sha) or obj.get("id") not in (None, claims.source_id(sha)):
                plan.problems.append(f"{where}: source {quoted(obj.get('id'))}: id or hash does not match its "
                                     f"text (the id is the first {claims.SOURCE_ID_LENGTH} hex digits of its SHA-256)")
            _check_date(obj.get("published"), where, "published", plan, optional=True, today=today)
            plan.texts[claims.source_id(sha)] = (text, obj.get("published"))
        elif kind_type == "amendment":
            src = obj.get("source")
            if not (isinstance(src, str) and src and plan.source(conn, src)):
                plan.problems.append(f"{where}: amendment of unknown source {quoted(src)} (give the source line first)")
            if not str(obj.get("reason") or "").strip() or not str(obj.get("title") or "").strip():
                plan.problems.append(f"{where}: an amendment needs a 'title' and a 'reason'")
            _check_date(obj.get("published"), where, "published", plan, optional=True)
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
                plan.problems.append(f"{where}: unknown commitment {quoted(slug)}")
            _check_date(obj.get("due"), where, "due", plan, optional=True)
            if kind_type == "retraction":
                _check_date(obj.get("date"), where, "date", plan)
                target = obj.get("retracts") or obj.get("target")
                if not target or not str(obj.get("reason") or obj.get("note") or "").strip():
                    plan.problems.append(f"{where}: a retraction needs 'retracts' and a 'reason'")
                else:
                    plan.retraction_targets[target] = (where, slug)
                    if isinstance(obj.get("id"), str):
                        plan.retractions[obj["id"]] = (target, where)
                return
            if not isinstance(obj.get("actors", []), list):
                plan.problems.append(f"{where}: actors must be a list of names")
            src = obj.get("source")
            found = plan.source(conn, src) if isinstance(src, str) and src else None
            text, published = found if found else (None, None)
            if text is None:
                plan.problems.append(f"{where}: unknown source {quoted(src)} (give a source line before "
                                     f"its events, or a source id in the store)")
            quote = claims.as_found(obj.get("quote"), text)
            problems = claims.claim_problems(obj.get("kind"), obj.get("date"), quote, text, published, src)
            plan.problems += [f"{where}: {why}" for why in problems]
            if not problems:  # as the CLI takes them: a kind in any case, a quote as typed
                obj["kind"], obj["quote"] = claims.parse_kind(obj["kind"]).value, quote
        else:
            plan.problems.append(f"{where}: unknown record type {quoted(obj.get('type'))}")

    _scan(path, visit if loader is not None else check)
    if loader is not None and not plan.problems:
        loader.flush()  # every id of the file is in the store now: references resolve there
    _resolve_references(conn, path, plan)
    plan.texts.clear()
    return plan


def _cycles(plan: _Plan) -> None:
    """A retraction that withdraws itself, directly or through other retractions, is refused."""
    reported: set[str] = set()
    for start in plan.retractions:
        path, node = [], start
        while node in plan.retractions and node not in path and node not in reported:
            path.append(node)
            node = plan.retractions[node][0]
        if node in path:
            loop = path[path.index(node):]
            reported |= set(loop)
            chain = " -> ".join([*loop, node])
            plan.problems.append(f"{plan.retractions[node][1]}: retraction {node!r} withdraws itself "
                                 f"({chain}): a cycle of retractions cannot be resolved")
        reported |= set(path)


def _resolve_references(conn, path: Path, plan: _Plan) -> None:
    """Each retraction must withdraw a claim (or a retraction) of its own commitment's stream."""
    if not plan.retraction_targets:
        return
    _cycles(plan)
    targets = set(plan.retraction_targets)
    found: dict[str, tuple[str, str]] = {
        r.id: (r.commitment, r.kind) for r in conn.execute(
            select(st.EVENT.c.id, st.EVENT.c.commitment, st.EVENT.c.kind).where(st.EVENT.c.id.in_(list(targets))))}

    def see(n, obj, problem):
        if obj and obj.get("id") in targets and obj["id"] not in found:
            kind_type = kind_of(obj)
            kind = {"commitment": "defined", "retraction": "retracted"}.get(kind_type, obj.get("kind"))
            slug = plan.names.get(obj.get("commitment"), obj.get("commitment"))
            found[obj["id"]] = (slug, kind if kind_type != "source" else "source")

    if targets - set(found):
        _scan(path, see)
    for target in sorted(targets):
        where, slug = plan.retraction_targets[target]
        if target not in found:
            plan.problems.append(f"{where}: retracts unknown event {quoted(target)}")
        elif found[target][1] in ("defined", "source"):
            plan.problems.append(f"{where}: {quoted(target)} is not an event that can be retracted")
        elif found[target][0] != slug:
            plan.problems.append(f"{where}: retracts event {quoted(target)} of {found[target][0]}, not of {slug}")


_TEXT_FIELDS = ("id", "commitment", "kind", "source", "quote", "note", "reason", "retracts", "target",
                "recorded_at", "title", "publisher", "published", "published_basis", "url", "filename",
                "text", "sha256", "date", "type", "format", "due")
_LIST_FIELDS = ("actors", "aliases", "names", "parties")


def _type_problems(obj: dict) -> list[str]:
    """Fields of the wrong JSON type or too long, and text that no database can store (NUL, lone
    surrogates)."""
    problems = [why for field in ("id", "recorded_at", "commitment", "kind", "source")
                if isinstance(obj.get(field), str) and (why := claims.length_problem(field, obj[field]))]

    def text_ok(field: str, value) -> None:
        why = claims.text_problem(value)
        if why:
            problems.append(f"{field} {why}")

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


def _check_date(value, where: str, what: str, plan: _Plan, optional: bool = False, today=None) -> None:
    if value is None and optional:
        return
    try:
        date = PartialDate.parse(str(value) if value is not None else "")
    except DateError as exc:
        plan.problems.append(f"{where}: {what}: {exc}")
        return
    why = claims.published_problem(date, today) if today is not None else claims.year_problem(date, what)
    if why:
        plan.problems.append(f"{where}: {why}")


def _field_problems(obj: dict, today) -> list[str]:
    """The record-level field rules of :mod:`tracker.core.claims`: version, recorded_at."""
    return [why for why in (claims.version_problem(obj.get("version")),
                            claims.recorded_at_problem(obj.get("recorded_at"))) if why]


def _where(name: str, n: int, array: bool) -> str:
    """``file:LINE`` for JSON Lines; ``file: item N`` for the N-th object of a JSON array."""
    if n == 0:
        return name
    return f"{name}: item {n}" if array else f"{name}:{n}"


def _is_array(path: Path) -> bool:
    """Whether the file is one JSON array (peeked at only when it is a regular file: a FIFO or
    stdin is read once, by the import itself)."""
    try:
        if not Path(path).is_file():
            return False
        with open(path, "rb") as fh:
            head = fh.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")
    except OSError:
        return False
    return head[:1] == b"["


def _is_slug(value) -> bool:
    import re

    return isinstance(value, str) and bool(re.fullmatch(r"[a-z0-9][a-z0-9-]{0,79}", value))


def import_file(conn, path: Path, progress: Callable[[int], None] | None = None) -> dict:
    """Validate ``path`` completely, then append everything new in batches (the caller's transaction)."""
    loader = Loader(conn, progress)
    plan = validate(conn, path, loader)
    if plan.problems:
        raise Problems(plan.problems.all())
    loader.finish()
    return loader.counts
