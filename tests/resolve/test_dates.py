"""Time expressions: finding them, resolving them against the publication date, choosing one."""

from __future__ import annotations

import re
from datetime import date

import pytest

from eventwire.resolve.dates import (
    TimeExpression,
    date_for_trigger,
    find_time_expressions,
    resolve_time_expression,
)

PUB = date(2025, 8, 11)  # a Monday: the Mali seed report's publication date


def texts(sentence: str) -> list[str]:
    return [e.text for e in find_time_expressions(sentence)]


# ---------------------------------------------------------------- finding


@pytest.mark.parametrize("sentence, expected", [
    ("Troops entered the town on August 8.", ["on August 8"]),
    ("The vote was held on 8 August 2025 in Bamako.", ["on 8 August 2025"]),
    ("Thailand turned 40 of them over to China on Feb. 27.", ["on Feb. 27"]),
    ("Protests began in March 2021 and spread.", ["in March 2021"]),
    ("Boko Haram's 2014 abduction shocked the world.", ["2014"]),
    ("Kenya's High Court ruled in early 2017 that closing the camp was unlawful.", ["in early 2017"]),
    ("Soldiers were detained on Thursday.", ["on Thursday"]),
    ("Officials said Friday the plot was foiled.", ["Friday"]),
    ("The crackdown began overnight.", ["overnight"]),
    ("He was arrested yesterday and charged today.", ["yesterday", "today"]),
    ("Talks resumed this week after stalling last week.", ["this week", "last week"]),
    ("The envoy left last month; elections failed last year.", ["last month", "last year"]),
    ("Girls kidnapped last Friday were freed.", ["last Friday"]),
    ("She visited them the day after the deportation.", ["the day after"]),
    ("Rebels attacked the base two days ago.", ["two days ago"]),
    ("A strike earlier this month killed five.", ["earlier this month"]),
    ("Mara has been in custody since early August.", ["since early August"]),
    ("The junta dissolved all parties in May.", ["in May"]),
    ("The insurgency has plagued the region since 2012.", ["since 2012"]),
    ("Ministers meet next week.", ["next week"]),
    ("Arrests are expected in the coming days.", ["in the coming days"]),
    ("Islanders were expelled in the 1960s.", ["in the 1960s"]),
    ("The girls were released around 3 a.m. local time.", ["around 3 a.m. local time"]),
    ("Fighting raged from 2014 to 2016.", ["from 2014 to 2016"]),
    ("Talks ran between March 3 and 5, 2024.", ["between March 3 and 5, 2024"]),
    ("Sanctions hit the country over the weekend.", ["over the weekend"]),
    ("The drills were held in late January.", ["in late January"]),
    ("Trump met Kim in June 2018 and again in February 2019.", ["in June 2018", "in February 2019"]),
    ("NATO chiefs gathered in Paris Tuesday.", ["Tuesday"]),
    ("Officials cited the January attack and Pakistan's February elections.", ["January", "February"]),
])
def test_finds_expressions(sentence: str, expected: list[str]) -> None:
    assert texts(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "Thailand turned 40 of them over to China.",
    "The army deployed 2,000 troops to the border.",
    "The U.N. says their treatment may amount to crimes against humanity.",
    "Protesters march to the capital every week-end.",
    "March organizers said police blocked the road.",
    "The plan, called Vision 2030, was announced by the crown prince.",
    "The council adopted resolution 2231 unanimously.",
    "He paid $2014 in fines.",
    "The army sent 2000 troops north.",
    "A 25-year-old man was shot.",
    "Shoppers flocked to stores on Black Friday.",
    "Analysts recalled the fall of Kabul.",
    "Britain will pay $116 million a year for 99 years.",
    "May God protect them, the priest said.",
])
def test_ignores_numbers_and_words_that_are_not_dates(sentence: str) -> None:
    assert texts(sentence) == []


def test_offsets_point_into_the_text() -> None:
    sentence = "On Thursday, the junta said it had foiled a plot hatched in July 2025 by officers."
    found = find_time_expressions(sentence)
    assert [sentence[e.start:e.end] for e in found] == [e.text for e in found]
    assert found[0] == TimeExpression("On Thursday", 0, 11, "weekday", "on")
    assert found[1].kind == "month" and found[1].preposition == "in"


