"""Asking a person about each proposal of ``tracker ingest`` on a terminal."""
from __future__ import annotations

import click

from tracker.core.dates import DateError, PartialDate
from tracker.core.model import CLAIM_KINDS
from tracker.output import clean


def ask(rows: list[dict]) -> list[dict | None]:
    """On a terminal: accept, skip, change the kind or the date of each proposal."""
    kinds = [k.value for k in CLAIM_KINDS]
    out: list[dict | None] = []
    for n, row in enumerate(rows, start=1):
        if row["already_recorded"] or row["duplicate"]:
            out.append(None)
            continue
        row = dict(row)
        click.echo(f"\n[{n}/{len(rows)}] {row['commitment']}: {row['kind']} on {row['date']} "
                   f"({row['status_before']} -> {row['status_after']})")
        click.echo(f"  rule: {clean(row['rule'])}: {clean(row['reason'])}")
        click.echo(f"  date: {clean(row['date_basis'])}")
        click.echo(f"  quote: {clean(row['quote'])}")
        while True:
            answer = click.prompt("  [a]ccept, [s]kip, change [k]ind, change [d]ate, [q]uit",
                                  type=click.Choice(["a", "s", "k", "d", "q"]), default="a",
                                  show_choices=False)
            if answer == "k":
                row["kind"] = click.prompt("  kind", type=click.Choice(kinds), default=row["kind"])
            elif answer == "d":
                while True:
                    text = click.prompt("  date (YYYY-MM-DD, YYYY-MM or YYYY)", default=row["date"])
                    try:
                        date = PartialDate.parse(text)
                    except DateError as exc:
                        click.echo(f"  {exc}")
                        continue
                    if row.get("published") and date.start > PartialDate.parse(row["published"]).end:
                        click.echo(f"  {date} is after the source was published ({row['published']}): "
                                   f"an event is dated when it happened")
                        continue
                    row["date"] = str(date)
                    break
            else:
                break
            click.echo(f"  now: {row['commitment']}: {row['kind']} on {row['date']}")
        if answer == "q":
            out += [None] * (len(rows) - len(out))
            break
        out.append(row if answer == "a" else None)
    return out
