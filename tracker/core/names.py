"""Resolving what a user types to a commitment: slug, alias, or an unambiguous prefix of either."""
from __future__ import annotations

import difflib
from typing import Iterable, Mapping

from tracker.core.errors import TrackerError


def _strings(values) -> list[str]:
    # a definition imported with a non-name alias must not break lookups
    return [v for v in values or () if isinstance(v, str)]


def resolve(text: str, catalogue: Iterable[Mapping]) -> str:
    """The slug meant by ``text`` (case-insensitive): a slug, an alias, one of the commitment's other
    names (as ingest knows them, e.g. "Brahmaputra"), or an unambiguous prefix of a slug or alias.
    Anything else is an error naming the closest matches."""
    wanted = " ".join((text or "").split()).lower()
    keys: dict[str, str] = {}
    names: dict[str, str] = {}
    for c in catalogue:
        keys[c["slug"].lower()] = c["slug"]
        for alias in _strings(c.get("aliases")):
            keys.setdefault(alias.lower(), c["slug"])
        for name in _strings(c.get("names")) + _strings([c.get("title")]):
            names.setdefault(name.lower(), c["slug"])
    if not wanted:
        raise TrackerError("no commitment given: name one by slug or alias (see `tracker commitments`)")
    if wanted in keys:
        return keys[wanted]
    if wanted in names:
        return names[wanted]
    hits = sorted({slug for key, slug in keys.items() if key.startswith(wanted)})
    if len(hits) == 1:
        return hits[0]
    if hits:
        raise TrackerError(
            f"{text!r} is ambiguous: it could be {', '.join(hits)}; type more of the name"
        )
    raise TrackerError(f"unknown commitment {text!r}; the closest are {', '.join(_closest(wanted, keys, names))} "
                       f"(see `tracker commitments`)")


def _closest(wanted: str, keys: dict[str, str], names: dict[str, str], n: int = 3) -> list[str]:
    """The ``n`` commitments whose slug, alias or name is most like ``wanted``, best first."""
    score: dict[str, float] = {}
    for key, slug in [*keys.items(), *names.items()]:
        ratio = difflib.SequenceMatcher(None, wanted, key).ratio()
        if wanted in key or key in wanted:
            ratio += 0.5
        score[slug] = max(score.get(slug, 0.0), ratio)
    return sorted(score, key=lambda slug: (-score[slug], slug))[:n]
