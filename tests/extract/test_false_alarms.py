"""Words of violence that report no violent event: metaphor, habit, tallies, repeats.

Sentences are invented.
"""


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
