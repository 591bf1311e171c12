"""Extraction on small invented sentences: type, mode, arguments, factuality, offsets."""

import pytest


def only(events, type_name):
    found = [e for e in events if e.type == type_name]
    assert len(found) == 1, [(e.type, e.trigger.text) for e in events]
    return found[0]


def test_active_arrest_has_actor_recipient_and_exact_offsets(extract):
    text = "Police in Nairobi arrested 12 opposition activists on Monday."
    event = only(extract(text), "COERCE")
    assert event.mode == "arrest"
    assert [a.text for a in event.actor] == ["Police in Nairobi"]
    assert [r.text for r in event.recipient] == ["12 opposition activists"]
    for span in event.actor + event.recipient:
        assert text[span.start:span.end] == span.text
    assert text[event.trigger.start:event.trigger.end] == "arrested"
    assert event.evidence.text == text and event.factuality == "asserted"


def test_passive_with_agent_swaps_roles(extract):
    event = only(extract("Three journalists were detained by the military junta."), "COERCE")
    assert [a.text for a in event.actor] == ["the military junta"]
    assert [r.text for r in event.recipient] == ["Three journalists"]


def test_nominal_trigger_takes_of_object_as_recipient(extract):
    event = only(extract("The government ordered the arrest of dozens of soldiers."), "COERCE")
    assert [a.text for a in event.actor] == ["The government"]
    assert event.recipient and "soldiers" in event.recipient[0].text


def test_compound_actors_become_a_list(extract):
    event = only(extract("The United States, France and Britain condemned the coup in Niger."), "ACCUSE")
    assert event.mode == "disapprove"
    assert [a.text for a in event.actor] == ["The United States", "France", "Britain"]


def test_request_mode_comes_from_cues(extract):
    event = only(extract("Rights groups called for the release of the detained journalists."), "REQUEST")
    assert event.mode == "yield"


def test_reported_speech_is_attributed_to_the_speaker(extract):
    event = only(extract("Officials said rebels attacked a convoy near the border."), "ASSAULT")
    assert event.factuality == "reported"
    assert event.attribution == "Officials"
    event = only(extract("Rebels attacked a convoy, according to local residents."), "ASSAULT")
    assert event.factuality == "reported" and event.attribution == "local residents"


def test_a_speaker_who_is_the_actor_makes_a_statement_not_a_report(extract):
    event = only(extract("The ministry said it rejected the proposal."), "REJECT")
    assert event.factuality == "asserted"
    assert event.attribution is None


def test_a_self_reported_material_act_keeps_its_source(extract):
    event = only(extract("The army said it killed 33 militants in the north."), "ASSAULT")
    assert (event.factuality, event.attribution) == ("reported", "The army")
    event = only(extract("The ministry said it would deploy troops to the north."), "MOBILIZE")
    assert (event.factuality, event.attribution) == ("future", "The ministry")


def test_negated_cooperation_becomes_reject(extract):
    event = only(extract("Kenya refused to attend the hearing."), "REJECT")
    assert event.mode is None or event.mode == "meet"
    event = only(extract("The president did not meet the opposition delegation."), "REJECT")
    assert event.mode == "meet" and event.factuality == "asserted"


def test_later_negation_turns_the_claim_into_denied(extract):
    events = extract("Initial reports said police detained the opposition leader. "
                     "His lawyer said he has not been detained.")
    event = only(events, "COERCE")
    assert event.factuality == "denied"
    assert event.evidence.text.startswith("Initial reports")


def test_repeated_mentions_of_one_event_are_coded_once(extract):
    events = extract("An airstrike killed six militants in Anbar. The airstrike followed months of tracking.")
    assert len([e for e in events if e.type == "ASSAULT"]) == 1


def test_sentences_without_triggers_give_nothing(extract):
    assert extract("The weather in the capital was mild and markets were calm.") == []


def test_a_denial_in_a_that_clause_denies_the_earlier_claim(extract):
    events = extract("Police said they arrested 12 opposition activists on Monday. "
                     "The ministry denied that anyone had been arrested.")
    arrest = only(events, "COERCE")
    assert arrest.factuality == "denied"
    assert arrest.factuality_cue.text.startswith("The ministry denied")
    assert only(events, "REJECT").actor[0].text == "The ministry"


def test_an_aim_is_no_event_but_an_achievement_is(extract):
    assert not [e for e in extract("The son began a campaign to secure his father's release.")
                if e.type == "RETREAT"]
    done = only(extract("The United States secured the release of two hostages."), "RETREAT")
    assert done.factuality == "asserted"