# ---------------------------------------------------------------- resolving


@pytest.mark.parametrize("expression, value, precision", [
    ("on Thursday", "2025-08-07", "day"),
    ("Monday", "2025-08-11", "day"),          # the publication day itself
    ("Tuesday's", "2025-08-05", "day"),
    ("last Friday", "2025-08-08", "day"),
    ("in May", "2025-05", "month"),
    ("in September", "2024-09", "month"),     # the most recent September not after publication
    ("last September", "2024-09", "month"),
    ("early August", "2025-08", "month"),
    ("since early August", "2025-08", "month"),
    ("last year", "2024", "year"),
    ("since 2012", "2012", "year"),
    ("in early 2017", "2017", "year"),
    ("2014", "2014", "year"),
    ("overnight", "2025-08-11", "day"),
    ("yesterday", "2025-08-10", "day"),
    ("last night", "2025-08-10", "day"),
    ("today", "2025-08-11", "day"),
    ("earlier in the day", "2025-08-11", "day"),
    ("two days ago", "2025-08-09", "day"),
    ("a year ago", "2024", "year"),
    ("this week", "2025-08-11", "week"),      # week precision: value is the Monday
    ("last week", "2025-08-04", "week"),
    ("next week", "2025-08-18", "week"),
    ("over the weekend", "2025-08-09", "week"),
    ("the past week", "2025-08-04", "week"),
    ("in the past month", "2025-08", "month"),
    ("last month", "2025-07", "month"),
    ("earlier this month", "2025-08", "month"),
    ("next month", "2025-09", "month"),
    ("on August 8", "2025-08-08", "day"),
    ("Feb. 27", "2025-02-27", "day"),
    ("on Dec. 7", "2024-12-07", "day"),       # year-less dates point back ...
    ("on Sept. 15", "2025-09-15", "day"),     # ... unless they are at most two months ahead
    ("8 August 2025", "2025-08-08", "day"),
    ("the 8th of August", "2025-08-08", "day"),
    ("December 7, 2019", "2019-12-07", "day"),
    ("in March 2021", "2021-03", "month"),
    ("the end of 2024", "2024", "year"),
    ("mid-March", "2025-03", "month"),
    ("last summer", "2024", "year"),
    ("in the spring of 2020", "2020", "year"),
    ("around 3 a.m.", "2025-08-11", "day"),
    ("from 2014 to 2016", "2014", "year"),
    ("March 3-5, 2024", "2024-03-03", "week"),
    ("between March 3 and April 5, 2024", "2024", "year"),
    ("2024-03-05", "2024-03-05", "day"),      # dateparser fallback
])
def test_resolves_against_publication_date(expression: str, value: str, precision: str) -> None:
    resolved = resolve_time_expression(expression, PUB)
    assert (resolved.value, resolved.precision) == (value, precision)


@pytest.mark.parametrize("expression, value", [
    ("on Thursday", "2025-08-14"),
    ("Monday", "2025-08-11"),
    ("in May", "2026-05"),
    ("in August", "2025-08"),
    ("next week", "2025-08-18"),
    ("on Feb. 27", "2026-02-27"),
])
def test_future_events_resolve_forward(expression: str, value: str) -> None:
    assert resolve_time_expression(expression, PUB, future=True).value == value


@pytest.mark.parametrize("expression, value", [
    ("8 August 2025", "2025-08-08"),
    ("in March 2021", "2021-03"),
    ("since 2012", "2012"),
    ("2024-03-05", "2024-03-05"),
])
def test_without_publication_date_absolute_dates_still_resolve(expression: str, value: str) -> None:
    assert resolve_time_expression(expression, None).value == value


@pytest.mark.parametrize("expression", ["on Thursday", "in May", "last year", "yesterday", "Feb. 27",
                                        "this week", "two days ago", "overnight"])
def test_without_publication_date_relative_ones_say_so(expression: str) -> None:
    resolved = resolve_time_expression(expression, None)
    assert resolved.value is None and resolved.precision is None
    assert resolved.note and "publication date" in resolved.note


@pytest.mark.parametrize("expression", ["the day after", "days later", "in the coming days", "the 1960s",
                                        "the past few years", "Christmas"])
