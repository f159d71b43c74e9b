"""``python -m tracker.ingest_report [--corpus DIR] [--show-heldout] [--second-reading FILE]``: how well ingest reads.

With no ``--corpus``: the seed articles against their hand-coded events
(:mod:`tracker.ingest.report`).  With ``--corpus DIR``: a labelled corpus
(:mod:`tracker.ingest.corpus`), per split, outlet style and family, with every miss and
every wrong proposal of the dev split (of the held-out split only with ``--show-heldout``).
With ``--second-reading FILE`` as well: another analyst's labels of some of the corpus's texts,
scored against the gold as if they were proposals (how far two readers agree).
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
    parser.add_argument("--second-reading", type=Path, metavar="FILE",
                        help="another analyst's labels of the corpus's texts, scored against its gold")
    args = parser.parse_args(argv)
    if args.second_reading is not None and args.corpus is None:
        print("Error: --second-reading needs --corpus", file=sys.stderr)
        return 2
    if args.corpus is None:
        from tracker.ingest.report import main as seeds

        return seeds([])
    from tracker.ingest.corpus import group, report, second_reading, table

    try:
        if args.second_reading is not None:
            scores = second_reading(args.corpus, args.second_reading)
            back = second_reading(args.corpus, args.second_reading, reverse=True)
            print(f"A second reading of {len(scores)} texts, scored like proposals (the first kind of each event).\n")
            print(table({"second reading, against the gold": group(scores, lambda s: ["x"])["x"],
                         "gold, against the second reading": group(back, lambda s: ["x"])["x"]}, "labels"))
            for s in scores:
                for line in s.misses + s.wrong:
                    print(f"- {s.file}: {line}")
            return 0
        print(report(args.corpus, args.show_heldout), end="")
    except (OSError, KeyError, ValueError, tomllib.TOMLDecodeError) as exc:
        print(f"Error: cannot read the corpus {args.corpus}: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
