"""Score predicted PLOVER event records against gold records (shape: benchmark/GOLD_GUIDE.md).

Only gold articles are scored; a gold article without a prediction line predicts nothing, and
prediction lines for other ids are counted but ignored. Event types are compared upper-cased;
predicted types outside the 16 PLOVER types still count as (unmatched) predictions.

Document level
    An article's predicted doc types are its ``doc_types`` when the prediction carries that key,
    else the set of its predicted event types. Per PLOVER type: precision, recall and F1 over
    articles (0.0 where a denominator is zero); macro-F1 averages F1 over the types with gold
    support > 0 (None when no gold article has any type).

Event level
    A predicted event can match a gold event of the same type when at least half of the gold
    quote's words occur in the predicted ``evidence.text`` (word definition and multiset overlap:
    :mod:`eventwire.evaluate.words`). Matching is one-to-one within an article and greedy, best
    overlap first; ties go to the earlier gold event, then the earlier prediction. P = matched /
    predicted, R = matched / gold.

Attributes
    Scored on matched pairs only, with the rules of :mod:`eventwire.evaluate.attributes`.

Misses
    For each unmatched gold event, the predicted events whose evidence covers at least half of its
    quote are looked at: each other type among them is a confusion ``gold -> predicted``; when only
    a same-type prediction is there (already matched to another gold event) the label is
    ``SAME_TYPE_TAKEN``, and when nothing is there ``NO_PREDICTION``.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventwire.evaluate.attributes import ATTRIBUTE_RULES
from eventwire.evaluate.report import (
    NO_PREDICTION,
    PRF,
    SAME_TYPE_TAKEN,
    AttributeScore,
    EvalReport,
    EventScore,
    MissedEvent,
    SpuriousEvent,
    TypeScore,
)
from eventwire.evaluate.words import word_overlap

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
MATCH_THRESHOLD = 0.5

Record = Mapping[str, Any]
Event = Mapping[str, Any]


class JsonlError(ValueError):
    """A JSONL input that cannot be read, with the file and line at fault."""


def load_jsonl(path: str | Path) -> list[dict[str, Any]]:
    """One JSON object per non-blank line; raises JsonlError naming file and line on bad input."""
    records: list[dict[str, Any]] = []
    with open(path, encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except json.JSONDecodeError as exc:
                raise JsonlError(
                    f"{path}:{line_no}: not valid JSON ({exc.msg}, column {exc.colno})"
                ) from exc
            if not isinstance(value, dict):
                kind = type(value).__name__
                raise JsonlError(f"{path}:{line_no}: expected a JSON object, got {kind}")
            records.append(value)
    return records


# ---------------------------------------------------------------------------------------- inputs


def _record_id(record: Record, role: str, position: int) -> str:
    if record.get("id") is None:
        raise ValueError(f"{role} record #{position + 1} has no 'id'")
    # Ids are compared as text so 8011115 and "8011115" name the same article.
    return str(record["id"])


def _index_by_id(records: Iterable[Record], role: str) -> dict[str, Record]:
    indexed: dict[str, Record] = {}
    for position, record in enumerate(records):
        key = _record_id(record, role, position)
        if key in indexed:
            raise ValueError(f"{role} records contain id {key!r} twice")
        indexed[key] = record
    return indexed


def _events(record: Record | None) -> list[Event]:
    if record is None:
        return []
    events = record.get("events") or []
    return [e for e in events if isinstance(e, Mapping)]


def _event_type(event: Event) -> str:
    return str(event.get("type") or "").strip().upper()


def _evidence_text(event: Event) -> str:
    evidence = event.get("evidence")
    if isinstance(evidence, Mapping):
        return str(evidence.get("text") or "")
    return evidence if isinstance(evidence, str) else ""


def _doc_types(record: Record | None) -> set[str]:
    """The record's ``doc_types`` when it has them, else the types of its events."""
    if record is None:
        return set()
    if record.get("doc_types") is not None:
        return {str(t).strip().upper() for t in record["doc_types"]}
    return {_event_type(e) for e in _events(record)}


# -------------------------------------------------------------------------------- document level


