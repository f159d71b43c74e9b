"""Interactive ingest on a terminal: A accepts the rest, Ctrl-C asks to keep what was accepted,
dates typed as people write them, wrapped quotes, and no-op moves shown as no change."""
from __future__ import annotations

import click
import pytest

import tracker.cli
import tracker.review

READOUT = """date 2025-10-27
Direct flights between India and China resumed on October 26, 2025, after a gap of more than five years, as both sides had hoped for a long time.
The two sides agreed to resume the Kailash Mansarovar Yatra in 2026.
Both sides also agreed to hold talks on trans-border river data sharing soon.
"""


@pytest.fixture
def readout(tmp_path, monkeypatch):
    monkeypatch.setattr(tracker.cli.readouts, "_on_terminal", lambda: True)
    path = tmp_path / "readout.txt"
    path.write_text(READOUT, encoding="utf-8")
    return path


def recorded(cli):
    return [e for slug in ("flights", "yatra", "rivers") for e in cli.json("history", slug)
            if e["note"] and "ingest" in e["note"]]


def test_capital_a_accepts_this_and_every_later_proposal(cli, readout):
    result = cli("ingest", str(readout), input="s\nA\n")
    assert result.exit_code == 0, result.stderr
    assert "[A]ccept all the rest" in result.stdout
    assert {e["commitment"] for e in recorded(cli)} == {"kailash-yatra", "river-data"}


def test_quit_records_only_what_was_accepted(cli, readout):
    assert cli("ingest", str(readout), input="a\nq\n").exit_code == 0
    assert [e["commitment"] for e in recorded(cli)] == ["direct-flights"]


def test_ctrl_c_asks_whether_to_keep_what_was_accepted(cli, readout, monkeypatch):
    answers = iter(["a"])

    def prompt(text, **kw):
        try:
            return next(answers)
        except StopIteration:
            raise click.Abort() from None  # what click.prompt raises on Ctrl-C

    monkeypatch.setattr(tracker.review.click, "prompt", prompt)
    monkeypatch.setattr(tracker.review.click, "confirm", lambda text, **kw: "keep the 1" in text)
    assert cli("ingest", str(readout)).exit_code == 0
    assert [e["commitment"] for e in recorded(cli)] == ["direct-flights"]


def test_ctrl_c_then_no_keeps_nothing(cli, readout):
    result = cli("ingest", str(readout), input="a\n")  # then end of input, as Ctrl-C: keep? no
    assert result.exit_code == 0
    assert "keep the 1 proposal(s) accepted so far?" in result.stdout
    assert recorded(cli) == []


def test_a_date_is_typed_as_people_write_it(cli, readout):
    result = cli("ingest", str(readout), input="d\n25 Oct 2025\na\ns\ns\n")
    assert result.exit_code == 0, result.stderr
    assert [(e["commitment"], e["date"]) for e in recorded(cli)] == [("direct-flights", "2025-10-25")]


def test_a_date_that_cannot_be_read_is_asked_again(cli, readout):
    result = cli("ingest", str(readout), input="d\nsoonish\nOctober 2025\na\nq\n")
    assert "cannot read 'soonish' as a date" in result.stdout
    assert [e["date"] for e in recorded(cli)] == ["2025-10"]


def test_quotes_are_wrapped_and_a_move_that_changes_nothing_says_so(cli, readout, monkeypatch):
    monkeypatch.setattr(tracker.review.shutil, "get_terminal_size", lambda: __import__("os").terminal_size((60, 20)))
    result = cli("ingest", str(readout), input="a\nq\n")
    quote_lines = [ln for ln in result.stdout.splitlines() if ln.startswith(("  quote:", "         "))]
    assert len(quote_lines) > 1 and all(len(ln) <= 60 for ln in quote_lines)
    assert tracker.review.change({"status_before": "agreed", "status_after": "agreed"}) == "no change: stays agreed"
