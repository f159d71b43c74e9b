"""The evaluation corpus (tests/ingest_corpus) and how it is scored.

Floors are what the engine reached when it was last tuned (on the dev split only; the held-out
split was never tuned on), less a small margin for harmless rule changes. A change that drops a
figure below its floor makes ingest worse on texts a user would give it.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from tracker.core.dates import PartialDate
from tracker.ingest import corpus
from tracker.ingest.engine import Proposal
from tracker.core.model import Kind
from tracker.ingest_report import main as report_main

CORPUS = Path(__file__).resolve().parents[1] / "ingest_corpus"

# Measured (python -m tracker.ingest_report --corpus tests/ingest_corpus), see README "Ingest":
# dev (994 texts, tuned on): round 16's held-out texts (1401-1466) joined it in round 17. The doubt check
# (tracker/ingest/doubt.py) is trained on the dev texts and the seeds, so on dev it is in-sample: it drops
# nearly every wrong proposal it was trained on, and the learned reading (tracker/ingest/guess.py) is
# trained on them too (88% / 99%, 79% / 89% in round 17), which says nothing of new text;
# the floors below keep the rules and a model that is a fresh fit of them (a stale model falls under them).
# Held-out: round 17's 66 texts (1501 on), never tuned on, errors never listed: 86% / 85%, 58% / 57% at
# the first look (round 16's engine); 86% / 85%, 61% / 60% at the second (round 17's: negated decisions,
# "no" objects, RTI requests, timeline entries, the report's own year, headlines cut at bylines), and
# 88% / 86%, 63% / 62% at the third (after a review's fixes).
# Under the 90% / 85% aimed at. Earlier held-out parts, each tuned on once scored: round 16's
# 85% / 73%, round 15's 71% / 71%, round 14's 71% / 80%, round 13's
# 80% / 80%, round 12's 77% / 67%, round 11's 73% / 69%, round 10's 75% / 76%, round 9's 69% / 68%,
# round 8's 66% / 54%, round 7's 63% / 62%, round 6's 66% / 61%, round 5's 64% / 62%, round 4's
# 72% / 61%, round 2's 80% / 56%, round 1's 53% / 56%.
# Floors sit a little under what was reached, so a harmless rule change does not trip them.
DEV = {"recall": 0.87, "precision": 0.98, "recall_dated": 0.77, "precision_dated": 0.87}
# round 17 held-out (1501-1566), third look (round 17's engine after a review): 88% / 86%, 63% / 62% with the date
HELDOUT = {"recall": 0.85, "precision": 0.84, "recall_dated": 0.60, "precision_dated": 0.59}


@pytest.fixture(scope="module")
def scores():
    if not (CORPUS / "gold.toml").exists():
        pytest.skip("the evaluation corpus is not in this checkout")
    return corpus.evaluate(CORPUS)


@pytest.mark.parametrize("split, floors", [("dev", DEV), ("heldout", HELDOUT)])
def test_each_split_reaches_its_floor(scores, split, floors):
    texts = [s for s in scores if s.split == split]
    if not texts:
        pytest.skip(f"no {split} texts in this corpus")
    [tally] = corpus.group(texts, lambda s: [s.split]).values()
    for figure, floor in floors.items():
        assert getattr(tally, figure) >= floor, (split, figure, getattr(tally, figure))


def test_most_dev_texts_that_must_propose_nothing_propose_nothing(scores):
    empty = [s for s in scores if s.split == "dev" and s.tally.events == 0]
    assert len(empty) >= 8
    # still read as news: a habit ("Registration opens in spring, ...", 048), a January decision
    # recalled in March in reported speech (033), an RTI reply about the 2017 season (122), an
    # expired MoU mentioned in a briefing on a dam (129, a judgment call in its gold), an ask about
    # a dam read as one about data (222), China's transit rule for many countries (223), a day in
    # July recalled in a year-end explainer (258); from round 5's texts: a city's trade bodies "pressing
    # for" more routes (305), a Nepal-route explainer that says what the Yatra is (314), a legend of Shiva
    # "halted here" (352), a digest's masthead "the week in review" (354); from round 6's texts: correspondents
    # named far from "their visas" (417), a lapse recalled in a dam explainer (425), European travellers'
    # visa-free entry (438), an airline asking for overflight rights (462); from round 7's texts: "the first
    # group" viewing Kailash from the Indian side (507), a digest's "still does not issue tourist visas" (528),
    # Kathmandu's tour operators who "had hoped" for easier permits (563); from round 8's texts: a
    # digest's "would keep sending" data to Pakistan (650); from round 9's texts: December's talks recalled
    # in an explainer (707), a cargo story's passenger services that "have not come back" (712), India's air
    # services agreements with 116 countries (732), a Pakistan story's aside on the Brahmaputra (750); from
    # round 10's texts: a repatriation story's "have not operated since early this year" (814), China's
    # "has decided to widen" visa-free entry for Latin America (827), the embassy's count of visas granted
    # in a press-visa story (829), a Pakistan story's aside that "China stopped supplying" readings (842)
    assert len([s.file for s in empty if s.wrong]) <= 25, [s.file for s in empty if s.wrong]


def test_the_newest_batch_is_held_out_by_the_rule_in_the_gold_file():
    gold = corpus.load_gold(CORPUS)
    assert len(gold) >= 45
    for text in gold:
        expected = "heldout" if int(text["file"].split("-", 1)[0]) >= 1501 else "dev"
        assert text["split"] == expected, text["file"]
    held = [t for t in gold if t["split"] == "heldout"]
    # round 16: 66 fresh texts (a fifteenth of 994; each older held-out part became dev once scored and
    # read, so the held-out part is the newest batch, not a third)
    assert len(held) >= 60 and len(held) / len(gold) > 0.06
    for split in ("dev", "heldout"):
        part = [t for t in gold if t["split"] == split]
        assert {t["style"] for t in part} >= {"airline-news", "mfa-briefing-qa", "embassy-notice", "rti-reply",
                                              "leaders-readout", "digest", "wire-report", "explainer"}
        assert sum(1 for t in part if not t.get("event")) >= 5


def test_every_text_is_labelled_and_every_quote_hint_is_in_its_text():
    gold = corpus.load_gold(CORPUS)
    files = {p.name for p in (CORPUS / "texts").glob("*.txt")}
    assert files == {t["file"] for t in gold}
    for text in gold:
        body = " ".join((CORPUS / "texts" / text["file"]).read_text(encoding="utf-8").split())
        for event in text.get("event", []):
            position = 0
            for part in event["quote_hint"].split("..."):  # a hint may skip words with "..."
                found = body.find(" ".join(part.split()), position)
                assert found >= 0, (text["file"], part)
                position = found


def _proposal(commitment: str, kind: str, date: str) -> Proposal:
    return Proposal(commitment, Kind(kind), PartialDate.parse(date), "", "q", (), "r@1", "", "n")


ENTRY = {"file": "x.txt", "published": "2025-10-27", "split": "dev", "style": "wire", "families": ["noise"],
         "event": [{"commitment": "direct-flights", "kinds": ["implemented"], "date": "2025-10-26"},
                   {"commitment": "visa-facilitation", "kinds": ["agreed", "progress"]}],
         "acceptable": [{"commitment": "direct-flights", "kinds": ["progress"]}]}


def test_a_proposal_matches_one_event_and_an_acceptable_one_is_neither_right_nor_wrong():
    s = corpus.score(ENTRY, [_proposal("direct-flights", "implemented", "2025-10-26"),
                             _proposal("direct-flights", "progress", "2025-10-27"),
                             _proposal("visa-facilitation", "agreed", "2025-10-27"),
                             _proposal("visa-facilitation", "progress", "2025-10-27")])
    t = s.tally
    assert (t.events, t.found, t.proposed, t.right) == (2, 2, 3, 2)  # the second visa proposal is one too many
    assert (t.found_dated, t.right_dated) == (2, 2)  # no date in the gold: the published date is expected
    assert len(s.wrong) == 1 and s.misses == []


def test_a_wrong_date_is_a_hit_on_the_kind_and_a_miss_with_the_date():
    s = corpus.score(ENTRY, [_proposal("direct-flights", "implemented", "2025-10-27")])
    assert (s.tally.found, s.tally.found_dated) == (1, 0)
    assert any(m.startswith("wrong date direct-flights") for m in s.misses)
    assert any(m.startswith("missed visa-facilitation") for m in s.misses)


def test_the_report_lists_held_out_errors_only_when_asked(tmp_path):
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "001-a.txt").write_text("Direct flights resumed on Sunday.\n", encoding="utf-8")
    (texts / "003-b.txt").write_text("Direct flights resumed on Sunday.\n", encoding="utf-8")
    gold = """