def test_a_material_event_under_a_condition_is_hypothetical(extract):
    events = extract("If you are seen in the forest, you can be killed.")
    assert all(e.factuality == "hypothetical" for e in events if e.type == "ASSAULT")
    events = extract("If the rebels are sincere, they must stop attacking civilians.")
    assert not [e for e in events if e.type == "ASSAULT" and e.factuality == "asserted"]


def test_a_conditional_offer_to_meet_is_still_an_offer(extract):
    events = extract("The president said he would meet with Kim if there is a prospect of a deal.")
    assert [e.type for e in events] == ["AGREE"]


def test_warning_of_a_danger_is_no_threat_but_warning_someone_is(extract):
    assert not [e for e in extract("Officials warned of a possible resurgence of the group.")
                if e.type == "THREATEN"]
    threat = only(extract("The United States warned Iran that it would respond with force."), "THREATEN")
    assert [r.text for r in threat.recipient] == ["Iran"]


def test_speculation_is_no_event_even_when_reported(extract):
    assert not [e for e in extract("Analysts said the militia could attack the capital.")
                if e.type == "ASSAULT"]
    # The modal sits on the verb the trigger is coordinated with.
    assert not [e for e in extract("The militia may regroup and attack the capital.")
                if e.type == "ASSAULT"]
    assert not [e for e in extract("Pyongyang could change course if Seoul cancels the drills "
                                   "or deploys more troops.") if e.type == "MOBILIZE"]
    assert only(extract("Analysts said the militia attacked the capital."), "ASSAULT").factuality == "reported"
    # Unsure of a present or past fact: a hedged report, not speculation.
    hedged = only(extract("Officials said the militia may have attacked the capital."), "ASSAULT")
    assert hedged.factuality != "hypothetical"


def test_asking_a_question_or_trying_is_no_request(extract):
    for text in ("The senator asked whether the embassy would reopen.",
                 "Is the embassy open, the senator asked.",
                 "The ministry has sought to finalize the border treaty since June."):
        assert not [e for e in extract(text) if e.type == "REQUEST"], text
    # The "for" may hang on the one asked.
    assert only(extract("The governor asked the president for emergency funds."), "REQUEST")
    assert only(extract("The governor asked the president to send emergency funds."), "REQUEST")
    assert only(extract("The opposition sought talks with the junta."), "REQUEST")


def test_a_threat_named_as_a_danger_is_no_threat_made(extract):
    assert not [e for e in extract("The minister spoke about Pyongyang's nuclear threat.")
                if e.type == "THREATEN"]
    threat = only(extract("The militia made threats against the village elders."), "THREATEN")
    assert threat.recipient


def test_searching_for_someone_is_no_raid(extract):
    assert not [e for e in extract("Soldiers were searching for survivors in the rubble.")
                if e.type == "COERCE"]
    assert only(extract("Police searched the offices of the opposition party."), "COERCE").mode == "seize"


def test_more_casualties_of_an_attack_already_told_are_no_new_attack(extract):
    events = extract("Gunmen attacked a police station in Kano on Monday, killing four officers. "
                     "Five soldiers were also killed in the attack.")
    assert [e.trigger.text for e in events if e.type == "ASSAULT"] == ["attacked"]
    first = extract("Five soldiers were killed in the attack on a base near Kano on Monday.")
    assert [e.trigger.text for e in first if e.type == "ASSAULT"] == ["killed"]


def test_releasing_a_report_frees_no_one(extract):
    assert not [e for e in extract("The committee released its annual report on Monday.") if e.type == "RETREAT"]
    assert not [e for e in extract("According to a U.N. report to be released next month, the army "
                                   "attacked the town.") if e.type == "RETREAT"]
    freed = only(extract("The junta released 12 political prisoners on Monday."), "RETREAT")
    assert [r.text for r in freed.recipient] == ["12 political prisoners"]


def test_a_wrong_told_of_someone_is_an_accusation_by_the_teller(extract):
    told = only(extract("Washington said the Kabul administration tried to sabotage the peace process."),
                "ACCUSE")
    assert [a.text for a in told.actor] == ["Washington"]
    assert [r.text for r in told.recipient] == ["the Kabul administration"]
    assert told.mode == "allege" and told.trigger.text == "sabotage"


