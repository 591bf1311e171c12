"""The two output tables as flat Parquet columns, built from ``CodedArticle.to_dict()``.

Flat on purpose: pandas, DuckDB and Spark read these without struct or list handling. Where an
event has several actors, the first one gets its own columns (what most analyses group by) and
all of them are kept as JSON text (``actors_json``). Nothing the coder found is lost: every span
behind a field (the date, factuality cue, attribution, quantity, place) has its offsets, so
:func:`coded_from_rows` rebuilds the same :class:`CodedArticle`, which is how ``eventwire load``
fills the store.

Every column has a fixed Arrow type, even in a partition with no events: a column that is all
null would otherwise be typed ``null`` in one file and ``string`` in another, and readers that
merge schemas across files (Spark, DuckDB's union_by_name) reject or mangle that.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pyarrow as pa

from eventwire.records import (
    Actor, Article, CodedArticle, Event, EventDate, Place, Quantity, TextSpan,
)

SCHEMA_VERSION = 1  # bump when a column changes meaning or type; readers check it

_PARTY_FIELDS: list[tuple[str, pa.DataType]] = [
    ("text", pa.string()),
    ("country", pa.string()),
    ("sector", pa.string()),
    ("name", pa.string()),
    ("entity_id", pa.string()),
    ("implicit", pa.bool_()),
]


def _party_columns(role: str) -> list[pa.Field]:
    fields = [pa.field(f"{role}_{key}", kind) for key, kind in _PARTY_FIELDS]
    return [*fields, pa.field(f"{role}_count", pa.int32()), pa.field(f"{role}s_json", pa.string())]


def _span_columns(prefix: str) -> list[pa.Field]:
    return [pa.field(f"{prefix}_start", pa.int64()), pa.field(f"{prefix}_end", pa.int64()),
            pa.field(f"{prefix}_text", pa.string())]


EVENTS_SCHEMA = pa.schema([
    pa.field("event_id", pa.string(), nullable=False),
    pa.field("article_id", pa.string(), nullable=False),
    pa.field("partition", pa.string(), nullable=False),
    pa.field("pub_date", pa.date32()),
    pa.field("type", pa.string(), nullable=False),
    pa.field("mode", pa.string()),
    pa.field("context_json", pa.string()),
    *_party_columns("actor"),
    *_party_columns("recipient"),
    # Kept as text: the value is "YYYY-MM-DD", "YYYY-MM" or "YYYY" at the stated precision, and
    # a date type would have to invent a day for the coarser ones.
    pa.field("date", pa.string()),
    pa.field("date_precision", pa.string()),
    pa.field("location_text", pa.string()),
    pa.field("location_name", pa.string()),
    pa.field("location_country", pa.string()),
    pa.field("location_admin1", pa.string()),
    pa.field("location_lat", pa.float64()),
    pa.field("location_lon", pa.float64()),
    pa.field("location_precision", pa.string()),
    pa.field("location_kind", pa.string()),
    pa.field("location_start", pa.int64()),
    pa.field("location_end", pa.int64()),
    *_span_columns("date_span"),
    pa.field("date_note", pa.string()),
    pa.field("factuality", pa.string()),
    *_span_columns("factuality_cue"),
    pa.field("attribution", pa.string()),
    *_span_columns("attribution_span"),
    pa.field("quantity_people", pa.int64()),
    pa.field("quantity_dead", pa.int64()),
    pa.field("quantity_injured", pa.int64()),
    pa.field("quantity_lower_bound", pa.bool_()),
    pa.field("quantity_qualitative", pa.string()),
    *_span_columns("quantity_span"),
    pa.field("evidence_start", pa.int64()),
    pa.field("evidence_end", pa.int64()),
    pa.field("evidence_text", pa.string()),
    pa.field("trigger_text", pa.string()),
    pa.field("trigger_start", pa.int64()),
    pa.field("trigger_end", pa.int64()),
    pa.field("confidence", pa.float64()),
    pa.field("acled_event_type", pa.string()),
    pa.field("acled_sub_event_type", pa.string()),
    pa.field("codebook_version", pa.string()),
], metadata={"eventwire.table": "events", "eventwire.schema_version": str(SCHEMA_VERSION)})

ARTICLES_SCHEMA = pa.schema([
    pa.field("article_id", pa.string(), nullable=False),
    pa.field("partition", pa.string(), nullable=False),
    pa.field("title", pa.string()),
    pa.field("pub_date", pa.date32()),
    pa.field("source", pa.string()),
    pa.field("url", pa.string()),
    pa.field("language", pa.string()),
    pa.field("origin", pa.string()),  # "file:line" the record was read from
    pa.field("focus_country", pa.string()),
    pa.field("doc_types_json", pa.string()),
    pa.field("n_events", pa.int32(), nullable=False),
    pa.field("warnings_json", pa.string()),
    # The hash lets a later load check that evidence offsets point into the same text.
    pa.field("text_sha256", pa.string(), nullable=False),
    pa.field("text_chars", pa.int64(), nullable=False),
    # Needed to load the store (evidence is shown in context); --no-text drops it for analytics.
    pa.field("text", pa.string()),
], metadata={"eventwire.table": "articles", "eventwire.schema_version": str(SCHEMA_VERSION)})


def flatten(coded: CodedArticle, partition: str,
            keep_text: bool = True) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The article's row and its events' rows.

    The published shape (``to_dict``) gives the columns it has; the spans it leaves out come
    from the Event objects themselves.
    """
    record = coded.to_dict()
    article = coded.article
    article_row = {
        "article_id": record["id"],
        "partition": partition,
        "title": record["title"],
        "pub_date": article.pub_date,
        "source": article.source,
        "url": article.url,
        "language": article.language,
        "origin": article.origin,
        "focus_country": record["focus_country"],
        "doc_types_json": _json(record["doc_types"]),
        "n_events": len(record["events"]),
        "warnings_json": _json(record["warnings"]) if record["warnings"] else None,
        "text_sha256": article.content_hash,
        "text_chars": len(article.text),
        "text": article.text if keep_text else None,
    }
    ids = event_ids([e["id"] for e in record["events"]])
    rows = [_event_row(event_id, shape, event, record["id"], partition, article.pub_date)
            for event_id, shape, event in zip(ids, record["events"], coded.events)]
    return article_row, rows


