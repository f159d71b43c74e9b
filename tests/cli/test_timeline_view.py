"""The timeline as a reader needs it: the recent window by default, lanes by status then title, a
subtitle saying what is drawn, distinct glyphs, marks at their dates, and bounded ranges."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from tracker.core.model import Kind, Status
from tracker.services.timeline import LANE_ORDER, MARKERS, _stacks

SVG_NS = "{http://www.w3.org/2000/svg}"


def svg_text(path) -> list[str]:
    return [t.text or "" for t in ET.parse(path).getroot().iter(f"{SVG_NS}text")]


def draw(cli, tmp_path, *args):
    out = tmp_path / "t.svg"
    result = cli("timeline", "-o", str(out), *args)
    assert result.exit_code == 0, result.stderr
    return out


def test_the_default_window_is_the_last_two_years_of_events_and_from_widens_it(cli, tmp_path):
    subtitle = next(t for t in svg_text(draw(cli, tmp_path)) if "as of" in t)
    first_year = int(re.match(r"\d\d \w{3} (\d{4})", subtitle)[1])
    last_event = max(r["last_event"] for r in cli.json("status") if r["last_event"])
    assert int(last_event[:4]) - first_year <= 3
    wide = next(t for t in svg_text(draw(cli, tmp_path, "--from", "2020-01-01")) if "as of" in t)
    assert wide.startswith("01 Jan 2020")


def test_the_subtitle_names_the_time_axes(cli, tmp_path):
    out = draw(cli, tmp_path, "--as-of", "2025-06-30", "--as-known-on", "2025-07-01")
    assert any("as of 2025-06-30 · as known on 2025-07-01" in t for t in svg_text(out))


def test_lanes_are_ordered_by_status_then_title(cli, tmp_path):
    out = draw(cli, tmp_path)
    rows = {r["title"]: r["status"] for r in cli.json("status")}
    labels = [t for t in svg_text(out) if t.split("\n")[0][:10] in {k[:10] for k in rows}]
    # lanes are drawn bottom to top in the SVG's tick order: the first lane is the top one
    ticks = [" ".join(t.split()) for t in labels]
    titles = sorted(rows, key=lambda t: (LANE_ORDER.index(Status(rows[t])), t.lower()))
    order = [next(t for t in titles if " ".join(t.split()).startswith(tick.rstrip("… ")[:15])) for tick in ticks]
    assert order == titles or list(reversed(order)) == titles


def test_no_kind_is_drawn_with_the_retracted_cross():
    assert all(marker not in ("x", "X", "+") for marker in MARKERS.values())
    assert MARKERS[Kind.SUSPENDED] != MARKERS[Kind.ABANDONED]


def test_marks_of_one_day_stack_vertically_and_keep_their_date():
    import datetime as dt

    days = [dt.date(2025, 10, 26), dt.date(2025, 10, 26), dt.date(2025, 12, 1)]
    assert _stacks(days, points_per_day=1.0) == [(0, 2), (1, 2), (0, 1)]


@pytest.mark.parametrize("args, says", [
    (["--to", "9999-12-31"], "--to 9999-12-31 is outside the years the timeline draws (1900-2100)"),
    (["--from", "0001-01-01"], "--from 0001-01-01 is outside the years"),
])
def test_extreme_ranges_are_refused_at_once(cli, tmp_path, args, says):
    result = cli("timeline", "-o", str(tmp_path / "t.png"), *args)
    assert result.exit_code == 2 and says in result.stderr
    assert not (tmp_path / "t.png").exists()
