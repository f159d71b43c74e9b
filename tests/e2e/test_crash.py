"""Crash safety: a large import killed (SIGKILL) midway leaves the store exactly as it was.

The import runs as a real ``python -m tracker import`` process with its stderr on a
pseudo-terminal, so it draws its progress bar; the bar only moves while batches of events are
being appended inside the import's one transaction, so killing it at a third of the way is
killing it mid-write, on either engine.
"""
from __future__ import annotations

import json
import os
import random
import re
import select
import signal
import subprocess
import sys
import time

import pytest

pytestmark = pytest.mark.slow  # processes, seconds each: run with the full suite, skip with -m "not slow"

from conftest import ROOT
from tracker.store import events as st

EVENTS = 150_000
STREAMS = 40
SENTENCES = [f"Load sentence number {i} about a commitment." for i in range(300)]


def write_large_export(path, events: int = EVENTS, streams: int = STREAMS, seed: int = 3) -> None:
    """An export file in tracker/services/importing.py's format: one source, ``streams`` commitments, ``events`` events."""
    rng = random.Random(seed)
    text = " ".join(SENTENCES)
    sha = st.content_hash(text)
    kinds = ["raised", "discussed", "agreed", "progress", "implemented", "reaffirmed", "stalled"]
    stamp = "2026-01-02T00:00:00.000000+00:00"
    with open(path, "w", encoding="utf-8") as fh:
        def line(obj):
            fh.write(json.dumps(obj, separators=(",", ":")) + "\n")

        line({"type": "header", "format": "tracker-export", "version": 1, "schema": "0002"})
        line({"type": "source", "id": sha[:12], "sha256": sha, "title": "A long synthetic readout",
              "publisher": "Load test", "published": "2026-12-31", "published_basis": None, "url": None,
              "filename": "load.txt", "recorded_at": stamp, "text": text})
        for s in range(streams):
            line({"type": "commitment", "id": f"{s:032x}", "commitment": f"load-{s:03d}", "version": 1,
                  "kind": "defined", "date": "2020-01-01", "recorded_at": stamp,
                  "definition": {"title": f"Load commitment {s}", "aliases": [f"load{s}"]}})
        for n in range(events):
            y, m, d = rng.randint(2019, 2026), rng.randint(1, 12), rng.randint(1, 28)
            line({"type": "event", "id": f"e{n:031x}", "commitment": f"load-{rng.randrange(streams):03d}",
                  "version": 0, "kind": rng.choice(kinds),
                  "date": rng.choice([f"{y}-{m:02d}-{d:02d}", f"{y}-{m:02d}", f"{y}"]), "recorded_at": stamp,
                  "source": sha[:12], "quote": rng.choice(SENTENCES), "actors": ["Vikram Misri"], "note": None})


@pytest.fixture(scope="module")
def large_export(tmp_path_factory):
    path = tmp_path_factory.mktemp("large") / "large-export.jsonl"
    write_large_export(path)
    return path


def _tracker(url: str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-m", "tracker", "--db", url, *args], capture_output=True,
                          cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=300)
    if check:
        assert done.returncode == 0, done.stderr.decode()
    return done


def _kill_midway(url: str, path, at_percent: int = 30, timeout: float = 240) -> str:
    """Start the import, SIGKILL it once its progress bar shows ``at_percent``; return what it drew."""
    master, slave = os.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "tracker", "--db", url, "import", str(path)],
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=slave,
                            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "100"})
    os.close(slave)
    drawn = ""
    deadline = time.monotonic() + timeout
    try:
        while True:
            assert time.monotonic() < deadline, f"the import never reached {at_percent}%: {drawn[-300:]!r}"
            ready, _, _ = select.select([master], [], [], 0.05)
            if ready:
                try:
                    drawn += os.read(master, 65536).decode("utf-8", "replace")
                except OSError:  # EIO: the import ended
                    pass
            shown = [int(p) for p in re.findall(r"(\d+)%", drawn)]
            if shown and max(shown) >= at_percent:
                assert proc.poll() is None
                proc.send_signal(signal.SIGKILL)
                break
            assert proc.poll() is None, f"the import ended before it could be killed: {drawn[-300:]!r}"
    finally:
        if proc.poll() is None and proc.returncode is None:
            proc.kill()
        proc.wait(timeout=60)
        os.close(master)
    assert proc.returncode == -signal.SIGKILL
    assert max(int(p) for p in re.findall(r"(\d+)%", drawn)) < 100
    return drawn


@pytest.mark.slow
def test_an_import_killed_midway_leaves_the_store_exactly_as_it_was(store, db_url, large_export):
    store.dispose()
    before = _tracker(db_url, "export").stdout
    assert before.count(b"\n") > 60

    drawn = _kill_midway(db_url, large_export)
    assert "importing" in drawn

    after = _tracker(db_url, "export").stdout
    assert after == before  # byte-identical: nothing of the killed import is visible
    verified = _tracker(db_url, "verify")
    assert verified.stdout.startswith(b"ok:"), verified.stdout
    status = _tracker(db_url, "status", "--format", "json").stdout
    assert not any(r["commitment"].startswith("load-") for r in json.loads(status))

    # Nothing is left locked or half-recovered: the same import, run again to the end, succeeds.
    done = _tracker(db_url, "import", str(large_export))
    assert f"imported {EVENTS + STREAMS} events".encode() in done.stdout
    assert _tracker(db_url, "verify").stdout.startswith(b"ok:")
