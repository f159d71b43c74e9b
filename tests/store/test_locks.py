"""No command waits for ever behind another, and none holds the write lock while it reads text."""
from __future__ import annotations

import sqlite3
import time
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, text

from tracker.core.errors import StoreProblem
from tracker.store import database


@contextmanager
def write_lock_held(url: str):
    """Another connection holds the store's write lock (as a stuck tracker command would)."""
    if url.startswith("sqlite"):
        conn = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            conn.rollback()
            conn.close()
        return
    engine = create_engine(url)
    with engine.connect() as conn, conn.begin():
        conn.execute(text("SELECT pg_advisory_xact_lock(7123002)"))
        yield
    engine.dispose()


def write_lock_free(url: str) -> bool:
    """Whether another writer could take the write lock right now, without waiting."""
    if url.startswith("sqlite"):
        conn = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None, timeout=0)
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.rollback()
            return True
        except sqlite3.OperationalError:
            return False
        finally:
            conn.close()
    engine = create_engine(url)
    try:
        with engine.connect() as conn, conn.begin():
            return bool(conn.execute(text("SELECT pg_try_advisory_xact_lock(7123002)")).scalar())
    finally:
        engine.dispose()


def test_a_writer_behind_a_stuck_one_gives_up_after_the_lock_timeout(store, db_url, monkeypatch):
    monkeypatch.setenv("TRACKER_LOCK_TIMEOUT", "1")
    waiting = database.open_store(db_url)
    with write_lock_held(db_url):
        t = time.monotonic()
        with pytest.raises(StoreProblem, match="the database is busy: another tracker command has held the "
                                                "write lock for 1 s"):
            waiting.run(lambda conn: None, write=True)
        assert time.monotonic() - t < 6
    waiting.dispose()


def test_the_cli_says_the_database_is_busy_and_exits_1(cli, store, db_url, monkeypatch):
    monkeypatch.setenv("TRACKER_LOCK_TIMEOUT", "0.5")
    with write_lock_held(db_url):
        result = cli("retract", "0000000000", "--reason", "test")
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("Error: the database is busy")
    assert "TRACKER_LOCK_TIMEOUT" in result.stderr


def test_readers_do_not_wait_for_the_write_lock(cli, store, db_url, monkeypatch):
    monkeypatch.setenv("TRACKER_LOCK_TIMEOUT", "0.5")
    with write_lock_held(db_url):
        assert cli("status").exit_code == 0


def test_a_bad_lock_timeout_is_an_input_error(cli, store, monkeypatch):
    monkeypatch.setenv("TRACKER_LOCK_TIMEOUT", "soon")
    result = cli("status")
    assert result.exit_code == 2 and "TRACKER_LOCK_TIMEOUT" in result.stderr


def test_ingest_analyses_the_text_before_taking_the_write_lock(cli, store, db_url, tmp_path, monkeypatch):
    from tracker.services import ingest

    seen = []
    real = ingest.analyse

    def watching(*args):
        seen.append(write_lock_free(db_url))
        return real(*args)

    monkeypatch.setattr(ingest, "analyse", watching)
    readout = tmp_path / "readout.txt"
    readout.write_text("date 2025-06-01\n\nThe two sides agreed to resume the Kailash Mansarovar Yatra.\n")
    result = cli("ingest", str(readout), "--yes")
    assert result.exit_code == 0, result.output + result.stderr
    assert seen == [True]
