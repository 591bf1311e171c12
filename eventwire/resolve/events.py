"""Fill the extractor's raw events: actors get countries and sectors, pronouns their antecedents,
events their date, place, numbers and ACLED category."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from eventwire.codebook import Codebook
from eventwire.extract import Extraction, Mention
from eventwire.nlp import SPEAKER_LABEL, AnalysedArticle
from eventwire.records import Actor, Article, CodedArticle, Event, EventDate, Place, TextSpan
from eventwire.resolve.actors import country_roles, known_actor, link_mentions, resolve_actor, with_country
from eventwire.resolve.countries import NAME, country_kind, country_mentions_detailed, focus_country
from eventwire.resolve.dates import (LEAD_SENTENCES, date_for_trigger, dates_the_saying,
                                     find_time_expressions, fits_the_tense, in_future_clause,
                                     inherits_context_date, inside_quotation, is_progressive, lead_date,
                                     moves_in_time, resolve_time_expression, verb_form)
from eventwire.resolve.numbers import quantity_for_trigger
from eventwire.resolve.places import resolve_place
from eventwire.resolve.toponyms import follows_locative, follows_travel, is_toponym

if TYPE_CHECKING:  # pragma: no cover
    from datetime import date

    from spacy.tokens import Doc, Span, Token

_FIRST_PERSON = frozenset({"i", "we", "me", "us"})
_TURN_CHARS = 2000  # how far back an interview answer's label may be
_OWN_PEOPLE = re.compile(r"(?:its|their|his|her)\s+own\b", re.IGNORECASE)
_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
_GROUP_PRONOUNS = frozenset({"it", "its", "they", "them", "their", "we"})
_NAME = r"[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}"
# '"..., I disagree," Lai said.' - the name right after the closing quote and comma.
# 'Lai said, "we are open for dialogue"' - the name right before the verb of saying.
_SPEAKER_BEFORE = re.compile(rf"({_NAME}) (?:said|says|told [\w ]{{1,30}}|added|wrote)[,:]?\s*[“\"]?\s*$")
_QUOTE_CLOSE_SPEAKER = re.compile(
    rf"[^\n“”\"]{{0,400}}?[,.!?]?[”\"]\s*,?\s*({_NAME}|he|she) (?:said|says|told|added|asked|wrote)\b")


class Resolver:
    """Resolution with the lexicons and gazetteer loaded once (lazily) and reused."""

    def __init__(self, codebook: Codebook) -> None:
        self.codebook = codebook
        self._answer = _answer_pattern(codebook)

    def warm_up(self) -> None:
        resolve_actor("the government")

    # -- used by the extractor to keep only arguments that name political entities --------
    def is_actor(self, span: "Span") -> bool:
        root = span.root
        if root.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
            return True
        if root.pos_ == "PROPN" and root.dep_ in ("nsubj", "nsubjpass") and not root.is_stop:
            return True  # a named subject the small model did not tag ("Yoon retracted ...")
        if root.lower_ in _PERSON_PRONOUNS | _GROUP_PRONOUNS:
            return True
        # Judge the phrase up to its head: "support from Russian allies" is not an actor.
        head_phrase = span.doc[span.start:root.i + 1].text
        resolution = resolve_actor(head_phrase)
        return resolution.sector is not None or resolution.country is not None

    # -- the stage itself ----------------------------------------------------------------
    def resolve(self, article: Article, extraction: Extraction, analysed: AnalysedArticle) -> CodedArticle:
        focus = focus_country(article.text, article.title)
        coded = CodedArticle(article=article, focus_country=focus)
        if article.pub_date is None:
            coded.warnings.append("no publication date: relative dates (\"on Thursday\", \"last year\") "
                                  "are left unresolved")
        canonical = link_mentions([m.text for m in extraction.mentions if m.label == "PERSON"])
        # What the story's opening says holds for all its events: read it once per article.
        lead = lead_date([(s.start, s.text) for s in analysed.sentences[:LEAD_SENTENCES]], article.pub_date)
        scene = _lead_scene(extraction.mentions, article.text, focus)
        told: dict[int, _Told] = {}  # sentence start -> what its events told, for those after it
        for event in extraction.events:
            index = analysed.index_of(event.evidence.start)
            before = told.get(analysed.sentences[index - 1].start) if index else None
            here = told.setdefault(event.evidence.start, _Told())
            defaulted = self._resolve_actors(event, extraction.mentions, focus, canonical, article,
                                             before.subject if before is not None else None)
            if here.subject is None and event.actor and not event.actor[0].implicit \
                    and event.actor[0].start is not None:
                here.subject = event.actor[0]
            self._resolve_when(event, article, analysed, lead)
            previous = _previous_place(event, analysed, article.text, told)
            self._resolve_where(event, extraction.mentions, focus, article, scene,
                                _sentence_parse(analysed, event), lead, previous)
            if previous is not None and (event.location is None or not event.location.name) \
                    and before is not None and _first_actor(event) & before.placed:
                # "Rubio met Lavrov in Riyadh. He said ...": who acts on names no new place, so is
                # still where the sentence before put them.
                event.location = replace(previous, start=None, end=None)
            if event.location is not None and event.location.name:
                here.place = here.place or event.location
                here.placed |= _first_actor(event)
                _local_victims(event, defaulted, self.codebook.types[event.type].is_material)
            if event.type == "CONSULT" and event.mode is None:
                event.mode = _meeting_mode(event)
                if event.mode == "visit" and _host_named_first(event):
                    event.actor, event.recipient = event.recipient, event.actor
            event.quantity = quantity_for_trigger(
                event.evidence.text, event.trigger.start - event.evidence.start, event.type,
                sentence_offset=event.evidence.start)
            event.acled = self.codebook.acled_for(event.type, event.mode,
                                                  [r.sector for r in event.recipient])
            coded.events.append(event)
        return coded

    def _resolve_actors(self, event: Event, mentions: list[Mention], focus: str | None,
                        canonical: dict[str, str], article: Article,
                        subject_before: Actor | None = None) -> set[int]:
        """Fill in every party; returns the ids of those whose country only the article's
        focus vouches for. ``subject_before``: who acted first in the sentence before."""
        defaulted: set[int] = set()
        for actor in event.actor + event.recipient:
            if subject_before is not None and actor in event.actor and actor.start is not None \
                    and actor.text.lower() in ("he", "she") \
                    and not article.text[event.evidence.start:actor.start].strip(" \"“‘'") \
                    and _a_person(subject_before, article.pub_date):
                # "Rubio met Lavrov in Riyadh. He urged ...": a sentence opening on "he" goes on
                # about whom the sentence before was about, not the last person it named.
                actor.text, actor.start, actor.end = subject_before.text, subject_before.start, subject_before.end
                actor.ner_label = "PERSON"
            if actor.text.lower() in _FIRST_PERSON and actor.start is not None:
                speaker = _first_person_speaker(article.text, actor.start, event)
                if speaker is not None:
                    actor.text, actor.start, actor.end = speaker
                    actor.ner_label = None
            # "Tehran rejected its offer": whoever "its" is, it is not the one rejecting.
            exclude = {(a.start, a.end) for a in event.actor} if actor in event.recipient else set()
            exclude_countries = {a.country for a in event.actor if a.country} \
                if actor in event.recipient else set()
            if self._fill_actor(actor, mentions, focus, canonical, article, exclude, exclude_countries):
                defaulted.add(id(actor))
            home = _one_country(event.actor)
            if actor in event.recipient and home and _OWN_PEOPLE.match(actor.text) \
                    and (id(actor) in defaulted or actor.country is None):
                # "the regime bombs its own people": the actor's people, whatever the story's country.
                actor.country = home
                actor.entity_id = with_country(actor.entity_id, home) if actor.entity_id else None
                defaulted.discard(id(actor))
        if not event.actor:
            implicit = self.codebook.types[event.type].implicit_actor
            if implicit:
                event.actor.append(Actor(text=implicit.get("text", "authorities"), start=None, end=None,
                                         country=focus, sector=implicit.get("sector"), implicit=True))
        return defaulted

    def _fill_actor(self, actor: Actor, mentions: list[Mention], focus: str | None,
                    canonical: dict[str, str], article: Article,
                    exclude: set[tuple[int | None, int | None]] = frozenset(),
                    exclude_countries: set[str] = frozenset()) -> bool:
        """Resolve one party in place; True when its country is only the article's focus."""
        low = actor.text.lower()
        if low in _PERSON_PRONOUNS | _GROUP_PRONOUNS and actor.start is not None:
            antecedent = _antecedent(mentions, actor.start,
                                     ("PERSON",) if low in _PERSON_PRONOUNS else ("ORG", "GPE", "NORP"),
                                     exclude, exclude_countries, article.text)
            if antecedent is not None:
                actor.text, actor.start, actor.end = antecedent.text, antecedent.start, antecedent.end
                actor.ner_label = antecedent.label
        resolution = resolve_actor(actor.text, focus_country=focus, ner_label=actor.ner_label,
                                   context=article.text, when=article.pub_date)
        actor.country = resolution.country
        actor.sector = resolution.sector
        actor.name = canonical.get(actor.text) or resolution.name
        actor.entity_id = resolution.entity_id
        if resolution.country_from_focus:
            earlier = _state_antecedent(actor, resolution.sector, article.text)
            if earlier is not None and earlier != focus:
                actor.country = earlier
                actor.entity_id = with_country(actor.entity_id, earlier) if actor.entity_id else None
                return False
        return resolution.country_from_focus

    def _resolve_when(self, event: Event, article: Article, analysed: AnalysedArticle,
                      lead: EventDate | None = None) -> None:
        future = event.factuality == "future"
        sentence, trigger_at = event.evidence.text, event.trigger.start - event.evidence.start
        event.date = date_for_trigger(sentence, trigger_at, article.pub_date,
                                      sentence_offset=event.evidence.start, future=future)
        span = event.date.span
        if event.date.value is not None and span is not None:
            # Which way a weekday or month points is the tense of the clause the time stands in
            # ("is due to travel on Tuesday" ahead, "said on Tuesday he would" behind), not only
            # the event's: a planned event is often dated by the statement that announced it.
            at, end = span.start - event.evidence.start, span.end - event.evidence.start
            ahead = not dates_the_saying(sentence, at, end, trigger_at) if future \
                else in_future_clause(sentence, at)
            if ahead != future:
                turned = resolve_time_expression(span.text, article.pub_date, future=ahead)
                event.date = EventDate(value=turned.value, precision=turned.precision, span=span,
                                       note=turned.note)
        if event.date.value is None and event.date.note is None:
            inherited = _date_from_context(event, analysed, article, future, lead)
            if inherited is not None:
                event.date = inherited


    def _resolve_where(self, event: Event, mentions: list[Mention], focus: str | None,
                       article: Article | None = None, scene: str | None = None,
                       parse: "Doc | None" = None, lead: EventDate | None = None,
                       previous: Place | None = None) -> None:
        sentence = event.evidence
        text = sentence.text
        def before(mention: Mention, width: int) -> str:
            offset = mention.start - sentence.start
            return text[max(0, offset - width):offset]

        # A visited country may also be the one met ("visited China"): an argument, yet the place.
        # So is a place inside an argument's phrase ("strikes against IS in Syria", "the court in
        # The Hague ruled"): it is not the argument itself, and says where that one was.
        material = self.codebook.types[event.type].is_material
        candidates = [m for m in mentions if sentence.start <= m.start < sentence.end
                      and is_toponym(m.text, m.label, before(m, 32))
                      and not _names_a_person(m, mentions, text[m.end - sentence.start:])
                      and (follows_travel(before(m, 40)) or not _is_argument(m, event) or material
                           or follows_locative(before(m, 32), scene_only=True)
                           or _names_meeting(event, text[m.end - sentence.start:]))]
        best: Place | None = None
        best_score = -1e9
        for mention in candidates:
            place = _resolve_with_container(mention, mentions, text[mention.end - sentence.start:], focus)
            if place is None:
                continue
            score = -abs(mention.start - event.trigger.start) / 100.0
            # "shelled Kharkiv", "stormed the town of Mora": a town a deed is done to is where it
            # was done (a country it is done to is a party, not a place).
            struck = material and place.precision in ("city", "admin1") and _within(mention, event.recipient) \
                and (country_kind(mention.text) or ("", ""))[1] != NAME
            if not (struck or follows_locative(before(mention, 32), scene_only=True)
                    or follows_travel(before(mention, 40))
                    or _names_meeting(event, text[mention.end - sentence.start:])):
                continue  # "talks with France", "Iraqi officials": named, but not where it happened
            if _in_message(event, mention, before(mention, 40)):
                continue
            if parse is not None and _beyond_the_event(parse, event, mention):
                continue
            if place.precision == "city":
                score += 0.5
            if score > best_score:
                best, best_score = place, score
        if best is None and article is not None and _THERE.match(text):
            best = _place_pointed_back(sentence.start, mentions, article.text, focus)
        if best is None and previous is not None and self._answer.search(text):
            best = replace(previous, start=None, end=None)
        if best is not None:
            best.text = best.text or best.name or ""
            event.location = best
            for mention in candidates:
                if mention.text == best.text:
                    best.start, best.end = mention.start, mention.end
                    break
        else:
            country = self._fallback_country(event, focus, scene, lead)
            if country:
                event.location = Place(text="", start=None, end=None, name=None, country=country,
                                       kind="country", precision="country")

    def _fallback_country(self, event: Event, focus: str | None, scene: str | None = None,
                          lead: EventDate | None = None) -> str | None:
        """No place named: a material event happened in the story's country. A statement by the
        story's own country's actors is made at home, and so is one country's own affair, said by
        and to its own people; where a foreign voice spoke to others (a capital, a UN chamber, a
        phone call) the text does not say, so it stays unknown. One that names no one else and
        no other country speaks of home, from home.

        A story whose first sentence sets it in a town (``scene``: "diplomats gathered in
        Charlevoix, Quebec") was reported from there: its hosts speak at home, and the story's
        main country's voices were away. Material events keep the story's country: an opening
        line's town may be where one thing happened, not all the story tells. A meeting held the
        same day as the gathering the story opens on ("Rubio meets Japan's minister on Thursday"
        under "ministers gathered Thursday in Charlevoix") is one of its side meetings, held there."""
        if scene is not None and _is_meeting(event) and lead is not None and lead.value is not None \
                and event.date.value == lead.value:
            return scene
        if self.codebook.types[event.type].done_at_home:
            return _home_country(event)
        if self.codebook.types[event.type].is_material:
            if self.codebook.types[event.type].at_target:
                target, home = _one_country(event.recipient), _one_country(event.actor)
                if target is not None and home is not None and target != home:
                    return target  # "Russia attacked Ukraine": in Ukraine, whatever the story's country
            # Several other states acting together ("Mali, Niger and Burkina Faso formed..."):
            # nothing puts them in the story's country. A joint raid with its forces stays there.
            # A joint act's coded recipients ("symmetric" types) are among those acting too.
            parties = event.actor + (event.recipient if self.codebook.types[event.type].symmetric else [])
            actors = {a.country for a in parties if a.country and not a.implicit}
            if not any(not a.implicit for a in event.actor):
                target = _home_opposition(event)
                if target is not None:
                    return target
            return focus if len(actors) < 2 or focus in actors else None
        if _speaks_as_envoy(event):
            return None  # an ambassador or a U.N. mission speaks where it is posted, not at home
        speaker = next((a.country for a in event.actor if a.country and not a.implicit), None)
        if speaker is not None and speaker == (scene or focus):
            return speaker
        if event.type in _STATEMENT_TYPES and _speaks_of_home_alone(event, speaker):
            return speaker
        return _domestic_country(event)


