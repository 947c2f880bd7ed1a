"""Articles from local files and folders: text, HTML, JSONL, RSS/Atom feeds and WARC archives.

========================  ==================================================================
``.txt`` (or no suffix)   one article; charset detected (:mod:`marsad.ingest.decode`);
                          its headline line is its title (:func:`headline`)
``.html``, ``.htm``       one page; main text extracted (:mod:`marsad.ingest.html`)
``.jsonl``                one article per line: ``text``, optional ``title``, ``url``,
                          ``published``, ``source``, ``id``
``.xml .rss .atom``       a feed; entries that carry their full text (:mod:`marsad.ingest.feeds`)
``.warc``, ``.warc.gz``   a web archive; its HTML pages (:mod:`marsad.ingest.warc`)
========================  ==================================================================

Each input yields articles or an :class:`InputError` naming it (``path``, ``path:line`` or
``path#url``), so one unreadable file, bad JSONL line or broken page never stops the rest of a
run. Large JSONL files and archives are streamed, never read whole.
"""

from __future__ import annotations

import io
import json
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from marsad.errors import InputError
from marsad.ingest.decode import decode
from marsad.ingest.feeds import FeedEntry, entry_article, looks_like_feed, parse_feed
from marsad.ingest.html import declared_charset, extract_html
from marsad.ingest.published import publication_day
from marsad.ingest.records import Article, ReadResult
from marsad.ingest.warc import read_warc

