"""``python -m tracker.ingest_report [--corpus DIR] [--show-heldout]``: how well ingest reads.

With no ``--corpus``: the seed articles against their hand-coded events
(:mod:`tracker.ingest.report`).  With ``--corpus DIR``: a labelled corpus
(:mod:`tracker.ingest.corpus`), per split, outlet style and family, with every miss and
every wrong proposal of the dev split (of the held-out split only with ``--show-heldout``).
"""
from __future__ import annotations

import argparse
import sys
import tomllib
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tracker.ingest_report", description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, help="a folder with texts/ and gold.toml")
    parser.add_argument("--show-heldout", action="store_true", help="also list the held-out texts' errors")
    args = parser.parse_args(argv)
    if args.corpus is None:
        from tracker.ingest.report import main as seeds

        return seeds([])
    from tracker.ingest.corpus import report

    try:
        print(report(args.corpus, args.show_heldout), end="")
    except (OSError, KeyError, ValueError, tomllib.TOMLDecodeError) as exc:
        print(f"Error: cannot read the corpus {args.corpus}: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
