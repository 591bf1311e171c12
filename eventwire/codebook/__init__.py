"""The codebook: PLOVER types, modes, contexts, trigger lexicon and cue words, loaded from YAML.

The packaged ``plover.yaml`` is the default; users pass their own files, merged over it
(``load_codebook(["mine.yaml"])``). Nothing here knows about spaCy: it only turns data into
lookup tables the extractor can use.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
import re
from typing import Any, Iterable

import yaml

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

DEFAULT_CONFIDENCE = {"verb": 0.6, "noun": 0.5, "phrase": 0.6}


class _CodebookLoader(yaml.SafeLoader):
    """YAML without 1.1's "on"/"off"/"yes"/"no" booleans: "call on" must stay a word."""


_CodebookLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
for _first in "tTfF":
    _CodebookLoader.yaml_implicit_resolvers.setdefault(_first, []).insert(
        0, ("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")))


def read_yaml_text(text: str) -> Any:
    """Parse codebook-style YAML (also used for the lexicons)."""
    return yaml.load(text, Loader=_CodebookLoader)  # noqa: S506 - a SafeLoader subclass


class CodebookError(ValueError):
    """A codebook file that cannot be used, with the file and the reason."""


@dataclass(frozen=True)
class TriggerRule:
    """One way a type can be signalled: a verb, a noun, or a multi-word phrase of lemmas."""

    type: str
    pos: str  # "verb", "noun" or "phrase"
    lemmas: tuple[str, ...]
    mode: str | None = None
    with_children: frozenset[str] = frozenset()
    without_children: frozenset[str] = frozenset()
    objects: frozenset[str] = frozenset()
    not_objects: frozenset[str] = frozenset()  # "released a report" is no release of prisoners
    confidence: float = 0.5
    requires: frozenset[str] = frozenset()  # "actor" and/or "recipient" must be found
    with_deps: frozenset[str] = frozenset()  # a child with one of these dependency labels
    possessor: str = "actor"  # nouns: is "X's <noun>" done by X ("actor") or to X ("recipient")?
    of_object: str = "recipient"  # nouns: is "<noun> of X" done to X or by X ("the backing of India")?
    claimed: bool = False  # counts only as someone's claim: the teller acts, the doer is the recipient

    @property
    def is_conditional(self) -> bool:
        return bool(self.with_children or self.objects or self.with_deps)


@dataclass(frozen=True)
class AcledRule:
    event_type: str | None
    sub_event_type: str | None = None
    modes: frozenset[str] = frozenset()
    recipient_sectors: frozenset[str] = frozenset()

    def applies(self, mode: str | None, recipient_sectors: Iterable[str | None]) -> bool:
        if self.modes and mode not in self.modes:
            return False
        if self.recipient_sectors and not self.recipient_sectors.intersection(
            s for s in recipient_sectors if s
        ):
            return False
        return True


@dataclass
class EventType:
    name: str
    quad: str
    definition: str
    modes: dict[str, str] = field(default_factory=dict)
    mode_cues: dict[str, frozenset[str]] = field(default_factory=dict)
    default_mode: str | None = None
    mode_cue_scope: str = "clause"  # "complement": look for mode cues only in what the event is about
    on_negation: dict[str, str | None] | None = None
    on_future: dict[str, str | None] | None = None
    implicit_actor: dict[str, str] | None = None
    recipient_in_clause: bool = False  # "alleged that the military rigged it": the clause's subject
    symmetric: bool = False  # "Kim and Putin held a summit": the first named acts, the others receive
    responds: bool = False  # answers someone else's claim, demand or offer ("rejected its offer")
    done_at_home: bool = False  # by decree (sanctions, tariffs): where the one acting governs
    at_target: bool = False  # one state's act against another state: on the target's soil
    undergoer_acts: bool = False  # "troops were deployed": the forces moved are the side acting
    purpose_target: bool = False  # "sent troops to fight the rebels": the rebels are the recipient
    addresses_doer: bool = False  # "supported the call": addressed to whoever made it
    addresses_holder: bool = False  # "called for his release": addressed to whoever holds him
    acled: list[AcledRule] = field(default_factory=list)

    @property
    def is_material(self) -> bool:
        return self.quad.startswith("material")


