"""The data behind the site's pages (tracker.site.pages): pure functions, no store, no HTML."""
from __future__ import annotations

from tracker.site import pages
from tracker.site.pages import Passage, passages, quote_anchor

TEXT = "Both sides agreed to resume direct flights. Visa facilitation was discussed. Rivers too."


def _row(**extra) -> dict:
    row = {"id": "e1", "commitment": "direct-flights", "kind": "agreed", "date": "2025-06-12",
           "date_precision": "day", "status_before": "under_discussion", "status_after": "agreed",
           "actors": ["Vikram Misri"], "source": "abc123", "published": "2025-06-13",
           "quote": "Both sides agreed to resume direct flights.", "note": None,
           "recorded_at": "2025-06-14T10:00:00+00:00", "retracted": False, "corroborated_by": []}
    return {**row, **extra}


def test_a_quote_is_highlighted_where_it_first_occurs_and_the_rest_is_kept():
    quote = "Visa facilitation was discussed."
    pieces, missing = passages(TEXT, [quote])
    assert missing == []
    assert pieces[0] == "Both sides agreed to resume direct flights. "
    assert pieces[1] == Passage(quote, [quote_anchor(quote)], [])
    assert pieces[2] == " Rivers too."
    assert "".join(p.text if isinstance(p, Passage) else p for p in pieces) == TEXT


def test_overlapping_quotes_are_one_highlight_with_an_anchor_for_each():
    first, inner = "agreed to resume direct flights.", "direct flights. Visa facilitation"
    pieces, _ = passages(TEXT, [inner, first])
    (passage,) = [p for p in pieces if isinstance(p, Passage)]
    assert passage.text == "agreed to resume direct flights. Visa facilitation"
    assert passage.anchors == [quote_anchor(first), quote_anchor(inner)]
    assert pages.passage_parts(passage) == [(None, "agreed to resume "),
                                            (quote_anchor(inner), "direct flights. Visa facilitation")]


def test_a_quote_not_in_the_text_is_reported_not_highlighted():
    pieces, missing = passages(TEXT, ["Flights were never discussed."])
    assert pieces == [TEXT] and missing == [quote_anchor("Flights were never discussed.")]


def test_control_and_bidi_characters_are_not_shown_but_markup_is_left_to_the_template():
    assert pages.shown("a\x1b[31m\u202eb<script>") == "a[31mb<script>"
    pieces, _ = passages("x\x07y <b>", [])
    assert pieces == ["xy <b>"]


def test_the_anchor_of_a_quote_is_the_same_on_both_ends_and_differs_between_quotes():
    assert quote_anchor("Flights resumed.") == quote_anchor("Flights resumed.")
    assert quote_anchor("Flights resumed.") != quote_anchor("Flights resumed")
    assert quote_anchor("x").startswith("q-")


def test_a_month_date_shows_its_precision():
    assert pages.date_label("2024-11", "month") == "2024-11 (month)"
    assert pages.date_label("2025", "year") == "2025 (year)"
    assert pages.date_label("2025-06-12", "day") == "2025-06-12"


def test_the_board_is_sorted_by_slug_and_labels_every_status_in_words():
    rows = pages.board_rows([
        {"commitment": "visa", "title": "Visas", "status": "in_progress", "since": "2025-01-01",
         "last_event": "2025-02-01", "events": 2},
        {"commitment": "asa", "title": "ASA", "status": "not_started", "since": None, "last_event": None, "events": 0},
    ])
    assert [r["commitment"] for r in rows] == ["asa", "visa"]
    assert [r["label"] for r in rows] == ["not started", "in progress"]
    assert not any(r["has_due"] or r["flags"] for r in rows)


def test_due_overdue_and_quiet_are_shown_when_status_rows_carry_them():
    (row,) = pages.board_rows([{"commitment": "asa", "title": "ASA", "status": "agreed", "since": "2025-01-01",
                                "last_event": "2025-01-01", "events": 1, "due": "2025-12-31",
                                "overdue": True, "quiet": True}])
    assert row["has_due"] and row["due"] == "2025-12-31" and row["flags"] == ["overdue", "quiet"]


def test_counts_follow_the_status_order():
    rows = [{"status": s} for s in ("stalled", "agreed", "proposed", "agreed")]
    assert [(c["status"], c["count"]) for c in pages.status_counts(rows)] == [
        ("proposed", 1), ("agreed", 2), ("stalled", 1)]


def test_a_retracted_event_is_no_change_and_links_nothing_but_its_quote():
    (view,) = pages.history_view([_row(retracted=True, retracted_by="r1", retraction_reason="misread")])
    assert not view["moved"] and not pages.is_change(view)
    assert view["quote_anchor"] == quote_anchor(_row()["quote"]) and view["retraction_reason"] == "misread"


def test_an_event_that_moved_the_status_is_a_change_and_one_that_did_not_is_not():
    moved, same = pages.history_view([_row(), _row(id="e2", kind="reaffirmed", status_before="agreed")])
    assert pages.is_change(moved) and moved["anchor"] == "e-e1"
    assert not pages.is_change(same)


def test_a_retraction_row_points_at_the_event_it_retracts():
    (view,) = pages.history_view([_row(id="r1", kind="retracted", quote="", source=None, retracts="e1",
                                       status_before="agreed", status_after="under_discussion")])
    assert view["retracts_anchor"] == "e-e1" and view["quote_anchor"] is None
    assert not pages.is_change(view)


def test_feed_times_are_utc_to_the_second_and_ids_are_stable_uuids():
    assert pages.atom_time("2025-06-14T15:30:00.123456+05:30") == "2025-06-14T10:00:00Z"
    assert pages.atom_time("2025-06-14") == "2025-06-14T00:00:00Z"
    change = {"event": "e1", "recorded_at": "2025-06-14T10:00:00+00:00", "date": "2025-06-12"}
    entry = pages.feed_entry(change)
    assert entry["entry_id"] == pages.feed_entry(dict(change))["entry_id"]
    assert entry["entry_id"].startswith("urn:uuid:") and entry["updated"] == "2025-06-14T10:00:00Z"
    assert pages.feed_id("T", None, None) != pages.feed_id("T", "2025-01-01", None)


def test_only_web_addresses_become_links():
    assert pages.safe_url("https://mea.gov.in/x?a=1") == "https://mea.gov.in/x?a=1"
    assert pages.safe_url("javascript:alert(1)") is None
    assert pages.safe_url('https://x.org/"><script>') is None
    assert pages.safe_url(None) is None
