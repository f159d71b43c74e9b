"""Commands of commitments that grow, deadlines and comparison (thin, as in :mod:`tracker.cli`):
``define``, ``rename``, ``alias add|remove``, ``names add|remove``, ``sources amend``, ``due``
and ``compare``. Imported at the end of :mod:`tracker.cli`, which registers them on ``main``."""
from __future__ import annotations

import click

from tracker.cli import complete_commitment, emit, formatted, main, sources, store_of

DEFINITION_COLUMNS = ["commitment", "title", "aliases", "names", "change", "event"]


def _definition(row: dict, fmt: str) -> None:
    emit(row, fmt, columns=DEFINITION_COLUMNS, wrap={"names": 40, "change": 40})


@main.command(short_help="Start tracking a new commitment (a definition event).")
@click.argument("slug")
@click.option("--title", required=True, help="What it is called in listings.")
@click.option("--alias", "aliases", multiple=True, metavar="ALIAS", help="A short name to type (repeatable).")
@click.option("--name", "names", multiple=True, metavar="NAME",
              help="A way readouts write it, for ingest to match (repeatable).")
@click.option("--description", help="One line on what was promised.")
@formatted
@click.pass_context
def define(ctx, slug, title, aliases, names, description, fmt):
    """Start tracking SLUG (lowercase letters, digits, hyphens): a definition event.

    Aliases must not be another commitment's slug or alias, and no alias, name or title may be
    one another commitment is already matched by (ingest could not tell them apart)."""
    from tracker.services.define import define as define_commitment

    _definition(define_commitment(store_of(ctx), slug, title, aliases, names, description), fmt)


@main.command(short_help="Give a commitment a new title (a definition event).")
@click.argument("commitment", shell_complete=complete_commitment)
@click.option("--title", required=True, help="The new title.")
@formatted
@click.pass_context
def rename(ctx, commitment, title, fmt):
    """Give COMMITMENT a new title; its history keeps the old one (`commitments SLUG --history`)."""
    from tracker.services.define import rename as rename_commitment

    _definition(rename_commitment(store_of(ctx), commitment, title), fmt)


def _edit_group(name: str, what: str, helptext: str):
    @main.group(name=name, short_help=helptext, help=helptext + " Each change is a new definition "
                "event; `tracker commitments COMMITMENT --history` lists them.")
    def group():
        pass

    for action in ("add", "remove"):
        def command(ctx, commitment, value, fmt, action=action):
            from tracker.services import define as service

            _definition(getattr(service, "alias" if name == "alias" else "names")(
                store_of(ctx), action, commitment, value), fmt)

        command.__doc__ = f"{action.capitalize()} {what} of COMMITMENT (a definition event)."
        command = click.pass_context(formatted(command))
        command = click.argument("value", metavar=what.split()[-1].upper())(command)
        command = click.argument("commitment", shell_complete=complete_commitment)(command)
        group.command(action)(command)
    return group


_edit_group("alias", "an alias", "Add or remove an alias (a short name people type).")
_edit_group("names", "a name", "Add or remove a name ingest matches in readouts.")


@sources.command("amend", short_help="Correct a source's details (never its text), with a reason.")
@click.argument("source")
@click.option("--title", help="The corrected title.")
@click.option("--publisher", help="The corrected publisher.")
@click.option("--published", metavar="DATE", help="The corrected publication date.")
@click.option("--url", help="The corrected URL.")
@click.option("--reason", required=True, help="Why the details are corrected.")
@formatted
@click.pass_context
def amend(ctx, source, title, publisher, published, url, reason, fmt):
    """Correct SOURCE's title, publisher, published date or URL: an amendment record with a reason.

    The text and its hash never change; `tracker source SOURCE` shows every amendment, and
    --as-known-on reads the corrected published date."""
    from tracker.services.sources import amend_source

    emit(amend_source(store_of(ctx), source, reason, title, publisher, published, url), fmt,
         columns=["id", "published", "publisher", "title", "changed"], wrap={"changed": 50, "title": 40})


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
