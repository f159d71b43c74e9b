"""The commands that record: ``add`` (and the source files it and ``ingest`` store).

Every claim passes :mod:`tracker.core.claims`, as on every other path.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tracker.core import claims
from tracker.core.dates import DateError, PartialDate
from tracker.core.errors import TrackerError
from tracker.core.model import Event
from tracker.core.names import resolve
from tracker.inputs import Document, is_document_ref, read_document
from tracker.services.queries import find_source, parse_date
from tracker.store import events as st
from tracker.store.database import Store


def check_text(**fields) -> None:
    """Text arguments that no database can store (a NUL, bytes that are not UTF-8) are input errors."""
    for name, value in fields.items():
        for item in value if isinstance(value, (list, tuple)) else [value]:
            why = claims.text_problem(item) if item is not None else None
            if why:
                raise TrackerError(f"--{name} {why}")


def read_text_file(path: str | Path) -> str:
    """The text a readout (file, URL or ``-``) stores: see :mod:`tracker.inputs`."""
    return read_document(str(path)).text


def register_document(conn, doc: Document, published: str | None = None, title: str | None = None,
                      publisher: str | None = None, url: str | None = None) -> tuple[dict, bool]:
    """Store a readout as a source (once: the same text is the same source, with its stored details).

    For a new one, each detail is the option given, else the document's own (an HTML page's title,
    date and site name; a PDF's title and date), else the text's first line / date line."""
    existing = st.source_by_hash(conn, st.content_hash(doc.text))
    if existing:
        check_same_metadata(existing, published=published, title=title, publisher=publisher, url=url)
        return existing, False
    pub, basis = published_of(doc.text, published, doc)
    first_line = next((ln.strip() for ln in doc.text.splitlines() if ln.strip()), doc.filename or doc.name)
    return st.put_source(conn, doc.text, title=title or doc.title or first_line[:160],
                         publisher=publisher or doc.publisher, published=str(pub), published_basis=basis,
                         url=url or doc.url, filename=doc.filename, original_sha256=doc.original_sha256,
                         media_type=doc.media)


def register_source(conn, path: str, published: str | None = None, title: str | None = None,
                    publisher: str | None = None, url: str | None = None) -> tuple[dict, bool]:
    """Read ``path`` (a file, URL or ``-``) and store it (see :func:`register_document`)."""
    return register_document(conn, read_document(path), published, title, publisher, url)


def check_same_metadata(existing: dict, **given: str | None) -> None:
    """Options that describe a new source must not silently disagree with the stored one."""
    for field, value in given.items():
        if value is None:
            continue
        stored = existing.get(field)
        if field == "published":
            value = str(parse_date(value, "--published"))
        if value != stored:
            had = f"{field} {stored!r}" if stored else f"no {field}"
            raise TrackerError(
                f"this text is already stored as source {existing['id']} with {had}, not {value!r}: "
                f"leave out --{field}, or correct the source with `tracker sources amend {existing['id']} "
                f"--{field} ... --reason ...`")


def published_of(text: str, published: str | None, doc: Document | None = None) -> tuple[PartialDate, str]:
    if published:
        return parse_date(published, "--published"), "given with --published"
    if doc is not None and doc.published:
        try:
            return PartialDate.parse(doc.published), f"the {doc.media.upper()} document's own date"
        except DateError:
            pass
    from tracker.ingest.textdates import find_published

    found = find_published(text)
    if found is None:
        raise TrackerError("no published date: the text has no date line; give --published YYYY-MM-DD")
    return found, "date line in the text"


def check_quote(quote: str, source: dict, new_file: str | None = None) -> str:
    """The source's exact span for ``quote`` (whitespace, line breaks, curly quotes and dashes may
    differ: :func:`tracker.core.quotes.locate`), or an error that shows the closest passage."""
    from tracker.core.quotes import closest_passage

    span = claims.as_found(quote, source["text"])
    why = claims.quote_problem(span, source["text"])
    if why:
        where = new_file or f"source {source['id']} (`tracker source {source['id']}`)"
        if "verbatim" in why:
            why = why.replace("the source", where, 1)
            closest = closest_passage(quote, source["text"])
            if closest:
                why = f"{why}; the closest passage is: {closest!r}"
        raise TrackerError(why)
    return span


@dataclass(frozen=True)
class SourceDetails:
    """What ``--published``, ``--title``, ``--publisher`` and ``--url`` say of a source file."""

    published: str | None = None
    title: str | None = None
    publisher: str | None = None
    url: str | None = None

    def given(self) -> dict:
        return {"published": self.published, "title": self.title, "publisher": self.publisher, "url": self.url}


@dataclass(frozen=True)
class NewClaim:
    """One event as ``tracker add`` is asked to record it (strings as typed)."""

    commitment: str
    kind: str
    date: str
    source: str  # a source id (or prefix) or the path of a text file
    quote: str
    actors: tuple[str, ...] = ()
    note: str | None = None
    details: SourceDetails = field(default_factory=SourceDetails)
    due: str | None = None  # the deadline the claim names, if any (core.deadlines)


def add_event(store: Store, claim: NewClaim) -> dict:
    """Record one claim; the commitment's status row after it, with the event and source ids."""
    d = claim.details
    check_text(commitment=claim.commitment, source=claim.source, quote=claim.quote, actor=list(claim.actors),
               note=claim.note, due=claim.due, **d.given())
    the_kind, the_date = claims.parse_kind(claim.kind), parse_date(claim.date, "--date")
    the_due = parse_date(claim.due, "--due")

    doc = read_document(claim.source) if is_document_ref(claim.source) else None  # before the lock

    def work(conn):
        slug = resolve(claim.commitment, st.commitments(conn))
        src, new_file = _source_for(conn, claim.source, d, doc)
        quote = check_quote(claim.quote, src, new_file)
        why = claims.date_problem(the_date, src.get("published"), src["id"])
        if why:
            raise TrackerError(f"--{why}")
        event = Event(commitment=slug, kind=the_kind, date=the_date, source=src["id"], quote=quote,
                      actors=tuple(a.strip() for a in claim.actors if a.strip()), note=claim.note or None,
                      due=the_due)
        same = claims.live_claim_keys(st.stream(conn, slug)).get(
            claims.claim_key(slug, event.kind, event.date, event.source))
        if same is not None:
            raise TrackerError(f"this claim is already recorded (event {same.id}: {same.kind.value} on "
                               f"{same.date} from source {same.source}): nothing added")
        stored = st.append(conn, [event])[0]
        return {**st.status_table(conn, slug)[0], "event": stored.id, "source": src["id"]}

    return store.run(work, write=True)


def _source_for(conn, ref: str, details: SourceDetails, doc: Document | None) -> tuple[dict, str | None]:
    """The stored source ``ref`` names, storing ``doc`` (the readout ``ref`` names) first when it
    is one; and the readout's name when it is new. A name that is both is refused as ambiguous."""
    if doc is not None:
        if len(ref.strip()) >= 4 and st.sources_matching(conn, ref.strip()):
            raise TrackerError(f"{ref!r} is both a file and a stored source id: give the file as "
                               f"./{ref} or the source by a longer id")
        src, created = register_document(conn, doc, **details.given())
        return src, (doc.name if created else None)
    try:
        src = find_source(conn, ref)
    except TrackerError:
        if "/" in ref or "." in ref:
            raise TrackerError(f"cannot read {ref}: no such file (nor a source id)") from None
        raise
    check_same_metadata(src, **details.given())
    return src, None
