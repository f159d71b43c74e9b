"""Use cases: one function per command, each one transaction on the store.

Functions take a :class:`tracker.store.database.Store` and plain values, return rows (lists of dicts) for
:func:`tracker.output.render`, and raise :class:`tracker.core.errors.TrackerError` on bad input.
"""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

from tracker.store import events as st
from tracker.core.dates import DateError, PartialDate
from tracker.store.database import Store
from tracker.core.model import CLAIM_KINDS, Event, Kind, State, Status
from tracker.core.fold import fold, replay, retracted_ids, select
from tracker.core.errors import TrackerError
from tracker.core.names import resolve


def parse_date(text: str | None, what: str = "date") -> PartialDate | None:
    if text is None:
        return None
    try:
        return PartialDate.parse(text)
    except DateError as exc:
        raise TrackerError(f"{what}: {exc}") from None


def check_text(**fields) -> None:
    """Text arguments that no database can store (a NUL, bytes that are not UTF-8) are input errors."""
    for name, value in fields.items():
        for item in value if isinstance(value, (list, tuple)) else [value]:
            if item is None:
                continue
            if "\x00" in item:
                raise TrackerError(f"--{name} contains a NUL character")
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                raise TrackerError(f"--{name} is not valid UTF-8 text: check the terminal's encoding") from None


def parse_kind(text: str) -> Kind:
    try:
        kind = Kind((text or "").strip().lower())
    except ValueError:
        kind = None
    if kind not in CLAIM_KINDS:
        import difflib

        names = [k.value for k in CLAIM_KINDS]
        close = difflib.get_close_matches((text or "").lower(), names, n=1)
        hint = f"; did you mean {close[0]}?" if close else ""
        raise TrackerError(f"unknown kind {text!r}{hint} (one of: {', '.join(names)})")
    return kind


# --- reading ------------------------------------------------------------------------------

def status_rows(store: Store, as_of: str | None = None, as_known_on: str | None = None,
                quiet_days: int | None = None) -> list[dict]:
    from tracker.core.deadlines import current_due
    from tracker.services.deadlines import check_quiet_days, with_deadlines

    when, known = parse_date(as_of, "--as-of"), parse_date(as_known_on, "--as-known-on")
    quiet_days = check_quiet_days(quiet_days)

    def work(conn):
        if when is None and known is None:  # the read models, as stored: never a replay
            return st.status_table(conn)
        states, dues = {}, {}
        for slug, events in st.each_stream(conn):  # one stream in memory at a time
            chosen = select(events, when, known)
            states[slug], dues[slug] = fold(chosen, slug), current_due(chosen)
        return [status_row(c, states.get(c["slug"], State(c["slug"])), dues.get(c["slug"]))
                for c in st.commitments(conn)]

    return with_deadlines(store.run(work, write=False), when, quiet_days)


def state_of(slug: str, row: dict | None) -> State:
    if row is None:
        return State(slug)
    return State(slug, Status(row["status"]),
                 PartialDate.parse(row["since"]) if row["since"] else None,
                 PartialDate.parse(row["last_event"]) if row["last_event"] else None,
                 row["events"])


def status_row(c: dict, s: State, due: PartialDate | None = None) -> dict:
    return {"commitment": c["slug"], "title": c["title"], "status": s.status.value,
            "since": str(s.since) if s.since else None,
            "last_event": str(s.last_event) if s.last_event else None, "events": s.events,
            "due": str(due) if due else None}


def history_rows(store: Store, commitment: str, as_of: str | None = None,
                 as_known_on: str | None = None) -> list[dict]:
    when, known = parse_date(as_of, "--as-of"), parse_date(as_known_on, "--as-known-on")

    def work(conn):
        slug = resolve(commitment, st.commitments(conn))
        return history_of(st.stream(conn, slug), slug, when, known)

    return store.run(work, write=False)


