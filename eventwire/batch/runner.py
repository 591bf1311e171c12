"""The client side of a batch: find partitions, skip finished ones, hand the rest to Dask.

Dask does all the scheduling, retrying on worker death and load balancing: one task per
partition, submitted largest first. The client only ever holds the small per-partition
summaries the tasks return, so a run of thousands of partitions costs it little memory.
"""

from __future__ import annotations

import logging
import os
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from rich.console import Console

from eventwire.batch.output import (
    OutputLayout, completed_partitions, remove_files, stale_temp_files,
)
from eventwire.batch.partitions import NoInputs, PartitionSpec, discover_partitions
from eventwire.batch.worker import (
    CoderPreloader, JobOptions, KillPlan, PartitionResult, code_partition,
)

FAILURE_SAMPLES_KEPT = 1000  # per run, on the client; every failure is also in its manifest


@dataclass
class BatchSummary:
    """What a run did; ``ok`` is False when any partition failed (records failing is normal)."""

    output: str
    partitions: int
    coded: list[PartitionResult] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # complete before this run started
    failed: dict[str, str] = field(default_factory=dict)  # partition -> reason
    changed_inputs: list[str] = field(default_factory=list)  # skipped, but the input's size differs
    failure_samples: list[dict[str, Any]] = field(default_factory=list)
    dashboard: str | None = None
    workers: int = 0
    startup_seconds: float = 0.0  # cluster start and model loading
    coding_seconds: float = 0.0  # first submission to last result
    total_seconds: float = 0.0
    temp_files_removed: int = 0
    interrupted: bool = False

    @property
    def ok(self) -> bool:
        return not self.failed and not self.interrupted

    @property
    def articles(self) -> int:
        return sum(r.articles for r in self.coded)

    @property
    def events(self) -> int:
        return sum(r.events for r in self.coded)

    @property
    def record_failures(self) -> int:
        return sum(r.record_failures for r in self.coded)

    @property
    def warnings(self) -> int:
        return sum(r.warnings for r in self.coded)

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["coded"] = [asdict(r) | {"failure_samples": len(r.failure_samples)} for r in self.coded]
        out.update(articles=self.articles, events=self.events,
                   record_failures=self.record_failures, warnings=self.warnings, ok=self.ok)
        return out


