"""The bulk paths keep the read models a full replay would give: a batched import (in-memory
fold per stream, back-dated events, retractions, a store that already had events) and the
one-query replay (``replay.rebuild_read_models``)."""
from __future__ import annotations

import json

import pytest

from tests.benchmarks.data import write_store
from tracker.store import bulk as loader
from tracker.services import upkeep as maintenance
from tracker.store import events as st
from tracker.store.database import open_store
from tracker.core.fold import fold
from tracker.store.rebuild import rebuild_read_models


def _replayed(store) -> tuple[dict, list]:
    def work(conn):
        states = {}
        for slug, events in st.each_stream(conn):
            state = fold(events, slug)
            states[slug] = st.status_values(state, max(e.version for e in events))
        return states, st.commitments(conn)

    return store.run(work, write=False)


def _read_models(store) -> tuple[dict, list]:
    def work(conn):
        return ({slug: {k: row[k] for k in ("commitment", "status", "since", "last_event", "events", "version")}
                 for slug, row in st.statuses(conn).items()}, st.commitments(conn))

    return store.run(work, write=False)


@pytest.mark.parametrize("batch", [7, 5000])
def test_a_batched_import_gives_the_read_models_of_a_full_replay(db_url, tmp_path, monkeypatch, batch):
    monkeypatch.setattr(loader, "BATCH", batch)
    dump = tmp_path / "store.jsonl"
    write_store(dump, events=1500, commitments=12, seed=3)  # back-dated events, retractions
    store = open_store(db_url, seed=False)
    maintenance.import_store(store, dump)
    assert _read_models(store) == _replayed(store)
    assert maintenance.verify(store)[0] == []
    store.dispose()


def test_importing_into_a_store_with_events_appends_or_refolds_each_stream(store, tmp_path, monkeypatch):
    monkeypatch.setattr(loader, "BATCH", 1)
    slug = sorted(_read_models(store)[0])[0]
    source = max(store.run(lambda conn: st.all_sources(conn), write=False), key=lambda s: s["published"])
    quote, sid, latest = json.dumps(source["text"].strip().splitlines()[0][:40]), source["id"], source["published"]
    dump = tmp_path / "more.json"
    # history-shaped (no ids): one at the stream's end (appends), one back-dated (refolds)
    dump.write_text(
        f'[{{"commitment": "{slug}", "kind": "stalled", "date": "{latest}", "source": "{sid}", "quote": {quote}}},'
        f' {{"commitment": "{slug}", "kind": "implemented", "date": "1999", "source": "{sid}", "quote": {quote}}}]',
        encoding="utf-8")
    assert maintenance.import_store(store, dump)["events"] == 2
    assert _read_models(store) == _replayed(store)


def test_rebuild_read_models_equals_a_fold_per_stream(db_url, tmp_path):
    dump = tmp_path / "store.jsonl"
    write_store(dump, events=800, commitments=9, seed=5)
    store = open_store(db_url, seed=False)
    maintenance.import_store(store, dump)
    before = _read_models(store)
    done = store.run(rebuild_read_models, write=True)
    assert done == {"commitments": 9, "events": 809}
    assert _read_models(store) == before == _replayed(store)
    store.dispose()
