"""One of several writer processes started at once by tests/test_concurrency.py.

    python tests/concurrent_writer.py URL WORKER COUNT GATE_DIR SOURCE QUOTE COMMITMENT

Signals it is ready (GATE_DIR/ready-WORKER), waits for GATE_DIR/go so that every writer starts
together, then runs ``tracker add`` COUNT times through the real click command, in this process
(so the writers overlap for real instead of spending their time starting Python). Prints one
JSON object: each invocation's exit code and stderr, and how many conflicts Store.run retried.
"""
from __future__ import annotations

import datetime
import json
import os
import sys
import time
from pathlib import Path


def main() -> None:
    url, worker, count, gate, source, quote, commitment = sys.argv[1:8]
    worker, count, gate = int(worker), int(count), Path(gate)

    import tracker.store.database as db
    from click.testing import CliRunner

    from tracker.cli import main as tracker

    conflicts: list[str] = []
    original = db._is_conflict

    def counting(exc) -> bool:
        verdict = original(exc)
        if verdict:
            conflicts.append(str(getattr(exc, "orig", exc)).splitlines()[0])
        return verdict

    db._is_conflict = counting  # Store.run looks it up at call time
    runner = CliRunner()
    (gate / f"ready-{worker}").touch()
    deadline = time.monotonic() + 120
    while not (gate / "go").exists():
        if time.monotonic() > deadline:
            raise SystemExit("no go signal")
        time.sleep(0.005)

    results = []
    new_file = os.path.exists(source)  # --published describes a new source file only
    for i in range(count):
        # a distinct day per event (before any source's publication): each add is a new claim
        day = datetime.date(2000, 1, 1) + datetime.timedelta(days=int(worker) * 1000 + i)
        result = runner.invoke(tracker, [
            "--db", url, "add", commitment, "--kind", "discussed", "--date", day.isoformat(),
            "--source", source, "--quote", quote,
            *(["--published", "2026-03-02"] if new_file else []),
            "--note", f"writer {worker} event {i}", "--format", "json",
        ])
        results.append({"exit": result.exit_code, "stderr": result.stderr,
                        "exception": repr(result.exception) if result.exit_code else None})
    print(json.dumps({"worker": worker, "results": results, "conflicts": conflicts}))


if __name__ == "__main__":
    main()
