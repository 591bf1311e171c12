"""Event extraction: triggers from the codebook, arguments from syntax, factuality from cues.

Input: an :class:`~eventwire.nlp.AnalysedArticle` (candidate sentences parsed by spaCy).
Output: :class:`Extraction` holding raw :class:`~eventwire.records.Event` records whose actors,
dates and places are still unresolved spans, plus the named-entity mentions seen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Callable, NamedTuple

from eventwire.codebook import ACT, STATE_ACT, Codebook
from eventwire.extract.arguments import (OBJECT_CONTROL_VERBS, ArgumentSpan, argument_span, arguments,
                                         coordinated_owners)
from eventwire.extract.confidence import heuristic_confidence
from eventwire.extract.factuality import read_factuality, reporting_speaker
from eventwire.extract.rescoring import Rescorer, candidate_features, load_rescorer
from eventwire.extract.triggers import TriggerMatch, find_triggers
from eventwire.nlp import AnalysedArticle
from eventwire.records import Actor, Event, TextSpan

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span

ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "DATE"})


@dataclass(frozen=True)
class Mention:
    """A named entity seen in a parsed sentence (article offsets)."""

    start: int
    end: int
    text: str
    label: str


@dataclass
class Extraction:
    events: list[Event] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    sentence_index: dict[int, int] = field(default_factory=dict)  # id(event) -> sentence index
    features: dict[int, dict[str, float]] = field(default_factory=dict)  # id(event) -> rescorer input
    candidates: list[Event] = field(default_factory=list)  # every candidate before thresholding


def default_actor_test(span: "Span") -> bool:
    """Without a lexicon: a named person, organization, place or group, or a pronoun."""
    root = span.root
    return root.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or root.pos_ == "PROPN"


@lru_cache(maxsize=64)
def _context_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
                      + r")", re.IGNORECASE)


def contexts_for(text: str, codebook: Codebook) -> list[str]:
    return [name for name, words in codebook.contexts.items()
            if words and _context_pattern(words).search(text)]


_MODE_DEPS = frozenset({"dobj", "xcomp", "ccomp", "dative", "attr", "oprd", "acomp", "compound",
                        "amod", "nsubjpass", "pobj"})
_SCENE_PREPOSITIONS = frozenset({"in", "at", "during", "after", "before", "since", "amid"})


def choose_mode(match: TriggerMatch, codebook: Codebook) -> str | None:
    if match.rule.mode is not None:
        return match.rule.mode
    event_type = codebook.types[match.type]
    if event_type.mode_cues:
        # The mode is in what the event is about (its object or complement), not in who acts
        # or where: "Yao Ming, at the political meetings, called for limits" is no meeting.
        head = match.head
        if event_type.mode_cue_scope == "complement":
            words = [head]
            for child in head.children:
                if child.dep_ in _MODE_DEPS or (child.dep_ == "prep" and child.lower_ not in _SCENE_PREPOSITIONS):
                    words.extend(child.subtree)
        else:  # the whole clause: the means of an attack may sit anywhere in it
            words = list((head if head.pos_ in ("VERB", "AUX") else head.head).subtree)
        lemmas = {t.lemma_.lower() for t in words} | {t.lower_ for t in words}
        for mode, cues in event_type.mode_cues.items():
            if cues & lemmas:
                return mode
    return event_type.default_mode


def _span_of(doc: "Doc", arg: ArgumentSpan, base: int) -> Actor:
    span = doc[arg.start:arg.end]
    return Actor(text=span.text, start=base + span.start_char, end=base + span.end_char,
                 ner_label=arg.head.ent_type_ or None)


def _events_in_sentence(doc: "Doc", base: int, sentence_text: str, codebook: Codebook,
                        is_actor: Callable[["Span"], bool], sentence_index: int = 0,
                        ) -> list[tuple[Event, TriggerMatch, dict[str, float]]]:
    events: list[tuple[Event, TriggerMatch, dict[str, float]]] = []
    if sentence_text.rstrip(" \"'”’)").endswith("?"):
        return events  # a question ("Did the army attack the town?") reports nothing
    evidence = TextSpan(sentence_text, base, base + len(sentence_text))
    sentence_contexts = contexts_for(sentence_text, codebook)
    matches = _drop_carrier_verbs(find_triggers(doc, codebook))
    verb_triggers = {m.head.i: m.type for m in matches if m.head.pos_ in ("VERB", "AUX")}
    for match in matches:
        denied_by = _denied_by(match, codebook)
        if denied_by is None and _is_content_of_other_trigger(match, verb_triggers):
            continue
        actor_args, recipient_args = arguments(
            match.head, is_actor, possessor_undergoes=match.rule.possessor == "recipient",
            clause_recipient=codebook.types[match.type].recipient_in_clause,
            possessor_addressee=codebook.types[match.type].responds,
            of_acts=match.rule.of_object == "actor",
            purpose_target=codebook.types[match.type].purpose_target,
            material=codebook.types[match.type].is_material)
        if match.rule.claimed:
            told = _told_deed(match, actor_args, codebook)
            if told is None:
                continue
            actor_args, recipient_args = told
        if ("actor" in match.rule.requires and not actor_args) or (
                "recipient" in match.rule.requires and not recipient_args):
            continue
        reading = read_factuality(match.head, match.type, [a.head for a in actor_args], codebook)
        if match.rule.claimed and (reading.negated or reading.factuality not in ("asserted", "reported")):
            continue  # "said Iran had not violated the deal", "could undermine": no accusation
        if reading.speaker is not None and reading.speaker.lower_ not in _PRONOUNS:
            # "'I disagree,' Lai said", "Organizers said they would march": a pronoun in what
            # someone says is, first of all, that someone.
            actor_args = [argument_span(reading.speaker) if a.head.lower_ in _PRONOUNS else a
                          for a in actor_args]
        type_name, mode = match.type, choose_mode(match, codebook)
        factuality = reading.factuality
        if reading.negated:
            swap = codebook.types[type_name].on_negation
            if swap:
                type_name, mode, factuality = swap["type"], swap.get("mode"), "asserted"
        elif factuality == "future":
            swap = codebook.types[type_name].on_future
            if swap:
                # A planned meeting is coded as an agreement to meet, still marked as future.
                type_name, mode = swap["type"], swap.get("mode")
        if denied_by is not None:
            # "The ministry denied that anyone had been arrested": said not to have happened.
            # As a negated event it can deny an earlier claim (see _link_denials).
            type_name, mode, factuality = match.type, choose_mode(match, codebook), "negated"
            reading.cue, reading.source = denied_by, None
        if codebook.types[type_name].symmetric and not recipient_args and len(actor_args) == 1:
            actor_args = coordinated_owners(actor_args[0]) or actor_args
        if codebook.types[type_name].symmetric and not recipient_args and len(actor_args) > 1:
            actor_args, recipient_args = actor_args[:1], actor_args[1:]
        if codebook.types[type_name].undergoer_acts and not actor_args and recipient_args \
                and recipient_args[0].head.dep_ == "nsubjpass":
            actor_args, recipient_args = recipient_args, []
        trigger_span = doc[match.start:match.end]
        confidence = heuristic_confidence(match, bool(actor_args), bool(recipient_args), factuality, codebook)
        event = Event(
            type=type_name,
            mode=mode,
            context=list(sentence_contexts),
            evidence=evidence,
            trigger=TextSpan(trigger_span.text, base + trigger_span.start_char, base + trigger_span.end_char),
            actor=[_span_of(doc, a, base) for a in actor_args],
            recipient=[_span_of(doc, r, base) for r in recipient_args],
            factuality=factuality,
            confidence=min(confidence, 0.95),
            tense=clause_tense(match.head),
            codebook_version=codebook.version,
        )
        if reading.cue is not None:
            cue = reading.cue
            event.factuality_cue = TextSpan(cue.text, base + cue.idx, base + cue.idx + len(cue.text))
        if reading.source is not None:
            source_arg = argument_span(reading.source)
            source = doc[source_arg.start:source_arg.end]
            event.attribution = source.text
            event.attribution_span = TextSpan(source.text, base + source.start_char, base + source.end_char)
        features = candidate_features(
            match, codebook.types[type_name].quad, factuality, event.tense, bool(actor_args),
            bool(recipient_args), actor_args[0].head.ent_type_ or None if actor_args else None,
            event.confidence, sentence_index, len(matches), sentence_text)
        events.append((event, match, features))
    return events


def _told_deed(match: TriggerMatch, doers: list[ArgumentSpan], codebook: Codebook
               ) -> tuple[list[ArgumentSpan], list[ArgumentSpan]] | None:
    """"Washington said Kabul tried to sabotage the talks": telling of a wrong done is accusing
    whoever did it. The teller acts, the doer is the recipient; untold, or told of oneself, or
    with no doer named, it is no accusation."""
    _, teller = reporting_speaker(match.head, codebook)
    if teller is None or not doers or any(d.head.i == teller.i for d in doers):
        return None
    if teller.lower_ in _PRONOUNS and all(d.head.lower_ in _PRONOUNS for d in doers):
        return None  # "he said they were sabotaging": nothing says who is who
    return [argument_span(teller)], doers


_DEFINITE = frozenset({"the", "this", "that", "these", "those", "its", "his", "her", "their"})


class _TriggerFacts(NamedTuple):
    """What the linking steps after extraction need to know of a candidate's trigger."""

    lemma: str
    refers_back: bool  # "the strike", "Lai's release": an event already told
    told_within: bool  # "five soldiers were killed in the attack": more of an event already told
    depth: int  # steps from the sentence root
    sentence: int
    token: int  # the trigger head's index in its sentence
    joined_to: int | None  # "... and asked instead for X": the verb it is coordinated with
    answered: str | None  # what its object refers back to (see _answered_type)
    held: str | None  # whom a demand for release is about (see _held_party)


