"""The article eventwire started from, coded end to end (skipped when ../shared is absent).

Nothing in the code knows this text; these are the readings a careful human coder gives it."""

import pytest

from eventwire.ingest import read_text_file
from eventwire.pipeline import Coder
from tests.conftest import shared_path


@pytest.fixture(scope="module")
def seed_events():
    path = shared_path("seed", "mali_coup_plot.txt")
    from datetime import date

    [result] = list(read_text_file(path, default_pub_date=date(2025, 8, 11)))
    coded = Coder().code(result.article)
    assert coded.focus_country == "MLI"
    return coded.article.text, coded.events


def find(events, type_name, mode=None, trigger=None):
    return [e for e in events if e.type == type_name and (mode is None or e.mode == mode)
            and (trigger is None or trigger in e.trigger.text.lower())]


def test_every_field_points_back_to_its_words(seed_events):
    text, events = seed_events
    assert events
    for event in events:
        assert text[event.evidence.start:event.evidence.end] == event.evidence.text
        assert text[event.trigger.start:event.trigger.end] == event.trigger.text
        for actor in event.actor + event.recipient:
            if actor.start is not None:
                assert text[actor.start:actor.end] == actor.text


def test_soldiers_detained_by_malian_authorities_reported_with_about_fifty(seed_events):
    _, events = seed_events
    arrests = find(events, "COERCE", "arrest")
    soldiers = [e for e in arrests if any(r.country == "MLI" and r.sector == "MIL" for r in e.recipient)]
    assert soldiers
    assert all(a.country == "MLI" and a.sector == "GOV" for e in soldiers for a in e.actor)
    reported = [e for e in soldiers if e.factuality == "reported"]
    assert {e.attribution for e in reported} & {"various sources"}
    assert any(e.quantity.people == 50 for e in soldiers)
    assert all(e.acled == {"event_type": "Strategic developments", "sub_event_type": "Arrests"} for e in soldiers)


def test_coup_plot_accusation(seed_events):
    _, events = seed_events
    accusations = find(events, "ACCUSE", "allege")
    assert any("pro_autocracy" in e.context for e in accusations)


def test_reported_detention_of_the_two_generals_is_denied(seed_events):
    _, events = seed_events
    [event] = [e for e in find(events, "COERCE", "arrest")
               if any("Dembele" in r.text for r in e.recipient)]
    assert event.factuality == "denied"
    assert any("Sagara" in r.text for r in event.recipient)
    assert "not been apprehended" in event.factuality_cue.text


def test_mara_in_custody_since_early_august(seed_events):
    _, events = seed_events
    [event] = [e for e in find(events, "COERCE", "arrest") if any("Mara" in r.text for r in e.recipient)]
    assert (event.date.value, event.date.precision) == ("2025-08", "month")
    assert event.recipient[0].sector == "ELI"


def test_judicial_scrutiny_of_maiga(seed_events):
    _, events = seed_events
    assert any("Maiga" in r.text for e in find(events, "ACCUSE", "investigate") for r in e.recipient)


def test_party_ban_in_may(seed_events):
    _, events = seed_events
    [event] = find(events, "COERCE", "restrict", trigger="dismantled")
    assert (event.date.value, event.date.precision) == ("2025-05", "month")
    assert event.actor[0].text == "the junta" and event.actor[0].sector == "GOV"
    assert event.recipient[0].sector == "PTY"


def test_protests_russian_support_and_break_with_france(seed_events):
    _, events = seed_events
    assert find(events, "PROTEST")
    [request] = find(events, "REQUEST", "assist")
    assert [r.country for r in request.recipient] == ["RUS"]
    [rupture] = find(events, "SANCTION")
    assert [r.country for r in rupture.recipient] == ["FRA"]
