"""Who acts and who is acted upon, read off the dependency parse around a trigger.

actor = agent (subject; "by X" in passives; a possessor or "by X" of a nominal trigger; the subject
of a light verb such as "launched an attack"); recipient = patient (object, passive subject,
"against X", "on X", "of X" after nominal triggers). Coordinated arguments become lists.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

    ActorTest = Callable[[Span], bool]

_SUBJECT_DEPS = ("nsubj", "csubj")
_PASSIVE_SUBJECT_DEPS = ("nsubjpass", "csubjpass")
_RECIPIENT_PREPS = frozenset({"against", "on", "upon", "at", "with", "to", "from", "toward", "towards"})
# Verbs that carry a nominal trigger: "launched an attack", "imposed a ban", "held talks".
_LIGHT_VERBS = frozenset({
    "carry", "launch", "conduct", "stage", "hold", "impose", "announce", "order", "make", "issue",
    "mount", "level", "file", "lodge", "voice", "express", "begin", "continue", "step", "intensify",
    "lead", "organize", "organise", "call", "give", "deliver", "provide", "offer", "sign", "seal",
    "reach", "strike", "broker", "wage", "unleash", "claim", "denounce", "reject", "have", "take",
    "pursue", "press", "renew", "repeat", "begin", "start", "end", "resume", "join", "host", "attend",
    "claim", "accept", "admit", "deny",
})
# Verbs whose subject goes on with its own act: "intensified their attacks" (but "rejected its
# offer" answers someone else's).
_OWN_ACT_VERBS = frozenset({"carry", "launch", "conduct", "stage", "mount", "begin", "start", "resume",
                            "continue", "step", "intensify", "escalate", "wage", "unleash", "expand"})
_SERIES_NOUNS = frozenset({"series", "wave", "spate", "string", "number", "round", "campaign",
                           "barrage", "volley", "flurry", "pair", "couple"})
# Going somewhere for a meeting makes the traveller a party to it: "flew to Paris for talks".
_TRAVEL_VERBS = frozenset({"travel", "fly", "go", "come", "arrive", "head", "return", "gather",
                           "meet", "convene", "visit", "stay", "leave"})
# Verbs whose subject tells of, judges or lives through an act it did not do: "Canberra cites air
# strikes", "officials mourned the killing of three soldiers", "rights groups documented abuses".
_WITNESS_VERBS = frozenset({
    "cite", "mourn", "recall", "remember", "witness", "document", "report", "describe", "recount",
    "investigate", "probe", "blame", "deplore", "regret", "fear", "see", "watch", "condemn",
    "criticize", "criticise", "decry", "oppose", "welcome", "praise", "hail", "discuss", "debate",
    "review", "examine", "record", "film", "commemorate", "mark", "highlight", "note", "mention",
    "detail", "survive", "flee", "lament", "protest"})
# Verbs whose subject suffers the nominal trigger: "Maiga faces judicial scrutiny".
_UNDERGOER_VERBS = frozenset({"face", "receive", "suffer", "undergo", "remain", "come", "be", "escape"})
# Verbs whose object, not subject, does what the complement says ("urged Beijing to act").
OBJECT_CONTROL_VERBS = frozenset({
    "urge", "ask", "call", "order", "force", "persuade", "allow", "encourage", "press", "request",
    "tell", "invite", "push", "pressure", "require", "compel", "permit", "instruct", "advise",
    "warn", "implore", "beg", "direct", "authorize", "authorise", "enable", "help", "lead"})
_RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
# "in an effort to pressure the U.S.": nouns of aiming that carry a purpose.
_AIM_NOUNS = frozenset({"effort", "bid", "attempt", "order", "push", "drive"})
# Never a compound modifier: when parsed as one ("granted him house arrest") it is an object.
_OBJECT_PRONOUNS = frozenset({"him", "her", "them", "us", "me"})
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "him", "her", "them", "you"})
# "its offer", "his release": a possessive pronoun marks a mention of an event told before, so
# it names an undergoer or an addressee ("rejected its offer"), never a new event's actor.
_POSSESSIVE_PRONOUNS = frozenset({"its", "his", "their"})
# Dependents that belong to the argument's phrase when its text is quoted.
_PHRASE_DEPS = frozenset({"det", "amod", "compound", "poss", "nummod", "quantmod", "nmod", "case",
                          "advmod", "npadvmod", "predet", "prep", "pobj", "flat", "neg"})


@dataclass
class ArgumentSpan:
    """A token range in the sentence Doc, and the head token that carries its meaning."""

    start: int
    end: int
    head: "Token"


def _phrase_bounds(token: "Token", depth: int = 0) -> tuple[int, int]:
    left, right = token.i, token.i + 1
    for child in token.children:
        if child.dep_ not in _PHRASE_DEPS:
            continue
        if child.dep_ == "prep" and (child.i < token.i or child.lower_ not in ("of", "from", "in", "to") or depth > 1
                                     or any(c.ent_type_ in ("DATE", "TIME") or _names_a_doing(c)
                                            for c in child.children)
                                     or (child.lower_ == "in" and token.pos_ == "PROPN")):
            continue  # "Police in Nairobi" names who; "a court in October" says when; "Xi in Geneva" where
        lo, hi = _phrase_bounds(child, depth + 1)
        left, right = min(left, lo), max(right, hi)
    return left, right


def argument_span(token: "Token") -> ArgumentSpan:
    """The words naming an argument: its noun phrase, without relative clauses or appositions."""
    start, end = _phrase_bounds(token)
    doc = token.doc
    while start < end and doc[start].is_punct:
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].dep_ == "case"
                           or (doc[end - 1].pos_ == "ADP" and doc[end - 1].dep_ == "prep")):
        end -= 1  # "Pyongyang's demand": the actor is Pyongyang; "the group of [killing]"
    if end <= start:  # only punctuation around the head: keep the head itself
        start, end = token.i, token.i + 1
    if end - start > 14:  # a runaway phrase: keep the compact core
        start, end = min(t.i for t in token.lefts if t.dep_ in ("compound", "amod", "det", "poss"))\
            if any(t.dep_ in ("compound", "amod", "det", "poss") for t in token.lefts) else token.i, token.i + 1
    return ArgumentSpan(start, end, token)


def _with_conjuncts(token: "Token") -> list["Token"]:
    return [token, *[c for c in token.conjuncts if c.i > token.i]]


def _names_a_doing(token: "Token") -> bool:
    """A gerund, however tagged: "killing", "looting" (not "king" or "wing")."""
    return token.tag_ == "VBG" or (token.pos_ == "NOUN" and len(token.text) > 5
                                   and token.lower_.endswith("ing"))


def _content_head(token: "Token") -> "Token":
    """For "dozens of soldiers" and "some of the rebels" the meaning sits in the "of" object."""
    if token.lemma_.lower() in ("dozen", "dozens", "hundred", "hundreds", "thousand", "thousands",
                                "some", "many", "several", "number", "group", "all", "most", "one",
                                "two", "three", "member", "members", "few") or token.like_num:
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    # "accuses the rebel group of killing": what it did, not who it is.
                    if pobj.dep_ == "pobj" and not _names_a_doing(pobj):
                        return pobj
    return token


def _named_by_apposition(noun: "Token") -> "Token":
    """The name a description stands beside: in "the Rapid Support Forces, the paramilitary group
    fighting Sudan's army" the one fighting is the named group."""
    if noun.dep_ != "appos" or noun.pos_ != "NOUN":
        return noun
    # The parser may hang the description on a noun further left ("A spokesman for the RSF, the
    # group fighting ..."); the name it stands beside is the one right before its comma.
    first = noun.left_edge.i
    if first >= 2 and noun.doc[first - 1].text == "," and noun.doc[first - 2].pos_ == "PROPN":
        return noun.doc[first - 2]
    return noun.head if noun.head.pos_ == "PROPN" else noun