def _trigger_facts(match: TriggerMatch, codebook: Codebook, sentence: int) -> _TriggerFacts:
    head = match.head
    refers_back = head.pos_ in ("NOUN", "PROPN") and _is_definite(head)
    told_within = head.pos_ in ("VERB", "AUX") and any(
        noun.dep_ == "pobj" and _is_definite(noun)
        and any(rule.type == match.type for rule in codebook.noun_rules.get(noun.lemma_.lower(), ()))
        for prep in head.children if prep.dep_ == "prep" and prep.lower_ in ("in", "during")
        for noun in prep.children)
    # "asked instead for X" (no object of its own) may share its partner's addressee.
    joined = head.dep_ == "conj" and not any(c.dep_ in ("dobj", "dative") for c in head.children)
    return _TriggerFacts(head.lemma_.lower(), refers_back, told_within, _depth(head), sentence, head.i,
                         head.head.i if joined else None, _answered_type(match, codebook),
                         _held_party(match, codebook))


def _is_definite(token) -> bool:
    return any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in _DEFINITE) for c in token.children)


def _participants(event: Event) -> set[str]:
    return {a.text.lower() for a in event.actor + event.recipient}


# What may stand beside the victims and the verb in a bare toll ("Three soldiers were killed.").
_TOLL_FILLER = frozenset({"was", "were", "been", "be", "have", "has", "had", "also", "all", "later",
                          "reportedly", "s", "t"})


