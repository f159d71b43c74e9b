"""The real CLI through click's CliRunner, on SQLite and PostgreSQL."""
from __future__ import annotations

import json

import pytest

CORE = ["kailash-yatra", "direct-flights", "air-services-agreement", "visa-facilitation", "river-data"]


def test_status_lists_every_core_commitment(cli):
    rows = {r["commitment"]: r for r in cli.json("status")}
    assert set(CORE) <= set(rows)
    flights = rows["direct-flights"]
    assert set(flights) >= {"commitment", "title", "status", "since", "last_event", "events"}
    assert flights["title"] == "Direct flights"


def test_status_table_is_readable_by_default(cli):
    result = cli("status")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["commitment", "status", "since"]
    assert any(line.startswith("kailash-yatra") and "implemented" in line for line in lines)


@pytest.mark.parametrize("fmt", ["plain", "simple", "github", "grid", "pipe", "html", "latex", "rst"])
def test_every_table_format_renders(cli, fmt):
    result = cli("status", "--format", fmt)
    assert result.exit_code == 0 and "kailash-yatra" in result.stdout


def test_csv_has_a_header_and_a_row_per_commitment(cli):
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(cli("status", "--format", "csv").stdout)))
    assert {r["commitment"] for r in rows} >= set(CORE)


def test_unknown_format_is_a_usage_error(cli):
    result = cli("status", "--format", "yaml")
    assert result.exit_code == 2 and "unknown format 'yaml'" in result.stderr


def test_history_of_flights_by_alias_in_fold_order(cli):
    events = cli.json("history", "flights")
    assert events and all(e["commitment"] == "direct-flights" for e in events)
    keys = [(e["date"], i) for i, e in enumerate(events)]
    assert [e["date"] for e in events] == [d for d, _ in sorted(keys, key=lambda k: (k[0][:10], k[1]))]
    for before, after in zip(events, events[1:]):
        assert after["status_before"] == before["status_after"]
    assert events[0]["status_before"] == "not_started"
    assert set(events[0]) >= {"id", "kind", "date", "date_precision", "status_before", "status_after",
                              "actors", "source", "published", "quote", "note", "recorded_at", "retracted"}


@pytest.mark.parametrize("name", ["FLIGHTS", "direct", "Kail", "asa", "hydrological-data", "visas"])
def test_commitment_names_resolve_by_slug_alias_or_prefix(cli, name):
    assert cli("history", name).exit_code == 0


def test_unknown_commitment_names_the_closest_matches(cli):
    result = cli("history", "flihgts")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: unknown commitment 'flihgts'; the closest are direct-flights")


def test_a_name_ingest_knows_finds_its_commitment(cli):
    assert cli.json("history", "Brahmaputra") == cli.json("history", "river-data")


def test_ambiguous_prefix_is_an_error_naming_the_candidates(cli):
    result = cli("history", "visa-facilitation")
    assert result.exit_code == 0
    assert cli("history", "a").exit_code == 2


def _new_readout(tmp_path):
    path = tmp_path / "readout.txt"
    path.write_text("Direct flights between India and China resumed on 26 October 2025, "
                    "the ministry said.\n", encoding="utf-8")
    return path


def test_add_from_a_new_text_file_changes_the_status(cli, tmp_path):
    path = _new_readout(tmp_path)
    before = {r["commitment"]: r["status"] for r in cli.json("status")}
    assert before["direct-flights"] != "implemented"
    result = cli("add", "flights", "--kind", "implemented", "--date", "2025-10-26", "--source", str(path),
                 "--published", "2025-10-27", "--quote", "Direct flights between India and China resumed on "
                 "26 October 2025", "--actor", "Randhir Jaiswal", "--format", "json")
    assert result.exit_code == 0, result.stderr
    row = json.loads(result.stdout)
    assert (row["status"], row["since"]) == ("implemented", "2025-10-26")
    after = {r["commitment"]: r for r in cli.json("status")}
    assert after["direct-flights"]["status"] == "implemented"
    last = next(e for e in cli.json("history", "flights") if e["id"] == row["event"])
    assert (last["kind"], last["status_after"], last["actors"]) == ("implemented", "implemented", ["Randhir Jaiswal"])
    assert last["published"] == "2025-10-27"
    sources = cli.json("sources")
    assert any(s["id"] == row["source"] and s["file"] == "readout.txt" for s in sources)


