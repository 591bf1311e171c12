"""Event-level resolution: where a statement or an action took place when no place is named."""

import eventwire

STORY = ("Kenyan police arrested 12 protesters in Nairobi on Monday. "
         "The Kenyan government accused the opposition of stoking violence. "
         "The United States urged Kenya to respect the right to protest.")


def _events(text: str):
    return {e.type: e for e in eventwire.code(text, pub_date="2025-06-10").events}


def test_a_named_scene_is_the_location():
    arrest = _events(STORY)["COERCE"]
    assert arrest.location.country == "KEN" and arrest.location.text == "Nairobi"


def test_a_home_government_statement_is_made_at_home():
    accusation = _events(STORY)["ACCUSE"]
    assert accusation.location is not None and accusation.location.country == "KEN"
    assert accusation.location.precision == "country"


def test_where_a_foreign_voice_spoke_is_left_unknown():
    request = _events(STORY)["REQUEST"]
    assert [a.country for a in request.actor] == ["USA"]
    assert request.location is None


def test_that_is_not_a_preposition():
    events = _events("Trump demanded that Ottawa must immediately drop its tariffs on dairy.")
    assert events["REQUEST"].location is None or events["REQUEST"].location.text != "Ottawa"


def test_i_in_a_quote_is_the_speaker_named_after_it():
    coded = eventwire.code('"Of course I reject the charges. Totally rubbish," Lai said.')
    rejection = next(e for e in coded.events if e.type == "REJECT")
    assert rejection.actor[0].text == "Lai"
    assert coded.article.text[rejection.actor[0].start:rejection.actor[0].end] == "Lai"


def test_i_in_an_interview_answer_is_the_labelled_speaker():
    text = ("VOA: What did you discuss in Taipei?\n"
            "Richard Armitage, former U.S. deputy secretary of state: I met President Lai Ching-te "
            "and discussed the pressure from Beijing.")
    events = eventwire.code(text).events
    # The question is no event; the answer's "I" is Armitage, an American former official.
    assert [e.type for e in events] == ["CONSULT"]
    actor = events[0].actor[0]
    assert actor.text.startswith("Richard Armitage") and actor.country == "USA" and actor.sector == "ELI"


def test_a_possessive_pronoun_names_the_addressee_not_the_one_who_answers():
    events = _events("The United States offered Iran new nuclear talks. Tehran rejected its offer.")
    rejection = events["REJECT"]
    assert [a.text for a in rejection.actor] == ["Tehran"]
    assert [(r.text, r.country) for r in rejection.recipient] == [("The United States", "USA")]
    # "its offer" tells the earlier offer again: it is no second offer by Tehran.
    assert [a.text for a in events["AGREE"].actor] == ["The United States"]


def test_an_object_pronoun_is_a_recipient_resolved_to_its_antecedent():
    events = _events("President Ali Hassan met the electoral commission on Monday. "
                     "The opposition accused him of fraud.")
    accusation = events["ACCUSE"]
    assert [r.text for r in accusation.recipient] == ["Ali Hassan"]


def test_a_visited_country_is_where_the_visit_happened():
    visit = _events("Russian President Vladimir Putin visited China on Thursday.")["CONSULT"]
    assert visit.location.country == "CHN" and visit.location.text == "China"


def test_we_after_a_named_speaker_is_that_speaker():
    coded = eventwire.code("Ukrainian President Volodymyr Zelenskyy said, we reject the proposal.")
    rejection = next(e for e in coded.events if e.type == "REJECT")
    assert rejection.actor[0].text == "Ukrainian President Volodymyr Zelenskyy"
    assert rejection.actor[0].country == "UKR"


def test_meeting_modes_from_where_it_was_held():
    third = _events("Vladimir Putin met Xi Jinping in Geneva on Monday.")["CONSULT"]
    assert [r.text for r in third.recipient] == ["Xi Jinping"]  # "in Geneva" is where, not who
    assert third.mode == "third-party"
    assert _events("Vladimir Putin met Recep Tayyip Erdogan in Ankara.")["CONSULT"].mode == "visit"
    # The host is not named: the one who travelled made a visit.
    abroad = _events("Ugandan opposition leader Bobi Wine met activists during a visit to South Africa.")
    assert abroad["CONSULT"].mode == "visit"


def test_a_person_pronoun_may_share_the_country_of_whoever_acts():
    # Only groups exclude the actor's own country ("Tehran rejected its offer").
    events = _events("Kenyan senators wrote to Foreign Minister Musalia Mudavadi, urging him to act.")
    assert [(r.text, r.country) for r in events["REQUEST"].recipient] == [("Musalia Mudavadi", "KEN")]


def test_the_possessor_of_the_actor_can_be_the_object_pronoun():
    events = _events("South African President Cyril Ramaphosa met U.S. envoy Mark Smith on Monday. "
                     "Ramaphosa's opponents, however, accused him of corruption.")
    [recipient] = events["ACCUSE"].recipient
    assert recipient.text.endswith("Ramaphosa") and recipient.country == "ZAF"


