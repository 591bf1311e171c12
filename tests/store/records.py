"""Hand-built coded articles for store tests: invented reports, events with exact offsets.

Building events by hand keeps these tests independent of the extractor (which changes) and of
spaCy (which is slow to load); the offsets are computed from the text, so they are right.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from eventwire.records import (
    Actor, Article, CodedArticle, Event, EventDate, Place, Quantity, TextSpan,
)

CODEBOOK = "test-1"


def span(text: str, piece: str, within: TextSpan | None = None) -> TextSpan:
    offset = within.start if within else 0
    haystack = within.text if within else text
    start = offset + haystack.index(piece)
    return TextSpan(piece, start, start + len(piece))


def actor(text: str, sentence: TextSpan, words: str, country: str | None = None,
          sector: str | None = None, name: str | None = None, **extra: Any) -> Actor:
    where = span(text, words, sentence)
    return Actor(text=words, start=where.start, end=where.end, country=country, sector=sector,
                 name=name, **extra)


def event(text: str, sentence: str, trigger: str, type: str, mode: str | None = None, *,
          actors: tuple = (), recipients: tuple = (), place: dict | None = None,
          when: tuple[str, str] | None = None, factuality: str = "asserted",
          attribution: str | None = None, dead: int | None = None,
          acled: dict | None = None, context: tuple = (), confidence: float = 0.8,
          codebook_version: str = CODEBOOK) -> Event:
    evidence = span(text, sentence)
    location = None
    if place is not None:
        where = span(text, place["text"], evidence)
        location = Place(text=place["text"], start=where.start, end=where.end,
                         name=place.get("name"), country=place.get("country"),
                         admin1=place.get("admin1"), lat=place.get("lat"), lon=place.get("lon"),
                         kind=place.get("kind"), precision=place.get("precision"))
    return Event(
        type=type, mode=mode, evidence=evidence, trigger=span(text, trigger, evidence),
        context=list(context),
        actor=[actor(text, evidence, *a) for a in actors],
        recipient=[actor(text, evidence, *r) for r in recipients],
        date=EventDate(*when) if when else EventDate(),
        location=location, factuality=factuality, attribution=attribution,
        quantity=Quantity(dead=dead), confidence=confidence, acled=acled,
        codebook_version=codebook_version)


KENYA_TEXT = (
    "Police arrest dozens of protesters in Nairobi\n\n"
    "Kenyan police arrested 40 protesters in Nairobi on Monday after a march against new taxes, "
    "witnesses said. Opposition leader Raila Odinga condemned the arrests. "
    "Two people were killed when officers fired on the crowd in Kisumu, a rights group said."
)
SUDAN_TEXT = (
    "Drone strike hits market in El Fasher\n\n"
    "A drone strike by the Rapid Support Forces killed 12 civilians at a market in El Fasher on "
    "Tuesday, local doctors said. The army accused the RSF of targeting civilians."
)
TALKS_TEXT = (
    "Ministers meet in Geneva\n\n"
    "The foreign ministers of Armenia and Azerbaijan met in Geneva in March 2025 to discuss a "
    "peace agreement, officials said."
)


def kenya(article_id: str = "ken-1", url: str | None = "https://news.test/kenya-arrests",
          pub_date: date | None = date(2025, 8, 13), text: str = KENYA_TEXT,
          codebook_version: str = CODEBOOK, source: str | None = "Test Wire") -> CodedArticle:
    s1 = ("Kenyan police arrested 40 protesters in Nairobi on Monday after a march against new "
          "taxes, witnesses said.")
    s2 = "Opposition leader Raila Odinga condemned the arrests."
    s3 = "Two people were killed when officers fired on the crowd in Kisumu, a rights group said."
    events = [
        event(text, s1, "arrested", "COERCE", "arrest",
              actors=[("Kenyan police", "KEN", "COP")],
              recipients=[("40 protesters", "KEN", "CVL")],
              place={"text": "Nairobi", "name": "Nairobi", "country": "KEN", "admin1": "Nairobi",
                     "lat": -1.2833, "lon": 36.8167, "kind": "city", "precision": "city"},
              when=("2025-08-11", "day"), factuality="reported", attribution="witnesses",
              acled={"event_type": "Protests", "sub_event_type": "Protest with intervention"},
              codebook_version=codebook_version),
        event(text, s2, "condemned", "ACCUSE", "disapprove",
              actors=[("Raila Odinga", "KEN", "OPP", "Raila Odinga")],
              codebook_version=codebook_version),
        event(text, s3, "fired", "ASSAULT", "firearms", actors=[("officers", "KEN", "COP")],
              recipients=[("the crowd", "KEN", "CVL")],
              place={"text": "Kisumu", "name": "Kisumu", "country": "KEN", "lat": -0.1,
                     "lon": 34.75, "precision": "city"},
              factuality="reported", attribution="a rights group", dead=2,
              codebook_version=codebook_version),
    ]
    article = Article(id=article_id, text=text, title="Police arrest dozens of protesters in "
                      "Nairobi", pub_date=pub_date, url=url, source=source)
    return CodedArticle(article=article, events=events, focus_country="KEN")


def sudan(article_id: str = "sdn-1", url: str | None = "https://news.test/el-fasher",
          pub_date: date | None = date(2025, 5, 7)) -> CodedArticle:
    text = SUDAN_TEXT
    s1 = ("A drone strike by the Rapid Support Forces killed 12 civilians at a market in El "
          "Fasher on Tuesday, local doctors said.")
    s2 = "The army accused the RSF of targeting civilians."
    events = [
        event(text, s1, "drone strike", "ASSAULT", "aerial",
              actors=[("the Rapid Support Forces", "SDN", "REB", "Rapid Support Forces")],
              recipients=[("12 civilians", "SDN", "CVL")],
              place={"text": "El Fasher", "name": "El Fasher", "country": "SDN",
                     "admin1": "North Darfur", "lat": 13.63, "lon": 25.35, "precision": "city"},
              when=("2025-05-06", "day"), factuality="reported", attribution="local doctors",
              dead=12, acled={"event_type": "Explosions/Remote violence",
                              "sub_event_type": "Air/drone strike"}),
        event(text, s2, "accused", "ACCUSE", "allege", actors=[("The army", "SDN", "MIL")],
              recipients=[("the RSF", "SDN", "REB", "Rapid Support Forces")]),
    ]
    article = Article(id=article_id, text=text, title="Drone strike hits market in El Fasher",
                      pub_date=pub_date, url=url, source="Test Wire")
    return CodedArticle(article=article, events=events, focus_country="SDN")


def talks(article_id: str = "talks-1", url: str | None = None,
          pub_date: date | None = date(2025, 4, 2)) -> CodedArticle:
    text = TALKS_TEXT
    s1 = ("The foreign ministers of Armenia and Azerbaijan met in Geneva in March 2025 to discuss "
           "a peace agreement, officials said.")
    events = [
        event(text, s1, "met", "CONSULT", "meet",
              actors=[("The foreign ministers of Armenia and Azerbaijan", "ARM", "GOV")],
              place={"text": "Geneva", "name": "Geneva", "country": "CHE", "precision": "city"},
              when=("2025-03", "month"), factuality="reported", attribution="officials"),
    ]
    article = Article(id=article_id, text=text, title="Ministers meet in Geneva",
                      pub_date=pub_date, url=url, source="Test Wire")
    return CodedArticle(article=article, events=events, focus_country="ARM")
