"""The learned reading: a kind for a sentence that names a commitment but that no rule reads."""
from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

import pytest

from tracker.core.dates import PartialDate
from tracker.core.errors import TrackerError
from tracker.core.model import Kind
from tracker.ingest import corpus, guess_train
from tracker.ingest.engine import load_rules
from tracker.ingest.guess import Guesser, default_guesser, features, parse_guesser
from tracker.ingest.reading import read

PUBLISHED = PartialDate(2026, 2, 2)
NAMES = corpus.catalogue()
ON_SALE = "Air India put its Delhi-Shanghai direct flights on sale on Sunday."  # no rule reads "on sale"
CLASSES = ("none", "progress", "implemented")


def guesser(weights: dict[str, tuple[float, float, float]], bias=(1.0, 0.0, 0.0), threshold=0.5) -> Guesser:
    return Guesser("guess@9", threshold, CLASSES, bias, weights, frozenset({"direct-flights"}))


SALE = guesser({"w=sale": (0.0, 3.0, 0.0)})


def reading(text: str, model: Guesser | None):
    return read(text, PUBLISHED, NAMES, rules=replace(load_rules(), guess=model, doubt=None))


def test_features_are_the_commitment_the_words_the_pairs_and_the_lead():
    x = features("Flights are back", "direct-flights", 1)
    assert x == {"c=direct-flights": 1.0, "lead": 1.0, "w=flights": 1.0, "w=are": 1.0, "w=back": 1.0,
                 "b=flights_are": 1.0, "b=are_back": 1.0}
    assert "lead" not in features("Flights are back", "direct-flights", 3)


def test_the_chances_are_the_softmax_of_bias_and_weights():
    p = SALE.chances({"w=sale": 1.0})
    total = math.exp(1.0) + math.exp(3.0) + 1.0
    assert p == pytest.approx([math.exp(1.0) / total, math.exp(3.0) / total, 1.0 / total])


def test_a_sentence_no_rule_reads_is_proposed_with_the_kind_its_words_went_with():
    assert reading(ON_SALE, None).proposals == []
    [p] = reading(ON_SALE, SALE).proposals
    assert (p.commitment, p.kind, p.rule, str(p.date)) == ("direct-flights", Kind.PROGRESS, "guess@9", "2026-02-01")
    assert "no rule matched (check it): 84% progress, 11% no event" in p.reason and "'sale'" in p.reason


def test_under_the_threshold_nothing_is_proposed_and_the_note_says_no_cue():
    r = reading(ON_SALE, replace(SALE, threshold=0.9))
    assert r.proposals == [] and r.notes[0].why.startswith("no cue")


def test_a_sentence_a_rule_reads_is_left_to_the_rule():
    [p] = reading("Air India direct flights to Shanghai on sale again: the service resumed on Sunday.", SALE).proposals
    assert p.rule.startswith("implemented-resumed")


def test_other_countries_a_question_and_the_background_are_not_guessed():
    for text in ("Air India put its Delhi-Dubai direct flights with the UAE on sale on Sunday.",
                 "Will Air India put its Delhi-Shanghai direct flights on sale?",
                 "Air India, whose direct flights to Shanghai had been suspended since 2020, put tickets on sale on Sunday."):
        assert [p for p in reading(text, SALE).proposals if p.rule == "guess@9"] == [], text


def test_a_denial_no_rule_knows_is_not_guessed():
    for text in ("Air India has not put its Delhi-Shanghai direct flights on sale.",
                 "Air India denied it put its Delhi-Shanghai direct flights on sale.",
                 "Air India hasn't put its Delhi-Shanghai direct flights on sale.",
                 "Air India may put its Delhi-Shanghai direct flights on sale."):
        assert reading(text, SALE).proposals == [], text


def test_it_guesses_only_for_the_commitments_it_learned():
    other = replace(SALE, commitments=frozenset({"river-data"}))
    assert reading(ON_SALE, other).proposals == []


def test_a_run_on_page_is_not_guessed():
    text = "Air India put its Delhi-Shanghai direct flights on sale " + "and more and more " * 150 + "on Sunday."
    assert len(text) > 2000 and reading(text, SALE).proposals == []


def test_the_doubt_check_does_not_weigh_a_guess():
    from tracker.ingest.doubt import Model
    against = Model("doubt@9", 0.5, -10.0, {}, frozenset({"direct-flights"}))
    r = read(ON_SALE, PUBLISHED, NAMES, rules=replace(load_rules(), guess=SALE, doubt=against))
    assert [p.rule for p in r.proposals] == ["guess@9"]


GOOD = {"id": "guess", "version": 1, "threshold": 0.3, "classes": ["none", "agreed"], "bias": [0.0, 0.0],
        "weights": {"w=a": [0.0, 1.0]}, "commitments": ["direct-flights"]}


@pytest.mark.parametrize("change, message", [
    ({"threshold": None}, "needs threshold"),
    ({"classes": ["agreed", "done"]}, "`classes`"),
    ({"classes": ["none", "none"]}, "`classes`"),
    ({"bias": [0.0]}, "one per class"),
    ({"weights": {"w=a": [0.0, float("nan")]}}, "finite"),
    ({"weights": {"w=a": "1"}}, "one per class"),
    ({"commitments": "direct-flights"}, "`commitments`"),
    ({"threshold": 0.0}, "threshold"),
    ({"version": "1"}, "`version`"),
    ({"id": "x@y"}, "`id`"),
    ({"id": "other"}, "`id`"),
    ({"classes": ["none", ["agreed"]]}, "`classes`"),
])
def test_a_malformed_model_is_one_clear_error(change, message):
    data = {k: v for k, v in {**GOOD, **change}.items() if v is not None}
    with pytest.raises(TrackerError, match=message):
        parse_guesser(data)
    assert parse_guesser(GOOD).ref == "guess@1"


