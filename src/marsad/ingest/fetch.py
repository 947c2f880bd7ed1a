"""Fetching pages and feeds over HTTP, politely and within limits.

A newsroom's ingest runs unattended against sites that are slow, flaky, huge or unwilling, so
every request here has:

- a timeout (connect and read), and a size cap: a body larger than ``max_bytes`` is abandoned
  while streaming, never read whole into memory;
- retries with exponential back-off on network errors and on 429/500/502/503/504, honouring a
  ``Retry-After`` header up to ``max_backoff`` seconds;
- a clear User-Agent naming marsad, so site owners know who is calling;
- robots.txt respected (RFC 9309): a disallowed URL is not fetched; a robots.txt that is missing
  (4xx) allows everything; one that cannot be read (5xx, network) disallows the site for this
  run; a ``Crawl-delay`` is kept between requests to the same host;
- conditional requests: given the ``ETag``/``Last-Modified`` of an earlier fetch, an unchanged
  page answers 304 and is not downloaded again.

Every failure is a :class:`FetchError` naming the URL and the reason.
"""

from __future__ import annotations

import email.utils
import random
import threading
import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Self
from urllib.parse import urlsplit, urlunsplit

import httpx

from marsad import __version__
from marsad.errors import FetchError
from marsad.ingest.decode import charset_of

USER_AGENT = f"marsad/{__version__} (Arabic news research; +https://github.com/marsad-project/marsad)"
ROBOTS_AGENT = "marsad"
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


@dataclass(frozen=True)
class FetchPolicy:
    """Limits and manners of the fetcher (defaults suit a daily newsroom crawl)."""

    timeout: float = 20.0
    connect_timeout: float = 10.0
    max_bytes: int = 5 * 1024 * 1024
    retries: int = 3
    backoff: float = 1.0
    max_backoff: float = 60.0
    user_agent: str = USER_AGENT
    respect_robots: bool = True
    min_delay: float = 1.0
    max_redirects: int = 5
    jitter: bool = True


@dataclass(frozen=True)
class Response:
    """A fetched resource: the final URL after redirects, its bytes and cache validators."""

    url: str
    status: int
    content: bytes
    content_type: str | None
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def charset(self) -> str | None:
        return charset_of(self.content_type)


@dataclass
class _Host:
    robots: urllib.robotparser.RobotFileParser | None = None
    robots_error: str | None = None
    last_request: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)


