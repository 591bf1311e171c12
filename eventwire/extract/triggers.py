"""Find trigger words in a parsed sentence and decide which codebook rule each one fires."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from eventwire.codebook import Codebook, TriggerRule

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

# Entity labels under which a trigger word is part of a name, not an event ("Peace Corps").
_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "FAC", "WORK_OF_ART", "LAW", "PRODUCT"})
_OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "attr", "oprd", "dative"})


@dataclass
class TriggerMatch:
    rule: TriggerRule
    head: "Token"  # the token arguments hang from
    start: int  # token indices of the whole trigger (phrases span several)
    end: int

    @property
    def type(self) -> str:
        return self.rule.type


def _child_lemmas(token: "Token") -> set[str]:
    """Lemmas of the trigger's dependents, plus the next word: a preposition the parser hung
    elsewhere ("break with France" under a misparse) still belongs to the trigger."""
    lemmas = set()
    if token.i + 1 < len(token.doc):
        lemmas.add(token.doc[token.i + 1].lemma_.lower())
    for child in token.children:
        lemmas.add(child.lemma_.lower())
        if child.dep_ in ("prep", "agent", "dative") or child.dep_ in _OBJECT_DEPS:
            lemmas.update(g.lemma_.lower() for g in child.children if g.dep_ in ("pobj", "compound"))
        elif child.dep_ in ("advmod", "prt"):  # "ordered him back to prison"
            lemmas.update(p.lemma_.lower() for g in child.children if g.dep_ == "prep"
                          for p in g.children if p.dep_ == "pobj")
    return lemmas


def _object_prepositions(token: "Token") -> set[str]:
    """Prepositions the parser hung on the trigger's direct object rather than on the trigger
    ("asked Trump for relief"): enough to meet a `with` condition, never a `without` one."""
    return {g.lemma_.lower() for c in token.children if c.dep_ == "dobj"
            for g in c.children if g.dep_ == "prep"}


def _object_lemmas(token: "Token") -> set[str]:
    """Lemmas of what the trigger acts on: its object, a passive subject, an "of"/"on" object."""
    lemmas: set[str] = set()
    for child in token.children:
        if child.dep_ in _OBJECT_DEPS or child.dep_ == "nsubjpass":
            lemmas.add(child.lemma_.lower())
            lemmas.update(c.lemma_.lower() for c in child.children if c.dep_ in ("compound", "amod"))
            lemmas.update(c.lemma_.lower() for c in child.conjuncts)
        elif child.dep_ in ("prep",) and child.lower_ in ("of", "on", "against", "to"):
            lemmas.update(g.lemma_.lower() for g in child.children if g.dep_ == "pobj")
        elif child.dep_ in ("ccomp",) and child.lemma_ == "that":
            lemmas.add("that")
        elif child.dep_ == "mark" and child.lower_ == "that":
            lemmas.add("that")
    if token.dep_ in ("amod", "compound") and token.head is not None:
        lemmas.add(token.head.lemma_.lower())  # "the imposed sanctions"
    if any(c.dep_ == "ccomp" for c in token.children):
        lemmas.add("that")
    return lemmas


def _rule_applies(rule: TriggerRule, token: "Token") -> bool:
    if rule.with_deps and not any(c.dep_ in rule.with_deps for c in token.children):
        return False
    if rule.with_children or rule.without_children:
        children = _child_lemmas(token)
        if rule.with_children and not rule.with_children & (children | _object_prepositions(token)):
            return False
        if rule.without_children & children:
            return False
    if rule.objects and not rule.objects & _object_lemmas(token):
        return False
    if rule.not_objects:
        acted_on = _object_lemmas(token)
        if token.dep_ in ("acl", "relcl"):
            acted_on.add(token.head.lemma_.lower())  # "the report released by the committee"
        if rule.not_objects & acted_on:
            return False
    return True


def _best(rules: list[TriggerRule], token: "Token") -> TriggerRule | None:
    applicable = [r for r in rules if _rule_applies(r, token)]
    if not applicable:
        return None
    # A rule whose conditions were met says more than an unconditional one.
    return max(applicable, key=lambda r: (r.is_conditional, r.confidence))


def _is_verbal(token: "Token") -> bool:
    return token.pos_ in ("VERB", "AUX") or (token.pos_ == "ADJ" and token.tag_ == "VBN")


def _is_nominal(token: "Token") -> bool:
    return token.pos_ in ("NOUN", "PROPN")


def _phrase_head(doc: "Doc", start: int, end: int) -> "Token":
    """The token arguments hang from: the phrase's syntactic head, unless that is a preposition
    or particle ("in custody" -> custody, whose clause says who is held)."""
    span = doc[start:end]
    head = next((t for t in span if not (start <= t.head.i < end) or t.head.i == t.i), span.root)
    if head.pos_ in ("ADP", "PART"):
        content = [t for t in span if t.pos_ in ("NOUN", "PROPN", "VERB")]
        if content:
            return content[0]
    return head


def _match_phrases(doc: "Doc", codebook: Codebook) -> list[TriggerMatch]:
    matches = []
    lemmas = [t.lemma_.lower() for t in doc]
    for i, lemma in enumerate(lemmas):
        for rule in codebook.phrase_rules.get(lemma, ()):
            n = len(rule.lemmas)
            if tuple(lemmas[i:i + n]) == rule.lemmas:
                if n == 2 and doc[i + 1].pos_ in ("ADP", "PART", "ADV") and doc[i].pos_ != "VERB" \
                        and any(c.dep_ == "det" for c in doc[i].children):
                    # A particle verb needs its verb: "the upper hand over" is no handover, while
                    # "expressed concern about" is what it says.
                    continue
                head = _phrase_head(doc, i, i + n)
                if _rule_applies(rule, head):
                    matches.append(TriggerMatch(rule, head, i, i + n))
    return matches


def find_triggers(doc: "Doc", codebook: Codebook) -> list[TriggerMatch]:
    """Every trigger in the sentence; a phrase claims its words before single-word rules."""
    matches = _match_phrases(doc, codebook)
    covered = {i for m in matches for i in range(m.start, m.end)}
    for token in doc:
        if token.i in covered or token.ent_type_ in _NAME_LABELS:
            continue
        lemma = token.lemma_.lower()
        if _is_verbal(token):
            rules = codebook.verb_rules.get(lemma)
        elif _is_nominal(token):
            if token.dep_ == "compound":  # "aid workers", "protest leaders": a modifier, not an act
                continue
            rules = codebook.noun_rules.get(lemma)
        else:
            rules = None
        if not rules:
            continue
        rule = _best(rules, token)
        if rule is not None:
            matches.append(TriggerMatch(rule, token, token.i, token.i + 1))
    return sorted(matches, key=lambda m: m.start)
