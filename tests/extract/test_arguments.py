"""Who acts and who is acted upon: recipients chosen tier by tier, and rejections answered."""

from tests.extract.test_extract import only


def test_a_thing_as_object_gives_way_to_the_party_after_a_preposition(extract):
    # The direct object "containers" is no political entity; the recipient is whom they went to.
    event = only(extract("Pyongyang has shipped at least 10,000 containers to Russia."), "AID")
    assert [r.text for r in event.recipient] == ["Russia"]


def test_a_political_object_still_wins_over_a_preposition(extract):
    event = only(extract("The army attacked rebels with artillery."), "ASSAULT")
    assert [r.text for r in event.recipient] == ["rebels"]


def test_demand_and_allegation_take_the_subject_of_their_clause(extract):
    demand = only(extract("Trump demanded that Ottawa must immediately drop its tariffs."), "REQUEST")
    assert [r.text for r in demand.recipient] == ["Ottawa"]
    allegation = only(extract("The opposition alleged that the military was behind the rigging."), "ACCUSE")
    assert [r.text for r in allegation.recipient] == ["the military"]


def test_a_denial_does_not_make_the_clause_subject_its_recipient(extract):
    events = extract("The ministry denied that soldiers had arrested anyone.")
    assert only(events, "REJECT").recipient == []


def test_a_bare_rejection_answers_the_latest_accuser(extract):
    events = extract("Afghan officials accused the Taliban of plotting the attack. "
                     "The insurgent group denied involvement.")
    rejection = only(events, "REJECT")
    assert [r.text for r in rejection.recipient] == ["Afghan officials"]
    accusation = only(events, "ACCUSE")
    # The recipient points back at the words that named the accuser.
    assert rejection.recipient[0].start == accusation.actor[0].start


def test_a_bare_rejection_far_from_any_claim_stays_unaddressed(extract):
    events = extract("Afghan officials accused the Taliban of plotting the attack. "
                     "The weather was mild. Markets opened late. Schools stayed shut. "
                     "The insurgent group denied involvement.")
    assert only(events, "REJECT").recipient == []


def test_a_particle_verb_counts_with_its_object_in_between(extract):
    rejection = only(extract("Thailand turned the offer down."), "REJECT")
    assert [a.text for a in rejection.actor] == ["Thailand"]
    deportation = only(extract("Thailand turned 40 Uyghur men over to China."), "COERCE")
    assert deportation.mode == "deport"
    assert [r.text for r in deportation.recipient] == ["40 Uyghur men"]  # the deported, not China


def test_a_raised_passive_subject_attends_the_meeting_it_travels_to(extract):
    meeting = only(extract("Rubio is scheduled to travel to Canada on Wednesday for meetings with G7 ministers."),
                   "AGREE")  # a planned meeting is coded as an agreement to meet
    assert [a.text for a in meeting.actor] == ["Rubio"]


def test_who_issues_the_warnings_makes_their_demand(extract):
    demand = only(extract("Pyongyang issued a series of warnings demanding that Washington change its stance."),
                  "REQUEST")
    assert [a.text for a in demand.actor] == ["Pyongyang"]
    assert [r.text for r in demand.recipient] == ["Washington"]


def test_a_verb_misread_as_a_modifier_of_the_root_name_keeps_its_subject(extract):
    # The small model parses "Trump" as the root and "called" as its modifier.
    accusation = only(extract("Trump called Canada one of the highest tariffing nations in the world."), "ACCUSE")
    assert [a.text for a in accusation.actor] == ["Trump"]
    assert [r.text for r in accusation.recipient] == ["Canada"]


def test_a_reduced_passive_relative_stays_passive(extract):
    events = extract("Soldiers detained by the junta were later released.")
    detention = only(events, "COERCE")
    assert [a.text for a in detention.actor] == ["the junta"]
    assert [r.text for r in detention.recipient] == ["Soldiers"]


