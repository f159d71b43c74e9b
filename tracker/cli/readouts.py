"""The ingest command: a readout in, proposed events out (interactive review in tracker.review)."""
from __future__ import annotations

import sys

import click

from tracker.cli import (emit, formatted, main, store_of)


PROPOSAL_COLUMNS = [
    ("#", lambda r: r["n"]), "commitment", "kind", "date",
    ("status", lambda r: r["status_after"] if r["status_after"] == r["status_before"]
     else f"{r['status_before']} -> {r['status_after']}"),
    ("recorded", lambda r: "yes" if r.get("recorded") else "already" if r["already_recorded"]
     else "same as above" if r["duplicate"] else "no"),
    ("rule", lambda r: r["rule"]), ("quote", lambda r: r["quote"]),
]


@main.command(short_help="Store a new readout as a source and propose its events.")
@click.argument("file", metavar="FILE|URL|-")
@click.option("--published", metavar="DATE", help="Publication date (default: the page's or PDF's own "
              "date, else a date line in the text).")
@click.option("--title", help="Title of the source (default: its first line).")
@click.option("--publisher", help="Who published it.")
@click.option("--url", help="Where it is online.")
@click.option("--yes", "-y", is_flag=True, help="Record every new proposal without asking.")
@click.option("--explain", is_flag=True, help="Show how each sentence naming a commitment was read.")
@formatted
@click.pass_context
def ingest(ctx, file, published, title, publisher, url, yes, fmt, explain):
    """Store a new readout or article as a source and propose the events it reports.

    FILE may be plain text, an HTML page (its main text is kept; its title, date and site name are
    the defaults of --title, --published and --publisher), a PDF, an http(s) URL, or - (stdin).

    With --yes every new proposal is recorded; on a terminal you are asked about each (accept,
    skip, change the kind or the date); otherwise the proposals are printed and no event is
    recorded. `--format json` output, edited, can be given to `tracker import`. With --explain,
    each sentence that names a commitment is shown with the clause read and the rule that fired
    or why it was skipped (with --format json: an object of proposals, unmatched and sentences).
    """
    from tracker.services.ingest import ingest as ingest_readout

    interactive = not yes and _on_terminal() and fmt not in ("json", "csv")
    result = ingest_readout(store_of(ctx), file, published, title, publisher, url, record=yes,
                            decide=_review if interactive else None, explain=explain)
    shown = result["proposals"]
    if fmt == "json" and explain:
        emit({k: result[k] for k in ("proposals", "unmatched", "sentences")}, fmt)
    elif fmt in ("json", "csv"):
        emit(shown, fmt)
    else:
        for n, row in enumerate(shown, start=1):
            row["n"] = n
        emit(shown, fmt, columns=PROPOSAL_COLUMNS, wrap=["quote", "rule", "status"])
        if explain:
            from tracker.output import explain_lines

            click.echo("\n".join(explain_lines(result["sentences"], result["unmatched"])))
    if not (explain and fmt == "json"):
        from tracker.output import clean

        for u in result["unmatched"]:
            click.echo(f"unmatched ({u['kind']}, “{clean(u['cue'])}”, names no tracked commitment): "
                       f"{clean(u['quote'])}", err=True)
    src = result["source"]
    note = "stored" if result["source_created"] else "already stored"
    click.echo(f"source {src['id']} ({note}); {len(shown)} proposal(s): {result['recorded']} recorded, "
               f"{result['already']} already in the store"
               + (f"; {result['doubtful']} more doubtful, not proposed (--explain shows them)"
                  if result["doubtful"] and not explain else ""), err=True)
    if not yes and not interactive and any(not (r["already_recorded"] or r["duplicate"]) for r in shown):
        click.echo("nothing recorded: run again with --yes to record them, or on a terminal to choose",
                   err=True)


def _on_terminal() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def _review(rows: list[dict]) -> list[dict | None]:
    from tracker.review import ask

    return ask(rows)
