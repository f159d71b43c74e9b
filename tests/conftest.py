"""Shared fixtures: one store fixture parametrised over SQLite and a real PostgreSQL server.

PostgreSQL tests run when TRACKER_TEST_POSTGRES_URL points at a server (``.ci/postgres``
starts one); each test gets a database of its own. Without the variable they skip, except
under CI, where a missing server is a failure.
"""
from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
from click.testing import CliRunner

PG_URL = os.environ.get("TRACKER_TEST_POSTGRES_URL")
ROOT = Path(__file__).resolve().parent.parent

try:  # hypothesis keeps its examples and caches under tests/, not at the top of the checkout
    from hypothesis.configuration import set_hypothesis_home_dir

    set_hypothesis_home_dir(str(Path(__file__).parent / ".hypothesis"))
except ImportError:  # the test extra is not installed
    pass


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path, monkeypatch):
    """No test touches the user's real data directory or database."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("TRACKER_DATABASE_URL", raising=False)


def _postgres_database():
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    if not PG_URL:
        if os.environ.get("CI"):
            pytest.fail("CI must run the PostgreSQL tests: TRACKER_TEST_POSTGRES_URL is not set")
        pytest.skip("no PostgreSQL server: set TRACKER_TEST_POSTGRES_URL (see README)")
    name = f"tracker_t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    return admin, name, url


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """A URL of a new, empty database on each engine."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    from sqlalchemy import text

    admin, name, url = _postgres_database()
    yield url
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def store(db_url):
    """A store loaded with the bundled data, as on first use."""
    from tracker.store.database import open_store

    s = open_store(db_url)
    yield s
    s.dispose()


@pytest.fixture
def empty_store(db_url):
    """A migrated store with nothing in it."""
    from tracker.store.database import open_store

    s = open_store(db_url, seed=False)
    yield s
    s.dispose()


class Cli:
    """The real click command through CliRunner, on one database."""

    def __init__(self, url: str):
        self.url = url
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None):
        from tracker.cli import main

        return self.runner.invoke(main, ["--db", self.url, *args], input=input, catch_exceptions=False)

    def json(self, *args: str):
        import json

        result = self(*args, "--format", "json")
        assert result.exit_code == 0, result.output + result.stderr
        return json.loads(result.stdout)


@pytest.fixture
def cli(db_url):
    return Cli(db_url)


def define(store, slug: str, title: str, aliases=()):
    """Record a commitment definition (test helper)."""
    from tracker.store import events as st
    from tracker.core.dates import PartialDate
    from tracker.core.model import Event, Kind

    store.run(lambda conn: st.append(conn, [Event(slug, Kind.DEFINED, PartialDate.parse("2025-01-01"),
                                                  payload={"title": title, "aliases": list(aliases)})]))
