"""The timeline picture: one lane per commitment, its status over time, a mark per event.

``draw(lanes, output)`` writes ``.svg`` or ``.png`` (chosen by the suffix).  matplotlib is a
dependency, imported only when a picture is drawn.

How to read it:

* each lane is a bar coloured by status, one segment from each status change to the next; the
  last runs to ``end`` (default: the latest event plus a margin).  Events before ``start`` still
  set the status the drawing starts with: the drawing is clipped, the state is not dropped;
* the forward track is a sequential scale from grey (not started) through light to dark green
  (implemented); stalled is amber, suspended red, abandoned near-black;
* each event is a dark mark on its lane at its date, shaped by kind; marks that would overlap
  (the same day, or days too close to tell apart) are stacked vertically in recording order; a
  retracted event is hollow and crossed out (no kind's mark is a cross);
* the default window is the last two years of events (``start`` widens it); lanes are ordered by
  their status (implemented first, then back along the forward track, then stalled, suspended,
  abandoned) and then by title; a subtitle states the window and the time axes drawn
  (``as of``, ``as known on``); dates are bounded to 1900-2100;
* in SVG, each segment is a group with id ``segment-SLUG-N-STATUS`` (N counts the lane's changes);
* a deadline (the current `due`) is a tall tick at the end of its period, red once overdue
  (SVG id ``due-SLUG`` or ``overdue-SLUG``);
* an imprecise date (``YYYY-MM`` or ``YYYY``) is marked at the first day of its period, where it
  folds, with a lighter (grey-filled) mark and a bracket just under the bar spanning the whole
  period (month or year): the lighter fill flags imprecision even where a month is too short to see.
"""
from __future__ import annotations

import datetime as dt
import pathlib
import textwrap
from dataclasses import dataclass
from typing import Iterable, Sequence

from tracker.core.dates import PartialDate
from tracker.core.model import Event, Kind, Status
from tracker.core.fold import Step, replay
from tracker.core.errors import TrackerError

DEFAULT_TITLE = "India–China commitments: status over time"
FOOTNOTE = "Source: tracker; each mark is a dated event with a quoted source"
SUFFIXES = (".svg", ".png")

#: One fixed palette: forward track grey -> light -> dark green; off-track amber, red, near-black.
PALETTE: dict[Status, str] = {
    Status.NOT_STARTED: "#d9d9d9",
    Status.PROPOSED: "#d4ecc4",
    Status.UNDER_DISCUSSION: "#a6d68e",
    Status.AGREED: "#6bb865",
    Status.IN_PROGRESS: "#2f8f4a",
    Status.IMPLEMENTED: "#0b5a2f",
    Status.STALLED: "#f2a81d",
    Status.SUSPENDED: "#d7301f",
    Status.ABANDONED: "#3a3a3a",
}
#: Marker shape per event kind (matplotlib marker codes).
MARKERS: dict[Kind, str] = {
    Kind.RAISED: "^",
    Kind.DISCUSSED: "o",
    Kind.AGREED: "s",
    Kind.PROGRESS: "D",
    Kind.IMPLEMENTED: "*",
    Kind.REAFFIRMED: "P",
    Kind.STALLED: "v",
    Kind.SUSPENDED: "p",  # a pentagon: never a cross, which means retracted
    Kind.ABANDONED: "h",
}
MARK_COLOUR, MARK_EDGE, VAGUE_COLOUR, RETRACTED_COLOUR = "#111111", "#ffffff", "#bdbdbd", "#555555"
DUE_COLOUR, OVERDUE_COLOUR = "#444444", "#d7301f"
TICKS_H = 0.6  # inches under the lanes for the date labels
DEFAULT_WINDOW = dt.timedelta(days=2 * 365 + 1)  # the last two years of events
EARLIEST, LATEST = dt.date(1900, 1, 1), dt.date(2100, 12, 31)
#: Lane order: the status a lane ends with, in this order, then its title.
LANE_ORDER = (Status.IMPLEMENTED, Status.IN_PROGRESS, Status.AGREED, Status.UNDER_DISCUSSION,
              Status.PROPOSED, Status.NOT_STARTED, Status.STALLED, Status.SUSPENDED, Status.ABANDONED)
LABEL_WIDTH, LABEL_LINES = 24, 2  # characters per line, lines per lane label


@dataclass(frozen=True)
class Lane:
    """One commitment as drawn: its slug, its title (the lane's label), its replayed history."""

    slug: str
    title: str
    steps: tuple[Step, ...] = ()
    due: PartialDate | None = None  # the current deadline (core.deadlines): a tall tick at its end
    overdue: bool = False  # drawn red


