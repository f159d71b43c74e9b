"""The learned reading: a kind for a sentence that names a commitment but fires no rule.

The rules of ``cues.toml`` know the words they were written for; a new text says "Air India
returned to mainland China on Sunday" or "the Sikkim route will be used again this summer".  For
a sentence that names one of the five core commitments, about India and China, where no rule
fired (and nothing else skipped it: background, other countries, a question, a negation), this
asks a model learned from the development corpus which kind of event such a sentence reported,
or "none".  When one kind's chance passes the model's threshold it is proposed, with the rule
``guess@N`` and, as its reason, the chance and the words that weighed most for it.

It is also a second opinion on the rules: where a rule read a kind that the model finds very
unlikely for such a sentence (under ``overrule_below``) and another kind likely (``overrule_at``
or more), the other kind is proposed, with the rule ``<rule>@N+guess@M`` and both chances in its
reason ("agreed to push for the resumption" is an agreement, though an ask's words fired).

The model is a multinomial logistic regression over the words and word pairs the reader reads
(background and datelines blanked), the commitment and whether the sentence is the headline or
lead.  Its rows are every sentence of the development texts that names a core commitment,
labelled with the kinds of the gold event whose ``quote_hint`` it holds, an event's acceptable
kinds sharing its weight (else "none"); held-out texts are never read.  Its weights are data
(``rules/guess.json``, with an id and a version), learned by :mod:`tracker.ingest.guess_train`.

Pure: no store, no terminal.  Only :class:`tracker.core.errors.TrackerError` leaves it, for a
malformed model file.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Mapping

from tracker.core.errors import TrackerError
from tracker.core.model import Kind
from tracker.ingest.doubt import STOP_WORDS, read_json

MODEL_PATH = Path(__file__).resolve().parent / "rules" / "guess.json"
GUESS_ID = "guess"  # the model's id: proposals it makes carry the rule guess@N
NONE = "none"  # the class of a sentence that reports no event
_WORD = re.compile(r"[a-z]+")


def features(sentence: str, commitment: str, n: int) -> dict[str, float]:
    """The features of sentence number ``n`` (1-based) read for ``commitment``."""
    words = _WORD.findall(sentence.lower())
    x = {"c=" + commitment: 1.0, "lead": 1.0 if n <= 2 else 0.0}
    x.update(("w=" + w, 1.0) for w in words)
    x.update(("b=" + a + "_" + b, 1.0) for a, b in zip(words, words[1:]))
    return {k: v for k, v in x.items() if v}


@dataclass(frozen=True)
class Guess:
    kind: Kind
    chance: float
    nothing: float  # the chance that the sentence reports no event
    words: tuple[str, ...]  # the sentence's words that weighed most for the kind
    ruled: float = 0.0  # for a second opinion: the chance of the kind the rule read


@dataclass(frozen=True)
class Guesser:
    ref: str  # "guess@1"
    threshold: float
    classes: tuple[str, ...]  # NONE and kind values
    bias: tuple[float, ...]  # one per class
    weights: Mapping[str, tuple[float, ...]]  # feature -> one weight per class
    commitments: frozenset[str] = frozenset()  # those it was trained on: it guesses for no other
    # the second opinion on a rule's kind: another kind is read instead when the rule's kind has a
    # chance under ``overrule_below`` and the other one at least ``overrule_at`` (0, 1: never)
    overrule_below: float = 0.0
    overrule_at: float = 1.0

    @property
    def version(self) -> int:
        return int(self.ref.partition("@")[2])

    def chances(self, x: Mapping[str, float]) -> list[float]:
        z = list(self.bias)
        for k, v in x.items():
            for j, w in enumerate(self.weights.get(k, ())):
                z[j] += w * v
        top = max(z)
        e = [math.exp(v - top) for v in z]
        total = sum(e)
        return [v / total for v in e]

    def guess(self, sentence: str, commitment: str, n: int) -> Guess | None:
        """The kind the sentence most likely reports, when its chance reaches the threshold."""
        return self._best(sentence, commitment, n, None, self.threshold)

    def overrule(self, sentence: str, commitment: str, n: int, kind: Kind) -> Guess | None:
        """Another kind for a sentence a rule read as ``kind``, where the model gives the rule's
        kind under ``overrule_below`` and the other kind at least ``overrule_at``; else None."""
        if self.overrule_at >= 1.0 or kind.value not in self.classes:
            return None
        return self._best(sentence, commitment, n, kind, self.overrule_at)

    def _best(self, sentence: str, commitment: str, n: int, ruled: Kind | None, at: float) -> Guess | None:
        if commitment not in self.commitments:
            return None
        x = features(sentence, commitment, n)
        p = self.chances(x)
        if ruled is not None and not p[self.classes.index(ruled.value)] < self.overrule_below:
            return None
        j = max((j for j, c in enumerate(self.classes) if c != NONE), key=lambda j: p[j])
        if not math.isfinite(p[j]) or p[j] < at:
            return None
        none = self.classes.index(NONE)
        other = none if ruled is None else self.classes.index(ruled.value)
        # the evidence: words for j against "none" and against the kind the rule read
        lift = sorted((min(self.weights[k][j] - self.weights[k][other], self.weights[k][j] - self.weights[k][none])
                       * v, k) for k, v in x.items() if k in self.weights and _telling(k))
        words = tuple("'" + k[2:].replace("_", " ") + "'" for w, k in reversed(lift[-3:]) if w > 0)
        ruled_chance = p[self.classes.index(ruled.value)] if ruled is not None else 0.0
        return Guess(Kind(self.classes[j]), p[j], p[none], words, ruled_chance)


_TOLD = STOP_WORDS | frozenset("is was were has have had be monday tuesday wednesday thursday friday saturday "
                               "sunday".split())


def _telling(key: str) -> bool:
    """A word or pair worth naming as evidence: not a stop word or a weekday alone."""
    return key.startswith("b=") and not all(w in _TOLD for w in key[2:].split("_")) or \
        key.startswith("w=") and key[2:] not in _TOLD


def parse_guesser(data: object, where: str = "guess.json") -> Guesser:
    if not isinstance(data, Mapping):
        raise TrackerError(f"{where}: a JSON object is needed")
    missing = [k for k in ("id", "version", "threshold", "classes", "bias", "weights", "commitments") if k not in data]
    if missing:
        raise TrackerError(f"{where}: needs {', '.join(missing)}")
    if data["id"] != GUESS_ID or type(data["version"]) is not int:
        raise TrackerError(f"{where}: `id` must be \"{GUESS_ID}\" and `version` a whole number")
    classes, commitments, weights = data["classes"], data["commitments"], data["weights"]
    kinds = {k.value for k in Kind} | {NONE}
    if not isinstance(classes, list) or not all(isinstance(c, str) for c in classes) or NONE not in classes \
            or not all(c in kinds for c in classes) \
            or len(set(classes)) != len(classes) or len(classes) < 2:
        raise TrackerError(f"{where}: `classes` must list \"none\" and event kinds, each once")
    if not isinstance(commitments, list) or not all(isinstance(c, str) for c in commitments):
        raise TrackerError(f"{where}: `commitments` must be a list of slugs")
    rows = [data["bias"], *(weights.values() if isinstance(weights, Mapping) else [None])]
    if not all(isinstance(r, list) and len(r) == len(classes) and all(type(v) in (int, float) and math.isfinite(v)
                                                                       for v in r) for r in rows):
        raise TrackerError(f"{where}: `bias` and every weight must be a list of finite numbers, one per class")
    if type(data["threshold"]) not in (int, float) or not 0.0 < data["threshold"] <= 1.0:
        raise TrackerError(f"{where}: threshold must be over 0 and at most 1")
    below, at = data.get("overrule_below", 0.0), data.get("overrule_at", 1.0)  # absent: no second opinion
    if not all(type(v) in (int, float) and 0.0 <= v <= 1.0 for v in (below, at)) or below > at:
        raise TrackerError(f"{where}: overrule_below and overrule_at must be from 0 to 1, the first no larger")
    return Guesser(f"{data['id']}@{data['version']}", float(data["threshold"]), tuple(classes),
                   tuple(float(v) for v in data["bias"]),
                   {str(k): tuple(float(v) for v in r) for k, r in weights.items()}, frozenset(commitments),
                   float(below), float(at))


@lru_cache(maxsize=1)
def default_guesser() -> Guesser | None:
    """The bundled model, or None where it was not trained (the learned reading is then off)."""
    return read_guesser(MODEL_PATH) if MODEL_PATH.exists() else None


def read_guesser(path: Path) -> Guesser:
    return parse_guesser(read_json(path), path.name)
