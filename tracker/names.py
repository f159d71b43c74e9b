"""Resolving what a user types to a commitment: slug, alias, or an unambiguous prefix of either."""
from __future__ import annotations

import difflib
from typing import Iterable, Mapping

from .errors import TrackerError


def resolve(text: str, catalogue: Iterable[Mapping]) -> str:
    """The slug meant by ``text`` (case-insensitive); an error naming the closest matches otherwise."""
    wanted = (text or "").strip().lower()
    keys: dict[str, str] = {}
    for c in catalogue:
        keys[c["slug"].lower()] = c["slug"]
        for alias in c.get("aliases") or ():
            if isinstance(alias, str):  # a definition imported with a non-name alias must not break lookups
                keys.setdefault(alias.lower(), c["slug"])
    if not wanted:
        raise TrackerError("no commitment given: name one by slug or alias (see `tracker commitments`)")
    if wanted in keys:
        return keys[wanted]
    hits = sorted({slug for key, slug in keys.items() if key.startswith(wanted)})
    if len(hits) == 1:
        return hits[0]
    if hits:
        raise TrackerError(
            f"{text!r} is ambiguous: it could be {', '.join(hits)}; type more of the name"
        )
    close = difflib.get_close_matches(wanted, list(keys), n=3, cutoff=0.5)
    best = list(dict.fromkeys(keys[k] for k in close))  # closest first
    hint = f"; did you mean {' or '.join(best)}?" if best else ""
    raise TrackerError(f"unknown commitment {text!r}{hint} (see `tracker commitments`)")
