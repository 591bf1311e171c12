"""Aggregate and listing queries for dashboards: counts by type over time, by country, event
places for the map, entities, article titles in bulk.

Written against the store's own pieces (its engine, the tables of ``eventwire.store.schema`` and
``eventwire.store.queries.event_conditions``), so every filter means exactly what it means in
``Store.events``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any, Literal

from sqlalchemy import Connection, Select, func, select

from eventwire.store import EventFilter, Store
from eventwire.store.engine import database_errors
from eventwire.store.queries import event_conditions
from eventwire.store.schema import articles, entities, event_entities, events, story_events

Interval = Literal["day", "week", "month"]
_CHUNK = 500  # ids per IN (...) list, well under every backend's parameter limit


@contextmanager
def _connect(store: Store) -> Iterator[Connection]:
    with database_errors(store.engine.url, store.timeout), store.engine.connect() as connection:
        yield connection


def _filtered(stmt: Select, flt: EventFilter, dialect: str) -> Select:
    """``stmt`` over the same join and conditions as ``Store.events``, without paging."""
    joined = (events.join(articles, events.c.article_id == articles.c.id)
              .outerjoin(story_events, story_events.c.event_id == events.c.id))
    return stmt.select_from(joined).where(*event_conditions(replace(flt, cursor=None),
                                                            dialect))


# ---------------------------------------------------------------------------------------------
# timeline

@dataclass
class Timeline:
    interval: Interval
    buckets: list[str]  # bucket start days (ISO), ascending, gap-free
    types: list[str]  # types present, most frequent first
    counts: dict[str, list[int]]  # type -> count per bucket
    undated: int = 0  # events with no day at all (no coded date and no publication date)
    before: int = 0  # matching events earlier than the first bucket (see event_timeline)
    after: int = 0  # ... later than the last bucket


def pick_interval(first: date, last: date) -> Interval:
    """Days for a few months, weeks up to two years, months beyond: 20-120 bars either way."""
    span = (last - first).days
    if span <= 120:
        return "day"
    if span <= 730:
        return "week"
    return "month"


def bucket_start(day: date, interval: Interval) -> date:
    if interval == "week":
        return day - timedelta(days=day.weekday())  # ISO weeks start on Monday
    if interval == "month":
        return day.replace(day=1)
    return day


def _next_bucket(day: date, interval: Interval) -> date:
    if interval == "week":
        return day + timedelta(days=7)
    if interval == "month":
        return date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return day + timedelta(days=1)


def _bulk_range(per_day: dict[date, int], keep: float) -> tuple[date, date]:
    """The shortest run of days holding at least ``keep`` of the events (the latest such run).

    Coded dates include the odd "in 1945" or "by 2030" beside a corpus of recent news; a chart
    stretched over decades to show them would show nothing. They are counted (as
    ``before``/``after``), not drawn. Two pointers over the sorted days: O(days).
    """
    days = sorted(per_day)
    need = max(1, int(sum(per_day.values()) * keep + 0.999999))
    best = (days[0], days[-1])
    lo, held = 0, 0
    for hi, day in enumerate(days):
        held += per_day[day]
        while held - per_day[days[lo]] >= need:
            held -= per_day[days[lo]]
            lo += 1
        if held >= need and (day - days[lo]) <= (best[1] - best[0]):
            best = (days[lo], day)
    return best


def event_timeline(store: Store, flt: EventFilter, interval: Interval | None = None,
                   max_buckets: int = 400, keep: float = 0.95) -> Timeline:
    """Counts by type per day/week/month of the events' first possible day (``sort_day``).

    The range is ``flt.since``..``flt.until`` when given; otherwise the shortest run of days
    holding ``keep`` of the events (see :func:`_bulk_range`); the rest are counted, not drawn.
    The database groups by day; weeks and months are folded here, which keeps the SQL portable
    (no dialect date functions) at the cost of one row per (day, type) present.
    """
    stmt = _filtered(select(events.c.sort_day, events.c.type, func.count()), flt, store.dialect)
    stmt = stmt.group_by(events.c.sort_day, events.c.type)
    per_day: dict[date, dict[str, int]] = defaultdict(dict)
    undated = 0
    with _connect(store) as connection:
        for sort_day, type_, count in connection.execute(stmt):
            if not sort_day:
                undated += count
                continue
            per_day[date.fromisoformat(sort_day)][type_] = count
    if not per_day:
        return Timeline(interval or "day", [], [], {}, undated)
    first, last = _bulk_range({d: sum(c.values()) for d, c in per_day.items()}, keep)
    if flt.since:
        first = flt.since
    if flt.until:
        last = flt.until
    chosen: Interval = interval or pick_interval(first, last)
    # Never more bars than a chart can show: coarsen rather than truncate.
    while chosen != "month" and _bucket_count(first, last, chosen) > max_buckets:
        chosen = "week" if chosen == "day" else "month"
    starts: list[date] = []
    cursor = bucket_start(first, chosen)
    while cursor <= last:
        starts.append(cursor)
        cursor = _next_bucket(cursor, chosen)
    index = {start: i for i, start in enumerate(starts)}
    totals: dict[str, int] = defaultdict(int)
    counts: dict[str, list[int]] = {}
    before = after = 0
    for day, by_type in per_day.items():
        # An event whose period began before `since` but overlaps it counts on the first day.
        if flt.since and day < flt.since:
            day = flt.since
        if day < first or day > last:
            if day < first:
                before += sum(by_type.values())
            else:
                after += sum(by_type.values())
            continue
        position = index[bucket_start(day, chosen)]
        for type_, count in by_type.items():
            counts.setdefault(type_, [0] * len(starts))[position] += count
            totals[type_] += count
    types = sorted(totals, key=lambda t: (-totals[t], t))
    return Timeline(chosen, [s.isoformat() for s in starts], types,
                    {t: counts[t] for t in types}, undated, before, after)


def _bucket_count(first: date, last: date, interval: Interval) -> int:
    days = (last - first).days + 1
    return days if interval == "day" else days // 7 + 2 if interval == "week" else days // 28 + 2


# ---------------------------------------------------------------------------------------------
# countries and places

@dataclass
class CountryCount:
    country: str
    count: int
    by_type: dict[str, int] = field(default_factory=dict)


def events_by_country(store: Store, flt: EventFilter) -> tuple[list[CountryCount], int]:
    """Counts per event country (most first), and how many matching events have no country."""
    stmt = _filtered(select(events.c.country, events.c.type, func.count()), flt, store.dialect)
    stmt = stmt.group_by(events.c.country, events.c.type)
    found: dict[str, CountryCount] = {}
    unknown = 0
    with _connect(store) as connection:
        for country, type_, count in connection.execute(stmt):
            if not country:
                unknown += count
                continue
            entry = found.setdefault(country, CountryCount(country, 0))
            entry.count += count
            entry.by_type[type_] = count
    return sorted(found.values(), key=lambda c: (-c.count, c.country)), unknown


@dataclass
class PlacePoint:
    lat: float
    lon: float
    name: str | None
    country: str | None
    count: int = 0
    by_type: dict[str, int] = field(default_factory=dict)
    latest: list[dict[str, Any]] = field(default_factory=list)  # a few newest events


def event_places(store: Store, flt: EventFilter, max_events: int = 5000,
                 per_place: int = 5) -> tuple[list[PlacePoint], bool]:
    """Events with coordinates, grouped by place (rounded to ~1 km), newest first.

    At most ``max_events`` events are read (the newest); the flag says whether more matched, so
    the map can say it shows a sample. Events of one place share one marker whose colour is its
    most frequent type.
    """
    stmt = _filtered(select(events.c.id, events.c.type, events.c.sort_day, events.c.location_lat,
                            events.c.location_lon, events.c.location_name,
                            events.c.location_text, events.c.location_country,
                            articles.c.title), flt, store.dialect)
    stmt = (stmt.where(events.c.location_lat.is_not(None), events.c.location_lon.is_not(None))
            .order_by(events.c.sort_day.desc(), events.c.id.desc()).limit(max_events + 1))
    places: dict[tuple[float, float], PlacePoint] = {}
    with _connect(store) as connection:
        rows = connection.execute(stmt).all()
    for row in rows[:max_events]:
        key = (round(row.location_lat, 2), round(row.location_lon, 2))
        point = places.get(key)
        if point is None:
            point = places[key] = PlacePoint(row.location_lat, row.location_lon,
                                             row.location_name or row.location_text,
                                             row.location_country)
        point.count += 1
        point.by_type[row.type] = point.by_type.get(row.type, 0) + 1
        if len(point.latest) < per_place:
            point.latest.append({"id": row.id, "type": row.type, "day": row.sort_day or None,
                                 "title": row.title})
    return sorted(places.values(), key=lambda p: -p.count), len(rows) > max_events


# ---------------------------------------------------------------------------------------------
# entities

@dataclass
class EntityRow:
    entity_id: str
    name: str
    country: str | None
    sector: str | None
    kind: str | None
    events: int = 0
    as_actor: int = 0
    as_recipient: int = 0


def _escape_like(words: str) -> str:
    return words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def list_entities(store: Store, *, q: str | None = None, country: Sequence[str] = (),
                  sector: Sequence[str] = (), limit: int = 50, offset: int = 0
                  ) -> list[EntityRow]:
    """Entities with how many events name them, most mentioned first."""
    n_events = func.count(func.distinct(event_entities.c.event_id))
    as_actor = func.sum(_role_flag("actor"))
    as_recipient = func.sum(_role_flag("recipient"))
    stmt = (select(entities, n_events.label("n"), as_actor.label("a"), as_recipient.label("r"))
            .select_from(entities.join(event_entities,
                                       event_entities.c.entity_id == entities.c.entity_id))
            .group_by(*entities.c))
    if q and q.strip():
        pattern = "%" + _escape_like(q.strip()) + "%"
        column = entities.c.name
        stmt = stmt.where(column.ilike(pattern, escape="\\") if store.dialect == "postgresql"
                          else column.like(pattern, escape="\\"))
    if country:
        stmt = stmt.where(entities.c.country.in_([c.upper() for c in country]))
    if sector:
        stmt = stmt.where(entities.c.sector.in_([s.upper() for s in sector]))
    stmt = stmt.order_by(n_events.desc(), entities.c.entity_id).limit(limit).offset(offset)
    with _connect(store) as connection:
        return [EntityRow(row.entity_id, row.name, row.country, row.sector, row.kind,
                          int(row.n or 0), int(row.a or 0), int(row.r or 0))
                for row in connection.execute(stmt)]


def _role_flag(role: str) -> Any:
    from sqlalchemy import case

    return case((event_entities.c.role == role, 1), else_=0)


def get_entity(store: Store, entity_id: str) -> EntityRow | None:
    with _connect(store) as connection:
        row = connection.execute(select(entities).where(entities.c.entity_id == entity_id)
                                 ).first()
        if row is None:
            return None
        roles = dict(connection.execute(
            select(event_entities.c.role, func.count(func.distinct(event_entities.c.event_id)))
            .where(event_entities.c.entity_id == entity_id)
            .group_by(event_entities.c.role)).all())
        total = connection.execute(
            select(func.count(func.distinct(event_entities.c.event_id)))
            .where(event_entities.c.entity_id == entity_id)).scalar_one()
    return EntityRow(row.entity_id, row.name, row.country, row.sector, row.kind, int(total),
                     int(roles.get("actor", 0)), int(roles.get("recipient", 0)))


# ---------------------------------------------------------------------------------------------
# articles

@dataclass(frozen=True)
class ArticleInfo:
    id: str
    title: str | None
    url: str | None
    source: str | None
    pub_date: date | None
    focus_country: str | None


def article_infos(store: Store, ids: Sequence[str]) -> dict[str, ArticleInfo]:
    """Title, URL, source and date of many articles in one round trip per 500 ids."""
    wanted = list(dict.fromkeys(ids))
    out: dict[str, ArticleInfo] = {}
    with _connect(store) as connection:
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start:start + _CHUNK]
            stmt = select(articles.c.id, articles.c.title, articles.c.url, articles.c.source,
                          articles.c.pub_date, articles.c.focus_country
                          ).where(articles.c.id.in_(chunk))
            for row in connection.execute(stmt):
                out[row.id] = ArticleInfo(row.id, row.title, row.url, row.source, row.pub_date,
                                          row.focus_country)
    return out
