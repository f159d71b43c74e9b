"""From the text of a readout or article to proposed events: pure, no store, no terminal.

:func:`propose` splits the text into sentences (:mod:`tracker.ingest.sentences`) and finds in
each the commitments it names: any name of the catalogue, case-insensitively, on word
boundaries, read through the spelling variants of ``rules/cues.toml`` ("Manasarovar" is
"Mansarovar"), hyphen or space, British or American "-ise/-ize", and singular or plural
("flights" names "IndiGo's flight").  Where names overlap, the longest wins ("air
service agreement" is not "air services").

How each sentence is read (background clauses, country pairs, negation, cues, dates and due
dates, one proposal per commitment and kind) is :mod:`tracker.ingest.reading`; this module holds
the rules' loading, the names and the officials, and :func:`propose`, which returns the reading's
proposals.  Actors are the officials of ``rules/officials.toml`` the sentence names.  The quote is
always the sentence exactly as it stands in the text.

Only :class:`tracker.core.errors.TrackerError` leaves this module: for malformed rules or a
malformed catalogue, never for the text itself.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping, Sequence

from tracker.ingest.context import Context, parse_context
from tracker.ingest.cues import CueBook, parse_cues
from tracker.ingest.doubt import MODEL_PATH, Model, default_model, read_model
from tracker.ingest.guess import MODEL_PATH as GUESS_PATH, Guesser, default_guesser, read_guesser
from tracker.core.dates import PartialDate
from tracker.core.model import Kind
from tracker.core.errors import TrackerError

RULES_DIR = Path(__file__).resolve().parent / "rules"
_TOKEN = re.compile(r"[^\W_]+")
_GAP = re.compile(r"[\s\-‐‑–—/.'’]{1,4}")


@dataclass(frozen=True)
class Proposal:
    commitment: str
    kind: Kind
    date: PartialDate
    date_basis: str
    quote: str
    actors: tuple[str, ...]
    rule: str  # "id@version" of the cue rule that fired
    reason: str
    matched_name: str  # the catalogue name found in the quote
    due: PartialDate | None = None  # the plan's deadline ("by the end of next month")
    also: tuple[str, ...] = ()  # further sentences of the text that say the same
    clause: str = ""  # the clause read (background masked out)
    via: str = ""  # the [[modality]] that changed the cue's kind ("future@2"), if any
    yields_to: frozenset[Kind] = frozenset()  # dropped when the text also proposes one of these kinds for it


@dataclass(frozen=True)
class Official:
    name: str
    side: str
    role: str
    variants: tuple[str, ...]
    surnames: tuple[str, ...]
    unambiguous: bool = False


@dataclass(frozen=True)
class Rules:
    cues: CueBook
    officials: tuple[Official, ...]
    context: Context
    doubt: Model | None = None  # the learned check of rules/doubt.json; None: off
    guess: Guesser | None = None  # the learned reading of rules/guess.json; None: off


def load_rules(directory: Path | str | None = None) -> Rules:
    """The cue rules and the officials, from ``directory`` (default: the bundled ``rules/``)."""
    if directory is None:
        return _default_rules()
    return _read_rules(Path(directory))


@lru_cache(maxsize=1)
def _default_rules() -> Rules:
    return _read_rules(RULES_DIR)


def _read_rules(directory: Path) -> Rules:
    cues = parse_cues(_toml(directory / "cues.toml"), "cues.toml")
    context = parse_context(_toml(directory / "context.toml"), "context.toml")
    doubt = directory / "doubt.json"
    model = default_model() if doubt == MODEL_PATH else read_model(doubt) if doubt.exists() else None
    guess = directory / "guess.json"
    guesser = default_guesser() if guess == GUESS_PATH else read_guesser(guess) if guess.exists() else None
    return Rules(cues, parse_officials(_toml(directory / "officials.toml"), "officials.toml"), context, model, guesser)


def _toml(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise TrackerError(f"cannot read the rules file {path}: {exc.strerror or exc}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise TrackerError(f"{path.name}: not valid TOML ({exc}); fix the file") from None


def parse_officials(data: Mapping[str, Any], where: str = "officials.toml") -> tuple[Official, ...]:
    rows = data.get("official", [])
    if not isinstance(rows, list):
        raise TrackerError(f"{where}: `official` must be a list of [[official]] tables")
    out = []
    for n, raw in enumerate(rows, start=1):
        name = raw.get("name") if isinstance(raw, Mapping) else None
        if not isinstance(name, str) or not name.strip():
            raise TrackerError(f"{where}: official {n} needs a `name`")
        lists = {key: raw.get(key, []) for key in ("variants", "surnames")}
        for key, value in lists.items():
            if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
                raise TrackerError(f"{where}: official {n} ({name!r}): `{key}` must be a list of names")
        out.append(Official(name.strip(), str(raw.get("side", "")), str(raw.get("role", "")),
                            tuple(dict.fromkeys([name.strip(), *lists["variants"]])),
                            tuple(lists["surnames"]), raw.get("unambiguous") is True))
    return tuple(out)


# --- names of commitments ----------------------------------------------------

def _norm(token: str, spellings: Mapping[str, str]) -> str:
    low = token.lower()
    low = spellings.get(low, low)
    if len(low) > 5:
        low = re.sub(r"is(e|ed|es|ing|ation|ations)$", r"iz\1", low)
    if len(low) > 4 and low.endswith("ies"):
        low = low[:-3] + "y"
    elif len(low) > 3 and low.endswith("s") and not low.endswith(("ss", "us", "is")):
        low = low[:-1]
    return spellings.get(low, low)


def _tokens(text: str, spellings: Mapping[str, str]) -> list[tuple[str, int, int]]:
    return [(_norm(m.group(0), spellings), m.start(), m.end()) for m in _TOKEN.finditer(text)]


@dataclass(frozen=True)
class Mention:
    commitment: str
    name: str
    start: int
    end: int


def _index(catalogue: Mapping[str, Sequence[str]], spellings) -> dict[str, list[tuple[tuple[str, ...], str, str]]]:
    if not isinstance(catalogue, Mapping):
        raise TrackerError("the catalogue must map each commitment's slug to its names")
    index: dict[str, list] = {}
    for slug, names in catalogue.items():
        if isinstance(names, str):
            names = [names]
        if not isinstance(names, (list, tuple, set, frozenset)) or not isinstance(slug, str) \
                or not all(isinstance(n, str) for n in names):
            raise TrackerError(f"catalogue entry {slug!r}: a slug with a list of names is needed")
        for name in dict.fromkeys(names):
            key = tuple(t for t, _, _ in _tokens(name, spellings))
            if key:
                index.setdefault(key[0], []).append((key, slug, name))
    return index


def find_mentions(sentence: str, index, spellings) -> list[Mention]:
    """The commitments ``sentence`` names: longest names first, no two overlapping."""
    toks = _tokens(sentence, spellings)
    found: list[Mention] = []
    for i, (tok, start, _) in enumerate(toks):
        for key, slug, name in index.get(tok, ()):
            j = i + len(key)
            if j > len(toks) or tuple(t for t, _, _ in toks[i:j]) != key:
                continue
            if all(_GAP.fullmatch(sentence[toks[k][2]:toks[k + 1][1]]) for k in range(i, j - 1)):
                found.append(Mention(slug, name, start, toks[j - 1][2]))
    found.sort(key=lambda m: (m.start - m.end, m.start))
    kept: dict[tuple[str, int, int], Mention] = {}
    taken: dict[int, tuple[int, int]] = {}  # character -> the span of the kept name covering it
    for m in found:
        covering = {taken[i] for i in range(m.start, m.end) if i in taken}
        if covering <= {(m.start, m.end)}:  # free, or exactly another commitment's same name
            kept.setdefault((m.commitment, m.start, m.end), m)
            taken.update((i, (m.start, m.end)) for i in range(m.start, m.end))
    return sorted(kept.values(), key=lambda m: m.start)


# --- officials -----------------------------------------------------------------

@lru_cache(maxsize=1024)
def _word_pattern(name: str) -> re.Pattern:
    parts = [re.escape(p) for p in name.split()]
    return re.compile(r"(?<![\w])" + r"\s+".join(parts) + r"(?![\w])")


def named_in_full(text: str, officials: Sequence[Official]) -> frozenset[str]:
    """The officials that ``text`` names by a full form somewhere (so their short form counts)."""
    return frozenset(o.name for o in officials if any(_word_pattern(v).search(text) for v in o.variants))


def find_actors(sentence: str, officials: Sequence[Official], in_full: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """The officials ``sentence`` names, in the order of the list; see ``rules/officials.toml``."""
    named = []
    for o in officials:
        if any(_word_pattern(v).search(sentence) for v in o.variants):
            named.append(o.name)
            continue
        for short in o.surnames:
            rivals = [p for p in officials if p is not o and short in p.surnames and p.name in in_full]
            if (o.unambiguous or o.name in in_full) and not rivals and _word_pattern(short).search(sentence):
                named.append(o.name)
                break
    return tuple(named)


# --- proposals -----------------------------------------------------------------

def propose(
    text: str,
    published: PartialDate,
    catalogue: Mapping[str, Sequence[str]],
    officials: Sequence[Official] | None = None,
    *,
    rules: Rules | None = None,
) -> list[Proposal]:
    """The events ``text`` speaks of: one per commitment and kind, in text order (see
    :func:`tracker.ingest.reading.read`, which also gives the unmatched sentences and the
    reading of every sentence)."""
    from tracker.ingest.reading import read

    return read(text, published, catalogue, officials, rules=rules).proposals