def subject_of(verb: "Token", seen: int = 0) -> "Token | None":
    """The agent of a verb, climbing through control verbs, coordination and relative clauses."""
    if seen > 4:
        return None
    for child in verb.children:
        if child.dep_ in _SUBJECT_DEPS:
            if child.lower_ in _RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                return verb.head
            return child
    if seen and verb.dep_ != "conj" and any(c.dep_ == "xcomp" for c in verb.children):
        # Raised from a complement: "He is scheduled to travel", "troops were ordered to withdraw".
        for child in verb.children:
            if child.dep_ == "nsubjpass" and child.lower_ not in _RELATIVE_PRONOUNS:
                return child
    if verb.dep_ == "xcomp":
        # "urged Beijing to act": the object controls; "vowed to attack": the subject does.
        if verb.head.lemma_.lower() in OBJECT_CONTROL_VERBS:
            for child in verb.head.children:
                if child.dep_ in ("dobj",):
                    return child
        return subject_of(verb.head, seen + 1)
    if verb.dep_ in ("conj", "advcl") and verb.head.pos_ in ("VERB", "AUX"):
        return subject_of(verb.head, seen + 1)
    if verb.dep_ == "acomp":  # "he was inclined to approve": the subject of "was"
        return subject_of(verb.head, seen + 1)
    if verb.dep_ == "acl" and (verb.tag_ == "VBG" or _misread_main_verb(verb)):
        return _named_by_apposition(verb.head)  # "gunmen attacking the village"
    if verb.dep_ == "relcl":
        return _named_by_apposition(verb.head)
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ in ("VERB", "AUX"):
        # "In announcing the sanctions, Blinken said ...": the main clause's subject announces.
        return subject_of(verb.head.head, seen + 1)
    return None