@dataclass
class Codebook:
    name: str
    version: str
    types: dict[str, EventType]
    rules: list[TriggerRule]
    contexts: dict[str, tuple[str, ...]]
    reporting_verbs: frozenset[str]
    reporting_prepositions: tuple[str, ...]
    factuality_cues: dict[str, frozenset[str]]
    sources: tuple[str, ...] = ()
    min_confidence: float = 0.0
    rescorer: str | None = None  # "default" (the shipped model), a path to a model, or "none"
    # Object noun -> the type of claim it refers back to, ACT for a deed of anyone's, STATE_ACT
    # for one of a government's.
    answered_nouns: dict[str, str] = field(default_factory=dict)
    # "his release": nouns for freeing someone, and the type of event that took them.
    custody_nouns: frozenset[str] = frozenset()
    held_by: str | None = None

    def __post_init__(self) -> None:
        self.verb_rules: dict[str, list[TriggerRule]] = {}
        self.noun_rules: dict[str, list[TriggerRule]] = {}
        self.phrase_rules: dict[str, list[TriggerRule]] = {}
        for rule in self.rules:
            if rule.pos == "verb":
                self.verb_rules.setdefault(rule.lemmas[0], []).append(rule)
            elif rule.pos == "noun":
                self.noun_rules.setdefault(rule.lemmas[0], []).append(rule)
            else:
                self.phrase_rules.setdefault(rule.lemmas[0], []).append(rule)

    def acled_for(self, type_name: str, mode: str | None,
                  recipient_sectors: Iterable[str | None] = ()) -> dict[str, str] | None:
        sectors = list(recipient_sectors)
        for rule in self.types[type_name].acled:
            if rule.applies(mode, sectors):
                if rule.event_type is None:
                    return None
                return {"event_type": rule.event_type, "sub_event_type": rule.sub_event_type}
        return None

    def trigger_lemmas(self) -> set[str]:
        """Every lemma a trigger can start from: the cheap pre-filter looks for their forms."""
        lemmas: set[str] = set(self.verb_rules) | set(self.noun_rules)
        for rule in self.rules:
            if rule.pos == "phrase":
                lemmas.update(w for w in rule.lemmas if w not in _PHRASE_GLUE)
        return lemmas


# Words that glue phrases together and say nothing alone; the pre-filter ignores them.
_PHRASE_GLUE = frozenset({"be", "to", "of", "the", "a", "an", "for", "with", "in", "on", "out",
                          "up", "down", "not", "by", "at", "from", "will", "have", "do"})


def _as_set(value: Any) -> frozenset[str]:
    if value is None:
        return frozenset()
    if isinstance(value, str):
        return frozenset({value.lower()})
    return frozenset(str(v).lower() for v in value)


def _parse_trigger(type_name: str, pos: str, key: str, value: Any, source: str) -> TriggerRule:
    lemmas = tuple(key.lower().split())
    if not lemmas:
        raise CodebookError(f"{source}: empty trigger under {type_name}.{pos}")
    if value is None or isinstance(value, str):
        return TriggerRule(type_name, pos, lemmas, mode=value,
                           confidence=DEFAULT_CONFIDENCE[pos])
    if not isinstance(value, dict):
        raise CodebookError(f"{source}: trigger {type_name}.{pos}.{key} must be a mode or a mapping")
    unknown = set(value) - {"mode", "with", "without", "object", "not_object", "confidence", "requires",
                            "with_dep", "possessor", "of_object", "claimed"}
    if unknown:
        raise CodebookError(f"{source}: trigger {type_name}.{pos}.{key} has unknown keys {sorted(unknown)}")
    return TriggerRule(
        type_name, pos, lemmas,
        mode=value.get("mode"),
        with_children=_as_set(value.get("with")),
        without_children=_as_set(value.get("without")),
        objects=_as_set(value.get("object")),
        not_objects=_as_set(value.get("not_object")),
        confidence=float(value.get("confidence", DEFAULT_CONFIDENCE[pos])),
        requires=_as_set(value.get("requires")),
        with_deps=_as_set(value.get("with_dep")),
        possessor=_role(value, "possessor", "actor", f"{source}: trigger {type_name}.{pos}.{key}"),
        of_object=_role(value, "of_object", "recipient", f"{source}: trigger {type_name}.{pos}.{key}"),
        claimed=_flag(value, "claimed", f"{source}: trigger {type_name}.{pos}.{key}"),
    )


