"""Listing events: every filter, paging, full-text search, DataFrames, stories."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.records import Claim, Story
from eventwire.store import EventFilter, StoreError, StoryFilter
from tests.store import records


@pytest.fixture
def filled(store):
    store.save(records.kenya())
    store.save(records.sudan())
    store.save(records.talks())
    return store


def types(store, **kwargs) -> list[tuple[str, str]]:
    return sorted((s.event.type, s.article.id) for s in store.events(EventFilter(**kwargs)).items)


def test_country_filter_uses_where_it_happened(filled):
    assert types(filled, country="SDN") == [("ACCUSE", "sdn-1"), ("ASSAULT", "sdn-1")]
    # The Geneva talks are filed under Switzerland (the place), not the actors' Armenia.
    assert types(filled, country="che") == [("CONSULT", "talks-1")]
    assert types(filled, country=["ARM"]) == []


def test_type_mode_and_factuality(filled):
    assert types(filled, type="assault") == [("ASSAULT", "ken-1"), ("ASSAULT", "sdn-1")]
    assert types(filled, type=["ASSAULT"], mode="aerial") == [("ASSAULT", "sdn-1")]
    assert types(filled, factuality="asserted") == [("ACCUSE", "ken-1"), ("ACCUSE", "sdn-1")]


def test_actor_and_recipient_words(filled):
    assert types(filled, actor="police") == [("COERCE", "ken-1")]
    # Canonical names match too: "the RSF" in the text is the Rapid Support Forces.
    assert types(filled, recipient="rapid support") == [("ACCUSE", "sdn-1")]
    assert types(filled, actor="100%_") == []  # LIKE wildcards are literal


def test_date_range_overlaps_the_coded_period(filled):
    # "March 2025" (month precision) overlaps a range inside March.
    assert types(filled, since=date(2025, 3, 10), until=date(2025, 3, 12)) == \
        [("CONSULT", "talks-1")]
    assert types(filled, since=date(2025, 8, 11)) == \
        [("ACCUSE", "ken-1"), ("ASSAULT", "ken-1"), ("COERCE", "ken-1")]
    # Undated events count from their article's publication day (Odinga, 2025-08-13).
    assert types(filled, since=date(2025, 8, 12)) == [("ACCUSE", "ken-1"), ("ASSAULT", "ken-1")]
    assert types(filled, until=date(2025, 4, 1)) == [("CONSULT", "talks-1")]


def test_bad_range_is_an_error():
    with pytest.raises(StoreError, match="after until"):
        EventFilter(since=date(2025, 5, 1), until=date(2025, 4, 1))


def test_full_text_search(filled):
    assert {a for _, a in types(filled, search="drone")} == {"sdn-1"}
    assert {a for _, a in types(filled, search="protests")} == {"ken-1"}  # stemmed
    assert {a for _, a in types(filled, search='"peace agreement"')} == {"talks-1"}
    assert {a for _, a in types(filled, search='"agreement peace"')} == set()
    assert {a for _, a in types(filled, search="drone OR Geneva")} == {"sdn-1", "talks-1"}
    assert {a for _, a in types(filled, search="civilians -drone")} == set()
    assert {a for _, a in types(filled, search="market civilians")} == {"sdn-1"}


def test_search_syntax_cannot_break_the_query(filled):
    assert types(filled, search='NEAR( "unbalanced * title:x') == []
    with pytest.raises(StoreError, match="no words"):
        filled.events(EventFilter(search="-drone"))


def test_paging_returns_everything_once_newest_first(filled):
    seen, cursor, pages = [], None, 0
    while True:
        page = filled.events(EventFilter(limit=2, cursor=cursor))
        seen += page.items
        pages += 1
        cursor = page.next_cursor
        if cursor is None:
            break
    assert pages == 3
    assert len(seen) == len({s.id for s in seen}) == 6
    days = [s.event.date.value or s.article.pub_date.isoformat() for s in seen]
    assert days[0] == "2025-08-13" and days[-1] == "2025-03"
    assert filled.count_events() == 6
    assert filled.count_events(EventFilter(country="KEN")) == 3


def test_bad_cursor_is_a_clear_error(filled):
    with pytest.raises(StoreError, match="invalid cursor"):
        filled.events(EventFilter(cursor="%%%"))


def test_event_by_prefix(filled):
    full = filled.events(EventFilter(country="CHE")).items[0].id
    assert filled.event(full[:8]).id == full
    assert filled.event("zzzzzzzz") is None


def test_events_frame(filled):
    frame = filled.events_frame(EventFilter(country="KEN", limit=None))
    assert len(frame) == 3
    assert set(frame["type"]) == {"COERCE", "ACCUSE", "ASSAULT"}
    row = frame[frame["type"] == "COERCE"].iloc[0]
    assert row["actor_text"] == "Kenyan police" and row["location_lat"] == pytest.approx(-1.2833)
    assert row["actor"][0]["country"] == "KEN"
    assert str(row["date_from"]) == "2025-08-11"
    assert filled.events_frame(EventFilter(country="XXX", limit=None)).empty


def _story(store, story_id: str, event_ids: list[str], article_id: str) -> Story:
    events = [store.event(e) for e in event_ids]
    claims = [Claim(event_id=s.id, article_id=article_id, factuality="asserted",
                    evidence=s.event.evidence, source="Second Wire", stated_on=date(2025, 8, 14))
              for s in events]
    return Story(id=story_id, type=events[0].event.type, mode=events[0].event.mode,
                 event_ids=event_ids, claims=claims, status="confirmed", country="KEN",
                 first_reported=date(2025, 8, 13), last_reported=date(2025, 8, 14))


def test_stories_are_saved_and_read_back(filled):
    kenya_ids = [s.id for s in filled.events(EventFilter(country="KEN")).items]
    arrest = next(i for i in kenya_ids if filled.event(i).event.type == "COERCE")
    assert filled.save_stories([_story(filled, "story-1", [arrest], "ken-1")], ["ken-1"]) == 1
    [story] = filled.stories(StoryFilter(country="KEN"))
    assert story.id == "story-1" and story.event_ids == [arrest]
    assert story.status == "confirmed" and story.corroboration == 1
    assert story.claims[0].source == "Second Wire"  # the claim row was updated, not duplicated
    assert filled.counts()["claims"] == 6
    assert filled.events(EventFilter(story_id="story-1")).items[0].id == arrest
    assert filled.event(arrest).story_id == "story-1"
    assert filled.counts()["unlinked_articles"] == 2  # ken-1 is now linked


def test_an_event_moves_to_its_new_story_and_empty_stories_go(filled):
    arrest = next(s.id for s in filled.events(EventFilter(type="COERCE")).items)
    filled.save_stories([_story(filled, "old", [arrest], "ken-1")])
    filled.save_stories([_story(filled, "new", [arrest], "ken-1")])
    assert [s.id for s in filled.stories()] == ["new"]
    assert filled.story("old") is None


def test_story_filters(filled):
    arrest = next(s.id for s in filled.events(EventFilter(type="COERCE")).items)
    filled.save_stories([_story(filled, "s", [arrest], "ken-1")])
    assert filled.stories(StoryFilter(type="COERCE", status="confirmed"))[0].id == "s"
    assert filled.stories(StoryFilter(since=date(2025, 9, 1))) == []
    assert filled.stories(StoryFilter(min_corroboration=2)) == []


def test_candidate_stories_and_their_articles(filled):
    arrest = next(s.id for s in filled.events(EventFilter(type="COERCE")).items)
    filled.save_stories([_story(filled, "s", [arrest], "ken-1")])
    later = records.kenya(article_id="ken-2", url="https://news.test/kenya-2",
                          pub_date=date(2025, 8, 20))
    [candidate] = filled.candidate_stories([later])
    assert candidate.id == "s"
    [behind] = filled.story_articles([candidate])
    # Only the event that is in the story comes along, so the others are not re-placed.
    assert behind.article.id == "ken-1" and [e.type for e in behind.events] == ["COERCE"]
    far_later = records.kenya(article_id="ken-3", pub_date=date(2026, 1, 1))
    assert filled.candidate_stories([far_later]) == []