def _agent_of(token: "Token") -> "Token | None":
    for child in token.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj
    return None


def _prep_objects(token: "Token", preps: frozenset[str]) -> list["Token"]:
    found = []
    for child in token.children:
        if child.dep_ in ("prep", "dative") and child.lower_ in preps:
            found.extend(p for p in child.children if p.dep_ == "pobj")
    return found


def _misread_main_verb(verb: "Token") -> bool:
    """The small model sometimes reads a plain sentence's verb as a modifier of the name before
    it ("Leavitt called the comments insulting" with "Leavitt" as the root). A verb hanging off
    a root noun is the main verb, and that noun its subject."""
    return verb.dep_ == "acl" and verb.tag_ in ("VBD", "VBN") and verb.head.dep_ == "ROOT" \
        and verb.head.pos_ in ("PROPN", "NOUN") and verb.head.i < verb.i


def _among_those(participle: "Token") -> list["Token"]:
    """"Among those detained was the party's deputy chairman": the one the sentence names."""
    group, among = participle.head, participle.head.head
    if group.dep_ == "pobj" and among.lower_ == "among" and among.head.lemma_.lower() == "be":
        return [c for c in among.head.children if c.dep_ in ("nsubj", "attr")]
    return []


def _reduced_passive(verb: "Token") -> bool:
    """"those detained", "people killed": a bare participle after its noun, which undergoes it."""
    return verb.dep_ == "acl" and _is_passive(verb) and not any(
        c.dep_ in _SUBJECT_DEPS or c.dep_ == "mark" for c in verb.children)


def _shares_passive(verb: "Token") -> bool:
    """"Rebels were neutralized or captured": the second participle shares the passive."""
    return verb.dep_ == "conj" and verb.tag_ == "VBN" and _is_passive(verb.head) and not any(
        c.dep_ in _SUBJECT_DEPS + _PASSIVE_SUBJECT_DEPS for c in verb.children)


def _stands_accused(verb: "Token") -> bool:
    """"Lai stands accused of sedition", "he remains detained": a participle after a linking verb."""
    return verb.dep_ in ("acomp", "oprd", "xcomp") and verb.tag_ == "VBN" \
        and verb.head.lemma_.lower() in ("stand", "remain", "sit", "lie")


