"""What the story linker compares, computed once per event: parties, place, date span, counts.

Comparing raw records pair by pair would re-normalize the same names thousands of times on a
corpus; a profile is built once per event and every comparison reads only these fields.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from eventwire.records import Actor, Event, EventDate
from eventwire.resolve.countries import country_of_name, fold

# Words that appear in many different actors' names, so sharing one says nothing about being the
# same actor ("Foreign Minister X" and "Prime Minister Y"; "Liberation Army" of two countries).
_GENERIC_NAME_WORDS = frozenset("""
    the and for of former acting interim deputy vice chief head senior top new old late general gen
    lieutenant colonel col major maj captain capt commander president presidential prime minister
    ministers ministry secretary spokesman spokeswoman spokesperson official officials leader leaders
    king queen prince sheikh pope mayor governor governors senator senators representative
    ambassador envoy special judge justice police army military forces force navy air guard guards
    government department office agency service services council committee commission parliament
    assembly court party front movement group organization organisation union alliance coalition
    national state states republic democratic people peoples popular liberation islamic united
    nations international federal central regional local security intelligence defense defence
    foreign interior affairs public mr mrs ms dr
""".split())

# Name particles that news spells with or without ("al-Sudani", "Sudani").
_PARTICLES = ("al", "el", "bin", "ibn", "abu", "van", "von", "de", "da", "du")

# spaCy labels of a head that names one particular referent rather than a class of people.
_NAMED_LABELS = frozenset({"PERSON", "ORG"})


@dataclass(frozen=True)
class Party:
    """One actor or recipient, reduced to what tells two reports' participants apart."""

    entity_id: str | None
    country: str | None
    sector: str | None
    names: frozenset[str]  # significant name words; empty for generic nouns ("soldiers")
    named: bool  # a particular person or organization, not a class of people


@dataclass(frozen=True)
class DateSpan:
    """The days an event date can mean: one day, a week, a month or a year."""

    first: date
    last: date
    precision: str


@dataclass(frozen=True)
class Details:
    """The facts a later report can correct."""

    dead: int | None
    people: int | None
    day: date | None  # only at day precision: coarser dates cannot contradict one another


@dataclass(frozen=True)
class Profile:
    """An event as the linker sees it, with where it sits in the input."""

    event_id: str
    article_id: str
    article_index: int  # position of the article in this run's input
    event_index: int  # position of the event in its article
    type: str
    mode: str | None
    actors: tuple[Party, ...]
    recipients: tuple[Party, ...]
    place_country: str | None
    place_name: str | None
    span: DateSpan | None
    pub_date: date | None
    details: Details


def profile_event(event: Event, article_id: str, pub_date: date | None, article_index: int,
                  event_index: int) -> Profile:
    place = event.location
    place_name = None
    if place is not None and place.precision in ("city", "admin1"):
        place_name = fold(place.name or place.text)
    span = date_span(event.date)
    return Profile(
        event_id=event.key(article_id),
        article_id=article_id,
        article_index=article_index,
        event_index=event_index,
        type=event.type,
        mode=event.mode,
        actors=_parties(event.actor),
        recipients=_parties(event.recipient),
        place_country=place.country if place is not None else None,
        place_name=place_name,
        span=span,
        pub_date=pub_date,
        details=Details(
            dead=event.quantity.dead,
            people=event.quantity.people,
            day=span.first if span is not None and span.precision == "day" else None,
        ),
    )


def _parties(actors: list[Actor]) -> tuple[Party, ...]:
    # An implicit actor ("were detained" -> the authorities) is the coder's guess, not the
    # text's: letting it veto a link to a report that names the arresting unit would be wrong.
    return tuple(_party(a) for a in actors if not a.implicit)


def _party(actor: Actor) -> Party:
    named = bool(actor.name) or actor.ner_label in _NAMED_LABELS
    return Party(
        entity_id=actor.entity_id,
        country=actor.country,
        sector=actor.sector,
        names=name_words(actor.name or actor.text) if named else frozenset(),
        named=named,
    )


def name_words(text: str) -> frozenset[str]:
    """The words of a name that identify its bearer: "former Prime Minister Moussa Mara" ->
    {"moussa", "mara"}; "Iraqi Prime Minister al-Sudani" -> {"sudani"}."""
    words = set()
    for raw in re.split(r"[\s\-‐]+", text):
        if not raw[:1].isupper():
            continue  # names are capitalized; "the", "leader of" and role nouns are not
        word = re.sub(r"[^a-z0-9]", "", fold(raw).replace("’", "").replace("'", ""))
        if len(word) < 3 or word in _PARTICLES or word in _GENERIC_NAME_WORDS:
            continue
        if _is_country_word(raw):
            continue  # "Iraqi" in two names says they are both Iraqi, not the same person
        words.add(word)
    return frozenset(words)


@lru_cache(maxsize=4096)
def _is_country_word(word: str) -> bool:
    return country_of_name(word.strip(".,;:()\"'’")) is not None


def date_span(when: EventDate) -> DateSpan | None:
    """The days ``when`` covers, or None when the text gives no usable date."""
    value, precision = when.value, when.precision
    if not value or not precision:
        return None
    try:
        if precision == "day":
            day = date.fromisoformat(value[:10])
            return DateSpan(day, day, precision)
        if precision == "week":
            start = date.fromisoformat(value[:10])
            return DateSpan(start, start + timedelta(days=6), precision)
        year = int(value[:4])
        if precision == "month":
            month = int(value[5:7])
            last = calendar.monthrange(year, month)[1]
            return DateSpan(date(year, month, 1), date(year, month, last), precision)
        if precision == "year":
            return DateSpan(date(year, 1, 1), date(year, 12, 31), precision)
    except ValueError:
        return None  # a malformed value links like an undated event rather than crashing a run
    return None
