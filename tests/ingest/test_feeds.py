"""RSS and Atom feeds: entries, their full text or their links, their local publication day."""

from __future__ import annotations

import pytest

from marsad.errors import InputError
from marsad.ingest.feeds import entry_article, looks_like_feed, parse_feed

from .pages import PARAGRAPHS, RELATED, feed, full_text_html

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>الرافدين</title>
<entry><title>البرلمان يصوت على الموازنة</title><link href="https://rafidain.example/a/1"/>
<id>tag:rafidain.example,2021:1</id><published>2021-12-02T00:30:00+03:00</published>
<summary>صوت البرلمان على الموازنة.</summary></entry></feed>"""


def test_feeds_rss_entries_with_full_text() -> None:
    data = feed([
        {"title": "الجلسة الأولى", "link": "https://rafidain.example/a/1", "pubDate": "Tue, 09 Nov 2021 00:40:00 +0300",
         "description": "ملخص قصير", "content": full_text_html()},
        {"title": "خبر قصير", "link": "https://rafidain.example/a/2", "pubDate": "Tue, 09 Nov 2021 12:00:00 +0300",
         "description": "وصل الوفد إلى بغداد."},
    ]).encode("utf-8")
    entries = parse_feed(data, origin="feed.xml")
    assert [e.url for e in entries] == ["https://rafidain.example/a/1", "https://rafidain.example/a/2"]
    assert entries[0].published == "2021-11-09"  # the local day of the feed's date, not UTC's 8th
    assert entries[0].source == "شبكة الرافدين - آخر الأخبار"
    assert entries[0].has_full_text and not entries[1].has_full_text
    article = entry_article(entries[0])
    assert article.text.split("\n\n") == list(PARAGRAPHS)
    assert article.origin == "feed.xml#https://rafidain.example/a/1"
    with pytest.raises(InputError, match="only a .*summary"):
        entry_article(entries[1])


def test_feeds_entry_furniture_is_removed() -> None:
    links = "".join(f'<p><a href="/x/{i}">{t}</a></p>' for i, t in enumerate(RELATED))
    content = full_text_html() + "<p>اقرأ أيضا:</p>" + links + "<p>تابعونا على فيسبوك وتويتر</p>"
    [entry] = parse_feed(feed([{"title": "t", "link": "https://rafidain.example/a/3", "pubDate": "Tue, 09 Nov 2021 10:00:00 +0300",
                                "content": content}]).encode("utf-8"), origin="feed.xml")
    article = entry_article(entry)
    assert article.text.split("\n\n") == list(PARAGRAPHS)
    assert [b.kind for b in article.boilerplate] == ["related_links", "share"]


def test_feeds_atom_is_read() -> None:
    [entry] = parse_feed(ATOM.encode("utf-8"), origin="atom.xml")
    assert (entry.url, entry.title, entry.published) == ("https://rafidain.example/a/1", "البرلمان يصوت على الموازنة", "2021-12-02")


@pytest.mark.parametrize(("data", "is_feed"), [
    (b'<?xml version="1.0"?>\n<rss version="2.0">', True),
    (b"\xef\xbb\xbf<feed xmlns='http://www.w3.org/2005/Atom'>", True),
    (b"<rdf:RDF xmlns:rdf='x'>", True),
    (b"<!DOCTYPE html><html>", False),
    ("نص عادي".encode(), False),
])
def test_feeds_looks_like_feed(data: bytes, is_feed: bool) -> None:
    assert looks_like_feed(data) is is_feed


def test_feeds_not_a_feed_is_an_input_error() -> None:
    with pytest.raises(InputError, match="notes.xml: not an RSS or Atom feed"):
        parse_feed("هذه ملاحظات وليست خلاصة".encode(), origin="notes.xml")
