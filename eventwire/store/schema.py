"""The tables, as SQLAlchemy Core metadata shared by every dialect.

The migration scripts under ``migrations/versions`` create the same tables (a test compares them);
this module is what queries are written against. Dialect-specific search structures (FTS5 in
SQLite, a tsvector column in PostgreSQL) live only in the migrations and in :mod:`.search`, so the
metadata stays portable.

Nested parts of an event that are never filtered on (actor lists, spans) are JSON; the parts that
are filtered on are plain columns, some of them flattened copies (first actor's country) so a
filter is an indexed comparison rather than a JSON probe.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON, Boolean, Column, Date, DateTime, Float, ForeignKey, Index, Integer, MetaData, String,
    Table, Text, UniqueConstraint,
)

# Stable constraint names so migrations can refer to them on every backend.
metadata = MetaData(naming_convention={
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
})

articles = Table(
    "articles", metadata,
    # An integer key so SQLite's FTS5 external-content table has a rowid that never moves.
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("id", String(200), nullable=False, unique=True),
    Column("source", String(300)),
    Column("url", String(2000)),
    Column("title", Text),
    Column("pub_date", Date),
    Column("language", String(16), nullable=False, default="en"),
    Column("content_hash", String(64), nullable=False),
    Column("text", Text, nullable=False),
    Column("origin", Text),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Column("codebook_version", String(64)),
    Column("focus_country", String(3)),
    Column("warnings", JSON),
    # Written in the same transaction as the events, so a reader can check none went missing.
    Column("event_count", Integer, nullable=False, default=0),
    # False until story linking has seen this version of the article's events.
    Column("linked", Boolean, nullable=False, default=False),
    Index("ix_articles_url", "url"),
    Index("ix_articles_content_hash", "content_hash"),
    Index("ix_articles_linked", "linked"),
)

events = Table(
    "events", metadata,
    Column("id", String(32), primary_key=True),
    Column("article_id", String(200), ForeignKey("articles.id", ondelete="CASCADE"),
           nullable=False),
    Column("seq", Integer, nullable=False),  # position in the article's coded output
    Column("type", String(32), nullable=False),
    Column("mode", String(64)),
    Column("context", JSON),
    Column("actor", JSON),
    Column("recipient", JSON),
    Column("actor_text", Text),
    Column("actor_country", String(3)),
    Column("actor_sector", String(8)),
    Column("recipient_text", Text),
    Column("recipient_country", String(3)),
    Column("recipient_sector", String(8)),
    # Every actor's (recipient's) words and canonical name, " | "-joined: what --actor searches.
    # One column scan beats joining event_entities and entities for a substring match.
    Column("actor_names", Text),
    Column("recipient_names", Text),
    # Where the event is about: location country, else first actor's, else the article's focus.
    Column("country", String(3)),
    Column("date", String(10)),
    Column("date_precision", String(8)),
    # The days the event may have happened on: the coded date's period, else the publication day.
    Column("date_from", Date),
    Column("date_to", Date),
    # ISO date_from or "" (unknown): a non-null sort key that orders the same on every backend.
    Column("sort_day", String(10), nullable=False),
    Column("location_text", Text),
    Column("location_name", Text),
    Column("location_country", String(3)),
    Column("location_admin1", Text),
    Column("location_lat", Float),
    Column("location_lon", Float),
    Column("location_precision", String(8)),
    Column("factuality", String(16), nullable=False),
    Column("attribution", Text),
    Column("quantity_people", Integer),
    Column("quantity_dead", Integer),
    Column("quantity_injured", Integer),
    Column("evidence_text", Text, nullable=False),
    Column("evidence_start", Integer, nullable=False),
    Column("evidence_end", Integer, nullable=False),
    Column("trigger_text", Text, nullable=False),
    Column("trigger_start", Integer, nullable=False),
    Column("trigger_end", Integer, nullable=False),
    Column("confidence", Float, nullable=False),
    Column("acled_event_type", String(64)),
    Column("acled_sub_event_type", String(64)),
    Column("codebook_version", String(64)),
    # Everything else needed to rebuild the Event exactly: spans of date, cue, attribution,
    # quantity, the date note, location offsets and kind, quantity qualifiers.
    Column("detail", JSON),
    Index("ix_events_article_id", "article_id"),
    # The listing order, carrying the participant names so an --actor search scans this narrow
    # index in order instead of the wide table rows (8x faster over 100k events).
    Index("ix_events_sort", "sort_day", "id", "actor_names", "recipient_names"),
    Index("ix_events_country_type_sort", "country", "type", "sort_day"),
    Index("ix_events_type_sort", "type", "sort_day"),
    Index("ix_events_factuality_sort", "factuality", "sort_day"),
    Index("ix_events_actor_country", "actor_country"),
)

entities = Table(
    "entities", metadata,
    Column("entity_id", String(128), primary_key=True),
    Column("name", Text, nullable=False),
    Column("country", String(3)),
    Column("sector", String(8)),
    Column("kind", String(16)),
    Index("ix_entities_name", "name"),
)

event_entities = Table(
    "event_entities", metadata,
    Column("event_id", String(32), ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("role", String(16), primary_key=True),  # "actor" or "recipient"
    Column("position", Integer, primary_key=True),
    Column("entity_id", String(128), ForeignKey("entities.entity_id"), nullable=False),
    Column("text", Text, nullable=False),  # the words in this article, not the canonical name
    Index("ix_event_entities_entity", "entity_id", "role"),
)

claims = Table(
    "claims", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(32), ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("article_id", String(200), ForeignKey("articles.id", ondelete="CASCADE"),
           nullable=False),
    Column("factuality", String(16), nullable=False),
    Column("attribution", Text),
    Column("source", String(300)),
    Column("stated_on", Date),
    UniqueConstraint("event_id", "article_id"),
    Index("ix_claims_article_id", "article_id"),
)

stories = Table(
    "stories", metadata,
    Column("id", String(64), primary_key=True),
    Column("type", String(32), nullable=False),
    Column("mode", String(64)),
    Column("status", String(16), nullable=False),
    Column("country", String(3)),
    Column("first_reported", Date),
    Column("last_reported", Date),
    Column("corroboration", Integer, nullable=False, default=0),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Index("ix_stories_last_reported", "last_reported"),
    Index("ix_stories_type_country", "type", "country"),
)

story_events = Table(
    "story_events", metadata,
    Column("story_id", String(64), ForeignKey("stories.id", ondelete="CASCADE"),
           primary_key=True),
    # An event belongs to at most one story, hence unique.
    Column("event_id", String(32), ForeignKey("events.id", ondelete="CASCADE"), primary_key=True,
           unique=True),
)
