"""The read endpoints: events, one event, articles, stories, entities, and the summaries the
dashboard draws (counts by type over time, by country, event places).

Handlers are plain ``def``: the store is synchronous, so FastAPI runs them in its thread pool.
Every list filter takes repeated parameters or comma lists alike (``country=KEN,UGA`` or
``country=KEN&country=UGA``), as the CLI does.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from typing import Annotated, Any, Literal, Optional

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, Response

from eventwire import __version__ as _package_version
from eventwire.records import FACTUALITY_VALUES
from eventwire.serve import schemas as S
from eventwire.store import aggregates as X
from eventwire.serve.context import ServeContext
from eventwire.serve.serialize import SPAN_ROLES, country_info, event_json, iso
from eventwire.store import EventFilter, StoreError, StoryFilter
from eventwire.store.filters import decode_cursor
from eventwire.store.search import fts5_query

router = APIRouter(prefix="/api")

MAX_LIMIT = 500


def json_response(data: Any) -> Response:
    """The body as JSON, without FastAPI's response-model pass.

    Validating and re-encoding a 50-event page through pydantic costs about as much as the
    database query that produced it; the read endpoints build their dicts in one place
    (:mod:`.serialize`) and the tests check every endpoint's output against its documented
    model instead, so the docs cannot drift from what is sent.
    """
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
    return Response(content=body.encode("utf-8"), media_type="application/json")


def context(request: Request) -> ServeContext:
    return request.app.state.ctx


Ctx = Annotated[ServeContext, Depends(context)]


def _split(values: Optional[list[str]]) -> tuple[str, ...]:
    return tuple(part.strip() for value in values or [] for part in value.split(",")
                 if part.strip())


def _bad_request(message: str) -> HTTPException:
    return HTTPException(status_code=400, detail=message)


def _unavailable(exc: StoreError) -> HTTPException:
    return HTTPException(status_code=503, detail=str(exc))


def event_filter(
    country: Annotated[Optional[list[str]], Query(description="ISO 3166-1 alpha-3 code(s), e.g. KEN.")] = None,
    type: Annotated[Optional[list[str]], Query(description="PLOVER type(s), e.g. PROTEST,ASSAULT.")] = None,
    mode: Annotated[Optional[list[str]], Query(description="PLOVER mode(s), e.g. arrest.")] = None,
    factuality: Annotated[Optional[list[str]], Query(description=", ".join(FACTUALITY_VALUES))] = None,
    actor: Annotated[Optional[str], Query(max_length=200, description="Words in an actor's text or name.")] = None,
    recipient: Annotated[Optional[str], Query(max_length=200, description="Words in a recipient's text or name.")] = None,
    since: Annotated[Optional[date], Query(description="Events on or after this day (YYYY-MM-DD).")] = None,
    until: Annotated[Optional[date], Query(description="Events on or before this day.")] = None,
    q: Annotated[Optional[str], Query(max_length=500, description='Full-text search of the articles: words, "a phrase", OR, -exclude.')] = None,
    entity: Annotated[Optional[str], Query(max_length=128, description="An exact entity id (any role).")] = None,
    story: Annotated[Optional[str], Query(max_length=64, description="Events of this story.")] = None,
    article: Annotated[Optional[str], Query(max_length=200, description="Events of this article.")] = None,
) -> EventFilter:
    """The filters shared by the event list and every summary, as the store's EventFilter."""
    facts = _split(factuality)
    unknown = [f for f in facts if f.lower() not in FACTUALITY_VALUES]
    if unknown:
        raise HTTPException(status_code=422, detail=f"unknown factuality {', '.join(unknown)}; "
                                                    f"use one of {', '.join(FACTUALITY_VALUES)}")
    if q is not None and q.strip():
        try:
            fts5_query(q)  # the strictest dialect's rules: a query SQLite accepts works anywhere
        except StoreError as exc:
            raise _bad_request(str(exc)) from None
    try:
        return EventFilter(country=_split(country), type=_split(type), mode=_split(mode),
                           factuality=facts, actor=actor, recipient=recipient, since=since,
                           until=until, search=q, entity_id=entity or None,
                           story_id=story or None, article_id=article or None, limit=None)
    except StoreError as exc:
        raise _bad_request(str(exc)) from None


Filter = Annotated[EventFilter, Depends(event_filter)]


# ---------------------------------------------------------------------------------------------
# events

@router.get("/events", response_model=S.EventPage, tags=["events"],
            summary="List events, newest first, filtered and cursor-paged")
