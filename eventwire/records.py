"""Typed records that flow one way through the pipeline.

``ingest`` creates :class:`Article`; ``extract`` creates :class:`Event` with raw spans;
``resolve`` fills countries, sectors, places, dates and numbers. Every coded field keeps the
character offsets of the words it came from, so a reader can check it against the article.
Offsets are always into ``Article.text`` exactly as ingested.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal

Factuality = Literal["asserted", "reported", "alleged", "denied", "negated", "future", "hypothetical"]
DatePrecision = Literal["day", "week", "month", "year"]
GeoPrecision = Literal["country", "admin1", "city"]

FACTUALITY_VALUES: tuple[str, ...] = (
    "asserted", "reported", "alleged", "denied", "negated", "future", "hypothetical",
)
SECTORS: tuple[str, ...] = (
    "GOV", "MIL", "COP", "JUD", "LEG", "SPY", "REB", "UAF", "PTY", "OPP", "ELI", "CVL",
    "JRN", "MED", "EDU", "REL", "BUS", "LAB", "NGO", "IGO", "REF", "CRM",
)


@dataclass
class Article:
    """One news report as ingested: the unit the coder reads."""

    id: str
    text: str
    title: str | None = None
    pub_date: date | None = None
    source: str | None = None
    url: str | None = None
    language: str = "en"
    origin: str | None = None  # where it was read from: "path", "path:line", "<stdin>"

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass
class TextSpan:
    """A verbatim piece of the article and where it sits: ``article.text[start:end] == text``."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass
class Actor:
    """A participant in an event: who acts (actor) or who is acted upon (recipient)."""

    text: str
    start: int | None  # None for an implicit actor ("were detained": by the authorities)
    end: int | None
    country: str | None = None  # ISO 3166-1 alpha-3; None for IGOs, transnational groups, unknown
    sector: str | None = None  # one of SECTORS
    name: str | None = None  # canonical name when the entity is known (e.g. "Assimi Goita")
    entity_id: str | None = None  # stable across articles: normalized name + country + role
    ner_label: str | None = None  # spaCy's entity label of the head, when it has one
    implicit: bool = False  # inferred, not written: "soldiers were detained" -> the authorities

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.text, "country": self.country, "sector": self.sector,
                               "start": self.start, "end": self.end}
        if self.name:
            out["name"] = self.name
        if self.entity_id:
            out["entity_id"] = self.entity_id
        if self.implicit:
            out["implicit"] = True
        return out


@dataclass
class Place:
    """A toponym resolved against the gazetteer."""

    text: str
    start: int | None
    end: int | None
    name: str | None = None  # gazetteer name
    country: str | None = None  # ISO3
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    kind: str | None = None  # "country", "admin1", "city", ...
    precision: GeoPrecision | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "country": self.country, "name": self.name,
                "admin1": self.admin1, "lat": self.lat, "lon": self.lon,
                "precision": self.precision, "start": self.start, "end": self.end}


@dataclass
class EventDate:
    """When an event happened, at the precision the text supports (None when it gives no time)."""

    value: str | None = None  # "YYYY-MM-DD", "YYYY-MM" or "YYYY"
    precision: DatePrecision | None = None
    span: TextSpan | None = None  # the words it came from
    note: str | None = None  # e.g. "relative date, no publication date to resolve it"


@dataclass
class Quantity:
    """Numbers of people involved, dead, injured, as the text states them."""

    people: int | None = None
    dead: int | None = None
    injured: int | None = None
    lower_bound: bool = False  # "at least 12"
    qualitative: str | None = None  # "dozens", "hundreds" when no figure is given
    span: TextSpan | None = None

    def is_empty(self) -> bool:
        return self.people is None and self.dead is None and self.injured is None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"people": self.people, "dead": self.dead, "injured": self.injured}
        if self.lower_bound:
            out["lower_bound"] = True
        if self.qualitative:
            out["qualitative"] = self.qualitative
        return out


@dataclass
class Event:
    """One PLOVER event, with the evidence for every field."""

    type: str
    evidence: TextSpan  # the sentence the event was coded from
    trigger: TextSpan  # the word(s) that signalled it
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    actor: list[Actor] = field(default_factory=list)
    recipient: list[Actor] = field(default_factory=list)
    date: EventDate = field(default_factory=EventDate)
    location: Place | None = None
    factuality: str = "asserted"
    factuality_cue: TextSpan | None = None
    attribution: str | None = None
    attribution_span: TextSpan | None = None
    quantity: Quantity = field(default_factory=Quantity)
    confidence: float = 0.5
    tense: str | None = None  # "present", "past" or None: the grammatical time of the trigger's clause
    acled: dict[str, str] | None = None  # {"event_type", "sub_event_type"}
    codebook_version: str | None = None

    def key(self, article_id: str) -> str:
        """A stable id: the same article coded again gives the same id to the same event."""
        raw = f"{article_id}\x1f{self.type}\x1f{self.trigger.start}\x1f{self.evidence.start}"
        return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]

    def to_dict(self, article_id: str | None = None) -> dict[str, Any]:
        """The event in the gold-record shape of GOLD_GUIDE.md, plus evidence and provenance."""
        out: dict[str, Any] = {"id": self.key(article_id)} if article_id is not None else {}
        return out | {
            "type": self.type,
            "mode": self.mode,
            "context": list(self.context),
            "actor": [a.to_dict() for a in self.actor],
            "recipient": [a.to_dict() for a in self.recipient],
            "date": self.date.value,
            "date_precision": self.date.precision,
            "location": self.location.to_dict() if self.location else None,
            "factuality": self.factuality,
            "attribution": self.attribution,
            "quantity": self.quantity.to_dict(),
            "evidence": self.evidence.to_dict(),
            "trigger": self.trigger.to_dict(),
            "confidence": round(self.confidence, 3),
            "acled": self.acled,
            "codebook_version": self.codebook_version,
        }


@dataclass
class CodedArticle:
    """An article with the events coded from it."""

    article: Article
    events: list[Event] = field(default_factory=list)
    focus_country: str | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def doc_types(self) -> list[str]:
        return sorted({e.type for e in self.events})

    def to_dict(self) -> dict[str, Any]:
        a = self.article
        return {
            "id": a.id,
            "title": a.title,
            "pub_date": a.pub_date.isoformat() if a.pub_date else None,
            "focus_country": self.focus_country,
            "doc_types": self.doc_types,
            "events": [e.to_dict(a.id) for e in self.events],
            "warnings": list(self.warnings),
        }


@dataclass
class Claim:
    """One report of an event: who says it happened, where and when it was said, how surely."""

    event_id: str
    article_id: str
    factuality: str
    evidence: TextSpan
    source: str | None = None  # the outlet or feed the article came from
    attribution: str | None = None  # who the article says made the claim
    stated_on: date | None = None  # the article's publication date


@dataclass
class Story:
    """Events in several articles judged to be one happening, with its claims over time.

    ``status`` follows the claims in date order: reported -> confirmed (a second independent
    report, or an asserted one) -> denied / corrected when a later claim contradicts it.
    """

    id: str
    type: str
    mode: str | None
    event_ids: list[str] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    status: str = "reported"
    country: str | None = None
    first_reported: date | None = None
    last_reported: date | None = None

    @property
    def corroboration(self) -> int:
        """How many distinct articles report it."""
        return len({c.article_id for c in self.claims})


def as_plain(obj: Any) -> Any:
    """Dataclass -> plain dict, for debugging and generic serializers."""
    return asdict(obj)
