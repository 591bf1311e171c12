"""Who an actor phrase names: its country (ISO3) and PLOVER sector, and a stable entity key.

:func:`resolve_actor` reads a phrase the way English builds noun phrases. The *head* (the words
before the first "of", "in", "for", comma or parenthesis) carries the answer; the rest only
fills gaps ("the government of the Central African Republic"). In the head:

1. known actors (``actors.yaml``) are found first ("U.S. Central Command", "Guterres", "IS");
2. country words next ("Malian", "Beijing", "the Kremlin");
3. then role words from ``sectors.yaml``: the rightmost strong one wins ("Iraqi officials" ->
   GOV, "the Malian army" -> MIL), modifiers override ("former Prime Minister" -> ELI,
   "opposition lawmakers" -> OPP), weak ones ("forces", "Gen") yield to a known actor
   ("al-Shabab fighters" -> REB, "Gen Assimi Goita" -> GOV).

The country comes from the phrase itself, else from the known actor, else -- for domestic roles
only ("authorities", "police", "the junta") -- from the article's focus country. International
bodies, aid groups, refugees and transnational armed groups never borrow it.

Everything is dictionary lookups over tokens; lexicons load once, lazily. No spaCy here.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Iterable, Iterator, NamedTuple

from eventwire.lexicons import load_lexicon
from eventwire.records import SECTORS as _SECTOR_CODES
from eventwire.resolve.countries import (
    CAPITAL, DEMONYM, NAME, SEAT, Token, country_mentions_detailed, country_name, fold,
    fold_same_length, phrase_key, scan_tokens, slug, sponsor_follows, tokenize,
)

__all__ = ["ActorResolution", "CountryRole", "KnownActor", "country_roles", "entity_id_for", "known_actor",
           "link_mentions", "resolve_actor", "strip_titles", "with_country"]

SECTORS = frozenset(_SECTOR_CODES)
# Sectors of office holders: "former" turns them into elites (ELI).
_OFFICE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY", "PTY", "IGO", "OPP"})
# When one phrase lists several of these ("doctors and nurses and teachers"), it means civilians.
_CIVILIAN_SECTORS = frozenset({"CVL", "MED", "EDU", "LAB", "BUS", "REL"})

# Words after which the head of a noun phrase has ended.
_BOUNDARY_WORDS = frozenset({
    "called", "named", "dubbed", "of", "for", "in", "from", "to", "at", "on", "with", "against",
    "by", "who", "whom", "whose", "which", "that", "near", "inside", "outside", "across",
    "including", "led", "linked", "based",
    "trapped", "amid", "after", "during", "over", "under", "into", "as", "like", "such", "said",
    "says", "accused", "believed", "known", "backed", "loyal", "close", "allied", "belonging",
    "representing", "working", "fighting", "operating", "held", "detained", "killed", "wounded",
})
_BOUNDARY_PUNCT = frozenset({",", ";", "(", ")", ":", "—", "–", "\"", "“", "”"})
# Prepositional phrases whose country belongs to the head ("forces in Somalia", "the government
# of the Central African Republic"); "ambassador to Kenya" is not Kenyan.
_OWNING_PREPOSITIONS = frozenset({"of", "for", "from", "in", ","})
# "an analyst at Crisis Group", "a researcher with Human Rights Watch": the employer says who.
_SECTOR_PREPOSITIONS = frozenset({"of", "for", "from", "at", "with"})
# "a militia called the anti-Balaka": the named group is the head itself.
_NAMING_WORDS = frozenset({"called", "named", "dubbed"})
_DETERMINERS = frozenset({"the", "a", "an", "some", "many", "several", "all", "both", "other",
                          "another", "its", "their", "his", "her", "our", "these", "those", "this",
                          "that", "s", "at", "least", "more", "than", "about", "nearly", "almost",
                          "up", "to", "over", "around", "dozens", "hundreds", "thousands", "of",
                          "most", "few", "top", "senior", "local", "new", "recent", "one", "two",
                          "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                          "eleven", "twelve", "twenty", "fifty", "hundred", "thousand", "million",
                          "dozen", "additional", "another", "further", "fellow"})
_TITLE_WORDS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "prof",
                          "professor", "mawlawi", "maulvi", "mullah", "sheikh", "shaikh", "hon",
                          "honorable", "honourable", "rev", "reverend", "ayatollah", "imam",
                          "then", "acting", "interim", "incumbent", "outgoing", "incoming",
                          "elect", "deputy", "vice", "chief", "self", "declared", "de", "facto"})
# "GOV 2017-01-20..2021-01-20", "ELI 2021-01-20..", "REB ..2021-08-15", "IGO"
_ROLE_RE = re.compile(
    r"^(?P<sector>[A-Z]{3})(?:\s+(?P<start>\d{4}-\d{2}-\d{2})?\.\.(?P<end>\d{4}-\d{2}-\d{2})?)?$")


# ----------------------------------------------------------------------------------------------
# Records


@dataclass(frozen=True)
class ActorResolution:
    """What :func:`resolve_actor` found for one phrase."""

    country: str | None
    sector: str | None
    name: str | None = None  # canonical name when the entity is known or a person is named
    entity_id: str | None = None  # normalized name + country + sector, stable across articles
    confidence: float = 0.0
    source: str = "none"  # known | lexicon | country | context | focus | none (how it was decided)
    country_from_focus: bool = False  # only the article's country vouches for the country


@dataclass(frozen=True)
class Role:
    sector: str
    start: date | None = None
    end: date | None = None

    def holds_on(self, when: date) -> bool:
        return (self.start is None or self.start <= when) and (self.end is None or when < self.end)


@dataclass(frozen=True)
class KnownActor:
    """One entry of ``actors.yaml``."""

    name: str
    kind: str
    country: str | None
    roles: tuple[Role, ...]
    aliases: tuple[str, ...] = ()
    valid_from: date | None = None
    valid_to: date | None = None
    prefer_in: frozenset[str] = field(default_factory=frozenset)
    domestic: bool = False  # no country of its own, but belongs to the article's ("the NSC")
    hosts_envoys: bool = False  # states keep ambassadors at it, it has none ("U.N. ambassador")

    def applies_on(self, when: date | None) -> bool:
        if when is None:
            return True
        return (self.valid_from is None or self.valid_from <= when) and (
            self.valid_to is None or when < self.valid_to)

    def role_on(self, when: date | None) -> Role | None:
        if not self.roles:
            return None
        if when is not None:
            for role in self.roles:
                if role.holds_on(when):
                    return role
            if all(r.start is not None and when < r.start for r in self.roles):
                return None  # before any role it is known for
        return max(self.roles, key=lambda r: r.start or date.min)

    def country_in(self, sector: str | None) -> str | None:
        # International bodies and the people who speak for them belong to no country.
        return None if sector == "IGO" else self.country

    @property
    def transnational(self) -> bool:
        return self.country is None and not self.domestic


class _Cue(NamedTuple):
    sector: str | None
    strength: str  # head | weak | generic
    explicit: bool


class _Hit(NamedTuple):
    first: int  # token index
    last: int  # token index + 1
    value: object


# ----------------------------------------------------------------------------------------------
# Lexicons, built once


@dataclass
class _SectorLexicon:
    cues: dict[tuple[str, ...], _Cue]
    modifiers: dict[tuple[str, ...], str]
    relational: frozenset[tuple[str, ...]]
    international: frozenset[str]
    no_focus: frozenset[str]
    pronouns: frozenset[str]
    unidentified: frozenset[str]
    max_len: int


_STRENGTH_RANK = {"head": 0, "weak": 1, "generic": 2}


@lru_cache(maxsize=1)
def _sector_lexicon() -> _SectorLexicon:
    data = load_lexicon("sectors")
    cues: dict[tuple[str, ...], _Cue] = {}
    for strength, section in (("head", data.get("heads")), ("weak", data.get("weak"))):
        for sector, words in (section or {}).items():
            for word in words or []:
                _add_cue(cues, word, _Cue(_sector_or_none(sector), strength, True))
    for word in data.get("generic") or []:
        _add_cue(cues, word, _Cue(None, "generic", True))
    modifiers = {phrase_key(w, True): s for s, words in (data.get("modifiers") or {}).items()
                 for w in words or []}
    relational = frozenset(k for w in data.get("relational") or []
                           for k in _with_plurals(phrase_key(w, True)))
    return _SectorLexicon(
        cues=cues, modifiers=modifiers, relational=relational,
        international=frozenset(fold(w) for w in data.get("international") or []),
        no_focus=frozenset(data.get("no_focus") or []),
        pronouns=frozenset(fold(w) for w in data.get("pronouns") or []),
        unidentified=frozenset(fold(w) for w in data.get("unidentified") or []),
        max_len=max((len(k) for k in cues), default=1),
    )


def _sector_or_none(sector: str | None) -> str | None:
    return sector if sector in SECTORS else None


def _add_cue(cues: dict[tuple[str, ...], _Cue], word: str, cue: _Cue) -> None:
    key = phrase_key(str(word), True)
    if not key:
        return
    for form in _with_plurals(key):
        explicit = form == key
        candidate = cue._replace(explicit=explicit)
        old = cues.get(form)
        if old is None or _better_cue(candidate, old):
            cues[form] = candidate


def _better_cue(new: _Cue, old: _Cue) -> bool:
    # A word written in the lexicon beats one derived as a plural; then head > weak > generic.
    if new.explicit != old.explicit:
        return new.explicit
    return _STRENGTH_RANK[new.strength] < _STRENGTH_RANK[old.strength]


def _with_plurals(key: tuple[str, ...]) -> list[tuple[str, ...]]:
    last = key[-1]
    return [key, key[:-1] + (_plural(last),)]


def _plural(word: str) -> str:
    if word.endswith("man"):
        return word[:-3] + "men"
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    if word == "child":
        return "children"
    return word + "s"


@dataclass
class _KnownIndex:
    by_key: dict[tuple[str, ...], list[tuple[KnownActor, bool]]]
    max_len: int


@lru_cache(maxsize=1)
def _known_index() -> _KnownIndex:
    entries = _known_entries(tuple(load_lexicon("actors").get("actors") or []))
    by_key: dict[tuple[str, ...], list[tuple[KnownActor, bool]]] = {}
    for actor in entries:
        for alias in dict.fromkeys((actor.name, *actor.aliases)):
            for spelling in _alias_spellings(alias):
                toks = tokenize(spelling)
                if toks:
                    _add_alias(by_key.setdefault(tuple(t.key for t in toks), []), actor,
                               toks[0].capitalized)
    return _KnownIndex(by_key, max((len(k) for k in by_key), default=1))


def _add_alias(bucket: list[tuple[KnownActor, bool]], actor: KnownActor, capitalized: bool) -> None:
    # The text must be capitalized only if every spelling of this alias is ("anti-Balaka").
    for i, (other, needs_capital) in enumerate(bucket):
        if other is actor:
            bucket[i] = (actor, needs_capital and capitalized)
            return
    bucket.append((actor, capitalized))


def _alias_spellings(alias: str) -> list[str]:
    if alias.startswith(("the ", "The ")):
        return [alias, alias[4:]]
    return [alias]


def _known_entries(raw: tuple[dict, ...]) -> list[KnownActor]:
    # A user entry with the same name and country replaces the packaged one (it comes later).
    by_identity: dict[tuple[str, str | None], KnownActor] = {}
    for item in raw:
        actor = _parse_known(item)
        if actor is not None:
            by_identity[(actor.name, actor.country)] = actor
    return list(by_identity.values())


def _parse_known(item: dict) -> KnownActor | None:
    if not isinstance(item, dict) or not item.get("name"):
        return None
    roles = tuple(r for r in (_parse_role(x) for x in item.get("roles") or []) if r is not None)
    if not roles and item.get("sector") in SECTORS:
        roles = (Role(item["sector"]),)
    return KnownActor(
        name=str(item["name"]), kind=str(item.get("kind") or "org"),
        country=item.get("country") or None,
        roles=roles, aliases=tuple(str(a) for a in item.get("aliases") or []),
        valid_from=_as_date(item.get("valid_from")), valid_to=_as_date(item.get("valid_to")),
        prefer_in=frozenset(item.get("prefer_in") or []), domestic=bool(item.get("domestic")),
        hosts_envoys=bool(item.get("hosts_envoys")),
    )


def _parse_role(text: object) -> Role | None:
    if isinstance(text, dict):
        sector = text.get("sector")
        if sector not in SECTORS:
            return None
        return Role(sector, _as_date(text.get("from")), _as_date(text.get("to")))
    m = _ROLE_RE.match(str(text).strip())
    if not m or m.group("sector") not in SECTORS:
        return None
    return Role(m.group("sector"), _as_date(m.group("start")), _as_date(m.group("end")))


def _as_date(value: object) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


@lru_cache(maxsize=1)
def _subdivision_countries() -> dict[str, str]:
    """Top-level subdivision names that belong to exactly one country ("Ontario" -> CAN)."""
    import pycountry

    seen: dict[str, set[str]] = {}
    for sub in pycountry.subdivisions:
        if sub.parent_code is None and len(sub.name) >= 4:
            country = pycountry.countries.get(alpha_2=sub.country_code)
            if country is not None:
                seen.setdefault(fold(sub.name), set()).add(country.alpha_3)
    return {name: next(iter(isos)) for name, isos in seen.items() if len(isos) == 1}


# ----------------------------------------------------------------------------------------------
# Reading one phrase


@dataclass
class _Reading:
    text: str
    tokens: list[Token]
    known: list[_Hit]  # value: KnownActor
    countries: list[_Hit]  # value: (iso3, kind, proxy)
    cues: list[_Hit]  # value: _Cue
    modifiers: list[_Hit]  # value: sector
    head_end: int  # token index where the head ends
    segments: list[tuple[str, int, int]]  # (introducing word, first, last) after the head


def _read(text: str) -> _Reading:
    tokens = tokenize(text)
    known = [h for h in _find_known(tokens) if not _against_or_for(text, tokens, h.first)]
    taken = _covered(known)
    countries = [h for h in _find_countries(text, tokens) if not _overlaps(h, taken)]
    taken |= _covered(countries)
    cues, modifiers = _find_cues(tokens, taken)
    head_end, segments = _split_head(text, tokens, taken | _covered(cues))
    return _Reading(text, tokens, known, countries, cues, modifiers, head_end, segments)


def _covered(hits: Iterable[_Hit]) -> set[int]:
    return {i for h in hits for i in range(h.first, h.last)}


def _overlaps(hit: _Hit, taken: set[int]) -> bool:
    return any(i in taken for i in range(hit.first, hit.last))


def _find_known(tokens: list[Token]) -> list[_Hit]:
    index = _known_index()
    hits, i, n = [], 0, len(tokens)
    while i < n:
        found = None
        for length in range(min(index.max_len, n - i), 0, -1):
            bucket = index.by_key.get(tuple(t.key for t in tokens[i:i + length]))
            if bucket:
                actors = [a for a, cap in bucket if tokens[i].capitalized or not cap]
                if actors:
                    found = _Hit(i, i + length, actors)
                    break
        if found is None:
            i += 1
            continue
        hits.append(found)
        i = found.last
    return hits


def _find_countries(text: str, tokens: list[Token]) -> list[_Hit]:
    hits = []
    for first, last, iso3, kind in scan_tokens(tokens):
        if kind == CAPITAL and _name_continues(tokens, last):
            continue  # "Aden Barre Duale", "Lima Sahar": a person, not a capital
        proxy = sponsor_follows(text, tokens[last - 1].end) or _against_or_for(text, tokens, first)
        hits.append(_Hit(first, last, (iso3, kind, proxy)))
    return hits


def _against_or_for(text: str, tokens: list[Token], i: int) -> bool:
    """"anti-French protesters", "pro-Russian separatists": the country is not theirs."""
    if i == 0 or tokens[i - 1].low not in ("anti", "pro"):
        return False
    return text[tokens[i].start - 1] in "-‐‑"


def _name_continues(tokens: list[Token], i: int) -> bool:
    if i >= len(tokens) or not tokens[i].capitalized or not tokens[i].text.isalpha():
        return False
    lex = _sector_lexicon()
    return (tokens[i].low,) not in lex.cues and (tokens[i].low,) not in lex.modifiers


def _find_cues(tokens: list[Token], taken: set[int]) -> tuple[list[_Hit], list[_Hit]]:
    lex = _sector_lexicon()
    cues, modifiers = [], []
    i, n = 0, len(tokens)
    while i < n:
        if i in taken:
            i += 1
            continue
        for length in (2, 1):
            sector = lex.modifiers.get(tuple(t.low for t in tokens[i:i + length]))
            if sector is not None and i + length <= n:
                modifiers.append(_Hit(i, i + length, sector))
                break
        hit = _longest_cue(tokens, i, taken, lex)
        if hit is None:
            i += 1
            continue
        cues.append(hit)
        i = hit.last
    return cues, modifiers


def _longest_cue(tokens: list[Token], i: int, taken: set[int], lex: _SectorLexicon) -> _Hit | None:
    n = len(tokens)
    for length in range(min(lex.max_len, n - i), 0, -1):
        if any(j in taken for j in range(i, i + length)):
            continue
        cue = lex.cues.get(tuple(t.low for t in tokens[i:i + length]))
        if cue is not None and not _is_gen_z(tokens, i):
            return _Hit(i, i + length, cue)
    return None


def _is_gen_z(tokens: list[Token], i: int) -> bool:
    # "Gen Z protesters" are young people, not a general.
    return tokens[i].low == "gen" and i + 1 < len(tokens) and tokens[i + 1].low in ("z", "x", "alpha")


def _split_head(text: str, tokens: list[Token], protected: set[int]
                ) -> tuple[int, list[tuple[str, int, int]]]:
    cuts = [i for i, t in enumerate(tokens)
            if i > 0 and i not in protected and (t.text in _BOUNDARY_PUNCT or (
                t.low in _BOUNDARY_WORDS and not _hyphenated(text, t)))]
    if not cuts:
        return len(tokens), []
    segments = []
    for k, start in enumerate(cuts):
        end = cuts[k + 1] if k + 1 < len(cuts) else len(tokens)
        word = tokens[start].low if tokens[start].text not in _BOUNDARY_PUNCT else tokens[start].text
        segments.append((word, start + 1, end))
    return cuts[0], segments


def _hyphenated(text: str, tok: Token) -> bool:
    """"Muslim-led", "U.S.-backed": the word is half of a hyphenated modifier, not a boundary."""
    return tok.start > 0 and text[tok.start - 1] in "-‐‑"


# ----------------------------------------------------------------------------------------------
# Deciding sector and country


@dataclass
class _Decision:
    sector: str | None = None
    country: str | None = None
    country_known: bool = False  # the country question is settled (even when None)
    known: KnownActor | None = None
    known_hit: _Hit | None = None
    source: str = "none"
    confidence: float = 0.0
    cue_phrase: str | None = None
    named: bool = False  # the known actor was named by "called ..."
    borrowed_name: str | None = None  # a fuller name found in the article
    country_from_focus: bool = False


def _in_range(hits: list[_Hit], first: int, last: int) -> list[_Hit]:
    return [h for h in hits if first <= h.first and h.last <= last]


def _pick_known(hit: _Hit, focus: str | None, when: date | None) -> KnownActor | None:
    actors = [a for a in hit.value if a.applies_on(when)]
    if not actors:
        return None
    if len(actors) > 1:
        preferred = [a for a in actors if focus and focus in a.prefer_in]
        if preferred:
            return preferred[0]
        plain = [a for a in actors if not a.prefer_in]
        if plain:
            return plain[0]
    return actors[0]


def _decide(reading: _Reading, focus: str | None, when: date | None, nested: bool = False) -> _Decision:
    lex = _sector_lexicon()
    decision = _Decision()
    named = _named_known(reading, focus, when)
    if named is not None:
        decision.known_hit, decision.known = named
        decision.named = True
    else:
        known_hits = [(h, _pick_known(h, focus, when)) for h in _in_range(reading.known, 0, reading.head_end)]
        known_hits = [(h, a) for h, a in known_hits if a is not None]
        if known_hits and not _possessor_of_generic(reading, known_hits[-1][0]):
            decision.known_hit, decision.known = known_hits[-1]
    _decide_sector(reading, decision, focus, when, lex)
    appositive = _appositive_country(reading, lex) if decision.known is None else None
    if appositive is not None:
        decision.sector, decision.source, decision.confidence = "GOV", "country", 0.85
        decision.cue_phrase = country_name(appositive) or appositive
        decision.country, decision.country_known = appositive, True
        return decision
    if decision.sector is None and decision.known is None and not nested:
        _adopt_apposition(reading, decision, focus, when)
    _decide_country(reading, decision, focus, when, lex)
    return decision


def _appositive_country(reading: _Reading, lex: _SectorLexicon) -> str | None:
    """"U.S. ally Japan", "its neighbor Kenya", "Council members Greece": a country named right
    after a noun describing it is the actor itself, acting as its government."""
    hits = [h for h in _in_range(reading.countries, 0, reading.head_end) if not h.value[2]]
    if not hits:
        return None
    last = hits[-1]
    iso3, kind, _ = last.value
    if kind != NAME or last.last != reading.head_end or last.first == 0:
        return None
    prev = reading.tokens[last.first - 1]
    if not prev.text.isalpha() or prev.low in _DETERMINERS:
        return None
    cue = lex.cues.get((prev.low,))
    describes = (prev.low,) in lex.relational or (cue is not None and cue.sector in (None, "GOV"))
    return iso3 if describes else None


def _named_known(reading: _Reading, focus: str | None, when: date | None) -> tuple[_Hit, KnownActor] | None:
    """"a militia called the anti-Balaka": the phrase names a known actor after all."""
    for word, first, last in reading.segments:
        if word in _NAMING_WORDS:
            for hit in _in_range(reading.known, first, last):
                actor = _pick_known(hit, focus, when)
                if actor is not None:
                    return hit, actor
    return None


def _possessor_of_generic(reading: _Reading, hit: _Hit) -> bool:
    """"Jimmy Lai's legal team", "Berisha's successor": the team is not Lai."""
    tokens = reading.tokens
    if hit.last >= reading.head_end or tokens[hit.last].low != "s":
        return False
    after = [h for h in _in_range(reading.cues, hit.last, reading.head_end)]
    return bool(after) and after[-1].value.strength == "generic"


def _adopt_apposition(reading: _Reading, d: _Decision, focus: str | None, when: date | None) -> None:
    """"Artur Romeu, director of ... Reporters Without Borders": the apposition says who."""
    for word, first, _last in reading.segments:
        if word != "," or first >= len(reading.tokens):
            continue
        other = _decide(_read(reading.text[reading.tokens[first].start:]), focus, when, nested=True)
        if other.sector is None and not other.country_known:
            return
        d.sector, d.cue_phrase, d.source = other.sector, other.cue_phrase, other.source
        d.confidence = other.confidence * 0.9
        if other.country_known:
            d.country, d.country_known = other.country, True
        return


def _known_sector(actor: KnownActor, when: date | None) -> str | None:
    role = actor.role_on(when)
    return role.sector if role else None


def _decide_sector(reading: _Reading, d: _Decision, focus: str | None, when: date | None,
                   lex: _SectorLexicon) -> None:
    head_cues = _in_range(reading.cues, 0, reading.head_end)
    strong = [h for h in head_cues if h.value.strength == "head"]
    weak = [h for h in head_cues if h.value.strength == "weak"]
    mods = _in_range(reading.modifiers, 0, reading.head_end)
    known_sector = _known_sector(d.known, when) if d.known else None

    if d.named and known_sector is not None:
        d.sector, d.source, d.confidence = known_sector, "known", 0.9
        return
    if weak and any(h.value.strength == "generic" and h.first > weak[-1].first for h in head_cues):
        weak = []  # "many leaders and groups": the head is the generic word
    if strong:
        cue = _civilian_list_cue(strong, reading) or strong[-1]
        d.sector, d.source, d.confidence = cue.value.sector, "lexicon", 0.85
        d.cue_phrase = _phrase(reading.tokens, cue)
        _apply_modifiers(d, mods, cue, reading, strong_head=True)
        if d.sector == "GOV" and d.known is not None and d.known.hosts_envoys \
                and _accredited_to_igo(reading, d):
            d.known, d.known_hit = None, None  # the body says where it serves, not whose it is
        if d.sector == "GOV" and _igo_speaks(reading, d, focus, when) and not _is_relational(reading, lex):
            d.sector = "IGO"
        return
    if weak and _sector_from_phrases(reading, d, focus, when, only_after_head_noun=weak[-1]):
        return  # "the leader of the Taliban", "a spokesman for President Ghani"
    if d.known is not None and known_sector is not None:
        d.sector, d.source, d.confidence = known_sector, "known", 0.9
        if weak and weak[-1].value.sector in ("MIL", "REB") and weak[-1].first >= d.known_hit.last \
                and known_sector in ("GOV", "IGO"):
            # "Taliban forces" once they rule, "African Union forces"; a ruling movement's
            # "fighters" are its armed force too, not its government.
            d.sector = "MIL"
        if known_sector in _OFFICE_SECTORS and _eli_modifier_before(mods, d.known_hit.first, reading):
            d.sector = "ELI"
        return
    if weak:
        cue = weak[-1]
        d.sector, d.source, d.confidence = cue.value.sector, "lexicon", 0.7
        d.cue_phrase = _phrase(reading.tokens, cue)
        _apply_modifiers(d, mods, cue, reading, strong_head=False)
        if d.sector == "GOV" and _igo_speaks(reading, d, focus, when):
            d.sector = "IGO"
        return
    if mods:
        d.sector, d.source, d.confidence = _modifier_alone(mods), "lexicon", 0.6
        return
    if _sector_from_phrases(reading, d, focus, when):
        return
    _sector_from_bare_country(reading, d)


def _civilian_list_cue(strong: list[_Hit], reading: _Reading) -> _Hit | None:
    """"doctors and nurses and teachers and farmers": several civilian trades mean civilians."""
    sectors = {h.value.sector for h in strong}
    joined = any(t.low in ("and", "or") for t in reading.tokens[:reading.head_end])
    if joined and len(sectors) > 1 and sectors <= _CIVILIAN_SECTORS:
        return _Hit(strong[-1].first, strong[-1].last, _Cue("CVL", "head", True))
    return None


def _phrase(tokens: list[Token], hit: _Hit) -> str:
    return " ".join(t.low for t in tokens[hit.first:hit.last])


def _apply_modifiers(d: _Decision, mods: list[_Hit], cue: _Hit, reading: _Reading,
                     strong_head: bool) -> None:
    before = [m for m in mods if m.first < cue.first]
    if any(m.value == "OPP" for m in before):
        d.sector = "OPP"
    elif d.sector in _OFFICE_SECTORS and _eli_modifier_before(mods, cue.first, reading):
        d.sector = "ELI"
    elif (not strong_head or d.sector == "MIL") and any(m.value == "REB" for m in before):
        d.sector = "REB"


def _eli_modifier_before(mods: list[_Hit], position: int, reading: _Reading) -> bool:
    """"former Prime Minister", "ex-president": the modifier sits just before the title."""
    for m in mods:
        if m.value != "ELI" or m.first >= position:
            continue
        between = reading.tokens[m.last:position]
        if len(between) <= 3 and all(t.capitalized or t.low in _TITLE_WORDS for t in between):
            return True
    return False


def _modifier_alone(mods: list[_Hit]) -> str:
    order = ("OPP", "REB", "ELI")
    present = {m.value for m in mods}
    return next(s for s in order if s in present)


def _igo_speaks(reading: _Reading, d: _Decision, focus: str | None, when: date | None) -> bool:
    """"G7 foreign ministers", "U.N. Secretary-General": officials of an international body."""
    if _in_range(reading.countries, 0, reading.head_end):
        return False  # "Iran's U.N. ambassador" speaks for Iran
    if _accredited_to_igo(reading, d) and all(
            a.hosts_envoys for h in reading.known if h.first < reading.head_end for a in h.value):
        return False
    spans = [h for h in reading.known if h.first < reading.head_end]
    for word, first, last in reading.segments:
        if word in ("of", "from", "for"):
            spans += _in_range(reading.known, first, last)
    for hit in spans:
        actor = _pick_known(hit, focus, when)
        if actor is not None and _known_sector(actor, when) == "IGO":
            return True
    return False


# States send these to a body that hosts envoys; the U.N. itself has none ("U.N. ambassador").
_ACCREDITED = frozenset({"ambassador", "ambassadors", "permanent representative",
                         "permanent representatives"})
# ... or these, which the body also has ("the U.N. mission in Mali"): only someone's own
# ("his U.N. mission", "their U.N. delegation") is a state's.
_OWNED_ACCREDITED = frozenset({"mission", "missions", "delegation", "delegations"})
_POSSESSIVE_PRONOUNS = frozenset({"his", "her", "its", "their", "our", "my", "your"})


def _accredited_to_igo(reading: _Reading, d: _Decision) -> bool:
    """"the U.N. ambassador", "his U.N. mission": a state's envoy at the body, not the body."""
    if d.cue_phrase in _ACCREDITED:
        return True
    return (d.cue_phrase in _OWNED_ACCREDITED and bool(reading.tokens)
            and reading.tokens[0].low in _POSSESSIVE_PRONOUNS)


