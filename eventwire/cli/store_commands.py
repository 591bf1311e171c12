"""CLI commands of the store stage (registered on the main app): ingest, events, stories, show,
export, db. A thin layer: filters become an :class:`~eventwire.store.EventFilter`, the store
answers, and this module only renders. Database problems are one ``error:`` line, exit 2."""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from dataclasses import asdict
from datetime import date
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator, List, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:  # pragma: no cover
    from eventwire.records import Actor, Event, Story
    from eventwire.store import EventFilter, Store, StoredEvent
    from eventwire.store.runner import IngestSummary

DB_HELP = ("Database: a SQLite file path or a postgresql:// URL (default: $EVENTWIRE_DB, else "
           "eventwire.db in your user data directory).")


class ListFormat(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"


class ExportFormat(str, Enum):
    csv = "csv"
    plover_json = "plover-json"
    parquet = "parquet"
    geojson = "geojson"


def _err() -> Console:
    from eventwire.cli import err

    return err


def _fail(message: str, code: int = 2) -> typer.Exit:
    # Messages quote URLs, paths and driver text: "[::1]" must not be read as markup.
    _err().print(f"[red]error:[/red] {escape(message)}", soft_wrap=True, highlight=False)
    return typer.Exit(code)


@contextmanager
def _open_store(db: Optional[str]) -> Iterator["Store"]:
    from eventwire.store import Store, StoreError

    try:
        store = Store.open(db)
    except StoreError as exc:
        raise _fail(str(exc)) from None
    try:
        yield store
    except StoreError as exc:
        raise _fail(str(exc)) from None
    finally:
        store.close()


def _date_option(value: Optional[str]) -> Optional[date]:
    from eventwire.cli import _parse_cli_date

    return _parse_cli_date(value)


def _split(values: Optional[List[str]]) -> tuple[str, ...]:
    """Repeated options and comma lists alike: --country KEN,UGA --country TZA."""
    return tuple(part.strip() for value in values or [] for part in value.split(",")
                 if part.strip())


def _event_filter(country: Optional[List[str]], type_: Optional[List[str]],
                  mode: Optional[List[str]], factuality: Optional[List[str]],
                  actor: Optional[str], recipient: Optional[str], since: Optional[str],
                  until: Optional[str], search: Optional[str], limit: Optional[int],
                  cursor: Optional[str] = None) -> "EventFilter":
    from eventwire.records import FACTUALITY_VALUES
    from eventwire.store import EventFilter, StoreError

    facts = _split(factuality)
    unknown = [f for f in facts if f.lower() not in FACTUALITY_VALUES]
    if unknown:
        raise typer.BadParameter(f"unknown factuality {', '.join(unknown)}; use one of "
                                 f"{', '.join(FACTUALITY_VALUES)}", param_hint="--factuality")
    try:
        return EventFilter(country=_split(country), type=_split(type_), mode=_split(mode),
                           factuality=facts, actor=actor, recipient=recipient,
                           since=_date_option(since), until=_date_option(until), search=search,
                           limit=limit, cursor=cursor)
    except StoreError as exc:
        raise typer.BadParameter(str(exc)) from None


# Shared option declarations, so every command filters with the same words.
_COUNTRY = typer.Option(None, "--country", "-c", help="ISO 3166 alpha-3 code(s), e.g. KEN (repeat or comma-separate).")
_TYPE = typer.Option(None, "--type", "-t", help="PLOVER type(s), e.g. PROTEST,ASSAULT.")
_MODE = typer.Option(None, "--mode", help="PLOVER mode(s), e.g. arrest.")
_FACTUALITY = typer.Option(None, "--factuality", help="asserted, reported, alleged, denied, negated, future, hypothetical.")
_ACTOR = typer.Option(None, "--actor", help="Words in an actor's text or name (case-insensitive).")
_RECIPIENT = typer.Option(None, "--recipient", help="Words in a recipient's text or name.")
_SINCE = typer.Option(None, "--since", help="Events on or after this date (YYYY-MM-DD).")
_UNTIL = typer.Option(None, "--until", help="Events on or before this date (YYYY-MM-DD).")
_SEARCH = typer.Option(None, "--search", "-s", help='Full-text search of the articles: words, "a phrase", OR, -exclude.')
_DB = typer.Option(None, "--db", envvar="EVENTWIRE_DB", help=DB_HELP, show_envvar=False)


# ---------------------------------------------------------------------------------------------
# ingest

def ingest(
    paths: List[str] = typer.Argument(..., help="Files, directories, JSONL/CSV corpora, - for stdin, web page URLs, RSS/Atom feed URLs or files."),
    db: Optional[str] = _DB,
    pub_date: Optional[str] = typer.Option(None, "--pub-date", help="Publication date (YYYY-MM-DD) for inputs that carry none."),
    codebook: List[Path] = typer.Option([], "--codebook", help="Codebook YAML merged over the packaged one."),
    replace: bool = typer.Option(False, "--replace", help="Code and store again even articles already stored with this codebook version."),
    source: Optional[str] = typer.Option(None, "--source", help="Source name to record for these articles (default: the feed title, site name or corpus field)."),
    allow_private: bool = typer.Option(False, "--allow-private", help="Allow fetching from loopback, private and link-local addresses."),
    timeout: float = typer.Option(15.0, "--timeout", help="Seconds to wait for a web server at each step."),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Show progress on a terminal."),
) -> None:
    """Read, code and store articles; already stored ones are skipped.

    Each article is saved in its own transaction; after an interruption, run it again.

    Exit status: 0 read something, 1 nothing readable, 2 database error, 3 database locked.

    Examples:

      eventwire ingest corpus.jsonl

      eventwire ingest https://example.org/world/rss.xml --db events.db

      eventwire ingest https://example.org/news/some-report.html
    """
    from eventwire.codebook import CodebookError
    from eventwire.ingest.fetch import FetchPolicy
    from eventwire.ingest.sources import read_sources
    from eventwire.nlp import ModelNotInstalled
    from eventwire.pipeline import Coder
    from eventwire.store import StoreError, StoreLocked
    from eventwire.store.runner import Ingest

    default_date = _date_option(pub_date)
    err = _err()
    with _open_store(db) as store:
        try:
            # Not warmed up: spaCy loads with the first article that needs coding, so a run
            # over an already stored corpus never pays for it.
            coder = Coder(codebook_paths=codebook)
        except CodebookError as exc:
            raise _fail(str(exc)) from None

        def report(problem: Any) -> None:
            level, colour = ("warning", "yellow") if problem.is_warning else ("error", "red")
            err.print(f"[{colour}]{level}:[/{colour}] {escape(str(problem))}", soft_wrap=True,
                      highlight=False)

        runner = Ingest(store, coder, replace=replace, source=source, report=report)
        results = read_sources(paths, default_pub_date=default_date, skip=runner.already_stored,
                               policy=FetchPolicy(allow_private=allow_private, timeout=timeout))
        try:
            with _progress_display(runner, progress and err.is_terminal):
                summary = runner.run(results)
        except ModelNotInstalled as exc:
            raise _fail(str(exc)) from None
        except KeyboardInterrupt:
            # Every article counted as stored is committed; running again resumes.
            err.print(f"interrupted: {escape(runner.summary.line())}", soft_wrap=True,
                      highlight=False)
            raise typer.Exit(130) from None
        except StoreLocked as exc:
            err.print(f"ingest stopped: {escape(runner.summary.line())}", soft_wrap=True,
                      highlight=False)
            raise _fail(str(exc), 3) from None
        except StoreError as exc:
            err.print(f"ingest stopped: {escape(runner.summary.line())}", soft_wrap=True,
                      highlight=False)
            raise _fail(str(exc)) from None
    err.print(f"ingest: {escape(summary.line())}", soft_wrap=True, highlight=False)
    if summary.read == 0 and summary.errors:
        raise typer.Exit(1)


@contextmanager
def _progress_display(runner: Any, enabled: bool) -> Iterator[None]:
    if not enabled:
        yield
        return
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), BarColumn(), TextColumn("{task.description}"),
                  TimeElapsedColumn(), console=_err(), transient=True) as bar:
        task = bar.add_task("ingest", total=None)

        def update(summary: "IngestSummary") -> None:
            bar.update(task, description=(
                f"{summary.read} read, {summary.stored} stored, {summary.skipped} skipped, "
                f"{summary.replaced} replaced, {summary.errors} errors"))

        runner.progress = update
        yield


