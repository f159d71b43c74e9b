"""`tracker sources amend`: a source's details are corrected with a reason; its text never is."""
from __future__ import annotations

import pytest

from tests.cli.test_definitions import ok, refused

SOURCE = "69cd5d83bdff"  # the June 2025 report of the MEA readout (bundled)


def source_row(cli, sid=SOURCE):
    return next(s for s in cli.json("sources") if s["id"] == sid)


def test_amend_changes_the_details_shown_and_keeps_the_text(cli):
    text_before = cli.json("source", SOURCE)["text"]
    ok(cli("sources", "amend", SOURCE, "--publisher", "Ministry of External Affairs",
           "--reason", "the readout is the MEA's own"))
    row = source_row(cli)
    assert row["publisher"] == "Ministry of External Affairs" and row["amended"] == 1
    full = cli.json("source", SOURCE)
    assert full["text"] == text_before and full["sha256"].startswith(SOURCE)
    (amendment,) = full["amendments"]
    assert amendment["reason"] == "the readout is the MEA's own"
    assert amendment["changed"] == ["publisher: unknown (news report carrying the MEA readout) -> "
                                    "Ministry of External Affairs"]
    shown = ok(cli("source", SOURCE)).stdout
    assert "publisher: Ministry of External Affairs" in shown and "(the readout is the MEA's own)" in shown
    ok(cli("verify"))


def test_as_known_on_reads_the_corrected_published_date(cli):
    def known_on(day):
        return {e["date"] for e in cli.json("history", "flights", "--as-known-on", day)}

    assert "2025-06-12" in known_on("2025-06-15")
    ok(cli("sources", "amend", SOURCE, "--published", "2025-06-20", "--reason", "the page is dated 20 June"))
    assert "2025-06-12" not in known_on("2025-06-15")
    assert "2025-06-12" in known_on("2025-06-20")
    assert source_row(cli)["published_basis"] == "corrected by amendment: the page is dated 20 June"


def test_amendments_survive_export_and_import(cli, tmp_path):
    from tests.conftest import Cli

    ok(cli("sources", "amend", SOURCE, "--title", "MEA readout, 12 June 2025", "--reason", "a real title"))
    dump = tmp_path / "store.jsonl"
    ok(cli("export", "-o", str(dump)))
    other = Cli(f"sqlite:///{tmp_path / 'other.db'}")
    ok(other("import", str(dump)))
    ok(other("import", str(dump)))  # twice: nothing new
    assert source_row(other)["title"] == "MEA readout, 12 June 2025"
    assert len(other.json("source", SOURCE)["amendments"]) == 1


def test_the_bare_sources_listing_is_unchanged(cli):
    listing = ok(cli("sources")).stdout
    assert listing.splitlines()[0].split() == ["id", "published", "publisher", "events", "title"]
    assert SOURCE in listing


@pytest.mark.parametrize("args, words", [
    (["--publisher", "MEA"], ["Missing option '--reason'"]),
    (["--publisher", "MEA", "--reason", "  "], ["--reason is empty"]),
    (["--reason", "why"], ["nothing to amend"]),
    (["--title", " ", "--reason", "why"], ["--title is empty"]),
    (["--published", "2025-13", "--reason", "why"], ["--published", "malformed" if False else "no month 13"]),
    (["--published", "2025-06-11", "--reason", "why"], ["dated 2025-06-12, after the corrected published date"]),
    (["--publisher", "unknown (news report carrying the MEA readout)", "--reason", "why"], ["nothing to amend"]),
])
def test_bad_amendments_are_refused(cli, args, words):
    before = cli("export").stdout
    refused(cli("sources", "amend", SOURCE, *args), *words)
    assert cli("export").stdout == before


def test_an_unknown_source_is_refused(cli):
    refused(cli("sources", "amend", "ffffffffffff", "--title", "x", "--reason", "y"), "unknown source")
