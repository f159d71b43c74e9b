"""Modality: what the words just before a cue do to it ("not", "will", "is being").

A cue rule says what a verb means when it is reported as fact: "resumed" is implemented.  The
same verb under a negation ("have not resumed"), in the future ("will resume by the end of
next month", "is set to resume") or in the progressive ("are being restored") says something
else.  Rather than write each cue three more times, ``[[modality]]`` tables in
``rules/cues.toml`` say, once, how such words change any cue of the kinds they apply to:

    [[modality]]
    id = "future"            # shown with the cue's own rule: "flights-operated@3+future@1"
    version = 1
    applies_to = ["implemented"]   # the kinds of cue it changes
    becomes = "agreed"             # the kind it gives ("none": no event)
    before = ['\\bwill\\s+(?:\\w+\\s+){0,2}$']   # matched against the words just before the cue
    commitments = []               # optional: only for these
    words = []                     # optional: the cue's own words must match one ("^\\w+ing\\b")
    reaches = ["nearest", "weak"]  # optional: the reaches of cue it changes
    reason = "a plan announced as settled: agreed (its date is the due date)"

The first table that matches wins.  Only cues of reach "nearest" and "weak" are changed unless
the table says ``reaches = ["clause", "nearest", "weak"]`` (a negation undoes any cue).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any, Mapping

from tracker.core.errors import TrackerError
from tracker.core.model import Kind
from tracker.ingest.ruledata import KINDS, compiled, strings_of, version_of

SKIP = "skip"  # `becomes = "skip"`: the cue does not count at all (another cue may decide)
LOOK_BACK = 140  # characters before the cue, within its clause (a 16-word "No ... has been" fits)
_KEYS = {"id", "version", "applies_to", "becomes", "before", "unless_before", "reason", "commitments", "reaches", "words"}


@dataclass(frozen=True)
class Modality:
    id: str
    version: int
    applies_to: frozenset[Kind]
    becomes: Kind | None
    before: tuple[re.Pattern, ...]
    reason: str
    commitments: frozenset[str] = frozenset()
    reaches: frozenset[str] = frozenset({"nearest", "weak"})
    words: tuple[re.Pattern, ...] = ()  # when given, the cue's own words must match one
    unless_before: tuple[re.Pattern, ...] = ()  # not when one of these matches the words before the cue

    @property
    def ref(self) -> str:
        return f"{self.id}@{self.version}"


def parse_modalities(rows: Any, where: str) -> tuple[Modality, ...]:
    if rows is None:
        return ()
    if not isinstance(rows, list):
        raise TrackerError(f"{where}: `modality` must be a list of [[modality]] tables")
    out, seen = [], set()
    for n, raw in enumerate(rows, start=1):
        label = f"{where}: modality {n}"
        if not isinstance(raw, Mapping) or not isinstance(raw.get("id"), str) or raw["id"] in seen:
            raise TrackerError(f"{label}: needs its own `id`")
        seen.add(raw["id"])
        label = f"{label} ({raw['id']!r})"
        version = version_of(raw, label)
        unknown = set(raw) - _KEYS
        if unknown:
            raise TrackerError(f"{label}: unknown key(s) {', '.join(sorted(unknown))}; use {', '.join(sorted(_KEYS))}")
        applies = strings_of(raw, "applies_to", label, required=True, what="event kinds")
        if not all(KINDS.get(k) for k in applies):
            raise TrackerError(f"{label}: `applies_to` must list event kinds")
        becomes = raw.get("becomes")
        becomes = SKIP if becomes == SKIP else KINDS.get(becomes, False) if isinstance(becomes, str) else False
        if becomes is False:
            raise TrackerError(f"{label}: unknown kind {raw.get('becomes')!r} in `becomes`")
        before = compiled(strings_of(raw, "before", label, required=True, what="patterns"), label)
        reason = raw.get("reason")
        if not isinstance(reason, str) or not reason.strip():
            raise TrackerError(f"{label}: `reason` must say what the wording means")
        only = strings_of(raw, "commitments", label, what="slugs")
        reaches = strings_of(raw, "reaches", label, required=True) if "reaches" in raw else ["nearest", "weak"]
        if not set(reaches) <= {"clause", "nearest", "weak"}:
            raise TrackerError(f"{label}: `reaches` must list some of clause, nearest, weak")
        words = compiled(strings_of(raw, "words", label, what="patterns"), label, "pattern in `words`")
        unless = compiled(strings_of(raw, "unless_before", label, what="patterns"), label)
        out.append(Modality(raw["id"], version, frozenset(KINDS[k] for k in applies), becomes, before,
                            reason.strip(), frozenset(only), frozenset(reaches), words, unless))
    return tuple(out)


def modulate(hit, sentence: str, clause_start: int, modalities, commitment: str | None):
    """``hit`` as the words before it change it: the same hit, one whose cue has the new kind
    and says which modality fired (``cue@v+modality@v``), or None when the cue does not count.
    With ``commitment`` None, a table for some commitments only counts as if for all (used to drop
    the cues that cannot count for any commitment before the cues are chosen)."""
    if hit is None or hit.cue.kind is None:
        return hit
    before = sentence[max(clause_start, hit.start - LOOK_BACK):hit.start]
    for m in modalities:
        if hit.cue.kind not in m.applies_to or hit.cue.reach not in m.reaches \
                or (m.commitments and commitment is not None and commitment not in m.commitments):
            continue
        if m.words and not any(p.search(hit.words) for p in m.words):
            continue
        found = next((f for p in m.before for f in [p.search(before)] if f), None)
        if found is not None and not any(p.search(before) for p in m.unless_before):
            if m.becomes == SKIP:
                return None
            return changed(hit, m, found.group(0))
    return hit


def changed(hit, m: Modality, words: str = ""):
    """``hit`` with its cue's kind changed by ``m`` (``words``: what it matched, shown in the
    reason so that --explain says which words did it); the rule shows both (``cue@v+modality@v``)."""
    words = " ".join(words.split())
    shown = f" (“{words if len(words) <= 50 else '…' + words[-49:]}”)" if words else ""
    cue = replace(hit.cue, id=f"{hit.cue.ref}+{m.id}", version=m.version, via=m.ref, kind=m.becomes,
                  reason=f"{m.reason}{shown} [{hit.cue.reason}]")
    return replace(hit, cue=cue)