def _score_doc_types(
    gold: Sequence[set[str]], predicted: Sequence[set[str]]
) -> dict[str, TypeScore]:
    scores: dict[str, TypeScore] = {}
    for name in PLOVER_TYPES:
        support = sum(name in g for g in gold)
        n_pred = sum(name in p for p in predicted)
        hits = sum(name in g and name in p for g, p in zip(gold, predicted))
        scores[name] = TypeScore(PRF.from_counts(hits, n_pred, support), support, n_pred)
    return scores


def _macro_f1(per_type: Mapping[str, TypeScore]) -> float | None:
    supported = [s.prf.f1 for s in per_type.values() if s.support > 0]
    return sum(supported) / len(supported) if supported else None


# ----------------------------------------------------------------------------------- event level


def _overlap_matrix(
    gold_events: Sequence[Event], pred_events: Sequence[Event]
) -> list[list[float]]:
    """overlap[g][p]: share of gold quote g's words found in prediction p's evidence, any type."""
    evidence = [_evidence_text(p) for p in pred_events]
    quotes = [str(g.get("quote") or "") for g in gold_events]
    return [[word_overlap(quote, text) for text in evidence] for quote in quotes]


def match_events(
    gold_events: Sequence[Event],
    pred_events: Sequence[Event],
    overlap: Sequence[Sequence[float]] | None = None,
) -> list[tuple[int, int, float]]:
    """One-to-one (gold index, prediction index, overlap) matches, best overlap first."""
    if overlap is None:
        overlap = _overlap_matrix(gold_events, pred_events)
    candidates = [
        (-overlap[g][p], g, p)
        for g, gold in enumerate(gold_events)
        for p, pred in enumerate(pred_events)
        if _event_type(gold) == _event_type(pred) and overlap[g][p] >= MATCH_THRESHOLD
    ]
    candidates.sort()  # highest overlap first; ties by gold order, then prediction order
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    matches: list[tuple[int, int, float]] = []
    for negative_overlap, g, p in candidates:
        if g in used_gold or p in used_pred:
            continue
        used_gold.add(g)
        used_pred.add(p)
        matches.append((g, p, -negative_overlap))
    return matches


@dataclass
class _ArticleOutcome:
    """Everything one article contributes to the report."""

    gold_types: list[str]
    pred_types: list[str]
    matched_types: list[str]
    pairs: list[tuple[Event, Event]]
    missed: list[MissedEvent]
    spurious: list[SpuriousEvent]


def _labels_near_missed_gold(
    g: int, gold_events: Sequence[Event], pred_events: Sequence[Event],
    overlap: Sequence[Sequence[float]],
) -> tuple[str, ...]:
    gold_type = _event_type(gold_events[g])
    nearby = [p for p in range(len(pred_events)) if overlap[g][p] >= MATCH_THRESHOLD]
    other_types = sorted({_event_type(pred_events[p]) for p in nearby} - {gold_type})
    if other_types:
        return tuple(other_types)
    return (SAME_TYPE_TAKEN,) if nearby else (NO_PREDICTION,)


def _score_article(article_id: str, gold: Record, pred: Record | None) -> _ArticleOutcome:
    gold_events = _events(gold)
    pred_events = _events(pred)
    overlap = _overlap_matrix(gold_events, pred_events)
    matches = match_events(gold_events, pred_events, overlap)
    matched_gold = {g for g, _, _ in matches}
    matched_pred = {p for _, p, _ in matches}
    missed = [
        MissedEvent(article_id, _event_type(gold_events[g]), str(gold_events[g].get("quote") or ""),
                    _labels_near_missed_gold(g, gold_events, pred_events, overlap))
        for g in range(len(gold_events)) if g not in matched_gold
    ]
    spurious = [
        SpuriousEvent(
            article_id, _event_type(pred_events[p]), _evidence_text(pred_events[p]),
            tuple(sorted({_event_type(gold_events[g]) for g in range(len(gold_events))
                          if overlap[g][p] >= MATCH_THRESHOLD})),
        )
        for p in range(len(pred_events)) if p not in matched_pred
    ]
    return _ArticleOutcome(
        gold_types=[_event_type(e) for e in gold_events],
        pred_types=[_event_type(e) for e in pred_events],
        matched_types=[_event_type(gold_events[g]) for g, _, _ in matches],
        pairs=[(gold_events[g], pred_events[p]) for g, p, _ in matches],
        missed=missed,
        spurious=spurious,
    )


