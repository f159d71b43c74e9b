"""The store on a real database (SQLite and PostgreSQL): appends, versions, read models, triggers."""
from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, IntegrityError

from conftest import define
from tracker.services import upkeep as maintenance
from tracker.services import queries as service
from tracker.store import events as st
from tracker.core.dates import PartialDate
from tracker.core.model import Event, Kind


def claim(kind: str, date: str, slug: str = "direct-flights", source: str | None = None, quote: str = "q"):
    return Event(slug, Kind(kind), PartialDate.parse(date), source=source, quote=quote)


@pytest.fixture
def flights(empty_store):
    define(empty_store, "direct-flights", "Direct flights", ["flights"])
    src = empty_store.run(lambda c: st.put_source(c, "They agreed to resume flights. Flights resumed.",
                                                  title="t", published="2025-06-13"))[0]
    return empty_store, src["id"]


def test_versions_are_gapless_per_commitment(flights):
    store, src = flights
    store.run(lambda c: st.append(c, [claim("discussed", "2025-01-27", source=src),
                                      claim("agreed", "2025-06-12", source=src)]))
    events = store.run(lambda c: st.stream(c, "direct-flights"))
    assert [e.version for e in events] == [1, 2, 3]  # 1 is the definition
    assert [e.kind for e in events] == [Kind.DEFINED, Kind.DISCUSSED, Kind.AGREED]


def test_a_second_writer_of_the_same_version_gets_a_conflict(flights):
    store, src = flights
    store.run(lambda c: st.append(c, [claim("discussed", "2025-01-27", source=src)]))
    dup = claim("agreed", "2025-02-01", source=src)

    def stale_writer(conn):  # as if it had read the stream before the first append
        from dataclasses import replace

        st.append(conn, [replace(dup, id=st.new_id(), version=2, recorded_at=st.now())], keep_identity=True)

    with pytest.raises(IntegrityError):
        with store.transaction(write=True) as conn:
            stale_writer(conn)


def test_read_model_is_updated_in_the_same_transaction_as_the_append(flights):
    store, src = flights

    def append_then_fail(conn):
        st.append(conn, [claim("agreed", "2025-06-12", source=src)])
        assert st.statuses(conn)["direct-flights"]["status"] == "agreed"
        raise RuntimeError("crash before commit")

    with pytest.raises(RuntimeError):
        store.run(append_then_fail)
    assert store.run(lambda c: st.statuses(c))["direct-flights"]["status"] == "not_started"
    assert store.run(lambda c: len(st.stream(c, "direct-flights"))) == 1


def test_back_dated_event_refolds_the_stream(flights):
    store, src = flights
    store.run(lambda c: st.append(c, [claim("implemented", "2025-08-01", source=src)]))
    store.run(lambda c: st.append(c, [claim("suspended", "2020", source=src)]))
    row = store.run(lambda c: st.statuses(c))["direct-flights"]
    assert (row["status"], row["since"], row["last_event"], row["events"]) == ("implemented", "2025-08-01", "2025-08-01", 2)


def test_rebuilt_status_table_equals_the_incremental_one(store):
    before = service.status_rows(store)
    maintenance.rebuild(store)
    assert service.status_rows(store) == before
    assert maintenance.verify(store)[0] == []


def test_status_table_equals_a_full_replay(store):
    incremental = service.status_rows(store)
    replayed = service.status_rows(store, as_of="9999")
    assert incremental == replayed


@pytest.mark.parametrize("statement", [
    "UPDATE event SET kind = 'implemented'",
    "DELETE FROM event",
    "UPDATE source SET text = 'forged'",
    "DELETE FROM source",
])
def test_the_database_refuses_to_change_history(store, statement):
    with pytest.raises(DBAPIError, match="append-only"):
        with store.engine.begin() as conn:
            conn.execute(text(statement))
    assert maintenance.verify(store)[0] == []


def test_the_same_text_is_stored_as_one_source(empty_store):
    first, created = empty_store.run(lambda c: st.put_source(c, "Same text.", title="a"))
    again, created_again = empty_store.run(lambda c: st.put_source(c, "Same text.", title="b"))
    assert created and not created_again and first["id"] == again["id"]
    assert len(empty_store.run(lambda c: st.all_sources(c))) == 1


def test_verify_reports_a_status_table_that_disagrees_with_the_replay(store):
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE status SET status = 'abandoned' WHERE commitment = 'river-data'"))
    problems, _ = maintenance.verify(store)
    assert len(problems) == 1 and "river-data" in problems[0] and "tracker db rebuild" in problems[0]
    maintenance.rebuild(store)
    assert maintenance.verify(store)[0] == []
