"""Saving coded articles: stored once, skipped when unchanged, replaced atomically when re-coded."""

from __future__ import annotations

from dataclasses import replace

import pytest

from eventwire.records import Article, CodedArticle
from eventwire.store import EventFilter, Store
from eventwire.store import store as store_module
from tests.store import records


def test_save_then_read_back_every_field(store):
    coded = records.kenya()
    result = store.save(coded)
    assert result.outcome == "stored"
    assert result.event_ids == [e.key("ken-1") for e in coded.events]
    for original, event_id in zip(coded.events, result.event_ids):
        stored = store.event(event_id)
        assert stored is not None
        # The stored event rebuilds the coded one exactly, offsets and all.
        assert stored.event == original
        assert stored.to_dict()["type"] == original.type
        assert stored.article.url == "https://news.test/kenya-arrests"
    assert store.article("ken-1").text == records.KENYA_TEXT
    again = store.coded_article("ken-1")
    assert again.events == coded.events and again.focus_country == "KEN"


def test_counts_cover_every_table(store):
    store.save(records.kenya())
    store.save(records.sudan())
    counts = store.counts()
    assert counts["articles"] == 2
    assert counts["events"] == 5
    assert counts["claims"] == 5  # one claim per event: the article reporting it
    # Rapid Support Forces appears twice (actor, then recipient) but is one entity.
    assert counts["entities"] == 8
    assert counts["unlinked_articles"] == 2


def test_same_article_twice_is_skipped(store):
    assert store.save(records.kenya()).outcome == "stored"
    before = store.counts()
    assert store.save(records.kenya()).outcome == "skipped"
    assert store.counts() == before
    assert store.is_current(records.kenya().article, records.CODEBOOK)
    assert not store.is_current(records.kenya().article, "test-2")


def test_identity_is_the_url_not_the_input_id(store):
    store.save(records.kenya(article_id="ken-1"))
    # Same URL under another corpus's id: the same article.
    assert store.save(records.kenya(article_id="other-7")).outcome == "skipped"
    assert store.counts()["articles"] == 1


def test_identity_without_url_is_the_text(store):
    store.save(records.talks(url=None))
    assert store.save(records.talks(article_id="renamed", url=None)).outcome == "skipped"
    assert store.counts()["articles"] == 1


def test_an_id_taken_by_another_article_gets_a_suffix(store):
    store.save(records.kenya(article_id="a-1"))
    result = store.save(records.sudan(article_id="a-1"))
    assert result.outcome == "stored"
    assert result.article_id.startswith("a-1~") and result.article_id != "a-1"
    assert store.article(result.article_id).title.startswith("Drone strike")
    assert all(store.event(i).article.id == result.article_id for i in result.event_ids)


def test_new_codebook_version_replaces_the_events(store):
    first = store.save(records.kenya())
    recoded = records.kenya(codebook_version="test-2")
    recoded.events = recoded.events[:1]  # the new codebook finds one event only
    result = store.save(recoded, codebook_version="test-2")
    assert result.outcome == "replaced"
    assert result.article_id == first.article_id
    assert store.counts()["events"] == 1 and store.counts()["claims"] == 1
    assert store.event(first.event_ids[2]) is None
    assert store.event(result.event_ids[0]).event.codebook_version == "test-2"
    assert store.integrity_problems() == []


def test_changed_text_at_the_same_url_replaces(store):
    store.save(records.kenya())
    edited = records.kenya(text=records.KENYA_TEXT + " Updated at 18:00.")
    assert store.save(edited).outcome == "replaced"
    assert store.article("ken-1").text.endswith("Updated at 18:00.")
    assert store.counts()["articles"] == 1


def test_replace_forces_recoding(store):
    store.save(records.kenya())
    assert store.save(records.kenya(), replace=True).outcome == "replaced"
    assert store.counts()["events"] == 3


def test_a_failed_replace_leaves_the_old_events(store, monkeypatch):
    """Delete-old and insert-new are one transaction: a crash between them loses nothing."""
    original = store.save(records.kenya())

    def crash(*args, **kwargs):
        raise RuntimeError("killed between delete and insert")

    monkeypatch.setattr(store_module, "_insert_events", crash)
    with pytest.raises(RuntimeError):
        store.save(records.kenya(codebook_version="test-2"), codebook_version="test-2")
    monkeypatch.undo()
    assert [s.id for s in store.events(EventFilter(limit=None)).items] != []
    assert {s.id for s in store.events(EventFilter(limit=None)).items} == set(original.event_ids)
    assert store.coded_article("ken-1").events == records.kenya().events
    assert store.is_current(records.kenya().article, records.CODEBOOK)


def test_duplicate_event_keys_within_an_article_get_distinct_ids(store):
    coded = records.kenya()
    coded.events.append(replace(coded.events[0], confidence=0.3))
    result = store.save(coded)
    assert len(set(result.event_ids)) == 4
    assert result.event_ids[3] == result.event_ids[0] + "-2"


def test_article_without_events_is_stored(store):
    article = Article(id="quiet", text="Markets were calm on Monday.", url="https://news.test/q")
    result = store.save(CodedArticle(article=article), codebook_version="test-1")
    assert result.outcome == "stored" and result.event_ids == []
    assert store.is_current(article, "test-1")


def test_reopening_keeps_the_data(db_path):
    with Store.open(db_path) as first:
        first.save(records.kenya())
    with Store.open(db_path) as second:
        assert second.counts()["events"] == 3


def test_source_override_is_recorded_on_article_and_claims(store):
    store.save(records.kenya(), source="Feed Title")
    stored = store.events(EventFilter()).items[0]
    assert stored.article.source == "Feed Title"
