"""Reading a text sentence by sentence: what each sentence that names a commitment says, and why.

For each sentence (:mod:`tracker.ingest.sentences`):

1. its sides (:mod:`tracker.ingest.context`): a sentence, or failing that its paragraph, about
   another pair of countries ("flights between Mumbai and Dubai") proposes nothing;
2. its background clauses are masked ("since the pilgrimage was called off in 2020", "which
   had been suspended", past perfect): cues and dates are read in the main clause only, and a
   name inside a background clause takes the main clause's kind;
3. for each name of a commitment (:func:`tracker.ingest.engine.find_mentions`), the cue rules
   (:mod:`tracker.ingest.cues`) give the kind; a rule of kind "none" (negation: "no scheduled
   flight has yet operated") says there is no event; where no rule reads the name, or where the
   sentence names one commitment once and the learned reading (:mod:`tracker.ingest.guess`) finds the
   rule's kind very unlikely and another kind likely, the learned reading's kind is proposed;
4. the date is the main clause's first date, else the sentence's, else the dateline, else the
   published date, never after the published date; a later date is the plan's: the proposal's
   ``due`` (:mod:`tracker.ingest.deadlines`), and the event is dated by the report.

Then (:mod:`tracker.ingest.choosing`) one proposal per (commitment, kind): the first sentence
that names the commitment itself says it best (a sentence that only refers back, "its revival",
comes after); the other
sentences become its ``also`` quotes; and where the text reports a commitment done, its plan
for more of the same ("will undertake the Yatra in five batches") is not separate news.  A
sentence about India and China that names no tracked commitment but has a strong agreement or
implementation cue is ``unmatched``.  Every step is written down as a :class:`Note`
(``tracker ingest --explain``).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from typing import Mapping, Sequence

from tracker.core.dates import PartialDate
from tracker.core.errors import TrackerError
from tracker.core.model import Kind
from tracker.ingest import context as ctx
from tracker.ingest.choosing import Candidate, Note, choose_proposals
from tracker.ingest.cues import Cue, Hit, choose, choose_relative, choose_strongest, clause_of, clauses, find_hits
from tracker.ingest.modality import Modality, changed, modulate
from tracker.ingest.dating import (event_date, old_timeline_entry, paragraph_date, recent_day, story_date,
                                   timeline_entries)
from tracker.ingest.textdates import TextDate, dateline_spans, find_date
from tracker.ingest.engine import (Official, Proposal, Rules, _index, find_actors, find_mentions, load_rules,
                                   named_in_full)
from tracker.ingest.guess import GUESS_ID
from tracker.ingest.lists import item_cues
from tracker.ingest.sentences import BLANK_LINE, sentence_spans

# "it", "this", or the arrangement named by its kind ("The MoU expired on 06.11.2020", an RTI's answer)
_BACK_REFERENCE = re.compile(r"\b(?:it|its|this|these|the\s+same(?!\s+(?:day|time|week|month|year|date))|"
                             r"the\s+(?:MoUs?|memorand(?:um|a)|arrangements?|pact))\b", re.IGNORECASE)
_LABEL = re.compile(r"^\W*+(?:[QA](?:\s*+\d{1,3})?|Q\.?\s*No\.?\s*\d{1,3}|Reply|Answer|Ans|Question)\W*+$", re.IGNORECASE)
_QUESTION = re.compile(r"\?[\s\"'”’)\]]*$")
_SHOWN = 400  # characters of a clause shown on each side of the name
_BOTH_SIDES = re.compile(r"\b(?:the\s+two|both)\s+(?:sides|countries|governments|neighbou?rs)\b", re.IGNORECASE)
_UNMATCHED_KINDS = {Kind.AGREED, Kind.IMPLEMENTED}
# Done on a date after the report: announced, not done yet.
_LATER = Modality("dated-later", 1, frozenset({Kind.IMPLEMENTED}), Kind.PROGRESS, (),
                  "dated after the report: announced or scheduled, not done yet: progress")


@dataclass(frozen=True)
class Unmatched:
    """A sentence about India and China with a strong cue, naming no tracked commitment."""

    quote: str
    kind: str
    rule: str
    cue: str


@dataclass(frozen=True)
class Reading:
    proposals: list[Proposal]
    unmatched: list[Unmatched]
    notes: list[Note]


def read(text: str, published: PartialDate, catalogue: Mapping[str, Sequence[str]],
         officials: Sequence[Official] | None = None, *, rules: Rules | None = None) -> Reading:
    """Read ``text`` (see the module doc)."""
    if not isinstance(text, str):
        raise TrackerError("the text to ingest must be a string")
    if not isinstance(published, PartialDate):
        raise TrackerError("a published date is needed to resolve the dates in the text")
    rules = rules or load_rules()
    officials = rules.officials if officials is None else tuple(officials)
    spellings = rules.cues.spellings
    index = _index(catalogue, spellings)
    in_full = named_in_full(text, officials)
    spans = sentence_spans(text)
    fallback = story_date(text, spans, published)
    datelines = dateline_spans(text)
    timeline = timeline_entries(text)
    lists = item_cues(text, spans, rules.cues)
    notes: list[Note] = []
    candidates: dict[tuple[str, Kind], list[Candidate]] = {}
    unmatched: list[Unmatched] = []
    previous: tuple[int, list] = (0, [])
    paragraph_sides: frozenset[str] = frozenset()
    pair_sides: frozenset[str] | None = None  # the first pair of countries the text names: who "the two sides" are
    day_before: TextDate | None = None  # the last recent day the paragraph named
    for n, (a, b) in enumerate(spans, start=1):
        sentence = text[a:b]
        if BLANK_LINE.search(text, previous[0], a):
            paragraph_sides = frozenset()
            day_before = None
        mentions = find_mentions(sentence, index, spellings)
        actors = find_actors(sentence, officials, in_full)
        named = ctx.sides(sentence, rules.context) | ctx.official_sides(actors, officials)
        mentions, dropped = _named_by_rules(sentence, mentions, named, rules.context, catalogue)
        # a sentence naming one side only ("Indian officials said ...") keeps the paragraph's other
        # country: in a paragraph on Bangladesh and India, it is about them, not India–China
        one_side = len(named) == 1 and named <= {"india", "china"} and named <= paragraph_sides
        paragraph_sides = paragraph_sides if one_side else (named or paragraph_sides)
        sides = paragraph_sides
        via_pair = not sides and bool(pair_sides) and bool(_BOTH_SIDES.search(sentence))
        if via_pair:
            sides = pair_sides  # "the two sides also agreed ...", in a story led by "Bangladesh and China signed"
        if pair_sides is None and len(named) >= 2 and "many" not in named:
            pair_sides = named
        foreign = ctx.other_pair(sides) or ctx.led_by_other(sentence, rules.context)
        masked = ctx.background(sentence, rules.context)
        fg = _foreground(sentence, masked, a, datelines)
        reader = _Sentence(n, sentence, fg, masked, published, paragraph_date(day_before, fallback), actors, rules,
                           lists.items.get(n - 1))
        if n < len(spans) and not foreign and not BLANK_LINE.search(text, b, spans[n][0]):  # only a sentence after it uses it
            day_before = recent_day(fg, published) or day_before
        notes.extend(reader.note(m, None, "skipped", None, rule.ref, rule.reason) for m, rule in dropped)
        if not mentions and _LABEL.match(sentence):
            continue  # "A2." before the answer: the answer still refers back to the question
        # a line of a timeline long before the report is history (not a sentence that names its own recent day)
        history = old_timeline_entry(timeline, a, published, _RECAP_DAYS) if timeline and not recent_day(fg, published) else None
        if not mentions:
            found = [] if foreign or history else reader.back_reference(text, a, previous)
            for p in found:
                _add(candidates, notes, reader, p, backref=True)
            if not (found or foreign or history):
                if reader.listed is not None:
                    unmatched.extend(reader.unmatched_item())  # "5. To reopen border trade through Lipulekh ..."
                elif n - 1 not in lists.introductions and (
                        {"india", "china"} <= sides or _BOTH_SIDES.search(sentence)):
                    unmatched.extend(reader.unmatched())
            previous = (b, [])
            continue
        previous = (b, mentions)
        if foreign:
            others = ", ".join(dict.fromkeys(ctx.other_names(sentence, rules.context))) or (
                f"“the two sides” read as the text's first pair: {', '.join(sorted(sides - {'many'}))}" if via_pair
                else "named earlier in the paragraph")
            for m in mentions:
                notes.append(reader.note(m, None, "skipped", None, None, f"other countries ({others}): not India–China"))
            continue
        if history:
            for m in mentions:
                notes.append(reader.note(m, None, "skipped", None, None, f"history: {history.basis}, "
                                         f"more than {_RECAP_DAYS} days before the report ({published})"))
            continue
        for p, note in _no_talk_beside_a_deal(list(reader.mentions(mentions))):
            if p is None:
                notes.append(note)
            else:
                _add(candidates, notes, reader, p, note=note)
    return Reading(choose_proposals(candidates, notes, rules.doubt), unmatched, notes)


NO_CUE = "no cue"
# the learned reading reads sentences of the length it learned from, not a run-on page
_GUESS_CHARS = 2000
# words that deny or doubt what the sentence says: the learned reading does not guess past them
_DENIED = re.compile(r"\b(?:not|never|no|nor|neither|without|yet\s+to|denie[sd]|deny|false|rumou?rs?|unlikely|"
                     r"unclear|if|whether|could|might|may)\b|n[’']t\b", re.IGNORECASE)


def foregrounds(text: str, rules: Rules) -> list[str]:
    """Each sentence of ``text`` as the reader reads it: background and datelines' dates blanked
    (what the learned reading learns from, so that it reads what it learned)."""
    datelines = dateline_spans(text)
    return [_foreground(text[a:b], ctx.background(text[a:b], rules.context), a, datelines)
            for a, b in sentence_spans(text)]


def _foreground(sentence: str, masked, start: int, datelines: list[tuple[int, int]]) -> str:
    return _without_datelines(ctx.mask(sentence, masked), start, datelines)


def _without_datelines(fg: str, start: int, datelines: list[tuple[int, int]]) -> str:
    """``fg`` (the sentence at ``start`` of the text) with any dateline's date blanked: the story's
    filing date dates the story (the fallback), not the lead's own event ("met on Monday")."""
    for a, b in datelines:
        a, b = max(a - start, 0), min(b - start, len(fg))
        if a < b:
            fg = fg[:a] + " " * (b - a) + fg[b:]
    return fg


