"""Nothing a user feeds ``ingest`` makes its text analysis super-linear.

Every regular expression applied to untrusted text (tests/unit/linear_cases.py lists them, as
they are applied) gets each pathological 50 KB input; linear work on 50 KB takes milliseconds,
while the quadratic patterns this guards against took seconds to minutes (40 KB of "." took
22 s in ``sentences._BOUNDARY``). The 1 MB version is tests/benchmarks/test_linear_1mb.py.
"""
from __future__ import annotations

import time

import pytest

from linear_cases import CORE, probes, texts

from tracker.core.dates import PartialDate
from tracker.ingest.engine import propose

SIZE = 50_000
LIMIT = 2.0  # seconds per pattern and input: linear work takes < 0.3 s, the quadratic cases took 7 s to hours
TEXTS = {label: text for label, text in texts(SIZE).items() if label in CORE}
ALL_TEXTS = texts(SIZE)
PROBES = probes()


SMALL = {label: text for label, text in texts(SIZE // 10).items() if label in CORE}


def _timed(probe, text) -> float:
    t = time.perf_counter()
    probe(text)
    return time.perf_counter() - t


@pytest.mark.parametrize("name", sorted(PROBES))
def test_pattern_is_linear_on_adversarial_text(name):
    probe = PROBES[name]
    slow = []
    for label, text in TEXTS.items():
        took = _timed(probe, text)
        if took > LIMIT:
            # a loaded machine slows both sizes alike: linear work grows ~10x from 5 KB to 50 KB,
            # quadratic ~100x
            small = min(_timed(probe, SMALL[label]) for _ in range(3))
            if took > 30 * max(small, 1e-3):
                slow.append(f"{label}: {took:.2f}s (5 KB: {small:.3f}s)")
    assert not slow, f"{name} is slow on 50 KB of: {', '.join(slow)}"


@pytest.mark.parametrize("label", ["dots", "bangs", "name+spaces", "which", "date+spaces", "initials"])
def test_whole_ingest_analysis_of_adversarial_text_is_fast(label):
    catalogue = {"kailash-yatra": ["Kailash Mansarovar Yatra", "Kailash"], "direct-flights": ["direct flights"]}
    def run(text):
        return _timed(lambda t: propose(t, PartialDate.parse("2025-06-01"), catalogue), text)

    took = run(ALL_TEXTS[label])
    if took > 5:  # slow here: is it the machine (both sizes slow) or the growth (quadratic)?
        small = min(run(texts(SIZE // 10)[label]) for _ in range(2))
        assert took < 30 * small, f"{label}: 50 KB took {took:.1f}s, 5 KB {small:.2f}s"
