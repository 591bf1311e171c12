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


def test_fighting_on_without_an_opponent_is_no_assault(extract):
    events = extract("The jailed editor is still fighting, his lawyer said.")
    assert "ASSAULT" not in types_of(events)