# Words for a meeting: nouns that name one ("the Jeddah talks"), and verbs that tell of one.
_MEETING_NOUNS = r"(?:talks|summits?|meetings?|conferences?|negotiations)"
_MEETING_TRIGGER = re.compile(rf"\b(?:meet|meets|met|visits?|visited|{_MEETING_NOUNS})\b", re.IGNORECASE)


def _is_meeting(event: Event) -> bool:
    """A consultation, or a meeting still to come (coded as an agreement to meet)."""
    return event.type == "CONSULT" or (event.type == "AGREE" and event.factuality == "future"
                                       and _MEETING_TRIGGER.search(event.trigger.text) is not None)


def _local_victims(event: Event, defaulted: set[int], material: bool) -> None:
    """"Galizia, who was killed in Malta": those an act was done to, where a place is named and
    nothing else says whose they are, are of that place's country rather than the story's."""
    place = event.location
    if not material or place is None or place.start is None or not place.country:
        return
    for party in event.recipient:
        # ... and so is a town attacked ("stormed Djibo"): its people's, the place's country.
        if id(party) in defaulted or (party.country is None and party.start == place.start):
            party.country = place.country
            if party.entity_id:
                party.entity_id = with_country(party.entity_id, place.country)


def _meeting_mode(event: Event) -> str | None:
    """Where a meeting was held says who travelled: on one side's soil it is a visit, on
    neither side's it is hosted by a third party (PLOVER's CONSULT modes)."""
    place = event.location.country if event.location and event.location.name else None
    parties = [a for a in event.actor + event.recipient if not a.implicit]
    sides = {a.country for a in parties if a.country}
    if place is None or not sides:
        return None
    if place not in sides:
        # A side of unknown country, or one not named, may be the host ("a visit to South Africa
        # to meet opposition leaders"); only two known sides both away make it a third party's.
        known_all = len(sides) > 1 and all(a.country for a in parties)
        return "third-party" if known_all else "visit"
    return "visit" if len(sides) > 1 else None


