"""One rule for naming stored things by a prefix of their id (events, sources), everywhere.

A prefix must have at least :data:`MIN_PREFIX` characters, is matched case-insensitively, and must
name exactly one thing; :func:`pick` says which, or why not. ``history`` shows each event by its
shortest prefix that is unique in the store (never shorter than the minimum), so what it shows is
what ``retract`` accepts.

Pure: it imports neither SQLAlchemy nor click.
"""
from __future__ import annotations

from typing import Sequence

from tracker.core.errors import TrackerError

MIN_PREFIX = 4


def normalize_prefix(ref: str | None, what: str, hint: str) -> str:
    """``ref`` as a prefix to look up, or an error when it is too short to be one."""
    prefix = (ref or "").strip().lower()
    if len(prefix) < MIN_PREFIX:
        raise TrackerError(f"{what} id {ref!r} is too short: give at least {MIN_PREFIX} characters ({hint})")
    return prefix


def pick(ref: str, hits: Sequence[str], what: str, hint: str) -> str:
    """The one id that ``ref`` (a prefix) names among ``hits`` (the ids it starts), or an error."""
    if not hits:
        raise TrackerError(f"unknown {what} {ref!r} ({hint})")
    if len(hits) > 1:
        shown = ", ".join(sorted(hits)[:5])
        raise TrackerError(f"{what} id {ref!r} is ambiguous ({shown}{', ...' if len(hits) > 5 else ''}): "
                           f"give more of it")
    return hits[0]
