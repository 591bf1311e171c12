"""ASGI middleware: request body size limit, security headers, and a small read cache.

Written as plain ASGI callables rather than Starlette's ``BaseHTTPMiddleware``: that wrapper
buffers and re-dispatches every request through an extra task, which costs more than these
checks do, and the size limit must act on the body stream itself (a chunked upload has no
Content-Length to refuse up front).
"""

from __future__ import annotations

import asyncio
import json
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from fastapi import HTTPException

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


async def _send_json(send: Send, status: int, detail: str,
                     headers: list[tuple[bytes, bytes]] | None = None) -> None:
    body = json.dumps({"detail": detail}).encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode("ascii")),
                            *(headers or [])]})
    await send({"type": "http.response.body", "body": body})


class _TooLarge(HTTPException):
    """Raised from ``receive`` when a streamed body passes the limit. An HTTPException, because
    FastAPI passes those through from body reading (any other error becomes a 400), and its
    exception handler then answers 413."""


class BodySizeLimit:
    """Refuse request bodies over ``max_bytes`` with 413, declared or streamed.

    A declared Content-Length over the limit is refused before anything is read. A body without
    one (chunked) is counted as it arrives; reading past the limit raises the 413 in the
    endpoint's body parsing.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    def _message(self) -> str:
        return (f"request body too large: the limit is {self.max_bytes} bytes "
                f"({self.max_bytes / 1_000_000:g} MB)")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    await _send_json(send, 400, "invalid Content-Length header")
                    return
                if declared > self.max_bytes:
                    await _send_json(send, 413, self._message(), [(b"connection", b"close")])
                    return
        received = 0
        started = False

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise _TooLarge(413, self._message(), headers={"Connection": "close"})
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted_receive, tracking_send)
        except _TooLarge:
            if not started:
                await _send_json(send, 413, self._message(), [(b"connection", b"close")])


# Pages of the dashboard: only our own scripts, styles and data, never inline script. Inline
# *styles* are needed by Leaflet (it positions map panes with style attributes).
DASHBOARD_CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                 "img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; "
                 "base-uri 'none'; frame-ancestors 'none'; form-action 'none'")
# Swagger UI's page starts itself with an inline script (FastAPI's template).
DOCS_CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline'; "
            "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; "
            "object-src 'none'; base-uri 'none'; frame-ancestors 'none'")


class SecurityHeaders:
    """Headers every response gets; a Content-Security-Policy for HTML pages.

    The CSP is the second line of defence behind the dashboard's text-only rendering: were a
    stored ``<script>`` ever parsed as markup, the browser would still refuse to run it.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        csp = DOCS_CSP if path.startswith(("/docs", "/redoc")) else DASHBOARD_CSP

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [(b"x-content-type-options", b"nosniff"),
                            (b"referrer-policy", b"no-referrer"),
                            (b"x-frame-options", b"DENY")]
                content_type = next((v for k, v in headers if k == b"content-type"), b"")
                if content_type.startswith(b"text/html"):
                    headers.append((b"content-security-policy", csp.encode("ascii")))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)


Fingerprint = Callable[[], Any]


def sqlite_fingerprint(database: str) -> Fingerprint:
    """Size and modification time of a SQLite database file and its write-ahead log.

    Every commit in WAL mode appends to the ``-wal`` file and every checkpoint rewrites the main
    file, so a write by any process changes this; two ``stat`` calls cost microseconds.
    """
    paths = (database, database + "-wal")

    def fingerprint() -> tuple[tuple[int, int], ...]:
        out = []
        for path in paths:
            try:
                found = os.stat(path)
                out.append((found.st_mtime_ns, found.st_size))
            except OSError:
                out.append((0, -1))
        return tuple(out)

    return fingerprint


