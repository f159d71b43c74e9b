"""Families found when round 9's held-out texts (701-766) were read (tuned on since round 10): what
a relative clause or a trailing "before 2020" tells as history, people and flights described by
what they do, an RTI's query items, plans in a readout's future tense, notices to travellers.
Every sentence here was written for these tests."""
from __future__ import annotations

from tracker.core.dates import PartialDate
from tracker.ingest.corpus import catalogue
from tracker.ingest.reading import read

PUBLISHED = PartialDate(2025, 9, 3)
NAMES = catalogue()  # the bundled catalogue, as `tracker ingest` uses it


def events(text: str, published: PartialDate = PUBLISHED) -> set[tuple[str, str]]:
    return {(p.commitment, p.kind.value) for p in read(text, published, NAMES).proposals}


def on(commitment: str, text: str) -> set[str]:
    return {kind for c, kind in events(text) if c == commitment}


# --- history told in passing ---------------------------------------------------------------------

def test_a_yatra_which_was_held_this_summer_and_will_continue_is_agreed_not_done():
    text = "The Kailash Mansarovar Yatra, which was held without incident this summer, will continue in 2026 with more batches."
    assert on("kailash-yatra", text) == {"agreed"}


def test_carriers_that_flew_to_china_before_2020_is_history():
    assert on("direct-flights", "Both IndiGo and China Eastern flew between Delhi and Shanghai before 2020.") == set()


def test_flights_before_the_pandemic_at_the_end_of_a_clause_is_history():
    text = "IndiGo flew to Chengdu and Guangzhou before the pandemic; it has announced no return."
    assert on("direct-flights", text) == set()


def test_a_when_clause_that_goes_on_from_a_since_clause_is_history():
    text = ("It was the first word from the aviation ministry since the talks in Beijing in January, when the two "
            "sides said they had agreed to update the Air Services Agreement, officials said.")
    assert on("air-services-agreement", text) == set()


def test_how_the_memoranda_work_is_a_description_not_data_shared():
    text = "Under the two memoranda, China supplies flood-season readings on the Brahmaputra to India from three stations."
    assert on("river-data", text) == set()


def test_an_rti_query_item_that_names_a_halt_is_no_halt():
    assert on("visa-facilitation", "The date from which e-visas for Chinese nationals were suspended, and the order.") == set()


# --- people and flights described by what they do --------------------------------------------

def test_yatris_undertaking_the_yatra_describes_them():
    text = "Xi spoke of greater facilitation for Indian yatris undertaking the Kailash Mansarovar Yatra."
    assert "implemented" not in on("kailash-yatra", text)


def test_flights_departing_chinese_airports_is_a_rule_for_passengers():
    text = "Baggage limits apply to direct flights departing Chinese airports for India, the consulate said."
    assert on("direct-flights", text) == set()


# --- plans in a readout's future tense ----------------------------------------------------------

def test_an_early_meeting_of_the_mechanism_to_be_convened_is_agreed():
    text = ("An early meeting of the Expert Level Mechanism will be convened to take up the resumption of "
            "hydrological data sharing.")
    assert on("river-data", text) == {"agreed"}


def test_the_two_sides_will_hold_an_early_meeting_on_river_data_is_agreed():
    text = "The two sides will hold an early meeting of the Expert Level Mechanism on hydrological data."
    assert on("river-data", text) == {"agreed"}


def test_authorities_to_meet_to_negotiate_the_agreement_is_agreed():
    text = "Their civil aviation regulators will meet soon to negotiate an updated Air Services Agreement."
    assert on("air-services-agreement", text) == {"agreed"}


def test_regulators_expected_to_discuss_flights_is_not_yet_talk():
    text = "Regulators of the two countries are expected to discuss direct flights next month."
    assert on("direct-flights", text) == set()


def test_visas_will_be_made_easier_is_agreed():
    assert on("visa-facilitation", "Visas for business travellers will be made easier to obtain in both directions.") == {"agreed"}


def test_the_ministry_will_organise_the_yatra_from_june_is_progress():
    text = "The Ministry of External Affairs will organise the Kailash Mansarovar Yatra from June to August this year."
    assert on("kailash-yatra", text) == {"progress"}


def test_an_airline_announcing_a_service_from_a_date_is_progress():
    text = "IndiGo has announced a daily non-stop service between Delhi and Guangzhou from 10 November 2025, the airline said."
    assert on("direct-flights", text) == {"progress"}


def test_agreeing_to_speed_up_the_steps_needed_to_restore_flights_is_no_ask():
    text = "India and China agreed on Thursday to speed up the steps needed to restore direct flights."
    assert "raised" not in on("direct-flights", text)
    assert on("direct-flights", text)


def test_looking_to_the_chinese_side_for_data_is_an_ask():
    text = "India looked to the Chinese side for early movement on resuming the provision of hydrological data."
    assert on("river-data", text) == {"raised"}


