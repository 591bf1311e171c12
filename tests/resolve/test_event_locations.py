"""Where an event happened: places named in its sentence, and what a story without one implies."""

import eventwire


def _event(text: str, type_: str, title: str | None = None):
    found = [e for e in eventwire.code(text, pub_date="2025-03-12", title=title).events if e.type == type_]
    assert found, f"no {type_} event coded"
    return found[-1]


def _country(event):
    return event.location.country if event.location is not None else None


def test_a_place_inside_an_accusation_is_not_where_it_was_made():
    accusation = _event("The French government accused Moscow of committing war crimes in the "
                        "Ukrainian city of Kharkiv.", "ACCUSE", title="Kenya weighs new refugee law")
    assert _country(accusation) is None


def test_a_statement_made_at_a_news_conference_in_a_city_is_placed_there():
    accusation = _event("The French foreign minister accused Moscow of war crimes at a news "
                        "conference in Nairobi.", "ACCUSE", title="Kenya weighs new refugee law")
    assert _country(accusation) == "KEN"


_TARIFF_STORY = ("Mexico's economy slowed sharply in the first quarter, the central bank in Mexico City "
                 "said on Monday. Canada imposed new tariffs on Mexican steel on Tuesday.")


def test_sanctions_are_imposed_where_the_sanctioning_state_governs():
    tariffs = _event(_TARIFF_STORY, "SANCTION", title="Mexico's economy slows")
    assert _country(tariffs) == "CAN"


def test_sanctions_by_a_bloc_with_no_country_have_no_known_place():
    sanctions = _event("Mexico's economy slowed sharply, the central bank in Mexico City said. "
                       "The European Union imposed sanctions on Mexican officials on Tuesday.",
                       "SANCTION", title="Mexico's economy slows")
    assert _country(sanctions) is None


def test_several_foreign_states_acting_together_are_not_placed_in_the_story_s_country():
    pact = _event("Ghana's president opened a new port in Accra on Monday. Mali, Niger and Burkina Faso "
                  "created a confederation known as the Alliance of Sahel States in January.",
                  "COOPERATE", title="Ghana opens new port")
    assert _country(pact) is None


def test_a_joint_operation_with_the_story_s_own_forces_stays_in_its_country():
    raid = _event("Iraqi and American troops arrested 12 Islamic State suspects on Monday, the Iraqi "
                  "military said.", "COERCE", title="Iraq arrests Islamic State suspects")
    assert _country(raid) == "IRQ"


def test_a_statement_during_a_visit_to_a_seat_of_power_is_placed_in_its_country():
    praise = _event("During a visit by Kenya's president to the White House on Monday, Trump praised "
                    "the new trade deal.", "SUPPORT", title="Kenya signs trade deal")
    assert _country(praise) == "USA" and praise.location.text == "the White House"


def test_the_region_after_a_comma_says_which_town_of_that_name_is_meant():
    # Charlevoix is also a town in Michigan, and the story's focus is elsewhere.
    meeting = _event("Foreign ministers met on Thursday in Charlevoix, Quebec, to discuss the war in "
                     "Ukraine.", "CONSULT", title="Ukraine tops the agenda")
    assert _country(meeting) == "CAN" and meeting.location.text == "Charlevoix"


def test_a_place_named_inside_the_target_s_phrase_is_where_the_attack_happened():
    story = ("Iraq's parliament approved a new budget in Baghdad on Monday. "
             "In December, U.S. forces carried out airstrikes against Islamic State fighters in Syria.")
    strikes = _event(story, "ASSAULT", title="Iraq approves budget")
    assert _country(strikes) == "SYR"


def test_an_opposition_figure_arrested_by_no_one_named_is_arrested_at_home():
    story = ("South Africa's opposition held a congress in Johannesburg on Saturday. "
             "Uganda's opposition leader Bobi Wine was arrested on Monday.")
    arrest = _event(story, "COERCE", title="South Africa's opposition meets")
    assert _country(arrest) == "UGA"


_BUDGET = "U.S. lawmakers debated the federal budget in Washington on Monday, and the U.S. Senate voted. "


def test_one_foreign_country_s_own_affair_is_placed_in_that_country():
    accusation = _event(_BUDGET + "Separately, Kenyan police accused Kenyan opposition leaders of inciting "
                        "violence.", "ACCUSE", title="U.S. lawmakers debate budget")
    assert _country(accusation) == "KEN"


def test_a_foreign_voice_addressing_another_country_stays_unplaced():
    accusation = _event(_BUDGET + "Separately, Kenyan police accused Ugandan opposition leaders of inciting "
                        "violence.", "ACCUSE", title="U.S. lawmakers debate budget")
    assert _country(accusation) is None