def run_batch(inputs: str | Sequence[str], output: str, *,
              scheduler: str | None = None, workers: int | None = None,
              threads_per_worker: int = 1, client: Any = None,
              pub_date: date | None = None, codebook_paths: Sequence[str | Path] = (),
              cascade: bool = True, model: str | None = None, keep_text: bool = True,
              force: bool = False, chunk_articles: int = 64,
              memory_limit: str | float | None = "auto", dashboard_address: str = ":8787",
              allowed_failures: int | None = None, preload: bool = True,
              kill_plan: KillPlan | None = None,
              console: Console | None = None, progress: bool = True) -> BatchSummary:
    """Code every partition of ``inputs`` not yet complete in ``output``, on Dask.

    Cluster: ``client`` (an existing ``distributed.Client``) if given, else ``scheduler`` (the
    address of a running scheduler), else a ``LocalCluster`` of ``workers`` processes (default:
    one per core) started for this run and stopped after it. ``allowed_failures`` is how often
    a partition may take a worker down with it before Dask gives up on it (local clusters only;
    Dask's default is 3). ``console`` gets the dashboard link, a progress bar and failures;
    None keeps the run silent.
    """
    started = time.perf_counter()
    say = _Say(console)
    specs = discover_partitions(inputs)
    if codebook_paths:
        from eventwire.codebook import load_codebook

        load_codebook(codebook_paths)  # a bad file fails here, not once per partition on workers
    layout = OutputLayout.open(output)
    specs = _outside(specs, layout)
    layout.make_dirs()
    # Workers get an absolute, protocol-qualified OUTPUT: a relative path would be resolved
    # against each worker's own working directory.
    options = JobOptions(output=layout.fs.unstrip_protocol(layout.root) if layout.is_local
                         else output, default_pub_date=pub_date,
                         codebooks=_read_codebooks(codebook_paths), cascade=cascade, model=model,
                         keep_text=keep_text, force=force, chunk_articles=chunk_articles,
                         kill_plan=kill_plan)
    summary = BatchSummary(output=output, partitions=len(specs))
    done = {} if force else completed_partitions(layout, (s.name for s in specs))
    summary.skipped = sorted(done)
    summary.changed_inputs = _changed_inputs(specs, done)
    # Largest first: the long partitions start early instead of finishing last on one worker.
    todo = sorted((s for s in specs if s.name not in done), key=lambda s: -(s.size or 0))
    say.line(f"{len(specs)} partitions: {len(done)} already complete, {len(todo)} to code")
    for name in summary.changed_inputs:
        say.warn(f"{name}: input changed size since it was coded; kept (use --force to recode)")
    if todo:
        try:
            with _connect(client, scheduler, workers, threads_per_worker, memory_limit,
                          dashboard_address, allowed_failures) as dask_client:
                summary.dashboard = dask_client.dashboard_link
                say.line(f"Dask dashboard: {summary.dashboard}" + _dashboard_note(
                    client is None and scheduler is None))
                if scheduler or client is not None:
                    _check_workers(dask_client, say)
                if preload:
                    preload = _preload(dask_client, options, say)
                summary.workers = len(dask_client.scheduler_info().get("workers", {}))
                summary.startup_seconds = time.perf_counter() - started
                coding_started = time.perf_counter()
                try:
                    _submit_and_collect(dask_client, todo, options, summary, say, progress)
                finally:
                    summary.coding_seconds = time.perf_counter() - coding_started
                    if preload:
                        _unregister(dask_client, CoderPreloader.name)
        except KeyboardInterrupt:
            summary.interrupted = True
            say.warn("interrupted: finished partitions are kept; run again to resume")
    complete = set(done) | {r.name for r in summary.coded}
    summary.temp_files_removed = remove_files(
        layout, stale_temp_files(layout, lambda name: name in complete))
    summary.total_seconds = time.perf_counter() - started
    return summary


def _outside(specs: list[PartitionSpec], layout: OutputLayout) -> list[PartitionSpec]:
    """Inputs that are not this run's own output (OUTPUT inside an INPUT directory)."""
    own = layout.fs.unstrip_protocol(layout.root).rstrip("/") + "/"
    kept = [spec for spec in specs if not spec.url.startswith(own)]
    if not kept:
        raise NoInputs(f"the only inputs found are inside OUTPUT ({layout.url})")
    return kept


def _submit_and_collect(client: Any, todo: list[PartitionSpec], options: JobOptions,
                        summary: BatchSummary, say: "_Say", progress: bool) -> None:
    from distributed import as_completed

    run_id = uuid.uuid4().hex[:8]  # fresh keys, so an earlier run's results are never reused
    futures = client.map(code_partition, todo, options=options, pure=False,
                         key=[f"eventwire-partition-{s.name}-{run_id}" for s in todo])
    names = {f.key: s.name for f, s in zip(futures, todo)}
    try:
        with say.progress(len(todo), enabled=progress) as bar:
            for future in as_completed(futures):
                name = names[future.key]
                if future.status == "finished":
                    result: PartitionResult = future.result()
                    summary.coded.append(result)
                    room = FAILURE_SAMPLES_KEPT - len(summary.failure_samples)
                    summary.failure_samples.extend(result.failure_samples[:max(room, 0)])
                else:
                    reason = _reason(future)
                    summary.failed[name] = reason
                    say.warn(f"partition {name} failed: {reason}")
                bar.advance(summary)
                future.release()  # the result is copied; let the scheduler forget the task
    except BaseException:
        client.cancel(futures)
        raise


def _reason(future: Any) -> str:
    try:
        exc = future.exception()
    except Exception as err:  # noqa: BLE001 - a cancelled future raises here instead
        return f"{type(err).__name__}: {err}"
    if exc is None:
        return future.status
    return " ".join(f"{type(exc).__name__}: {exc}".split())