def _is_bare_toll(event: Event) -> bool:
    """"Three soldiers were killed.", with the actor carried from an attack told just before
    (see _carry_actors): the toll of that attack, saying nothing of when, where or how."""
    start = event.evidence.start
    if not event.actor or not event.recipient or any(a.start is None or a.start >= start for a in event.actor):
        return False
    spans = [(r.start - start, r.end - start) for r in event.recipient if r.start is not None]
    spans.append((event.trigger.start - start, event.trigger.end - start))
    text = event.evidence.text
    rest = "".join(" " if any(a <= i < b for a, b in spans) else ch for i, ch in enumerate(text))
    return set(re.findall(r"\w+", rest.lower())) <= _TOLL_FILLER


_KILLING = frozenset({"kill", "killing", "assassinate", "assassination", "murder", "execute", "execution"})


def _named_people(parties: list[Actor]) -> set[str]:
    """Surnames of the persons named among the parties."""
    return {re.sub(r"['’]s$", "", a.text).split()[-1].lower() for a in parties
            if a.ner_label == "PERSON" and a.text.split()}


def _drop_repeat_mentions(events: list[Event], facts: dict[int, _TriggerFacts]) -> list[Event]:
    """Gold records code each real-world event once; later mentions of it are dropped.

    A definite nominal mention ("the airstrike", "the agreement") of a type already coded refers
    back, and so does a verb told within one ("were killed in the attack"); a verb or noun with
    the same lemma and the same participants repeats the event.
    """
    kept: list[Event] = []
    for event in events:
        own = facts[id(event)]
        lemma = own.lemma
        same_type = [e for e in kept if e.type == event.type]
        if own.refers_back and not (event.actor or event.recipient) and any(e.mode == event.mode for e in same_type):
            continue
        if own.told_within and same_type:
            continue
        if _is_bare_toll(event):
            continue
        participants = _participants(event)
        if participants and any(facts[id(e)].lemma == lemma and _participants(e) == participants
                                for e in same_type):
            continue  # the same word, the same parties: told again
        if lemma in _KILLING and _named_people(event.recipient) & {
                n for e in same_type if facts[id(e)].lemma in _KILLING for n in _named_people(e.recipient)}:
            continue  # "X was killed ... confirmed X's killing": one can die only once
        kept.append(event)
    return kept