def test_a_passive_event_with_no_agent_carries_the_actor_of_the_same_kind_just_before(extract):
    events = extract("Soldiers attacked protesters in the capital on Friday. "
                     "At least eight people were killed near the stadium.")
    attack, killing = [e for e in events if e.type == "ASSAULT"]
    assert [a.text for a in killing.actor] == ["Soldiers"]
    assert killing.actor[0].start == attack.actor[0].start  # points at the words that named them


def test_no_actor_is_carried_across_a_long_gap_or_from_another_type(extract):
    events = extract("Soldiers attacked protesters in the capital on Friday. "
                     "Markets were closed. Schools stayed shut. Buses did not run. "
                     "At least eight people were killed.")
    assert [e.actor for e in events if e.type == "ASSAULT"][-1] == []
    events = extract("The government accused the opposition of treason. Five activists were detained.")
    assert only(events, "COERCE").actor == []


def test_a_relative_who_passive_has_the_named_person_as_recipient(extract):
    event = only(extract("Daphne Caruana Galizia, who was killed in Malta in 2017, was a journalist."), "ASSAULT")
    assert [r.text for r in event.recipient] == ["Daphne Caruana Galizia"]


def test_a_coordinated_participle_shares_the_passive_and_its_agent(extract):
    event = only(extract("Protesters were beaten and detained by police."), "COERCE")
    assert [a.text for a in event.actor] == ["police"]
    assert [r.text for r in event.recipient] == ["Protesters"]


def test_a_dangling_preposition_is_not_part_of_an_argument(extract):
    event = only(extract("The government accuses the rebel group of killing civilians."), "ACCUSE")
    assert [r.text for r in event.recipient] == ["the rebel group"]


def test_a_joint_meeting_of_coordinated_parties_gives_the_others_as_recipients(extract):
    event = only(extract("Kim Jong Un and Vladimir Putin held a summit in Pyongyang."), "CONSULT")
    assert [a.text for a in event.actor] == ["Kim Jong Un"]
    assert [r.text for r in event.recipient] == ["Vladimir Putin"]


def test_coordinated_accusers_stay_actors(extract):
    event = only(extract("The United States and France condemned the coup."), "ACCUSE")
    assert [a.text for a in event.actor] == ["The United States", "France"]


def test_the_party_a_thing_is_with_is_the_recipient(extract):
    event = only(extract("Trump praised his first summit with Kim Jong Un."), "SUPPORT")
    assert [r.text for r in event.recipient] == ["Kim Jong Un"]


def test_a_pronoun_subject_of_a_warning_is_the_speaker_not_the_recipient(extract):
    event = only(extract("The United States warned that it will continue to exert pressure."), "THREATEN")
    assert event.recipient == []


def test_ones_own_statement_is_no_recipient(extract):
    event = only(extract("The minister retracted his statement."), "CONCEDE")
    assert event.recipient == []


def test_punctuation_is_never_an_argument(extract):
    events = extract("A militia called the anti-Balaka fought back against the rebels.")
    assert all(a.text.strip("-–— ") for e in events for a in e.actor + e.recipient)


def test_one_who_stands_accused_is_the_recipient(extract):
    event = only(extract("Lai stands accused of collusion with foreign forces."), "ACCUSE")
    assert event.actor == [] and [r.text for r in event.recipient] == ["Lai"]


def test_the_one_granted_a_release_is_its_recipient(extract):
    event = only(extract("A court in October granted him house arrest."), "RETREAT")
    assert [a.text for a in event.actor] == ["A court"]  # "in October" says when, not who
    assert [r.text for r in event.recipient] == ["him"]


def test_coordinated_verbs_share_their_object(extract):
    event = only(extract("Government forces killed and injured 1,000 Taliban fighters."), "ASSAULT")
    assert [r.text for r in event.recipient] == ["1,000 Taliban fighters"]


def test_a_warnings_target_deep_in_its_clause(extract):
    event = only(extract("The United States warned that it will continue to exert pressure on Iran."),
                 "THREATEN")
    assert [r.text for r in event.recipient] == ["Iran"]



