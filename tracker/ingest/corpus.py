"""How well ``tracker ingest`` reads a labelled corpus: recall and precision, per split, style and family.

A corpus is a folder with ``texts/*.txt`` and ``gold.toml``: one ``[[text]]`` per text (``file``,
``published``, ``style``, ``families``, ``split`` = "dev" or "heldout"), with ``[[text.event]]``
(``commitment``, ``kinds``: the acceptable kinds, optional ``date``: the published date when
omitted, optional ``due``) and
``[[text.acceptable]]`` (``commitment``, optional ``kinds``: proposals that are neither right
nor wrong).  Only the core commitments (:data:`CORE`) are scored.

Per text, the proposals on the core commitments are matched one to one with the events (a
proposal matches an event of its commitment whose kinds hold its kind; with the date, the date
must equal the event's too, when the event has one).  Recall = matched events / events;
precision = matched proposals / (proposals - those only acceptable).  Totals add the counts.

A second reading (:func:`second_reading`) scores another analyst's labels of the same texts the
same way, each event's first kind standing as the proposal: how far two careful readers agree,
the ceiling to read the tool's figures against.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tracker.core.dates import PartialDate
from tracker.core.model import Kind
from tracker.ingest.reading import read

CORE = ("kailash-yatra", "direct-flights", "air-services-agreement", "visa-facilitation", "river-data")


@dataclass
class Tally:
    events: int = 0
    found: int = 0
    proposed: int = 0  # scored proposals (not counting the acceptable ones)
    right: int = 0
    events_dated: int = 0
    found_dated: int = 0
    right_dated: int = 0

    def add(self, other: "Tally") -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @staticmethod
    def _ratio(part: int, whole: int) -> float:
        return part / whole if whole else 1.0

    @property
    def recall(self) -> float:
        return self._ratio(self.found, self.events)

    @property
    def precision(self) -> float:
        return self._ratio(self.right, self.proposed)

    @property
    def recall_dated(self) -> float:
        return self._ratio(self.found_dated, self.events_dated)

    @property
    def precision_dated(self) -> float:
        return self._ratio(self.right_dated, self.proposed)


@dataclass
class TextScore:
    file: str
    split: str
    style: str
    families: tuple[str, ...]
    tally: Tally
    misses: list[str] = field(default_factory=list)  # events not found (with the date, when wrong)
    wrong: list[str] = field(default_factory=list)  # proposals that match nothing


def load_gold(corpus: Path) -> list[dict]:
    data = tomllib.loads((corpus / "gold.toml").read_text(encoding="utf-8"))
    return data.get("text", [])


def catalogue() -> dict[str, list[str]]:
    from tracker.ingest.report import catalogue as names
    from tracker.store.paths import bundled

    return names(bundled("fixtures"))


def evaluate(corpus: Path, names: dict[str, list[str]] | None = None) -> list[TextScore]:
    names = names or catalogue()
    scores = []
    for entry in load_gold(corpus):
        text = (corpus / "texts" / entry["file"]).read_text(encoding="utf-8")
        reading = read(text, PartialDate.parse(str(entry["published"])), names)
        proposals = [p for p in reading.proposals if p.commitment in CORE]
        scores.append(score(entry, proposals))
    return scores


@dataclass(frozen=True)
class _Label:
    """A second analyst's event, standing where the tool's proposal would."""

    commitment: str
    kind: Kind
    date: str
    rule: str = "second reading"
    quote: str = ""
    date_basis: str = "the analyst's"


def second_reading(corpus: Path, labels: Path, reverse: bool = False) -> list[TextScore]:
    """Scores of another analyst's labels (``labels``: ``[[text]]`` with ``file`` and
    ``[[text.event]]``) against the corpus's gold, for the texts both label; ``reverse``: the
    gold's labels scored against the analyst's.  A malformed labels file is a ``ValueError``
    that names it."""
    gold = {entry["file"]: entry for entry in load_gold(corpus)}
    texts = tomllib.loads(labels.read_text(encoding="utf-8")).get("text", [])
    if not isinstance(texts, list) or not texts or not all(isinstance(t, dict) for t in texts):
        raise ValueError(f"{labels}: no [[text]] tables")
    scores = []
    for n, entry in enumerate(texts, start=1):
        name = entry.get("file")
        if not isinstance(name, str) or name not in gold:
            raise ValueError(f"{labels}: text {n}: {name!r} is not a text of the corpus")
        for key in ("event", "acceptable"):
            if not (isinstance(entry.get(key, []), list) and all(_labelled(e, key) for e in entry.get(key, []))):
                raise ValueError(f"{labels}: text {n}: each [[text.{key}]] needs a commitment and event kinds")
        entry = {**gold[name], "event": entry.get("event", []), "acceptable": entry.get("acceptable", [])}
        truth, other = (entry, gold[name]) if reverse else (gold[name], entry)
        published = str(truth["published"])
        got = [_Label(e["commitment"], Kind(_first_kind(e)), str(e.get("date", published)))
               for e in other.get("event", []) if e["commitment"] in CORE]
        scores.append(score(truth, got))
    return scores


def _first_kind(event: dict) -> str:
    return event["kinds"] if isinstance(event["kinds"], str) else event["kinds"][0]


def _labelled(event: Any, key: str) -> bool:
    """Whether ``event`` names a commitment and one or more event kinds (an acceptable one may name none)."""
    if not isinstance(event, dict) or not isinstance(event.get("commitment"), str):
        return False
    if key == "acceptable" and "kinds" not in event:
        return True
    kinds = event.get("kinds")
    kinds = [kinds] if isinstance(kinds, str) else kinds
    values = {k.value for k in Kind}
    return isinstance(kinds, list) and bool(kinds) and all(isinstance(k, str) and k in values for k in kinds)


def _kinds(item: dict) -> set[str]:
    kinds = item.get("kinds", item.get("kind", []))
    return {kinds} if isinstance(kinds, str) else set(kinds)


def score(entry: dict, proposals: list) -> TextScore:
    events = [e for e in entry.get("event", []) if e["commitment"] in CORE]
    acceptable = entry.get("acceptable", [])
    got = [(p.commitment, p.kind.value, str(p.date)) for p in proposals]
    published = str(entry["published"])

    def fits(p, e, dated: bool) -> bool:
        return (p[0] == e["commitment"] and p[1] in _kinds(e)
                and (not dated or str(e.get("date", published)) == p[2]))

    pairs = _match(got, events, lambda p, e: fits(p, e, False))
    dated = _match(got, events, lambda p, e: fits(p, e, True))
    scored = [i for i, p in enumerate(got) if i in pairs or not _acceptable(p, acceptable)]
    t = Tally(len(events), len(set(pairs.values())), len(scored), len(pairs),
              len(events), len(set(dated.values())), len(dated))
    s = TextScore(entry["file"], entry.get("split", "dev"), entry.get("style", "?"),
                  tuple(entry.get("families", ())), t)
    for j, e in enumerate(events):
        if j not in pairs.values():
            s.misses.append(f"missed {e['commitment']} {'/'.join(sorted(_kinds(e)))} {e.get('date', '')}".rstrip())
        elif j not in dated.values():
            i = next(i for i, k in pairs.items() if k == j)
            s.misses.append(f"wrong date {e['commitment']} {got[i][1]}: {got[i][2]}, gold {e.get('date', published)}"
                            f" ({proposals[i].date_basis})")
    for i in scored:
        if i not in pairs:
            p = proposals[i]
            s.wrong.append(f"wrong {got[i][0]} {got[i][1]} {got[i][2]} ({p.rule}): {p.quote[:160]}")
    return s


def labels(entry: dict, proposals: list) -> list[int | None]:
    """Per proposal: 1 when it matches a gold event (commitment and kind), 0 when it matches
    neither an event nor an ``acceptable`` entry, None when it is acceptable only."""
    events = [e for e in entry.get("event", []) if e["commitment"] in CORE]
    got = [(p.commitment, p.kind.value, str(p.date)) for p in proposals]
    pairs = _match(got, events, lambda p, e: p[0] == e["commitment"] and p[1] in _kinds(e))
    acceptable = entry.get("acceptable", [])
    return [1 if i in pairs else None if _acceptable(p, acceptable) else 0 for i, p in enumerate(got)]


def _acceptable(p: tuple, acceptable: list) -> bool:
    """Whether the proposal (commitment, kind, date) is one the gold lists as acceptable."""
    return any(p[0] == a.get("commitment") and (not _kinds(a) or p[1] in _kinds(a))
               and ("date" not in a or str(a["date"]) == p[2]) for a in acceptable)


def _match(got: list, events: list, fits) -> dict[int, int]:
    """A largest one-to-one matching of proposals to events (augmenting paths; small inputs)."""
    owner: dict[int, int] = {}  # event -> proposal

    def place(i: int, seen: set[int]) -> bool:
        for j, e in enumerate(events):
            if j in seen or not fits(got[i], e):
                continue
            seen.add(j)
            if j not in owner or place(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(got)):
        place(i, set())
    return {i: j for j, i in owner.items()}


def group(scores: list[TextScore], key) -> dict[str, Tally]:
    out: dict[str, Tally] = {}
    for s in scores:
        for k in key(s):
            out.setdefault(k, Tally()).add(s.tally)
    return dict(sorted(out.items()))


def table(rows: dict[str, Tally], title: str) -> str:
    lines = [f"| {title} | events | proposed | recall | precision | recall (date) | precision (date) |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for name, t in rows.items():
        lines.append(f"| {name} | {t.events} | {t.proposed} | {t.recall:.0%} | {t.precision:.0%} | "
                     f"{t.recall_dated:.0%} | {t.precision_dated:.0%} |")
    return "\n".join(lines)


def report(corpus: Path, show_heldout: bool = False) -> str:
    scores = evaluate(corpus)
    splits = group(scores, lambda s: [s.split])
    out = ["Scored on the five core commitments; (commitment, kind), and with the date.", "",
           table(splits, "split"), ""]
    for split in ("dev", "heldout"):
        chosen = [s for s in scores if s.split == split]
        if not chosen or (split == "heldout" and not show_heldout):
            continue
        out += [f"## {split}", "", table(group(chosen, lambda s: [s.style]), "style"), "",
                table(group(chosen, lambda s: s.families or ["(none)"]), "family"), ""]
        for s in chosen:
            for line in s.misses + s.wrong:
                out.append(f"- {s.file}: {line}")
        out.append("")
    if "heldout" in splits and not show_heldout:
        out.append("(held-out texts: totals only; --show-heldout lists their styles, families and errors)")
    return "\n".join(out).rstrip() + "\n"
