"""Load test of eventwire's read API: many concurrent clients on loopback for a fixed time.

    .venv/bin/python bench/load_test.py --db events.db                 # starts its own server
    .venv/bin/python bench/load_test.py --url http://127.0.0.1:8000/   # against a running one

Each client is a loop: pick a read request (a mix of what the dashboard asks: event pages with
and without filters, single events, articles, stories, summaries, entities), send it, wait for
the answer, optionally pause (``--think``), repeat until the time is up. Reports requests per
second, latency percentiles overall and per endpoint, and every error.

Not a test: run it by hand. It only ever talks to loopback addresses, stops by itself after
``--duration`` seconds, and the load generator shares the machine with the server, so its own
CPU use is part of the latency it measures (reported as client CPU).
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import os
import random
import resource
import shutil
import socket
import subprocess
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx


@dataclass
class Results:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: Counter = field(default_factory=Counter)
    statuses: Counter = field(default_factory=Counter)
    cache_hits: int = 0


def percentile(sorted_values: list[float], share: float) -> float:
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, max(0, int(round(share * len(sorted_values))) - 1))
    return sorted_values[index]


def is_loopback_url(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: str, workers: int, cache_seconds: float | None
                 ) -> tuple[subprocess.Popen, str]:
    port = free_port()
    exe = shutil.which("eventwire", path=str(Path(sys.executable).parent)) or "eventwire"
    env = {k: v for k, v in os.environ.items() if k != "EVENTWIRE_TOKEN"}  # read-only server
    cache = [] if cache_seconds is None else ["--cache-seconds", str(cache_seconds)]
    process = subprocess.Popen(
        [exe, "serve", "--db", db, "--port", str(port), "--workers", str(workers), *cache,
         "--log-level", "warning"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server exited: {process.stderr.read().decode() if process.stderr else ''}")
        try:
            if httpx.get(base + "api/health", timeout=1).status_code == 200:
                # Every worker must be up, not just the first: ask a few times.
                for _ in range(workers * 4):
                    httpx.get(base + "api/health", timeout=5)
                return process, base
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    process.kill()
    raise SystemExit("server did not start within 60 s")


def process_tree_cpu(root: int) -> float:
    """CPU seconds used so far by a process and its direct children (uvicorn's workers), from
    /proc: with the machine shared, server CPU per request is the figure others can't skew."""
    pids = [root]
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == root:
                pids.append(int(entry.name))
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / ticks  # utime + stime
    return total


def request_mix(base: str) -> list[tuple[str, str, float]]:
    """(label, path, weight): the dashboard's questions, with ids and filters from the data."""
    with httpx.Client(base_url=base, timeout=60) as client:
        # Up to 2000 events: single-event and article views are spread over that many URLs,
        # as analysts each open different articles, so most of them miss the read cache.
        events, cursor = [], None
        while len(events) < 2000:
            page = client.get("api/events", params={"limit": 500} | (
                {"cursor": cursor} if cursor else {})).json()
            events += page["items"]
            cursor = page["next_cursor"]
            if not cursor:
                break
        countries = [c["country"] for c in client.get("api/summary/countries").json()["items"][:15]]
        types = [t["name"] for t in client.get("api/meta").json()["types"]]
        stories = client.get("api/stories", params={"limit": 50}).json()["items"]
        entities = client.get("api/entities", params={"limit": 30}).json()["items"]
    if not events:
        raise SystemExit("the database holds no events: ingest some first")
    mix: list[tuple[str, str, float]] = [
        ("events page", "api/events?limit=50", 3),
        ("events page+count", "api/events?limit=50&count=true", 2),
        ("meta", "api/meta", 1),
        ("timeline", "api/summary/timeline", 1.5),
        ("countries", "api/summary/countries", 1.5),
        ("places", "api/summary/places", 1.5),
        ("stories", "api/stories?min_reports=2&limit=30", 1),
        ("entities", "api/entities?limit=50", 0.5),
    ]
    for country in countries:
        mix += [("events by country", f"api/events?country={country}&limit=50&count=true", 0.4),
                ("timeline by country", f"api/summary/timeline?country={country}", 0.2),
                ("places by country", f"api/summary/places?country={country}", 0.2)]
    for type_ in types:
        mix.append(("events by type", f"api/events?type={type_}&limit=50", 0.2))
    for event in events:
        mix += [("one event", f"api/events/{event['id']}", 5 / len(events)),
                ("one article", f"api/articles/{event['article']['id']}", 5 / len(events))]
    for story in stories[:20]:
        mix.append(("one story", f"api/stories/{story['id']}", 0.1))
    for entity in entities[:10]:
        mix.append(("one entity", f"api/entities/{entity['entity_id']}", 0.1))
    mix.append(("text search", "api/events?q=police&limit=50", 0.5))
    return mix


class Connection:
    """A minimal keep-alive HTTP/1.1 GET client over one asyncio stream.

    httpx spends about as much CPU per request as the server does on a cached answer; on a
    2-core machine that would make the load generator, not the server, the thing measured.
    This reads exactly what uvicorn sends (Content-Length or chunked bodies) and reconnects
    when the server closes the connection.
    """

    def __init__(self, host: str, port: int, timeout: float) -> None:
        self.host, self.port, self.timeout = host, port, timeout
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            try:
                await self.writer.wait_closed()
            except OSError:
                pass
        self.reader = self.writer = None

    async def get(self, path: str) -> tuple[int, dict[str, str], bytes]:
        return await asyncio.wait_for(self._get(path), self.timeout)

    async def _get(self, path: str) -> tuple[int, dict[str, str], bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        self.writer.write(f"GET /{path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
                          f"Accept: application/json\r\n\r\n".encode("ascii"))
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        headers = {}
        for line in lines[1:]:
            if ":" in line:
                name, value = line.split(":", 1)
                headers[name.strip().lower()] = value.strip()
        if "content-length" in headers:
            body = await self.reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            parts = []
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                parts.append(await self.reader.readexactly(size + 2))
                if size == 0:
                    break
            body = b"".join(p[:-2] for p in parts)
        else:
            body = await self.reader.read()
            await self.close()
        if headers.get("connection", "").lower() == "close":
            await self.close()
        return status, headers, body


async def client_loop(base: str, mix: list[tuple[str, str, float]], weights: list[float],
                      deadline: float, think: float, results: Results,
                      rng: random.Random) -> None:
    parts = urlsplit(base)
    prefix = parts.path.strip("/")
    connection = Connection(parts.hostname or "127.0.0.1", parts.port or 80, timeout=30.0)
    try:
        while time.monotonic() < deadline:
            label, path, _ = rng.choices(mix, weights)[0]
            started = time.perf_counter()
            try:
                status, headers, _body = await connection.get(
                    f"{prefix}/{path}" if prefix else path)
                elapsed = time.perf_counter() - started
                results.statuses[status] += 1
                if status != 200:
                    results.errors[f"HTTP {status} on {label}"] += 1
                else:
                    results.latencies[label].append(elapsed)
                    results.cache_hits += headers.get("x-cache") == "hit"
            except (OSError, asyncio.IncompleteReadError, asyncio.TimeoutError,
                    ValueError) as exc:
                results.errors[f"{exc.__class__.__name__} on {label}"] += 1
                await connection.close()
            if think:
                await asyncio.sleep(rng.uniform(0.5 * think, 1.5 * think))
    finally:
        await connection.close()


async def run(base: str, mix: list[tuple[str, str, float]], clients: int, duration: float,
              think: float, seed: int) -> Results:
    weights = [w for _, _, w in mix]
    results = Results()
    deadline = time.monotonic() + duration
    await asyncio.gather(*(client_loop(base, mix, weights, deadline, think, results,
                                       random.Random(seed + i)) for i in range(clients)))
    return results


def report(results: Results, duration: float, client_cpu: float,
           server_cpu: float | None) -> int:
    everything = sorted(v for values in results.latencies.values() for v in values)
    total = len(everything) + sum(results.errors.values())
    print(f"\n{total} requests in {duration:.0f} s: {total / duration:.0f}/s; "
          f"{sum(results.errors.values())} errors; "
          f"{results.cache_hits} answered from the server's read cache")
    print(f"latency (ms): p50 {1000 * percentile(everything, 0.5):.1f}  "
          f"p90 {1000 * percentile(everything, 0.9):.1f}  "
          f"p99 {1000 * percentile(everything, 0.99):.1f}  "
          f"max {1000 * (everything[-1] if everything else float('nan')):.1f}")
    print(f"load generator CPU: {client_cpu:.1f} s over {duration:.0f} s "
          f"({100 * client_cpu / duration:.0f}% of one core)")
    if server_cpu is not None and total:
        print(f"server CPU: {server_cpu:.1f} s ({100 * server_cpu / duration:.0f}% of one core), "
              f"{1000 * server_cpu / total:.2f} ms per request")
    try:
        print("load average (1, 5, 15 min) at the end: "
              + ", ".join(f"{x:.2f}" for x in os.getloadavg()))
    except OSError:
        pass
    print(f"\n{'endpoint':24} {'requests':>9} {'p50 ms':>8} {'p99 ms':>8}")
    for label, values in sorted(results.latencies.items(), key=lambda kv: -len(kv[1])):
        values.sort()
        print(f"{label:24} {len(values):9d} {1000 * percentile(values, 0.5):8.1f} "
              f"{1000 * percentile(values, 0.99):8.1f}")
    for error, count in results.errors.most_common():
        print(f"error: {count} x {error}")
    return 1 if results.errors else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--url", help="a running server (loopback only)")
    target.add_argument("--db", help="start `eventwire serve` over this database")
    parser.add_argument("--workers", type=int, default=2, help="uvicorn workers (with --db)")
    parser.add_argument("--cache-seconds", type=float, default=None,
                        help="the server's read cache (with --db; default: the server's); "
                             "0 measures every query")
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--duration", type=float, default=30.0, help="seconds (at most 600)")
    parser.add_argument("--think", type=float, default=0.0,
                        help="mean pause between a client's requests, in seconds (0: none)")
    parser.add_argument("--warmup", type=float, default=0.0,
                        help="seconds of the same load before measuring (0: measure from a "
                             "cold start, caches empty)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if not 0 < args.duration <= 600 or not 0 <= args.warmup <= 120:
        parser.error("--duration must be in (0, 600] and --warmup in [0, 120] seconds")
    process = None
    if args.url:
        if not is_loopback_url(args.url):
            parser.error("this load test only targets loopback addresses (127.0.0.0/8, ::1)")
        base = args.url.rstrip("/") + "/"
    else:
        process, base = start_server(args.db, args.workers, args.cache_seconds)
    print(f"{args.clients} clients for {args.duration:.0f} s against {base} "
          f"(think time {args.think:g} s"
          + (f", {args.workers} workers, cache "
             + ("default" if args.cache_seconds is None else f"{args.cache_seconds:g} s")
             if process else "")
          + f"; {os.cpu_count()} CPUs on this machine, shared)")
    try:
        import uvloop  # the server's event loop too, when installed (uvicorn[standard])

        runner = uvloop.run
    except ImportError:
        runner = asyncio.run
    try:
        mix = request_mix(base)
        if args.warmup:
            runner(run(base, mix, args.clients, args.warmup, args.think, args.seed + 10_000))
            print(f"(after {args.warmup:g} s of warm-up at the same load)")
        cpu_before = resource.getrusage(resource.RUSAGE_SELF)
        server_before = process_tree_cpu(process.pid) if process else None
        started = time.monotonic()
        results = runner(run(base, mix, args.clients, args.duration, args.think, args.seed))
        elapsed = time.monotonic() - started
        cpu_after = resource.getrusage(resource.RUSAGE_SELF)
        client_cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + \
                     (cpu_after.ru_stime - cpu_before.ru_stime)
        server_cpu = (process_tree_cpu(process.pid) - server_before
                      if process and server_before is not None else None)
    finally:
        if process is not None:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
    return report(results, elapsed, client_cpu, server_cpu)


if __name__ == "__main__":
    sys.exit(main())
