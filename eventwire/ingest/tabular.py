"""JSONL and CSV corpora, streamed record by record so a corpus never has to fit in memory.

A bad record costs only itself: it becomes an error naming its line and the rest are read. What
makes the rest unreadable ends the file with one error: a NUL byte (binary data), UTF-16, or, in
CSV only, a broken quote or an over-long line, after which row boundaries cannot be trusted.
Records without an id get ``<file stem>-<line>``, stable for as long as the file is unchanged.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from eventwire.ingest.decode import (
    DEFAULT_MAX_BYTES, DecodeFailure, NotTextFile, RawLine, bounded_lines, decode_bytes,
    format_size, reject_nul_bytes, reject_utf16,
)
from eventwire.ingest.errors import IngestError, ReadResult, failed, succeeded, warning
from eventwire.ingest.fields import (
    TEXT_FIELD, RecordContext, RecordProblem, article_from_record, describe_json_type,
)
from eventwire.ingest.files import FileProblem, open_checked


def read_jsonl(path: str | Path, default_pub_date: date | None = None, *,
               max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[ReadResult]:
    """One result per non-blank line: an article, or why that line could not become one."""
    return _read_records(path, jsonl_results, default_pub_date, max_bytes)


def read_csv(path: str | Path, default_pub_date: date | None = None, *,
             max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[ReadResult]:
    """One result per data row; a header without a ``text`` column is one error for the file."""
    return _read_records(path, csv_results, default_pub_date, max_bytes)


def _read_records(path: str | Path, results: Callable[..., Iterator[ReadResult]],
                  default_pub_date: date | None, max_bytes: int) -> Iterator[ReadResult]:
    """Open a corpus file with the size and existence checks, then stream its lines to a parser."""
    path = Path(path)
    try:
        stream = open_checked(path)
    except FileProblem as problem:
        yield failed(str(path), None, str(problem))
        return
    with stream:
        yield from results(bounded_lines(stream, max_bytes), source=str(path), id_prefix=path.stem,
                           default_pub_date=default_pub_date, max_bytes=max_bytes)


def jsonl_results(lines: Iterable[RawLine], *, source: str, id_prefix: str,
                  default_pub_date: date | None, max_bytes: int) -> Iterator[ReadResult]:
    decoder = LineDecoder(source)
    saw_bytes = saw_record = False
    for raw in lines:
        saw_bytes = True
        if raw.data is None:
            saw_record = True
            yield failed(source, raw.number, _too_long(raw, max_bytes))
            continue
        try:
            text = decoder.decode(raw)
        except NotTextFile as problem:
            yield failed(source, raw.number, str(problem))
            return
        except DecodeFailure as problem:
            saw_record = True
            yield failed(source, raw.number, str(problem))
            continue
        if not text.strip():
            continue
        saw_record = True
        ctx = RecordContext(source, raw.number, f"{id_prefix}-{raw.number}", default_pub_date,
                            max_bytes)
        yield _jsonl_line_result(text, ctx, decoder.take_warnings())
    if not saw_record:
        yield failed(source, None, "no records (only blank lines)" if saw_bytes else "empty file")


def csv_results(lines: Iterable[RawLine], *, source: str, id_prefix: str,
                default_pub_date: date | None, max_bytes: int) -> Iterator[ReadResult]:
    _allow_csv_fields_up_to(max_bytes)
    feed = _CsvLineFeed(lines, source, max_bytes)
    reader = csv.reader(feed)
    rows = _rows_with_lines(reader, source)
    try:
        header_line, header = next(rows)
    except StopIteration:
        yield failed(source, None, "no rows (only blank lines)")
        return
    except IngestError as problem:
        yield ReadResult(error=problem, warnings=feed.take_warnings())
        return
    columns = [name.strip().lower() for name in header]
    if TEXT_FIELD not in columns:
        found = ", ".join(name.strip() for name in header)
        yield failed(source, header_line, f"no '{TEXT_FIELD}' column (columns: {found})")
        return
    saw_record = False
    try:
        for line, row in rows:
            saw_record = True
            ctx = RecordContext(source, line, f"{id_prefix}-{line}", default_pub_date, max_bytes)
            yield _record_result(_row_record(columns, row), ctx,
                                 [*feed.take_warnings(), *_field_count_warning(ctx, row, columns)])
    except IngestError as problem:
        yield ReadResult(error=problem, warnings=feed.take_warnings())
        return
    if not saw_record:
        yield failed(source, None, "no records (only a header row)")


class LineDecoder:
    """Decodes a stream's lines one at a time; says once per stream that it fell back to cp1252."""

    def __init__(self, source: str) -> None:
        self.source = source
        self._warned_cp1252 = False
        self._pending: list[IngestError] = []

    def decode(self, raw: RawLine) -> str:
        assert raw.data is not None
        if raw.number == 1:
            reject_utf16(raw.data)
        reject_nul_bytes(raw.data, raw.offset)
        decoded = decode_bytes(raw.data, strip_bom=raw.number == 1, base_offset=raw.offset)
        if decoded.warning and not self._warned_cp1252:
            self._warned_cp1252 = True
            self._pending.append(warning(self.source, raw.number,
                                         f"{decoded.warning}, here and in any later such lines"))
        return decoded.text

    def take_warnings(self) -> list[IngestError]:
        taken, self._pending = self._pending, []
        return taken


