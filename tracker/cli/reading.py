"""The commands that read: status, history, commitments, sources, source, changes, due, compare."""
from __future__ import annotations


import click

from tracker.cli import (complete_commitment, emit, formatted, main, store_of, time_options)


STATUS_COLUMNS = ["commitment", "status", "since", "last_event", "events", "title"]
#: With a deadline anywhere the table also shows ``due`` and ``flags`` (JSON and CSV always have
#: ``due``, ``overdue`` and ``quiet``); without, it stays narrow, and fast on big stores.
STATUS_DUE_COLUMNS = STATUS_COLUMNS[:-1] + [
    "due", ("flags", lambda r: ", ".join(f for f in ("overdue", "quiet") if r.get(f))), "title"]


@main.command(short_help="One row per commitment: status, since when, how many events.")
@time_options
@click.option("--quiet", "quiet_only", is_flag=True, help="Only the commitments that have gone quiet.")
@click.option("--quiet-days", type=click.IntRange(1, 100_000), default=180, show_default=True, metavar="DAYS",
              help="Quiet: no event for more than DAYS before --as-of (default today).")
@formatted
@click.pass_context
def status(ctx, as_of, as_known_on, quiet_only, quiet_days, fmt):
    """One row per commitment: its status, since when, how many events, its deadline (`due`), and
    flags: `overdue` (past due, not implemented) and `quiet` (no event for --quiet-days)."""
    from tracker.services import queries as service

    rows = service.status_rows(store_of(ctx), as_of, as_known_on, quiet_days)
    if quiet_only:
        rows = [r for r in rows if r["quiet"]]
    emit(rows, fmt, columns=STATUS_DUE_COLUMNS if any(r["due"] for r in rows) else STATUS_COLUMNS,
         wrap=["title"])


HISTORY_COLUMNS = [
    ("id", lambda r: r.get("short_id") or r["id"]), "date", "kind",
    ("status", lambda r: r["status_after"] if r["status_after"] == r["status_before"]
     else f"{r['status_before']} -> {r['status_after']}"),
    ("source", lambda r: r["source"]),
    ("also in", lambda r: ", ".join(r.get("corroborated_by") or [])),
    ("actors", lambda r: r["actors"]),
    ("quote", lambda r: ("[RETRACTED: " + (r.get("retraction_reason") or "") + "] " if r["retracted"] else "")
     + (r["quote"] or (f"retracts {r.get('retracts')}: {r.get('note') or ''}" if r.get("retracts") else ""))),
]


@main.command(short_help="A commitment's events in fold order, status before and after.")
@click.argument("commitment", shell_complete=complete_commitment)
@time_options
@formatted
@click.pass_context
def history(ctx, commitment, as_of, as_known_on, fmt):
    """COMMITMENT's events in fold order, with the status before and after each."""
    from tracker.services import queries as service

    rows = service.history_rows(store_of(ctx), commitment, as_of, as_known_on)
    if fmt not in ("json", "csv"):  # the table's id column: the short id retract accepts
        length = service.short_id_length(store_of(ctx), [r["id"] for r in rows if r["id"]])
        for r in rows:
            r["short_id"] = r["id"][:length] if r["id"] else None
    emit(rows, fmt,
         columns=HISTORY_COLUMNS, wrap=["quote", "actors", "also in", "status"])


@main.command()
@click.argument("commitment", required=False, shell_complete=complete_commitment)
@click.option("--history", "show_history", is_flag=True, help="With COMMITMENT: every definition, "
              "and what each changed.")
@formatted
@click.pass_context
def commitments(ctx, commitment, show_history, fmt):
    """The tracked commitments with their titles and aliases (COMMITMENT: just that one).

    Change them with `tracker define`, `rename`, `alias add|remove` and `names add|remove`."""
    from tracker.services import queries as service

    if show_history:
        if commitment is None:
            raise click.UsageError("--history needs a COMMITMENT")
        from tracker.services.define import definition_history

        emit(definition_history(store_of(ctx), commitment), fmt,
             columns=["version", "date", "title", "aliases", "change"], wrap=["change", "title"])
        return
    rows = service.commitment_rows(store_of(ctx))
    if commitment is not None:
        from tracker.core.names import resolve

        slug = resolve(commitment, [{**r, "slug": r["commitment"]} for r in rows])
        rows = [r for r in rows if r["commitment"] == slug]
        emit(rows, fmt, columns=["commitment", "title", "aliases", "names", "status"], wrap=["names", "title", "aliases"])
        return
    emit(rows, fmt, columns=["commitment", "title", "aliases", "status"], wrap=["title", "aliases"])


