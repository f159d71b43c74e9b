"""Commitments that grow: define, rename, alias, names, `commitments SLUG --history`; the
definition history survives export/import and `db rebuild`, and ingest matches a new name."""
from __future__ import annotations

import json

import pytest

BORDER_TRADE = ["define", "border-trade", "--title", "Border trade through the mountain passes",
                "--alias", "passes", "--name", "border trade", "--description", "Reopen border trade."]

READOUT = """date 2026-09-16
India and China agree to reopen a Himalayan pass

The two sides agreed to reopen trade through Shipki La from next summer.
"""


def ok(result):
    assert result.exit_code == 0, result.output + result.stderr
    return result


def refused(result, *words):
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    # one Error: line, after it (import) one line per problem
    assert lines[-1].startswith("Error: ") and not any(ln.startswith("Error") for ln in lines[:-1]), result.stderr
    text = "\n".join(lines)
    for w in words:
        assert w in text, text
    assert "None" not in text
    return text


def test_a_defined_commitment_is_listed_and_not_started(cli):
    ok(cli(*BORDER_TRADE))
    row = next(r for r in cli.json("commitments") if r["commitment"] == "border-trade")
    assert row["title"] == "Border trade through the mountain passes"
    assert row["aliases"] == ["passes"] and row["names"] == ["border trade"]
    assert row["description"] == "Reopen border trade." and row["status"] == "not_started"
    status = next(r for r in cli.json("status") if r["commitment"] == "border-trade")
    assert (status["status"], status["events"], status["due"]) == ("not_started", 0, None)


def test_rename_alias_and_names_append_definitions_and_history_shows_each(cli):
    ok(cli(*BORDER_TRADE))
    ok(cli("rename", "passes", "--title", "Border trade through Lipulekh, Shipki La and Nathu La"))
    ok(cli("alias", "add", "border-trade", "border-passes"))
    ok(cli("alias", "remove", "border-trade", "passes"))
    ok(cli("names", "add", "border-trade", "Shipki La"))
    ok(cli("names", "remove", "border-trade", "BORDER TRADE"))
    history = cli.json("commitments", "border-trade", "--history")
    assert [h["version"] for h in history] == [1, 2, 3, 4, 5, 6]
    assert [h["change"] for h in history] == [
        "defined",
        "title: Border trade through the mountain passes -> Border trade through Lipulekh, Shipki La and Nathu La",
        "alias +border-passes", "alias -passes", "name +Shipki La", "name -border trade"]
    (now,) = cli.json("commitments", "border-passes")
    assert now["aliases"] == ["border-passes"] and now["names"] == ["Shipki La"]
    assert now["title"].startswith("Border trade through Lipulekh")
    assert cli("history", "passes").exit_code == 2  # the removed alias no longer resolves


def test_ingest_matches_a_newly_added_name(cli, tmp_path):
    ok(cli(*BORDER_TRADE))
    readout = tmp_path / "readout.txt"
    readout.write_text(READOUT, encoding="utf-8")
    before = json.loads(ok(cli("ingest", str(readout), "--format", "json")).stdout)
    assert "border-trade" not in {p["commitment"] for p in before}  # no name of it in the text
    ok(cli("names", "add", "border-trade", "Shipki La"))
    proposals = json.loads(ok(cli("ingest", str(readout), "--yes", "--format", "json")).stdout)
    mine = [p for p in proposals if p["commitment"] == "border-trade"]
    assert [p["kind"] for p in mine] == ["agreed"] and mine[0]["recorded"]
    assert next(r for r in cli.json("status") if r["commitment"] == "border-trade")["status"] == "agreed"


def test_export_import_and_rebuild_keep_the_whole_definition_history(cli, tmp_path):
    from tests.conftest import Cli

    ok(cli(*BORDER_TRADE))
    ok(cli("rename", "border-trade", "--title", "Border trade"))
    ok(cli("names", "add", "border-trade", "Shipki La"))
    dump = tmp_path / "store.jsonl"
    ok(cli("export", "-o", str(dump)))
    other = Cli(f"sqlite:///{tmp_path / 'other.db'}")
    ok(other("import", str(dump)))
    for c in (cli, other):
        ok(c("db", "rebuild"))
        history = c.json("commitments", "border-trade", "--history")
        assert [h["change"] for h in history] == [
            "defined", "title: Border trade through the mountain passes -> Border trade", "name +Shipki La"]
        (row,) = c.json("commitments", "border-trade")
        assert row["title"] == "Border trade" and row["names"] == ["border trade", "Shipki La"]
        ok(c("verify"))


@pytest.mark.parametrize("args, words", [
    (["define", "Border Trade", "--title", "x y"], ["invalid slug 'Border Trade'"]),
    (["define", "border-trade-", "--title", "x y"], ["invalid slug"]),
    (["define", "direct-flights", "--title", "Flights again"], ["already exists"]),
    (["define", "border-trade", "--title", "   "], ["--title is empty"]),
    (["define", "border-trade", "--title", "Border trade", "--alias", "flights"],
     ["alias 'flights' is already an alias of direct-flights"]),
    (["define", "border-trade", "--title", "Border trade", "--alias", "kailash-yatra"],
     ["already the slug of kailash-yatra"]),
    (["define", "border-trade", "--title", "Border trade", "--alias", "two words"], ["invalid alias"]),
    (["define", "border-trade", "--title", "Border trade", "--name", "Tourist Visas"],
     ["name 'Tourist Visas' is already a name of visa-facilitation"]),
    (["define", "border-trade", "--title", "Direct Flights"], ["already a name of direct-flights"]),
    (["rename", "nowhere-at-all", "--title", "x y"], ["unknown commitment"]),
    (["rename", "flights", "--title", "Direct flights"], ["nothing to change"]),
    (["alias", "add", "flights", "flights"], ["already an alias of direct-flights"]),
    (["alias", "add", "flights", "visa"], ["already an alias of visa-facilitation"]),
    (["alias", "remove", "flights", "asa"], ["'asa' is not an alias of direct-flights"]),
    (["names", "add", "flights", "Brahmaputra"], ["already a name of river-data"]),
    (["names", "add", "flights", "ab"], ["invalid name"]),
    (["names", "remove", "flights", "hovercraft services"], ["not a name of direct-flights"]),
    (["commitments", "--history"], ["--history needs a COMMITMENT"]),
])
def test_bad_definitions_are_refused_and_nothing_is_written(cli, args, words):
    before = cli("export").stdout
    refused(cli(*args), *words)
    assert cli("export").stdout == before
