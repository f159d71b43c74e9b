"""The fold, rule by rule (the contract's kind table). Pure: no database, no CLI."""
from __future__ import annotations

import pytest

from tracker.core.dates import DateError, PartialDate
from tracker.core.model import Event, Kind, State, Status, sort_key
from tracker.core.fold import fold, next_status, replay, select


def ev(kind: str, date: str, version: int = 0, id: str = "", **kw) -> Event:
    return Event(commitment="flights", kind=Kind(kind), date=PartialDate.parse(date),
                 version=version, id=id or f"e{version}", **kw)


def status_after(*events: Event) -> Status:
    numbered = [e if e.version else ev(e.kind.value, str(e.date), i + 1) for i, e in enumerate(events)]
    return fold(numbered).status


def test_no_events_is_not_started():
    state = fold([])
    assert state.status is Status.NOT_STARTED
    assert state.since is None and state.last_event is None and state.events == 0


@pytest.mark.parametrize("kind, expected", [
    ("raised", Status.PROPOSED),
    ("discussed", Status.UNDER_DISCUSSION),
    ("agreed", Status.AGREED),
    ("progress", Status.IN_PROGRESS),
    ("implemented", Status.IMPLEMENTED),
    ("stalled", Status.STALLED),
    ("suspended", Status.SUSPENDED),
    ("abandoned", Status.ABANDONED),
])
def test_each_kind_from_not_started(kind, expected):
    assert status_after(ev(kind, "2025-01-27")) is expected


def test_reaffirmed_changes_nothing():
    assert status_after(ev("reaffirmed", "2025-01-01")) is Status.NOT_STARTED
    assert status_after(ev("agreed", "2025-01-01"), ev("reaffirmed", "2025-02-01")) is Status.AGREED


def test_reaffirmed_counts_as_an_event_but_keeps_since():
    state = fold([ev("agreed", "2025-01-01", 1), ev("reaffirmed", "2025-02-01", 2)])
    assert state.since == PartialDate.parse("2025-01-01")
    assert state.last_event == PartialDate.parse("2025-02-01")
    assert state.events == 2


def test_agreed_after_implemented_keeps_implemented():
    assert status_after(ev("implemented", "2025-06-30"), ev("agreed", "2025-07-01")) is Status.IMPLEMENTED


def test_discussed_after_agreed_keeps_agreed():
    assert status_after(ev("agreed", "2025-01-27"), ev("discussed", "2025-06-12")) is Status.AGREED


def test_since_is_the_date_the_current_status_was_reached():
    state = fold([ev("agreed", "2025-01-27", 1), ev("progress", "2025-06-12", 2),
                  ev("agreed", "2026-02-10", 3)])
    assert state.status is Status.IN_PROGRESS
    assert str(state.since) == "2025-06-12"
    assert str(state.last_event) == "2026-02-10"


def test_setback_then_advance_moves_to_the_advanced_status():
    # suspended in 2020, then agreed in 2025: off the track, an advance sets its target
    assert status_after(ev("implemented", "2019-06-01"), ev("suspended", "2020"),
                        ev("agreed", "2025-01-27")) is Status.AGREED


def test_stalled_after_implemented_sets_stalled():
    assert status_after(ev("implemented", "2024-01-01"), ev("stalled", "2024-06-01")) is Status.STALLED


def test_raised_after_stalled_resets_to_proposed():
    assert next_status(Status.STALLED, Kind.RAISED) is Status.PROPOSED


def test_abandoned_then_suspended_sets_suspended():
    assert status_after(ev("abandoned", "2024-01-01"), ev("suspended", "2024-02-01")) is Status.SUSPENDED


def test_events_fold_in_date_order_not_recording_order():
    late_first = [ev("implemented", "2025-06-30", 1), ev("suspended", "2020", 2)]
    assert fold(late_first).status is Status.IMPLEMENTED


def test_imprecise_date_counts_from_the_first_day_of_its_period():
    year, day = ev("suspended", "2025", 2), ev("implemented", "2025-01-01", 1)
    # same first day: recording order decides; the year-dated event was recorded second
    assert sort_key(year) > sort_key(day)
    assert fold([year, day]).status is Status.SUSPENDED
    month = ev("suspended", "2025-03", 3)
    assert sort_key(month) < sort_key(ev("agreed", "2025-03-02", 1))


