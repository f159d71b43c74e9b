"""Opening the store: the engine, SQLite pragmas, the schema check, migrate-and-seed on first use.

The fast path (schema already at head) costs one query and never imports alembic.
"""
from __future__ import annotations

import random
import sys
import time
from contextlib import contextmanager
from typing import Callable, Iterator, TypeVar

from tracker.core.errors import StoreProblem, TrackerError
from tracker.store.paths import bundled, data_dir, database_url, default_url

#: Every schema revision this code knows, oldest first (a test checks them against alembic).
SCHEMA_REVISIONS = ("0001", "0002", "0003_deadlines_amendments", "0004_source_origin", "0005_hash_chain")
HEAD = SCHEMA_REVISIONS[-1]

T = TypeVar("T")

#: Set on every SQLite connection. WAL: readers never wait for the writer; synchronous=NORMAL:
#: durable at each commit boundary in WAL, no fsync per statement; a 64 MiB page cache keeps the
#: event table's indexes in memory during a bulk import (the benchmarks' raw sqlite3 baseline
#: uses this same list).
SQLITE_PRAGMAS = ("journal_mode=WAL", "synchronous=NORMAL", "foreign_keys=ON",
                  "busy_timeout=60000", "cache_size=-65536")

#: How long a command waits for the write lock another command holds, in seconds (both engines;
#: TRACKER_LOCK_TIMEOUT overrides it). Then: "Error: the database is busy ...", exit 1.
DEFAULT_LOCK_TIMEOUT = 30.0


def lock_timeout() -> float:
    """The bound on waiting for the write lock: ``TRACKER_LOCK_TIMEOUT`` seconds, default 30."""
    import os

    raw = os.environ.get("TRACKER_LOCK_TIMEOUT", "").strip()
    if not raw:
        return DEFAULT_LOCK_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not 0 < value <= 86400:
        raise TrackerError(f"TRACKER_LOCK_TIMEOUT={raw!r}: give a number of seconds (0 < N <= 86400)")
    return value


def busy(waited: float) -> StoreProblem:
    return StoreProblem(
        f"the database is busy: another tracker command has held the write lock for {waited:g} s; "
        f"nothing was written. Try again when it finishes, or wait longer with TRACKER_LOCK_TIMEOUT=SECONDS")


def _safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return url  # not a URL at all, so there is no password in it to hide


def make_engine(url: str):
    from sqlalchemy import create_engine, event
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    try:
        if url.startswith("sqlite"):
            wait = lock_timeout()
            engine = create_engine(url, connect_args={"timeout": wait})

            @event.listens_for(engine, "connect")
            def _pragmas(dbapi_conn, _record):  # pragma: no branch
                dbapi_conn.isolation_level = None  # BEGIN is issued below
                cur = dbapi_conn.cursor()
                for pragma in (*SQLITE_PRAGMAS, f"busy_timeout={int(wait * 1000)}"):
                    try:
                        cur.execute(f"PRAGMA {pragma}")
                    except Exception:  # a read-only or in-memory database keeps its defaults
                        pass
                cur.close()

            @event.listens_for(engine, "begin")
            def _begin(conn):
                # Writers take the write lock up front: no deadlocked lock upgrades, waits instead.
                write = conn.get_execution_options().get("tracker_write", False)
                conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")
        else:
            engine = create_engine(url, pool_pre_ping=False)
    except ModuleNotFoundError as exc:
        raise TrackerError(f"cannot use database URL {_safe_url(url)!r}: its driver module "
                           f"{exc.name!r} is not installed (pip install it, or use sqlite:/// or "
                           f"postgresql+psycopg://)") from None
    except (ArgumentError, NoSuchModuleError, ValueError) as exc:
        raise TrackerError(f"cannot use database URL {_safe_url(url)!r}: {exc}") from None
    return engine


class Store:
    """An engine plus the one way to run a unit of work on it."""

    def __init__(self, engine, url: str):
        self.engine = engine
        self.url = url

    @contextmanager
    def transaction(self, write: bool = False) -> Iterator:
        with self.engine.connect() as conn:
            conn.execution_options(tracker_write=write)
            if not write and conn.dialect.name == "postgresql":
                # one snapshot for the whole read (verify, export): as SQLite's WAL read transaction
                conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                if write and conn.dialect.name == "postgresql":
                    # As SQLite's BEGIN IMMEDIATE: writers queue for one lock up front instead of
                    # racing for the next version of a stream, where under load a writer could
                    # lose every one of its bounded retries (8 writers on one commitment did).
                    conn.exec_driver_sql(f"SET LOCAL lock_timeout = {int(lock_timeout() * 1000)}")
                    conn.exec_driver_sql("SELECT pg_advisory_xact_lock(7123002)")
                yield conn

    def run(self, work: Callable[..., T], write: bool = True, attempts: int = 12) -> T:
        """Run ``work(conn)`` in one transaction; retry (bounded, with jitter) when a concurrent
        writer won a race (unique version or source hash taken, database busy)."""
        from sqlalchemy.exc import IntegrityError, OperationalError

        started, bound = time.monotonic(), lock_timeout()
        for attempt in range(attempts):
            try:
                with self.transaction(write) as conn:
                    return work(conn)
            except (IntegrityError, OperationalError) as exc:
                waited = time.monotonic() - started
                if _is_busy(exc) and (waited >= bound * 0.95 or attempt == attempts - 1):
                    raise busy(bound) from None  # one bound in all, not one per attempt
                if attempt == attempts - 1 or not _is_conflict(exc):
                    raise
                time.sleep(random.uniform(0, 0.02 * 2 ** min(attempt, 6)))
        raise AssertionError("unreachable")

    def dispose(self) -> None:
        self.engine.dispose()


