"""The commands that change definitions: define, rename, alias add|remove, names add|remove,
and sources amend (a source's details, never its text)."""
from __future__ import annotations

import click

from tracker.cli import complete_commitment, emit, formatted, main, store_of
from tracker.cli.reading import sources

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


