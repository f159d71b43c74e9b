"""Commitment definitions as events: the fold ("last wins"), what changed, and the rules a new
definition must keep so that lookups and ingest matching stay unambiguous.

A definition event carries the whole definition (title, description, parties, aliases, names),
so the current definition is simply the payload of the stream's last ``defined`` event in
recording order, and any earlier state is the last one recorded by then.
"""
from __future__ import annotations

import re
from typing import Iterable, Mapping

from tracker.core.errors import TrackerError
from tracker.core.model import Event, Kind

SLUG = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?")
FIELDS = ("title", "description", "parties", "aliases", "names")
MAX_TITLE, MAX_NAME = 200, 200


def definitions(events: Iterable[Event]) -> list[Event]:
    """The stream's definition events in recording order."""
    return sorted((e for e in events if e.kind is Kind.DEFINED), key=lambda e: e.version)


def current(events: Iterable[Event]) -> dict | None:
    """The definition in force: the last one recorded (None for a stream never defined)."""
    found = definitions(events)
    return dict(found[-1].payload or {}) if found else None


def changes(before: Mapping | None, after: Mapping) -> list[str]:
    """What one definition changed, in words: ``title: A -> B``, ``alias +x``, ``name -y``."""
    if before is None:
        return ["defined"]
    out = []
    for field in ("title", "description"):
        if (before.get(field) or None) != (after.get(field) or None):
            out.append(f"{field}: {before.get(field) or '(none)'} -> {after.get(field) or '(none)'}")
    for field, word in (("aliases", "alias"), ("names", "name"), ("parties", "party")):
        old, new = list(before.get(field) or []), list(after.get(field) or [])
        out += [f"{word} +{v}" for v in new if v not in old]
        out += [f"{word} -{v}" for v in old if v not in new]
    return out or ["no change"]


def check_slug(slug: str) -> str:
    if not isinstance(slug, str) or not SLUG.fullmatch(slug):
        raise TrackerError(f"invalid slug {slug!r}: use 1 to 80 lowercase letters, digits and hyphens, "
                           f"starting and ending with a letter or digit (e.g. border-trade)")
    return slug


def clean_alias(alias: str) -> str:
    value = (alias or "").strip().lower()
    if not SLUG.fullmatch(value):
        raise TrackerError(f"invalid alias {alias!r}: an alias is what people type, so use lowercase "
                           f"letters, digits and hyphens (e.g. border-trade)")
    return value


def clean_name(name: str) -> str:
    value = " ".join((name or "").split())
    if len(value) < 3 or not any(ch.isalpha() for ch in value):
        raise TrackerError(f"invalid name {name!r}: a name ingest matches needs at least 3 characters "
                           f"and a letter")
    if len(value) > MAX_NAME:
        raise TrackerError(f"a name is at most {MAX_NAME} characters")
    return value


def clean_title(title: str) -> str:
    value = " ".join((title or "").split())
    if not value:
        raise TrackerError("--title is empty: give the commitment a title")
    if len(value) > MAX_TITLE:
        raise TrackerError(f"--title is {len(value)} characters; at most {MAX_TITLE}")
    return value


def check_against(slug: str, definition: Mapping, others: Iterable[Mapping], before: Mapping | None = None) -> None:
    """Refuse a definition of ``slug`` that would clash with the other commitments ``others``
    (read-model rows: slug, title, aliases, names): an alias that is another commitment's slug or
    alias, and a title, alias or name another commitment is already matched by (case-insensitive:
    ingest matches titles, slugs, aliases and names). Only what is new since ``before`` is checked."""
    before = before or {}
    old_aliases = {a.lower() for a in before.get("aliases") or () if isinstance(a, str)}
    old_names = {n.lower() for n in before.get("names") or () if isinstance(n, str)}
    keys: dict[str, str] = {}  # what a user types -> slug
    matched: dict[str, str] = {}  # what ingest matches -> slug
    for c in others:
        if c["slug"] == slug:
            continue
        keys[c["slug"].lower()] = c["slug"]
        for a in c.get("aliases") or ():
            if isinstance(a, str):
                keys.setdefault(a.lower(), c["slug"])
        for n in [c.get("title"), c["slug"], *(c.get("aliases") or ()), *(c.get("names") or ())]:
            if isinstance(n, str):
                matched.setdefault(" ".join(n.split()).lower(), c["slug"])
    for alias in definition.get("aliases") or ():
        if alias.lower() in old_aliases:
            continue
        if alias.lower() == slug:
            raise TrackerError(f"alias {alias!r} is the commitment's own slug: an alias is another name")
        other = keys.get(alias.lower())
        if other is not None:
            what = "the slug" if other == alias.lower() else "an alias"
            raise TrackerError(f"alias {alias!r} is already {what} of {other}: choose another alias")
        other = matched.get(alias.lower())
        if other is not None:
            raise TrackerError(f"alias {alias!r} is already a name of {other}: ingest could not tell "
                               f"the two apart; choose another alias")
    for name in definition.get("names") or ():
        if name.lower() in old_names:
            continue
        other = matched.get(name.lower())
        if other is not None:
            raise TrackerError(f"name {name!r} is already a name of {other} (case-insensitively): "
                               f"ingest could not tell the two apart; choose a more specific name")
    title = definition.get("title") or ""
    other = matched.get(title.lower())
    if other is not None and title != before.get("title"):
        raise TrackerError(f"title {title!r} is already a name of {other}: ingest matches titles, "
                           f"so choose a title that tells the two apart")


def unique(values: Iterable[str]) -> list[str]:
    """``values`` without case-insensitive repeats, first spelling kept, order kept."""
    seen, out = set(), []
    for v in values:
        if v.lower() not in seen:
            seen.add(v.lower())
            out.append(v)
    return out