def _sector_from_phrases(reading: _Reading, d: _Decision, focus: str | None, when: date | None,
                         only_after_head_noun: _Hit | None = None) -> bool:
    """A generic head ("the leader", "a spokesman for") takes the sector of what follows."""
    if only_after_head_noun is not None and only_after_head_noun.last != reading.head_end:
        return False
    for word, first, last in reading.segments:
        if word not in _SECTOR_PREPOSITIONS:
            continue
        for hit in reversed(_in_range(reading.known, first, last)):
            actor = _pick_known(hit, focus, when)
            sector = _known_sector(actor, when) if actor else None
            if sector:
                d.sector, d.source, d.confidence = sector, "known", 0.75
                return True
        cues = [h for h in _in_range(reading.cues, first, last) if h.value.sector]
        strong = [h for h in cues if h.value.strength == "head"] or cues
        if strong:
            d.sector, d.source, d.confidence = strong[-1].value.sector, "lexicon", 0.7
            d.cue_phrase = _phrase(reading.tokens, strong[-1])
            mods = _in_range(reading.modifiers, first, last)
            _apply_modifiers(d, mods, strong[-1], reading, strong_head=strong[-1].value.strength == "head")
            return True
    return False


def _sector_from_bare_country(reading: _Reading, d: _Decision) -> None:
    """"Thailand", "Beijing", "the Kremlin" act as their government; "the Ukrainians" too."""
    head_countries = _merge_demonym_runs(_in_range(reading.countries, 0, reading.head_end))
    if len(head_countries) != 1:
        return
    hit = head_countries[0]
    iso3, kind, _ = hit.value
    rest = [t for i, t in enumerate(reading.tokens[:reading.head_end])
            if not hit.first <= i < hit.last and t.low not in _DETERMINERS and t.text not in ".'’,"
            and not t.text.isdigit()]
    if rest:
        return
    if kind in (NAME, CAPITAL, SEAT):
        d.sector, d.source, d.confidence = "GOV", "country", 0.9
        d.cue_phrase = country_name(iso3) or iso3  # "U.S.", "America", "Washington": one entity
    elif kind == DEMONYM:
        d.sector, d.source, d.confidence = _demonym_sector(reading, hit), "country", 0.6


