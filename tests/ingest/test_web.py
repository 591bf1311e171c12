"""Web pages: extraction of text, title and date, and a fetcher that stays off local networks
unless told otherwise. Served from 127.0.0.1 by a test server, hence ``allow_private``."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.ingest import fetch as fetch_module
from eventwire.ingest.fetch import Fetcher, FetchError, FetchPolicy, refusal
from eventwire.ingest.sources import read_sources, read_url
from eventwire.ingest.web import MIN_ARTICLE_WORDS, url_article_id
from tests.ingest.webserver import (  # noqa: F401 - `site` is a fixture
    ARREST_PARAGRAPHS, article_html, site,
)

LOCAL = FetchPolicy(allow_private=True, timeout=5)


@pytest.fixture
def fetcher():
    with Fetcher(LOCAL) as opened:
        yield opened


def test_article_page_becomes_an_article(site, fetcher):
    url = site.page("/news/arrests.html", article_html(
        "Arvania detains forty protesters", ARREST_PARAGRAPHS, date="2025-03-14T09:00:00+02:00"))
    [result] = list(read_url(url, fetcher))
    article = result.article
    assert result.ok and result.problems == []
    assert article.title == "Arvania detains forty protesters"
    assert article.pub_date == date(2025, 3, 14)
    assert article.url == url and article.id == url_article_id(url)
    assert article.source == "Test Wire"
    assert "detained forty protesters on Monday" in article.text
    # Navigation and footer are not article text.
    assert "Sport" not in article.text and "Copyright" not in article.text


def test_default_pub_date_when_the_page_has_none(site, fetcher):
    url = site.page("/undated", article_html("Arvania detains forty", ARREST_PARAGRAPHS))
    [result] = list(read_url(url, fetcher, default_pub_date=date(2025, 1, 2)))
    assert result.article.pub_date == date(2025, 1, 2)


def test_redirects_are_followed_and_rechecked(site, fetcher):
    final = site.page("/final", article_html("Arvania detains forty", ARREST_PARAGRAPHS))
    start = site.redirect("/start", "/middle")
    site.redirect("/middle", final)
    fetched = fetcher.get(start)
    assert fetched.final_url == final and b"forty protesters" in fetched.body
    assert site.paths_requested() == ["/start", "/middle", "/final"]


def test_too_many_redirects(site):
    site.redirect("/loop", "/loop")
    with Fetcher(FetchPolicy(allow_private=True, max_redirects=3)) as fetcher:
        with pytest.raises(FetchError, match="more than 3 redirects"):
            fetcher.get(site.url("/loop"))
    assert len(site.requests) == 4


def test_loopback_is_refused_without_allow_private(site):
    url = site.page("/a", article_html("Arvania detains forty", ARREST_PARAGRAPHS))
    [result] = list(read_sources([url]))  # the default policy
    assert not result.ok
    message = str(result.error)
    assert message.startswith(url + ": refused to fetch from 127.0.0.1: a loopback address")
    assert "--allow-private" in message
    assert site.requests == []  # refused before connecting


def test_a_redirect_into_a_private_network_is_refused(site, monkeypatch):
    """The first hop is (made to look) public; the redirect target resolves to a private
    address. Without a check on every hop the fetcher would follow it."""
    monkeypatch.setattr(fetch_module, "refusal",
                        lambda address: None if address == "127.0.0.1" else refusal(address))
    start = site.redirect("/go", f"http://intranet.test:{site.port}/secret")
    hosts = {"intranet.test": ["10.1.2.3"], "127.0.0.1": ["127.0.0.1"]}
    with Fetcher(FetchPolicy(timeout=2), resolver=lambda host, port: hosts[host]) as fetcher:
        with pytest.raises(FetchError, match=r"intranet.test \(10.1.2.3\): a private address"):
            fetcher.get(start)
    assert site.paths_requested() == ["/go"]


def test_every_resolved_address_is_checked():
    resolver = lambda host, port: ["93.184.215.14", "169.254.169.254"]  # noqa: E731
    with Fetcher(FetchPolicy(), resolver=resolver) as fetcher:
        with pytest.raises(FetchError, match="169.254.169.254.*link-local"):
            fetcher.get("http://metadata.test/latest")


def test_connection_goes_to_the_checked_address(site):
    """The client connects to the address that was checked (no second DNS lookup), and the
    server still sees the host name the URL asked for."""
    site.page("/pinned", article_html("Arvania detains forty", ARREST_PARAGRAPHS))
    resolver = lambda host, port: ["127.0.0.1"]  # noqa: E731 - the name exists nowhere else
    with Fetcher(LOCAL, resolver=resolver) as fetcher:
        fetched = fetcher.get(f"http://news.example.test:{site.port}/pinned")
    assert b"forty protesters" in fetched.body
    assert site.requests == [("/pinned", f"news.example.test:{site.port}")]


@pytest.mark.parametrize("address, reason", [
    ("127.0.0.1", "loopback"), ("::1", "loopback"), ("10.0.0.8", "private"),
    ("192.168.1.1", "private"), ("169.254.169.254", "link-local"), ("fe80::1", "link-local"),
    ("::ffff:127.0.0.1", "loopback"), ("100.64.0.1", "non-public"), ("0.0.0.0", "private"),
    ("224.0.0.1", "non-public"),
])
def test_refused_addresses(address, reason):
    assert reason in (refusal(address) or "")


def test_public_addresses_are_allowed():
    assert refusal("93.184.215.14") is None
    assert refusal("2606:4700::6810:84e5") is None


def test_page_without_article_text(site, fetcher):
    url = site.page("/app", "<html><head><title>Loading</title></head><body>"
                            "<div id='root'></div><script>render()</script></body></html>")
    [result] = list(read_url(url, fetcher))
    assert str(result.error) == f"{url}: no article text found in the page"


def test_link_page_is_not_an_article(site, fetcher):
    url = site.page("/", "<html><head><title>Home</title></head><body><nav>"
                         "<a href='/a'>World</a> <a href='/b'>Sport</a></nav></body></html>")
    [result] = list(read_url(url, fetcher))
    assert str(result.error) == (f"{url}: too little text for a news article (2 words; at least "
                                 f"{MIN_ARTICLE_WORDS} expected): not an article page?")


def test_short_page_is_not_an_article(site, fetcher):
    url = site.page("/video", "<html><body><article><h1>Watch: the march in Ostrova</h1>"
                              "<p>Video of the protest on Monday.</p></article></body></html>")
    [result] = list(read_url(url, fetcher))
    assert "too little text for a news article" in str(result.error)
    assert "not an article page?" in str(result.error)


def test_non_article_content_type(site, fetcher):
    url = site.page("/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(200), content_type="image/png")
    [result] = list(read_url(url, fetcher))
    assert str(result.error) == f"{url}: not an article page (content type image/png)"


def test_http_error_status(site, fetcher):
    [result] = list(read_url(site.url("/missing"), fetcher))
    assert str(result.error) == f"{site.url('/missing')}: HTTP 404 Not Found"


def test_unreachable_host(fetcher):
    # A port nothing listens on: connection refused, reported on one line.
    with fetch_module.socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    [result] = list(read_url(f"http://127.0.0.1:{port}/x", fetcher))
    assert str(result.error).endswith("cannot connect to 127.0.0.1 (Connection refused)")


def test_unresolvable_host(fetcher):
    with Fetcher(LOCAL, resolver=fetch_module.system_resolver) as real:
        with pytest.raises(FetchError, match="cannot resolve host 'nowhere.invalid'"):
            real.get("http://nowhere.invalid/news")


def test_size_cap(site):
    big = "<html><body>" + "<p>word </p>" * 5000 + "</body></html>"
    declared = site.page("/big", big)
    site.page("/big-undeclared", big)
    site.routes["/big-undeclared"].send_length = False
    with Fetcher(FetchPolicy(allow_private=True, max_bytes=10_000)) as fetcher:
        with pytest.raises(FetchError, match=f"is {len(big):,} bytes, over the 10,000 bytes limit"):
            fetcher.get(declared)
        # Without a declared length the body is counted as it streams in.
        with pytest.raises(FetchError, match="over the 10,000 bytes limit"):
            fetcher.get(site.url("/big-undeclared"))


def test_unsupported_scheme(fetcher):
    with pytest.raises(FetchError, match="unsupported URL scheme 'ftp'"):
        fetcher.get("ftp://example.org/file.txt")


def test_plain_text_page(site, fetcher):
    text = " ".join(ARREST_PARAGRAPHS)
    url = site.page("/story.txt", text, content_type="text/plain; charset=utf-8")
    [result] = list(read_url(url, fetcher, default_pub_date=date(2025, 3, 14)))
    assert result.article.text == text and result.article.pub_date == date(2025, 3, 14)


def test_known_urls_are_not_fetched(site, fetcher):
    url = site.page("/seen", article_html("Arvania detains forty", ARREST_PARAGRAPHS))
    assert list(read_url(url, fetcher, skip=lambda u: u == url)) == []
    assert site.requests == []


def test_mixed_sources(site, tmp_path):
    url = site.page("/a", article_html("Arvania detains forty", ARREST_PARAGRAPHS))
    text_file = tmp_path / "story.txt"
    text_file.write_text("Talks in Geneva\n\nMinisters met in Geneva on Thursday.\n",
                         encoding="utf-8")
    results = list(read_sources([str(text_file), url], policy=LOCAL))
    assert [r.article.id for r in results] == ["story", url_article_id(url)]
