"""What the words around a verb do to it: every form of a listed verb, negation, the future, a
possibility, the progressive, a stop, a topic, a question, a date after the report. Every
sentence here was written for these tests."""
from __future__ import annotations

import pytest

from tracker.core.dates import PartialDate
from tracker.core.errors import TrackerError
from tracker.ingest.cues import parse_cues
from tracker.ingest.reading import read
from tracker.ingest.verbs import forms, phrase_pattern

PUBLISHED = PartialDate(2025, 10, 29)  # a Wednesday

CORE = {
    "kailash-yatra": ["Kailash Mansarovar Yatra", "yatra", "pilgrimage"],
    "direct-flights": ["Direct flights", "flights", "flight"],
    "visa-facilitation": ["Visa facilitation", "visas", "tourist visas"],
    "river-data": ["hydrological data", "Brahmaputra"],
}


def events(text: str, published: PartialDate = PUBLISHED) -> set[tuple[str, str]]:
    return {(p.commitment, p.kind.value) for p in read(text, published, CORE).proposals}


def only(text: str):
    [proposal] = read(text, PUBLISHED, CORE).proposals
    return proposal


# --- verbs by their base form --------------------------------------------------------------

def test_every_form_of_a_listed_verb_is_matched():
    assert {"take", "takes", "took", "taken", "taking"} <= set(forms("take"))
    assert {"land", "lands", "landed", "landing"} <= set(forms("land"))
    assert {"stop", "stopped", "stopping"} <= set(forms("stop"))
    assert {"apply", "applies", "applied"} <= set(forms("apply"))


@pytest.mark.parametrize("sentence", [
    "The IndiGo flight from Kolkata touched down in Guangzhou on Sunday.",
    "An IndiGo flight touches down in Guangzhou every evening now.",
    "The first flight departed Kolkata shortly after 10 pm on Sunday.",
    "The Shanghai flight left Pudong on Sunday bound for Delhi.",
])
def test_a_flight_in_plain_words_is_implemented(sentence):
    assert events(sentence) == {("direct-flights", "implemented")}


def test_after_a_determiner_the_verb_is_a_noun():
    assert events("India again requested the restart of direct flights.") == {("direct-flights", "raised")}


def test_a_verb_phrase_must_start_with_a_verb():
    with pytest.raises(ValueError):
        phrase_pattern("... accepting")


# --- modality: the words before the verb ---------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "Direct flights have not yet resumed.",  # a bare negation of the doing (absent-so-far names fewer verbs)
    "The yatra was not conducted this summer either; no computerised draw was held.",
    "Pilgrims used to set out for the Kailash Mansarovar Yatra every June.",
])
def test_negated_or_habitual_doing_is_no_event(sentence):
    assert events(sentence) == set()


@pytest.mark.parametrize("sentence", [
    "No direct flight has so far taken off from Delhi.",
    "No scheduled flight has operated between the two countries since 2020.",
])
def test_doing_absent_so_far_is_stuck_not_done(sentence):
    assert {k for _, k in events(sentence)} == {"stalled"}


def test_a_plan_for_later_is_agreed_and_its_date_is_due():
    p = only("The two sides decided to restart direct flights by the end of November.")
    assert (p.kind.value, str(p.date), str(p.due)) == ("agreed", "2025-10-29", "2025-11")
    assert "+future@" in p.rule


def test_a_possibility_is_no_event():
    assert events("Reports say direct flights could restart as early as next month.") == set()


def test_being_restored_is_progress_not_implemented():
    assert events("Direct flights between the two countries are being restored.") == {("direct-flights", "progress")}


def test_stopped_issuing_visas_is_suspended():
    assert events("The embassy stopped issuing tourist visas on Thursday.") == {("visa-facilitation", "suspended")}


def test_an_mou_on_sharing_data_is_not_data_shared():
    text = "India and China renewed the MoU on sharing hydrological data on the Brahmaputra."
    assert events(text) == {("river-data", "agreed")}


def test_a_question_proposes_nothing():
    assert events("Will China provide hydrological data on the Brahmaputra this year?") == set()


def test_done_on_a_date_after_the_report_is_progress_due_that_day():
    p = only("Chinese citizens can apply for tourist visas from tomorrow, October 30.")
    assert (p.kind.value, str(p.date), str(p.due)) == ("progress", "2025-10-29", "2025-10-30")
    assert p.rule.endswith("+dated-later@1")


def test_a_thing_done_in_a_month_long_gone_is_background():
    text = "India restored tourist visas for Chinese citizens in July."
    assert events(text, PartialDate(2025, 12, 12)) == set()
    assert events(text, PartialDate(2025, 7, 30)) == {("visa-facilitation", "implemented")}


def test_cancelled_this_year_is_news_not_a_recap():
    text = "The Kailash Mansarovar Yatra has been cancelled this year because of the pandemic."
    assert events(text, PartialDate(2025, 11, 12)) == {("kailash-yatra", "suspended")}


