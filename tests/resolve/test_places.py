"""Toponyms -> gazetteer entries: country, admin1, coordinates, precision."""

from __future__ import annotations

import time

import pytest

from eventwire.records import Place
from eventwire.resolve.places import Gazetteer, resolve_place


@pytest.fixture(scope="module", autouse=True)
def gazetteer() -> Gazetteer:
    # The first run on a machine builds the cache (seconds); later runs read it.
    return Gazetteer.load()


def _summary(name: str, focus: str | None = None) -> tuple | None:
    place = resolve_place(name, focus)
    return None if place is None else (place.country, place.precision)


@pytest.mark.parametrize("name, focus, expected", [
    ("Kidal", "MLI", ("MLI", "city")),
    ("Kidal", None, ("MLI", "city")),
    ("Tessalit", "MLI", ("MLI", "city")),
    ("Ménaka", "MLI", ("MLI", "city")),
    ("Menaka", "MLI", ("MLI", "city")),
    ("Chibok", "NGA", ("NGA", "city")),
    ("Beledweyne", "SOM", ("SOM", "city")),
    ("Dadaab", "KEN", ("KEN", "city")),
    ("Irbil", "IRQ", ("IRQ", "city")),
    ("Erbil", None, ("IRQ", "city")),
    ("Sibi", "PAK", ("PAK", "city")),
    ("Aungban", "MMR", ("MMR", "city")),
    ("Bangui", None, ("CAF", "city")),
    ("Jeddah", "UKR", ("SAU", "city")),
    ("Kyiv", None, ("UKR", "city")),
    ("Kiev", None, ("UKR", "city")),
    ("The Hague", "GBR", ("NLD", "city")),
    ("Guatemala City", None, ("GTM", "city")),
    ("Timbuktu", None, ("MLI", "city")),
    ("Gaza", None, ("PSE", "city")),
])
def test_towns(name: str, focus: str | None, expected: tuple) -> None:
    assert _summary(name, focus) == expected


@pytest.mark.parametrize("name, focus, expected", [
    ("Mali", None, ("MLI", "country")),
    ("northern Mali", None, ("MLI", "country")),
    ("northeast Nigeria", None, ("NGA", "country")),
    ("Central African Republic", None, ("CAF", "country")),
    ("Ivory Coast", None, ("CIV", "country")),
    ("Chad", None, ("TCD", "country")),
    ("Georgia", None, ("GEO", "country")),
    ("the United States", None, ("USA", "country")),
])
def test_countries(name: str, focus: str | None, expected: tuple) -> None:
    assert _summary(name, focus) == expected


@pytest.mark.parametrize("name, focus, expected", [
    ("Zamfara state", "NGA", ("NGA", "admin1")),
    ("Borno state", None, ("NGA", "admin1")),
    ("Anbar", "IRQ", ("IRQ", "admin1")),
    ("Anbar desert", "IRQ", ("IRQ", "admin1")),
    ("Balochistan", "PAK", ("PAK", "admin1")),
    ("Lamu County", "KEN", ("KEN", "admin1")),
    ("Lamu County, Kenya", None, ("KEN", "admin1")),
    ("Middle Shabelle region", "SOM", ("SOM", "admin1")),
    ("Puntland", None, ("SOM", "admin1")),
    ("Ontario", None, ("CAN", "admin1")),
    ("Tigray", None, ("ETH", "admin1")),
    ("Donetsk region", None, ("UKR", "admin1")),
    ("Aleppo province", None, ("SYR", "admin1")),
    ("Georgia", "USA", ("USA", "admin1")),
])
def test_subdivisions_and_regions(name: str, focus: str | None, expected: tuple) -> None:
    assert _summary(name, focus) == expected


def test_focus_country_breaks_ties_but_not_against_a_capital() -> None:
    assert resolve_place("Paris", "CAN").country == "FRA"
    assert resolve_place("Washington", "KEN").country == "USA"


def test_container_narrows_the_place() -> None:
    assert _summary("Jeddah, Saudi Arabia", "UKR") == ("SAU", "city")
    assert _summary("Dasht-e-Barchi, Kabul", "AFG") == ("AFG", "city")
    assert resolve_place("Charlevoix, Quebec", "CAN").country == "CAN"


def test_lists_and_features() -> None:
    assert _summary("Bocaranga and Bazoum", "CAF") == ("CAF", "city")
    assert resolve_place("Boni Forest", "KEN") is None  # not the Malian town of Boni


def test_landmarks_islands_and_seas() -> None:
    white_house = resolve_place("the White House")
    assert (white_house.country, white_house.kind, white_house.precision) == ("USA", "landmark", "city")
    assert white_house.lat == pytest.approx(38.9, abs=0.2)
    assert resolve_place("Chagos Islands").country == "GBR"
    assert resolve_place("Diego Garcia").country == "GBR"
    sea = resolve_place("South China Sea")
    assert sea is not None and sea.country is None


def test_a_full_record() -> None:
    place = resolve_place("Kidal", "MLI")
    assert isinstance(place, Place)
    assert (place.text, place.name, place.country, place.admin1, place.kind, place.precision) == (
        "Kidal", "Kidal", "MLI", "Kidal", "city", "city")
    assert place.lat == pytest.approx(18.44, abs=0.05)
    assert place.lon == pytest.approx(1.41, abs=0.05)
    country = resolve_place("Mali")
    assert country.lat is not None and country.admin1 is None


@pytest.mark.parametrize("name", ["", "   ", "Xyzzyville Qwerty", "Sohae Satellite Launching Ground"])
def test_unknown_places(name: str) -> None:
    assert resolve_place(name, "PRK") is None


def test_odd_inputs_never_raise() -> None:
    assert resolve_place(None) is None  # type: ignore[arg-type]
    assert resolve_place(12) is None  # type: ignore[arg-type]
    assert resolve_place("((( ,,, )))") is None


def test_load_is_once_and_lookups_are_fast(gazetteer: Gazetteer) -> None:
    assert Gazetteer.load() is gazetteer
    if gazetteer.source == "cache":
        assert gazetteer.load_seconds < 2.0
    started = time.perf_counter()
    for _ in range(500):
        resolve_place("Kidal", "MLI")
    assert (time.perf_counter() - started) / 500 < 0.002
