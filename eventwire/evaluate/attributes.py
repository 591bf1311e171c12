"""Attribute rules for matched (gold, predicted) event pairs.

Each rule returns True (correct), False (wrong) or None (not scored: the gold has nothing to
compare). ``n`` in the report counts the pairs a rule scored.

actor_country, recipient_country, actor_sector
    The gold side is the *set* of non-null values over its entity list (compound actors such as
    "Iraqi intelligence and U.S. Central Command" carry several). The predicted side is a single
    value, the first non-null one in the predicted list, so a coder cannot earn credit by listing
    many entities. Correct when that value is in the gold set, or, when the gold set is empty (the
    gold names entities but none has a country/sector, e.g. an IGO or a transnational group), when
    the prediction has no value either. Not scored when the gold entity list itself is empty
    (nothing to compare: typically recipient-less events such as protests).
mode
    Exact, case-insensitive equality; a null gold mode is a statement ("no specific mode") and is
    matched only by a null prediction.
date
    Equal at the gold's precision: the predicted date, cut to the gold's length (day 10, month 7,
    year 4 characters; the gold string's own length when the precision is missing or unknown),
    must equal the gold date. A prediction less precise than the gold ("2025" for gold "2025-03")
    is wrong. A null gold date is matched only by a null prediction.
location_country
    The gold ``location.country`` (None when the location is null) must equal the predicted one
    (None when the predicted location is null). Always scored.
factuality
    Exact, case-insensitive equality. Not scored when the gold factuality is null.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

Event = Mapping[str, Any]
AttributeRule = Callable[[Event, Event], "bool | None"]

_DATE_LENGTH_BY_PRECISION: dict[str, int] = {"day": 10, "month": 7, "year": 4}


def _clean(value: Any) -> str | None:
    """Comparable form of a coded value: stripped text, None for null or blank."""
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _entities(event: Event, role: str) -> list[Any]:
    value = event.get(role)
    return list(value) if isinstance(value, Sequence) and not isinstance(value, str) else []


def _entity_field(entity: Any, field: str) -> str | None:
    if not isinstance(entity, Mapping):
        return None
    value = _clean(entity.get(field))
    return value.upper() if value else None


def _entity_rule(role: str, field: str) -> AttributeRule:
    """Rule comparing the gold value set with the prediction's first non-null value."""

    def rule(gold: Event, pred: Event) -> bool | None:
        gold_entities = _entities(gold, role)
        if not gold_entities:
            return None
        gold_values = {v for v in (_entity_field(e, field) for e in gold_entities) if v}
        predicted = next(
            (v for v in (_entity_field(e, field) for e in _entities(pred, role)) if v), None
        )
        if not gold_values:
            return predicted is None
        return predicted in gold_values

    return rule


def _lower(value: Any) -> str | None:
    cleaned = _clean(value)
    return cleaned.lower() if cleaned else None


def mode_correct(gold: Event, pred: Event) -> bool | None:
    return _lower(gold.get("mode")) == _lower(pred.get("mode"))


def _date_value(event: Event) -> str | None:
    value = event.get("date")
    if isinstance(value, Mapping):
        # Tolerate an unflattened {"value", "precision"} date from other tools.
        value = value.get("value")
    return _clean(value)


def date_correct(gold: Event, pred: Event) -> bool | None:
    gold_date = _date_value(gold)
    pred_date = _date_value(pred)
    if gold_date is None:
        return pred_date is None
    if pred_date is None:
        return False
    precision = _lower(gold.get("date_precision"))
    length = min(_DATE_LENGTH_BY_PRECISION.get(precision or "", len(gold_date)), len(gold_date))
    return len(pred_date) >= length and pred_date[:length] == gold_date[:length]


def _location_country(event: Event) -> str | None:
    location = event.get("location")
    if not isinstance(location, Mapping):
        return None
    country = _clean(location.get("country"))
    return country.upper() if country else None


def location_country_correct(gold: Event, pred: Event) -> bool | None:
    return _location_country(gold) == _location_country(pred)


def factuality_correct(gold: Event, pred: Event) -> bool | None:
    gold_value = _lower(gold.get("factuality"))
    if gold_value is None:
        return None
    return gold_value == _lower(pred.get("factuality"))


# Report order; the names are part of the JSON output.
ATTRIBUTE_RULES: dict[str, AttributeRule] = {
    "actor_country": _entity_rule("actor", "country"),
    "recipient_country": _entity_rule("recipient", "country"),
    "actor_sector": _entity_rule("actor", "sector"),
    "mode": mode_correct,
    "date": date_correct,
    "location_country": location_country_correct,
    "factuality": factuality_correct,
}
