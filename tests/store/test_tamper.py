"""Every way of rewriting the store behind the tool's back that `verify` must see (both engines).

Each test sets the append-only triggers aside (as someone with the database's password could),
edits with plain SQL, puts the triggers back, and asks `verify`.
"""
from __future__ import annotations

import json

import pytest
from sqlalchemy import text

from tracker.core import ledger
from tracker.services import upkeep as maintenance
from tracker.store.database import HEAD

SQLITE_TRIGGERS = [(t, a) for t in ("event", "source") for a in ("UPDATE", "DELETE")]


def _triggers(conn, on: bool) -> None:
    if conn.dialect.name == "postgresql":
        for table in ("event", "source"):
            conn.execute(text(f"ALTER TABLE {table} {'ENABLE' if on else 'DISABLE'} TRIGGER {table}_append_only"))
        return
    for table, action in SQLITE_TRIGGERS:
        name = f"{table}_no_{action.lower()}"
        if on:
            conn.execute(text(f"CREATE TRIGGER {name} BEFORE {action} ON {table} "
                              f"BEGIN SELECT RAISE(ABORT, 'append-only'); END"))
        else:
            conn.execute(text(f"DROP TRIGGER {name}"))


def tamper(store, *statements: str, **params) -> None:
    with store.engine.begin() as conn:
        _triggers(conn, False)
        for s in statements:
            conn.execute(text(s), params)
        _triggers(conn, True)


def problems(store) -> str:
    found, _ = maintenance.verify(store)
    assert found, "verify saw nothing"
    return "\n".join(found)


def _last_claim(store, slug="direct-flights"):
    with store.engine.connect() as conn:
        return conn.execute(text("SELECT * FROM event WHERE commitment = :s AND kind NOT IN ('defined', 'retracted') "
                                 "ORDER BY version DESC LIMIT 1"), {"s": slug}).mappings().first()


def test_an_untouched_store_verifies(store):
    assert maintenance.verify(store)[0] == []


def test_an_edited_commitment_read_model_is_seen(store):
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE commitment SET title = 'Forged' WHERE slug = 'direct-flights'"))
    assert "commitment table's title" in problems(store)


def test_a_quote_moved_to_another_sentence_of_its_source_is_seen(store):
    event = _last_claim(store)
    with store.engine.connect() as conn:
        source = conn.execute(text("SELECT text FROM source WHERE id = :i"), {"i": event["source_id"]}).scalar()
    other = next(s.strip() for s in source.split(".") if len(s.strip()) > 40 and s.strip() not in event["quote"])
    assert other in source
    tamper(store, "UPDATE event SET quote = :q WHERE id = :i", q=other, i=event["id"])
    assert f"event {event['id']}" in problems(store)


def test_a_kind_and_date_edit_with_the_status_row_fixed_to_match_is_seen(store):
    event = _last_claim(store)
    tamper(store, "UPDATE event SET kind = 'abandoned', date = '2026-01-01' WHERE id = :i", i=event["id"])
    maintenance.rebuild(store)  # the status row now agrees with a replay of the edited log
    assert "hash does not match" in problems(store)


def test_a_deleted_last_event_is_seen(store):
    event = _last_claim(store, "river-data")
    with store.engine.connect() as conn:
        top = conn.execute(text("SELECT max(version) FROM event WHERE commitment = 'river-data'")).scalar()
    tamper(store, "DELETE FROM event WHERE commitment = 'river-data' AND version = :v", v=top)
    assert "river-data" in problems(store)
    assert event is not None


def test_a_deleted_last_event_with_the_read_models_rebuilt_changes_the_digest(store):
    before = maintenance.verify(store)[1]["digest"]
    tamper(store, "DELETE FROM event WHERE commitment = 'river-data' AND version = "
                  "(SELECT max(version) FROM (SELECT version FROM event WHERE commitment = 'river-data') AS v)")
    maintenance.rebuild(store)
    assert maintenance.verify(store)[1]["digest"] != before