def _is_passive(verb: "Token") -> bool:
    return _stands_accused(verb) or any(c.dep_ in _PASSIVE_SUBJECT_DEPS or c.dep_ == "auxpass" for c in verb.children) or (
        verb.dep_ == "acl" and verb.tag_ == "VBN" and not _misread_main_verb(verb)) or _shares_passive(verb)


def _clause_targets(verb: "Token") -> list["Token"]:
    """"warned that it will continue to exert pressure on Iran": the target deep in the clause."""
    found: list["Token"] = []
    for child in verb.children:
        if child.dep_ != "ccomp":
            continue
        chain = [child]
        while chain[-1] is not None and len(chain) < 4:
            chain.append(next((c for c in chain[-1].children if c.dep_ == "xcomp"), None))
        for clause_verb in filter(None, chain):
            found.extend(_prep_objects(clause_verb, frozenset({"against", "on", "upon"})))
            for thing in clause_verb.children:  # "exert pressure on Iran"
                if thing.dep_ == "dobj":
                    found.extend(_prep_objects(thing, frozenset({"against", "on", "upon"})))
    return found


def _shared_objects(verb: "Token") -> list["Token"]:
    """"killed and injured 1,000 fighters": the object parsed under the second verb is both's."""
    for child in verb.children:
        if child.dep_ == "conj" and child.pos_ == "VERB" and not any(
                c.dep_ in _SUBJECT_DEPS for c in child.children):
            objects = [c for c in child.children if c.dep_ == "dobj"]
            if objects:
                return objects
    return []


def _clause_subjects(verb: "Token") -> list["Token"]:
    """"demanded that Ottawa drop its tariffs", "alleged the military was behind the rigging":
    the one the complement clause is about."""
    found = []
    for child in verb.children:
        if child.dep_ == "ccomp":
            found.extend(c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")
                         and c.lower_ not in _RELATIVE_PRONOUNS)
    return found


def _purpose_objects(verb: "Token") -> list["Token"]:
    """"sent soldiers into Somalia to combat the militant group", "conducted tests in an effort
    to pressure the U.S.": whom the purpose acts on."""
    clauses = [c for c in verb.children if c.dep_ in ("advcl", "xcomp")]
    clauses += [a for aim in _prep_objects(verb, frozenset({"in"})) if aim.lemma_.lower() in _AIM_NOUNS
                for a in aim.children if a.dep_ == "acl"]
    found: list["Token"] = []
    for clause in clauses:
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
            found.extend(c for c in clause.children if c.dep_ == "dobj")
            found.extend(_prep_objects(clause, frozenset({"against", "on", "upon"})))
    return found


def _elaboration_targets(verb: "Token") -> list["Token"]:
    """"intensified attacks, inflicting heavy casualties on government forces": a participle
    that goes on to tell what the act did names whom it hit."""
    found: list["Token"] = []
    for clause in verb.children:
        if clause.dep_ == "advcl" and clause.tag_ == "VBG" and clause.i > verb.i \
                and clause.lemma_.lower() not in ("say", "add", "tell", "cite", "note", "call", "describe") \
                and not any(c.dep_ in ("nsubj", "mark", "aux") for c in clause.children):
            for thing in clause.children:
                if thing.dep_ == "dobj" and thing.lower_ not in _PRONOUNS:  # "calling it unfair"
                    found.append(thing)
                    found.extend(_prep_objects(thing, frozenset({"on", "against", "among"})))
            found.extend(_prep_objects(clause, frozenset({"on", "against"})))
    return found