def event_ids(keys: list[str]) -> list[str]:
    """Each event's stable key; a repeat of a key within one article gets "-2", "-3"...

    Two events share a key only when they have the same type, trigger and sentence; numbering
    them in order keeps ids unique, the same way the store numbers them.
    """
    seen: dict[str, int] = {}
    ids = []
    for key in keys:
        seen[key] = seen.get(key, 0) + 1
        ids.append(key if seen[key] == 1 else f"{key}-{seen[key]}")
    return ids


def _event_row(event_id: str, shape: dict[str, Any], event: Event, article_id: str,
               partition: str, pub_date: date | None) -> dict[str, Any]:
    location = shape.get("location") or {}
    quantity = shape.get("quantity") or {}
    evidence = shape["evidence"]
    trigger = shape["trigger"]
    acled = shape.get("acled") or {}
    row: dict[str, Any] = {
        "event_id": event_id,
        "article_id": article_id,
        "partition": partition,
        "pub_date": pub_date,
        "type": shape["type"],
        "mode": shape.get("mode"),
        "context_json": _json(shape.get("context") or []),
        "date": shape.get("date"),
        "date_precision": shape.get("date_precision"),
        "date_note": event.date.note,
        "location_text": location.get("text"),
        "location_name": location.get("name"),
        "location_country": location.get("country"),
        "location_admin1": location.get("admin1"),
        "location_lat": location.get("lat"),
        "location_lon": location.get("lon"),
        "location_precision": location.get("precision"),
        "location_kind": event.location.kind if event.location else None,
        "location_start": location.get("start"),
        "location_end": location.get("end"),
        "factuality": shape.get("factuality"),
        "attribution": shape.get("attribution"),
        "quantity_people": quantity.get("people"),
        "quantity_dead": quantity.get("dead"),
        "quantity_injured": quantity.get("injured"),
        "quantity_lower_bound": bool(quantity.get("lower_bound", False)),
        "quantity_qualitative": quantity.get("qualitative"),
        "evidence_start": evidence["start"],
        "evidence_end": evidence["end"],
        "evidence_text": evidence["text"],
        "trigger_text": trigger["text"],
        "trigger_start": trigger["start"],
        "trigger_end": trigger["end"],
        "confidence": shape.get("confidence"),
        "acled_event_type": acled.get("event_type"),
        "acled_sub_event_type": acled.get("sub_event_type"),
        "codebook_version": shape.get("codebook_version"),
    }
    for prefix, span in (("date_span", event.date.span), ("factuality_cue", event.factuality_cue),
                         ("attribution_span", event.attribution_span),
                         ("quantity_span", event.quantity.span)):
        row[f"{prefix}_start"] = span.start if span else None
        row[f"{prefix}_end"] = span.end if span else None
        row[f"{prefix}_text"] = span.text if span else None
    row.update(_party("actor", event.actor))
    row.update(_party("recipient", event.recipient))
    return row


