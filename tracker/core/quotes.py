"""Finding a quote in a source as people type it, and the exact span the source holds.

A quote is found when it matches a passage of the text after both are *normalized*: every run of
whitespace (spaces, tabs, line breaks) counts as one space, curly quotes as straight ones, and the
dashes (hyphen, en dash, em dash, minus, ...) as ``-``. What is stored is never the typed quote but
the source's own span (:func:`locate`), so every stored quote occurs verbatim in its source.

When nothing matches, :func:`closest_passage` names the passage that shares the most words with
the quote, to show in the error. Both run in time linear in the text (no backtracking regular
expression, no quadratic comparison).

Pure: it imports neither SQLAlchemy nor click.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

_FOLD = {
    **{c: "'" for c in "\u2018\u2019\u201a\u201b\u2032\u02bc"},
    **{c: '"' for c in "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"},
    **{c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"},
}
_TABLE = str.maketrans(_FOLD)
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Span:
    """Where a quote was found: ``text[start:end]`` is the source's exact passage."""

    start: int
    end: int
    text: str  # the exact span of the source


def normalize(text: str) -> str:
    """``text`` folded: curly quotes and dashes made plain, each run of whitespace one space."""
    return _SPACES.sub(" ", text.translate(_TABLE))


def locate(quote: str, text: str) -> Span | None:
    """The source's exact span that ``quote`` matches (verbatim first, then normalized), or None."""
    if not quote or not quote.strip():
        return None
    exact = text.find(quote)
    if exact >= 0:
        return Span(exact, exact + len(quote), quote)
    wanted = normalize(quote.strip())
    plain = text.translate(_TABLE)  # same length as text: one character for one
    at = _SPACES.sub(" ", plain).find(wanted)
    if at < 0:
        return None
    last = at + len(wanted) - 1  # neither end is a space: each maps back past the runs before it
    start = end = None
    removed = 0
    for run in _SPACES.finditer(plain):
        folded_at = run.start() - removed
        if start is None and folded_at > at:
            start = at + removed
        if folded_at > last:
            break
        removed += run.end() - run.start() - 1
    start = at + removed if start is None else start
    end = last + removed + 1
    return Span(start, end, text[start:end])


def exact_span(quote: str, text: str) -> str | None:
    """The passage of ``text`` that ``quote`` stands for (see :func:`locate`), or None."""
    span = locate(quote, text)
    return span.text if span else None


def closest_passage(quote: str, text: str, limit: int = 240) -> str | None:
    """The passage of ``text`` (as many words as the quote) sharing the most words with ``quote``,
    in one line and at most ``limit`` characters; None when no word is shared."""
    wanted = Counter(w.lower() for w in _WORD.findall(quote.translate(_TABLE)))
    if not wanted:
        return None
    words = [(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(text)]
    size = sum(wanted.values())
    have: Counter = Counter()
    shared = best = 0
    best_at = -1
    for i, (_, _, w) in enumerate(words):  # a sliding window of `size` words, scored incrementally
        have[w] += 1
        if have[w] <= wanted[w]:
            shared += 1
        if i >= size:
            old = words[i - size][2]
            if have[old] <= wanted[old]:
                shared -= 1
            have[old] -= 1
        if shared > best:
            best, best_at = shared, i
    if best_at < 0:
        return None
    first = words[max(0, best_at - size + 1)][0]
    passage = " ".join(text[first:words[best_at][1]].split())
    return passage if len(passage) <= limit else passage[: limit - 3] + "..."


