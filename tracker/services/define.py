"""``tracker define``, ``rename``, ``alias add|remove``, ``names add|remove`` and
``commitments SLUG --history``: commitment definitions as events.

Each change appends a ``defined`` event carrying the whole new definition (see
:mod:`tracker.core.definitions`), dated the day it is recorded; the commitment read model
follows in the same transaction, so ``ingest`` matches a new name at once.
"""
from __future__ import annotations

import datetime as dt
from typing import Sequence

from tracker.core import definitions as defs
from tracker.core.dates import PartialDate
from tracker.core.errors import TrackerError
from tracker.core.model import Event, Kind
from tracker.core.names import resolve
from tracker.services.record import check_text
from tracker.store import events as st
from tracker.store.database import Store


def _row(slug: str, definition: dict, event: Event | None = None, change: str | None = None) -> dict:
    row = {"commitment": slug, "title": definition.get("title"),
           "aliases": list(definition.get("aliases") or []), "names": list(definition.get("names") or []),
           "description": definition.get("description"), "parties": list(definition.get("parties") or [])}
    if event is not None:
        row.update(version=event.version, date=str(event.date), recorded_at=event.recorded_at, event=event.id,
                   change=change)
    return row


def _record(conn, slug: str, definition: dict, before: dict | None) -> dict:
    definition = {k: v for k, v in definition.items() if v not in (None, [], "")}
    if before is not None and definition == {k: v for k, v in before.items() if v not in (None, [], "")}:
        raise TrackerError(f"{slug}: nothing to change (the definition is already so)")
    defs.check_against(slug, definition, st.commitments(conn), before)
    event = Event(commitment=slug, kind=Kind.DEFINED, date=PartialDate.from_date(dt.date.today()),
                  payload=definition)
    stored = st.append(conn, [event])[0]
    return _row(slug, definition, stored, "; ".join(defs.changes(before, definition)))


def define(store: Store, slug: str, title: str, aliases: Sequence[str] = (), names: Sequence[str] = (),
           description: str | None = None) -> dict:
    check_text(slug=slug, title=title, alias=list(aliases), name=list(names), description=description)
    defs.check_slug(slug)
    definition = {"title": defs.clean_title(title),
                  "aliases": defs.unique(defs.clean_alias(a) for a in aliases),
                  "names": defs.unique(defs.clean_name(n) for n in names),
                  "description": " ".join((description or "").split()) or None}

    def work(conn):
        known = {c["slug"] for c in st.commitments(conn)}
        if slug in known or st.stream(conn, slug):
            raise TrackerError(f"commitment {slug} already exists: change it with `tracker rename`, "
                               f"`tracker alias` or `tracker names`")
        return _record(conn, slug, definition, None)

    return store.run(work, write=True)


def _change(store: Store, commitment: str, edit) -> dict:
    def work(conn):
        slug = resolve(commitment, st.commitments(conn))
        before = defs.current(st.stream(conn, slug)) or {}
        after = edit(slug, {**before})
        return _record(conn, slug, after, before)

    return store.run(work, write=True)


def rename(store: Store, commitment: str, title: str) -> dict:
    check_text(commitment=commitment, title=title)
    new_title = defs.clean_title(title)
    return _change(store, commitment, lambda slug, d: {**d, "title": new_title})


def alias(store: Store, action: str, commitment: str, value: str) -> dict:
    check_text(commitment=commitment, alias=value)
    a = defs.clean_alias(value)

    def edit(slug, d):
        current = list(d.get("aliases") or [])
        if action == "add":
            if a in current:
                raise TrackerError(f"{a!r} is already an alias of {slug}")
            return {**d, "aliases": current + [a]}
        if a not in current:
            raise TrackerError(f"{a!r} is not an alias of {slug} (its aliases: "
                               f"{', '.join(current) or 'none'})")
        return {**d, "aliases": [x for x in current if x != a]}

    return _change(store, commitment, edit)


def names(store: Store, action: str, commitment: str, value: str) -> dict:
    check_text(commitment=commitment, name=value)
    n = defs.clean_name(value)

    def edit(slug, d):
        current = list(d.get("names") or [])
        same = [x for x in current if x.lower() == n.lower()]
        if action == "add":
            if same:
                raise TrackerError(f"{same[0]!r} is already a name of {slug}")
            return {**d, "names": current + [n]}
        if not same:
            raise TrackerError(f"{n!r} is not a name of {slug} (see `tracker commitments {slug} --format json`)")
        return {**d, "names": [x for x in current if x.lower() != n.lower()]}

    return _change(store, commitment, edit)


def definition_history(store: Store, commitment: str) -> list[dict]:
    """Every definition of COMMITMENT in recording order, with what each changed."""

    def work(conn):
        slug = resolve(commitment, st.commitments(conn))
        out, before = [], None
        for e in defs.definitions(st.stream(conn, slug)):
            after = dict(e.payload or {})
            out.append(_row(slug, after, e, "; ".join(defs.changes(before, after))))
            before = after
        return out

    return store.run(work, write=False)