def test_equal_dates_fold_in_recording_order_whatever_the_input_order():
    a, b = ev("raised", "2025-01-27", 1), ev("agreed", "2025-01-27", 2)
    assert fold([b, a]).status is fold([a, b]).status is Status.AGREED
    c, d = ev("agreed", "2025-01-27", 1), ev("stalled", "2025-01-27", 2)
    assert fold([d, c]).status is Status.STALLED


def test_retracted_event_is_ignored_by_the_fold():
    wrong = ev("implemented", "2025-06-01", 2, id="wrong")
    retraction = ev("retracted", "2025-07-01", 3, id="r", target="wrong", note="misread")
    state = fold([ev("agreed", "2025-01-27", 1), wrong, retraction])
    assert state.status is Status.AGREED and state.events == 1


def test_history_shows_the_retracted_event_marked_and_unchanging():
    wrong = ev("implemented", "2025-06-01", 2, id="wrong")
    retraction = ev("retracted", "2025-07-01", 3, id="r", target="wrong")
    steps = list(replay([ev("agreed", "2025-01-27", 1), wrong, retraction]))
    assert [(s.event.id, s.before, s.after, s.retracted) for s in steps] == [
        ("e1", Status.NOT_STARTED, Status.AGREED, False),
        ("wrong", Status.AGREED, Status.AGREED, True),
        ("r", Status.AGREED, Status.AGREED, False),
    ]
    assert steps[1].retraction is retraction


def test_replay_gives_status_before_and_after_each_event():
    steps = list(replay([ev("discussed", "2025-01-27", 1), ev("agreed", "2025-01-27", 2),
                         ev("progress", "2025-06-12", 3)]))
    assert [(s.before.value, s.after.value) for s in steps] == [
        ("not_started", "under_discussion"), ("under_discussion", "agreed"), ("agreed", "in_progress")]


def test_as_of_keeps_only_events_whose_whole_period_has_ended():
    events = [ev("suspended", "2020", 1), ev("agreed", "2025-01", 2), ev("implemented", "2025-06-30", 3)]
    assert fold(select(events, as_of=PartialDate.parse("2025-01-15"))).status is Status.SUSPENDED
    assert fold(select(events, as_of=PartialDate.parse("2025-01-31"))).status is Status.AGREED
    assert fold(select(events, as_of=PartialDate.parse("2025-06"))).status is Status.IMPLEMENTED
    assert fold(select(events, as_of=PartialDate.parse("2019-12-31"))).status is Status.NOT_STARTED


def test_as_known_on_keeps_only_events_published_by_then():
    pub = PartialDate.parse
    events = [ev("agreed", "2025-01-27", 1, published=pub("2025-01-28")),
              ev("progress", "2025-06-12", 2, published=pub("2025-06-13"))]
    assert fold(select(events, as_known_on=pub("2025-06-12"))).status is Status.AGREED
    assert fold(select(events, as_known_on=pub("2025-06-13"))).status is Status.IN_PROGRESS
    # both axes: what had happened by March, as known in April
    assert fold(select(events, pub("2025-03-01"), pub("2025-04-01"))).status is Status.AGREED


def test_state_is_immutable():
    with pytest.raises(Exception):
        State("x").status = Status.AGREED  # type: ignore[misc]


@pytest.mark.parametrize("text", ["2025-02-30", "2025-13", "2025-1-5", "25-01-01", "", "2025-00",
                                  "2025/01/01", "yesterday", "0000"])
def test_bad_dates_are_refused(text):
    with pytest.raises(DateError):
        PartialDate.parse(text)


def test_dates_keep_their_precision():
    assert [PartialDate.parse(t).precision for t in ("2025", "2025-06", "2025-06-12")] == ["year", "month", "day"]
    assert str(PartialDate.parse("2025-06")) == "2025-06"
    assert str(PartialDate.parse("2024-02").end) == "2024-02-29"


def test_a_retracted_retraction_restores_the_event():
    wrong = ev("retracted", "2025-07-01", 3, id="r1", target="e2")
    undo = ev("retracted", "2025-07-02", 4, id="r2", target="r1")
    state = fold([ev("agreed", "2025-01-27", 1), ev("implemented", "2025-06-01", 2), wrong, undo])
    assert state.status is Status.IMPLEMENTED and state.events == 2
    steps = {s.event.id: s.retracted for s in replay([ev("agreed", "2025-01-27", 1),
                                                       ev("implemented", "2025-06-01", 2), wrong, undo])}
    assert steps == {"e1": False, "e2": False, "r1": True, "r2": False}
