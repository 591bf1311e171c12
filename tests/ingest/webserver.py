"""A tiny web site on 127.0.0.1 for the web and feed tests: routes are set per test, requests
are recorded. Nothing here touches the network beyond the loopback interface."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    send_length: bool = True  # False: no Content-Length, the body ends when the server closes


class Site:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, str]] = []  # (path, Host header)
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        # A short poll interval: shutdown waits for it, once per test.
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        kwargs={"poll_interval": 0.02}, daemon=True)
        self._thread.start()

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def page(self, path: str, body: str | bytes, content_type: str = "text/html; charset=utf-8",
             status: int = 200, **headers: str) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = Route(data, status, {"Content-Type": content_type, **headers})
        return self.url(path)

    def redirect(self, path: str, location: str, status: int = 302) -> str:
        self.routes[path] = Route(b"", status, {"Location": location})
        return self.url(path)

    def paths_requested(self) -> list[str]:
        return [path for path, _ in self.requests]

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                site.requests.append((self.path, self.headers.get("Host", "")))
                route = site.routes.get(self.path)
                if route is None:
                    self.send_error(404, "Not Found")
                    return
                self.send_response(route.status)
                for name, value in route.headers.items():
                    self.send_header(name, value)
                if route.send_length:
                    self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                self.wfile.write(route.body)

            def log_message(self, *args: object) -> None:
                pass  # keep test output clean

        return Handler


@pytest.fixture
def site() -> Iterator[Site]:
    served = Site()
    yield served
    served.close()


def article_html(title: str, paragraphs: list[str], date: str | None = None,
                 site_name: str = "Test Wire") -> str:
    meta = f'<meta property="article:published_time" content="{date}">' if date else ""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!DOCTYPE html><html><head><title>{title} | {site_name}</title>"
            f'<meta property="og:site_name" content="{site_name}">{meta}</head><body>'
            '<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>'
            f"<article><h1>{title}</h1>{body}</article>"
            "<footer>Copyright Test Wire. All rights reserved.</footer></body></html>")


# Invented reports, long enough to read as articles.
ARREST_PARAGRAPHS = [
    "Security forces in the fictional republic of Arvania detained forty protesters on Monday, "
    "their lawyers said, after a march against new taxes in the capital, Ostrova.",
    "The interior ministry denied that the arrests were political and said the marchers had "
    "blocked a main road without permission from the city authorities.",
    "Opposition leaders called for the release of the detainees and vowed to continue the "
    "demonstrations next week, despite warnings from the police.",
]
TALKS_PARAGRAPHS = [
    "The foreign ministers of Arvania and its northern neighbour Belmark met in Geneva on "
    "Thursday to discuss a ceasefire along their disputed border, officials said.",
    "Both sides agreed to meet again next month, according to a joint statement released after "
    "six hours of talks hosted by the Swiss government.",
    "Fighting in the border region has displaced thousands of people since the spring, aid "
    "agencies said.",
]
