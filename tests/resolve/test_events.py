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
