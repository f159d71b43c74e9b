"""Families found when round 11's held-out texts (901-966) were read (tuned on since round 12): a halt
in a headline's present tense, a dateline with a place written as a name, things not opened, what is
done each year, pilgrims stepping into Tibet, readings that started landing, a meeting held, asks by
people who are not a side, talk "in touch with", figures not passed on, "made progress on", the present
after "before", a cancellation for a span, a lapse still to come, a relative clause's lapse, and a
second verb of "the two sides".  Every sentence here was written for these tests."""
from __future__ import annotations

from dataclasses import replace

from tracker.core.dates import PartialDate
from tracker.ingest.corpus import catalogue
from tracker.ingest.engine import load_rules
from tracker.ingest.reading import read

PUBLISHED = PartialDate(2025, 3, 14)  # a Friday
NAMES = catalogue()  # the bundled catalogue, as `tracker ingest` uses it


def proposals(text: str, published: PartialDate = PUBLISHED):
    return read(text, published, NAMES).proposals


def on(commitment: str, text: str, published: PartialDate = PUBLISHED) -> set[str]:
    return {p.kind.value for p in proposals(text, published) if p.commitment == commitment}


def dated(commitment: str, text: str, published: PartialDate = PUBLISHED) -> set[tuple[str, str]]:
    return {(p.kind.value, str(p.date)) for p in proposals(text, published) if p.commitment == commitment}


# --- halts ---------------------------------------------------------------------------------------

def test_a_headline_that_halts_e_visas_is_a_suspension():
    assert on("visa-facilitation", "New Delhi halts e-visas for Chinese nationals over outbreak") == {"suspended"}


def test_put_on_hold_with_a_long_object_is_a_suspension():
    text = "India put its online visa service for Chinese passport holders on hold with immediate effect."
    assert on("visa-facilitation", text) == {"suspended"}


def test_pilgrims_who_halt_at_a_camp_are_not_halted():
    text = "On the Tibetan side the Kailash Mansarovar Yatra batch will halt at Darchen and Kugu before the parikrama."
    assert on("kailash-yatra", text) == set()


def test_a_service_cancelled_for_a_span_of_dates_is_suspended_not_abandoned():
    text = ("Air India cancelled its Delhi–Shanghai flights (AI348) from 31 March to 20 April, citing low "
            "demand, and refunded passengers.")
    assert dated("direct-flights", text) == {("suspended", "2025-03-14")}  # told now, due 31 March


# --- dates ---------------------------------------------------------------------------------------

def test_a_dateline_with_the_place_as_a_name_does_not_date_the_lead():
    text = ("Last Yatra group back\n\nDharchula, Mar 14, 2025 (PTI) The last batch of Kailash Mansarovar "
            "Yatra pilgrims crossed back over the Lipulekh pass on Wednesday morning, officials said.")
    assert dated("kailash-yatra", text) == {("implemented", "2025-03-12")}


# --- not news ------------------------------------------------------------------------------------

def test_registration_that_was_not_opened_is_no_step():
    text = "Reply: Online registration for the Kailash Mansarovar Yatra was not opened this year."
    assert on("kailash-yatra", text) == set()


def test_what_the_ministry_does_each_year_is_not_this_years_news():
    text = ("The ministry runs the Kailash Mansarovar Yatra every summer, choosing yatris through a "
            "computerised draw and sending them in batches.")
    assert on("kailash-yatra", text) == set()


def test_a_round_of_the_expert_level_mechanism_held_is_not_data_shared():
    text = ("The two countries held the 12th round of the Expert Level Mechanism on trans-border rivers "
            "in Delhi on Tuesday.")
    assert on("river-data", text) == set()


def test_travel_groups_asking_for_routes_are_not_a_side_raising_flights():
    text = "Indian travel groups have asked for direct flights to Chengdu to be restored."
    assert on("direct-flights", text) == set()


def test_the_present_after_before_is_a_time_to_come():
    text = "New Delhi wants calm on the border before it restores direct flights to China."
    assert on("direct-flights", text) == set()


def test_a_lapse_still_to_come_is_not_stuck():
    text = "The memorandum on Sutlej hydrological data runs out in June, officials noted."
    assert on("river-data", text) == set()


def test_a_lapse_in_a_relative_clause_years_back_is_history():
    text = ("Dhaka and Beijing signed a river plan on Friday. India, whose own hydrological data pact with "
            "China lapsed in 2023, made no comment.")
    assert on("river-data", text) == set()


# --- read ----------------------------------------------------------------------------------------

