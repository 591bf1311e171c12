"""Mixed inputs for ``eventwire ingest``: files and directories, web pages, and feeds.

``http(s)://`` arguments are fetched once and read as a feed or a page depending on what comes
back; ``.rss``/``.atom``/``.xml`` files are feeds; everything else goes to the file readers of
:mod:`eventwire.ingest.inputs`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path

from eventwire.ingest.errors import IngestError, ReadResult
from eventwire.ingest.feeds import FEED_SUFFIXES, looks_like_feed, read_feed, read_feed_file
from eventwire.ingest.fetch import Fetcher, FetchError, FetchPolicy
from eventwire.ingest.inputs import read_inputs
from eventwire.ingest.web import page_result

Skip = Callable[[str], bool]


def is_url(item: str) -> bool:
    return item.lower().startswith(("http://", "https://"))


def read_url(url: str, fetcher: Fetcher, *, default_pub_date: date | None = None,
             skip: Skip | None = None) -> Iterator[ReadResult]:
    """The article at a page URL, or every entry's article when the URL serves a feed.

    ``skip(url)`` True means the URL's article is already in hand and needs no fetching; a feed's
    URL is never an article's, so feeds are always read.
    """
    if skip is not None and skip(url):
        return
    try:
        fetched = fetcher.get(url)
    except FetchError as problem:
        yield ReadResult(error=IngestError(url, None, str(problem)))
        return
    if looks_like_feed(fetched.content_type, fetched.body):
        yield from read_feed(fetched.body, fetched.final_url, fetcher, label=url,
                             content_type=fetched.content_type or "application/xml",
                             default_pub_date=default_pub_date, skip=skip)
        return
    yield page_result(fetched, default_pub_date=default_pub_date)


def read_sources(items: Iterable[str], *, default_pub_date: date | None = None,
                 policy: FetchPolicy | None = None, skip: Skip | None = None,
                 fetcher: Fetcher | None = None) -> Iterator[ReadResult]:
    """Every article from paths, directories, ``-``, page URLs and feeds (URLs or files)."""
    own_fetcher = fetcher is None
    fetcher = fetcher or Fetcher(policy)
    try:
        for item in items:
            if is_url(item):
                yield from read_url(item, fetcher, default_pub_date=default_pub_date, skip=skip)
            elif Path(item).suffix.lower() in FEED_SUFFIXES and Path(item).is_file():
                yield from read_feed_file(item, fetcher, default_pub_date=default_pub_date,
                                          skip=skip)
            else:
                yield from read_inputs([item], default_pub_date)
    finally:
        if own_fetcher:
            fetcher.close()