def verb_arguments(verb: "Token", clause_recipient: bool = False, purpose_target: bool = False,
                   answers: bool = False) -> tuple[list["Token"], list[list["Token"]]]:
    """The verb's actors, and its candidate recipients in tiers, nearest reading first: the
    first tier holding a political entity wins ("shipped containers to Russia": not the
    containers but Russia). ``purpose_target``: what a purpose clause acts on comes first, and
    the forces moved are no recipient ("troops were deployed to push back the rebels")."""
    actors: list["Token"] = []
    tiers: list[list["Token"]] = []
    purpose = _purpose_objects(verb) if purpose_target else []
    if purpose:
        tiers.append(purpose)
    if _is_passive(verb):
        agent = _agent_of(verb)
        if agent is not None:
            actors.append(agent)
        subjects = [c for c in verb.children if c.dep_ in _PASSIVE_SUBJECT_DEPS]
        if _stands_accused(verb):
            subjects = [c for c in verb.head.children if c.dep_ in _SUBJECT_DEPS]
        elif verb.dep_ == "relcl" and all(c.lower_ in _RELATIVE_PRONOUNS for c in subjects):
            subjects = [verb.head]  # "Galizia, who was killed in 2017"
        elif not subjects and verb.dep_ == "acl":  # "soldiers accused of plotting"
            subjects = _among_those(verb) or [verb.head]
        elif not subjects and _shares_passive(verb):
            subjects = [c for c in verb.head.children if c.dep_ in _PASSIVE_SUBJECT_DEPS]
            agent = agent or _agent_of(verb.head)
            if agent is not None and not actors:
                actors.append(agent)
        if purpose and not actors:
            actors.extend(subjects)  # the forces sent are the side acting
        else:
            tiers.append(subjects)
    else:
        subject = subject_of(verb)
        if subject is not None:
            actors.append(subject)
        tiers.append([c for c in verb.children
                      if c.dep_ in ("dobj", "dative") and c.lower_ not in _RELATIVE_PRONOUNS])
        # "called Canada one of the worst offenders": the small model reads Canada as a predicate.
        tiers.append([c for c in verb.children if c.dep_ == "oprd"][:1])
        if not any(c.dep_ == "dobj" for c in verb.children):
            tiers.append(_shared_objects(verb))
        tiers.append(_prep_objects(verb, _RECIPIENT_PREPS))
        if verb.pos_ == "ADJ":  # "seriously concerned about Iran's enrichment"
            tiers.append(_prep_objects(verb, frozenset({"about", "over"})))
        # "threatened to use force against North Korea": the target sits in the complement, and
        # "threatened to break their cease-fire with international forces" the other party; and
        # "was ready to support Kenya's government", the complement of the adjective.
        complements = [c for c in verb.children if c.dep_ == "xcomp"] + [
            x for a in verb.children if a.dep_ == "acomp" for x in a.children if x.dep_ == "xcomp"]
        for child in complements:
            tiers.append(_prep_objects(child, frozenset({"against", "on", "upon"}))
                         + [c for c in child.children if c.dep_ == "dobj"])
            tiers.append([p for d in child.children if d.dep_ == "dobj"
                          for p in _prep_objects(d, frozenset({"with"}))]
                         + _prep_objects(child, frozenset({"with"})))
        if clause_recipient:
            # "warned that it would respond": a pronoun there is most often the speaker again.
            tiers.append([t for t in _clause_subjects(verb) if t.lower_ not in _PRONOUNS])
            tiers.append(_clause_targets(verb))
        if any(c.dep_ == "dobj" and c.lower_ in ("which", "that") for c in verb.children):
            if verb.dep_ == "relcl":  # "the village, which rebels attacked"; "the claims, which..."
                tiers.append([verb.head])
                if answers:  # "described it in a report, which Moscow denied": the report's teller
                    tiers.append([s for s in [_governing_subject(verb.head, through_objects=True)] if s is not None])
            elif verb.dep_ == "advcl" and verb.head.pos_ in ("VERB", "AUX"):
                # "Experts detailed the transfers in a report - which Moscow denied": what is
                # answered is the whole clause, told by its subject.
                tiers.append([s for s in [subject_of(verb.head)] if s is not None])
        tiers.append(_elaboration_targets(verb))
        if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX") \
                and not any(c.dep_ in _SUBJECT_DEPS for c in verb.children):  # the same party acts on
            tiers.append(_companions(verb.head))
    return actors, [tier for tier in tiers if tier]


