"""SELECT statements built from filters; every listing is keyset-paged on (sort_day, id)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Select, and_, func, or_, select

from eventwire.store.filters import EventFilter, StoryFilter, decode_cursor
from eventwire.store.schema import articles, event_entities, events, stories, story_events
from eventwire.store.search import matching_article_ids

# No coded period is longer than a year, so an event overlapping `since` starts at most this
# long before it: a bound the sort_day index can use, refined by the exact date_to test.
_LONGEST_PERIOD = timedelta(days=366)

EVENT_COLUMNS = (
    *events.c,
    articles.c.title.label("article_title"),
    articles.c.url.label("article_url"),
    articles.c.source.label("article_source"),
    articles.c.pub_date.label("article_pub_date"),
    story_events.c.story_id,
)


def _event_from():
    return (events.join(articles, events.c.article_id == articles.c.id)
            .outerjoin(story_events, story_events.c.event_id == events.c.id))


def events_select(flt: EventFilter, dialect: str) -> Select:
    """Events matching ``flt``, newest first, plus one row past the limit (a next page?)."""
    stmt = select(*EVENT_COLUMNS).select_from(_event_from())
    stmt = stmt.where(*event_conditions(flt, dialect))
    if flt.cursor:
        day, last_id = decode_cursor(flt.cursor)
        stmt = stmt.where(or_(events.c.sort_day < day,
                              and_(events.c.sort_day == day, events.c.id < last_id)))
    stmt = stmt.order_by(events.c.sort_day.desc(), events.c.id.desc())
    if flt.limit is not None:
        stmt = stmt.limit(flt.limit + 1)
    return stmt


def count_select(flt: EventFilter, dialect: str) -> Select:
    stmt = select(func.count()).select_from(_event_from())
    return stmt.where(*event_conditions(flt, dialect))


def event_conditions(flt: EventFilter, dialect: str) -> list:
    conditions = []
    for column, values in ((events.c.country, flt.country), (events.c.type, flt.type),
                           (events.c.mode, flt.mode), (events.c.factuality, flt.factuality)):
        if values:
            conditions.append(column.in_(values) if len(values) > 1 else column == values[0])
    for role, words in (("actor", flt.actor), ("recipient", flt.recipient)):
        if words:
            conditions.append(_participants(role, words, dialect))
    if flt.since:
        conditions.append(events.c.date_to >= flt.since)
        conditions.append(events.c.sort_day >= (flt.since - _LONGEST_PERIOD).isoformat())
    if flt.until:
        conditions.append(events.c.sort_day <= flt.until.isoformat())
        conditions.append(events.c.sort_day != "")
    if flt.search:
        conditions.append(events.c.article_id.in_(matching_article_ids(dialect, flt.search)))
    if flt.entity_id:
        conditions.append(events.c.id.in_(select(event_entities.c.event_id).where(
            event_entities.c.entity_id == flt.entity_id)))
    if flt.article_id:
        conditions.append(events.c.article_id == flt.article_id)
    if flt.story_id:
        conditions.append(story_events.c.story_id == flt.story_id)
    return conditions


def _participants(role: str, words: str, dialect: str):
    """Events with a ``role`` participant whose words or canonical name contain ``words``.

    SQLite's LIKE already ignores ASCII case (lower() on both sides would halve its speed);
    PostgreSQL needs ILIKE.
    """
    column = events.c.actor_names if role == "actor" else events.c.recipient_names
    pattern = "%" + _escape_like(words) + "%"
    if dialect == "postgresql":
        return column.ilike(pattern, escape="\\")
    return column.like(pattern, escape="\\")


def _escape_like(words: str) -> str:
    return words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def stories_select(flt: StoryFilter) -> Select:
    stmt = select(stories)
    for column, values in ((stories.c.country, flt.country), (stories.c.type, flt.type),
                           (stories.c.status, flt.status)):
        if values:
            stmt = stmt.where(column.in_(values))
    if flt.since:
        stmt = stmt.where(stories.c.last_reported >= flt.since)
    if flt.until:
        stmt = stmt.where(stories.c.first_reported <= flt.until)
    if flt.min_corroboration:
        stmt = stmt.where(stories.c.corroboration >= flt.min_corroboration)
    stmt = stmt.order_by(stories.c.last_reported.desc().nulls_last(), stories.c.id)
    if flt.limit is not None:
        stmt = stmt.limit(flt.limit)
    return stmt