def list_events(
    ctx: Ctx, flt: Filter,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
    cursor: Annotated[Optional[str], Query(max_length=400, description="The `next_cursor` of the previous page, unchanged.")] = None,
    count: Annotated[bool, Query(description="Also count all matching events (one more query).")] = False,
) -> Response:
    if cursor:
        try:
            decode_cursor(cursor)
        except StoreError as exc:
            raise _bad_request(str(exc)) from None
    try:
        page = ctx.store.events(replace(flt, limit=limit, cursor=cursor or None))
        total = ctx.store.count_events(flt) if count else None
    except StoreError as exc:
        raise _unavailable(exc) from None
    return json_response({"items": [event_json(e) for e in page.items],
                          "next_cursor": page.next_cursor, "total": total})


@router.get("/events/{event_id}", response_model=S.EventOut, tags=["events"],
            summary="One event with its evidence and article offsets",
            responses={404: {"model": S.ErrorOut}})
def get_event(ctx: Ctx, event_id: Annotated[str, Path(max_length=64)]) -> Response:
    try:
        stored = ctx.store.event(event_id)
    except StoreError as exc:
        # The only lookup error the store reports to users is an ambiguous id prefix.
        if "ambiguous" in str(exc):
            raise _bad_request(str(exc)) from None
        raise _unavailable(exc) from None
    if stored is None:
        raise HTTPException(status_code=404, detail=f"no event with id {event_id!r}")
    return json_response(event_json(stored))


# ---------------------------------------------------------------------------------------------
# articles

@router.get("/articles/{article_id}", response_model=S.ArticleOut, tags=["articles"],
            summary="One article: its text and every event coded from it, in text order",
            responses={404: {"model": S.ErrorOut}})
def get_article(ctx: Ctx, article_id: Annotated[str, Path(max_length=200)]) -> Response:
    try:
        article = ctx.store.article(article_id)
        if article is None:
            raise HTTPException(status_code=404, detail=f"no article with id {article_id!r}")
        stored = list(ctx.store.iter_events(EventFilter(article_id=article.id, limit=None)))
        info = X.article_infos(ctx.store, [article.id]).get(article.id)
    except StoreError as exc:
        raise _unavailable(exc) from None
    stored.sort(key=lambda s: (s.event.evidence.start, s.event.trigger.start))
    return json_response({
        "id": article.id, "title": article.title, "text": article.text,
        "pub_date": iso(article.pub_date), "source": article.source, "url": article.url,
        "language": article.language, "focus_country": info.focus_country if info else None,
        "events": [event_json(s) for s in stored]})


# ---------------------------------------------------------------------------------------------
# stories

def _story_summary(story: Any) -> dict[str, Any]:
    sources = sorted({c.source for c in story.claims if c.source})
    return {"id": story.id, "type": story.type, "mode": story.mode, "status": story.status,
            "country": story.country, "country_name": country_info(story.country)[0],
            "first_reported": iso(story.first_reported),
            "last_reported": iso(story.last_reported), "corroboration": story.corroboration,
            "outlets": len(sources), "event_ids": list(story.event_ids)}


@router.get("/stories", response_model=S.StoryList, tags=["stories"],
            summary="Stories: one happening reported by one or more articles, newest first")
def list_stories(
    ctx: Ctx,
    country: Annotated[Optional[list[str]], Query()] = None,
    type: Annotated[Optional[list[str]], Query()] = None,
    status: Annotated[Optional[list[str]], Query(description="reported, confirmed, denied, corrected")] = None,
    since: Optional[date] = None,
    until: Optional[date] = None,
    min_reports: Annotated[int, Query(ge=0, description="Only stories told by at least this many articles.")] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
) -> Response:
    flt = StoryFilter(country=_split(country), type=_split(type), status=_split(status),
                      since=since, until=until, min_corroboration=min_reports, limit=limit)
    try:
        found = ctx.store.stories(flt)
    except StoreError as exc:
        raise _unavailable(exc) from None
    return json_response({"items": [_story_summary(s) for s in found]})


@router.get("/stories/{story_id}", response_model=S.StoryOut, tags=["stories"],
            summary="One story: who reported what, when; denials and corrections in sequence",
            responses={404: {"model": S.ErrorOut}})
def get_story(ctx: Ctx, story_id: Annotated[str, Path(max_length=64)]) -> Response:
    from eventwire.serve.stories import story_claims

    try:
        story = ctx.store.story(story_id)
        if story is None:
            raise HTTPException(status_code=404, detail=f"no story with id {story_id!r}")
        rows = story_claims(ctx.store, story)
    except StoreError as exc:
        raise _unavailable(exc) from None
    out = _story_summary(story)
    out["claims"] = rows
    out["sources"] = sorted({r["source"] for r in rows if r.get("source")})
    out["outlets"] = max(out["outlets"], len(out["sources"]))
    return json_response(out)


# ---------------------------------------------------------------------------------------------
# entities