def _party(role: str, parties: list[Actor]) -> dict[str, Any]:
    first = parties[0] if parties else None
    out: dict[str, Any] = {f"{role}_{key}": getattr(first, key) if first else None
                           for key, _ in _PARTY_FIELDS}
    out[f"{role}_count"] = len(parties)
    out[f"{role}s_json"] = _json([_actor_dict(a) for a in parties]) if parties else None
    return out


def _actor_dict(actor: Actor) -> dict[str, Any]:
    # Actor.to_dict() drops empty keys and the NER label; a load must get all of it back.
    return {"text": actor.text, "start": actor.start, "end": actor.end, "country": actor.country,
            "sector": actor.sector, "name": actor.name, "entity_id": actor.entity_id,
            "ner_label": actor.ner_label, "implicit": actor.implicit}


def _json(value: Any) -> str:
    # ensure_ascii off: actor names in other scripts stay readable in a SQL shell.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def events_table(rows: list[dict[str, Any]]) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=EVENTS_SCHEMA)


def articles_table(rows: list[dict[str, Any]]) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=ARTICLES_SCHEMA)


# -- rows back to records (for loading a store) ----------------------------------------------

def coded_from_rows(article_row: dict[str, Any], event_rows: list[dict[str, Any]]) -> CodedArticle:
    """The CodedArticle that :func:`flatten` turned into these rows (needs the ``text`` column)."""
    text = article_row.get("text")
    if text is None:
        raise ValueError(f"article {article_row['article_id']}: no text in the articles table "
                         "(the batch ran with --no-text)")
    article = Article(id=article_row["article_id"], text=text, title=article_row.get("title"),
                      pub_date=article_row.get("pub_date"), source=article_row.get("source"),
                      url=article_row.get("url"), language=article_row.get("language") or "en",
                      origin=article_row.get("origin"))
    warnings = json.loads(article_row["warnings_json"]) if article_row.get("warnings_json") else []
    return CodedArticle(article=article, events=[_event_from_row(r) for r in event_rows],
                        focus_country=article_row.get("focus_country"), warnings=warnings)


def _event_from_row(row: dict[str, Any]) -> Event:
    place = None
    if row.get("location_text") is not None or row.get("location_name") is not None:
        place = Place(text=row["location_text"], start=row.get("location_start"),
                      end=row.get("location_end"), name=row.get("location_name"),
                      country=row.get("location_country"), admin1=row.get("location_admin1"),
                      lat=row.get("location_lat"), lon=row.get("location_lon"),
                      kind=row.get("location_kind"), precision=row.get("location_precision"))
    acled = None
    if row.get("acled_event_type") is not None or row.get("acled_sub_event_type") is not None:
        acled = {"event_type": row.get("acled_event_type"),
                 "sub_event_type": row.get("acled_sub_event_type")}
    return Event(
        type=row["type"],
        evidence=TextSpan(row["evidence_text"], row["evidence_start"], row["evidence_end"]),
        trigger=TextSpan(row["trigger_text"], row["trigger_start"], row["trigger_end"]),
        mode=row.get("mode"),
        context=json.loads(row["context_json"]) if row.get("context_json") else [],
        actor=_actors(row.get("actors_json")),
        recipient=_actors(row.get("recipients_json")),
        date=EventDate(value=row.get("date"), precision=row.get("date_precision"),
                       span=_span(row, "date_span"), note=row.get("date_note")),
        location=place,
        factuality=row.get("factuality") or "asserted",
        factuality_cue=_span(row, "factuality_cue"),
        attribution=row.get("attribution"),
        attribution_span=_span(row, "attribution_span"),
        quantity=Quantity(people=row.get("quantity_people"), dead=row.get("quantity_dead"),
                          injured=row.get("quantity_injured"),
                          lower_bound=bool(row.get("quantity_lower_bound")),
                          qualitative=row.get("quantity_qualitative"),
                          span=_span(row, "quantity_span")),
        confidence=row["confidence"] if row.get("confidence") is not None else 0.5,
        acled=acled,
        codebook_version=row.get("codebook_version"),
    )


def _actors(data: str | None) -> list[Actor]:
    if not data:
        return []
    return [Actor(text=a["text"], start=a.get("start"), end=a.get("end"),
                  country=a.get("country"), sector=a.get("sector"), name=a.get("name"),
                  entity_id=a.get("entity_id"), ner_label=a.get("ner_label"),
                  implicit=bool(a.get("implicit"))) for a in json.loads(data)]


def _span(row: dict[str, Any], prefix: str) -> TextSpan | None:
    start = row.get(f"{prefix}_start")
    if start is None:
        return None
    return TextSpan(row.get(f"{prefix}_text") or "", start, row[f"{prefix}_end"])
