"""The learned reading's second opinion: a rule's kind is re-read where the model finds it very
unlikely for such a sentence and another kind likely ("agreed to push for the resumption" is an
agreement, though the ask's words fired)."""
from __future__ import annotations

from dataclasses import replace

import pytest

from tracker.core.dates import PartialDate
from tracker.core.errors import TrackerError
from tracker.core.model import Kind
from tracker.ingest import corpus, guess_train
from tracker.ingest.doubt import Model
from tracker.ingest.engine import load_rules
from tracker.ingest.guess import Guesser, parse_guesser
from tracker.ingest.reading import read

PUBLISHED = PartialDate(2026, 2, 2)
NAMES = corpus.catalogue()
PLEDGE = "The two sides agreed to push for the resumption of direct flights."  # raised-request fires on "push for"
ASKED = "China urged India to push for the resumption of direct flights."
CLASSES = ("none", "raised", "agreed", "implemented")
# "sides agreed" goes with agreements; nothing else is known
AGREEING = Guesser("guess@9", 0.5, CLASSES, (0.0, 0.0, 0.0, 0.0), {"b=sides_agreed": (0.0, -2.0, 4.0, 0.0)},
                   frozenset({"direct-flights"}), overrule_below=0.1, overrule_at=0.5)


def reading(text: str, model: Guesser | None, doubt: Model | None = None):
    return read(text, PUBLISHED, NAMES, rules=replace(load_rules(), guess=model, doubt=doubt))


def test_a_pledge_the_rules_read_as_an_ask_is_re_read_as_agreed():
    [before] = reading(PLEDGE, None).proposals
    assert (before.kind, before.rule) == (Kind.RAISED, "raised-request@14")
    [p] = reading(PLEDGE, AGREEING).proposals
    assert (p.kind, p.rule) == (Kind.AGREED, "raised-request@14+guess@9")
    assert p.reason.startswith("read as agreed, not raised, by a model learned from the corpus (check it): ")
    assert "'sides agreed'" in p.reason and p.date == PUBLISHED


def test_the_reason_gives_both_chances():
    [p] = reading(PLEDGE, AGREEING).proposals
    # softmax of (0, -2, 4, 0): agreed e^4 / (2 + e^-2 + e^4) = 96%, raised e^-2 / ... = 0%
    assert "96% agreed, 0% raised" in p.reason


def test_an_ask_the_model_does_not_doubt_stays_an_ask():
    [p] = reading(ASKED, AGREEING).proposals
    assert (p.kind, p.rule) == (Kind.RAISED, "raised-request@14")


def test_the_rule_stands_where_its_kind_is_not_unlikely_enough():
    for model in (replace(AGREEING, overrule_below=0.0),  # the rule's kind is never unlikely enough
                  replace(AGREEING, overrule_at=1.0),  # the second opinion is off
                  replace(AGREEING, overrule_at=0.99)):  # agreed is likely, but not that likely
        [p] = reading(PLEDGE, model).proposals
        assert p.kind is Kind.RAISED, model


def test_no_second_opinion_past_a_word_of_denial_or_doubt():
    for text in ("The two sides agreed to push for the resumption of direct flights, but not this year.",
                 "The two sides may have agreed to push for the resumption of direct flights."):
        assert all(p.kind is not Kind.AGREED for p in reading(text, AGREEING).proposals), text


def test_only_for_the_commitments_the_model_learned():
    text = "The two sides agreed to push for the resumption of the Kailash Mansarovar Yatra."
    [p] = reading(text, AGREEING).proposals
    assert p.kind is Kind.RAISED


def test_the_doubt_check_does_not_weigh_a_re_read_proposal():
    against = Model("doubt@9", 0.5, -5.0, {}, frozenset({"direct-flights"}))  # every rule's proposal doubted
    assert reading(PLEDGE, None, against).proposals == []
    [p] = reading(PLEDGE, AGREEING, against).proposals
    assert p.kind is Kind.AGREED


@pytest.mark.parametrize("change, message", [
    ({"overrule_below": 0.6, "overrule_at": 0.5}, "the first no larger"),
    ({"overrule_below": float("nan")}, "from 0 to 1"),
    ({"overrule_at": "0.5"}, "from 0 to 1"),
    ({"overrule_at": 1.5}, "from 0 to 1"),
])
def test_bad_second_opinion_settings_are_one_clear_error(change, message):
    data = {"id": "guess", "version": 1, "threshold": 0.3, "classes": list(CLASSES), "bias": [0, 0, 0, 0],
            "weights": {}, "commitments": ["direct-flights"], **change}
    with pytest.raises(TrackerError, match=message):
        parse_guesser(data)


def test_a_model_file_without_the_settings_gives_no_second_opinion():
    data = {"id": "guess", "version": 1, "threshold": 0.3, "classes": list(CLASSES), "bias": [0, 0, 0, 0],
            "weights": {"b=sides_agreed": [0, -2, 4, 0]}, "commitments": ["direct-flights"]}
    [p] = reading(PLEDGE, parse_guesser(data)).proposals
    assert p.kind is Kind.RAISED


def test_the_trainer_writes_the_settings_chosen_by_forward_validation():
    assert (guess_train.OVERRULE_BELOW, guess_train.OVERRULE_AT) == (0.1, 0.5)
    model = parse_guesser({"id": "guess", "version": 1, "threshold": 0.3, "classes": list(CLASSES),
                           "bias": [0, 0, 0, 0], "weights": {}, "commitments": ["direct-flights"],
                           "overrule_below": guess_train.OVERRULE_BELOW, "overrule_at": guess_train.OVERRULE_AT})
    assert (model.overrule_below, model.overrule_at) == (0.1, 0.5)


def test_a_sentence_naming_two_commitments_or_one_twice_is_left_to_the_rules():
    # the model reads a whole sentence as one kind of one commitment; the rules read clause by clause
    for text in ("The two sides agreed to push for the resumption of direct flights and the Kailash Mansarovar Yatra.",
                 "The two sides agreed to push for the resumption of direct flights, with direct flights gone since 2020."):
        assert all(p.rule == "raised-request@14" for p in reading(text, AGREEING).proposals
                   if p.commitment == "direct-flights"), text
