"""How certain the text is that an event happened, and on whose word.

Reads cue words and the parse: reporting verbs ("X said", "X told AFP"), "according to X",
"citing X", hedges (reportedly, allegedly), accusation frames ("accused of"), negation, future and
conditional markers. A speaker who is the event's own actor makes a statement, not a report
("Beijing denies the allegations" is asserted).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from eventwire.codebook import Codebook

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

# Event types whose meaning is already about the future (a promise, a threat): "will" is no cue.
_INTRINSICALLY_FUTURE = frozenset({"AGREE", "THREATEN", "REQUEST"})
_CLAUSE_LINKS = frozenset({"ccomp", "xcomp", "conj", "advcl", "pcomp", "pobj", "prep", "dobj",
                           "acl", "relcl", "nsubj", "nsubjpass", "attr", "appos", "oprd"})


@dataclass
class FactualityReading:
    factuality: str = "asserted"
    cue: "Token | None" = None
    source: "Token | None" = None  # head of the attributed source's phrase
    negated: bool = False
    speaker: "Token | None" = None  # who is quoted, even when it is the actor (resolves "I", "we")


def _clause_head(token: "Token") -> "Token":
    """The verb a nominal trigger belongs to ("imposed a ban" -> imposed)."""
    if token.pos_ in ("NOUN", "PROPN") and token.dep_ in ("dobj", "pobj", "nsubjpass", "attr", "nsubj"):
        head = token.head
        if head.pos_ == "ADP":
            head = head.head
        if head.pos_ in ("VERB", "AUX"):
            return head
    return token


def _ancestors_within_sentence(token: "Token") -> list["Token"]:
    chain = []
    current = token
    while current.head is not current and len(chain) < 8:
        chain.append(current)
        current = current.head
    chain.append(current)
    return chain


def _has_child(token: "Token", deps: tuple[str, ...], words: frozenset[str]) -> "Token | None":
    for child in token.children:
        if child.dep_ in deps and (child.lower_ in words or child.lemma_.lower() in words):
            return child
    return None


# "does not want to meet", "refused"-like frames: negating the governing verb negates the event.
_CONTROL_VERBS = frozenset({"want", "plan", "intend", "agree", "try", "seek", "wish", "expect",
                            "hope", "need", "decide", "dare", "mean", "going", "be", "have"})


def _negation(token: "Token") -> "Token | None":
    targets = {token, _clause_head(token)}
    clause = _clause_head(token)
    if clause.dep_ == "xcomp" and clause.head.lemma_.lower() in _CONTROL_VERBS:
        targets.add(clause.head)
    for target in targets:
        neg = _has_child(target, ("neg",), frozenset({"not", "n't", "never", "no"}))
        if neg is not None:
            return neg
    if token.pos_ in ("NOUN", "PROPN"):
        return _has_child(token, ("det",), frozenset({"no"}))
    return None


def _source_phrase(doc: "Doc", codebook: Codebook) -> "Token | None":
    """"according to X", "citing X", "attributed to X": the head of X."""
    for token in doc:
        low = token.lower_
        if low == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            to = doc[token.i + 1]
            for child in list(to.children) + list(token.children):
                if child.dep_ == "pobj":
                    return child
        if low == "citing" or (low == "cited" and token.dep_ != "amod"):
            for child in token.children:
                if child.dep_ == "dobj":
                    return child
        if low == "attributed":
            for prep in token.children:
                if prep.lower_ == "to":
                    for child in prep.children:
                        if child.dep_ == "pobj":
                            return child
    return None


def reporting_speaker(trigger: "Token", codebook: Codebook) -> tuple["Token | None", "Token | None"]:
    """(reporting verb, its subject) when the trigger sits in the complement of a reporting verb."""
    verbs = codebook.reporting_verbs
    for node in _ancestors_within_sentence(trigger)[1:]:
        if node.lemma_.lower() in verbs and node.pos_ in ("VERB", "AUX"):
            for child in node.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    return node, child
            return node, None
    return None, None


def _aimed_at_by(trigger: "Token", cues: dict[str, frozenset[str]]) -> "Token | None":
    """The verb whose aim the trigger is ("to secure his release", "seeking the release of")."""
    node = trigger
    if node.dep_ == "pobj" and node.head.lower_ in ("for", "toward", "towards"):
        node = node.head
    if node.dep_ not in ("dobj", "xcomp", "prep"):
        return None
    governor = node.head
    lemma = governor.lemma_.lower()
    if lemma in cues.get("goal", frozenset()):
        return governor
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in governor.children)
    if lemma in cues.get("goal_if_infinitive", frozenset()) and (infinitive or governor.tag_ == "VBG"):
        return governor
    return None


# "must stop killing", "should use sanctions": what ought to happen has not, like what may.
_SPECULATIVE_MODALS = frozenset({"could", "might", "may", "must", "should"})


def _speculative_modal(clause: "Token") -> "Token | None":
    """A could/might/may (or an "if") on the trigger's clause or on the verbs it is coordinated
    with or serves as complement of, within one clause (no hop into a reporting verb)."""
    node = clause
    for _ in range(4):
        modal = _has_child(node, ("aux",), _SPECULATIVE_MODALS)
        if modal is not None and _has_child(node, ("aux",), frozenset({"have", "be"})):
            # "might be facing arrest", "may have killed": unsure of a present or past fact,
            # a hedged report rather than speculation about what may come.
            return None
        if modal is None and node is not clause:
            # "if it changes course or tests more missiles": the condition covers both verbs.
            modal = _has_child(node, ("mark",), frozenset({"if", "unless"}))
        if modal is not None:
            return modal
        if node.dep_ not in ("conj", "xcomp") or node.head is node:
            return None
        node = node.head
    return None


def read_factuality(trigger: "Token", type_name: str, actor_heads: list["Token"],
                    codebook: Codebook) -> FactualityReading:
    cues = codebook.factuality_cues
    reading = FactualityReading()
    clause = _clause_head(trigger)

    neg = _negation(trigger)
    if neg is not None:
        return FactualityReading("negated", neg, None, negated=True)
    goal = _aimed_at_by(trigger, cues)
    if goal is not None:
        return FactualityReading("hypothetical", goal)

    for target in {trigger, clause}:
        mark = _has_child(target, ("mark",), cues.get("hypothetical", frozenset()))
        if mark is not None:
            return FactualityReading("hypothetical", mark)

    # "If you are seen in the forest, you can be killed", "if they are sincere, they must stop
    # attacking": the condition hangs off the clause or the verb that governs the trigger.
    # A conditional promise or offer ("would meet if there is a prospect") is still made.
    if type_name in codebook.types and codebook.types[type_name].is_material:
        governors = [clause] + [t for t in _ancestors_within_sentence(clause)[1:3]
                                if t.pos_ in ("VERB", "AUX")]
        for governor in governors:
            for condition in (c for c in governor.children if c.dep_ == "advcl"):
                mark = _has_child(condition, ("mark",), frozenset({"if", "unless"}))
                if mark is not None:
                    return FactualityReading("hypothetical", mark)

    # "critics say the deal could threaten the base", "rebels may regroup and attack again":
    # speculation is no report of an event, whoever voices it. The modal may sit on a verb the
    # trigger is coordinated with or is the complement of ("may have to consider ... or ask").
    modal = _speculative_modal(clause)
    if modal is not None:
        return FactualityReading("hypothetical", modal)

    alleged = cues.get("alleged", frozenset())
    for target in {trigger, clause}:
        hedge = _has_child(target, ("advmod", "amod"), alleged)
        if hedge is not None:
            reading = FactualityReading("alleged", hedge)
    # "accused of plotting", "charged with": the accusation's content is alleged.
    for node in _ancestors_within_sentence(trigger)[1:4]:
        if node.lemma_.lower() in ("accuse", "accusation", "charge", "allege", "allegation", "suspect"):
            if type_name != "ACCUSE":
                reading = FactualityReading("alleged", node)
            break

    if type_name not in _INTRINSICALLY_FUTURE and reading.factuality == "asserted":
        future_aux = {"will", "shall", "'ll", "wo"}
        if reporting_speaker(trigger, codebook)[0] is not None:
            future_aux.add("would")  # "said it would deploy": future in reported speech
        for target in {trigger, clause}:
            aux = _has_child(target, ("aux",), frozenset(future_aux))
            if aux is not None:
                reading = FactualityReading("future", aux)
                break
        if reading.factuality == "asserted" and _source_phrase(trigger.doc, codebook) is None \
                and reporting_speaker(trigger, codebook)[0] is None:
            # A hedge inside someone's report stays their report ("reports say 50 might face arrest").
            modal = _has_child(clause, ("aux",), frozenset({"could", "might"}))
            if modal is not None:
                reading = FactualityReading("hypothetical", modal)

    # "plans to urge", "is set to sign": not done yet, even for a request or a promise, whose
    # "will" is part of what is said rather than a time.
    if reading.factuality == "asserted" and clause.dep_ == "xcomp":
        if clause.head.lemma_.lower() in cues.get("future", frozenset()):
            reading = FactualityReading("future", clause.head)

    hedge = None
    for target in {trigger, clause}:
        hedge = hedge or _has_child(target, ("advmod",), cues.get("reported", frozenset()))
    verb, speaker = reporting_speaker(trigger, codebook)
    source = _source_phrase(trigger.doc, codebook)
    if source is None and speaker is not None:
        source = speaker
    actor_indices = {t.i for t in actor_heads}
    pronouns = ("he", "she", "it", "they", "we", "i")
    # A speaker telling of its own statement makes it (asserted); telling of its own material act
    # ("the army said it killed 33 militants") is still a claim that needs a source.
    material = codebook.types[type_name].is_material if type_name in codebook.types else False
    speaker_is_actor = source is not None and not (material and verb is not None) and (
        source.i in actor_indices or (source.lower_ in pronouns and actor_indices)
        or any(a.lower_ in pronouns or a.lower_ == source.lower_ for a in actor_heads))
    if source is not None and not speaker_is_actor:
        if reading.factuality == "asserted":
            reading = FactualityReading("reported", verb or source, source)
        else:
            reading.source = source
    elif hedge is not None and reading.factuality == "asserted":
        reading = FactualityReading("reported", hedge)
    reading.speaker = source
    return reading
