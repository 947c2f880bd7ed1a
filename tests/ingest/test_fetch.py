"""Fetching over HTTP from a server the test runs on 127.0.0.1: limits, retries, manners."""

from __future__ import annotations

import pytest

from marsad.errors import FetchError
from marsad.ingest.fetch import USER_AGENT, Fetcher, FetchPolicy

from .conftest import Reply, Site
from .pages import article_page

ROBOTS = b"User-agent: *\nDisallow: /private/\n\nUser-agent: marsad\nDisallow: /no-marsad/\nCrawl-delay: 2\n"


@pytest.fixture
def slept() -> list[float]:
    return []


@pytest.fixture
def fetcher(slept: list[float]) -> Fetcher:
    policy = FetchPolicy(timeout=2.0, connect_timeout=2.0, max_bytes=200_000, retries=2, backoff=0.5, min_delay=0.0, jitter=False)
    return Fetcher(policy, sleep=slept.append)


def html(body: str = "") -> Reply:
    return Reply(200, (body or article_page()).encode("utf-8"), {"Content-Type": "text/html; charset=utf-8"})


def test_fetch_gets_a_page_with_a_clear_user_agent(site: Site, fetcher: Fetcher) -> None:
    url = site.route("/news/1", html())
    response = fetcher.get(url)
    assert response.status == 200 and response.charset == "utf-8" and "عين الأسد" in response.content.decode()
    assert site.requests[-1][1]["user-agent"] == USER_AGENT
    assert "marsad" in USER_AGENT


def test_fetch_respects_robots_txt(site: Site, fetcher: Fetcher, slept: list[float]) -> None:
    site.route("/robots.txt", Reply(200, ROBOTS, {"Content-Type": "text/plain"}))
    site.route("/no-marsad/1", html())
    site.route("/news/2", html())
    with pytest.raises(FetchError, match="robots.txt disallows"):
        fetcher.get(site.base + "/no-marsad/1")
    assert site.hits("/no-marsad/1") == 0
    fetcher.get(site.base + "/news/2")
    fetcher.get(site.base + "/news/2")
    assert site.hits("/robots.txt") == 1  # read once per site
    assert slept and 1.5 < slept[-1] <= 2.0  # the second request waited out the Crawl-delay


def test_fetch_robots_txt_missing_allows_and_broken_disallows(site: Site, slept: list[float]) -> None:
    policy = FetchPolicy(retries=0, min_delay=0.0, jitter=False)
    site.route("/news/3", html())
    assert Fetcher(policy, sleep=slept.append).get(site.base + "/news/3").status == 200  # 404 robots.txt
    site.route("/robots.txt", Reply(503, b"down"))
    with pytest.raises(FetchError, match=r"robots.txt could not be read \(.*HTTP 503\), so the site is treated as disallowed"):
        Fetcher(policy, sleep=slept.append).get(site.base + "/news/3")


def test_fetch_retries_with_backoff(site: Site, fetcher: Fetcher, slept: list[float]) -> None:
    url = site.route("/flaky", Reply(503, b"busy"), Reply(502, b"bad gateway"), html())
    assert fetcher.get(url).status == 200
    assert site.hits("/flaky") == 3
    assert slept == [0.5, 1.0]  # exponential back-off


def test_fetch_honours_retry_after(site: Site, fetcher: Fetcher, slept: list[float]) -> None:
    url = site.route("/limited", Reply(429, b"slow down", {"Retry-After": "7"}), html())
    fetcher.get(url)
    assert slept == [7.0]


def test_fetch_gives_up_naming_the_url_and_reason(site: Site, fetcher: Fetcher) -> None:
    url = site.route("/down", Reply(500, b"error"))
    with pytest.raises(FetchError, match=r"/down: gave up after 3 attempts: HTTP 500"):
        fetcher.get(url)


def test_fetch_times_out(site: Site, slept: list[float]) -> None:
    url = site.route("/slow", Reply(200, b"late", delay=1.5))
    quick = Fetcher(FetchPolicy(timeout=0.3, retries=1, min_delay=0.0, jitter=False), sleep=slept.append)
    with pytest.raises(FetchError, match="timed out"):
        quick.get(url)


@pytest.mark.parametrize("declare_length", [True, False])
def test_fetch_caps_the_size(site: Site, fetcher: Fetcher, declare_length: bool) -> None:
    body = b"<p>" + "كلمة ".encode() * 60_000 + b"</p>"
    headers = {"Content-Type": "text/html"} if declare_length else {"Content-Type": "text/html", "Content-Length": "", "Transfer-Encoding": "chunked"}
    if not declare_length:
        # Chunked: the cap must stop the download part way, not after reading it all.
        body = b"".join(b"%x\r\n%s\r\n" % (len(c), c) for c in (body[i : i + 4096] for i in range(0, len(body), 4096))) + b"0\r\n\r\n"
        headers.pop("Content-Length")
    url = site.route("/huge", Reply(200, body, headers))
    with pytest.raises(FetchError, match="larger than the 0.2 MB cap"):
        fetcher.get(url)


def test_fetch_sends_validators_and_sees_not_modified(site: Site, fetcher: Fetcher) -> None:
    url = site.route("/news/4", Reply(304, b""))
    response = fetcher.get(url, etag='"v1"', last_modified="Tue, 09 Nov 2021 10:00:00 GMT")
    assert response.not_modified
    headers = site.requests[-1][1]
    assert headers["if-none-match"] == '"v1"' and headers["if-modified-since"] == "Tue, 09 Nov 2021 10:00:00 GMT"


@pytest.mark.parametrize(("status", "message"), [(404, "HTTP 404"), (410, "HTTP 410")])
def test_fetch_http_errors(site: Site, fetcher: Fetcher, status: int, message: str) -> None:
    url = site.route("/gone", Reply(status, b"no"))
    with pytest.raises(FetchError, match=message):
        fetcher.get(url)


@pytest.mark.parametrize("url", ["ftp://rafidain.example/a", "file:///etc/passwd", "not a url"])
def test_fetch_refuses_other_schemes(fetcher: Fetcher, url: str) -> None:
    with pytest.raises(FetchError, match="only http"):
        fetcher.get(url)


def test_fetch_network_error_is_a_fetch_error(slept: list[float]) -> None:
    fetcher = Fetcher(FetchPolicy(retries=1, min_delay=0.0, jitter=False, respect_robots=False), sleep=slept.append)
    with pytest.raises(FetchError, match="network error"):
        fetcher.get("http://127.0.0.1:9/closed")  # the discard port: nothing listens
