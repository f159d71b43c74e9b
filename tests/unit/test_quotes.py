"""Finding a quote as people type it: whitespace, line breaks, curly quotes and dashes do not
matter; what is kept is the source's own span."""
from __future__ import annotations

import time

from tracker.core.quotes import closest_passage, exact_span, locate

SOURCE = ("The two sides agreed to resume\n   direct flights \u2014 the \u201cfirst step\u201d, "
          "said the Foreign Secretary.\nThey also discussed river data.")


def test_a_verbatim_quote_is_its_own_span():
    assert exact_span("direct flights", SOURCE) == "direct flights"


def test_a_hard_wrapped_line_break_and_extra_spaces_still_match_and_the_span_keeps_them():
    span = locate("agreed to resume direct flights", SOURCE)
    assert span is not None
    assert span.text == "agreed to resume\n   direct flights"
    assert SOURCE[span.start:span.end] == span.text


def test_straight_quotes_and_a_hyphen_match_curly_quotes_and_an_em_dash():
    assert exact_span('direct flights - the "first step"', SOURCE) == "direct flights \u2014 the \u201cfirst step\u201d"


def test_leading_and_trailing_spaces_of_the_typed_quote_do_not_count():
    assert exact_span("  They also discussed river data. ", SOURCE) == "They also discussed river data."


def test_different_words_do_not_match():
    assert locate("agreed to suspend direct flights", SOURCE) is None
    assert locate("   ", SOURCE) is None


def test_the_closest_passage_shares_the_most_words_with_the_quote():
    passage = closest_passage("they also talked about river data", SOURCE)
    assert passage is not None and "river data" in passage and "They also" in passage


def test_no_closest_passage_when_no_word_is_shared():
    assert closest_passage("zzz qqq", SOURCE) is None


def test_the_closest_passage_is_one_line_and_bounded():
    text = "word " * 1000
    passage = closest_passage("word " * 500, text, limit=50)
    assert "\n" not in passage and len(passage) <= 50


def test_matching_is_linear_on_a_large_adversarial_text():
    text = ("a " * 50_000) + "b"
    started = time.perf_counter()
    assert locate("a " * 1000 + "c", text) is None
    closest_passage("a " * 1000 + "c", text)
    assert time.perf_counter() - started < 2
