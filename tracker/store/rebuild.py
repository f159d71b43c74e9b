"""The fast full replay behind ``tracker db rebuild``: one ordered read, two executemany writes.

It folds on the stored strings with :func:`tracker.core.fold.next_status` tabulated, so it gives the
same read models as :func:`tracker.core.fold.fold` per stream (``tests/test_bulk.py`` checks that,
and ``tracker verify`` compares the status table with the real fold)."""
from __future__ import annotations

import json

from sqlalchemy import select

from tracker.core.model import CLAIM_KINDS, Status
from tracker.core.fold import effective_retractions, next_status
from tracker.store.events import _COMMITMENT_INSERT, _STATUS_INSERT, EVENT, _commitment_values, clear_read_models


#: (status, kind) -> status, on the stored strings: domain.next_status for every claim kind.
_NEXT_TEXT = {(s.value, k.value): next_status(s, k).value for s in Status for k in CLAIM_KINDS}
_REPLAY_COLUMNS = (EVENT.c.commitment, EVENT.c.kind, EVENT.c.date, EVENT.c.version, EVENT.c.id,
                   EVENT.c.target, EVENT.c.payload, EVENT.c.due)


def rebuild_read_models(conn, progress=None, batch: int = 5000) -> dict:
    """Replay every stream into fresh read models (what ``tracker db rebuild`` does), in one
    ordered read of the columns the fold needs and two executemany writes.

    The same result as ``fold`` per stream and ``put_commitment`` per definition, in version order:
    rows arrive in fold order (commitment, date_start, version), and a stored ``date`` is already
    ``str(PartialDate)``, so the fold runs on the stored strings with ``next_status`` as a table.
    """
    clear_read_models(conn)
    q = select(*_REPLAY_COLUMNS).order_by(EVENT.c.commitment, EVENT.c.date_start, EVENT.c.version)
    statuses_out: list[dict] = []
    commitments_out: list[dict] = []
    counts = {"commitments": 0, "events": 0}
    table = _NEXT_TEXT
    not_started = Status.NOT_STARTED.value

    def finish(slug: str, rows: list) -> None:
        gone = effective_retractions((r[4], r[5]) for r in rows if r[1] == "retracted")
        status, since, last, count, top, definition, due = not_started, None, None, 0, 0, None, None
        for _, kind, date, version, event_id, _, payload, event_due in rows:
            if version > top:
                top = version
            if kind == "defined" and (definition is None or version > definition[0]):
                definition = (version, payload)
            if event_id in gone:
                continue
            after = table.get((status, kind))
            if after is None:  # defined, retracted
                continue
            if after != status:
                status, since = after, date
            last = date
            count += 1
            if event_due:  # core.deadlines.current_due: the last live claim's due, in fold order
                due = event_due
        statuses_out.append({"commitment": slug, "status": status, "since": since, "last_event": last,
                             "events": count, "version": top, "due": due})
        if definition is not None:
            commitments_out.append({"slug": slug, **_commitment_values(
                slug, (json.loads(definition[1]) if definition[1] else None) or {})})
        counts["commitments"] += 1
        counts["events"] += len(rows)
        if progress:
            progress(len(rows))
        if len(statuses_out) >= batch:
            flush()

    def flush() -> None:
        if statuses_out:
            conn.execute(_STATUS_INSERT, statuses_out)
            statuses_out.clear()
        if commitments_out:
            conn.execute(_COMMITMENT_INSERT, commitments_out)
            commitments_out.clear()

    slug, rows = None, []
    for row in conn.execute(q, execution_options={"yield_per": batch}):
        if row[0] != slug:
            if rows:
                finish(slug, rows)
            slug, rows = row[0], []
        rows.append(row)
    if rows:
        finish(slug, rows)
    flush()
    return counts
