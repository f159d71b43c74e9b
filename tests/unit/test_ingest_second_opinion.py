"""The learned reading's second opinion: a rule's kind is re-read where the model finds it very
unlikely for such a sentence and another kind likely ("agreed to push for the resumption" is an
agreement, though the ask's words fired)."""
from __future__ import annotations

from dataclasses import replace

import pytest

from tracker.core.dates import PartialDate
from tracker.core.errors import TrackerError
from tracker.core.model import Kind
from tracker.ingest import corpus
from tracker.ingest.doubt import Model
from tracker.ingest.engine import load_rules
from tracker.ingest.guess import Guesser, parse_guesser
from tracker.ingest.reading import read

PUBLISHED = PartialDate(2026, 2, 2)
NAMES = corpus.catalogue()
PLEDGE = "The two sides agreed to push for the resumption of direct flights."  # raised-request fires on "push for"
ASKED = "China urged India to push for the resumption of direct flights."
CLASSES = ("none", "raised", "agreed", "implemented")
# "sides agreed" goes with agreements, "urged" with asks; nothing else is known
AGREEING = Guesser("guess@9", 0.5, CLASSES, (0.0, 0.0, 0.0, 0.0),
                   {"b=sides_agreed": (0.0, -2.0, 4.0, 0.0), "w=urged": (0.0, 3.0, 0.0, 0.0)},
                   frozenset({"direct-flights"}), overrule_below=0.1, overrule_at=0.5)


def reading(text: str, model: Guesser | None, doubt: Model | None = None):
    return read(text, PUBLISHED, NAMES, rules=replace(load_rules(), guess=model, doubt=doubt))


def test_a_pledge_the_rules_read_as_an_ask_is_re_read_as_agreed():
    [before] = reading(PLEDGE, None).proposals
    assert (before.kind, before.rule) == (Kind.RAISED, "raised-request@15")
    [p] = reading(PLEDGE, AGREEING).proposals
    assert (p.kind, p.rule) == (Kind.AGREED, "raised-request@15+guess@9")
    assert p.reason.startswith("read as agreed, not raised, by a model learned from the corpus (check it): ")
    assert "[raised-request@15 read raised: " in p.reason and "(“push for”)]" in p.reason
    assert p.reason.endswith("the words for agreed (“'sides agreed'”)") and p.date == PUBLISHED


def test_the_reason_gives_both_chances():
    [p] = reading(PLEDGE, AGREEING).proposals
    # softmax of (0, -2, 4, 0): agreed e^4 / (2 + e^-2 + e^4) = 96%, raised e^-2 / ... = 0.2%
    assert "96% agreed, 0.2% raised" in p.reason


def test_an_ask_the_model_does_not_doubt_stays_an_ask():
    assert AGREEING.chances({"w=urged": 1.0})[1] > 0.8  # raised
    [p] = reading(ASKED, AGREEING).proposals
    assert (p.kind, p.rule) == (Kind.RAISED, "raised-request@15")


def test_the_rule_stands_where_its_kind_is_not_unlikely_enough():
    for model in (replace(AGREEING, overrule_below=0.0),  # the rule's kind is never unlikely enough
                  replace(AGREEING, overrule_at=1.0),  # the second opinion is off
                  replace(AGREEING, overrule_at=0.99)):  # agreed is likely, but not that likely
        [p] = reading(PLEDGE, model).proposals
        assert p.kind is Kind.RAISED, model


def test_no_second_opinion_past_a_word_of_denial_or_doubt():
    for text in ("The two sides agreed to push for the resumption of direct flights, but not this year.",
                 "The two sides agreed to push for the resumption of direct flights, though it may take time."):
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


def test_the_model_reads_what_the_rules_read_not_the_background():
    # the only evidence, "sides agreed", sits in a clause the reader sets aside as background
    for text, kind in (("Direct flights are on sale again, a year after the two sides agreed to restore them.", None),
                       ("Direct flights resumed on Sunday, a year after the two sides agreed to restore them.",
                        Kind.IMPLEMENTED)):
        assert [p.kind for p in reading(text, AGREEING).proposals] == ([kind] if kind else []), text


def test_a_re_read_kind_leaves_the_rules_settings_for_its_old_kind():
    # absent-so-far yields to a text that also reports talks; re-read as suspended, it does not
    text = "Direct flights between India and China remain suspended.\n\nThe two sides discussed direct flights on Monday."
    suspending = replace(AGREEING, classes=("none", "suspended", "stalled", "discussed"),
                         weights={"w=remain": (0.0, 4.0, -2.0, 0.0)})
    kinds = {p.kind for p in reading(text, suspending).proposals}
    assert Kind.SUSPENDED in kinds


def test_a_sentence_naming_two_commitments_or_one_twice_is_left_to_the_rules():
    # the model reads a whole sentence as one kind of one commitment; the rules read clause by clause
    for text in ("The two sides agreed to push for the resumption of direct flights and the Kailash Mansarovar Yatra.",
                 "The two sides agreed to push for the resumption of direct flights, with direct flights gone since 2020."):
        assert all(p.rule == "raised-request@15" for p in reading(text, AGREEING).proposals
                   if p.commitment == "direct-flights"), text
