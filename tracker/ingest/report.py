"""How well ``tracker ingest`` reads the seed articles: recall and precision against the fixtures.

``python -m tracker.ingest.report`` ingests each seed article in ``seeds/`` against the
catalogue in ``fixtures/commitments.toml`` (title, aliases and names of each commitment),
with the published date of ``fixtures/sources.toml``, and compares the proposals with
the hand-coded events of ``fixtures/events/<seed>.toml``.

Per article, on the set of (commitment, kind) pairs, and again on (commitment, kind,
date) triples: recall = found / hand-coded, precision = found / proposed.  The totals
add up the counts of all articles (micro-averages).
"""
from __future__ import annotations

import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

from tracker.core.dates import PartialDate
from tracker.ingest.engine import propose
from tracker.store.paths import bundled


@dataclass(frozen=True)
class Score:
    article: str
    expected: frozenset
    proposed: frozenset
    expected_dated: frozenset
    proposed_dated: frozenset

    @staticmethod
    def _ratio(part: int, whole: int) -> float:
        return part / whole if whole else 1.0

    @property
    def found(self) -> int:
        return len(self.expected & self.proposed)

    @property
    def recall(self) -> float:
        return self._ratio(self.found, len(self.expected))

    @property
    def precision(self) -> float:
        return self._ratio(self.found, len(self.proposed))

    @property
    def recall_dated(self) -> float:
        return self._ratio(len(self.expected_dated & self.proposed_dated), len(self.expected_dated))

    @property
    def precision_dated(self) -> float:
        return self._ratio(len(self.expected_dated & self.proposed_dated), len(self.proposed_dated))


def catalogue(fixtures: Path) -> dict[str, list[str]]:
    """slug -> title, aliases and names, from ``commitments.toml``."""
    data = tomllib.loads((fixtures / "commitments.toml").read_text(encoding="utf-8"))
    return {
        c["slug"]: [c.get("title", ""), *c.get("aliases", ()), *c.get("names", ())]
        for c in data.get("commitment", [])
    }


def missing(fixtures: Path | None = None, seeds: Path | None = None) -> str | None:
    """Why the comparison cannot run yet (a fixture file is missing), or None."""
    fixtures, seeds = fixtures or bundled("fixtures"), seeds or bundled("seeds")
    for path in (fixtures / "commitments.toml", fixtures / "sources.toml", fixtures / "events"):
        if not path.exists():
            return f"{path} is not there yet"
    if not any((fixtures / "events").glob("*.toml")):
        return f"no event files in {fixtures / 'events'} yet"
    return None


def seed_texts(fixtures: Path | None = None, seeds: Path | None = None):
    """(name, text, published, catalogue, hand-coded events) per seed article with an events file."""
    fixtures, seeds = fixtures or bundled("fixtures"), seeds or bundled("seeds")
    names = catalogue(fixtures)
    sources = tomllib.loads((fixtures / "sources.toml").read_text(encoding="utf-8")).get("source", [])
    published = {s["file"]: PartialDate.parse(str(s["published"])) for s in sources}
    for events_file in sorted((fixtures / "events").glob("*.toml")):
        seed = events_file.stem + ".txt"
        if seed in published and (seeds / seed).exists():
            events = tomllib.loads(events_file.read_text(encoding="utf-8")).get("event", [])
            yield events_file.stem, (seeds / seed).read_text(encoding="utf-8"), published[seed], names, events


def evaluate(fixtures: Path | None = None, seeds: Path | None = None) -> list[Score]:
    """One :class:`Score` per seed article that has an events file."""
    scores = []
    for name, text, published, names, events in seed_texts(fixtures, seeds):
        proposals = propose(text, published, names)
        scores.append(Score(
            name,
            frozenset((e["commitment"], e["kind"]) for e in events),
            frozenset((p.commitment, p.kind.value) for p in proposals),
            frozenset((e["commitment"], e["kind"], str(e["date"])) for e in events),
            frozenset((p.commitment, p.kind.value, str(p.date)) for p in proposals),
        ))
    return scores


def total(scores: list[Score]) -> Score:
    def tag(score: Score, items: frozenset) -> frozenset:
        return frozenset((score.article, *item) for item in items)

    def union(attr: str) -> frozenset:
        return frozenset().union(*(tag(s, getattr(s, attr)) for s in scores))

    return Score("total", union("expected"), union("proposed"), union("expected_dated"), union("proposed_dated"))


def table(scores: list[Score]) -> str:
    """A Markdown table: per article and in total."""
    rows = ["| article | hand-coded | proposed | found | recall | precision | recall (with date) | precision (with date) |",
            "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for s in [*scores, total(scores)]:
        rows.append(f"| {s.article} | {len(s.expected)} | {len(s.proposed)} | {s.found} | {s.recall:.0%} | "
                    f"{s.precision:.0%} | {s.recall_dated:.0%} | {s.precision_dated:.0%} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    why = missing()
    if why:
        print(f"Error: cannot compare with the fixtures: {why}", file=sys.stderr)
        return 2
    try:
        scores = evaluate()
    except (OSError, KeyError, ValueError, tomllib.TOMLDecodeError) as exc:
        print(f"Error: cannot read the fixtures: {exc}", file=sys.stderr)
        return 2
    print("Counted on distinct (commitment, kind) pairs per article; 'with date' on (commitment, kind, date).")
    print(table(scores))
    return 0


if __name__ == "__main__":
    sys.exit(main())
