"""The deadline and silence rules (core.deadlines) and the definition fold (core.definitions)."""
from __future__ import annotations

import datetime as dt

import pytest

from tracker.core import definitions as defs
from tracker.core.dates import PartialDate as D
from tracker.core.deadlines import current_due, days_left, is_overdue, is_quiet, parse_period
from tracker.core.errors import TrackerError
from tracker.core.model import Event, Kind, Status


def claim(id, date, due=None, kind=Kind.AGREED, version=None):
    return Event("asa", kind, D.parse(date), version=version or int(id[1:]), id=id,
                 due=D.parse(due) if due else None)


def retraction(id, target, version):
    return Event("asa", Kind.RETRACTED, D.parse("2026-01-01"), version=version, id=id, target=target)


def test_no_event_names_a_deadline_so_there_is_none():
    assert current_due([claim("e1", "2025-06-12")]) is None


def test_a_later_plan_moves_the_deadline_even_to_an_earlier_date():
    events = [claim("e1", "2025-06-12", due="2025-12"), claim("e2", "2025-09-01", due="2025-10-31")]
    assert current_due(events) == D.parse("2025-10-31")


def test_the_deadline_follows_fold_order_not_recording_order():
    # recorded second, but dated earlier: the plan of September still stands
    events = [claim("e1", "2025-09-01", due="2026-03", version=1), claim("e2", "2025-06-12", due="2025-10", version=2)]
    assert current_due(events) == D.parse("2026-03")


def test_a_later_event_without_a_due_keeps_the_deadline():
    events = [claim("e1", "2025-06-12", due="2025-10"), claim("e2", "2025-09-01", kind=Kind.DISCUSSED)]
    assert current_due(events) == D.parse("2025-10")


def test_a_retracted_plan_takes_its_deadline_with_it():
    events = [claim("e1", "2025-06-12", due="2025-10"), claim("e2", "2025-09-01", due="2026-01"),
              retraction("r3", "e2", 3)]
    assert current_due(events) == D.parse("2025-10")


def test_overdue_only_once_the_whole_due_period_has_passed():
    due = D.parse("2025-10")  # month precision: runs to 31 October
    assert not is_overdue(due, Status.IN_PROGRESS, dt.date(2025, 10, 31))
    assert is_overdue(due, Status.IN_PROGRESS, dt.date(2025, 11, 1))
    assert not is_overdue(D.parse("2025"), "agreed", dt.date(2025, 12, 31))
    assert is_overdue(D.parse("2025"), "agreed", dt.date(2026, 1, 1))


def test_implemented_is_never_overdue_but_stalled_is():
    due = D.parse("2025-10-31")
    assert not is_overdue(due, Status.IMPLEMENTED, dt.date(2026, 1, 1))
    assert is_overdue(due, Status.STALLED, dt.date(2026, 1, 1))
    assert not is_overdue(None, Status.STALLED, dt.date(2026, 1, 1))


def test_quiet_after_more_than_the_quiet_days_since_the_end_of_the_last_event():
    assert not is_quiet(D.parse("2025-06-12"), dt.date(2025, 12, 9), 180)  # 180 days: not yet
    assert is_quiet(D.parse("2025-06-12"), dt.date(2025, 12, 10), 180)
    assert not is_quiet(D.parse("2025"), dt.date(2026, 6, 1), 180)  # a year-dated event ran to 31 December
    assert not is_quiet(None, dt.date(2030, 1, 1))  # no events: nothing has gone quiet


def test_days_left_counts_to_the_end_of_the_period():
    assert days_left(D.parse("2025-10"), dt.date(2025, 10, 1)) == 30
    assert days_left(D.parse("2025-10-01"), dt.date(2025, 10, 11)) == -10


@pytest.mark.parametrize("text, days", [("90d", 90), ("90", 90), ("2w", 14), ("6m", 180), ("1y", 365), (" 3D ", 3)])
def test_periods(text, days):
    assert parse_period(text) == days


