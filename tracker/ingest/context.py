"""The context of a sentence: which of its clauses are background, and which countries it is about.

Both are data (``rules/context.toml``, described at its head):

- :func:`background` finds the clauses that give past events as context ("since the
  pilgrimage was called off in 2020", "a month after the two sides agreed", "which had been
  suspended", past perfect) and :func:`mask` blanks them out, keeping every offset, so the
  cue rules and the dates read only the main clause;
- :func:`sides` says which sides a piece of text names (``india``, ``china``, ``other``);
  :func:`other_pair` is true when it names another country and not both India and China.

All patterns are linear: no nested quantifiers over the text.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any, Mapping

from tracker.core.errors import TrackerError
from tracker.ingest.ruledata import compiled, strings_of, version_of

_SAID = re.compile(r"\b(?:said|says|told|stated|announced|added|confirmed|according\s+to)\b", re.IGNORECASE)
_SEGMENT_END = re.compile(r"[,;:()\[\]—–]|\s-\s")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_REACHES = ("rest", "segment", "match", "sentence")
# where a background of reach "sentence" ends: "Before the pandemic, ... flights a month, and on
# Sunday IndiGo resumed ..." keeps its second clause
_SENTENCE_REACH_END = re.compile(r";|,\s{1,3}(?:and|but|while|whereas)\b")


@dataclass(frozen=True)
class Background:
    id: str
    version: int
    reach: str  # "rest", "segment", "match" or "sentence"
    patterns: tuple[re.Pattern, ...]
    reason: str
    unless_said: bool = False  # not in reported speech ("the minister said that China had agreed")
    skip_names: bool = False  # a name inside proposes nothing (names_inside = "skip")

    @property
    def ref(self) -> str:
        return f"{self.id}@{self.version}"


@dataclass(frozen=True)
class Masked:
    """A background clause: where it is, and the rule that found it."""

    start: int
    end: int
    rule: Background


@dataclass(frozen=True)
class Countries:
    india: re.Pattern
    china: re.Pattern
    other: re.Pattern


@dataclass(frozen=True)
class NameRule:
    """A name made of parts ("IndiGo" with a place on each side), or one that needs a word of
    its subject in the sentence (``names``: "Brahmaputra" with "data" or "flood")."""

    id: str
    version: int
    commitment: str
    patterns: tuple[re.Pattern, ...]
    reason: str
    sides: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()

    @property
    def ref(self) -> str:
        return f"{self.id}@{self.version}"


@dataclass(frozen=True)
class Context:
    version: int
    background: tuple[Background, ...]
    countries: Countries
    name_rules: tuple[NameRule, ...] = ()
    name_contexts: tuple[NameRule, ...] = ()
    venues: tuple[Background, ...] = ()


def parse_context(data: Mapping[str, Any], where: str = "context.toml") -> Context:
    version = data.get("version")
    if not isinstance(version, int) or version < 1:
        raise TrackerError(f"{where}: the file needs `version = N` (an integer >= 1) at the top")
    rows = data.get("background", [])
    if not isinstance(rows, list):
        raise TrackerError(f"{where}: `background` must be a list of [[background]] tables")
    rules = tuple(_background(raw, n, where) for n, raw in enumerate(rows, start=1))
    raw = data.get("countries", {})
    if not isinstance(raw, Mapping):
        raise TrackerError(f"{where}: [countries] must be a table of india / china / other lists")
    countries = Countries(*(_names(raw, side, where) for side in ("india", "china", "other")))
    named = tuple(_name_rule(r, n, where, "name_rule") for n, r in enumerate(data.get("name_rule", []), 1))
    needs = tuple(_name_rule(r, n, where, "name_context") for n, r in enumerate(data.get("name_context", []), 1))
    venues = tuple(_background({**r, "reach": "rest"} if isinstance(r, Mapping) else r, n, where)
                   for n, r in enumerate(data.get("venue", []), 1))
    return Context(version, rules, countries, named, needs, venues)


def _name_rule(raw: Any, n: int, where: str, table: str) -> NameRule:
    label = f"{where}: {table} {n}"
    base = _background({**raw, "reach": "rest"} if isinstance(raw, Mapping) else raw, n, where)
    commitment = raw.get("commitment")
    if not isinstance(commitment, str) or not commitment:
        raise TrackerError(f"{label}: `commitment` must be a slug")
    lists = {k: strings_of(raw, k, label) for k in ("sides", "names")}
    return NameRule(base.id, base.version, commitment, base.patterns, base.reason,
                    frozenset(lists["sides"]), frozenset(v.lower() for v in lists["names"]))


def _background(raw: Any, n: int, where: str) -> Background:
    if not isinstance(raw, Mapping):
        raise TrackerError(f"{where}: background rule {n} is not a table")
    rid, version, reach = raw.get("id"), raw.get("version"), raw.get("reach", "rest")
    label = f"{where}: background rule {n} ({rid!r})"
    if not isinstance(rid, str) or not _ID.match(rid):
        raise TrackerError(f"{label}: `id` must be lowercase letters, digits and hyphens")
    version_of(raw, label)
    if reach not in _REACHES:
        raise TrackerError(f"{label}: `reach` must be one of {', '.join(_REACHES)}")
    patterns = compiled(strings_of(raw, "patterns", label, required=True), label)
    if raw.get("names_inside", "main") not in ("main", "skip"):
        raise TrackerError(f"{label}: `names_inside` must be \"main\" or \"skip\"")
    return Background(rid, version, reach, patterns, str(raw.get("reason", "background")).strip(),
                      raw.get("unless_said") is True, raw.get("names_inside") == "skip")


def _names(raw: Mapping, side: str, where: str) -> re.Pattern:
    names = raw.get(side, [])
    if not isinstance(names, list) or not all(isinstance(n, str) and n.strip() for n in names):
        raise TrackerError(f"{where}: countries.{side} must be a list of names")
    if not names:
        return re.compile(r"(?!)")
    forms = {n.strip() for n in names} | {n.strip().upper() for n in names if len(n.strip()) >= 4}
    alternatives = sorted({re.escape(n) for n in forms}, key=len, reverse=True)
    return re.compile(r"(?<![\w.])(?:" + "|".join(alternatives) + r")(?![\w])")


def background(sentence: str, context: Context) -> list[Masked]:
    """The background clauses of ``sentence``, in order (they may overlap)."""
    out = []
    said = bool(_SAID.search(sentence))
    ends = [(m.start(), m.end()) for m in _SEGMENT_END.finditer(sentence)]  # the segment breaks, in order
    starts = [b for _, b in ends]
    for rule in context.background:
        if rule.unless_said and said:
            continue
        for pattern in rule.patterns:
            for m in pattern.finditer(sentence):
                i = bisect.bisect_right(starts, m.start())  # breaks ending at or before the match
                seg_start = starts[i - 1] if i else 0
                j = bisect.bisect_left(ends, (m.start(), -1))
                seg_end = ends[j][0] if j < len(ends) else len(sentence)
                if rule.reach == "match":
                    start, end = m.start(), m.end()
                elif rule.reach == "sentence":  # to the end of the sentence, a semicolon or ", and ..."
                    stop = _SENTENCE_REACH_END.search(sentence, m.end())
                    start, end = m.start(), stop.start() if stop else len(sentence)
                else:
                    start = seg_start if rule.reach == "segment" else m.start()
                    end = _continued(sentence, max(seg_end, m.end()), ends)
                out.append(Masked(start, end, rule))
    return sorted(out, key=lambda b: b.start)


# a background clause that goes on in a relative clause ("since the foreign secretary's January
# visit, when the two governments said they had agreed ...") is background to the next break
_CONTINUED = re.compile(r",\s*(?:when|which)\b", re.IGNORECASE)


def _continued(sentence: str, end: int, ends: list[tuple[int, int]]) -> int:
    if not _CONTINUED.match(sentence, end):
        return end
    j = bisect.bisect_right(ends, (end, len(sentence)))  # the first break after this one
    return ends[j][0] if j < len(ends) else len(sentence)


def merged(spans) -> list[tuple[int, int]]:
    """The union of ``spans`` (objects with start and end, sorted by start) as sorted intervals."""
    out: list[list[int]] = []
    for b in spans:
        if out and b.start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b.end)
        else:
            out.append([b.start, b.end])
    return [(a, z) for a, z in out]


def inside(intervals: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``start:end`` lies within one of the sorted, disjoint ``intervals``."""
    i = bisect.bisect_right(intervals, (start, float("inf"))) - 1
    return i >= 0 and intervals[i][0] <= start and end <= intervals[i][1]


