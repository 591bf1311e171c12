"""HTTP(S) fetching that a list of URLs from strangers cannot turn against the local network.

Each hop of a request (the URL and every redirect) has its host resolved here, every address it
resolves to checked, and the connection made to a checked address (TLS still verifies the
certificate against the host name). Checking once and letting the HTTP client resolve again
would let a host that answers differently the second time (DNS rebinding) reach 127.0.0.1.

Loopback, private, link-local and other non-public addresses are refused unless the policy
allows them. Bodies are capped in size, every operation has a timeout, redirects are limited,
and proxy settings from the environment are ignored (a proxy would hide the address checked).
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from eventwire.ingest.decode import DEFAULT_MAX_BYTES, format_size

Resolver = Callable[[str, int], list[str]]


class FetchError(Exception):
    """Why a URL could not be fetched, on one line, for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(message.split()))


@dataclass(frozen=True)
class FetchPolicy:
    allow_private: bool = False
    timeout: float = 15.0  # seconds, for each of connect / read / write
    max_bytes: int = DEFAULT_MAX_BYTES
    max_redirects: int = 5
    user_agent: str = "eventwire/0.1 (news event coder; +https://github.com/openeventdata/PLOVER)"


@dataclass(frozen=True)
class Fetched:
    url: str  # as requested
    final_url: str  # after redirects
    content_type: str  # media type only, lower case ("text/html")
    charset: str | None
    body: bytes

    def text(self) -> str:
        try:
            return self.body.decode(self.charset or "utf-8")
        except (LookupError, UnicodeDecodeError):
            return self.body.decode("utf-8", errors="replace")


def system_resolver(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise FetchError(f"cannot resolve host {host!r} ({exc.strerror or exc})") from None
    except UnicodeError:
        raise FetchError(f"invalid host name {host!r}") from None
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def refusal(address: str) -> str | None:
    """Why fetching from this address is refused by default, or None when it is public."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return "an unparseable address"
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip.is_loopback:
        return "a loopback address"
    if ip.is_link_local:
        return "a link-local address"
    if ip.is_private:
        return "a private address"
    if ip.is_multicast or not ip.is_global:
        return "a non-public address"
    return None


class Fetcher:
    """One HTTP client for a whole ingest run, reusing connections. Close it or use ``with``."""

    def __init__(self, policy: FetchPolicy | None = None,
                 resolver: Resolver = system_resolver) -> None:
        self.policy = policy or FetchPolicy()
        self._resolve = resolver
        self._client = httpx.Client(
            follow_redirects=False, trust_env=False,
            timeout=httpx.Timeout(self.policy.timeout),
            headers={"User-Agent": self.policy.user_agent,
                     "Accept": "text/html,application/xhtml+xml,application/rss+xml,"
                               "application/atom+xml,application/xml;q=0.9,*/*;q=0.5"},
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, url: str) -> Fetched:
        current = url
        for _ in range(self.policy.max_redirects + 1):
            target = _parse(current)
            response = self._send(target)
            try:
                if response.is_redirect:
                    location = response.headers.get("location")
                    if not location:
                        raise FetchError(f"HTTP {response.status_code} redirect without a "
                                         "Location header")
                    current = str(target.join(location))
                    continue
                if response.status_code >= 400:
                    raise FetchError(f"HTTP {response.status_code} "
                                     f"{response.reason_phrase or ''}".strip())
                body = self._read_capped(response)
            finally:
                response.close()
            media_type, charset = _content_type(response.headers.get("content-type", ""))
            return Fetched(url=url, final_url=current, content_type=media_type, charset=charset,
                           body=body)
        raise FetchError(f"more than {self.policy.max_redirects} redirects")

    def _send(self, target: httpx.URL) -> httpx.Response:
        host = target.raw_host.decode("ascii")  # IDNA-encoded: what DNS and TLS expect
        port = target.port or (443 if target.scheme == "https" else 80)
        addresses = self._checked_addresses(host, port)
        last_error: Exception | None = None
        for address in addresses:
            pinned = target.copy_with(host=address)
            extensions = {"sni_hostname": host} if target.scheme == "https" else {}
            request = self._client.build_request("GET", pinned, extensions=extensions)
            request.headers["Host"] = _host_header(target)
            try:
                return self._client.send(request, stream=True)
            except httpx.ConnectError as exc:
                last_error = exc  # try the host's next address
            except httpx.TimeoutException:
                raise FetchError(f"timed out after {self.policy.timeout:g} s "
                                 f"({host})") from None
            except httpx.HTTPError as exc:
                raise FetchError(f"{host}: {_reason(exc)}") from None
        raise FetchError(f"cannot connect to {host} ({_reason(last_error)})")

    def _checked_addresses(self, host: str, port: int) -> list[str]:
        addresses = self._resolve(host, port)
        if not addresses:
            raise FetchError(f"cannot resolve host {host!r}")
        if not self.policy.allow_private:
            for address in addresses:
                why = refusal(address)
                if why is not None:
                    shown = host if host == address else f"{host} ({address})"
                    raise FetchError(f"refused to fetch from {shown}: {why}; pass "
                                     "--allow-private to fetch from local networks")
        return addresses

    def _read_capped(self, response: httpx.Response) -> bytes:
        limit = self.policy.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchError(f"response is {format_size(int(declared))}, over the "
                             f"{format_size(limit)} limit")
        chunks, size = [], 0
        try:
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > limit:
                    raise FetchError(f"response is over the {format_size(limit)} limit")
                chunks.append(chunk)
        except httpx.TimeoutException:
            raise FetchError(f"timed out after {self.policy.timeout:g} s reading the "
                             "response") from None
        except httpx.HTTPError as exc:
            raise FetchError(f"connection failed while reading ({_reason(exc)})") from None
        return b"".join(chunks)


def _parse(url: str) -> httpx.URL:
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, ValueError, TypeError) as exc:
        raise FetchError(f"invalid URL ({exc})") from None
    if parsed.scheme not in ("http", "https"):
        raise FetchError(f"unsupported URL scheme {parsed.scheme!r} (only http and https)")
    if not parsed.host:
        raise FetchError("URL has no host")
    return parsed


def _host_header(url: httpx.URL) -> str:
    host = url.raw_host.decode("ascii")
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    return host if url.port is None else f"{host}:{url.port}"


def _content_type(header: str) -> tuple[str, str | None]:
    media_type, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip('"').lower()
    return media_type.strip().lower(), charset


def _reason(exc: Exception | None) -> str:
    if exc is None:
        return "no address to connect to"
    text = str(exc) or exc.__class__.__name__
    # "[Errno 111] Connection refused" -> "Connection refused"
    if text.startswith("[Errno") and "]" in text:
        text = text.split("]", 1)[1].strip()
    return text.splitlines()[0]
