"""1 MB of each pathological text through every ingest pattern: < 2 s each (linear); < 10 s for a pass of many.

Not in the default run (tests/benchmarks is not collected); run it by hand:

    python -m pytest tests/benchmarks/test_linear_1mb.py -q -n 2

The fast 50 KB version is tests/unit/test_linear_text.py; the cases are tests/unit/linear_cases.py.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))
from linear_cases import PIPELINES, probes, texts  # noqa: E402

SIZE = 1_000_000
LIMIT = 2.0  # one pattern
PIPELINE_LIMIT = 10.0  # a pass of many patterns (sentence splitting, all the date forms, all officials)
PROBES = probes()


@pytest.fixture(scope="module")
def big_texts():
    return texts(SIZE)


@pytest.mark.parametrize("name", sorted(PROBES))
def test_pattern_takes_under_two_seconds_on_a_megabyte(name, big_texts):
    limit = PIPELINE_LIMIT if name in PIPELINES else LIMIT
    slow = []
    for label, text in big_texts.items():
        t = time.perf_counter()
        PROBES[name](text)
        took = time.perf_counter() - t
        if took > limit:
            slow.append(f"{label}: {took:.2f}s")
    assert not slow, f"{name} on 1 MB of: {', '.join(slow)}"
