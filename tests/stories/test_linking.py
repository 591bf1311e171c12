"""Which reports become one story: linking rules and the cases that must stay apart."""

from __future__ import annotations

import pytest

from eventwire.stories import StoryConfig, link_stories
from tests.stories.build import DEMONSTRATORS, KENYAN_POLICE, PROTESTERS, Report, actor, arrest


def multi(stories):
    return [s for s in stories if s.corroboration > 1]


def test_two_wires_reporting_one_arrest_make_one_story():
    a = arrest("a", "2025-03-10", source="Wire A")
    b = Report("b", "2025-03-11", source="Wire B").say(
        "Kenyan police detained a dozen demonstrators in Nairobi on Monday.", "COERCE", "detained",
        mode="arrest", actors=(KENYAN_POLICE,), recipients=(DEMONSTRATORS,), when="2025-03-10",
        place="KEN", city="Nairobi").coded()
    [story] = link_stories([a, b])
    assert story.type == "COERCE" and story.mode == "arrest" and story.country == "KEN"
    assert story.corroboration == 2
    assert [c.article_id for c in story.claims] == ["a", "b"]
    assert [c.source for c in story.claims] == ["Wire A", "Wire B"]
    assert story.event_ids == [a.events[0].key("a"), b.events[0].key("b")]
    assert str(story.first_reported) == "2025-03-10" and str(story.last_reported) == "2025-03-11"
    assert story.claims[1].evidence.text.startswith("Kenyan police detained")


def test_dates_within_the_window_link_and_beyond_it_do_not():
    near = link_stories([arrest("a", "2025-03-10"), arrest("b", "2025-03-13", when="2025-03-13")])
    far = link_stories([arrest("a", "2025-03-10"), arrest("b", "2025-03-14", when="2025-03-14")])
    assert len(near) == 1 and len(far) == 2


def test_window_is_configurable():
    coded = [arrest("a", "2025-03-10"), arrest("b", "2025-03-14", when="2025-03-14")]
    assert len(link_stories(coded, config=StoryConfig(window_days=4))) == 1
    assert len(link_stories(coded, config=StoryConfig(window_days=1))) == 2


def test_month_precision_links_within_the_same_month_only():
    may = arrest("a", "2025-06-02", when="2025-05", precision="month")
    day_in_may = arrest("b", "2025-06-03", when="2025-05-20")
    june = arrest("c", "2025-06-04", when="2025-06", precision="month")
    stories = link_stories([may, day_in_may, june])
    [both] = multi(stories)
    assert {c.article_id for c in both.claims} == {"a", "b"}
    assert len(stories) == 2


@pytest.mark.parametrize("change", [
    {"place": "UGA"},  # another country
    {"when": "2025-04-20"},  # weeks later
])
def test_different_place_or_distant_date_stay_apart(change):
    stories = link_stories([arrest("a", "2025-03-10"), arrest("b", "2025-03-11", **change)])
    assert len(stories) == 2 and not multi(stories)


def test_different_type_or_mode_stay_apart():
    a = arrest("a", "2025-03-10")
    assault = Report("b", "2025-03-11").say(
        "Police beat protesters in Nairobi on Monday.", "ASSAULT", "beat", actors=(KENYAN_POLICE,),
        recipients=(PROTESTERS,), when="2025-03-10", place="KEN").coded()
    restrict = Report("c", "2025-03-11").say(
        "Police banned protesters from Nairobi on Monday.", "COERCE", "banned", mode="restrict",
        actors=(KENYAN_POLICE,), recipients=(PROTESTERS,), when="2025-03-10", place="KEN").coded()
    stories = link_stories([a, assault, restrict])
    assert len(stories) == 3
    assert sorted((s.type, s.mode) for s in stories) == [
        ("ASSAULT", None), ("COERCE", "arrest"), ("COERCE", "restrict")]


def test_missing_mode_is_compatible_with_a_mode():
    a = arrest("a", "2025-03-10")
    b = Report("b", "2025-03-11").say(
        "Police held 12 protesters in Nairobi on Monday.", "COERCE", "held", actors=(KENYAN_POLICE,),
        recipients=(PROTESTERS,), when="2025-03-10", place="KEN").coded()
    [story] = link_stories([a, b])
    assert story.mode == "arrest"