# Words that make the host the one acting: "Xi hosted Putin", "the king received the envoy".
_HOSTING = ("host", "receiv", "welcom", "invit")


def _host_named_first(event: Event) -> bool:
    """"MBS met with Rubio in Jeddah": in a visit the visitor is the one acting and the host
    receives, however the sentence orders them; a verb of hosting keeps the host acting."""
    place = event.location.country if event.location else None
    actor_countries = {a.country for a in event.actor if a.country}
    guest_countries = {a.country for a in event.recipient if a.country}
    return bool(place and actor_countries == {place} and guest_countries
                and place not in guest_countries and not any(a.implicit for a in event.recipient)
                and not event.trigger.text.lower().startswith(_HOSTING))


def _date_from_context(event: Event, analysed: AnalysedArticle, article: Article,
                       future: bool, lead: EventDate | None = None) -> EventDate | None:
    """A sentence with no time of its own continues the story's last dated sentence of the same
    paragraph ("Police raided the offices on Monday. They arrested 12 people.") when its tense
    allows (dates.inherits_context_date); failing that, a past-tense account of the report's own
    event takes the date of the report's lead (dates.lead_date), and a present progressive the
    publication day."""
    index = analysed.index_of(event.evidence.start)
    if index is None:
        return None
    form, progressive = None, False
    parse = analysed.parses.get(index)
    if parse is not None:
        offset = event.trigger.start - event.evidence.start
        trigger = next((t for t in parse if t.idx <= offset < t.idx + len(t.text)), None)
        form = verb_form(trigger) if trigger is not None else None
        progressive = trigger is not None and is_progressive(trigger)
        if form == "present" and inside_quotation(article.text, event.trigger.start):
            form = "past"  # a quoted present is the speaker's now: the saying, a past event of the report
    for back in range(index - 1, max(-1, index - 3), -1):
        sentence = analysed.sentences[back]
        if "\n" in article.text[sentence.end:analysed.sentences[back + 1].start]:
            break  # a new paragraph starts a new scene
        # A span ("since 2012", "until May") bounds another event and a target ("a trial set for
        # 2025") is not yet its time; only a point in time carries over.
        expressions = [e for e in find_time_expressions(sentence.text)
                       if not e.text.lower().startswith(("since", "until", "by", "through", "from", "for "))]
        resolved = None
        for expr in reversed(expressions):
            # The time is read the way its own clause tells it ("would take effect Wednesday" lies
            # ahead, "said on Feb. 5" behind), whatever the tense of the clause taking it over.
            resolved = resolve_time_expression(expr.text, article.pub_date,
                                               future=in_future_clause(sentence.text, expr.start))
            if resolved.value is not None:
                break
        if resolved is None or resolved.value is None:
            if moves_in_time(sentence.text):
                return None  # "A court later sentenced him.": the time before it no longer holds
            continue
        # A past event cannot take a time still to come, nor a planned one a time gone by: the
        # sentences are about different times, and the lead may still say the report's own.
        if not fits_the_tense(resolved, future, article.pub_date):
            break
        # The narrator's simple present tells a standing position ("He denies the charges", "stands
        # accused"), true at no one time; a quoted one is the speaker's now, the time of the saying.
        if form == "present" and not progressive:  # a quoted present was turned to "past" above
            return None
        if not inherits_context_date(form, resolved, article.pub_date, event.evidence.text,
                                     event.trigger.start - event.evidence.start):
            return None
        resolved.span = TextSpan(expr.text, sentence.start + expr.start, sentence.start + expr.end)
        resolved.note = "dated by the preceding sentence"
        return resolved
    # The report's own event, told on in the past (or in a tenseless phrase), without a new time;
    # a past progressive ("was already providing aid") is the background it happened against.
    if form in ("past", None) and not progressive and event.factuality in ("asserted", "reported") \
            and inherits_context_date(form, EventDate(), article.pub_date, event.evidence.text,
                                     event.trigger.start - event.evidence.start):
        if lead is not None:
            return replace(lead, note="dated by the report's lead")
    # "MSF is calling on the government to ...": what the report says is going on is going on as it
    # is written, so its time is the publication day.
    if form == "present" and progressive and event.factuality in ("asserted", "reported") \
            and article.pub_date is not None:
        return EventDate(value=article.pub_date.isoformat(), precision="day",
                         note="going on as the report is written")
    return None


