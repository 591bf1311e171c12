"""Write endpoints: token auth, size limits, ingest of text and URLs, re-coding, and the read
cache seeing writes at once."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.serve.articles import ARTICLES
from tests.serve.conftest import BULK_ARTICLES, TOKEN, make_client

AUTH = {"Authorization": f"Bearer {TOKEN}"}
STORY = ("Rebels seize town in eastern Congo\n\n"
         "GOMA, July 2 - M23 rebels seized the town of Rutshuru on Tuesday after heavy fighting "
         "with the Congolese army, residents said.")
WRITES = [("post", "/api/ingest/text", {"text": STORY}),
          ("post", "/api/ingest/url", {"url": "https://example.org/a"}),
          ("post", "/api/articles/wire-sdn-1/recode", None)]


@pytest.mark.parametrize("method, path, body", WRITES)
def test_writes_are_refused_when_no_token_is_configured(db_copy, coder, method, path, body):
    with make_client(db_copy, coder, token=None) as client:
        response = client.request(method, path, json=body, headers=AUTH)
        assert response.status_code == 403
        assert "EVENTWIRE_TOKEN" in response.json()["detail"]
        assert client.get("/api/meta").json()["writes_enabled"] is False


@pytest.mark.parametrize("method, path, body", WRITES)
@pytest.mark.parametrize("header", [None, "Bearer wrong-token", f"Basic {TOKEN}",
                                    f"Bearer {TOKEN}x", "Bearer"])
def test_writes_need_the_right_bearer_token(write_client, method, path, body, header):
    headers = {"Authorization": header} if header else {}
    response = write_client.request(method, path, json=body, headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")
    stored = write_client.get("/api/meta").json()["counts"]["articles"]
    assert stored == len(ARTICLES) + BULK_ARTICLES  # nothing written


def test_bodies_over_a_megabyte_are_refused(write_client):
    big = {"text": "word " * 210_000}  # ~1.05 MB of JSON
    response = write_client.post("/api/ingest/text", json=big, headers=AUTH)
    assert response.status_code == 413
    assert "1 MB" in response.json()["detail"]
    # Refused before authentication: a stranger cannot make the server read a huge body.
    assert write_client.post("/api/ingest/text", json=big).status_code == 413


def test_a_streamed_body_without_length_is_cut_off_too(write_client):
    def chunks():
        for _ in range(20):
            yield b"x" * 100_000  # 2 MB in all, no Content-Length

    response = write_client.post("/api/ingest/text", content=chunks(),
                                 headers=AUTH | {"Content-Type": "application/json"})
    assert response.status_code == 413


def test_ingest_text_codes_stores_and_shows_at_once(db_copy, coder):
    # A long cache, to show that a write clears it rather than waiting it out.
    with make_client(db_copy, coder, cache_seconds=300) as client:
        before = client.get("/api/events", params={"country": "COD", "type": "COERCE"}).json()
        assert before["items"] == []
        response = client.post("/api/ingest/text", headers=AUTH, json={
            "text": STORY, "pub_date": "2025-07-03", "source": "Epsilon Wire",
            "url": "https://epsilon.test/rutshuru"})
        assert response.status_code == 201, response.text
        result = response.json()
        assert result["outcome"] == "stored"
        assert result["article_id"].startswith("api-")
        assert any(e["type"] == "COERCE" for e in result["events"])
        after = client.get("/api/events", params={"country": "COD", "type": "COERCE"}).json()
        assert [e["article"]["id"] for e in after["items"]] == [result["article_id"]]
        article = client.get(f"/api/articles/{result['article_id']}").json()
        assert article["title"] == "Rebels seize town in eastern Congo"  # detected
        assert article["source"] == "Epsilon Wire" and article["pub_date"] == "2025-07-03"
        again = client.post("/api/ingest/text", headers=AUTH, json={
            "text": STORY, "pub_date": "2025-07-03", "url": "https://epsilon.test/rutshuru"})
        assert again.json()["outcome"] == "skipped"
        assert again.json()["event_ids"] == result["event_ids"]


def test_cache_notices_a_write_by_another_process_at_once(db_copy, coder):
    from eventwire.store import Store

    from tests.serve.conftest import bulk_article

    with make_client(db_copy, coder, cache_seconds=300) as client:
        path = "/api/events?article=bulk-999"
        assert client.get(path).json()["items"] == []
        assert client.get(path).headers.get("x-cache") == "hit"  # cached while nothing changes
        with Store.open(db_copy) as other:  # as `eventwire ingest` would, on its own connection
            other.save(bulk_article(999))
        fresh = client.get(path)
        assert fresh.headers.get("x-cache") != "hit"
        assert len(fresh.json()["items"]) == 3


@pytest.mark.parametrize("body", [{"text": "   "}, {"text": STORY, "pub_date": "someday"},
                                  {"text": STORY, "colour": "red"}, {}])
def test_ingest_text_refuses_bad_bodies(write_client, body):
    response = write_client.post("/api/ingest/text", json=body, headers=AUTH)
    assert response.status_code == 422


def test_recode_replaces_an_articles_events(write_client):
    before = write_client.get("/api/articles/wire-sdn-1").json()
    response = write_client.post("/api/articles/wire-sdn-1/recode", headers=AUTH)
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["outcome"] == "replaced"
    assert sorted(result["event_ids"]) == sorted(e["id"] for e in before["events"])
    assert write_client.post("/api/articles/missing/recode", headers=AUTH).status_code == 404


PAGE = b"""<!doctype html><html><head><title>Troops clash at border</title>
<meta property="article:published_time" content="2025-07-01T08:00:00Z"></head><body><article>
<h1>Troops clash at border</h1>
<p>Ethiopian and Eritrean troops clashed near the town of Zalambessa on Monday, killing at least
five soldiers, officials in Addis Ababa said on Tuesday.</p>
<p>The clashes were the first in the area since a ceasefire was signed, the officials said.</p>
</article></body></html>"""


class _Page(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(PAGE)))
        self.end_headers()
        self.wfile.write(PAGE)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def page_url():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Page)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/news/border-clash.html"
    server.shutdown()
    server.server_close()


def test_ingest_url_refuses_loopback_by_default(write_client, page_url):
    response = write_client.post("/api/ingest/url", json={"url": page_url}, headers=AUTH)
    assert response.status_code == 422
    assert "loopback" in response.json()["detail"]


def test_ingest_url_fetches_codes_and_stores(db_copy, coder, page_url):
    with make_client(db_copy, coder, allow_private_fetch=True) as client:
        response = client.post("/api/ingest/url", json={"url": page_url, "source": "Zeta"},
                               headers=AUTH)
        assert response.status_code == 201, response.text
        [result] = response.json()
        assert result["outcome"] == "stored" and result["events"]
        article = client.get(f"/api/articles/{result['article_id']}").json()
        assert article["url"] == page_url
        assert "Zalambessa" in article["text"]
        assert client.post("/api/ingest/url", json={"url": "ftp://x.test/a"},
                           headers=AUTH).status_code == 422
