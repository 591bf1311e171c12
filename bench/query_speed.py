#!/usr/bin/env python3
"""How fast the store answers the usual questions over 100k events.

    python bench/query_speed.py [--events 100000] [--repeat 15] [--db PATH] [--json]

Generates synthetic articles and events (seeded, so every run builds the same store) straight
into a temporary SQLite store through the store's own row builders, in one transaction, then
times typical queries through the public API (``Store.events`` etc., so row decoding counts).
Each query runs once to warm the page cache, then ``--repeat`` times; median and worst are
reported. A script, not a test: timings depend on the machine and what else runs on it.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from eventwire.records import (  # noqa: E402
    Actor, Article, CodedArticle, Event, EventDate, Place, Quantity, TextSpan,
)
from eventwire.store import EventFilter, Store  # noqa: E402
from eventwire.store import rows as R  # noqa: E402
from eventwire.store.schema import articles, claims, entities, event_entities, events  # noqa: E402
from eventwire.store.upsert import insert_missing  # noqa: E402

TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
         "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]
MODES = {"PROTEST": ["demo", "strike", "riot"], "ASSAULT": ["firearms", "aerial", "bombing"],
         "COERCE": ["arrest", "censor", "seize"]}
SECTORS = ["GOV", "MIL", "COP", "REB", "OPP", "CVL", "JRN", "LAB", "NGO", "IGO"]
FACTUALITY = ["asserted"] * 5 + ["reported"] * 3 + ["alleged", "denied", "future"]
WORDS = ("government police army protest election border talks ceasefire strike drone market "
         "minister president rebels village capital court sanctions aid refugees fighting "
         "agreement opposition journalists parliament troops attack negotiations province "
         "curfew detained released killed wounded convoy embassy summit treaty vote budget "
         "workers union students farmers militia hostage pipeline port airport bridge").split()
EVENTS_PER_ARTICLE = 5


COMMON_COUNTRIES = ["USA", "GBR", "FRA", "KEN", "SDN", "UKR", "RUS", "ISR", "PSE", "CHN", "IND",
                    "NGA", "MLI", "SYR", "IRQ", "AFG", "PAK", "MEX", "BRA", "ZAF"]


def _countries(rng: random.Random) -> tuple[list[str], list[float]]:
    """80 countries; the 20 that dominate the news get most events (as they do)."""
    import pycountry

    others = sorted(c.alpha_3 for c in pycountry.countries if c.alpha_3 not in COMMON_COUNTRIES)
    countries = COMMON_COUNTRIES + rng.sample(others, 60)
    return countries, [5.0] * len(COMMON_COUNTRIES) + [1.0] * 60


def _vocabulary(rng: random.Random, size: int = 5000) -> tuple[list[str], list[float]]:
    """Zipf-distributed words, with the news words above spread over the first few hundred
    ranks, so a query word matches a realistic few percent of articles, not all of them."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    words = ["".join(rng.choice(letters) for _ in range(rng.randint(3, 9))) for _ in range(size)]
    for i, word in enumerate(WORDS):
        words[5 + i * 7] = word
    cumulative, total = [], 0.0
    for rank in range(1, size + 1):
        total += 1.0 / rank
        cumulative.append(total)
    return words, cumulative


def build(store: Store, n_events: int, seed: int = 7) -> float:
    """Fill ``store`` with ``n_events`` synthetic events; returns the seconds it took."""
    rng = random.Random(seed)
    countries, weights = _countries(rng)
    vocabulary, cumulative = _vocabulary(rng)
    actor_names = [f"{rng.choice(WORDS).title()} {rng.choice(WORDS)} group {i}"
                   for i in range(3000)] + ["Kenyan police", "Rapid Support Forces"]
    start_day = date(2023, 1, 1)
    started = time.perf_counter()
    now = datetime.now(timezone.utc)
    n_articles = n_events // EVENTS_PER_ARTICLE
    article_rows, event_rows, entity_rows, link_rows, claim_rows = [], [], {}, [], []
    for a in range(n_articles):
        text = " ".join(rng.choices(vocabulary, cum_weights=cumulative, k=180)) + "."
        pub = start_day + timedelta(days=rng.randrange(3 * 365))
        article = Article(id=f"syn-{a}", text=text, title=" ".join(rng.sample(WORDS, 6)),
                          pub_date=pub, url=f"https://synthetic.test/{a}", source="Synthetic")
        focus = rng.choices(countries, weights)[0]
        coded = CodedArticle(article=article, focus_country=focus)
        for _ in range(EVENTS_PER_ARTICLE):
            coded.events.append(_event(rng, text, pub, focus, countries, actor_names))
        article_rows.append(R.article_row(article, id=article.id, source=article.source,
                                          codebook_version="bench", coded=coded,
                                          ingested_at=now))
        for seq, (event, event_id) in enumerate(zip(coded.events, R.event_ids(coded, article.id))):
            event_rows.append(R.event_row(event, id=event_id, article_id=article.id, seq=seq,
                                          pub_date=pub, focus_country=coded.focus_country))
            found, links = R.entity_rows(event, event_id)
            for entity in found:
                entity_rows.setdefault(entity["entity_id"], entity)
            link_rows += links
            claim_rows.append(R.claim_row(event, event_id=event_id, article_id=article.id,
                                          source="Synthetic", stated_on=pub))
    with store.engine.begin() as connection:
        connection.execute(articles.insert(), article_rows)
        connection.execute(events.insert(), event_rows)
        insert_missing(connection, entities, list(entity_rows.values()), ["entity_id"])
        connection.execute(event_entities.insert(), link_rows)
        connection.execute(claims.insert(), claim_rows)
    with store.engine.connect() as connection:
        connection.exec_driver_sql("ANALYZE")  # what `PRAGMA optimize` would do over time
    return time.perf_counter() - started


