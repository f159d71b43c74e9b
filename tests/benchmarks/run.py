"""The benchmark suite: ``python -m tests.benchmarks [--quick] [--reps N] [--workdir DIR]``.

Builds synthetic stores (tests/benchmarks/data.py), then measures, each in a process of its own
(peak RSS from os.wait4): bulk import (tracker vs raw sqlite3 vs eventsourcing), full replay
(same three), ``tracker status`` / ``history`` on the big store vs the seed store, ``tracker site``
(seed store: time; big store: peak memory), start-up (``tracker --help`` vs ``import click``;
``tracker status`` vs ``import sqlmodel``), and ingest reading one 30,000-character article (the
engine alone, rules loaded first). Prints medians
and the ratios the targets are stated in. Not part of ``pytest`` (norecursedirs).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FAIRNESS = """\
Fairness:
- one machine, one run; every measured thing runs in a fresh process of its own; medians of the repetitions.
- import: all three read the same export file (JSON Lines, one json.loads per line) and write the
  same event rows in the same (file) order in one transaction per batch or run; the raw sqlite3
  baseline inserts exactly the rows the tool inserts (same columns and values, same order), into
  the same schema (a copy of the same migrated empty database: same indexes and triggers), with the
  same pragmas (tracker.store.database.SQLITE_PRAGMAS: WAL, synchronous=NORMAL, cache_size=-65536 (64 MiB),
  foreign_keys=ON), in ONE transaction with ONE executemany. The tool also validates every line
  (quotes against their sources, dates, references) and writes the status/commitment read models;
  the raw baseline does neither. "raw insert only" (rows built in memory before the clock) is the
  database's own ceiling, shown for reference.
- replay: the tool's replay and the raw baseline run the same SELECT (the columns a fold needs, in
  fold order) and write the status rows back; the raw fold is a dict lookup per row.
- eventsourcing {es_version}: its SQLite module (PERSISTENCE_MODULE=eventsourcing.sqlite), run as
  users run it (python without -O, sys.flags.optimize={optimize}), default settings; one aggregate
  per commitment, one aggregate event per tracker event, app.save() every 5000 events (one
  transaction each); replay = repository.get() of every aggregate.
- CLI figures are wall time of a subprocess (`{python} -m tracker ...`, the tree's code, which is
  what the `tracker` console script runs), stdout to /dev/null, interleaved with their baselines.
