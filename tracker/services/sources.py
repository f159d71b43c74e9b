"""``tracker sources amend``: correct a source's details with a reason; and a source's amendment
history for ``tracker source``. The text and its hash never change (see store/amendments.py)."""
from __future__ import annotations

from sqlalchemy import select

from tracker.core.dates import PartialDate
from tracker.core.errors import TrackerError
from tracker.services.queries import find_source, parse_date
from tracker.services.record import check_text
from tracker.store import amendments as am
from tracker.store import events as st
from tracker.store.database import Store


def _changes(before: dict, after: dict) -> list[str]:
    return [f"{k}: {before.get(k) or '(none)'} -> {after.get(k) or '(none)'}"
            for k in am.DETAILS if before.get(k) != after.get(k)]


def amend_source(store: Store, source: str, reason: str, title: str | None = None,
                 publisher: str | None = None, published: str | None = None, url: str | None = None) -> dict:
    check_text(source=source, reason=reason, title=title, publisher=publisher, published=published, url=url)
    if not (reason or "").strip():
        raise TrackerError("--reason is empty: say why the details are corrected")
    given = {"title": title, "publisher": publisher, "published": published, "url": url}
    if all(v is None for v in given.values()):
        raise TrackerError("nothing to amend: give --title, --publisher, --published or --url")
    for k, v in given.items():
        if v is not None and not v.strip():
            raise TrackerError(f"--{k} is empty: give the corrected {k}")
    if published is not None:
        given["published"] = str(parse_date(published, "--published"))
    given = {k: " ".join(v.split()) if k in ("title", "publisher") and v else (v.strip() if v else v)
             for k, v in given.items()}

    def work(conn):
        src = find_source(conn, source)
        after = {**{k: src.get(k) for k in am.DETAILS}, **{k: v for k, v in given.items() if v is not None}}
        changed = _changes(src, after)
        if not changed:
            raise TrackerError(f"source {src['id']} already has these details: nothing to amend")
        if given["published"]:
            new_end = PartialDate.parse(given["published"]).end
            late = conn.execute(select(st.EVENT.c.id, st.EVENT.c.date).where(
                st.EVENT.c.source_id == src["id"], st.EVENT.c.date_start > new_end).limit(1)).first()
            if late is not None:
                raise TrackerError(f"event {late.id} cites source {src['id']} and is dated {late.date}, after "
                                   f"the corrected published date {given['published']}: retract it first, "
                                   f"or check the date")
        am.amend(conn, src, " ".join(reason.split()), **{k: v for k, v in given.items() if v is not None})
        return {"id": src["id"], **{k: after[k] for k in am.DETAILS}, "changed": changed,
                "reason": " ".join(reason.split())}

    return store.run(work, write=True)


def amendment_history(store: Store, source_id: str) -> list[dict]:
    """The amendments of a stored source, oldest first, each with what it changed."""
    def work(conn):
        rows = am.amendments(conn, [source_id]).get(source_id, [])
        before = conn.execute(select(st.SOURCE).where(st.SOURCE.c.id == source_id)).first()
        before = dict(before._mapping) if before else {}
        out = []
        for r in rows:
            out.append({"recorded_at": r["recorded_at"], "reason": r["reason"],
                        "changed": _changes(before, r), **{k: r[k] for k in am.DETAILS}})
            before = r
        return out

    return store.run(work, write=False)
