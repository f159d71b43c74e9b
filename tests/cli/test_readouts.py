"""`tracker ingest` end to end: a new readout is stored once, proposes, records with --yes, and
never twice; its JSON output, edited, imports."""
from __future__ import annotations

import json

import pytest

READOUT = """date 2025-10-27
India and China resume direct flights

Direct flights between India and China resumed on October 26, 2025, after a gap of more than five years, the Ministry of External Affairs said on Monday.
IndiGo's flight from Kolkata to Guangzhou took off on Sunday night.
"""


@pytest.fixture
def readout(tmp_path):
    path = tmp_path / "readout.txt"
    path.write_text(READOUT, encoding="utf-8")
    return path


def flights(cli):
    return next(r for r in cli.json("status") if r["commitment"] == "direct-flights")


def test_without_yes_off_a_terminal_it_proposes_and_records_no_event(cli, readout):
    before = cli.json("history", "flights")
    result = cli("ingest", str(readout))
    assert result.exit_code == 0, result.stderr
    assert "direct-flights" in result.stdout and "implemented" in result.stdout
    assert "nothing recorded" in result.stderr
    assert cli.json("history", "flights") == before


def test_with_yes_it_records_and_status_reflects_it(cli, readout):
    result = cli("ingest", str(readout), "--yes", "--format", "json")
    assert result.exit_code == 0, result.stderr
    proposals = json.loads(result.stdout)
    first = proposals[0]
    assert (first["commitment"], first["kind"], first["date"]) == ("direct-flights", "implemented", "2025-10-26")
    assert first["id"] and first["rule"] and first["quote"] in READOUT
    assert first["status_before"] == "in_progress" and first["status_after"] == "implemented"
    assert flights(cli)["status"] == "implemented"
    recorded = next(e for e in cli.json("history", "flights") if e["id"] == first["id"])
    assert recorded["published"] == "2025-10-27" and "ingest" in recorded["note"]


def test_ingesting_the_same_file_twice_adds_nothing(cli, readout):
    assert cli("ingest", str(readout), "--yes").exit_code == 0
    export = cli("export").stdout
    again = cli("ingest", str(readout), "--yes", "--format", "json")
    assert again.exit_code == 0
    assert all(p["already_recorded"] for p in json.loads(again.stdout))
    assert cli("export").stdout == export


def test_two_sentences_saying_the_same_thing_are_one_proposal_with_the_other_as_also(cli, readout):
    proposals = json.loads(cli("ingest", str(readout), "--yes", "--format", "json").stdout)
    same = [p for p in proposals if p["commitment"] == "direct-flights" and p["kind"] == "implemented"]
    assert len(same) == 1 and same[0]["recorded"]
    assert same[0]["quote"].startswith("Direct flights between India and China resumed")
    assert same[0]["also"] == ["IndiGo's flight from Kolkata to Guangzhou took off on Sunday night."]


def test_json_proposals_edited_import_as_events(cli, readout, tmp_path):
    proposals = json.loads(cli("ingest", str(readout), "--format", "json").stdout)
    keep = [dict(proposals[0], kind="progress", note="analyst: a first flight is not a resumption")]
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(keep), encoding="utf-8")
    result = cli("import", str(edited))
    assert result.exit_code == 0, result.stderr
    history = cli.json("history", "flights")
    assert any(e["kind"] == "progress" and e["note"].startswith("analyst") and e["date"] == "2025-10-26"
               for e in history)
    assert cli("import", str(edited)).stdout.startswith("imported 0 events")


def test_no_published_date_is_an_error_that_says_so(cli, tmp_path):
    path = tmp_path / "undated.txt"
    path.write_text("Direct flights resumed on Sunday.\n", encoding="utf-8")
    result = cli("ingest", str(path))
    assert result.exit_code == 2 and "--published" in result.stderr
    ok = cli("ingest", str(path), "--published", "2025-10-27", "--format", "json")
    proposal = json.loads(ok.stdout)[0]
    assert proposal["date"] == "2025-10-26"  # the Sunday before the published Monday


def test_on_a_terminal_it_asks_about_each_proposal(cli, readout, monkeypatch):
    import tracker.cli

    monkeypatch.setattr(tracker.cli.readouts, "_on_terminal", lambda: True)
    # the one proposal (the second sentence is its `also` quote): change the kind to progress, accept
    result = cli("ingest", str(readout), input="k\nprogress\na\n")
    assert result.exit_code == 0, result.stderr
    assert "[1/1] direct-flights: implemented on 2025-10-26" in result.stdout
    kinds = [e["kind"] for e in cli.json("history", "flights") if e["date"] == "2025-10-26"]
    assert kinds == ["progress"]


