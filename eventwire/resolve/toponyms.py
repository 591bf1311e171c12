"""Every toponym of an article with its gazetteer resolution, so geocoding can be checked alone."""

from __future__ import annotations

import re
from typing import Iterable

from eventwire.records import Article, Place
from eventwire.resolve.actors import resolve_actor
from eventwire.resolve.countries import CAPITAL, NAME, REGION, country_kind, focus_country
from eventwire.resolve.places import resolve_place

TOPONYM_LABELS = frozenset({"GPE", "LOC", "FAC"})
# The small English model often tags African and Asian places as people or groups
# ("in Mali" -> PERSON); a locative preposition plus a gazetteer hit overrules it.
_MISLABELLED = frozenset({"PERSON", "NORP", "ORG"})
_PLACE_WORDS = "in|at|near|outside|inside|across|into|around"
# "in the northern Iraqi city of Irbil": a settlement noun with "of" introduces a place too.
_SETTLEMENT_OF = (r"|\b(?:city|town|village|province|region|state|district|county|capital|camp|"
                  r"cities|towns|villages|provinces|regions|states|districts)\s+of\s+$")
# "in northern Mali", "near north-eastern Kenya": the direction belongs to the place.
_DIRECTION = (r"(?:(?:far\s+)?(?:north|south|east|west|northern|southern|eastern|western|central|"
              r"north-?east(?:ern)?|north-?west(?:ern)?|south-?east(?:ern)?|south-?west(?:ern)?)\s+)?")
_LOCATIVE_BEFORE = re.compile(
    rf"(?:^|\W)(?:{_PLACE_WORDS}|from|to|towards?)\s+(?:the\s+)?{_DIRECTION}${_SETTLEMENT_OF}")
# Where something happened: "attacked in Kidal", not "flew to Kidal" or "troops from Chad".
_SCENE_BEFORE = re.compile(rf"(?:^|\W)(?:{_PLACE_WORDS})\s+(?:the\s+)?{_DIRECTION}${_SETTLEMENT_OF}")


# Where someone travels is where the meeting happens: "visited China", "a visit by Starmer to the
# White House", "is due to travel to Mauritius".
_DESTINATION_BEFORE = re.compile(
    r"\b(?:visit(?:s|ed|ing)?|travel(?:s|led|ed|ling|ing)?|trip|tour(?:s|ed|ing)?|flew|fly|flies|"
    r"flying|arriv(?:e|es|ed|ing)|went|head(?:s|ed|ing)?)\s+(?:[\w.’'-]+\s+){0,3}?"
    r"(?:to\s+|in\s+)?(?:the\s+)?$", re.IGNORECASE)


def follows_travel(before: str) -> bool:
    """Whether a name is the destination of a visit or journey told just before it."""
    return _DESTINATION_BEFORE.search(before) is not None


def follows_locative(before: str, scene_only: bool = False) -> bool:
    """Whether the text just before a name ends in a locative preposition ("in", "at the"), as a
    whole word: "that Ottawa" is not "at Ottawa". ``scene_only`` leaves out "from" and "to"."""
    pattern = _SCENE_BEFORE if scene_only else _LOCATIVE_BEFORE
    return pattern.search(before.lower()) is not None


def is_toponym(text: str, label: str, before: str) -> bool:
    """Whether an entity names a place: by its label, or a country name, or a known place after
    a locative preposition ("in Kidal")."""
    if label in TOPONYM_LABELS:
        return True
    if label not in _MISLABELLED:
        return False
    if follows_locative(before) and _is_landmark(text):
        return True  # "at the White House", "to the Kremlin": a seat of power named as a place
    kind = country_kind(text)
    if kind is not None:
        # A capital stands for its government ("Bamako said"), but "in Bamako" is the city.
        return kind[1] in (NAME, REGION) or (kind[1] == CAPITAL and follows_locative(before))
    if resolve_actor(text).sector is not None:
        return False  # a known group or office ("at the Taliban", "Hamas") even if a village shares its name
    if label == "NORP" and resolve_place(text) is not None:
        return True  # not a demonym, yet a known place: "Kidal" tagged as a group
    return follows_locative(before) and resolve_place(text) is not None


def _is_landmark(text: str) -> bool:
    place = resolve_place(text)
    return place is not None and place.kind == "landmark"


def toponyms(article: Article, entities: Iterable[tuple[int, int, str, str]]) -> list[Place]:
    """Resolve each place-like entity; unknown places are kept with empty fields, not dropped."""
    focus = focus_country(article.text, article.title)
    found: list[Place] = []
    previous_end = -10
    for start, end, text, label in entities:
        before = article.text[max(0, start - 14):start]
        # "Kidal and Gao": a name coordinated with a place is a place too, if the gazetteer knows it.
        coordinated = start - previous_end <= 6 and before.rstrip().endswith((",", "and", "or")) \
            and resolve_place(text) is not None
        if not (coordinated or is_toponym(text, label, before)):
            continue
        previous_end = end
        place = resolve_place(text, focus_country=focus)
        if place is None:
            place = Place(text=text, start=start, end=end)
        place.text, place.start, place.end = text, start, end
        found.append(place)
    return found


def toponym_record(article: Article, place: Place) -> dict:
    """One line of `eventwire places`: offsets are into the article text exactly as given."""
    return {"id": article.id, "text": place.text, "start": place.start, "end": place.end,
            "name": place.name, "country": place.country, "admin1": place.admin1,
            "lat": place.lat, "lon": place.lon, "precision": place.precision}
