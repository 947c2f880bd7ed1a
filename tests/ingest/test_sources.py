"""Sources behind one call: feeds and article URLs fetched from 127.0.0.1, files, and what is known."""

from __future__ import annotations

import pytest

from marsad.errors import FetchError, InputError
from marsad.ingest.fetch import Fetcher, FetchPolicy
from marsad.ingest.records import Article, Unchanged
from marsad.ingest.sources import Known, read_sources

from .conftest import Reply, Site
from .pages import PARAGRAPHS, article_page, feed, full_text_html


@pytest.fixture
def fetcher() -> Fetcher:
    return Fetcher(FetchPolicy(retries=0, min_delay=0.0, jitter=False), sleep=lambda s: None)


def page(**kwargs: object) -> Reply:
    return Reply(200, article_page(**kwargs).encode("cp1256"), {"Content-Type": "text/html; charset=windows-1256", "ETag": '"p1"'})  # type: ignore[arg-type]


def test_sources_feed_url_fetches_teaser_entries(site: Site, fetcher: Fetcher) -> None:
    site.route("/robots.txt", Reply(200, b"User-agent: *\nDisallow: /private/\n"))
    site.route("/a/1", page(published_meta=None))
    site.route("/private/2", page())
    items = [
        {"title": "عنوان الخلاصة", "link": site.base + "/a/1", "pubDate": "Tue, 09 Nov 2021 10:00:00 +0300", "description": "ملخص قصير."},
        {"title": "ممنوع", "link": site.base + "/private/2", "pubDate": "Tue, 09 Nov 2021 11:00:00 +0300", "description": "ملخص."},
        {"title": "كامل", "link": site.base + "/a/3", "pubDate": "Wed, 10 Nov 2021 09:00:00 +0300", "content": full_text_html()},
    ]
    url = site.route("/feed", Reply(200, feed(items).encode("utf-8"), {"Content-Type": "application/rss+xml"}))
    results = list(read_sources([url], fetcher=fetcher))
    first, blocked, full = results
    assert isinstance(first, Article) and first.url == site.base + "/a/1"
    assert first.text.split("\n\n") == list(PARAGRAPHS)  # windows-1256 page decoded
    assert first.published == "2021-11-09"  # the page has no date: the entry's
    assert first.etag == '"p1"' and first.raw is not None
    assert isinstance(blocked, FetchError) and "robots.txt" in blocked.message
    assert isinstance(full, Article) and full.published == "2021-11-10"
    assert site.hits("/a/3") == 0  # carried in full: not fetched
    assert site.hits("/private/2") == 0


def test_sources_known_entries_are_not_fetched_again(site: Site, fetcher: Fetcher) -> None:
    site.route("/a/1", page())
    items = [{"title": "t", "link": site.base + "/a/1", "pubDate": "Tue, 09 Nov 2021 10:00:00 +0300", "description": "ملخص."}]
    url = site.route("/feed", Reply(200, feed(items).encode("utf-8"), {"Content-Type": "application/rss+xml"}))
    known = {site.base + "/a/1": Known('"p1"', None, "2021-11-09T12:00:00+00:00")}
    [result] = list(read_sources([url], fetcher=fetcher, known=known.get))
    assert isinstance(result, Unchanged) and site.hits("/a/1") == 0
    [again] = list(read_sources([url], fetcher=fetcher, known=known.get, refresh=True))
    assert isinstance(again, Article)


def test_sources_article_url_conditional_fetch(site: Site, fetcher: Fetcher) -> None:
    url = site.route("/a/5", Reply(304, b""))
    known = {url: Known('"p1"', None, "2021-11-09T12:00:00+00:00")}
    [result] = list(read_sources([url], fetcher=fetcher, known=known.get))
    assert isinstance(result, Unchanged)
    assert site.requests[-1][1]["if-none-match"] == '"p1"'


@pytest.mark.parametrize(
    ("reply", "kind", "text"),
    [
        (Reply(200, "خبر عاجل: وصل الوفد إلى بغداد.".encode("cp1256"), {"Content-Type": "text/plain; charset=windows-1256"}), Article, "خبر عاجل"),
        (Reply(200, b"%PDF-1.7", {"Content-Type": "application/pdf"}), FetchError, "content type 'application/pdf'"),
        (Reply(404, b"no"), FetchError, "HTTP 404"),
    ],
)
def test_sources_article_urls(site: Site, fetcher: Fetcher, reply: Reply, kind: type, text: str) -> None:
    url = site.route("/x", reply)
    [result] = list(read_sources([url], fetcher=fetcher))
    assert isinstance(result, kind)
    assert text in (result.text if isinstance(result, Article) else result.message)


def test_sources_without_fetching_urls_are_errors(tmp_path: object) -> None:
    [result] = list(read_sources(["https://rafidain.example/a/1"], fetcher=None))
    assert isinstance(result, InputError) and "--no-fetch" in result.message
