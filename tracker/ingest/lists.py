"""Lists under a line that introduces them.

Readouts and joint statements often give their outcomes as a list::

    Arising from the visit, the two sides agreed on the following:

    1. To restore direct flight connectivity ... at the earliest.
    2. To facilitate the issue of visas to tourists ...

    In the presence of the two leaders, the following documents were exchanged:
    (i) Memorandum of Understanding ... on provision of hydrological information ...

An item says what it says only through the line that introduces it.  The rules of reach "list"
in ``cues.toml`` are matched against that line (a sentence ending in ":"); the first that fires
is lent to the first sentence of each item below it.  An item's own cue still wins: the loan is
read only where the item names a commitment and says nothing of its own about it.

The list ends at the first paragraph that does not open an item.  Further sentences inside an
item ("The Chinese side agreed, on humanitarian grounds, to share ...") are read on their own.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from tracker.ingest.cues import CueBook, Hit
from tracker.ingest.sentences import BLANK_LINE, is_list_item

__all__ = ["Lists", "item_cues"]


@dataclass(frozen=True)
class Lists:
    items: dict[int, Hit] = field(default_factory=dict)  # sentence index -> its introduction's hit
    introductions: frozenset[int] = frozenset()  # the sentences that lent their hit to an item


def item_cues(text: str, spans: list[tuple[int, int]], book: CueBook) -> Lists:
    """The sentences (0-based indexes into ``spans``) that open an item of a list whose
    introduction a rule of reach "list" matches, each with that introduction's hit."""
    intros = [c for c in book.cues if c.reach == "list"]
    out: dict[int, Hit] = {}
    lent: set[int] = set()
    if not intros:
        return Lists()
    current: Hit | None = None
    introduced_by = previous_end = line = 0
    for i, (a, b) in enumerate(spans):
        sentence = text[a:b]
        line = text.rfind("\n", line, a) + 1 or line  # searched from the last line start: linear in the text
        if sentence.rstrip().endswith(":"):  # an introduction, even as an item of an outer list ("4. ... exchanged:")
            current, introduced_by = _intro(sentence, intros), i
        elif is_list_item(text, a, line):
            if current is not None:
                out[i] = current
                lent.add(introduced_by)
        elif BLANK_LINE.search(text, previous_end, a):
            current = None  # a paragraph that is no item: the list is over
        previous_end = b
    return Lists(out, frozenset(lent))


def _intro(sentence: str, intros) -> Hit | None:
    for cue in intros:
        for pattern in cue.patterns:
            m = pattern.search(sentence)
            if m:
                return Hit(cue, m.group(0), m.start(), m.end())
    return None
