"""Output that a spreadsheet or a terminal cannot be tricked by."""
from __future__ import annotations

import pytest

from tracker.output import check_format, render


@pytest.mark.parametrize("cell", ["=HYPERLINK(\"http://x\")", "+1+2", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_a_csv_cell_that_a_spreadsheet_would_run_starts_with_a_quote(cell):
    out = render([{"title": cell}], "csv").split("\n", 1)[1].lstrip('"')
    assert out.startswith("'") or not out.startswith(("=", "+", "-", "@", "\t", "\r"))  # CR: removed as a control


def test_raw_csv_is_exact():
    assert render([{"title": "=1+2", "note": "-x"}], "csv", raw=True) == "title,note\n=1+2,-x"


def test_ordinary_csv_cells_are_unchanged():
    assert render([{"title": "Direct flights", "date": "2025-01-27", "n": -3}], "csv") == \
        "title,date,n\nDirect flights,2025-01-27,-3"


@pytest.mark.parametrize("mark", ["\u200e", "\u200f", "\u061c", "\u2028", "\u2029", "\u202e", "\u2067"])
def test_bidirectional_marks_do_not_reach_a_terminal_table(mark):
    out = render([{"quote": f"flights{mark} resumed"}], "plain")
    assert mark not in out and "flights resumed" in out


@pytest.mark.parametrize("fmt", ["unsafehtml", "latex_raw"])
def test_table_formats_that_do_not_escape_are_not_offered(fmt):
    with pytest.raises(ValueError, match="unknown format"):
        check_format(fmt)
