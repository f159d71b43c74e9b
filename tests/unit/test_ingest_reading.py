"""Reading news as an analyst does: main clause over background, doing in plain words, decisions
with a deadline, other countries, negation, one proposal per (commitment, kind), unmatched
agreements. Every sentence here was written for these tests."""
from __future__ import annotations

import pytest

from tracker.core.dates import PartialDate
from tracker.ingest.reading import read

PUBLISHED = PartialDate(2025, 6, 20)  # a Friday

CORE = {
    "kailash-yatra": ["Kailash Mansarovar Yatra", "yatra", "pilgrimage", "Kangrinboqe", "Gang Rinpoche",
                      "Mapam Yumco", "Indian pilgrims to Xizang"],
    "direct-flights": ["Direct flights", "flights", "air links", "non-stop service"],
    "air-services-agreement": ["Air Services Agreement", "asa"],
    "visa-facilitation": ["Visa facilitation", "visa", "visas", "tourist visas", "e-visa", "visa applications"],
    "river-data": ["Trans-border river data sharing", "hydrological data", "Brahmaputra", "Siang", "Yarlung Zangbo"],
}


def events(text: str, published: PartialDate = PUBLISHED) -> set[tuple[str, str, str]]:
    return {(p.commitment, p.kind.value, str(p.date)) for p in read(text, published, CORE).proposals}


def skipped(text: str) -> list[str]:
    return [n.why for n in read(text, PUBLISHED, CORE).notes if n.outcome == "skipped"]


# --- background is not news ----------------------------------------------------------------

def test_a_since_clause_does_not_outweigh_the_main_clause():
    text = ("The first group of pilgrims crossed the Lipulekh pass on Friday, the first crossing since "
            "the Kailash Mansarovar Yatra was called off in 2020.")
    assert events(text) == {("kailash-yatra", "implemented", "2025-06-20")}


def test_a_relative_clause_in_the_past_perfect_is_background():
    text = "Direct flights, which had been suspended since early 2020, resumed on Sunday."
    assert events(text) == {("direct-flights", "implemented", "2025-06-15")}


def test_a_month_after_an_earlier_agreement_dates_the_main_event_not_the_agreement():
    text = "Air India's first flight landed in Shanghai on Monday, a month after the two sides agreed to restart flights."
    assert events(text) == {("direct-flights", "implemented", "2025-06-16")}


def test_what_the_two_sides_had_agreed_earlier_is_context_and_proposes_nothing():
    text = "Earlier this year the two sides had agreed to resume direct flights."
    assert events(text) == set()
    assert any(why.startswith("background") for why in skipped(text))


def test_a_gap_of_years_is_not_a_suspension():
    text = "Visa facilitation resumed on Monday after a gap of five years."
    assert events(text) == {("visa-facilitation", "implemented", "2025-06-16")}


# --- doing, in plain words --------------------------------------------------------------------

@pytest.mark.parametrize("text, commitment", [
    ("China Eastern's non-stop service touched down in Delhi on Wednesday.", "direct-flights"),
    ("IndiGo operated its first service to Guangzhou under the restored air links on Wednesday.", "direct-flights"),
    ("A batch of 50 Indian pilgrims to Xizang crossed into Tibet on Wednesday.", "kailash-yatra"),
    ("The pilgrims returned through the Nathu La after circling Kangrinboqe on Wednesday.", "kailash-yatra"),
    ("The Chinese embassy began accepting tourist visas applications on Wednesday.", "visa-facilitation"),
    ("Indian citizens can now apply for an e-visa, the embassy said on Wednesday.", "visa-facilitation"),
    ("The ministry said China started sharing hydrological data on the Brahmaputra on Wednesday.", "river-data"),
])
def test_doing_in_plain_words_is_implemented(text, commitment):
    assert events(text) == {(commitment, "implemented", "2025-06-18")}


def test_data_received_since_a_month_is_implemented_in_that_month():
    text = "India has received hydrological data on the Siang since May, the ministry said."
    assert events(text) == {("river-data", "implemented", "2025-05")}


def test_a_doing_word_of_one_commitment_does_not_decide_another():
    text = "Officials discussed visas while the first flights took off."
    assert ("visa-facilitation", "implemented") not in {(c, k) for c, k, _ in events(text)}


# --- decisions with a future date -------------------------------------------------------------

def test_a_decision_about_next_month_is_agreed_now_with_a_due_date():
    [p] = read("It has been decided that direct flights can restart by the end of next month.", PUBLISHED,
               CORE).proposals
    assert (p.kind.value, str(p.date), str(p.due)) == ("agreed", "2025-06-20", "2025-07")


@pytest.mark.parametrize("plan, due", [
    ("by the end of October 2025", "2025-10"),
    ("this summer", "2025-08"),
    ("in October at the earliest", None),
])
def test_the_plan_date_becomes_the_due_date(plan, due):
    [p] = read(f"The two sides agreed to resume direct flights {plan}.", PUBLISHED, CORE).proposals
    assert (p.kind.value, str(p.date)) == ("agreed", "2025-06-20")
    assert (str(p.due) if p.due else None) == due


def test_a_done_event_has_no_due_date():
    [p] = read("Direct flights resumed on Sunday.", PUBLISHED, CORE).proposals
    assert p.due is None


# --- other countries --------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Emirates added direct flights between Mumbai and Dubai on Monday.",
    "India eased tourist visas for Japanese travellers on Monday.",
    "India agreed to share hydrological data on the Brahmaputra with Bangladesh.",
])
def test_a_sentence_about_another_pair_of_countries_proposes_nothing(text):
    assert events(text) == set()
    assert any(why.startswith("other countries") for why in skipped(text))