# --- doing in plain words -------------------------------------------------------------------------

def test_a_bureau_that_started_on_a_date_to_send_data_shared_it():
    text = "The hydrological bureau started on 17 October to send the Indian side hydrological data every hour."
    assert on("river-data", text) == {"implemented"}


def test_missions_that_have_been_taking_visa_applications_issue_them():
    text = "Indian missions worldwide have been taking tourist visa applications from Chinese nationals since Monday."
    assert on("visa-facilitation", text) == {"implemented"}


def test_an_agreement_still_being_rewritten_is_under_negotiation():
    assert on("air-services-agreement", "The Air Services Agreement is still being rewritten, officials said.") == {"discussed"}


def test_still_waiting_on_river_data_is_stalled_but_a_local_body_waiting_for_a_schedule_is_not():
    assert on("river-data", "India still waiting on hydrological data from China") == {"stalled"}
    assert "stalled" not in on("kailash-yatra", "Pithoragarh cheers the Kailash yatra, but the hotels are still waiting for a schedule")


# --- notices and briefings ----------------------------------------------------------------------

def test_a_notice_asking_travellers_to_note_the_following_raises_nothing():
    text = ("Travellers are requested to note the following:\n"
            "- Chinese nationals travelling to India must hold a valid visa before boarding.\n")
    assert on("visa-facilitation", text) == set()


def test_travellers_told_not_to_board_flights_is_advice():
    assert on("direct-flights", "They should not attempt to board flights to India with these visas.") == set()


def test_a_spokesperson_asking_reporters_to_wait_is_no_ask():
    assert on("kailash-yatra", "On the Yatra, I would ask you to wait for the notification.") == set()


def test_authorities_in_touch_with_each_other_is_no_ask():
    assert on("direct-flights", "On direct flights, the technical authorities are in touch with each other.") == set()


def test_a_correspondents_visa_not_renewed_is_press_relations():
    text = ("A correspondent of the daily left Beijing on Sunday after his visa was not renewed, and a second "
            "reporter has been asked to leave, people familiar with the matter said.")
    assert on("visa-facilitation", text) == set()


# --- what the text says of a commitment, weighed together ---------------------------------------

def test_an_rti_answer_about_the_mou_refers_to_the_question_before_it():
    text = ("Q2. Whether the MoU on hydrological data of the Sutlej has been renewed.\n"
            "A2. The MoU has not been renewed as on date, and a response from the Chinese side is awaited.\n")
    assert on("river-data", text) == {"stalled"}


def test_a_lapse_dated_by_its_year_long_before_the_report_is_history():
    text = "Flood-data sharing with China on the Brahmaputra ended when the memorandum ran out in 2020, officials in Assam said."
    assert on("river-data", text) == set()  # told in September 2025


def test_sales_opening_beside_the_first_flight_is_one_event_told_as_done():
    text = ("IndiGo's first direct flight from Kolkata landed in Guangzhou on Sunday.\n\n"
            "Tickets for the direct flights had gone on sale earlier, and bookings are open for December.")
    assert on("direct-flights", text) == {"implemented"}


def test_quoted_positive_directions_for_the_yatra_is_agreed():
    text = 'The ministry said the two officials "provided positive directions" for the Kailash Mansarovar Yatra.'
    assert on("kailash-yatra", text) == {"agreed"}


def test_both_sides_would_promote_the_pilgrimage_is_agreed():
    assert on("kailash-yatra", "Both sides would promote the Kailash Mansarovar Yatra next year, the readout said.") == {"agreed"}


# --- from a review of round 10's rules ------------------------------------------------------------

def test_a_facility_in_the_next_sentence_is_not_the_commitment_before_it():
    text = ("India and China discussed the resumption of direct flights on Monday. "
            "The facility at Kolkata airport will start operating a new cargo terminal next month.")
    assert on("direct-flights", text) == {"discussed"}


def test_ministers_previewed_to_meet_to_discuss_flights_have_agreed_nothing():
    text = "Wang Yi and Jaishankar will meet in New Delhi next week to discuss direct flights."
    assert "agreed" not in on("direct-flights", text)


def test_restoring_the_frequencies_flown_before_the_pandemic_is_a_plan():
    text = "IndiGo said it would restore direct flights to China to the frequencies it operated before the pandemic."
    assert on("direct-flights", text) == {"agreed"}


def test_applicants_still_waiting_for_their_visas_is_no_stall():
    text = "Thousands of Indian applicants are still waiting for their visas, a week after China resumed issuing tourist visas."
    assert "stalled" not in on("visa-facilitation", text)


def test_a_stall_in_a_past_year_is_not_a_lapse():
    assert on("river-data", "Hydrological data sharing remained stalled in 2023.") == {"stalled"}
