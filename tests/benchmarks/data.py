"""Synthetic stores for the benchmarks: a ``tracker export`` file (JSON Lines), deterministic.

Shape (per store): a header, ``SOURCES`` stored readouts (~4 KB of text each), one ``commitment``
line per commitment, then the events in recording order, interleaved at random over the
commitments (as an export of a store that grew over years lists them). Each event is ~200 bytes
of JSON: a 32-hex id, the commitment, a realistic kind (mostly raised / discussed / reaffirmed), a
date (85% day, 10% month, 5% year precision; dates move forward per commitment, 5% of events are
back-dated up to two years, as a late readout reports an old meeting), a source and a verbatim
quote from it, one or two actors. 0.1% of the events are retractions of an earlier event.
"""
from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

SOURCES = 400
SENTENCES_PER_SOURCE = 40
KINDS = [("raised", 20), ("discussed", 30), ("agreed", 8), ("progress", 8), ("implemented", 4),
         ("reaffirmed", 25), ("stalled", 3), ("suspended", 1.5), ("abandoned", 0.5)]
ACTORS = ["Wang Yi", "Subrahmanyam Jaishankar", "Vikram Misri", "Sun Weidong", "Randhir Jaiswal",
          "Ma Zhaoxu", "Ajit Doval", "Xu Feihong", "Pradeep Kumar Rawat", "Lin Jian"]
TOPICS = ["direct flights", "visa facilitation", "river data", "border trade", "pilgrimage routes",
          "journalist visas", "hydrological data", "air services", "trade deficit", "de-escalation"]


def _dump(obj: dict) -> str:
    return json.dumps(obj, ensure_ascii=True, separators=(",", ":"))


def _sentence(rng: random.Random, i: int) -> str:
    a, b = rng.sample(TOPICS, 2)
    return (f"Point {i}: the two sides discussed {a} and {b}, and agreed that officials would "
            f"meet again on {rng.randint(1, 28)} {rng.choice(['March', 'June', 'October'])}.")


def _date_text(rng: random.Random, day: dt.date) -> str:
    r = rng.random()
    if r < 0.85:
        return day.isoformat()
    if r < 0.95:
        return day.isoformat()[:7]
    return day.isoformat()[:4]


def write_store(path: Path, events: int, commitments: int, seed: int = 7) -> dict:
    """Write a tracker export with ``events`` event lines (retractions included) over
    ``commitments`` commitments (plus one ``commitment`` line each). Returns a summary."""
    rng = random.Random(seed)
    kinds, weights = zip(*KINDS)
    slugs = [f"c{i:05d}-{rng.choice(TOPICS).replace(' ', '-')}" for i in range(commitments)]
    clock = {s: dt.date(2000, 1, 1) + dt.timedelta(days=rng.randint(0, 7000)) for s in slugs}
    recent: dict[str, list[str]] = {s: [] for s in slugs}
    version = {s: 1 for s in slugs}
    stamp = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    step = dt.timedelta(microseconds=1500)
    lines = 0
    with open(path, "w", encoding="utf-8") as out:
        def emit(obj):
            nonlocal lines
            out.write(_dump(obj) + "\n")
            lines += 1

        emit({"type": "header", "format": "tracker-export", "version": 1, "schema": "0002"})
        quotes = []
        for s in range(SOURCES):
            sentences = [_sentence(rng, i) for i in range(SENTENCES_PER_SOURCE)]
            text = f"Readout {s} of the meeting of officials.\n\n" + "\n".join(sentences) + "\n"
            import hashlib

            sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
            # after every event's date (the clocks stay before 2026): an event is dated when it happened
            published = (dt.date(2026, 1, 1) + dt.timedelta(days=rng.randint(0, 300))).isoformat()
            emit({"type": "source", "id": sha[:12], "sha256": sha, "title": f"Readout {s}",
                  "publisher": rng.choice(["MEA", "MFA"]), "published": published,
                  "published_basis": "given", "url": None, "filename": f"readout-{s}.txt",
                  "recorded_at": (stamp + s * step).isoformat(timespec="microseconds"), "text": text})
            quotes.append((sha[:12], sentences))
        for i, slug in enumerate(slugs):
            emit({"type": "commitment", "id": "%032x" % rng.getrandbits(128), "commitment": slug,
                  "version": 1, "kind": "defined", "date": clock[slug].isoformat(),
                  "recorded_at": (stamp + (SOURCES + i) * step).isoformat(timespec="microseconds"),
                  "definition": {"title": f"Commitment {i}: {slug[7:].replace('-', ' ')}",
                                 "aliases": [f"k{i}"], "parties": ["India", "China"],
                                 "description": None}})
            version[slug] = 2
        base = SOURCES + commitments
        for n in range(events):
            slug = slugs[rng.randrange(commitments)]
            v = version[slug]
            version[slug] = v + 1
            event_id = "%032x" % rng.getrandbits(128)
            when = (stamp + (base + n) * step).isoformat(timespec="microseconds")
            clock[slug] += dt.timedelta(days=rng.randint(0, 20))
            day = clock[slug]
            if rng.random() < 0.05:
                day -= dt.timedelta(days=rng.randint(1, 730))
            if recent[slug] and rng.random() < 0.001:
                emit({"type": "retraction", "id": event_id, "commitment": slug, "version": v,
                      "kind": "retracted", "date": day.isoformat(), "recorded_at": when,
                      "retracts": rng.choice(recent[slug]), "reason": "misread the readout"})
                continue
            source, sentences = quotes[rng.randrange(SOURCES)]
            sentence = sentences[rng.randrange(SENTENCES_PER_SOURCE)]
            quote = sentence[rng.randint(0, 20):][:rng.randint(60, 110)]
            emit({"type": "event", "id": event_id, "commitment": slug, "version": v,
                  "kind": rng.choices(kinds, weights)[0], "date": _date_text(rng, day),
                  "recorded_at": when, "source": source, "quote": quote,
                  "actors": rng.sample(ACTORS, rng.choice((1, 1, 2))), "note": None})
            recent[slug].append(event_id)
            if len(recent[slug]) > 8:
                recent[slug].pop(0)
    return {"path": str(path), "events": events, "commitments": commitments, "lines": lines,
            "bytes": path.stat().st_size, "history_of": slugs[0]}
