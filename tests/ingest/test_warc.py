"""WARC archives: HTML responses become articles; everything else a crawl holds is passed over."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from marsad.errors import InputError
from marsad.ingest.warc import read_warc

from .pages import PARAGRAPHS, article_page


def write_warc(path: Path, *, gzip: bool) -> None:
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=gzip)

        def response(url: str, status: str, content_type: str, body: bytes) -> None:
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))

        writer.write_record(writer.create_warc_record("https://rafidain.example/a/1", "request", payload=io.BytesIO(b"GET /a/1 HTTP/1.1\r\n\r\n")))
        response("https://rafidain.example/a/1", "200 OK", "text/html; charset=windows-1256",
                 article_page(charset="windows-1256").encode("cp1256"))
        response("https://rafidain.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
        response("https://rafidain.example/gone", "404 Not Found", "text/html", b"<html>not found</html>")
        response("https://rafidain.example/menu", "200 OK", "text/html", b"<html><body><nav><a href='/'>x</a></nav></body></html>")


@pytest.mark.parametrize("gzip", [True, False])
def test_warc_reads_html_responses_only(tmp_path: Path, gzip: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    write_warc(path, gzip=gzip)
    with path.open("rb") as stream:
        results = list(read_warc(stream, origin=str(path), max_bytes=5_000_000))
    articles = [r for r in results if not isinstance(r, InputError)]
    errors = [r for r in results if isinstance(r, InputError)]
    assert len(articles) == 1
    assert articles[0].url == "https://rafidain.example/a/1"
    assert articles[0].text.split("\n\n") == list(PARAGRAPHS)  # windows-1256 decoded from the HTTP header
    assert articles[0].published == "2021-11-09"
    assert [e.source for e in errors] == [f"{path}#https://rafidain.example/menu"]


def test_warc_that_is_not_an_archive_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.warc"
    path.write_bytes("هذا ليس أرشيفا".encode() * 10)
    with path.open("rb") as stream:
        results = list(read_warc(stream, origin=str(path), max_bytes=1000))
    assert len(results) == 1 and isinstance(results[0], InputError)
