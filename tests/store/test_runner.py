"""The ingest run without spaCy: a stand-in coder returns hand-built records, a stand-in linker
records what it is given. Checks the summary, skipping before coding, and story linking."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from eventwire.ingest.errors import ReadResult, failed, succeeded
from eventwire.records import Article, Claim, CodedArticle, Story
from eventwire.store import EventFilter, StoryFilter
from eventwire.store.runner import Ingest
from tests.store import records


@dataclass
class _Book:
    version: str


class FakeCoder:
    """Codes by looking the article up in a table of ready-made records."""

    def __init__(self, coded: list[CodedArticle], version: str = records.CODEBOOK) -> None:
        self.codebook = _Book(version)
        self.by_text = {c.article.text: c for c in coded}
        self.coded_ids: list[str] = []

    def code_many(self, articles):
        for article in articles:
            self.coded_ids.append(article.id)
            ready = self.by_text[article.text]
            yield CodedArticle(article=article, events=list(ready.events),
                               focus_country=ready.focus_country)


def one_story_per_type(coded: list[CodedArticle], existing: list[Story] = ()) -> list[Story]:
    """A stand-in linker: every event of a type joins that type's story."""
    stories = {s.type: Story(id=s.id, type=s.type, mode=s.mode, event_ids=list(s.event_ids),
                             claims=list(s.claims), country=s.country) for s in existing}
    for c in coded:
        for event in c.events:
            story = stories.setdefault(event.type, Story(id=f"story-{event.type.lower()}",
                                                         type=event.type, mode=event.mode))
            event_id = event.key(c.article.id)
            if event_id not in story.event_ids:
                story.event_ids.append(event_id)
                story.claims.append(Claim(event_id=event_id, article_id=c.article.id,
                                          factuality=event.factuality, evidence=event.evidence,
                                          stated_on=c.article.pub_date))
    return list(stories.values())


def results(*coded: CodedArticle) -> list[ReadResult]:
    return [succeeded(c.article) for c in coded]


def test_summary_and_skip_before_coding(store):
    kenya, sudan = records.kenya(), records.sudan()
    coder = FakeCoder([kenya, sudan])
    reported = []
    first = Ingest(store, coder, linker=False, report=reported.append).run(
        [*results(kenya, sudan), failed("corpus.jsonl", 3, "malformed JSON")])
    assert (first.read, first.stored, first.skipped, first.replaced, first.errors,
            first.events) == (2, 2, 0, 0, 1, 5)
    assert [str(p) for p in reported] == ["corpus.jsonl:3: malformed JSON"]
    assert "stories not linked" in first.linking_note
    coder.coded_ids.clear()
    second = Ingest(store, coder, linker=False).run(results(kenya, sudan))
    assert (second.read, second.stored, second.skipped) == (2, 0, 2)
    assert coder.coded_ids == []  # nothing was coded again


def test_a_new_codebook_version_recodes(store):
    Ingest(store, FakeCoder([records.kenya()]), linker=False).run(results(records.kenya()))
    summary = Ingest(store, FakeCoder([records.kenya()], version="test-2"), linker=False).run(
        results(records.kenya()))
    assert (summary.stored, summary.replaced, summary.skipped) == (0, 1, 0)
    assert store.article("ken-1") is not None and store.counts()["articles"] == 1


def test_the_same_article_twice_in_one_run(store):
    coder = FakeCoder([records.kenya()])
    summary = Ingest(store, coder, linker=False).run(results(records.kenya(), records.kenya()))
    assert (summary.read, summary.stored, summary.skipped) == (2, 1, 1)


