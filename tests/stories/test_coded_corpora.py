"""Stories from texts coded by the real Coder (skipped when ../shared is absent)."""

from __future__ import annotations

import time
from datetime import date

import pytest

from eventwire.ingest import read_jsonl, read_text_file
from eventwire.stories import link_stories, story_timeline
from tests.conftest import shared_path


@pytest.fixture(scope="module")
def coder():
    from eventwire.pipeline import Coder

    return Coder()


def test_seed_detention_of_the_two_generals_is_a_denied_story(coder):
    path = shared_path("seed", "mali_coup_plot.txt")
    [result] = list(read_text_file(path, default_pub_date=date(2025, 8, 11)))
    coded = coder.code(result.article)
    stories = link_stories([coded])
    [story] = [s for s in stories if any("Dembele" in c.evidence.text for c in s.claims)
               and s.type == "COERCE"]
    assert story.status == "denied"
    texts = {c.factuality: c.evidence.text for c in story.claims}
    assert "initial reports suggested the detention" in texts["reported"]
    assert "not been apprehended" in texts["denied"]
    assert [r["status"] for r in story_timeline(story, [coded])] == ["reported", "denied"]
    # One article: its events are never merged with each other.
    assert len(stories) == len(coded.events)
    assert all(s.corroboration == 1 for s in stories)


def test_voa_corpus_links_fast_and_never_mixes_types(coder):
    path = shared_path("data", "voa", "voa_stories.jsonl")
    coded = list(coder.code_many(r.article for r in read_jsonl(path) if r.article))
    events = {e.key(c.article.id): e for c in coded for e in c.events}
    started = time.perf_counter()
    stories = link_stories(coded)
    elapsed = time.perf_counter() - started
    assert elapsed < 2.0, f"link_stories took {elapsed:.2f} s"
    assert sorted(e for s in stories for e in s.event_ids) == sorted(events)  # each event once
    for story in stories:
        assert {events[e].type for e in story.event_ids} == {story.type}
        assert len({c.article_id for c in story.claims}) == len(story.event_ids)
    several = [s for s in stories if s.corroboration > 1]
    print(f"\nVOA: {len(coded)} articles, {len(events)} events, {len(stories)} stories, "
          f"{len(several)} reported by several articles, linked in {elapsed:.2f} s")
    assert several  # the train hijacking in Balochistan is told by three articles
