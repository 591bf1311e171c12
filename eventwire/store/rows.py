"""Records to rows and back, losslessly: a stored event rebuilds the Event that was coded.

Pure functions over dicts; no connection is touched here.
"""

from __future__ import annotations

import calendar
import hashlib
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Mapping

from eventwire.records import (
    Actor, Article, Claim, CodedArticle, Event, EventDate, Place, Quantity, Story, TextSpan,
)

ENTITY_ID_MAX = 128
_NER_KINDS = {"PERSON": "person", "ORG": "org", "NORP": "group", "GPE": "place", "LOC": "place",
              "FAC": "place"}


@dataclass(frozen=True)
class ArticleRef:
    """What an event listing needs to know about the article it came from."""

    id: str
    title: str | None
    url: str | None
    source: str | None
    pub_date: date | None


@dataclass(frozen=True)
class StoredEvent:
    """An event as stored: its id, its article, the Event record, its story if linked, and the
    country it is filed under (see :func:`event_country`)."""

    id: str
    article: ArticleRef
    event: Event
    story_id: str | None = None
    country: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out = self.event.to_dict(self.article.id)
        out["id"] = self.id  # the stored id (it differs from key() only after a collision)
        out["article"] = {"id": self.article.id, "title": self.article.title,
                          "url": self.article.url, "source": self.article.source,
                          "pub_date": _iso(self.article.pub_date)}
        out["story_id"] = self.story_id
        out["country"] = self.country
        return out


# ---------------------------------------------------------------------------------------------
# records -> rows

def article_row(article: Article, *, id: str, source: str | None, codebook_version: str | None,
                coded: CodedArticle, ingested_at: Any) -> dict[str, Any]:
    return {
        "id": id, "source": source if source is not None else article.source, "url": article.url,
        "title": article.title, "pub_date": article.pub_date, "language": article.language,
        "content_hash": article.content_hash, "text": article.text, "origin": article.origin,
        "ingested_at": ingested_at, "codebook_version": codebook_version,
        "focus_country": coded.focus_country, "warnings": list(coded.warnings),
        "event_count": len(coded.events), "linked": False,
    }


def event_ids(coded: CodedArticle, article_id: str) -> list[str]:
    """Stable ids; the rare second event with the same key gets a numbered suffix."""
    seen: dict[str, int] = {}
    out = []
    for event in coded.events:
        key = event.key(article_id)
        seen[key] = seen.get(key, 0) + 1
        out.append(key if seen[key] == 1 else f"{key}-{seen[key]}")
    return out


def event_row(event: Event, *, id: str, article_id: str, seq: int, pub_date: date | None,
              focus_country: str | None) -> dict[str, Any]:
    first_actor = event.actor[0] if event.actor else None
    first_recipient = event.recipient[0] if event.recipient else None
    place = event.location
    date_from, date_to = date_range(event.date.value, event.date.precision, pub_date)
    acled = event.acled or {}
    return {
        "id": id, "article_id": article_id, "seq": seq, "type": event.type, "mode": event.mode,
        "context": list(event.context),
        "actor": [actor_json(a) for a in event.actor],
        "recipient": [actor_json(a) for a in event.recipient],
        "actor_text": first_actor.text if first_actor else None,
        "actor_country": first_actor.country if first_actor else None,
        "actor_sector": first_actor.sector if first_actor else None,
        "recipient_text": first_recipient.text if first_recipient else None,
        "recipient_country": first_recipient.country if first_recipient else None,
        "recipient_sector": first_recipient.sector if first_recipient else None,
        "actor_names": names_text(event.actor),
        "recipient_names": names_text(event.recipient),
        "country": event_country(event, focus_country),
        "date": event.date.value, "date_precision": event.date.precision,
        "date_from": date_from, "date_to": date_to,
        "sort_day": date_from.isoformat() if date_from else "",
        "location_text": place.text if place else None,
        "location_name": place.name if place else None,
        "location_country": place.country if place else None,
        "location_admin1": place.admin1 if place else None,
        "location_lat": place.lat if place else None,
        "location_lon": place.lon if place else None,
        "location_precision": place.precision if place else None,
        "factuality": event.factuality, "attribution": event.attribution,
        "quantity_people": event.quantity.people, "quantity_dead": event.quantity.dead,
        "quantity_injured": event.quantity.injured,
        "evidence_text": event.evidence.text, "evidence_start": event.evidence.start,
        "evidence_end": event.evidence.end,
        "trigger_text": event.trigger.text, "trigger_start": event.trigger.start,
        "trigger_end": event.trigger.end,
        "confidence": float(event.confidence),
        "acled_event_type": acled.get("event_type"),
        "acled_sub_event_type": acled.get("sub_event_type"),
        "codebook_version": event.codebook_version,
        "detail": _detail(event),
    }