def _first_person_speaker(text: str, position: int, event: Event) -> tuple[str, int, int] | None:
    """Who "I" or "we" is: the source the sentence names ("..., Lai said"), else the name after
    the closing quote, else the turn label of an interview transcript ("Armitage: I ...")."""
    if event.attribution_span is not None and event.attribution.lower() not in _FIRST_PERSON:
        span = event.attribution_span
        return span.text, span.start, span.end
    after = _QUOTE_CLOSE_SPEAKER.match(text, position)
    if after is not None:
        return after.group(1), after.start(1), after.end(1)
    before = _SPEAKER_BEFORE.search(text, max(0, position - 120), position)
    if before is not None:
        return before.group(1), before.start(1), before.end(1)
    label = None
    # Searched past ``position`` and cut by hand: a label's lookahead reads to the end of its line.
    for match in SPEAKER_LABEL.finditer(text, max(0, position - _TURN_CHARS)):
        if match.end() > position:
            break
        label = match  # the last turn label before the pronoun
    if label is not None:  # the whole label: "Richard Armitage, former U.S. deputy secretary"
        whole = label.group(0).strip().rstrip(":")
        start = label.start(1)
        return whole, start, start + len(whole)
    return None


# Institutions a story names with their country once and then bare ("Myanmar's military
# government ... the regime", "six Myanmar military officers ... the army").
_STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY", "JUD", "LEG"})