_DEALS = {Kind.AGREED, Kind.PROGRESS, Kind.IMPLEMENTED}


def _no_talk_beside_a_deal(found: list) -> list:
    """A sentence that reports a deal on a commitment ("agreed to convene the mechanism to
    discuss the data") does not also report it merely discussed: "discussed" means no agreement."""
    deals = {(p.commitment, p.clause): p.kind for p, _ in found if p is not None and p.kind in _DEALS}
    out = []
    for p, note in found:
        if p is not None and p.kind is Kind.DISCUSSED and (p.commitment, p.clause) in deals:
            note = replace(note, outcome="skipped",
                           why=f"the clause reports it {deals[p.commitment, p.clause].value}: talk about it is part of that, not separate news")
            p = None
        out.append((p, note))
    return out


def _named_by_rules(sentence, mentions, named, context, catalogue):
    """``mentions`` less the names without their subject in the sentence (``name_context``),
    plus the names made of parts (``name_rule``: an airline with a place on each side)."""
    from tracker.ingest.engine import Mention

    kept, dropped = [], []
    places = ctx.venues(sentence, context) if mentions else []
    where = ctx.merged(places)
    met: dict[str, bool] = {}  # rule id -> whether the sentence has its subject: once per sentence, not per name
    for m in mentions:
        if ctx.inside(where, m.start, m.end):
            dropped.append((m, places[0].rule))
            continue
        unmet = _unmet_context(sentence, m.commitment, m.name.lower(), context, met)
        if unmet:
            dropped.append((m, unmet))
        else:
            kept.append(m)
    have = {m.commitment for m in kept}
    for rule in context.name_rules:
        if rule.commitment in have or rule.commitment not in catalogue or not rule.sides <= named:
            continue
        found = next((m for p in rule.patterns for m in [p.search(sentence)] if m), None)
        if found:
            m = Mention(rule.commitment, f"{found.group(0)} ({rule.ref})", found.start(), found.end())
            unmet = _unmet_context(sentence, m.commitment, rule.id, context, met)  # a name_context may name the rule
            if unmet:
                dropped.append((m, unmet))
                continue
            kept.append(m)
            have.add(rule.commitment)
    return sorted(kept, key=lambda m: m.start), dropped