TEXT_SUFFIXES = {".txt"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl"}
FEED_SUFFIXES = {".xml", ".rss", ".atom"}
WARC_SUFFIXES = {".warc", ".warc.gz"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES | WARC_SUFFIXES
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
# A feed or JSONL file holds many articles; it may be this many times the one-article cap.
CONTAINER_FACTOR = 200
_JSONL_FIELDS = ("text", "title", "url", "published", "source", "id")

Item = Article | InputError | FeedEntry


def suffix_of(path: str | Path) -> str:
    """The suffix that decides how a file is read (``.warc.gz`` counts as one)."""
    name = Path(path).name.lower()
    if name.endswith(".warc.gz"):
        return ".warc.gz"
    return Path(name).suffix


def expand(paths: Iterable[str]) -> Iterator[str | Path]:
    """Files to read: files as given, folders walked for supported files, ``-`` as is."""
    for given in paths:
        if given == "-":
            yield given
            continue
        path = Path(given)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and suffix_of(p) in SUPPORTED and not p.name.startswith("."))
            yield from found or [path]  # an empty folder is reported by read_path
        else:
            yield path


def _check_text(text: str, origin: str) -> None:
    if not text.strip():
        raise InputError("no text (the input is empty or only white space)", source=origin)


def _check_size(size: int, origin: str, max_bytes: int) -> None:
    if size > max_bytes:
        raise InputError(
            f"too large for one article ({size / 1e6:.1f} MB > {max_bytes / 1e6:.1f} MB); split it, "
            "or raise [input] max_bytes in marsad.toml",
            source=origin,
        )


def jsonl_record(line: str, where: str, max_bytes: int) -> Article:
    """One JSONL line as an article.

    Raises:
        InputError: not JSON, not an object with a ``text`` string, a field of the wrong type,
            an unreadable ``published`` date, empty or oversized text.
    """
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise InputError(f"not valid JSON ({error.msg} at column {error.colno})", source=where) from None
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        raise InputError('a JSONL record must be an object with a "text" string', source=where)
    bad = [k for k in _JSONL_FIELDS[1:] if record.get(k) is not None and not isinstance(record[k], str)]
    if bad:
        raise InputError(f"field(s) {', '.join(bad)} must be strings", source=where)
    _check_text(record["text"], where)
    _check_size(len(record["text"].encode("utf-8")), where, max_bytes)
    published = record.get("published")
    day = publication_day(published)
    if published and not day:
        raise InputError(f"published {published!r} is not a date (write YYYY-MM-DD or ISO 8601)", source=where)
    return Article(
        text=record["text"].replace("\r\n", "\n"),
        origin=where,
        title=record.get("title"),
        url=record.get("url"),
        published=day,
        source=record.get("source"),
        id=record.get("id"),
    )


def _from_jsonl_lines(lines: Iterable[bytes], origin: str, max_bytes: int) -> Iterator[ReadResult]:
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        where = f"{origin}:{number}"
        try:
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                line = decode(raw, source=where)
            yield jsonl_record(line.lstrip("\ufeff"), where, max_bytes)
        except InputError as error:
            yield error


def _feed_items(data: bytes, origin: str) -> Iterator[Item]:
    yield from parse_feed(data, origin=origin)


def read_items(data: bytes, *, origin: str, suffix: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """What ``data`` holds, read as a file with ``suffix``: articles, errors and feed entries."""
    try:
        if suffix in JSONL_SUFFIXES:
            yield from _from_jsonl_lines(data.splitlines(), origin, max_bytes)
            return
        if suffix in WARC_SUFFIXES:
            yield from read_warc(io.BytesIO(data), origin=origin, max_bytes=max_bytes)
            return
        if suffix in FEED_SUFFIXES or (suffix not in HTML_SUFFIXES and looks_like_feed(data)):
            yield from _feed_items(data, origin)
            return
        _check_size(len(data), origin, max_bytes)
        if suffix in HTML_SUFFIXES:
            html = decode(data, declared=declared_charset(data), source=origin)
            yield extract_html(html, origin=origin, raw=data)
            return
        text = decode(data, source=origin)
        _check_text(text, origin)
        yield Article(text=text, origin=origin, title=headline(text), raw=None)
    except InputError as error:
        yield error


_HEADLINE_WORDS = (3, 25)
_NOT_HEADLINE = re.compile(r"[.!?؟:|/@]|https?:|www\.")


def headline(text: str) -> str | None:
    """The headline of a plain-text article: a short first line set off by a blank line, with
    no sentence-final stop and none of the marks of page furniture ("شارك: فيسبوك | إكس").
    It stays in the text; the title only names the article (lists, stories, search)."""
    first, _, rest = text.lstrip().partition("\n")
    line = first.strip()
    if not rest.strip() or not rest.lstrip(" \t\r").startswith("\n"):
        return None  # one line only, or the next follows directly: a paragraph, not a headline
    words = len(line.split())
    if not (_HEADLINE_WORDS[0] <= words <= _HEADLINE_WORDS[1]) or _NOT_HEADLINE.search(line):
        return None
    return line


def _as_result(item: Item) -> ReadResult:
    if isinstance(item, FeedEntry):
        try:
            return entry_article(item)
        except InputError as error:
            return error
    return item


def read_bytes(data: bytes, *, origin: str, suffix: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[ReadResult]:
    """Articles in ``data``, read as a file with ``suffix`` would be."""
    for item in read_items(data, origin=origin, suffix=suffix, max_bytes=max_bytes):
        yield _as_result(item)


def read_path_items(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """What one file holds (``-`` reads standard input as text); feed entries left as they are."""
    if path == "-":
        yield from read_items(sys.stdin.buffer.read(), origin="<stdin>", suffix=".txt", max_bytes=max_bytes)
        return
    path = Path(path)
    origin = str(path)
    suffix = suffix_of(path)
    if suffix not in SUPPORTED:
        suffix = ".txt"
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise IsADirectoryError(origin)
        if suffix in WARC_SUFFIXES:
            with path.open("rb") as stream:
                yield from read_warc(stream, origin=origin, max_bytes=max_bytes)
            return
        if suffix in JSONL_SUFFIXES:
            with path.open("rb") as stream:
                yield from _from_jsonl_lines(stream, origin, max_bytes)
            return
        limit = max_bytes * CONTAINER_FACTOR if suffix in FEED_SUFFIXES else max_bytes
        _check_size(size, origin, limit)
        data = path.read_bytes()
    except FileNotFoundError:
        yield InputError("no such file or folder", source=origin)
        return
    except IsADirectoryError:
        yield InputError("is a folder with no .txt, .html, .jsonl, feed or WARC files", source=origin)
        return
    except PermissionError:
        yield InputError("permission denied", source=origin)
        return
    except InputError as error:
        yield error
        return
    except OSError as error:
        yield InputError(f"cannot be read: {error.strerror or error}", source=origin)
        return
    if suffix == ".txt" and looks_like_feed(data):
        suffix = ".xml"
    yield from read_items(data, origin=origin, suffix=suffix, max_bytes=max_bytes)


def read_path(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[ReadResult]:
    """Articles in one file (``-`` reads standard input as text)."""
    for item in read_path_items(path, max_bytes=max_bytes):
        yield _as_result(item)


def read_paths(paths: Iterable[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[ReadResult]:
    """Articles from every file and folder in ``paths``, in order."""
    for path in expand(paths):
        yield from read_path(path, max_bytes=max_bytes)
