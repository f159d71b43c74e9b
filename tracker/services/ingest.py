"""``tracker ingest``: store a new readout as a source and propose the events it reports.

The text engine (:mod:`tracker.ingest.engine`) proposes; this module adds what the store knows: the
status each proposal would move, whether it is already recorded, and the recording itself, in
one transaction. The source is stored in every mode (once: by its hash), so the JSON proposals
can be edited and given to ``tracker import``; events are recorded only when accepted.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable

from tracker.core import claims
from tracker.core.errors import StoreProblem
from tracker.store import events as st
from tracker.core.dates import PartialDate
from tracker.store.database import Store
from tracker.core.model import Event, Kind
from tracker.core.fold import fold
from tracker.ingest.doubt import DOUBTFUL
from tracker.services.queries import event_row, parse_date
from tracker.inputs import read_document
from tracker.services.record import published_of, register_document


@dataclass
class Proposed:
    """A proposal as shown to the person who decides: the event, why, and what the store knows."""

    event: Event
    rule: str
    reason: str
    date_basis: str
    already: bool = False  # the same event is stored
    duplicate: bool = False  # an earlier sentence of this text proposes the same event
    due: PartialDate | None = None  # the plan's deadline, when the sentence gives one
    also: tuple[str, ...] = ()  # further sentences of the text saying the same
    explain: dict | None = None  # how the sentence was read (clause, rule, reason)


def catalogue_names(commitments: list[dict]) -> dict[str, list[str]]:
    return {c["slug"]: [c["title"], c["slug"], *c["aliases"], *c["names"]] for c in commitments}


def analyse(text: str, published: PartialDate, catalogue: list[dict]):
    """The engine's reading of ``text``: pure text analysis, run before any write lock is taken."""
    from tracker.ingest.reading import read

    return read(text, published, catalogue_names(catalogue))


def propose(conn, text: str, source: dict, published: PartialDate, reading: list | None = None,
            found=None) -> list[Proposed]:
    """The proposals for ``text``; ``reading``, when given, gets the engine's full reading
    (unmatched sentences and per-sentence notes, for ``--explain``). ``found``: the reading,
    made by :func:`analyse` before the transaction."""
    out = []
    known: dict[str, dict[tuple, Event | None]] = {}  # per commitment: claim key -> stored event
    if found is None:
        found = analyse(text, published, st.commitments(conn))
    if reading is not None:
        reading.append(found)
    for p in found.proposals:
        due = p.due  # the deadline a plan names ("by the end of next month"), if any
        event = Event(commitment=p.commitment, kind=p.kind, date=p.date, source=source["id"],
                      published=published, quote=p.quote, actors=tuple(p.actors),
                      note=f"proposed by ingest ({p.rule}): {p.reason}",
                      due=PartialDate.parse(due) if isinstance(due, str) else due)
        if p.commitment not in known:
            known[p.commitment] = dict(claims.live_claim_keys(st.stream(conn, p.commitment)))
        key = claims.claim_key(event.commitment, event.kind, event.date, event.source)
        # a second sentence saying the same thing (same commitment, kind, date, source) is the same event
        stored = known[p.commitment].get(key)
        if stored is not None:
            event = replace(event, id=stored.id, recorded_at=stored.recorded_at)
        out.append(Proposed(event, p.rule, p.reason, p.date_basis, already=stored is not None,
                            duplicate=stored is None and key in known[p.commitment], due=p.due, also=p.also,
                            explain={"clause": p.clause, "name": p.matched_name, "rule": p.rule,
                                     "reason": p.reason, "date_basis": p.date_basis}))
        known[p.commitment].setdefault(key, None)
    return out


def rows(conn, proposals: list[Proposed]) -> list[dict]:
    """History-shaped rows, with the status each accepted-so-far proposal would move."""
    streams = {p.event.commitment: st.stream(conn, p.event.commitment) for p in proposals}
    pending: dict[str, list[Event]] = {}
    out = []
    for n, p in enumerate(proposals, start=1):
        slug = p.event.commitment
        before = fold(streams[slug] + pending.get(slug, []), slug).status
        trial = replace(p.event, version=10**9 + n)
        after = fold(streams[slug] + pending.get(slug, []) + [trial], slug).status
        if not (p.already or p.duplicate):
            pending.setdefault(slug, []).append(trial)
        row = event_row(p.event, before, after)
        row.update(id=p.event.id or None, rule=p.rule, reason=p.reason, date_basis=p.date_basis,
                   already_recorded=p.already, duplicate=p.duplicate)
        row.setdefault("due", str(p.due) if p.due else None)
        row["also"] = list(p.also)
        out.append(row)
    return out


