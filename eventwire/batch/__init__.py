"""Code a large corpus on a Dask cluster: one task per input partition, Parquet out, resumable.

    from eventwire.batch import run_batch
    summary = run_batch("corpus/*.jsonl", "coded/", workers=2)

Each input file (JSONL, CSV or Parquet; local or any fsspec URL) is one partition. Its events
and articles are written as ``OUTPUT/events/part-<name>.parquet`` and
``OUTPUT/articles/part-<name>.parquet``, then marked complete by
``OUTPUT/_manifest/part-<name>.json``. A rerun skips complete partitions and redoes the rest,
so every partition ends up coded exactly once however often a run is interrupted.
Needs the ``distributed`` and ``pyarrow`` packages.
"""

from eventwire.batch.output import OutputLayout, completed_partitions
from eventwire.batch.partitions import NoInputs, PartitionSpec, discover_partitions, read_partition
from eventwire.batch.runner import BatchSummary, default_workers, render_summary, run_batch
from eventwire.batch.schema import ARTICLES_SCHEMA, EVENTS_SCHEMA
from eventwire.batch.worker import JobOptions, KillPlan, PartitionResult, code_partition

__all__ = [
    "ARTICLES_SCHEMA",
    "BatchSummary",
    "EVENTS_SCHEMA",
    "JobOptions",
    "KillPlan",
    "NoInputs",
    "OutputLayout",
    "PartitionResult",
    "PartitionSpec",
    "code_partition",
    "completed_partitions",
    "default_workers",
    "discover_partitions",
    "read_partition",
    "render_summary",
    "run_batch",
]