def test_in_a_visit_the_visitor_acts_and_the_host_receives():
    met = _events("Kenyan President William Ruto met with Japanese Foreign Minister Takeshi Iwaya "
                  "in Nairobi on Monday.")["CONSULT"]
    assert met.mode == "visit"
    assert [a.country for a in met.actor] == ["JPN"] and [r.country for r in met.recipient] == ["KEN"]
    hosted = _events("Kenyan President William Ruto hosted Japanese Foreign Minister Takeshi Iwaya "
                     "in Nairobi on Monday.")["CONSULT"]
    assert [a.country for a in hosted.actor] == ["KEN"]


def test_a_victim_nobody_says_more_of_is_of_the_country_where_it_happened():
    events = _events("Guatemalan lawyers spoke on Monday in Guatemala City. They recalled journalist "
                     "Maria Lopez, who was killed in Malta in 2017.")
    [victim] = events["ASSAULT"].recipient
    assert victim.country == "MLT" and victim.entity_id.split(".")[1] == "mlt"
    at_home = _events("Guatemalan police arrested the journalist Maria Lopez in Guatemala City.")
    assert at_home["COERCE"].recipient[0].country == "GTM"


def test_a_bare_state_body_is_the_one_named_earlier_with_its_country():
    # The story is mostly about Norway, yet "the army" is the Ruritanian army named before it.
    story = ("Norway on Monday imposed sanctions on four Bolivian army officers. Norway said the "
             "measures answer abuses. Norway will review them in a year, Norway's foreign minister "
             "said. The army shelled villages near the border last month, Norway said.")
    coded = eventwire.code(story, pub_date="2025-06-10")
    assert coded.focus_country == "NOR"
    [shelling] = [e for e in coded.events if e.type == "ASSAULT"]
    assert [(a.text, a.country) for a in shelling.actor] == [("The army", "BOL")]
    assert shelling.actor[0].entity_id.split(".")[1] == "bol"


def test_a_bare_state_body_with_no_such_antecedent_keeps_the_story_country():
    events = _events("Norway on Monday imposed sanctions on Bolivian businessmen. Norway said the "
                     "army shelled villages near the border.")
    assert [a.country for a in events["ASSAULT"].actor] == ["NOR"]


def test_its_own_people_are_the_actors_people():
    story = ("Norway imposed sanctions on Bolivia's military government on Monday. Norway said "
             "it would not stand by while the regime bombs its own people.")
    coded = eventwire.code(story, pub_date="2025-06-10")
    [bombing] = [e for e in coded.events if e.type == "ASSAULT"]
    assert [(a.text, a.country) for a in bombing.actor] == [("the regime", "BOL")]
    assert [(r.text, r.country) for r in bombing.recipient] == [("its own people", "BOL")]


def test_who_acts_on_in_the_next_sentence_is_still_where_the_sentence_before_put_them():
    events = _events("Kenyan President William Ruto met Japanese Foreign Minister Takeshi Iwaya in "
                     "Tokyo on Monday. Ruto urged Japan to invest in Kenyan roads.")
    assert events["REQUEST"].location.country == "JPN" and events["REQUEST"].location.name
    # Someone else acting next names no place for the first one's.
    other = _events("Kenyan President William Ruto met Japanese Foreign Minister Takeshi Iwaya in "
                    "Tokyo on Monday. Kenyan lawmakers urged Japan to invest in Kenyan roads.")
    assert other["REQUEST"].location is None or not other["REQUEST"].location.name


def test_a_sentence_opening_on_he_goes_on_about_the_one_who_acted_before():
    events = _events("Kenyan President William Ruto met Japanese Foreign Minister Takeshi Iwaya in "
                     "Tokyo on Monday. He urged Japan to invest in Kenyan roads.")
    # Not Iwaya, the last person named before "He".
    assert [(a.text, a.country) for a in events["REQUEST"].actor] == [("Kenyan President William Ruto", "KEN")]


def test_we_in_a_quote_closed_by_she_said_is_the_woman_named_before():
    events = eventwire.code("A coalition of Kenyan rights groups called for an inquiry. Opposition leader "
                            "Esther Wambui urged the government to open talks. \"We are ready to sit "
                            "at the table, and we ask the government to do the same,\" she said.",
                            pub_date="2025-06-10").events
    asked = [e for e in events if e.type == "REQUEST" and e.trigger.text == "ask"]
    assert [a.text for a in asked[0].actor] == ["Esther Wambui"]


def test_a_name_followed_by_who_is_a_person_a_pronoun_can_point_to():
    # Whatever the tagger makes of the name, ", who heads" says it is a person's.
    events = eventwire.code("Polat Sayim, an exile in Australia, spoke first. Chalida Tajaroensuk, who "
                            "heads Thailand's People's Empowerment Foundation, echoed his concerns. "
                            "She told VOA she visited the five Uyghurs in prison.",
                            pub_date="2025-03-10").events
    [visit] = [e for e in events if e.type == "CONSULT"]
    assert [(a.text, a.country) for a in visit.actor] == [("Chalida Tajaroensuk", "THA")]
