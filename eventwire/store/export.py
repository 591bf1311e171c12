"""Stored events out to files other tools read: ACLED-style CSV, PLOVER JSON Lines, Parquet,
GeoJSON. Writers stream page by page, except Parquet, which is written from one DataFrame."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

from eventwire.records import Actor, Event
from eventwire.store.filters import EventFilter
from eventwire.store.rows import StoredEvent, date_range
from eventwire.store.store import Store

EXPORT_FORMATS = ("csv", "plover-json", "parquet", "geojson")

ACLED_COLUMNS = (
    "event_id", "event_date", "time_precision", "event_type", "sub_event_type", "actor1",
    "actor2", "country", "admin1", "location", "latitude", "longitude", "geo_precision",
    "source", "notes", "fatalities",
)
# ACLED: 1 = the day is known, 2 = within a week or so, 3 = only the month or a wider period.
_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
# ACLED: 1 = the town itself, 3 = only a region (its capital's coordinates); wider is also 3.
_GEO_PRECISION = {"city": 1, "admin1": 3, "country": 3}
# PLOVER quad codes and location resolution (5 sub-city ... 1 country).
_QUAD_CODES = {"verbal_cooperation": 1, "material_cooperation": 2, "verbal_conflict": 3,
               "material_conflict": 4}
_RESOLUTION = {"city": 4, "admin1": 2, "country": 1}


def export(store: Store, flt: EventFilter, fmt: str, path: str | Path) -> int:
    """Write the events matching ``flt`` to ``path``; returns how many were written."""
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of "
                         f"{', '.join(EXPORT_FORMATS)}")
    if fmt == "parquet":
        return write_parquet(store, flt, path)
    with open(path, "w", encoding="utf-8", newline="") as stream:
        events = store.iter_events(flt)
        if fmt == "csv":
            return write_csv(events, stream)
        if fmt == "plover-json":
            return write_plover_jsonl(events, stream)
        return write_geojson(events, stream)


def write_csv(events: Iterable[StoredEvent], stream: IO[str]) -> int:
    writer = csv.DictWriter(stream, fieldnames=ACLED_COLUMNS)
    writer.writeheader()
    count = 0
    for stored in events:
        writer.writerow(acled_row(stored))
        count += 1
    return count


def acled_row(stored: StoredEvent) -> dict[str, Any]:
    event = stored.event
    place = event.location
    day, precision = _event_day(stored)
    acled = event.acled or {}
    return {
        "event_id": stored.id,
        "event_date": day,
        "time_precision": precision,
        "event_type": acled.get("event_type") or event.type,
        "sub_event_type": acled.get("sub_event_type") or event.mode or "",
        "actor1": _names(event.actor),
        "actor2": _names(event.recipient),
        "country": country_name(stored.country),
        "admin1": (place.admin1 if place else None) or "",
        "location": (place.name or place.text) if place else "",
        "latitude": place.lat if place and place.lat is not None else "",
        "longitude": place.lon if place and place.lon is not None else "",
        "geo_precision": _GEO_PRECISION.get(place.precision or "", "") if place else "",
        "source": stored.article.source or stored.article.url or "",
        "notes": _notes(event),
        # ACLED's convention: 0 when the report gives no number of dead.
        "fatalities": event.quantity.dead or 0,
    }


def write_plover_jsonl(events: Iterable[StoredEvent], stream: IO[str]) -> int:
    """One PLOVER JSON record per line, the layout the PLOVER manual recommends."""
    count = 0
    for stored in events:
        stream.write(json.dumps(plover_record(stored), ensure_ascii=False) + "\n")
        count += 1
    return count


def plover_record(stored: StoredEvent) -> dict[str, Any]:
    """The event in the field names of the PLOVER manual's JSON tables, plus eventwire's own
    evidence fields (``factuality``, ``attribution``, ``confidence``)."""
    event = stored.event
    start, end = date_range(event.date.value, event.date.precision, stored.article.pub_date)
    record: dict[str, Any] = {
        "id": stored.id,
        "date": start.isoformat() if start else None,
        "date_precision": event.date.precision,
        "actor": [_plover_entity(a) for a in event.actor],
        "recipient": [_plover_entity(a) for a in event.recipient],
        "event": [event.type],
        "mode": [event.mode] if event.mode else [],
        "context": list(event.context),
        "event_text": [event.evidence.text],
        "text_info": {"start": event.evidence.start, "end": event.evidence.end},
        "factuality": event.factuality,
        "attribution": event.attribution,
        "confidence": round(event.confidence, 3),
        "cite_info": {"citation": stored.article.id, "url": stored.article.url,
                      "title": stored.article.title, "publication": stored.article.source,
                      "coder": "eventwire",
                      "codebook": f"eventwire-plover-{event.codebook_version or 'unknown'}"},
    }
    if end and end != start:
        record["enddate"] = end.isoformat()
    quad = _quad_codes().get(event.type)
    if quad:
        record["quad_code"] = quad
    if event.location is not None:
        place = event.location
        record["event_loc"] = {"extracted_place": place.text, "resolved_place": place.name,
                               "lat": place.lat, "lon": place.lon, "province": place.admin1,
                               "country_code": place.country,
                               "resolution": _RESOLUTION.get(place.precision or "")}
    size = {k: v for k, v in (("dead", event.quantity.dead), ("injured", event.quantity.injured),
                              ("people", event.quantity.people)) if v is not None}
    if size:
        record["size"] = size
    if event.acled:
        record["acled"] = dict(event.acled)
    return record


def write_geojson(events: Iterable[StoredEvent], stream: IO[str]) -> int:
    """A FeatureCollection of the events that have coordinates, streamed feature by feature."""
    stream.write('{"type": "FeatureCollection", "features": [\n')
    count = 0
    for stored in events:
        place = stored.event.location
        if place is None or place.lat is None or place.lon is None:
            continue
        feature = {"type": "Feature",
                   "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
                   "properties": _geo_properties(stored)}
        stream.write((",\n" if count else "") + json.dumps(feature, ensure_ascii=False))
        count += 1
    stream.write("\n]}\n")
    return count


def write_parquet(store: Store, flt: EventFilter, path: str | Path) -> int:
    frame = store.events_frame(flt)
    # Nested actor lists vary in shape from row to row; JSON text keeps them whole and typed.
    for column in ("actor", "recipient"):
        frame[column] = [json.dumps(v, ensure_ascii=False) for v in frame[column]]
    frame.to_parquet(path, index=False)
    return len(frame)


def country_name(code: str | None) -> str:
    if not code:
        return ""
    return _country_names().get(code.upper(), code)


def _plover_entity(actor: Actor) -> dict[str, Any]:
    out: dict[str, Any] = {"code": actor.country, "sector": actor.sector,
                           "entity_text": actor.text, "identifier_text": actor.name,
                           "identifier_id": actor.entity_id}
    if actor.implicit:
        out["implicit"] = True  # inferred from the wording, not named in the text
    return out


def _geo_properties(stored: StoredEvent) -> dict[str, Any]:
    event = stored.event
    place = event.location
    assert place is not None
    return {"id": stored.id, "type": event.type, "mode": event.mode, "date": event.date.value,
            "date_precision": event.date.precision, "country": place.country,
            "place": place.name or place.text, "admin1": place.admin1,
            "geo_precision": place.precision, "actor": _names(event.actor),
            "recipient": _names(event.recipient), "factuality": event.factuality,
            "attribution": event.attribution, "fatalities": event.quantity.dead,
            "evidence": event.evidence.text, "article_id": stored.article.id,
            "url": stored.article.url}


def _event_day(stored: StoredEvent) -> tuple[str, int | str]:
    event = stored.event
    start, _ = date_range(event.date.value, event.date.precision, None)
    if start is not None:
        return start.isoformat(), _TIME_PRECISION.get(event.date.precision or "", 3)
    if stored.article.pub_date is not None:
        return stored.article.pub_date.isoformat(), 3  # undated: the report's date, loosely
    return "", ""


def _names(actors: list[Actor]) -> str:
    return "; ".join(a.name or a.text for a in actors)


def _notes(event: Event) -> str:
    how = event.factuality + (f", according to {event.attribution}" if event.attribution else "")
    code = event.type + (f"/{event.mode}" if event.mode else "")
    return f"{event.evidence.text} [PLOVER {code}; {how}]"


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    import pycountry

    return {c.alpha_3: c.name for c in pycountry.countries}


@lru_cache(maxsize=1)
def _quad_codes() -> dict[str, int]:
    from eventwire.codebook import load_codebook

    return {name: _QUAD_CODES[t.quad] for name, t in load_codebook().types.items()
            if t.quad in _QUAD_CODES}
