"""Cue rules: the wording that maps a sentence about a commitment to an event kind.

The rules are data (``tracker/ingest/rules/cues.toml``, described at its head); this module
reads them and applies them.  For one mention of a commitment in a sentence:

1. the sentence is cut into clauses (:func:`clauses`), and the mention's clause is
   searched; if no rule fires there, the whole sentence is;
2. a ``name`` rule that ends right before the mention (a passing mention) wins;
3. else the ``clause`` rule of highest priority (negation, hope, "the need for");
4. else the ``nearest`` rule closest to the mention (a word before it is preferred);
5. else a ``weak`` rule, nearest likewise.  No rule, no proposal.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any, Mapping

from tracker.core.model import Kind
from tracker.core.errors import TrackerError
from tracker.ingest.modality import parse_modalities
from tracker.ingest.ruledata import KINDS, compiled, strings_of, version_of
from tracker.ingest.verbs import a_noun_here, verbs_pattern

REACHES = ("name", "clause", "nearest", "weak", "list")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_HALTS = {Kind.SUSPENDED, Kind.ABANDONED}
# the halt is the that-clause's own verb ("entry is suspended"), not a participle ("flights halted in 2020 will resume")
_BE_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been|being|stands?|stood|remains?|remained)\s+(?:\w+\s+)?$", re.IGNORECASE)
_AFTER_PENALTY = 30  # characters: a cue after the name counts as this much farther away
_MAX_BEFORE = 250  # a "nearest" or "weak" cue farther than this before the name does not govern it
_MAX_AFTER = 80  # ... or farther than this after it
_WINDOW = 600  # in a run-on "sentence" (no punctuation), look no farther than this from the name
_CLAUSE_BREAK = re.compile(
    r"""[;—]|\s--\s|\s–\s|,\s{0,3}(?=(?:and|while|with|but|whereas|although|though)\b)"""
    r"""|\band\s+(?=that\b)|\band\s+(?:also\s+)?(?=(?:expressed|hoped|agreed|decided|noted|called|urged|requested|"""
    r"""discussed|reviewed|welcomed|stressed|reaffirmed|reiterated|said|added|pressed|asked|sought|underlined|"""
    r"""underscored|emphasi[sz]ed|highlighted|proposed|suggested|conveyed|pushed)\b)""",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Cue:
    id: str
    version: int
    kind: Kind | None
    reach: str
    priority: int
    patterns: tuple[re.Pattern, ...]
    reason: str
    commitments: frozenset[str] = frozenset()  # only for these (empty: for any)
    verbs: re.Pattern | None = None  # the rule's `verbs`, every form, as one pattern
    via: str = ""  # the [[modality]] that changed this cue's kind ("future@1"), if any
    yields_to: frozenset[Kind] = frozenset()  # dropped when the text proposes one of these for the commitment

    @property
    def ref(self) -> str:
        return f"{self.id}@{self.version}"

    def applies_to(self, commitment: str) -> bool:
        return not self.commitments or commitment in self.commitments


@dataclass(frozen=True)
class CueBook:
    version: int
    cues: tuple[Cue, ...]
    spellings: Mapping[str, str]  # variant (lowercase) -> the form it is read as
    modalities: tuple = ()  # tracker.ingest.modality.Modality: "not", "will", "is being" before a cue


@dataclass(frozen=True)
class Hit:
    """A rule that fired for a mention, and the words it fired on."""

    cue: Cue
    words: str
    start: int
    end: int


def parse_cues(data: Mapping[str, Any], where: str = "cues.toml") -> CueBook:
    """A :class:`CueBook` from the parsed TOML, or a :class:`TrackerError` naming the problem."""
    version = data.get("version")
    if not isinstance(version, int) or version < 1:
        raise TrackerError(f"{where}: the file needs `version = N` (an integer >= 1) at the top")
    spellings: dict[str, str] = {}
    raw_spellings = data.get("spellings", {})
    if not isinstance(raw_spellings, Mapping):
        raise TrackerError(f"{where}: [spellings] must be a table of form = [variants]")
    for form, variants in raw_spellings.items():
        if not isinstance(variants, list) or not all(isinstance(v, str) for v in variants):
            raise TrackerError(f"{where}: spellings.{form} must be a list of strings")
        for v in variants:
            spellings[v.lower()] = str(form).lower()
    rules = data.get("rule")
    if not isinstance(rules, list) or not rules:
        raise TrackerError(f"{where}: no [[rule]] tables: add at least one rule")
    seen: set[str] = set()
    cues = tuple(_parse_rule(raw, n, where, seen) for n, raw in enumerate(rules, start=1))
    return CueBook(version, cues, spellings, parse_modalities(data.get("modality"), where))


def _parse_rule(raw: Any, n: int, where: str, seen: set[str]) -> Cue:
    if not isinstance(raw, Mapping):
        raise TrackerError(f"{where}: rule {n} is not a table")
    rid = raw.get("id")
    label = f"{where}: rule {n} ({rid!r})"
    if not isinstance(rid, str) or not _ID.match(rid):
        raise TrackerError(f"{label}: `id` must be lowercase letters, digits and hyphens")
    if rid in seen:
        raise TrackerError(f"{label}: the id is used twice; give each rule its own id")
    seen.add(rid)
    version, priority = version_of(raw, label), raw.get("priority", 0)
    if not isinstance(priority, int) or isinstance(priority, bool):
        raise TrackerError(f"{label}: `priority` must be an integer")
    kind = KINDS.get(raw.get("kind"), False)
    if kind is False:
        raise TrackerError(f"{label}: unknown kind {raw.get('kind')!r}; use one of {', '.join(KINDS)}")
    reach = raw.get("reach", "nearest")
    if reach not in REACHES:
        raise TrackerError(f"{label}: unknown reach {reach!r}; use one of {', '.join(REACHES)}")
    texts, verbs = strings_of(raw, "patterns", label), strings_of(raw, "verbs", label)
    if not (texts or verbs):
        raise TrackerError(f"{label}: `patterns` and/or `verbs` must be a non-empty list of strings")
    if verbs and reach == "name":
        raise TrackerError(f"{label}: a rule of reach \"name\" takes `patterns`, not `verbs`")
    try:
        verb_pattern = compiled([verbs_pattern(verbs)], label)[0] if verbs else None
    except ValueError as exc:
        raise TrackerError(f"{label}: {exc}") from None
    patterns = compiled(texts, label)
    reason = raw.get("reason", "")
    if not isinstance(reason, str) or not reason.strip():
        raise TrackerError(f"{label}: `reason` must say, for a reviewer, what the wording means")
    only = strings_of(raw, "commitments", label, what="slugs")
    yields = strings_of(raw, "yields_to", label, what="event kinds")
    if not all(KINDS.get(k) for k in yields):
        raise TrackerError(f"{label}: `yields_to` must list event kinds")
    return Cue(rid, version, kind, reach, priority, patterns, reason.strip(), frozenset(only), verb_pattern,
               yields_to=frozenset(KINDS[k] for k in yields))


def clauses(sentence: str) -> list[tuple[int, int]]:
    """``(start, end)`` of the clauses of ``sentence`` (together they cover it)."""
    cuts = [m.start() for m in _CLAUSE_BREAK.finditer(sentence)]
    bounds = [0, *cuts, len(sentence)]
    return [(a, b) for a, b in zip(bounds, bounds[1:]) if b > a] or [(0, len(sentence))]


def clause_of(sentence: str, start: int, spans: list[tuple[int, int]] | None = None) -> tuple[int, int]:
    spans = clauses(sentence) if spans is None else spans
    i = bisect.bisect_right(spans, start, key=lambda span: span[0]) - 1
    if 0 <= i < len(spans) and spans[i][0] <= start < spans[i][1]:
        return spans[i]
    return 0, len(sentence)


def find_hits(sentence: str, book: CueBook) -> list[Hit]:
    """Every place a rule (other than a passing-mention rule) fires in ``sentence``."""
    hits = [Hit(cue, m.group(0), m.start(), m.end())
            for cue in book.cues if cue.reach not in ("name", "list")
            for pattern in cue.patterns for m in pattern.finditer(sentence)]
    hits += [Hit(cue, m.group(0), m.start(), m.end())
             for cue in book.cues if cue.verbs is not None and cue.reach not in ("name", "list")
             for m in cue.verbs.finditer(sentence) if not a_noun_here(sentence, m.start())]
    return sorted((h for h in hits if not _describes_people(sentence, h)), key=lambda h: h.start)


# "Indian yatris undertaking the Yatra", "flights departing Chinese airports", "crews operating it":
# an -ing word right after the people or flights it describes says who they are, not what happened
_DESCRIBED = re.compile(r"\b(?:yatris|pilgrims|devotees|crews|passengers|travell?ers|tourists|applicants|"
                        r"nationals|citizens|people|persons|those|students|flights|services|aircraft|planes|"
                        r"jets|carriers|airlines)\s+$", re.IGNORECASE)
_ING = re.compile(r"[A-Za-z]+ing\b")


def _describes_people(sentence: str, hit: Hit) -> bool:
    return bool(_ING.match(hit.words)) and bool(_DESCRIBED.search(sentence, max(0, hit.start - 20), hit.start))


def choose(sentence: str, name_start: int, name_end: int, book: CueBook,
           hits: list[Hit] | None = None, spans: list[tuple[int, int]] | None = None,
           commitment: str | None = None) -> Hit | None:
    """The rule that decides the kind of the mention at ``name_start:name_end`` (see the module doc).

    ``hits`` and ``spans`` are :func:`find_hits` and :func:`clauses` of the sentence, when known;
    with ``commitment``, rules for other commitments only are left out."""
    passing = _passing(sentence, name_start, book)
    if passing:
        return passing
    hits = find_hits(sentence, book) if hits is None else hits
    if commitment is not None:
        hits = [h for h in hits if h.cue.applies_to(commitment)]
    a, b = clause_of(sentence, name_start, spans)
    return (_best(hits, a, b, name_start, name_end, sentence)
            or _best(hits, 0, len(sentence), name_start, name_end, sentence))


_RELATIVE = re.compile(r"""["'”’)]?\s{0,3},\s{0,3}(?:which|who)\b""", re.IGNORECASE)


