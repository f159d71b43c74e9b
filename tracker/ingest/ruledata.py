"""What the rules files share (cues.toml, context.toml): the kinds a rule may name, and reading a
rule's version, its lists of strings and its regular expressions, each with an error that names
the rule (a :class:`TrackerError`, never a traceback)."""
from __future__ import annotations

import re
from typing import Any, Mapping

from tracker.core.errors import TrackerError
from tracker.core.model import CLAIM_KINDS, Kind

KINDS: dict[str, Kind | None] = {k.value: k for k in CLAIM_KINDS}
KINDS["none"] = None  # a rule that says there is no event here (negation, absence)


def version_of(raw: Mapping[str, Any], label: str) -> int:
    version = raw.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise TrackerError(f"{label}: `version` must be an integer >= 1")
    return version


def strings_of(raw: Mapping[str, Any], key: str, label: str, *, required: bool = False,
               what: str = "strings") -> list[str]:
    """``raw[key]``: a list of strings (empty when absent, unless ``required``)."""
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value) or (required and not value):
        raise TrackerError(f"{label}: `{key}` must be a {'non-empty ' if required else ''}list of {what}")
    return value


def compiled(texts: list[str], label: str, what: str = "pattern") -> tuple[re.Pattern, ...]:
    """The regular expressions ``texts``, matched case-insensitively."""
    out = []
    for text in texts:
        try:
            out.append(re.compile(text, re.IGNORECASE))
        except re.error as exc:
            raise TrackerError(f"{label}: bad {what} {text!r}: {exc}") from None
    return tuple(out)
