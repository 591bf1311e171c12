"""Render coded articles for people (a terminal table) and programs (JSON, JSON Lines)."""

from __future__ import annotations

import json
from typing import IO, Iterable

from rich.console import Console
from rich.table import Table
from rich.text import Text

from eventwire.records import Actor, CodedArticle, Event

FORMATS = ("table", "json", "jsonl")


def _actors(actors: list[Actor]) -> str:
    parts = []
    for a in actors:
        code = "/".join(x for x in (a.country, a.sector) if x) or "?"
        label = a.text if not a.implicit else f"({a.text})"
        parts.append(f"{label} [{code}]")
    return "; ".join(parts) or "-"


def _date(event: Event) -> str:
    if event.date.value:
        return f"{event.date.value} ({event.date.precision})"
    return "-"


def _where(event: Event) -> str:
    loc = event.location
    if loc is None:
        return "-"
    name = loc.name or loc.text or ""
    return f"{name} [{loc.country or '?'}]".strip()


def _how_sure(event: Event) -> str:
    text = event.factuality
    if event.attribution:
        text += f" ({event.attribution})"
    return text


def _quantity(event: Event) -> str:
    q = event.quantity
    parts = [f"{label} {'>=' if q.lower_bound else ''}{value}"
             for label, value in (("people", q.people), ("dead", q.dead), ("injured", q.injured))
             if value is not None]
    if not parts and q.qualitative:
        parts.append(q.qualitative)
    return ", ".join(parts) or "-"


def _evidence(event: Event, width: int = 90) -> Text:
    """The sentence, with the trigger in bold, trimmed around the trigger."""
    sentence = event.evidence.text
    local = event.trigger.start - event.evidence.start
    lo = max(0, local - width // 2)
    hi = min(len(sentence), lo + width)
    out = Text("…" if lo else "")
    out.append(sentence[lo:local])
    out.append(sentence[local:local + len(event.trigger.text)], style="bold magenta")
    out.append(sentence[local + len(event.trigger.text):hi])
    if hi < len(sentence):
        out.append("…")
    return out


def print_table(coded: CodedArticle, console: Console) -> None:
    article = coded.article
    heading = f"[bold]{article.id}[/bold]"
    if article.title:
        heading += f"  {article.title}"
    heading += f"  (published {article.pub_date.isoformat() if article.pub_date else 'unknown'}"
    count = len(coded.events)
    heading += f"; focus {coded.focus_country or '?'}; {count} event{'s' if count != 1 else ''})"
    console.print(heading)
    for warning in coded.warnings:
        console.print(f"[yellow]note:[/yellow] {warning}")
    if not coded.events:
        console.print("  no codeable political events found\n")
        return
    if console.width < 120:
        _print_blocks(coded, console)
        return
    table = Table(show_lines=True, expand=True)
    # Type names and ACLED labels stay whole; free text wraps at word boundaries.
    for column, ratio, min_width in (("type / mode", 2, 14), ("actor", 3, 10), ("recipient", 3, 10),
                                     ("when", 2, 10), ("where", 2, 6), ("how sure", 2, 9),
                                     ("n", 1, 4), ("evidence", 6, 16)):
        table.add_column(column, ratio=ratio, min_width=min_width, overflow="fold")
    for event in coded.events:
        kind = event.type + (f"\n{event.mode}" if event.mode else "")
        if event.acled:
            kind += f"\nACLED: {event.acled['sub_event_type']}"
        table.add_row(kind, _actors(event.actor), _actors(event.recipient), _date(event),
                      _where(event), f"{_how_sure(event)}\nconf {event.confidence:.2f}",
                      _quantity(event), _evidence(event))
    console.print(table)
    console.print()


def _print_blocks(coded: CodedArticle, console: Console) -> None:
    """Narrow terminals: one short block per event instead of an 8-column table."""
    for number, event in enumerate(coded.events, 1):
        head = Text(f"{number}. ", style="bold")
        head.append(event.type + (f"/{event.mode}" if event.mode else ""), style="bold cyan")
        if event.acled:
            head.append(f"  ACLED: {event.acled['event_type']} / {event.acled['sub_event_type']}")
        head.append(f"  conf {event.confidence:.2f}")
        console.print(head)
        console.print(f"   actor: {_actors(event.actor)}   recipient: {_actors(event.recipient)}",
                      markup=False)
        console.print(f"   when: {_date(event)}   where: {_where(event)}   n: {_quantity(event)}",
                      markup=False)
        console.print(f"   how sure: {_how_sure(event)}", markup=False)
        evidence = Text("   evidence: ")
        evidence.append(_evidence(event, width=console.width * 2))
        console.print(evidence)
    console.print()


def write(coded_articles: Iterable[CodedArticle], fmt: str, stream: IO[str],
          console: Console | None = None) -> int:
    """Write every article in the chosen format; returns how many were written."""
    count = 0
    if fmt == "table":
        console = console or Console(file=stream)
        for coded in coded_articles:
            print_table(coded, console)
            count += 1
    elif fmt == "jsonl":
        for coded in coded_articles:
            stream.write(json.dumps(coded.to_dict(), ensure_ascii=False) + "\n")
            count += 1
    elif fmt == "json":
        items = [c.to_dict() for c in coded_articles]
        json.dump(items, stream, ensure_ascii=False, indent=2)
        stream.write("\n")
        count = len(items)
    else:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return count
