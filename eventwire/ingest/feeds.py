"""RSS and Atom feeds: every entry's link fetched and read as a web page.

A feed is only an index; the article is the page it links to. The entry's own date and title
are kept when present (a feed's date is the publication date, where a page's date can be a
"last updated"), and the feed's title becomes the article's source. Problems name the feed and
the entry number: ``https://example.org/rss.xml:7: https://...: HTTP 404 Not Found``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from eventwire.ingest.dates import parse_pub_date
from eventwire.ingest.decode import DEFAULT_MAX_BYTES
from eventwire.ingest.errors import IngestError, ReadResult, failed
from eventwire.ingest.fetch import Fetcher, FetchError
from eventwire.ingest.files import FileProblem, read_capped
from eventwire.ingest.web import page_result

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml",
              "application/xml", "text/xml", "application/x-rss+xml")
FEED_SUFFIXES = (".rss", ".atom", ".xml")
_FEED_MARKERS = (b"<rss", b"<feed", b"<rdf:rdf")

Skip = Callable[[str], bool]


def looks_like_feed(content_type: str, body: bytes) -> bool:
    """A feed by its declared type, or by its opening tags when the server says nothing useful."""
    head = body[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if any(marker in head for marker in _FEED_MARKERS):
        return True
    return content_type in FEED_TYPES and not head.startswith((b"<!doctype html", b"<html"))


def read_feed(data: bytes, feed_url: str, fetcher: Fetcher, *, label: str | None = None,
              content_type: str = "application/xml", default_pub_date: date | None = None,
              skip: Skip | None = None) -> Iterator[ReadResult]:
    """One result per entry; ``feed_url`` resolves relative links, ``label`` names the feed in
    messages (defaults to the URL). ``skip(link)`` True means the link needs no fetching."""
    import feedparser

    label = label or feed_url
    parsed = feedparser.parse(data, response_headers={"content-location": feed_url,
                                                      "content-type": content_type})
    problem = _syntax_problem(parsed)
    if not parsed.entries:
        if problem:
            yield failed(label, None, f"malformed feed ({problem})")
        elif not parsed.get("version"):
            yield failed(label, None, "not an RSS or Atom feed")
        else:
            yield failed(label, None, "feed has no entries")
        return
    if problem:
        yield failed(label, None, f"malformed feed ({problem}); reading the "
                                  f"{len(parsed.entries)} entries before the error")
    source = (parsed.feed.get("title") or "").strip() or None
    for number, entry in enumerate(parsed.entries, start=1):
        yield from _entry_results(entry, number, label, fetcher, source=source,
                                  default_pub_date=default_pub_date, skip=skip)


def read_feed_file(path: str | Path, fetcher: Fetcher, *, default_pub_date: date | None = None,
                   skip: Skip | None = None,
                   max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[ReadResult]:
    """A feed saved as a file; its entries' links are fetched from the web."""
    path = Path(path)
    try:
        data = read_capped(path, max_bytes)
    except FileProblem as problem:
        yield failed(str(path), None, str(problem))
        return
    yield from read_feed(data, path.resolve().as_uri(), fetcher, label=str(path),
                         default_pub_date=default_pub_date, skip=skip)


def _entry_results(entry: Any, number: int, label: str, fetcher: Fetcher, *,
                   source: str | None, default_pub_date: date | None,
                   skip: Skip | None) -> Iterator[ReadResult]:
    link = (entry.get("link") or "").strip()
    if not link:
        yield failed(label, number, "entry has no link to an article")
        return
    if skip is not None and skip(link):
        return
    try:
        fetched = fetcher.get(link)
    except FetchError as problem:
        yield ReadResult(error=IngestError(label, number, f"{link}: {problem}"))
        return
    yield page_result(fetched, default_pub_date=default_pub_date, source=source,
                      title=(entry.get("title") or "").strip() or None,
                      pub_date=_entry_date(entry), label=label, line=number)


def _entry_date(entry: Any) -> date | None:
    # The date as written keeps the publisher's local day; feedparser's parsed form is UTC.
    for key in ("published", "updated", "created"):
        written = parse_pub_date(entry.get(key))
        if written is not None:
            return written
    for key in ("published_parsed", "updated_parsed"):
        parsed = entry.get(key)
        if isinstance(parsed, time.struct_time):
            return datetime(*parsed[:6], tzinfo=timezone.utc).date()
    return None


def _syntax_problem(parsed: Any) -> str | None:
    """The feed's XML error, ignoring feedparser's notes about declared vs actual encoding."""
    import feedparser

    if not parsed.get("bozo"):
        return None
    exc = parsed.get("bozo_exception")
    if isinstance(exc, (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)):
        return None
    text = " ".join(str(exc).split()) if exc is not None else "unreadable"
    return text or exc.__class__.__name__