def _unmet_context(sentence, commitment, name, context, met: dict[str, bool]):
    """The first ``name_context`` for ``name`` (a catalogue name, or a name rule's id) whose subject
    the sentence lacks, or None; ``met`` keeps each rule's answer for the sentence."""
    for rule in context.name_contexts:
        if rule.commitment == commitment and name in rule.names:
            if rule.id not in met:
                met[rule.id] = any(p.search(sentence) for p in rule.patterns)
            if not met[rule.id]:
                return rule
    return None


def _add(candidates, notes, reader, p: Proposal, backref: bool = False, note: Note | None = None) -> None:
    notes.append(note or reader.note_for(p, "proposed"))
    headline = reader.n == 1 and not reader.sentence.rstrip().endswith((".", "!", "?", '"', "”"))
    rank = (backref, headline, not _dated_recently(p, reader.published), reader.n)
    candidates.setdefault((p.commitment, p.kind), []).append(Candidate(p, rank, len(notes) - 1))


_RECAP_KINDS = {Kind.AGREED, Kind.RAISED, Kind.DISCUSSED, Kind.REAFFIRMED, Kind.PROGRESS}
_RECAP_DAYS = 60  # the date follows the act's own words ("agreed in principle in January")
_RECAP_SEASON_DAYS = 100  # the date is elsewhere in the clause ("In late January, ... decided"): a season back
_LASTED = re.compile(r"\s{1,3}for\s{1,3}(?:(?:more\s{1,3}than|over|nearly|almost|about|some)\s{1,3})?[\w-]{1,20}\s{1,3}years\b",
                     re.IGNORECASE)
