"""Country names, demonyms, capitals and seats of power -> ISO3; mentions; an article's focus."""

from __future__ import annotations

import time

import pytest

from eventwire.lexicons import clear_lexicon_cache, load_lexicon, packaged_lexicon_names
from eventwire.resolve.countries import (
    REGION, country_mentions, country_mentions_detailed, country_name, country_of_name,
    focus_country,
)


@pytest.mark.parametrize("text, iso3", [
    ("the United States", "USA"), ("United States", "USA"), ("U.S.", "USA"), ("US", "USA"),
    ("America", "USA"), ("Britain", "GBR"), ("UK", "GBR"), ("U.K.", "GBR"), ("Russia", "RUS"),
    ("Ivory Coast", "CIV"), ("Côte d'Ivoire", "CIV"), ("Cote d’Ivoire", "CIV"), ("DRC", "COD"),
    ("Congo", "COD"), ("Republic of Congo", "COG"), ("South Korea", "KOR"), ("North Korea", "PRK"),
    ("Iran", "IRN"), ("Syria", "SYR"), ("Burma", "MMR"), ("Myanmar", "MMR"), ("Türkiye", "TUR"),
    ("Turkey", "TUR"), ("C.A.R.", "CAF"), ("CAR", "CAF"), ("Kosovo", "XKX"), ("Hong Kong", "HKG"),
    ("Korea, Republic of", "KOR"), ("Democratic Republic of the Congo", "COD"), ("Viet Nam", "VNM"),
    ("Niger", "NER"), ("Nigeria", "NGA"), ("Guinea-Bissau", "GNB"), ("MALI", "MLI"),
])
def test_country_names_and_variants(text: str, iso3: str) -> None:
    assert country_of_name(text) == iso3


@pytest.mark.parametrize("text, iso3", [
    ("Malian", "MLI"), ("Malians", "MLI"), ("Russian", "RUS"), ("Iraqi", "IRQ"), ("Iraqis", "IRQ"),
    ("Thai", "THA"), ("Chinese", "CHN"), ("Dutch", "NLD"), ("Nigerien", "NER"), ("Nigerian", "NGA"),
    ("Filipinos", "PHL"), ("Burkinabe", "BFA"), ("Congolese", "COD"), ("British", "GBR"),
    ("Americans", "USA"), ("North Korean", "PRK"), ("Palestinian", "PSE"),
])
def test_demonyms(text: str, iso3: str) -> None:
    assert country_of_name(text) == iso3


@pytest.mark.parametrize("text, iso3", [
    ("Beijing", "CHN"), ("Moscow", "RUS"), ("Washington", "USA"), ("Kyiv", "UKR"), ("Kiev", "UKR"),
    ("Nairobi", "KEN"), ("Pyongyang", "PRK"), ("Bamako", "MLI"), ("Tehran", "IRN"),
    ("the Kremlin", "RUS"), ("the White House", "USA"), ("Downing Street", "GBR"),
])
def test_capitals_and_seats(text: str, iso3: str) -> None:
    assert country_of_name(text) == iso3


@pytest.mark.parametrize("text", [
    "Uyghur", "Kurdish", "Baloch", "Arab", "European", "us", "car", "", "   ", "Xyzzy",
    "Latin America", "New Mexico", "Malian army", "Victoria", "Kingston",
])
def test_not_a_country(text: str) -> None:
    assert country_of_name(text) is None


def test_odd_inputs_never_raise() -> None:
    assert country_of_name(None) is None  # type: ignore[arg-type]
    assert country_mentions("") == []
    assert focus_country("") is None
    assert focus_country("Nothing about any state here.") is None


def test_regions_only_when_asked() -> None:
    assert country_of_name("Tigray") is None
    assert country_of_name("Tigray", kinds={REGION}) == "ETH"


def test_possessive_and_article_are_ignored() -> None:
    assert country_of_name("Kenya's") == "KEN"
    assert country_of_name("Mali’s") == "MLI"
    assert country_of_name("The Gambia") == "GMB"


def test_mentions_have_offsets_into_the_text() -> None:
    text = "Malian troops and U.S. advisers met in Bamako; the Kremlin said Russia's role grew."
    mentions = country_mentions(text)
    assert [(text[s:e], iso3) for s, e, iso3 in mentions] == [
        ("Malian", "MLI"), ("U.S.", "USA"), ("Bamako", "MLI"), ("Kremlin", "RUS"), ("Russia", "RUS")]


def test_mentions_prefer_the_longest_name() -> None:
    text = "South Sudan, Sudan, North Korean envoys, the Democratic Republic of Congo and Guinea-Bissau."
    assert [iso3 for _, _, iso3 in country_mentions(text)] == ["SSD", "SDN", "PRK", "COD", "GNB"]


def test_mentions_skip_lowercase_pronoun_and_names_that_are_no_country() -> None:
    text = "Let us see: a trip to Latin America and New Mexico, not the US."
    assert [iso3 for _, _, iso3 in country_mentions(text)] == ["USA"]


def test_sponsor_adjectives_are_marked() -> None:
    text = "Iranian-backed militias attacked a U.S.-led coalition in Syria."
    found = {(m.iso3, m.proxy) for m in country_mentions_detailed(text)}
    assert found == {("IRN", True), ("USA", True), ("SYR", False)}


def test_mentions_are_fast() -> None:
    text = ("Malian soldiers and Russian instructors patrolled near Kidal while officials in "
            "Bamako and Niamey traded accusations with Algeria. " * 60)
    country_mentions(text)  # warm the index
    started = time.perf_counter()
    for _ in range(20):
        country_mentions(text)
    assert (time.perf_counter() - started) / 20 < 0.05


def test_focus_country_weighs_title_and_lead() -> None:
    title = "Kenya's plan to close camps worries refugees"
    text = ("Kenya says it will close two camps. Many residents came from Somalia. Somali elders "
            "spoke. Somalia's envoy objected.")
    assert focus_country(text, title) == "KEN"
    assert focus_country(text) == "SOM"


def test_focus_country_weighs_where_things_happen() -> None:
    # As many mentions of each; the story is set where its events are.
    text = ("U.S. officials sanctioned a former Albanian prime minister. The United States said he was "
            "corrupt. There is no one in Albania who can say so, he said.")
    assert focus_country(text) == "ALB"
    assert focus_country(text.replace("in Albania", "of Albania")) == "USA"


def test_focus_country_counts_demonyms_and_capitals() -> None:
    text = ("The junta in Bamako arrested dozens of soldiers. Malian officials were silent. "
            "Russian allies and France were mentioned once.")
    assert focus_country(text) == "MLI"


def test_country_name() -> None:
    assert country_name("MLI") == "Mali"
    assert country_name("ZZZ") is None
    assert country_name(None) is None


def test_lexicons_have_a_version_and_load_once() -> None:
    for name in ("demonyms", "country_aliases", "sectors", "actors", "places"):
        assert name in packaged_lexicon_names()
        assert isinstance(load_lexicon(name)["version"], int)
    assert load_lexicon("demonyms") is load_lexicon("demonyms")


def test_user_lexicon_is_merged(tmp_path) -> None:
    extra = tmp_path / "demonyms.yaml"
    extra.write_text("version: 1\ndemonyms:\n  MLI: [Malien]\n", encoding="utf-8")
    merged = load_lexicon("demonyms", extra_paths=[extra])
    assert "Malien" in merged["demonyms"]["MLI"] and "Malian" in merged["demonyms"]["MLI"]
    assert "Malien" not in load_lexicon("demonyms")["demonyms"]["MLI"]
    clear_lexicon_cache()
