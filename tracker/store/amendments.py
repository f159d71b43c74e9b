"""Source amendments: corrections of a source's details, append-only, never of its text.

Each amendment row holds the whole set of details (title, publisher, published, url) after it,
with a reason; a source's current details are those of its last amendment, else its own.
"""
from __future__ import annotations

from typing import Iterable

from sqlalchemy import insert, select

from tracker.store.events import AMENDMENT, now

DETAILS = ("title", "publisher", "published", "url")


def amendments(conn, source_ids: Iterable[str] | None = None) -> dict[str, list[dict]]:
    """source id -> its amendments, oldest first (all sources, or just ``source_ids``)."""
    q = select(AMENDMENT).order_by(AMENDMENT.c.seq)
    if source_ids is not None:
        ids = sorted(set(source_ids))
        if not ids:
            return {}
        q = q.where(AMENDMENT.c.source_id.in_(ids))
    out: dict[str, list[dict]] = {}
    for r in conn.execute(q):
        out.setdefault(r.source_id, []).append(dict(r._mapping))
    return out


def current(rows: list[dict], found: dict[str, list[dict]]) -> list[dict]:
    """Source rows with the details of their last amendment applied (``amended`` counts them)."""
    out = []
    for row in rows:
        history = found.get(row["id"])
        if history:
            basis, published = row.get("published_basis"), row.get("published")
            for a in history:
                if a["published"] != published:
                    basis, published = f"corrected by amendment: {a['reason']}", a["published"]
            row = {**row, **{k: history[-1][k] for k in DETAILS}, "published_basis": basis,
                   "amended": len(history)}
        out.append(row)
    return out


def with_current_details(conn, rows: list[dict]) -> list[dict]:
    if not rows:
        return rows
    if len(rows) > 500:
        return current(rows, amendments(conn))
    return current(rows, amendments(conn, [r["id"] for r in rows]))


def amend(conn, source: dict, reason: str, **details) -> dict:
    """Record an amendment of ``source`` (its current details, ``details`` applied)."""
    row = {"source_id": source["id"], **{k: source.get(k) for k in DETAILS}, "reason": reason,
           "recorded_at": details.pop("recorded_at", None) or now()}
    row.update({k: v for k, v in details.items() if v is not None})
    conn.execute(insert(AMENDMENT).values(**row))
    return row
