"""Story ids: deterministic, and never changed by a later run with more articles."""

from __future__ import annotations

import hashlib

import pytest

from eventwire.stories import link_stories, merge_stories, story_timeline
from tests.stories.build import PROTESTERS, Report, actor, arrest


def corpus():
    attack = Report("x", "2025-03-11", source="Wire B").say(
        "Gunmen killed 5 people at a hotel in Beledweyne on Tuesday.", "ASSAULT", "killed",
        actors=(actor("Gunmen", "SOM", "UAF"),), recipients=(actor("people", "SOM", "CVL"),),
        when="2025-03-11", place="SOM", dead=5).coded()
    return [arrest("a", "2025-03-10", factuality="reported"), attack,
            arrest("b", "2025-03-11", factuality="reported", source="Wire B")]


def test_same_input_gives_the_same_stories():
    assert link_stories(corpus()) == link_stories(corpus())


def test_input_order_does_not_matter_when_publication_dates_differ():
    forward = link_stories(corpus())
    backward = link_stories(list(reversed(corpus())))
    assert sorted((s.id, [c.event_id for c in s.claims], s.status) for s in forward) == \
        sorted((s.id, [c.event_id for c in s.claims], s.status) for s in backward)


def test_story_id_is_a_hash_of_the_earliest_claims_event():
    coded = corpus()
    stories = {s.type: s for s in link_stories(coded)}
    first_event = coded[0].events[0].key("a")
    assert stories["COERCE"].claims[0].event_id == first_event
    expected = "s" + hashlib.sha1(f"story\x1f{first_event}".encode()).hexdigest()[:15]
    assert stories["COERCE"].id == expected
    assert len({s.id for s in stories.values()}) == 2


def test_rerun_with_an_extra_article_extends_stories_and_keeps_their_ids():
    coded = corpus()
    first = link_stories(coded)
    extra = arrest("c", "2025-03-12", source="Wire C")
    second = link_stories(coded + [extra], existing=first)
    assert [s.id for s in second[:len(first)]] == [s.id for s in first]
    arrest_story = next(s for s in second if s.type == "COERCE")
    assert arrest_story.corroboration == 3
    assert [c.article_id for c in arrest_story.claims] == ["a", "b", "c"]  # no claim added twice
    assert arrest_story.status == "confirmed"
    assert len(second) == len(first)


def test_an_earlier_article_arriving_late_does_not_rename_the_story():
    coded = corpus()
    first = link_stories(coded)
    older = arrest("early", "2025-03-09", when="2025-03-10", source="Wire Z")
    second = link_stories([older] + coded, existing=first)
    story = next(s for s in second if s.type == "COERCE")
    assert story.id == next(s for s in first if s.type == "COERCE").id
    assert story.claims[0].article_id == "early"  # ordered by statement date, id unchanged
    # Rebuilt from scratch, the same story would be named after its new earliest claim.
    assert next(s for s in link_stories([older] + coded) if s.type == "COERCE").id != story.id


def test_existing_stories_whose_articles_are_absent_are_kept_as_they_are():
    first = link_stories(corpus())
    unrelated = Report("z", "2025-05-01").say(
        "Police arrested protesters in Kampala.", "COERCE", "arrested", mode="arrest",
        actors=(actor("police", "UGA", "COP"),), recipients=(PROTESTERS,), place="UGA",
        when="2025-05-01").coded()
    second = link_stories([unrelated], existing=first)
    assert second[:len(first)] == first
    assert len(second) == len(first) + 1 and second[-1].corroboration == 1


def test_a_new_article_joins_an_existing_story_only_when_its_events_are_passed():
    coded = corpus()
    first = link_stories(coded)
    extra = arrest("c", "2025-03-12", source="Wire C")
    alone = link_stories([extra], existing=first)
    assert len(alone) == len(first) + 1  # nothing to compare the new report with
    joined = link_stories(coded + [extra], existing=first)
    assert len(joined) == len(first)


def test_a_kept_correction_survives_a_rerun_without_the_events():
    coded = [arrest("a", "2025-03-10", people=12), arrest("b", "2025-03-11", people=30)]
    [story] = link_stories(coded)
    assert story.status == "corrected"
    [again] = link_stories([arrest("c", "2025-03-12", people=30)] + coded, existing=[story])
    assert again.status == "corrected" and again.corroboration == 3


def test_merge_keeps_the_older_id_and_all_claims():
    a = link_stories([arrest("a", "2025-03-10", factuality="reported")])[0]
    b = link_stories([arrest("b", "2025-03-11", factuality="reported", source="Wire B",
                             place="UGA")])[0]
    merged = merge_stories(b, a)
    assert merged.id == a.id
    assert [c.article_id for c in merged.claims] == ["a", "b"]
    assert merged.status == "confirmed"  # two sources now
    assert merge_stories(merged, a).claims == merged.claims  # claims already there are kept once
    assert [r["article_id"] for r in story_timeline(merged)] == ["a", "b"]


def test_merge_refuses_different_types():
    a = link_stories([arrest("a", "2025-03-10")])[0]
    other = next(s for s in link_stories(corpus()) if s.type == "ASSAULT")
    with pytest.raises(ValueError, match="ASSAULT"):
        merge_stories(a, other)