def test_who_carried_out_a_series_of_strikes_made_them(extract):
    event = only(extract("U.S. forces carried out a series of airstrikes against IS targets."), "ASSAULT")
    assert [a.text for a in event.actor] == ["U.S. forces"]


def test_the_other_party_of_a_threatened_break(extract):
    event = only(extract("Kenya threatened to cut ties with Somalia."), "THREATEN")
    assert [r.text for r in event.recipient] == ["Somalia"]


def test_the_sayer_urges_when_the_clause_subject_is_no_actor(extract):
    event = only(extract("Abubakar said the initiative aims to mobilize personnel and urged "
                         "security officials to seize the opportunity."), "REQUEST")
    assert [a.text for a in event.actor] == ["Abubakar"]


def test_the_main_subject_does_what_an_in_ing_phrase_says(extract):
    event = only(extract("In announcing the sanctions on Sali Berisha, Secretary of State Antony "
                         "Blinken said he was involved in corruption."), "SANCTION")
    assert [a.text for a in event.actor] == ["Secretary of State Antony Blinken"]


def test_the_backing_of_a_country_is_given_by_it(extract):
    event = only(extract("The proposed deal also has the backing of India."), "SUPPORT")
    assert [a.text for a in event.actor] == ["India"] and event.recipient == []


def test_deployed_troops_with_no_one_named_are_the_side_acting(extract):
    event = only(extract("Several hundred troops were deployed to the border."), "MOBILIZE")
    assert [a.text for a in event.actor] == ["Several hundred troops"]


def test_a_mobilization_against_someone_keeps_them_as_the_target(extract):
    event = only(extract("The government ordered a mobilization against al-Shabab."), "MOBILIZE")
    assert all(a.text != "al-Shabab" for a in event.actor)


def test_an_unnamed_subset_after_including_is_no_extra_recipient(extract):
    unnamed = only(extract("Police arrested seven militants, including two women, in Anbar."), "COERCE")
    assert [r.text for r in unnamed.recipient] == ["seven militants"]
    named = only(extract("Police arrested seven officers, including Gen Dembele, in Bamako."), "COERCE")
    assert [r.text for r in named.recipient] == ["seven officers", "Gen Dembele"]


def test_drills_misread_as_the_subject_of_a_participle_keep_who_conducted_them(extract):
    events = extract("Three days later, China conducted the military drills encircling Taiwan.")
    drills = only(events, "MOBILIZE")
    assert [a.text for a in drills.actor] == ["China"]
    assert [r.text for r in drills.recipient] == ["Taiwan"]


def test_of_two_equal_triggers_of_a_kind_the_main_clause_wins(extract):
    events = extract("After weeks of denials about the 48 men it had held since arresting them in 2014, "
                     "Thailand abruptly turned 40 of them over to China on Feb. 27.")
    handover = only(events, "COERCE")
    assert handover.trigger.text == "turned"
    assert [a.text for a in handover.actor] == ["Thailand"]


def test_an_event_noun_as_subject_of_its_own_outcome_verb_stays_the_event(extract):
    strike = only(extract("A drone strike by the Rapid Support Forces killed 12 civilians in El Fasher."),
                  "ASSAULT")
    assert strike.trigger.text == "drone strike"
    assert [a.text for a in strike.actor] == ["the Rapid Support Forces"]
    assert [r.text for r in strike.recipient] == ["12 civilians"]


def test_a_warned_target_may_sit_on_the_object_deep_in_the_clause(extract):
    warning = only(extract("The ministry warned that it will keep up pressure on Kenya."), "THREATEN")
    assert [r.text for r in warning.recipient] == ["Kenya"]


def test_a_group_accused_of_doing_something_is_the_group(extract):
    accusation = only(extract("The army accused the rebel group of looting and burning villages."), "ACCUSE")
    assert [r.text for r in accusation.recipient] == ["the rebel group"]


