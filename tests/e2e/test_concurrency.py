"""Several processes writing to one store at once, on SQLite (WAL, BEGIN IMMEDIATE, busy timeout)
and on PostgreSQL (unique (commitment, version) and source hash; conflicts retried by Store.run).

Every writer is a real OS process; they all wait at a start gate so that their work overlaps.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # processes, seconds each: run with the full suite, skip with -m "not slow"
from sqlalchemy import func, select

from conftest import ROOT
from tracker.services import upkeep as maintenance
from tracker.services import queries as service
from tracker.store import events as st
from tracker.store.database import open_store

WRITER = Path(__file__).with_name("concurrent_writer.py")
COMMITMENT = "direct-flights"


def _cited_quote(store) -> tuple[str, str]:
    """A bundled source id and a sentence that occurs in it."""
    row = next(r for r in service.history_rows(store, COMMITMENT) if r["quote"])
    return row["source"], row["quote"]


def _run_writers(url: str, gate: Path, workers: int, count: int, source: str, quote: str) -> list[dict]:
    gate.mkdir()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen([sys.executable, str(WRITER), url, str(w), str(count), str(gate), source,
                               quote, COMMITMENT], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, env=env, cwd=ROOT)
             for w in range(workers)]
    deadline = time.monotonic() + 120
    while len(list(gate.glob("ready-*"))) < workers:  # every writer is up and has imported tracker
        assert all(p.poll() is None for p in procs), [p.communicate() for p in procs]
        assert time.monotonic() < deadline, "writers did not start"
        time.sleep(0.01)
    (gate / "go").touch()
    reports = []
    for p in procs:
        out, err = p.communicate(timeout=600)
        assert p.returncode == 0, err
        assert "Traceback" not in err, err
        reports.append(json.loads(out))
    return reports


def _assert_no_user_saw_an_error(reports: list[dict]) -> None:
    for report in reports:
        for n, r in enumerate(report["results"]):
            assert r["exit"] == 0 and r["stderr"] == "", (report["worker"], n, r)


@pytest.mark.slow
def test_eight_processes_adding_to_one_commitment_at_once_lose_and_duplicate_nothing(store, db_url, tmp_path):
    source, quote = _cited_quote(store)
    shown_before = len(service.history_rows(store, COMMITMENT))
    with store.transaction() as conn:
        before = len(st.stream(conn, COMMITMENT))  # with its definition
    store.dispose()

    reports = _run_writers(db_url, tmp_path / "gate", workers=8, count=25, source=source, quote=quote)
    _assert_no_user_saw_an_error(reports)

    again = open_store(db_url)
    rows = service.history_rows(again, COMMITMENT)
    notes = Counter(r["note"] for r in rows if (r["note"] or "").startswith("writer "))
    assert len(notes) == 200 and set(notes.values()) == {1}  # every one recorded, exactly once
    assert notes.keys() == {f"writer {w} event {i}" for w in range(8) for i in range(25)}
    assert len(rows) == shown_before + 200
    with again.transaction() as conn:
        versions = sorted(e.version for e in st.stream(conn, COMMITMENT))
        status = st.statuses(conn)[COMMITMENT]
    assert versions == list(range(1, before + 201))  # gapless
    assert status["version"] == before + 200
    problems, summary = maintenance.verify(again)  # the read model equals a replay
    assert problems == []
    again.dispose()


@pytest.mark.slow
def test_the_same_new_source_file_added_from_eight_processes_at_once_is_stored_once(store, db_url, tmp_path):
    readout = tmp_path / "readout.txt"
    sentence = "Both sides agreed to resume direct flights between the two countries this winter."
    readout.write_text(f"Joint press release\n\n{sentence}\n", encoding="utf-8")
    sources_before = len(service.source_rows(store))
    store.dispose()

    reports = _run_writers(db_url, tmp_path / "gate", workers=8, count=2, source=str(readout),
                           quote=sentence)
    _assert_no_user_saw_an_error(reports)

    again = open_store(db_url)
    with again.transaction() as conn:
        sha = st.content_hash(readout.read_text(encoding="utf-8"))
        assert conn.execute(select(func.count()).select_from(st.SOURCE).where(st.SOURCE.c.sha256 == sha)).scalar() == 1
    assert len(service.source_rows(again)) == sources_before + 1
    cited = {r["source"] for r in service.history_rows(again, COMMITMENT) if (r["note"] or "").startswith("writer ")}
    assert cited == {sha[:12]}
    assert len([r for r in service.history_rows(again, COMMITMENT) if (r["note"] or "").startswith("writer ")]) == 16
    assert maintenance.verify(again)[0] == []
    again.dispose()


# --- the retry loop itself ----------------------------------------------------------------

def test_a_real_unique_version_violation_is_retried_and_the_retry_succeeds(store):
    """The database itself refuses a second event with a taken (commitment, version); Store.run
    rolls back, waits a moment and runs the work again, which then appends normally."""
    from dataclasses import replace

    from sqlalchemy.exc import IntegrityError

    from tracker.core.dates import PartialDate
    from tracker.core.model import Event, Kind

    source, quote = _cited_quote(store)
    attempts: list[str] = []

    def work(conn):
        event = Event(COMMITMENT, Kind.REAFFIRMED, PartialDate.parse("2024-03-01"), source=source, quote=quote,
                      note="retried")
        if not attempts:
            attempts.append("raced")
            taken = max(e.version for e in st.stream(conn, COMMITMENT))
            # What a concurrent writer that won the race leaves behind: this version is taken.
            st.append(conn, [replace(event, id=st.new_id(), version=taken, recorded_at=st.now())], keep_identity=True)
            raise AssertionError("the database accepted a duplicate stream version")
        attempts.append("clean")
        return st.append(conn, [event])[0]

    stored = store.run(work)
    assert attempts == ["raced", "clean"]
    with store.transaction() as conn:
        versions = sorted(e.version for e in st.stream(conn, COMMITMENT))
    assert versions == list(range(1, len(versions) + 1)) and stored.version == versions[-1]
    assert [r["note"] for r in service.history_rows(store, COMMITMENT)].count("retried") == 1
    assert maintenance.verify(store)[0] == []
    with pytest.raises(IntegrityError):  # and the constraint is really there on this engine
        with store.transaction(write=True) as conn:
            st.append(conn, [replace(stored, id=st.new_id())], keep_identity=True)


class _Conflict(Exception):
    pass


def _integrity(message: str):
    from sqlalchemy.exc import IntegrityError

    return IntegrityError("INSERT ...", {}, _Conflict(message))


def test_a_lost_race_is_retried_with_growing_jittered_pauses_and_then_succeeds(monkeypatch, tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 's.db'}", seed=False)
    pauses: list[float] = []
    monkeypatch.setattr("tracker.store.database.time.sleep", pauses.append)
    calls = []

    def work(conn):
        calls.append(1)
        if len(calls) < 4:
            raise _integrity('duplicate key value violates unique constraint "uq_event_stream_version"')
        return "done"

    assert store.run(work) == "done"
    assert len(calls) == 4 and len(pauses) == 3
    assert all(0 <= p <= 0.02 * 2 ** n for n, p in enumerate(pauses))
    store.dispose()


def test_retries_are_bounded_and_other_errors_are_not_retried(monkeypatch, tmp_path):
    from sqlalchemy.exc import IntegrityError

    store = open_store(f"sqlite:///{tmp_path / 's.db'}", seed=False)
    monkeypatch.setattr("tracker.store.database.time.sleep", lambda s: None)
    calls = []

    def always_conflicts(conn):
        calls.append(1)
        raise _integrity("UNIQUE constraint failed: event.commitment, event.version")

    with pytest.raises(IntegrityError):
        store.run(always_conflicts, attempts=5)
    assert len(calls) == 5

    calls.clear()

    def not_a_race(conn):
        calls.append(1)
        raise _integrity("NOT NULL constraint failed: event.kind")

    with pytest.raises(IntegrityError):
        store.run(not_a_race)
    assert len(calls) == 1
    store.dispose()

