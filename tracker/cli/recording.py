"""The commands that record claims: add and retract."""
from __future__ import annotations


import click

from tracker.cli import (complete_commitment, complete_kind,
                         emit, formatted, main, store_of)


@main.command()
@click.argument("commitment", shell_complete=complete_commitment)
@click.option("--kind", required=True, shell_complete=complete_kind, help="raised, discussed, agreed, progress, implemented, "
              "reaffirmed, stalled, suspended or abandoned")
@click.option("--date", "date", required=True, metavar="DATE", help="When it happened: YYYY-MM-DD, YYYY-MM or YYYY.")
@click.option("--source", required=True, help="A source id, or a readout to store as a source: a text, "
              "HTML or PDF file, a URL, or - for standard input.")
@click.option("--quote", required=True, help="The sentence of the source that says so, verbatim.")
@click.option("--actor", "actors", multiple=True, metavar="NAME", help="Who acted (repeatable).")
@click.option("--note", help="Your interpretation, if any.")
@click.option("--published", metavar="DATE", help="For a new source file: its publication date.")
@click.option("--title", help="For a new source file: its title (default: its first line).")
@click.option("--publisher", help="For a new source file: who published it.")
@click.option("--url", help="For a new source file: where it is online.")
@click.option("--due", metavar="DATE", help="The deadline the event names (a plan's date), if any.")
@formatted
@click.pass_context
def add(ctx, commitment, kind, date, source, quote, actors, note, published, title, publisher, url, due, fmt):
    """Record one event of COMMITMENT and print its new status."""
    from tracker.services.record import NewClaim, SourceDetails, add_event

    claim = NewClaim(commitment, kind, date, source, quote, tuple(actors), note,
                     SourceDetails(published, title, publisher, url), due)
    row = add_event(store_of(ctx), claim)
    emit(row, fmt, columns=["commitment", "status", "since", "last_event", "events", "due", "event", "source"])




@main.command(short_help="Record that an event was wrong (history keeps both).")
@click.argument("event_id")
@click.option("--reason", required=True, help="Why the event was wrong.")
@formatted
@click.pass_context
def retract(ctx, event_id, reason, fmt):
    """Record that EVENT_ID was wrong: the fold ignores it; history keeps it, marked."""
    from tracker.services.retract import retract as retract_event

    emit(retract_event(store_of(ctx), event_id, reason), fmt,
         columns=["commitment", "status", "since", "events", "retracted", "event"])