def test_a_paragraph_about_another_pair_covers_its_sentences_that_name_no_country():
    text = ("Nepal and Bangladesh signed a power deal on Monday.\n"
            "They also agreed to resume direct flights by December.\n\n"
            "India and China agreed to resume direct flights.")
    assert {(c, k) for c, k, _ in events(text)} == {("direct-flights", "agreed")}
    assert len(read(text, PUBLISHED, CORE).proposals[0].also) == 0


def test_a_place_where_the_two_sides_met_is_not_a_third_side():
    text = "Modi and Xi met in Russia and agreed to resume direct flights."
    assert {(c, k) for c, k, _ in events(text)} == {("direct-flights", "agreed")}


def test_a_river_name_speaks_of_data_only_with_a_word_about_data_or_floods():
    assert events("China is building a large dam on the Yarlung Zangbo.") == set()
    assert events("China agreed to provide flood data on the Yarlung Zangbo.") != set()


# --- negation ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text, commitment", [
    ("No scheduled flight has yet operated between India and China.", "direct-flights"),
    ("The Air Services Agreement has not been revised since 2006.", "air-services-agreement"),
])
def test_negation_is_neither_done_nor_agreed_and_alone_it_is_stalled(text, commitment):
    # an absence that is all the text says of it is the news that it is stuck (round 5)
    assert {(c, k) for c, k, _ in events(text)} == {(commitment, "stalled")}


def test_a_negation_in_the_past_is_no_event():
    assert events("The yatra was not resumed that summer.") == set()
    assert any(why.startswith("negation") for why in skipped("The yatra was not resumed that summer."))


# --- names ------------------------------------------------------------------------------------

def test_an_airline_with_a_city_on_each_side_names_the_flights():
    text = "IndiGo will fly daily between Kolkata and Guangzhou from October 26."
    [p] = read(text, PUBLISHED, CORE).proposals
    assert p.commitment == "direct-flights" and str(p.due) == "2025-10-26"


def test_an_airline_with_no_chinese_city_is_not_the_flights():
    assert events("IndiGo will add flights to Singapore from October.") == set()


# --- noise: one proposal per commitment and kind ----------------------------------------------

def test_one_proposal_per_commitment_and_kind_with_the_others_as_also_quotes():
    text = ("Direct flights resumed on Sunday. The first flight took off from Kolkata on Sunday. "
            "Air links were restored on Sunday after five years.")
    [p] = read(text, PUBLISHED, CORE).proposals
    assert p.quote == "Direct flights resumed on Sunday."
    assert p.also == ("The first flight took off from Kolkata on Sunday.",
                      "Air links were restored on Sunday after five years.")
    notes = [n.outcome for n in read(text, PUBLISHED, CORE).notes]
    assert notes == ["proposed", "also", "also"]


# --- unmatched agreements ---------------------------------------------------------------------

def test_an_agreement_that_names_no_tracked_commitment_is_unmatched():
    reading = read("India and China agreed to reopen border trade through three passes.", PUBLISHED, CORE)
    assert reading.proposals == []
    [u] = reading.unmatched
    assert (u.kind, u.cue) == ("agreed", "agreed") and u.quote.startswith("India and China agreed")


def test_an_agreement_between_other_countries_is_not_unmatched():
    assert read("China and Nepal agreed to reopen border trade.", PUBLISHED, CORE).unmatched == []


def test_a_sentence_with_no_cue_is_not_unmatched():
    assert read("India and China are neighbours.", PUBLISHED, CORE).unmatched == []


# --- explain ------------------------------------------------------------------------------------

def test_every_name_read_is_explained_with_the_clause_and_the_rule():
    text = "Direct flights, which had been suspended since 2020, resumed on Sunday."
    [note] = read(text, PUBLISHED, CORE).notes
    assert note.outcome == "proposed" and note.rule.startswith("implemented-resumed@")
    assert note.clause == "Direct flights, […], resumed on Sunday."


# --- plain news wording, one sentence per family (written for these tests) ----------------------

@pytest.mark.parametrize("text, expected", [
    ("Direct flights between India and China resumed.", ("direct-flights", "implemented")),
    ("The first China Southern flight from Guangzhou arrived in Delhi on Thursday.", ("direct-flights", "implemented")),
    ("IndiGo has opened bookings for its Delhi–Guangzhou flights.", ("direct-flights", "progress")),
    ("Air India suspended its flights to Shanghai on Friday.", ("direct-flights", "suspended")),
    ("The Kailash Mansarovar Yatra has been cancelled this year because of the pandemic.", ("kailash-yatra", "suspended")),
    ("Registration for the Kailash Mansarovar Yatra opened on Thursday.", ("kailash-yatra", "progress")),
    ("India resumed tourist visas for Chinese nationals on Thursday.", ("visa-facilitation", "implemented")),
    ("China reduced visa fees for Indian applicants.", ("visa-facilitation", "progress")),
    ("The embassy stopped issuing visas on Thursday.", ("visa-facilitation", "suspended")),
    ("India and China renewed the MoU on sharing hydrological data on the Brahmaputra.", ("river-data", "agreed")),
    ("The MoU on Brahmaputra flood data expired in June.", ("river-data", "stalled")),
    ("India and China signed a new Air Services Agreement on Thursday.", ("air-services-agreement", "implemented")),
])
def test_plain_news_wording(text, expected):
    assert expected in {(c, k) for c, k, _ in events(text)}


def test_the_same_day_is_not_a_reference_back():
    text = "The Kailash Mansarovar Yatra will take place in June.\nOnline registration for pilgrims opened the same day."
    assert {k for _, k, _ in events(text)} == {"agreed"}
