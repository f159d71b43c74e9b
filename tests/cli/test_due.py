"""Deadlines and silence: `add --due`, status `due`/`overdue`/`quiet`, `status --quiet`, `tracker due`."""
from __future__ import annotations

import json

import pytest

from tests.cli.test_definitions import ok, refused

SOURCE = "69cd5d83bdff"
QUOTE = "with the Foreign Secretary expressing optimism about finalizing a new air service agreement soon"
PLAN = ["add", "asa", "--kind", "progress", "--date", "2025-06-12", "--source", SOURCE, "--quote", QUOTE,
        "--due", "2025-10"]


def row(cli, slug, *args):
    return next(r for r in cli.json("status", *args) if r["commitment"] == slug)


def test_a_plan_with_a_date_is_due_and_turns_overdue_after_its_month(cli):
    added = json.loads(ok(cli(*PLAN, "--format", "json")).stdout)
    assert added["due"] == "2025-10"
    assert row(cli, "air-services-agreement", "--as-of", "2025-10-31")["overdue"] is False
    late = row(cli, "air-services-agreement", "--as-of", "2025-11-01")
    assert (late["due"], late["overdue"], late["status"]) == ("2025-10", True, "in_progress")
    assert row(cli, "air-services-agreement")["overdue"] is True  # today is long past October 2025
    assert row(cli, "air-services-agreement", "--as-of", "2025-06-01")["due"] is None  # not yet planned
    (event,) = [e for e in cli.json("history", "asa") if e["due"] is not None]
    assert (event["quote"], event["due"]) == (QUOTE, "2025-10")


def test_due_lists_deadlines_soonest_first_within_a_period(cli):
    ok(cli(*PLAN))
    ok(cli("add", "river-data", "--kind", "discussed", "--date", "2025-06-12", "--source", SOURCE,
           "--quote", "cooperation on transboundary rivers", "--due", "2025-09-30"))
    rows = cli.json("due", "--as-of", "2025-09-01")
    assert [(r["commitment"], r["due"], r["days_left"]) for r in rows] == [
        ("river-data", "2025-09-30", 29), ("air-services-agreement", "2025-10", 60)]
    assert [r["commitment"] for r in cli.json("due", "--as-of", "2025-09-01", "--within", "30d")] == ["river-data"]
    assert [r["commitment"] for r in cli.json("due", "--as-of", "2025-10-15", "--overdue")] == ["river-data"]
    assert [r["commitment"] for r in cli.json("due", "--as-of", "2025-06-01")] == []


def test_an_implemented_commitment_is_not_overdue(cli):
    ok(cli(*PLAN))
    ok(cli("add", "asa", "--kind", "implemented", "--date", "2025-06-12", "--source", SOURCE,
           "--quote", "finalizing a new air service agreement soon"))
    assert row(cli, "air-services-agreement", "--as-of", "2026-01-01")["overdue"] is False


def test_retracting_the_plan_removes_its_deadline_and_rebuild_agrees(cli):
    added = json.loads(ok(cli(*PLAN, "--format", "json")).stdout)
    ok(cli("retract", added["event"], "--reason", "the optimism named no date"))
    assert row(cli, "air-services-agreement")["due"] is None
    ok(cli("db", "rebuild"))
    assert row(cli, "air-services-agreement")["due"] is None
    ok(cli("verify"))


def test_export_import_and_rebuild_carry_due(cli, tmp_path):
    from tests.conftest import Cli

    ok(cli(*PLAN))
    dump = tmp_path / "store.jsonl"
    ok(cli("export", "-o", str(dump)))
    assert '"due":"2025-10"' in dump.read_text()
    other = Cli(f"sqlite:///{tmp_path / 'other.db'}")
    ok(other("import", str(dump)))
    assert row(other, "air-services-agreement")["due"] == "2025-10"
    ok(other("db", "rebuild"))
    assert row(other, "air-services-agreement")["due"] == "2025-10"
    ok(other("verify"))


