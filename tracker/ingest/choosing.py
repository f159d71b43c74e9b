"""Choosing what one text proposes: everything its sentences said of a commitment, weighed together.

:mod:`tracker.ingest.reading` reads each sentence and leaves, per (commitment, kind), a group of
candidates.  Here, in this order:

1. an absence ("has not been revised"), whose rule ``yields_to`` other kinds, is dropped when
   the text reports one of them;
2. one proposal per (commitment, kind): the best-ranked sentence, the others as ``also`` quotes;
3. where the text reports a commitment done, its "will ..." for more of the same is not news;
4. a text gives its news of a commitment first: a later sentence that only says the thing was
   talked about, after an earlier one said it was decided or done, is context, and so is a later
   "done" after an earlier step towards it (see :data:`CONTEXT_AFTER`);
5. a step beside the thing done, or a restatement beside an ask or a doing, is one event, told as
   the latter (see :data:`SUBSUMED_BY`);
6. what is left is weighed by the doubt check (:mod:`tracker.ingest.doubt`, learned from the
   corpus): a proposal it gives less than its threshold's chance of being right is dropped.

Every drop is written into the sentence's :class:`Note` (``tracker ingest --explain``).
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from tracker.core.model import Kind
from tracker.ingest.doubt import DOUBTFUL, Model, features
from tracker.ingest.guess import GUESS_ID
from tracker.ingest.engine import Proposal


@dataclass(frozen=True)
class Note:
    """How one name of a commitment in one sentence was read."""

    sentence: int  # 1-based number of the sentence in the text
    quote: str
    commitment: str
    name: str
    clause: str  # the clause read, background blanked out
    outcome: str  # "proposed", "also" (a supporting quote of a proposal), "skipped"
    kind: str | None
    rule: str | None  # the cue rule that fired ("id@version")
    why: str


# kind said later -> the kinds which, said earlier of the same commitment, make it context.
# Measured on the corpus's texts 001-666 with round 8's engine: a later "discussed" after an
# agreement, a doing or a halt was right 0 times in 12, a later "implemented" after an agreement, a
# step or talks 0 times in 8.  Not dropped: a later "implemented" after a halt (wrong 3 times in 3,
# but "flights were suspended in 2020 ... on Sunday they resumed" is a real story), and a later
# "discussed" after a step (the seeds read "agreed to expedite flights and address [export curbs]"
# as a step on the curbs, and code the curbs discussed further on).
CONTEXT_AFTER = {
    Kind.DISCUSSED: frozenset({Kind.AGREED, Kind.IMPLEMENTED, Kind.SUSPENDED}),
    Kind.IMPLEMENTED: frozenset({Kind.AGREED, Kind.PROGRESS, Kind.DISCUSSED}),
}


# kind -> the kinds which, proposed anywhere in the same text for the same commitment, tell the
# same news further along, so the text's one event is read as the latter (see _drop_subsumed).
# Measured on the dev texts (001-766) with round 10's engine: where a text proposed two kinds for one
# commitment, the gold had two events 4 times in about 110.  "progress" beside "implemented" was
# right once in 10, "reaffirmed" beside "raised" or "implemented" never in 5.  Other pairs also
# gained on dev ("discussed" beside "agreed", right once in 9; "agreed" beside "progress", never in
# 7) but cost the seeds' long articles, which tell several events of one commitment, 1-3 points of
# recall each (all pairs together: dev precision +3.5, seeds' recall 85% -> 70%), so they are not here.
SUBSUMED_BY = {
    Kind.PROGRESS: frozenset({Kind.IMPLEMENTED}),
    Kind.REAFFIRMED: frozenset({Kind.RAISED, Kind.IMPLEMENTED}),
}


@dataclass
class Candidate:
    proposal: Proposal
    rank: tuple
    note: int  # index in the notes


def choose_proposals(candidates: dict, notes: list[Note], doubt: Model | None = None) -> list[Proposal]:
    """One proposal per (commitment, kind): the best sentence, with the others as ``also``."""
    _drop_absences(candidates, notes)
    chosen = []
    for group in candidates.values():
        if not group:
            continue
        group.sort(key=lambda c: c.rank)
        best, rest = group[0], group[1:]
        also = tuple(dict.fromkeys(c.proposal.quote for c in rest if c.proposal.quote != best.proposal.quote))
        for c in rest:
            notes[c.note] = replace(notes[c.note], outcome="also",
                                    why=f"weaker duplicate: sentence {notes[best.note].sentence} says it first")
        chosen.append((best.note, replace(best.proposal, also=also)))
    # a text that reports it done: its "will ..." or "is scheduled to" for more of the same is not a second
    # event (a signed MoU's "China will furnish data from 15 May every year" is its terms)
    done = {p.commitment: n for n, p in chosen if p.kind is Kind.IMPLEMENTED and not p.via}
    kept = []
    for n, p in chosen:
        if p.commitment in done and p.kind is Kind.AGREED and (
                p.via.startswith("future@") or p.rule.startswith("announced-plan@")):
            said = notes[done[p.commitment]].sentence
            notes[n] = replace(notes[n], outcome="skipped",
                               why=f"more of what sentence {said} reports done: not separate news")
            continue
        kept.append((n, p))
    kept = _drop_doubtful(_drop_subsumed(_drop_context(kept, notes), notes), notes, doubt)
    return [p for _, p in sorted(kept, key=lambda item: item[0])]


def _drop_doubtful(chosen: list, notes: list[Note], doubt: Model | None) -> list:
    """Drop what the doubt check gives less than its threshold's chance of being right (not what the
    learned reading proposed or re-read: it is weighed already, and the check learned only the rules'
    proposals)."""
    if doubt is None:
        return chosen
    kept = []
    for n, p in chosen:
        if not doubt.weighs(p.commitment) or any(part.split("@")[0] == GUESS_ID for part in p.rule.split("+")):
            kept.append((n, p))
            continue
        x = features(p.kind.value, p.rule, p.commitment, p.quote, notes[n].sentence)
        chance = doubt.chance(x)
        if chance < doubt.threshold:
            against = ", ".join(doubt.against(x)) or "nothing in particular"
            notes[n] = replace(notes[n], outcome="skipped",
                               why=f"{DOUBTFUL} ({doubt.ref}): read as {p.kind.value} by {p.rule}, but a "
                                   f"{chance:.2f} chance of being right, under {doubt.threshold:.2f}; "
                                   f"against it: {against}")
            continue
        kept.append((n, p))
    return kept


def _drop_subsumed(chosen: list, notes: list[Note]) -> list:
    """Drop a kind that :data:`SUBSUMED_BY` says another kind of the same commitment tells further along."""
    kinds: dict[str, dict[Kind, int]] = {}
    for n, p in chosen:
        kinds.setdefault(p.commitment, {}).setdefault(p.kind, notes[n].sentence)
    kept = []
    for n, p in chosen:
        over = sorted((k.value, s) for k, s in kinds[p.commitment].items() if k in SUBSUMED_BY.get(p.kind, ()))
        if over:
            told = ", ".join(f"{k} (sentence {s})" for k, s in over)
            notes[n] = replace(notes[n], outcome="skipped",
                               why=f"one event: the text tells it further along as {told}")
            continue
        kept.append((n, p))
    return kept


def _drop_context(chosen: list, notes: list[Note]) -> list:
    """Drop what :data:`CONTEXT_AFTER` makes context: a kind said after the sentence that first
    gives news of the commitment (every kind that sentence gives counts, not one of them)."""
    first: dict[str, tuple[int, set[Kind]]] = {}
    for n, p in chosen:
        sentence = notes[n].sentence
        if p.commitment not in first or sentence < first[p.commitment][0]:
            first[p.commitment] = (sentence, {p.kind})
        elif sentence == first[p.commitment][0]:
            first[p.commitment][1].add(p.kind)
    kept = []
    for n, p in chosen:
        sentence, kinds = first[p.commitment]
        earlier = sorted(k.value for k in kinds & CONTEXT_AFTER.get(p.kind, frozenset()))
        if notes[n].sentence > sentence and earlier:
            notes[n] = replace(notes[n], outcome="skipped",
                               why=f"context: sentence {sentence} already gives the text's news of it ({', '.join(earlier)})")
            continue
        kept.append((n, p))
    return kept


def _said(candidates: dict, notes: list[Note]) -> dict[str, dict[Kind, int]]:
    """commitment -> kind -> the first sentence that reports it, by candidates that are not absences."""
    said: dict[str, dict[Kind, int]] = {}
    for (commitment, kind), group in candidates.items():
        firm = [c for c in group if not c.proposal.yields_to]
        if firm:
            said.setdefault(commitment, {})[kind] = min(notes[c.note].sentence for c in firm)
    return said


def _drop_absences(candidates: dict, notes: list[Note]) -> None:
    """An absence ("has not been revised") is news only when nothing else is said of it: a
    candidate whose rule ``yields_to`` a kind the text reports otherwise is dropped (before the
    best of its group is chosen, so a stall found by another rule still stands)."""
    said = _said(candidates, notes)
    for (commitment, _), group in candidates.items():
        kept = []
        for c in group:
            beaten = sorted((k.value, n) for k, n in said.get(commitment, {}).items() if k in c.proposal.yields_to)
            if beaten:
                told = ", ".join(f"{k} (sentence {n})" for k, n in beaten)
                notes[c.note] = replace(notes[c.note], outcome="skipped",
                                        why=f"an absence, and the text also reports it {told}: that is its news")
            else:
                kept.append(c)
        group[:] = kept
