"""The evaluation report: dataclasses of numbers, JSON for machines, plain text for people."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

# Labels on the predicted side of a confusion when no prediction of another type explains a miss.
NO_PREDICTION = "(nothing)"
SAME_TYPE_TAKEN = "(same type, matched elsewhere)"

_JSON_DIGITS = 4
_EXAMPLE_CHARS = 160


@dataclass(frozen=True)
class PRF:
    """Precision, recall and F1 from counts; 0.0 where a denominator is zero."""

    p: float
    r: float
    f1: float

    @classmethod
    def from_counts(cls, true_pos: int, n_pred: int, n_gold: int) -> PRF:
        p = true_pos / n_pred if n_pred else 0.0
        r = true_pos / n_gold if n_gold else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        return cls(p, r, f1)


@dataclass(frozen=True)
class TypeScore:
    """Document-level score of one PLOVER type; support = gold articles having the type."""

    prf: PRF
    support: int
    predicted: int


@dataclass(frozen=True)
class EventScore:
    prf: PRF
    gold: int
    pred: int
    matched: int


@dataclass(frozen=True)
class AttributeScore:
    correct: int
    n: int

    @property
    def acc(self) -> float | None:
        return self.correct / self.n if self.n else None


@dataclass(frozen=True)
class MissedEvent:
    """A gold event no prediction matched, and what was predicted around its quote instead."""

    article_id: str
    type: str
    quote: str
    # confusion labels: the other predicted types, or NO_PREDICTION / SAME_TYPE_TAKEN
    predicted_nearby: tuple[str, ...]


@dataclass(frozen=True)
class SpuriousEvent:
    """A predicted event matching no gold event, with the gold types whose quotes it overlaps."""

    article_id: str
    type: str
    evidence: str
    gold_nearby: tuple[str, ...]


@dataclass
class EvalReport:
    """All scores of one gold/prediction comparison.

    ``to_dict``/``to_json`` hold the headline numbers; the per-type event scores and the miss
    listings are for :func:`render_table`."""

    doc_macro_f1: float | None
    per_type: dict[str, TypeScore]
    event: EventScore
    attributes: dict[str, AttributeScore]
    event_by_type: dict[str, EventScore] = field(default_factory=dict)
    confusions: list[tuple[str, str, int]] = field(default_factory=list)  # (gold, predicted, count)
    missed: list[MissedEvent] = field(default_factory=list)
    spurious: list[SpuriousEvent] = field(default_factory=list)
    n_articles: int = 0
    articles_without_prediction: int = 0
    unscored_predictions: int = 0  # prediction lines whose id is not in the gold

    def to_dict(self) -> dict[str, Any]:
        """Exactly the keys doc_macro_f1, per_type, event, attributes, as plain JSON types."""
        return {
            "doc_macro_f1": _round(self.doc_macro_f1),
            "per_type": {
                name: {"p": _round(s.prf.p), "r": _round(s.prf.r), "f1": _round(s.prf.f1),
                       "support": s.support}
                for name, s in self.per_type.items()
            },
            "event": {
                "p": _round(self.event.prf.p), "r": _round(self.event.prf.r),
                "f1": _round(self.event.prf.f1), "gold": self.event.gold,
                "pred": self.event.pred, "matched": self.event.matched,
            },
            "attributes": {
                name: {"acc": _round(s.acc), "n": s.n} for name, s in self.attributes.items()
            },
        }

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, _JSON_DIGITS)


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _table(headers: list[str], rows: list[list[str]], text_columns: int = 1) -> list[str]:
    """Columns padded to width: the first ``text_columns`` left-aligned, numbers right-aligned."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows)]

    def line(cells: list[str]) -> str:
        padded = [str(c).ljust(w) if i < text_columns else str(c).rjust(w)
                  for i, (c, w) in enumerate(zip(cells, widths))]
        return "  ".join(padded).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return [line(headers), rule, *(line(r) for r in rows)]


def _shorten(text: str, limit: int = _EXAMPLE_CHARS) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 3].rstrip() + "..."


def _document_section(report: EvalReport) -> list[str]:
    rows = [
        [name, _fmt(s.prf.p), _fmt(s.prf.r), _fmt(s.prf.f1), str(s.support), str(s.predicted)]
        for name, s in report.per_type.items()
    ]
    return [
        f"Document level: doc_types over {report.n_articles} gold articles",
        *_table(["type", "P", "R", "F1", "support", "predicted"], rows),
        f"macro-F1 over types with support: {_fmt(report.doc_macro_f1)}",
    ]


def _event_section(report: EvalReport, by_type: bool) -> list[str]:
    e = report.event
    lines = [
        "Event level (same type, >= half the gold quote's words in the evidence)",
        f"P {_fmt(e.prf.p)}  R {_fmt(e.prf.r)}  F1 {_fmt(e.prf.f1)}  "
        f"(gold {e.gold}, pred {e.pred}, matched {e.matched})",
    ]
    if by_type:
        rows = [
            [name, _fmt(s.prf.p), _fmt(s.prf.r), _fmt(s.prf.f1), str(s.gold), str(s.pred),
             str(s.matched)]
            for name, s in report.event_by_type.items() if s.gold or s.pred
        ]
        lines += ["", *_table(["type", "P", "R", "F1", "gold", "pred", "matched"], rows)]
    return lines


def _attribute_section(report: EvalReport) -> list[str]:
    rows = [[name, _fmt(s.acc), str(s.n)] for name, s in report.attributes.items()]
    return ["Attributes on matched pairs", *_table(["attribute", "acc", "n"], rows)]


def _misses_section(report: EvalReport, limit: int) -> list[str]:
    lines = [f"Most frequent misses (gold type -> predicted around its quote), top {limit}"]
    rows = [[gold, predicted, str(count)] for gold, predicted, count in report.confusions[:limit]]
    headers = ["gold type", "predicted nearby", "count"]
    lines += _table(headers, rows, text_columns=2) if rows else ["(none)"]
    lines += ["", f"Missed gold events (first {limit} of {len(report.missed)})"]
    lines += [
        f"[{m.article_id}] {m.type} <- {', '.join(m.predicted_nearby)}: \"{_shorten(m.quote)}\""
        for m in report.missed[:limit]
    ] or ["(none)"]
    lines += ["", f"Spurious predictions (first {limit} of {len(report.spurious)})"]
    lines += [
        f"[{s.article_id}] {s.type}"
        + (f" (gold here: {', '.join(s.gold_nearby)})" if s.gold_nearby else "")
        + f": \"{_shorten(s.evidence)}\""
        for s in report.spurious[:limit]
    ] or ["(none)"]
    return lines


def _notes(report: EvalReport) -> list[str]:
    notes = []
    if report.articles_without_prediction:
        notes.append(f"{report.articles_without_prediction} gold article(s) had no prediction line "
                     "(scored as predicting nothing)")
    if report.unscored_predictions:
        notes.append(f"{report.unscored_predictions} prediction line(s) have no gold article "
                     "(not scored)")
    return [f"note: {n}" for n in notes]


def render_table(report: EvalReport, by_type: bool = False, misses: int = 0) -> str:
    """A readable plain-text report; ``by_type`` adds per-type event scores, ``misses`` > 0 lists
    that many of the most frequent confusions, missed gold quotes and spurious predictions."""
    sections = [
        _document_section(report),
        _event_section(report, by_type),
        _attribute_section(report),
    ]
    if misses > 0:
        sections.append(_misses_section(report, misses))
    notes = _notes(report)
    if notes:
        sections.append(notes)
    return "\n\n".join("\n".join(section) for section in sections) + "\n"
