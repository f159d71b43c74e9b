"""One measured thing per process: ``python -m tests.benchmarks.tasks TASK ARGS...``.

Prints one JSON object (``seconds``: the timed part, measured in-process) on stdout. The parent
reads the process's peak RSS from ``os.wait4``. Imports and opening the database are not timed;
each timed part ends with its transaction committed.
"""
from __future__ import annotations

import json
import sqlite3
import sys
import time
from pathlib import Path

# --- tracker ------------------------------------------------------------------------------


def tool_import(db: str, export: str) -> dict:
    from tracker.services import upkeep as maintenance
    from tracker.store.database import open_store

    store = open_store(f"sqlite:///{db}", seed=False)  # already migrated: one query
    t = time.perf_counter()
    done = maintenance.import_store(store, export)
    seconds = time.perf_counter() - t
    store.dispose()
    return {"seconds": seconds, "events": done["events"]}


def tool_rebuild(db: str) -> dict:
    from tracker.services import upkeep as maintenance
    from tracker.store.database import open_store

    store = open_store(f"sqlite:///{db}")
    t = time.perf_counter()
    done = maintenance.rebuild(store)
    seconds = time.perf_counter() - t
    store.dispose()
    return {"seconds": seconds, "events": done["events"]}


# --- raw sqlite3: the same rows, in the same order, with the same pragmas -------------------

EVENT_COLUMNS = ("id", "commitment", "version", "kind", "date", "date_start", "source_id", "quote",
                 "actors", "note", "target", "recorded_at", "payload")
SOURCE_COLUMNS = ("id", "sha256", "title", "publisher", "published", "published_basis", "url",
                  "filename", "text", "recorded_at")


def _raw_connect(db: str) -> sqlite3.Connection:
    from tracker.store.database import SQLITE_PRAGMAS

    conn = sqlite3.connect(db, isolation_level=None, timeout=60)
    for pragma in SQLITE_PRAGMAS:
        conn.execute(f"PRAGMA {pragma}")
    return conn


def _start(date: str) -> str:
    return date if len(date) == 10 else date + "-01" if len(date) == 7 else date + "-01-01"


def _raw_rows(export: str, sources: list):
    """Event rows from the export file, in file order; source rows go to ``sources``."""
    dumps = json.dumps
    with open(export, encoding="utf-8") as fh:
        for line in fh:
            obj = json.loads(line)
            t = obj["type"]
            if t == "event":
                yield (obj["id"], obj["commitment"], obj["version"], obj["kind"], obj["date"],
                       _start(obj["date"]), obj["source"], obj["quote"],
                       dumps(obj["actors"], ensure_ascii=False), obj["note"], None, obj["recorded_at"], None)
            elif t == "commitment":
                yield (obj["id"], obj["commitment"], obj["version"], "defined", obj["date"], _start(obj["date"]),
                       None, "", "[]", None, None, obj["recorded_at"],
                       dumps(obj["definition"], ensure_ascii=False, sort_keys=True))
            elif t == "retraction":
                yield (obj["id"], obj["commitment"], obj["version"], "retracted", obj["date"],
                       _start(obj["date"]), None, "", "[]", obj["reason"], obj["retracts"], obj["recorded_at"], None)
            elif t == "source":
                sources.append(tuple(obj[c] for c in SOURCE_COLUMNS))


def raw_import(db: str, export: str) -> dict:
    """Parse the export (json.loads per line) and executemany the rows in one transaction.

    Sources are read first (they precede the events in an export) and inserted before the
    events, as the tool does; no validation, no read models."""
    conn = _raw_connect(db)
    t = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    sources: list = []
    rows = _raw_rows(export, sources)
    first = next(rows)  # the sources have been read by now
    conn.executemany(f"INSERT INTO source ({','.join(SOURCE_COLUMNS)}) VALUES ({','.join('?' * len(SOURCE_COLUMNS))})",
                     sources)
    cur = conn.executemany(f"INSERT INTO event ({','.join(EVENT_COLUMNS)}) VALUES ({','.join('?' * len(EVENT_COLUMNS))})",
                           _chain(first, rows))
    conn.execute("COMMIT")
    seconds = time.perf_counter() - t
    n = conn.execute("SELECT count(*) FROM event").fetchone()[0]
    conn.close()
    return {"seconds": seconds, "events": n, "rowcount": cur.rowcount}


def _chain(first, rest):
    yield first
    yield from rest


def raw_insert_only(db: str, export: str) -> dict:
    """The database's ceiling: the same rows, built in memory before the clock starts."""
    sources: list = []
    rows = list(_raw_rows(export, sources))
    conn = _raw_connect(db)
    t = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany(f"INSERT INTO source ({','.join(SOURCE_COLUMNS)}) VALUES ({','.join('?' * len(SOURCE_COLUMNS))})",
                     sources)
    conn.executemany(f"INSERT INTO event ({','.join(EVENT_COLUMNS)}) VALUES ({','.join('?' * len(EVENT_COLUMNS))})",
                     rows)
    conn.execute("COMMIT")
    seconds = time.perf_counter() - t
    conn.close()
    return {"seconds": seconds, "events": len(rows)}


ADVANCE = {"raised": 1, "discussed": 2, "agreed": 3, "progress": 4, "implemented": 5}
SETS = {"stalled": 6, "suspended": 7, "abandoned": 8}