def _state_antecedent(actor: Actor, sector: str | None, text: str) -> str | None:
    """The country of the latest earlier phrase naming the same kind of state body with its country,
    for a definite bare one ("the army", "the regime"). The story's main country is only a guess
    for such a phrase; in "Australia sanctions Myanmar's generals" the army is Myanmar's."""
    if sector not in _STATE_SECTORS or actor.start is None or actor.ner_label == "PERSON" \
            or not actor.text.lower().startswith("the "):
        return None
    return next((role.country for role in country_roles(text, actor.start) if role.sector == sector), None)


def _within(mention: Mention, parties: list[Actor]) -> bool:
    """Whether the mention lies inside one of the parties' phrases."""
    return any(p.start is not None and p.start <= mention.start < (p.end or p.start) for p in parties)


def _is_argument(mention: Mention, event: Event) -> bool:
    """A country that acts ("Thailand deported...") is an actor, not where the event happened."""
    return _within(mention, event.actor + event.recipient)


# "Chalida Tajaroensuk, who heads ...": whatever the tagger thought, a name followed by "who" is
# a person's (the rest of the name may follow the part it tagged).
_WHO_AFTER = re.compile(r"((?:\s+[A-Z][\w'’-]*){0,3}),\s+who\b")


def _antecedent(mentions: list[Mention], before: int, labels: tuple[str, ...],
                exclude: set[tuple[int | None, int | None]] = frozenset(),
                exclude_countries: set[str] = frozenset(), text: str = "") -> Mention | None:
    """The nearest earlier mention with one of ``labels``, skipping the excluded spans and
    (resolved only for the mentions looked at) the excluded countries. A span excludes the mention
    it is, or a group opening it; a person opening it is only its possessor ("Berisha's opponents
    accused him": "him" may be Berisha)."""
    for mention in reversed(mentions):
        if mention.start >= before:
            continue
        if mention.label not in labels:
            who = _WHO_AFTER.match(text, mention.end) if "PERSON" in labels and text else None
            if who is None or mention.label not in ("GPE", "ORG", "NORP", "LOC"):
                continue
            mention = Mention(mention.start, who.end(1), text[mention.start:who.end(1)], "PERSON")
        if any(start is not None and mention.start == start
               and (mention.end == end or mention.label != "PERSON") for start, end in exclude):
            continue
        # Only for groups: "Tehran rejected its offer" (not Iran's), but "U.S. senators urged him"
        # may well mean a U.S. secretary of state.
        if exclude_countries and mention.label != "PERSON" \
                and resolve_actor(mention.text, ner_label=mention.label).country in exclude_countries:
            continue
        return mention
    return None