# ---------------------------------------------------------------------------------------------
# events / show

def events(
    country: Optional[List[str]] = _COUNTRY,
    type_: Optional[List[str]] = _TYPE,
    mode: Optional[List[str]] = _MODE,
    factuality: Optional[List[str]] = _FACTUALITY,
    actor: Optional[str] = _ACTOR,
    recipient: Optional[str] = _RECIPIENT,
    since: Optional[str] = _SINCE,
    until: Optional[str] = _UNTIL,
    search: Optional[str] = _SEARCH,
    limit: int = typer.Option(50, "--limit", "-n", min=1, help="At most this many events (newest first)."),
    cursor: Optional[str] = typer.Option(None, "--cursor", help="Continue after a previous page (its next cursor)."),
    fmt: ListFormat = typer.Option(ListFormat.table, "--format", "-f", help="table, json or jsonl."),
    db: Optional[str] = _DB,
) -> None:
    """List stored events, newest first, filtered.

    Examples:

      eventwire events --country SDN --type ASSAULT --since 2025-01-01

      eventwire events --search '"drone strike" -exercise' --format jsonl
    """
    flt = _event_filter(country, type_, mode, factuality, actor, recipient, since, until, search,
                        limit, cursor)
    with _open_store(db) as store:
        page = store.events(flt)
    if fmt == ListFormat.jsonl:
        for stored in page.items:
            typer.echo(json.dumps(stored.to_dict(), ensure_ascii=False))
        if page.next_cursor:
            _err().print(f"more: --cursor {page.next_cursor}", highlight=False)
    elif fmt == ListFormat.json:
        typer.echo(json.dumps({"events": [s.to_dict() for s in page.items],
                               "next_cursor": page.next_cursor}, ensure_ascii=False, indent=2))
    else:
        _print_events_table(page.items)
        if page.next_cursor:
            typer.echo(f"more: eventwire events ... --cursor {page.next_cursor}")


