"""Short readouts in, proposals out: names, cues, dates and actors."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from tracker.core.dates import PartialDate
from tracker.core.model import Kind
from tracker.core.errors import TrackerError
from tracker.ingest.engine import Proposal, load_rules, propose

PUBLISHED = PartialDate(2025, 6, 12)  # a Thursday

CATALOGUE = {
    "kailash-yatra": ["Kailash Mansarovar Yatra", "kailash", "yatra", "pilgrimage to Mount Kailash",
                      "Mount Gang Renpoche and Lake Mapam Yun Tso", "Kailash Manasarovar"],
    "direct-flights": ["Direct flights", "flights", "direct air services", "direct flight connectivity",
                       "air connectivity"],
    "air-services-agreement": ["Air Services Agreement", "asa"],
    "visa-facilitation": ["Visa facilitation", "visa", "visas", "visa processes"],
    "river-data": ["Trans-border river data sharing", "rivers", "hydrological-data", "trans-border rivers",
                   "transboundary rivers", "hydrological data", "hydrological information",
                   "Expert Level Mechanism", "Brahmaputra", "Yarlung Tsangpo", "Sutlej", "Langqen Zangbo"],
}


def kinds(text: str, published: PartialDate = PUBLISHED) -> set[tuple[str, str]]:
    return {(p.commitment, p.kind.value) for p in propose(text, published, CATALOGUE)}


def only(text: str, published: PartialDate = PUBLISHED) -> Proposal:
    proposals = propose(text, published, CATALOGUE)
    assert len(proposals) == 1, proposals
    return proposals[0]


@pytest.mark.parametrize(
    "readout, expected",
    [
        ("India and China agreed to resume the Kailash Mansarovar Yatra.", ("kailash-yatra", "agreed")),
        ("The two sides agreed in principle on direct flights.", ("direct-flights", "agreed")),
        ("China decided to ease visa processes for Indian businesspeople.", ("visa-facilitation", "agreed")),
        ("Misri noted the successful resumption of the Kailash Mansarovar Yatra.", ("kailash-yatra", "implemented")),
        ("Direct air services resumed on 26 October after five years.", ("direct-flights", "implemented")),
        ("The first flight took off from Kolkata; direct flight connectivity is back.", ("direct-flights", "implemented")),
        ("Misri appreciated the Chinese side's cooperation in resuming the Kailash Mansarovar pilgrimage.",
         ("kailash-yatra", "progress")),
        ("Both sides concurred on expediting necessary measures to resume direct air services.",
         ("direct-flights", "progress")),
        ("They agreed to continue to take practical steps for visa facilitation.", ("visa-facilitation", "progress")),
        ("Both sides recognised the need for an early conclusion of an updated Air Services Agreement.",
         ("air-services-agreement", "discussed")),
        ("India again requested the restart of the Kailash Mansarovar Yatra.", ("kailash-yatra", "raised")),
        ("China proposed a new Air Services Agreement.", ("air-services-agreement", "raised")),
        ("Misri raised the sharing of hydrological data on the Brahmaputra.", ("river-data", "raised")),
        ("The two sides discussed cooperation on transboundary rivers.", ("river-data", "discussed")),
        ("Misri and Wang Yi reviewed the Expert Level Mechanism.", ("river-data", "discussed")),
        ("They reaffirmed their commitment to visa facilitation.", ("visa-facilitation", "reaffirmed")),
        ("China will continue to provide hydrological information on the Sutlej.", ("river-data", "reaffirmed")),
        ("China has not shared hydrological data on the Brahmaputra since 2023.", ("river-data", "stalled")),
        ("The memorandum on the Langqen Zangbo expired in 2020.", ("river-data", "stalled")),
        ("The Air Services Agreement lapsed years ago.", ("air-services-agreement", "stalled")),
        ("Direct flights were suspended on Thursday.", ("direct-flights", "suspended")),
        ("India abandoned the plan for visa facilitation.", ("visa-facilitation", "abandoned")),
    ],
)
def test_each_cue_family_maps_wording_to_a_kind(readout, expected):
    assert kinds(readout) == {expected}


def test_hoped_for_progress_is_not_agreement():
    p = only("India hoped for progress on the sharing of hydrological data.")
    assert p.kind is Kind.RAISED and p.rule.startswith("hope@")


def test_hope_outweighs_agreement_in_the_same_clause():
    assert kinds("Both sides agreed and expressed hope that direct flights would resume.") == {
        ("direct-flights", "raised")}


def test_did_not_agree_is_not_agreement():
    assert kinds("The two sides did not agree on the resumption of direct flights.") == {
        ("direct-flights", "discussed")}
    assert kinds("There was no agreement on the Air Services Agreement.") == {("air-services-agreement", "discussed")}


def test_passing_mention_proposes_at_most_reaffirmed():
    assert kinds("Building on the resumption of the Yatra, the two sides agreed to deepen cultural ties.") == {
        ("kailash-yatra", "reaffirmed")}
    assert kinds("Following the successful resumption of direct flights, India and China held talks on trade.") == {
        ("direct-flights", "reaffirmed")}


def test_readout_on_unrelated_topics_proposes_nothing():
    text = (
        "India's trade deficit with China widened to $99 billion, the commerce ministry said.\n\n"
        "Both sides agreed to cooperate on climate change and reaffirmed the Paris targets.\n\n"
        "In Ahmedabad, India beat Australia by six wickets; the match resumed on Sunday after rain, "
        "and the visitors requested a review of the final over."
    )
    assert propose(text, PUBLISHED, CATALOGUE) == []


def test_mention_without_any_cue_proposes_nothing():
    assert kinds("The Kailash Mansarovar Yatra is a pilgrimage to Mount Kailash.") == set()


def test_chinese_readout_names_match_the_yatra():
    p = only("China agreed to receive Indian pilgrims to Mount Gang Renpoche and Lake Mapam Yun Tso in Xizang.")
    assert p.commitment == "kailash-yatra" and p.matched_name == "Mount Gang Renpoche and Lake Mapam Yun Tso"


@pytest.mark.parametrize(
    "readout",
    [
        "China agreed to resume the Kailash Mansarovar Yatra.",
        "China agreed to resume the kailash manasarovar yatra.",  # case and spelling variant
        "China agreed to resume the Kailash Manasarowar Yatra.",
    ],
)
def test_spelling_variants_of_mansarovar_match(readout):
    assert kinds(readout) == {("kailash-yatra", "agreed")}


def test_hyphen_space_and_plural_variants_match():
    assert kinds("They discussed data on the trans border river.") == {("river-data", "discussed")}
    assert kinds("They discussed data on Trans-Border Rivers.") == {("river-data", "discussed")}
    assert kinds("They agreed to restart the direct flight.") == {("direct-flights", "agreed")}


def test_names_match_on_word_boundaries_only():
    assert kinds("They discussed the visage of the Yatra's asana.") == {("kailash-yatra", "discussed")}
    assert kinds("They discussed visanomics and flightless birds.") == set()


def test_one_word_names_match_singular_and_plural():
    assert kinds("IndiGo's flight from Kolkata to Guangzhou took off on Sunday night.") == {
        ("direct-flights", "implemented")}
    assert kinds("They discussed flights.") == {("direct-flights", "discussed")}


def test_sentence_naming_two_commitments_yields_a_proposal_for_each():
    text = "Talks also explored the resumption of direct flights and easing visa processes for Chinese citizens."
    assert kinds(text) == {("direct-flights", "discussed"), ("visa-facilitation", "discussed")}


def test_each_clause_gets_its_own_kind():
    text = ("Both sides recognised the need for an early conclusion of an updated Air Services Agreement, "
            "and also agreed to continue to take practical steps for visa facilitation.")
    assert kinds(text) == {("air-services-agreement", "discussed"), ("visa-facilitation", "progress")}


def test_relative_clause_adds_what_it_says():
    text = "Misri noted the successful resumption of the Kailash Mansarovar Yatra, which the two sides agreed to resume in 2025."
    assert kinds(text) == {("kailash-yatra", "implemented"), ("kailash-yatra", "agreed")}


def test_sentence_referring_back_to_the_one_commitment_just_named():
    text = ("India again requested the restart of the Kailash Mansarovar Yatra. "
            "Wang Yi agreed, hinting that Beijing is open to discussing its revival.")
    proposals = propose(text, PUBLISHED, CATALOGUE)
    assert [(p.commitment, p.kind.value) for p in proposals] == [("kailash-yatra", "raised"), ("kailash-yatra", "agreed")]
    assert proposals[1].quote == "Wang Yi agreed, hinting that Beijing is open to discussing its revival."


def test_date_from_weekday_and_from_explicit_date():
    assert str(only("During their meeting on Thursday, both sides agreed on visa facilitation.").date) == "2025-06-12"
    assert str(only("On Sunday the two sides discussed direct flights.").date) == "2025-06-08"
    p = only("Misri and Sun agreed on January 27 to resume direct flights.", PartialDate(2025, 1, 28))
    assert str(p.date) == "2025-01-27" and p.date.precision == "day"
    # months later, the same words recall a past decision: background, not this text's news
    assert propose("Misri and Sun agreed on January 27 to resume direct flights.", PUBLISHED, CATALOGUE) == []
    p = only("The two sides agreed this year to resume the Yatra.")
    assert str(p.date) == "2025" and p.date.precision == "year"


def test_date_without_words_is_the_published_date():
    p = only("Both sides agreed to resume direct flights.")
    assert p.date == PUBLISHED and "published" in p.date_basis


def test_quote_is_the_exact_sentence_of_the_source():
    text = "Connectivity\n\nBoth sides  “agreed to resume direct air services”,  the readout said.\nMore text follows here."
    p = only(text)
    assert p.quote in text and p.quote.startswith("Both sides") and p.quote.endswith("said.")


def test_proposal_records_the_rule_that_fired_and_why():
    p = only("They agreed to expedite the resumption of direct air services.")
    assert p.rule.startswith("progress-expedite@") and "expedite" in p.reason and p.matched_name == "direct air services"


def test_actors_named_in_full_or_by_an_unambiguous_surname():
    text = "Vikram Misri met Wang Yi. Misri and Wang agreed to resume direct flights."
    assert propose(text, PUBLISHED, CATALOGUE)[0].actors == ("Vikram Misri", "Wang Yi")


def test_ambiguous_surname_alone_names_nobody():
    p = only("Wang agreed to resume direct flights with S. Jaishankar.")
    assert p.actors == ("Subrahmanyam Jaishankar",)


def test_load_rules_reads_the_bundled_rules():
    rules = load_rules()
    assert rules.cues.version >= 1 and len(rules.cues.cues) >= 10
    assert {o.name for o in rules.officials} >= {"Vikram Misri", "Wang Yi", "Sun Weidong", "Ma Zhaoxu"}
    assert len({c.id for c in rules.cues.cues}) == len(rules.cues.cues)


@pytest.mark.parametrize(
    "cues, problem",
    [
        ("version = 1\n[[rule]\n", "not valid TOML"),
        ("[[rule]]\nid='a'\nversion=1\nkind='agreed'\npatterns=['x']\nreason='r'\n", "version"),
        ("version = 1\n[[rule]]\nid='a'\nversion=1\nkind='agreeish'\npatterns=['x']\nreason='r'\n", "unknown kind"),
        ("version = 1\n[[rule]]\nid='a'\nversion=1\nkind='agreed'\npatterns=['(']\nreason='r'\n", "bad pattern"),
        ("version = 1\n[[rule]]\nid='a'\nkind='agreed'\npatterns=['x']\nreason='r'\n", "`version`"),
        ("version = 1\n[[rule]]\nid='a'\nversion=1\nkind='agreed'\nreach='far'\npatterns=['x']\nreason='r'\n", "reach"),
        ("version = 1\n", "no [[rule]]"),
    ],
)
def test_malformed_rules_file_is_a_clear_tracker_error(tmp_path: Path, cues, problem):
    (tmp_path / "cues.toml").write_text(cues, encoding="utf-8")
    (tmp_path / "officials.toml").write_text("version = 1\n", encoding="utf-8")
    with pytest.raises(TrackerError, match="cues.toml") as err:
        load_rules(tmp_path)
    assert problem in str(err.value)


def test_missing_rules_file_is_a_tracker_error(tmp_path: Path):
    with pytest.raises(TrackerError, match="cannot read the rules file"):
        load_rules(tmp_path)


def test_bad_arguments_are_tracker_errors():
    with pytest.raises(TrackerError):
        propose("text", "2025-06-12", CATALOGUE)  # type: ignore[arg-type]
    with pytest.raises(TrackerError):
        propose("text", PUBLISHED, {"x": [1, 2]})  # type: ignore[dict-item]


_WORDS = ["agreed", "to", "resume", "the", "Yatra", "did", "not", "hoped", "for", "direct", "flights", ",", ".",
          "Building", "on", "which", "its", "It", "Wang", "Yi", "Misri", "\n", "\n\n", "Jan.", "27", "Tuesday",
          "(", ")", "“", "”", "-", "1.", "visa", "rivers", "expired", "since", "2020", "took off"]


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=300), st.lists(st.sampled_from(_WORDS), max_size=40).map(" ".join)), st.dates())
def test_propose_never_raises_on_arbitrary_text(text, day):
    for p in propose(text, PartialDate.from_date(day), CATALOGUE):
        assert p.quote and p.quote in text
        assert p.rule and p.reason


# --- announced plans, reported easing, and dates after the report -------------

APRIL_26 = PartialDate(2025, 4, 26)
AUGUST_20 = PartialDate(2025, 8, 20)


@pytest.mark.parametrize(
    "readout, expected",
    [
        ("The Kailash Manasarovar Yatra will resume in June 2025.", ("kailash-yatra", "agreed")),
        ("China will share hydrological data on the Brahmaputra.", ("river-data", "agreed")),
        ("Direct flights will resume next month.", ("direct-flights", "agreed")),
        ("Flights between Delhi and Shanghai will begin on 9 November.", ("direct-flights", "agreed")),
        ("The Kailash Mansarovar Yatra will be resumed this summer.", ("kailash-yatra", "agreed")),
        ("Direct flights are scheduled to restart from Kolkata.", ("direct-flights", "agreed")),
        ("The yatra is set to resume in June.", ("kailash-yatra", "agreed")),
    ],
)
def test_will_resume_is_an_announced_agreement(readout, expected):
    # the rules alone: the doubt check (test_ingest_doubt.py) gives the bare "The yatra is set to
    # resume in June." a 0.47 chance, its words being those of many a wrong proposal
    rules = replace(load_rules(), doubt=None)
    for published in (APRIL_26, AUGUST_20):
        proposals = propose(readout, published, CATALOGUE, rules=rules)
        assert {(p.commitment, p.kind.value) for p in proposals} == {expected}
        rule = proposals[0].rule
        assert rule.startswith("announced-plan@") or "+future@" in rule, rule
        assert "plan" in proposals[0].reason


@pytest.mark.parametrize(
    "readout",
    [
        "The visa application process for Chinese tourists was also simplified.",
        "Visa rules for Indian businesspeople have been eased.",
        "China relaxed the visa requirements for Indian students.",
        "The Kailash Mansarovar Yatra was expanded to 750 pilgrims.",
    ],
)
def test_reported_easing_is_progress(readout):
    (commitment, kind), = kinds(readout, AUGUST_20)
    assert kind == "progress"


def test_will_not_resume_is_not_agreement():
    assert kinds("Direct flights will not resume this year.", AUGUST_20) == {("direct-flights", "stalled")}
    assert kinds("China won't share hydrological data on the Brahmaputra.", AUGUST_20) == {("river-data", "stalled")}


def test_hoped_flights_will_resume_is_raised_not_agreed():
    assert kinds("India hoped flights will resume.", AUGUST_20) == {("direct-flights", "raised")}
    assert kinds("Both sides hoped that direct flights would resume by October.", AUGUST_20) == {
        ("direct-flights", "raised")}


def test_a_plan_dated_after_the_report_is_dated_by_the_report_and_due_at_the_plan_date():
    p = only("The two sides agreed that direct flights would resume by the end of October 2025.", AUGUST_20)
    assert (p.kind, p.date, str(p.due)) == (Kind.AGREED, AUGUST_20, "2025-10")
    assert p.date_basis.startswith("a plan, due 2025-10: dated by the report")
    p = only("India requested that the Kailash Mansarovar Yatra be expanded in 2026.", AUGUST_20)
    assert (p.kind, p.date, str(p.due)) == (Kind.RAISED, AUGUST_20, "2026")


def test_a_future_day_without_a_year_is_the_next_one_and_so_the_due_date():
    p = only("Flights between Delhi and Shanghai will begin on 9 November.", APRIL_26)
    assert (p.date, str(p.due)) == (APRIL_26, "2025-11-09") and "dated by the report" in p.date_basis
    p = only("Direct flights will resume next month.", AUGUST_20)
    assert (p.date, str(p.due)) == (AUGUST_20, "2025-09")
    p = only("Both sides hoped that direct flights would resume by October.", AUGUST_20)
    assert (p.date, str(p.due)) == (AUGUST_20, "2025-10")  # not October 2024


def test_a_date_in_the_past_or_a_period_holding_the_report_stays():
    p = only("The two sides agreed in 2025 to resume direct flights.", AUGUST_20)
    assert str(p.date) == "2025" and "dated by the report" not in p.date_basis
    p = only("The two sides agreed this month to resume direct flights.", AUGUST_20)
    assert str(p.date) == "2025-08"
    p = only("The Kailash Manasarovar Yatra will resume in June 2025.", AUGUST_20)
    assert str(p.date) == "2025-06"  # reported after the fact: June was before the report
    p = only("Direct flights resumed on 26 October.", AUGUST_20)
    assert str(p.date) == "2024-10-26"  # past tense: the last 26 October, as before
