"""One JSONL object or CSV row to an :class:`Article`; the field rules both formats share.

Field names are matched without regard to case or surrounding spaces, because spreadsheet headers
drift ("Text", " title"). The first non-empty date field among ``DATE_FIELDS`` is used.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from eventwire.ingest.dates import parse_pub_date
from eventwire.ingest.decode import format_size
from eventwire.records import Article

TEXT_FIELD = "text"
DATE_FIELDS = ("published", "pub_date", "date")


class RecordProblem(Exception):
    """This record cannot become an article; the message says why, in one line."""


@dataclass(frozen=True)
class RecordContext:
    """Where a record came from, and the fallbacks for what it leaves out."""

    source: str
    line: int
    fallback_id: str
    default_pub_date: date | None
    max_bytes: int


def article_from_record(record: Mapping[str, Any], ctx: RecordContext) -> tuple[Article, list[str]]:
    """The article and any warning messages; raises RecordProblem when there is no usable text."""
    fields = _normalized_keys(record)
    warnings: list[str] = []
    text = _required_text(fields, ctx.max_bytes)
    pub_date = _pub_date(fields, ctx.default_pub_date, warnings)
    article = Article(
        id=_record_id(fields, ctx.fallback_id, warnings),
        text=text,
        title=_optional_str(fields, "title"),
        pub_date=pub_date,
        source=_optional_str(fields, "source"),
        url=_optional_str(fields, "url"),
        language=_optional_str(fields, "language") or "en",
        origin=f"{ctx.source}:{ctx.line}",
    )
    return article, warnings


def describe_json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return "string" if isinstance(value, str) else type(value).__name__


def _normalized_keys(record: Mapping[str, Any]) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for key, value in record.items():
        if isinstance(key, str):
            fields.setdefault(key.strip().lower(), value)  # first spelling wins on duplicates
    return fields


def _required_text(fields: Mapping[str, Any], max_bytes: int) -> str:
    if TEXT_FIELD not in fields:
        raise RecordProblem(f"no '{TEXT_FIELD}' field")
    text = fields[TEXT_FIELD]
    if text is None or (isinstance(text, str) and not text.strip()):
        raise RecordProblem("empty text")
    if not isinstance(text, str):
        raise RecordProblem(f"'{TEXT_FIELD}' is not a string (got {describe_json_type(text)})")
    size = len(text.encode("utf-8"))
    if size > max_bytes:
        raise RecordProblem(f"text too large ({format_size(size)}; limit {format_size(max_bytes)})")
    return text


def _record_id(fields: Mapping[str, Any], fallback: str, warnings: list[str]) -> str:
    value = fields.get("id")
    if isinstance(value, str) and value.strip():
        return value.strip()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if value not in (None, ""):
        warnings.append(f"'id' is not a string or integer (got {describe_json_type(value)}); "
                        f"using {fallback}")
    return fallback


def _pub_date(fields: Mapping[str, Any], default: date | None, warnings: list[str]) -> date | None:
    for name in DATE_FIELDS:
        value = fields.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        parsed = parse_pub_date(value)
        if parsed is None:
            warnings.append(f"unparseable date {_quoted(value)} in '{name}'; pub_date left empty")
        return parsed
    return default


def _optional_str(fields: Mapping[str, Any], name: str) -> str | None:
    value = fields.get(name)
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _quoted(value: Any, limit: int = 40) -> str:
    shown = value if isinstance(value, str) else repr(value)
    return repr(shown if len(shown) <= limit else shown[:limit] + "...")
