"""The timeline picture: formats, labels, clipping, determinism (tracker/services/timeline.py)."""
from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest

pytest.importorskip("matplotlib")

from tracker.core.dates import PartialDate
from tracker.core.model import Event, Kind, Status
from tracker.core.fold import Step
from tracker.core.errors import TrackerError
from tracker.services.timeline import Lane, draw, lane

SVG_NS = "{http://www.w3.org/2000/svg}"


def ev(commitment: str, kind: Kind, date: str, version: int, **kw) -> Event:
    return Event(commitment=commitment, kind=kind, date=PartialDate.parse(date), version=version,
                 id=f"{commitment}-{version}", source="src1", quote="a quote", **kw)


def example_lanes() -> list[Lane]:
    yatra = [
        ev("kailash-yatra", Kind.SUSPENDED, "2020", 0),
        ev("kailash-yatra", Kind.RAISED, "2025-01-27", 1),
        ev("kailash-yatra", Kind.AGREED, "2025-01-27", 2),
        ev("kailash-yatra", Kind.IMPLEMENTED, "2025-06", 3),
    ]
    flights = [
        ev("direct-flights", Kind.DISCUSSED, "2025-01-27", 0),
        ev("direct-flights", Kind.AGREED, "2025-01-27", 1),
        ev("direct-flights", Kind.PROGRESS, "2025-06-12", 2),
        ev("direct-flights", Kind.REAFFIRMED, "2026-02-10", 3),
        ev("direct-flights", Kind.STALLED, "2026-03-01", 4),
        ev("direct-flights", Kind.RETRACTED, "2026-03-05", 5, target="direct-flights-4"),
    ]
    return [
        lane("kailash-yatra", "Kailash Mansarovar Yatra", yatra),
        lane("direct-flights", "Direct flights", flights),
        Lane("river-data", "Trans-border river data sharing"),  # no events: not_started
    ]


def svg_text(path) -> str:
    """All the text of the SVG's <text> elements, lines joined by spaces."""
    root = ET.parse(path).getroot()
    return " ".join("".join(t.itertext()) for t in root.iter(f"{SVG_NS}text"))


def test_svg_parses_with_svg_root_and_every_lane_title(tmp_path):
    out = draw(example_lanes(), tmp_path / "t.svg")
    assert out == tmp_path / "t.svg"
    root = ET.parse(out).getroot()
    assert root.tag == f"{SVG_NS}svg"
    text = " ".join(svg_text(out).split())
    for title in ("Kailash Mansarovar Yatra", "Direct flights", "Trans-border river data sharing"):
        assert title in text
    assert "India–China commitments: status over time" in text
    assert "Source: tracker; each mark is a dated event with a quoted source" in text


def test_custom_title_and_long_labels_are_shortened(tmp_path):
    long = "Border trade through Lipulekh, Shipki La and Nathu La passes, resumed in full"
    out = draw([Lane("border-trade", long)], tmp_path / "t.svg", title="Briefing: trade")
    text = svg_text(out)
    assert "Briefing: trade" in text
    assert "…" in text and long not in " ".join(text.split())


def test_png_has_signature_and_sensible_size(tmp_path):
    Image = pytest.importorskip("PIL.Image")
    out = draw(example_lanes(), tmp_path / "t.png")
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with Image.open(out) as im:
        im.verify()
    with Image.open(out) as im:
        width, height = im.size
    assert 800 <= width <= 3000 and 400 <= height <= 3000 and width > height


@pytest.mark.parametrize("name", ["t.pdf", "t.jpg", "t", "t.svg.txt"])
def test_unsupported_suffix_is_an_error(tmp_path, name):
    with pytest.raises(TrackerError, match=r"\.svg or \.png"):
        draw(example_lanes(), tmp_path / name)
    assert not (tmp_path / name).exists()


def test_suffix_is_case_insensitive(tmp_path):
    assert draw(example_lanes(), tmp_path / "T.SVG").stat().st_size > 0


def test_end_before_start_is_an_error(tmp_path):
    with pytest.raises(TrackerError, match="after its start"):
        draw(example_lanes(), tmp_path / "t.svg", start=dt.date(2025, 1, 1), end=dt.date(2024, 1, 1))


def segments(path, slug: str) -> list[str]:
    """The statuses of a lane's drawn segments, left to right (from the SVG group ids)."""
    pattern = re.compile(rf"segment-{re.escape(slug)}-(\d+)-([a-z_]+)")
    found = [pattern.fullmatch(g.get("id", "")) for g in ET.parse(path).getroot().iter(f"{SVG_NS}g")]
    return [m[2] for m in sorted((m for m in found if m), key=lambda m: int(m[1]))]