def _companions(verb: "Token") -> list["Token"]:
    """"had dinner with the president and discussed the dispute", "had the chance to have dinner
    with him, discuss ...": whom the first act was with, for the act coordinated with it."""
    found = _prep_objects(verb, frozenset({"with"}))
    for thing in verb.children:
        if thing.dep_ == "dobj":
            found += _prep_objects(thing, frozenset({"with"}))
            for clause in thing.children:
                if clause.dep_ == "acl":
                    found += _prep_objects(clause, frozenset({"with"}))
    return found


def noun_arguments(noun: "Token", possessor_undergoes: bool = False, of_acts: bool = False,
                   purpose_target: bool = False, material: bool = False) -> tuple[list["Token"], list["Token"]]:
    """Arguments of a nominal trigger. ``possessor_undergoes``: for nouns such as release or
    detention the possessor is the one it happens to ("Lai's release"), not the agent."""
    actors: list["Token"] = []
    recipients: list["Token"] = []
    possessors = [c for c in noun.children if c.dep_ == "poss"]
    # "Boko Haram's abduction of 276 schoolgirls": with an "of" object the possessor acts again.
    if possessor_undergoes and not _prep_objects(noun, frozenset({"of"})):
        recipients.extend(possessors)
        possessors = []
    # "its Security Council veto": the possessor acts; a name-modifier only when there is none.
    actors.extend(possessors or [c for c in noun.children if c.dep_ in ("compound", "amod", "nmod")
                                 and c.ent_type_ in ("GPE", "NORP", "ORG", "PERSON")])
    agent = _agent_of(noun)
    if agent is not None:
        actors.append(agent)
    noun_preps = frozenset({"of", "against", "on", "upon", "with", "to", "at"})
    if of_acts:  # "the backing of India": India backs
        actors.extend(_prep_objects(noun, frozenset({"of"})))
        noun_preps = noun_preps - {"of"}
    recipients.extend(_prep_objects(noun, noun_preps))
    if not recipients and noun.i + 1 < len(noun.doc) and noun.doc[noun.i + 1].lower_ in ("about", "over"):
        # "concern about Iran's enrichment", "concerns over China's build-up": what the concern
        # is about, and through it whose doing.
        recipients.extend(_prep_objects(noun, frozenset({"about", "over"})))
    following = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
    if not recipients and following is not None and following.pos_ == "ADP" \
            and following.lower_ in noun_preps and following.head is not noun:
        # "a break with France" with the preposition misattached to an earlier verb.
        recipients.extend(c for c in following.children if c.dep_ == "pobj")
    governor = noun.head
    if noun.dep_ == "pobj" and governor.lower_ == "of" and governor.head.lemma_.lower() in _SERIES_NOUNS:
        # "carried out a series of airstrikes": the airstrikes are what was carried out.
        noun = governor.head
        governor = noun.head
    if noun.dep_ == "dobj" and not recipients:
        # "granted him house arrest", "gave Ukraine new aid": the one given to.
        recipients.extend(c for c in governor.children if c.dep_ in ("dative", "iobj"))
        recipients.extend(c for c in noun.children if c.dep_ == "compound" and c.lower_ in _OBJECT_PRONOUNS)
    if noun.dep_ in ("dobj", "pobj", "attr", "nsubjpass") and governor.pos_ in ("VERB", "AUX", "ADP"):
        verb = governor.head if governor.pos_ == "ADP" else governor
        if verb.pos_ == "NOUN" and verb.lemma_.lower() == "responsibility":
            verb = verb.head  # "claimed responsibility for the attack": the claimant did it
        lemma = verb.lemma_.lower()
        if lemma in _UNDERGOER_VERBS:
            subject = subject_of(verb)
            if subject is not None:
                recipients.insert(0, subject)
        elif (not actors or (lemma in _OWN_ACT_VERBS and all(a.lower_ in _POSSESSIVE_PRONOUNS for a in actors))) \
                and (lemma in _LIGHT_VERBS or (noun.dep_ == "dobj" and not (material and lemma in _WITNESS_VERBS))
                             or (lemma in _TRAVEL_VERBS and governor.lower_ == "for")):
            subject = subject_of(verb)
            if subject is not None:
                actors.append(subject)
    elif noun.dep_ == "nsubj" and governor.tag_ == "VBG" and governor.dep_ == "ccomp" \
            and governor.head.lemma_.lower() in _LIGHT_VERBS:
        # "China conducted the drills encircling Taiwan", misread as a clause "drills encircling
        # Taiwan": the drills are what was conducted, around what the participle names.
        if not actors:
            subject = subject_of(governor.head)
            if subject is not None:
                actors.append(subject)
        if not recipients:
            recipients.extend(c for c in governor.children if c.dep_ == "dobj")
    elif noun.dep_ in ("nsubj",) and not recipients:
        # "Boko Haram's attack killed" is handled by poss; "the attack targeted X" gives X.
        for child in governor.children:
            if child.dep_ == "dobj":
                recipients.append(child)
    carrier = governor if noun.dep_ == "dobj" else governor.head if noun.dep_ == "pobj" else None
    if not recipients and carrier is not None and carrier.pos_ in ("VERB", "AUX"):
        # "conducted missile tests in an effort to pressure the U.S.", "intensified attacks,
        # inflicting casualties on government forces": told by the verb carrying the noun.
        recipients.extend((_purpose_objects(carrier) if purpose_target else []) + _elaboration_targets(carrier))
    return actors, recipients


