"""Families found when round 14's held-out texts (1201-1266) were read (tuned on in round 15).
Every sentence here was written for these tests."""
from __future__ import annotations

from tracker.core.dates import PartialDate
from tracker.ingest.corpus import catalogue
from tracker.ingest.reading import read

PUBLISHED = PartialDate(2025, 1, 29)  # a Wednesday
NAMES = catalogue()  # the bundled catalogue, as `tracker ingest` uses it


def proposals(text: str, published: PartialDate = PUBLISHED):
    return read(text, published, NAMES).proposals


def dated(commitment: str, text: str, published: PartialDate = PUBLISHED) -> set[tuple[str, str]]:
    return {(p.kind.value, str(p.date)) for p in proposals(text, published) if p.commitment == commitment}


# --- an undated sentence takes the day named earlier in its paragraph --------------------------------

DIGEST = ("TRAVEL TRADE NOTES\n\n"
          "SRI LANKA: Arrivals rose again in January. Hotels in Galle report full rooms. Colombo expects more. "
          "Kandy's festival is sold out. Trains to Ella run full. Tour operators are hiring.\n\n"
          "INDIA / CHINA: The foreign secretary and the vice minister met in Beijing on Monday and agreed on a set of steps. "
          "The same meeting settled that the Kailash Mansarovar Yatra would restart this summer.\n")


def test_an_outcome_without_a_date_takes_the_meeting_day_named_earlier_in_its_paragraph():
    assert dated("kailash-yatra", DIGEST) == {("agreed", "2025-01-27")}


def test_a_new_paragraph_does_not_inherit_the_day():  # and the meeting is too far down to date the story
    text = DIGEST.replace("steps. The same", "steps.\n\nSeparately, a").replace("settled that", "note said that")
    assert dated("kailash-yatra", text) == {("agreed", "2025-01-29")}


def test_a_day_long_before_the_report_is_not_carried_to_the_next_sentence():
    text = ("NOTES\n\nThe two sides last met on 3 March 2024 in Delhi. "
            "The Kailash Mansarovar Yatra will restart this summer, the ministry said.\n")
    assert dated("kailash-yatra", text) == {("agreed", "2025-01-29")}


def test_a_sentence_with_its_own_date_keeps_it():
    text = ("NOTES\n\nThe two sides met in Beijing on Monday. "
            "The Kailash Mansarovar Yatra resumed on 20 January, officials recalled.\n")
    assert dated("kailash-yatra", text) == {("implemented", "2025-01-20")}


def test_a_day_for_a_plan_or_a_timetable_is_not_carried():
    for first in ("The ministers will meet on Monday.", "Flights run Monday, Wednesday and Friday."):
        text = DIGEST.replace("The foreign secretary and the vice minister met in Beijing on Monday and agreed on a set of "
                              "steps.", first)
        assert dated("kailash-yatra", text) == {("agreed", "2025-01-29")}, first


def test_the_meeting_day_of_the_lead_is_kept_over_a_later_statements_day():
    text = ("Yatra to resume\n\nThe foreign secretary met the vice minister in Beijing on Monday.\n\n"
            "The ministry said in a statement on Tuesday that talks had gone well. "
            "The two sides agreed to resume the Kailash Mansarovar Yatra.\n")
    assert dated("kailash-yatra", text) == {("agreed", "2025-01-27")}
