"""Families found when round 6's held-out texts (401-472) were read (tuned on since round 7): the
day a story's lead gives, asks that are only a file's status or advice to the public, and pledges
of both sides in words the cue rules lacked.  Every sentence here was written for these tests."""
from __future__ import annotations

from tracker.core.dates import PartialDate
from tracker.ingest.reading import read

PUBLISHED = PartialDate(2025, 1, 29)  # a Wednesday

CORE = {
    "kailash-yatra": ["Kailash Mansarovar Yatra", "yatra", "pilgrimage"],
    "direct-flights": ["Direct flights", "flights", "direct air services", "passenger flights"],
    "air-services-agreement": ["Air Services Agreement", "air services agreement"],
    "visa-facilitation": ["Visa facilitation", "visas", "tourist visas"],
    "river-data": ["hydrological data", "Brahmaputra", "flood-season data"],
}


def dated(text: str, published: PartialDate = PUBLISHED) -> set[tuple[str, str, str]]:
    return {(p.commitment, p.kind.value, str(p.date)) for p in read(text, published, CORE).proposals}


def events(text: str, published: PartialDate = PUBLISHED) -> set[tuple[str, str]]:
    return {(p.commitment, p.kind.value) for p in read(text, published, CORE).proposals}


# --- the story's day -------------------------------------------------------------------------

EXPLAINER = """Explained: what the two sides settled in Beijing
New Delhi, January 29, 2025

The foreign secretary's two days in the Chinese capital ended on Monday with a short list of decisions.

The two sides decided that the Kailash Mansarovar Yatra will be held again this summer.
"""


def test_an_explainer_dates_the_decisions_by_the_day_its_lead_gives_not_by_its_dateline():
    # Monday 27 January, not the dateline's 29th: the lead says when the talks ended
    assert dated(EXPLAINER) == {("kailash-yatra", "agreed", "2025-01-27")}


def test_a_dateline_still_dates_a_story_whose_lead_gives_no_day():
    text = EXPLAINER.replace(" ended on Monday with", " ended with")
    assert dated(text) == {("kailash-yatra", "agreed", "2025-01-29")}


def test_a_weekly_timetable_in_the_lead_is_not_the_story_s_day():
    text = """China Eastern to add Delhi frequencies
Published: 29 January 2025

From March the Shanghai service runs on Monday, Wednesday and Friday.

The two sides agreed to restart direct flights.
"""
    assert dated(text) == {("direct-flights", "agreed", "2025-01-29")}


def test_a_visit_on_two_days_gives_its_first_day():
    text = """Where the river data talks stand
Guwahati, 29 January 2025

The vice minister was in Delhi on Monday and Tuesday.

Officials said the resumption of hydrological data was discussed.
"""
    assert dated(text) == {("river-data", "discussed", "2025-01-27")}


def test_a_plan_in_the_lead_does_not_give_the_story_s_day():
    text = """Airline plans
Published: 29 January 2025

The carrier will open bookings on Friday.

The two sides agreed to restart direct flights.
"""
    assert dated(text) == {("direct-flights", "agreed", "2025-01-29")}