def raw_replay(db: str) -> dict:
    """The query the tool's replay runs (the columns a fold needs, in fold order), a trivial fold
    per stream (the kind table; retracted events skipped), the status rows written back."""
    conn = _raw_connect(db)
    t = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    cur = conn.execute("SELECT commitment, kind, date, version, id, target, payload FROM event "
                       "ORDER BY commitment, date_start, version")
    out, n = [], 0

    def fold(slug, stream):
        gone = {r[5] for r in stream if r[1] == "retracted"}
        status, since, last, count = 0, None, None, 0
        for r in stream:
            kind = r[1]
            if r[4] in gone or kind in ("defined", "retracted"):
                continue
            new = SETS.get(kind) or (max(status, ADVANCE[kind]) if status < 6 and kind in ADVANCE
                                     else ADVANCE.get(kind, status))
            if new != status:
                status, since = new, r[2]
            last, count = r[2], count + 1
        out.append((slug, str(status), since, last, count, max(r[3] for r in stream)))

    slug, stream = None, []
    for row in cur:
        n += 1
        if row[0] != slug and stream:
            fold(slug, stream)
            stream = []
        slug = row[0]
        stream.append(row)
    if stream:
        fold(slug, stream)
    conn.execute("DELETE FROM status")
    conn.executemany("INSERT INTO status (commitment, status, since, last_event, events, version) "
                     "VALUES (?,?,?,?,?,?)", out)
    conn.execute("COMMIT")
    seconds = time.perf_counter() - t
    conn.close()
    return {"seconds": seconds, "events": n}


def tool_replay(db: str) -> dict:
    """tracker.store.rebuild.rebuild_read_models: the replay ``tracker db rebuild`` runs once
    maintenance.rebuild delegates to it (README, Performance)."""
    from tracker.store.rebuild import rebuild_read_models
    from tracker.store.database import open_store

    store = open_store(f"sqlite:///{db}")
    t = time.perf_counter()
    done = store.run(rebuild_read_models, write=True)
    seconds = time.perf_counter() - t
    store.dispose()
    return {"seconds": seconds, "events": done["events"]}


# --- eventsourcing 9.x on its SQLite module, as its users write it ------------------------

def _es_app(directory: str):
    import os

    os.environ["PERSISTENCE_MODULE"] = "eventsourcing.sqlite"
    os.environ["SQLITE_DBNAME"] = str(Path(directory) / "es.db")
    from tests.benchmarks.es_model import Commitment, Tracker

    return Tracker(), Commitment


def es_import(directory: str, export: str, batch: str = "5000") -> dict:
    """Every event of the export through an aggregate method, saved every ``batch`` events (one
    transaction per save)."""
    size = int(batch)
    app, Commitment = _es_app(directory)
    t = time.perf_counter()
    live: dict = {}
    pending: dict = {}
    n = 0
    with open(export, encoding="utf-8") as fh:
        for line in fh:
            obj = json.loads(line)
            kind = obj["type"]
            if kind == "commitment":
                agg = live[obj["commitment"]] = Commitment(obj["commitment"], obj["definition"], obj["id"],
                                                           obj["date"], obj["recorded_at"])
            elif kind == "event":
                agg = live[obj["commitment"]]
                agg.record(obj["id"], obj["kind"], obj["date"], obj["source"], obj["quote"], obj["actors"],
                           obj["note"], obj["recorded_at"])
            elif kind == "retraction":
                agg = live[obj["commitment"]]
                agg.retract(obj["id"], obj["retracts"], obj["reason"], obj["date"], obj["recorded_at"])
            else:
                continue
            pending[agg.id] = agg
            n += 1
            if n % size == 0:
                app.save(*pending.values())
                pending.clear()
    if pending:
        app.save(*pending.values())
    seconds = time.perf_counter() - t
    return {"seconds": seconds, "events": n}


def es_replay(directory: str, export: str) -> dict:
    """Every aggregate reconstructed from its stored events (``repository.get``), as users replay."""
    app, Commitment = _es_app(directory)
    with open(export, encoding="utf-8") as fh:  # the aggregate ids (not timed)
        ids = [Commitment.create_id(json.loads(line)["commitment"]) for line in fh if '"type":"commitment"' in line]
    t = time.perf_counter()
    n = 0
    for agg_id in ids:
        n += app.repository.get(agg_id).version
    seconds = time.perf_counter() - t
    return {"seconds": seconds, "events": n}


# --- ingest: reading one long article ---------------------------------------------------------

ARTICLE_CHARS = 30_000


def article(kind: str = "news") -> str:
    """A 30,000-character text: the corpus's dev readouts one after another ("news"), or one
    run-on sentence with no punctuation that names commitments and cues throughout ("run-on")."""
    if kind == "run-on":
        unit = "direct flights agreed since the visa which had been suspended whether the pilgrimage "
        return (unit * (ARTICLE_CHARS // len(unit) + 1))[:ARTICLE_CHARS]
    texts = sorted((Path(__file__).resolve().parents[1] / "ingest_corpus" / "texts").glob("*.txt"))
    # the texts numbered below 201 (dev since round 3), so the article stays the same as the corpus grows
    dev = [t.read_text(encoding="utf-8") for t in texts if int(t.name.split("-", 1)[0]) < 201]
    body = "\n\n".join(dev)
    while len(body) < ARTICLE_CHARS:
        body += "\n\n" + body
    return body[:ARTICLE_CHARS]


def ingest_article(kind: str = "news") -> dict:
    """The engine's reading of one 30,000-character article (rules and catalogue loaded first)."""
    from tracker.core.dates import PartialDate
    from tracker.ingest.corpus import catalogue
    from tracker.ingest.reading import read

    names, text, published = catalogue(), article(kind), PartialDate(2025, 12, 31)
    read("Direct flights resumed on Sunday.", published, names)  # rules compiled: start-up, not timed
    t = time.perf_counter()
    found = read(text, published, names)
    seconds = time.perf_counter() - t
    return {"seconds": seconds, "events": len(found.proposals), "chars": len(text)}


def main(argv: list[str]) -> None:
    task, *args = argv
    result = globals()[task](*args)
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
