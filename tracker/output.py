"""One way to print rows: ``render(rows, fmt)`` for json, csv and every tabulate table format.

Text that came from outside (articles, quotes, titles) may carry terminal control sequences;
every string is passed through :func:`clean` before it is printed.
"""
from __future__ import annotations

import csv
import io
import json
import re
from typing import Any, Callable, Iterable, Sequence

DEFAULT_FORMAT = "simple"
# C0 and C1 controls (but tab and newline), DEL, bidirectional marks, overrides and isolates
# (U+200E/F, U+061C, U+202A-202E, U+2066-2069), and the Unicode line and paragraph separators.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
#: A CSV cell starting with one of these is a formula to a spreadsheet: it gets a leading ' (OWASP).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: tabulate formats that do not escape their cells (raw HTML, raw LaTeX): not offered.
_UNESCAPED_FORMATS = {"unsafehtml", "latex_raw"}
_ESCAPE_SEQ = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])")

_UNSAFE_IN_JSON = re.compile(r"[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")  # only ever inside strings

Column = str | tuple[str, Callable[[dict], Any]]


def clean(text: str) -> str:
    """``text`` without terminal escape sequences or control characters (tab and newline kept)."""
    return _CONTROL.sub("", _ESCAPE_SEQ.sub("", text))


def _cleaned(value: Any) -> Any:
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, list):
        return [_cleaned(v) for v in value]
    if isinstance(value, dict):
        return {k: _cleaned(v) for k, v in value.items()}
    return value


def formats() -> list[str]:
    from tabulate import tabulate_formats

    return ["json", "csv", *sorted(set(tabulate_formats) - _UNESCAPED_FORMATS)]


def check_format(fmt: str) -> str:
    fmt = (fmt or DEFAULT_FORMAT).lower()
    if fmt not in formats():
        raise ValueError(f"unknown format {fmt!r}: use json, csv, or a table format such as plain, "
                         f"simple, github, grid, pipe, html or latex ({len(formats()) - 2} in all)")
    return fmt


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, str):
        return " ".join(value.split())  # one line per cell
    return value


def _csv_cell(value: Any) -> Any:
    """Scalars as they are, booleans as true/false, lists of names joined by '; ', anything nested as JSON."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return "; ".join(value)
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return value


def _project(rows: Iterable[dict], columns: Sequence[Column] | None) -> list[dict]:
    if columns is None:
        return [dict(r) for r in rows]
    out = []
    for r in rows:
        item = {}
        for col in columns:
            name, get = (col, lambda row, c=col: row.get(c)) if isinstance(col, str) else col
            item[name] = get(r)
        out.append(item)
    return out


def spreadsheet_safe(value: Any) -> Any:
    """A CSV cell a spreadsheet shows as text: one starting with = + - @ tab or CR gets a leading '."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def terminal_width() -> int | None:
    """The terminal's width when stdout is one, else None (a pipe or a file gets full width)."""
    import shutil
    import sys

    try:
        if not sys.stdout.isatty():
            return None
    except (AttributeError, ValueError):
        return None
    return shutil.get_terminal_size().columns


def fit_widths(table: list[dict], headers: list[str], wrap: Sequence[str], width: int, overhead: int,
               least: int = 10) -> list[int | None]:
    """Widths for the ``wrap`` columns so the table's lines fit ``width`` (``overhead``: what the
    format adds around the cells). The first named (the quote, the title) keeps three times the
    room of the others; the widest for its share gives way first, none below ``least``."""
    natural = {h: max([len(h), *(max((len(ln) for ln in str(r[h]).splitlines()), default=0)
                                 for r in table)]) for h in headers}
    fixed = sum(natural[h] for h in headers if h not in wrap)
    budget = max(width - overhead - fixed, 0)
    sizes = {h: natural[h] for h in headers if h in wrap}
    share = {h: 3 if h == wrap[0] else 1 for h in sizes}
    floor = {h: max(least, min(16, max((len(w) for r in table for w in str(r[h]).split()), default=0)))
             for h in sizes}  # a name or status is not broken mid-word when it can be helped
    for limit in (floor, dict.fromkeys(sizes, least), dict.fromkeys(sizes, 4)):  # then break words
        while sum(sizes.values()) > budget:
            shrinkable = [h for h in sizes if sizes[h] > limit[h]]
            if not shrinkable:
                break
            widest = max(shrinkable, key=lambda h: sizes[h] / share[h])
            sizes[widest] -= 1
    return [sizes.get(h) if h in sizes and sizes[h] < natural[h] else None for h in headers]


