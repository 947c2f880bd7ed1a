"""Every kind of source behind one call: files, folders, feeds, article URLs and web archives.

:func:`read_sources` turns the SOURCE arguments of ``marsad ingest`` into a stream of
:class:`Article` (ready for analysis), :class:`InputError` (recorded, the run goes on) and
:class:`Unchanged` (a URL the server or the store says is already there as it is).

- A path is read by :mod:`marsad.ingest.files` (folders are walked).
- An ``http(s)://`` URL is fetched (:mod:`marsad.ingest.fetch`); what comes back decides what
  it is: a feed (by media type or by its first element), an HTML page, or plain text.
- A feed entry that carries its full text is an article as it is; one that carries a teaser
  is fetched from its link, the entry's date and headline filling in what the page lacks. An
  entry the store already has is not fetched again unless the feed marks it updated since
  (or ``refresh`` is set): feeds list new articles, and politeness matters.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from marsad.errors import FetchError, InputError
from marsad.ingest.decode import decode
from marsad.ingest.feeds import FeedEntry, entry_article, looks_like_feed, parse_feed
from marsad.ingest.fetch import Fetcher, Response
from marsad.ingest.files import DEFAULT_MAX_BYTES, expand, read_path_items
from marsad.ingest.html import declared_charset, extract_html
from marsad.ingest.records import Article, Unchanged

Result = Article | InputError | Unchanged
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml")
_HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True)
class Known:
    """What the store remembers of a URL: the validators of its last fetch, and when."""

    etag: str | None
    last_modified: str | None
    fetched: str | None  # ISO date-time of the last fetch


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def _media_type(response: Response) -> str:
    return (response.content_type or "").split(";")[0].strip().lower()


def _page_article(response: Response, origin: str, entry: FeedEntry | None = None) -> Article:
    """The article in a fetched page (HTML or plain text)."""
    media = _media_type(response)
    if media in _HTML_TYPES or (not media and b"<html" in response.content[:4096].lower()):
        html = decode(response.content, declared=response.charset or declared_charset(response.content), source=origin)
        article = extract_html(
            html, origin=origin, url=response.url, source=entry.source if entry else None, raw=response.content,
            published=entry.published if entry else None,
        )
    elif media == "text/plain":
        text = decode(response.content, declared=response.charset, source=origin)
        if not text.strip():
            raise InputError("empty text", source=origin)
        article = Article(text=text, origin=origin, url=response.url, raw=None)
    else:
        raise FetchError(f"not an HTML page, text or feed (content type {media or 'unknown'!r})", source=origin)
    if entry is not None:
        article = replace(
            article,
            title=article.title or entry.title,
            published=article.published or entry.published,
            source=article.source or entry.source,
        )
    return replace(article, etag=response.etag, last_modified=response.last_modified)


class _Reader:
    def __init__(self, fetcher: Fetcher | None, known: Callable[[str], Known | None], refresh: bool, max_bytes: int):
        self.fetcher = fetcher
        self.known = known
        self.refresh = refresh
        self.max_bytes = max_bytes

    def _fetch(self, url: str) -> Response:
        assert self.fetcher is not None
        state = None if self.refresh else self.known(url)
        return self.fetcher.get(url, etag=state.etag if state else None, last_modified=state.last_modified if state else None)

    def entry(self, entry: FeedEntry) -> Result:
        if entry.has_full_text:
            return entry_article(entry)
        if not entry.url or self.fetcher is None:
            return entry_article(entry)  # raises the "only a summary" error
        state = self.known(entry.url)
        if state is not None and not self.refresh and not (entry.published and state.fetched and entry.published > state.fetched[:10]):
            return Unchanged(origin=entry.origin, url=entry.url)
        response = self._fetch(entry.url)
        if response.not_modified:
            return Unchanged(origin=entry.origin, url=entry.url)
        return _page_article(response, entry.url, entry)

    def url(self, url: str) -> Iterator[Result]:
        if self.fetcher is None:
            yield FetchError("fetching is turned off (--no-fetch)", source=url)
            return
        response = self._fetch(url)
        if response.not_modified:
            yield Unchanged(origin=url, url=url)
            return
        if _media_type(response) in _FEED_TYPES or "rss" in _media_type(response) or looks_like_feed(response.content):
            for entry in parse_feed(response.content, origin=url):
                yield self.safe_entry(entry)
            return
        yield _page_article(response, url)

    def safe_entry(self, entry: FeedEntry) -> Result:
        try:
            return self.entry(entry)
        except InputError as error:
            return error

    def path(self, path: str | Path) -> Iterator[Result]:
        for item in read_path_items(path, max_bytes=self.max_bytes):
            yield self.safe_entry(item) if isinstance(item, FeedEntry) else item

    def source(self, source: str) -> Iterator[Result]:
        """Everything one SOURCE argument yields; a failure of the whole source is one error."""
        try:
            if is_url(source):
                yield from self.url(source)
            else:
                for path in expand([source]):
                    yield from self.path(path)
        except InputError as error:
            yield error


def read_sources(
    sources: Iterable[str],
    *,
    fetcher: Fetcher | None = None,
    known: Callable[[str], Known | None] = lambda url: None,
    refresh: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Result]:
    """Articles (or why not) from files, folders, feeds, URLs and WARC archives, in order.

    Args:
        sources: paths, folders, ``-`` for standard input, or ``http(s)://`` URLs.
        fetcher: the HTTP client for URLs and feed links; None turns fetching off.
        known: what the store knows of a URL (for conditional requests and skipping feed
            entries already stored).
        refresh: fetch known URLs again, without validators.
        max_bytes: the largest article accepted.
    """
    reader = _Reader(fetcher, known, refresh, max_bytes)
    for source in sources:
        yield from reader.source(source)
