"""Input partitions: which files a batch codes, what each is called, and how its records are read.

A partition is one input file (JSONL, CSV or Parquet, optionally gzip/bz2/xz-compressed) on any
filesystem fsspec can open. It is the unit of work, of output and of resumption, so its name
must be stable across runs and unique within a run: it is derived from the file's path relative
to the input root, never from its position in a listing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import PurePosixPath
from typing import Any

import fsspec
from fsspec.core import url_to_fs
from fsspec.utils import infer_compression

from eventwire.ingest.decode import DEFAULT_MAX_BYTES, bounded_lines
from eventwire.ingest.errors import IngestError, ReadResult, failed, succeeded, warning
from eventwire.ingest.fields import (
    DATE_FIELDS, TEXT_FIELD, RecordContext, RecordProblem, article_from_record,
)
from eventwire.ingest.tabular import csv_results, jsonl_results

FORMATS_BY_SUFFIX: dict[str, str] = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".parquet": "parquet",
    ".pq": "parquet",
}
COMPRESSION_SUFFIXES = (".gz", ".bz2", ".xz")

# Parquet columns an Article can use; anything else (often a big raw-HTML column) is not read.
_PARQUET_FIELDS = frozenset({TEXT_FIELD, "id", "title", "source", "url", "language", *DATE_FIELDS})
_PARQUET_BATCH_ROWS = 1024
_UNSAFE_NAME_CHARS = re.compile(r"[^A-Za-z0-9._=-]+")


class NoInputs(ValueError):
    """The INPUT names nothing a batch can code; the message says what was looked for."""


@dataclass(frozen=True)
class PartitionSpec:
    """One input file to code; small and picklable, because it travels to a worker."""

    name: str  # unique in the run, safe as a file name; the output is part-<name>.parquet
    url: str  # protocol-qualified, so a worker on another machine opens the same file
    display: str  # how messages name it: the path as the user wrote it, or the URL
    format: str  # "jsonl", "csv" or "parquet"
    compression: str | None
    stem: str  # file name without format/compression suffixes: fallback ids are <stem>-<line>
    size: int | None  # bytes, when the filesystem says; recorded to notice a changed input


def discover_partitions(inputs: str | Sequence[str]) -> list[PartitionSpec]:
    """Every partition named by ``inputs``: files, directories (searched recursively) or globs.

    Hidden files and names starting with ``_`` are skipped in directories, as Spark and
    pyarrow do (temporary files, ``_SUCCESS`` markers, a batch's ``_manifest/``).
    """
    targets = [inputs] if isinstance(inputs, str) else list(inputs)
    found: list[tuple[Any, str, str, str]] = []  # (fs, path, root for naming, display)
    looked: list[str] = []
    for target in targets:
        fs, path = url_to_fs(target)
        looked.append(target)
        if _has_glob(path):
            for match in sorted(fs.glob(path)):
                if fs.isfile(match) and _format_of(match)[0]:
                    found.append((fs, match, _glob_root(path), _display(target, fs, match)))
        elif fs.isdir(path):
            for match in sorted(fs.find(path)):
                relative = match[len(path.rstrip("/")) + 1:]
                if _is_hidden(relative) or not _format_of(match)[0]:
                    continue
                found.append((fs, match, path, _display(target, fs, match)))
        elif fs.exists(path):
            if not _format_of(path)[0]:
                raise NoInputs(f"{target}: not a JSONL, CSV or Parquet file "
                               f"(suffixes: {', '.join(FORMATS_BY_SUFFIX)})")
            found.append((fs, path, str(PurePosixPath(path).parent), target))
        else:
            raise NoInputs(f"{target}: no such file, directory or glob match")
    if not found:
        raise NoInputs(f"no JSONL, CSV or Parquet files in {', '.join(looked)}")
    specs = [_spec(fs, path, root, display) for fs, path, root, display in found]
    return _unique_names(specs)


def read_partition(spec: PartitionSpec, default_pub_date: date | None = None, *,
                   max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[ReadResult]:
    """The partition's records as ReadResults, streamed: a bad record is a result, not a raise.

    Opening the file can still raise (missing file, lost connection): that is a problem with
    the partition, which the caller reports as a failed partition to retry on the next run.
    """
    if spec.format == "parquet":
        yield from _parquet_results(spec, default_pub_date, max_bytes)
        return
    results = jsonl_results if spec.format == "jsonl" else csv_results
    with fsspec.open(spec.url, "rb", compression=spec.compression) as stream:
        yield from results(bounded_lines(stream, max_bytes), source=spec.display,
                           id_prefix=spec.stem, default_pub_date=default_pub_date,
                           max_bytes=max_bytes)


def _parquet_results(spec: PartitionSpec, default_pub_date: date | None,
                     max_bytes: int) -> Iterator[ReadResult]:
    import pyarrow.parquet as pq

    with fsspec.open(spec.url, "rb", compression=spec.compression) as stream:
        parquet = pq.ParquetFile(stream)
        columns = [name for name in parquet.schema_arrow.names
                   if name.strip().lower() in _PARQUET_FIELDS]
        if TEXT_FIELD not in {name.strip().lower() for name in columns}:
            found = ", ".join(parquet.schema_arrow.names)
            yield failed(spec.display, None, f"no '{TEXT_FIELD}' column (columns: {found})")
            return
        row = 0
        for batch in parquet.iter_batches(batch_size=_PARQUET_BATCH_ROWS, columns=columns):
            for record in batch.to_pylist():
                row += 1  # 1-based, like a line number, so messages read "file.parquet:17"
                yield _record_result(record, RecordContext(
                    spec.display, row, f"{spec.stem}-{row}", default_pub_date, max_bytes))
        if row == 0:
            yield failed(spec.display, None, "no records (empty Parquet file)")


def _record_result(record: dict[str, Any], ctx: RecordContext) -> ReadResult:
    try:
        article, messages = article_from_record(record, ctx)
    except RecordProblem as problem:
        return ReadResult(error=IngestError(ctx.source, ctx.line, str(problem)))
    return succeeded(article, [warning(ctx.source, ctx.line, m) for m in messages])


def _spec(fs: Any, path: str, root: str, display: str) -> PartitionSpec:
    fmt, compression, stem = _format_of(path)
    assert fmt is not None
    try:
        size = fs.size(path)
    except (OSError, NotImplementedError):
        size = None
    relative = path[len(root.rstrip("/")) + 1:] if path.startswith(root.rstrip("/") + "/") else path
    return PartitionSpec(name=_safe_name(_strip_suffixes(relative)), url=fs.unstrip_protocol(path),
                         display=display, format=fmt, compression=compression, stem=stem,
                         size=size)


def _format_of(path: str) -> tuple[str | None, str | None, str]:
    """(format, compression, stem) from the file name; format None for anything else."""
    name = PurePosixPath(path).name
    compression = None
    lowered = name.lower()
    for suffix in COMPRESSION_SUFFIXES:
        if lowered.endswith(suffix):
            compression = infer_compression(name)
            name = name[: -len(suffix)]
            lowered = name.lower()
            break
    suffix = PurePosixPath(lowered).suffix
    fmt = FORMATS_BY_SUFFIX.get(suffix)
    return fmt, compression, name[: len(name) - len(suffix)] if fmt else name


def _strip_suffixes(relative: str) -> str:
    parent = PurePosixPath(relative).parent
    stem = _format_of(relative)[2]
    return stem if str(parent) == "." else f"{parent}/{stem}"


def _safe_name(relative: str) -> str:
    # Sub-directories survive as "__" so year=2024/part-1 and year=2025/part-1 stay distinct.
    parts = [_UNSAFE_NAME_CHARS.sub("_", part).strip("._") or "_" for part in relative.split("/")]
    return "__".join(parts)


def _unique_names(specs: list[PartitionSpec]) -> list[PartitionSpec]:
    """Same names (news.jsonl beside news.csv, or the same file given twice) made distinct."""
    by_url: dict[str, PartitionSpec] = {}
    for spec in specs:
        by_url.setdefault(spec.url, spec)  # a file matched by two inputs is one partition
    counts: dict[str, int] = {}
    for spec in by_url.values():
        counts[spec.name] = counts.get(spec.name, 0) + 1
    unique: list[PartitionSpec] = []
    for spec in by_url.values():
        if counts[spec.name] > 1:
            # Adding the format keeps the name stable across runs, unlike a counter would.
            spec = replace(spec, name=f"{spec.name}_{spec.format}"
                           + (f"_{spec.compression}" if spec.compression else ""))
        unique.append(spec)
    names = [s.name for s in unique]
    clashes = sorted({n for n in names if names.count(n) > 1})
    if clashes:
        raise NoInputs(f"inputs give the same partition name twice: {', '.join(clashes)}")
    return unique


def _has_glob(path: str) -> bool:
    return any(ch in path for ch in "*?[")


def _glob_root(pattern: str) -> str:
    """The directory part before the first wildcard: names are relative to it."""
    parts = pattern.split("/")
    fixed: list[str] = []
    for part in parts:
        if _has_glob(part):
            break
        fixed.append(part)
    return "/".join(fixed) or "/"


def _is_hidden(relative: str) -> bool:
    return any(part.startswith((".", "_")) for part in relative.split("/"))


def _display(target: str, fs: Any, path: str) -> str:
    # Local paths stay as the user would type them; remote ones keep their protocol.
    if "://" not in target:
        return path
    return fs.unstrip_protocol(path)