@pytest.mark.parametrize("sentence", [
    "Direct flights between India and China weren't restored last month.",
    "China hasn’t resumed issuing tourist visas.",
    "Pilgrims haven't crossed into Tibet for the Kailash Mansarovar Yatra.",
])
def test_a_contracted_negation_is_no_event(sentence):
    assert events(sentence) == set()


@pytest.mark.parametrize("sentence, expected", [
    ("India wants to restore direct flights with China.", {("direct-flights", "raised")}),
    ("China must restore direct flights with India.", {("direct-flights", "raised")}),
    ("India and China discussed ways to reinstate tourist visas.", {("visa-facilitation", "discussed")}),
    ("Direct flights may eventually be restored.", set()),
    ("The move would help restore direct flights.", set()),
])
def test_a_wish_an_infinitive_or_a_modal_is_not_a_deed(sentence, expected):
    assert events(sentence) == expected


def test_a_habit_named_earlier_in_the_clause_does_not_cancel_the_deed():
    text = "China, after refusing for years, shared hydrological data on the Brahmaputra."
    assert events(text) == {("river-data", "implemented")}


def test_a_month_just_ahead_in_a_past_tense_report_is_last_year_not_a_plan():
    # last December, ten months before the report: a recap (round 5), and never a plan for December
    reading = read("Direct flights resumed in December after a five-year gap.", PUBLISHED, CORE)
    assert reading.proposals == []
    assert any("recap dated 2024-12" in n.why for n in reading.notes)


def test_a_participle_halt_inside_a_decision_does_not_make_it_a_halt():
    text = "India and China decided that direct flights halted during the pandemic will resume next month."
    assert events(text) == {("direct-flights", "agreed")}
    notice = "China has decided that holders of valid visas will not be permitted to enter China for now."
    assert events(notice) == {("visa-facilitation", "suspended")}


def test_a_halt_that_lasted_years_is_the_past_of_the_news():
    text = "Direct flights were frozen for more than five years and came back in October."
    assert ("direct-flights", "suspended") not in events(text)


def test_one_syllable_verbs_double_and_irregular_ones_are_known():
    assert {"flagged", "flagging"} <= set(forms("flag"))
    assert {"froze", "frozen"} <= set(forms("freeze"))
    assert events("China froze the issuance of tourist visas.") == {("visa-facilitation", "suspended")}


# --- the rules file ------------------------------------------------------------------------

BASE = {"version": 1, "rule": [{"id": "r", "version": 1, "kind": "agreed", "verbs": ["agree"], "reason": "x"}]}


@pytest.mark.parametrize("modality, message", [
    ({"id": "m", "version": 1, "applies_to": ["done"], "becomes": "none", "before": ["x$"], "reason": "r"},
     "applies_to"),
    ({"id": "m", "version": 1, "applies_to": ["agreed"], "becomes": "maybe", "before": ["x$"], "reason": "r"},
     "unknown kind"),
    ({"id": "m", "version": 1, "applies_to": ["agreed"], "becomes": "none", "before": ["(x$"], "reason": "r"},
     "bad pattern"),
    ({"id": "m", "version": 1, "applies_to": ["agreed"], "becomes": "none", "before": ["x$"]}, "reason"),
    ({"id": "m", "version": 1, "applies_to": [["agreed"]], "becomes": "none", "before": ["x$"], "reason": "r"},
     "applies_to"),
    ({"id": "m", "version": 1, "applies_to": ["agreed"], "becomes": ["none"], "before": ["x$"], "reason": "r"},
     "unknown kind"),
    ({"id": "m", "version": 1, "applies_to": ["agreed"], "becomes": "none", "before": ["x$"], "reason": "r",
      "reaches": []}, "reaches"),
    ({"id": "m", "version": 1, "applies_to": ["agreed"], "becomes": "none", "before": ["x$"], "reason": "r",
      "commitment": ["direct-flights"]}, "unknown key"),
])
def test_a_malformed_modality_is_refused_with_its_name(modality, message):
    with pytest.raises(TrackerError, match=message):
        parse_cues({**BASE, "modality": [modality]})


def test_a_rule_may_list_verbs_instead_of_patterns():
    book = parse_cues(BASE)
    assert book.cues[0].verbs.search("the two sides agreed on Monday")
    with pytest.raises(TrackerError, match="must start with a verb"):
        parse_cues({**BASE, "rule": [{**BASE["rule"][0], "verbs": ["... agree"]}]})
    with pytest.raises(TrackerError, match="at most one"):
        parse_cues({**BASE, "rule": [{**BASE["rule"][0], "verbs": ["agree ... to ... on"]}]})
    with pytest.raises(TrackerError, match="not `verbs`"):
        parse_cues({**BASE, "rule": [{**BASE["rule"][0], "reach": "name"}]})