def test_actors_of_different_countries_stay_apart():
    a = arrest("a", "2025-03-10")
    b = Report("b", "2025-03-10").say(
        "Ugandan police arrested protesters on Monday.", "COERCE", "arrested", mode="arrest",
        actors=(actor("Ugandan police", "UGA", "COP"),), recipients=(PROTESTERS,),
        when="2025-03-10").coded()
    assert len(link_stories([a, b])) == 2


def test_unknown_place_is_compatible_with_a_known_one():
    stories = link_stories([arrest("a", "2025-03-10"), arrest("b", "2025-03-11", place=None)])
    assert len(stories) == 1


DEMBELE = actor("Gen Abass Dembele", "MLI", "MIL", entity_id="abass-dembele.mli.mil", ner="PERSON")
JUNTA = actor("the junta", "MLI", "GOV", entity_id="junta.mli.gov")


def test_undated_events_link_on_a_named_person():
    a = Report("a", "2025-08-11").say("The junta detained Gen Abass Dembele.", "COERCE", "detained",
                                      mode="arrest", actors=(JUNTA,), recipients=(DEMBELE,)).coded()
    # Another spelling and no entity id: the shared surname is the link.
    b = Report("b", "2025-08-12", source="Wire B").say(
        "Malian authorities arrested Dembele, a former governor.", "COERCE", "arrested", mode="arrest",
        actors=(actor("Malian authorities", "MLI", "GOV"),),
        recipients=(actor("Dembele", "MLI", "MIL", ner="PERSON"),)).coded()
    [story] = link_stories([a, b])
    assert story.corroboration == 2


def test_undated_events_do_not_link_on_generic_actors_alone():
    a = Report("a", "2025-08-11").say("Authorities detained soldiers.", "COERCE", "detained",
                                      mode="arrest", actors=(JUNTA,),
                                      recipients=(actor("soldiers", "MLI", "MIL"),), place="MLI").coded()
    b = Report("b", "2025-08-12").say("The junta arrested officers.", "COERCE", "arrested",
                                      mode="arrest", actors=(JUNTA,),
                                      recipients=(actor("officers", "MLI", "MIL"),), place="MLI").coded()
    assert len(link_stories([a, b])) == 2


def test_undated_events_do_not_link_across_months_of_publication():
    a = Report("a", "2025-08-11").say("The junta detained Gen Abass Dembele.", "COERCE", "detained",
                                      mode="arrest", actors=(JUNTA,), recipients=(DEMBELE,)).coded()
    b = Report("b", "2025-10-02").say("The junta detained Gen Abass Dembele.", "COERCE", "detained",
                                      mode="arrest", actors=(JUNTA,), recipients=(DEMBELE,)).coded()
    assert len(link_stories([a, b])) == 2


def test_shared_country_and_sector_on_one_side_is_not_enough():
    # Only "U.S. government" in common, one side unknown and no place: too little to say "same".
    gov = actor("Washington", "USA", "GOV")
    a = Report("a", "2025-03-10").say("Washington threatened tariffs on Monday.", "THREATEN", "threatened",
                                      actors=(gov,), when="2025-03-10").coded()
    b = Report("b", "2025-03-11").say("The White House threatened Canada on Monday.", "THREATEN",
                                      "threatened", actors=(actor("The White House", "USA", "GOV"),),
                                      recipients=(actor("Canada", "CAN", "GOV"),), when="2025-03-10").coded()
    assert len(link_stories([a, b])) == 2


def test_mutual_events_link_with_sides_swapped():
    us = actor("Rubio", "USA", "GOV", entity_id="marco-rubio.usa.gov", ner="PERSON")
    ua = actor("Yermak", "UKR", "GOV", entity_id="andriy-yermak.ukr.gov", ner="PERSON")
    a = Report("a", "2025-03-11").say("Rubio met Yermak in Jeddah on Tuesday.", "CONSULT", "met",
                                      actors=(us,), recipients=(ua,), when="2025-03-11").coded()
    b = Report("b", "2025-03-11").say("Yermak met Rubio on Tuesday.", "CONSULT", "met",
                                      actors=(ua,), recipients=(us,), when="2025-03-11").coded()
    assert len(link_stories([a, b])) == 1


