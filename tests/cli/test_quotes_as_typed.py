"""Quotes as people type them: a hard-wrapped line, extra spaces, straight quotes for curly ones
all find the sentence; the event stores the source's exact span; a miss shows the closest passage."""
from __future__ import annotations

import json

READOUT = ("date 2025-06-13\nJoint press release\n\nThe two sides agreed to resume direct\n"
           "flights between India and China \u2014 the \u201cfirst step\u201d in normalising ties.\n")


def add(cli, source, quote, *more):
    return cli("add", "flights", "--kind", "agreed", "--date", "2025-06-12", "--source", source,
               "--quote", quote, "--format", "json", *more)


def recorded_quote(cli, result):
    assert result.exit_code == 0, result.stderr
    event = json.loads(result.stdout)["event"]
    return next(e["quote"] for e in cli.json("history", "flights") if e["id"] == event)


def test_a_quote_typed_on_one_line_with_straight_quotes_stores_the_sources_exact_span(cli, tmp_path):
    path = tmp_path / "release.txt"
    path.write_text(READOUT, encoding="utf-8")
    quote = recorded_quote(cli, add(cli, str(path), 'agreed to resume direct  flights between India and '
                                                    'China - the "first step"'))
    assert quote == "agreed to resume direct\nflights between India and China \u2014 the \u201cfirst step\u201d"
    assert quote in READOUT
    assert cli("verify").exit_code == 0


def test_a_quote_that_is_not_there_shows_the_closest_passage(cli, tmp_path):
    path = tmp_path / "release.txt"
    path.write_text(READOUT, encoding="utf-8")
    result = add(cli, str(path), "agreed to suspend direct flights between India and China")
    assert result.exit_code == 2
    assert "the closest passage is: 'agreed to resume direct flights between India and China" in result.stderr


def test_ingest_proposes_the_exact_span_and_add_accepts_it_as_shown_in_the_table(cli, tmp_path):
    path = tmp_path / "release.txt"
    path.write_text(READOUT, encoding="utf-8")
    proposal = json.loads(cli("ingest", str(path), "--format", "json").stdout)[0]
    assert proposal["quote"] in READOUT and "\n" in proposal["quote"]
    shown_on_one_line = " ".join(proposal["quote"].split())
    quote = recorded_quote(cli, add(cli, str(path), shown_on_one_line))
    assert quote == proposal["quote"]


def test_reingesting_a_stored_text_without_a_date_line_uses_its_stored_date(cli, tmp_path):
    path = tmp_path / "undated.txt"
    path.write_text("Direct flights between India and China will resume soon, officials said.\n", encoding="utf-8")
    first = cli("ingest", str(path), "--published", "2025-08-01")
    assert first.exit_code == 0, first.stderr
    again = cli("ingest", str(path), "--format", "json")
    assert again.exit_code == 0, again.stderr
    assert "already stored" in again.stderr
    assert json.loads(again.stdout)[0]["published"] == "2025-08-01"