@pytest.mark.parametrize("text", ["", "d", "-5d", "5x", "1.5y", "9999999d"])
def test_malformed_periods_are_refused(text):
    with pytest.raises(TrackerError, match="--within"):
        parse_period(text)


# --- definitions -----------------------------------------------------------------------------

def defined(version, **payload):
    return Event("border-trade", Kind.DEFINED, D.parse("2026-01-01"), version=version, id=f"d{version}",
                 payload=payload)


def test_the_last_recorded_definition_wins():
    stream = [defined(1, title="Border trade", aliases=["passes"]),
              claim("e2", "2025-06-12"),
              defined(3, title="Border trade through the passes", aliases=["passes"], names=["Lipulekh"])]
    assert defs.current(stream) == {"title": "Border trade through the passes", "aliases": ["passes"],
                                    "names": ["Lipulekh"]}
    assert defs.current([claim("e1", "2025-06-12")]) is None


def test_changes_say_what_each_definition_did():
    first = {"title": "Border trade", "aliases": ["passes"]}
    second = {"title": "Border trade", "aliases": ["passes", "border-trade-passes"], "names": ["Lipulekh"]}
    assert defs.changes(None, first) == ["defined"]
    assert defs.changes(first, second) == ["alias +border-trade-passes", "name +Lipulekh"]
    assert defs.changes(second, {**second, "title": "Trade"}) == ["title: Border trade -> Trade"]
    assert defs.changes(second, {**second, "names": []}) == ["name -Lipulekh"]


@pytest.mark.parametrize("slug", ["Border", "border trade", "-border", "border-", "", "a" * 81, "bórder"])
def test_invalid_slugs_are_refused(slug):
    with pytest.raises(TrackerError, match="invalid slug"):
        defs.check_slug(slug)


CATALOGUE = [{"slug": "direct-flights", "title": "Direct flights", "aliases": ["flights"],
              "names": ["air connectivity"]},
             {"slug": "visa-facilitation", "title": "Visa facilitation", "aliases": ["visa"], "names": ["tourist visas"]}]


@pytest.mark.parametrize("definition, message", [
    ({"title": "Border trade", "aliases": ["flights"]}, "already an alias of direct-flights"),
    ({"title": "Border trade", "aliases": ["direct-flights"]}, "already the slug of direct-flights"),
    ({"title": "Border trade", "aliases": ["air-connectivity", "air connectivity"][:1]}, None),
    ({"title": "Border trade", "names": ["Tourist Visas"]}, "already a name of visa-facilitation"),
    ({"title": "Border trade", "names": ["direct flights"]}, "already a name of direct-flights"),
    ({"title": "Visa Facilitation"}, "title 'Visa Facilitation' is already a name of visa-facilitation"),
    ({"title": "Border trade", "aliases": ["border-trade"]}, "own slug"),
])
def test_clashes_with_other_commitments_are_refused(definition, message):
    if message is None:
        defs.check_against("border-trade", definition, CATALOGUE)
        return
    with pytest.raises(TrackerError, match=message):
        defs.check_against("border-trade", definition, CATALOGUE)


def test_only_what_is_new_is_checked_so_an_old_clash_does_not_block_a_rename():
    before = {"title": "Flights", "names": ["air connectivity"]}  # an old overlap, stored before the rule
    defs.check_against("other", {**before, "title": "Flights, again"}, CATALOGUE, before)


def test_aliases_and_names_are_cleaned():
    assert defs.clean_alias(" Passes ") == "passes"
    assert defs.clean_name("  Shipki   La ") == "Shipki La"
    for bad in ("two words", "", "a_b"):
        with pytest.raises(TrackerError, match="invalid alias"):
            defs.clean_alias(bad)
    for bad in ("ab", "123", ""):
        with pytest.raises(TrackerError, match="invalid name"):
            defs.clean_name(bad)