_PRONOUNS = frozenset({"i", "we", "me", "us", "he", "she", "it", "they", "him", "her", "them"})

def _answered_type(match: TriggerMatch, codebook: Codebook) -> str | None:
    """What the event's object refers back to, by the codebook's ``answers``: a claim type
    ("rejected the allegations": ACCUSE) or ACT ("called the ruling arbitrary")."""
    event_type = codebook.types[match.type]
    if not (event_type.responds or event_type.addresses_doer):
        return None
    head = match.head
    objects = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
    if head.dep_ == "relcl" and any(o.lower_ in ("that", "which") for o in objects):
        objects = [head.head]  # "a move that his lawyer called inhumane"
    for thing in objects:
        answered = codebook.answered_nouns.get(thing.lemma_.lower())
        if answered is not None:
            return answered
    return None


# What a rejection with no named addressee most likely answers, nearest first.
_ANSWERABLE = ("ACCUSE", "REQUEST", "THREATEN", "AGREE", "SANCTION")
_RESPONSE_WINDOW = 3  # sentences back


def _latest(earlier: list[Event], sentence_of: dict[int, int], here: int,
            accept: Callable[[Event], bool], window: int | None = None,
            not_by: frozenset[str] = frozenset()) -> Event | None:
    """The latest of ``earlier`` events with an actor that ``accept`` takes, at most ``window``
    sentences back, and not by any of ``not_by`` (lower-cased actor texts)."""
    for candidate in reversed(earlier):
        if window is not None and here - sentence_of[id(candidate)] > window:
            return None
        if candidate.actor and not {a.text.lower() for a in candidate.actor} & not_by and accept(candidate):
            return candidate
    return None


def _link_responses(events: list[Event], facts: dict[int, _TriggerFacts],
                    sentence_of: dict[int, int], codebook: Codebook) -> None:
    """An answer that names no one is addressed to whoever made the claim or did the act it
    answers: the actor of the latest earlier event of the answered type ("rejected the
    allegations", "supported the call"), or for an act, of the latest material event by someone
    else within a few sentences ("called the ruling arbitrary"). A rejection whose object says
    neither answers the latest accusation, demand, threat or offer by someone else within a few
    sentences ("The group denied involvement"). The recipient keeps the span of the words that
    named that actor."""
    for position, event in enumerate(events):
        event_type = codebook.types[event.type]
        if not (event_type.responds or event_type.addresses_doer) or event.recipient:
            continue
        answered = facts[id(event)].answered
        earlier, here = events[:position], sentence_of[id(event)]
        speakers = frozenset(a.text.lower() for a in event.actor)
        found = None
        if answered == STATE_ACT:
            # "rejected the budget": the government's, no one else being named.
            event.recipient = [Actor(text="the government", start=None, end=None, implicit=True)]
            continue
        if answered == ACT:
            found = _latest(earlier, sentence_of, here, lambda e: codebook.types[e.type].is_material,
                            _RESPONSE_WINDOW, speakers)
        elif answered is not None:
            found = _latest(earlier, sentence_of, here, lambda e: e.type == answered, None, speakers)
        if found is None and event_type.responds and answered in (None, ACT):
            found = _latest(earlier, sentence_of, here, lambda e: e.type in _ANSWERABLE,
                            _RESPONSE_WINDOW, speakers)
        if found is not None:
            event.recipient = [replace(a) for a in found.actor if not a.implicit]