def test_a_rules_directory_without_a_model_has_the_learned_reading_off(tmp_path):
    for name in ("cues.toml", "context.toml", "officials.toml"):
        (tmp_path / name).write_bytes((Path(load_rules.__code__.co_filename).parent / "rules" / name).read_bytes())
    assert load_rules(tmp_path).guess is None


def test_the_fit_matches_the_kinds_its_rows_say_and_is_deterministic():
    rows = [({"w=resumed": 1.0}, "implemented")] * 5 + [({"w=asked": 1.0}, "raised")] * 5 + \
           [({"w=weather": 1.0}, "none")] * 10
    classes, bias, weights = guess_train.fit(rows)
    assert classes == ["none", "raised", "implemented"]
    assert guess_train.fit(rows) == (classes, bias, weights)
    model = Guesser("guess@1", 0.5, tuple(classes), tuple(bias), {k: tuple(v) for k, v in weights.items()},
                    frozenset({"direct-flights"}))
    p = model.chances({"w=resumed": 1.0})
    assert max(range(3), key=p.__getitem__) == classes.index("implemented")


def dev_corpus(directory: Path, text: str, kinds: tuple[str, ...] = (), hint: str = "") -> Path:
    """A corpus of one dev text (``directory``), with one direct-flights event of ``kinds`` if any."""
    (directory / "texts").mkdir()
    (directory / "texts" / "001-dev.txt").write_text(text)
    event = (f'[[text.event]]\ncommitment = "direct-flights"\nkinds = {list(kinds)!r}\nquote_hint = "{hint}"\n'
             .replace("'", '"') if kinds else "")
    (directory / "gold.toml").write_text(
        '[[text]]\nfile = "001-dev.txt"\npublished = "2025-10-27"\nstyle = "wire-report"\nsplit = "dev"\n' + event)
    return directory


def test_training_reads_the_dev_texts_and_never_the_held_out_ones(tmp_path):
    dev_corpus(tmp_path, "Flights\n\nDirect flights between India and China resumed.\n", ("implemented",),
               "flights between")
    (tmp_path / "texts" / "002-held.txt").write_bytes(b"\xff not even text")  # read, it would fail
    with open(tmp_path / "gold.toml", "a") as gold:
        gold.write('[[text]]\nfile = "002-held.txt"\npublished = "2025-10-27"\nstyle = "wire-report"\n'
                   'split = "heldout"\n')
    rows = guess_train.labelled_rows(tmp_path)
    assert [label for _, label in rows] == [{"none": 1.0}, {"implemented": 1.0}]  # the headline names flights too


def test_an_event_with_two_acceptable_kinds_shares_its_weight_between_them(tmp_path):
    dev_corpus(tmp_path, "India and China agreed to take steps towards direct flights.\n", ("agreed", "progress"),
               "steps towards")
    [(_, label)] = guess_train.labelled_rows(tmp_path)
    assert label == {"agreed": 0.5, "progress": 0.5}


def test_the_model_learns_from_what_the_reader_reads_not_the_background(tmp_path):
    dev_corpus(tmp_path, "Direct flights, which had been suspended since 2020, are on sale again.\n")
    [(x, _)] = guess_train.labelled_rows(tmp_path)
    assert "w=sale" in x and "w=suspended" not in x


def test_the_trainer_writes_the_second_opinions_settings_and_the_bundled_model_has_them(tmp_path):
    dev_corpus(tmp_path, "Flights\n\nDirect flights between India and China resumed.\n", ("implemented",), "resumed")
    trained = parse_guesser(guess_train.train(tmp_path, 1))
    bundled = default_guesser()
    assert (trained.overrule_below, trained.overrule_at) == (guess_train.OVERRULE_BELOW, guess_train.OVERRULE_AT)
    assert (bundled.overrule_below, bundled.overrule_at) == (0.1, 0.5)


def test_a_shared_label_fits_both_kinds_alike():
    rows = [({"w=steps": 1.0}, {"agreed": 0.5, "progress": 0.5})] * 6 + [({"w=weather": 1.0}, "none")] * 6
    classes, bias, weights = guess_train.fit(rows)
    model = Guesser("guess@1", 0.5, tuple(classes), tuple(bias), {k: tuple(v) for k, v in weights.items()},
                    frozenset({"direct-flights"}))
    p = dict(zip(classes, model.chances({"w=steps": 1.0})))
    assert p["agreed"] == pytest.approx(p["progress"], abs=1e-6) and p["agreed"] > 0.3


def test_the_bundled_model_guesses_for_the_five_core_commitments():
    model = default_guesser()
    assert model is not None and model.commitments == frozenset(corpus.CORE) and model.classes[0] == "none"


@pytest.mark.slow
def test_the_bundled_model_is_a_fresh_fit_of_the_corpus_and_rules():
    # after a change to the rules or the corpus: python -m tracker.ingest.guess_train
    root = Path(__file__).resolve().parents[2]
    if not (root / "tests" / "ingest_corpus" / "gold.toml").exists():
        pytest.skip("the evaluation corpus is not in this checkout")
    assert guess_train.main(["--corpus", str(root / "tests" / "ingest_corpus"), "--check"]) == 0
