"""RSS and Atom feeds: each entry's link fetched and read, problems named by feed and entry."""

from __future__ import annotations

from datetime import date

import pytest
from typer.testing import CliRunner

from eventwire.ingest.feeds import looks_like_feed, read_feed_file
from eventwire.ingest.fetch import Fetcher, FetchPolicy
from eventwire.ingest.sources import read_sources, read_url
from tests.ingest.webserver import (  # noqa: F401 - `site` is a fixture
    ARREST_PARAGRAPHS, TALKS_PARAGRAPHS, article_html, site,
)

LOCAL = FetchPolicy(allow_private=True, timeout=5)


def rss(items: list[tuple[str, str, str | None]], title: str = "Arvania News") -> str:
    entries = "".join(
        f"<item><title>{t}</title><link>{link}</link>"
        + (f"<pubDate>{when}</pubDate>" if when else "") + "</item>"
        for t, link, when in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>{title}</title><link>http://example.test/</link>{entries}</channel></rss>")


@pytest.fixture
def fetcher():
    with Fetcher(LOCAL) as opened:
        yield opened


@pytest.fixture
def two_articles(site):
    site.page("/a", article_html("Arvania detains forty protesters", ARREST_PARAGRAPHS,
                                 date="2025-03-20"))
    site.page("/b", article_html("Ministers meet in Geneva", TALKS_PARAGRAPHS))
    return site


def test_rss_entries_are_fetched_and_read(two_articles, fetcher):
    site = two_articles
    feed = site.page("/feed.xml", rss([
        ("Forty detained", "/a", "Fri, 14 Mar 2025 23:30:00 -0500"),  # relative link
        ("Talks in Geneva", site.url("/b"), None),
        ("Gone", "/missing", None),
    ]), content_type="application/rss+xml")
    results = list(read_url(feed, fetcher, default_pub_date=date(2025, 1, 1)))
    first, second, third = results
    # The feed's date wins over the page's, as written (14 March local time, not UTC).
    assert first.article.pub_date == date(2025, 3, 14)
    assert first.article.title == "Forty detained" and first.article.source == "Arvania News"
    assert first.article.url == site.url("/a")
    assert second.article.pub_date == date(2025, 1, 1)  # neither feed nor page has a date
    assert "Geneva on Thursday" in second.article.text
    assert str(third.error) == f"{feed}:3: {site.url('/missing')}: HTTP 404 Not Found"
    assert site.paths_requested() == ["/feed.xml", "/a", "/b", "/missing"]


def test_atom_feed(two_articles, fetcher):
    site = two_articles
    atom = ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            "<title>Atom Wire</title><id>urn:x</id><updated>2025-03-20T00:00:00Z</updated>"
            f'<entry><title>Talks</title><link href="{site.url("/b")}"/><id>urn:b</id>'
            "<updated>2025-03-21T10:00:00+01:00</updated></entry></feed>")
    # Served as text/xml: recognised as a feed by its root element.
    feed = site.page("/atom", atom, content_type="text/xml")
    [result] = list(read_url(feed, fetcher))
    assert result.article.source == "Atom Wire"
    assert result.article.pub_date == date(2025, 3, 21)


def test_malformed_feed_is_one_line(site, fetcher):
    feed = site.page("/broken.xml", '<?xml version="1.0"?><rss><channel><title>X</title><item>'
                                    "<title>Half an item</ti", content_type="application/rss+xml")
    results = list(read_url(feed, fetcher))
    messages = [str(p) for r in results for p in r.problems]
    assert messages[0].startswith(f"{feed}: malformed feed (")
    assert all("\n" not in m for m in messages)
    assert not any(r.ok for r in results)


def test_garbage_served_as_a_feed(site, fetcher):
    feed = site.page("/junk.rss", "<rss>{{{ not xml at all", content_type="application/rss+xml")
    [result] = list(read_url(feed, fetcher))
    assert str(result.error).startswith(f"{feed}: malformed feed (")


def test_xml_that_is_not_a_feed(site, fetcher):
    sitemap = site.page("/sitemap.xml", '<?xml version="1.0"?><urlset><url><loc>http://x/</loc>'
                                        "</url></urlset>", content_type="application/xml")
    [result] = list(read_url(sitemap, fetcher))
    assert str(result.error) == f"{sitemap}: not an RSS or Atom feed"


def test_entry_without_link(site, fetcher):
    feed = site.page("/nolink.xml", rss([("No link here", "", None)]),
                     content_type="application/rss+xml")
    [result] = list(read_url(feed, fetcher))
    assert str(result.error) == f"{feed}:1: entry has no link to an article"


def test_known_entries_are_not_fetched(two_articles, fetcher):
    site = two_articles
    feed = site.page("/feed.xml", rss([("A", "/a", None), ("B", "/b", None)]),
                     content_type="application/rss+xml")
    skipped = []

    def known(url: str) -> bool:
        if url.endswith("/a"):
            skipped.append(url)
            return True
        return False

    results = list(read_url(feed, fetcher, skip=known))
    assert [r.article.url for r in results] == [site.url("/b")]
    assert skipped == [site.url("/a")]
    assert "/a" not in site.paths_requested()


def test_feed_file_on_disk(two_articles, fetcher, tmp_path):
    site = two_articles
    path = tmp_path / "saved.rss"
    path.write_text(rss([("A", site.url("/a"), None)]), encoding="utf-8")
    [result] = list(read_feed_file(path, fetcher))
    assert result.article.url == site.url("/a")
    # read_sources routes feed files by suffix.
    [again] = list(read_sources([str(path)], policy=LOCAL))
    assert again.article.id == result.article.id


def test_feed_detection():
    assert looks_like_feed("application/octet-stream", b"\xef\xbb\xbf  <?xml version='1.0'?><rss>")
    assert looks_like_feed("application/atom+xml", b"<?xml version='1.0'?><feed>")
    assert not looks_like_feed("text/html", b"<!DOCTYPE html><html><body>")
    assert not looks_like_feed("application/xml", b"<!doctype html><html>")


def test_cli_ingests_a_feed_into_the_store(two_articles, tmp_path, monkeypatch):
    """`eventwire ingest FEED_URL`: articles coded and stored; a second run fetches nothing."""
    import eventwire.nlp
    from eventwire.cli import app
    from eventwire.pipeline import default_coder
    from eventwire.store import Store

    model = default_coder().warm_up().analyser.nlp
    monkeypatch.setattr(eventwire.nlp, "load_spacy_model", lambda name=None: model)
    site = two_articles
    feed = site.page("/feed.xml", rss([("A", "/a", None), ("B", "/b", None)]),
                     content_type="application/rss+xml")
    db = tmp_path / "feed.db"
    runner = CliRunner()
    first = runner.invoke(app, ["ingest", feed, "--db", str(db), "--allow-private",
                                "--no-progress"])
    assert first.exit_code == 0, first.output
    assert "2 read, 2 stored, 0 skipped as duplicates, 0 replaced, 0 errors" in first.output
    with Store.open(db) as store:
        assert store.counts()["articles"] == 2
        assert store.article(store.events().items[0].article.id).source == "Arvania News"
    site.requests.clear()
    second = runner.invoke(app, ["ingest", feed, "--db", str(db), "--allow-private",
                                 "--no-progress"])
    assert "2 read, 0 stored, 2 skipped as duplicates" in second.output
    assert site.paths_requested() == ["/feed.xml"]  # stored articles are not fetched again
    refused = runner.invoke(app, ["ingest", feed, "--db", str(db), "--no-progress"])
    assert refused.exit_code == 1
    assert "refused to fetch from 127.0.0.1: a loopback address" in refused.output
