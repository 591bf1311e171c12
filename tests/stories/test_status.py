"""Claim status over time: reported, confirmed, denied, corrected; and the timeline."""

from __future__ import annotations

from eventwire.stories import StoryConfig, link_stories, story_timeline
from tests.stories.build import DEMONSTRATORS, KENYAN_POLICE, PROTESTERS, Report, actor, arrest

DENIAL = "The interior ministry said no protesters were arrested in Nairobi on Monday."


def statuses(story, coded=()):
    return [row["status"] for row in story_timeline(story, coded)]


def test_a_single_reported_claim_is_reported():
    [story] = link_stories([arrest("a", "2025-03-10", factuality="reported", attribution="witnesses")])
    assert story.status == "reported"
    assert story.claims[0].attribution == "witnesses"
    assert story.claims[0].factuality == "reported"


def test_an_asserted_report_confirms():
    [story] = link_stories([arrest("a", "2025-03-10")])
    assert story.status == "confirmed"


def test_a_second_source_confirms_a_reported_story():
    coded = [arrest("a", "2025-03-10", factuality="reported", source="Wire A"),
             arrest("b", "2025-03-11", factuality="alleged", source="Wire B")]
    [story] = link_stories(coded)
    assert story.status == "confirmed"
    assert statuses(story) == ["reported", "confirmed"]
    assert "second source (Wire B)" in story_timeline(story)[1]["reason"]


def test_the_same_source_twice_does_not_confirm():
    coded = [arrest("a", "2025-03-10", factuality="reported", source="Wire A"),
             arrest("b", "2025-03-11", factuality="reported", source="Wire A")]
    [story] = link_stories(coded)
    assert story.corroboration == 2
    assert story.status == "reported"


def test_unknown_sources_are_not_counted_as_distinct():
    coded = [arrest("a", "2025-03-10", factuality="reported", source=None),
             arrest("b", "2025-03-11", factuality="reported", source=None)]
    [story] = link_stories(coded)
    assert story.status == "reported"


def test_a_later_denial_from_another_article_denies_and_keeps_both_texts():
    claim = arrest("a", "2025-03-10", factuality="reported")
    denial = Report("b", "2025-03-11", source="Wire B").say(
        DENIAL, "COERCE", "arrested", mode="arrest", actors=(actor("police", "KEN", "COP"),),
        recipients=(PROTESTERS,), when="2025-03-10", place="KEN", factuality="negated").coded()
    [story] = link_stories([denial, claim])  # input order does not matter: statement dates do
    assert story.status == "denied"
    assert [c.article_id for c in story.claims] == ["a", "b"]
    assert [c.factuality for c in story.claims] == ["reported", "negated"]
    assert story.claims[0].evidence.text.startswith("Police arrested 12 protesters")
    assert story.claims[1].evidence.text == DENIAL
    assert statuses(story) == ["reported", "denied"]


def test_an_event_the_coder_marked_denied_keeps_the_report_and_the_denial():
    text_claim = "Initial reports said police detained Gen Abass Dembele."
    text_denial = "People close to him said he has not been arrested."
    coded = Report("a", "2025-08-11").say(
        text_claim, "COERCE", "detained", mode="arrest", actors=(actor("police", "MLI", "COP"),),
        recipients=(actor("Gen Abass Dembele", "MLI", "MIL", ner="PERSON"),), factuality="reported",
        attribution="Initial reports").denied_by(text_denial).coded()
    [story] = link_stories([coded])
    assert story.status == "denied"
    report, denial = story.claims
    assert (report.factuality, report.evidence.text) == ("reported", text_claim)
    assert report.attribution == "Initial reports"
    assert (denial.factuality, denial.evidence.text) == ("denied", text_denial)
    assert report.event_id == denial.event_id == coded.events[0].key("a")
    assert story.corroboration == 1 and story.event_ids == [report.event_id]


