"""Families found when round 16's held-out texts (1401-1466) were read (tuned on in round 17).
Every sentence here was written for these tests."""
from __future__ import annotations

from tracker.core.dates import PartialDate
from tracker.ingest.corpus import catalogue
from tracker.ingest.reading import read
from tracker.ingest.sentences import split_sentences

PUBLISHED = PartialDate(2025, 4, 1)  # a Tuesday
NAMES = catalogue()  # the bundled catalogue, as `tracker ingest` uses it


def reading(text: str, published: PartialDate = PUBLISHED):
    return read("Report\n" + text, published, NAMES)


def dated(commitment: str, text: str, published: PartialDate = PUBLISHED) -> set[tuple[str, str]]:
    return {(p.kind.value, str(p.date)) for p in reading(text, published).proposals if p.commitment == commitment}


def kinds(commitment: str, text: str, published: PartialDate = PUBLISHED) -> set[str]:
    return {kind for kind, _ in dated(commitment, text, published)}


# --- a decision that something will not happen ----------------------------------------------------

def test_a_decision_not_to_host_the_yatra_is_a_halt_not_an_agreement():
    text = "The state government has decided that it will not host the Kailash Mansarovar Yatra through Nathu La."
    assert kinds("kailash-yatra", text) == {"suspended"}


def test_it_has_been_decided_that_no_batches_will_go_is_a_halt():
    text = "It has been decided that no Kailash Mansarovar Yatra batches will travel through the state."
    assert "agreed" not in kinds("kailash-yatra", text)


def read_as(commitment: str, text: str) -> set[tuple[str, str]]:
    """(rule id, kind) of what the rules read, whether or not the doubt check kept it."""
    return {(n.rule.split("@")[0], str(getattr(n.kind, "value", n.kind))) for n in reading(text).notes
            if n.commitment == commitment and n.rule and n.kind is not None}


def test_a_decision_that_something_will_happen_is_still_agreed():
    text = "It has been decided that direct flights will restart by the end of next month."
    assert ("decided-that", "agreed") in read_as("direct-flights", text)
    text = "India and China decided that no further delay will be allowed in resuming direct flights."
    assert ("decided-that", "agreed") in read_as("direct-flights", text)


# --- a doing whose object is "no" -----------------------------------------------------------------

def test_filing_no_schedule_is_no_flight():
    assert kinds("direct-flights", "IndiGo has named China a target but has filed no schedule for direct flights.") == set()


def test_sending_no_readings_is_not_data_shared():
    text = "Beijing is building a dam on the Yarlung Tsangpo and still sends no hydrological data down the Brahmaputra."
    assert "implemented" not in kinds("river-data", text)
    assert "implemented" in kinds("river-data", text.replace("sends no", "sends"))


def test_a_no_frills_fare_is_no_negation():
    assert kinds("direct-flights", "IndiGo announced no-frills fares as direct flights to China resumed on Sunday.") == {"implemented"}


def test_no_data_received_since_a_season_is_still_stuck():
    text = "India has received no hydrological data on the Brahmaputra from China since 2022."
    assert kinds("river-data", text) == {"stalled"}


# --- a Right to Information request is not an ask between the two sides ---------------------------

def test_an_rti_request_is_not_a_side_raising_river_data():
    text = "An activist filed a Right to Information request on hydrological data on the Brahmaputra from China."
    assert "raised" not in kinds("river-data", text)
    assert "raised" not in kinds("river-data", text.replace("a Right to Information request", "an RTI request"))


def test_a_request_by_a_side_is_still_raised():
    assert kinds("direct-flights", "India made a request to China to restore direct flights.") == {"raised"}


# --- a timeline's old entries are history -----------------------------------------------------------

TIMELINE = ("Seventy-five years of ties: a timeline\n"
            "1 April 2025\n\n"
            "1981 — Indian pilgrims return to Mount Kailash through Lipulekh.\n"
            "2020 — Pandemic and a border clash. Direct flights stop, the Kailash Mansarovar Yatra is called off.\n"
            "December 2024 — The two sides agree in principle to restore direct flights.\n"
            "March 2025 — Direct flights are discussed again at the WMCC in Beijing.\n")


def test_an_old_timeline_entry_is_history_in_every_sentence_of_its_line():
    assert kinds("kailash-yatra", TIMELINE) == set()
    assert "suspended" not in kinds("direct-flights", TIMELINE)