_DONE_KINDS = {Kind.IMPLEMENTED, Kind.SUSPENDED}
_RECAP_DONE_DAYS = 366  # a thing done on a named day (or halted in a named month) more than a year before the report is its past


def _recap(p: Proposal, published: PartialDate, days: int = _RECAP_DAYS) -> bool:
    """A decision the sentence itself dates more than ``days`` before the report ("agreed in
    principle in January", in a November story), or a thing done in a month long gone ("restored
    tourist visas in July", in December), is recalled as background, not news."""
    if p.date_basis.startswith(("no date in the sentence", "a plan", "the story")):
        return False
    # a day named for a thing done ("resumed on 26.10.2025") is a record, not a recap, unless years
    # back: an RTI reply's "data was received from 15.05.2020", answered in 2023.  Likewise a lapse
    # the sentence dates more than a year back ("the MoU ran out in June 2023", told in August 2025;
    # "the memorandum ran out in 2020", told in 2025) is the thing's history; a state "since 2022" is
    # dated by the report instead, and a state in a year ("remained stalled in 2023") keeps its year
    done_on_a_day = p.kind in _DONE_KINDS and p.date.precision == "day"
    lapsed = p.kind is Kind.STALLED and (p.date.precision in ("day", "month") or (
        p.date.precision == "year" and _LAPSED.search(p.clause or p.quote) is not None))
    if done_on_a_day or lapsed:
        return _over_a_year_back(p.date, published)
    if p.kind not in _RECAP_KINDS and p.kind not in _DONE_KINDS:
        return False
    try:
        if p.kind in _DONE_KINDS and p.date.precision == "month":  # done "in October", told in December
            return p.date.end < published.start and (published.start - p.date.start).days > days
        return (published.start - p.date.end).days > days  # "resumed in 2025", told in February 2026: recent
    except (ValueError, OverflowError):
        return False


def _over_a_year_back(date: PartialDate, published: PartialDate) -> bool:
    try:
        return (published.start - date.end).days > _RECAP_DONE_DAYS
    except (ValueError, OverflowError):
        return False


