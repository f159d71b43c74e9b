"""Both time axes, retraction and changes, through the CLI on the bundled data."""
from __future__ import annotations

import json

ORDER = ["not_started", "proposed", "under_discussion", "agreed", "in_progress", "implemented"]


def statuses(cli, *args):
    return {r["commitment"]: r["status"] for r in cli.json("status", *args)}


def test_yatra_is_agreed_on_1_march_2025(cli):
    assert statuses(cli, "--as-of", "2025-03-01")["kailash-yatra"] == "agreed"


def test_yatra_was_suspended_before_the_beijing_talks(cli):
    assert statuses(cli, "--as-of", "2025-01-25")["kailash-yatra"] == "suspended"


def test_mid_2024_shows_nothing_that_had_not_happened(cli):
    # every bundled event that moves a status is dated after June 2024, but the 2020 suspension
    then = statuses(cli, "--as-of", "2024-06-01")
    assert then.pop("kailash-yatra") == "suspended"
    assert set(then.values()) == {"not_started"}


def test_as_known_on_february_2025_hides_the_june_2025_and_2026_articles(cli):
    known = cli.json("status", "--as-known-on", "2025-02-01")
    rows = {r["commitment"]: r for r in known}
    assert all(r["last_event"] is None or r["last_event"] <= "2025-01-31" for r in known)
    assert rows["direct-flights"]["status"] == "under_discussion"
    assert rows["air-services-agreement"]["status"] == "not_started"  # first reported in June 2025
    history = cli.json("history", "visa", "--as-known-on", "2025-02-01")
    assert history and all(e["published"] <= "2025-02-01" for e in history)


def test_both_axes_together(cli):
    # where did flights stand on 1 March 2025, as known on 1 April 2025? discussed in January
    assert statuses(cli, "--as-of", "2025-03-01", "--as-known-on", "2025-04-01")["direct-flights"] == "under_discussion"


def test_as_of_a_month_means_its_last_day(cli):
    assert statuses(cli, "--as-of", "2025-06") == statuses(cli, "--as-of", "2025-06-30")


def test_history_as_of_stops_at_the_date(cli):
    events = cli.json("history", "flights", "--as-of", "2025-01-31")
    assert events and all(e["date"] <= "2025-01-31" for e in events)
    assert events[-1]["status_after"] == "under_discussion"


def test_bad_dates_for_time_travel_are_input_errors(cli):
    for args in (["--as-of", "2025-02-30"], ["--as-known-on", "last week"]):
        result = cli("status", *args)
        assert result.exit_code == 2 and result.stderr.startswith("Error: --as")


def _flights_progress(cli):
    return next(e for e in cli.json("history", "flights") if e["kind"] == "progress")


def test_retraction_removes_the_event_from_the_fold_and_history_keeps_both(cli):
    wrong = _flights_progress(cli)
    result = cli("retract", wrong["id"][:8], "--reason", "misread: expediting is not resuming", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert statuses(cli)["direct-flights"] == "under_discussion"
    history = cli.json("history", "flights")
    marked = next(e for e in history if e["id"] == wrong["id"])
    assert marked["retracted"] and marked["status_before"] == marked["status_after"]
    assert marked["retraction_reason"] == "misread: expediting is not resuming"
    retraction = next(e for e in history if e["kind"] == "retracted")
    assert retraction["retracts"] == wrong["id"]
    assert "RETRACTED" in cli("history", "flights").stdout
    assert cli("verify").exit_code == 0


def test_retracting_twice_is_an_error(cli):
    wrong = _flights_progress(cli)
    assert cli("retract", wrong["id"], "--reason", "wrong").exit_code == 0
    again = cli("retract", wrong["id"], "--reason", "still wrong")
    assert again.exit_code == 2 and "already retracted" in again.stderr


def test_retracting_an_unknown_event_is_an_error(cli):
    result = cli("retract", "0123456789abcdef", "--reason", "x")
    assert result.exit_code == 2 and result.stderr.startswith("Error: unknown event")


def test_changes_in_june_2025_name_the_events_that_did_it(cli):
    rows = {r["commitment"]: r for r in cli.json("changes", "--from", "2025-06-01", "--to", "2025-06-30")}
    flights = rows["direct-flights"]
    assert (flights["from"], flights["to"]) == ("under_discussion", "in_progress")
    assert [(e["date"], e["kind"]) for e in flights["events"]] == [("2025-06-12", "progress")]
    assert "river-data" not in rows or rows["river-data"]["from"] != rows["river-data"]["to"]


def test_changes_in_a_quiet_window_is_empty(cli):
    assert cli.json("changes", "--from", "2023-01-01", "--to", "2023-12-31") == []


def test_timeline_draws_a_png_of_every_commitment(cli, tmp_path):
    out = tmp_path / "brief.png"
    result = cli("timeline", "--output", str(out), "--from", "2024-06")
    assert result.exit_code == 0, result.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_timeline_svg_for_chosen_commitments(cli, tmp_path):
    out = tmp_path / "flights.svg"
    assert cli("timeline", "-o", str(out), "-c", "flights", "-c", "yatra").exit_code == 0
    svg = out.read_text()
    assert "Direct flights" in svg and "Kailash Mansarovar Yatra" in svg and "Visa facilitation" not in svg


def test_timeline_refuses_other_formats(cli, tmp_path):
    result = cli("timeline", "-o", str(tmp_path / "brief.pdf"))
    assert result.exit_code == 2 and ".svg or .png" in result.stderr


def test_retracting_a_mistaken_retraction_restores_the_event(cli):
    wrong = _flights_progress(cli)
    first = cli("retract", wrong["id"], "--reason", "thought it was wrong", "--format", "json")
    assert statuses(cli)["direct-flights"] == "under_discussion"
    undo = cli("retract", json.loads(first.stdout)["event"], "--reason", "it was right after all")
    assert undo.exit_code == 0, undo.stderr
    assert statuses(cli)["direct-flights"] == "in_progress"
    assert not next(e for e in cli.json("history", "flights") if e["id"] == wrong["id"])["retracted"]
    assert cli("verify").exit_code == 0


def test_a_definition_cannot_be_retracted(cli):
    defined = cli("export").stdout.split('"type":"commitment","id":"')[1][:32]
    result = cli("retract", defined, "--reason", "x")
    assert result.exit_code == 2 and "definition" in result.stderr


def test_changes_from_the_first_year_is_an_input_error(cli):
    result = cli("changes", "--from", "0001-01-01")
    assert result.exit_code == 2 and result.stderr.startswith("Error: --from")
