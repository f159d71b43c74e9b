"""The commands that record: ``add`` (and the source files it and ``ingest`` store).

Every claim passes :mod:`tracker.core.claims`, as on every other path.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tracker.core import claims
from tracker.core.dates import PartialDate
from tracker.core.errors import TrackerError
from tracker.core.model import Event
from tracker.core.names import resolve
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
            had = f"{field} {stored!r}" if stored else f"no {field}"
            raise TrackerError(
                f"this text is already stored as source {existing['id']} with {had}, not {value!r}: "
                f"leave out --{field}, or correct the source with `tracker sources amend {existing['id']} "
                f"--{field} ... --reason ...`")


def published_of(text: str, published: str | None) -> tuple[PartialDate, str]:
    if published:
        return parse_date(published, "--published"), "given with --published"
    from tracker.ingest.textdates import find_published

    found = find_published(text)
    if found is None:
        raise TrackerError("no published date: the text has no date line; give --published YYYY-MM-DD")
    return found, "date line in the text"


def check_quote(quote: str, source: dict, new_file: str | None = None) -> None:
    why = claims.quote_problem(quote, source["text"])
    if why:
        where = new_file or f"source {source['id']} (`tracker source {source['id']}`)"
        raise TrackerError(why.replace("the source", where, 1) if "verbatim" in why else why)


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

    def work(conn):
        slug = resolve(claim.commitment, st.commitments(conn))
        src, new_file = _source_for(conn, claim.source, d)
        check_quote(claim.quote, src, new_file)
        why = claims.date_problem(the_date, src.get("published"), src["id"])
        if why:
            raise TrackerError(f"--{why}")
        event = Event(commitment=slug, kind=the_kind, date=the_date, source=src["id"], quote=claim.quote,
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


def _source_for(conn, ref: str, details: SourceDetails) -> tuple[dict, str | None]:
    """The stored source ``ref`` names, storing it first when it is a file; and the file's name when new."""
    if Path(ref).exists():
        src, created = register_source(conn, ref, **details.given())
        return src, (ref if created else None)
    try:
        src = find_source(conn, ref)
    except TrackerError:
        if "/" in ref or "." in ref:
            raise TrackerError(f"cannot read {ref}: no such file (nor a source id)") from None
        raise
    check_same_metadata(src, **details.given())
    return src, None
