"""Families found when round 12's and round 13's held-out texts (1001-1166) were read (tuned on in
round 14): a capitalised "In January," that was not read as a date; a gerund that is what the two
sides talked about; the second verb of an ask; a restart said to slip; a halt dated to a year long
gone; a source asking not to be named; who a grant is for; a plan for more of what the text reports
done.  Every sentence here was written for these tests."""
from __future__ import annotations

from tracker.core.dates import PartialDate
from tracker.ingest.corpus import catalogue
from tracker.ingest.reading import read
from tracker.ingest.textdates import find_date

PUBLISHED = PartialDate(2025, 6, 20)  # a Friday
NAMES = catalogue()  # the bundled catalogue, as `tracker ingest` uses it


def proposals(text: str, published: PartialDate = PUBLISHED):
    return read(text, published, NAMES).proposals


def on(commitment: str, text: str, published: PartialDate = PUBLISHED) -> set[str]:
    return {p.kind.value for p in proposals(text, published) if p.commitment == commitment}


# --- dates -----------------------------------------------------------------------------------------

def test_a_sentence_that_opens_with_in_and_a_month_is_dated_by_that_month():
    assert str(find_date("In March the ministry wrote again.", PUBLISHED).date) == "2025-03"
    assert str(find_date("Since 2021, nothing has moved.", PUBLISHED).date) == "2021"


def test_a_month_before_will_is_the_plans_due_date_not_last_years_month():
    text = "In March, direct flights between India and China will resume, the ministry said."
    [p] = [p for p in proposals(text, PartialDate(2026, 1, 10)) if p.commitment == "direct-flights"]
    assert (p.kind.value, str(p.date), str(p.due)) == ("agreed", "2026-01-10", "2026-03")


def test_a_month_before_agreed_that_dates_the_agreement():
    text = "In December the two sides agreed that direct flights between India and China would resume."
    [p] = [p for p in proposals(text, PartialDate(2026, 1, 10)) if p.commitment == "direct-flights"]
    assert (p.kind.value, str(p.date)) == ("agreed", "2025-12")


def test_an_agreement_in_an_opening_in_february_is_dated_february_not_the_report():
    text = "In February the two sides agreed to resume direct flights between India and China."
    [p] = [p for p in proposals(text, PartialDate(2025, 3, 3)) if p.commitment == "direct-flights"]
    assert (p.kind.value, str(p.date)) == ("agreed", "2025-02")


def test_the_same_agreement_recalled_in_june_is_background():
    text = "In February the two sides agreed to resume direct flights between India and China."
    assert on("direct-flights", text) == set()


# --- talk and asks ---------------------------------------------------------------------------------

def test_discuss_restarting_the_yatra_is_discussed_not_done():
    assert on("kailash-yatra", "Officials of the two countries discussed restarting the Kailash Mansarovar Yatra in Beijing.") == {"discussed"}


def test_a_headline_that_explores_resuming_flights_is_discussed():
    assert on("direct-flights", "Delhi and Beijing explore restarting direct flights after four-year gap") == {"discussed"}


def test_the_second_verb_of_an_ask_is_the_ask():
    text = "India has urged China to renew the two memoranda and restart flood-season hydrological data sharing."
    assert on("river-data", text) == {"raised"}


def test_a_verb_in_the_past_after_an_ask_is_a_thing_done():
    text = "China, asked to renew the memorandum, did so and resumed sharing hydrological data on Monday."
    assert on("river-data", text) == {"implemented"}


def test_a_source_asking_not_to_be_named_is_not_an_ask():
    assert on("visa-facilitation", "Tourist visas are now quicker, one official said, asking not to be named.") == set()
    assert on("visa-facilitation", "Visas come faster now, an aide said, asking not to be identified.") == set()


def test_an_official_who_requested_anonymity_is_not_an_ask():
    text = "An official who requested anonymity said direct flights between India and China would resume."
    assert on("direct-flights", text) == {"agreed"}


def test_a_second_verb_that_is_not_the_commitments_is_not_the_ask():
    text = "Pilgrims were asked to carry passports and went into Tibet through Lipulekh on Monday for the Kailash Mansarovar Yatra."
    assert on("kailash-yatra", text) == {"implemented"}


def test_rain_that_raised_the_risk_of_landslides_is_no_ask():
    text = "Heavy rain raised the risk of landslides on the Kailash Mansarovar Yatra route this week."
    assert "raised" not in on("kailash-yatra", text)


def test_what_a_title_suggests_is_no_proposal_but_a_side_that_suggested_is():
    assert "raised" not in on("river-data", "The hydrological data memorandum matters more than its name suggests.")
    assert on("river-data", "India suggested a new memorandum on hydrological data to the Chinese side.") == {"raised"}


# --- a restart that slips ------------------------------------------------------------------------

def test_a_restart_likely_to_slip_is_stalled_not_done():
    assert on("direct-flights", "Direct flights restart likely to slip to next year as airport slots lag") == {"stalled"}


def test_a_resumption_that_has_been_delayed_again_is_stalled():
    assert on("direct-flights", "The resumption of direct flights between India and China has been delayed again.") == {"stalled"}


def test_a_restart_that_has_not_been_delayed_is_not_stalled():
    assert "stalled" not in on("direct-flights", "The restart of direct flights has not been delayed, officials said.")


def test_a_restart_that_may_be_ready_is_not_stalled():
    assert "stalled" not in on("direct-flights", "Officials say the direct flights restart may be ready by October.")


# --- background --------------------------------------------------------------------------------------

def test_flights_suspended_since_a_year_long_gone_are_background():
    text = "Direct flights between the two countries have been suspended since 2020, and the talks went on."
    assert "suspended" not in on("direct-flights", text)


def test_a_resumption_beside_a_halt_since_a_year_long_gone_is_still_news():
    text = "IndiGo has resumed direct flights to China, suspended since 2020, the airline said."
    assert on("direct-flights", text) == {"implemented"}


def test_a_halt_in_a_recent_year_is_still_read():
    text = "Direct flights between India and China were suspended in 2024."
    assert on("direct-flights", text, PartialDate(2025, 2, 3)) == {"suspended"}


def test_who_a_grant_is_for_is_not_a_pilgrimage_made():
    text = "The state gives a subsidy to pilgrims who complete the Kailash Mansarovar Yatra."
    assert on("kailash-yatra", text) == set()
    text = "Assistance is offered to residents of Uttarakhand who have performed the Kailash Mansarovar Yatra."
    assert on("kailash-yatra", text) == set()


def test_pilgrims_who_have_completed_it_and_came_back_are_news():
    text = "Pilgrims who have completed the Kailash Mansarovar Yatra crossed back into India through Lipulekh on Thursday."
    assert on("kailash-yatra", text) == {"implemented"}


# --- one event per thing done ----------------------------------------------------------------------

def test_a_second_airlines_schedule_is_not_an_agreement_beside_flights_resumed():
    text = ("IndiGo resumed direct flights from Kolkata to Guangzhou on Thursday.\n"
            "China Eastern is scheduled to start its Shanghai-Delhi direct flights next month.")
    assert "agreed" not in on("direct-flights", text)


def test_a_signed_memoranda_terms_are_not_a_second_agreement():
    text = ("India and China signed the memorandum on hydrological data on the Brahmaputra on Saturday.\n"
            "Under it, China will provide hydrological data every year from 15 May to 15 October.")
    assert on("river-data", text, PartialDate(2018, 6, 10)) == {"implemented"}


def test_a_plan_alone_is_still_an_agreement():
    text = "Direct flights between India and China are scheduled to restart next month, the ministry said."
    assert on("direct-flights", text) == {"agreed"}
