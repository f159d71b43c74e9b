"""The doubt check: a learned second opinion that drops proposals whose words were mostly wrong."""
from __future__ import annotations

import json
import math
from dataclasses import replace
from pathlib import Path

import pytest

from tracker.core.dates import PartialDate
from tracker.core.errors import TrackerError
from tracker.ingest import corpus, doubt_train
from tracker.ingest.doubt import MODEL_PATH, Model, default_model, features, parse_model
from tracker.ingest.engine import load_rules
from tracker.ingest.reading import read

PUBLISHED = PartialDate(2025, 1, 3)
NAMES = corpus.catalogue()
URGING = "We are urging the Chinese side to restart the Brahmaputra data at the earliest."


def reading(text: str, model: Model | None):
    return read(text, PUBLISHED, NAMES, rules=replace(load_rules(), doubt=model))


def model(weights: dict[str, float], commitments=("river-data",), bias: float = 0.0) -> Model:
    return Model("doubt@9", 0.5, bias, weights, frozenset(commitments))


def test_features_are_the_rule_kind_commitment_and_words_of_the_quote():
    x = features("implemented", "implemented-resumed@6", "river-data", "Data on the river resumed.\nMay 3", 4)
    assert {"k=implemented", "r=implemented-resumed", "c=river-data", "w=resumed", "implemented:resumed",
            "b=the_river", "newline"} <= set(x)
    assert "w=the" not in x and "w=on" not in x  # too common to say anything alone
    assert "lead" not in x  # sentence 4 is neither headline nor lead
    assert "lead" in features("implemented", "r@1", "river-data", "Data resumed.", 2)


def test_chance_is_the_logistic_of_bias_and_weights():
    m = model({"w=resumed": math.log(3)})
    assert m.chance({"w=resumed": 1.0}) == pytest.approx(0.75)
    assert m.chance({"w=unheard": 1.0}) == pytest.approx(0.5)


def test_an_ask_to_restart_the_data_read_as_done_is_dropped_as_doubtful_and_explained():
    without = reading(URGING, None)
    assert [p.commitment for p in without.proposals] == ["river-data"]
    doubted = reading(URGING, model({"w=urging": -3.0}))
    assert doubted.proposals == []
    why = next(n.why for n in doubted.notes if n.commitment == "river-data")
    kind, rule = next((p.kind.value, p.rule) for p in without.proposals)
    assert why.startswith(f"doubtful (doubt@9): read as {kind} by {rule}, but a 0.05 chance of being right, "
                          "under 0.50; against it: 'urging'"), why


def test_the_check_weighs_only_the_commitments_it_was_trained_on():
    kept = reading(URGING, model({"w=urging": -3.0}, commitments=("kailash-yatra",)))
    assert [p.commitment for p in kept.proposals] == ["river-data"]


def test_a_proposal_the_check_finds_likely_right_stays():
    assert [p.commitment for p in reading(URGING, model({"w=urging": 2.0})).proposals] == ["river-data"]


GOOD = {"id": "doubt", "version": 1, "threshold": 0.5, "bias": 0.0, "weights": {}, "commitments": []}


@pytest.mark.parametrize("change, message", [
    ({"commitments": None}, "needs commitments"),
    ({"threshold": 1.5}, "threshold must be at least 0 and under 1"),
    ({"version": "one"}, "`version` a whole number"),
    ({"version": 1.9}, "`version` a whole number"),
    ({"commitments": "river-data"}, "`commitments` must be a list of slugs"),
    ({"bias": float("nan")}, "finite numbers"),
    ({"weights": {"w=said": float("inf")}}, "finite numbers"),
    ({"weights": {"w=said": "heavy"}}, "finite numbers"),
])
def test_a_malformed_model_is_one_clear_error(change, message):
    data = {k: v for k, v in {**GOOD, **change}.items() if v is not None}
    with pytest.raises(TrackerError, match=message):
        parse_model(data)
    with pytest.raises(TrackerError, match="a JSON object is needed"):
        parse_model([])


def _rules_dir(tmp_path: Path, doubt_text: str | None) -> Path:
    bundled = MODEL_PATH.parent
    for name in ("cues.toml", "context.toml", "officials.toml"):
        (tmp_path / name).write_text((bundled / name).read_text(encoding="utf-8"), encoding="utf-8")
    if doubt_text is not None:
        (tmp_path / "doubt.json").write_text(doubt_text, encoding="utf-8")
    return tmp_path


def test_a_rules_directory_without_a_model_has_the_check_off(tmp_path):
    assert load_rules(_rules_dir(tmp_path, None)).doubt is None


@pytest.mark.parametrize("content", [b"{not json", b"[" * 100_000, b'{"id": "\xff\xfe"}'],
                         ids=["not JSON", "nested too deep", "not UTF-8"])
def test_a_rules_directory_with_a_broken_model_says_so(tmp_path, content):
    directory = _rules_dir(tmp_path, None)
    (directory / "doubt.json").write_bytes(content)
    with pytest.raises(TrackerError, match="doubt.json: not valid JSON"):
        load_rules(directory)