def choose_relative(sentence: str, name_end: int, book: CueBook,
                    hits: list[Hit] | None = None, commitment: str | None = None) -> tuple[Hit, int, int] | None:
    """A relative clause right after the name (", which the two sides agreed to resume")
    says something of its own about it: its rule, and the clause's span."""
    m = _RELATIVE.match(sentence, name_end)
    if not m:
        return None
    a = m.end()
    end = min(len(sentence), a + _WINDOW)  # no farther than _best looks: linear in a run-on sentence
    b = next((c.start() for c in _CLAUSE_BREAK.finditer(sentence, a, end)), end)
    hits = find_hits(sentence, book) if hits is None else hits
    hits = [h for h in hits if commitment is None or h.cue.applies_to(commitment)]
    hit = _best(hits, a, b, a, a, sentence)
    return (hit, a, b) if hit else None


def choose_strongest(sentence: str, book: CueBook, commitment: str | None = None) -> Hit | None:
    """For a sentence that refers back ("its revival", "these concerns") and names nothing:
    the clause rule of highest priority, else the "nearest" rule of highest priority; weak
    rules do not count."""
    hits = [h for h in find_hits(sentence, book) if h.cue.reach in ("clause", "nearest")
            and (commitment is None or h.cue.applies_to(commitment))]
    return max(hits, key=lambda h: (h.cue.reach == "clause", h.cue.priority, -h.start), default=None)


