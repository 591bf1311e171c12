"""Response and request bodies, as pydantic models: they are the OpenAPI documentation at
``/docs`` and they check every response the API sends against that documentation."""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field


class _Out(BaseModel):
    # Responses may carry fields added by later stages before the docs catch up: keep them.
    model_config = ConfigDict(extra="allow")


class Span(_Out):
    text: str
    start: int
    end: int


class RoleSpan(_Out):
    role: Literal["trigger", "actor", "recipient", "time", "place", "attribution", "factuality",
                  "quantity"]
    start: int
    end: int
    text: str
    label: Optional[str] = None


class ActorOut(_Out):
    text: str
    country: Optional[str] = None
    sector: Optional[str] = None
    start: Optional[int] = None
    end: Optional[int] = None
    name: Optional[str] = None
    entity_id: Optional[str] = None
    implicit: bool = False


class PlaceOut(_Out):
    text: Optional[str] = None
    country: Optional[str] = None
    name: Optional[str] = None
    admin1: Optional[str] = None
    lat: Optional[float] = None
    lon: Optional[float] = None
    precision: Optional[str] = None
    start: Optional[int] = None
    end: Optional[int] = None


class ArticleRefOut(_Out):
    id: str
    title: Optional[str] = None
    url: Optional[str] = None
    source: Optional[str] = None
    pub_date: Optional[str] = None


class EventOut(_Out):
    id: str
    type: str
    mode: Optional[str] = None
    context: list[str] = []
    actor: list[ActorOut] = []
    recipient: list[ActorOut] = []
    date: Optional[str] = None
    date_precision: Optional[str] = None
    date_note: Optional[str] = None
    location: Optional[PlaceOut] = None
    factuality: str
    attribution: Optional[str] = None
    quantity: dict[str, object] = {}
    evidence: Span = Field(description="The sentence the event was coded from (offsets into the "
                                       "article text, in Unicode code points).")
    trigger: Span
    confidence: float
    acled: Optional[dict[str, Optional[str]]] = None
    codebook_version: Optional[str] = None
    article: ArticleRefOut
    story_id: Optional[str] = None
    country: Optional[str] = None
    country_name: Optional[str] = None
    spans: list[RoleSpan] = Field(description="Every coded field that points at words of the "
                                              "article, in text order.")
    attribution_span: Optional[Span] = None
    factuality_cue: Optional[Span] = None
    date_span: Optional[Span] = None


class EventPage(_Out):
    items: list[EventOut]
    next_cursor: Optional[str] = Field(None, description="Pass back as `cursor` for the next "
                                                         "page; null on the last page.")
    total: Optional[int] = Field(None, description="How many events match (only with "
                                                   "`count=true`).")


class ArticleOut(_Out):
    id: str
    title: Optional[str] = None
    text: str
    pub_date: Optional[str] = None
    source: Optional[str] = None
    url: Optional[str] = None
    language: Optional[str] = None
    focus_country: Optional[str] = None
    events: list[EventOut] = Field(description="In text order.")


class ClaimOut(_Out):
    step: int
    event_id: str
    article_id: str
    article_title: Optional[str] = None
    article_url: Optional[str] = None
    stated_on: Optional[str] = None
    source: Optional[str] = None
    attribution: Optional[str] = None
    factuality: str
    evidence: str
    evidence_start: int
    evidence_end: int
    status: Optional[str] = Field(None, description="The story's status after this claim.")
    status_changed: bool = False
    reason: Optional[str] = None


class StorySummary(_Out):
    id: str
    type: str
    mode: Optional[str] = None
    status: str
    country: Optional[str] = None
    country_name: Optional[str] = None
    first_reported: Optional[str] = None
    last_reported: Optional[str] = None
    corroboration: int = Field(description="How many distinct articles report it.")
    outlets: int = Field(description="How many distinct sources (outlets) report it.")
    event_ids: list[str]


class StoryOut(StorySummary):
    claims: list[ClaimOut] = Field(description="Every claim in the order it was made, with the "
                                               "status it left the story in.")
    sources: list[str]


class StoryList(_Out):
    items: list[StorySummary]


class EntityOut(_Out):
    entity_id: str
    name: str
    country: Optional[str] = None
    country_name: Optional[str] = None
    sector: Optional[str] = None
    kind: Optional[str] = None
    events: int
    as_actor: int
    as_recipient: int


class EntityList(_Out):
    items: list[EntityOut]


class EntityDetail(EntityOut):
    recent_events: list[EventOut]


class TimelineOut(_Out):
    interval: Literal["day", "week", "month"]
    buckets: list[str] = Field(description="Start day of each bucket, ascending, without gaps.")
    types: list[str] = Field(description="Types present, most frequent first.")
    counts: dict[str, list[int]] = Field(description="Type -> count per bucket.")
    undated: int = Field(description="Matching events with no day at all.")
    before: int = Field(0, description="Matching events before the first bucket: without "
                                       "since/until the chart spans the bulk of the events, "
                                       "leaving out the odd far-off date.")
    after: int = Field(0, description="Matching events after the last bucket.")


class CountryCountOut(_Out):
    country: str
    name: Optional[str] = None
    numeric: Optional[str] = Field(None, description="ISO 3166-1 numeric code (the map's key).")
    count: int
    by_type: dict[str, int]


class CountriesOut(_Out):
    items: list[CountryCountOut]
    unknown: int = Field(description="Matching events with no country.")


class PlaceEventOut(_Out):
    id: str
    type: str
    day: Optional[str] = None
    title: Optional[str] = None


class PlacePointOut(_Out):
    lat: float
    lon: float
    name: Optional[str] = None
    country: Optional[str] = None
    count: int
    by_type: dict[str, int]
    latest: list[PlaceEventOut]


class PlacesOut(_Out):
    items: list[PlacePointOut]
    truncated: bool = Field(description="True when only the newest matching events were "
                                        "placed.")


class TypeInfo(_Out):
    name: str
    quad: Optional[str] = None
    definition: Optional[str] = None
    modes: list[str]


class MetaOut(_Out):
    version: str
    codebook: str
    types: list[TypeInfo]
    factuality: list[str]
    span_roles: list[str]
    counts: dict[str, int]
    writes_enabled: bool


class ErrorOut(BaseModel):
    detail: str


# ---------------------------------------------------------------------------------------------
# write requests

class IngestText(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, description="The article's text (title line optional).")
    title: Optional[str] = Field(None, max_length=2000, description="Headline; detected from "
                                                                    "the text when absent.")
    pub_date: Optional[str] = Field(None, description="Publication date, YYYY-MM-DD: relative "
                                                      "dates in the text resolve against it.")
    source: Optional[str] = Field(None, max_length=300, description="Outlet name.")
    url: Optional[str] = Field(None, max_length=2000, description="Where it was published "
                                                                  "(identity for re-ingests).")
    id: Optional[str] = Field(None, max_length=200, description="Article id; by default a hash "
                                                                "of the text.")


class IngestUrl(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: str = Field(min_length=8, max_length=2000, description="An http(s) page URL.")
    pub_date: Optional[str] = Field(None, description="For pages that state no date.")
    source: Optional[str] = Field(None, max_length=300)


class IngestResult(_Out):
    article_id: str
    outcome: Literal["stored", "replaced", "skipped"]
    event_ids: list[str]
    events: list[EventOut]
    stories: int = Field(description="Stories created or grown by linking this article.")
    warnings: list[str] = []