def _is_named(token: "Token") -> bool:
    """A proper name, or a common noun headed by one ("the EU bloc")."""
    return token.pos_ == "PROPN" or bool(token.ent_type_) or any(
        c.dep_ == "compound" and (c.pos_ == "PROPN" or c.ent_type_) for c in token.children)


def _named_members(token: "Token") -> list["Token"]:
    """"officials including Gen Dembele and Gen Sagara": the named members count too."""
    members: list["Token"] = []
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("including", "like", "notably"):
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    # "IS members, including two women": an unnamed subset adds no one new.
                    members.extend(m for m in _with_conjuncts(pobj) if _is_named(m))
    return members


def _expand(tokens: list["Token"]) -> list["Token"]:
    out: list["Token"] = []
    for token in tokens:
        for t in _with_conjuncts(token):
            t = _content_head(t)
            for member in [t, *_named_members(t)]:
                if member not in out:
                    out.append(member)
    return out


def _inner_parties(token: "Token", possessor_addressee: bool, depth: int = 0) -> list["Token"]:
    """Who a thing belongs to or comes from, nearest reading first: "the allegations made by
    Pakistan", "his summit with Kim", "its offer", and a level or two down, "an end to a fight
    over spirits between the U.S. and Europe". A possessive pronoun counts only for an answer
    to someone else ("rejected its offer"); elsewhere it is mostly the actor's own ("retracted
    his statement")."""
    agent = _agent_of(token)
    direct = ([agent] if agent is not None else []) \
        + _prep_objects(token, frozenset({"from", "of", "against", "with", "between"})) \
        + [c for c in token.children if c.dep_ == "poss"
           and (possessor_addressee or c.lower_ not in _POSSESSIVE_PRONOUNS)]
    if depth >= 2:
        return direct
    return direct + [party for thing in _prep_objects(token, frozenset({"of", "over", "to", "on", "about"}))
                     for party in _inner_parties(thing, possessor_addressee, depth + 1)]