def _event(rng: random.Random, text: str, pub: date, focus: str, countries: list[str],
           actor_names: list[str]) -> Event:
    type_ = rng.choice(TYPES)
    start = rng.randrange(0, len(text) - 120)
    sentence = TextSpan(text[start:start + 100], start, start + 100)
    trigger = TextSpan(text[start + 10:start + 16], start + 10, start + 16)
    country = focus if rng.random() < 0.8 else rng.choice(countries)
    day = pub - timedelta(days=rng.randrange(4))
    precision = rng.choice(["day", "day", "day", "month", None])
    value = (day.isoformat() if precision == "day" else day.isoformat()[:7]
             if precision == "month" else None)

    def someone() -> Actor:
        name = rng.choice(actor_names)
        return Actor(text=name, start=start, end=start + 5,
                     country=country if rng.random() < 0.7 else rng.choice(countries),
                     sector=rng.choice(SECTORS))

    place = None
    if rng.random() < 0.6:
        place = Place(text="Town", start=start, end=start + 4, name=f"Town {rng.randrange(500)}",
                      country=country, lat=rng.uniform(-40, 60), lon=rng.uniform(-120, 150),
                      precision="city")
    return Event(type=type_, mode=rng.choice(MODES.get(type_, [None])), evidence=sentence,
                 trigger=trigger, actor=[someone()], recipient=[someone()] if rng.random() < 0.7
                 else [], date=EventDate(value, precision), location=place,
                 factuality=rng.choice(FACTUALITY), quantity=Quantity(dead=rng.choice(
                     [None] * 8 + [1, 5])), confidence=round(rng.random(), 2),
                 codebook_version="bench")


def queries() -> dict[str, EventFilter]:
    return {
        "latest page (no filter)": EventFilter(),
        "country+type+date range": EventFilter(country="KEN", type="PROTEST",
                                               since=date(2024, 1, 1), until=date(2024, 12, 31)),
        "country+type+date range (common)": EventFilter(
            country=("USA", "GBR", "FRA", "KEN"), type=("ASSAULT", "PROTEST", "COERCE"),
            since=date(2023, 6, 1), until=date(2025, 6, 1)),
        "type+date range": EventFilter(type="ASSAULT", since=date(2024, 3, 1),
                                       until=date(2024, 3, 31)),
        "text search (one word)": EventFilter(search="ceasefire"),
        "text search (phrase + filter)": EventFilter(search='"drone strike"', type="ASSAULT"),
        "text search (two words)": EventFilter(search="hostage embassy"),
        "text search (OR, exclusion)": EventFilter(search="curfew OR convoy -airport"),
        "actor (common words)": EventFilter(actor="police"),
        "actor (rare name)": EventFilter(actor="Rapid Support"),
        "actor + country": EventFilter(actor="group 12", country="KEN"),
        "factuality + date": EventFilter(factuality="denied", since=date(2025, 1, 1)),
        "second page (cursor)": None,  # filled in below from the first page's cursor
    }


def time_query(store: Store, flt: EventFilter, repeat: int) -> tuple[list[float], int]:
    store.events(flt)  # once to warm the page cache
    times = []
    found = 0
    for _ in range(repeat):
        started = time.perf_counter()
        page = store.events(flt)
        times.append(time.perf_counter() - started)
        found = len(page.items)
    return times, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--db", type=Path, help="keep the store here (default: a temp dir)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or Path(tmp) / "bench.db"
        with Store.open(path) as store:
            if store.counts()["events"] == 0:
                built = build(store, args.events)
                print(f"built {args.events:,} events in {built:.1f} s ({path})", file=sys.stderr)
            todo = queries()
            todo["second page (cursor)"] = EventFilter(
                cursor=store.events(EventFilter()).next_cursor)
            results = {}
            for name, flt in todo.items():
                times, found = time_query(store, flt, args.repeat)
                results[name] = {"median_ms": statistics.median(times) * 1000,
                                 "max_ms": max(times) * 1000, "rows": found}
            event_id = store.events(EventFilter(limit=1)).items[0].id
            for name, call in (("one event by id", lambda: store.event(event_id)),
                               ("one event by id prefix", lambda: store.event(event_id[:8])),
                               ("count all", store.count_events)):
                call()
                times = []
                for _ in range(args.repeat):
                    started = time.perf_counter()
                    call()
                    times.append(time.perf_counter() - started)
                results[name] = {"median_ms": statistics.median(times) * 1000,
                                 "max_ms": max(times) * 1000, "rows": 1}
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(f"{'query':36} {'median ms':>10} {'max ms':>8} {'rows':>7}")
    for name, r in results.items():
        flag = "" if r["max_ms"] < 200 else "  (over 200 ms)"
        print(f"{name:36} {r['median_ms']:10.1f} {r['max_ms']:8.1f} {r['rows']:7}{flag}")


if __name__ == "__main__":
    main()