def test_undatable_expressions_give_no_value_but_a_reason(expression: str) -> None:
    resolved = resolve_time_expression(expression, PUB)
    assert resolved.value is None and resolved.note


# ---------------------------------------------------------------- choosing for a trigger


def at(sentence: str, word: str) -> int:
    return re.search(rf"\b{re.escape(word)}\b", sentence).start()


def test_expression_after_the_trigger_with_article_offsets() -> None:
    sentence = "Soldiers were detained on Thursday in Bamako."
    got = date_for_trigger(sentence, at(sentence, "detained"), PUB, sentence_offset=100)
    assert (got.value, got.precision) == ("2025-08-07", "day")
    assert got.span is not None and (got.span.text, got.span.start, got.span.end) == ("on Thursday", 123, 134)


def test_fronted_expression_dates_the_main_verb() -> None:
    sentence = "In May, the junta dissolved all political parties."
    assert date_for_trigger(sentence, at(sentence, "dissolved"), PUB).value == "2025-05"


def test_each_trigger_gets_its_own_expression() -> None:
    sentence = "The army said on Friday that rebels attacked the base on Tuesday."
    assert date_for_trigger(sentence, at(sentence, "said"), PUB).value == "2025-08-08"
    assert date_for_trigger(sentence, at(sentence, "attacked"), PUB).value == "2025-08-05"


def test_relative_clause_does_not_date_the_main_event() -> None:
    sentence = "Berisha, who resigned in 2013, rejected the allegations on Thursday."
    assert date_for_trigger(sentence, at(sentence, "rejected"), PUB).value == "2025-08-07"


def test_fronted_subordinate_clause_gives_way() -> None:
    sentence = "Before the election this month, Ishiba visited Taiwan in August."
    assert date_for_trigger(sentence, at(sentence, "visited"), date(2024, 10, 4)).value == "2024-08"


@pytest.mark.parametrize("sentence, trigger", [
    ("Officials condemned the group, recalling its 2016 bombing of a market.", "condemned"),
    ("The ministry, addressing the June 3 clashes, accused the rebels of lying.", "accused"),
    ("Rebels denied any role in last month's ambush.", "denied"),
])
def test_a_time_written_into_another_noun_phrase_does_not_date_the_event(sentence: str, trigger: str) -> None:
    assert date_for_trigger(sentence, at(sentence, trigger), PUB).value is None


def test_a_dated_noun_phrase_dates_its_own_noun_and_the_occasion_of_an_event() -> None:
    attack = "Tuesday's attack left the town without power."
    assert date_for_trigger(attack, at(attack, "attack"), PUB).value == "2025-08-05"
    meeting = "The envoy rejected the accusations at Friday's meeting."
    assert date_for_trigger(meeting, at(meeting, "rejected"), PUB).value == "2025-08-08"
    briefing = "The spokesman rejected the reports in a July 23 briefing."
    assert date_for_trigger(briefing, at(briefing, "rejected"), PUB).value == "2025-07-23"


def test_bounding_expressions_do_not_date_the_event() -> None:
    sentence = "Elections were pushed back to 2030."
    assert date_for_trigger(sentence, at(sentence, "pushed"), PUB).value is None


def test_anchored_expression_gives_way_to_a_datable_one() -> None:
    sentence = "Thailand deported 173 Uyghurs in 2015 and sent 109 back to China days later."
    assert date_for_trigger(sentence, at(sentence, "sent"), PUB).value == "2015"


def test_only_an_anchored_expression_gives_none_with_note() -> None:
    sentence = "She visited them the day after the deportation."
    got = date_for_trigger(sentence, at(sentence, "visited"), PUB)
    assert got.value is None and got.note and got.span and got.span.text == "the day after"


def test_planned_event_resolves_forward() -> None:
    sentence = "The minister will travel to Paris on Thursday."
    assert date_for_trigger(sentence, at(sentence, "travel"), PUB, future=True).value == "2025-08-14"
    assert date_for_trigger(sentence, at(sentence, "travel"), PUB).value == "2025-08-07"


def test_no_expression_gives_empty_date() -> None:
    sentence = "Dozens of soldiers have been detained in Mali."
    got = date_for_trigger(sentence, at(sentence, "detained"), PUB)
    assert got.value is None and got.precision is None and got.span is None


