"""The data behind each page, as plain dicts and lists: no I/O, no HTML (the templates escape).

Everything here is deterministic: the same rows give the same page data, sorted the same way.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Iterable

from tracker.core.model import Status

#: Status order on the board and in the filter: the forward track, then off the track.
STATUS_ORDER = [s.value for s in Status]
FLAGS = ("overdue", "due", "quiet")  # fields another issue adds to status rows; shown when present
PRECISION_LABEL = {"day": "", "month": "month", "year": "year"}
# C0/C1 controls (tab and newline kept), DEL and bidirectional overrides: not shown in a page.
_UNSHOWN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def shown(text: str | None) -> str:
    """Text as a page shows it: without control or bidi-override characters (escaping is the template's)."""
    return _UNSHOWN.sub("", text or "")


def status_label(status: str | None) -> str:
    return (status or "not_started").replace("_", " ")


def quote_anchor(quote: str) -> str:
    """The id of a quoted passage in its source page: the same on both ends of every link."""
    return "q-" + hashlib.sha256(quote.encode("utf-8")).hexdigest()[:12]


def event_anchor(event_id: str | None) -> str:
    return f"e-{event_id}"


def date_label(date: str | None, precision: str | None = "day") -> str:
    """``2025-06`` -> ``2025-06 (month)``: the precision kept and shown."""
    if not date:
        return ""
    extra = PRECISION_LABEL.get(precision or "day", precision or "")
    return f"{date} ({extra})" if extra else date


def board_rows(status_rows: Iterable[dict]) -> list[dict]:
    """The index board: one row per commitment, sorted by slug, with the flags that exist."""
    rows = []
    for r in sorted(status_rows, key=lambda r: r["commitment"]):
        flags = [name for name in FLAGS if name in r and r[name] and name != "due"]
        rows.append({**r, "title": shown(r.get("title")), "label": status_label(r["status"]),
                     "has_due": "due" in r, "due": r.get("due"), "flags": flags})
    return rows


def status_counts(rows: Iterable[dict]) -> list[dict]:
    """How many commitments stand at each status (only statuses that occur), in status order."""
    counts: dict[str, int] = {}
    for r in rows:
        counts[r["status"]] = counts.get(r["status"], 0) + 1
    order = STATUS_ORDER + sorted(set(counts) - set(STATUS_ORDER))
    return [{"status": s, "label": status_label(s), "count": counts[s]} for s in order if s in counts]


def history_view(rows: Iterable[dict]) -> list[dict]:
    """History rows as the commitment page shows them (fold order kept)."""
    out = []
    for r in rows:
        moved = r["status_before"] != r["status_after"] and not r["retracted"]
        out.append({
            **r, "anchor": event_anchor(r["id"]), "date_shown": date_label(r["date"], r["date_precision"]),
            "quote": shown(r["quote"]), "note": shown(r.get("note")),
            "actors": [shown(a) for a in r["actors"]], "moved": moved,
            "before_label": status_label(r["status_before"]) if r["status_before"] else "",
            "after_label": status_label(r["status_after"]) if r["status_after"] else "",
            "quote_anchor": quote_anchor(r["quote"]) if r["quote"] and r["source"] else None,
            "corroborated_by": sorted(r.get("corroborated_by") or []),
            "retraction_reason": shown(r.get("retraction_reason")),
            "retracts_anchor": event_anchor(r["retracts"]) if r.get("retracts") else None,
        })
    return out


def is_change(row: dict) -> bool:
    """A history row that moved the status (the rule ``tracker changes`` uses: a live step that moved it)."""
    return not row["retracted"] and row["status_before"] != row["status_after"] and row["kind"] != "retracted"


@dataclass
class Passage:
    """One highlighted stretch of a source's text: the quotes it holds (their anchors), in order."""

    text: str
    anchors: list[str] = field(default_factory=list)  # first is the <mark>'s id; the rest are inner anchors
    inner: list[tuple[int, str]] = field(default_factory=list)  # (offset in text, anchor) of later quotes


def passages(text: str, quotes: Iterable[str]) -> tuple[list[str | Passage], list[str]]:
    """Split ``text`` into plain strings and highlighted :class:`Passage` pieces, one per run of
    overlapping quotes (each quote at its first occurrence). Returns the pieces and the anchors of
    the quotes not found in the text (shown in the list of passages instead)."""
    spans, missing = [], []
    for q in sorted(set(q for q in quotes if q)):
        at = text.find(q)
        if at < 0:
            missing.append(quote_anchor(q))
        else:
            spans.append((at, at + len(q), quote_anchor(q)))
    spans.sort()
    merged: list[list] = []  # [start, end, [(start, anchor), ...]]
    for start, end, anchor in spans:
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
            merged[-1][2].append((start, anchor))
        else:
            merged.append([start, end, [(start, anchor)]])
    pieces: list[str | Passage] = []
    pos = 0
    for start, end, held in merged:
        if start > pos:
            pieces.append(shown(text[pos:start]))
        first = held[0][1]
        inner = [(a - start, anchor) for a, anchor in held[1:]]
        pieces.append(Passage(text[start:end], [first] + [a for _, a in inner], inner))
        pos = end
    if pos < len(text):
        pieces.append(shown(text[pos:]))
    return pieces, sorted(set(missing))


def passage_parts(p: Passage) -> list[tuple[str | None, str]]:
    """A passage's text cut at its inner anchors: (anchor or None, text) pairs for the template."""
    parts, pos, anchor = [], 0, None
    for offset, inner in p.inner:
        parts.append((anchor, shown(p.text[pos:offset])))
        pos, anchor = offset, inner
    parts.append((anchor, shown(p.text[pos:])))
    return parts


def atom_time(stamp: str) -> str:
    """An ISO date or date-time (naive means UTC) as an RFC 3339 UTC time, to the second."""
    import datetime as dt

    when = dt.datetime.fromisoformat(stamp)
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    return when.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def safe_url(url: str | None) -> str | None:
    """A source's URL when it is a web address a page may link to (http or https), else None."""
    url = shown(url).strip()
    return url if re.match(r"https?://[^\s<>\"]+$", url, re.IGNORECASE) else None


def _urn(name: str) -> str:
    import uuid

    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'tracker:' + name)}"


def feed_id(title: str, as_of: str | None, as_known_on: str | None) -> str:
    """The feed's permanent id: the same for the same site title and view, build after build."""
    return _urn(f"feed:{title}|{as_of or ''}|{as_known_on or ''}")


def feed_entry(change: dict) -> dict:
    """A status change as an Atom entry: id from the event id, updated from when it was recorded."""
    stamp = change["recorded_at"] or _first_day(change["date"])
    return {**change, "entry_id": _urn(f"event:{change['event']}"), "updated": atom_time(stamp)}


def _first_day(date: str) -> str:
    from tracker.core.dates import PartialDate

    return PartialDate.parse(date).start.isoformat()
