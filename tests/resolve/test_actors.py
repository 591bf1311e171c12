"""Actor phrases -> country and sector; within-article name linking; accuracy on the dev gold."""

from __future__ import annotations

import json
import time
from datetime import date

import pytest

from eventwire.resolve.actors import (
    ActorResolution, entity_id_for, known_actor, link_mentions, resolve_actor, strip_titles,
    with_country,
)
from eventwire.resolve.countries import focus_country
from tests.conftest import shared_path


def _cs(text: str, focus: str | None = None, **kw) -> tuple[str | None, str | None]:
    r = resolve_actor(text, focus_country=focus, **kw)
    return r.country, r.sector


@pytest.mark.parametrize("text, focus, expected", [
    ("former Prime Minister Moussa Mara", "MLI", ("MLI", "ELI")),
    ("the Malian army", None, ("MLI", "MIL")),
    ("Iraqi officials", None, ("IRQ", "GOV")),
    ("U.S. Central Command", None, ("USA", "MIL")),
    ("the Thai government", None, ("THA", "GOV")),
    ("Thailand", None, ("THA", "GOV")),
    ("international rights groups", "THA", (None, "NGO")),
    ("Beijing", None, ("CHN", "GOV")),
    ("the Kremlin", None, ("RUS", "GOV")),
    ("The United States", "THA", ("USA", "GOV")),
])
def test_examples_from_the_brief(text: str, focus: str | None, expected: tuple) -> None:
    assert _cs(text, focus) == expected


@pytest.mark.parametrize("text, expected", [
    ("authorities", ("MLI", "GOV")), ("the junta", ("MLI", "GOV")), ("police", ("MLI", "COP")),
    ("soldiers", ("MLI", "MIL")), ("lawmakers", ("MLI", "LEG")), ("prosecutors", ("MLI", "JUD")),
    ("a court", ("MLI", "JUD")), ("the country's intelligence service", ("MLI", "SPY")),
    ("rebels", ("MLI", "REB")), ("jihadists", ("MLI", "REB")), ("militia", ("MLI", "UAF")),
    ("gunmen", ("MLI", "UAF")), ("the ruling party", ("MLI", "PTY")), ("the opposition", ("MLI", "OPP")),
    ("opposition lawmakers", ("MLI", "OPP")), ("villagers", ("MLI", "CVL")),
    ("journalists", ("MLI", "JRN")), ("a hospital", ("MLI", "MED")), ("schoolgirls", ("MLI", "EDU")),
    ("the imam", ("MLI", "REL")), ("businessmen", ("MLI", "BUS")), ("workers", ("MLI", "LAB")),
    ("bandits", ("MLI", "CRM")), ("kidnappers", ("MLI", "CRM")), ("their captors", ("MLI", "CRM")),
])
def test_domestic_roles_take_the_focus_country(text: str, expected: tuple) -> None:
    assert _cs(text, "MLI") == expected


@pytest.mark.parametrize("text, expected", [
    ("refugees", (None, "REF")), ("asylum seekers", (None, "REF")), ("aid agencies", (None, "NGO")),
    ("Amnesty International", (None, "NGO")), ("the U.N. Security Council", (None, "IGO")),
    ("ECOWAS", (None, "IGO")), ("the International Court of Justice (ICJ)", (None, "JUD")),
    ("Islamic State", (None, "REB")), ("foreign vessels", (None, None)),
    ("its allies", (None, "GOV")), ("America's geopolitical allies", (None, "GOV")),
])
def test_international_and_transnational_actors_keep_no_country(text: str, expected: tuple) -> None:
    assert _cs(text, "MLI") == expected


@pytest.mark.parametrize("text, expected", [
    ("JNIM", ("MLI", "REB")), ("ISWAP", ("NGA", "REB")), ("al-Shabaab", ("SOM", "REB")),
    ("al Shabab militants", ("SOM", "REB")), ("Boko Haram", ("NGA", "REB")),
    ("Hamas", ("PSE", "REB")), ("Hezbollah", ("LBN", "REB")), ("the Houthis", ("YEM", "REB")),
    ("Wagner", ("RUS", "UAF")), ("Africa Corps", ("RUS", "MIL")), ("M23 rebels", ("COD", "REB")),
    ("IS-Somalia", ("SOM", "REB")), ("seven additional IS members", (None, "REB")),
    ("UNHCR", (None, "IGO")), ("the U.N. Refugee Agency", (None, "IGO")), ("WFP", (None, "IGO")),
    ("African Union troops", (None, "MIL")), ("NATO", (None, "IGO")), ("the ICC", (None, "JUD")),
])
def test_known_groups(text: str, expected: tuple) -> None:
    assert _cs(text, "KEN") == expected


