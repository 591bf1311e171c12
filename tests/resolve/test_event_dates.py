"""Event dates in context: what a sentence without a time of its own takes from the story."""

import eventwire

PUB = "2025-03-12"  # a Wednesday


def _event(text: str, type_: str, pub_date: str = PUB):
    found = [e for e in eventwire.code(text, pub_date=pub_date).events if e.type == type_]
    assert found, f"no {type_} event coded"
    return found[-1]


def test_a_past_tense_sentence_continues_the_previous_sentence_date():
    arrest = _event("Police raided the opposition offices on Monday. They arrested 12 people.", "COERCE")
    assert arrest.date.value == "2025-03-10"


def test_the_present_perfect_does_not_take_an_older_date():
    rejection = _event("Police raided the offices of the opposition newspaper on Feb. 3. "
                       "The editor has rejected the charges.", "REJECT")
    assert rejection.date.value is None


def test_the_present_tense_does_not_take_a_date_years_back():
    denial = _event("A military court convicted the activist in 2019. He denies the charges.", "REJECT")
    assert denial.date.value is None


def test_the_present_tense_continues_a_date_of_the_current_week():
    call = _event("Protesters clashed with police on Tuesday. "
                  "Rights groups are calling for an independent inquiry.", "REQUEST")
    assert call.date.value == "2025-03-11"


def test_the_past_perfect_happened_before_the_story_time():
    threat = _event("A court in the capital ruled on Monday. "
                    "The judge said he had been threatened by gang members.", "THREATEN")
    assert threat.date.value is None


def test_a_sentence_that_moves_on_in_time_does_not_continue_the_date():
    sentence = _event("Police detained the activist on Monday. "
                      "A court later sentenced him to five years in prison.", "SANCTION")
    assert sentence.date.value is None


_REPORT = ("The army said Friday that soldiers killed 12 militants near the border. "
           "The militants had ambushed a convoy there. "
           "The region has seen years of violence. "
           "Officials also said troops arrested five suspects.")


def test_the_report_s_own_event_told_on_in_the_past_takes_the_lead_s_date():
    arrest = _event(_REPORT, "COERCE", pub_date="2025-03-14")
    assert arrest.date.value == "2025-03-14" and arrest.date.precision == "day"
    assert arrest.date.span is not None and arrest.date.span.text == "Friday"


def test_a_lead_without_a_recent_time_dates_nothing():
    feature = _REPORT.replace("said Friday", "said in 2019")
    arrest = _event(feature, "COERCE", pub_date="2025-03-14")
    assert arrest.date.value is None


def test_a_present_tense_statement_does_not_take_the_lead_s_date():
    statement = _event(_REPORT.replace("Officials also said troops arrested five suspects.",
                                       "The opposition accuses the army of abuses."),
                       "ACCUSE", pub_date="2025-03-14")
    assert statement.date.value is None


def test_a_past_event_does_not_take_a_time_still_to_come():
    detention = _event("The government said Monday that a curfew would start on Friday. "
                       "Police also detained 40 protesters.", "COERCE")
    assert detention.date.value == "2025-03-10"  # the lead's Monday, not a past Friday


def test_a_planned_event_does_not_take_a_time_gone_by():
    cession = _event("The prime minister defended the talks on Feb. 5. "
                     "Britain will cede sovereignty of the islands to Mauritius.", "CONCEDE")
    assert cession.date.value is None


def test_a_past_progressive_is_background_not_the_report_s_event():
    aid = _event(_REPORT.replace("Officials also said troops arrested five suspects.",
                                 "The United Nations was already providing food aid in the region."),
                 "AID", pub_date="2025-03-14")
    assert aid.date.value is None
    done = _event(_REPORT.replace("Officials also said troops arrested five suspects.",
                                  "The United Nations provided food aid in the region."),
                  "AID", pub_date="2025-03-14")
    assert done.date.value == "2025-03-14"


def test_a_time_in_a_clause_about_what_is_to_come_points_forward():
    trip = _event("Kenya's president is due to travel to Ethiopia on Friday for talks with Abiy Ahmed.", "AGREE")
    assert trip.date.value == "2025-03-14"  # the coming Friday, not the one before publication


def test_the_time_of_the_statement_announcing_a_plan_points_back():
    plan = _event("Speaking at a think tank on Monday, the national security adviser said the president "
                  "would meet with Kim if there is a prospect of a deal.", "AGREE")
    assert plan.date.value == "2025-03-10"
    meeting = _event("The foreign minister will meet his Chinese counterpart on Monday.", "AGREE")
    assert meeting.date.value == "2025-03-17"


def test_a_sentence_that_moves_on_ends_the_earlier_time_for_what_follows():
    reversal = _event("Police arrested the editor in 2022. A court later sentenced him to six years in prison. "
                      "An appeals court overturned the conviction.", "CONCEDE")
    assert reversal.date.value is None


def test_a_shift_in_time_moves_only_its_own_clause():
    arrest = _event(_REPORT.replace("Officials also said troops arrested five suspects.",
                                    "Officials said troops arrested five suspects and later released two of them."),
                    "COERCE", pub_date="2025-03-14")
    assert arrest.date.value == "2025-03-14"


def test_the_narrator_s_simple_present_tells_a_standing_position_at_no_one_time():
    denial = _event("Police raided the opposition offices on Tuesday. The party leader denies the charges.",
                    "REJECT")
    assert denial.date.value is None
    quoted = _event('Police raided the opposition offices on Tuesday. "We reject these charges," the party '
                    "leader said.", "REJECT")
    assert quoted.date.value == "2025-03-11"  # a quoted present is the speaker's now: the saying's time


def test_a_repeated_or_standing_activity_is_at_no_one_time():
    claim = _event("Parliament passed a counter-resolution on Tuesday. "
                   "The opposition has repeatedly accused the army of rigging the vote.", "ACCUSE")
    assert claim.date.value is None


def test_a_quoted_present_is_told_at_the_time_of_the_saying():
    quoted = _event(_REPORT.replace("Officials also said troops arrested five suspects.",
                                    '"We reject these accusations," a rebel spokesman told reporters.'),
                    "REJECT", pub_date="2025-03-14")
    assert quoted.date.value == "2025-03-14"
    narrated = _event(_REPORT.replace("Officials also said troops arrested five suspects.",
                                      "The rebels reject these accusations."),
                      "REJECT", pub_date="2025-03-14")
    assert narrated.date.value is None


def test_a_present_progressive_goes_on_as_the_report_is_written():
    call = _event("The region has seen years of violence. "
                  "Aid agencies are calling on the government to open the border.", "REQUEST")
    assert call.date.value == "2025-03-12" and call.date.precision == "day"
    denial = _event("The region has seen years of violence. The government denies blocking aid.", "REJECT")
    assert denial.date.value is None
