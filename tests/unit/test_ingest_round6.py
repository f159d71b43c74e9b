"""Families found when round 5's held-out texts (301-378) were read (tuned on since round 6):
asks in the subjunctive, relative clauses that describe an arrangement, participles that give a
thing's history, habits that open a sentence, .... Every sentence here was written for these tests."""
from __future__ import annotations

from tracker.core.dates import PartialDate
from tracker.ingest.reading import read

PUBLISHED = PartialDate(2025, 12, 8)

CORE = {
    "kailash-yatra": ["Kailash Mansarovar Yatra", "yatra", "pilgrimage"],
    "direct-flights": ["Direct flights", "flights", "flight", "passenger flights"],
    "air-services-agreement": ["Air Services Agreement", "air services agreement"],
    "visa-facilitation": ["Visa facilitation", "visas", "tourist visas"],
    "river-data": ["hydrological data", "Brahmaputra", "flood-season data", "memorandum on hydrological data"],
}


def read_text(text: str, published: PartialDate = PUBLISHED):
    return read(text, published, CORE)


def events(text: str, published: PartialDate = PUBLISHED) -> set[tuple[str, str]]:
    return {(p.commitment, p.kind.value) for p in read_text(text, published).proposals}


def dated(text: str, published: PartialDate = PUBLISHED) -> set[tuple[str, str, str]]:
    return {(p.commitment, p.kind.value, str(p.date)) for p in read_text(text, published).proposals}


# --- asks ----------------------------------------------------------------------------------

def test_asking_that_the_other_side_restart_is_a_request_not_a_restart():
    assert events("The minister asked in particular that Beijing restart the supply of hydrological "
                  "data before the monsoon.") == {("river-data", "raised")}


def test_a_request_after_and_is_its_own_clause():
    # "and pressed for ..." opens a clause of its own: the ask is not swallowed by "underlined the importance"
    assert events("She underlined the importance of the expert talks and pressed for China to resume "
                  "providing hydrological data.") == {("river-data", "raised")}


# --- background: what an arrangement did, and when it was first made ------------------------

def test_what_an_expired_arrangement_used_to_do_is_not_news():
    assert events("The pacts under which China provided flood-season data to India have expired.") \
        == {("river-data", "stalled")}


def test_a_participle_giving_when_a_pact_was_first_signed_is_history():
    assert events("The memorandum on hydrological data, first signed in 2002 and renewed in 2008, "
                  "is now with the ministry's lawyers.") == set()


def test_a_since_clause_whose_subject_is_an_airline_is_background():
    assert events("Agents in Kolkata, whose bookings have grown since IndiGo put Guangzhou back on its "
                  "network, now want more flights.") == set()


def test_since_a_month_is_not_a_since_clause():
    # "since October" is a span of time, not a clause: the doing in the main clause still counts
    assert events("Direct flights from Delhi have landed in Shanghai daily since October as student demand grew.") \
        == {("direct-flights", "implemented")}


def test_weeks_after_without_a_number_is_background():
    assert events("The row comes only weeks after passenger flights between the two countries were restored.") \
        == set()


def test_a_sentence_that_opens_with_a_habit_is_background_to_its_end():
    assert events("For decades the village was the last camp for pilgrims on the Kailash Mansarovar Yatra, "
                  "who crossed into Tibet at the pass.") == set()