@main.group(invoke_without_command=True, short_help="The stored sources; `sources amend` corrects one.")
@formatted
@click.pass_context
def sources(ctx, fmt):
    """The stored sources (documents events cite), with their current details.

    `tracker sources amend SOURCE ... --reason TEXT` corrects a source's details."""
    if ctx.invoked_subcommand is not None:
        return
    from tracker.services import queries as service

    emit(service.source_rows(store_of(ctx)), fmt,
         columns=["id", "published", "publisher", "events", "title"], wrap=["title", "publisher"])


@main.command(short_help="One stored source in full.")
@click.argument("source_id")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
def source(ctx, source_id, fmt):
    """Print one stored source: its details and full text (control characters removed)."""
    from tracker.services import queries as service
    from tracker.output import clean, render

    from tracker.services.sources import amendment_history

    row = service.source_text(store_of(ctx), source_id)
    row = {("file" if k == "filename" else k): v for k, v in row.items()}  # as `sources` names it
    row["amendments"] = amendment_history(store_of(ctx), row["id"])
    if fmt == "json":
        click.echo(render(row, "json"))
        return
    for key in ("id", "title", "publisher", "published", "published_basis", "url", "file", "sha256",
                "media_type", "original_sha256"):
        if row.get(key):
            click.echo(f"{key}: {clean(str(row[key]))}")
    for a in row.get("amendments") or ():
        click.echo(f"amended {a['recorded_at'][:10]}: {clean('; '.join(a['changed']))} ({clean(a['reason'])})")
    click.echo("")
    click.echo(clean(row["text"]))




@main.command(short_help="What changed in a window of time, and which events did it.")
@click.option("--from", "start", required=True, metavar="DATE", help="Start of the window (inclusive).")
@click.option("--to", "end", metavar="DATE", help="End of the window (inclusive; default today).")
@formatted
@click.pass_context
def changes(ctx, start, end, fmt):
    """Commitments whose status changed in a window, from what to what, and the events that did it."""
    from tracker.services.changes import changes as changes_in

    rows = changes_in(store_of(ctx), start, end)
    emit(rows, fmt, columns=[
        "commitment", "from", "to",
        ("by", lambda r: "; ".join(f"{e['date']} {e['kind']} ({e['source']})" for e in r["events"])),
    ], wrap=["by"])




@main.command(short_help="Commitments with a deadline, soonest first.")
@click.option("--within", metavar="PERIOD", help="Only those due within PERIOD of --as-of (90d, 12w, 6m, 1y); "
              "overdue ones included.")
@click.option("--overdue", "overdue_only", is_flag=True, help="Only the overdue ones.")
@click.option("--as-of", metavar="DATE", help="Read the deadlines on DATE (default today).")
@formatted
@click.pass_context
def due(ctx, within, overdue_only, as_of, fmt):
    """Commitments with a deadline (the due date of their latest plan that names one), soonest first.

    Overdue: past the end of the due period and not implemented."""
    from tracker.services import queries as service
    from tracker.services.deadlines import due_rows

    if within is not None:
        from tracker.core.deadlines import parse_period

        parse_period(within)  # bad input fails before the store is opened
    rows = due_rows(service.status_rows(store_of(ctx), as_of), service.parse_date(as_of, "--as-of"),
                    within, overdue_only)
    emit(rows, fmt, columns=["commitment", "due", "days_left", "status",
                             ("overdue", lambda r: "overdue" if r["overdue"] else ""), "title"])


@main.command(short_help="What two readouts say per commitment, and what only one says.")
@click.argument("source_a")
@click.argument("source_b")
@formatted
@click.pass_context
def compare(ctx, source_a, source_b, fmt):
    """Compare two readouts (e.g. India's and China's of one meeting): one row per commitment
    either mentions, with each one's kinds and quote, and `both`, `only in A` or `only in B`.

    Each side is the source's recorded events, or, when none are recorded, what `tracker ingest`
    would propose from its text. `--format json` gives {"a": ..., "b": ..., "rows": [...]}."""
    from tracker.services.compare import compare as compare_sources

    result = compare_sources(store_of(ctx), source_a, source_b)
    if fmt == "json":
        emit({**result["sources"], "rows": result["rows"]}, fmt)
        return
    from tracker.output import clean

    for side in ("a", "b"):
        s = result["sources"][side]
        click.echo(clean(f"{side.upper()}: {s['id']} {s['publisher'] or 'unknown publisher'}, "
                         f"{s['published'] or 'undated'}: {s['title']} ({s['basis']})"), err=True)
    emit(result["rows"], fmt, columns=[
        "commitment", ("A says", lambda r: ", ".join(r["a_kinds"])), ("A quote", lambda r: r["a_quote"]),
        ("B says", lambda r: ", ".join(r["b_kinds"])), ("B quote", lambda r: r["b_quote"]), "in",
    ], wrap={"A quote": 45, "B quote": 45})