def test_rsf_depends_on_the_story() -> None:
    assert _cs("RSF", "SDN", when="2024-06-01") == ("SDN", "REB")
    assert _cs("RSF", "GTM") == (None, "NGO")


@pytest.mark.parametrize("text, when, expected", [
    ("the Taliban", "2021-05-01", ("AFG", "REB")),
    ("the Taliban", "2023-05-01", ("AFG", "GOV")),
    ("Trump", "2019-06-30", ("USA", "GOV")),
    ("Trump", "2023-06-30", ("USA", "ELI")),
    ("Trump", "2025-03-01", ("USA", "GOV")),
    ("Ashraf Ghani", "2021-05-01", ("AFG", "GOV")),
    ("Ashraf Ghani", date(2022, 5, 1), ("AFG", "ELI")),
    ("Gen Asimi Goïta", "2025-08-11", ("MLI", "GOV")),
])
def test_roles_follow_the_date(text: str, when, expected: tuple) -> None:
    assert _cs(text, None, when=when) == expected


@pytest.mark.parametrize("text, focus, expected", [
    ("Separatist militants from Baloch Liberation Army (BLA)", "PAK", ("PAK", "REB")),
    ("forces in Somalia's Puntland region", "IRQ", ("SOM", "MIL")),
    ("the government of the Central African Republic", None, ("CAF", "GOV")),
    ("Somalia's ambassador to Kenya, Mohamud Ahmed Nur", "KEN", ("SOM", "GOV")),
    ("Iran’s U.N. ambassador", None, ("IRN", "GOV")),
    ("the U.S. Mission to the United Nations", None, ("USA", "GOV")),
    ("G7 foreign ministers", "CAN", (None, "IGO")),
    ("U.N. Secretary-General Antonio Guterres", None, (None, "IGO")),
    ("Guterres’ spokesman, Stephane Dujarric", None, (None, "IGO")),
    ("European Commission chief Ursula von der Leyen", None, (None, "IGO")),
    ("ECOWAS security chiefs", None, (None, "MIL")),
    ("Indian foreign ministry spokesperson Randhir Jaiswal", "PAK", ("IND", "GOV")),
    ("South African opposition politician Mmusi Maimane", None, ("ZAF", "OPP")),
    ("The opposition party of jailed former Prime Minister Imran Khan", "PAK", ("PAK", "OPP")),
    ("then-President Francois Bozize", "CAF", ("CAF", "GOV")),
    ("ex-president Ashraf Ghani", "AFG", ("AFG", "ELI")),
    ("Muslim-led Seleka rebels", "CAF", ("CAF", "REB")),
    ("A Christian-dominated militia called the anti-Balaka", "CAF", ("CAF", "REB")),
    ("The leader of Afghanistan’s Taliban insurgency", "AFG", ("AFG", "REB")),
    ("A spokesman for Afghan President Ashraf Ghani", "AFG", ("AFG", "GOV")),
    ("a Chinese spy plane", "JPN", ("CHN", "MIL")),
    ("police helicopter", "KEN", ("KEN", "COP")),
    ("Nine press freedom and rights groups", "GTM", (None, "NGO")),
    ("doctors and nurses and teachers and farmers", "MMR", ("MMR", "CVL")),
    ("Ukrainian defense chiefs", None, ("UKR", "MIL")),
    ("The standing committee of the National People's Congress", None, ("CHN", "LEG")),
    ("Eight Republican U.S. senators led by Jim Risch", None, ("USA", "LEG")),
    ("Artur Romeu, director of the Latin America bureau of Reporters Without Borders", "GTM", (None, "NGO")),
    ("Doug Ford, Ontario’s provincial leader", "USA", ("CAN", "GOV")),
    ("Russian allies", "MLI", ("RUS", "GOV")),
    ("Chinese", None, ("CHN", "GOV")),
    ("The Ukrainians", "USA", ("UKR", "GOV")),
    ("three Americans", "KEN", ("USA", "CVL")),
    ("Gen Z protesters", "KEN", ("KEN", "CVL")),
])
def test_head_noun_and_modifiers_decide(text: str, focus: str | None, expected: tuple) -> None:
    assert _cs(text, focus, when="2021-05-01") == expected


