"""Families found when round 10's held-out texts (801-866) were read (tuned on since round 11): dates
(a weekday with its date, the talks' day, a meeting "held in April", a flight's departure), data that
arrives, pilgrims back on Indian soil, refusals and things still not done, obstacles dropped, halts
for a stated span, and what has happened "since" as context.  Every sentence here was written for
these tests."""
from __future__ import annotations

from tracker.core.dates import PartialDate
from tracker.ingest.corpus import catalogue
from tracker.ingest.reading import read

PUBLISHED = PartialDate(2025, 11, 18)  # a Tuesday
NAMES = catalogue()  # the bundled catalogue, as `tracker ingest` uses it


def proposals(text: str, published: PartialDate = PUBLISHED):
    return read(text, published, NAMES).proposals


def on(commitment: str, text: str, published: PartialDate = PUBLISHED) -> set[str]:
    return {p.kind.value for p in proposals(text, published) if p.commitment == commitment}


def dated(commitment: str, text: str, published: PartialDate = PUBLISHED) -> set[tuple[str, str]]:
    return {(p.kind.value, str(p.date)) for p in proposals(text, published) if p.commitment == commitment}


# --- dates -------------------------------------------------------------------------------------

def test_a_weekday_followed_by_its_date_is_that_date():
    text = "China Eastern's Shanghai–Delhi service got under way on Sunday 9 November, the airline said."
    assert dated("direct-flights", text) == {("implemented", "2025-11-09")}


def test_the_day_of_the_talks_not_of_the_statement_about_them():
    text = ("India, China to speed up return of flights\nNew Delhi, 14 June 2025\n\n"
            "The two sides agreed to expedite the steps needed to restart direct air services, according to a "
            "statement issued on Friday about Thursday's talks between the foreign secretary and the vice minister.")
    assert dated("direct-flights", text, PartialDate(2025, 6, 14)) == {("progress", "2025-06-12")}


def test_a_meeting_held_in_april_dates_the_meeting_not_the_hope():
    text = ("Recalling the meeting of the Expert Level Mechanism on trans-border rivers held in April, the Foreign "
            "Secretary hoped that the supply of hydrological data would resume.")
    assert dated("river-data", text, PartialDate(2025, 6, 13)) == {("raised", "2025-06-13")}


def test_the_clause_with_the_cue_dates_it_not_the_clause_with_the_name():
    text = ("The Expert Level Mechanism met in March for the first time in years, but on Tuesday the minister "
            "could only hope for progress on hydrological data.")
    assert dated("river-data", text, PartialDate(2025, 6, 13)) == {("raised", "2025-06-10")}


def test_a_flight_is_dated_by_its_departure_not_its_landing():
    text = ("The first IndiGo flight from Kolkata to Guangzhou landed early on Monday, after leaving Kolkata late "
            "on Sunday.")
    assert dated("direct-flights", text, PartialDate(2025, 10, 28)) == {("implemented", "2025-10-26")}


def test_this_years_pilgrimage_names_the_pilgrimage_and_on_hold_is_stuck():
    text = "With two batches held back by a landslide, the rest of this year's Kailash Mansarovar Yatra is on hold."
    assert dated("kailash-yatra", text, PartialDate(2019, 8, 20)) == {("stalled", "2019-08-20")}


def test_visas_frozen_in_a_month_five_years_back_is_history():
    text = "Visas for Chinese nationals were largely frozen after the troops clashed in the Galwan valley in June 2020."
    assert on("visa-facilitation", text) == set()


# --- doing, in plain words ---------------------------------------------------------------------

def test_readings_that_began_arriving_are_data_shared():
    text = ("Hydrological readings on the Brahmaputra from stations in Tibet began arriving at the Central Water "
            "Commission on Wednesday, officials in New Delhi said.")
    assert on("river-data", text, PartialDate(2018, 5, 19)) == {"implemented"}


def test_china_relaying_readings_is_data_shared():
    text = "China is relaying hourly readings on the Siang to India after a landslide blocked the river in Tibet."
    assert on("river-data", text, PartialDate(2018, 10, 19)) == {"implemented"}


