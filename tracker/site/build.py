"""``tracker site``: the whole store as a static web site, from the read services.

Layout of a site (every link relative, so it works from ``file://`` and from any static host)::

    index.html                 the status board and the timeline picture (timeline.svg)
    commitments/SLUG.html      definition, names, history; each quote links to its source passage
    sources.html               the stored sources
    sources/ID.html            one source: details, full text, quoted passages highlighted
    changes.html, feed.xml     status changes, newest first; the same as an Atom feed
    data/status.json           `tracker status --format json`
    data/history/SLUG.json     `tracker history SLUG --format json`
    data/export.jsonl          `tracker export`
    static/style.css, static/filter.js

The same store (and options) gives byte-identical files: everything is sorted, and the only dates
shown are dates in the data. Memory is bounded by the largest single stream or source: streams
are read one at a time and what other pages need from them goes through a scratch file (spool).
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

from tracker.core.dates import PartialDate
from tracker.core.errors import StoreProblem, TrackerError
from tracker.services import queries
from tracker.services.upkeep import export_store
from tracker.site import pages
from tracker.site.place import MARKER, check_target, put_in_place, staging_dir
from tracker.site.render import Renderer, json_text
from tracker.site.spool import Spool
from tracker.store import events as st
from tracker.store.database import Store

_FILE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,119}")  # a slug is a safe file name; check anyway
DEFAULT_TITLE = "India–China commitments tracker"
FEED_ENTRIES = 50
RECENT = 5  # latest changes on the index
#: The timeline picture holds every lane and mark in memory and is unreadable beyond this: left out.
TIMELINE_MAX_LANES, TIMELINE_MAX_EVENTS = 60, 3000


def build_site(store: Store, out: str, as_of: str | None = None, as_known_on: str | None = None,
               title: str | None = None) -> dict:
    """Write the site to ``out`` (replacing a previous site there); return what was written.

    Everything is read in one read transaction (one snapshot), through the read services."""
    target = check_target(out)
    if title is not None and not pages.shown(title).strip():
        raise TrackerError("--title is empty: give the site a title, or leave --title out")
    with store.transaction(write=False) as conn:
        snapshot = Snapshot(conn)
        board = queries.status_rows(snapshot, as_of, as_known_on)  # checks the dates before anything is written
        staging = staging_dir(target)
        try:
            summary = write_site(snapshot, staging, board, as_of, as_known_on,
                                 pages.shown(title or DEFAULT_TITLE))
            put_in_place(staging, target)
        except BaseException as exc:
            shutil.rmtree(staging, ignore_errors=True)
            if isinstance(exc, OSError):
                raise TrackerError(f"cannot write the site to {out}: {exc.strerror or exc}; nothing was "
                                   f"changed there") from None
            raise
    return {**summary, "path": str(target)}


class Snapshot:
    """The services' view of a store (``run(work)``) over one open read transaction."""

    def __init__(self, conn):
        self.conn = conn

    def run(self, work, write: bool = False, **_):
        assert not write, "a site is only ever read"
        return work(self.conn)


