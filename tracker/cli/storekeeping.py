"""The store as a whole: verify, export, import, and the db group (path, upgrade, rebuild)."""
from __future__ import annotations

import sys

import click

from tracker.cli import (TrackerGroup, UserFacingError, _clean, db_of, main, store_of)


@main.command(short_help="Check hash chains, quotes, sources, read models and triggers.")
@click.option("--digest", "digest_only", is_flag=True, help="Print only the digest of the whole store (keep it "
              "elsewhere; pass it back with --expect).")
@click.option("--expect", metavar="DIGEST", help="Exit 1 unless the store's digest is DIGEST.")
@click.pass_context
def verify(ctx, digest_only, expect):
    """Check the store: every event's hash chain, every source's hashes, quotes in their sources,
    the status and commitment tables against a full replay, and the append-only triggers; print
    the chain heads and the store's digest."""
    from tracker.services import upkeep as maintenance

    problems, summary = maintenance.verify(store_of(ctx))
    if digest_only and not expect:
        click.echo(summary["digest"])
        if problems:
            raise UserFacingError(f"verify found {len(problems)} problem(s); run `tracker verify`", 1)
        return
    for p in problems:
        click.echo(_clean(p))
    if expect and expect.strip().lower() != summary["digest"]:
        problems.append("digest")
        click.echo(f"digest {summary['digest']} differs from the expected {_clean(expect.strip())}: the store "
                   f"was changed since that digest was taken")
    if problems:
        raise UserFacingError(f"verify found {len(problems)} problem(s)", 1)
    click.echo(f"ok: {summary['commitments']} commitments, {summary['sources']} sources and "
               f"{summary['events']} events verified; digest {summary['digest']}")
    for slug, (version, head) in sorted(summary["heads"].items()):
        click.echo(f"chain {slug} v{version} {head[:16]}")




@main.command("export", short_help="The whole store as JSON Lines.")
@click.option("--output", "-o", type=click.Path(), help="File to write (default stdout; written whole, "
              "then renamed into place).")
@click.pass_context
def export_(ctx, output):
    """The whole store as JSON Lines: sources with their text, commitments, events, retractions."""
    from tracker.services.upkeep import export_store

    store = store_of(ctx)
    if output:
        from tracker.services.outfiles import check_target, write_output

        check_target(output, store.url)
        count = write_output(output, lambda fh: export_store(store, fh), db_url=store.url)
        click.echo(f"exported {count} lines to {output}", err=True)
    else:
        export_store(store, sys.stdout)


@main.command("import", short_help="Load an export or edited ingest JSON: all of it or nothing.")
@click.argument("file", metavar="FILE|-")
@click.pass_context
def import_(ctx, file):
    """Load an export (or edited `ingest --format json` output): all of it or nothing.

    Everything is checked first (`file:line: problem`); records already present are skipped.
    An empty database is migrated but not loaded with the bundled data first."""
    from tracker.services.upkeep import import_store

    done = import_store(store_of(ctx, seed=False), file)
    click.echo(f"imported {done['events']} events and {done['sources']} sources; already present: "
               f"{done['skipped']} events, {done.get('sources_skipped', 0)} sources")




@main.group(cls=TrackerGroup, short_help="Where the database is; upgrade its schema; rebuild.")
def db():
    """The database: where it is, upgrading its schema, rebuilding the read models."""


@db.command("path")
@click.pass_context
def db_path(ctx):
    """Print the database URL in use (--db, TRACKER_DATABASE_URL, or the default)."""
    from tracker.store.paths import database_url

    from tracker.store.database import _safe_url

    url = database_url(db_of(ctx))
    click.echo(_safe_url(url))  # never the password


@db.command("upgrade")
@click.option("--no-seed", is_flag=True, help="Do not load the bundled data into a new database.")
@click.pass_context
def db_upgrade(ctx, no_seed):
    """Migrate the database to the newest schema (a new one is also loaded with the bundled data)."""
    from tracker.store.database import HEAD, remember_no_seed

    store = store_of(ctx, seed=not no_seed)
    if no_seed:  # remembered: later commands do not load the bundled data into this store
        store.run(remember_no_seed, write=True)
    click.echo(f"database at schema {HEAD}")


@db.command("rebuild")
@click.pass_context
def db_rebuild(ctx):
    """Replay every event into fresh read models (status, commitments)."""
    from tracker.services import upkeep as maintenance

    done = maintenance.rebuild(store_of(ctx))
    click.echo(f"rebuilt: {done['commitments']} commitments from {done['events']} events")
