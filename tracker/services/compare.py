"""``tracker compare SOURCE_A SOURCE_B``: what each of two readouts says per commitment, and what
only one of them says.

Each side is the source's recorded events (live claims: retracted ones left out); a source with
none recorded is read by the ingest engine (its proposals, nothing recorded). One row per
commitment either side mentions: each side's kinds and first quote, and ``both``, ``only in A``
or ``only in B``.
"""
from __future__ import annotations

from sqlalchemy import select

from tracker.core.dates import PartialDate
from tracker.core.errors import TrackerError
from tracker.core.fold import retracted_ids
from tracker.services.queries import find_source
from tracker.store import events as st
from tracker.store.database import Store

ORDER = {"both": 0, "only in A": 1, "only in B": 2}


def _recorded(conn, source_id: str) -> list[tuple[str, str, str]] | None:
    """(commitment, kind, quote) of the live claims citing the source, in stream order; None when
    no event cites it (every one retracted is an empty list: the store has judged that source)."""
    slugs = sorted(set(conn.execute(select(st.EVENT.c.commitment).where(
        st.EVENT.c.source_id == source_id)).scalars()))
    if not slugs:
        return None
    out = []
    for slug in slugs:
        stream = st.stream(conn, slug)
        gone = retracted_ids(stream)
        out += [(slug, e.kind.value, e.quote) for e in stream
                if e.is_claim and e.source == source_id and e.id not in gone]
    return out


def _proposed(conn, src: dict) -> list[tuple[str, str, str]]:
    from tracker.ingest.engine import propose
    from tracker.services.ingest import catalogue_names

    if not src.get("published"):
        raise TrackerError(f"source {src['id']} has no published date to read its dates against: "
                           f"give it one with `tracker sources amend {src['id']} --published DATE --reason ...`")
    found = propose(src["text"], PartialDate.parse(src["published"]), catalogue_names(st.commitments(conn)))
    return [(p.commitment, p.kind.value, p.quote) for p in found]


def _side(conn, src: dict) -> tuple[dict[str, dict], str]:
    claims, basis = _recorded(conn, src["id"]), "recorded events"
    if claims is None:
        claims, basis = _proposed(conn, src), "proposed by ingest, nothing recorded"
    out: dict[str, dict] = {}
    for slug, kind, quote in claims:
        side = out.setdefault(slug, {"kinds": [], "quotes": []})
        if kind not in side["kinds"]:
            side["kinds"].append(kind)
        if quote not in side["quotes"]:
            side["quotes"].append(quote)
    return out, basis


def compare(store: Store, source_a: str, source_b: str) -> dict:
    def work(conn):
        a, b = find_source(conn, source_a), find_source(conn, source_b)
        if a["id"] == b["id"]:
            raise TrackerError(f"both names are source {a['id']}: give two different sources")
        side_a, basis_a = _side(conn, a)
        side_b, basis_b = _side(conn, b)
        titles = {c["slug"]: c["title"] for c in st.commitments(conn)}
        rows = []
        for slug in set(side_a) | set(side_b):
            x, y = side_a.get(slug), side_b.get(slug)
            rows.append({
                "commitment": slug, "title": titles.get(slug, slug),
                "in": "both" if x and y else "only in A" if x else "only in B",
                "a_kinds": x["kinds"] if x else [], "a_quote": x["quotes"][0] if x else None,
                "b_kinds": y["kinds"] if y else [], "b_quote": y["quotes"][0] if y else None,
                "a_quotes": x["quotes"] if x else [], "b_quotes": y["quotes"] if y else [],
            })
        rows.sort(key=lambda r: (ORDER[r["in"]], r["commitment"]))
        about = {"a": _about(a, basis_a), "b": _about(b, basis_b)}
        return {"sources": about, "rows": rows}

    return store.run(work, write=False)


def _about(src: dict, basis: str) -> dict:
    return {"id": src["id"], "title": src.get("title"), "publisher": src.get("publisher"),
            "published": src.get("published"), "basis": basis}