def test_forces_sent_on_a_purpose_act_against_its_object(extract):
    sent = only(extract("The government sent soldiers into Somalia to combat the militant group."), "MOBILIZE")
    assert [a.text for a in sent.actor] == ["The government"]
    assert [r.text for r in sent.recipient] == ["the militant group"]
    deployed = only(extract("Hundreds of troops were deployed to the border to push back the rebels."),
                    "MOBILIZE")
    assert [a.text for a in deployed.actor] == ["troops"]
    assert [r.text for r in deployed.recipient] == ["the rebels"]


def test_support_for_a_call_is_addressed_to_whoever_made_it(extract):
    events = extract("The United States and France called for an immediate ceasefire. "
                     "Greece also supported the call.")
    assert [r.text for r in only(events, "SUPPORT").recipient] == ["The United States", "France"]


def test_condemning_a_deed_is_addressed_to_whoever_did_it(extract):
    events = extract("Soldiers detained the opposition leader on Monday. "
                     "His party condemned the detention on Tuesday.")
    assert [r.text for r in only(events, "ACCUSE").recipient] == ["Soldiers"]


def test_condemning_a_deed_looks_only_a_few_sentences_back(extract):
    events = extract("Soldiers detained the opposition leader on Monday. The capital was quiet. "
                     "Markets opened late. Schools closed early. Rain fell all day. "
                     "His party condemned the detention on Tuesday.")
    assert only(events, "ACCUSE").recipient == []


def test_a_demand_to_free_someone_goes_to_whoever_holds_them(extract):
    events = extract("A judge ordered the journalist Jose Ruben Zamora back to prison. "
                     "Police arrested two protesters in the capital. "
                     "Press freedom groups called for Zamora's immediate release. "
                     "The U.N. also called for his release.")
    custody, arrest = [e for e in events if e.type == "COERCE"]
    assert custody.trigger.text == "ordered" and [a.text for a in custody.actor] == ["A judge"]
    named, pronoun = [e for e in events if e.type == "REQUEST"]
    assert [r.text for r in named.recipient] == ["A judge"]
    # "his": one person, so not the two protesters the police hold.
    assert [r.text for r in pronoun.recipient] == ["A judge"]


def test_a_release_demand_for_someone_nobody_took_stays_unaddressed(extract):
    events = extract("Police arrested two protesters in the capital. "
                     "Rights groups called for the release of Maria Lopez.")
    assert only(events, "REQUEST").recipient == []


def test_officials_of_two_coordinated_sides_meet_each_other(extract):
    meeting = only(extract("Chinese and Russian diplomats met in Geneva on Monday."), "CONSULT")
    assert [a.text for a in meeting.actor] == ["Chinese and Russian diplomats"]
    assert [r.text for r in meeting.recipient] == ["Russian"]
    one_side = only(extract("Senior Chinese diplomats met in Geneva on Monday."), "CONSULT")
    assert one_side.recipient == []


def test_a_participle_telling_what_the_attacks_did_names_whom_they_hit(extract):
    attacks = only(extract("The rebels intensified their attacks, inflicting heavy casualties on "
                           "government forces."), "ASSAULT")
    assert [r.text for r in attacks.recipient] == ["government forces"]
    assert [a.text for a in attacks.actor] == ["The rebels"]  # "their attacks": the rebels'
    reason = only(extract("The rebels intensified their attacks because the army has been "
                          "arresting government officials."), "ASSAULT")
    assert reason.recipient == []


def test_a_purpose_in_an_effort_to_names_the_target_of_a_show_of_force(extract):
    tests = only(extract("Pyongyang conducted missile tests in an effort to pressure Seoul."), "MOBILIZE")
    assert [r.text for r in tests.recipient] == ["Seoul"]


def test_a_clause_answered_with_which_is_addressed_to_its_teller(extract):
    denial = only(extract("Ukrainian officials described the transfers in a report — which Moscow denied."),
                  "REJECT")
    assert [r.text for r in denial.recipient] == ["Ukrainian officials"]


def test_the_parties_to_a_thing_may_sit_two_phrases_down(extract):
    plea = only(extract("The distillers urged an end to the trade fight between Kenya and Uganda."), "REQUEST")
    assert [r.text for r in plea.recipient] == ["Kenya"]