def test_add_with_an_existing_source_id(cli):
    src = next(s for s in cli.json("sources") if s["published"] == "2026-02-10")
    text = cli("source", src["id"]).stdout
    quote = "visa facilitation"
    assert quote in text
    result = cli("add", "visa", "--kind", "reaffirmed", "--date", "2026-02-10", "--source", src["id"][:6],
                 "--quote", quote)
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize("args, message", [
    (["--date", "2025-02-30"], "impossible date '2025-02-30'"),
    (["--date", "26/10/2025"], "malformed date"),
    (["--kind", "agred"], "unknown kind 'agred'; did you mean agreed?"),
    (["--commitment", "teleportation"], "unknown commitment 'teleportation'"),
    (["--source", "deadbeef0000"], "unknown source 'deadbeef0000'"),
    (["--quote", "Flights resumed on Mars."], "readout.txt verbatim"),
    (["--quote", "Direct"], "too short to be evidence"),
    (["--date", "2025-11-01"], "after source"),
    (["--quote", "   "], "the quote is empty"),
    (["--source", "missing/file.txt"], "cannot read missing/file.txt"),
])
def test_bad_add_gives_one_error_line_exit_2_and_no_change(cli, tmp_path, args, message):
    path = _new_readout(tmp_path)
    base = {"--commitment": "flights", "--kind": "implemented", "--date": "2025-10-26",
            "--source": str(path), "--quote": "Direct flights between India and China resumed",
            "--published": "2025-10-27"}
    base.update(dict(zip(args[::2], args[1::2])))
    commitment = base.pop("--commitment")
    argv = ["add", commitment] + [x for kv in base.items() for x in kv]
    before = (cli("history", "flights", "--format", "json").stdout, cli("sources", "--format", "json").stdout)
    result = cli(*argv)
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: ") and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output + result.stderr
    after = (cli("history", "flights", "--format", "json").stdout, cli("sources", "--format", "json").stdout)
    assert after == before


def test_verify_passes_on_the_bundled_data(cli):
    result = cli("verify")
    assert result.exit_code == 0, result.stdout
    assert result.stdout.startswith("ok: ")


def test_db_rebuild_keeps_the_status(cli):
    before = cli.json("status")
    assert cli("db", "rebuild").exit_code == 0
    assert cli.json("status") == before


def test_commitments_lists_titles_and_aliases(cli):
    rows = {r["commitment"]: r for r in cli.json("commitments")}
    assert rows["kailash-yatra"]["title"] == "Kailash Mansarovar Yatra"
    assert {"kailash", "yatra", "pilgrimage"} <= set(rows["kailash-yatra"]["aliases"])
    assert {"rivers", "hydrological-data"} <= set(rows["river-data"]["aliases"])


def test_control_characters_in_a_source_are_not_printed(cli, tmp_path):
    path = tmp_path / "evil.txt"
    path.write_text("Visa facilitation \x1b[2J\x1b]0;pwned\x07agreed today.\n", encoding="utf-8")
    result = cli("add", "visa", "--kind", "agreed", "--date", "2025-10-26", "--published", "2025-10-26",
                 "--source", str(path), "--quote", "Visa facilitation \x1b[2J\x1b]0;pwned\x07agreed")
    assert result.exit_code == 0, result.stderr
    for out in (cli("history", "visa").stdout, cli("history", "visa", "--format", "json").stdout,
                cli("sources").stdout, cli("source", result.stdout.split()[-1]).stdout):
        assert "\x1b" not in out and "\x07" not in out


def test_adding_the_same_event_twice_is_refused(cli, tmp_path):
    path = _new_readout(tmp_path)
    args = ["add", "flights", "--kind", "implemented", "--date", "2025-10-26", "--source", str(path),
            "--published", "2025-10-27", "--quote", "Direct flights between India and China resumed"]
    assert cli(*args).exit_code == 0
    again = cli(*args)
    assert again.exit_code == 2 and "already recorded" in again.stderr


def test_a_stored_source_is_never_described_differently(cli, tmp_path):
    path = _new_readout(tmp_path)
    base = ["add", "flights", "--kind", "implemented", "--date", "2025-10-26", "--source", str(path),
            "--quote", "Direct flights between India and China resumed"]
    assert cli(*base, "--published", "2025-10-27").exit_code == 0
    clash = cli(*base[:-2], "--quote", "26 October 2025, the ministry said", "--published", "2025-10-28")
    assert clash.exit_code == 2 and "already stored as source" in clash.stderr
