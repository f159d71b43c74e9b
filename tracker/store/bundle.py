"""The bundled data: the commitment catalogue, the seed articles and the events drawn from them.

``fixtures/commitments.toml`` defines the commitments, ``fixtures/sources.toml`` describes each
file of ``seeds/``, and ``fixtures/events/<seed>.toml`` holds the events drawn from that seed, in
recording order. Problems are collected (``file: event N: ...``) and reported together.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import tomllib
from pathlib import Path

from tracker.store import events as st
from tracker.core import claims
from tracker.core.dates import PartialDate
from tracker.core.model import Event, Kind
from tracker.core.errors import Problems, quoted
from tracker.store.paths import bundled



def _toml(path: Path, problems: list[str]) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        problems.append(f"{path.name}: {exc}")
        return {}


def read_bundle(fixtures: Path | None = None, seeds: Path | None = None):
    """(definitions, sources, events) from the fixture files, or :class:`Problems`."""
    fixtures = fixtures or bundled("fixtures")
    seeds = seeds or bundled("seeds")
    problems: list[str] = []
    definitions = _toml(fixtures / "commitments.toml", problems).get("commitment", [])
    slugs = {d.get("slug") for d in definitions}
    sources = []
    for meta in _toml(fixtures / "sources.toml", problems).get("source", []):
        path = seeds / meta.get("file", "")
        try:
            text = path.read_text(encoding="utf-8")
        except OSError:
            problems.append(f"sources.toml: seed {quoted(meta.get('file'))} not found in {seeds}")
            continue
        sources.append((meta, text))
    events: list[tuple[str, Event]] = []  # (seed file, event without source id yet)
    texts = {meta["file"]: text for meta, text in sources}
    for path in sorted((fixtures / "events").glob("*.toml")):
        seed = path.stem + ".txt"
        if seed not in texts:
            problems.append(f"events/{path.name}: no seed {seed} described in sources.toml")
            continue
        for n, raw in enumerate(_toml(path, problems).get("event", []), start=1):
            where = f"events/{path.name}: event {n}"
            if raw.get("commitment") not in slugs:
                problems.append(f"{where}: unknown commitment {quoted(raw.get('commitment'))}")
            meta = next((m for m, _ in sources if m.get("file") == seed), {})
            why = claims.claim_problems(raw.get("kind"), raw.get("date"), raw.get("quote"), texts[seed],
                                        str(meta["published"]) if meta.get("published") else None, seed)
            if why:
                problems += [f"{where}: {w}" for w in why]
                continue
            date = PartialDate.parse(str(raw["date"]))
            events.append((seed, Event(commitment=raw.get("commitment", ""), kind=claims.parse_kind(raw["kind"]),
                                       date=date, quote=raw.get("quote", ""),
                                       actors=tuple(raw.get("actors", ())), note=raw.get("note"))))
    if problems:
        raise Problems(problems)
    return definitions, sources, events


def _stable_id(*parts) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:32]


def load_bundle(conn) -> dict:
    """Record the bundle in the store through the ordinary append path (one transaction: the caller's)."""
    definitions, sources, events = read_bundle()
    today = PartialDate.from_date(dt.date.today())
    # Ids are derived from the content, not drawn at random: the same bundle has the same ids in
    # every install, so an export from one store imports into another without duplicates.
    defined = [Event(commitment=d["slug"], kind=Kind.DEFINED, date=today, id=_stable_id("defined", d["slug"]),
                     payload={k: d.get(k) for k in ("title", "description", "parties", "aliases", "names")
                              if d.get(k) is not None})
               for d in definitions]
    st.append(conn, defined)
    ids = {}
    for meta, text in sources:
        basis = meta.get("published_basis")
        row, _ = st.put_source(conn, text, title=meta.get("title"), publisher=meta.get("publisher"),
                               published=meta.get("published"), published_basis=basis,
                               url=meta.get("url") or None, filename=meta.get("file"))
        ids[meta["file"]] = row["id"]
    from dataclasses import replace

    seen: dict[tuple, int] = {}
    claims = []
    for seed, e in events:
        key = (ids[seed], e.commitment, e.kind.value, str(e.date), e.quote)
        seen[key] = seen.get(key, 0) + 1
        claims.append(replace(e, source=ids[seed], id=_stable_id(*key, seen[key])))
    st.append(conn, claims)
    return {"commitments": len(defined), "sources": len(ids), "events": len(events)}