def test_on_a_terminal_a_changed_date_is_recorded_and_shown(cli, readout, monkeypatch):
    import tracker.cli

    monkeypatch.setattr(tracker.cli.readouts, "_on_terminal", lambda: True)
    result = cli("ingest", str(readout), input="d\n2025-10-32\n2025-11-01\n2025-10\na\n")
    assert "October 2025 has no day 32" in result.stdout
    assert "2025-11-01 is after the source was published" in result.stdout
    assert [e["kind"] for e in cli.json("history", "flights") if e["date"] == "2025-10"] == ["implemented"]
    table_row = next(line for line in result.stdout.splitlines() if line.startswith("1 "))
    assert "2025-10 " in table_row and "yes" in table_row


def test_on_a_terminal_skip_records_nothing(cli, readout, monkeypatch):
    import tracker.cli

    monkeypatch.setattr(tracker.cli.readouts, "_on_terminal", lambda: True)
    before = cli("export").stdout.count('"type":"event"')
    result = cli("ingest", str(readout), input="s\n")
    assert result.exit_code == 0
    assert cli("export").stdout.count('"type":"event"') == before


def test_json_proposals_keep_the_quote_exact_so_they_import(cli, tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes("New Delhi, 26 April 2025\r\nThe two sides agreed to resume direct\r\nflights "
                     "between India and China at an early date.\r\n".encode("utf-8"))
    out = cli("ingest", str(path), "--format", "json")
    assert out.exit_code == 0, out.stderr
    proposals = json.loads(out.stdout)
    assert proposals and all(p["quote"] in path.read_bytes().decode("utf-8") for p in proposals)
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(proposals), encoding="utf-8")
    assert cli("import", str(edited)).exit_code == 0


EXPLAINED = """date 2025-10-27
Flights

IndiGo's flight from Kolkata took off for Guangzhou on Sunday, the first since services were halted in 2020.
No scheduled flight has yet operated between Delhi and Shanghai.
Emirates added flights between Mumbai and Dubai.
India and China also agreed to reopen border trade through three passes.
"""


def test_explain_shows_each_sentence_the_clause_read_and_why_it_was_skipped(cli, tmp_path):
    path = tmp_path / "explained.txt"
    path.write_text(EXPLAINED, encoding="utf-8")
    result = cli("ingest", str(path), "--explain")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "implemented by flights-operated@" in out and "clause read:" in out and "[…]" in out
    assert "skipped: an absence, and the text also reports it implemented (sentence 3)" in out
    assert "skipped: other countries (Emirates, Dubai)" in out


def test_explain_json_is_an_object_that_import_takes(cli, tmp_path):
    path = tmp_path / "explained.txt"
    path.write_text(EXPLAINED, encoding="utf-8")
    doc = json.loads(cli("ingest", str(path), "--explain", "--format", "json").stdout)
    assert set(doc) == {"proposals", "unmatched", "sentences"}
    [p] = [p for p in doc["proposals"] if p["commitment"] == "direct-flights"]
    assert p["kind"] == "implemented" and p["date"] == "2025-10-26" and p["explain"]["rule"] == p["rule"]
    assert any(s["outcome"] == "skipped" and s["why"].startswith("an absence") for s in doc["sentences"])
    saved = tmp_path / "explained.json"
    saved.write_text(cli("ingest", str(path), "--explain", "--format", "json").stdout, encoding="utf-8")
    result = cli("import", str(saved))
    assert result.exit_code == 0, result.stderr
    assert any(e["kind"] == "implemented" and e["date"] == "2025-10-26" for e in cli.json("history", "flights"))


def test_proposals_the_doubt_check_drops_are_counted_and_shown_by_explain(cli, readout, monkeypatch):
    from tracker.ingest import engine
    from tracker.ingest.doubt import Model

    doubting = Model("doubt@9", 0.5, 0.0, {"w=resumed": -4.0}, frozenset({"direct-flights"}))
    monkeypatch.setattr(engine, "default_model", lambda: doubting)
    engine._default_rules.cache_clear()
    try:
        plain = cli("ingest", str(readout))
        explained = cli("ingest", str(readout), "--explain")
    finally:
        engine._default_rules.cache_clear()
    assert plain.exit_code == 0, plain.stderr
    assert "1 more doubtful, not proposed (--explain shows them)" in plain.stderr
    assert "skipped: doubtful (doubt@9): read as implemented" in explained.stdout
    assert "against it: 'resumed'" in explained.stdout
    assert "more doubtful" not in explained.stderr
