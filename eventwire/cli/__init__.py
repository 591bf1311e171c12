"""The `eventwire` command line: a thin layer over the library."""

from __future__ import annotations

import sys
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Iterator, List, Optional

import typer
from rich.console import Console
from rich.markup import escape

app = typer.Typer(
    help="eventwire: turn news text into verifiable PLOVER political event records.\n\n"
         "Who did what to whom, where, when, according to whom, and how certain; every field "
         "points back to the words it came from. Runs offline on a laptop CPU.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
err = Console(stderr=True, highlight=False)


class OutputFormat(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"


def _parse_cli_date(value: Optional[str]) -> Optional[date]:
    if value is None:
        return None
    from eventwire.ingest import parse_pub_date

    parsed = parse_pub_date(value)
    if parsed is None:
        raise typer.BadParameter(f"unreadable date {value!r}; use YYYY-MM-DD")
    return parsed


RESCORER_HELP = ("Confidence model: 'none' (the rules' heuristic, the packaged default), 'default' "
                 "(the learned rescorer shipped with eventwire; higher precision, fewer nominal events) "
                 "or a path to your own model from training/train_rescorer.py.")


def _build_coder(codebook: List[Path], no_cascade: bool, rescorer: Optional[str] = None):
    from eventwire.codebook import CodebookError
    from eventwire.nlp import ModelNotInstalled
    from eventwire.pipeline import Coder

    if rescorer not in (None, "none", "default") and not Path(rescorer).exists():
        err.print(f"[red]error:[/red] no rescorer model at {escape(rescorer)}")
        raise typer.Exit(2)
    try:
        return Coder(codebook_paths=codebook, cascade=not no_cascade, rescorer=rescorer).warm_up()
    except (CodebookError, ModelNotInstalled) as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(2)


def _articles(paths: List[str], pub_date: Optional[date], counts: dict) -> Iterator:
    from eventwire.ingest import read_inputs

    for result in read_inputs(paths, default_pub_date=pub_date):
        for problem in result.problems:
            level = "warning" if getattr(problem, "is_warning", False) else "error"
            colour = "yellow" if level == "warning" else "red"
            err.print(f"[{colour}]{level}:[/{colour}] {escape(str(problem))}", soft_wrap=True)
            if level == "error":
                counts["errors"] += 1
        if result.article is not None:
            counts["read"] += 1
            yield result.article


def _with_progress(items: Iterator, enabled: bool) -> Iterator:
    if not enabled:
        yield from items
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), TextColumn("coding: {task.completed} articles"),
                  TimeElapsedColumn(), console=err, transient=True) as progress:
        task = progress.add_task("coding", total=None)
        for item in items:
            yield item
            progress.advance(task)


@app.command()
def code(
    paths: List[str] = typer.Argument(..., help="Text files, directories of .txt, JSONL or CSV corpora, or - for stdin."),
    fmt: OutputFormat = typer.Option(OutputFormat.table, "--format", "-f", help="table (for reading), json, or jsonl (one article per line)."),
    pub_date: Optional[str] = typer.Option(None, "--pub-date", help="Publication date (YYYY-MM-DD) for inputs that carry none; relative dates resolve against it."),
    codebook: List[Path] = typer.Option([], "--codebook", help="Your own codebook YAML, merged over the packaged PLOVER codebook (repeatable)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to this file instead of standard output."),
    no_cascade: bool = typer.Option(False, "--no-cascade", help="Parse every sentence, not only those holding a trigger word (slower)."),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Show a progress line on a terminal."),
    rescorer: Optional[str] = typer.Option(None, "--rescorer", help=RESCORER_HELP),
) -> None:
    """Code news articles into PLOVER events.

    Examples:

      eventwire code story.txt --pub-date 2025-08-11

      eventwire code corpus.jsonl --format jsonl -o events.jsonl

      cat story.txt | eventwire code - --format json
    """
    from eventwire import formats

    default_date = _parse_cli_date(pub_date)
    coder = _build_coder(codebook, no_cascade, rescorer)
    counts = {"read": 0, "errors": 0}
    coded = coder.code_many(_articles(paths, default_date, counts))
    coded = _with_progress(coded, progress and err.is_terminal and fmt != OutputFormat.table)
    stream = open(output, "w", encoding="utf-8") if output else sys.stdout
    try:
        console = Console(file=stream, width=160 if output else None) if fmt == OutputFormat.table else None
        written = formats.write(coded, fmt.value, stream, console)
    finally:
        if output:
            stream.close()
    if written == 0:
        err.print("[red]error:[/red] nothing could be coded"
                  + (f" ({counts['errors']} input errors above)" if counts["errors"] else ""))
        raise typer.Exit(1)
    if counts["errors"]:
        err.print(f"coded {written} article{'s' if written != 1 else ''}; "
                  f"{counts['errors']} input{'s' if counts['errors'] != 1 else ''} could not be read (see above)")