def _merge_demonym_runs(hits: list[_Hit]) -> list[_Hit]:
    """"Chinese Americans" is one nationality word (the last), not two countries."""
    out: list[_Hit] = []
    for hit in hits:
        prev = out[-1] if out else None
        if prev is not None and prev.last == hit.first and prev.value[1] == DEMONYM == hit.value[1]:
            out[-1] = _Hit(prev.first, hit.last, hit.value)
        else:
            out.append(hit)
    return out


def _demonym_sector(reading: _Reading, hit: _Hit) -> str:
    word = reading.tokens[hit.last - 1].text
    before = [t.low for t in reading.tokens[:hit.first] if t.text.isalnum()]
    plural = word.endswith("s") and not word.endswith(("ss", "ese"))
    # "Chinese", "the Ukrainians" (a government's position); "three Americans", "an American"
    # (people).
    if before in (["a"], ["an"]):
        return "CVL"
    if not plural or before == ["the"]:
        return "GOV"
    return "CVL"


def _decide_country(reading: _Reading, d: _Decision, focus: str | None, when: date | None,
                    lex: _SectorLexicon) -> None:
    if d.sector == "IGO":
        d.country, d.country_known = None, True
        return
    if _is_relational(reading, lex):
        # "Russian allies" are Russian; "America's allies" and "its partners" are not American.
        d.country, d.country_known = _demonym_of_relational(reading), True
        return
    head_countries = [h for h in _in_range(reading.countries, 0, reading.head_end) if not h.value[2]]
    if head_countries:
        d.country, d.country_known = _first_nationality(head_countries), True
        return
    if d.country_known:
        return  # settled by the apposition
    if d.known is not None and not d.known.domestic:
        d.country, d.country_known = d.known.country_in(d.sector), True
        return
    for word, first, last in reading.segments:
        if word not in _OWNING_PREPOSITIONS:
            continue
        iso3, settled = _country_in_segment(reading, first, last, focus, when)
        if settled:
            d.country, d.country_known = iso3, True
            return
    iso3 = _subdivision_country(reading)
    if iso3:
        d.country, d.country_known = iso3, True


