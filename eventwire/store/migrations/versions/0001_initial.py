"""Initial schema: articles, events, entities, claims, stories, and full-text search.

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# SQLite: an external-content FTS5 index (the text is stored once, in articles) kept in step by
# triggers. Porter stemming so "protests" finds "protesters", like PostgreSQL's english config.
_SQLITE_FTS = [
    "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', "
    "content_rowid='pk', tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN "
    "INSERT INTO articles_fts(rowid, title, text) VALUES (new.pk, new.title, new.text); END",
    "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN "
    "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
    "VALUES ('delete', old.pk, old.title, old.text); END",
    "CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN "
    "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
    "VALUES ('delete', old.pk, old.title, old.text); "
    "INSERT INTO articles_fts(rowid, title, text) VALUES (new.pk, new.title, new.text); END",
]

# PostgreSQL: a generated tsvector (titles weigh more) with a GIN index.
_POSTGRES_FTS = [
    "ALTER TABLE articles ADD COLUMN search tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('english', text), 'B')) STORED",
    "CREATE INDEX ix_articles_search ON articles USING gin (search)",
]


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("pk", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("id", sa.String(200), nullable=False),
        sa.Column("source", sa.String(300)),
        sa.Column("url", sa.String(2000)),
        sa.Column("title", sa.Text()),
        sa.Column("pub_date", sa.Date()),
        sa.Column("language", sa.String(16), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("origin", sa.Text()),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("codebook_version", sa.String(64)),
        sa.Column("focus_country", sa.String(3)),
        sa.Column("warnings", sa.JSON()),
        sa.Column("event_count", sa.Integer(), nullable=False),
        sa.Column("linked", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("pk", name="pk_articles"),
        sa.UniqueConstraint("id", name="uq_articles_id"),
    )
    op.create_index("ix_articles_url", "articles", ["url"])
    op.create_index("ix_articles_content_hash", "articles", ["content_hash"])
    op.create_index("ix_articles_linked", "articles", ["linked"])

    op.create_table(
        "events",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("article_id", sa.String(200), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("mode", sa.String(64)),
        sa.Column("context", sa.JSON()),
        sa.Column("actor", sa.JSON()),
        sa.Column("recipient", sa.JSON()),
        sa.Column("actor_text", sa.Text()),
        sa.Column("actor_country", sa.String(3)),
        sa.Column("actor_sector", sa.String(8)),
        sa.Column("recipient_text", sa.Text()),
        sa.Column("recipient_country", sa.String(3)),
        sa.Column("recipient_sector", sa.String(8)),
        sa.Column("actor_names", sa.Text()),
        sa.Column("recipient_names", sa.Text()),
        sa.Column("country", sa.String(3)),
        sa.Column("date", sa.String(10)),
        sa.Column("date_precision", sa.String(8)),
        sa.Column("date_from", sa.Date()),
        sa.Column("date_to", sa.Date()),
        sa.Column("sort_day", sa.String(10), nullable=False),
        sa.Column("location_text", sa.Text()),
        sa.Column("location_name", sa.Text()),
        sa.Column("location_country", sa.String(3)),
        sa.Column("location_admin1", sa.Text()),
        sa.Column("location_lat", sa.Float()),
        sa.Column("location_lon", sa.Float()),
        sa.Column("location_precision", sa.String(8)),
        sa.Column("factuality", sa.String(16), nullable=False),
        sa.Column("attribution", sa.Text()),
        sa.Column("quantity_people", sa.Integer()),
        sa.Column("quantity_dead", sa.Integer()),
        sa.Column("quantity_injured", sa.Integer()),
        sa.Column("evidence_text", sa.Text(), nullable=False),
        sa.Column("evidence_start", sa.Integer(), nullable=False),
        sa.Column("evidence_end", sa.Integer(), nullable=False),
        sa.Column("trigger_text", sa.Text(), nullable=False),
        sa.Column("trigger_start", sa.Integer(), nullable=False),
        sa.Column("trigger_end", sa.Integer(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("acled_event_type", sa.String(64)),
        sa.Column("acled_sub_event_type", sa.String(64)),
        sa.Column("codebook_version", sa.String(64)),
        sa.Column("detail", sa.JSON()),
        sa.PrimaryKeyConstraint("id", name="pk_events"),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE",
                                name="fk_events_article_id_articles"),
    )
    op.create_index("ix_events_article_id", "events", ["article_id"])
    op.create_index("ix_events_sort", "events",
                    ["sort_day", "id", "actor_names", "recipient_names"])
    op.create_index("ix_events_country_type_sort", "events", ["country", "type", "sort_day"])
    op.create_index("ix_events_type_sort", "events", ["type", "sort_day"])
    op.create_index("ix_events_factuality_sort", "events", ["factuality", "sort_day"])
    op.create_index("ix_events_actor_country", "events", ["actor_country"])

    op.create_table(
        "entities",
        sa.Column("entity_id", sa.String(128), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("country", sa.String(3)),
        sa.Column("sector", sa.String(8)),
        sa.Column("kind", sa.String(16)),
        sa.PrimaryKeyConstraint("entity_id", name="pk_entities"),
    )
    op.create_index("ix_entities_name", "entities", ["name"])

    op.create_table(
        "event_entities",
        sa.Column("event_id", sa.String(32), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("entity_id", sa.String(128), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("event_id", "role", "position", name="pk_event_entities"),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], ondelete="CASCADE",
                                name="fk_event_entities_event_id_events"),
        sa.ForeignKeyConstraint(["entity_id"], ["entities.entity_id"],
                                name="fk_event_entities_entity_id_entities"),
    )
    op.create_index("ix_event_entities_entity", "event_entities", ["entity_id", "role"])

    op.create_table(
        "claims",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("event_id", sa.String(32), nullable=False),
        sa.Column("article_id", sa.String(200), nullable=False),
        sa.Column("factuality", sa.String(16), nullable=False),
        sa.Column("attribution", sa.Text()),
        sa.Column("source", sa.String(300)),
        sa.Column("stated_on", sa.Date()),
        sa.PrimaryKeyConstraint("id", name="pk_claims"),
        sa.UniqueConstraint("event_id", "article_id", name="uq_claims_event_id_article_id"),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], ondelete="CASCADE",
                                name="fk_claims_event_id_events"),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE",
                                name="fk_claims_article_id_articles"),
    )
    op.create_index("ix_claims_article_id", "claims", ["article_id"])

    op.create_table(
        "stories",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("mode", sa.String(64)),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("country", sa.String(3)),
        sa.Column("first_reported", sa.Date()),
        sa.Column("last_reported", sa.Date()),
        sa.Column("corroboration", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_stories"),
    )
    op.create_index("ix_stories_last_reported", "stories", ["last_reported"])
    op.create_index("ix_stories_type_country", "stories", ["type", "country"])

    op.create_table(
        "story_events",
        sa.Column("story_id", sa.String(64), nullable=False),
        sa.Column("event_id", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("story_id", "event_id", name="pk_story_events"),
        sa.UniqueConstraint("event_id", name="uq_story_events_event_id"),
        sa.ForeignKeyConstraint(["story_id"], ["stories.id"], ondelete="CASCADE",
                                name="fk_story_events_story_id_stories"),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], ondelete="CASCADE",
                                name="fk_story_events_event_id_events"),
    )

    search_ddl = {"sqlite": _SQLITE_FTS, "postgresql": _POSTGRES_FTS}
    for statement in search_ddl.get(op.get_bind().dialect.name, []):
        op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for trigger in ("articles_fts_insert", "articles_fts_delete", "articles_fts_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS articles_fts")
    for table in ("story_events", "stories", "claims", "event_entities", "entities", "events",
                  "articles"):
        op.drop_table(table)
