"""Records -> the JSON the API returns. One place decides the shape, so the list, the single
event and the article view agree on every field and every offset.

Offsets are Python string indices (code points) into ``Article.text`` exactly as stored; the
dashboard converts them to JavaScript's UTF-16 indices itself. Every string here is data: the
API returns it as JSON text and the dashboard renders it with ``textContent``, never as markup.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Any

from eventwire.records import Actor, Event, TextSpan
from eventwire.store import StoredEvent

# The roles a highlighted word can play in the article view (the dashboard's colour legend).
SPAN_ROLES: tuple[str, ...] = ("trigger", "actor", "recipient", "time", "place", "attribution",
                               "factuality", "quantity")


@lru_cache(maxsize=512)
def country_info(iso3: str | None) -> tuple[str | None, str | None]:
    """(English short name, ISO 3166-1 numeric code) for an alpha-3 code; Nones when unknown.

    The numeric code is what the map's Natural Earth boundaries are keyed by.
    """
    if not iso3:
        return None, None
    import pycountry

    found = pycountry.countries.get(alpha_3=iso3.upper())
    if found is None:
        return None, None
    name = getattr(found, "common_name", None) or found.name
    return name, getattr(found, "numeric", None)


def iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _span(role: str, start: int | None, end: int | None, text: str | None,
          label: str | None = None) -> dict[str, Any] | None:
    if start is None or end is None or end <= start:
        return None  # implicit actors and unplaced country-level locations have no words
    out: dict[str, Any] = {"role": role, "start": start, "end": end, "text": text or ""}
    if label:
        out["label"] = label
    return out


def _actor_label(actor: Actor) -> str | None:
    code = "/".join(x for x in (actor.country, actor.sector) if x)
    return f"{actor.name or actor.text} [{code}]" if code else (actor.name or None)


def event_spans(event: Event) -> list[dict[str, Any]]:
    """Every coded field that points at words, as {role, start, end, text, label?}, in text order."""
    spans: list[dict[str, Any] | None] = [
        _span("trigger", event.trigger.start, event.trigger.end, event.trigger.text,
              f"{event.type}" + (f" / {event.mode}" if event.mode else "")),
    ]
    for role, actors in (("actor", event.actor), ("recipient", event.recipient)):
        spans += [_span(role, a.start, a.end, a.text, _actor_label(a)) for a in actors]
    if event.date.span is not None:
        spans.append(_span("time", event.date.span.start, event.date.span.end,
                           event.date.span.text, event.date.value))
    place = event.location
    if place is not None:
        spans.append(_span("place", place.start, place.end, place.text,
                           ", ".join(x for x in (place.name, place.country) if x) or None))
    if event.attribution_span is not None:
        spans.append(_span("attribution", event.attribution_span.start,
                           event.attribution_span.end, event.attribution_span.text,
                           event.attribution))
    if event.factuality_cue is not None:
        spans.append(_span("factuality", event.factuality_cue.start, event.factuality_cue.end,
                           event.factuality_cue.text, event.factuality))
    if event.quantity.span is not None:
        spans.append(_span("quantity", event.quantity.span.start, event.quantity.span.end,
                           event.quantity.span.text, _quantity_label(event)))
    found = [s for s in spans if s is not None]
    return sorted(found, key=lambda s: (s["start"], -s["end"]))


def _quantity_label(event: Event) -> str | None:
    q = event.quantity
    parts = [f"{name} {value}" for name, value in (("people", q.people), ("dead", q.dead),
                                                   ("injured", q.injured)) if value is not None]
    return ", ".join(parts) or q.qualitative


def event_json(stored: StoredEvent) -> dict[str, Any]:
    """The API's event: the record's own fields, its article, story, country and word spans."""
    event = stored.event
    out = stored.to_dict()
    out["country_name"] = country_info(stored.country)[0]
    out["date_note"] = event.date.note
    out["spans"] = event_spans(event)
    # to_dict flattens these; the article view wants their offsets too.
    out["attribution_span"] = _text_span(event.attribution_span)
    out["factuality_cue"] = _text_span(event.factuality_cue)
    out["date_span"] = _text_span(event.date.span)
    return out


def _text_span(span: TextSpan | None) -> dict[str, Any] | None:
    return span.to_dict() if span is not None else None