def _first_nationality(hits: list[_Hit]) -> str:
    """"Chinese American journalists", "Iranian-American activist": the last adjective of a
    run of demonyms is the nationality, the ones before it the ancestry."""
    first = hits[0]
    for nxt in hits[1:]:
        if nxt.first != first.last or first.value[1] != DEMONYM or nxt.value[1] != DEMONYM:
            break
        first = nxt
    return first.value[0]


def _demonym_of_relational(reading: _Reading) -> str | None:
    for hit in _in_range(reading.countries, 0, reading.head_end):
        iso3, kind, proxy = hit.value
        possessive = hit.last < len(reading.tokens) and reading.tokens[hit.last].low == "s"
        if kind == DEMONYM and not proxy and not possessive:
            return iso3
    return None


def _country_in_segment(reading: _Reading, first: int, last: int, focus: str | None,
                        when: date | None) -> tuple[str | None, bool]:
    countries = [h for h in _in_range(reading.countries, first, last) if not h.value[2]]
    if countries:
        return countries[0].value[0], True
    for hit in _in_range(reading.known, first, last):
        actor = _pick_known(hit, focus, when)
        if actor is not None:
            return actor.country_in(_known_sector(actor, when)), True
    return None, False


def _subdivision_country(reading: _Reading) -> str | None:
    """"Ontario's provincial leader", "Borno state governor": a region written as an owner."""
    table = _subdivision_countries()
    toks = reading.tokens
    for i, tok in enumerate(toks):
        if not tok.capitalized or i + 1 >= len(toks):
            continue
        nxt = toks[i + 1]
        if nxt.low == "s" or (not nxt.capitalized and nxt.low in ("state", "province", "region", "county",
                                                                      "provincial", "regional", "state's")):
            iso3 = table.get(tok.low)
            if iso3:
                return iso3
    return None


