"""CLI commands of the batch stage (registered on the main app)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import List, Optional

import typer


def register(app: typer.Typer) -> None:
    """Add this module's commands to the eventwire app."""
    app.command("batch")(batch)
    app.command("load")(load)


def batch(
    paths: List[str] = typer.Argument(..., metavar="INPUT... OUTPUT", help="INPUT: JSONL/CSV/Parquet files, directories (searched recursively) or quoted globs, local or fsspec URLs (s3://, gs://, ...); each file is one partition. OUTPUT (last): the directory to write Parquet tables to."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Address of a running Dask scheduler to join (tcp://host:8786); default: start a local cluster."),
    workers: Optional[int] = typer.Option(None, "--workers", "-n", min=1, help="Worker processes of the local cluster (default: one per core)."),
    threads_per_worker: int = typer.Option(1, "--threads-per-worker", min=1, help="Threads per local worker; parsing holds the GIL, so more only overlaps I/O."),
    pub_date: Optional[str] = typer.Option(None, "--pub-date", help="Publication date (YYYY-MM-DD) for records that carry none."),
    codebook: List[Path] = typer.Option([], "--codebook", help="Your own codebook YAML, merged over the packaged one (repeatable); its text is sent to the workers."),
    no_cascade: bool = typer.Option(False, "--no-cascade", help="Parse every sentence, not only those holding a trigger word (slower)."),
    keep_text: bool = typer.Option(True, "--text/--no-text", help="Keep each article's text in the articles table (needed by `eventwire load`; most of the bytes)."),
    force: bool = typer.Option(False, "--force", help="Code every partition again, even complete ones."),
    memory_limit: str = typer.Option("auto", "--memory-limit", help="Memory per local worker (e.g. 2GB); Dask restarts a worker that exceeds it."),
    dashboard_address: str = typer.Option(":8787", "--dashboard-address", help="Where the local cluster serves its dashboard (:0 for any free port)."),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Show a progress bar on a terminal."),
    summary_json: Optional[Path] = typer.Option(None, "--summary-json", help="Also write the run's summary to this file as JSON."),
) -> None:
    """Code a corpus of many files on Dask into Parquet tables, resumably.

    Writes OUTPUT/events/part-<name>.parquet and OUTPUT/articles/part-<name>.parquet per input file, then OUTPUT/_manifest/part-<name>.json to mark it complete.

    Run the same command again after a crash or Ctrl-C: complete partitions are skipped and the rest are coded.

    Examples:

      eventwire batch corpus/ coded/ --workers 2

      eventwire batch 'news/2024-*.jsonl.gz' coded/ --scheduler tcp://10.0.0.5:8786

      python -c "import pandas as pd; print(pd.read_parquet('coded/events').type.value_counts())"
    """
    from rich.console import Console

    from eventwire.cli import _parse_cli_date

    err = Console(stderr=True, highlight=False, soft_wrap=True)
    if len(paths) < 2:
        err.print("[red]error:[/red] give at least one INPUT and then the OUTPUT directory")
        raise typer.Exit(2)
    if scheduler and workers:
        err.print("[red]error:[/red] --workers starts a local cluster; with --scheduler the "
                  "cluster's own workers are used (give one or the other)")
        raise typer.Exit(2)
    *inputs, output = paths
    try:
        import distributed  # noqa: F401 - imported late by run_batch; fail here with the hint

        from eventwire.batch import NoInputs, render_summary, run_batch
    except ImportError as exc:
        err.print(f"[red]error:[/red] the batch command needs Dask's distributed, fsspec and "
                  f"pyarrow ({exc}); install them with `pip install 'eventwire[scale]'`")
        raise typer.Exit(2)
    from eventwire.codebook import CodebookError
    from eventwire.nlp import ModelNotInstalled

    try:
        summary = run_batch(inputs, output, scheduler=scheduler, workers=workers,
                            threads_per_worker=threads_per_worker,
                            pub_date=_parse_cli_date(pub_date), codebook_paths=codebook,
                            cascade=not no_cascade, keep_text=keep_text, force=force,
                            memory_limit=memory_limit, dashboard_address=dashboard_address,
                            console=err, progress=progress)
    except NoInputs as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2)
    except (OSError, CodebookError, ModelNotInstalled) as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2)
    render_summary(summary, err)
    if summary_json is not None:
        summary_json.write_text(json.dumps(summary.to_dict(), indent=1, default=str),
                                encoding="utf-8")
    if summary.interrupted:
        raise typer.Exit(130)
    if not summary.ok:
        raise typer.Exit(1)


def load(
    output: str = typer.Argument(..., help="A directory written by `eventwire batch` (local path or fsspec URL)."),
    db: Optional[str] = typer.Option(None, "--db", help="Database: a SQLite file path or a postgresql:// URL (default: $EVENTWIRE_DB, else the store's default file)."),
    replace: bool = typer.Option(False, "--replace", help="Overwrite articles already stored with the same text and codebook version."),
    link: bool = typer.Option(True, "--link/--no-link", help="Link the loaded articles into stories (the slow part of a big load)."),
) -> None:
    """Load a batch's complete partitions into the event store.

    Incomplete partitions are listed and left out; rerun the batch, then load again. A load can be interrupted and rerun: articles already stored are skipped.

    Example:

      eventwire batch corpus/ coded/ && eventwire load coded/ --db events.db
    """
    from rich.console import Console

    err = Console(stderr=True, highlight=False, soft_wrap=True)
    try:
        from eventwire.batch.load import LoadError, load_output
        from eventwire.store import Store, StoreError
    except ImportError as exc:
        err.print(f"[red]error:[/red] loading needs the store and pyarrow ({exc})")
        raise typer.Exit(2)

    def report(summary) -> None:
        every = max(1, summary.to_load // 20)  # about twenty lines, however many partitions
        if summary.partitions % every == 0 or summary.partitions == summary.to_load:
            err.print(f"loaded {summary.partitions}/{summary.to_load} partitions "
                      f"({summary.articles:,} articles)")

    try:
        with Store.open(db) as store:
            summary = load_output(output, store, replace=replace, link=link, progress=report)
    except (LoadError, StoreError, OSError) as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2)
    err.print(summary.line())
    for name in summary.incomplete:
        err.print(f"[yellow]not loaded:[/yellow] {name} is incomplete (rerun `eventwire batch`)")
    if summary.incomplete:
        raise typer.Exit(1)