def names_text(actors: list[Actor]) -> str | None:
    """All the words naming these participants, for substring search."""
    names = dict.fromkeys(n for a in actors for n in (a.text, a.name) if n)
    return " | ".join(names) or None


def event_country(event: Event, focus_country: str | None) -> str | None:
    """The country a reader would file the event under."""
    if event.location is not None and event.location.country:
        return event.location.country
    for actor in event.actor:
        if actor.country:
            return actor.country
    return focus_country


def date_range(value: str | None, precision: str | None,
               fallback: date | None) -> tuple[date | None, date | None]:
    """First and last day a coded date can mean; the fallback day when there is no usable date."""
    if value:
        try:
            parts = [int(p) for p in value.split("-")]
            if len(parts) == 3:
                day = date(*parts)
                return day, day + timedelta(days=6) if precision == "week" else day
            if len(parts) == 2:
                year, month = parts
                return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
            if len(parts) == 1:
                return date(parts[0], 1, 1), date(parts[0], 12, 31)
        except ValueError:
            pass
    return fallback, fallback


def actor_json(actor: Actor) -> dict[str, Any]:
    return {"text": actor.text, "start": actor.start, "end": actor.end, "country": actor.country,
            "sector": actor.sector, "name": actor.name, "entity_id": actor.entity_id,
            "ner_label": actor.ner_label, "implicit": actor.implicit}


