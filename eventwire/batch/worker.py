"""What runs on a Dask worker: code one partition and publish its two tables, or nothing.

The spaCy pipeline is loaded once per worker process and kept in a module-level cache, so every
partition the process is given reuses it. :class:`CoderPreloader` fills that cache when a
worker starts (including a worker the nanny restarted after a crash), so the first partition
does not pay for the load; without the plugin the first partition loads it instead.
"""

from __future__ import annotations

import hashlib
import os
import signal
import socket
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from eventwire.batch.output import (
    ARTICLES_DIR, EVENTS_DIR, MANIFEST_VERSION, OutputLayout, StagedFile, file_entry,
    partition_is_complete, remove_manifest, write_manifest,
)
from eventwire.batch.partitions import PartitionSpec, read_partition
from eventwire.batch.schema import (
    ARTICLES_SCHEMA, EVENTS_SCHEMA, SCHEMA_VERSION, articles_table, events_table, flatten,
)
from eventwire.records import Article, CodedArticle

PARQUET_COMPRESSION = "zstd"  # read by pandas/pyarrow, DuckDB and Spark >= 3.2; ~30% smaller than snappy here
MANIFEST_FAILURES_KEPT = 1000


@dataclass(frozen=True)
class KillPlan:
    """Fault injection for tests: SIGKILL this worker process part-way through one partition.

    The kill comes after ``after_articles`` articles are coded and flushed to the temporary
    files, so the dead attempt leaves a real partial file behind, as a crash would. With
    ``once_file`` the kill happens only while that file does not exist (it is created first,
    holding the doomed process's pid), i.e. on the first attempt only.
    """

    partition: str
    after_articles: int = 1
    once_file: str | None = None


@dataclass(frozen=True)
class JobOptions:
    """Everything a worker needs to code a partition; picklable, sent with every task."""

    output: str
    default_pub_date: date | None = None
    # Extra codebook files as (file name, YAML text): a remote worker cannot read the client's
    # disk, so their contents travel with the job.
    codebooks: tuple[tuple[str, str], ...] = ()
    cascade: bool = True
    model: str | None = None
    keep_text: bool = True  # the store needs the text; analytics-only runs may drop it
    force: bool = False
    chunk_articles: int = 64  # articles parsed per spaCy batch
    row_group_articles: int = 10_000  # flush buffered rows to Parquet at this many articles...
    row_group_events: int = 50_000  # ...or this many events, whichever comes first
    failure_samples: int = 50  # per-record failures returned to the client per partition
    kill_plan: KillPlan | None = None

    def coder_key(self) -> tuple[Any, ...]:
        return (self.codebooks, self.cascade, self.model)


@dataclass
class PartitionResult:
    """The small summary a task returns; all the data stays in the output files."""

    name: str
    status: str  # "coded", or "already-complete" when a retry or another run finished it first
    articles: int = 0
    events: int = 0
    record_failures: int = 0
    failure_samples: list[dict[str, Any]] = field(default_factory=list)
    warnings: int = 0
    seconds: float = 0.0
    worker: str = ""  # host:pid, to see how work spread and that each process loaded once
    coder_loads: int = 0  # coders this worker process has built so far


# -- one Coder per worker process ------------------------------------------------------------

_CODERS: dict[tuple[Any, ...], tuple[Any, threading.Lock]] = {}
_CACHE_LOCK = threading.Lock()
_LOADS = 0


def cached_coder(options: JobOptions) -> tuple[Any, threading.Lock]:
    """This process's Coder for these options, built on first use; and the lock to code with.

    The lock matters with ``--threads-per-worker`` > 1: threads then share one pipeline and take
    turns parsing (the GIL would serialize them anyway), while reading and Parquet writing,
    which release the GIL, overlap.
    """
    global _LOADS
    key = options.coder_key()
    with _CACHE_LOCK:  # held while loading, so a task and the preloader never both load
        if key not in _CODERS:
            from eventwire.pipeline import Coder

            coder = Coder(codebook_paths=_codebook_files(options.codebooks),
                          model=options.model, cascade=options.cascade).warm_up()
            _CODERS[key] = (coder, threading.Lock())
            _LOADS += 1
        return _CODERS[key]


def coder_loads() -> int:
    return _LOADS


def _codebook_files(codebooks: tuple[tuple[str, str], ...]) -> list[Path]:
    """The shipped codebook texts as files (the loader reads paths), written once per content."""
    paths: list[Path] = []
    for name, text in codebooks:
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
        directory = Path(tempfile.gettempdir()) / f"eventwire-codebook-{digest}"
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / Path(name).name
        if not path.exists():
            staging = path.with_name(f".{path.name}.{os.getpid()}")
            staging.write_text(text, encoding="utf-8")
            os.replace(staging, path)  # two processes of one host may race here
        paths.append(path)
    return paths