def _is_relational(reading: _Reading, lex: _SectorLexicon) -> bool:
    """"its allies", "international partners", "an enemy kingdom": not the possessor's country."""
    head = reading.tokens[:reading.head_end]
    names = _covered(reading.countries) | _covered(reading.known)
    for i in range(len(head)):
        for length in (2, 1):
            if any(j in names for j in range(i, i + length)):
                continue
            if tuple(t.low for t in head[i:i + length]) in lex.relational:
                return True
    return False


def _marked_international(reading: _Reading, lex: _SectorLexicon) -> bool:
    """"international rights groups", "foreign journalists": the word describes the actor's role
    noun after it. Before no role noun it describes something else: a "retired international
    basketball star" is still somebody's own."""
    cue_tokens = _covered(reading.cues)
    head = reading.tokens[:reading.head_end]
    cue_starts = {h.first for h in _in_range(reading.cues, 0, reading.head_end)}
    for i, t in enumerate(head):
        if t.low not in lex.international or i in cue_tokens:
            continue
        if any(j > i for j in cue_starts):
            return True
        # "Western", "the Europeans": the word is the actor; marked unless a common noun that
        # names no actor follows ("international basketball star Yao Ming")
        if not any(u.text.isalpha() and u.text.islower() for u in head[i + 1:]):
            return True
    return False


# ----------------------------------------------------------------------------------------------
# Names, context and the public function


_NAME_PARTICLE_WORDS = frozenset({"al", "el", "bin", "ibn", "van", "von", "der", "de", "la", "da",
                                  "dos", "du", "le"})