# Statements whose object is a proposition about other things: what was said happened elsewhere.
_STATEMENT_TYPES = frozenset({"ACCUSE", "REQUEST", "REJECT", "THREATEN", "SUPPORT", "CONCEDE"})
# "told reporters in Kabul", "at a news conference in Lagos": the occasion of the statement.
_OCCASION_BEFORE = re.compile(
    r"\b(?:conference|briefing|speech|address|interview|summit|meeting|talks|rally|session|forum|"
    r"ceremony|reporters|journalists|lawmakers|parliament|statement)\s+(?:[\w.'’-]+\s+){0,2}?"
    r"(?:in|at)\s+(?:the\s+)?$", re.IGNORECASE)


def _in_message(event: Event, mention: Mention, before: str) -> bool:
    """Whether a place after a statement's trigger belongs to what was said ("accused Beijing of
    abuses in Xinjiang", "called for talks in Geneva") rather than to where it was said."""
    if event.type not in _STATEMENT_TYPES or mention.start < event.trigger.end:
        return False
    return not (follows_travel(before) or _OCCASION_BEFORE.search(before))


def _sentence_parse(analysed: AnalysedArticle, event: Event) -> "Doc | None":
    index = analysed.index_of(event.evidence.start)
    parse = analysed.parses.get(index) if index is not None else None
    return parse if parse is not None and parse.text == event.evidence.text else None


def _token_at(parse: "Doc", start: int, end: int) -> "Token | None":
    """The head of the tokens between two character offsets of the sentence."""
    tokens = [t for t in parse if start <= t.idx < end]
    return next((t for t in tokens if not start <= t.head.idx < end or t.head.i == t.i), None)


# Clauses that describe a noun ("rebels with camps in X", "fuel, which feeds the war in X").
_NOUN_CLAUSES = frozenset({"relcl", "acl"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})


def _beyond_the_event(parse: "Doc", event: Event, mention: Mention) -> bool:
    """Whether a place's prepositional phrase ("in X") hangs off something other than the event,
    so that it says where something else was: a clause describing another noun ("a meeting to
    discuss fuel deliveries, which feed the war in Darfur"), or the subject of the verb an event
    noun is the object of ("The massacre in Ogossagou triggered condemnation"). Nor does a place
    outside a clause describing a noun say where that clause's event was ("rebels with camps in
    Libya, a charge Cairo rejected")."""
    base = event.evidence.start
    trigger = _token_at(parse, event.trigger.start - base, event.trigger.end - base)
    place = _token_at(parse, mention.start - base, mention.end - base)
    if trigger is None or place is None or place.dep_ != "pobj" or place.head.dep_ != "prep":
        return False
    host = place.head.head
    above_trigger = [trigger, *trigger.ancestors]
    above_indices = [t.i for t in above_trigger]
    # Where the place's branch and the trigger's meet, and the place's way up to there.
    joint = next((t for t in [host, *host.ancestors] if t.i in above_indices), None)
    if joint is None:
        return False
    path = []
    token = host
    while token.i != joint.i:
        path.append(token)
        token = token.head
    if any(t.dep_ in _NOUN_CLAUSES and t.head.i != trigger.i and not _an_occasion(t.head, joint)
           for t in path):
        return True
    # "a visit to Pretoria to meet opposition leaders", "talks in Geneva, Switzerland, where Iran
    # said it would accept": the noun such a clause describes, or the place itself, is where its
    # event was.
    clause = next((t for t in above_trigger[:above_indices.index(joint.i)] if t.dep_ in _NOUN_CLAUSES), None)
    if clause is not None and clause.head.i != host.i \
            and not (clause.head.pos_ == "PROPN" and clause.head.i in {t.i for t in place.head.subtree}):
        return True
    # Only an event noun is told apart from its verb's subject; a verb's subject is its actor
    # (and the small model takes an apposition for one too readily).
    if path and trigger.pos_ == "NOUN" and joint.i == trigger.head.i and path[-1].dep_ in _SUBJECTS \
            and not any(a.start is not None and a.start <= base + path[-1].idx < (a.end or a.start)
                        for a in event.actor + event.recipient):
        return True
    return False