def test_brackets_added_by_editors_are_ignored() -> None:
    assert _cs("the [U.N.] Security Council") == (None, "IGO")


def test_bare_names_borrow_the_title_written_elsewhere() -> None:
    context = ("Balochistan Chief Minister Sarfraz Bugti said the attack was planned abroad. "
               "\"We will respond,\" Robert Wood, U.S. deputy U.N. ambassador, told reporters. "
               "Bugti later visited the site.")
    bugti = resolve_actor("Bugti", focus_country="PAK", context=context)
    assert (bugti.country, bugti.sector, bugti.name, bugti.source) == (
        "PAK", "GOV", "Sarfraz Bugti", "context")
    wood = resolve_actor("Wood", focus_country="PRK", context=context)
    assert (wood.country, wood.sector) == ("USA", "GOV")


def test_a_bare_name_without_any_title_gets_only_the_focus_country() -> None:
    r = resolve_actor("Polat Sayim", focus_country="THA", ner_label="PERSON")
    assert (r.country, r.sector, r.name) == ("THA", None, "Polat Sayim")
    assert r.confidence < 0.5


@pytest.mark.parametrize("text", ["he", "They", "some", "another", "", "   ", "Xyzzy qwerty"])
def test_unknown_or_empty_phrases(text: str) -> None:
    r = resolve_actor(text, focus_country=None)
    assert (r.country, r.sector) == (None, None)


def test_odd_inputs_never_raise() -> None:
    assert resolve_actor(None).sector is None  # type: ignore[arg-type]
    assert resolve_actor("the army", when="not a date").sector == "MIL"
    assert resolve_actor("(((", focus_country="MLI").country is None


def test_names_and_entity_ids_are_stable() -> None:
    a = resolve_actor("U.S. President Donald Trump", when="2025-03-01")
    b = resolve_actor("Trump", when="2025-03-01")
    assert a.name == b.name == "Donald Trump"
    assert a.entity_id == b.entity_id == "donald-trump.usa.gov"
    assert resolve_actor("the United States").entity_id == resolve_actor("America").entity_id
    assert resolve_actor("Judge Erick Garcia", focus_country="GTM").name == "Erick Garcia"
    assert entity_id_for("Assimi Goïta", "MLI", "GOV") == "assimi-goita.mli.gov"
    assert entity_id_for("x", None, None) == "x.xxx.unk"


def test_known_actor_lookup() -> None:
    assert known_actor("Gen Goïta").name == "Assimi Goita"
    assert known_actor("the village elders") is None


def test_resolution_is_a_small_frozen_record() -> None:
    r = resolve_actor("the Malian army")
    assert isinstance(r, ActorResolution)
    with pytest.raises(Exception):
        r.country = "FRA"  # type: ignore[misc]


def test_resolve_actor_is_cheap() -> None:
    resolve_actor("the Malian army")  # load the lexicons
    phrases = ["the Malian army", "Iraqi officials", "former Prime Minister Moussa Mara",
               "international rights groups", "Separatist militants from Baloch Liberation Army (BLA)"]
    started = time.perf_counter()
    for _ in range(200):
        for p in phrases:
            resolve_actor(p, focus_country="MLI")
    assert (time.perf_counter() - started) / 1000 < 0.002


def test_link_mentions_maps_short_forms_to_the_long_one() -> None:
    names = ["Gen Asimi Goïta", "Gen Goïta", "Goïta", "Goita", "Moussa Mara", "Mara"]
    linked = link_mentions(names)
    assert linked["Gen Asimi Goïta"] == linked["Gen Goïta"] == linked["Goïta"] == "Asimi Goïta"
    assert linked["Goita"] == "Asimi Goïta"  # accents do not matter
    assert linked["Mara"] == "Moussa Mara"


