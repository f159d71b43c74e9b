"""Asking a person about each proposal of ``tracker ingest`` on a terminal.

Answers: accept, skip, change the kind or the date, ``A`` to accept this and every later
proposal, quit. Ctrl-C asks whether to keep what was accepted so far. A date may be typed in any
form ``ingest`` reads in a text ("26 Oct 2025", "October 2025", "last Sunday", ...).
"""
from __future__ import annotations

import datetime as dt
import shutil
import textwrap

import click

from tracker.core.dates import DateError, PartialDate
from tracker.core.model import CLAIM_KINDS
from tracker.output import clean

ANSWERS = "  [a]ccept, [A]ccept all the rest, [s]kip, change [k]ind, change [d]ate, [q]uit"


def ask(rows: list[dict]) -> list[dict | None]:
    """On a terminal: accept, skip, change the kind or the date of each proposal."""
    out: list[dict | None] = []
    try:
        _ask_each(rows, out)
    except (click.Abort, KeyboardInterrupt, EOFError):
        accepted = sum(1 for r in out if r is not None)
        click.echo("")
        keep = False
        if accepted:
            try:
                keep = click.confirm(f"  interrupted: keep the {accepted} proposal(s) accepted so far?",
                                     default=False)
            except (click.Abort, KeyboardInterrupt, EOFError):
                keep = False
        if not keep:
            click.echo("  nothing recorded", err=True)
            return [None] * len(rows)
    return out + [None] * (len(rows) - len(out))


def change(row: dict) -> str:
    """The status move a proposal makes, or "no change" when it makes none."""
    if row["status_before"] == row["status_after"]:
        return f"no change: stays {row['status_after']}"
    return f"{row['status_before']} -> {row['status_after']}"


def read_date(text: str, published: str | None) -> PartialDate:
    """A date as typed: YYYY[-MM[-DD]], or any form ``ingest`` reads in a sentence."""
    try:
        return PartialDate.parse(text.strip())
    except DateError:
        if text.strip()[:4].isdigit() and "-" in text:  # meant as YYYY-MM-DD: say what is wrong with it
            raise
    from tracker.ingest.textdates import find_date

    anchor = PartialDate.parse(published) if published else PartialDate.from_date(dt.date.today())
    found = find_date(text, anchor)
    if found is None:
        raise DateError(f"cannot read {text!r} as a date: try 2025-10-26, 26 October 2025 or October 2025")
    return found.date


def _ask_each(rows: list[dict], out: list[dict | None]) -> None:
    kinds = [k.value for k in CLAIM_KINDS]
    rest = False
    for n, row in enumerate(rows, start=1):
        if row["already_recorded"] or row["duplicate"]:
            out.append(None)
            continue
        row = dict(row)
        if rest:
            out.append(row)
            continue
        _show(n, len(rows), row)
        while True:
            answer = click.prompt(ANSWERS, type=click.Choice(["a", "A", "s", "k", "d", "q"]), default="a",
                                  show_choices=False)
            if answer == "k":
                row["kind"] = click.prompt("  kind", type=click.Choice(kinds), default=row["kind"])
            elif answer == "d":
                row["date"] = str(_prompt_date(row))
            else:
                break
            click.echo(f"  now: {row['commitment']}: {row['kind']} on {row['date']}")
        if answer == "q":
            return
        rest = answer == "A"
        out.append(row if answer in ("a", "A") else None)


def _show(n: int, total: int, row: dict) -> None:
    width = max(40, min(shutil.get_terminal_size().columns, 120) - 2)
    click.echo(f"\n[{n}/{total}] {row['commitment']}: {row['kind']} on {row['date']} ({change(row)})")
    click.echo(f"  rule: {clean(row['rule'])}: {clean(row['reason'])}")
    click.echo(f"  date: {clean(row['date_basis'])}")
    click.echo(textwrap.fill(" ".join(clean(row["quote"]).split()), width, initial_indent="  quote: ",
                             subsequent_indent="         "))


def _prompt_date(row: dict) -> PartialDate:
    while True:
        text = click.prompt("  date (2025-10-26, 26 Oct 2025, October 2025, last Sunday, ...)",
                            default=row["date"])
        try:
            date = read_date(text, row.get("published"))
        except DateError as exc:
            click.echo(f"  {exc}")
            continue
        if row.get("published") and date.start > PartialDate.parse(row["published"]).end:
            click.echo(f"  {date} is after the source was published ({row['published']}): "
                       f"an event is dated when it happened")
            continue
        return date
