"""Counts of people, dead and injured read from the words around an event trigger."""

from __future__ import annotations

import re

import pytest

from eventwire.resolve.numbers import parse_number, quantity_for_trigger


@pytest.mark.parametrize("text, value", [
    ("12", 12), ("1,200", 1200), ("2,400", 2400), ("3 million", 3_000_000), ("1.5 million", 1_500_000),
    ("seven", 7), ("Seven", 7), ("twenty-five", 25), ("two dozen", 24), ("a dozen", 12),
    ("half a dozen", 6), ("two hundred", 200), ("two hundred and fifty", 250), ("a hundred", 100),
    ("three thousand", 3000), ("a million", 1_000_000),
])
def test_parse_number(text: str, value: int) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["dozens", "hundreds", "a", "2.5", "several", "many", "", "fifth"])
def test_parse_number_refuses_what_is_not_a_whole_number(text: str) -> None:
    assert parse_number(text) is None


def quantity(sentence: str, trigger: str, event_type: str = "ASSAULT", offset: int = 0):
    start = re.search(rf"\b{re.escape(trigger)}\b", sentence).start()
    return quantity_for_trigger(sentence, start, event_type, sentence_offset=offset)


def counts(sentence: str, trigger: str, event_type: str = "ASSAULT") -> tuple:
    q = quantity(sentence, trigger, event_type)
    return q.people, q.dead, q.injured, q.lower_bound, q.qualitative


@pytest.mark.parametrize("sentence, trigger, event_type, expected", [
    ("Reports said approximately 50 military personnel might be facing arrest.", "arrest", "COERCE",
     (50, None, None, False, None)),
    ("Gunmen killed 12 people in the village.", "killed", "ASSAULT", (None, 12, None, False, None)),
    ("At least 12 were killed in the blast.", "killed", "ASSAULT", (None, 12, None, True, None)),
    ("Thailand caught more than 300 Uyghurs entering the country.", "caught", "COERCE",
     (300, None, None, True, None)),
    ("The bomb exploded in the market, killing 8 and wounding 30.", "exploded", "ASSAULT",
     (None, 8, 30, False, None)),
    ("Dozens of soldiers have been detained in Mali.", "detained", "COERCE",
     (None, None, None, False, "dozens")),
    ("Hundreds of people fled the fighting.", "fled", "RETREAT", (None, None, None, False, "hundreds")),
    ("Tens of thousands of people rallied.", "rallied", "PROTEST",
     (None, None, None, False, "tens of thousands")),
    ("Police arrested seven protesters.", "arrested", "COERCE", (7, None, None, False, None)),
    ("Two dozen activists were detained.", "detained", "COERCE", (24, None, None, False, None)),
    ("A dozen protesters were arrested.", "arrested", "COERCE", (12, None, None, False, None)),
    ("Half a dozen journalists were detained.", "detained", "COERCE", (6, None, None, False, None)),
    ("Twenty-five students were kidnapped.", "kidnapped", "ASSAULT", (25, None, None, False, None)),
    ("The army deployed 1,200 troops to the north.", "deployed", "MOBILIZE", (1200, None, None, False, None)),
    ("The conflict has displaced 3 million people.", "displaced", "COERCE",
     (3_000_000, None, None, False, None)),
    ("Thailand turned 40 of them over to China.", "turned", "COERCE", (40, None, None, False, None)),
    ("China asked for the return of 45 “Chinese nationals.”", "asked", "REQUEST", (45, None, None, False, None)),
    ("She visited the five Uyghurs the day after the 40 were deported.", "visited", "CONSULT",
     (5, None, None, False, None)),
    ("The officials said they arrested seven additional IS members, including two women.", "arrested",
     "COERCE", (7, None, None, False, None)),
    ("Officials said 31 people, including 23 security personnel, lost their lives in the hijacking.",
     "hijacking", "ASSAULT", (None, 31, None, False, None)),
    ("354 passengers were freed, 37 of whom were injured.", "freed", "AID", (354, None, 37, False, None)),
    ("The BLA killed nearly 400 people in over 500 attacks.", "killed", "ASSAULT",
     (None, 400, None, False, None)),
    ("The security forces have arrested at least 2,400 people since February 1.", "arrested", "COERCE",
     (2400, None, None, True, None)),
    ("Up to 10,000 civilians were displaced this week.", "displaced", "COERCE",
     (10000, None, None, False, None)),
    ("His forces had “killed and injured 1,000” Taliban fighters.", "killed", "ASSAULT",
     (1000, None, None, False, None)),
    ("The single biggest attack, in 2009, killed at least 25 people and injured 60 others.", "attack",
     "ASSAULT", (None, 25, 60, True, None)),
    ("The attack killed at least 25 people and injured 60 others.", "killed", "ASSAULT",
     (None, 25, 60, True, None)),
    ("Security forces say they killed all six attackers.", "killed", "ASSAULT", (None, 6, None, False, None)),
    ("The United States barred three other top Albanian officials.", "barred", "SANCTION",
     (3, None, None, False, None)),
    ("The death toll rose to 63 on Sunday.", "rose", "ASSAULT", (None, 63, None, False, None)),
    ("One person was killed and 14 were injured.", "killed", "ASSAULT", (None, 1, 14, False, None)),
    ("One of the attackers was killed.", "killed", "ASSAULT", (None, 1, None, False, None)),
    ("Police arrested 10 to 15 people.", "arrested", "COERCE", (10, None, None, True, None)),
    ("The 2,000-strong force arrived.", "arrived", "MOBILIZE", (2000, None, None, False, None)),
    ("Five bodies were found near the road.", "found", "ASSAULT", (None, 5, None, False, None)),
])
def test_counts(sentence: str, trigger: str, event_type: str, expected: tuple) -> None:
    assert counts(sentence, trigger, event_type) == expected