def ingest(store: Store, path: str, published: str | None = None, title: str | None = None,
           publisher: str | None = None, url: str | None = None, record: bool = False,
           decide: Callable[[list[dict]], list[dict | None]] | None = None, explain: bool = False) -> dict:
    """Store ``path`` as a source, propose events, and record the accepted ones.

    ``record`` accepts every new proposal (``--yes``); ``decide`` (interactive) gets the
    proposal rows and returns, per row, the row to record (possibly with another kind or date)
    or None to skip. With neither, nothing but the source is recorded.
    """
    doc = read_document(path)  # a file, a URL or stdin: read (and fetched) before any lock
    text = doc.text

    def look(conn):
        stored = st.source_by_hash(conn, st.content_hash(text))
        pub = (PartialDate.parse(stored["published"]) if stored and stored.get("published")
               else published_of(text, published, doc)[0])
        return st.commitments(conn), pub

    # The text is analysed with no lock held (a long text must not block other writers); the
    # write transaction registers the source and compares the proposals with the store.
    catalogue, assumed = store.run(look, write=False)
    found = analyse(text, assumed, catalogue)

    def first(conn):
        source, created = register_document(conn, doc, published, title, publisher, url)
        source_pub = (PartialDate.parse(source["published"]) if source.get("published")
                      else published_of(text, published, doc)[0])
        if source_pub != assumed or st.commitments(conn) != catalogue:
            raise _Changed(source_pub)  # the store changed meanwhile: analyse again, outside the lock
        proposals = propose(conn, text, source, source_pub, reading, found)
        return source, created, proposals, rows(conn, proposals)

    reading: list = []
    for _ in range(3):
        try:
            source, created, proposals, shown = store.run(first, write=True)
            break
        except _Changed as changed:
            catalogue, assumed = store.run(look, write=False)[0], changed.published
            found = analyse(text, assumed, catalogue)
    else:
        raise StoreProblem("the store kept changing while this text was analysed: run the command again")
    if explain:
        for p, row in zip(proposals, shown):
            row["explain"] = p.explain
    choices: list[dict | None]
    if record:
        choices = [None if r["already_recorded"] or r["duplicate"] else r for r in shown]
    elif decide is not None and shown:
        choices = decide(shown)
    else:
        choices = [None] * len(shown)
    chosen = [(p, c) for p, c in zip(proposals, choices) if c is not None]
    recorded = store.run(lambda conn: _record(conn, chosen), write=True) if chosen else []
    ids = {id(p): e for (p, _), e in zip(chosen, recorded) if e is not None}
    for p, row, choice in zip(proposals, shown, choices):
        if id(p) in ids:
            row.update(id=ids[id(p)].id, recorded_at=ids[id(p)].recorded_at)
        row["recorded"] = id(p) in ids
        if row["recorded"] and choice is not None:  # as recorded, after any change of kind or date
            row.update(kind=choice["kind"], date=choice["date"],
                       date_precision=PartialDate.parse(choice["date"]).precision)
    found = reading[-1] if reading else None
    return {"source": source, "source_created": created, "published_basis": source.get("published_basis"), "proposals": shown,
            "recorded": len(ids), "already": sum(r["already_recorded"] for r in shown),
            "unmatched": [vars(u) for u in found.unmatched] if found else [],
            "sentences": [vars(n) for n in found.notes] if found else [],
            "doubtful": sum(1 for n in found.notes if n.why.startswith(DOUBTFUL)) if found else 0}


def _record(conn, chosen: list[tuple[Proposed, dict]]) -> list[Event | None]:
    """Append the chosen proposals (as edited); one already stored meanwhile is skipped (None)."""
    events: list[Event | None] = []
    seen: set[tuple] = set()
    for p, row in chosen:
        kind = Kind(row["kind"]) if row["kind"] != p.event.kind.value else p.event.kind
        date = parse_date(row["date"], "date") if row["date"] != str(p.event.date) else p.event.date
        event = replace(p.event, kind=kind, date=date, published=None)
        key = claims.claim_key(event.commitment, event.kind, event.date, event.source)
        stored = claims.live_claim_keys(st.stream(conn, event.commitment))
        events.append(None if key in stored or key in seen else event)
        seen.add(key)
    appended = iter(st.append(conn, [e for e in events if e is not None]))
    return [next(appended) if e is not None else None for e in events]


class _Changed(Exception):
    """The store changed between the analysis (no lock) and the write transaction."""

    def __init__(self, published: PartialDate):
        super().__init__("changed")
        self.published = published