def test_pilgrims_back_on_indian_soil_is_the_yatra_taking_place():
    text = "The last group of Kailash Mansarovar pilgrims stepped back onto Indian soil at Lipulekh on Friday."
    assert on("kailash-yatra", text, PartialDate(2025, 8, 23)) == {"implemented"}


def test_the_computerised_selection_of_pilgrims_is_a_step():
    text = "The Foreign Secretary ran the computerised selection for the Kailash Mansarovar Yatra on Wednesday."
    assert on("kailash-yatra", text, PartialDate(2019, 5, 17)) == {"progress"}


def test_chinese_tourists_who_can_now_seek_indian_visas():
    text = "Chinese tourists can now seek Indian tourist visas at any Indian mission abroad, officials said."
    assert on("visa-facilitation", text) == {"implemented"}


# --- refusals, still not done, on hold ---------------------------------------------------------

def test_not_the_right_time_to_resume_tourist_visas_is_stuck_not_issued():
    text = "We do not feel that this is the right moment to resume issuing tourist visas to Chinese nationals."
    assert on("visa-facilitation", text, PartialDate(2022, 4, 28)) == {"stalled"}


def test_an_agreement_still_not_rewritten_is_stuck():
    text = "The India–China Air Services Agreement has still not been rewritten."
    assert on("air-services-agreement", text) == {"stalled"}


# --- the kind of a halt or a removal -----------------------------------------------------------

def test_vetting_that_has_been_dropped_is_a_step_not_the_commitment_dropped():
    text = ("An extra layer of vetting for business visas sought by Chinese engineers has been dropped, "
            "Indian officials said.")
    assert on("visa-facilitation", text) == {"progress"}


def test_a_service_cancelled_for_two_weeks_is_suspended_not_abandoned():
    text = "Air India said its Delhi–Shanghai flight stands cancelled from 31 January to 14 February."
    assert on("direct-flights", text, PartialDate(2020, 1, 30)) == {"suspended"}


def test_a_state_that_decides_not_to_host_the_yatra_under_restrictions_in_force_halts_it():
    text = ("In view of the restrictions in force across the country, the state government has decided not to "
            "host the Kailash Mansarovar Yatra through Nathu La.")
    assert on("kailash-yatra", text, PartialDate(2020, 4, 21)) == {"suspended"}


def test_repatriation_flights_are_not_the_direct_flights():
    text = "Air India will operate two more repatriation flights from Guangzhou to Delhi later this month."
    assert on("direct-flights", text, PartialDate(2020, 10, 6)) == set()


def test_an_airline_that_will_return_to_shanghai_on_a_date_is_a_step():
    text = "Air India said on Monday it will return to Shanghai on 1 February 2026 with four weekly flights from Delhi."
    assert on("direct-flights", text) == {"progress"}


def test_guidance_for_taking_forward_the_yatra_is_agreed():
    text = ("The Special Representatives gave guidance for taking forward cross-border cooperation, including "
            "the Kailash Mansarovar Yatra.")
    assert on("kailash-yatra", text, PartialDate(2024, 12, 18)) == {"agreed"}


def test_talks_on_a_revised_agreement_that_are_continuing_are_discussed():
    text = "Technical talks between the aviation authorities on a revised Air Services Agreement are continuing."
    assert on("air-services-agreement", text) == {"discussed"}


def test_ties_that_should_be_strengthened_through_direct_flights_is_talk():
    text = "The leaders underlined that ties between the peoples should now be strengthened further through direct flights."
    assert on("direct-flights", text, PartialDate(2025, 8, 31)) == {"discussed"}


# --- context ---------------------------------------------------------------------------------------

def test_a_sentence_led_by_another_country_is_that_countrys_news():
    text = ("Dhaka also receives hydrological data from India under the Joint Rivers Commission, and separately "
            "from China.")
    assert on("river-data", text) == set()


def test_since_then_is_the_road_to_the_news_not_the_news():
    assert on("direct-flights", "Since then, India and China have agreed to resume direct flights.") == set()


