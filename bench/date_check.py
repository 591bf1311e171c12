#!/usr/bin/env python3
"""How often does ``date_for_trigger`` give the gold date? A measurement, not a test.

For each gold event of the VOA dev set it finds the gold quote in the article, takes the sentence
around it (a simple regex splitter), runs ``date_for_trigger`` with the trigger at the start of the
quote and compares the result with the gold date at the gold precision (null against null counts
as a match). It also shows what the gold says when the sentence has no usable time expression, so
a caller can choose its fallback (null, the publication day, month or year).

usage: python bench/date_check.py [--shared DIR] [--future-from-gold] [--show-misses]
Data is read in place from ../shared (or $EVENTWIRE_SHARED); nothing is copied.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from eventwire.records import EventDate  # noqa: E402
from eventwire.resolve.dates import date_for_trigger  # noqa: E402

_ABBREVIATION = re.compile(
    r"(?:\b[A-Z]|\b(?:[A-Z]\.){1,3}[A-Z]|Mr|Mrs|Ms|Dr|Gen|Col|Lt|Sgt|Capt|Rep|Sen|Gov|Prof|St|No|Jr|Sr|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|vs|etc|approx|Inc|Corp|Ltd)\.$")
_BOUNDARY = re.compile(r"[.!?][\"”’')]*\s+(?=[\"“‘(]?[A-Z0-9])|\n+")


@dataclass
class Case:
    story_id: str
    pub_date: date
    quote: str
    sentence: str
    trigger: int  # offset of the quote start within the sentence
    gold_value: str | None
    gold_precision: str | None
    future: bool


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """Sentence spans by a regex that skips common abbreviations ("U.S.", "Feb.", "Gen.")."""
    bounds, start = [], 0
    for match in _BOUNDARY.finditer(text):
        head = text[start:match.start() + 1]
        if match.group(0)[0] == "." and _ABBREVIATION.search(head):
            continue
        bounds.append((start, match.start() + 1))
        start = match.end()
    bounds.append((start, len(text)))
    return [(s, e) for s, e in bounds if text[s:e].strip()]


def _locate(quote: str, text: str) -> int:
    at = text.find(quote)
    if at >= 0:
        return at
    words = [re.escape(w) for w in re.findall(r"\w+", quote)]
    match = re.search(r"\W+".join(words), text) if words else None
    return match.start() if match else -1


def load_cases(shared: Path) -> tuple[list[Case], int]:
    voa = shared / "data" / "voa"
    stories = {}
    with open(voa / "voa_stories.jsonl", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            stories[record["id"]] = record
    cases, missing = [], 0
    with open(voa / "dev_gold.jsonl", encoding="utf-8") as handle:
        for line in handle:
            gold = json.loads(line)
            story = stories[gold["id"]]
            text, pub = story["text"], date.fromisoformat(story["published"][:10])
            bounds = sentence_bounds(text)
            for event in gold["events"]:
                at = _locate(event["quote"], text)
                if at < 0:
                    missing += 1
                    continue
                start, end = next((s, e) for s, e in bounds if s <= at < e)
                end = max(end, min(len(text), at + len(event["quote"])))
                cases.append(Case(gold["id"], pub, event["quote"], text[start:end], at - start,
                                  event.get("date"), event.get("date_precision"),
                                  event.get("factuality") == "future"))
    return cases, missing


def equal_at_gold_precision(predicted: EventDate, gold_value: str | None) -> bool:
    if gold_value is None:
        return predicted.value is None
    return predicted.value is not None and predicted.value[:len(gold_value)] == gold_value


def gold_relation_to_pub(case: Case) -> str:
    """What the gold date is, seen from the publication date."""
    if case.gold_value is None:
        return "null"
    pub = case.pub_date.isoformat()
    if case.gold_value == pub:
        return "pub day"
    if case.gold_precision == "month" and case.gold_value == pub[:7]:
        return "pub month"
    if case.gold_precision == "year" and case.gold_value == pub[:4]:
        return "pub year"
    if case.gold_precision == "day" and case.gold_value[:7] == pub[:7]:
        return "other day, pub month"
    return "other"


def run(cases: list[Case], future_from_gold: bool, show_misses: bool) -> None:
    hits, found_hits, found = 0, 0, 0
    no_expression = Counter()
    fallback_hits = Counter()
    for case in cases:
        predicted = date_for_trigger(case.sentence, case.trigger, case.pub_date,
                                     future=case.future and future_from_gold)
        ok = equal_at_gold_precision(predicted, case.gold_value)
        hits += ok
        if predicted.span is not None:
            found += 1
            found_hits += ok
        else:
            relation = gold_relation_to_pub(case)
            no_expression[relation] += 1
            for name, value in _fallbacks(case.pub_date).items():
                fallback_hits[name] += equal_at_gold_precision(value, case.gold_value)
        if show_misses and not ok:
            said = f"{predicted.value} {predicted.precision} <- {predicted.span.text!r}" if predicted.span else "none"
            print(f"MISS {case.story_id} pub={case.pub_date} gold={case.gold_value} {case.gold_precision} "
                  f"pred={said}\n     {case.sentence[case.trigger:case.trigger + 110]!r}")
    total = len(cases)
    print(f"events: {total}   date accuracy at gold precision: {hits}/{total} = {hits / total:.3f}")
    print(f"  with a time expression chosen: {found_hits}/{found} = {found_hits / max(found, 1):.3f}")
    rest = total - found
    print(f"  without one (value None): {rest}; gold for these: " +
          ", ".join(f"{k} {v}" for k, v in no_expression.most_common()))
    for name, count in fallback_hits.items():
        print(f"    fallback '{name}' would be right on {count}/{rest} -> overall "
              f"{(found_hits + count) / total:.3f}")


def _fallbacks(pub: date) -> dict[str, EventDate]:
    return {
        "null": EventDate(),
        "pub day": EventDate(value=pub.isoformat(), precision="day"),
        "pub month": EventDate(value=pub.isoformat()[:7], precision="month"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    default_shared = Path(os.environ.get("EVENTWIRE_SHARED", Path(__file__).resolve().parents[2] / "shared"))
    parser.add_argument("--shared", type=Path, default=default_shared)
    parser.add_argument("--future-from-gold", action="store_true",
                        help="pass future=True for events whose gold factuality is 'future', as a coder would")
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args()
    if not (args.shared / "data" / "voa" / "dev_gold.jsonl").exists():
        sys.exit(f"no dev gold under {args.shared}; set --shared or EVENTWIRE_SHARED")
    cases, missing = load_cases(args.shared)
    if missing:
        print(f"({missing} gold quotes not found in their article; skipped)")
    run(cases, args.future_from_gold, args.show_misses)


if __name__ == "__main__":
    main()
