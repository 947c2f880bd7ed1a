"""RSS and Atom feeds: which articles a feed lists, and the text it carries for them.

Feeds are parsed with feedparser, which copes with the RSS 0.9x/1.0/2.0 and Atom variants and
the broken XML that news sites publish. An entry becomes an article in one of two ways: from
the full text the feed carries (``content:encoded`` or Atom ``content``) when there is enough of
it, or — the common case — by fetching the entry's link (see :mod:`marsad.ingest.sources`). A
two-line summary is never stored as if it were the article.

The publication day comes from the entry's date as the feed wrote it (local day, see
:mod:`marsad.ingest.published`), falling back to feedparser's parsed (UTC) date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import feedparser
from lxml import html as lxml_html

from marsad.clean import remove_furniture
from marsad.errors import InputError
from marsad.ingest.html import fragment_text, link_texts
from marsad.ingest.published import day_of_struct, publication_day
from marsad.ingest.records import Article

# An entry's own text counts as the article from this many words on; shorter is a teaser.
FULL_TEXT_MIN_WORDS = 80
_FEED_START = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)


def looks_like_feed(data: bytes) -> bool:
    """Whether ``data`` starts like an RSS, RDF or Atom document."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    return bool(_FEED_START.search(head))


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed: its link and whatever text the feed itself carries."""

    origin: str
    url: str | None
    title: str | None
    published: str | None
    text: str
    html: str | None
    source: str | None
    id: str | None

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def has_full_text(self) -> bool:
        return self.words >= FULL_TEXT_MIN_WORDS


def _published(entry: Any) -> str | None:
    for key in ("published", "updated", "created", "dc_date"):
        day = publication_day(entry.get(key))
        if day:
            return day
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        day = day_of_struct(entry.get(key))
        if day:
            return day
    return None


def _body(entry: Any) -> tuple[str, str | None]:
    """The entry's longest text (content before summary) as plain text, and its HTML."""
    best_text, best_html = "", None
    candidates = [c.get("value", "") for c in entry.get("content") or []]
    candidates.append(entry.get("summary", "") or "")
    for value in candidates:
        text = fragment_text(value) if value else ""
        if len(text.split()) > len(best_text.split()):
            best_text, best_html = text, value
    return best_text, best_html


def parse_feed(data: bytes, *, origin: str) -> list[FeedEntry]:
    """The entries of a feed, in feed order.

    Raises:
        InputError: ``data`` is not a feed, or a feed so broken that no entry can be read.
    """
    parsed = feedparser.parse(data)
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception")
        raise InputError(f"not an RSS or Atom feed ({reason or 'no feed element'})", source=origin)
    source = (parsed.feed.get("title") or "").strip() or None
    entries = []
    for number, entry in enumerate(parsed.entries, start=1):
        text, html = _body(entry)
        link = entry.get("link") or None
        entries.append(
            FeedEntry(
                origin=f"{origin}#{link or number}",
                url=link,
                title=(entry.get("title") or "").strip() or None,
                published=_published(entry),
                text=text,
                html=html,
                source=source,
                id=entry.get("id") or None,
            )
        )
    return entries


def entry_article(entry: FeedEntry) -> Article:
    """The article an entry carries in full, cleaned of furniture.

    Raises:
        InputError: the entry carries only a teaser; its link must be fetched instead.
    """
    if not entry.has_full_text:
        raise InputError(
            f"the feed gives only a {entry.words}-word summary for this entry, not the article; "
            "fetch its link (marsad ingest does unless --no-fetch is given)",
            source=entry.origin,
        )
    links: list[str] = []
    if entry.html and "<" in entry.html:
        try:
            links = link_texts(lxml_html.fragment_fromstring(entry.html, create_parent="div"))
        except ValueError:
            links = []
    text, removed = remove_furniture(entry.text, link_lines=links)
    return Article(
        text=text,
        origin=entry.origin,
        title=entry.title,
        url=entry.url,
        published=entry.published,
        source=entry.source,
        raw=(entry.html or entry.text).encode("utf-8"),
        content_type="text/html" if entry.html and "<" in entry.html else "text/plain",
        boilerplate=removed,
    )
