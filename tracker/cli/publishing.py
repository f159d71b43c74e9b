"""Pictures and pages of the store: timeline and site."""
from __future__ import annotations


import click

from tracker.cli import (main, store_of, time_options)


@main.command(short_help="Draw status over time, a lane per commitment (.svg/.png).")
@click.option("--output", "-o", required=True, type=click.Path(), help="FILE.svg or FILE.png")
@click.option("--from", "start", metavar="DATE", help="First date drawn (earlier events still set the status).")
@click.option("--to", "end", metavar="DATE", help="Last date drawn.")
@click.option("--commitment", "-c", "chosen", multiple=True, help="Only these (repeatable; default all).")
@time_options
@click.pass_context
def timeline(ctx, output, start, end, chosen, as_of, as_known_on):
    """Draw one lane per commitment: status over time and a mark per event."""
    from tracker.services.changes import draw_timeline

    path = draw_timeline(store_of(ctx), output, start, end, as_of, as_known_on, chosen)
    click.echo(f"wrote {path}", err=True)


@main.command(short_help="Write the store as a static web site (board, histories, sources).")
@click.option("--output", "-o", required=True, type=click.Path(), metavar="DIR",
              help="Directory for the site (new, empty, or a site tracker wrote before: replaced whole).")
@click.option("--title", help="The site's title [default: India–China commitments tracker].")
@time_options
@click.pass_context
def site(ctx, output, title, as_of, as_known_on):
    """Write a static web site of the whole store to DIR: the status board, one page per commitment
    and per source (quotes highlighted), the changes and an Atom feed, and the data as JSON.

    Every link is relative: open DIR/index.html, or serve it with `python -m http.server -d DIR`."""
    from tracker.site.build import build_site

    done = build_site(store_of(ctx), output, as_of, as_known_on, title)
    click.echo(f"wrote {done['path']}: {done['commitments']} commitments, {done['sources']} sources, "
               f"{done['changes']} status changes", err=True)
