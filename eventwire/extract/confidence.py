"""The rules' confidence in a candidate event: the trigger's prior, raised by the arguments
found, lowered for background mentions, habits, running totals and events the text says may
not or did not happen. (A learned rescorer, extract/rescoring.py, may replace it.)"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.codebook import Codebook
from eventwire.extract.triggers import TriggerMatch

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

# Prepositions that put a nominal event in the background of another ("during talks").
_BACKGROUND_PREPOSITIONS = frozenset({"during", "after", "before", "amid", "since", "following",
                                      "despite", "ahead", "over", "about", "on", "in"})


# Gold records code what happened or was announced, never what might happen.
_UNCERTAIN = {"hypothetical": 0.35, "negated": 0.3}


def _is_habitual(head: "Token", cues: dict[str, frozenset[str]]) -> bool:
    """"mainly targets", "regularly escape when attacked", "continuous attacks", "a wave of
    kidnappings": what tends to happen, not one event a coder could date."""
    if head.pos_ in ("NOUN", "PROPN"):
        if any(c.dep_ == "amod" and c.lemma_.lower() in cues.get("habitual", ()) for c in head.children):
            return True
        if head.head.lower_ == "of" and head.head.head.lemma_.lower() in cues.get("many_of", ()):
            return True
    token, steps = head, 0
    while steps < 6:
        if any(c.dep_ == "advmod" and c.lemma_.lower() in cues.get("habitual", ()) for c in token.children):
            return True
        if token.head.i == token.i:
            break
        token, steps = token.head, steps + 1
    return False


def _is_entitlement(head: "Token", cues: dict[str, frozenset[str]]) -> bool:
    """"the right to protest", "the authority to arrest": what someone may do, not what was done."""
    return head.dep_ in ("acl", "xcomp", "relcl") and head.head.pos_ == "NOUN" \
        and head.head.lemma_.lower() in cues.get("entitlement", ()) \
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children)


def _is_generic_passive(head: "Token") -> bool:
    """"where opposition leaders are shot for speaking out": a simple present passive tells
    what happens to such people, not what happened to someone."""
    if head.pos_ not in ("VERB", "AUX") or head.tag_ != "VBN":
        return False
    auxes = [c for c in head.children if c.dep_ in ("aux", "auxpass")]
    return any(a.dep_ == "auxpass" and a.tag_ in ("VBZ", "VBP") for a in auxes) and not any(
        a.dep_ == "aux" for a in auxes) and not any(c.dep_ == "npadvmod" or c.ent_type_ in ("DATE", "TIME")
                                                      for c in head.subtree)


def _is_open_tally(head: "Token") -> bool:
    """"Since 2009, hundreds have been killed", "in the last 15 months ... have been killed": a
    running total (present perfect passive or progressive over years), no event of its own."""
    while head.pos_ in ("NOUN", "PROPN") and head.dep_ == "conj":
        head = head.head
    if head.pos_ in ("NOUN", "PROPN") and head.dep_ == "pobj" and head.head.head.pos_ in ("VERB", "AUX"):
        head = head.head.head  # "have been killed in suicide attacks": the attacks are the tally's
    if head.pos_ not in ("VERB", "AUX"):
        return False
    # Coordinated verbs share the auxiliary of the first and the span of the last ("has been
    # attacking and fighting troops since 2011").
    verbs = [head] + list(head.conjuncts)
    auxes = [c for v in verbs for c in v.children if c.dep_ in ("aux", "auxpass")]
    # "have been killed" (a toll) or "has been attacking" (a campaign); "have fought since 2022"
    # can still be told as one war.
    if not any(a.lemma_ == "have" and a.tag_ in ("VBP", "VBZ") for a in auxes) \
            or not any(a.lower_ == "been" for a in auxes):
        return False
    for prep in (c for v in verbs for c in v.children):
        if prep.dep_ != "prep":
            continue
        spans = [p for p in prep.children if p.dep_ == "pobj"]
        # "since February 1" is a dated campaign a coder can code; "since 2009" spans years.
        if prep.lower_ == "since" and any(p.like_num and len(p.text) == 4 for p in spans):
            return True
        if prep.lower_ in ("in", "over", "during", "for") and any(
                p.lemma_.lower() in _LONG_SPANS and any(g.lower_ in ("last", "past") for g in p.children)
                for p in spans):
            return True
    return False


_LONG_SPANS = frozenset({"month", "year", "decade"})


def heuristic_confidence(match: TriggerMatch, has_actor: bool, has_recipient: bool, factuality: str,
                         codebook: Codebook) -> float:
    """The rule's prior, raised by found arguments, lowered for background mentions, for habits
    and running totals, and for events the text says may not or did not happen."""
    head = match.head
    confidence = match.rule.confidence + (0.15 if has_actor else 0.0) + (0.05 if has_recipient else 0.0)
    nominal = head.pos_ in ("NOUN", "PROPN")
    if nominal and head.dep_ == "pobj" and head.head.lower_ in _BACKGROUND_PREPOSITIONS:
        confidence -= 0.15
    if nominal and not (has_actor or has_recipient):
        confidence -= 0.1  # "under U.S. sanctions": a standing state, no one doing anything
    if head.dep_ == "amod":
        confidence -= 0.2  # "the imprisoned publisher": a state, told as background
    elif head.dep_ in ("relcl", "acl") and not has_actor:
        confidence -= 0.05
    if head.dep_ == "advcl" and any(c.lower_ == "to" and c.dep_ == "aux" for c in head.children):
        confidence -= 0.15  # "in order to reinforce": a purpose, not an act
    if _is_habitual(head, codebook.factuality_cues):
        confidence -= 0.35
    if nominal and head.dep_ == "dobj" and head.head.lemma_.lower() in codebook.factuality_cues.get("in_force", ()):
        confidence -= 0.25
    if _is_generic_passive(head):
        confidence -= 0.25
    if _is_entitlement(head, codebook.factuality_cues):
        confidence -= 0.35
    if head.dep_ in ("csubj", "csubjpass") and head.tag_ == "VBG" \
            and not any(c.dep_ in ("nsubj", "poss") for c in head.children):
        confidence -= 0.25  # "expanding cooperation is dangerous": an activity judged, not one done
    if _is_open_tally(head):
        confidence -= 0.35
    confidence -= _UNCERTAIN.get(factuality, 0.0)
    # Rounded: sums of priors like 0.3 + 0.15 + 0.05 must meet a 0.5 threshold, not miss it by 1e-16.
    return round(min(max(confidence, 0.05), 0.95), 6)


__all__ = ["heuristic_confidence"]
