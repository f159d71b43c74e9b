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
    from tracker.ingest.corpus import report

    try:
        if args.second_reading is not None:
            print(_second_reading(args.corpus, args.second_reading, args.show_heldout), end="")
            return 0
        print(report(args.corpus, args.show_heldout), end="")
    except (OSError, KeyError, ValueError, TypeError, tomllib.TOMLDecodeError) as exc:
        where = "the second reading" if args.second_reading else f"the corpus {args.corpus}"
        print(f"Error: cannot read {where}: {exc}", file=sys.stderr)
        return 2
    return 0


def _second_reading(corpus: Path, labels: Path, show_heldout: bool) -> str:
    """Another analyst's labels against the gold and back, with the errors of the dev texts (of
    the held-out texts too only with ``show_heldout``)."""
    from tracker.ingest.corpus import Tally, second_reading, table

    scores = second_reading(corpus, labels)
    rows = {"second reading, against the gold": Tally(), "gold, against the second reading": Tally()}
    for s in scores:
        rows["second reading, against the gold"].add(s.tally)
    for s in second_reading(corpus, labels, reverse=True):
        rows["gold, against the second reading"].add(s.tally)
    out = [f"A second reading of {len(scores)} texts, scored like proposals (the first kind of each event).", "",
           table(rows, "labels"), ""]
    out += [f"- {s.file}: {line}" for s in scores if s.split == "dev" or show_heldout for line in s.misses + s.wrong]
    if any(s.split != "dev" for s in scores) and not show_heldout:
        out.append("(held-out texts: totals only; --show-heldout lists their errors)")
    return "\n".join(out).rstrip() + "\n"


if __name__ == "__main__":
    sys.exit(main())