def _print_events_table(items: list["StoredEvent"]) -> None:
    if not items:
        typer.echo("no events match")
        return
    table = Table(show_lines=True, expand=True)
    table.add_column("id", no_wrap=True, min_width=16)
    for column, ratio in (("when", 2), ("type / mode", 2), ("actor", 3), ("recipient", 3),
                          ("where", 2), ("how sure", 2), ("evidence", 7)):
        table.add_column(column, ratio=ratio, overflow="fold")
    for stored in items:
        event = stored.event
        table.add_row(*map(Text, (stored.id, _when(event, stored.article.pub_date),
                                  event.type + (f"\n{event.mode}" if event.mode else ""),
                                  _people(event.actor), _people(event.recipient),
                                  _where(event), _how_sure(event))),
                      _sentence(event, window=160))
    Console(width=None if sys.stdout.isatty() else 180).print(table)


def show(
    event_id: str = typer.Argument(..., help="An event id (or a unique prefix of 6+ characters)."),
    fmt: ListFormat = typer.Option(ListFormat.table, "--format", "-f", help="table (readable) or json."),
    db: Optional[str] = _DB,
) -> None:
    """Show one event: every field, and its evidence sentence with the words it came from marked.

    Example:

      eventwire show 6ceae9cacdf5d940
    """
    with _open_store(db) as store:
        stored = store.event(event_id)
    if stored is None:
        raise _fail(f"no event with id {event_id!r}", 1)
    if fmt != ListFormat.table:
        typer.echo(json.dumps(stored.to_dict(), ensure_ascii=False, indent=2))
        return
    _print_event(stored)


def _print_event(stored: "StoredEvent") -> None:
    event, article = stored.event, stored.article
    console = Console(width=None if sys.stdout.isatty() else 120)
    console.print(Text.assemble((f"{event.type}", "bold"), f" / {event.mode or '-'}   ",
                                ("event ", "dim"), stored.id))
    console.print(_sentence(event, window=None, full=True))
    console.print(Text("trigger", style="bold magenta"), Text(" actor", style="bold cyan"),
                  Text(" recipient", style="bold green"), Text(" place", style="underline"),
                  Text(" date", style="bold blue"), style="dim")
    fields = Table(show_header=False, box=None, pad_edge=False)
    fields.add_column(style="bold", no_wrap=True)
    fields.add_column(overflow="fold")
    q = event.quantity
    rows: list[tuple[str, str]] = [
        ("type / mode", f"{event.type} / {event.mode or '-'}"),
        ("context", ", ".join(event.context) or "-"),
        ("actor", _people(event.actor, detail=True)),
        ("recipient", _people(event.recipient, detail=True)),
        ("date", _when(event, article.pub_date)),
        ("location", _where(event, detail=True)),
        ("country", stored.country or "-"),
        ("factuality", event.factuality),
        ("attribution", event.attribution or "-"),
        ("quantity", ", ".join(f"{k} {v}" for k, v in (("people", q.people), ("dead", q.dead),
                                                        ("injured", q.injured)) if v is not None)
         or (q.qualitative or "-")),
        ("trigger", f"{event.trigger.text!r} [{event.trigger.start}:{event.trigger.end}]"),
        ("evidence", f"[{event.evidence.start}:{event.evidence.end}]"),
        ("confidence", f"{event.confidence:.2f}"),
        ("ACLED", f"{event.acled['event_type']} / {event.acled['sub_event_type']}"
         if event.acled else "-"),
        ("codebook", event.codebook_version or "-"),
        ("story", stored.story_id or "-"),
        ("article", f"{article.id}  {article.title or ''}".strip()),
        ("published", article.pub_date.isoformat() if article.pub_date else "unknown"),
        ("source", article.source or "-"),
        ("url", article.url or "-"),
    ]
    for name, value in rows:
        fields.add_row(name, Text(value))  # data, not markup: "[sic]" must print as written
    console.print(fields)