def history_of(events: list[Event], slug: str, when=None, known=None) -> list[dict]:
    steps = list(replay(select(events, when, known), slug))
    rows = [event_row(s.event, s.before, s.after, s.retracted) for s in steps]
    # Corroboration: other sources reporting the same kind of event on the same date.
    by_claim: dict[tuple, list[str]] = {}
    for s in steps:
        if s.event.is_claim and not s.retracted and s.event.source:
            by_claim.setdefault((s.event.kind, str(s.event.date)), []).append(s.event.source)
    for s, row in zip(steps, rows):
        others = by_claim.get((s.event.kind, str(s.event.date)), []) if s.event.is_claim else []
        row["corroborated_by"] = sorted({src for src in others if src != s.event.source})
        if s.retraction is not None:
            row["retracted_by"] = s.retraction.id
            row["retraction_reason"] = s.retraction.note
        if s.event.kind is Kind.RETRACTED:
            row["retracts"] = s.event.target
    return rows


def event_row(e: Event, before: Status | None, after: Status | None, retracted: bool = False) -> dict:
    return {
        "id": e.id or None, "commitment": e.commitment, "kind": e.kind.value, "date": str(e.date),
        "date_precision": e.date.precision,
        "status_before": before.value if before else None,
        "status_after": after.value if after else None,
        "actors": list(e.actors), "source": e.source,
        "published": str(e.published) if e.published else None, "quote": e.quote,
        "note": e.note, "recorded_at": e.recorded_at, "retracted": retracted,
        "due": str(e.due) if e.due else None,
    }


def commitment_rows(store: Store) -> list[dict]:
    def work(conn):
        cached = st.statuses(conn)
        return [{"commitment": c["slug"], "title": c["title"], "aliases": c["aliases"],
                 "parties": c["parties"], "description": c["description"], "names": c["names"],
                 "status": (cached.get(c["slug"]) or {}).get("status", "not_started")}
                for c in st.commitments(conn)]

    return store.run(work, write=False)


def source_rows(store: Store) -> list[dict]:
    def work(conn):
        return [{"id": s["id"], "title": s["title"], "publisher": s["publisher"],
                 "published": s["published"], "published_basis": s["published_basis"],
                 "url": s["url"], "file": s["filename"], "sha256": s["sha256"],
                 "events": s["events"], "recorded_at": s["recorded_at"], "amended": s.get("amended", 0)}
                for s in st.all_sources(conn, with_text=False)]

    return store.run(work, write=False)


def source_text(store: Store, source: str) -> dict:
    return store.run(lambda conn: find_source(conn, source), write=False)


def find_source(conn, ref: str) -> dict:
    ref = (ref or "").strip()
    hits = st.sources_matching(conn, ref) if len(ref) >= 4 else []
    if len(hits) == 1:
        return hits[0]
    if len(hits) > 1:
        raise TrackerError(f"source id {ref!r} is ambiguous: {', '.join(h['id'] for h in hits)}")
    raise TrackerError(f"unknown source {ref!r}: give a source id (see `tracker sources`) "
                       f"or the path of a text file")


# --- writing ------------------------------------------------------------------------------