def test_a_meeting_named_after_its_city_is_where_it_is_held():
    talks = _event("Ukraine's parliament passed a budget on Monday. On Tuesday, the U.S. envoy will join "
                   "the Doha talks with Ukrainian officials.", "AGREE", title="Ukraine passes budget")
    assert _country(talks) == "QAT"


def test_a_direction_between_the_preposition_and_the_place_still_names_the_scene():
    attack = _event("Niger's president opened a new road in Niamey on Monday. Gunmen attacked a village "
                    "in northeastern Mali on Tuesday.", "ASSAULT", title="Niger opens a road")
    assert _country(attack) == "MLI"


def test_a_possessive_name_the_story_gives_a_person_is_not_a_town():
    # "Lai" is also a town in Chad; here it is the publisher whose trial it is.
    accusation = _event("Chilean publisher Marco Lai has been held since 2020. Prosecutors in Lai’s "
                        "trial accused him of sedition last week.", "ACCUSE", title="Chile jails publisher")
    assert _country(accusation) != "TCD"


def test_there_at_the_start_of_a_sentence_points_to_the_place_just_named():
    request = _event("Talks between Ghana and Togo collapsed in Lome in March. There, Ghanaian leaders "
                     "asked Togo to reopen the border.", "REQUEST", title="Ghana and Togo")
    assert _country(request) == "TGO" and request.location.text == "Lome"


def test_there_after_a_summit_named_for_its_city_points_to_that_city():
    request = _event("Talks between Ghana and Togo collapsed at the Lome Summit in March. There, "
                     "Ghanaian leaders asked Togo to reopen the border.", "REQUEST", title="Ghana and Togo")
    assert _country(request) == "TGO"


_MOMBASA_LEAD = "Foreign ministers gathered Thursday in Mombasa to discuss the war in Ukraine. "
_UKRAINE_TITLE = "Ukraine peace tops agenda as ministers meet"


def test_the_hosts_of_a_story_set_in_a_town_speak_at_home():
    praise = _event(_MOMBASA_LEAD + "Kenyan Foreign Minister Musalia Mudavadi praised Ukraine's peace "
                    "proposal. Ukraine and Russia have fought since 2022.", "SUPPORT", title=_UKRAINE_TITLE)
    assert _country(praise) == "KEN"


def test_the_main_country_s_voice_in_a_story_set_abroad_is_not_placed_at_home():
    praise = _event(_MOMBASA_LEAD + "Ukrainian Foreign Minister Andrii Sybiha praised the American "
                    "proposal. Ukraine and Russia have fought since 2022.", "SUPPORT", title=_UKRAINE_TITLE)
    assert _country(praise) is None


def test_a_war_in_the_story_s_country_stays_there_when_the_story_is_set_abroad():
    war = _event(_MOMBASA_LEAD + "Ukraine and Russia have fought since 2022.", "ASSAULT", title=_UKRAINE_TITLE)
    assert _country(war) == "UKR"


_WAR_STORY = ("Ukraine and Russia traded fire across the front line on Monday, Ukrainian officials said. "
              "Ukraine's army said Russia had shelled Kharkiv. ")


def test_a_foreign_voice_speaking_only_of_its_own_affairs_speaks_at_home():
    rejection = _event(_WAR_STORY + "Kenyan officials rejected accusations that the election was rigged.",
                       "REJECT", title="Ukraine says Russia shelled Kharkiv")
    assert _country(rejection) == "KEN"


def test_a_foreign_voice_speaking_of_another_country_stays_unplaced():
    rejection = _event(_WAR_STORY + "Kenyan officials rejected accusations that Uganda rigged the election.",
                       "REJECT", title="Ukraine says Russia shelled Kharkiv")
    assert _country(rejection) is None


def test_a_place_in_a_clause_about_another_noun_is_not_where_the_meeting_was():
    meeting = _event("The envoy spoke ahead of a meeting of the U.N. Security Council requested by Britain "
                     "and France to discuss fuel deliveries to Sudan, which are feeding the fighting in "
                     "Darfur.", "CONSULT", title="Chad holds elections")
    assert _country(meeting) is None


def test_a_place_outside_the_clause_that_tells_the_event_is_not_its_place():
    rejection = _event("Officials repeated the claim that the bombing was planned by rebels with camps in "
                       "Libya, a charge Egyptian officials rejected on Friday.", "REJECT",
                       title="Chad holds elections")
    assert _country(rejection) != "LBY"


def test_where_the_cause_of_a_condemnation_happened_is_not_where_it_was_voiced():
    condemnation = _event("The killing of 40 villagers, recalling the 2019 massacre of herders from "
                          "Ogossagou in central Mali, triggered global condemnation with many leaders "
                          "calling for justice.", "ACCUSE", title="Ghana holds elections")
    assert _country(condemnation) is None