def test_stories_are_linked_and_grown_across_runs(store):
    seen: list[tuple[list[str], list[str]]] = []

    def linker(coded, existing):
        seen.append(([c.article.id for c in coded], [s.id for s in existing]))
        return one_story_per_type(coded, existing)

    first = Ingest(store, FakeCoder([records.kenya()]), linker=linker).run(
        results(records.kenya()))
    assert first.stories == 3 and store.counts()["unlinked_articles"] == 0
    later = records.kenya(article_id="ken-2", url="https://news.test/kenya-2",
                          text=records.KENYA_TEXT + " More later.", pub_date=date(2025, 8, 20))
    second = Ingest(store, FakeCoder([later]), linker=linker).run(results(later))
    # The second run hands the linker the new article and, as context, the stored one behind
    # the candidate stories.
    assert seen[-1][0] == ["ken-2", "ken-1"]
    assert sorted(seen[-1][1]) == ["story-accuse", "story-assault", "story-coerce"]
    assert second.stories == 3
    [story] = store.stories(StoryFilter(type="COERCE"))
    assert story.corroboration == 2 and len(story.event_ids) == 2
    assert {e.article.id for e in store.events(EventFilter(story_id=story.id)).items} == \
        {"ken-1", "ken-2"}


def test_articles_saved_but_not_linked_are_linked_next_time(store):
    """As after a run killed between saving and linking."""
    Ingest(store, FakeCoder([records.kenya()]), linker=False).run(results(records.kenya()))
    assert store.counts()["unlinked_articles"] == 1
    summary = Ingest(store, FakeCoder([]), linker=one_story_per_type).run([])
    assert summary.stories == 3 and store.counts()["unlinked_articles"] == 0


def test_a_failing_linker_loses_nothing(store):
    def broken(coded, existing):
        raise KeyError("boom")

    summary = Ingest(store, FakeCoder([records.kenya()]), linker=broken).run(
        results(records.kenya()))
    assert summary.stored == 1 and store.counts()["events"] == 3
    assert "story linking failed (KeyError" in summary.linking_note
    assert store.counts()["unlinked_articles"] == 1  # tried again on the next run


def test_known_urls_count_as_skipped(store):
    runner = Ingest(store, FakeCoder([records.kenya()]), linker=False)
    runner.run(results(records.kenya()))
    assert runner.already_stored("https://news.test/kenya-arrests")
    assert not runner.already_stored("https://news.test/unknown")
    assert runner.summary.skipped == 1
    replacing = Ingest(store, FakeCoder([records.kenya()]), replace=True, linker=False)
    assert not replacing.already_stored("https://news.test/kenya-arrests")


def test_article_id_collision_keeps_story_links_consistent(store):
    """Two corpora reuse an id: the second article is stored under a suffixed id, and its
    events are keyed and linked under that id."""
    Ingest(store, FakeCoder([records.kenya(article_id="a")]), linker=one_story_per_type).run(
        results(records.kenya(article_id="a")))
    other = records.sudan(article_id="a")
    Ingest(store, FakeCoder([other]), linker=one_story_per_type).run(results(other))
    [assault] = store.stories(StoryFilter(type="ASSAULT"))
    stored_ids = {e.id for e in store.events(EventFilter(type="ASSAULT", limit=None)).items}
    assert set(assault.event_ids) == stored_ids and len(stored_ids) == 2


@pytest.mark.parametrize("bad", ["", "   "])
def test_blank_filters_mean_any(store, bad):
    store.save(records.kenya())
    assert len(store.events(EventFilter(actor=bad, search=bad)).items) == 3


def test_entity_and_recipient_filters(store):
    store.save(records.kenya())
    store.save(records.sudan())
    rsf = store.events(EventFilter(actor="Rapid Support")).items[0].event.actor[0]
    assert rsf.entity_id is None  # the hand-built actor has none: the store made the key
    by_entity = store.events(EventFilter(entity_id="rapid-support-forces.sdn.reb")).items
    assert sorted(e.event.type for e in by_entity) == ["ACCUSE", "ASSAULT"]
    assert [e.event.type for e in store.events(EventFilter(recipient="crowd")).items] == \
        ["ASSAULT"]


def test_article_without_text_match_is_not_coded_twice(store):
    article = Article(id="x", text="Nothing happened today in the capital.", url=None)
    coder = FakeCoder([CodedArticle(article=article)])
    Ingest(store, coder, linker=False).run([succeeded(article)])
    Ingest(store, coder, linker=False).run([succeeded(article)])
    assert coder.coded_ids == ["x"]
