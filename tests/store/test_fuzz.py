"""Fuzzing with hypothesis: whatever text arrives from outside, the only exception that leaves the
parsing code is the tool's own (tracker.core.errors.TrackerError; for PartialDate.parse, its DateError,
which every command turns into a TrackerError).

Sentence splitting, text dates and ingest are fuzzed in their own test modules.
"""
from __future__ import annotations

import json
import re

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as s

from tracker.services import upkeep as maintenance
from tracker.services import queries as service
from tracker.store import events as st
from tracker.core.dates import DateError, PartialDate
from tracker.core.errors import TrackerError
from tracker.core.names import resolve
from tracker.output import clean, render

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# What must never reach a terminal: C0/C1 controls (but tab and newline), DEL, bidi overrides.
UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

date_like = s.one_of(
    s.text(max_size=20),
    s.from_regex(r"\A-?\d{1,5}(-\d{1,3}(-\d{1,3})?)?\Z"),
    s.builds(lambda y, m, d, sep: f"{y:04d}{sep}{m:02d}{sep}{d:02d}", s.integers(0, 9999),
             s.integers(0, 13), s.integers(0, 32), s.sampled_from(["-", "/", ".", " "])),
    s.builds(lambda t, pad: pad + t + pad, s.from_regex(r"\A\d{4}-\d{2}-\d{2}\Z"), s.sampled_from(["", " ", "\t", "\n"])),
)


# --- dates --------------------------------------------------------------------------------

@FUZZ
@given(date_like)
@example("2025-02-29")
@example("0000")
@example("9999-12-31")
@example("\u0662\u0660\u0662\u0665")  # Arabic-Indic digits
def test_partial_date_parse_raises_only_date_error(text):
    try:
        d = PartialDate.parse(text)
    except DateError:
        return
    assert d.start <= d.end and d.precision in ("day", "month", "year")
    assert PartialDate.parse(str(d)) == d


@FUZZ
@given(s.from_regex(r"\A[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?\Z"))
def test_an_accepted_ascii_date_prints_back_as_typed(text):
    try:
        d = PartialDate.parse(text)
    except DateError:
        return
    assert str(d) == text


@pytest.mark.parametrize("text", ["\uff12\uff10\uff12\uff15-\uff10\uff16-\uff11\uff12", "\u0662\u0660\u0662\u0665"])
def test_dates_in_other_scripts_digits_are_refused(text):
    with pytest.raises(DateError):
        PartialDate.parse(text)


@FUZZ
@given(s.one_of(s.none(), date_like))
def test_service_parse_date_raises_only_tracker_error(text):
    try:
        service.parse_date(text, "--date")
    except TrackerError as exc:
        assert str(exc).startswith("--date: ")


# --- commitment names ---------------------------------------------------------------------

slugs = s.from_regex(r"\A[a-z0-9][a-z0-9-]{0,20}\Z")
catalogues = s.lists(
    s.fixed_dictionaries({"slug": slugs, "aliases": s.lists(s.one_of(s.text(max_size=12), slugs, s.integers()), max_size=4)}),
    max_size=8, unique_by=lambda c: c["slug"])


@FUZZ
@given(s.one_of(s.text(max_size=40), slugs, s.none()), catalogues)
@example("'; DROP TABLE event; --", [{"slug": "direct-flights", "aliases": ["flights"]}])
@example("DIRECT", [{"slug": "direct-flights", "aliases": ["flights"]}])
@example("d", [{"slug": "direct-flights", "aliases": []}, {"slug": "dialogue", "aliases": []}])
def test_resolve_returns_a_known_slug_or_raises_tracker_error(text, catalogue):
    try:
        slug = resolve(text, catalogue)
    except TrackerError as exc:
        assert str(exc)
        return
    assert slug in {c["slug"] for c in catalogue}
    wanted = (text or "").strip().lower()
    names = [c["slug"].lower() for c in catalogue] + [a.lower() for c in catalogue for a in c["aliases"] if isinstance(a, str)]
    assert any(n.startswith(wanted) for n in names)