def _passing(sentence: str, name_start: int, book: CueBook) -> Hit | None:
    offset = max(0, name_start - 120)
    before = sentence[offset:name_start]
    for cue in book.cues:
        if cue.reach != "name":
            continue
        for pattern in cue.patterns:
            m = pattern.search(before)
            if m:
                return Hit(cue, m.group(0).strip(), offset + m.start(), offset + m.end())
    return None


def _best(hits: list[Hit], a: int, b: int, name_start: int, name_end: int, sentence: str = "") -> Hit | None:
    a, b = max(a, name_start - _WINDOW), min(b, name_end + _WINDOW)
    lo, hi = bisect.bisect_left(hits, a, key=_start), bisect.bisect_left(hits, b, key=_start)
    inside = [h for h in hits[lo:hi] if h.end <= b]
    for reach in ("clause", "nearest", "weak"):
        group = [h for h in inside if h.cue.reach == reach and (reach == "clause" or _near(h, name_start, name_end))]
        if not group:
            continue
        if reach == "clause":
            best = max(group, key=lambda h: (h.cue.priority, -_distance(h, name_start, name_end)))
            if best.cue.kind is Kind.AGREED:  # "has decided that ... entry is suspended": a decision to halt is a halt
                halt = [h for h in inside if h.start > best.start and h.cue.kind in _HALTS and h.cue.reach != "clause"
                        and (h.words.lower().startswith(("not ", "no ")) or _BE_BEFORE.search(sentence, max(0, h.start - 30), h.start))]
                if halt:
                    return min(halt, key=lambda h: _distance(h, name_start, name_end))
            return best
        return min(group, key=lambda h: (_distance(h, name_start, name_end), -h.cue.priority))
    return None


def _start(hit: Hit) -> int:
    return hit.start


def _near(hit: Hit, name_start: int, name_end: int) -> bool:
    if hit.end <= name_start:
        return name_start - hit.end <= _MAX_BEFORE
    return hit.start < name_end or hit.start - name_end <= _MAX_AFTER


def _distance(hit: Hit, name_start: int, name_end: int) -> int:
    if hit.end <= name_start:
        return name_start - hit.end
    if hit.start >= name_end:
        return hit.start - name_end + _AFTER_PENALTY
    return 0  # the cue overlaps the name ("held a strategic dialogue")