def mask(sentence: str, spans: list[Masked]) -> str:
    """``sentence`` with the background clauses blanked out (same length, same offsets)."""
    if not spans:
        return sentence
    parts, pos = [], 0
    for a, z in merged(spans):
        parts += [sentence[pos:a], re.sub(r"\S", " ", sentence[a:z])]
        pos = z
    parts.append(sentence[pos:])
    return "".join(parts)


def venues(sentence: str, context: Context) -> list[Masked]:
    """Where ``sentence`` names the place or occasion of a meeting ("on the sidelines of the
    BRICS summit"): a name inside is not the meeting's subject."""
    found = [Masked(m.start(), m.end(), rule) for rule in context.venues
             for pattern in rule.patterns for m in pattern.finditer(sentence)]
    return sorted(found, key=lambda b: b.start)


def covering(spans: list[Masked], start: int, end: int) -> Masked | None:
    """The background clause that holds ``start:end``, if any."""
    return next((b for b in spans if b.start <= start and end <= b.end), None)


_VENUE = re.compile(r"\b(?:in|at|to)\s+(?:the\s+)?$|\bsidelines\s+of\s+(?:the\s+)?(?:\w+\s+){0,3}$", re.IGNORECASE)
_VENUE_VERB = re.compile(r"\b(?:met|meet|meets|meeting|held|talks|summit|visit|visited|visiting|travelled|trip)\b",
                         re.IGNORECASE)