# --- printing ------------------------------------------------------------------------------

hostile_text = s.one_of(
    s.text(max_size=60),
    s.lists(s.sampled_from(["\x1b[31m", "\x1b]0;title\x07", "\x1b]8;;http://x\x1b\\", "\x9b2J", "\x1bc", "\x07",
                            "\r", "\x08", "\u202e", "\u2066", "\x00", "\x7f", "plain", " ", "\n", "\t", "é", "中"]),
            max_size=12).map("".join),
)


@FUZZ
@given(hostile_text)
def test_clean_leaves_no_control_characters_and_is_idempotent(text):
    cleaned = clean(text)
    assert not UNSAFE.search(cleaned)
    assert clean(cleaned) == cleaned


@FUZZ
@given(s.lists(s.fixed_dictionaries({"commitment": hostile_text, "quote": hostile_text,
                                     "actors": s.lists(hostile_text, max_size=3),
                                     "events": s.integers(), "retracted": s.booleans(),
                                     "note": s.one_of(s.none(), hostile_text)}), max_size=4),
       s.sampled_from(["json", "csv", "simple", "plain", "github", "grid", "pipe", "html", "latex", "rst"]))
def test_render_prints_every_format_without_control_characters(rows, fmt):
    out = render(rows, fmt, columns=["commitment", "quote", "actors", "events", "retracted", "note"],
                 wrap={"quote": 20})
    assert isinstance(out, str)
    assert not UNSAFE.search(out), repr(out)
    if fmt == "json":
        assert len(json.loads(out)) == len(rows)


# --- import validation ---------------------------------------------------------------------

TEXT = "Readout of the meeting.\n\nThe two sides agreed to resume direct flights. Visas will be eased.\n"
SHA = st.content_hash(TEXT)


@pytest.fixture(scope="module")
def fuzz_store(tmp_path_factory):
    from tracker.store.database import open_store

    path = tmp_path_factory.mktemp("fuzz") / "store.db"
    store = open_store(f"sqlite:///{path}")
    yield store, path.parent
    store.dispose()


text_or_none = s.one_of(s.none(), s.text(max_size=30), s.sampled_from(
    ["direct-flights", "flights", "new-one", "agreed", "raised", "defined", "retracted", "2025-06-12", "2025-02-30",
     "2025", SHA[:12], SHA, "The two sides agreed to resume direct flights.", "Visas will be eased.", TEXT]))
dates = s.one_of(s.sampled_from(["2025-06-12", "2025-06", "2025", "2025-02-30", "2025-13", "", "June"]), s.text(max_size=12))
kinds = s.sampled_from(["raised", "discussed", "agreed", "progress", "implemented", "reaffirmed", "stalled",
                        "suspended", "abandoned", "defined", "retracted", "Agreed", "agred", ""])
