"""The same store on PostgreSQL: migrations, saves, filters, tsvector search, locking.
Skips (saying why) when no PostgreSQL server can be started on this machine."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from eventwire.store import EventFilter, Store, StoreLocked
from eventwire.store.migrate import current_revision
from tests.store import records


@pytest.fixture
def pg_store(postgres_url):
    with Store.open(postgres_url, upgrade=False) as store:
        with store.engine.begin() as connection:  # a clean database for each test
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    with Store.open(postgres_url, timeout=0.5) as store:
        yield store


def test_migrations_and_search_column(pg_store):
    assert current_revision(pg_store.engine) == "0001"
    with pg_store.engine.connect() as connection:
        kinds = dict(connection.execute(text(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'articles'")).all())
    assert "USING gin (search)" in kinds["ix_articles_search"]


def test_save_skip_replace_and_query(pg_store):
    assert pg_store.save(records.kenya()).outcome == "stored"
    assert pg_store.save(records.sudan()).outcome == "stored"
    assert pg_store.save(records.talks()).outcome == "stored"
    assert pg_store.save(records.kenya()).outcome == "skipped"
    assert pg_store.save(records.kenya(codebook_version="t2"), codebook_version="t2").outcome \
        == "replaced"
    assert pg_store.counts()["articles"] == 3 and pg_store.counts()["events"] == 6
    assert pg_store.integrity_problems() == []
    stored = pg_store.events(EventFilter(country="SDN", type="ASSAULT")).items
    assert [s.event for s in stored] == [records.sudan().events[0]]
    assert {s.article.id for s in pg_store.events(EventFilter(actor="POLICE")).items} == {"ken-1"}
    overlap = pg_store.events(EventFilter(since=date(2025, 3, 10), until=date(2025, 3, 12)))
    assert [s.event.type for s in overlap.items] == ["CONSULT"]


def test_full_text_search_in_postgres(pg_store):
    pg_store.save(records.kenya())
    pg_store.save(records.sudan())
    pg_store.save(records.talks())

    def articles(query: str) -> set[str]:
        return {s.article.id for s in pg_store.events(EventFilter(search=query)).items}

    assert articles("protests") == {"ken-1"}  # english stemming
    assert articles('"peace agreement"') == {"talks-1"}
    assert articles("drone or Geneva") == {"sdn-1", "talks-1"}
    assert articles("civilians -drone") == set()


def test_paging_and_frame(pg_store):
    for coded in (records.kenya(), records.sudan(), records.talks()):
        pg_store.save(coded)
    first = pg_store.events(EventFilter(limit=4))
    rest = pg_store.events(EventFilter(limit=4, cursor=first.next_cursor))
    assert len(first.items) == 4 and len(rest.items) == 2 and rest.next_cursor is None
    assert len(pg_store.events_frame(EventFilter(limit=None))) == 6


def test_a_locked_row_gives_store_locked(pg_store, postgres_url):
    pg_store.save(records.kenya())
    holder = Store.open(postgres_url)
    try:
        with holder.engine.connect() as connection:
            transaction = connection.begin()
            connection.execute(text("SELECT * FROM articles WHERE id = 'ken-1' FOR UPDATE"))
            with pytest.raises(StoreLocked, match="locked by another process"):
                pg_store.save(records.kenya(), replace=True)
            transaction.rollback()
    finally:
        holder.close()
    assert pg_store.save(records.kenya(), replace=True).outcome == "replaced"