def _person_name_tokens(reading: _Reading) -> list[Token]:
    """The capitalized words at the end of the head that are not titles, roles or countries."""
    taken = _covered(reading.cues) | _covered(reading.countries) | _covered(reading.modifiers)
    out: list[Token] = []
    for i in range(reading.head_end - 1, -1, -1):
        tok = reading.tokens[i]
        if tok.text == "." and out:
            continue  # "Dr. Lai", "Lt. Gen. Chaudhry": the dot belongs to the title
        if i in taken or tok.low in _TITLE_WORDS or tok.text.isdigit():
            break
        if not (tok.capitalized or tok.low in _NAME_PARTICLE_WORDS or _apostrophe_joined(reading, i)) \
                or not tok.text.isalnum():
            break
        out.append(tok)
    while out and out[-1].low in _NAME_PARTICLE_WORDS and not out[-1].capitalized:
        out.pop()
    return list(reversed(out))


def _apostrophe_joined(reading: _Reading, i: int) -> bool:
    """"al-Rufay'i", "Matiang'i": a lowercase piece glued to a name by an apostrophe."""
    tok = reading.tokens[i]
    if i == 0 or tok.low == "s" or tok.start == 0:
        return False
    prev = reading.tokens[i - 1]
    return reading.text[tok.start - 1] in "'’" and prev.end == tok.start - 1 and prev.capitalized


def _looks_like_name(reading: _Reading) -> bool:
    names = _person_name_tokens(reading)
    return bool(names) and not reading.cues and not reading.countries and not reading.known


def _is_pronoun(text: str, lex: _SectorLexicon) -> bool:
    words = [fold(w) for w in re.findall(r"[^\W\d_]+", text)]
    return bool(words) and all(w in lex.pronouns for w in words)


def _descriptors_from_context(text: str, context: str) -> list[str]:
    """The phrases around other mentions of this name in the article: the title before it
    ("Interior Minister Fred Matiangi") and the apposition after it ("Nebenzia, Russia's
    ambassador to the U.N.,")."""
    surname = _surname(text)
    if not surname or len(surname) < 2 or not context:
        return []
    folded = fold_same_length(context)
    body = "".join("['’]" if ch in "'’" else re.escape(ch) for ch in fold_same_length(surname))
    pattern = re.compile(r"(?<![\w])" + body + r"(?![\w])")
    out = []
    for m in pattern.finditer(folded):
        left = _title_run_before(context, m.start())
        right = _apposition_after(context, m.end())
        before = _apposition_before(context, m.start() - len(left))
        if left:
            out.append(left + context[m.start():m.end()])
        if right:
            out.append(right)
        if before:
            out.append(before)
        if len(out) >= 6:
            break
    return out


def _surname(text: str) -> str | None:
    words = [w for w in re.split(r"\s+", text.strip()) if w]
    if not words:
        return None
    last = re.sub(r"(?:['’]s|['’])$", "", words[-1]).strip(".,;:()\"“”")
    last = re.sub(r"^(?:al|el|Al|El)[-‐]", "", last)
    return last or None


def _title_run_before(context: str, start: int) -> str:
    """The words just before a name that can be part of its title: capitalized words, role
    words, country words, "of", "the", possessives; at most ten, stopping at a verb or clause."""
    window = context[max(0, start - 120):start]
    tokens = tokenize(window)
    lex = _sector_lexicon()
    keep_from = len(window)
    count = 0
    for tok in reversed(tokens):
        if tok.text in (",", ";", ":", "(", ")", "\"", "“", "”") or count >= 10:
            break
        if tok.text == "." and not _abbreviation_before(window, tok.start):
            break
        ok = (tok.capitalized or tok.text == "." or tok.low in ("of", "the", "s", "for", "and")
              or (tok.low,) in lex.cues or (tok.low,) in lex.modifiers or tok.low in _TITLE_WORDS
              or tok.low in lex.international or tok.low in _NAME_PARTICLE_WORDS)
        if not ok:
            break
        keep_from = tok.start
        count += 1
    run_tokens = [t for t in tokens if t.start >= keep_from]
    if run_tokens and run_tokens[-1].low in _LINKING_WORDS:
        return ""  # "an ally of Dodik", "talks with Dodik": the words describe someone else
    while run_tokens and run_tokens[0].low in _LINKING_WORDS:
        run_tokens = run_tokens[1:]
    if all(t.low in _NAME_PARTICLE_WORDS for t in run_tokens):
        return ""
    return window[run_tokens[0].start:]


_LINKING_WORDS = frozenset({"of", "for", "and", "the", "with", "to", "s"})


def _abbreviation_before(window: str, dot: int) -> bool:
    return bool(re.search(r"(?:\b[A-Z][a-z]{0,3}|\b[A-Z])$", window[:dot]))


_ROLE_VERBS = frozenset({"heads", "headed", "leads", "led", "is", "was", "chairs", "chaired", "directs",
                         "directed", "runs", "ran", "founded", "represents", "represented", "serves",
                         "served", "commands", "commanded"})
_APPOSITION_STOP = frozenset({",", ";", ":", "(", ")", "\"", "“", "”", ".", "!", "?"})


def _apposition_after(context: str, end: int) -> str:
    """", Russia's ambassador to the U.N.," after a name (first names in between allowed)."""
    window = context[end:end + 200]
    tokens = tokenize(window)
    i = 0
    while i < len(tokens) and tokens[i].capitalized and tokens[i].text.isalpha():
        i += 1  # the rest of the name: "Wood" in "Robert Wood, U.S. deputy ..."
    if i >= len(tokens) or tokens[i].text != ",":
        return ""
    start = i + 1
    if start + 1 < len(tokens) and tokens[start].low == "who" and tokens[start + 1].low in _ROLE_VERBS:
        start += 2  # "Chalida Tajaroensuk, who heads Thailand's People's Empowerment Foundation,"
    stop = start
    while stop < len(tokens) and tokens[stop].text not in _APPOSITION_STOP and stop - start < 25:
        stop += 1
    if stop == start or not _opens_a_noun_phrase(tokens[start]):
        return ""  # "Mhlanga, told VOA ...": a clause, not an apposition
    return window[tokens[start].start:tokens[stop - 1].end]


def _apposition_before(context: str, start: int) -> str:
    """"A spokesman for Myanmar's military government, " before a name: a description that opens
    its sentence or clause and names a role ("In Kenya, Smith said" names none)."""
    window = context[max(0, start - 120):start]
    m = re.search(r"(?:^|[.;:!?(\"“”]\s*|\n)([^,.;:!?()\"“”\n]{3,110}),\s*$", window)
    if m is None:
        return ""
    phrase = m.group(1).strip()
    tokens = tokenize(phrase)
    if not tokens or not _opens_a_noun_phrase(tokens[0]) or tokens[0].low in _NOT_DESCRIPTION_OPENERS:
        return ""
    return phrase


# Words that open an adverbial phrase rather than a description ("In Nairobi, Ruto said").
_NOT_DESCRIPTION_OPENERS = frozenset({
    "in", "on", "at", "after", "before", "during", "since", "while", "when", "as", "but", "and",
    "however", "meanwhile", "earlier", "later", "last", "this", "speaking", "asked", "according"})


def _opens_a_noun_phrase(tok: Token) -> bool:
    lex = _sector_lexicon()
    return (tok.capitalized or tok.low in ("a", "an", "the", "one", "former", "then")
            or (tok.low,) in lex.cues or (tok.low,) in lex.modifiers or tok.low in lex.international
            or tok.low in _TITLE_WORDS)


