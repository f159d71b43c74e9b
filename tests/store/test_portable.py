"""Export and import: round trips, validation with file:line, all or nothing, idempotence."""
from __future__ import annotations

import json
import random

import pytest

from tracker.services import upkeep as maintenance
from tracker.services import queries as service
from tracker.store.database import open_store


def _export(store, path):
    with open(path, "w", encoding="utf-8") as fh:
        maintenance.export_store(store, fh)
    return path.read_text(encoding="utf-8")


def _everything(store):
    slugs = [r["commitment"] for r in service.status_rows(store)]
    return service.status_rows(store), {s: service.history_rows(store, s) for s in slugs}


def test_export_then_import_into_an_empty_database_gives_the_same_status_and_history(store, tmp_path):
    dump = tmp_path / "store.jsonl"
    text = _export(store, dump)
    target = open_store(f"sqlite:///{tmp_path / 'copy.db'}", seed=False)
    maintenance.import_store(target, dump)
    assert _everything(target) == _everything(store)
    assert _export(target, tmp_path / "again.jsonl") == text  # byte-identical, stable order
    assert maintenance.verify(target)[0] == []
    target.dispose()


def test_importing_twice_adds_nothing(store, tmp_path):
    dump = tmp_path / "store.jsonl"
    _export(store, dump)
    done = maintenance.import_store(store, dump)
    assert done["events"] == 0 and done["sources"] == 0 and done["skipped"] > 0


def test_export_lines_are_typed_and_sources_carry_their_text(store, tmp_path):
    lines = [json.loads(x) for x in _export(store, tmp_path / "s.jsonl").splitlines()]
    assert lines[0]["type"] == "header"
    types = [x["type"] for x in lines]
    assert {"source", "commitment", "event"} <= set(types)
    assert types.index("source") < types.index("commitment") < types.index("event")
    assert all(x["text"] for x in lines if x["type"] == "source")


HEADER = {"type": "header", "format": "tracker-export", "version": 1}  # an import needs one first


def _write(path, lines):
    path.write_text("\n".join(json.dumps(x) if isinstance(x, dict) else x for x in lines) + "\n", encoding="utf-8")
    return path


def test_a_bad_file_reports_every_problem_with_its_line_and_writes_nothing(empty_store, tmp_path):
    from tracker.core.errors import Problems

    src = {"type": "source", "id": None, "title": "t", "published": "2025-01-01", "text": "Flights will resume."}
    bad = _write(tmp_path / "bad.jsonl", [
        {"type": "commitment", "commitment": "direct-flights", "date": "2025-01-01", "definition": {"title": "Direct flights"}},
        src,
        {"type": "event", "commitment": "direct-flights", "kind": "agred", "date": "2025-01-02",
         "source": "nope", "quote": "Flights will resume."},
        "{not json",
        {"type": "event", "commitment": "teleport", "kind": "agreed", "date": "2025-02-30", "source": "x", "quote": "q"},
    ])
    with pytest.raises(Problems) as caught:
        maintenance.import_store(empty_store, bad)
    text = "\n".join(caught.value.problems)
    assert "bad.jsonl:3: unknown kind 'agred'" in text
    assert "bad.jsonl:3: unknown source 'nope'" in text
    assert "bad.jsonl:4: not valid JSON" in text
    assert "bad.jsonl:5: unknown commitment 'teleport'" in text
    assert "bad.jsonl:5: date: impossible date '2025-02-30'" in text
    assert service.status_rows(empty_store) == [] and service.source_rows(empty_store) == []


def test_import_via_cli_reports_line_numbers_exit_2(cli, tmp_path):
    before = cli("export").stdout
    bad = _write(tmp_path / "bad.jsonl", ['{"type": "event", "commitment": "flights"}'])
    result = cli("import", str(bad))
    assert result.exit_code == 2 and "bad.jsonl:1:" in result.stderr
    assert cli("export").stdout == before


def generated_store(url, events: int, streams: int, seed: int = 7):
    """A synthetic store written through the import path: several thousand events."""
    from tracker.store import events as st
    from tracker.core.dates import PartialDate
    from tracker.core.model import CLAIM_KINDS, Event, Kind

    rng = random.Random(seed)
    target = open_store(url, seed=False)

    def work(conn):
        text = " ".join(f"Sentence number {i} about commitment work." for i in range(200))
        source, _ = st.put_source(conn, text, title="synthetic", published="2026-12-31")
        defs = [Event(f"c-{i:04d}", Kind.DEFINED, PartialDate.parse("2020-01-01"),
                      payload={"title": f"Commitment {i}", "aliases": [f"alias{i}"]}) for i in range(streams)]
        st.append(conn, defs)
        batch = []
        for n in range(events):
            y, m, d = rng.randint(2019, 2026), rng.randint(1, 12), rng.randint(1, 28)
            date = rng.choice([f"{y}-{m:02d}-{d:02d}", f"{y}-{m:02d}", f"{y}"])
            i = rng.randrange(200)
            batch.append(Event(f"c-{rng.randrange(streams):04d}", rng.choice(CLAIM_KINDS), PartialDate.parse(date),
                               source=source["id"], quote=f"Sentence number {i} about commitment work.",
                               actors=("Vikram Misri",) if n % 3 else ()))
        st.append(conn, batch)

    target.run(work)
    return target