def sides(text: str, context: Context) -> frozenset[str]:
    """Which sides ``text`` names: a subset of {"india", "china", "other"}.  A place where
    the two sides met ("met in Russia", "on the sidelines of the G20 summit in Rio") is a
    venue, not a side."""
    c = context.countries
    found = {side for side, pattern in (("india", c.india), ("china", c.china)) if pattern.search(text)}
    venue = bool(_VENUE_VERB.search(text))
    others = {m.group(0) for m in c.other.finditer(text)
              if not (venue and _VENUE.search(text, max(0, m.start() - 60), m.start()))}
    if others:
        found.add("other")
    if len(others) >= 2:  # "travellers from India, China, Russia, Malaysia and Japan": a list, not a pair
        found.add("many")
    return frozenset(found)


def other_pair(named: frozenset[str]) -> bool:
    """True when the sides named are another pair of countries: another country, and not
    both India and China; or India and China only as two of a list of countries."""
    return "other" in named and (not {"india", "china"} <= named or "many" in named)


_LEAD_IN = re.compile(r"[\W_]{0,4}")
# "Kathmandu, Aug 3 (PTI) —", "KATHMANDU:", "Kathmandu —", "WASHINGTON (Reuters) -": a dateline's place;
# "Bangladesh and China", "Singapore-based analysts": not a country as the subject either
_NOT_A_SUBJECT = re.compile(r"(?:/[\w ]{1,20})?\s{0,3}(?:,\s{0,3}(?:\(|[A-Z][a-z]{2,8}\.?\s{1,3}\d|\d)|\(|:|[—–]|-(?=[a-z])"
                            r"|\s{1,3}(?:and|&|-|–)\s)")
# India and China (or "the two sides") named as a subject in the sentence: their news, whoever leads it
_PAIR_SUBJECT = re.compile(r"\b(?:India\s+and\s+China|China\s+and\s+India|New\s+Delhi\s+and\s+Beijing|"
                           r"Beijing\s+and\s+New\s+Delhi|the\s+two\s+(?:sides|countries|neighbou?rs|governments)|"
                           r"both\s+(?:sides|countries|governments))\s+(?:have|has|had|will|would|agreed|resumed|"
                           r"decided|signed|restored|reopened|began|started|[a-z]+ed)\b")


def led_by_other(sentence: str, context: Context) -> bool:
    """Whether another country is the sentence's subject ("Dhaka ... receives flood readings from
    India", "Nepal has objected to India and China using Lipulekh"): its news is that country's.
    Not when India and China (or "the two sides") are a subject further on ("US tariffs have pushed
    India and China closer; the two sides resumed direct flights")."""
    start = _LEAD_IN.match(sentence).end()
    m = context.countries.other.match(sentence, start)
    return (m is not None and not _NOT_A_SUBJECT.match(sentence, m.end())
            and not _PAIR_SUBJECT.search(sentence, m.end()))


def official_sides(actors, officials) -> frozenset[str]:
    """The sides of the officials named (their ``side`` in officials.toml)."""
    by_name = {o.name: o.side.lower() for o in officials}
    return frozenset(by_name[a] for a in actors if by_name.get(a) in ("india", "china"))


def other_names(text: str, context: Context) -> list[str]:
    return [m.group(0) for m in context.countries.other.finditer(text)]