class ResponseCache:
    """The entries of :class:`ReadCache`, kept apart from the middleware so the app can clear
    them on writes (Starlette builds middleware objects itself, out of the app's reach).

    An entry is reused while it is younger than ``ttl`` and, when a ``fingerprint`` of the
    data is given, while the fingerprint is what it was when the response was computed.
    """

    def __init__(self, ttl: float, fingerprint: Fingerprint | None = None,
                 max_entries: int = 512, max_bytes: int = 2_000_000) -> None:
        self.ttl = ttl
        self.fingerprint = fingerprint or (lambda: None)
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._entries: OrderedDict[bytes, tuple[float, Any, int, list, bytes]] = OrderedDict()
        self._lock = threading.Lock()
        self.generation = 0  # bumped by clear(): a response begun before a write is not kept

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self.generation += 1

    def get(self, key: bytes, version: Any) -> tuple[int, list, bytes] | None:
        now = time.monotonic()
        with self._lock:
            hit = self._entries.get(key)
            if hit is None:
                return None
            if hit[0] <= now or hit[1] != version:
                del self._entries[key]
                return None
            self._entries.move_to_end(key)
            return hit[2], hit[3], hit[4]

    def put(self, key: bytes, generation: int, version: Any, status: int, headers: list,
            body: bytes) -> None:
        with self._lock:
            if generation != self.generation:
                return
            self._entries[key] = (time.monotonic() + self.ttl, version, status, headers, body)
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)


class ReadCache:
    """Reuse GET responses of the JSON API while the data has not changed.

    Analysts' dashboards ask the same few questions (the default view, a country) over and over,
    and the answers change only when articles are ingested; the summaries behind them scan
    every matching event. Responses are keyed by path and query string and dropped when the
    cache's fingerprint of the data changes, when they are older than its ``ttl``, or when a
    write through this server clears the cache. Only complete 200 responses no larger than
    ``max_bytes`` are kept.
    """

    def __init__(self, app: ASGIApp, cache: ResponseCache, prefix: str = "/api/",
                 uncached: tuple[str, ...] = ("/api/health",)) -> None:
        self.app = app
        self.cache = cache
        self.prefix = prefix
        self.uncached = uncached  # the health check must ask the database every time
        # Requests being answered now, by key. Only touched from the event loop's thread.
        self._inflight: dict[bytes, asyncio.Event] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        cache = self.cache
        if (cache.ttl <= 0 or scope["type"] != "http" or scope.get("method") != "GET"
                or not scope.get("path", "").startswith(self.prefix)
                or scope["path"] in self.uncached):
            await self.app(scope, receive, send)
            return
        key = scope["path"].encode("utf-8") + b"?" + scope.get("query_string", b"")
        # Taken before the answer is computed: if the data changes meanwhile, the entry is
        # stored under the old version and never served.
        version = cache.fingerprint()
        hit = cache.get(key, version)
        pending = self._inflight.get(key) if hit is None else None
        if pending is not None:
            # The same question is being answered right now (everyone opening the default view
            # at nine): wait for that answer instead of running the same scan again.
            await pending.wait()
            hit = cache.get(key, version)
        if hit is not None:
            status, headers, body = hit
            await send({"type": "http.response.start", "status": status,
                        "headers": headers + [(b"x-cache", b"hit")]})
            await send({"type": "http.response.body", "body": body})
            return
        if pending is not None or key in self._inflight:
            await self.app(scope, receive, send)  # not cacheable after all: answer it directly
            return
        done = self._inflight[key] = asyncio.Event()
        try:
            await self._answer(scope, receive, send, key, version)
        finally:
            del self._inflight[key]
            done.set()

    async def _answer(self, scope: Scope, receive: Receive, send: Send, key: bytes,
                      version: Any) -> None:
        cache = self.cache
        generation = cache.generation
        status = 0
        headers: list = []
        chunks: list[bytes] = []
        size = 0
        keep = True

        async def capture(message: Message) -> None:
            nonlocal status, headers, size, keep
            if message["type"] == "http.response.start":
                status, headers = message["status"], list(message.get("headers", []))
                keep = status == 200
            elif message["type"] == "http.response.body" and keep:
                chunk = message.get("body", b"")
                size += len(chunk)
                if size > cache.max_bytes:
                    keep = False
                    chunks.clear()
                else:
                    chunks.append(chunk)
                if not message.get("more_body", False) and keep:
                    cache.put(key, generation, version, status, headers, b"".join(chunks))
            await send(message)

        await self.app(scope, receive, capture)
