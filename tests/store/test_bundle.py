"""The bundle as a fresh database sees it: every seed a source, the statuses a careful reading gives."""
from __future__ import annotations

from pathlib import Path

from tracker.services import queries as service

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

# As of the latest article (2026-02-10), from the quotes argued in fixtures/README.md.
EXPECTED = {
    "kailash-yatra": "implemented",
    "direct-flights": "in_progress",  # "concurred on expediting necessary measures to resume direct air services"
    "air-services-agreement": "under_discussion",  # "recognised the need for an early conclusion"
    "visa-facilitation": "in_progress",  # "continue to take practical steps for visa facilitation"
    "river-data": "under_discussion",  # "discussions held in April"; nothing agreed
}


def test_a_fresh_database_gives_the_statuses_a_careful_reading_allows(store):
    rows = {r["commitment"]: r for r in service.status_rows(store)}
    assert {slug: rows[slug]["status"] for slug in EXPECTED} == EXPECTED
    assert all(rows[slug]["events"] >= 2 for slug in EXPECTED)


def test_every_seed_is_a_source_and_every_source_is_a_seed(store):
    sources = service.source_rows(store)
    assert sorted(s["file"] for s in sources) == sorted(p.name for p in SEEDS.glob("*.txt"))
    for s in sources:
        text = (SEEDS / s["file"]).read_text(encoding="utf-8")
        assert service.source_text(store, s["id"])["text"] == text  # stored unchanged
        assert s["published_basis"]


def test_inferred_publication_dates_say_what_they_were_inferred_from(store):
    by_file = {s["file"]: s for s in service.source_rows(store)}
    sun = by_file["2025-06-12-misri-sun-weidong-new-delhi.txt"]
    assert sun["published"] == "2025-06-12" and "Thursday" in sun["published_basis"]
    ma = by_file["2026-02-10-misri-ma-zhaoxu-strategic-dialogue.txt"]
    assert ma["published"] == "2026-02-10" and "Tuesday" in ma["published_basis"]


def test_two_reports_of_the_yatra_agreement_corroborate_each_other(store):
    history = service.history_rows(store, "kailash-yatra")
    agreed = [e for e in history if e["kind"] == "agreed" and e["date"] == "2025-01-27"]
    assert len(agreed) >= 2
    assert all(set(e["corroborated_by"]) == {a["source"] for a in agreed} - {e["source"]} for e in agreed)


def _readme_block(command: str) -> str:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    start = readme.index(f"```console\n$ {command}\n") + len(f"```console\n$ {command}\n")
    return readme[start:readme.index("```", start)].rstrip()


def test_the_readme_shows_status_and_flights_history_as_they_come_out(cli, monkeypatch):
    import tracker.output

    monkeypatch.setattr(tracker.output, "terminal_width", lambda: 100)  # as on a 100-column terminal
    assert cli("status").stdout.rstrip() == _readme_block("tracker status")
    assert cli("history", "flights").stdout.rstrip() == _readme_block("tracker history flights")