def test_an_asserted_report_after_a_denial_confirms_again_but_a_repeat_does_not():
    denial = Report("b", "2025-03-11", source="Wire B").say(
        DENIAL, "COERCE", "arrested", mode="arrest", actors=(actor("police", "KEN", "COP"),),
        recipients=(PROTESTERS,), when="2025-03-10", place="KEN", factuality="negated").coded()
    repeat = arrest("c", "2025-03-12", factuality="reported", source="Wire C")
    asserted = arrest("d", "2025-03-13", source="Wire D")
    [story] = link_stories([arrest("a", "2025-03-10", factuality="reported"), denial, repeat])
    assert story.status == "denied"
    [story] = link_stories([arrest("a", "2025-03-10", factuality="reported"), denial, repeat, asserted])
    assert statuses(story) == ["reported", "denied", "denied", "confirmed"]


def test_a_later_different_death_toll_corrects():
    def attack(aid, pub, dead, source):
        return Report(aid, pub, source).say(
            f"Gunmen killed {dead} people at a hotel in Beledweyne on Tuesday.", "ASSAULT", "killed",
            actors=(actor("Gunmen", "SOM", "UAF"),), recipients=(actor("people", "SOM", "CVL"),),
            when="2025-03-11", place="SOM", city="Beledweyne", dead=dead).coded()
    coded = [attack("a", "2025-03-11", 5, "Wire A"), attack("b", "2025-03-12", 12, "Wire B")]
    [story] = link_stories(coded)
    assert story.status == "corrected"
    rows = story_timeline(story, coded)
    assert [r["status"] for r in rows] == ["confirmed", "corrected"]
    assert rows[1]["reason"] == "dead 5 -> 12" and rows[1]["status_changed"]
    # Without the events a Story cannot place the correction, but keeps its status.
    assert story_timeline(story)[1]["status"] == "confirmed"

    close = [attack("a", "2025-03-11", 50, "Wire A"), attack("b", "2025-03-12", 52, "Wire B")]
    [story] = link_stories(close)
    assert story.status == "confirmed"  # 52 vs 50 is within the 10% tolerance


def test_count_tolerance_is_configurable():
    coded = [arrest("a", "2025-03-10", people=12), arrest("b", "2025-03-11", people=14)]
    assert link_stories(coded)[0].status == "corrected"
    assert link_stories(coded, config=StoryConfig(count_tolerance=2))[0].status == "confirmed"


def test_a_later_different_date_corrects():
    coded = [arrest("a", "2025-03-10", when="2025-03-09"), arrest("b", "2025-03-11", when="2025-03-10")]
    [story] = link_stories(coded)
    assert story.status == "corrected"
    assert story_timeline(story, coded)[1]["reason"] == "date 2025-03-09 -> 2025-03-10"


def test_plans_alone_leave_a_story_reported():
    planned = Report("a", "2025-03-10").say(
        "Police will arrest protesters in Nairobi on Monday.", "COERCE", "arrest", mode="arrest",
        actors=(KENYAN_POLICE,), recipients=(DEMONSTRATORS,), when="2025-03-10", place="KEN",
        factuality="future").coded()
    [story] = link_stories([planned])
    assert story.status == "reported"
    assert story_timeline(story)[0]["status"] is None


def test_timeline_rows_carry_what_the_dashboard_shows():
    coded = [arrest("a", "2025-03-10", factuality="reported", source="Wire A", attribution="witnesses"),
             arrest("b", "2025-03-11", source="Wire B")]
    [story] = link_stories(coded)
    first, second = story_timeline(story, coded)
    assert first["article_id"] == "a" and first["stated_on"] == "2025-03-10"
    assert first["source"] == "Wire A" and first["attribution"] == "witnesses"
    assert coded[0].article.text[first["evidence_start"]:first["evidence_end"]] == first["evidence"]
    assert first["previous_status"] is None and first["status"] == "reported"
    assert second["previous_status"] == "reported" and second["status"] == "confirmed"
    assert second["reason"] == "asserted"
