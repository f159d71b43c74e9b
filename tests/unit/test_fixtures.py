"""The bundled seed data (fixtures/) is sound and folds to the statuses a careful reading gives.

Pure tests: they read the TOML with the standard library and fold with the
domain core; no database, no CLI.
"""
from __future__ import annotations

import re
import tomllib
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from tracker.core.dates import PartialDate
from tracker.core.model import CLAIM_KINDS, Event, Kind, Status
from tracker.core.fold import fold

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures"
SEEDS = ROOT / "seeds"
EVENTS = FIXTURES / "events"

CORE = ("kailash-yatra", "direct-flights", "air-services-agreement", "visa-facilitation", "river-data")

#: The contract's required aliases.
REQUIRED = {
    "kailash-yatra": ("Kailash Mansarovar Yatra", {"kailash", "yatra", "pilgrimage"}),
    "direct-flights": ("Direct flights", {"flights"}),
    "air-services-agreement": ("Air Services Agreement", {"asa"}),
    "visa-facilitation": ("Visa facilitation", {"visa", "visas"}),
    "river-data": ("Trans-border river data sharing", {"rivers", "hydrological-data"}),
}

#: What a careful reading allows, as of the latest article (2026-02-10).
ALLOWED = {
    "kailash-yatra": {Status.IMPLEMENTED},
    "direct-flights": {Status.AGREED, Status.IN_PROGRESS},
    "air-services-agreement": {Status.UNDER_DISCUSSION, Status.IN_PROGRESS},
    "visa-facilitation": {Status.IN_PROGRESS},
    "river-data": {Status.UNDER_DISCUSSION},
}

#: What the bundled data actually folds to (see fixtures/README.md for the reading).
EXPECTED = {
    "kailash-yatra": Status.IMPLEMENTED,
    "direct-flights": Status.IN_PROGRESS,
    "air-services-agreement": Status.UNDER_DISCUSSION,
    "visa-facilitation": Status.IN_PROGRESS,
    "river-data": Status.UNDER_DISCUSSION,
    "lac-disengagement": Status.IN_PROGRESS,
    "special-representatives": Status.IMPLEMENTED,
    "dialogue-mechanisms": Status.IMPLEMENTED,
    "leaders-consensus": Status.IN_PROGRESS,
    "media-exchanges": Status.AGREED,
    "people-to-people": Status.IN_PROGRESS,
    "rare-earth-export-curbs": Status.IN_PROGRESS,
    "trade-issues": Status.UNDER_DISCUSSION,
    "diplomatic-anniversary-75": Status.PROPOSED,
    "sco-presidency-support": Status.AGREED,
    "brics-presidency-support": Status.AGREED,
    "chinese-apps-ban": Status.UNDER_DISCUSSION,
    "indian-films-china": Status.UNDER_DISCUSSION,
}

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _load(path: Path) -> dict:
    with path.open("rb") as fh:
        return tomllib.load(fh)


COMMITMENTS: list[dict] = _load(FIXTURES / "commitments.toml")["commitment"]
SOURCES: list[dict] = _load(FIXTURES / "sources.toml")["source"]
EVENT_FILES: list[Path] = sorted(EVENTS.glob("*.toml"))
SEED_FILES: list[Path] = sorted(p for p in SEEDS.iterdir() if p.is_file() and p.suffix == ".txt")


def _events_with_origin() -> list[tuple[Path, dict]]:
    """Every fixture event with the file it came from, in load order (sorted file names)."""
    out = []
    for path in EVENT_FILES:
        for raw in _load(path).get("event", []):
            out.append((path, raw))
    return out


ALL_EVENTS = _events_with_origin()


def _seed_text(event_file: Path) -> str:
    return (SEEDS / f"{event_file.stem}.txt").read_text(encoding="utf-8")


def _event_id(item: tuple[Path, dict]) -> str:
    path, raw = item
    return f"{path.stem}:{raw.get('commitment')}:{raw.get('kind')}:{raw.get('date')}"


def _domain_events() -> dict[str, list[Event]]:
    streams: dict[str, list[Event]] = defaultdict(list)
    for version, (path, raw) in enumerate(ALL_EVENTS, start=1):
        streams[raw["commitment"]].append(
            Event(
                commitment=raw["commitment"],
                kind=Kind(raw["kind"]),
                date=PartialDate.parse(raw["date"]),
                version=version,
                source=path.stem,
                quote=raw["quote"],
                actors=tuple(raw.get("actors", ())),
                note=raw.get("note"),
            )
        )
    return streams


