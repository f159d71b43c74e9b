"""The ``tracker`` command: the group, its error handling and the options every command shares.

The commands themselves are thin click functions in the modules named for them, each calling one
service function and printing through :func:`emit` (:mod:`tracker.output`): ``reading`` (status,
history, commitments, sources, source, changes, due, compare), ``recording`` (add, retract),
``definitions`` (define, rename, alias, names, sources amend), ``readouts`` (ingest),
``storekeeping`` (verify, export, import, db) and ``publishing`` (timeline, site).

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




# Each module registers its commands on `main`; a command's code is in the module named for it.
from tracker.cli import reading, recording, readouts, definitions, storekeeping, publishing  # noqa: E402,F401
