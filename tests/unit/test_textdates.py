"""Dates in a sentence, resolved against the published date, with their precision."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from tracker.core.dates import PartialDate
from tracker.ingest.textdates import extract_date, find_dateline, find_published, not_after_report

PUBLISHED = PartialDate(2026, 2, 10)  # a Tuesday


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("They met on 26 October 2025 in Kazan.", "2025-10-26"),
        ("They met on October 26, 2025 in Kazan.", "2025-10-26"),
        ("They met on Oct. 26, 2025 in Kazan.", "2025-10-26"),
        ("BEIJING, Jan. 27 (Xinhua) -- talks were held.", "2026-01-27"),
        ("The visit ran 26-27 January.", "2026-01-26"),
        ("The visit ran from January 26 to 27.", "2026-01-26"),
        ("Sun visited on February 8-10.", "2026-02-08"),
        ("Talks were held in January 2025.", "2025-01"),
        ("Talks were held in April.", "2025-04"),  # April 2026 would be after publication
        ("The Yatra was suspended in 2020.", "2020"),
        ("The dialogue was held on Tuesday.", "2026-02-10"),
        ("The dialogue was held on Sunday.", "2026-02-08"),
        ("They hoped to expand the Yatra this year.", "2026"),
        ("The concerns were taken up last year.", "2025"),
        ("Misri met Sun last month.", "2026-01"),
        ("Xi met Modi last October.", "2025-10"),
        ("The ministry said today that flights resume.", "2026-02-10"),
        ("The ministry said yesterday that flights resume.", "2026-02-09"),
    ],
)
def test_each_date_form_resolves_with_its_precision(sentence, expected):
    found = extract_date(sentence, PUBLISHED)
    assert str(found.date) == expected
    assert found.basis


def test_day_and_month_without_year_after_publication_is_last_year():
    assert str(extract_date("Flights resumed on June 12-13.", PUBLISHED).date) == "2025-06-12"
    assert str(extract_date("The understanding of October 21 holds.", PUBLISHED).date) == "2025-10-21"


def test_weekday_basis_says_how_it_was_read():
    found = extract_date("The dialogue was held on Tuesday.", PUBLISHED)
    assert "Tuesday" in found.basis and "2026-02-10" in found.basis


def test_no_date_in_the_sentence_gives_the_published_date():
    found = extract_date("Both sides reviewed the progress.", PUBLISHED)
    assert found.date == PUBLISHED and "published" in found.basis


def test_verbs_may_and_march_are_not_months():
    assert extract_date("Flights may resume soon.", PUBLISHED).date == PUBLISHED
    assert extract_date("Pilgrims will march 5 km.", PUBLISHED).date == PUBLISHED


def test_impossible_day_is_ignored():
    assert extract_date("They met on February 30.", PUBLISHED).date == PUBLISHED


@pytest.mark.parametrize(
    "text, expected",
    [
        (" date 2025-01-27 Both leaders underlined the progress.", "2025-01-27"),
        ("Welcome\n\nSource:MKsport time:2025-01-31 07:59:17\n\nChina India", "2025-01-31"),
        ("Headline\n\nXinhua) 09:38, January 28, 2025\n\nBody.", "2025-01-28"),
        ("Headline\nPublished: 12 June 2025\nBody.", "2025-06-12"),
    ],
)
def test_published_date_line_is_found(text, expected):
    assert str(find_published(text)) == expected


def test_text_without_a_date_line_has_no_published_date():
    assert find_published("India and China met on Thursday. They agreed.") is None


def test_dateline_gives_the_day_the_story_reports():
    found = find_dateline("Head\n\nBEIJING, Jan. 27 (Xinhua) -- Wang Yi said Monday.", PartialDate(2025, 1, 28))
    assert str(found.date) == "2025-01-27" and "BEIJING" in found.basis


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200), st.dates())
def test_date_reading_never_raises_on_any_text(text, day):
    published = PartialDate.from_date(day)
    assert isinstance(extract_date(text, published).date, PartialDate)
    find_published(text)
    find_dateline(text, published)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["on", "in", "Jan.", "January", "27", "31", "2025", "0001", "9999", ",", "-",
                                 "to", "last", "this year", "Sunday", "May", "\n", " "]), max_size=20).map(" ".join),
       st.dates())
def test_date_words_in_any_order_never_raise(text, day):
    published = PartialDate.from_date(day)
    extract_date(text, published)
    find_published(text)
    find_dateline(text, published)


@pytest.mark.parametrize(
    "text",
    [
        "New Delhi, 2025-04-26\n\nIndia and China agreed to resume direct flights.",
        "India, China to resume flights\n\nNew Delhi, 26 April 2025\n\nThe two sides agreed.",
        "NEW DELHI, April 26, 2025\nThe two sides agreed.",
        "Headline\n  New Delhi, 26th of April, 2025 | Staff reporter\nBody.",
    ],
)
def test_place_and_date_line_gives_the_published_date(text):
    assert str(find_published(text)) == "2025-04-26"


def test_place_and_date_line_with_an_agency_and_the_story_after_it():
    text = "Wang Yi meets Misri\n\nBeijing, 27 January 2025 (Xinhua) -- Wang Yi met Vikram Misri on Monday."
    assert str(find_published(text)) == "2025-01-27"


@pytest.mark.parametrize(
    "text",
    [
        "Headline\n\nMisri met Wang Yi in Beijing, 27 January 2025, and they agreed to resume flights.",
        "Headline\n\nThe talks went well. New Delhi, 26 April 2025 was the date chosen for the next round.",
        "Wang Yi, 27 January 2025, said flights would resume soon after the talks in Beijing.",
        "\n".join(f"Paragraph {n} of the story." for n in range(20)) + "\nNew Delhi, 26 April 2025\n",
    ],
)
def test_a_date_in_a_body_sentence_is_not_the_published_date(text):
    assert find_published(text) is None


def test_future_reading_takes_the_next_day_month_and_weekday():
    assert str(extract_date("Flights will begin on 9 November.", PUBLISHED, future=True).date) == "2026-11-09"
    assert str(extract_date("Flights will begin on 9 March.", PUBLISHED, future=True).date) == "2026-03-09"
    assert str(extract_date("Talks will be held in January.", PUBLISHED, future=True).date) == "2027-01"
    assert str(extract_date("Talks will be held on Sunday.", PUBLISHED, future=True).date) == "2026-02-15"
    assert str(extract_date("Flights resume next month.", PUBLISHED).date) == "2026-03"


def test_a_date_after_the_report_is_dated_by_the_report():
    found = not_after_report(extract_date("Flights will resume by the end of October 2026.", PUBLISHED), PUBLISHED)
    assert found.date == PUBLISHED
    assert found.basis == "future date 'October 2026' is the plan's; dated by the report, published 2026-02-10"
    kept = not_after_report(extract_date("Flights resume in 2026.", PUBLISHED), PUBLISHED)
    assert str(kept.date) == "2026"