# --- the catalogue ----------------------------------------------------------


def test_the_catalogue_holds_the_five_contract_commitments_with_their_aliases():
    by_slug = {c["slug"]: c for c in COMMITMENTS}
    for slug, (title, aliases) in REQUIRED.items():
        assert slug in by_slug, slug
        assert by_slug[slug]["title"] == title
        assert aliases <= set(by_slug[slug]["aliases"]), slug


def test_every_commitment_has_the_documented_keys():
    for c in COMMITMENTS:
        for key, typ in (("slug", str), ("title", str), ("aliases", list), ("parties", list),
                         ("description", str), ("names", list)):
            assert isinstance(c.get(key), typ), (c.get("slug"), key)
        assert c["title"].strip() and c["description"].strip()
        assert "\n" not in c["description"], c["slug"]
        assert c["parties"], c["slug"]
        assert c["names"], c["slug"]


def test_slugs_and_aliases_are_lowercase_hyphenated():
    for c in COMMITMENTS:
        assert SLUG.match(c["slug"]), c["slug"]
        for alias in c["aliases"]:
            assert SLUG.match(alias), alias


def test_slugs_are_unique():
    counts = Counter(c["slug"] for c in COMMITMENTS)
    assert [s for s, n in counts.items() if n > 1] == []


def test_aliases_are_unique_and_never_another_commitments_slug():
    counts = Counter(a.lower() for c in COMMITMENTS for a in c["aliases"])
    assert [a for a, n in counts.items() if n > 1] == []
    slugs = {c["slug"] for c in COMMITMENTS}
    assert [a for a in counts if a in slugs] == []


# --- the sources ------------------------------------------------------------


def test_every_seed_file_has_a_source_entry():
    named = {s["file"] for s in SOURCES}
    assert [p.name for p in SEED_FILES if p.name not in named] == []


def test_every_source_entry_names_an_existing_seed_once():
    files = [s["file"] for s in SOURCES]
    assert len(files) == len(set(files))
    assert [f for f in files if not (SEEDS / f).is_file()] == []


def test_every_source_has_a_day_precise_published_date_and_says_how_it_is_known():
    for s in SOURCES:
        published = PartialDate.parse(s["published"])
        assert published.precision == "day", s["file"]
        assert isinstance(s["inferred"], bool)
        assert s["published_basis"].strip(), s["file"]
        assert s["title"].strip() and s["publisher"].strip()
        assert s["url"] == "", "no original URL is known; do not invent one"


def test_the_decided_published_dates_hold():
    by_file = {s["file"]: s for s in SOURCES}
    decided = {
        "2025-01-26-global-times-misri-kicks-off-beijing-visit.txt": ("2025-01-26", True),
        "2025-01-27-news-summary-misri-beijing-visit.txt": ("2025-01-27", False),
        "2025-01-28-xinhua-wang-yi-meets-misri.txt": ("2025-01-28", False),
        "2025-06-12-misri-sun-weidong-new-delhi.txt": ("2025-06-12", True),
        "2026-02-10-misri-ma-zhaoxu-strategic-dialogue.txt": ("2026-02-10", True),
    }
    for name, (published, inferred) in decided.items():
        assert (by_file[name]["published"], by_file[name]["inferred"]) == (published, inferred), name
    assert "2025-01-31" in by_file["2025-01-26-global-times-misri-kicks-off-beijing-visit.txt"]["published_basis"]


# --- the events -------------------------------------------------------------


def test_every_seed_has_an_event_file_and_every_event_file_a_seed():
    assert [p.stem for p in EVENT_FILES] == [p.stem for p in SEED_FILES]


@pytest.mark.parametrize("item", ALL_EVENTS, ids=_event_id)
def test_every_quote_occurs_verbatim_in_its_seed(item):
    path, raw = item
    quote = raw["quote"]
    assert quote.strip() == quote and quote, "quote is empty or padded with whitespace"
    assert quote in _seed_text(path)


@pytest.mark.parametrize("item", ALL_EVENTS, ids=_event_id)
def test_every_event_date_parses(item):
    PartialDate.parse(item[1]["date"])