def test_a_timeline_entry_two_months_back_is_history_but_a_recent_one_is_news():
    assert dated("direct-flights", TIMELINE) == {("discussed", "2025-03")}


def test_a_timeline_entry_is_explained_as_background():
    notes = [n for n in reading(TIMELINE).notes if n.commitment == "kailash-yatra"]
    assert notes and all(n.outcome == "skipped" and "timeline" in n.why for n in notes)


def test_one_line_that_starts_with_a_year_and_a_dash_is_no_timeline():
    text = "2020 - the year everything stopped - feels distant now. IndiGo resumed direct flights to China on Sunday."
    assert dated("direct-flights", text, PartialDate(2025, 10, 27)) == {("implemented", "2025-10-26")}


def test_an_entry_that_wraps_onto_the_next_line_is_still_history():
    text = TIMELINE.replace("Direct flights stop, the Kailash", "Direct flights\nstop. The Kailash")
    assert kinds("kailash-yatra", text) == set()


def test_a_range_of_years_or_a_number_after_the_dash_is_no_entry():
    text = ("2020 - 2021 saw the Kailash Mansarovar Yatra called off twice.\n"
            "2019 - 2,345 pilgrims went on the Kailash Mansarovar Yatra.\n")
    assert not [n for n in reading(text, PartialDate(2021, 6, 1)).notes if "timeline" in n.why]


def test_a_sentence_on_an_old_entry_that_names_a_recent_day_is_read():
    text = TIMELINE.replace("March 2025 — Direct flights are discussed again at the WMCC in Beijing.",
                            "March 2025 — Talks begin. On Monday the two sides discussed direct flights again.")
    assert ("discussed", "2025-03-31") in dated("direct-flights", text)


# --- the report's own year names the thing, not the day of the act -------------------------------

def test_a_halt_for_this_year_is_dated_by_the_report():
    text = "Sikkim will not host the Kailash Mansarovar Yatra this year, the state government said."
    assert dated("kailash-yatra", text, PartialDate(2020, 4, 21)) == {("suspended", "2020-04-21")}


def test_a_past_act_this_year_keeps_the_year():
    text = "Direct flights between India and China resumed earlier this year."
    assert dated("direct-flights", text, PartialDate(2025, 10, 27)) == {("implemented", "2025")}


def test_agreed_this_year_keeps_the_year():
    assert dated("kailash-yatra", "The two sides agreed this year to resume the Kailash Mansarovar Yatra.") == {("agreed", "2025")}


def test_a_past_year_is_kept():
    assert dated("direct-flights", "Direct flights were suspended in 2024 after a row.", PartialDate(2025, 1, 20)) == {("suspended", "2024")}


# --- a headline ends at its byline or dateline ---------------------------------------------------

WIRE = ("China's Wang presses for flights in Rio talks; India's account adds river data\n"
        "By Reuters staff\n"
        "RIO DE JANEIRO, Nov 19, 2024 (Reuters) -\n"
        "Chinese Foreign Minister Wang Yi met Indian External Affairs Minister Subrahmanyam Jaishankar in Rio de Janeiro "
        "on Monday, Beijing said on Tuesday.\n\n"
        "Wang also asked New Delhi to make visas easier to obtain.\n")


def test_a_headline_ends_at_its_byline_and_the_byline_at_the_dateline():
    assert split_sentences(WIRE)[:3] == ["China's Wang presses for flights in Rio talks; India's account adds river data",
                                         "By Reuters staff", "RIO DE JANEIRO, Nov 19, 2024 (Reuters) -"]


def test_a_wrapped_line_that_starts_with_by_or_an_acronym_is_no_byline_or_dateline():
    for text in ("Officials in both capitals have said that the direct flights between the two countries will resume\nBy the end of October.",
                 "Officials in both capitals have said that the direct flights between the two countries would restart\nBy October.",
                 "Report\n\nDirect flights between India and China, long sought by carriers that now route via the\n"
                 "UAE, resumed on Sunday after five years."):
        assert split_sentences(text)[-1].endswith(text[-20:]) and "\n" in split_sentences(text)[-1]


def test_the_lead_after_a_byline_and_a_dateline_still_gives_the_meeting_day():
    visas = {(p.kind.value, str(p.date)) for p in read(WIRE, PartialDate(2024, 11, 19), NAMES).proposals
             if p.commitment == "visa-facilitation"}  # the meeting's day, not the dateline's
    assert visas == {("raised", "2024-11-18")}