def test_rejecting_an_act_of_state_no_one_else_made_answers_the_government(extract):
    rejection = only(extract("Opposition parties rejected the budget, calling it inflationary."), "REJECT")
    assert [(r.text, r.implicit) for r in rejection.recipient] == [("the government", True)]
    named = only(extract("Opposition parties rejected the army's budget."), "REJECT")
    assert [(r.text, r.implicit) for r in named.recipient] == [("the army's budget", False)]


def test_a_coordinated_act_shares_whom_the_first_was_with(extract):
    talks = only(extract("The envoy had dinner with the Kenyan president and discussed the border dispute."),
                 "CONSULT")
    assert [r.text for r in talks.recipient] == ["the Kenyan president"]


def test_an_adjective_complement_names_the_party(extract):
    offer = only(extract("The agency said it was ready to support Kenya's government."), "AGREE")
    assert [r.text for r in offer.recipient] == ["Kenya's government"]


def test_concern_about_someones_doing_is_a_disapproval_of_them(extract):
    shared = only(extract("Tokyo and Washington shared concerns over China's expansion of its arsenal."),
                  "ACCUSE")
    assert [a.text for a in shared.actor] == ["Tokyo", "Washington"]
    assert shared.recipient[0].text.startswith("China")
    worried = only(extract("Kenya is seriously concerned about Uganda's troop build-up."), "ACCUSE")
    assert worried.recipient[0].text.startswith("Uganda")
    # A noun used as a noun keeps its particle its own: no handover here.
    assert not [e for e in extract("Rebels gained the upper hand over the army.") if e.type == "RETREAT"]


def test_verbs_joined_by_and_address_the_same_party(extract):
    events = extract("Pyongyang asked Washington for sanctions relief. "
                     "Trump rejected the request and asked instead for full denuclearization.")
    requests = [e for e in events if e.type == "REQUEST"]
    assert [r.text for r in requests[-1].recipient] == ["Pyongyang"]
    own = extract("Pyongyang asked Washington for sanctions relief. "
                  "Trump rejected the request and urged allies to keep up the pressure.")
    assert [r.text for r in [e for e in own if e.type == "REQUEST"][-1].recipient] == ["allies"]


def test_who_tells_of_a_deed_did_not_do_it(extract):
    cited = only(extract("Canberra cites air strikes on civilians."), "ASSAULT")
    assert cited.actor == [] and [r.text for r in cited.recipient] == ["civilians"]
    mourned = only(extract("Officials mourned the killing of three soldiers."), "ASSAULT")
    assert mourned.actor == []


def test_who_carries_out_a_deed_or_voices_a_concern_is_its_actor(extract):
    launched = only(extract("The rebels launched attacks on the town."), "ASSAULT")
    assert [a.text for a in launched.actor] == ["The rebels"]
    cited = only(extract("Officials cited concerns about harmful content."), "ACCUSE")
    assert [a.text for a in cited.actor] == ["Officials"]


def test_a_description_beside_a_name_acts_as_the_name(extract):
    events = extract("A spokesman for the Rapid Support Forces, the paramilitary group fighting "
                     "Sudan's army, said the drone had been launched by the army.")
    fighting = only(events, "ASSAULT")
    assert [a.text for a in fighting.actor] == ["the Rapid Support Forces"]


def test_among_those_detained_is_the_one_named_not_a_detainer(extract):
    detained = only(extract("Among those detained was the party's deputy chairman, Joseph Mrema."), "COERCE")
    assert detained.actor == [] and [r.text for r in detained.recipient] == ["the party's deputy chairman"]


def test_a_reduced_passive_lends_no_actor_from_the_main_clause(extract):
    # "The general" is the one who listed them, not who killed them.
    listed = only(extract("The general listed 18 soldiers killed in the fighting."), "ASSAULT")
    assert listed.actor == [] and [r.text for r in listed.recipient] == ["18 soldiers"]