def test_what_the_neighbours_have_since_restored_is_context():
    assert on("direct-flights", "The two neighbours have since restored direct flights.") == set()


def test_a_grievance_held_for_years_is_context():
    text = ("India, which has long protested that China stopped supplying hydrological data on the Brahmaputra, "
            "issued a flood warning to Pakistan.")
    assert on("river-data", text) == set()


def test_an_rti_item_that_asks_whether_data_was_received_is_asked_not_told():
    text = ("Whether hydrological information on the Brahmaputra (Yarlung Zangbo) was received from the Chinese side "
            "during the flood season of 2025.")
    assert on("river-data", text, PartialDate(2025, 11, 20)) == set()


# --- guards from a review of this round's rules ----------------------------------------------------

def test_a_dateline_place_with_a_colon_is_not_a_third_country_subject():
    text = "KATHMANDU: India and China have agreed to resume the Kailash Mansarovar Yatra through the Lipulekh pass."
    assert on("kailash-yatra", text) == {"agreed"}


def test_analysts_based_in_a_third_country_do_not_make_it_the_subject():
    text = "Bangkok-based analysts said India and China resumed direct flights on Sunday after a five-year gap."
    assert on("direct-flights", text) == {"implemented"}


def test_the_two_sides_as_a_later_subject_keep_the_news_india_chinas():
    text = "US tariffs have pushed India and China closer; the two sides resumed direct flights on Sunday."
    assert on("direct-flights", text) == {"implemented"}


def test_a_plan_dropped_after_security_checks_is_abandoned_not_an_obstacle_removed():
    text = "After security checks, the plan to resume the Kailash Mansarovar Yatra through Nathu La has been dropped."
    assert on("kailash-yatra", text) == {"abandoned"}


def test_last_years_talks_still_date_the_agreement_as_a_recap():
    text = "India and China agreed at last year's Special Representatives talks to resume the Kailash Mansarovar Yatra."
    assert on("kailash-yatra", text) == set()


def test_a_meeting_held_in_april_as_the_subject_keeps_its_date():
    text = ("The Expert Level Mechanism meeting on trans-border rivers held in April agreed that China would "
            "resume sharing Brahmaputra flood data.")
    assert on("river-data", text) == set()  # an April agreement, told in November: a recap


def test_an_airline_that_has_since_announced_a_return_is_news():
    text = "Air India has since announced that it will resume direct flights to Shanghai on 1 February."
    assert on("direct-flights", text) == {"progress"}


def test_pilgrims_are_dated_by_their_crossing_not_by_leaving_delhi():
    text = "The first batch of pilgrims crossed into Tibet through the Lipulekh pass on Tuesday, after leaving Delhi on 30 October."
    assert dated("kailash-yatra", text) == {("implemented", "2025-11-18")}


def test_a_scheduled_service_since_the_evacuation_flights_is_a_direct_flight():
    text = ("IndiGo resumed direct flights between Kolkata and Guangzhou on Sunday, the first scheduled service "
            "since the evacuation flights of 2020.")
    assert on("direct-flights", text) == {"implemented"}


def test_a_minister_who_will_return_to_beijing_is_no_airline_schedule():
    assert on("direct-flights", "Wang Yi will return to Beijing on 20 November without a deal on direct flights.") == set()


def test_an_airline_that_chose_not_to_fly_at_weekends_halted_nothing():
    text = "IndiGo chose not to fly the Kolkata-Guangzhou route on weekends, but its daily direct flights from Delhi continue."
    assert on("direct-flights", text) == set()


def test_visas_resumed_this_week_are_news_though_the_freeze_began_in_2020():
    text = "India resumed issuing tourist visas to Chinese nationals this week, ending a freeze imposed in April 2020."
    assert on("visa-facilitation", text) == {"implemented"}


def test_it_isnt_the_right_time_is_a_refusal_too():
    assert on("direct-flights", "Beijing said it isn't the right time to resume direct flights.") == {"stalled"}