try:
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError:  # pragma: no cover - the batch stage needs distributed anyway
    WorkerPlugin = object  # type: ignore[assignment,misc]


class CoderPreloader(WorkerPlugin):  # type: ignore[misc,valid-type]
    """Loads the Coder as each worker joins, in a thread so the worker keeps heartbeating."""

    name = "eventwire-coder-preloader"

    def __init__(self, options: JobOptions) -> None:
        self.options = options

    async def setup(self, worker: Any) -> None:
        import asyncio

        await asyncio.get_running_loop().run_in_executor(None, cached_coder, self.options)


# -- the task ---------------------------------------------------------------------------------

def code_partition(spec: PartitionSpec, options: JobOptions) -> PartitionResult:
    """Code one input file into ``events/`` and ``articles/``, then mark it complete.

    Idempotent: a partition already complete (a Dask retry after the manifest was written, or a
    concurrent run) is left alone. An exception (the file cannot be opened, the disk is full)
    or a killed process before the manifest is published leaves the partition incomplete, and
    the next run codes it again from scratch. A file that opens but holds nothing usable (empty,
    binary, no text column) is a recorded failure of a complete partition: rerunning would not
    change it.
    """
    started = time.perf_counter()
    layout = OutputLayout.open(options.output)
    worker = f"{socket.gethostname()}:{os.getpid()}"
    if not options.force and partition_is_complete(layout, spec.name):
        return PartitionResult(spec.name, "already-complete", worker=worker,
                               coder_loads=coder_loads())
    if options.force:
        remove_manifest(layout, spec.name)
    layout.make_dirs()  # cheap and idempotent; lets the task run without run_batch's set-up
    coder, lock = cached_coder(options)
    tally = _Tally(spec.name, options.failure_samples)
    writer = _PartitionWriter(layout, spec.name)
    try:
        for chunk in _chunks(read_partition(spec, options.default_pub_date),
                             options.chunk_articles):
            articles = tally.take_articles(chunk)
            coded = _code_chunk(coder, lock, articles, tally)
            writer.add(coded, options)
            _maybe_kill(options.kill_plan, spec.name, writer)
        entries = writer.publish()
    except BaseException:
        writer.abandon()
        raise
    manifest = {
        "manifest_version": MANIFEST_VERSION,
        "schema_version": SCHEMA_VERSION,
        "partition": spec.name,
        "input": spec.display,
        "input_url": spec.url,
        "input_size": spec.size,
        EVENTS_DIR: entries[EVENTS_DIR],
        ARTICLES_DIR: entries[ARTICLES_DIR],
        "articles_coded": writer.articles,
        "events_coded": writer.events,
        "record_failures": tally.failure_count,
        "failures": tally.kept_failures,
        "warnings": tally.warnings,
        "codebook_version": getattr(coder.codebook, "version", None),
        "eventwire_version": _eventwire_version(),
        "options": {"cascade": options.cascade, "model": options.model,
                    "keep_text": options.keep_text},
        "worker": worker,
        "seconds": round(time.perf_counter() - started, 3),
        "finished_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }
    write_manifest(layout, spec.name, manifest)  # last: only now is the partition complete
    return PartitionResult(spec.name, "coded", articles=writer.articles, events=writer.events,
                           record_failures=tally.failure_count,
                           failure_samples=tally.kept_failures[:options.failure_samples],
                           warnings=tally.warnings, seconds=time.perf_counter() - started,
                           worker=worker, coder_loads=coder_loads())


class _Tally:
    """Counts what was read and keeps the reasons records were dropped (capped)."""

    def __init__(self, partition: str, samples: int) -> None:
        self.partition = partition
        self.keep = max(samples, MANIFEST_FAILURES_KEPT)
        self.kept_failures: list[dict[str, Any]] = []
        self.failure_count = 0
        self.warnings = 0

    def take_articles(self, results: list[Any]) -> list[Article]:
        articles: list[Article] = []
        for result in results:
            self.warnings += len(result.warnings)
            if result.error is not None:
                error = result.error
                self.fail(error.source if error.line is None else f"{error.source}:{error.line}",
                          error.message, kind="read")
            else:
                articles.append(result.article)
        return articles

    def fail(self, where: str, reason: str, kind: str, article_id: str | None = None) -> None:
        self.failure_count += 1
        if len(self.kept_failures) < self.keep:
            self.kept_failures.append({"partition": self.partition, "where": where,
                                       "kind": kind, "article_id": article_id,
                                       "reason": reason})


def _code_chunk(coder: Any, lock: threading.Lock, articles: list[Article],
                tally: _Tally) -> list[CodedArticle]:
    """The chunk coded as one spaCy batch; if that raises, article by article to isolate it."""
    if not articles:
        return []
    with lock:
        try:
            return list(coder.code_many(articles, chunk=len(articles)))
        except Exception:  # noqa: BLE001 - some article broke the batch; find it below
            pass
        coded: list[CodedArticle] = []
        for article in articles:
            try:
                coded.append(coder.code(article))
            except Exception as exc:  # noqa: BLE001 - one odd article must not end the run
                tally.fail(article.origin or article.id, f"coding failed: "
                           f"{type(exc).__name__}: {' '.join(str(exc).split())}",
                           kind="code", article_id=article.id)
        return coded


class _PartitionWriter:
    """Both tables streamed to temporary Parquet files, buffered as Arrow, not Python rows."""

    def __init__(self, layout: OutputLayout, name: str) -> None:
        self.layout = layout
        self.name = name
        self.articles = 0
        self.events = 0
        self._article_tables: list[pa.Table] = []
        self._event_tables: list[pa.Table] = []
        self._buffered_articles = 0
        self._buffered_events = 0
        self._files: dict[str, tuple[StagedFile, pq.ParquetWriter]] = {}
        for table, schema in ((EVENTS_DIR, EVENTS_SCHEMA), (ARTICLES_DIR, ARTICLES_SCHEMA)):
            staged = StagedFile(layout, layout.table_path(table, name))
            self._files[table] = (staged, pq.ParquetWriter(
                staged.stream, schema, compression=PARQUET_COMPRESSION))

    def add(self, coded: Iterable[CodedArticle], options: JobOptions) -> None:
        article_rows: list[dict[str, Any]] = []
        event_rows: list[dict[str, Any]] = []
        for item in coded:
            article_row, rows = flatten(item, self.name, options.keep_text)
            article_rows.append(article_row)
            event_rows.extend(rows)
        self.articles += len(article_rows)
        self.events += len(event_rows)
        self._article_tables.append(articles_table(article_rows))
        self._event_tables.append(events_table(event_rows))
        self._buffered_articles += len(article_rows)
        self._buffered_events += len(event_rows)
        if (self._buffered_articles >= options.row_group_articles
                or self._buffered_events >= options.row_group_events):
            self.flush()

    def flush(self) -> None:
        """Write what is buffered as one row group per table (big groups read fastest)."""
        for table, buffered in ((EVENTS_DIR, self._event_tables),
                                (ARTICLES_DIR, self._article_tables)):
            if buffered:
                combined = pa.concat_tables(buffered)
                if combined.num_rows:
                    self._files[table][1].write_table(combined, row_group_size=combined.num_rows)
        self._article_tables, self._event_tables = [], []
        self._buffered_articles = self._buffered_events = 0

    def sync_partial(self) -> None:
        """Push written bytes to the OS (the kill hook's way to leave a real partial file)."""
        self.flush()
        for staged, _ in self._files.values():
            staged.stream.flush()

    def publish(self) -> dict[str, dict[str, Any]]:
        """Finish both files and rename them into place; returns their manifest entries."""
        self.flush()
        for staged, parquet in self._files.values():
            parquet.close()  # writes the footer; a file without it is unreadable, hence temp
            staged.finish()
        entries: dict[str, dict[str, Any]] = {}
        for table, (staged, _) in self._files.items():
            staged.publish()
            rows = self.events if table == EVENTS_DIR else self.articles
            entries[table] = file_entry(self.layout, staged.final_path, rows)
        self._files = {}
        return entries

    def abandon(self) -> None:
        for staged, parquet in self._files.values():
            try:
                parquet.close()
            except Exception:  # noqa: BLE001 - closing a half-written file may fail; delete it anyway
                pass
            staged.abandon()
        self._files = {}


def _chunks(results: Iterator[Any], size: int) -> Iterator[list[Any]]:
    """ReadResults grouped so that each group holds ``size`` articles (errors ride along)."""
    chunk: list[Any] = []
    articles = 0
    for result in results:
        chunk.append(result)
        if result.article is not None:
            articles += 1
            if articles >= size:
                yield chunk
                chunk, articles = [], 0
    if chunk:
        yield chunk


def _maybe_kill(plan: KillPlan | None, partition: str, writer: _PartitionWriter) -> None:
    if plan is None or plan.partition != partition or writer.articles < plan.after_articles:
        return
    if plan.once_file is not None:
        if os.path.exists(plan.once_file):
            return
        Path(plan.once_file).write_text(str(os.getpid()), encoding="utf-8")
    writer.sync_partial()
    os.kill(os.getpid(), signal.SIGKILL)


def _eventwire_version() -> str:
    from eventwire import __version__

    return __version__