@pytest.mark.slow
@pytest.mark.slow
def test_round_trip_of_a_generated_store_of_several_thousand_events(db_url, tmp_path):
    big = generated_store(db_url, events=4000, streams=150)
    dump = tmp_path / "big.jsonl"
    text = _export(big, dump)
    copy = open_store(f"sqlite:///{tmp_path / 'copy.db'}", seed=False)
    maintenance.import_store(copy, dump)
    assert service.status_rows(copy) == service.status_rows(big)
    assert service.history_rows(copy, "c-0007") == service.history_rows(big, "c-0007")
    assert _export(copy, tmp_path / "again.jsonl") == text
    assert maintenance.verify(copy)[0] == []
    big.dispose()
    copy.dispose()


def test_an_export_imports_into_another_store_holding_the_bundle_without_duplicates(cli, tmp_path):
    path = tmp_path / "readout.txt"
    path.write_text("Direct flights between India and China resumed on 26 October 2025.\n", encoding="utf-8")
    added = cli("add", "flights", "--kind", "implemented", "--date", "2025-10-26", "--source", str(path),
                "--published", "2025-10-27", "--quote", "Direct flights between India and China resumed")
    assert added.exit_code == 0, added.stderr
    dump = tmp_path / "a.jsonl"
    assert cli("export", "-o", str(dump)).exit_code == 0
    other = open_store(f"sqlite:///{tmp_path / 'b.db'}")  # a second install: the bundle is loaded
    before = {s: len(service.history_rows(other, s)) for s in ("direct-flights", "kailash-yatra")}
    done = maintenance.import_store(other, dump)
    assert done["events"] == 1 and done["sources"] == 1  # only the new readout's event and source
    assert len(service.history_rows(other, "direct-flights")) == before["direct-flights"] + 1
    assert len(service.history_rows(other, "kailash-yatra")) == before["kailash-yatra"]
    other.dispose()


def _one_problem(store, path, expected):
    from tracker.core.errors import Problems, TrackerError

    with pytest.raises(TrackerError) as caught:
        maintenance.import_store(store, path)
    text = "\n".join(caught.value.problems) if isinstance(caught.value, Problems) else str(caught.value)
    assert expected in text


def test_a_retraction_must_withdraw_an_event_of_its_own_commitment(store, tmp_path):
    visa = next(e for e in service.history_rows(store, "visa") if e["kind"] == "progress")
    bad = _write(tmp_path / "cross.jsonl", [{"type": "retraction", "commitment": "direct-flights",
                                             "date": "2026-01-01", "retracts": visa["id"], "reason": "cross"}])
    _one_problem(store, bad, "of visa-facilitation, not of direct-flights")


def test_the_same_id_twice_in_a_file_is_an_input_error_not_a_retry(empty_store, tmp_path):
    from tracker.store.events import content_hash

    text = "Both sides agreed to resume direct flights soon."
    sha = content_hash(text)
    event = {"type": "event", "id": "a" * 32, "commitment": "direct-flights", "kind": "agreed",
             "date": "2025-01-01", "source": sha[:12], "quote": "agreed to resume direct flights"}
    bad = _write(tmp_path / "dup.jsonl", [HEADER,
        {"type": "commitment", "commitment": "direct-flights", "date": "2025-01-01", "definition": {"title": "Flights"}},
        {"type": "source", "id": sha[:12], "published": "2025-01-02", "title": "t", "text": text}, event, event])
    _one_problem(empty_store, bad, "dup.jsonl:5: id 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' is given to two records")


def test_a_source_id_must_be_the_start_of_its_hash(empty_store, tmp_path):
    bad = _write(tmp_path / "short.jsonl", [{"type": "source", "id": "abc", "title": "t", "text": "Some text here."}])
    _one_problem(empty_store, bad, "id or hash does not match")


def test_an_event_dated_after_its_source_is_refused(store, tmp_path):
    src = next(s for s in service.source_rows(store) if s["published"] == "2025-01-26")
    quote = service.source_text(store, src["id"])["text"].splitlines()[2][:40]
    bad = tmp_path / "future.json"
    bad.write_text(json.dumps([{"commitment": "direct-flights", "kind": "implemented", "date": "2030-01-01",
                                "source": src["id"], "quote": quote}]), encoding="utf-8")
    _one_problem(store, bad, "is after source")


def test_definitions_and_retractions_without_ids_import_once(store, tmp_path):
    flights = next(e for e in service.history_rows(store, "flights") if e["kind"] == "progress")
    path = _write(tmp_path / "noid.jsonl", [HEADER,
        {"type": "commitment", "commitment": "border-trade", "date": "2025-01-01", "definition": {"title": "Border trade"}},
        {"type": "retraction", "commitment": "direct-flights", "date": "2026-01-01", "retracts": flights["id"],
         "reason": "misread"}])
    assert maintenance.import_store(store, path)["events"] == 2
    assert maintenance.import_store(store, path)["events"] == 0
    assert maintenance.verify(store)[0] == []