def _an_occasion(noun: "Token", verb: "Token") -> bool:
    """Whether a noun is an adjunct of the verb, by prepositions alone ("In talks at meetings
    that ended in Beijing, he called for ..."): a clause about it tells the event's occasion."""
    while noun.i != verb.i:
        if noun.dep_ not in ("pobj", "prep"):
            return False
        noun = noun.head
    return True


# Voices posted abroad: "Deputy Ambassador Geng Shuang said", "his U.N. mission criticized it".
_ENVOY = re.compile(r"\b(?:ambassadors?|envoys?|emissar(?:y|ies)|delegations?|delegates?|"
                    r"permanent representatives?|missions? to the|U\.?N\.? missions?)\b", re.IGNORECASE)


def _speaks_as_envoy(event: Event) -> bool:
    voices = [a.text for a in event.actor if not a.implicit] + [event.attribution or ""]
    return any(_ENVOY.search(voice) for voice in voices)


def _one_country(parties: list[Actor]) -> str | None:
    """The one country of the named parties; none when they are several countries or one has
    no country of its own (the EU, the UN Security Council, someone unidentified)."""
    countries = {a.country for a in parties if not a.implicit}
    return countries.pop() if len(countries) == 1 and None not in countries else None


def _home_country(event: Event) -> str | None:
    """The one country of the named actors."""
    return _one_country(event.actor)


def _resolve_with_container(mention: Mention, mentions: list[Mention], after: str,
                            focus: str | None) -> Place | None:
    """"Charlevoix, Quebec", "Kano, Nigeria": the name right after the comma says which of the
    places so called is meant, whatever the story's focus."""
    comma = re.match(r",\s*", after)
    if comma is not None:
        start = mention.end + comma.end()
        container = next((m for m in mentions if m.start == start and m.label in ("GPE", "LOC")), None)
        if container is not None:
            place = resolve_place(f"{mention.text}, {container.text}", focus_country=focus)
            if place is not None:
                place.text = mention.text
                return place
    return resolve_place(mention.text, focus_country=focus)


# Opposition politicians and parties are harassed, arrested and banned by their own state.
_HOME_POLITICS = frozenset({"OPP", "PTY", "LEG"})


def _home_opposition(event: Event) -> str | None:
    """With no one named as acting, the country of an opposition figure who was arrested or
    attacked ("arrests and bans on his concerts" of a Ugandan opposition MP in a story about Africa)."""
    if event.type not in ("COERCE", "ASSAULT"):
        return None
    return next((a.country for a in event.recipient if a.country and a.sector in _HOME_POLITICS), None)


_PRESSURE_TYPES = frozenset({"ACCUSE", "REQUEST", "REJECT", "THREATEN"})


def _domestic_country(event: Event) -> str | None:
    """One country's own affair told abroad ("Hong Kong authorities rejected accusations against
    Lai"): said by and to people of that one country, it was said there. Said to them by someone
    unnamed ("some have urged him to resign", "an officer called her a traitor"), it is still
    their country's affair."""
    if not event.recipient:
        return None
    if not any(not a.implicit for a in event.actor):
        # Only pressure aimed at a person ("urged him", "threatened the judge"): support for a
        # country or a meeting with one side tells nothing of where the unnamed others were.
        people = all(a.ner_label == "PERSON" for a in event.recipient)
        return _one_country(event.recipient) if people and event.type in _PRESSURE_TYPES else None
    return _one_country(event.actor + event.recipient)


_MEETING_EVENTS = frozenset({"CONSULT", "AGREE", "COOPERATE"})
# "the Jeddah talks", "the Hanoi summit": a meeting named after where it is held.
_MEETING_AFTER = re.compile(rf"^\s+{_MEETING_NOUNS}\b", re.IGNORECASE)


def _names_meeting(event: Event, after: str) -> bool:
    """Whether a place names the meeting an agreement or consultation was reached at."""
    return event.type in _MEETING_EVENTS and _MEETING_AFTER.match(after) is not None


_POSSESSIVE = re.compile(r"['’]s$")