def entity_rows(event: Event, event_id: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(entities, event_entities) rows for an event's actors and recipients."""
    entities, links = [], []
    for role, actors in (("actor", event.actor), ("recipient", event.recipient)):
        for position, actor in enumerate(actors):
            entity_id = entity_key(actor)
            entities.append({"entity_id": entity_id, "name": actor.name or actor.text,
                             "country": actor.country, "sector": actor.sector,
                             "kind": "implicit" if actor.implicit
                             else _NER_KINDS.get(actor.ner_label or "", None)})
            links.append({"event_id": event_id, "role": role, "position": position,
                          "entity_id": entity_id, "text": actor.text})
    return entities, links


def entity_key(actor: Actor) -> str:
    """The resolver's entity id when it gave one, else one built the same way from the words."""
    key = actor.entity_id
    if not key:
        slug = re.sub(r"[^a-z0-9]+", "-", (actor.name or actor.text).casefold()).strip("-")
        key = f"{slug or 'unnamed'}.{(actor.country or 'xxx').lower()}." \
              f"{(actor.sector or 'unk').lower()}"
    if len(key) > ENTITY_ID_MAX:
        key = key[:ENTITY_ID_MAX - 17] + "-" + hashlib.sha1(key.encode()).hexdigest()[:16]
    return key


def claim_row(event: Event, *, event_id: str, article_id: str, source: str | None,
              stated_on: date | None) -> dict[str, Any]:
    return {"event_id": event_id, "article_id": article_id, "factuality": event.factuality,
            "attribution": event.attribution, "source": source, "stated_on": stated_on}


def _detail(event: Event) -> dict[str, Any]:
    place = event.location
    return {
        "date_span": _span(event.date.span), "date_note": event.date.note,
        "factuality_cue": _span(event.factuality_cue),
        "attribution_span": _span(event.attribution_span),
        "quantity": {"lower_bound": event.quantity.lower_bound,
                     "qualitative": event.quantity.qualitative,
                     "span": _span(event.quantity.span)},
        "location": None if place is None else {"start": place.start, "end": place.end,
                                                "kind": place.kind},
    }


def _span(span: TextSpan | None) -> dict[str, Any] | None:
    return span.to_dict() if span is not None else None


# ---------------------------------------------------------------------------------------------
# rows -> records

def event_from_row(row: Mapping[str, Any]) -> Event:
    detail = row.get("detail") or {}
    quantity_detail = detail.get("quantity") or {}
    place = None
    if row.get("location_text") is not None or row.get("location_name") is not None:
        where = detail.get("location") or {}
        place = Place(text=row["location_text"], start=where.get("start"), end=where.get("end"),
                      name=row["location_name"], country=row["location_country"],
                      admin1=row["location_admin1"], lat=row["location_lat"],
                      lon=row["location_lon"], kind=where.get("kind"),
                      precision=row["location_precision"])
    acled = None
    if row.get("acled_event_type") is not None:
        acled = {"event_type": row["acled_event_type"],
                 "sub_event_type": row["acled_sub_event_type"]}
    return Event(
        type=row["type"],
        evidence=TextSpan(row["evidence_text"], row["evidence_start"], row["evidence_end"]),
        trigger=TextSpan(row["trigger_text"], row["trigger_start"], row["trigger_end"]),
        mode=row["mode"],
        context=list(row.get("context") or []),
        actor=[actor_from_json(a) for a in row.get("actor") or []],
        recipient=[actor_from_json(a) for a in row.get("recipient") or []],
        date=EventDate(value=row["date"], precision=row["date_precision"],
                       span=_span_from(detail.get("date_span")), note=detail.get("date_note")),
        location=place,
        factuality=row["factuality"],
        factuality_cue=_span_from(detail.get("factuality_cue")),
        attribution=row["attribution"],
        attribution_span=_span_from(detail.get("attribution_span")),
        quantity=Quantity(people=row["quantity_people"], dead=row["quantity_dead"],
                          injured=row["quantity_injured"],
                          lower_bound=bool(quantity_detail.get("lower_bound")),
                          qualitative=quantity_detail.get("qualitative"),
                          span=_span_from(quantity_detail.get("span"))),
        confidence=row["confidence"],
        acled=acled,
        codebook_version=row["codebook_version"],
    )


def actor_from_json(data: Mapping[str, Any]) -> Actor:
    return Actor(text=data["text"], start=data.get("start"), end=data.get("end"),
                 country=data.get("country"), sector=data.get("sector"), name=data.get("name"),
                 entity_id=data.get("entity_id"), ner_label=data.get("ner_label"),
                 implicit=bool(data.get("implicit")))


def article_from_row(row: Mapping[str, Any]) -> Article:
    return Article(id=row["id"], text=row["text"], title=row["title"], pub_date=row["pub_date"],
                   source=row["source"], url=row["url"], language=row["language"],
                   origin=row["origin"])


def article_ref(row: Mapping[str, Any], prefix: str = "article_") -> ArticleRef:
    return ArticleRef(id=row[f"{prefix}id"], title=row[f"{prefix}title"],
                      url=row[f"{prefix}url"], source=row[f"{prefix}source"],
                      pub_date=row[f"{prefix}pub_date"])


def story_from_rows(row: Mapping[str, Any], event_ids: list[str], claims: list[Claim]) -> Story:
    return Story(id=row["id"], type=row["type"], mode=row["mode"], event_ids=event_ids,
                 claims=claims, status=row["status"], country=row["country"],
                 first_reported=row["first_reported"], last_reported=row["last_reported"])


def _span_from(data: Mapping[str, Any] | None) -> TextSpan | None:
    if not data:
        return None
    return TextSpan(data["text"], data["start"], data["end"])


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