# ---------------------------------------------------------------------------------------------
# stories

def stories(
    country: Optional[List[str]] = _COUNTRY,
    type_: Optional[List[str]] = _TYPE,
    status: Optional[List[str]] = typer.Option(None, "--status", help="reported, confirmed, denied, corrected, ..."),
    since: Optional[str] = typer.Option(None, "--since", help="Stories still reported on or after this date."),
    until: Optional[str] = typer.Option(None, "--until", help="Stories first reported on or before this date."),
    min_reports: int = typer.Option(0, "--min-reports", help="Only stories told by at least this many articles."),
    limit: int = typer.Option(50, "--limit", "-n", min=1, help="At most this many stories."),
    fmt: ListFormat = typer.Option(ListFormat.table, "--format", "-f", help="table, json or jsonl."),
    db: Optional[str] = _DB,
) -> None:
    """List stories: events reported by several articles, linked as one happening.

    Example:

      eventwire stories --country UKR --min-reports 2
    """
    from eventwire.store import StoryFilter

    flt = StoryFilter(country=_split(country), type=_split(type_), status=_split(status),
                      since=_date_option(since), until=_date_option(until),
                      min_corroboration=min_reports, limit=limit)
    with _open_store(db) as store:
        found = store.stories(flt)
    if fmt == ListFormat.jsonl:
        for story in found:
            typer.echo(json.dumps(_story_dict(story), ensure_ascii=False))
    elif fmt == ListFormat.json:
        typer.echo(json.dumps([_story_dict(s) for s in found], ensure_ascii=False, indent=2))
    elif not found:
        typer.echo("no stories match")
    else:
        table = Table(expand=True)
        for column in ("id", "type / mode", "status", "country", "reported", "articles", "events"):
            table.add_column(column, overflow="fold")
        for story in found:
            first = story.first_reported.isoformat() if story.first_reported else "?"
            last = story.last_reported.isoformat() if story.last_reported else "?"
            kind = story.type + (f" / {story.mode}" if story.mode else "")
            cells = (story.id, kind, story.status, story.country or "-",
                     first if first == last else f"{first} .. {last}",
                     str(story.corroboration), str(len(story.event_ids)))
            table.add_row(*map(Text, cells))
        Console(width=None if sys.stdout.isatty() else 160).print(table)


def _story_dict(story: "Story") -> dict[str, Any]:
    out = asdict(story)
    out["corroboration"] = story.corroboration
    return json.loads(json.dumps(out, default=str))  # dates as ISO text


# ---------------------------------------------------------------------------------------------
# export

def export(
    fmt: ExportFormat = typer.Option(..., "--format", "-f", help="csv (ACLED-style columns), plover-json (JSON Lines), parquet, geojson (events with coordinates)."),
    output: Path = typer.Option(..., "--output", "-o", help="File to write."),
    country: Optional[List[str]] = _COUNTRY,
    type_: Optional[List[str]] = _TYPE,
    mode: Optional[List[str]] = _MODE,
    factuality: Optional[List[str]] = _FACTUALITY,
    actor: Optional[str] = _ACTOR,
    recipient: Optional[str] = _RECIPIENT,
    since: Optional[str] = _SINCE,
    until: Optional[str] = _UNTIL,
    search: Optional[str] = _SEARCH,
    limit: Optional[int] = typer.Option(None, "--limit", "-n", min=1, help="At most this many events (default: all)."),
    db: Optional[str] = _DB,
) -> None:
    """Export stored events, with the same filters as `eventwire events`.

    Examples:

      eventwire export --format csv -o events.csv --country KEN

      eventwire export --format geojson -o events.geojson --since 2025-01-01
    """
    from eventwire.store.export import export as write_export

    flt = _event_filter(country, type_, mode, factuality, actor, recipient, since, until, search,
                        limit)
    with _open_store(db) as store:
        try:
            written = write_export(store, flt, fmt.value, output)
        except OSError as exc:
            raise _fail(f"cannot write {output} ({exc.strerror or exc})") from None
    _err().print(f"wrote {written} events to {output}", highlight=False)