def test_one_article_never_puts_two_events_in_one_story():
    # Two matching events in article "a" stay two stories; "b"'s single report joins one of them.
    a = Report("a", "2025-03-10").say(
        "Police arrested protesters in Nairobi on Monday.", "COERCE", "arrested", mode="arrest",
        actors=(KENYAN_POLICE,), recipients=(PROTESTERS,), when="2025-03-10", place="KEN").say(
        "Police also arrested demonstrators in Nairobi on Monday.", "COERCE", "arrested", mode="arrest",
        actors=(KENYAN_POLICE,), recipients=(DEMONSTRATORS,), when="2025-03-10", place="KEN").coded()
    b = arrest("b", "2025-03-11")
    stories = link_stories([a, b])
    assert len(stories) == 2
    assert sorted(s.corroboration for s in stories) == [1, 2]
    assert all(len({c.article_id for c in s.claims}) == len(s.claims) for s in stories)


def test_a_story_holds_events_compatible_with_all_its_reports():
    # b links to a (3 days) and c to b (3 days), but c is 6 days from a: no chain.
    stories = link_stories([arrest("a", "2025-03-10"), arrest("b", "2025-03-13", when="2025-03-13"),
                            arrest("c", "2025-03-16", when="2025-03-16")])
    assert sorted(s.corroboration for s in stories) == [1, 2]


def test_inputs_are_left_unchanged():
    coded = [arrest("a", "2025-03-10"), arrest("b", "2025-03-11")]
    before = [c.to_dict() for c in coded]
    first = link_stories(coded)
    snapshot = [(s.id, list(s.claims), s.status) for s in first]
    link_stories(coded + [arrest("c", "2025-03-12")], existing=first)
    assert [c.to_dict() for c in coded] == before
    assert [(s.id, list(s.claims), s.status) for s in first] == snapshot


def test_the_same_article_passed_twice_counts_once():
    a = arrest("a", "2025-03-10")
    [story] = link_stories([a, a])
    assert len(story.claims) == 1


def test_a_year_is_as_vague_as_no_date():
    generic = [arrest("a", "2025-03-10", when="2024", precision="year"),
               arrest("b", "2025-03-11", when="2024", precision="year")]
    assert len(link_stories(generic)) == 2  # police and protesters in Kenya in 2024: many events
    named = [Report(aid, pub).say("The junta detained Gen Abass Dembele in 2024.", "COERCE", "detained",
                                  mode="arrest", actors=(JUNTA,), recipients=(DEMBELE,), when=when,
                                  precision="year").coded()
             for aid, pub, when in [("a", "2025-03-10", "2024"), ("b", "2025-03-11", "2024"),
                                    ("c", "2025-03-12", "2023")]]
    assert sorted(s.corroboration for s in link_stories(named)) == [1, 2]


def test_a_shared_surname_across_countries_is_not_the_same_person():
    def detained(aid, pub, country):
        return Report(aid, pub).say("Hassan Ali was detained.", "COERCE", "detained", mode="arrest",
                                    recipients=(actor("Hassan Ali", country, "OPP", ner="PERSON"),)).coded()
    assert len(link_stories([detained("a", "2025-03-10", "KEN"), detained("b", "2025-03-11", "KEN")])) == 1
    assert len(link_stories([detained("a", "2025-03-10", "KEN"), detained("b", "2025-03-11", "SOM")])) == 2


def test_an_implicit_actor_does_not_veto_a_link():
    a = arrest("a", "2025-03-10")
    b = Report("b", "2025-03-11").say(
        "Protesters were detained in Nairobi on Monday.", "COERCE", "detained", mode="arrest",
        actors=(actor("authorities", "KEN", "GOV", implicit=True),), recipients=(PROTESTERS,),
        when="2025-03-10", place="KEN").coded()
    assert len(link_stories([a, b])) == 1


def test_name_words_keep_what_identifies_a_person():
    from eventwire.stories.profile import name_words

    assert name_words("former Prime Minister Moussa Mara") == {"moussa", "mara"}
    assert name_words("Iraqi Prime Minister Mohammed Shia al-Sudani") == {"mohammed", "shia", "sudani"}
    assert name_words("Gen Nema Sagara") == {"nema", "sagara"}
    assert name_words("the U.S. Treasury Department") == {"treasury"}