def _event_scores_by_type(outcomes: Sequence[_ArticleOutcome]) -> dict[str, EventScore]:
    gold = Counter(t for o in outcomes for t in o.gold_types)
    pred = Counter(t for o in outcomes for t in o.pred_types)
    matched = Counter(t for o in outcomes for t in o.matched_types)
    extra = sorted((set(gold) | set(pred)) - set(PLOVER_TYPES))
    return {
        name: EventScore(PRF.from_counts(matched[name], pred[name], gold[name]),
                         gold[name], pred[name], matched[name])
        for name in (*PLOVER_TYPES, *extra)
    }


def _total_event_score(outcomes: Sequence[_ArticleOutcome]) -> EventScore:
    n_gold = sum(len(o.gold_types) for o in outcomes)
    n_pred = sum(len(o.pred_types) for o in outcomes)
    n_matched = sum(len(o.matched_types) for o in outcomes)
    return EventScore(PRF.from_counts(n_matched, n_pred, n_gold), n_gold, n_pred, n_matched)


def _score_attributes(pairs: Sequence[tuple[Event, Event]]) -> dict[str, AttributeScore]:
    scores: dict[str, AttributeScore] = {}
    for name, rule in ATTRIBUTE_RULES.items():
        verdicts = [v for v in (rule(g, p) for g, p in pairs) if v is not None]
        scores[name] = AttributeScore(correct=sum(verdicts), n=len(verdicts))
    return scores


def _rank_confusions(missed: Sequence[MissedEvent]) -> list[tuple[str, str, int]]:
    counts = Counter((m.type, label) for m in missed for label in m.predicted_nearby)
    return sorted(((g, p, n) for (g, p), n in counts.items()), key=lambda c: (-c[2], c[0], c[1]))


def _worst_first_missed(missed: Sequence[MissedEvent],
                        confusions: Sequence[tuple[str, str, int]]) -> list[MissedEvent]:
    """Examples of the most frequent confusion first, so the listing shows the biggest problem."""
    rank = {(g, p): i for i, (g, p, _) in enumerate(confusions)}
    return sorted(missed, key=lambda m: min(rank[(m.type, label)] for label in m.predicted_nearby))


def _worst_first_spurious(spurious: Sequence[SpuriousEvent]) -> list[SpuriousEvent]:
    per_type = Counter(s.type for s in spurious)
    return sorted(spurious, key=lambda s: (-per_type[s.type], s.type))


def score(gold_records: Iterable[Record], pred_records: Iterable[Record]) -> EvalReport:
    """Compare predictions with gold; see the module docstring for every rule."""
    gold_by_id = _index_by_id(gold_records, "gold")
    pred_by_id = _index_by_id(pred_records, "prediction")
    outcomes = [_score_article(key, gold, pred_by_id.get(key)) for key, gold in gold_by_id.items()]
    per_type = _score_doc_types(
        [_doc_types(g) for g in gold_by_id.values()],
        [_doc_types(pred_by_id.get(key)) for key in gold_by_id],
    )
    missed = [m for o in outcomes for m in o.missed]
    confusions = _rank_confusions(missed)
    return EvalReport(
        doc_macro_f1=_macro_f1(per_type),
        per_type=per_type,
        event=_total_event_score(outcomes),
        attributes=_score_attributes([pair for o in outcomes for pair in o.pairs]),
        event_by_type=_event_scores_by_type(outcomes),
        confusions=confusions,
        missed=_worst_first_missed(missed, confusions),
        spurious=_worst_first_spurious([s for o in outcomes for s in o.spurious]),
        n_articles=len(gold_by_id),
        articles_without_prediction=sum(key not in pred_by_id for key in gold_by_id),
        unscored_predictions=sum(key not in gold_by_id for key in pred_by_id),
    )