def _is_busy(exc) -> bool:
    """Waiting for the write lock ran out (SQLite busy timeout, PostgreSQL lock_timeout)."""
    text = str(getattr(exc, "orig", exc)).lower()
    return "database is locked" in text or "busy" in text or "lock timeout" in text


def _is_conflict(exc) -> bool:
    """A race another writer won (the next version of a stream, the same new source text, a
    lock): worth retrying. Any other constraint failure is not."""
    text = str(getattr(exc, "orig", exc)).lower()
    if any(w in text for w in ("locked", "busy", "deadlock", "could not serialize", "lock timeout")):
        return True
    return ("unique" in text or "duplicate key" in text) and any(
        w in text for w in ("version", "sha256"))


def current_revision(engine) -> tuple[str | None, bool]:
    """(schema revision or None for a new database, whether any event is stored), in one connection."""
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    try:
        with engine.connect() as conn:
            revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
            if revision != HEAD:
                return revision, False
            return revision, conn.execute(text("SELECT 1 FROM event LIMIT 1")).first() is not None
    except DBAPIError as exc:
        if "alembic_version" in str(exc.orig):  # no such table: a new, empty database
            return None, False
        raise


def alembic_config(connection=None):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(bundled("migrations")))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def migrate(conn, revision: str = "head") -> None:
    from alembic import command

    command.upgrade(alembic_config(conn), revision)


def open_store(url: str | None = None, *, seed: bool = True) -> Store:
    """The store at ``url`` (--db / TRACKER_DATABASE_URL / the default), at the newest schema.

    An empty database is migrated and, with ``seed``, loaded with the bundled sources and
    events, all in one transaction; so is a migrated one that holds no event yet (say, after an
    import that failed). An older schema is upgraded with a notice on stderr; a newer one is
    refused.
    """
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    url = database_url(url)
    if url == default_url():
        data_dir().mkdir(parents=True, exist_ok=True)
    engine = make_engine(url)
    store = Store(engine, url)
    try:
        revision, has_events = current_revision(engine)
        if revision == HEAD and (has_events or not seed or not _seeding_wanted(engine)):
            return store
        if revision is not None and revision not in SCHEMA_REVISIONS:
            raise StoreProblem(
                f"the database at {_safe_url(url)} has schema {revision!r}, newer than this "
                f"tracker knows ({HEAD!r}): upgrade tracker (pip install -U tracker)"
            )
        with store.transaction(write=True) as conn:
            _lock_for_migration(conn)
            revision = _revision_in(conn)  # another process may have won the race
            if revision not in (None, HEAD):
                print(f"tracker: upgrading the database schema from {revision} to {HEAD}",
                      file=sys.stderr)
            if revision != HEAD:
                migrate(conn)
            if seed and conn.execute(text("SELECT 1 FROM event LIMIT 1")).first() is None \
                    and _seeding_wanted(conn):
                from tracker.store.bundle import load_bundle

                load_bundle(conn)
    except DBAPIError as exc:
        engine.dispose()
        raise StoreProblem(f"cannot use the database at {_safe_url(url)}: "
                           f"{str(exc.orig).strip().splitlines()[0] if exc.orig else exc}") from None
    return store


def _seeding_wanted(bind) -> bool:
    """False once ``tracker db upgrade --no-seed`` said so (the ``setting`` row ``seed`` = ``no``)."""
    from sqlalchemy import text

    def ask(conn):
        return conn.execute(text("SELECT value FROM setting WHERE key = 'seed'")).scalar() != "no"

    if hasattr(bind, "execute"):
        return ask(bind)
    with bind.connect() as conn:
        return ask(conn)


def remember_no_seed(conn) -> None:
    """Record that this store is never to be loaded with the bundled data (if it has no event yet)."""
    from sqlalchemy import text

    if conn.execute(text("SELECT 1 FROM event LIMIT 1")).first() is not None:
        return
    conn.execute(text("DELETE FROM setting WHERE key = 'seed'"))
    conn.execute(text("INSERT INTO setting (key, value) VALUES ('seed', 'no')"))


def _lock_for_migration(conn) -> None:
    if conn.dialect.name == "postgresql":
        from sqlalchemy import text

        conn.execute(text("SELECT pg_advisory_xact_lock(7123001)"))


def _revision_in(conn) -> str | None:
    from sqlalchemy import inspect, text

    if not inspect(conn).has_table("alembic_version"):
        tables = set(inspect(conn).get_table_names()) - {"alembic_version"}
        if tables:
            raise StoreProblem(
                "the database has tables but no tracker schema version: point --db at an "
                "empty database or an existing tracker store"
            )
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