def _held_party(match: TriggerMatch, codebook: Codebook) -> str | None:
    """For a demand to free someone ("called for Zamora's release"): who is to be freed, as
    written ("his" for "his release", "" when nobody says); None when the event demands no
    release."""
    if not codebook.types[match.type].addresses_holder:
        return None
    things = [c for c in match.head.children if c.dep_ == "dobj"]
    things += [p for c in match.head.children if c.dep_ == "prep" and c.lower_ == "for"
               for p in c.children if p.dep_ == "pobj"]
    for thing in things:
        if thing.lemma_.lower() not in codebook.custody_nouns:
            continue
        held = [c for c in thing.children if c.dep_ == "poss"] + [
            p for c in thing.children if c.dep_ == "prep" and c.lower_ == "of"
            for p in c.children if p.dep_ == "pobj"]
        return held[0].text if held else ""
    return None


def _link_holders(events: list[Event], facts: dict[int, _TriggerFacts], sentence_of: dict[int, int],
                  codebook: Codebook) -> None:
    """A demand to free someone that names no addressee goes to whoever holds them: the actor
    of the latest earlier event of the codebook's ``held_by`` type done to that person (to
    anyone, when the text says "his release")."""
    for position, event in enumerate(events):
        name = facts[id(event)].held
        if name is None or event.recipient:
            continue
        word = name.lower()

        def took(candidate: Event) -> bool:
            if candidate.type != codebook.held_by:
                return False
            if word in ("his", "her", "him"):  # one person: not "two protesters"
                return any(not r.text.lower().endswith("s") for r in candidate.recipient)
            return not word or word in ("their", "them") or any(
                word.split()[-1] in r.text.lower().split() for r in candidate.recipient)

        found = _latest(events[:position], sentence_of, sentence_of[id(event)], took,
                        not_by=frozenset(a.text.lower() for a in event.actor))
        if found is not None:
            event.recipient = [replace(a) for a in found.actor if not a.implicit]


def _share_coordinated_recipients(events: list[Event], facts: dict[int, _TriggerFacts]) -> None:
    """"Trump denied the request and asked instead for denuclearization": verbs joined by "and"
    with the same actor address the same party, when the second names none of its own."""
    by_trigger = {(facts[id(e)].sentence, facts[id(e)].token): e for e in events}
    for event in events:
        own = facts[id(event)]
        partner = by_trigger.get((own.sentence, own.joined_to)) if own.joined_to is not None else None
        if partner is None or event.recipient or not partner.recipient:
            continue
        if {a.text for a in partner.actor} == {a.text for a in event.actor}:
            event.recipient = [replace(a) for a in partner.recipient]


_CARRY_WINDOW = 2  # sentences back


def _carry_actors(events: list[Event], sentence_of: dict[int, int], codebook: Codebook) -> None:
    """A passive or nominal event that names no one ("12 protesters were killed") was most
    likely done by whoever did an event of the same type just before ("Soldiers opened fire on
    the crowd"). The actor keeps the span of the words that named it."""
    for position, event in enumerate(events):
        if event.actor or not codebook.types[event.type].is_material:
            continue
        found = _latest(events[:position], sentence_of, sentence_of[id(event)],
                        lambda e: e.type == event.type, _CARRY_WINDOW)
        if found is not None:
            event.actor = [replace(a) for a in found.actor]


# Verbs that only carry a nominal event: "ordered the arrest of", "launched an attack".
_CARRIER_VERBS = frozenset({"order", "impose", "announce", "launch", "carry", "conduct", "stage",
                            "mount", "begin", "start", "resume", "continue", "step", "intensify",
                            "wage", "unleash", "declare"})


def _drop_carrier_verbs(matches: list[TriggerMatch]) -> list[TriggerMatch]:
    nominal_heads = {m.head.i for m in matches if m.head.pos_ in ("NOUN", "PROPN")}
    kept = []
    for match in matches:
        head = match.head
        if head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in _CARRIER_VERBS and any(
                c.i in nominal_heads for c in head.children if c.dep_ in ("dobj", "nsubjpass")):
            continue
        kept.append(match)
    return kept