"""


def _env() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.pop("TRACKER_DATABASE_URL", None)
    return env


def run_measured(argv: list[str], env: dict, stdout=subprocess.PIPE) -> tuple[float, float, str]:
    """(wall seconds, peak RSS MiB, stdout) of one child process."""
    t = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=stdout, stderr=subprocess.PIPE, cwd=ROOT)
    out = proc.stdout.read().decode() if proc.stdout else ""
    err = proc.stderr.read().decode()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed ({proc.returncode}):\n{err[-3000:]}")
    return wall, usage.ru_maxrss / 1024, out


def task(name: str, *args: str, env: dict) -> dict:
    wall, rss, out = run_measured([sys.executable, "-m", "tests.benchmarks.tasks", name, *args], env)
    result = json.loads(out.strip().splitlines()[-1])
    result.update(wall=wall, rss=rss)
    return result


class Table:
    def __init__(self) -> None:
        self.rows: list[list[str]] = []
        self.checks: list[tuple[str, bool, str]] = []

    def add(self, what: str, size: str, results: list[dict], per_second: bool = True) -> dict:
        secs = statistics.median(r["seconds"] for r in results)
        rss = max(r["rss"] for r in results)
        events = results[0].get("events")
        rate = f"{events / secs:,.0f}/s" if per_second and events else ""
        self.rows.append([what, size, f"{secs:.3f}", rate, f"{rss:.0f}", str(len(results))])
        return {"seconds": secs, "rss": rss}

    def check(self, target: str, ok: bool, detail: str) -> None:
        self.checks.append((target, ok, detail))

    def render(self) -> str:
        head = ["measured", "store", "median s", "events/s", "peak RSS MiB", "runs"]
        widths = [max(len(r[i]) for r in [head, *self.rows]) for i in range(len(head))]
        line = lambda r: "  ".join(c.ljust(w) if i < 2 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths)))
        out = [line(head), "  ".join("-" * w for w in widths), *map(line, self.rows), "", "Targets (ratios from this run):"]
        for target, ok, detail in self.checks:
            out.append(f"  [{'met' if ok else 'NOT MET'}] {target}: {detail}")
        return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tests.benchmarks", description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="the 100k store only (a smoke run)")
    ap.add_argument("--reps", type=int, default=3, help="repetitions for the 100k store (1M: one)")
    ap.add_argument("--cli-reps", type=int, default=15, help="repetitions of each CLI / import timing")
    ap.add_argument("--workdir", help="where the stores go (default: a temporary directory, removed)")
    args = ap.parse_args(argv)

    started = time.perf_counter()
    work = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="tracker-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    env = _env()
    env["XDG_DATA_HOME"] = str(work / "xdg")
    try:
        import eventsourcing  # noqa: F401
        from importlib.metadata import version

        es_version = version("eventsourcing")
    except ImportError:
        es_version = None

    sizes = [("100k", 100_000, 1_000, args.reps)]
    if not args.quick:
        sizes.append(("1M", 1_000_000, 10_000, 1))
    print(f"tracker benchmarks, {time.strftime('%Y-%m-%d %H:%M')}, {platform.node()}: {os.cpu_count()} cores "
          f"(nproc {len(os.sched_getaffinity(0))}), Python {platform.python_version()}, "
          f"SQLite {__import__('sqlite3').sqlite_version}, eventsourcing {es_version or 'not installed'}",
          flush=True)
    from tests.benchmarks.data import write_store

    template = work / "template.db"
    if not template.exists():
        subprocess.run([sys.executable, "-c", "import sys; from tracker.store.database import open_store; "
                        f"open_store('sqlite:///{template}', seed=False).dispose()"], env=env, check=True, cwd=ROOT)
    table = Table()
    big_db = None
    ratios: dict = {}
    for label, events, commitments, reps in sizes:
        export = work / f"store-{label}.jsonl"
        if not export.exists():
            t = time.perf_counter()
            info = write_store(export, events, commitments)
            print(f"built {export.name}: {info['lines']:,} lines, {info['bytes'] / 2**20:.0f} MiB, "
                  f"{commitments:,} commitments ({time.perf_counter() - t:.1f} s)", flush=True)
        size = f"{label}/{commitments // 1000}k"
        res: dict[str, list] = {k: [] for k in ("tool", "raw", "raw_insert", "es", "rtool", "rdb", "rraw", "res")}
        for rep in range(reps):
            tool_db, raw_db, es_dir = work / f"tool-{label}.db", work / f"raw-{label}.db", work / f"es-{label}"
            for p in (tool_db, raw_db):
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{p}{suffix}").unlink(missing_ok=True)
                shutil.copy(template, p)
            shutil.rmtree(es_dir, ignore_errors=True)
            es_dir.mkdir()
            res["raw"].append(task("raw_import", str(raw_db), str(export), env=env))
            res["tool"].append(task("tool_import", str(tool_db), str(export), env=env))
            if label == "100k":
                insert_db = work / "raw-insert.db"
                Path(insert_db).unlink(missing_ok=True)
                shutil.copy(template, insert_db)
                res["raw_insert"].append(task("raw_insert_only", str(insert_db), str(export), env=env))
            if es_version:
                res["es"].append(task("es_import", str(es_dir), str(export), env=env))
            res["rraw"].append(task("raw_replay", str(raw_db), env=env))
            res["rtool"].append(task("tool_replay", str(tool_db), env=env))
            res["rdb"].append(task("tool_rebuild", str(tool_db), env=env))
            if es_version:
                res["res"].append(task("es_replay", str(es_dir), str(export), env=env))
            print(f"  {size} run {rep + 1}/{reps} done ({time.perf_counter() - started:.0f} s)", flush=True)
        tool = table.add("import: tracker import (portable.import_file)", size, res["tool"])
        raw = table.add("import: raw sqlite3 (parse + executemany)", size, res["raw"])
        if res["raw_insert"]:
            table.add("import: raw sqlite3 insert only (rows prebuilt)", size, res["raw_insert"])
        es = table.add(f"import: eventsourcing {es_version}", size, res["es"]) if res["es"] else None
        rtool = table.add("replay: store.rebuild_read_models", size, res["rtool"])
        rdb = table.add("replay: tracker db rebuild (maintenance.rebuild)", size, res["rdb"])
        rraw = table.add("replay: raw sqlite3 read + trivial fold", size, res["rraw"])
        res_ = table.add(f"replay: eventsourcing {es_version} repository.get", size, res["res"]) if res["res"] else None
        ratios[label] = dict(tool=tool, raw=raw, es=es, rtool=rtool, rdb=rdb, rraw=rraw, res=res_)
        if label == "1M" or args.quick:
            big_db = work / f"tool-{label}.db"

    # --- CLI: status and history, big store vs seed store; start-up vs imports ----------------
    seed_home = work / "seed"
    seed_env = dict(env, XDG_DATA_HOME=str(seed_home))
    run_measured([sys.executable, "-m", "tracker", "status"], seed_env)  # create + seed, untimed
    big_env = dict(env, TRACKER_DATABASE_URL=f"sqlite:///{big_db}")
    slug = _first_commitment(big_db)
    cmds = {
        "status-big": ([sys.executable, "-m", "tracker", "status"], big_env),
        "history-big": ([sys.executable, "-m", "tracker", "history", slug], big_env),
        "status-seed": ([sys.executable, "-m", "tracker", "status"], seed_env),
        "history-seed": ([sys.executable, "-m", "tracker", "history", "flights"], seed_env),
        "site-seed": ([sys.executable, "-m", "tracker", "site", "-o", str(work / "site-seed")], seed_env),
        "help": ([sys.executable, "-m", "tracker", "--help"], env),
        "import click": ([sys.executable, "-c", "import click"], env),
        "import sqlmodel": ([sys.executable, "-c", "import sqlmodel"], env),
    }
    for argv_, e in cmds.values():  # warm the page cache and the .pyc files
        run_measured(argv_, e, stdout=subprocess.DEVNULL)
    times: dict[str, list] = {k: [] for k in cmds}
    for _ in range(args.cli_reps):  # interleaved: drift hits every command alike
        for k, (argv_, e) in cmds.items():
            wall, rss, _ = run_measured(argv_, e, stdout=subprocess.DEVNULL)
            times[k].append({"seconds": wall, "rss": rss})
    big_label = "1M/10k" if not args.quick else "100k/1k"
    cli = {}
    for k, label in [("status-big", big_label), ("status-seed", "seed"), ("history-big", big_label),
                     ("history-seed", "seed"), ("site-seed", "seed"), ("help", "-"), ("import click", "-"), ("import sqlmodel", "-")]:
        name = {"status-big": "tracker status", "status-seed": "tracker status",
                "history-big": f"tracker history {slug}", "history-seed": "tracker history flights",
                "site-seed": "tracker site -o DIR", "help": "tracker --help", "import click": 'python -c "import click"',
                "import sqlmodel": 'python -c "import sqlmodel"'}[k]
        cli[k] = table.add(f"cli (subprocess wall): {name}", label, times[k], per_second=False)
    # The web site of the big store, once (it writes a page per commitment and per source): memory.
    wall, rss, _ = run_measured([sys.executable, "-m", "tracker", "site", "-o", str(work / "site-big")], big_env,
                                stdout=subprocess.DEVNULL)
    cli["site-big"] = table.add("cli (subprocess wall): tracker site -o DIR", big_label,
                                [{"seconds": wall, "rss": rss}], per_second=False)

    # --- ingest: one 30,000-character article, beyond start-up ---------------------------------
    reading = {kind: [task("ingest_article", kind, env=env) for _ in range(args.cli_reps)] for kind in ("news", "run-on")}
    for kind, results in reading.items():
        reading[kind] = table.add(f"ingest: read a 30,000-character article ({kind})", "30k chars", results,
                                  per_second=False)

    # --- targets --------------------------------------------------------------------------
    for label, r in ratios.items():
        table.check(f"import >= 0.7x raw sqlite3 ({label})", r["raw"]["seconds"] / r["tool"]["seconds"] >= 0.7,
                    f"{r['raw']['seconds'] / r['tool']['seconds']:.2f}x")
        if r["es"]:
            table.check(f"import >= 3x eventsourcing ({label})", r["es"]["seconds"] / r["tool"]["seconds"] >= 3,
                        f"{r['es']['seconds'] / r['tool']['seconds']:.2f}x")
        for key, name in (("rtool", "store.rebuild_read_models"), ("rdb", "tracker db rebuild")):
            table.check(f"replay ({name}) >= 0.7x raw ({label})",
                        r["rraw"]["seconds"] / r[key]["seconds"] >= 0.7, f"{r['rraw']['seconds'] / r[key]['seconds']:.2f}x")
            if r["res"]:
                table.check(f"replay ({name}) >= 3x eventsourcing ({label})",
                            r["res"]["seconds"] / r[key]["seconds"] >= 3, f"{r['res']['seconds'] / r[key]['seconds']:.2f}x")
    if "1M" in ratios:
        table.check("import of 1M events: peak RSS <= 200 MiB", ratios["1M"]["tool"]["rss"] <= 200,
                    f"{ratios['1M']['tool']['rss']:.0f} MiB")
    for what in ("status", "history"):
        r = cli[f"{what}-big"]["seconds"] / cli[f"{what}-seed"]["seconds"]
        table.check(f"{what} on the {big_label} store within 1.3x of the seed store", r <= 1.3, f"{r:.2f}x")
    table.check("tracker site on the seed store < 3 s", cli["site-seed"]["seconds"] < 3,
                f"{cli['site-seed']['seconds']:.2f} s")
    table.check(f"tracker site on the {big_label} store: peak RSS <= 300 MiB", cli["site-big"]["rss"] <= 300,
                f"{cli['site-big']['rss']:.0f} MiB")
    r = cli["help"]["seconds"] / cli["import click"]["seconds"]
    table.check("tracker --help within 1.5x of import click", r <= 1.5, f"{r:.2f}x")
    r = cli["status-seed"]["seconds"] / cli["import sqlmodel"]["seconds"]
    table.check("tracker status (seed) within 1.5x of import sqlmodel", r <= 1.5, f"{r:.2f}x")

    table.check("ingest of a 30,000-character article < 0.5 s beyond start-up", reading["news"]["seconds"] < 0.5,
                f"{reading['news']['seconds']:.2f} s")
    print()
    print(table.render())
    print()
    print(FAIRNESS.format(es_version=es_version, optimize=sys.flags.optimize, python=Path(sys.executable).name))
    print(f"total {time.perf_counter() - started:.0f} s")
    if not args.workdir:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def _first_commitment(db: Path) -> str:
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT commitment FROM status ORDER BY commitment LIMIT 1").fetchone()[0]
    finally:
        conn.close()


if __name__ == "__main__":
    sys.exit(main())