def read_text_file(path: str | Path) -> str:
    """A readable, non-empty UTF-8 text file, or one clear error."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except IsADirectoryError:
        raise TrackerError(f"{path} is a directory, not a text file") from None
    except OSError as exc:
        raise TrackerError(f"cannot read {path}: {exc.strerror or exc}") from None
    if len(data) > 20_000_000:
        raise TrackerError(f"{path} is {len(data):,} bytes; a source must be under 20 MB of text")
    if b"\x00" in data:
        raise TrackerError(f"{path} looks binary (it has NUL bytes): give a plain UTF-8 text file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TrackerError(f"{path} is not UTF-8 (byte {exc.start}): convert it, e.g. "
                           f"iconv -f latin1 -t utf-8") from None
    if not text.strip():
        raise TrackerError(f"{path} is empty")
    return text


def register_source(conn, path: str, published: str | None = None, title: str | None = None,
                    publisher: str | None = None, url: str | None = None) -> tuple[dict, bool]:
    """Store a text file as a source (once: the same text is the same source)."""
    text = read_text_file(path)
    existing = st.source_by_hash(conn, st.content_hash(text))
    if existing:
        check_same_metadata(existing, published=published, title=title, publisher=publisher, url=url)
        return existing, False
    pub, basis = published_of(text, published)
    first_line = next((ln.strip() for ln in text.splitlines() if ln.strip()), Path(path).name)
    return st.put_source(conn, text, title=title or first_line[:160], publisher=publisher,
                         published=str(pub), published_basis=basis, url=url,
                         filename=Path(path).name)


def check_same_metadata(existing: dict, **given: str | None) -> None:
    """Options that describe a new source must not silently disagree with the stored one."""
    for field, value in given.items():
        if value is None:
            continue
        stored = existing.get(field)
        if field == "published":
            value = str(parse_date(value, "--published"))
        if value != stored:
            raise TrackerError(
                f"this text is already stored as source {existing['id']} with {field} {stored!r}, "
                f"not {value!r}: leave out --{field} (a source is never changed)")


def published_of(text: str, published: str | None) -> tuple[PartialDate, str]:
    if published:
        return parse_date(published, "--published"), "given with --published"
    from tracker.ingest.textdates import find_published

    found = find_published(text)
    if found is None:
        raise TrackerError("no published date: the text has no date line; give --published YYYY-MM-DD")
    return found, "date line in the text"


MIN_QUOTE = 12  # characters; and at least two words: a quote is evidence, not a fragment


def check_quote(quote: str, source: dict, new_file: str | None = None) -> None:
    if not quote or not quote.strip():
        raise TrackerError("--quote is empty: copy the sentence from the source that supports the event")
    if len(quote.strip()) < MIN_QUOTE or len(quote.split()) < 2:
        raise TrackerError(f"--quote {quote!r} is too short to be evidence: copy the words of the "
                           f"source that say so (at least {MIN_QUOTE} characters)")
    if quote not in source["text"]:
        where = new_file or f"source {source['id']} (`tracker source {source['id']}`)"
        raise TrackerError(f"the quote is not in {where} verbatim: copy it exactly from the text")


def add_event(store: Store, commitment: str, kind: str, date: str, source: str, quote: str,
              actors: Sequence[str] = (), note: str | None = None, published: str | None = None,
              title: str | None = None, publisher: str | None = None, url: str | None = None,
              due: str | None = None) -> dict:
    check_text(commitment=commitment, source=source, quote=quote, actor=list(actors), note=note,
               published=published, title=title, publisher=publisher, url=url, due=due)
    the_kind, the_date, the_due = parse_kind(kind), parse_date(date, "--date"), parse_date(due, "--due")

    def work(conn):
        slug = resolve(commitment, st.commitments(conn))
        new_file = None
        if Path(source).exists():
            src, created = register_source(conn, source, published, title, publisher, url)
            new_file = source if created else None
        else:
            try:
                src = find_source(conn, source)
            except TrackerError:
                if "/" in source or "." in source:
                    raise TrackerError(f"cannot read {source}: no such file (nor a source id)") from None
                raise
            check_same_metadata(src, published=published, title=title, publisher=publisher, url=url)
        check_quote(quote, src, new_file)
        if src.get("published") and the_date.start > PartialDate.parse(src["published"]).end:
            raise TrackerError(f"--date {the_date} is after source {src['id']} was published "
                               f"({src['published']}): an event is dated when it happened; a plan "
                               f"announced in the source is dated by the source")
        event = Event(commitment=slug, kind=the_kind, date=the_date, source=src["id"], quote=quote,
                      actors=tuple(a.strip() for a in actors if a.strip()), note=note or None, due=the_due)
        stream = st.stream(conn, slug)
        gone = retracted_ids(stream)  # a retracted event may be recorded again
        same = next((e for e in stream if e.id not in gone and (e.kind, e.date, e.source, e.quote)
                     == (event.kind, event.date, event.source, event.quote)), None)
        if same is not None:
            raise TrackerError(f"this event is already recorded (event {same.id}): nothing added")
        stored = st.append(conn, [event])[0]
        return {**st.status_table(conn, slug)[0], "event": stored.id,
                "source": src["id"]}

    return store.run(work, write=True)
