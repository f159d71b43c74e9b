"""Tamper evidence: a content hash for every event, chained per stream, and one for every source.

An event's hash covers every field of its row (id, commitment, version, kind, date, source id,
quote, actors as stored, note, recorded_at, target, payload, and ``due`` when set) and the hash
of the previous event of the same stream (version - 1), as in an append-only ledger: editing,
deleting or inserting an event anywhere but at the very end breaks the chain after it. A
source's hash covers its details and its text's SHA-256. :func:`store_digest` folds the chain
heads and the source hashes into one value a user can keep elsewhere and compare later
(``tracker verify --digest`` / ``--expect``): it catches even a rewrite that recomputed the chains.

Pure: the normal append path (:func:`tracker.store.events.append`), the bulk import
(:mod:`tracker.store.bulk`), the migration that fills existing stores and ``verify`` all call
these same functions.
"""
from __future__ import annotations

import hashlib
from typing import Iterable, Mapping

#: The event columns a hash covers, in this order (``due`` is appended when a row has one).
EVENT_FIELDS = ("id", "commitment", "version", "kind", "date", "source_id", "quote", "actors", "note",
                "recorded_at", "target", "payload")
SOURCE_FIELDS = ("id", "sha256", "title", "publisher", "published", "published_basis", "url", "filename",
                 "recorded_at", "original_sha256", "media_type")


def _encode(parts: list) -> bytes:
    # A mask of which fields are None, then the fields joined by NUL. No stored text holds a NUL
    # (every path refuses it, PostgreSQL cannot store one, and verify reports one), so the fields'
    # boundaries are unambiguous; this is twice as fast as a length-prefixed encoding.
    mask = "".join(["n" if p is None else "s" for p in parts])
    body = "\x00".join(["" if p is None else p if p.__class__ is str else str(p) for p in parts])
    return (mask + "\x00" + body).encode("utf-8", "surrogatepass")


def has_nul(values: Iterable) -> bool:
    """Whether a field holds a NUL: a row no path of the tool writes (tampering)."""
    return any(isinstance(v, str) and "\x00" in v for v in values)


def event_hash(prev: str | None, id, commitment, version, kind, date, source_id, quote, actors, note,
               recorded_at, target, payload, due=None) -> str:
    """The hash of one event row, given the hash of the previous event of its stream (None: first)."""
    parts = ["event/1", prev, id, commitment, version, kind, date, source_id, quote, actors, note,
             recorded_at, target, payload]
    if due is not None:
        parts.append(due)
    return hashlib.sha256(_encode(parts)).hexdigest()


def event_hash_of(prev: str | None, row: Mapping) -> str:
    """:func:`event_hash` of a row given as a mapping of column names."""
    return event_hash(prev, *(row.get(f) for f in EVENT_FIELDS), due=row.get("due"))


def source_hash(row: Mapping) -> str:
    return hashlib.sha256(_encode(["source/1", *(row.get(f) for f in SOURCE_FIELDS)])).hexdigest()


def store_digest(heads: Mapping[str, tuple[int, str]], sources: Mapping[str, str]) -> str:
    """One value for the whole store: every stream's (version, head hash) and every source's hash."""
    lines = [f"stream {slug} {v} {h}" for slug, (v, h) in sorted(heads.items())]
    lines += [f"source {sid} {h}" for sid, h in sorted(sources.items())]
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()