@app.command("eval")
def evaluate(
    gold: Path = typer.Argument(..., help="Gold records, JSON Lines (see GOLD_GUIDE.md)."),
    corpus: Optional[Path] = typer.Option(None, "--corpus", help="The articles the gold describes (JSONL/CSV/dir); they are coded now."),
    pred: Optional[Path] = typer.Option(None, "--pred", help="Read predictions from this JSONL instead of coding."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON (keys: doc_macro_f1, per_type, event, attributes)."),
    by_type: bool = typer.Option(False, "--by-type", help="Add event precision/recall/F1 for each type."),
    misses: int = typer.Option(0, "--misses", help="List the N most frequent confusions and missed events."),
    codebook: List[Path] = typer.Option([], "--codebook", help="Codebook YAML merged over the packaged one."),
    save_pred: Optional[Path] = typer.Option(None, "--save-pred", help="Also write the coded predictions to this JSONL file."),
    rescorer: Optional[str] = typer.Option(None, "--rescorer", help=RESCORER_HELP),
) -> None:
    """Score coded events against gold records, as GOLD_GUIDE.md defines.

    Example:

      eventwire eval dev_gold.jsonl --corpus voa_stories.jsonl --by-type --misses 10
    """
    import json

    from eventwire.evaluate import JsonlError, load_jsonl, render_table, score

    def load_or_exit(path: Path) -> list:
        try:
            return load_jsonl(path)
        except (OSError, JsonlError) as exc:
            err.print(f"[red]error:[/red] {escape(str(exc))}")
            raise typer.Exit(2)

    gold_records = load_or_exit(gold)
    if pred is not None:
        pred_records = load_or_exit(pred)
    elif corpus is not None:
        wanted = {str(g["id"]) for g in gold_records}
        coder = _build_coder(codebook, False, rescorer)
        counts = {"read": 0, "errors": 0}
        articles = (a for a in _articles([str(corpus)], None, counts) if a.id in wanted)
        pred_records = [c.to_dict() for c in _with_progress(coder.code_many(articles), err.is_terminal)]
        if save_pred:
            with open(save_pred, "w", encoding="utf-8") as fh:
                for record in pred_records:
                    fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    else:
        err.print("[red]error:[/red] give --corpus (to code the articles) or --pred (coded output)")
        raise typer.Exit(2)
    report = score(gold_records, pred_records)
    if as_json:
        typer.echo(report.to_json(indent=2))
    else:
        typer.echo(render_table(report, by_type=by_type, misses=misses))


@app.command()
def places(
    paths: List[str] = typer.Argument(..., help="Text files, directories, JSONL/CSV corpora, or - for stdin."),
    pub_date: Optional[str] = typer.Option(None, "--pub-date", help="Publication date for inputs that carry none."),
) -> None:
    """List every toponym with its character span and gazetteer resolution, one JSON line each.

    Keys: id, text, start, end, name, country, admin1, lat, lon, precision. Offsets are into the
    article text exactly as given, so results can be scored against geoparsing gold sets.

    Example:

      eventwire places story.txt
    """
    import json

    from eventwire.nlp import Analyser
    from eventwire.resolve.toponyms import toponym_record, toponyms

    analyser = Analyser()
    counts = {"read": 0, "errors": 0}
    articles = list(_articles(paths, _parse_cli_date(pub_date), counts))
    for article, entities in zip(articles, analyser.entities([a.text for a in articles])):
        for place in toponyms(article, entities):
            typer.echo(json.dumps(toponym_record(article, place), ensure_ascii=False))
    if not articles:
        err.print("[red]error:[/red] no readable input")
        raise typer.Exit(1)


@app.command()
def codebook(
    type_name: Optional[str] = typer.Argument(None, help="Show one type's modes and triggers."),
    codebook_files: List[Path] = typer.Option([], "--codebook", help="Codebook YAML merged over the packaged one."),
) -> None:
    """Show the codebook: PLOVER types, their modes and trigger words."""
    from eventwire.codebook import CodebookError, load_codebook

    try:
        book = load_codebook(codebook_files)
    except CodebookError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(2)
    if type_name and type_name.upper() not in book.types:
        err.print(f"[red]error:[/red] unknown type {escape(type_name)!r}; the types are "
                  + ", ".join(book.types))
        raise typer.Exit(2)
    typer.echo(f"{book.name} {book.version} ({', '.join(book.sources)})")
    for name, event_type in book.types.items():
        if type_name and name != type_name.upper():
            continue
        triggers = sorted({" ".join(r.lemmas) for r in book.rules if r.type == name})
        typer.echo(f"\n{name} ({event_type.quad}): {event_type.definition}")
        for mode, definition in event_type.modes.items():
            typer.echo(f"  mode {mode}: {definition}")
        typer.echo(f"  triggers: {', '.join(triggers)}")


def _register_command_groups() -> None:
    """Commands of later stages live in their own modules (store, batch); they add themselves."""
    from eventwire.cli import batch_commands, serve_commands, store_commands

    store_commands.register(app)
    batch_commands.register(app)
    serve_commands.register(app)


_register_command_groups()


def main() -> None:
    app()


if __name__ == "__main__":
    main()
