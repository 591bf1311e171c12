"""Which names are places: locative prepositions as whole words, and known groups never."""

import pytest

from eventwire.resolve.toponyms import follows_locative, follows_travel, is_toponym


@pytest.mark.parametrize("before, expected", [
    ("attacked a market in ", True),
    ("gathered at the ", True),
    ("in the northern Iraqi city of ", True),
    ("attacked a village in northeastern ", True),  # the direction belongs to the place
    ("between the towns of ", True),
    ("Trump demanded that ", False),  # "that" ends in "at" but is no preposition
    ("talks with ", False),
    ("", False),
])
def test_follows_locative(before, expected):
    assert follows_locative(before) is expected


def test_scene_only_leaves_out_where_things_went_or_came_from():
    assert follows_locative("troops flew to ")
    assert not follows_locative("troops flew to ", scene_only=True)
    assert follows_locative("fighting in ", scene_only=True)


def test_a_known_group_is_not_a_village_that_shares_its_name():
    assert not is_toponym("Taliban", "ORG", "pointed a finger at the ")
    assert not is_toponym("Hamas", "ORG", "fighting in ")


def test_a_seat_of_power_after_a_locative_is_a_place_but_not_when_it_acts():
    assert is_toponym("the White House", "ORG", "a visit to ")
    assert is_toponym("Kremlin", "ORG", "talks at the ")
    assert not is_toponym("the White House", "ORG", "a week later, ")


def test_a_mislabelled_town_after_a_locative_is_a_place():
    assert is_toponym("Bocaranga", "PERSON", "gunmen attacked in ")
    assert not is_toponym("Bocaranga", "PERSON", "a statement by ")
    assert is_toponym("Mali", "PERSON", "")  # country names need no preposition


@pytest.mark.parametrize("before, expected", [
    ("Putin recently visited ", True),
    ("a visit by Starmer to the ", True),
    ("is due to travel to ", True),
    ("sanctions against ", False),
    ("talks with ", False),
])
def test_follows_travel(before, expected):
    assert follows_travel(before) is expected


def test_a_capital_tagged_as_a_group_is_a_place_only_after_a_locative() -> None:
    assert is_toponym("Bamako", "ORG", "were arrested in ")
    assert not is_toponym("Bamako", "ORG", "")  # "Bamako said": the government
    assert not is_toponym("Thai", "NORP", "remain in ")  # "in Thai custody": no place
