"""One claim, five paths: `add`, `import`, `ingest`, the bundled data and `verify` give it the same
answer, because they all ask tracker/core/claims.py."""
from __future__ import annotations

import json
import shutil

import pytest

from tracker.core.errors import Problems

TEXT = "Direct flights between India and China will resume soon, the ministry said on Monday.\n"
PUBLISHED = "2025-10-27"
TOO_SHORT, AFTER = "will resume", "2025-11-02"  # in the text, but 11 characters
GOOD_QUOTE = "Direct flights between India and China will resume soon"


@pytest.fixture
def readout(tmp_path):
    path = tmp_path / "readout.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def _add(cli, readout, quote=GOOD_QUOTE, date="2025-10-27"):
    return cli("add", "flights", "--kind", "agreed", "--date", date, "--source", str(readout),
               "--published", PUBLISHED, "--quote", quote)


def _source_id(cli):
    return next(s["id"] for s in cli.json("sources") if s["file"] == "readout.txt")




def _import(cli, tmp_path, source, quote=GOOD_QUOTE, date="2025-10-27"):
    path = tmp_path / "claim.jsonl"
    path.write_text(json.dumps({"commitment": "direct-flights", "kind": "agreed", "date": date,
                                "source": source, "quote": quote, "id": None}) + "\n", encoding="utf-8")
    return cli("import", str(path))


def _bundle_problems(tmp_path, quote, date):
    """The bundled-data reader on a copy of the fixtures with one more event file."""
    from tracker.store.bundle import read_bundle
    from tracker.store.paths import bundled

    fixtures, seeds = tmp_path / "fixtures", tmp_path / "seeds"
    shutil.copytree(bundled("fixtures"), fixtures)
    seeds.mkdir()
    (seeds / "extra.txt").write_text(TEXT, encoding="utf-8")
    for seed in bundled("seeds").glob("*.txt"):
        shutil.copy(seed, seeds / seed.name)
    with open(fixtures / "sources.toml", "a", encoding="utf-8") as fh:
        fh.write(f'\n[[source]]\nfile = "extra.txt"\ntitle = "extra"\npublished = "{PUBLISHED}"\n')
    (fixtures / "events" / "extra.toml").write_text(
        f'[[event]]\ncommitment = "direct-flights"\nkind = "agreed"\ndate = "{date}"\nquote = "{quote}"\n',
        encoding="utf-8")
    with pytest.raises(Problems) as caught:
        read_bundle(fixtures, seeds)
    return "\n".join(caught.value.problems)


def _verify_problems(cli, source, quote, date):
    """`verify` on a store where the claim got in below the rules (straight through the store)."""
    from tracker.core.dates import PartialDate
    from tracker.core.model import Event, Kind
    from tracker.store import events as st
    from tracker.store.database import open_store

    store = open_store(cli.url)
    store.run(lambda conn: st.append(conn, [Event("direct-flights", Kind.AGREED, PartialDate.parse(date),
                                                  source=source, quote=quote)]))
    store.dispose()
    result = cli("verify")
    assert result.exit_code == 1
    return result.stdout + result.stderr


@pytest.mark.parametrize("quote, date, message", [
    (TOO_SHORT, "2025-10-27", "too short to be evidence"),
    (GOOD_QUOTE, AFTER, f"date {AFTER} is after source"),
])
def test_a_bad_claim_gets_the_same_answer_from_add_import_bundle_and_verify(cli, tmp_path, readout,
                                                                           quote, date, message):
    added = _add(cli, readout, quote, date)
    assert added.exit_code == 2 and message in added.stderr
    assert _add(cli, readout).exit_code == 0  # now the source is stored (with one good claim)
    source = _source_id(cli)
    imported = _import(cli, tmp_path, source, quote, date)
    assert imported.exit_code == 2 and message in imported.stderr
    assert message in _bundle_problems(tmp_path, quote, date)
    assert message in _verify_problems(cli, source, quote, date)


def test_add_refusing_a_claim_stores_nothing_not_even_its_source(cli, readout):
    assert _add(cli, readout, TOO_SHORT).exit_code == 2
    assert all(s["file"] != "readout.txt" for s in cli.json("sources"))


def test_a_recorded_claim_is_already_there_for_add_and_import_whatever_the_quote(cli, tmp_path, readout):
    assert _add(cli, readout).exit_code == 0
    source = _source_id(cli)
    other_sentence = "Direct flights between India and China will resume soon, the ministry said"
    again = _add(cli, readout, other_sentence)
    assert again.exit_code == 2 and "already recorded" in again.stderr
    assert _import(cli, tmp_path, source, other_sentence).exit_code == 0
    assert [e["kind"] for e in cli.json("history", "flights") if e["source"] == source] == ["agreed"]


def test_after_a_retraction_every_path_may_record_the_claim_again(cli, tmp_path, readout):
    assert _add(cli, readout).exit_code == 0
    source = _source_id(cli)
    wrong = next(e for e in cli.json("history", "flights") if e["source"] == source)
    assert cli("retract", wrong["id"], "--reason", "misread the readout").exit_code == 0
    assert _import(cli, tmp_path, source).exit_code == 0
    live = [e for e in cli.json("history", "flights") if e["source"] == source and not e["retracted"]
            and e["kind"] == "agreed"]
    assert len(live) == 1
    again = _add(cli, readout)
    assert again.exit_code == 2 and "already recorded" in again.stderr  # the imported one is live now


def test_a_quote_typed_loosely_is_stored_as_the_sources_exact_span_by_add_and_import(cli, tmp_path, readout):
    loose = "Direct  flights between India\nand China  will resume soon"  # spaces and a line break
    assert _add(cli, readout, loose).exit_code == 0
    source = _source_id(cli)
    other = tmp_path / "other.txt"
    other.write_text("Officials said on Monday that \u201cvisas will be eased for tourists\u201d soon.\n",
                     encoding="utf-8")
    assert cli("add", "visas", "--kind", "agreed", "--date", "2025-10-27", "--source", str(other),
               "--published", PUBLISHED, "--quote", '"visas will be eased for tourists"').exit_code == 0
    assert _import(cli, tmp_path, source, loose.replace("soon", "soon, the ministry said"),
                   date="2025-10-26").exit_code == 0
    stored = [e["quote"] for e in cli.json("history", "flights") if e["source"] == source]
    assert sorted(stored) == [GOOD_QUOTE, GOOD_QUOTE + ", the ministry said"]
    assert [e["quote"] for e in cli.json("history", "visas") if e["quote"].startswith("\u201c")] == [
        "\u201cvisas will be eased for tourists\u201d"]