def test_a_wrong_untold_denied_or_only_possible_accuses_no_one(extract):
    for text in ("The Kabul administration tried to sabotage the peace process.",  # no teller
                 "Iran said it had not violated the deal.",  # denied, and of itself
                 "Officials said the new rules could undermine the opposition."):  # only possible
        assert [e for e in extract(text) if e.type == "ACCUSE"] == [], text


def test_an_event_naming_no_party_of_a_type_told_with_parties_is_a_repeat():
    from eventwire.codebook import load_codebook
    from eventwire.extract import _drop_partyless_mentions
    from eventwire.records import Actor, Event, TextSpan

    def event(kind: str, at: int, *parties: str) -> Event:
        return Event(type=kind, evidence=TextSpan("s", at, at + 1), trigger=TextSpan("t", at, at + 1),
                     actor=[Actor(text=p, start=None, end=None) for p in parties])

    met = event("CONSULT", 0, "Kenya")
    talks_again = event("CONSULT", 10)  # "the talks resumed": no one named
    protests = event("PROTEST", 20)  # the only protest told: it still says what the story reports
    protests_again = event("PROTEST", 30)
    arrested = event("COERCE", 40)  # an arrest implies the authorities (implicit_actor)
    kept = _drop_partyless_mentions([met, talks_again, protests, protests_again, arrested], load_codebook())
    assert kept == [met, protests, arrested]


def test_an_event_noun_subject_stays_the_event_even_with_no_party_of_its_own(extract):
    # The strike killed them: no one is named as striking, and the strike is no actor.
    events = [e for e in extract("A drone strike on a market town in eastern Chad killed at least "
                                 "14 people on Thursday.") if e.type == "ASSAULT"]
    assert [(e.trigger.text, [a.text for a in e.actor]) for e in events] == [("drone strike", [])]
    assert [r.text for r in events[0].recipient] == ["at least 14 people"]


@pytest.mark.parametrize("text", [
    "The government repealed the law on Monday.",
    "The mayor scrapped the fuel tax after protests.",
    "Authorities lifted the lockdown in the capital.",
    "The government backed down after weeks of protests.",
    "The president withdrew the bill.",
    "The government suspended the curfew.",
    "The government accepted the strikers' demands.",
])
def test_undoing_a_measure_or_giving_in_is_a_concession(extract, text):
    assert "CONCEDE" in [e.type for e in extract(text)], text


@pytest.mark.parametrize("text, kind", [
    ("The EU suspended aid to Niger.", "SANCTION"),  # a measure against someone, not undone
    ("Mali withdrew from ECOWAS.", "SANCTION"),
    ("The army withdrew its troops from the town.", "RETREAT"),
    ("The president met the prime minister.", "CONSULT"),
])
def test_the_same_verbs_on_other_things_keep_their_type(extract, text, kind):
    types = [e.type for e in extract(text)]
    assert kind in types and "CONCEDE" not in types, (text, types)


@pytest.mark.parametrize("text, kind", [
    ("The army halted its offensive on the city.", "RETREAT"),
    ("Russia returned the bodies of 50 soldiers to Ukraine.", "RETREAT"),
    ("The EU announced an aid package for Sudan.", "AID"),
    ("Japan and the Philippines held joint drills in the South China Sea.", "COOPERATE"),
    ("China held military drills near Taiwan.", "MOBILIZE"),  # its own drills: a show of force
    ("Kenya exports tea to Pakistan.", "COOPERATE"),
])
def test_ceasefires_returns_aid_packages_and_joint_drills(extract, text, kind):
    assert kind in [e.type for e in extract(text)], text


@pytest.mark.parametrize("text", [
    "Kenya moved on Monday to strengthen its ties with Ethiopia.",
    "Saudi Arabia and Iran restored diplomatic relations in March.",
    "The president reaffirmed his support for Ukraine.",
])
def test_words_for_ties_between_parties_are_support(extract, text):
    assert "SUPPORT" in [e.type for e in extract(text)], text


def test_an_activity_judged_as_a_clause_subject_is_no_event(extract):
    events = extract("Officials warned that expanding military cooperation between Russia and Iran "
                     "is dangerous.")
    assert "SUPPORT" not in [e.type for e in events] and "COOPERATE" not in [e.type for e in events]


def test_calling_something_an_achievement_is_praise_not_criticism(extract):
    praised = [e.type for e in extract("Ruto called the deal a historic breakthrough.")]
    assert "SUPPORT" in praised and "ACCUSE" not in praised
    assert "ACCUSE" in [e.type for e in extract("Ruto called the ruling arbitrary and unjust.")]