def test_link_mentions_particles_name_order_and_first_mention() -> None:
    linked = link_mentions(["Mohammed Shia al-Sudani", "Sudani", "Kim Jong Un", "Kim",
                            "Jimmy Lai", "Sebastien Lai", "Lai", "President Trump", "Trump's"])
    assert linked["Sudani"] == "Mohammed Shia al-Sudani"
    assert linked["Kim"] == "Kim Jong Un"
    assert linked["Lai"] == "Jimmy Lai"  # the first one mentioned
    assert linked["Sebastien Lai"] == "Sebastien Lai"
    assert linked["President Trump"] == linked["Trump's"] == "Trump"
    assert link_mentions([]) == {}


def test_strip_titles() -> None:
    assert strip_titles("U.S. President Donald Trump") == "Donald Trump"
    assert strip_titles("Lt. Gen. Ahmed Sharif Chaudhry") == "Ahmed Sharif Chaudhry"
    assert strip_titles("Dr. Lai") == "Lai"


# Floors under the figures measured on dev_gold.jsonl (country 0.975, sector 0.929 with the
# article as context and its date, 2026-11-30). Raise them as the lexicons grow.
COUNTRY_FLOOR = 0.95
SECTOR_FLOOR = 0.90


def test_accuracy_on_dev_gold_actors() -> None:
    gold_path = shared_path("data", "voa", "dev_gold.jsonl")
    stories_path = shared_path("data", "voa", "voa_stories.jsonl")
    stories = {}
    with open(stories_path, encoding="utf-8") as f:
        for line in f:
            story = json.loads(line)
            stories[story["id"]] = story
    total = country_ok = sector_ok = 0
    with open(gold_path, encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            story = stories[record["id"]]
            focus = focus_country(story["text"], story.get("title"))
            when = (story.get("published") or "")[:10] or None
            for event in record["events"]:
                for actor in event["actor"] + event["recipient"]:
                    r = resolve_actor(actor["text"] or "", focus_country=focus, context=story["text"],
                                      when=when)
                    total += 1
                    country_ok += r.country == actor["country"]
                    sector_ok += r.sector == actor["sector"]
    assert total > 500
    print(f"\nactors: {total}  country accuracy {country_ok / total:.3f}  "
          f"sector accuracy {sector_ok / total:.3f}")
    assert country_ok / total >= COUNTRY_FLOOR
    assert sector_ok / total >= SECTOR_FLOOR


@pytest.mark.parametrize("text", ["other African opposition leaders", "Arab foreign ministers",
                                  "European defense chiefs", "Latin American presidents"])
def test_a_continent_word_keeps_the_story_country_away(text: str) -> None:
    assert _cs(text, "ZAF")[0] is None


def test_south_african_is_still_a_nationality() -> None:
    assert _cs("South African officials", "KEN") == ("ZAF", "GOV")


def test_bare_armed_group_words_point_to_the_group_the_article_names() -> None:
    context = ("Boko Haram fighters raided a border post in northern Cameroon overnight. "
               "The militants burned several homes before Boko Haram retreated into Nigeria.")
    assert _cs("the militants", "CMR", context=context) == ("NGA", "REB")
    assert _cs("the insurgent group", "CMR", context=context) == ("NGA", "REB")
    # Soldiers are still the story's own; so are militants in a story naming no armed group.
    assert _cs("soldiers", "CMR", context=context) == ("CMR", "MIL")
    assert _cs("the militants", "CMR", context="Militants raided a border post.") == ("CMR", "REB")


def test_militants_of_a_transnational_group_have_no_country() -> None:
    context = "Islamic State claimed the bombing in Raqqa. The militants said it was revenge."
    assert _cs("the militants", "SYR", context=context) == (None, "REB")


def test_the_most_named_armed_group_wins() -> None:
    context = ("Hamas said it would not attend. Hezbollah, Hezbollah officials added, would. "
               "Hezbollah also fired rockets.")
    assert _cs("the militants", "ISR", context=context) == ("LBN", "REB")


@pytest.mark.parametrize("text, expected", [
    ("his U.N. mission", ("NOR", "GOV")),
    ("their U.N. delegation", ("NOR", "GOV")),
    ("the U.N. ambassador", ("NOR", "GOV")),
    ("Norway's U.N. mission", ("NOR", "GOV")),
    ("the U.N. mission in South Sudan", (None, "IGO")),
    ("a U.N. delegation", (None, "IGO")),
    ("the U.N. envoy", (None, "IGO")),
    ("the EU ambassador", (None, "IGO")),
])
def test_a_states_envoys_at_the_un_are_the_states(text: str, expected: tuple) -> None:
    assert _cs(text, "NOR") == expected


@pytest.mark.parametrize("text, expected", [
    ("unnamed individuals", (None, None)),
    ("unidentified gunmen", (None, "UAF")),
    ("unknown armed men", (None, "UAF")),
    ("unidentified Mexican gunmen", ("MEX", "UAF")),
    ("unnamed officials", ("PER", "GOV")),  # the name is withheld, not the side
    ("an unknown number of civilians", ("PER", "CVL")),
    ("gunmen", ("PER", "UAF")),
])
def test_unidentified_actors_keep_the_story_country_away(text: str, expected: tuple) -> None:
    assert _cs(text, "PER") == expected


@pytest.mark.parametrize("text, expected", [
    ("its neighbor Kenya", ("KEN", "GOV")),
    ("U.S. ally Japan", ("JPN", "GOV")),
    ("Council members Greece", ("GRC", "GOV")),
    ("host country Qatar", ("QAT", "GOV")),
    ("the people of Kenya", ("KEN", "CVL")),  # an "of" phrase is not an apposition
    ("Kenyan troops", ("KEN", "MIL")),
])
def test_a_country_named_after_a_describing_noun_is_the_actor(text: str, expected: tuple) -> None:
    assert _cs(text, "SOM") == expected


@pytest.mark.parametrize("text, expected", [
    ("the two junta-led nations", (None, "GOV")),
    ("African nations", (None, "GOV")),
    ("the nation", ("SOM", "GOV")),
])
def test_nations_are_states(text: str, expected: tuple) -> None:
    assert _cs(text, "SOM") == expected


@pytest.mark.parametrize("text, expected", [
    ("local officials", ("KEN", "GOV")),
    ("local police", ("KEN", "COP")),
    ("angry locals", ("KEN", "CVL")),
])
def test_local_is_an_adjective_not_a_civilian(text: str, expected: tuple) -> None:
    assert _cs(text, "KEN") == expected


@pytest.mark.parametrize("text, focus, expected", [
    # In a story elsewhere, a bare Congress is the U.S. one, not the story country's.
    ("the congressional vote", "NPL", ("USA", "LEG")),
    ("Congress", "EGY", ("USA", "LEG")),
    # Where the legislature is itself called Congress, it is the story country's.
    ("Congress", "PER", ("PER", "LEG")),
    ("congressional leaders", "PHL", ("PHL", "LEG")),
    ("the Chilean Congress", "EGY", ("CHL", "LEG")),
    # In India, Congress is the party.
    ("Congress", "IND", ("IND", "PTY")),
])
def test_congress_is_american_unless_the_story_country_has_one(text: str, focus: str,
                                                              expected: tuple) -> None:
    assert _cs(text, focus) == expected


def test_fighters_of_a_ruling_movement_are_its_military() -> None:
    # Before the takeover the Taliban are rebels, their fighters too; after it, the fighters are
    # the armed force of the government, not the government.
    assert _cs("Taliban fighters", when=date(2020, 5, 1)) == ("AFG", "REB")
    assert _cs("Taliban fighters", when=date(2023, 5, 1)) == ("AFG", "MIL")
    assert _cs("the Taliban", when=date(2023, 5, 1)) == ("AFG", "GOV")


@pytest.mark.parametrize("text, expected", [
    # a central bank is a state institution, though "bank" alone is a business
    ("the central bank", ("UKR", "GOV")),
    ("the bank", ("UKR", "BUS")),
    # "regional" for a tier of the country keeps it the country's
    ("the regional governor", ("UKR", "GOV")),
    ("regional authorities", ("UKR", "GOV")),
    ("regional leaders", (None, "GOV")),
    ("the Ukrainian General Staff", ("UKR", "MIL")),
    ("Ukrainian prisoners of war", ("UKR", "MIL")),
    ("POWs", ("UKR", "MIL")),
    ("mutineers", ("UKR", "MIL")),
])
def test_state_and_military_words(text: str, expected: tuple) -> None:
    assert _cs(text, "UKR") == expected


@pytest.mark.parametrize("text, expected", [
    ("the Justice Department", ("USA", "GOV")),
    ("Commerce Department officials", ("USA", "GOV")),
    ("the Energy Department", ("USA", "GOV")),
    # a ministry, or the "Department of" form, stays the story country's
    ("the justice ministry", ("PHL", "GOV")),
    ("the Department of Justice", ("PHL", "GOV")),
])
def test_us_executive_departments_are_american(text: str, expected: tuple) -> None:
    assert _cs(text, "PHL") == expected


@pytest.mark.parametrize("text, expected", [
    # "international" describes the career, not the man: he is the story country's
    ("retired international football star Ali Daei", ("IRN", "ELI")),
    # it still marks actors it describes, and stands alone as one
    ("international aid groups", (None, "NGO")),
    ("foreign journalists", (None, "JRN")),
    ("Western", (None, None)),
])
def test_an_international_word_marks_only_the_actor_it_describes(text: str, expected: tuple) -> None:
    assert _cs(text, "IRN") == expected


@pytest.mark.parametrize("text, expected", [
    # before a force word "paramilitary" is a state's force, and the force word decides
    ("paramilitary forces", ("IND", "MIL")),
    ("off-duty paramilitary Rangers personnel", ("IND", "MIL")),
    ("paramilitary police", ("IND", "COP")),
    # as a noun, or a group, it is an armed group outside the state
    ("paramilitaries", ("IND", "UAF")),
    ("a paramilitary group", ("IND", "UAF")),
])
def test_paramilitary_before_a_force_word_is_the_states(text: str, expected: tuple) -> None:
    assert _cs(text, "IND") == expected


@pytest.mark.parametrize("text, expected", [
    ("Egyptian mediators", ("EGY", "GOV")),
    # still relational: mediators are not the story country's own
    ("the mediators", (None, "GOV")),
])
def test_mediators_are_states(text: str, expected: tuple) -> None:
    assert _cs(text, "ISR") == expected


def test_a_quotation_mark_inside_a_phrase_is_ignored() -> None:
    resolution = resolve_actor('1,000" Kenyan soldiers')
    assert (resolution.country, resolution.sector) == ("KEN", "MIL")


def test_the_sides_of_a_war_are_armed_actors_of_the_story_country() -> None:
    resolution = resolve_actor("all warring parties", focus_country="SDN")
    assert (resolution.country, resolution.sector) == ("SDN", "UAF")


def test_an_entity_key_can_take_another_country() -> None:
    key = entity_id_for("Jose Ruben Zamora", "GTM", "JRN")
    assert with_country(key, "MLT") == entity_id_for("Jose Ruben Zamora", "MLT", "JRN")
    assert with_country(key, None).split(".")[1] == "xxx"


def test_country_roles_are_country_words_that_mark_a_role_word() -> None:
    from eventwire.resolve.actors import country_roles

    text = ("Australia on Wednesday sanctioned six Myanmar military officers. A spokesman for "
            "Myanmar's military government said Kenyan police and Iranian-backed militias were not involved.")
    found = [(text[r.start:r.start + 7], r.country, r.sector) for r in country_roles(text)]
    # A bare country acting ("Australia on Wednesday") is no role phrase; nor is a sponsor.
    # Nearest the end first: callers look back from an actor.
    assert found == [("Kenyan ", "KEN", "COP"), ("Myanmar", "MMR", "GOV"), ("Myanmar", "MMR", "MIL")]
    before_kenya = [r.sector for r in country_roles(text, before=text.index("Kenyan"))]
    assert before_kenya == ["GOV", "MIL"]


def test_a_titled_name_takes_its_country_from_the_description_before_it() -> None:
    context = ("Norway sanctioned the generals on Monday. A spokesman for Bolivia's military "
               "government, Maj. Gen. Luis Arce Vega, rejected the measures.")
    found = resolve_actor("Gen. Luis Arce Vega", focus_country="NOR", context=context)
    assert (found.country, found.sector) == ("BOL", "MIL") and not found.country_from_focus
    # An opening place or time is no description of the person.
    context = "In Bolivia, Gen. Luis Arce Vega said the army would stay in its barracks."
    found = resolve_actor("Gen. Luis Arce Vega", focus_country="NOR", context=context)
    assert found.country == "NOR" and found.country_from_focus