def _jsonl_line_result(text: str, ctx: RecordContext,
                       warnings: list[IngestError]) -> ReadResult:
    try:
        record = json.loads(text)
    except json.JSONDecodeError as err:
        return ReadResult(error=IngestError(ctx.source, ctx.line, f"malformed JSON ({err.msg})"),
                          warnings=warnings)
    if not isinstance(record, dict):
        message = f"not a JSON object (got {describe_json_type(record)})"
        return ReadResult(error=IngestError(ctx.source, ctx.line, message), warnings=warnings)
    return _record_result(record, ctx, warnings)


def _record_result(record: Mapping[str, Any], ctx: RecordContext,
                   warnings: list[IngestError]) -> ReadResult:
    try:
        article, messages = article_from_record(record, ctx)
    except RecordProblem as problem:
        return ReadResult(error=IngestError(ctx.source, ctx.line, str(problem)), warnings=warnings)
    return succeeded(article, [*warnings, *(warning(ctx.source, ctx.line, m) for m in messages)])


class _CsvLineFeed:
    """Decoded lines for ``csv.reader``; problems that end the file surface as IngestError."""

    def __init__(self, lines: Iterable[RawLine], source: str, max_bytes: int) -> None:
        self._lines = lines
        self._source = source
        self._max_bytes = max_bytes
        self._decoder = LineDecoder(source)

    def __iter__(self) -> Iterator[str]:
        for raw in self._lines:
            if raw.data is None:
                raise IngestError(self._source, raw.number,
                                  f"{_too_long(raw, self._max_bytes)}; rest of file skipped")
            try:
                yield self._decoder.decode(raw)
            except NotTextFile as problem:
                raise IngestError(self._source, raw.number, str(problem)) from None
            except DecodeFailure as problem:
                # A CSV record may span lines, so a line cannot be dropped without breaking rows.
                raise IngestError(self._source, raw.number,
                                  f"{problem}; rest of file skipped") from None

    def take_warnings(self) -> list[IngestError]:
        return self._decoder.take_warnings()


def _rows_with_lines(reader: Any, source: str) -> Iterator[tuple[int, list[str]]]:
    """Non-blank rows with the line each starts on (a quoted field can span several lines)."""
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            raise IngestError(source, reader.line_num,
                              f"CSV parse error ({err}); rest of file skipped") from None
        if any(cell.strip() for cell in row):
            yield start, row


def _row_record(columns: list[str], row: list[str]) -> dict[str, str]:
    record: dict[str, str] = {}
    for name, value in zip(columns, row):
        record.setdefault(name, value)
    return record


def _field_count_warning(ctx: RecordContext, row: list[str],
                         columns: list[str]) -> list[IngestError]:
    # Usually an unquoted comma in the text: the row is still read, but the user should look.
    if len(row) == len(columns):
        return []
    return [warning(ctx.source, ctx.line, f"row has {len(row)} fields; header has {len(columns)}")]


def _too_long(raw: RawLine, max_bytes: int) -> str:
    return f"line too long ({format_size(raw.size)}; limit {format_size(max_bytes)})"


def _allow_csv_fields_up_to(max_bytes: int) -> None:
    # The csv module's field limit (128 KiB by default) is process-wide; it is only ever raised,
    # past the article cap, so that an oversized text gets the per-row "text too large" error
    # from fields.py rather than a csv error that ends the file.
    wanted = 2 * max_bytes
    if csv.field_size_limit() < wanted:
        csv.field_size_limit(wanted)