def write_site(store: Snapshot, root: Path, board: list[dict], as_of, as_known_on, title: str) -> dict:
    when = PartialDate.parse(as_of) if as_of else None
    known = PartialDate.parse(as_known_on) if as_known_on else None
    definitions = {c["commitment"]: c for c in queries.commitment_rows(store)}
    rows = pages.board_rows(board)
    latest = max((r["last_event"] for r in rows if r["last_event"]),
                 key=lambda d: PartialDate.parse(d).start, default=None)
    site = Renderer(root, {"site_title": title, "as_of": as_of, "as_known_on": as_known_on,
                           "latest": latest})
    sources = [s for s in queries.source_rows(store) if _known(s["published"], known)]
    source_titles = {s["id"]: s for s in sources}
    with Spool() as spool:
        by_slug = {r["commitment"]: r for r in rows}

        def commitment(slug: str, events) -> None:
            row = by_slug.pop(slug, None)
            if row is None:  # events without a definition: not on the board, so no page
                return
            if not _FILE_NAME.fullmatch(slug):
                raise StoreProblem(f"commitment {slug!r} cannot be a file name: run `tracker verify`")
            history = queries.history_of(events, slug, when, known)  # what `tracker history` prints
            site.text(f"data/history/{slug}.json", json_text(history))
            view = pages.history_view(history)
            spool.add_history(row["title"], view)
            site.page(f"commitments/{slug}.html", "commitment.html.j2", c=row,
                      definition=definitions.get(slug), history=view, sources=source_titles)

        for slug, events in st.each_stream(store.conn):  # one stream in memory at a time
            commitment(slug, events)
        for slug in sorted(by_slug):  # no events at all
            commitment(slug, [])
        for s in sources:
            _source_page(site, spool, queries.source_text(store, s["id"]), s["events"])
        site.page("sources.html", "sources.html.j2", sources=sources)
        changes = spool.count_changes()
        site.page("changes.html", "changes.html.j2", changes=spool.changes(), count=changes)
        entries = [pages.feed_entry(e) for e in spool.changes(limit=FEED_ENTRIES)]
        site.page("feed.xml", "feed.xml.j2", entries=entries, updated=_feed_updated(entries, latest),
                  feed_id=pages.feed_id(title, as_of, as_known_on))
    events = sum(r["events"] for r in rows)
    drawable = 0 < events <= TIMELINE_MAX_EVENTS and len(rows) <= TIMELINE_MAX_LANES
    timeline = _timeline(store, root, as_of, as_known_on) if drawable else False
    site.page("index.html", "index.html.j2", rows=rows, counts=pages.status_counts(rows),
              has_due=any(r["has_due"] for r in rows), timeline=timeline, changes=changes,
              recent=entries[:RECENT])
    site.text("data/status.json", json_text(board))
    with open(root / "data" / "export.jsonl", "w", encoding="utf-8", newline="\n") as fh:
        export_store(store, fh)
    site.copy_static()
    site.text(MARKER, "A site written by `tracker site`: the next build may replace this directory.\n")
    return {"commitments": len(rows), "sources": len(sources), "changes": changes, "timeline": timeline}


def _source_page(site: Renderer, spool: Spool, source: dict, events: int) -> None:
    """A source's page: its text with every quoted passage highlighted, then who quotes each."""
    quotes = spool.quotes(source["id"])
    pieces, missing = pages.passages(source["text"], [q for _, q in quotes])
    anchors = [a for p in pieces if isinstance(p, pages.Passage) for a in p.anchors] + missing
    site.page(f"sources/{source['id']}.html", "source.html.j2", s=source, events=events, pieces=pieces,
              missing=set(missing), anchors=anchors, number={a: i for i, a in enumerate(anchors, 1)},
              quote_of=dict(quotes), cites=lambda anchor: spool.cites(source["id"], anchor))


def _known(published: str | None, known: PartialDate | None) -> bool:
    if known is None:
        return True
    return published is not None and PartialDate.parse(published).ends_by(known)


def _feed_updated(entries: list[dict], latest: str | None) -> str:
    """The feed's updated time: from the data (latest change recorded), never the clock."""
    if entries:
        return max(e["updated"] for e in entries)
    return pages.atom_time(PartialDate.parse(latest).start.isoformat() if latest else "2000-01-01")


def _timeline(store: Snapshot, root: Path, as_of, as_known_on) -> bool:
    """timeline.svg from the timeline code, when matplotlib is installed."""
    from tracker.services.changes import draw_timeline

    try:
        draw_timeline(store, str(root / "timeline.svg"), as_of=as_of, as_known_on=as_known_on)
    except TrackerError as exc:
        if "matplotlib" in str(exc):
            return False
        raise
    return True