def test_no_publication_date_invents_nothing() -> None:
    sentence = "Soldiers were detained on Thursday."
    got = date_for_trigger(sentence, at(sentence, "detained"), None)
    assert got.value is None and got.note and got.span is not None


def test_mali_seed_report(shared) -> None:
    text = shared("seed", "mali_coup_plot.txt").read_text(encoding="utf-8")
    cases = {
        "This crackdown reportedly began overnight": ("began", "2025-08-11", "day"),
        "has remained in custody since early August": ("remained", "2025-08", "month"),
        "the junta dismantled all political parties in May": ("dismantled", "2025-05", "month"),
    }
    for clause, (trigger, value, precision) in cases.items():
        start = text.index(clause)
        sentence_start = text.rfind(". ", 0, start) + 2
        sentence_end = text.find(".", start) + 1
        sentence = text[sentence_start:sentence_end]
        got = date_for_trigger(sentence, sentence.index(trigger), PUB, sentence_offset=sentence_start)
        assert (got.value, got.precision) == (value, precision), clause
        assert got.span is not None and text[got.span.start:got.span.end] == got.span.text


# ---------------------------------------------------------------- what a dateless clause inherits


def test_the_present_of_a_report_reaches_back_to_the_previous_week() -> None:
    from eventwire.records import EventDate
    from eventwire.resolve.dates import falls_in_the_present, inherits_context_date

    pub = date(2025, 3, 12)  # a Wednesday
    assert falls_in_the_present(EventDate("2025-03-03", "week"), pub)  # "last week"
    assert falls_in_the_present(EventDate("2025-03", "month"), pub)  # "this month"
    assert not falls_in_the_present(EventDate("2025-02-13", "day"), pub)
    assert not falls_in_the_present(EventDate("2024", "year"), pub)
    old = EventDate("2019", "year")
    assert inherits_context_date("past", old, pub)
    assert not inherits_context_date("present", old, pub)
    assert not inherits_context_date("past_perfect", EventDate("2025-03-10", "day"), pub)


def test_the_lead_dates_the_report_only_with_a_recent_point_in_time() -> None:
    from eventwire.resolve.dates import lead_date

    pub = date(2025, 3, 14)  # a Friday
    got = lead_date([(0, "Officials said Tuesday that rebels attacked a base."), (52, "More follows.")], pub)
    assert got is not None and (got.value, got.precision) == ("2025-03-11", "day")
    assert got.span is not None and (got.span.text, got.span.start) == ("Tuesday", 15)
    second = lead_date([(0, "Rebels are regrouping."), (23, "Talks collapsed this week.")], pub)
    assert second is not None and (second.value, second.precision) == ("2025-03-10", "week")
    assert lead_date([(0, "Rebels attacked a base in 2019.")], pub) is None
    assert lead_date([(0, "Rebels attacked a base on Feb. 20.")], pub) is None
    assert lead_date([(0, "Rebels must leave by Friday.")], pub) is None
    assert lead_date([(0, "No time here."), (14, "None here."), (25, "Monday, rebels attacked.")], pub) is None


def test_a_time_is_read_in_the_tense_of_its_own_clause() -> None:
    from eventwire.records import EventDate
    from eventwire.resolve.dates import fits_the_tense, in_future_clause

    sentence = "He said on Monday that the tariffs would take effect Wednesday."
    assert not in_future_clause(sentence, sentence.index("Monday"))
    assert in_future_clause(sentence, sentence.index("Wednesday"))
    assert in_future_clause("The deal is due to expire in October.", 30)
    assert not in_future_clause("Talks will resume, officials said Friday.", 33)
    pub = date(2025, 3, 12)
    assert fits_the_tense(EventDate("2025-03", "month"), False, pub)
    assert not fits_the_tense(EventDate("2025-03-14", "day"), False, pub)
    assert not fits_the_tense(EventDate("2026", "year"), False, pub)
    assert fits_the_tense(EventDate("2025-03-10", "week"), True, pub)
    assert not fits_the_tense(EventDate("2025-02-05", "day"), True, pub)


