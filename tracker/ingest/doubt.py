"""The doubt check: a learned second opinion on each proposal, from the words of its sentence.

The rules of ``cues.toml`` and ``context.toml`` find a proposal; this check then asks how often,
in the labelled development corpus, a proposal of that kind, from that rule, in a sentence with
those words, was right.  It is a logistic regression over sparse features: the rule and kind, the commitment, each word and pair of words of the quote (and each word
with the kind), the quote's length, whether it stands in the text's first two sentences (the
headline and the lead) and whether it runs over a line break (a headline glued to its dateline).

Its weights are data (``rules/doubt.json``, with an id and a version), learned by
:mod:`tracker.ingest.doubt_train` from the corpus's development texts only, never its held-out
ones.  A proposal whose chance of being right falls under the model's threshold is not proposed;
``tracker ingest --explain`` shows the score and the words that weighed most against it.

Pure: no store, no terminal.  Only :class:`tracker.core.errors.TrackerError` leaves it, for a
malformed model file.
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Mapping

from tracker.core.errors import TrackerError

DOUBTFUL = "doubtful"  # how a note dropped by the check begins
MODEL_PATH = Path(__file__).resolve().parent / "rules" / "doubt.json"
_WORD = re.compile(r"[a-z]+")
# Words too common to say anything alone (still counted in pairs: "as the", "to restore").
STOP_WORDS = frozenset("the a an of and to in on for with as at by its their this that it".split())


def features(kind: str, rule: str, commitment: str, quote: str, sentence: int) -> dict[str, float]:
    """The features of one proposal: ``rule`` without its version, ``sentence`` 1-based."""
    words = _WORD.findall(quote.lower())
    x: dict[str, float] = {"k=" + kind: 1.0, "r=" + rule.split("@")[0]: 1.0, "c=" + commitment: 1.0}
    for w in set(words) - STOP_WORDS:
        x["w=" + w] = 1.0
        x[kind + ":" + w] = 1.0
    for a, b in set(zip(words, words[1:])):
        x["b=" + a + "_" + b] = 1.0
    x["len"] = min(len(words), 60) / 60
    x["lead"] = 1.0 if sentence <= 2 else 0.0
    x["newline"] = 1.0 if "\n" in quote else 0.0
    return {k: v for k, v in x.items() if v}


@dataclass(frozen=True)
class Model:
    ref: str  # "doubt@1"
    threshold: float
    bias: float
    weights: Mapping[str, float]
    commitments: frozenset[str] = frozenset()  # those it was trained on: it weighs no other

    def weighs(self, commitment: str) -> bool:
        return commitment in self.commitments

    def chance(self, x: Mapping[str, float]) -> float:
        """The model's chance that a proposal with features ``x`` is right."""
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in x.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def against(self, x: Mapping[str, float], n: int = 3) -> list[str]:
        """The ``n`` features of the sentence that weighed most against it, readably ("'urging'
        with raised"); the kind, rule and commitment are starting odds, not evidence, and not named."""
        parts = sorted((self.weights.get(k, 0.0) * v, k) for k, v in x.items() if not k.startswith(_PRIORS))
        return [_readable(k) for w, k in parts[:n] if w < 0]


_PRIORS = ("k=", "r=", "c=")


def _readable(key: str) -> str:
    head, _, tail = key.partition("=")
    if head == "w":
        return f"'{tail}'"
    if head == "b":
        return "'" + tail.replace("_", " ") + "'"
    if ":" in key:
        kind, word = key.split(":", 1)
        return f"'{word}' with {kind}"
    return {"len": "a long sentence", "lead": "the headline or lead", "newline": "a headline run into its dateline"}.get(key, key)


def parse_model(data: object, where: str = "doubt.json") -> Model:
    if not isinstance(data, Mapping):
        raise TrackerError(f"{where}: a JSON object is needed")
    missing = [k for k in ("id", "version", "threshold", "bias", "weights", "commitments") if k not in data]
    if missing:
        raise TrackerError(f"{where}: needs {', '.join(missing)}")
    if not isinstance(data["id"], str) or not data["id"] or type(data["version"]) is not int:
        raise TrackerError(f"{where}: `id` must be a name and `version` a whole number")
    commitments = data["commitments"]
    if not isinstance(commitments, list) or not all(isinstance(c, str) for c in commitments):
        raise TrackerError(f"{where}: `commitments` must be a list of slugs")
    weights = data["weights"]
    numbers = [data["threshold"], data["bias"], *(weights.values() if isinstance(weights, Mapping) else [None])]
    if not all(type(v) in (int, float) and math.isfinite(v) for v in numbers):
        raise TrackerError(f"{where}: `threshold`, `bias` and every weight must be finite numbers")
    if not 0.0 <= data["threshold"] < 1.0:
        raise TrackerError(f"{where}: threshold must be at least 0 and under 1")
    return Model(f"{data['id']}@{data['version']}", float(data["threshold"]), float(data["bias"]),
                 {str(k): float(v) for k, v in weights.items()}, frozenset(commitments))


@lru_cache(maxsize=1)
def default_model() -> Model | None:
    """The bundled model, or None where it was not trained (the check is then off)."""
    return read_model(MODEL_PATH) if MODEL_PATH.exists() else None


def read_model(path: Path) -> Model:
    return parse_model(read_json(path), path.name)


def read_json(path: Path) -> object:
    """A learned model's file, parsed, or a :class:`TrackerError` saying why not."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise TrackerError(f"cannot read {path}: {exc.strerror or exc}") from None
    except (ValueError, RecursionError) as exc:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        raise TrackerError(f"{path.name}: not valid JSON ({str(exc)[:200]}); train it again") from None