def test_pilgrims_who_stepped_into_tibet_are_the_yatra_under_way():
    text = ("The first Kailash Mansarovar Yatra group went up the Lipulekh pass on Thursday and stepped into "
            "Tibet before noon.")
    assert on("kailash-yatra", text) == {"implemented"}


def test_readings_that_started_landing_are_data_shared():
    text = ("Hydrological readings from three gauging stations on the Yarlung Zangbo, the upper Brahmaputra, "
            "started landing with the Central Water Commission on Thursday.")
    assert on("river-data", text) == {"implemented"}


def test_in_close_touch_with_the_other_side_is_talk_not_an_ask():
    text = "We are in close touch with the Indian side on resuming direct flights, the spokesperson said."
    assert on("direct-flights", text) == {"discussed"}


def test_travellers_told_to_get_in_touch_with_the_embassy_raise_nothing():
    text = ("Applicants for tourist visas who must travel urgently were asked to get in touch with the "
            "embassy in Beijing.")
    assert on("visa-facilitation", text) == set()


def test_no_figures_passed_on_since_is_stuck():
    text = ("No figures on the Brahmaputra have been passed on since 2022, leaving river data forecasts to "
            "Indian stations.")
    assert on("river-data", text) == {"stalled"}


def test_made_further_progress_on_modalities_is_progress():
    text = ("The statement said the two sides had made further progress on modalities for the Kailash "
            "Mansarovar Yatra.")
    assert on("kailash-yatra", text) == {"progress"}


def test_a_second_verb_of_the_two_sides_is_a_pledge():
    text = ("The two sides would keep strengthening exchanges and would push for the resumption of direct "
            "flights at an early date.")
    assert on("direct-flights", text) == {"agreed"}


# --- guards found by a review of this round's rules ---------------------------------------------------

def test_a_halt_denied_refused_or_asked_for_is_no_halt():
    for text in ("India did not halt e-visas for Chinese nationals, the ministry said.",
                 "There is no plan to halt direct flights to China, the civil aviation ministry said.",
                 "Opposition MPs asked India to suspend direct flights to China."):
        assert "suspended" not in on("visa-facilitation", text) | on("direct-flights", text), text


def test_pilgrims_and_travel_firms_named_beside_the_news_do_not_hide_it():
    assert on("kailash-yatra", "Yatris seeking darshan of Mount Kailash crossed into Tibet on Tuesday as the "
                               "Kailash Mansarovar Yatra resumed after five years.") == {"implemented"}
    assert on("kailash-yatra", "With pilgrims demanding it for years India and China agreed on Tuesday to "
                               "resume the Kailash Mansarovar Yatra.") == {"agreed"}


def test_talks_the_two_sides_will_continue_are_not_a_pledge():
    text = "Both sides will continue talks on direct flights and share their assessments at the next meeting."
    assert on("direct-flights", text) == {"discussed"}


def test_a_meeting_of_the_mechanism_does_not_hide_what_was_agreed_at_it():
    text = ("The two countries held the 12th meeting of the Expert Level Mechanism on trans-border rivers and "
            "China agreed to resume sharing Brahmaputra data from May 15.")
    assert on("river-data", text) == {"agreed"}


def test_a_lapse_long_past_is_still_a_lapse():
    assert on("river-data", "The Sutlej hydrological data MoU was allowed to lapse in 2020.") == {"stalled"}


def test_people_in_touch_with_families_or_the_embassy_discuss_nothing():
    for text in ("Kailash Mansarovar Yatra pilgrims can stay in touch with their families through satellite phones.",
                 "Visa applicants should remain in touch with the Indian Embassy for updates on tourist visas."):
        assert on("kailash-yatra", text) | on("visa-facilitation", text) == set(), text


def test_before_a_plural_noun_is_no_time_to_come():
    # the rules alone: the doubt check (doubt@6, round 15) gives this bare sentence a 0.48 chance, for
    # the many wrong "visas ... implemented" readings it learned from (a known problem, in the README)
    text = "Two days before the border talks India resumed tourist visas for Chinese nationals."
    reading = read(text, PUBLISHED, NAMES, rules=replace(load_rules(), doubt=None))
    assert {p.kind.value for p in reading.proposals if p.commitment == "visa-facilitation"} == {"implemented"}


def test_a_dateline_needs_its_agency_a_timeline_line_is_no_dateline():
    text = ("Flights deal\n\nIndia and China signed the revised Air Services Agreement.\n\nDates to watch\n"
            "Sunday, March 30 – first flights under the new Air Services Agreement.")
    assert dated("air-services-agreement", text) == {("implemented", "2025-03-14")}
