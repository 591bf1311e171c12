"""Command-line style inputs: files, directories and ``-``, each routed to its reader."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path

from eventwire.ingest.decode import DEFAULT_MAX_BYTES
from eventwire.ingest.errors import ReadResult, failed
from eventwire.ingest.stdin import read_stdin
from eventwire.ingest.tabular import read_csv, read_jsonl
from eventwire.ingest.text import read_text_file

STDIN_PATH = "-"
Reader = Callable[..., Iterator[ReadResult]]

_READERS_BY_SUFFIX: dict[str, Reader] = {
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".csv": read_csv,
}
DIRECTORY_SUFFIXES = (".txt", *_READERS_BY_SUFFIX)


def read_inputs(paths: Iterable[str | Path], default_pub_date: date | None = None, *,
                max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[ReadResult]:
    """Every article in ``paths``, in order, with a result per problem instead of an exception.

    A path is ``-`` (standard input), a directory (its ``.txt``, ``.jsonl``, ``.ndjson`` and
    ``.csv`` files, sorted by name, not recursive, hidden files skipped), a ``.jsonl``/``.ndjson``
    or ``.csv`` corpus, or a text file (any other name). ``default_pub_date`` is the publication
    date of text articles and of records that carry none.
    """
    for path in paths:
        if str(path) == STDIN_PATH:
            yield from read_stdin(None, default_pub_date, max_bytes=max_bytes)
        elif Path(path).is_dir():
            yield from read_directory(path, default_pub_date, max_bytes=max_bytes)
        else:
            yield from reader_for(path)(path, default_pub_date, max_bytes=max_bytes)


def read_directory(path: str | Path, default_pub_date: date | None = None, *,
                   max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[ReadResult]:
    directory = Path(path)
    try:
        files = directory_inputs(directory)
    except OSError as err:
        yield failed(str(directory), None, f"cannot list directory ({err.strerror or err})")
        return
    if not files:
        suffixes = ", ".join(DIRECTORY_SUFFIXES)
        yield failed(str(directory), None, f"no input files in directory (looked for {suffixes})")
        return
    for file in files:
        yield from reader_for(file)(file, default_pub_date, max_bytes=max_bytes)


def directory_inputs(directory: Path) -> list[Path]:
    return sorted(
        entry for entry in directory.iterdir()
        if entry.suffix.lower() in DIRECTORY_SUFFIXES
        and not entry.name.startswith(".")  # editor backups, macOS "._" resource forks
        and entry.is_file()
    )


def reader_for(path: str | Path) -> Reader:
    return _READERS_BY_SUFFIX.get(Path(path).suffix.lower(), read_text_file)