def render(rows: Sequence[dict] | dict, fmt: str = DEFAULT_FORMAT, columns: Sequence[Column] | None = None,
           wrap: Sequence[str] | dict[str, int] | None = None, width: int | None = None, raw: bool = False) -> str:
    """Rows as ``fmt``. json and csv carry every field; table formats show ``columns`` (all if None).
    With ``width`` (a terminal's), the long columns named in ``wrap`` are wrapped so that each line
    fits it; without (a pipe, ``--wide``), nothing is wrapped. CSV cells are spreadsheet-safe and
    free of terminal controls unless ``raw`` (then exactly as stored)."""
    fmt = check_format(fmt)
    if fmt == "json":  # exact data (a quote must stay verbatim), with nothing a terminal would act on
        text = json.dumps(rows, ensure_ascii=False, indent=2)  # escapes C0 controls itself
        return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    if isinstance(rows, dict):
        rows = [rows]
    if fmt == "csv":
        data = rows if raw else _cleaned(rows)
        buf = io.StringIO()
        fields = list(dict.fromkeys(k for r in data for k in r))
        writer = csv.DictWriter(buf, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        for r in data:
            writer.writerow({k: _csv_cell(v) if raw else spreadsheet_safe(_csv_cell(v)) for k, v in r.items()})
        return buf.getvalue().rstrip("\n")
    from tabulate import tabulate

    table = [{k: _cell(_cleaned(v)) for k, v in r.items()} for r in _project(rows, columns)]
    if not table:
        return "(nothing to show)"
    headers = list(table[0])
    body = [[r[h] for h in headers] for r in table]
    full = tabulate(body, headers=headers, tablefmt=fmt, disable_numparse=True)
    longest = max((len(ln) for ln in full.splitlines()), default=0)
    if not wrap or width is None or longest <= width:
        return full
    natural = sum(max([len(h), *(len(str(r[h])) for r in table)]) for h in headers)
    widths = fit_widths(table, headers, list(wrap), width, overhead=longest - natural)
    if not any(widths):
        return full
    return tabulate(body, headers=headers, tablefmt=fmt, maxcolwidths=widths, disable_numparse=True)


def explain_lines(sentences: list[dict], unmatched: list[dict]) -> list[str]:
    """``ingest --explain`` as text: each sentence that names a commitment, then how each name was
    read (the clause, the rule that fired or why it was skipped); then the unmatched sentences."""
    out, last = ["", "How each sentence was read:"], None
    for s in sentences:
        if s["sentence"] != last:
            out.append(f"[{s['sentence']}] {clean(' '.join(s['quote'].split()))}")
            last = s["sentence"]
        what = {"proposed": f"{s['kind']} by {s['rule']}", "also": f"{s['kind']} by {s['rule']} (also)"}.get(
            s["outcome"], "skipped")
        out.append(f"    {s['commitment']} (“{clean(s['name'])}”): {what}: {clean(s['why'])}")
        if s["clause"] and s["clause"] != " ".join(s["quote"].split()):
            out.append(f"        clause read: “{clean(s['clause'])}”")
    if unmatched:
        out += ["", "Agreements naming no tracked commitment (define one with `tracker define`):"]
        out += [f"    {u['kind']} (“{clean(u['cue'])}”, {u['rule']}): {clean(u['quote'])}" for u in unmatched]
    return out
