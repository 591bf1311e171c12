"""The read cache on its own: one computation for many identical concurrent requests, and
entries dropped when the data's fingerprint changes."""

from __future__ import annotations

import asyncio

import httpx

from eventwire.serve.middleware import ReadCache, ResponseCache


def counting_app(calls: list[str], delay: float = 0.05, status: int = 200):
    async def app(scope, receive, send):
        calls.append(scope["path"])
        await asyncio.sleep(delay)  # a slow summary query
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"application/json")]})
        await send({"type": "http.response.body", "body": b'{"n": %d}' % len(calls)})
    return app


def run_concurrently(app, paths: list[str]) -> list[httpx.Response]:
    async def go():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            return await asyncio.gather(*(client.get(p) for p in paths))
    return asyncio.run(go())


def test_identical_concurrent_requests_are_computed_once():
    calls: list[str] = []
    app = ReadCache(counting_app(calls), ResponseCache(ttl=60))
    responses = run_concurrently(app, ["/api/summary/timeline"] * 20 + ["/api/meta"] * 5)
    assert sorted(calls) == ["/api/meta", "/api/summary/timeline"]
    assert {r.text for r in responses[:20]} == {responses[0].text}
    assert sum(r.headers.get("x-cache") == "hit" for r in responses) == 23


def test_errors_are_not_shared_or_kept():
    calls: list[str] = []
    app = ReadCache(counting_app(calls, status=503), ResponseCache(ttl=60))
    responses = run_concurrently(app, ["/api/events"] * 4)
    assert len(calls) == 4  # each waiter computed its own answer after the first failed
    assert all(r.status_code == 503 and "x-cache" not in r.headers for r in responses)


def test_a_changed_fingerprint_drops_the_entry_and_health_is_never_cached():
    calls: list[str] = []
    version = [1]
    app = ReadCache(counting_app(calls, delay=0), ResponseCache(60, lambda: version[0]))
    run_concurrently(app, ["/api/events"])
    run_concurrently(app, ["/api/events"])
    assert len(calls) == 1
    version[0] = 2  # another process wrote to the database
    [fresh] = run_concurrently(app, ["/api/events"])
    assert len(calls) == 2 and "x-cache" not in fresh.headers
    run_concurrently(app, ["/api/health", "/api/health"])
    assert calls.count("/api/health") == 2