def clause_tense(head) -> str | None:
    """Present or past, read from the verb that carries the trigger and its auxiliaries
    ("calls on", "is calling for" -> present; "called", "has called" -> past)."""
    verb = head
    if head.pos_ in ("NOUN", "PROPN"):
        verb = head.head.head if head.head.pos_ == "ADP" else head.head
    # A reported clause takes its time from the reporting verb: "X says Y is needed".
    for token in (verb, verb.head if verb.dep_ in ("ccomp", "xcomp") else verb):
        tags = {token.tag_} | {c.tag_ for c in token.children if c.dep_ in ("aux", "auxpass")}
        lemmas = {c.lemma_.lower() for c in token.children if c.dep_ in ("aux", "auxpass")}
        if "have" in lemmas and "VBD" not in tags:
            return "past"  # present perfect: done before publication
        if tags & {"VBZ", "VBP"} and "will" not in lemmas:
            return "present"
        if tags & {"VBD"}:
            return "past"
    return None


def _is_content_of_other_trigger(match: TriggerMatch, verb_triggers: dict[int, str]) -> bool:
    """"called for the release", "seeks support", "urged them to seize": the word says what the
    other trigger's event is about, not an event of its own."""
    head = match.head
    if head.pos_ in ("NOUN", "PROPN"):
        if match.rule.possessor != "recipient" and any(c.dep_ == "poss" for c in head.children):
            return False  # "rejected Washington's call": the call has its own author
        governor = head.head
        if governor.pos_ == "ADP":
            governor = governor.head
    elif head.dep_ in ("xcomp", "ccomp") and head.pos_ in ("VERB", "AUX"):
        governor = head.head
    else:
        return False
    other = verb_triggers.get(governor.i)
    if other is None and governor.dep_ == "xcomp" and governor is not head \
            and governor.head.lemma_.lower() in OBJECT_CONTROL_VERBS:
        # "urged the government to open talks": the talks are what the urging asks for (but in
        # "seeks support to quash violence after the break with France" the break is not).
        other = verb_triggers.get(governor.head.i)
        governor = governor.head
    return other is not None and other != match.type and governor.i != head.i


def _depth(token) -> int:
    """Steps from the sentence root: the main clause tells the news, deeper clauses background."""
    steps = 0
    while token.head.i != token.i and steps < 50:
        token, steps = token.head, steps + 1
    return steps


def _one_per_type(events: list[Event], facts: dict[int, _TriggerFacts]) -> list[Event]:
    """One event per type per sentence: news sentences rarely report two of a kind, and gold
    records code the event, not each word that names it. Of equally confident triggers the one
    nearer the main clause wins ("Thailand, after arresting them in 2014, turned them over")."""
    best: dict[str, Event] = {}
    for event in events:
        kept = best.get(event.type)
        if kept is None:
            best[event.type] = event
            continue
        winner, loser = ((event, kept) if (event.confidence, -facts[id(event)].depth)
                         > (kept.confidence, -facts[id(kept)].depth) else (kept, event))
        if any(a.start <= loser.trigger.start < a.end for a in winner.actor):
            # "A drone strike by the RSF killed 12": the strike is the event, the verb tells
            # whom it hit; its subject is no actor.
            winner, loser = loser, winner
            loser.actor = []
        winner.actor = winner.actor or loser.actor
        winner.recipient = winner.recipient or loser.recipient
        best[event.type] = winner
    return sorted(best.values(), key=lambda e: e.trigger.start)


def _denied_by(match: TriggerMatch, codebook: Codebook):
    """The denial verb whose that-clause this trigger's event sits in, if any."""
    head = match.head
    if head.dep_ == "ccomp" and head.head.lemma_.lower() in codebook.factuality_cues.get("denial", ()):
        return head.head
    return None


