"""Sentence splitting: every sentence is an exact substring of the text."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from tracker.ingest.sentences import sentence_spans, split_sentences


def test_headline_without_full_stop_ends_at_the_blank_line():
    text = "India and China Strengthen Bilateral Ties\n\nThe two sides met on Thursday. They agreed."
    assert split_sentences(text) == [
        "India and China Strengthen Bilateral Ties",
        "The two sides met on Thursday.",
        "They agreed.",
    ]


def test_short_title_line_ends_at_the_line_break():
    text = "Key Discussion Points\nMisri and Wang Yi reviewed the progress."
    assert split_sentences(text) == ["Key Discussion Points", "Misri and Wang Yi reviewed the progress."]


def test_wrapped_prose_lines_are_joined():
    text = "The two sides agreed to expedite the resumption of direct air\nservices between the two countries."
    assert split_sentences(text) == [text]


def test_numbered_and_bulleted_list_items_are_sentences_without_their_markers():
    text = "Outcomes:\n1. Resume the Yatra\n2) Restart direct flights\n- Ease visas\n• Share river data\nThat was all."
    assert split_sentences(text) == [
        "Outcomes:", "Resume the Yatra", "Restart direct flights", "Ease visas", "Share river data", "That was all.",
    ]


def test_abbreviations_do_not_end_a_sentence():
    text = ("BEIJING, Jan. 27 (Xinhua) -- Mr. Misri met Dr. Wang and the U.S. envoy at No. 5 Road. "
            "S. Jaishankar was not there.")
    assert split_sentences(text) == [
        "BEIJING, Jan. 27 (Xinhua) -- Mr. Misri met Dr. Wang and the U.S. envoy at No. 5 Road.",
        "S. Jaishankar was not there.",
    ]


def test_decimal_numbers_do_not_end_a_sentence():
    text = "Trade reached $118.4 billion. Imports rose 3.24 percent."
    assert split_sentences(text) == ["Trade reached $118.4 billion.", "Imports rose 3.24 percent."]


def test_full_stop_inside_closing_quotes_ends_the_sentence_after_the_quote():
    text = "Wang said “China and India should foster ties.” He added that flights would resume."
    assert split_sentences(text) == [
        "Wang said “China and India should foster ties.”",
        "He added that flights would resume.",
    ]


def test_full_stop_inside_a_short_parenthesis_does_not_end_the_sentence():
    text = "The mechanism (set up in 2006. It met yearly) lapsed. Data stopped."
    assert split_sentences(text) == ["The mechanism (set up in 2006. It met yearly) lapsed.", "Data stopped."]


def test_date_stamp_at_the_head_is_a_sentence_of_its_own():
    text = " date 2025-01-27 Both leaders underlined the progress."
    assert split_sentences(text) == ["date 2025-01-27", "Both leaders underlined the progress."]


def test_empty_and_punctuation_only_text_has_no_sentences():
    assert split_sentences("") == []
    assert split_sentences("\u00a0|\u00a0\n\n---\n") == []


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("ab .!?\n\t“”\"'()-1:;M•") + ["Jan.", "U.S.", "Mr.", "\u00a0"]), max_size=80).map("".join))
def test_sentences_are_exact_substrings_in_order(text):
    spans = sentence_spans(text)
    last = 0
    for a, b in spans:
        assert last <= a < b <= len(text)
        assert text[a:b] == text[a:b].strip()
        last = b


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_splitting_never_raises_on_any_text(text):
    for sentence in split_sentences(text):
        assert sentence in text
