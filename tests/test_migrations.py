"""Real alembic migrations on both engines: up, check against the models, down, and the guard rails."""
from __future__ import annotations

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text

from tracker import maintenance, service
from tracker.db import HEAD, SCHEMA_REVISIONS, alembic_config, open_store
from tracker.errors import StoreProblem


def _config(url: str):
    cfg = alembic_config()
    cfg.set_main_option("sqlalchemy.url", url)
    return cfg


def test_the_code_knows_every_migration_in_order():
    script = ScriptDirectory.from_config(alembic_config())
    chain = [rev.revision for rev in script.walk_revisions("base", "heads")][::-1]
    assert tuple(chain) == SCHEMA_REVISIONS and script.get_current_head() == HEAD


def test_upgrade_to_head_matches_the_models_then_downgrades_to_base(db_url):
    cfg = _config(db_url)
    command.upgrade(cfg, "head")
    command.check(cfg)  # raises if the models and the migrations disagree
    engine = create_engine(db_url)
    assert {"event", "source", "status", "commitment"} <= set(inspect(engine).get_table_names())
    command.downgrade(cfg, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    engine.dispose()


def test_migrations_go_down_and_up_with_data_present(store, db_url):
    before = service.status_rows(store)
    store.dispose()
    cfg = _config(db_url)
    command.downgrade(cfg, "0001")  # drops the triggers only: the data stays
    command.upgrade(cfg, "head")
    again = open_store(db_url)
    assert service.status_rows(again) == before
    again.dispose()


def test_an_older_schema_is_upgraded_on_first_use_with_a_notice(db_url, capsys):
    command.upgrade(_config(db_url), "0001")
    store = open_store(db_url, seed=False)
    assert f"upgrading the database schema from 0001 to {HEAD}" in capsys.readouterr().err
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD
    store.dispose()


def test_a_newer_schema_is_refused(store, db_url):
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    store.dispose()
    with pytest.raises(StoreProblem, match="newer than this tracker knows"):
        open_store(db_url)


def test_a_foreign_database_is_not_taken_over(db_url):
    engine = create_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE payroll (id INTEGER PRIMARY KEY)"))
    engine.dispose()
    with pytest.raises(StoreProblem, match="no tracker schema version"):
        open_store(db_url)


def test_first_use_migrates_and_loads_the_bundle(db_url):
    store = open_store(db_url)
    rows = service.status_rows(store)
    assert len(rows) >= 5 and maintenance.verify(store)[0] == []
    store.dispose()
