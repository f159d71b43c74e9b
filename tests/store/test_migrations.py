"""Real alembic migrations on both engines: up, check against the models, down, and the guard rails."""
from __future__ import annotations

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text

from tracker.services import upkeep as maintenance
from tracker.services import queries as service
from tracker.store.database import HEAD, SCHEMA_REVISIONS, alembic_config, open_store
from tracker.core.errors import StoreProblem


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


def test_base_to_head_and_back_to_base_with_data_present(store, db_url):
    """Down through every revision with the bundled data (and a correction) in the tables, then up again."""
    from conftest import Cli

    cli = Cli(db_url)
    event_id = cli.json("history", "flights")[0]["id"]
    assert cli("retract", event_id, "--reason", "test data").exit_code == 0
    before = cli("export").stdout
    store.dispose()
    cfg = _config(db_url)
    for revision in reversed(SCHEMA_REVISIONS[:-1]):  # each step down keeps the data while tables exist
        command.downgrade(cfg, revision)
        engine = create_engine(db_url)
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM event")).scalar() > 60
        engine.dispose()
        command.upgrade(cfg, "head")
        assert cli("export").stdout == before
    command.downgrade(cfg, "base")  # the append-only triggers do not stop the schema going away
    engine = create_engine(db_url)
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    engine.dispose()
    command.upgrade(cfg, "head")
    again = open_store(db_url, seed=False)  # as `tracker import` opens it: nothing loaded
    assert service.status_rows(again) == []
    again.dispose()


def test_the_cli_upgrades_an_older_database_with_a_one_line_notice(store, db_url):
    from conftest import Cli

    cli = Cli(db_url)
    before = cli.json("status")
    store.dispose()
    command.downgrade(_config(db_url), "0001")
    result = cli("status", "--format", "json")
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [f"tracker: upgrading the database schema from 0001 to {HEAD}"]
    import json

    assert json.loads(result.stdout) == before
    again = cli("status", "--format", "json")  # once: the next run is quiet
    assert again.exit_code == 0 and again.stderr == ""


def test_the_cli_refuses_a_newer_database_with_one_error_line(store, db_url):
    from conftest import Cli

    with store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    store.dispose()
    result = Cli(db_url)("status")
    assert result.exit_code == 1 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and "newer than this tracker knows" in lines[0]


def test_a_migrated_database_with_no_events_is_loaded_on_first_use(db_url, tmp_path):
    """As after an import that failed: the schema is there, the bundle must still arrive."""
    from click.testing import CliRunner

    from tracker.cli import main

    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    failed = CliRunner().invoke(main, ["--db", db_url, "import", str(bad)])
    assert failed.exit_code == 2
    store = open_store(db_url)
    assert len(service.status_rows(store)) >= 5 and maintenance.verify(store)[0] == []
    store.dispose()