def _names_a_person(mention: Mention, mentions: list[Mention], after: str) -> bool:
    """"in Lai's trial" in a story about Jimmy Lai: a possessive name the story also gives a
    person is that person; the place word is what he has, not where he is."""
    if _POSSESSIVE.search(mention.text) is None and not after.startswith(("'s", "’s")):
        return False
    name = _POSSESSIVE.sub("", mention.text)
    if country_kind(name) is not None:
        return False  # "in Mali's north": the small model tags some countries as persons
    return any(m.label == "PERSON" and m is not mention and (m.text == name or m.text.endswith(" " + name))
               for m in mentions)


# What may be answered where it was put: a request or an offer (the codebook's answers.claims).
_ANSWERED_TYPES = ("REQUEST", "AGREE")


def _answer_pattern(codebook: Codebook) -> re.Pattern[str]:
    """"Trump denied the request": an answer to what the sentence before told, given at the same
    occasion; the rest of its sentence ("... and asked instead for ...") goes on there too."""
    nouns = sorted(n for n, kind in codebook.answered_nouns.items() if kind in _ANSWERED_TYPES)
    return re.compile(
        r"\b(?:denied|rejected|refused|turned down|declined|accepted|agreed to|welcomed|dismissed)\s+"
        r"(?:the|that|this|these|those|his|her|their|its)\s+(?:\w+\s+)?"
        rf"(?:{'|'.join(map(re.escape, nouns)) or '(?!)'})s?\b", re.IGNORECASE)


@dataclass
class _Told:
    """What the events of one sentence told, for the sentences after it."""

    place: Place | None = None  # the place named for the first of them with one
    placed: set[str] = field(default_factory=set)  # entity ids of who acted at a named place
    subject: Actor | None = None  # who acts in its first event


def _a_person(actor: Actor, when: date | None) -> bool:
    """Whether a party is a person: tagged so, or a person the known-actors list holds."""
    if actor.ner_label == "PERSON":
        return True
    known = known_actor(actor.text, when)
    return known is not None and known.kind == "person"


def _first_actor(event: Event) -> set[str]:
    return {a.entity_id for a in event.actor[:1] if a.entity_id and not a.implicit}


def _previous_place(event: Event, analysed: AnalysedArticle, text: str,
                    told: dict[int, _Told]) -> Place | None:
    """The place named for an event of the sentence before, if it is in the same paragraph."""
    index = analysed.index_of(event.evidence.start)
    if not index:
        return None
    before = analysed.sentences[index - 1]
    if "\n" in text[before.end:event.evidence.start]:
        return None
    return told[before.start].place if before.start in told else None


# "There, Kim asked Trump for relief.": the place the sentence before ended on.
_THERE = re.compile(r"\s*There,\s")


def _place_pointed_back(start: int, mentions: list[Mention], text: str, focus: str | None) -> Place | None:
    """The last place named in the previous sentence of the same paragraph, if one is there."""
    paragraph = text.rfind("\n", 0, start) + 1
    previous = max(text.rfind(". ", paragraph, start - 1), paragraph)
    for mention in reversed(mentions):
        if not previous <= mention.start < start or mention.end > start:
            continue
        if not is_toponym(mention.text, mention.label, text[max(0, mention.start - 32):mention.start]):
            continue
        place = _resolve_with_container(mention, mentions, text[mention.end:start], focus)
        named = _NAMED_MEETING.match(mention.text)
        if place is None and named is not None:  # "at the Hanoi Summit": the meeting's city
            place = resolve_place(named.group(1), focus_country=focus)
        return place
    return None


_NAMED_MEETING = re.compile(rf"(?:the\s+)?(.+?)\s+{_MEETING_NOUNS}$", re.IGNORECASE)


def _lead_scene(mentions: list[Mention], text: str, focus: str | None) -> str | None:
    """The country of the town or region the story's first sentence sets it in ("diplomats
    gathered Thursday in Charlevoix, Quebec"). A whole country there ("worries about the economy
    in China") is as often a topic as a scene, so it does not count."""
    end = _lead_end(text)
    for mention in mentions:
        if mention.start >= end:
            continue
        before = text[max(0, mention.start - 32):mention.start]
        if is_toponym(mention.text, mention.label, before) and follows_locative(before, scene_only=True):
            place = _resolve_with_container(mention, mentions, text[mention.end:end], focus)
            if place is not None and place.country and place.precision != "country":
                return place.country
    return None


def _lead_end(text: str) -> int:
    # The first sentence end past the first 30 characters ("U.S." early on does not end it).
    found = re.search(r"[.!?][”\"]?\s+(?=[A-Z“\"])|\n", text[30:])
    return 30 + found.end() if found else len(text)


def _speaks_of_home_alone(event: Event, speaker: str | None) -> bool:
    """"Hong Kong authorities rejected accusations that Lai's trial is unfair": one country's
    voice, addressed to no one named, in a sentence that names no other country, speaks of its own
    affairs, at home."""
    if speaker is None or event.recipient or _home_country(event) != speaker:
        return False
    return {m.iso3 for m in country_mentions_detailed(event.evidence.text)} <= {speaker}