def lane(slug: str, title: str, events: Iterable[Event]) -> Lane:
    """A lane from a commitment's raw events (replayed here, in fold order)."""
    return Lane(slug, title, tuple(replay(events, slug)))


def _legend_h(entries: int) -> float:
    """Inches taken by a titled five-column legend of that many entries."""
    return 0.32 + 0.22 * -(-entries // 5)


def _label(title: str) -> str:
    lines = textwrap.wrap(title, LABEL_WIDTH) or [""]
    if len(lines) > LABEL_LINES:
        lines = lines[:LABEL_LINES]
        lines[-1] = textwrap.shorten(lines[-1] + " …", LABEL_WIDTH, placeholder=" …")
        if not lines[-1].endswith("…"):
            lines[-1] = lines[-1][: LABEL_WIDTH - 1] + "…"
    return "\n".join(lines)


def _marks(steps: Sequence[Step]) -> list[Step]:
    return [s for s in steps if s.event.kind in MARKERS]


def _changes(steps: Sequence[Step]) -> list[tuple[dt.date, Status]]:
    """(day, new status) for every live step that moved the status, in fold order."""
    return [(s.event.date.start, s.after) for s in steps if not s.retracted and s.after != s.before]


def _vague_changes(steps: Sequence[Step]) -> list[tuple[dt.date, dt.date]]:
    """The periods of month- or year-dated events that moved the status: when, exactly, is unknown."""
    return [(s.event.date.start, s.event.date.end) for s in steps
            if not s.retracted and s.after != s.before and s.event.date.precision != "day"]


def final_status(ln: Lane) -> Status:
    changes = _changes(ln.steps)
    return changes[-1][1] if changes else Status.NOT_STARTED


def ordered(lanes: Iterable[Lane]) -> list[Lane]:
    """Lanes by the status they end with (see :data:`LANE_ORDER`), then by title."""
    return sorted(lanes, key=lambda ln: (LANE_ORDER.index(final_status(ln)), ln.title.lower(), ln.slug))


def check_range(start: dt.date | None, end: dt.date | None) -> None:
    for what, day in (("--from", start), ("--to", end)):
        if day is not None and not EARLIEST <= day <= LATEST:
            raise TrackerError(f"{what} {day} is outside the years the timeline draws "
                               f"({EARLIEST.year}-{LATEST.year}): give a date in that range")


def _span(lanes: Sequence[Lane], start: dt.date | None, end: dt.date | None) -> tuple[dt.date, dt.date]:
    check_range(start, end)
    events = [s.event.date for ln in lanes for s in _marks(ln.steps)]
    first = min((d.start for d in events), default=None)
    last = max((d.end for d in events), default=None)
    if first is not None and start is None:  # the last two years of events; --from widens it
        first = max(first, min(last, end or last) - DEFAULT_WINDOW)
    if first is None:
        last = end or dt.date.today()
        first = start or last - dt.timedelta(days=365)
    margin = dt.timedelta(days=max(60, ((end or last) - (start or first)).days // 25))
    lo = start or min(first - margin, (end or last) - margin)
    hi = end or max(last + margin, lo + margin)
    if hi <= lo:
        raise TrackerError(f"the timeline's end ({hi}) must come after its start ({lo})")
    return lo, hi


def _stacks(days: Sequence[dt.date], points_per_day: float, gap: float = 10.0) -> list[tuple[int, int]]:
    """For each mark (by day, in recording order): (its place, the size) of the stack it is in.
    Marks closer than ``gap`` points on the axis form one stack, drawn one above the other."""
    order = sorted(range(len(days)), key=lambda i: (days[i], i))
    groups: list[list[int]] = []
    for i in order:
        if groups and (days[i] - days[groups[-1][-1]]).days * points_per_day < gap:
            groups[-1].append(i)
        else:
            groups.append([i])
    out: list[tuple[int, int]] = [(0, 1)] * len(days)
    for g in groups:
        for place, i in enumerate(sorted(g)):
            out[i] = (place, len(g))
    return out


def _date_axis(ax, mdates, lo: dt.date, hi: dt.date) -> None:
    days = (hi - lo).days
    if days > 4 * 366:
        major, minor, fmt = mdates.YearLocator(), mdates.MonthLocator((1, 4, 7, 10)), "%Y"
    elif days > 18 * 31:
        major, minor, fmt = mdates.MonthLocator((1, 4, 7, 10)), mdates.MonthLocator(), "%b\n%Y"
    else:
        major, minor, fmt = mdates.MonthLocator(), mdates.DayLocator((1, 15)), "%b\n%Y"
    ax.xaxis.set_major_locator(major)
    ax.xaxis.set_minor_locator(minor)
    ax.xaxis.set_major_formatter(mdates.DateFormatter(fmt))


def draw(
    lanes: Sequence[Lane],
    output: pathlib.Path,
    start: dt.date | None = None,
    end: dt.date | None = None,
    title: str | None = None,
    axes: str = "",
) -> pathlib.Path:
    """Draw the lanes (first at the top) to ``output`` (.svg or .png) and return its path.

    The same input gives a byte-identical SVG (fixed hash salt, no date stamp, text kept as text).
    ``axes`` (e.g. "as of 2025-06-01 · as known on 2025-07-01") goes in the subtitle after the window.
    """
    output = pathlib.Path(output)
    fmt = output.suffix.lower()
    if fmt not in SUFFIXES:
        raise TrackerError(f"cannot draw a timeline as {output.name!r}: use .svg or .png")
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.dates as mdates
        import matplotlib.pyplot as plt
        from matplotlib.lines import Line2D
        from matplotlib.patches import Patch
        from matplotlib.transforms import ScaledTranslation
    except ImportError:
        raise TrackerError("the timeline needs matplotlib, which is missing from this "
                           "installation: pip install matplotlib (or reinstall tracker)") from None

    lanes = list(lanes)
    lo, hi = _span(lanes, start, end)
    x = mdates.date2num
    n = max(len(lanes), 1)
    lane_h, top, left, width = 0.62, 0.75, 2.3, 11.0  # inches
    marks = [s for ln in lanes for s in _marks(ln.steps) if lo <= s.event.date.start <= hi]  # shown
    kinds = [k for k in MARKERS if any(s.event.kind is k for s in marks)]
    imprecise = any(s.event.date.precision != "day" for s in marks)
    retracted = any(s.retracted for s in marks)
    dues = [ln for ln in lanes if ln.due is not None and lo <= ln.due.end <= hi]
    mark_rows = (len(kinds) + imprecise + retracted + any(not ln.overdue for ln in dues)
                 + any(ln.overdue for ln in dues))
    bottom = TICKS_H + _legend_h(len(Status)) + (_legend_h(mark_rows) if mark_rows else 0) + 0.35
    top += 0.25  # the subtitle
    height = top + n * lane_h + bottom
    rc = {"svg.hashsalt": "tracker-timeline", "svg.fonttype": "none", "font.size": 10,
          "font.family": "DejaVu Sans"}
    with plt.rc_context(rc):
        fig = plt.figure(figsize=(width, height), dpi=150)
        try:
            ax = fig.add_axes((left / width, bottom / height, 1 - (left + 0.35) / width, n * lane_h / height))
            ax.set_xlim(x(lo), x(hi))
            ax.set_ylim(-0.6, n - 0.4)
            for i, ln in enumerate(lanes):
                y = n - 1 - i
                bounds = [(dt.date.min, Status.NOT_STARTED)] + _changes(ln.steps) + [(dt.date.max, None)]
                for k, ((a, status), (b, _)) in enumerate(zip(bounds, bounds[1:])):
                    a, b = max(a, lo), min(b, hi)
                    if a < b:
                        ax.barh(y, x(b) - x(a), left=x(a), height=0.46, color=PALETTE[status], zorder=2,
                                edgecolor="white", linewidth=0.6, gid=f"segment-{ln.slug}-{k}-{status}")
                for a, b in _vague_changes(ln.steps):  # hatched: changed at some point in this period
                    a, b = max(a, lo), min(b + dt.timedelta(days=1), hi)
                    if a < b:
                        ax.barh(y, x(b) - x(a), left=x(a), height=0.46, color="none", hatch="////",
                                edgecolor="white", linewidth=0, zorder=2.5, gid=f"vague-{ln.slug}")
                lane_marks = _marks(ln.steps)
                per_day_width = (width - left - 0.35) * 72 / max((hi - lo).days, 1)  # points per day
                for s, (k, m) in zip(lane_marks, _stacks([s.event.date.start for s in lane_marks],
                                                         per_day_width)):
                    day, kind = s.event.date.start, s.event.kind
                    shift = ScaledTranslation(0, -(k - (m - 1) / 2) * 10 / 72, fig.dpi_scale_trans)
                    where = ax.transData + shift
                    vague = s.event.date.precision != "day"
                    if vague:  # a bracket under the bar spanning the period; a lighter mark
                        ax.plot([x(day), x(s.event.date.end)], [y - 0.31] * 2, transform=where,
                                color=MARK_COLOUR, linewidth=1.3, marker="|", markersize=5, zorder=3)
                    style = dict(marker=MARKERS[kind], markersize=13 if kind is Kind.IMPLEMENTED else 9,
                                 linestyle="none", transform=where, zorder=4, clip_on=not lo <= day <= hi)
                    if s.retracted:
                        ax.plot([x(day)], [y], markerfacecolor="white", markeredgecolor=RETRACTED_COLOUR,
                                markeredgewidth=1.2, **style)
                        ax.plot([x(day)], [y], marker="x", markersize=9, color=RETRACTED_COLOUR,
                                linestyle="none", transform=where, zorder=5, clip_on=style["clip_on"])
                    else:
                        ax.plot([x(day)], [y], markerfacecolor=VAGUE_COLOUR if vague else MARK_COLOUR,
                                markeredgecolor=MARK_COLOUR if vague else MARK_EDGE,
                                markeredgewidth=0.8, **style)
            for i, ln in enumerate(lanes):  # deadlines: a tall tick at the end of the due period
                if ln in dues:
                    ax.plot([x(ln.due.end)], [n - 1 - i], marker="|", markersize=18, markeredgewidth=2.6,
                            color=OVERDUE_COLOUR if ln.overdue else DUE_COLOUR, linestyle="none", zorder=4.5,
                            gid=f"{'overdue' if ln.overdue else 'due'}-{ln.slug}")
            ax.set_yticks(range(n), [_label(ln.title) for ln in reversed(lanes)] if lanes else [""])
            ax.tick_params(axis="y", length=0, labelsize=10.5, pad=12)
            _date_axis(ax, mdates, lo, hi)
            ax.tick_params(axis="x", labelsize=9.5)
            ax.grid(axis="x", which="major", color="#bbbbbb", linewidth=0.6, zorder=0)
            ax.grid(axis="x", which="minor", color="#e6e6e6", linewidth=0.4, zorder=0)
            ax.set_axisbelow(True)
            for side in ("top", "right", "left"):
                ax.spines[side].set_visible(False)

            fig.text(left / width, 1 - 0.3 / height, title or DEFAULT_TITLE, fontsize=14,
                     fontweight="bold", va="center")
            window = f"{lo:%d %b %Y} – {hi:%d %b %Y}"
            fig.text(left / width, 1 - 0.58 / height, " · ".join(p for p in (window, axes) if p),
                     fontsize=9.5, color="#444444", va="center")
            status_handles = [Patch(facecolor=PALETTE[s], edgecolor="#999999", linewidth=0.5,
                                    label=s.value.replace("_", " ")) for s in Status]
            mark_handles = [Line2D([], [], marker=MARKERS[k], linestyle="none", markerfacecolor=MARK_COLOUR,
                                   markeredgecolor=MARK_EDGE, color=MARK_COLOUR,
                                   markersize=11 if k is Kind.IMPLEMENTED else 8, label=k.value)
                            for k in kinds]
            if imprecise:
                mark_handles.append(Line2D([], [], color=MARK_COLOUR, marker="|", markersize=8,
                                           linewidth=1.4, label="month/year date (bracket = period)"))
                mark_handles.append(Patch(facecolor="#888888", edgecolor="white", hatch="////",
                                          label="changed within that period"))
            if any(not ln.overdue for ln in dues):
                mark_handles.append(Line2D([], [], marker="|", linestyle="none", color=DUE_COLOUR,
                                           markersize=11, markeredgewidth=2.2, label="deadline (due)"))
            if any(ln.overdue for ln in dues):
                mark_handles.append(Line2D([], [], marker="|", linestyle="none", color=OVERDUE_COLOUR,
                                           markersize=11, markeredgewidth=2.2, label="overdue deadline"))
            if retracted:
                mark_handles.append(Line2D([], [], marker="x", linestyle="none", color=RETRACTED_COLOUR,
                                           markersize=8, label="retracted (hollow, crossed)"))
            common = dict(frameon=False, fontsize=9, handlelength=1.6, columnspacing=1.6, ncol=5,
                          borderaxespad=0, alignment="left", title_fontsize=9.5, loc="upper left")
            fig.legend(handles=status_handles, title="Status", **common,
                       bbox_to_anchor=(0.25 / width, (bottom - TICKS_H) / height))
            if mark_handles:
                fig.legend(handles=mark_handles, title="Events", **common,
                           bbox_to_anchor=(0.25 / width, (bottom - TICKS_H - _legend_h(len(Status))) / height))
            fig.text(0.25 / width, 0.12 / height, FOOTNOTE, fontsize=8, color="#555555", va="bottom")
            metadata = {"Date": None} if fmt == ".svg" else {"Software": None}
            from tracker.services.outfiles import write_output

            write_output(output, lambda fh: fig.savefig(fh, format=fmt[1:], metadata=metadata), binary=True)
        finally:
            plt.close(fig)
    return output
