"""`tracker compare`: India's and China's readouts of one (fictional) meeting, side by side.

The two readouts in tests/data/compare/ were written for this test: the MEA's speaks of the
river data and trade, which the MFA's leaves out; the MFA's speaks of visas, journalists, the
leaders' consensus and the SCO and BRICS presidencies, which the MEA's leaves out."""
from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_definitions import ok, refused

DATA = Path(__file__).parent.parent / "data" / "compare"
MEA, MFA = DATA / "mea-fs-vfm-2026-09-15.txt", DATA / "mfa-sun-weidong-misri-2026-09-15.txt"


def store_both(cli, record_mea=False):
    ids = []
    for path, publisher in ((MEA, "MEA"), (MFA, "MFA")):
        args = ["ingest", str(path), "--publisher", publisher, "--format", "json"]
        ok(cli(*args, *(["--yes"] if record_mea and path == MEA else [])))
        ids.append(next(s["id"] for s in cli.json("sources") if s["publisher"] == publisher))
    return ids


def test_compare_shows_what_each_readout_left_out(cli):
    mea, mfa = store_both(cli)
    result = cli.json("compare", mea, mfa)
    assert result["a"]["id"] == mea and result["b"]["publisher"] == "MFA"
    where = {r["commitment"]: r["in"] for r in result["rows"]}
    assert where["kailash-yatra"] == where["direct-flights"] == "both"
    assert where["river-data"] == where["trade-issues"] == "only in A"
    for slug in ("visa-facilitation", "media-exchanges", "sco-presidency-support", "brics-presidency-support"):
        assert where[slug] == "only in B"
    rivers = next(r for r in result["rows"] if r["commitment"] == "river-data")
    assert "hydrological data" in rivers["a_quote"] and rivers["b_quote"] is None and rivers["b_kinds"] == []
    yatra = next(r for r in result["rows"] if r["commitment"] == "kailash-yatra")
    # "was conducted successfully this summer" (MEA) is the Yatra done: implemented, besides the agreement
    assert yatra["a_kinds"] == ["implemented", "agreed"] and yatra["b_kinds"] == ["agreed"]
    assert yatra["b_quote"] == "The two sides agreed to expand the Kailash Mansarovar Yatra in 2027."


def test_the_table_names_both_sources_and_marks_the_omissions(cli):
    mea, mfa = store_both(cli)
    result = ok(cli("compare", mea, mfa))
    river = next(line for line in result.stdout.splitlines() if line.startswith("river-data"))
    assert river.rstrip().endswith("only in A")
    assert f"A: {mea} MEA, 2026-09-15" in result.stderr and "proposed by ingest" in result.stderr
    swapped = cli.json("compare", mfa, mea)
    assert next(r for r in swapped["rows"] if r["commitment"] == "river-data")["in"] == "only in B"


def test_recorded_events_are_used_when_a_readout_has_them(cli):
    mea, mfa = store_both(cli, record_mea=True)
    # retract the recorded river-data events: the MEA side no longer mentions the rivers
    for e in cli.json("history", "river-data"):
        if e["source"] == mea and not e["retracted"]:
            ok(cli("retract", e["id"], "--reason", "test: withdrawn"))
    result = cli.json("compare", mea, mfa)
    assert result["a"]["basis"] == "recorded events" and result["b"]["basis"].startswith("proposed by ingest")
    assert "river-data" not in {r["commitment"] for r in result["rows"]}


def test_compare_refuses_one_source_twice_and_unknown_ones(cli):
    mea, _ = store_both(cli)
    refused(cli("compare", mea, mea[:6]), "both names are source")
    refused(cli("compare", mea, "ffffffffffff"), "unknown source")
