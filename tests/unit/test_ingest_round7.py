"""Families found when round 6's held-out texts (401-472) were read (tuned on since round 7): the
day a story's lead gives, asks that are only a file's status or advice to the public, and pledges
of both sides in words the cue rules lacked.  Every sentence here was written for these tests."""
from __future__ import annotations

from dataclasses import replace

from tracker.core.dates import PartialDate
from tracker.ingest.engine import load_rules
from tracker.ingest.reading import read

PUBLISHED = PartialDate(2025, 1, 29)  # a Wednesday

CORE = {
    "kailash-yatra": ["Kailash Mansarovar Yatra", "yatra", "pilgrimage"],
    "direct-flights": ["Direct flights", "flights", "direct air services", "passenger flights"],
    "air-services-agreement": ["Air Services Agreement", "air services agreement"],
    "visa-facilitation": ["Visa facilitation", "visas", "tourist visas"],
    "river-data": ["hydrological data", "Brahmaputra", "flood-season data"],
}


def dated(text: str, published: PartialDate = PUBLISHED, rules=None) -> set[tuple[str, str, str]]:
    return {(p.commitment, p.kind.value, str(p.date)) for p in read(text, published, CORE, rules=rules).proposals}


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
    # read on the rules alone: the doubt check (doubt@8) puts this plain sentence just under 0.50
    assert dated(text, rules=replace(load_rules(), doubt=None)) == {("river-data", "discussed", "2025-01-27")}


def test_a_plan_in_the_lead_does_not_give_the_story_s_day():
    text = """Airline plans
Published: 29 January 2025

The carrier will open bookings on Friday.

The two sides agreed to restart direct flights.
"""
    assert dated(text) == {("direct-flights", "agreed", "2025-01-29")}


# --- asks that are not one side asking the other ----------------------------------------------

def test_travellers_kindly_requested_to_check_are_given_advice_not_raising_visas():
    assert events("Holders of visas are kindly requested to make their travel arrangements accordingly.") == set()


def test_a_matter_that_will_be_taken_up_later_is_a_file_s_status():
    assert events("The resumption of the Yatra will be taken up at an appropriate time.") == set()
    assert events("The expert level mechanism is the forum where hydrological data issues are taken up.") == set()


def test_taking_it_up_with_the_other_side_is_still_raising_it():
    assert events("The minister took up the resumption of the Yatra with his Chinese counterpart.") \
        == {("kailash-yatra", "raised")}


def test_a_flag_carrier_is_an_airline_not_an_ask():
    assert events("Air China, the country's flag carrier, had flown Beijing-Delhi since 2006 "
                  "before passenger flights stopped.") == set()


# --- what both sides will do ---------------------------------------------------------------------

def test_what_both_sides_will_do_is_an_agreed_outcome():
    assert events("The two sides will facilitate the grant of visas to tourists and business travellers.") \
        == {("visa-facilitation", "agreed")}


def test_a_decision_to_resume_in_a_list_of_outcomes_is_agreed():
    assert events("The list of outcomes also included a decision to resume direct flights.") \
        == {("direct-flights", "agreed")}


def test_what_both_sides_will_keep_discussing_is_not_an_agreement_to_do_it():
    for text in ("The two sides will continue to discuss the resumption of hydrological data.",
                 "The two sides will keep hydrological data under review."):
        assert ("river-data", "agreed") not in events(text), text


def test_flights_between_india_and_china_that_will_restart_are_not_both_sides_pledging():
    # the plan is agreed by announced-plan, not by "India and China will ..."
    [p] = read("Direct flights between India and China will restart next month.", PUBLISHED, CORE).proposals
    assert "both-sides-will" not in p.rule


# --- background: what a thing did before --------------------------------------------------------

def test_a_relative_clause_that_dates_a_restart_is_the_thing_s_history():
    assert events("The Kailash Mansarovar Yatra, which restarted in June, is in its final weeks.",
                  PartialDate(2025, 7, 25)) == set()


def test_when_flights_were_halted_years_ago_is_background_to_the_news():
    assert events("Shanghai was the only mainland Chinese city on Air India's network when passenger "
                  "flights were halted in early 2020.") == set()


def test_the_data_a_side_has_been_asking_for_is_what_the_other_side_agreed_to():
    # "asking for" with nothing after it ends a relative clause: the ask is history, the agreement news
    assert events("Beijing also agreed to pass on hydrological data on shared rivers in emergencies, on "
                  "humanitarian grounds, a narrower promise than the flood-season data India has been asking "
                  "for.") == {("river-data", "agreed")}