def test_a_clause_on_the_place_itself_happened_there():
    acceptance = _event("The ministers held talks in Geneva, Switzerland, where Iran said it was ready to "
                        "accept a U.N. proposal.", "AGREE", title="Chad holds elections")
    assert _country(acceptance) == "CHE"


def test_a_clause_on_the_occasion_of_a_statement_still_places_it():
    request = _event("At meetings that ended in Nairobi on Friday, the minister called for more aid to "
                     "refugees.", "REQUEST", title="Chad holds elections")
    assert _country(request) == "KEN"


def test_a_visit_to_meet_someone_is_where_they_met():
    meeting = _event("Ghana's opposition leader said during a visit to Togo to meet with other opposition "
                     "leaders that he had been harassed.", "CONSULT", title="Chad holds elections")
    assert _country(meeting) == "TGO"


_ARREST = _BUDGET + "Kenyan opposition leader Raila Odinga was arrested last month. "


def test_pressure_on_a_person_by_people_unnamed_is_placed_in_that_person_s_country():
    request = _event(_ARREST + "Some have called on him to quit politics.", "REQUEST",
                     title="U.S. lawmakers debate budget")
    assert _country(request) == "KEN"


def test_pressure_on_a_country_by_people_unnamed_stays_unplaced():
    request = _event(_ARREST + "Some have called on Kenya to free him.", "REQUEST",
                     title="U.S. lawmakers debate budget")
    assert _country(request) is None


_GATHERING = "Foreign ministers gathered Wednesday in Mombasa to discuss the war in Ukraine. "


def test_a_side_meeting_on_the_day_of_the_gathering_a_story_opens_on_is_held_there():
    meeting = _event(_GATHERING + "U.S. Secretary of State Marco Rubio is expected to have a meeting with "
                     "Japanese Foreign Minister Takeshi Iwaya on Wednesday.", "AGREE", title=_UKRAINE_TITLE)
    assert _country(meeting) == "KEN"


def test_a_meeting_on_another_day_is_not_placed_at_the_gathering():
    meeting = _event(_GATHERING + "U.S. Secretary of State Marco Rubio is expected to have a meeting with "
                     "Japanese Foreign Minister Takeshi Iwaya next month.", "AGREE", title=_UKRAINE_TITLE)
    assert _country(meeting) is None


_LOME_TALKS = ("Ghana's president opened a port on Monday. At talks in Lome in March, Ghanaian leaders asked "
               "Togo's president to reopen the border.")
_ANSWER = "He rejected the request and demanded instead new security guarantees."


def test_an_answer_to_the_sentence_before_is_given_where_that_was_asked():
    story = _LOME_TALKS + " " + _ANSWER
    rejection = _event(story, "REJECT", title="Ghana and Togo")
    counter = _event(story, "REQUEST", title="Ghana and Togo")
    assert rejection.location.text == "Lome" and counter.location.text == "Lome"


def test_an_answer_in_a_new_paragraph_does_not_take_the_place_before():
    rejection = _event(_LOME_TALKS + "\n" + _ANSWER, "REJECT", title="Ghana and Togo")
    assert rejection.location is None or rejection.location.text != "Lome"


def test_an_envoy_speaks_where_posted_not_at_home():
    events = {e.type: e for e in eventwire.code(
        "Chinese Ambassador Li Wei urged all parties to show restraint.", pub_date="2025-06-10").events}
    assert events["REQUEST"].location is None
    at_home = {e.type: e for e in eventwire.code(
        "Chinese officials urged all parties to show restraint.", pub_date="2025-06-10").events}
    assert at_home["REQUEST"].location.country == "CHN"


def test_a_town_a_deed_is_done_to_is_where_it_was_done():
    shelling = _event("Russian forces shelled Kharkiv overnight, Ukraine's military said.", "ASSAULT")
    assert shelling.location.name == "Kharkiv" and shelling.location.country == "UKR"
    storming = _event("Jihadists stormed the town of Djibo on Sunday.", "ASSAULT")
    assert storming.location.name == "Djibo"
    assert [(r.text, r.country) for r in storming.recipient] == [("Djibo", "BFA")]
    # A country a deed is done to is a party, not a place named.
    sanctions = _event("The European Union imposed sanctions on Niger on Monday.", "SANCTION")
    assert sanctions.location is None or not sanctions.location.name


def test_one_states_attack_on_another_happened_on_the_targets_soil():
    attack = _event("Russian officials spoke in Moscow. Russia's parliament met. Russia attacked "
                    "Ukraine in 2022.", "ASSAULT", title="Russia marks anniversary")
    assert _country(attack) == "UKR"
