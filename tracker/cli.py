"""The ``tracker`` command: thin click commands over :mod:`tracker.services.queries`.

Heavy modules (sqlmodel, sqlalchemy, alembic, tabulate) are imported inside the commands that
use them, so ``tracker --help`` stays fast. Errors are turned into one ``Error:`` line in
:class:`TrackerGroup` and nowhere else.
"""
from __future__ import annotations

import os
import sys

import click

from tracker import __version__
from tracker.core.errors import Problems, TrackerError

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class UserFacingError(click.ClickException):
    def __init__(self, message: str, exit_code: int):
        super().__init__(message)
        self.exit_code = exit_code


class TrackerGroup(click.Group):
    """Turns every failure into one ``Error:`` line and an exit status (2: input, 1: otherwise)."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.exceptions.NoArgsIsHelpError as exc:  # `tracker`, `tracker db`: the help
            click.echo(exc.format_message())
            sys.exit(0)
        except click.UsageError as exc:  # one line, not click's usage block
            where = f" (see '{exc.ctx.command_path} --help')" if exc.ctx else ""
            click.echo(f"Error: {_clean(exc.format_message())}{where}", err=True)
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo("Error: aborted; nothing was written", err=True)
            sys.exit(1)
        sys.exit(0)

    def add_command(self, cmd, name=None):
        """Every command also takes ``--db`` after its name (``tracker status --db x.db``)."""
        if not isinstance(cmd, click.Group) and not any(p.name == "db_after" for p in cmd.params):
            cmd.params.append(click.Option(["--db", "db_after"], metavar="URL", expose_value=False,
                                           callback=_db_after, is_eager=True,
                                           help="The store, as for `tracker --db` (a path is an SQLite file)."))
        super().add_command(cmd, name)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Problems as exc:  # every problem on a line of its own (stderr), then one summary
            for problem in exc.problems:
                click.echo(_clean(problem), err=True)
            raise UserFacingError(f"{len(exc.problems)} problem(s), nothing written", exc.exit_code) from None
        except TrackerError as exc:
            raise UserFacingError(_clean(str(exc)), exc.exit_code) from None
        except KeyboardInterrupt:
            raise UserFacingError("interrupted; nothing was written", 130) from None
        except BrokenPipeError:
            sys.stderr.close()  # the reader went away (| head): not an error worth a message
            raise click.exceptions.Exit(0) from None
        except Exception as exc:  # the database, a bug: still no traceback for the user
            if os.environ.get("TRACKER_DEBUG"):
                raise
            raise UserFacingError(_describe(exc), 1) from None


def _db_after(ctx, param, value):
    if value is not None:
        if not value.strip():
            raise click.BadParameter("is empty: give a database URL or path", param_hint="'--db'")
        root = ctx.find_root()
        root.obj = {**(root.obj or {}), "db": value}
    return value


def db_of(ctx: click.Context) -> str | None:
    """The --db given (before or after the command), also while completing (no callback has run)."""
    root = ctx.find_root()
    if root.obj and root.obj.get("db"):
        return root.obj["db"]
    for c in (ctx, *(_parents(ctx))):
        if c.params.get("db_after"):
            return c.params["db_after"]
    return root.params.get("db")


def _parents(ctx):
    while ctx.parent is not None:
        ctx = ctx.parent
        yield ctx


def _clean(text: str) -> str:
    from tracker.output import clean

    return clean(text).replace("\n", " ")


def _describe(exc: Exception) -> str:
    name = type(exc).__module__ or ""
    if name.startswith("sqlalchemy"):
        orig = getattr(exc, "orig", None) or exc
        first = (str(orig).strip().splitlines() or [""])[0]
        return _clean(f"database problem: {first} (set TRACKER_DEBUG=1 for details)")
    return _clean(f"unexpected {type(exc).__name__}: {exc} (set TRACKER_DEBUG=1 for the traceback)")


def formatted(command):
    """Adds ``--format`` (json, csv, or any tabulate table format) to a listing command."""

    def check(ctx, param, value):
        from tracker.output import check_format

        try:
            return check_format(value)
        except ValueError as exc:
            raise click.BadParameter(str(exc)) from None

    def wide(ctx, param, value):
        if value:
            ctx.find_root().meta["wide"] = True

    command = click.option("--wide", is_flag=True, expose_value=False, callback=wide,
                           help="Do not wrap long columns to the terminal's width.")(command)

    def raw(ctx, param, value):
        ctx.meta["raw_csv"] = value

    command = click.option("--raw", is_flag=True, expose_value=False, callback=raw,
                           help="CSV cells exactly as stored: no leading ' before = + - @ (spreadsheet "
                           "formula guard), no control characters removed.")(command)
    return click.option("--format", "fmt", default="simple", show_default=True, callback=check,
                        shell_complete=complete_format,
                        metavar="FMT", help="json, csv, or a table format: plain, simple, github, "
                        "grid, pipe, html, latex, ...")(command)


def emit(rows, fmt: str, **view) -> None:
    """Print rows; on a terminal (and without --wide) long columns wrap to fit its width."""
    from tracker.output import render, terminal_width

    ctx = click.get_current_context(silent=True)
    wide = ctx is not None and ctx.find_root().meta.get("wide")
    click.echo(render(rows, fmt, width=None if wide else terminal_width(),
                      raw=bool(ctx and ctx.meta.get("raw_csv")), **view))


def store_of(ctx: click.Context, seed: bool = True):
    from tracker.store.database import open_store

    root = ctx.find_root()
    if "store" not in root.meta:
        root.meta["store"] = open_store(db_of(ctx), seed=seed)
        root.call_on_close(root.meta["store"].dispose)
    return root.meta["store"]


def complete_commitment(ctx, param, incomplete):
    """Slugs and aliases of the commitments in the store --db names (nothing if it cannot be read)."""
    from click.shell_completion import CompletionItem

    try:
        from tracker.services import queries as service
        from tracker.store.database import open_store

        store = open_store(db_of(ctx))
        try:
            rows = service.commitment_rows(store)
        finally:
            store.dispose()
    except Exception:
        return []
    items = []
    for c in rows:
        for name in [c["commitment"], *c["aliases"]]:
            if name.lower().startswith(incomplete.lower()):
                items.append(CompletionItem(name, help=c["title"]))
    return items


def complete_kind(ctx, param, incomplete):
    from tracker.core.model import CLAIM_KINDS

    return [k.value for k in CLAIM_KINDS if k.value.startswith(incomplete.lower())]


def complete_format(ctx, param, incomplete):
    from tracker.output import formats

    return [f for f in formats() if f.startswith(incomplete.lower())]


def time_options(command):
    command = click.option("--as-known-on", metavar="DATE",
                           help="Only what the public record knew then (sources published by DATE).")(command)
    return click.option("--as-of", metavar="DATE",
                        help="The state on DATE, from events that happened by then.")(command)


@click.group(cls=TrackerGroup, context_settings=CONTEXT)
@click.option("--db", metavar="URL", help="SQLAlchemy URL of the store [env: TRACKER_DATABASE_URL; "
              "default: SQLite in $XDG_DATA_HOME/tracker/]")
@click.version_option(__version__, prog_name="tracker")
@click.pass_context
def main(ctx, db):
    """Where each India-China commitment stands, how it got there, and who said so.

    Every status is the fold of dated events, each drawn from a stored source with a verbatim
    quote. Commitments are named by slug, alias or prefix (`tracker commitments`).
    """
    if db is not None and not db.strip():
        raise click.BadParameter("is empty: give a database URL, or leave --db out for the default",
                                 param_hint="'--db'")
    ctx.obj = {"db": db}


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
               f"{result['already']} already in the store", err=True)
    if not yes and not interactive and any(not (r["already_recorded"] or r["duplicate"]) for r in shown):
        click.echo("nothing recorded: run again with --yes to record them, or on a terminal to choose",
                   err=True)


def _on_terminal() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def _review(rows: list[dict]) -> list[dict | None]:
    from tracker.review import ask

    return ask(rows)


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


from tracker import cli_grow  # noqa: E402,F401  (define, rename, alias, names, due, compare, sources amend)
