"""A learned confidence for candidate events: a small logistic model over generic features.

The rules propose candidates; this model says how likely each is to be an event a careful coder
would record. Features describe the evidence (syntax of the trigger, arguments found, factuality,
position), never particular words, so the model transfers to triggers users add to the codebook.
Trained by ``training/train_rescorer.py``; shipped as JSON weights (no pickle, no scikit-learn
at run time).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Mapping

if TYPE_CHECKING:  # pragma: no cover
    from eventwire.extract.triggers import TriggerMatch

DEFAULT_RESCORER_PATH = Path(__file__).resolve().parent / "models" / "rescorer.json"
_BACKGROUND = frozenset({"during", "after", "before", "amid", "since", "following", "despite",
                         "ahead", "over", "about", "on", "in", "under", "for", "of"})
_DEFINITE = frozenset({"the", "this", "that", "these", "those", "its", "his", "her", "their"})


def _bucket(value: int, edges: tuple[int, ...]) -> str:
    for edge in edges:
        if value <= edge:
            return f"<={edge}"
    return f">{edges[-1]}"


def candidate_features(match: "TriggerMatch", quad: str, factuality: str, tense: str | None,
                       has_actor: bool, has_recipient: bool, actor_label: str | None,
                       heuristic: float, sentence_index: int, triggers_in_sentence: int,
                       sentence_text: str) -> dict[str, float]:
    """Generic evidence about one candidate event, as named features.

    No feature names a type or a word: the dev gold has a handful of examples of the rarer types,
    and a user's own triggers must be judged by the same evidence as ours. ``quad`` (verbal or
    material, cooperation or conflict) is as specific as it gets. Where a sentence sits in the
    article is left out on purpose: annotators code the top of a story more fully, and a model
    that learned that would drop real events told further down."""
    head = match.head
    nominal = head.pos_ in ("NOUN", "PROPN")
    kind = match.rule.pos
    features: dict[str, float] = {
        "heuristic": heuristic,
        "rule_confidence": match.rule.confidence,
        f"kind={kind}": 1.0,
        f"quad={quad}": 1.0,
        f"dep={head.dep_}": 1.0,
        f"factuality={factuality}": 1.0,
        f"tense={tense}": 1.0,
        f"actor={has_actor}": 1.0,
        f"recipient={has_recipient}": 1.0,
        f"actor={has_actor}|quad={quad}": 1.0,
        f"actor_label={actor_label}": 1.0,
        "conditional_rule": float(match.rule.is_conditional),
        "quoted": float(any(q in sentence_text for q in "“\"")),
        "is_root": float(head.dep_ == "ROOT"),
    }
    if nominal:
        features["nominal_background"] = float(head.dep_ == "pobj" and head.head.lower_ in _BACKGROUND)
        features["nominal_definite"] = float(any(c.dep_ in ("det", "poss") and c.lower_ in _DEFINITE
                                                 for c in head.children))
        features["nominal_plural"] = float(head.tag_ in ("NNS", "NNPS"))
    return features


@dataclass
class Rescorer:
    """Logistic model: P(event) = sigmoid(bias + sum of weights of present features)."""

    bias: float
    weights: Mapping[str, float]
    threshold: float
    meta: Mapping[str, object]

    def probability(self, features: Mapping[str, float]) -> float:
        z = self.bias + sum(self.weights.get(name, 0.0) * value for name, value in features.items())
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))

    def to_json(self) -> str:
        return json.dumps({"bias": self.bias, "threshold": self.threshold, "meta": dict(self.meta),
                           "weights": dict(sorted(self.weights.items()))}, indent=1)

    @classmethod
    def from_json(cls, text: str) -> "Rescorer":
        data = json.loads(text)
        return cls(float(data["bias"]), {k: float(v) for k, v in data["weights"].items()},
                   float(data["threshold"]), data.get("meta", {}))


@lru_cache(maxsize=4)
def load_rescorer(path: str | None = None) -> Rescorer | None:
    """The shipped model (or the one at ``path``); None when no model file exists."""
    target = Path(path) if path else DEFAULT_RESCORER_PATH
    if not target.exists():
        return None
    return Rescorer.from_json(target.read_text(encoding="utf-8"))