_LAPSED = re.compile(r"\b(?:expired|lapsed|ran\s+out|ended|ceased)\b", re.IGNORECASE)
_NOW = re.compile(r"\b(?:now|today|this\s+week|again|(?:on|last)\s+(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b",
                  re.IGNORECASE)  # "Starting in June, ... have now agreed": not a recap of June


def _recalled(fg: str, hit: Hit, p: Proposal, published: PartialDate, clause: tuple[int, int]) -> bool:
    """Whether ``p`` is a recap: dated long before the report, by words that date the act itself
    (two months back) or by a date elsewhere in its own clause (a season back); or a thing done or
    halted that the sentence dates to a month more than a year back, wherever the date stands ("visas
    were frozen after the face-off began in May 2020", told in 2025), or to a year more than a year
    back that follows the deed ("have been suspended since 2020")."""
    if (p.kind in _DONE_KINDS and p.date.precision in ("month", "year") and not p.date_basis.startswith(("a plan", "the story"))
            and _over_a_year_back(p.date, published) and not _NOW.search(fg, clause[0], clause[1])
            and (p.date.precision == "month" or _year_after(fg, hit, p.date, clause))):
        return True  # (not "resumed issuing visas this week, ending a freeze imposed in April 2020")
    if _recap(p, published, _RECAP_SEASON_DAYS):
        # up to the next clause after the cue: an opening "In late January," counts; ", which ... in March" does not
        cut = _ANOTHER_CLAUSE.search(fg, hit.end, clause[1])
        found = find_date(fg[clause[0]:cut.start() if cut else clause[1]], published)
        if found is not None and found.date == p.date and not _NOW.search(fg, clause[0], hit.end):
            return True
    return _recap(p, published) and _dated_after(fg, hit, p.date, published)


def _year_after(fg: str, hit: Hit, date: PartialDate, clause: tuple[int, int]) -> bool:
    """Whether the year follows the cue before the next comma, semicolon or dash: it dates the cue's own
    deed ("have been suspended since 2020"), not another's ("has resumed flights, suspended since 2020")."""
    after = _NEXT_PART.split(fg[hit.end:clause[1]], 1)[0]
    return re.search(rf"\b{date.year}\b", after) is not None


_NEXT_PART = re.compile(r"[,;:()\u2013\u2014]")
_ANOTHER_CLAUSE = re.compile(r",(?!\s*(?:19|20)\d\d)|[;:()\u2013\u2014]|\b(?:which|who|that|when|where|after|since|before)\b",
                             re.IGNORECASE)  # not the comma of "March 5, 2024"


def _dated_after(fg: str, hit: Hit, date: PartialDate, published: PartialDate) -> bool:
    """Whether the date follows the cue's words ("agreed in principle in January"), so that it
    dates that act, not something named before it."""
    after = _ANOTHER_CLAUSE.split(fg[hit.end:hit.end + 80], 1)[0]  # not a date of "..., which ... in 2025"
    found = find_date(after, published)
    if found is not None and found.date == date:
        return True
    if hit.cue.via:  # "decided in January to restart it": the date follows the decision
        found = find_date(fg[max(0, hit.start - 40):hit.start], published)
    return found is not None and found.date == date


def _dated_recently(p: Proposal, published: PartialDate) -> bool:
    """Whether the sentence dates the event itself, within a month before the report (a
    sentence that says when is a better quote; an old date is more likely a recap)."""
    if p.date_basis.startswith(("no date in the sentence", "a plan")):
        return False
    try:
        return (published.start - p.date.start).days <= 31
    except (ValueError, OverflowError):
        return False


