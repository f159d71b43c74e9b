"""Adversarial texts and every regular expression ingest applies to untrusted text, used as it is used.

Shared by tests/unit/test_linear_text.py (50 KB, default run) and
tests/benchmarks/test_linear_1mb.py (1 MB, run by hand). Each probe applies one pattern the way
the code does (``finditer`` over a sentence, ``match`` at a line start, ``search`` in a bounded
window), so a pattern that is only ever anchored is not blamed for what ``finditer`` would do.
"""
from __future__ import annotations

import re
from typing import Callable

from tracker.ingest import context as ingest_context, cues, dating, engine, sentences, textdates
from tracker.ingest.engine import load_rules


def texts(size: int) -> dict[str, str]:
    """Pathological inputs of about ``size`` characters: runs of one character, repeated
    short units that almost match, and a word followed by a huge run of spaces."""
    def rep(unit: str) -> str:
        return unit * max(1, size // len(unit))

    return {
        "dots": rep("."), "bangs": rep("!"), "spaces": rep(" "), "newlines": rep("\n"),
        "tabs": rep("\t"), "digits": rep("1"), "commas": rep(","), "quotes": rep('"'),
        "apostrophes": rep("'"), "dashes": rep("-"), "parens": rep("("), "capitals": rep("A"),
        "dot-space": rep(". "), "dot-quote": rep('."'), "space-comma": rep(" ,"), "initials": rep("A. "),
        "abbreviations": rep("No. "), "u.s.": rep("U.S."), "digit-dots": rep("1."), "digit-colon": rep("1:"),
        "day-month": rep("12 January "), "months": rep("January "), "and": rep("and "),
        "date-words": rep("date "), "place": rep("NEW DELHI "), "lines": rep("x\n"),
        "open-parens": rep("(A! B! "), "which": rep("Kailash, which "), "names": rep("Kailash "),
        "dashed": rep(" – "), "is-set": rep("is set "),
        "name+spaces": "Kailash" + " " * size + "Mansarovar",
        "dot+spaces": "." + " " * size + "x", "digit+spaces": "1" + " " * size + "x",
        "date+spaces": "date" + " " * size + "x", "and+spaces": "and" + " " * size + "x",
        "is+spaces": "is" + " " * size + "x", "place+spaces": "NEW DELHI," + " " * size + "x",
        "word+spaces+comma": "x" + " " * size + ", and", "dot+quotes": "." + '"' * size + "x",
        "time+spaces": "12:00" + " " * size + "x", "building+spaces": "building on the" + " " * size,
        "agreed+spaces": "The two sides agreed" + " " * size + "x:",
        "sought+spaces": "India sought" + " " * size + "x", "before+spaces": "Before the pandemic," + " " * size + "x",
        "landed-left": rep("landed left on "),  # a departure read for each "left" (round 11's review)
        "held-elm": rep("held the round of the ELM "),  # a look-ahead to the sentence's end at each (round 12)
        # an answer's label and an RTI query item, each followed by a run of spaces (round 10's review)
        "label+spaces": "Flights resumed.\n\nQ" + " " * size + "x.",
        "sought-item+spaces": "Visas.\n\nInformation sought" + " " * size + "x.",
    }


_WORD_ENDS = re.compile(r"\w\b")  # where a name can end: the relative clause is matched there


def _all(pattern: re.Pattern) -> Callable[[str], object]:
    return lambda text: sum(1 for _ in pattern.finditer(text))


def _lines(pattern: re.Pattern, how: str = "match") -> Callable[[str], object]:
    def run(text: str) -> object:
        return [getattr(pattern, how)(line) for line in text.splitlines() or [text]]
    return run


def _window(pattern: re.Pattern, width: int) -> Callable[[str], object]:
    """``search`` in the ``width`` characters before every position the code looks from."""
    def run(text: str) -> object:
        step = max(1, len(text) // 2000)
        return [pattern.search(text, max(0, i - width), i) for i in range(0, len(text) + 1, step)]
    return run


# The fast unit test feeds these; the 1 MB benchmark feeds all of texts().
CORE = ("dots", "bangs", "spaces", "initials", "lines", "which", "name+spaces", "date+spaces", "is+spaces",
        "word+spaces+comma", "agreed+spaces", "sought+spaces", "before+spaces", "label+spaces",
        "sought-item+spaces")


# These run many patterns (or a whole pass) each: the 1 MB check allows them more than one pattern.
PIPELINES = frozenset({"sentences.sentence_spans", "cues.clauses", "engine.official names",
                       "textdates.find_date", "textdates.find_dateline", "textdates.find_published"})


_SPECIAL_USE = {"sentences._TERMINAL_LINE", "sentences._LIST_MARKER", "sentences._DATE_STAMP",
                "sentences._BYLINE", "sentences._DATELINE_START", "sentences._DATELINE_LINE", "dating._ENTRY",
                "sentences._WORD_BEFORE", "cues._RELATIVE", "engine._GAP", "sentences._NEXT_CHAR"}


def probes() -> dict[str, Callable[[str], object]]:
    """name -> a function applying that pattern to a text as the code does. Every module-level
    pattern of the ingest modules is found by itself (a new one is covered without a change here);
    those applied otherwise than ``finditer`` over a text are listed with their use."""
    import importlib

    pub = textdates.PartialDate.parse("2025-06-01")
    out: dict[str, Callable[[str], object]] = {
        "sentences._TERMINAL_LINE": _lines(sentences._TERMINAL_LINE, "search"),
        "sentences._LIST_MARKER": _lines(sentences._LIST_MARKER),
        "sentences._DATE_STAMP": _lines(sentences._DATE_STAMP),
        # matched at a line's start only: under a headline, and at each line for a timeline's entries
        "sentences._BYLINE": _lines(sentences._BYLINE),
        "sentences._DATELINE_START": _lines(sentences._DATELINE_START),
        "sentences._DATELINE_LINE": _lines(sentences._DATELINE_LINE),
        "dating._ENTRY": _lines(dating._ENTRY),
        "dating.timeline_entries": dating.timeline_entries,
        "sentences._WORD_BEFORE": _window(sentences._WORD_BEFORE, 40),
        "sentences.sentence_spans": sentences.sentence_spans,
        "cues._RELATIVE": lambda text: [cues._RELATIVE.match(text, m.end()) for m in _WORD_ENDS.finditer(text)],
        "cues.clauses": cues.clauses,
        "engine._GAP": lambda text: [engine._GAP.fullmatch(text, i, i + 8) for i in range(0, len(text), 5)],
        "engine.official names": lambda text: engine.named_in_full(text, load_rules().officials),
        "textdates.find_date": lambda text: textdates.find_date(text, pub),
        "textdates.find_dateline": lambda text: textdates.find_dateline(text, pub),
        "textdates.find_published": textdates.find_published,
        "dating._departed": lambda text: dating._departed(text, pub),
        "context.led_by_other": lambda text: ingest_context.led_by_other(text, load_rules().context),
    }
    for name in ("sentences", "cues", "textdates", "engine", "reading", "dating", "deadlines", "context", "verbs"):
        try:
            module = importlib.import_module(f"tracker.ingest.{name}")
        except ImportError:
            continue
        for attr, value in vars(module).items():
            key = f"{name}.{attr}"
            if isinstance(value, re.Pattern) and key not in _SPECIAL_USE and attr != "_ID":
                out[key] = _all(value)
            elif isinstance(value, list) and value and all(isinstance(v, tuple) and len(v) == 2
                                                           and isinstance(v[1], re.Pattern) for v in value):
                for n, (form, pattern) in enumerate(value):
                    out[f"{key}[{n}] {form}"] = _all(pattern)
            elif isinstance(value, (list, tuple)) and value and all(isinstance(v, re.Pattern) for v in value):
                for n, pattern in enumerate(value):
                    out[f"{key}[{n}]"] = _all(pattern)
    for cue in load_rules().cues.cues:
        for n, pattern in enumerate(cue.patterns):
            # a passing-mention rule is searched in the 120 characters before a name; the others in the sentence
            out[f"cue {cue.id}[{n}]"] = _window(pattern, 120) if cue.reach == "name" else _all(pattern)
        if cue.verbs is not None:
            out[f"cue {cue.id} verbs"] = _all(cue.verbs)
    from tracker.ingest.modality import LOOK_BACK

    for modality in load_rules().cues.modalities:  # searched in the LOOK_BACK characters before a cue
        for n, pattern in enumerate(modality.before + modality.unless_before):
            out[f"modality {modality.id}[{n}]"] = _window(pattern, LOOK_BACK)
    context = load_rules().context  # background, names made of parts, names that need their subject, venues
    for table, rules in (("background", context.background), ("name_rule", context.name_rules),
                         ("name_context", context.name_contexts), ("venue", context.venues)):
        for rule in rules:
            for n, pattern in enumerate(rule.patterns):
                out[f"{table} {rule.id}[{n}]"] = _all(pattern)
    return out
