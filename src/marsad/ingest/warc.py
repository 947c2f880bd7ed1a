"""Articles from WARC web archives (``.warc``, ``.warc.gz``), as crawlers and archives write them.

Read with warcio. A ``response`` record with HTTP status 200 and an HTML body becomes an
article through the same extraction as a fetched page (its URL from ``WARC-Target-URI``, its
encoding from the HTTP ``Content-Type`` or the page's ``<meta charset>``); a ``resource`` record
of plain text becomes a text article. Everything else a crawl holds — requests, metadata,
redirects, images, scripts, style sheets — is not news and is passed over silently. A record
that should be an article but cannot be read yields an :class:`InputError` naming the archive
and the record's URL, and the rest of the archive is still read.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from marsad.errors import InputError
from marsad.ingest.decode import charset_of, decode
from marsad.ingest.html import declared_charset, extract_html
from marsad.ingest.records import Article, ReadResult

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _media_type(content_type: str | None) -> str:
    return (content_type or "").split(";")[0].strip().lower()


def read_warc(stream: IO[bytes], *, origin: str, max_bytes: int) -> Iterator[ReadResult]:
    """Articles in a WARC stream (gzip-compressed or not), in archive order."""
    records = 0
    try:
        for record in ArchiveIterator(stream):
            if getattr(record, "format", "warc") != "warc":
                continue  # an old ARC record, or bytes that only look like one
            records += 1
            kind = record.rec_type
            if kind not in ("response", "resource"):
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            where = f"{origin}#{url or record.rec_headers.get_header('WARC-Record-ID')}"
            if kind == "response":
                if record.http_headers is None:
                    continue
                status = record.http_headers.get_statuscode()
                content_type = record.http_headers.get_header("Content-Type")
                if status != "200" or _media_type(content_type) not in _HTML_TYPES:
                    continue
            else:
                content_type = record.rec_headers.get_header("Content-Type")
                if _media_type(content_type) not in (*_HTML_TYPES, "text/plain"):
                    continue
            data = record.content_stream().read(max_bytes + 1)
            if len(data) > max_bytes:
                yield InputError(f"record larger than the {max_bytes / 1e6:.1f} MB cap", source=where)
                continue
            try:
                declared = charset_of(content_type) or declared_charset(data)
                text = decode(data, declared=declared, source=where)
                if _media_type(content_type) == "text/plain":
                    if not text.strip():
                        raise InputError("empty text record", source=where)
                    yield Article(text=text, origin=where, url=url, raw=None)
                else:
                    yield extract_html(text, origin=where, url=url, raw=data)
            except InputError as error:
                yield error
    except ArchiveLoadFailed as error:
        yield InputError(f"not a readable WARC archive: {error}", source=origin)
        return
    except (OSError, EOFError) as error:
        yield InputError(f"the WARC archive is truncated or corrupt: {error}", source=origin)
        return
    if not records:
        yield InputError("holds no WARC records (is it a WARC file?)", source=origin)
