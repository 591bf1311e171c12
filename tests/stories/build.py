"""Hand-built records for story tests: invented texts, events made directly (no spaCy)."""

from __future__ import annotations

from datetime import date

from eventwire.records import Actor, Article, CodedArticle, Event, EventDate, Place, Quantity, TextSpan


def actor(text: str, country: str | None = None, sector: str | None = None, *, name: str | None = None,
          entity_id: str | None = None, ner: str | None = None, implicit: bool = False) -> Actor:
    return Actor(text=text, start=None, end=None, country=country, sector=sector, name=name,
                 entity_id=entity_id, ner_label=ner, implicit=implicit)


def span(text: str, piece: str, after: int = 0) -> TextSpan:
    start = text.index(piece, after)
    return TextSpan(piece, start, start + len(piece))


class Report:
    """One invented article: sentences are added with the event coded from each."""

    def __init__(self, article_id: str, pub: str | None, source: str | None = "Wire A") -> None:
        self.article = Article(id=article_id, text="", pub_date=date.fromisoformat(pub) if pub else None,
                               source=source)
        self.events: list[Event] = []

    def say(self, sentence: str, type_: str, trigger: str, *, mode: str | None = None,
            actors: tuple[Actor, ...] = (), recipients: tuple[Actor, ...] = (),
            when: str | None = None, precision: str | None = None, place: str | None = None,
            city: str | None = None, factuality: str = "asserted", cue: str | None = None,
            dead: int | None = None, people: int | None = None,
            attribution: str | None = None) -> "Report":
        start = len(self.article.text) + (1 if self.article.text else 0)
        self.article.text = (self.article.text + " " + sentence) if self.article.text else sentence
        text = self.article.text
        evidence = span(text, sentence, start)
        location = None
        if place:
            location = Place(text=city or place, start=None, end=None, name=city or place, country=place,
                             precision="city" if city else "country")
        event = Event(
            type=type_, mode=mode, evidence=evidence, trigger=span(text, trigger, start),
            actor=list(actors), recipient=list(recipients),
            date=EventDate(value=when, precision=precision or ("day" if when else None)),
            location=location, factuality=factuality,
            factuality_cue=span(text, cue) if cue else None, attribution=attribution,
            quantity=Quantity(dead=dead, people=people),
        )
        self.events.append(event)
        return self

    def denied_by(self, sentence: str) -> "Report":
        """Append a sentence that contradicts the last event, the way the coder links a denial."""
        start = len(self.article.text) + 1
        self.article.text = self.article.text + " " + sentence
        self.events[-1].factuality = "denied"
        self.events[-1].factuality_cue = span(self.article.text, sentence, start)
        return self

    def coded(self) -> CodedArticle:
        return CodedArticle(article=self.article, events=list(self.events))


POLICE = actor("Police", "KEN", "COP")
KENYAN_POLICE = actor("Kenyan police", "KEN", "COP")
PROTESTERS = actor("protesters", "KEN", "CVL")
DEMONSTRATORS = actor("demonstrators", "KEN", "CVL")


def arrest(article_id: str, pub: str, *, when: str | None = "2025-03-10", source: str | None = "Wire A",
           place: str | None = "KEN", factuality: str = "asserted", people: int | None = 12,
           sentence: str = "Police arrested 12 protesters in Nairobi on Monday.",
           **kw) -> CodedArticle:
    """A Nairobi arrest of protesters, as one wire or another tells it."""
    return Report(article_id, pub, source).say(
        sentence, "COERCE", sentence.split()[1], mode="arrest", actors=(POLICE,),
        recipients=(PROTESTERS,), when=when, place=place, city="Nairobi" if place == "KEN" else None,
        factuality=factuality, people=people, **kw).coded()