def test_a_rules_directory_with_its_own_model_uses_it(tmp_path):
    mine = {**GOOD, "id": "mine", "version": 3, "weights": {"w=urging": -3.0}, "commitments": ["river-data"]}
    rules = load_rules(_rules_dir(tmp_path, json.dumps(mine)))
    assert rules.doubt.ref == "mine@3"
    assert read(URGING, PUBLISHED, NAMES, rules=rules).proposals == []


def test_a_chance_exactly_at_the_threshold_is_kept():
    assert [p.commitment for p in reading(URGING, model({})).proposals] == ["river-data"]  # 0.5, not under


def test_the_bundled_model_weighs_the_five_core_commitments():
    m = default_model()
    assert m is not None and m.ref.startswith("doubt@") and m.commitments == frozenset(corpus.CORE)
    assert 0.0 < m.threshold < 1.0


def test_the_fit_reaches_the_optimum_of_its_objective():
    # not separable: "said" is right twice and wrong once; the gradient of the penalised, weighted
    # log-loss must vanish at the fit (a fit without the penalty, the weights or enough steps fails)
    rows = [({"w=said": 1.0}, 1, 1.0), ({"w=said": 1.0}, 1, 2.0), ({"w=said": 1.0, "w=urging": 1.0}, 0, 1.0),
            ({"w=landed": 1.0}, 1, 1.0), ({"w=urging": 1.0}, 0, 1.0), ({"w=urging": 1.0}, 1, 1.0)]
    bias, weights = doubt_train.fit(rows)
    grad = {k: weights.get(k, 0.0) for k in ("w=said", "w=urging", "w=landed")}
    grad_bias = 0.0
    for x, y, s in rows:
        z = bias + sum(weights.get(k, 0.0) * v for k, v in x.items())
        err = doubt_train.C * s * (doubt_train.WRONG_WEIGHT if y == 0 else 1.0) * (1 / (1 + math.exp(-z)) - y)
        grad_bias += err
        for k, v in x.items():
            grad[k] += err * v
    assert all(abs(g) < 5e-4 for g in [*grad.values(), grad_bias]), (grad, grad_bias)


def test_the_fit_learns_which_words_go_with_wrong_proposals_and_is_deterministic():
    rows = [({"w=urging": 1.0, "k=implemented": 1.0}, 0, 1.0)] * 5 + [({"w=landed": 1.0, "k=implemented": 1.0}, 1, 1.0)] * 5
    bias, weights = doubt_train.fit(rows)
    assert weights["w=urging"] < 0 < weights["w=landed"]
    assert doubt_train.fit(rows) == (bias, weights)


def test_training_reads_the_dev_texts_and_never_the_held_out_ones(tmp_path):
    (tmp_path / "texts").mkdir()
    text = "Dated: 3 January 2025\nChina resumed sharing Brahmaputra data on Friday.\n"
    (tmp_path / "texts" / "001-dev.txt").write_text(text, encoding="utf-8")
    (tmp_path / "texts" / "1101-held.txt").write_text(text, encoding="utf-8")
    (tmp_path / "gold.toml").write_text(
        '[[text]]\nfile = "001-dev.txt"\npublished = "2025-01-03"\nsplit = "dev"\n'
        '[[text.event]]\ncommitment = "river-data"\nkinds = ["abandoned"]\n\n'
        '[[text]]\nfile = "1101-held.txt"\npublished = "2025-01-03"\nsplit = "heldout"\n'
        '[[text.event]]\ncommitment = "river-data"\nkinds = ["implemented"]\n', encoding="utf-8")
    rows = doubt_train.labelled_rows(tmp_path, seeds=False)
    # one row, from the dev text, labelled wrong by the dev gold (the held-out gold would say right)
    assert [(x["c=river-data"], label) for x, label, _ in rows] == [(1.0, 0)]


@pytest.mark.slow
def test_the_bundled_model_is_a_fresh_fit_of_the_corpus_and_rules():
    # after a change to the rules or the corpus: python -m tracker.ingest.doubt_train
    root = Path(__file__).resolve().parents[2]
    if not (root / "tests" / "ingest_corpus" / "gold.toml").exists():
        pytest.skip("the evaluation corpus is not in this checkout")
    assert doubt_train.main(["--corpus", str(root / "tests" / "ingest_corpus"), "--check"]) == 0


def test_the_bundled_model_leaves_other_commitments_alone():
    m = default_model()
    catalogue = {**NAMES, "border-trade": ["border trade"]}
    text = "India and China agreed to reopen border trade through Lipulekh."
    assert "border-trade" not in m.commitments
    assert [p.commitment for p in read(text, PUBLISHED, catalogue).proposals] == ["border-trade"]


def test_the_model_file_records_what_it_was_trained_on():
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert "dev texts" in data["trained_on"] and data["commitments"] == list(corpus.CORE)