class _Sentence:
    """One sentence being read: its text, its main clauses, and how to date what it says."""

    def __init__(self, n, sentence, fg, masked, published, fallback, actors, rules, listed=None):
        self.n, self.sentence, self.fg, self.masked = n, sentence, fg, masked
        self.listed = listed  # the hit of the line that introduces the list this sentence opens an item of
        self.published, self.fallback, self.actors, self.rules = published, fallback, actors, rules
        self._hits: list[Hit] | None = None
        self.spans = clauses(fg)
        self.hidden = ctx.merged(masked)  # the background, as disjoint intervals
        self.skipped = ctx.merged([b for b in masked if b.rule.skip_names])
        self._masked_hits: list[Hit] | None = None
        self._guesses: dict = {}  # commitment -> the learned reading's guess

    @property
    def hits(self) -> list[Hit]:
        if self._hits is None:
            every = self.rules.cues.modalities  # the first table that matches decides, as for each name
            self._hits = [h for h in find_hits(self.fg, self.rules.cues)
                          if modulate(h, self.fg, clause_of(self.fg, h.start, self.spans)[0], every, None) is not None]
        return self._hits

    def mentions(self, mentions):
        seen: set[tuple[str, Kind]] = set()
        if _QUESTION.search(self.sentence):
            for m in mentions:
                yield None, self.note(m, None, "skipped", None, None, "a question, not a report")
            return
        for m in mentions:
            if ctx.inside(self.skipped, m.start, m.end):
                rule = next(b.rule for b in self.masked if b.rule.skip_names and b.start <= m.start < b.end)
                yield None, self.note(m, None, "skipped", None, rule.ref, f"{rule.reason}")
                continue
            hit = choose(self.fg, m.start, m.end, self.rules.cues, self.hits, self.spans, m.commitment)
            c0, c1 = clause_of(self.fg, m.start, self.spans)
            if hit is not None and not c0 <= hit.start < c1 and hit.cue.reach != "name":
                c0, c1 = clause_of(self.fg, hit.start, self.spans)  # the cue's own clause says what happened
            found = [(hit, c0, c1)]
            relative = choose_relative(self.fg, m.end, self.rules.cues, self.hits, m.commitment)
            if relative:
                found.append(relative)
            for i, (hit, c0, c1) in enumerate(found):
                hit = self.modulate(hit, m.commitment)
                if hit is None and i == 0 and self.listed is not None and self.listed.cue.applies_to(m.commitment):
                    hit = Hit(self.listed.cue, self.listed.words, m.start, m.start)  # the list's introduction says it
                if hit is None and i == 0:
                    why = self._why_nothing(m)
                    hit = self._guessed(m) if why.startswith(NO_CUE) else None
                    if hit is None:
                        yield None, self.note(m, (c0, c1), "skipped", None, None, why)
                        continue
                if hit is None:
                    yield None, self.note(m, (c0, c1), "skipped", None, None, self._why_nothing(m))
                    continue
                if hit.cue.kind is None:
                    yield None, self.note(m, (c0, c1), "skipped", None, hit.cue.ref,
                                          f"negation: {hit.cue.reason} (“{_words(hit.words)}”)")
                    continue
                if len(found) == 1 and len(mentions) == 1:  # the model reads a sentence as one kind of one
                    hit = self._overruled(m, hit)  # commitment: not one that names several, or one twice
                if (m.commitment, hit.cue.kind) in seen:
                    continue
                seen.add((m.commitment, hit.cue.kind))
                p = self.proposal(m.commitment, hit, (c0, c1), m.name)
                if p.kind in (Kind.SUSPENDED, Kind.STALLED) and _LASTED.match(self.sentence, hit.end):
                    yield None, self.note(m, (c0, c1), "skipped", p.kind.value, p.rule,
                                          "background: a halt that lasted years, told as the past of this news")
                    continue
                if _recalled(self.fg, hit, p, self.published, (c0, c1)):
                    yield None, self.note(m, (c0, c1), "skipped", p.kind.value, p.rule,
                                          f"background: a recap dated {p.date}, long before the report")
                    continue
                yield p, self.note_for(p, "proposed", m.name)
        yield from self._later_clause(mentions, seen)

    def modulate(self, hit: Hit | None, commitment: str) -> Hit | None:
        """The hit as the words just before it change it ("not", "will", "is being")."""
        if hit is None:
            return None
        return modulate(hit, self.fg, clause_of(self.fg, hit.start, self.spans)[0],
                        self.rules.cues.modalities, commitment)

    def _later_clause(self, mentions, seen):
        """A later clause of the sentence that names nothing but refers back to the one
        commitment the sentence names ("... on transboundary rivers and expressed hope for
        progress on this front"): what it says about it."""
        if len({m.commitment for m in mentions}) != 1:
            return
        m = mentions[-1]
        named = clause_of(self.fg, m.start, self.spans)
        for c0, c1 in self.spans:
            if c0 < named[1]:
                continue
            ref = _BACK_REFERENCE.search(self.fg, c0, c1)
            if not ref:
                continue
            lo = bisect.bisect_left(self.hits, c0, key=lambda h: h.start)
            hi = bisect.bisect_left(self.hits, c1, key=lambda h: h.start)
            hits = [h for h in self.hits[lo:hi] if h.end <= c1 and h.cue.applies_to(m.commitment)
                    and h.cue.reach == "clause" and h.cue.kind is not None]
            hit = max(hits, key=lambda h: h.cue.priority, default=None)
            if hit is not None and (m.commitment, hit.cue.kind) not in seen:
                seen.add((m.commitment, hit.cue.kind))
                p = self.proposal(m.commitment, hit, (c0, c1), f"{ref.group(0)} (the {m.name} of this sentence)")
                yield p, self.note_for(p, "proposed")

    def _guessed(self, m) -> Hit | None:
        """The learned reading's kind for a sentence no rule read (see :mod:`tracker.ingest.guess`)."""
        model = self._model()
        if model is None:
            return None
        if m.commitment not in self._guesses:  # once per commitment: a sentence can name it many times
            self._guesses[m.commitment] = model.guess(self.fg, m.commitment, self.n)
        found = self._guesses[m.commitment]
        if found is None:
            return None
        cue = Cue(GUESS_ID, model.version, found.kind, "clause", 0, (),
                  f"guessed by a model learned from the corpus, no rule matched (check it): {found.chance:.0%} "
                  f"{found.kind.value}, {found.nothing:.0%} no event, for the words",
                  frozenset(model.commitments))
        return Hit(cue, ", ".join(found.words) or m.name, m.start, m.end)

    def _model(self):
        """The learned reading, where it may read this sentence: not a run-on page, and not past a
        word of denial or doubt ("have not returned"), which it does not see."""
        model = self.rules.guess
        if model is None or len(self.sentence) > _GUESS_CHARS or _DENIED.search(self.fg):
            return None
        return model

    def _overruled(self, m, hit: Hit) -> Hit:
        """``hit`` with the kind the learned reading reads instead, where it finds the rule's kind
        very unlikely for such a sentence and another kind likely (see :meth:`Guesser.overrule`);
        not past a word of denial or doubt, which the model does not read."""
        model = self._model()
        if model is None or hit.cue.id == GUESS_ID or self.listed is not None:
            return hit  # a list item's kind comes from its introduction, which the model does not read
        found = model.overrule(self.fg, m.commitment, self.n, hit.cue.kind)
        if found is None:
            return hit
        # the rule's settings for its own kind (what it yields to, the modality that changed it) go
        # with that kind; the words shown after the reason are the model's evidence
        cue = replace(hit.cue, id=f"{hit.cue.ref}+{GUESS_ID}", version=model.version, kind=found.kind, via="",
                      yields_to=frozenset(),
                      reason=f"read as {found.kind.value}, not {hit.cue.kind.value}, by a model learned from the "
                             f"corpus (check it): {found.chance:.0%} {found.kind.value}, {found.ruled:.1%} "
                             f"{hit.cue.kind.value} [{hit.cue.ref} read {hit.cue.kind.value}: {hit.cue.reason} "
                             f"(“{_words(hit.words)}”)]; the words for {found.kind.value}")
        return replace(hit, cue=cue, words=", ".join(found.words) or m.name)

    def _why_nothing(self, m) -> str:
        if self._masked_hits is None:  # once per sentence: the cues that only the background holds
            self._masked_hits = [h for h in find_hits(self.sentence, self.rules.cues)
                                 if ctx.inside(self.hidden, h.start, h.start + 1)] if self.masked else []
        h = next((h for h in self._masked_hits if h.cue.applies_to(m.commitment)), None)
        if h is not None:
            b = next(b for b in self.masked if b.start <= h.start < b.end)
            return (f"background ({b.rule.ref}): “{_words(self.sentence[b.start:min(b.end, b.start + 200)])}” is context, "
                    "and the main clause says nothing about it")
        return NO_CUE + ": the sentence names it but says nothing that maps to a kind"

    def proposal(self, commitment: str, hit: Hit, span: tuple[int, int], name: str) -> Proposal:
        date, basis, due = self._date(self.fg[span[0]:span[1]], hit.cue.kind)
        if hit.cue.kind is Kind.IMPLEMENTED and due is not None:  # nothing is done in the future
            hit = changed(hit, _LATER)
        return Proposal(commitment=commitment, kind=hit.cue.kind, date=date, date_basis=basis, quote=self.sentence,
                        actors=self.actors, rule=hit.cue.ref, matched_name=name,
                        reason=f"{hit.cue.reason} (“{_words(hit.words)}”)", due=due, clause=self.shown(*span, hit.start), via=hit.cue.via,
                        yields_to=hit.cue.yields_to)

    def _date(self, clause: str, kind: Kind):
        return event_date(clause, self.fg, kind, self.published, self.fallback)

    def back_reference(self, text, a, previous) -> list[Proposal]:
        """A sentence that names nothing but refers back ("its revival") to the one commitment
        the sentence just before it (same paragraph) named."""
        end, mentions = previous
        slugs = {m.commitment for m in mentions}
        if _QUESTION.search(self.sentence):
            return []
        ref = _BACK_REFERENCE.search(self.fg)
        if len(slugs) != 1 or not ref or BLANK_LINE.search(text, end, a):
            return []
        hit = self.modulate(choose_strongest(self.fg, self.rules.cues, mentions[0].commitment),
                            mentions[0].commitment)
        if hit is None or hit.cue.kind is None:
            return []
        name = f"{ref.group(0)} (the {mentions[0].name} of the sentence before)"
        p = self.proposal(mentions[0].commitment, hit, (0, len(self.fg)), name)
        if _recalled(self.fg, hit, p, self.published, (0, len(self.fg))):
            return []
        return [p]

    def unmatched(self) -> list[Unmatched]:
        hits = [m for h in self.hits for m in [self.modulate(h, "")] if m is not None]
        hits = [h for h in hits if h.cue.kind in _UNMATCHED_KINDS and h.cue.reach in ("nearest", "clause")
                and not h.cue.commitments]
        if not hits or any(h.cue.kind is None for h in self.hits):
            return []
        h = max(hits, key=lambda h: (not h.cue.via, h.cue.priority, -h.start))
        return [Unmatched(self.sentence, h.cue.kind.value, h.cue.ref, _words(h.words))]

    def unmatched_item(self) -> list[Unmatched]:
        """An item of an agreed list that names no tracked commitment: what the list says of it."""
        hit = self.listed
        if hit is None or hit.cue.kind not in _UNMATCHED_KINDS:
            return []
        return [Unmatched(self.sentence, hit.cue.kind.value, hit.cue.ref, _words(hit.words))]

    def shown(self, c0: int, c1: int, near: int | None = None) -> str:
        """The clause ``c0:c1`` as a reader sees it: each background clause as "[…]"; a very long
        clause only around ``near`` (the name)."""
        near = c0 if near is None else near
        lead, tail = ("… " if near - c0 > _SHOWN else ""), (" …" if c1 - near > _SHOWN else "")
        c0, c1 = max(c0, near - _SHOWN), min(c1, near + _SHOWN)
        parts, pos = [lead], c0
        i = max(bisect.bisect_right(self.hidden, (c0, float("inf"))) - 1, 0)
        for b0, b1 in self.hidden[i:]:
            if b0 >= c1:
                break
            a, z = max(b0, pos), min(b1, c1)
            if a < z:
                parts += [self.sentence[pos:a], " […] "]
                pos = z
        parts += [self.sentence[pos:c1], tail]
        return re.sub(r"\s+(?=[,;:.])", "", _words("".join(parts)))

    def note(self, m, span, outcome, kind, rule, why) -> Note:
        return Note(self.n, self.sentence, m.commitment, m.name, self.shown(*span, m.start) if span else "", outcome,
                    kind, rule, why)

    def note_for(self, p: Proposal, outcome: str, name: str | None = None) -> Note:
        return Note(self.n, self.sentence, p.commitment, name or p.matched_name, p.clause, outcome, p.kind.value,
                    p.rule, p.reason)


def _words(text: str) -> str:
    return " ".join(text.split())