def test_every_event_kind_is_a_claim_kind():
    valid = {k.value for k in CLAIM_KINDS}
    assert [(p.name, e["kind"]) for p, e in ALL_EVENTS if e["kind"] not in valid] == []


def test_every_event_names_a_catalogued_commitment():
    slugs = {c["slug"] for c in COMMITMENTS}
    assert [(p.name, e["commitment"]) for p, e in ALL_EVENTS if e["commitment"] not in slugs] == []


def test_every_event_has_only_the_documented_keys():
    allowed = {"commitment", "kind", "date", "actors", "quote", "note"}
    for path, raw in ALL_EVENTS:
        assert set(raw) <= allowed, (path.name, set(raw) - allowed)
        assert isinstance(raw["actors"], list) and all(isinstance(a, str) and a.strip() for a in raw["actors"])
        assert isinstance(raw.get("note", ""), str)


def test_no_event_happened_after_its_source_was_published():
    published = {Path(s["file"]).stem: PartialDate.parse(s["published"]) for s in SOURCES}
    late = [
        (p.name, e["commitment"], e["date"])
        for p, e in ALL_EVENTS
        if PartialDate.parse(e["date"]).start > published[p.stem].start
    ]
    assert late == []


def test_each_core_commitment_has_at_least_two_events():
    counts = Counter(e["commitment"] for _, e in ALL_EVENTS)
    assert {slug: counts[slug] for slug in CORE if counts[slug] < 2} == {}


def test_every_catalogued_commitment_has_an_event():
    used = {e["commitment"] for _, e in ALL_EVENTS}
    assert [c["slug"] for c in COMMITMENTS if c["slug"] not in used] == []


def test_the_same_happening_has_the_same_date_across_sources():
    # The Kazan summit, the 21 October understanding and the Beijing talks of
    # 27 January are reported by several articles: each must carry one date.
    for commitment, kind, date in [
        ("lac-disengagement", "agreed", "2024-10-21"),
        ("kailash-yatra", "agreed", "2025-01-27"),
        ("kailash-yatra", "suspended", "2020"),
        ("special-representatives", "implemented", "2024-12"),
    ]:
        dates = {e["date"] for _, e in ALL_EVENTS if e["commitment"] == commitment and e["kind"] == kind}
        assert dates == {date}, (commitment, kind, dates)
    kazan = {
        e["date"] for _, e in ALL_EVENTS
        if e["kind"] == "agreed" and "Kazan" in (e.get("note") or "") + e["quote"]
    }
    assert kazan == {"2024-10-23"}


def test_the_g20_rio_meeting_is_dated_november_2024():
    rio = [e for _, e in ALL_EVENTS if "Rio de Janeiro" in e["quote"]]
    assert rio and {e["date"] for e in rio} == {"2024-11"}
    assert all("November" in e.get("note", "") for e in rio)


# --- the fold ---------------------------------------------------------------


def test_folding_all_events_gives_the_expected_statuses():
    streams = _domain_events()
    got = {slug: fold(streams.get(slug, []), slug).status for slug in EXPECTED}
    assert got == EXPECTED
    assert {c["slug"] for c in COMMITMENTS} == set(EXPECTED)


@pytest.mark.parametrize("slug", CORE)
def test_each_core_commitment_folds_to_a_status_a_careful_reading_allows(slug):
    state = fold(_domain_events()[slug], slug)
    assert state.status in ALLOWED[slug]


def test_the_yatra_was_suspended_before_it_was_agreed_and_resumed():
    streams = _domain_events()
    as_of_2024 = [e for e in streams["kailash-yatra"] if e.date.ends_by(PartialDate.parse("2024-12-31"))]
    assert fold(as_of_2024, "kailash-yatra").status is Status.SUSPENDED
    as_of_mid_2025 = [e for e in streams["kailash-yatra"] if e.date.ends_by(PartialDate.parse("2025-06-30"))]
    assert fold(as_of_mid_2025, "kailash-yatra").status is Status.IN_PROGRESS


def test_no_article_says_direct_flights_resumed():
    kinds = {e["kind"] for _, e in ALL_EVENTS if e["commitment"] == "direct-flights"}
    assert "implemented" not in kinds