def _link_denials(events: list[Event], sentence_of: dict[int, int]) -> list[Event]:
    """A negated event that echoes an earlier claim of the same type turns that claim into
    "denied" ("reports suggested the detention of X" ... "X has not been apprehended")."""
    kept: list[Event] = []
    for event in events:
        if event.factuality == "negated":
            here = sentence_of[id(event)]
            earlier = [e for e in kept if e.type == event.type and e.factuality in
                       ("reported", "asserted", "alleged") and 0 <= here - sentence_of[id(e)] <= 2]
            if earlier:
                claim = earlier[-1]
                claim.factuality = "denied"
                claim.factuality_cue = event.evidence
                continue
        kept.append(event)
    return kept


_NO_RESCORER = object()


def extract_events(analysed: AnalysedArticle, codebook: Codebook,
                   is_actor: Callable[["Span"], bool] = default_actor_test,
                   title: str | None = None, rescorer: "Rescorer | None | object" = _NO_RESCORER,
                   ) -> Extraction:
    """Events of one article. A sentence that repeats the title (or an earlier sentence) is
    skipped: headlines restate the story in a form the parser reads badly.

    Confidence comes from the rules' heuristic, or from a learned rescorer when the codebook
    names one (``rescorer: default`` or a path); ``rescorer`` overrides that (training uses it).
    """
    if rescorer is _NO_RESCORER:
        rescorer = None if codebook.rescorer in (None, "none") else load_rescorer(
            None if codebook.rescorer == "default" else codebook.rescorer)
    threshold = rescorer.threshold if rescorer is not None else codebook.min_confidence
    out = Extraction()
    events: list[Event] = []
    seen_sentences: set[str] = set()
    if title:
        _is_repeat(title, seen_sentences)
    facts: dict[int, _TriggerFacts] = {}
    for index, doc in sorted(analysed.parses.items()):
        sentence = analysed.sentences[index]
        for ent in doc.ents:
            if ent.label_ in ENTITY_LABELS:
                out.mentions.append(Mention(sentence.start + ent.start_char, sentence.start + ent.end_char,
                                            ent.text, ent.label_))
        if _is_repeat(sentence.text, seen_sentences):
            continue
        for event, match, features in _events_in_sentence(doc, sentence.start, sentence.text,
                                                          codebook, is_actor, index):
            if rescorer is not None:
                event.confidence = rescorer.probability(features)
            out.features[id(event)] = features
            out.sentence_index[id(event)] = index
            facts[id(event)] = _trigger_facts(match, codebook, index)
            events.append(event)
    events = _link_denials(events, out.sentence_index)
    out.candidates = list(events)
    # After linking: a negated report can deny a claim even though it is no event itself.
    events = [e for e in events if e.confidence >= threshold]
    _link_responses(events, facts, out.sentence_index, codebook)
    _link_holders(events, facts, out.sentence_index, codebook)
    _share_coordinated_recipients(events, facts)
    _carry_actors(events, out.sentence_index, codebook)
    events = _drop_repeat_mentions(events, facts)
    by_sentence: dict[int, list[Event]] = {}
    for event in events:
        by_sentence.setdefault(out.sentence_index[id(event)], []).append(event)
    events = [e for index in sorted(by_sentence) for e in _one_per_type(by_sentence[index], facts)]
    out.events = _drop_partyless_mentions(events, codebook)
    return out


def _drop_partyless_mentions(events: list[Event], codebook: Codebook) -> list[Event]:
    """An event naming no party at all, of a type the article tells elsewhere with its parties, is
    most likely that event mentioned again ("students marched on parliament ... the protests
    went on"); one of a type told nowhere else still says what the article reports, and a type
    that implies its actor (an arrest by the authorities) has a party anyway."""
    def named(event: Event) -> bool:
        return bool(event.actor or event.recipient or codebook.types[event.type].implicit_actor)
    told = {e.type for e in events if named(e)}
    kept: list[Event] = []
    for event in events:
        if named(event) or event.type not in told:
            kept.append(event)
            told.add(event.type)
    return kept


def _is_repeat(text: str, seen: set[str]) -> bool:
    """A headline repeated in the body, or a title line echoing another: code it once."""
    key = " ".join(text.lower().split())
    if key in seen:
        return True
    seen.add(key)
    return False


__all__ = ["extract_events", "Extraction", "Mention", "choose_mode", "contexts_for",
           "default_actor_test"]
