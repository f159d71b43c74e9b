"""The fast full replay behind ``tracker db rebuild``: one ordered read, two executemany writes.

It folds on the stored strings through the one fold loop, :func:`tracker.core.fold.fold_steps`, with
the transition table on strings, so it gives the same read models as :func:`tracker.core.fold.fold` per stream (``tests/test_bulk.py`` checks that,
and ``tracker verify`` compares the status table with the real fold)."""
from __future__ import annotations

import json

from sqlalchemy import select

from tracker.core.fold import TRANSITIONS_TEXT, effective_retractions, fold_steps
from tracker.core.model import Status
from tracker.store.events import (_COMMITMENT_INSERT, _STATUS_INSERT, BATCH_ROWS, EVENT, _commitment_values,
                                  clear_read_models)


_REPLAY_COLUMNS = (EVENT.c.commitment, EVENT.c.kind, EVENT.c.date, EVENT.c.version, EVENT.c.id,
                   EVENT.c.target, EVENT.c.payload, EVENT.c.due)


def rebuild_read_models(conn, progress=None, batch: int = BATCH_ROWS) -> dict:
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
    not_started = Status.NOT_STARTED.value

    def finish(slug: str, rows: list) -> None:
        gone = effective_retractions((r[4], r[5]) for r in rows if r[1] == "retracted")
        top = max(r[3] for r in rows)
        defined = [(r[3], r[6]) for r in rows if r[1] == "defined"]
        definition = max(defined) if defined else None
        status, since, last, count = fold_steps(((r[1], r[2]) for r in rows if r[4] not in gone),
                                                TRANSITIONS_TEXT, not_started)
        # core.deadlines.current_due: the due of the last live claim (rows in fold order) naming one
        due = next((r[7] for r in reversed(rows) if r[7] and r[4] not in gone
                    and r[1] not in ("defined", "retracted")), None)
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