class Fetcher:
    """An HTTP client for pages and feeds with timeouts, a size cap, retries and robots.txt.

    Use as a context manager, or call :meth:`close`. ``sleep`` and ``clock`` are injectable so
    tests can check back-off without waiting.
    """

    def __init__(
        self,
        policy: FetchPolicy | None = None,
        *,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.policy = policy or FetchPolicy()
        self._sleep = sleep
        self._clock = clock
        self._hosts: dict[str, _Host] = {}
        self._client = httpx.Client(
            headers={"User-Agent": self.policy.user_agent, "Accept-Language": "ar,en;q=0.5"},
            timeout=httpx.Timeout(self.policy.timeout, connect=self.policy.connect_timeout),
            follow_redirects=True,
            max_redirects=self.policy.max_redirects,
            transport=transport,
        )

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    # robots.txt -------------------------------------------------------------------------

    def _host(self, url: str) -> _Host:
        parts = urlsplit(url)
        key = f"{parts.scheme}://{parts.netloc}"
        if key not in self._hosts:
            self._hosts[key] = _Host()
        return self._hosts[key]

    def _load_robots(self, url: str, host: _Host) -> None:
        parts = urlsplit(url)
        robots_url = urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", ""))
        parser = urllib.robotparser.RobotFileParser(robots_url)
        try:
            response = self._request(robots_url, host, headers={}, retries=1)
        except FetchError as error:
            host.robots_error = f"its robots.txt could not be read ({error.reason}), so the site is treated as disallowed"
            return
        if response.status >= 500:
            host.robots_error = f"its robots.txt answered HTTP {response.status}, so the site is treated as disallowed"
            return
        if response.status >= 400:
            parser.parse([])  # no robots.txt: no rules, everything allowed
        else:
            parser.parse(response.content.decode("utf-8", errors="replace").splitlines())
        host.robots = parser

    def allowed(self, url: str) -> bool:
        """Whether robots.txt lets marsad fetch ``url`` (always True if robots are ignored)."""
        return self._robots_verdict(url) is None

    def _robots_verdict(self, url: str) -> str | None:
        if not self.policy.respect_robots:
            return None
        host = self._host(url)
        if host.robots is None and host.robots_error is None:
            self._load_robots(url, host)
        if host.robots_error:
            return host.robots_error
        assert host.robots is not None
        if not host.robots.can_fetch(ROBOTS_AGENT, url):
            return "robots.txt disallows it for marsad"
        return None

    def _delay(self, host: _Host) -> float:
        delay = self.policy.min_delay
        if host.robots is not None:
            crawl_delay = host.robots.crawl_delay(ROBOTS_AGENT)
            if crawl_delay:
                delay = max(delay, min(float(crawl_delay), self.policy.max_backoff))
        return delay

    # requests ---------------------------------------------------------------------------

    def _wait_turn(self, host: _Host) -> None:
        wait = host.last_request + self._delay(host) - self._clock()
        if host.last_request and wait > 0:
            self._sleep(wait)
        host.last_request = self._clock()

    def _backoff(self, attempt: int, retry_after: str | None) -> float:
        if retry_after:
            seconds: float | None = None
            if retry_after.strip().isdigit():
                seconds = float(retry_after.strip())
            else:
                when = email.utils.parsedate_to_datetime(retry_after) if retry_after else None
                if when is not None:
                    seconds = when.timestamp() - time.time()
            if seconds is not None:
                return max(0.0, min(seconds, self.policy.max_backoff))
        delay = float(min(self.policy.backoff * (2**attempt), self.policy.max_backoff))
        if self.policy.jitter:
            delay *= 0.5 + random.random() / 2
        return delay

    def _request(self, url: str, host: _Host, *, headers: dict[str, str], retries: int) -> Response:
        last_error = "no attempt made"
        retry_after: str | None = None
        for attempt in range(retries + 1):
            if attempt:
                self._sleep(self._backoff(attempt - 1, retry_after))
            retry_after = None
            with host.lock:
                self._wait_turn(host)
            try:
                with self._client.stream("GET", url, headers=headers) as response:
                    if response.status_code in RETRY_STATUS:
                        retry_after = response.headers.get("retry-after")
                        last_error = f"HTTP {response.status_code}"
                        continue
                    declared = response.headers.get("content-length")
                    if declared and declared.isdigit() and int(declared) > self.policy.max_bytes:
                        raise FetchError(self._too_large(int(declared)), source=url)
                    body = bytearray()
                    for chunk in response.iter_bytes():
                        body += chunk
                        if len(body) > self.policy.max_bytes:
                            raise FetchError(self._too_large(len(body), more=True), source=url)
                    return Response(
                        url=str(response.url),
                        status=response.status_code,
                        content=bytes(body),
                        content_type=response.headers.get("content-type"),
                        etag=response.headers.get("etag"),
                        last_modified=response.headers.get("last-modified"),
                    )
            except httpx.TooManyRedirects as error:
                raise FetchError(f"more than {self.policy.max_redirects} redirects", source=url) from error
            except httpx.TimeoutException:
                last_error = f"timed out (after {self.policy.timeout:g} s)"
            except httpx.TransportError as error:
                last_error = f"network error: {type(error).__name__}: {error}"
            except httpx.InvalidURL as error:
                raise FetchError(f"not a valid URL: {error}", source=url) from error
        raise FetchError(f"gave up after {retries + 1} attempts: {last_error}", source=url)

    def _too_large(self, size: int, *, more: bool = False) -> str:
        return (
            f"larger than the {self.policy.max_bytes / 1e6:.1f} MB cap ({'over ' if more else ''}{size / 1e6:.1f} MB); "
            "raise [input] max_bytes in marsad.toml if this is really one article"
        )

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Response:
        """Fetch ``url`` (a 304 answer when the validators say it has not changed).

        Raises:
            FetchError: robots.txt forbids it, the network or server failed after every retry,
                the body is over the size cap, or the server answered an HTTP error.
        """
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise FetchError("only http:// and https:// URLs can be fetched", source=url)
        verdict = self._robots_verdict(url)
        if verdict:
            raise FetchError(f"not fetched: {verdict}", source=url)
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        response = self._request(url, self._host(url), headers=headers, retries=self.policy.retries)
        if response.status >= 400:
            raise FetchError(f"HTTP {response.status}", source=url)
        return response