def _normalized_when(when: date | str | None) -> date | None:
    if when is None or isinstance(when, date):
        return when
    return _as_date(when)


def resolve_actor(text: str, focus_country: str | None = None, ner_label: str | None = None,
                  context: str = "", when: date | str | None = None) -> ActorResolution:
    """Country, sector, canonical name and entity id of an actor phrase.

    ``focus_country``: ISO3 the article is about, lent to domestic role words ("the police").
    ``ner_label``: spaCy's label of the phrase's head (PERSON, ORG, GPE, NORP), when known.
    ``context``: the article text (or a paragraph): lets a bare name ("Bugti") take the title
    written elsewhere ("Balochistan Chief Minister Sarfraz Bugti").
    ``when``: the article's date; chooses the role a known person held then.
    Never raises; unknown phrases come back with ``country=None, sector=None``.
    """
    try:
        return _resolve(text, focus_country, ner_label, context, _normalized_when(when))
    except Exception:  # a resolver must not stop the pipeline on an odd phrase
        return ActorResolution(None, None, None, None, 0.0, "none")


def _resolve(text: str, focus: str | None, ner_label: str | None, context: str,
             when: date | None) -> ActorResolution:
    if not isinstance(text, str) or not text.strip():
        return ActorResolution(None, None, None, None, 0.0, "none")
    lex = _sector_lexicon()
    cleaned = _clean(text)
    if _is_pronoun(cleaned, lex):
        return ActorResolution(None, None, None, None, 0.1, "none")
    reading = _read(cleaned)
    d = _decide(reading, focus, when)
    label = (ner_label or "").upper()
    if d.sector is None and d.known is None and context and _looks_like_name(reading) \
            and label in ("", "PERSON", "ORG"):
        _borrow_from_context(cleaned, context, d, focus, when)
    elif d.known is None and not d.country_known and context and not reading.countries \
            and _person_name_tokens(reading) and label in ("", "PERSON"):
        # "Maj. Gen. Kyaw Lin Aung": the title says what he is, the article says whose.
        _borrow_country_from_context(cleaned, context, d, focus, when)
    if d.sector is None and d.known is None and (ner_label or "").upper() in ("GPE", "LOC") \
            and not reading.countries:
        iso3 = _subdivision_countries().get(fold(cleaned))
        if iso3:
            d.country, d.country_known, d.sector, d.source, d.confidence = iso3, True, "GOV", "country", 0.6
    if not d.country_known and _unidentified(reading, d, lex):
        # "unnamed individuals", "unidentified gunmen": nobody knows who, so nor whose.
        d.country_known = True
        if d.sector == "CVL":
            d.sector = None  # not known to be civilians either
    if d.sector == "REB" and d.known is None and not d.country_known and context:
        _country_of_article_group(d, context, focus, when)
    _fallback_to_focus(reading, d, focus, ner_label, lex)
    name = _canonical_name(reading, d)
    return ActorResolution(
        country=d.country, sector=d.sector, name=name,
        entity_id=entity_id_for(name or _generic_key(reading, d, cleaned), d.country, d.sector),
        confidence=round(d.confidence, 2), source=d.source, country_from_focus=d.country_from_focus,
    )


class CountryRole(NamedTuple):
    """A role phrase the text ties to a country ("six Myanmar military officers")."""

    start: int
    country: str
    sector: str


_PHRASE_WORDS = 5  # how far after its country word a role phrase may end ("Myanmar's military government")


def country_roles(text: str, before: int | None = None) -> Iterator[CountryRole]:
    """The phrases in ``text`` (those starting before ``before``, nearest first) whose country word
    marks a role word: "Myanmar military officers" (MMR, MIL), "Kenya's police" (KEN, COP). A bare
    country ("Australia imposed") is no role phrase: its sector comes from the country alone.
    Phrases are read lazily, so a caller stopping at the first fit reads few."""
    for start, end, iso3 in reversed(_country_phrases(text)):
        if before is not None and start >= before:
            continue
        sector = _role_sector(text, start, end, iso3)
        if sector is not None:
            yield CountryRole(start, iso3, sector)


@lru_cache(maxsize=32)
def _country_phrases(text: str) -> tuple[tuple[int, int, str], ...]:
    """Each country word with the extent of the phrase it may open, in text order."""
    tokens = tokenize(text)
    after = {tok.end: i + 1 for i, tok in enumerate(tokens)}
    phrases = []
    for mention in country_mentions_detailed(text, kinds=(NAME, DEMONYM), tokens=tokens):
        if mention.proxy:
            continue
        end = mention.end
        for tok in tokens[after.get(mention.end, len(tokens)):][:_PHRASE_WORDS]:
            if tok.text in _BOUNDARY_PUNCT or tok.text in ".!?" or tok.low in _BOUNDARY_WORDS \
                    or tok.low in ("and", "or", "but"):
                break
            end = tok.end
        phrases.append((mention.start, end, mention.iso3))
    return tuple(phrases)


@lru_cache(maxsize=4096)
def _role_sector(text: str, start: int, end: int, iso3: str) -> str | None:
    found = resolve_actor(text[start:end])
    return found.sector if found.source == "lexicon" and found.country == iso3 else None


def _clean(text: str) -> str:
    # "the [U.N.] Security Council": brackets are the editor's, the words are the text's.
    text = text.replace("[", "").replace("]", "")
    # 'killed 1,000" Taliban fighters': a quotation mark inside a phrase is no part of its words.
    text = re.sub(r"[\"“”]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def _borrow_from_context(text: str, context: str, d: _Decision, focus: str | None,
                         when: date | None) -> None:
    """Take the sector from the first fuller mention that has one, the country likewise."""
    sector_from: _Decision | None = None
    country_from: _Decision | None = None
    surname = _name_keys(_surname(text) or "")
    for reading, other in _context_decisions(text, context, focus, when):
        fuller = _canonical_name(reading, other)
        if other.known is not None and fuller != other.known.name:
            other.known = None  # "IS deputy caliph al-Rufay'i" names a member, not IS itself
        if fuller and surname and _name_keys(fuller)[-1:] == surname[-1:]:
            other.borrowed_name = fuller  # "Dembele" is "Abass Dembele" in this article
        if sector_from is None and other.sector is not None:
            sector_from = other
        if country_from is None and other.country_known and other.country is not None:
            country_from = other
        if sector_from is not None and country_from is not None:
            break
    if sector_from is None and country_from is None:
        return
    if sector_from is not None:
        d.sector, d.known, d.cue_phrase = sector_from.sector, sector_from.known, sector_from.cue_phrase
        d.borrowed_name = sector_from.borrowed_name
        d.known_hit = None  # the name belongs to the context phrase, not to this text
        if sector_from.country_known:
            d.country, d.country_known = sector_from.country, True
    if country_from is not None and not d.country_known:
        d.country, d.country_known = country_from.country, True
    d.source = "context"
    d.confidence = 0.6 if d.sector else 0.4


def _context_decisions(text: str, context: str, focus: str | None,
                       when: date | None) -> Iterator[tuple[_Reading, _Decision]]:
    """Each fuller mention of the name in the article, read and decided."""
    for phrase in _descriptors_from_context(text, context):
        reading = _read(_clean(phrase))
        yield reading, _decide(reading, focus, when)


def _borrow_country_from_context(text: str, context: str, d: _Decision, focus: str | None,
                                 when: date | None) -> None:
    """Take only the country, from the first fuller mention that names one."""
    for _, other in _context_decisions(text, context, focus, when):
        if other.country_known and other.country is not None:
            d.country, d.country_known = other.country, True
            d.source = "context"
            return