def _entity_json(row: X.EntityRow) -> dict[str, Any]:
    return {"entity_id": row.entity_id, "name": row.name, "country": row.country,
            "country_name": country_info(row.country)[0], "sector": row.sector,
            "kind": row.kind, "events": row.events, "as_actor": row.as_actor,
            "as_recipient": row.as_recipient}


@router.get("/entities", response_model=S.EntityList, tags=["entities"],
            summary="Actors and recipients, most often named first")
def list_entities(
    ctx: Ctx,
    q: Annotated[Optional[str], Query(max_length=200, description="Words in the name.")] = None,
    country: Annotated[Optional[list[str]], Query()] = None,
    sector: Annotated[Optional[list[str]], Query(description="e.g. GOV, MIL, REB, CVL")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
) -> Response:
    try:
        rows = X.list_entities(ctx.store, q=q, country=_split(country), sector=_split(sector),
                               limit=limit, offset=offset)
    except StoreError as exc:
        raise _unavailable(exc) from None
    return json_response({"items": [_entity_json(r) for r in rows]})


@router.get("/entities/{entity_id}", response_model=S.EntityDetail, tags=["entities"],
            summary="One entity with its most recent events",
            responses={404: {"model": S.ErrorOut}})
def get_entity(ctx: Ctx, entity_id: Annotated[str, Path(max_length=128)],
               limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 20) -> Response:
    try:
        row = X.get_entity(ctx.store, entity_id)
        if row is None:
            raise HTTPException(status_code=404, detail=f"no entity with id {entity_id!r}")
        page = ctx.store.events(EventFilter(entity_id=entity_id, limit=limit))
    except StoreError as exc:
        raise _unavailable(exc) from None
    out = _entity_json(row)
    out["recent_events"] = [event_json(e) for e in page.items]
    return json_response(out)


# ---------------------------------------------------------------------------------------------
# summaries

@router.get("/summary/timeline", response_model=S.TimelineOut, tags=["summaries"],
            summary="Counts of matching events by type per day, week or month")
def timeline(ctx: Ctx, flt: Filter,
             interval: Literal["auto", "day", "week", "month"] = "auto") -> Response:
    try:
        found = X.event_timeline(ctx.store, flt, None if interval == "auto" else interval)
    except StoreError as exc:
        raise _unavailable(exc) from None
    return json_response({"interval": found.interval, "buckets": found.buckets,
                          "types": found.types, "counts": found.counts,
                          "undated": found.undated, "before": found.before,
                          "after": found.after})


@router.get("/summary/countries", response_model=S.CountriesOut, tags=["summaries"],
            summary="Counts of matching events by country (and type)")
def countries(ctx: Ctx, flt: Filter) -> Response:
    try:
        found, unknown = X.events_by_country(ctx.store, flt)
    except StoreError as exc:
        raise _unavailable(exc) from None
    items = []
    for entry in found:
        name, numeric = country_info(entry.country)
        items.append({"country": entry.country, "name": name, "numeric": numeric,
                      "count": entry.count, "by_type": entry.by_type})
    return json_response({"items": items, "unknown": unknown})


@router.get("/summary/places", response_model=S.PlacesOut, tags=["summaries"],
            summary="Matching events with coordinates, grouped by place (the map's markers)")
def places(ctx: Ctx, flt: Filter,
           max_events: Annotated[int, Query(ge=1, le=20_000)] = 5000) -> Response:
    try:
        found, truncated = X.event_places(ctx.store, flt, max_events=max_events)
    except StoreError as exc:
        raise _unavailable(exc) from None
    return json_response({"items": [{"lat": p.lat, "lon": p.lon, "name": p.name,
                                     "country": p.country, "count": p.count,
                                     "by_type": p.by_type, "latest": p.latest}
                                    for p in found],
                          "truncated": truncated})


@router.get("/meta", response_model=S.MetaOut, tags=["meta"],
            summary="Codebook types and modes, factuality values, row counts")
def meta(ctx: Ctx) -> Response:
    try:
        counts = ctx.store.counts()
    except StoreError as exc:
        raise _unavailable(exc) from None
    book = ctx.codebook
    return json_response({"version": _package_version,
                          "codebook": f"{book.name} {book.version}",
                          "types": ctx.meta_types(), "factuality": list(FACTUALITY_VALUES),
                          "span_roles": list(SPAN_ROLES), "counts": counts,
                          "writes_enabled": ctx.settings.token is not None})


@router.get("/health", tags=["meta"], summary="200 when the database answers")
def health(ctx: Ctx) -> dict[str, str]:
    try:
        ctx.store.count_events(EventFilter(limit=1, type=("__none__",)))
    except StoreError as exc:
        raise _unavailable(exc) from None
    return {"status": "ok"}
