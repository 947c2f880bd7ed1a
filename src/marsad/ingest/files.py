"""Articles from local files and folders: ``.txt``, ``.html``/``.htm`` and ``.jsonl``.

Each input yields articles or an :class:`InputError` naming it (``path`` or ``path:line``), so
one unreadable file or one bad JSONL line never stops the rest of a run.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from marsad.errors import InputError
from marsad.ingest.decode import decode
from marsad.ingest.html import extract_html
from marsad.ingest.records import Article, ReadResult

TEXT_SUFFIXES = {".txt"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.IGNORECASE)
_JSONL_FIELDS = ("text", "title", "url", "published", "source", "id")


def expand(paths: Iterable[str]) -> Iterator[str | Path]:
    """Files to read: files as given, folders walked for supported files, ``-`` as is."""
    for given in paths:
        if given == "-":
            yield given
            continue
        path = Path(given)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED)
            yield from found or [path]  # an empty folder is reported by read_path
        else:
            yield path


def _check_text(text: str, origin: str) -> None:
    if not text.strip():
        raise InputError("no text (the input is empty or only white space)", source=origin)


def _from_jsonl(data: bytes, origin: str, max_bytes: int) -> Iterator[ReadResult]:
    text = decode(data, source=origin)
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield InputError(f"not valid JSON ({error.msg} at column {error.colno})", source=where)
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            yield InputError('a JSONL record must be an object with a "text" string', source=where)
            continue
        bad = [k for k in _JSONL_FIELDS[1:] if record.get(k) is not None and not isinstance(record[k], str)]
        if bad:
            yield InputError(f"field(s) {', '.join(bad)} must be strings", source=where)
            continue
        try:
            _check_text(record["text"], where)
            _check_size(len(record["text"].encode("utf-8")), where, max_bytes)
        except InputError as error:
            yield error
            continue
        yield Article(
            text=record["text"],
            origin=where,
            title=record.get("title"),
            url=record.get("url"),
            published=record.get("published"),
            source=record.get("source"),
            id=record.get("id"),
        )


def _check_size(size: int, origin: str, max_bytes: int) -> None:
    if size > max_bytes:
        raise InputError(
            f"too large for one article ({size / 1e6:.1f} MB > {max_bytes / 1e6:.1f} MB); split it, "
            "or raise [input] max_bytes in marsad.toml",
            source=origin,
        )


def read_bytes(data: bytes, *, origin: str, suffix: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[ReadResult]:
    """Articles in ``data``, read as a file with ``suffix`` would be."""
    try:
        if suffix in JSONL_SUFFIXES:
            yield from _from_jsonl(data, origin, max_bytes)
            return
        _check_size(len(data), origin, max_bytes)
        if suffix in HTML_SUFFIXES:
            declared = _DECLARED_CHARSET.search(data[:4096])
            html = decode(data, declared=declared.group(1).decode("ascii") if declared else None, source=origin)
            yield extract_html(html, origin=origin)
            return
        text = decode(data, source=origin)
        _check_text(text, origin)
        yield Article(text=text, origin=origin, raw=None)
    except InputError as error:
        yield error


def read_path(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[ReadResult]:
    """Articles in one file (``-`` reads standard input as text)."""
    if path == "-":
        yield from read_bytes(sys.stdin.buffer.read(), origin="<stdin>", suffix=".txt", max_bytes=max_bytes)
        return
    path = Path(path)
    origin = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        suffix = ".txt"
    try:
        size = path.stat().st_size
        if suffix not in JSONL_SUFFIXES:
            _check_size(size, origin, max_bytes)
        data = path.read_bytes()
    except FileNotFoundError:
        yield InputError("no such file or folder", source=origin)
        return
    except IsADirectoryError:
        yield InputError("is a folder with no .txt, .html or .jsonl files", source=origin)
        return
    except PermissionError:
        yield InputError("permission denied", source=origin)
        return
    except InputError as error:
        yield error
        return
    yield from read_bytes(data, origin=origin, suffix=suffix, max_bytes=max_bytes)


def read_paths(paths: Iterable[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[ReadResult]:
    """Articles from every file and folder in ``paths``, in order."""
    for path in expand(paths):
        yield from read_path(path, max_bytes=max_bytes)
