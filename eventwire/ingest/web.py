"""Web pages to articles: the main text, title and date of a news page, via trafilatura.

The article text is what trafilatura extracts (navigation, comments and tables left out); event
offsets point into that text. Pages that yield no such text, or too little to be a report, are
an error rather than an empty article, so a link to a home page or a video says so.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from datetime import date
from urllib.parse import urlsplit

from eventwire.ingest.dates import parse_pub_date
from eventwire.ingest.errors import IngestError, ReadResult, failed, succeeded
from eventwire.ingest.fetch import Fetched, Fetcher, FetchError
from eventwire.records import Article

MIN_ARTICLE_WORDS = 40
HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain",)


class NotAnArticle(Exception):
    """The page was fetched but holds no article text; the message says what was found."""


def url_article_id(url: str) -> str:
    """A stable id for an article known by its URL."""
    return "web-" + hashlib.sha1(url.encode("utf-8")).hexdigest()[:16]


def article_from_html(html: str | bytes, url: str, *, default_pub_date: date | None = None,
                      source: str | None = None, title: str | None = None,
                      pub_date: date | None = None) -> Article:
    """The article in a page. ``title``/``pub_date`` (e.g. from a feed entry) win over what the
    page says; ``default_pub_date`` is used only when neither gives a date."""
    import trafilatura

    document = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False,
        include_images=False, date_extraction_params={"original_date": True,
                                                      "extensive_search": False})
    text = (_field(document, "text") or "").strip()
    if not text:
        raise NotAnArticle("no article text found in the page")
    words = len(text.split())
    if words < MIN_ARTICLE_WORDS:
        raise NotAnArticle(f"too little text for a news article ({words} words; at least "
                           f"{MIN_ARTICLE_WORDS} expected): not an article page?")
    return Article(
        id=url_article_id(url),
        text=text,
        title=title or _field(document, "title") or None,
        pub_date=pub_date or parse_pub_date(_field(document, "date")) or default_pub_date,
        source=source or _field(document, "sitename") or urlsplit(url).hostname,
        url=url,
        origin=url,
    )


def _field(document: object, name: str) -> str | None:
    # trafilatura 2 returns a Document; 1.x returned a dict.
    if document is None:
        return None
    if isinstance(document, dict):
        return document.get(name)
    return getattr(document, name, None)


def page_result(fetched: Fetched, *, default_pub_date: date | None = None,
                source: str | None = None, title: str | None = None,
                pub_date: date | None = None, label: str | None = None,
                line: int | None = None) -> ReadResult:
    """The article in a fetched page, or a one-line error naming the URL (or ``label:line``)."""
    where = label or fetched.url
    prefix = f"{fetched.url}: " if label else ""
    if fetched.content_type in HTML_TYPES or (not fetched.content_type
                                              and b"<html" in fetched.body[:4096].lower()):
        try:
            article = article_from_html(fetched.body if fetched.charset is None
                                        else fetched.text(), fetched.url,
                                        default_pub_date=default_pub_date, source=source,
                                        title=title, pub_date=pub_date)
        except NotAnArticle as problem:
            return failed(where, line, f"{prefix}{problem}")
        return succeeded(article)
    if fetched.content_type in TEXT_TYPES:
        text = fetched.text()
        if len(text.split()) < MIN_ARTICLE_WORDS:
            return failed(where, line, f"{prefix}too little text for a news article")
        return succeeded(Article(id=url_article_id(fetched.url), text=text, title=title,
                                 pub_date=pub_date or default_pub_date,
                                 source=source or urlsplit(fetched.url).hostname,
                                 url=fetched.url, origin=fetched.url))
    shown = fetched.content_type or "unknown"
    return failed(where, line, f"{prefix}not an article page (content type {shown})")


def read_page(url: str, fetcher: Fetcher, *, default_pub_date: date | None = None,
              skip: Callable[[str], bool] | None = None) -> Iterator[ReadResult]:
    """The article at ``url`` (not a feed: see :func:`eventwire.ingest.sources.read_url`)."""
    if skip is not None and skip(url):
        return
    try:
        fetched = fetcher.get(url)
    except FetchError as problem:
        yield ReadResult(error=IngestError(url, None, str(problem)))
        return
    yield page_result(fetched, default_pub_date=default_pub_date)
