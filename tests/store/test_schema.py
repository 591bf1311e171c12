"""Migrations: the shipped scripts build exactly the schema the code queries, and run on open."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import text

from eventwire.store import SCHEMA_REVISION, Store, StoreError, resolve_db_url
from eventwire.store.migrate import current_revision, head_revision, known_revisions
from eventwire.store.schema import metadata


def _search_structures(object_, name, type_, reflected, compare_to):
    # FTS5 tables (and their shadow tables) exist only in migrations, by design.
    return not (name or "").startswith("articles_fts") and name != "alembic_version"


def test_migrations_match_the_metadata(store):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={
            "include_object": _search_structures, "compare_type": True})
        differences = compare_metadata(context, metadata)
    assert differences == []


def test_schema_revision_constant_is_the_newest_script():
    assert head_revision() == SCHEMA_REVISION
    assert SCHEMA_REVISION in known_revisions()


def test_open_creates_and_upgrades(db_path):
    assert not db_path.exists()
    with Store.open(db_path) as store:
        assert current_revision(store.engine) == SCHEMA_REVISION
        assert store.counts()["articles"] == 0


def test_sqlite_runs_in_wal_mode_with_fts5(store, db_path):
    raw = sqlite3.connect(db_path)
    try:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        names = {row[0] for row in raw.execute("SELECT name FROM sqlite_master")}
    finally:
        raw.close()
    assert {"articles_fts", "articles_fts_insert", "ix_events_country_type_sort"} <= names


def test_a_newer_schema_is_refused(db_path):
    with Store.open(db_path) as store:
        with store.engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(StoreError, match="9999.*upgrade eventwire"):
        Store.open(db_path)


def test_locations(tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTWIRE_DB", str(tmp_path / "from-env.db"))
    assert resolve_db_url(None).database == str(tmp_path / "from-env.db")
    assert resolve_db_url(tmp_path / "x.db").database == str(tmp_path / "x.db")
    assert resolve_db_url("postgresql://u@h/db").drivername == "postgresql+psycopg"
    assert resolve_db_url("postgres://u@h/db").drivername == "postgresql+psycopg"
    assert resolve_db_url("postgresql+psycopg2://u@h/db").drivername == "postgresql+psycopg2"
    monkeypatch.delenv("EVENTWIRE_DB")
    default = resolve_db_url(None).database
    assert default.endswith("eventwire.db") and "eventwire" in default.split("/")[-2]


def test_unsupported_database_is_one_line(tmp_path):
    with pytest.raises(StoreError, match="unsupported database"):
        Store.open("mysql://u@h/db")


def test_unwritable_location_is_one_line(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(StoreError) as caught:
        Store.open(blocker / "sub" / "events.db")
    assert "\n" not in str(caught.value)
