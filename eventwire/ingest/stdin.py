"""Standard input (``-``): one text article, or a JSONL stream.

The choice is made on the first non-blank line: if it is a JSON object, the input is JSONL and
is streamed record by record, bad lines reported like a file's. Otherwise the whole input is one
text article. Checking that *every* line is JSON would mean buffering a whole corpus before the
first record could be read; a news article does not open with a JSON object line, so the first
line is enough to tell.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from datetime import date
from itertools import chain
from typing import BinaryIO

from eventwire.ingest.decode import DEFAULT_MAX_BYTES, UTF8_BOM, RawLine, bounded_lines, format_size
from eventwire.ingest.errors import ReadResult, failed
from eventwire.ingest.tabular import jsonl_results
from eventwire.ingest.text import article_from_bytes

STDIN_SOURCE = "<stdin>"


def read_stdin(stream: BinaryIO | None = None, default_pub_date: date | None = None, *,
               max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[ReadResult]:
    """Results for standard input (or ``stream``, for tests and embedding)."""
    lines = bounded_lines(stream if stream is not None else sys.stdin.buffer, max_bytes)
    head = _through_first_content_line(lines)
    all_lines = chain(head, lines)
    if head and _is_json_object_line(head[-1]):
        yield from jsonl_results(all_lines, source=STDIN_SOURCE, id_prefix="stdin",
                                 default_pub_date=default_pub_date, max_bytes=max_bytes)
    else:
        yield _text_from_lines(all_lines, max_bytes, default_pub_date)


def _through_first_content_line(lines: Iterator[RawLine]) -> list[RawLine]:
    head: list[RawLine] = []
    for raw in lines:
        head.append(raw)
        if raw.data is None or raw.data.strip(b" \t\r\n" + UTF8_BOM):
            break
    return head


def _is_json_object_line(raw: RawLine) -> bool:
    if raw.data is None:
        return False
    data = raw.data.removeprefix(UTF8_BOM).strip()
    if not data.startswith(b"{"):
        return False
    try:
        return isinstance(json.loads(data), dict)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return False


def _text_from_lines(lines: Iterator[RawLine], max_bytes: int,
                     default_pub_date: date | None) -> ReadResult:
    chunks: list[bytes] = []
    total = 0
    for raw in lines:
        total += raw.size
        if raw.data is None or total > max_bytes:
            return failed(STDIN_SOURCE, None, f"input too large (more than {format_size(max_bytes)})")
        chunks.append(raw.data)
    if not chunks:
        return failed(STDIN_SOURCE, None, "empty input")
    return article_from_bytes(b"".join(chunks), article_id=None, source=STDIN_SOURCE,
                              default_pub_date=default_pub_date)