# --- halts and starts in plain words ----------------------------------------------------------------

def test_an_airline_pulling_or_grounding_its_china_flights_suspends_them():
    assert events("Air India and IndiGo pull China flights as the virus spreads") == {("direct-flights", "suspended")}
    assert events("IndiGo is grounding its daily Delhi-Chengdu flights between February 1 and February 20.") \
        == {("direct-flights", "suspended")}


def test_a_host_that_will_not_host_the_yatra_this_year_suspends_it():
    assert events("The Sikkim government decided it will not host the Kailash Mansarovar Yatra this year.") \
        == {("kailash-yatra", "suspended")}


def test_no_longer_letting_in_visa_holders_suspends_visas():
    assert events("China has stopped letting in travellers from India who hold valid Chinese visas.") \
        == {("visa-facilitation", "suspended")}


def test_missions_that_began_taking_visa_applications_are_issuing_visas():
    assert events("Indian missions began taking tourist visas applications from Chinese citizens.") \
        == {("visa-facilitation", "implemented")}


def test_a_visa_system_that_will_be_put_into_use_is_a_plan_and_one_put_into_use_is_done():
    assert events("The online system for tourist visas will be put into use from 22 December.") \
        == {("visa-facilitation", "agreed")}
    assert events("The online system for tourist visas was put into use on Monday.") \
        == {("visa-facilitation", "implemented")}


# --- what those rules must not take (found by a code review, each once misread) -----------------

JULY = PartialDate(2025, 7, 25)


def test_a_past_day_of_something_else_in_the_lead_does_not_date_the_story():
    text = """Rivers
New Delhi, July 25, 2025

Floods that hit Assam on July 14 killed 30 people.

India and China agreed to resume the sharing of hydrological data.
"""
    assert dated(text, JULY) == {("river-data", "agreed", "2025-07-25")}


def test_a_relative_clause_that_reports_an_agreement_or_this_week_s_restart_is_the_news():
    assert events("India and China, which agreed on Monday to resume direct flights, will announce dates soon.",
                  JULY) == {("direct-flights", "agreed")}
    assert events("The Kailash Mansarovar Yatra, which resumed on Monday, drew 750 pilgrims.", JULY) \
        == {("kailash-yatra", "implemented")}


def test_passengers_stranded_when_flights_were_suspended_is_a_suspension():
    assert events("Hundreds of passengers were stranded on Monday when direct flights were suspended "
                  "without notice.", JULY) == {("direct-flights", "suspended")}


def test_what_both_countries_will_need_or_wait_for_is_no_pledge():
    for text in ("The two countries will need more time on direct flights.",
                 "Both countries will benefit from direct flights, analysts said.",
                 "A decision to resume direct flights is not expected before October."):
        assert ("direct-flights", "agreed") not in events(text, JULY), text


def test_words_that_look_like_a_halt_but_are_not():
    for text in ("India said it would not hold back on the Kailash Mansarovar Yatra.",
                 "Grounding rules for pilots will apply to direct flights.",
                 "The airline said it pulled its Delhi-Beijing direct flights forward by a week.",
                 "The two sides stopped allowing the dispute to block direct flights."):
        assert all(kind != "suspended" for _, kind in events(text, JULY)), text


def test_taking_up_data_at_the_talks_is_raising_it():
    assert events("India is taking up hydrological data with China at the talks.", JULY) == {("river-data", "raised")}


def test_a_harder_line_on_visas_or_steps_to_ease_them_are_not_visas_issued():
    for text in ("China began taking a harder line on tourist visas for Indian journalists.",
                 "Indian missions started taking steps to ease tourist visas."):
        assert ("visa-facilitation", "implemented") not in events(text, JULY), text


def test_a_waved_flag_or_a_red_flag_list_is_not_raising_anything():
    for text in ("Pilgrims waved the Indian flag as they waited for news of the Kailash Mansarovar Yatra.",
                 "Check the red-flag list before booking direct flights."):
        assert all(kind != "raised" for _, kind in events(text, JULY)), text


def test_flagging_a_concern_is_still_raising_it():
    assert events("The minister flagged the resumption of hydrological data.", JULY) == {("river-data", "raised")}