# Sectors that say what someone did or looked like rather than whom they belong to.
_UNAFFILIATED_SECTORS = frozenset({"CVL", "UAF", "CRM"})


def _unidentified(reading: _Reading, d: _Decision, lex: _SectorLexicon) -> bool:
    """An "unidentified"/"unnamed" word just before the head noun of an unaffiliated actor
    ("unnamed individuals", "unknown armed men"), not "unnamed officials" (whose name is withheld,
    not their side) nor "an unknown number of civilians"."""
    if d.sector not in _UNAFFILIATED_SECTORS or d.known is not None:
        return False
    head = [h for h in _in_range(reading.cues, 0, reading.head_end) if h.value.sector == d.sector]
    if not head:
        return False
    cue = head[-1]
    return any(t.low in lex.unidentified for t in reading.tokens[max(0, cue.first - 2):cue.first])


def _country_of_article_group(d: _Decision, context: str, focus: str | None, when: date | None) -> None:
    """"the militants" in a story about al-Shabab attacks in Kenya are al-Shabab's, from Somalia:
    a bare armed-group word points back to the armed group the article names most, not to the
    country where the story is set. A transnational group ("Islamic State") has no country."""
    group = _article_armed_group(context, focus, when)
    if group is not None:
        d.country, d.country_known = group.country, True
        d.source = "context"


@lru_cache(maxsize=64)
def _article_armed_group(context: str, focus: str | None, when: date | None) -> KnownActor | None:
    counts: dict[str, int] = {}
    first_seen: dict[str, KnownActor] = {}
    for hit in _find_known(tokenize(context)):
        actor = _pick_known(hit, focus, when)
        if actor is None or _known_sector(actor, when) != "REB":
            continue
        counts[actor.name] = counts.get(actor.name, 0) + 1
        first_seen.setdefault(actor.name, actor)
    if not counts:
        return None
    best = max(counts.values())
    return next(a for name, a in first_seen.items() if counts[name] == best)


def _fallback_to_focus(reading: _Reading, d: _Decision, focus: str | None, ner_label: str | None,
                       lex: _SectorLexicon) -> None:
    if d.country_known or not focus:
        return
    label = (ner_label or "").upper()
    named = label in ("PERSON", "GPE", "LOC", "FAC") or (_looks_like_name(reading) and label != "NORP")
    if d.sector is None and not named:
        return  # nothing says this is a domestic actor ("Arab", "European", "Shiite")
    if d.sector in lex.no_focus or _marked_international(reading, lex):
        return
    if d.known is not None and d.known.transnational:
        return
    d.country = focus
    d.country_from_focus = True
    if d.source == "none":
        d.source, d.confidence = "focus", 0.3
    else:
        d.confidence = min(d.confidence, 0.6)


def _canonical_name(reading: _Reading, d: _Decision) -> str | None:
    """The known entity's name when the phrase names it; a person's name after a title."""
    if d.known is None and d.borrowed_name:
        return d.borrowed_name
    if d.known is not None:
        if d.known_hit is None:
            return d.known.name  # found through the article's fuller mention of the name
        tail = [t for t in reading.tokens[d.known_hit.last:reading.head_end] if t.text.isalnum()
                and t.low != "s"]
        if not tail:
            return d.known.name
    names = _person_name_tokens(reading)
    if names and (d.sector is not None or _looks_like_name(reading)):
        return reading.text[names[0].start:names[-1].end]
    return None


def _generic_key(reading: _Reading, d: _Decision, text: str) -> str:
    if d.cue_phrase:
        return d.cue_phrase
    words = [t.low for t in reading.tokens[:reading.head_end]
             if t.low not in _DETERMINERS and not t.text.isdigit() and t.text.isalnum()]
    return " ".join(words) or text


def with_country(entity_id: str, country: str | None) -> str:
    """The same entity key, with another country ("zamora.gtm.jrn" -> "zamora.mlt.jrn")."""
    key, _, sector = entity_id.rsplit(".", 2)
    return f"{key}.{(country or 'xxx').lower()}.{sector}"


def entity_id_for(name: str, country: str | None, sector: str | None) -> str:
    """A stable key: the slug of the name, the country and the sector ("assimi-goita.mli.gov")."""
    key = slug(name)
    if len(key) > 48:
        key = key[:40] + "-" + hashlib.sha1(key.encode()).hexdigest()[:7]
    return f"{key}.{(country or 'xxx').lower()}.{(sector or 'unk').lower()}"


def known_actor(text: str, when: date | str | None = None,
                focus_country: str | None = None) -> KnownActor | None:
    """The known actor that the whole phrase names ("Gen Goïta" -> Assimi Goita), if any."""
    reading = _read(_clean(text or ""))
    d = _decide(reading, focus_country, _normalized_when(when))
    return d.known


# ----------------------------------------------------------------------------------------------
# Within-article identity


_NAME_PARTICLES = ("al-", "el-", "al ", "el ", "al‐", "el‐")


def strip_titles(name: str) -> str:
    """A person's name without titles, roles and country words: "Gen Asimi Goïta" -> "Asimi Goïta"."""
    cleaned = _clean(name)
    reading = _read(cleaned)
    tokens = _person_name_tokens(reading)
    if not tokens:
        return re.sub(r"(?:['’]s|['’])$", "", cleaned).strip()
    text = cleaned[tokens[0].start:tokens[-1].end]
    return re.sub(r"(?:['’]s|['’])$", "", text).strip()


def _name_keys(name: str) -> tuple[str, ...]:
    words = []
    for word in re.split(r"\s+", name):
        low = fold(word).strip(".,")
        for particle in _NAME_PARTICLES:
            if low.startswith(particle) and len(low) > len(particle) + 1:
                low = low[len(particle):]
        low = low.replace("’", "'")
        if low:
            words.append(low)
    return tuple(words)


def _is_part_of(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    if not short or len(short) >= len(long):
        return False
    return long[-len(short):] == short or long[:len(short)] == short


def link_mentions(names: list[str]) -> dict[str, str]:
    """Map each person mention of one article to the longest form of the same name.

    ``["Gen Asimi Goïta", "Gen Goïta", "Goïta"]`` -> all three map to ``"Asimi Goïta"``. Titles
    are stripped; matching ignores accents, "al-" particles and case; a short name matches a
    longer one that ends (or, for East Asian order, begins) with it. When several longer names
    fit, the first one mentioned wins.
    """
    bare = {n: strip_titles(n) for n in names if isinstance(n, str) and n.strip()}
    keys = {n: _name_keys(b) for n, b in bare.items()}
    order = list(dict.fromkeys(bare))  # first-mention order
    canonical: dict[str, str] = {}
    for name in order:
        key = keys[name]
        candidates = [other for other in order if _is_part_of(key, keys[other])]
        if candidates:
            longest = max(len(keys[c]) for c in candidates)
            best = next(c for c in candidates if len(keys[c]) == longest)
            canonical[name] = bare[best]
        else:
            canonical[name] = bare[name]
    # A middle-length form may itself be part of a longer one: follow the chain once more.
    by_bare_key = {_name_keys(v): v for v in canonical.values()}
    for name, target in canonical.items():
        key = _name_keys(target)
        longer = [v for k, v in by_bare_key.items() if _is_part_of(key, k)]
        if longer:
            canonical[name] = max(longer, key=lambda v: len(_name_keys(v)))
    return canonical