@pytest.mark.parametrize("sentence, trigger", [
    ("A 25-year-old man was shot dead by police.", "shot"),
    ("The man, 25 years old, was shot.", "shot"),
    ("The government pledged $5 million in aid to the region.", "pledged"),
    ("Turnout rose to 45% as voters queued.", "rose"),
    ("Support fell 12 percent among voters.", "fell"),
    ("They met for the 51st time on March 5.", "met"),
    ("Rebels attacked the town on 5 March and again at 3 p.m. on Friday.", "attacked"),
    ("Forces arrested the leader in 2014.", "arrested"),
    ("The army sent troops in 2015.", "sent"),
    ("Security forces have also occupied at least 36 hospitals.", "occupied"),
    ("Rebels attacked nearly 10 villages near the border.", "attacked"),
    ("The agency closed 12 media outlets and websites.", "closed"),
    ("Pyongyang shipped at least 10,000 containers to Russia.", "shipped"),
    ("The House voted 368-7, urging an investigation.", "voted"),
    ("Kenya gave the agency 14 days to present a plan.", "gave"),
    ("Britain will pay $116 million a year for 99 years.", "pay"),
    ("No one was hurt in the attack.", "attack"),
    ("Children under 18 were barred from gaming.", "barred"),
    ("They worried about the health of minors under the age of 18.", "worried"),
    ("The G7 ministers met in Quebec.", "met"),
    ("Officials said it was one person who is responsible.", "said"),
    ("The two countries signed a deal.", "signed"),
])
def test_never_counts_what_is_not_people(sentence: str, trigger: str) -> None:
    q = quantity(sentence, trigger)
    assert q.is_empty() and q.qualitative is None and q.span is None


def test_each_verb_keeps_its_own_count() -> None:
    sentence = "The military said it killed 33 BLA terrorists and freed 354 passengers."
    assert counts(sentence, "killed", "ASSAULT")[:3] == (None, 33, None)
    assert counts(sentence, "freed", "AID")[:3] == (354, None, None)
    sentence = "Thailand deported 173 mostly women and children to Turkey and sent 109, most of them men, back."
    assert counts(sentence, "deported", "COERCE")[0] == 173
    assert counts(sentence, "sent", "COERCE")[0] == 109


def test_speech_acts_do_not_take_the_casualties_they_talk_about() -> None:
    assert quantity("Officials accused the army of killing 12 protesters.", "accused", "ACCUSE").is_empty()


def test_casualties_in_another_clause_stay_there() -> None:
    sentence = "The Taliban leader praised the withdrawal, as officials raised the death toll to more than 60."
    assert quantity(sentence, "praised", "SUPPORT").is_empty()


def test_span_points_into_the_article() -> None:
    article = "Intro sentence. At least 12 were killed in the blast."
    sentence_start = article.index("At least")
    sentence = article[sentence_start:]
    q = quantity_for_trigger(sentence, sentence.index("killed"), "ASSAULT", sentence_offset=sentence_start)
    assert q.span is not None and article[q.span.start:q.span.end] == q.span.text == "At least 12"


def test_no_number_gives_an_empty_quantity() -> None:
    q = quantity("Soldiers were detained in Bamako.", "detained", "COERCE")
    assert q.is_empty() and q.span is None and not q.lower_bound


def test_mali_seed_report(shared) -> None:
    text = shared("seed", "mali_coup_plot.txt").read_text(encoding="utf-8")
    start = text.index("Dozens of soldiers have been detained")
    sentence = text[start:text.index(".", start) + 1]
    q = quantity_for_trigger(sentence, sentence.index("detained"), "COERCE", sentence_offset=start)
    assert q.is_empty() and q.qualitative == "dozens"
    start = text.index("Reports attributed to the AFP")
    sentence = text[start:text.index(".", start) + 1]
    q = quantity_for_trigger(sentence, sentence.index("arrest"), "COERCE", sentence_offset=start)
    assert q.people == 50 and q.span is not None and text[q.span.start:q.span.end] == q.span.text


def test_and_joins_a_range_only_after_between() -> None:
    assert counts("Police arrested between 10 and 15 people.", "arrested", "COERCE") == (10, None, None, True, None)
    assert counts("The blast killed 25 and 60 were injured.", "killed", "ASSAULT")[:3] == (None, 25, 60)
