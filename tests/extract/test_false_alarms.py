"""Words that report no event: metaphor, habit, tallies, repeats, the press asking for comment.

Sentences are invented.
"""

import pytest


def types_of(events):
    return [e.type for e in events]


def test_attacking_a_newspaper_is_no_assault(extract):
    events = extract("The senator attacked the newspaper for its coverage of the election.")
    assert "ASSAULT" not in types_of(events)


def test_attacking_a_town_is_still_an_assault(extract):
    events = extract("Rebels attacked the town of Mora on Sunday.")
    assert "ASSAULT" in types_of(events)


def test_duties_targeting_goods_are_no_assault(extract):
    events = extract("China targeted American farm products with new duties.")
    assert "ASSAULT" not in types_of(events)


def test_a_planned_request_is_future(extract):
    event = only(extract("The minister plans to urge her counterparts to lift the blockade."), "REQUEST")
    assert event.factuality == "future"


def only(events, type_name):
    found = [e for e in events if e.type == type_name]
    assert len(found) == 1, [(e.type, e.trigger.text) for e in events]
    return found[0]


def test_what_a_group_usually_does_is_no_event(extract):
    events = extract("The militia usually attacks police convoys on the northern highway.")
    assert "ASSAULT" not in types_of(events)


def test_a_habit_above_the_trigger_covers_it(extract):
    events = extract("Herders regularly flee across the river when attacked by the army.")
    assert "ASSAULT" not in types_of(events)


def test_vague_plural_attacks_are_no_event(extract):
    assert "ASSAULT" not in types_of(extract("Farmers fear the frequent attacks by armed bandits."))
    assert "ASSAULT" not in types_of(extract("The province faces a wave of abductions by armed gangs."))


def test_a_running_total_since_a_year_is_no_event(extract):
    events = extract("Since 2015, thousands of soldiers have been killed by insurgents in the region.")
    assert "ASSAULT" not in types_of(events)
    events = extract("In the past two years, 300 police officers have been killed by the rebels.")
    assert "ASSAULT" not in types_of(events)


def test_a_dated_total_is_an_event(extract):
    events = extract("Last year, the rebels killed 300 police officers in the region.")
    assert "ASSAULT" in types_of(events)


def test_a_bare_toll_after_the_attack_is_not_coded_again(extract):
    events = extract("Gunmen stormed a police post in Kidal on Monday. Four officers were killed.")
    assert len([e for e in events if e.type == "ASSAULT"]) == 1


def test_a_total_since_a_date_is_an_event(extract):
    events = extract("Police in Lagos have arrested 300 protesters since March 3.")
    assert "COERCE" in types_of(events)


def test_a_campaign_told_with_coordinated_verbs_since_a_year_is_no_event(extract):
    events = extract("The rebels have been raiding and attacking army posts since 2019.")
    assert "ASSAULT" not in types_of(events)


def test_what_is_due_to_expire_is_no_agreement(extract):
    assert "AGREE" not in types_of(extract("The ceasefire accord is due to expire in October."))


def test_a_visit_due_on_a_date_is_a_future_agreement_to_meet(extract):
    event = only(extract("The Kenyan president is due to visit Ethiopia on Tuesday."), "AGREE")
    assert event.factuality == "future"


def test_a_measure_in_force_that_is_flouted_is_not_imposed_again(extract):
    events = extract("Such shipments would violate the European Union arms embargo on Belarus.")
    assert "SANCTION" not in types_of(events)
    events = extract("The militia flouted the ceasefire agreement signed in Addis Ababa.")
    assert "AGREE" not in types_of(events)


def test_what_someone_must_or_should_do_has_not_happened(extract):
    events = extract("The rebels must stop attacking aid convoys, the envoy said.")
    assert "ASSAULT" not in types_of(events)
    events = extract("Parliament should impose sanctions on the mining firms, activists said.")
    assert "SANCTION" not in types_of(events)


def test_falling_numbers_decline_without_refusing(extract):
    assert "REJECT" not in types_of(extract("The number of Somali refugees in Kenya declined to 200,000 last year."))
    assert "REJECT" in types_of(extract("The Chilean government declined to comment on the report."))


def test_hailing_from_a_country_is_no_praise(extract):
    assert "SUPPORT" not in types_of(extract("Lawyers say the detained men, who hail from Eritrea, face deportation."))


def test_what_happens_to_such_people_is_no_event(extract):
    events = extract("It is a country where opposition leaders are shot for speaking out.")
    assert "ASSAULT" not in types_of(events)


def test_a_dated_present_passive_is_still_an_event(extract):
    # Headline style: a present passive with its day is news.
    events = extract("Opposition leader is shot in Arusha on Monday.")
    assert "ASSAULT" in types_of(events)


def test_a_right_to_act_is_no_act(extract):
    events = extract("\"We respect the right to protest,\" the police commander Peter Otieno told reporters.")
    assert "PROTEST" not in types_of(events)
    events = extract("The court gave the police the authority to arrest opposition leaders.")
    assert "COERCE" not in types_of(events)


def test_a_protest_against_a_right_is_still_a_protest(extract):
    events = extract("Thousands of students protested on Monday against the new law.")
    assert "PROTEST" in types_of(events)


def test_a_person_killed_is_killed_once(extract):
    events = extract("Militant leader Abu Khalid al-Masri was killed on Thursday in an airstrike. "
                     "President Samuel Okoro later confirmed al-Masri's killing in a post on X.")
    killings = [e for e in events if e.type == "ASSAULT"]
    assert len(killings) == 1 and killings[0].trigger.text == "killed"


def test_two_people_killed_are_two_killings(extract):
    events = extract("Gunmen killed opposition leader Peter Mwangi on Monday. "
                     "On Tuesday, gunmen killed journalist Mary Achieng.")
    assert len([e for e in events if e.type == "ASSAULT"]) == 2


@pytest.mark.parametrize("text", [
    "The ministry did not respond to a request for comment.",
    "The two governments have ignored VOA requests for comment.",
    "Reuters asked the ministry for comment on Monday.",
])
def test_the_press_asking_for_comment_is_no_request(extract, text):
    assert "REQUEST" not in types_of(extract(text)), text


def test_asking_for_help_is_still_a_request(extract):
    assert "REQUEST" in types_of(extract("Mali asked Russia for weapons."))


def test_hosting_refugees_is_no_meeting_hosting_a_president_is(extract):
    assert "CONSULT" not in types_of(extract("Kenya hosts more than 500,000 refugees."))
    assert "CONSULT" in types_of(extract("Ruto hosted the Chinese president in Nairobi."))


def test_seeking_a_ransom_or_a_benefit_asks_no_one_seeking_help_does(extract):
    assert "REQUEST" not in types_of(extract("Criminal gangs are seeking huge ransoms."))
    assert "REQUEST" in types_of(extract("North Korea is seeking military assistance from Russia."))