@contextmanager
def _connect(client: Any, scheduler: str | None, workers: int | None, threads: int,
             memory_limit: str | float | None, dashboard_address: str,
             allowed_failures: int | None) -> Iterator[Any]:
    from distributed import Client, LocalCluster

    if client is not None:
        yield client
        return
    if scheduler:
        with Client(scheduler) as joined:
            yield joined
        return
    import dask

    scheduler_kwargs = {} if allowed_failures is None else {"allowed_failures": allowed_failures}
    # A worker gets a partition only when a thread is free (Dask's default queues 10% extra).
    # Partitions are long, so an extra one queued on a busy worker can only finish later than
    # on the next free one; and if that worker dies, Dask counts the death against the queued
    # partition too, which then fails for nothing once allowed_failures is reached.
    #
    # Dask sets MALLOC_TRIM_THRESHOLD_=65536 in its workers to curb unmanaged memory. Setting it
    # at all turns off glibc's adaptive mmap threshold, so large short-lived allocations (the
    # parser's arrays) are mapped and unmapped again and again: measured here, coding took
    # 15-20% more CPU than in `eventwire code` with it, the same without. Our workers hold no
    # data between tasks, so it is unset (a value exported in the environment still wins).
    with dask.config.set({"distributed.scheduler.worker-saturation": 1.0,
                          "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}):
        # Processes, one thread each: parsing holds the GIL, so threads add no throughput.
        cluster = LocalCluster(n_workers=workers or default_workers(), threads_per_worker=threads,
                               processes=True, memory_limit=memory_limit,
                               dashboard_address=dashboard_address, silence_logs=logging.ERROR,
                               scheduler_kwargs=scheduler_kwargs)
    with cluster, Client(cluster) as local:
        yield local


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))  # honours taskset and container CPU sets
    except AttributeError:  # macOS, Windows
        return max(1, os.cpu_count() or 1)


def _check_workers(client: Any, say: "_Say") -> None:
    """On a cluster someone else started, say early if its workers cannot run eventwire."""
    from eventwire import __version__

    try:
        versions = client.run(_worker_eventwire_version)
    except Exception as exc:  # noqa: BLE001 - report and let the tasks fail with the details
        say.warn(f"could not ask the workers for their eventwire version ({exc}); "
                 "is eventwire installed on them?")
        return
    odd = {w: v for w, v in versions.items() if v != __version__}
    if odd:
        say.warn(f"{len(odd)} workers run another eventwire than this client ({__version__}): "
                 + ", ".join(f"{w}={v}" for w, v in list(odd.items())[:5]))


def _worker_eventwire_version() -> str | None:
    try:
        from eventwire import __version__
    except ImportError:
        return None
    return __version__


def _preload(client: Any, options: JobOptions, say: "_Say") -> bool:
    """Have every worker (and any that joins or restarts) load the coder now; True if it took."""
    try:
        client.register_plugin(CoderPreloader(options))
    except Exception as exc:  # noqa: BLE001 - without it the first task per worker loads instead
        say.warn(f"workers could not preload the coder ({type(exc).__name__}: {exc}); "
                 "each will load it with its first partition")
        return False
    return True


def _unregister(client: Any, name: str) -> None:
    # A joined cluster outlives this run; its future workers need not load eventwire's model.
    try:
        client.unregister_worker_plugin(name)
    except Exception:  # noqa: BLE001 - the cluster may already be gone; nothing to undo then
        pass


def _read_codebooks(paths: Sequence[str | Path]) -> tuple[tuple[str, str], ...]:
    return tuple((Path(p).name, Path(p).read_text(encoding="utf-8")) for p in paths)


def _changed_inputs(specs: list[PartitionSpec], done: dict[str, dict[str, Any]]) -> list[str]:
    changed = []
    for spec in specs:
        recorded = done.get(spec.name, {}).get("input_size")
        if spec.name in done and None not in (recorded, spec.size) and recorded != spec.size:
            changed.append(spec.name)
    return changed


def _dashboard_note(local: bool) -> str:
    import importlib.util

    if local and importlib.util.find_spec("bokeh") is None:
        return "  (the plots need `pip install bokeh`)"
    return ""