def test_quiet_flags_commitments_without_events_for_the_quiet_days(cli):
    # river-data's last bundled event is 2025-06-12; dialogue-mechanisms had one on 2026-02-10
    rows = {r["commitment"]: r for r in cli.json("status", "--as-of", "2026-03-01")}
    assert rows["river-data"]["quiet"] is True and rows["dialogue-mechanisms"]["quiet"] is False
    quiet = [r["commitment"] for r in cli.json("status", "--as-of", "2026-03-01", "--quiet")]
    assert "river-data" in quiet and "dialogue-mechanisms" not in quiet
    assert row(cli, "river-data", "--as-of", "2026-03-01", "--quiet-days", "365")["quiet"] is False
    table = ok(cli("status", "--as-of", "2026-03-01")).stdout
    assert "quiet" not in table  # no deadline anywhere: the table keeps its usual columns
    ok(cli(*PLAN))
    table = ok(cli("status", "--as-of", "2026-03-01")).stdout
    assert table.splitlines()[0].split() == ["commitment", "status", "since", "last_event", "events", "due",
                                             "flags", "title"]
    assert "quiet" in next(line for line in table.splitlines() if line.startswith("river-data"))
    assert "overdue" in next(line for line in table.splitlines() if line.startswith("air-services"))


def test_ingest_records_the_due_the_engine_proposes(cli, tmp_path):
    readout = tmp_path / "readout.txt"
    readout.write_text("date 2025-10-27\nIndia and China agreed to resume direct flights by the end of 2025.\n",
                       encoding="utf-8")
    proposals = json.loads(ok(cli("ingest", str(readout), "--yes", "--format", "json")).stdout)
    assert proposals and all(p["due"] == "2025-12" for p in proposals)
    assert row(cli, "direct-flights")["due"] == "2025-12"


@pytest.mark.parametrize("args, words", [
    (PLAN[:-1] + ["2025-13"], ["--due", "no month 13"]),
    (["due", "--within", "soon"], ["--within: malformed period 'soon'"]),
    (["due", "--as-of", "yesterday"], ["--as-of", "malformed date"]),
    (["status", "--quiet-days", "0"], ["--quiet-days"]),
])
def test_bad_deadline_input_is_refused(cli, args, words):
    before = cli("export").stdout
    refused(cli(*args), *words)
    assert cli("export").stdout == before


def test_the_timeline_marks_the_deadline_red_once_overdue(cli, tmp_path):
    pytest.importorskip("matplotlib")
    ok(cli(*PLAN))
    before, after = tmp_path / "before.svg", tmp_path / "after.svg"
    ok(cli("timeline", "-o", str(before), "-c", "asa", "--as-of", "2025-10-15", "--to", "2025-12-31"))
    ok(cli("timeline", "-o", str(after), "-c", "asa", "--to", "2026-01-31"))
    assert 'id="due-air-services-agreement"' in before.read_text()
    assert "overdue-air-services-agreement" not in before.read_text()
    svg = after.read_text()
    assert 'id="overdue-air-services-agreement"' in svg and "overdue deadline" in svg


def test_import_refuses_a_bad_due_and_a_bad_amendment(cli, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        json.dumps({"type": "event", "commitment": "air-services-agreement", "kind": "progress", "date": "2025-06-12",
                    "source": SOURCE, "quote": QUOTE, "due": "2025-13"}) + "\n"
        + json.dumps({"type": "amendment", "source": SOURCE, "title": "x"}) + "\n"
        + json.dumps({"type": "amendment", "title": "x", "reason": "y"}) + "\n", encoding="utf-8")
    before = cli("export").stdout
    line = refused(cli("import", str(bad)), "bad.jsonl:1: due", "bad.jsonl:2: an amendment needs",
                   "bad.jsonl:3: amendment of unknown source (missing)")
    assert "None" not in line
    assert cli("export").stdout == before