[[text]]
file = "001-a.txt"
published = "2025-10-27"
style = "wire"
families = []
split = "dev"
[[text]]
file = "003-b.txt"
published = "2025-10-27"
style = "wire"
families = []
split = "heldout"
"""
    (tmp_path / "gold.toml").write_text(gold, encoding="utf-8")
    shown = corpus.report(tmp_path)
    assert "001-a.txt: wrong direct-flights implemented" in shown and "003-b.txt" not in shown
    assert "003-b.txt: wrong" in corpus.report(tmp_path, show_heldout=True)


def test_the_report_command_says_what_is_wrong_with_a_missing_corpus(tmp_path, capsys):
    assert report_main(["--corpus", str(tmp_path / "nowhere")]) == 2
    assert capsys.readouterr().err.startswith("Error: cannot read the corpus")


def test_two_careful_readers_of_the_same_texts_agree_well_above_the_target():
    # 72 texts (401-472) labelled a second time, blind to the gold: the labels are consistent enough
    # that the 90% / 85% asked of the tool is within a reader's reach (measured: 98% / 100%, 95% / 98%
    # with the date; the gold against the second reading: 91% / 96%, 89% / 94%)
    labels = CORPUS / "second-reading-401-472.toml"
    for reverse in (False, True):
        [tally] = corpus.group(corpus.second_reading(CORPUS, labels, reverse), lambda s: ["all"]).values()
        assert tally.events >= 80
        assert min(tally.recall, tally.precision) >= 0.9, (reverse, tally)
        assert min(tally.recall_dated, tally.precision_dated) >= 0.85, (reverse, tally)


def test_a_second_reading_scores_an_analyst_s_labels_like_proposals(tmp_path):
    (tmp_path / "texts").mkdir()
    (tmp_path / "gold.toml").write_text("""
