"""The claim rules (tracker/core/claims.py): the one place every path asks."""
from __future__ import annotations

import pytest

from tracker.core import claims
from tracker.core.dates import PartialDate
from tracker.core.model import Event, Kind

SOURCE_TEXT = "Direct flights between India and China resumed on 26 October 2025, the ministry said."


def test_kinds_are_taken_in_any_case_and_a_typo_gets_a_hint():
    assert claims.parse_kind(" Agreed ") is Kind.AGREED
    with pytest.raises(claims.ClaimError, match="did you mean agreed"):
        claims.parse_kind("agred")


@pytest.mark.parametrize("kind", ["defined", "retracted"])
def test_bookkeeping_kinds_are_not_claims(kind):
    with pytest.raises(claims.ClaimError, match="unknown kind"):
        claims.parse_kind(kind)


def test_a_one_word_quote_is_not_evidence_even_when_it_is_in_the_source():
    assert "too short" in claims.quote_problem("Direct", SOURCE_TEXT)
    assert "too short" in claims.quote_problem("Directflightsbetween", SOURCE_TEXT)  # one word


def test_a_quote_must_be_verbatim():
    assert claims.quote_problem("Direct flights between India and China resumed", SOURCE_TEXT) is None
    assert "verbatim" in claims.quote_problem("Direct flights between India and Japan resumed", SOURCE_TEXT)


def test_an_event_after_its_source_was_published_is_refused_but_the_same_day_is_fine():
    published = PartialDate.parse("2025-10-27")
    assert claims.date_problem(PartialDate.parse("2025-10-27"), published, "abc") is None
    assert "after source abc" in claims.date_problem(PartialDate.parse("2025-10-28"), published, "abc")


def test_a_month_dated_event_in_the_month_of_publication_is_not_after_it():
    assert claims.date_problem(PartialDate.parse("2025-10"), "2025-10-27", "abc") is None
    assert claims.date_problem(PartialDate.parse("2025-11"), "2025-10", "abc") is not None


def test_text_no_database_can_store():
    assert "NUL" in claims.text_problem("a\x00b")
    assert "surrogate" in claims.text_problem("a\ud800b")
    assert claims.text_problem("Misri – Sun Weidong") is None


def test_field_limits_match_the_event_table():
    from tracker.store.schema import EventRow

    table = EventRow.__table__
    for field, column in [("id", "id"), ("commitment", "commitment"), ("kind", "kind"), ("source", "source_id")]:
        assert table.c[column].type.length == claims.FIELD_LIMITS[field]


def _claim(kind=Kind.AGREED, date="2025-06-12", source="s1", id="e1", quote="the two sides agreed on it"):
    return Event("direct-flights", kind, PartialDate.parse(date), id=id, source=source, quote=quote)


def test_the_same_kind_date_and_source_is_the_same_claim_whatever_the_quote():
    stream = [_claim(quote="the two sides agreed on it")]
    again = _claim(id="", quote="another sentence of the same readout")
    assert claims.claim_key(again.commitment, again.kind, again.date, again.source) in claims.live_claim_keys(stream)


def test_a_retracted_claim_is_no_longer_recorded():
    wrong = _claim()
    retraction = Event("direct-flights", Kind.RETRACTED, PartialDate.parse("2025-06-13"), id="r1", target="e1")
    assert claims.live_claim_keys([wrong, retraction]) == {}


def test_claim_problems_lists_every_rule_broken_at_once():
    problems = claims.claim_problems("agred", "2025-13-01", "Direct", SOURCE_TEXT, "2025-10-27", "abc")
    assert len(problems) == 3 and "unknown kind" in problems[0] and "too short" in problems[2]