def test_a_time_in_another_verb_s_clause_does_not_date_the_trigger() -> None:
    sentence = "Rights groups called on the government to free the editor, who has been jailed since 2019."
    assert date_for_trigger(sentence, at(sentence, "called"), PUB).value is None
    sentence = "The minister blamed the opposition for the crisis by walking out of talks in 2018."
    assert date_for_trigger(sentence, at(sentence, "blamed"), PUB).value is None
    # a relative clause closed before the time, and "after ...ing", leave it to the trigger
    sentence = "Police arrested the activist, who led the march, on Monday."
    assert date_for_trigger(sentence, at(sentence, "arrested"), PUB).value is not None
    sentence = "The leader resigned after being defeated in 2013."
    assert date_for_trigger(sentence, at(sentence, "resigned"), PUB).value == "2013"


def test_a_relative_clause_in_a_dated_sentence_is_undated_background() -> None:
    sentence = "The army, which seized power in a coup, detained the president on Monday."
    got = date_for_trigger(sentence, at(sentence, "seized"), PUB)
    assert got.value is None and got.note  # a note: no date to take from the sentences before
    assert date_for_trigger(sentence, at(sentence, "detained"), PUB).value is not None


def test_a_time_next_to_the_reporting_verb_dates_the_saying() -> None:
    from eventwire.resolve.dates import dates_the_saying

    def check(sentence: str, time: str, trigger: str) -> bool:
        at = sentence.index(time)
        return dates_the_saying(sentence, at, at + len(time), sentence.index(trigger))

    assert check("Officials said on Monday that talks will resume.", "on Monday", "talks")
    assert check("On Monday, the minister told reporters the army would withdraw.", "On Monday", "withdraw")
    assert not check("On Monday, the army will withdraw, officials said.", "On Monday", "withdraw")
    assert not check("Officials said talks will resume on Monday.", "on Monday", "talks")


def test_a_time_something_is_set_for_dates_only_a_planned_event() -> None:
    sentence = "An appeals court overturned the verdict and ordered a new trial for 2026."
    assert date_for_trigger(sentence, at(sentence, "overturned"), PUB).value is None
    sentence = "The two leaders will meet for talks set for Friday."
    assert date_for_trigger(sentence, at(sentence, "meet"), PUB, future=True).value == "2025-08-15"


def test_a_story_moves_in_time_only_in_its_main_clause() -> None:
    from eventwire.resolve.dates import moves_in_time

    assert moves_in_time("A court later sentenced him to six years.")
    assert not moves_in_time("The district, which has previously seen attacks, is calm.")


def test_a_time_inside_what_bounds_the_event_does_not_date_it() -> None:
    sentence = "Officials said that since the two leaders met in June, the army has moved 5,000 troops."
    assert date_for_trigger(sentence, at(sentence, "moved"), PUB).value is None
    sentence = "He does not want to meet the rebels before the election in November."
    assert date_for_trigger(sentence, at(sentence, "meet"), PUB).value is None
    # not a bound: a time of day inside the phrase, or no clause break before the trigger
    sentence = "Gunmen attacked the convoy before dawn on Friday."
    assert date_for_trigger(sentence, at(sentence, "attacked"), PUB).value == "2025-08-08"


def test_a_position_inside_a_direct_quotation() -> None:
    from eventwire.resolve.dates import inside_quotation

    text = 'He said: "We reject it." Then he left.\n“They deny it,” she said.'
    assert inside_quotation(text, text.index("reject"))
    assert not inside_quotation(text, text.index("left"))
    assert inside_quotation(text, text.index("deny"))
    assert not inside_quotation(text, text.index("she"))


def test_a_clause_of_repeated_activity_continues_no_date() -> None:
    from eventwire.records import EventDate
    from eventwire.resolve.dates import inherits_context_date

    monday = EventDate("2025-03-10", "day")
    pub = date(2025, 3, 12)
    sentence = "Critics have repeatedly accused the army of abuses, a charge it denied."
    assert not inherits_context_date("present_perfect", monday, pub, sentence, sentence.index("accused"))
    assert inherits_context_date("past", monday, pub, sentence, sentence.index("denied"))


def test_a_stray_quotation_mark_does_not_put_the_rest_of_the_article_in_quotes() -> None:
    from eventwire.resolve.dates import inside_quotation

    text = 'He called for his release. " Rebels deny the charges. "We reject them," a spokesman said.'
    assert not inside_quotation(text, text.index("deny"))
    assert inside_quotation(text, text.index("reject"))