# ---------------------------------------------------------------------------------------------
# db

db_app = typer.Typer(help="The event database: create, upgrade, inspect.", no_args_is_help=True)


@db_app.command("upgrade")
def db_upgrade(db: Optional[str] = _DB) -> None:
    """Create the database or bring its schema up to date (also done on every open)."""
    from eventwire.store import Store, StoreError
    from eventwire.store.migrate import ensure_current

    try:
        store = Store.open(db, upgrade=False)
        try:
            before, after = ensure_current(store.engine)
        finally:
            store.close()
    except StoreError as exc:
        raise _fail(str(exc)) from None
    if before == after:
        typer.echo(f"{store.location}: schema already at revision {after}")
    else:
        typer.echo(f"{store.location}: schema upgraded from {before or 'empty'} to {after}")


@db_app.command("info")
def db_info(db: Optional[str] = _DB) -> None:
    """Where the database is, its schema revision, and how many rows each table holds."""
    from eventwire.store.migrate import current_revision

    with _open_store(db) as store:
        counts = store.counts()
        revision = current_revision(store.engine)
        typer.echo(f"database: {store.location} ({store.dialect}, schema {revision})")
        for name, value in counts.items():
            typer.echo(f"  {name}: {value}")


# ---------------------------------------------------------------------------------------------
# rendering helpers

def _people(actors: list["Actor"], detail: bool = False) -> str:
    parts = []
    for a in actors:
        code = "/".join(x for x in (a.country, a.sector) if x) or "?"
        label = f"({a.text})" if a.implicit else a.text
        if detail and a.name and a.name != a.text:
            label += f" = {a.name}"
        parts.append(f"{label} [{code}]")
    return "; ".join(parts) or "-"


def _when(event: "Event", pub_date: Optional[date]) -> str:
    if event.date.value:
        return f"{event.date.value} ({event.date.precision})"
    return f"undated (published {pub_date.isoformat()})" if pub_date else "undated"


def _where(event: "Event", detail: bool = False) -> str:
    place = event.location
    if place is None:
        return "-"
    text = f"{place.name or place.text or place.country or '?'} [{place.country or '?'}]"
    if detail:
        extra = [x for x in (place.admin1, place.precision) if x]
        if place.lat is not None and place.lon is not None:
            extra.append(f"{place.lat:.4f}, {place.lon:.4f}")
        if extra:
            text += " " + ", ".join(extra)
    return text


def _how_sure(event: "Event") -> str:
    text = event.factuality + (f"\n({event.attribution})" if event.attribution else "")
    return f"{text}\nconf {event.confidence:.2f}"


def _sentence(event: "Event", window: Optional[int], full: bool = False) -> Text:
    """The evidence sentence with the trigger (and, in full, actors, place, date) marked."""
    sentence, base = event.evidence.text, event.evidence.start
    marks: list[tuple[int, int, str]] = []
    if full:
        for actors, style in ((event.actor, "bold cyan"), (event.recipient, "bold green")):
            marks += [(a.start, a.end, style) for a in actors
                      if a.start is not None and a.end is not None]
        if event.location is not None and event.location.start is not None \
                and event.location.end is not None:
            marks.append((event.location.start, event.location.end, "underline"))
        if event.date.span is not None:
            marks.append((event.date.span.start, event.date.span.end, "bold blue"))
    marks.append((event.trigger.start, event.trigger.end, "bold magenta"))
    out = Text(sentence)
    for start, end, style in marks:
        lo, hi = start - base, end - base
        if 0 <= lo < hi <= len(sentence):
            out.stylize(style, lo, hi)
    if window is not None and len(sentence) > window:
        centre = event.trigger.start - base
        lo = max(0, min(centre - window // 2, len(sentence) - window))
        out = Text("…" if lo else "") + out[lo:lo + window] + Text(
            "…" if lo + window < len(sentence) else "")
    return out


def register(app: typer.Typer) -> None:
    """Add this module's commands to the eventwire app."""
    app.command("ingest")(ingest)
    app.command("events")(events)
    app.command("show")(show)
    app.command("stories")(stories)
    app.command("export")(export)
    app.add_typer(db_app, name="db")