records = s.one_of(
    s.fixed_dictionaries({"type": s.just("header")}, optional={"format": s.sampled_from(["tracker-export", "other"]),
                                                                "version": s.sampled_from([1, 2, "1"])}),
    s.fixed_dictionaries({"type": s.just("source"), "text": s.one_of(s.just(TEXT), s.text(max_size=40))},
                         optional={"id": text_or_none, "sha256": text_or_none, "title": text_or_none,
                                   "published": s.one_of(s.none(), dates), "url": text_or_none}),
    s.fixed_dictionaries({"type": s.just("commitment"), "commitment": s.one_of(s.just("new-one"), text_or_none),
                          "date": dates},
                         optional={"definition": s.fixed_dictionaries({"title": text_or_none},
                                                                      optional={"aliases": s.lists(s.text(max_size=8), max_size=3)}),
                                   "id": text_or_none}),
    s.fixed_dictionaries({"type": s.sampled_from(["event", None]), "commitment": text_or_none, "kind": kinds,
                          "date": dates, "source": s.one_of(s.just(SHA[:12]), text_or_none),
                          "quote": s.one_of(s.just("The two sides agreed to resume direct flights."), text_or_none)},
                         optional={"id": s.one_of(s.none(), s.uuids().map(lambda u: u.hex)), "note": text_or_none,
                                   "actors": s.lists(s.text(max_size=10), max_size=3)}),
    s.fixed_dictionaries({"type": s.just("retraction"), "commitment": text_or_none, "date": dates,
                          "retracts": text_or_none, "reason": text_or_none}),
)
good_records = s.one_of(
    s.fixed_dictionaries({"type": s.just("commitment"), "commitment": s.sampled_from(["new-one", "other-one"]),
                          "date": s.sampled_from(["2024", "2025-01-01"]),
                          "definition": s.fixed_dictionaries({"title": s.text(min_size=1, max_size=10)},
                                                             optional={"aliases": s.lists(s.text(max_size=8), max_size=2)})}),
    s.fixed_dictionaries({"type": s.just("event"), "commitment": s.sampled_from(["direct-flights", "new-one", "visa"]),
                          "kind": kinds, "date": dates, "source": s.just(SHA[:12]),
                          "quote": s.sampled_from(["The two sides agreed to resume direct flights.", "Visas will be eased.",
                                                   "direct", "Visas will be eased"])},
                         optional={"id": s.uuids().map(lambda u: u.hex), "note": text_or_none,
                                   "actors": s.lists(s.text(max_size=10), max_size=3)}),
)
lines = s.one_of(good_records.map(json.dumps), good_records.map(json.dumps), records.map(json.dumps), s.text(max_size=40), s.sampled_from(["", "[", "{", "null", "42", "[]", "{}"]))


def _import_only_fails_with_tracker_error(fuzz_store, content: str) -> None:
    store, where = fuzz_store
    path = where / "fuzz.jsonl"
    path.write_text(content, encoding="utf-8", errors="surrogatepass")
    try:
        done = maintenance.import_store(store, path)
    except TrackerError as exc:
        event(f"refused ({type(exc).__name__})")
        return
    event("imported events" if done["events"] else "imported, no new events")
    assert maintenance.verify(store)[0] == []  # whatever was accepted is consistent


@settings(FUZZ, max_examples=200)
@given(s.lists(lines, max_size=8), s.booleans())
def test_import_of_random_export_lines_fails_only_with_tracker_error(fuzz_store, body, with_source):
    head = [json.dumps({"type": "source", "id": SHA[:12], "sha256": SHA, "title": "t", "published": "2025-06-13",
                        "text": TEXT})] if with_source else []
    _import_only_fails_with_tracker_error(fuzz_store, "\n".join(head + body) + "\n")


@FUZZ
@given(s.binary(max_size=200))
def test_import_of_random_bytes_fails_only_with_tracker_error(fuzz_store, data):
    store, where = fuzz_store
    path = where / "bytes.jsonl"
    path.write_bytes(data)
    try:
        maintenance.import_store(store, path)
    except TrackerError:
        pass


json_values = s.recursive(s.none() | s.booleans() | s.integers() | s.floats(allow_nan=False) | s.text(max_size=10),
                          lambda kids: s.lists(kids, max_size=3) | s.dictionaries(s.text(max_size=5), kids, max_size=3),
                          max_leaves=6)
FIELDS = ["type", "id", "commitment", "kind", "date", "source", "quote", "actors", "note", "retracts", "reason",
          "definition", "text", "title", "publisher", "published", "recorded_at", "format", "version"]


@settings(FUZZ, derandomize=True)
@given(s.lists(s.dictionaries(s.sampled_from(FIELDS), json_values, max_size=8).map(json.dumps), min_size=1, max_size=5))
@pytest.mark.slow
def test_import_of_export_lines_with_values_of_any_json_type_fails_only_with_tracker_error(fuzz_store, body):
    _import_only_fails_with_tracker_error(fuzz_store, "\n".join(body) + "\n")