[[text]]
file = "001-a.txt"
published = "2025-10-27"
split = "dev"
[[text.event]]
commitment = "direct-flights"
kinds = ["implemented"]
date = "2025-10-26"
[[text.event]]
commitment = "visa-facilitation"
kinds = ["agreed", "progress"]
""", encoding="utf-8")
    second = tmp_path / "second.toml"
    second.write_text("""
[[text]]
file = "001-a.txt"
[[text.event]]
commitment = "direct-flights"
kinds = ["implemented"]
[[text.event]]
commitment = "visa-facilitation"
kinds = ["progress", "agreed"]
[[text.event]]
commitment = "river-data"
kinds = ["stalled"]
""", encoding="utf-8")
    [s] = corpus.second_reading(tmp_path, second)
    # both events found; the flights dated by the published date, not the gold's Sunday; river data is extra
    assert (s.tally.events, s.tally.found, s.tally.found_dated, s.tally.proposed) == (2, 2, 1, 3)
    [back] = corpus.second_reading(tmp_path, second, reverse=True)
    assert (back.tally.events, back.tally.found, back.tally.proposed) == (3, 2, 2)


def test_a_second_reading_needs_a_corpus_and_texts_in_it(tmp_path, capsys):
    assert report_main(["--second-reading", str(tmp_path / "x.toml")]) == 2
    assert capsys.readouterr().err == "Error: --second-reading needs --corpus\n"
    (tmp_path / "x.toml").write_text('[[text]]\nfile = "999-nope.txt"\n', encoding="utf-8")
    assert report_main(["--corpus", str(CORPUS), "--second-reading", str(tmp_path / "x.toml")]) == 2
    assert "999-nope.txt" in capsys.readouterr().err


@pytest.mark.parametrize("labels", [
    "",
    "[text]\nfile = 'x'\n",
    "text = [1]\n",
    "[[text]]\nfile = [1]\n",
    "[[text]]\nfile = '401-china-eastern-delhi-five-weekly.txt'\nevent = 'x'\n",
    "[[text]]\nfile = '401-china-eastern-delhi-five-weekly.txt'\n[[text.event]]\ncommitment = 'direct-flights'\nkinds = []\n",
    "[[text]]\nfile = '401-china-eastern-delhi-five-weekly.txt'\n[[text.event]]\ncommitment = 'direct-flights'\nkinds = 3\n",
    "[[text]]\nfile = '401-china-eastern-delhi-five-weekly.txt'\n[[text.event]]\nkinds = ['agreed']\n",
    "[[text]]\nfile = '401-china-eastern-delhi-five-weekly.txt'\n[[text.event]]\ncommitment = 'direct-flights'\nkinds = ['agred']\n",
])
def test_a_malformed_second_reading_is_one_error_line(tmp_path, capsys, labels):
    (tmp_path / "x.toml").write_text(labels, encoding="utf-8")
    assert report_main(["--corpus", str(CORPUS), "--second-reading", str(tmp_path / "x.toml")]) == 2
    out = capsys.readouterr()
    assert out.out == "" and out.err.startswith("Error: cannot read the second reading: ") and out.err.count("\n") == 1


def test_a_second_reading_lists_held_out_errors_only_when_asked(tmp_path, capsys):
    (tmp_path / "texts").mkdir()
    (tmp_path / "gold.toml").write_text("""
[[text]]
file = "001-a.txt"
published = "2025-10-27"
split = "dev"
[[text]]
file = "601-b.txt"
published = "2025-10-27"
split = "heldout"
[[text.event]]
commitment = "direct-flights"
kinds = ["implemented"]
""", encoding="utf-8")
    (tmp_path / "x.toml").write_text("""
[[text]]
file = "001-a.txt"
[[text.event]]
commitment = "river-data"
kinds = ["stalled"]
[[text]]
file = "601-b.txt"
""", encoding="utf-8")
    args = ["--corpus", str(tmp_path), "--second-reading", str(tmp_path / "x.toml")]
    assert report_main(args) == 0
    shown = capsys.readouterr().out
    assert "001-a.txt: wrong river-data stalled" in shown and "601-b.txt" not in shown
    assert report_main(args + ["--show-heldout"]) == 0
    assert "601-b.txt: missed direct-flights implemented" in capsys.readouterr().out
