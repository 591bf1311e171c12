"""Publication dates from whatever a feed or spreadsheet put in its date column.

The date is taken as written, in the time zone the value states: "2025-03-14 23:30-05:00" is
14 March, the local date of publication, which is what relative dates in the text ("on Friday")
are counted from. Converting to UTC would move some stories to the wrong day.
"""

from __future__ import annotations

from datetime import date, datetime
from email.utils import parsedate_to_datetime
from typing import Any

# Common in news exports and cheap to try before dateparser, which costs a slow first import.
_WRITTEN_FORMATS = (
    "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%d %B %Y", "%d %b %Y", "%b %d %Y",
    "%Y/%m/%d", "%Y.%m.%d",
)

_DATEPARSER_SETTINGS = {
    # No relative-time parser: "yesterday" must not become a date relative to today's clock.
    # No timestamp parser: a bare number in a date column is more likely an error than epoch time.
    "PARSERS": ["custom-formats", "absolute-time"],
    # Strict: "March 2025" must not silently gain today's day of the month.
    "STRICT_PARSING": True,
    "RETURN_AS_TIMEZONE_AWARE": False,
}


def parse_pub_date(value: Any) -> date | None:
    """A ``date`` from a date, datetime or string; None when absent or unreadable."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text:
        return None
    return (_from_iso(text) or _from_written_format(text) or _from_rfc2822(text)
            or _from_dateparser(text))


def _from_iso(text: str) -> date | None:
    # Python 3.11 reads "2025-03-14", "2025-03-14T20:30:26+00:00" and "2025-03-14 20:30:26Z".
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        return None


def _from_written_format(text: str) -> date | None:
    for fmt in _WRITTEN_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _from_rfc2822(text: str) -> date | None:
    # RSS feeds: "Fri, 14 Mar 2025 20:30:26 +0000".
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        return None


def _from_dateparser(text: str) -> date | None:
    if not any(ch.isdigit() for ch in text):
        return None  # every absolute date has a year; skip the expensive parser for "soon"
    import dateparser  # deferred: most inputs never need it

    parsed = dateparser.parse(text, languages=["en"], settings=_DATEPARSER_SETTINGS)
    return parsed.date() if parsed else None