def _role(spec: dict[str, Any], key: str, default: str, where: str) -> str:
    value = spec.get(key, default)
    if value not in ("actor", "recipient"):
        raise CodebookError(f"{where}: {key} must be actor or recipient, not {value!r}")
    return value


def _flag(spec: dict[str, Any], key: str, where: str) -> bool:
    """A yes/no type option; the codebook's YAML reads yes/no as words, so only true/false count."""
    value = spec.get(key, False)
    if not isinstance(value, bool):
        raise CodebookError(f"{where}: {key} must be true or false, not {value!r}")
    return value


def _parse_acled(entries: Any) -> list[AcledRule]:
    rules = []
    for entry in entries or []:
        when = entry.get("when") or {}
        modes = when.get("mode")
        rules.append(AcledRule(
            event_type=entry.get("event_type"),
            sub_event_type=entry.get("sub_event_type"),
            modes=_as_set(modes) if modes is not None else frozenset(),
            recipient_sectors=frozenset(s.upper() for s in _as_set(when.get("recipient_sector"))),
        ))
    return rules


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """Deep-merge ``extra`` over ``base``: mappings merge, everything else is replaced."""
    out = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _read_yaml(path: Path | str, text: str | None = None) -> dict[str, Any]:
    try:
        data = read_yaml_text(text if text is not None else Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise CodebookError(f"{path}: no such codebook file") from exc
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise CodebookError(f"{path}: not a readable YAML codebook ({exc})".replace("\n", " ")) from exc
    if not isinstance(data, dict):
        raise CodebookError(f"{path}: a codebook must be a YAML mapping")
    return data


def _build(data: dict[str, Any], source: str, sources: tuple[str, ...]) -> Codebook:
    types: dict[str, EventType] = {}
    rules: list[TriggerRule] = []
    for type_name, spec in (data.get("types") or {}).items():
        if type_name not in PLOVER_TYPES:
            raise CodebookError(f"{source}: {type_name!r} is not a PLOVER type ({', '.join(PLOVER_TYPES)})")
        spec = spec or {}
        modes = {str(k): str(v) for k, v in (spec.get("modes") or {}).items()}
        types[type_name] = EventType(
            name=type_name,
            quad=spec.get("quad", ""),
            definition=spec.get("definition", ""),
            modes=modes,
            mode_cues={m: _as_set(words) for m, words in (spec.get("mode_cues") or {}).items()},
            default_mode=spec.get("default_mode"),
            mode_cue_scope=str(spec.get("mode_cue_scope", "clause")),
            on_negation=spec.get("on_negation"),
            on_future=spec.get("on_future"),
            implicit_actor=spec.get("implicit_actor"),
            recipient_in_clause=_flag(spec, "recipient_in_clause", f"{source}: {type_name}"),
            symmetric=_flag(spec, "symmetric", f"{source}: {type_name}"),
            responds=_flag(spec, "responds", f"{source}: {type_name}"),
            done_at_home=_flag(spec, "done_at_home", f"{source}: {type_name}"),
            at_target=_flag(spec, "at_target", f"{source}: {type_name}"),
            undergoer_acts=_flag(spec, "undergoer_acts", f"{source}: {type_name}"),
            purpose_target=_flag(spec, "purpose_target", f"{source}: {type_name}"),
            addresses_doer=_flag(spec, "addresses_doer", f"{source}: {type_name}"),
            addresses_holder=_flag(spec, "addresses_holder", f"{source}: {type_name}"),
            acled=_parse_acled(spec.get("acled")),
        )
        for pos in ("verb", "noun", "phrase"):
            for key, value in ((spec.get("triggers") or {}).get(pos) or {}).items():
                # A list gives alternative conditions: the trigger counts when any of them holds.
                for alternative in value if isinstance(value, list) else [value]:
                    rule = _parse_trigger(type_name, pos, str(key), alternative, source)
                    if rule.mode is not None and modes and rule.mode not in modes:
                        raise CodebookError(
                            f"{source}: trigger {type_name}.{pos}.{key} names mode {rule.mode!r}, "
                            f"not one of {sorted(modes)}")
                    rules.append(rule)
    reporting = data.get("reporting") or {}
    cues = data.get("factuality_cues") or {}
    answered_nouns, custody_nouns, held_by = _answers(data.get("answers") or {}, types, source)
    return Codebook(
        answered_nouns=answered_nouns,
        custody_nouns=custody_nouns,
        held_by=held_by,
        name=str(data.get("name", "codebook")),
        version=str(data.get("version", "0")),
        types=types,
        rules=rules,
        contexts={k: tuple(str(w).lower() for w in v or []) for k, v in (data.get("contexts") or {}).items()},
        reporting_verbs=_as_set(reporting.get("verbs")),
        reporting_prepositions=tuple(str(p).lower() for p in reporting.get("prepositions") or []),
        factuality_cues={k: _as_set(v) for k, v in cues.items()},
        sources=sources,
        min_confidence=float(data.get("min_confidence", 0.0)),
        rescorer=(str(data["rescorer"]) if data.get("rescorer") is not None else None),
    )


ACT = "ACT"
STATE_ACT = "STATE_ACT"


def _answers(spec: Any, types: dict[str, EventType], source: str
             ) -> tuple[dict[str, str], frozenset[str], str | None]:
    """The ``answers`` block: object noun -> what it refers back to, and the custody nouns with
    the type of event that takes someone into custody."""
    if not isinstance(spec, dict):
        raise CodebookError(f"{source}: answers must be a mapping with claims and acts")
    custody = spec.get("custody") or {}
    if not isinstance(custody, dict):
        raise CodebookError(f"{source}: answers.custody must be a mapping with held_by and nouns")
    held_by = custody.get("held_by")
    if held_by is not None and held_by not in types:
        raise CodebookError(f"{source}: answers.custody.held_by names {held_by!r}, not an event type")
    return _answered_nouns(spec, types, source), _as_set(custody.get("nouns")), held_by


def _answered_nouns(spec: dict[str, Any], types: dict[str, EventType], source: str) -> dict[str, str]:
    claims = spec.get("claims") or {}
    if not isinstance(claims, dict):
        raise CodebookError(f"{source}: answers.claims must map event types to nouns")
    nouns: dict[str, str] = {}
    for type_name, words in claims.items():
        if type_name not in types:
            raise CodebookError(f"{source}: answers.claims names {type_name!r}, not an event type")
        nouns.update((w, type_name) for w in _as_set(words))
    nouns.update((w, ACT) for w in _as_set(spec.get("acts")))
    nouns.update((w, STATE_ACT) for w in _as_set(spec.get("state_acts")))
    return nouns


def default_codebook_path() -> Path:
    return Path(str(resources.files("eventwire.codebook").joinpath("plover.yaml")))


@lru_cache(maxsize=8)
def _load_cached(paths: tuple[str, ...]) -> Codebook:
    data = _read_yaml(default_codebook_path())
    sources = [str(default_codebook_path())]
    for path in paths:
        extra = _read_yaml(path)
        if extra.pop("replace", False):
            data = extra
            sources = [path]
        else:
            data = _merge(data, extra)
            sources.append(path)
    return _build(data, ", ".join(sources), tuple(sources))


def load_codebook(extra_paths: Iterable[str | Path] = ()) -> Codebook:
    """The packaged codebook, with the user's files merged over it in order (loaded once)."""
    return _load_cached(tuple(str(p) for p in extra_paths))


__all__ = ["Codebook", "CodebookError", "EventType", "TriggerRule", "PLOVER_TYPES",
           "load_codebook", "default_codebook_path"]