class _Say:
    """Console output when there is a console; silence for library callers."""

    def __init__(self, console: Console | None) -> None:
        self.console = console

    def line(self, text: str) -> None:
        if self.console is not None:
            self.console.print(text, soft_wrap=True, highlight=False)

    def warn(self, text: str) -> None:
        if self.console is not None:
            self.console.print(f"[yellow]warning:[/yellow] {text}", soft_wrap=True,
                               highlight=False)

    @contextmanager
    def progress(self, total: int, enabled: bool) -> Iterator["_Bar"]:
        if self.console is None or not enabled:
            yield _Bar(None, None, total, self)
            return
        if not self.console.is_terminal:
            yield _Bar(None, None, total, self)  # log-friendly lines instead of a live bar
            return
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                                   TimeElapsedColumn, TimeRemainingColumn)

        with Progress(TextColumn("partitions"), BarColumn(), MofNCompleteColumn(),
                      TextColumn("{task.fields[counts]}"), TimeElapsedColumn(),
                      TimeRemainingColumn(), console=self.console) as live:
            task = live.add_task("coding", total=total, counts="")
            yield _Bar(live, task, total, self)


class _Bar:
    def __init__(self, live: Any, task: Any, total: int, say: _Say) -> None:
        self.live, self.task, self.total, self.say = live, task, total, say
        self.completed = 0
        self.every = max(1, total // 20)  # about twenty lines in a log, however many partitions

    def advance(self, summary: BatchSummary) -> None:
        self.completed += 1
        counts = f"{summary.articles:,} articles, {summary.events:,} events"
        if summary.failed:
            counts += f", {len(summary.failed)} failed"
        if self.live is not None:
            self.live.update(self.task, advance=1, counts=counts)
        elif self.completed % self.every == 0 or self.completed == self.total:
            self.say.line(f"partitions {self.completed}/{self.total}: {counts}")


def render_summary(summary: BatchSummary, console: Console, failures_shown: int = 20) -> None:
    """The end-of-run report: partitions, counts, speed and why records were dropped."""
    coded = [r for r in summary.coded if r.status == "coded"]
    late = [r for r in summary.coded if r.status != "coded"]
    console.print(f"\n[bold]batch summary[/bold] -> {summary.output}", highlight=False)
    console.print(f"  partitions: {summary.partitions} total, {len(coded)} coded, "
                  f"{len(summary.skipped) + len(late)} skipped (already complete), "
                  f"{len(summary.failed)} failed", highlight=False)
    rate = summary.articles / summary.coding_seconds if summary.coding_seconds else 0.0
    console.print(f"  articles: {summary.articles:,} coded, {summary.events:,} events; "
                  f"{summary.record_failures:,} records failed, {summary.warnings:,} warnings",
                  highlight=False)
    if coded:
        console.print(f"  time: {summary.total_seconds:.1f}s ({summary.startup_seconds:.1f}s "
                      f"start-up, {summary.coding_seconds:.1f}s coding on {summary.workers} "
                      f"worker{'' if summary.workers == 1 else 's'}: {rate:.1f} articles/s)", highlight=False)
    if summary.temp_files_removed:
        console.print(f"  removed {summary.temp_files_removed} temporary files left by "
                      "interrupted attempts", highlight=False)
    for name, reason in sorted(summary.failed.items()):
        console.print(f"  [red]failed[/red] {name}: {reason}", soft_wrap=True, highlight=False)
    if summary.record_failures:
        console.print("  records skipped (all are listed in _manifest/part-<name>.json):",
                      highlight=False)
        for failure in summary.failure_samples[:failures_shown]:
            console.print(f"    {failure['where']}: {failure['reason']}", soft_wrap=True,
                          highlight=False, markup=False)
        hidden = summary.record_failures - min(failures_shown, len(summary.failure_samples))
        if hidden > 0:
            console.print(f"    ... and {hidden:,} more", highlight=False)
    if summary.failed:
        console.print("  run the same command again to retry the failed partitions",
                      highlight=False)