def test_start_after_events_still_draws_the_status_they_set(tmp_path):
    steps = lane("x", "X", [ev("x", Kind.SUSPENDED, "2020-03-01", 0), ev("x", Kind.RAISED, "2025-01-27", 1)]).steps
    unclipped = draw([Lane("x", "X", steps)], tmp_path / "all.svg", start=dt.date(2019, 1, 1))
    assert segments(unclipped, "x") == ["not_started", "suspended", "proposed"]
    # by default, the last two years of events: suspended since 2020, then proposed
    assert segments(draw([Lane("x", "X", steps)], tmp_path / "d.svg"), "x") == ["suspended", "proposed"]
    # from 2024: still suspended (since 2020), then proposed; the not_started part is clipped away
    clipped = draw([Lane("x", "X", steps)], tmp_path / "a.svg", start=dt.date(2024, 1, 1))
    assert segments(clipped, "x") == ["suspended", "proposed"]
    # after every event: one segment of the latest status
    late = draw([Lane("x", "X", steps)], tmp_path / "b.svg", start=dt.date(2025, 6, 1), end=dt.date(2025, 12, 31))
    assert segments(late, "x") == ["proposed"]


def test_retracted_event_changes_nothing_in_the_drawing(tmp_path):
    out = draw(example_lanes(), tmp_path / "t.svg", start=dt.date(2019, 1, 1))
    # discussed and agreed on the same day: the under_discussion segment has zero width
    assert segments(out, "direct-flights") == ["not_started", "agreed", "in_progress"]
    assert segments(out, "kailash-yatra") == ["not_started", "suspended", "agreed", "implemented"]


def test_empty_lane_is_drawn_not_started(tmp_path):
    out = draw([Lane("river-data", "River data")], tmp_path / "t.svg")
    assert "River data" in svg_text(out)
    assert segments(out, "river-data") == ["not_started"]
    assert draw([], tmp_path / "none.png").stat().st_size > 0  # no lanes at all: still a picture


def test_steps_built_by_hand_are_accepted(tmp_path):
    e = ev("visa", Kind.DISCUSSED, "2025-01", 0)
    step = Step(e, Status.NOT_STARTED, Status.UNDER_DISCUSSION)
    out = draw([Lane("visa", "Visa facilitation", (step,))], tmp_path / "t.svg")
    assert segments(out, "visa") == ["not_started", "under_discussion"]


def test_same_input_gives_byte_identical_svg(tmp_path):
    a = draw(example_lanes(), tmp_path / "a.svg").read_bytes()
    b = draw(example_lanes(), tmp_path / "b.svg").read_bytes()
    assert a == b
    assert b"<dc:date>" not in a


def test_a_start_or_end_beyond_every_event_needs_no_other_bound(tmp_path):
    lanes = example_lanes()
    assert segments(draw(lanes, tmp_path / "a.svg", start=dt.date(2030, 1, 1)), "direct-flights") == ["in_progress"]
    assert segments(draw(lanes, tmp_path / "b.svg", end=dt.date(2019, 1, 1)), "direct-flights") == ["not_started"]


def test_missing_directory_is_a_tracker_error(tmp_path):
    with pytest.raises(TrackerError, match="cannot write"):
        draw(example_lanes(), tmp_path / "no" / "such" / "t.svg")


def test_missing_matplotlib_is_a_tracker_error(tmp_path, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "matplotlib", None)  # makes "import matplotlib" fail
    with pytest.raises(TrackerError, match="pip install matplotlib"):
        draw(example_lanes(), tmp_path / "t.svg")


def test_a_change_known_only_to_the_year_is_hatched_over_that_year(tmp_path):
    vague = lane("kailash-yatra", "Kailash Mansarovar Yatra",
                 [ev("kailash-yatra", Kind.SUSPENDED, "2020", 1), ev("kailash-yatra", Kind.IMPLEMENTED, "2025", 2)])
    exact = lane("direct-flights", "Direct flights", [ev("direct-flights", Kind.AGREED, "2025-06-12", 1)])
    out = draw([vague, exact], tmp_path / "t.svg")
    svg = out.read_text()
    assert 'id="vague-kailash-yatra' in svg and 'id="vague-direct-flights' not in svg