def test_a_consistently_rewritten_source_is_seen(store):
    with store.engine.connect() as conn:
        src = conn.execute(text("SELECT * FROM source ORDER BY id LIMIT 1")).mappings().first()
    new_text = src["text"] + "\nAnd one forged sentence."
    sha = __import__("hashlib").sha256(new_text.encode()).hexdigest()
    forged = {**src, "text": new_text, "sha256": sha}
    tamper(store, "UPDATE source SET text = :t, sha256 = :s, hash = :h WHERE id = :i",
           t=new_text, s=sha, h=ledger.source_hash(forged), i=src["id"])
    assert f"source {src['id']}" in problems(store)


@pytest.mark.parametrize("column,value", [("actors", '["Someone Else"]'), ("note", "forged note")])
def test_edited_actors_or_notes_are_seen(store, column, value):
    event = _last_claim(store)
    tamper(store, f"UPDATE event SET {column} = :v WHERE id = :i", v=value, i=event["id"])
    assert f"event {event['id']}" in problems(store)


@pytest.mark.parametrize("column,value", [("published", "2020-01-01"), ("publisher", "Forged Times")])
def test_an_edited_source_detail_is_seen(store, column, value):
    with store.engine.connect() as conn:
        sid = conn.execute(text("SELECT id FROM source ORDER BY id LIMIT 1")).scalar()
    tamper(store, f"UPDATE source SET {column} = :v WHERE id = :i", v=value, i=sid)
    assert f"source {sid}" in problems(store)


def test_a_forged_insert_is_seen(store):
    event = dict(_last_claim(store))
    forged = {**event, "id": "f" * 32, "version": event["version"] + 50, "kind": "implemented", "hash": None}
    cols = [c for c in forged if c != "seq"]
    tamper(store, f"INSERT INTO event ({', '.join(cols)}) VALUES ({', '.join(':' + c for c in cols)})",
           **{c: forged[c] for c in cols})
    found = problems(store)
    assert "f" * 32 in found or "direct-flights" in found


def test_a_forged_insert_with_a_recomputed_hash_and_rebuilt_read_models_changes_the_digest(store):
    before = maintenance.verify(store)[1]["digest"]
    event = dict(_last_claim(store, "visa-facilitation"))
    with store.engine.connect() as conn:
        top = conn.execute(text("SELECT version, hash FROM event WHERE commitment = 'visa-facilitation' "
                                "ORDER BY version DESC LIMIT 1")).first()
    forged = {**event, "id": "e" * 32, "version": top[0] + 1, "kind": "implemented"}
    forged["hash"] = ledger.event_hash_of(top[1], forged)
    cols = [c for c in forged if c != "seq"]
    tamper(store, f"INSERT INTO event ({', '.join(cols)}) VALUES ({', '.join(':' + c for c in cols)})",
           **{c: forged[c] for c in cols})
    maintenance.rebuild(store)
    found, summary = maintenance.verify(store)
    assert summary["digest"] != before


def test_dropped_triggers_are_seen(store):
    with store.engine.begin() as conn:
        _triggers(conn, False)
    assert "append-only trigger" in problems(store)


def test_the_bulk_import_and_the_append_path_give_the_same_hashes(store, tmp_path):
    """An export imported into an empty store reproduces every hash, and so the digest."""
    from tracker.services.upkeep import export_store, import_store
    from tracker.store.database import open_store

    out = tmp_path / "all.jsonl"
    with open(out, "w") as fh:
        export_store(store, fh)
    again = open_store(f"sqlite:///{tmp_path / 'again.db'}", seed=False)
    import_store(again, str(out))
    assert maintenance.verify(again)[0] == []
    assert maintenance.verify(again)[1]["digest"] == maintenance.verify(store)[1]["digest"]
    again.dispose()
    assert HEAD == "0005_hash_chain" and json  # the schema that carries the hashes