def _accepted_recipients(tokens: list["Token"], is_accepted: "ActorTest",
                         possessor_addressee: bool = False) -> list[ArgumentSpan]:
    recipients = []
    for token in _expand(tokens):
        if token.is_punct:
            continue
        span = argument_span(token)
        if is_accepted(token.doc[span.start:span.end]):
            recipients.append(span)
            continue
        # "rejected the allegations made by Pakistan": the entity sits inside the phrase.
        for inner in _inner_parties(token, possessor_addressee):
            inner_span = argument_span(inner)
            if is_accepted(token.doc[inner_span.start:inner_span.end]):
                recipients.append(inner_span)
                break
    return recipients


def coordinated_owners(argument: ArgumentSpan) -> list[ArgumentSpan]:
    """"Cameroon and C.A.R. officials met": officials of two sides. The whole phrase stands for
    the first side (its head says what they are), each further modifier for another side; empty
    when the phrase names one side."""
    for child in argument.head.children:
        if child.dep_ in ("nmod", "compound", "amod") and child.i < argument.head.i \
                and child.ent_type_ in ("GPE", "NORP", "ORG") and child.conjuncts:
            others = [c for c in child.conjuncts if c.i > child.i]
            return [argument, *[ArgumentSpan(side.left_edge.i, side.i + 1, side) for side in others]]
    return []


def _governing_subject(head: "Token", through_objects: bool = False) -> "Token | None":
    """Who acts when the trigger's own subject is no political actor: "Abubakar said the
    initiative aims to ... and urged counterparts to ..." (the sayer urges); "Pyongyang issued a
    series of warnings demanding that ..." (who issued them demands). ``through_objects``: the
    subject of the verb a noun is the object of ("described it in a report")."""
    if head.dep_ == "conj" and head.head.dep_ == "ccomp":
        return subject_of(head.head.head)
    if head.dep_ == "acl" or through_objects:
        governor = head.head
        for _ in range(4):
            if governor.pos_ in ("VERB", "AUX") or governor.dep_ not in ("dobj", "pobj", "prep", "attr"):
                break
            governor = governor.head
        return subject_of(governor) if governor.pos_ in ("VERB", "AUX") else None
    return None


def _accepted_actors(tokens: list["Token"], is_accepted: "ActorTest") -> list[ArgumentSpan]:
    spans = [argument_span(t) for t in _expand(tokens)
             if t.lower_ not in _POSSESSIVE_PRONOUNS and not t.is_punct]
    return [a for a in spans if a.head.lower_ in _PRONOUNS or is_accepted(a.head.doc[a.start:a.end])]


def arguments(head: "Token", is_accepted: "ActorTest", possessor_undergoes: bool = False,
              clause_recipient: bool = False, possessor_addressee: bool = False,
              of_acts: bool = False, purpose_target: bool = False, material: bool = False
              ) -> tuple[list[ArgumentSpan], list[ArgumentSpan]]:
    """Actor and recipient spans for a trigger; recipients must look like political entities.
    ``clause_recipient``: for accusations, demands and threats, the subject of the complement
    clause is the recipient when nothing nearer is ("alleged that the military rigged...").
    ``material``: the trigger names a deed (an attack, an arrest), which whoever only tells of it
    did not do ("Canberra cites air strikes")."""
    if head.pos_ in ("NOUN", "PROPN"):
        actor_tokens, recipient_tokens = noun_arguments(head, possessor_undergoes, of_acts, purpose_target,
                                                        material)
        tiers = [recipient_tokens]
    else:
        actor_tokens, tiers = verb_arguments(head, clause_recipient, purpose_target, possessor_addressee)
    actors = _accepted_actors(actor_tokens, is_accepted)
    if not actors and not _reduced_passive(head):
        subject = _governing_subject(head)
        if subject is not None:
            actors = _accepted_actors([subject], is_accepted)
    actor_heads = {a.head.i for a in actors}
    for tier in tiers:
        recipients = [r for r in _accepted_recipients(tier, is_accepted, possessor_addressee)
                      if r.head.i not in actor_heads]
        if recipients:
            return actors, recipients
    return actors, []


def is_pronoun(token: "Token") -> bool:
    return token.lower_ in _PRONOUNS
