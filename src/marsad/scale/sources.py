"""Batch inputs: JSONL, Parquet and WARC on any filesystem pyarrow supports, cut into parts.

A batch input (a file, a folder, a glob, on a local disk or behind ``s3://``, ``gs://``,
``hdfs://``…) is planned as a list of :class:`Part` s, the units that are read, analysed and
marked finished together, so that a re-run skips what is done:

- an uncompressed JSONL file is cut into byte ranges of about ``part_bytes``; a range holds the
  lines that *start* inside it, so no line is read twice or lost at a boundary;
- a Parquet file gives one part per row group;
- a WARC file (``.warc``, ``.warc.gz``, WET files too) and a compressed JSONL file
  (``.jsonl.gz``, ``.jsonl.zst``, ``.jsonl.bz2``) are one part each: they cannot be entered in
  the middle.

Reading a part yields :data:`RECORDS` tables: one row per article (its text, or the HTML page
still to extract), one row per input that could not be read (with the reason), and a final
``end`` row that carries the number of rows of the part, so a runner knows when a part is
complete however its rows were spread over workers. Reading never raises for a bad input: a bad
line, record or file becomes an error row and the rest goes on.
"""

from __future__ import annotations

import fnmatch
import hashlib
import os
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import urlparse

import msgspec
import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from marsad.errors import InputError

JSONL = "jsonl"
PARQUET = "parquet"
WARC = "warc"
_COMPRESSED = (".gz", ".bz2", ".zst", ".zstd", ".lz4")
_JSONL_SUFFIXES = (".jsonl", ".ndjson")
_FIELDS = ("title", "url", "published", "source", "id")
_BLOCK = 1 << 22
_BUCKET_SCHEMES = ("s3", "gs", "gcs")
_CHUNK_BYTES = 16 << 20
DEFAULT_PART_BYTES = 8 << 20

RECORDS = pa.schema(
    [
        pa.field("part", pa.string(), nullable=False),
        pa.field("seq", pa.int64(), nullable=False),
        pa.field("total", pa.int64(), nullable=False),
        pa.field("kind", pa.string(), nullable=False),
        pa.field("origin", pa.string(), nullable=False),
        pa.field("text", pa.string()),
        pa.field("raw", pa.binary()),
        pa.field("charset", pa.string()),
        pa.field("title", pa.string()),
        pa.field("url", pa.string()),
        pa.field("published", pa.string()),
        pa.field("source", pa.string()),
        pa.field("id", pa.string()),
        pa.field("error", pa.string()),
        pa.field("message", pa.string()),
    ]
)
"""Rows read from a part. ``kind`` is ``text`` (``text`` holds the article), ``html`` (``raw``
holds the page's bytes in ``charset``, or ``text`` the page as a string), ``error`` (``error``
and ``message`` say why the input at ``origin`` gave no article) or ``end`` (``total`` is the
number of rows of the part, this one included; ``-1`` on every other row)."""


@dataclass(frozen=True)
class Part:
    """One unit of a batch: a byte range of a JSONL file, a Parquet row group, a WARC file.

    ``root`` is the input location the filesystem is resolved from, ``path`` the file on that
    filesystem; ``start``/``end`` are bytes (JSONL), a row-group index range (Parquet) or the
    whole file. ``size`` and ``mtime_ns`` fingerprint the file: a part of a file that changed
    since it was finished is analysed again.
    """

    id: str
    root: str
    path: str
    format: str
    start: int
    end: int
    size: int
    mtime_ns: int
    order: int

    @property
    def uri(self) -> str:
        """The file as a user would name it (``s3://bucket/key``, ``/data/a.jsonl``)."""
        return display_uri(self.root, self.path)

    @property
    def fingerprint(self) -> str:
        return f"{self.size}:{self.mtime_ns}"

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Part:
        return cls(**{name: data[name] for name in cls.__dataclass_fields__})


def scheme_of(location: str) -> str:
    """The URI scheme of ``location`` (``s3``, ``gs``…), or ``""`` for a local path."""
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", location):
        return location.split("://", 1)[0].lower()
    return ""


@lru_cache(maxsize=16)
def _filesystem(base: str) -> pafs.FileSystem:
    filesystem, _ = pafs.FileSystem.from_uri(base)
    return filesystem


def resolve(location: str) -> tuple[pafs.FileSystem, str]:
    """The pyarrow filesystem and path of ``location`` (a local path or a URI).

    Raises:
        InputError: the URI's scheme is not supported or its filesystem cannot be reached.
    """
    scheme = scheme_of(location)
    if not scheme:
        return pafs.LocalFileSystem(), os.path.abspath(location)
    if scheme == "file":
        return pafs.LocalFileSystem(), urlparse(location).path
    parsed = urlparse(location)
    try:
        options = f"?{parsed.query}" if parsed.query else ""  # e.g. ?endpoint_override=… for MinIO
        filesystem = _filesystem(f"{scheme}://{parsed.netloc}{options}")
        if scheme in _BUCKET_SCHEMES:
            path = f"{parsed.netloc}{parsed.path}"
        else:
            _, path = pafs.FileSystem.from_uri(location)
    except (pa.ArrowException, ValueError, OSError) as error:
        raise InputError(f"cannot open this location: {error}", source=location) from error
    return filesystem, path.rstrip("/") or path


def display_uri(root: str, path: str) -> str:
    """``path`` on the filesystem of ``root``, written as a user would name it."""
    scheme = scheme_of(root)
    if not scheme or scheme == "file":
        return path
    if scheme in _BUCKET_SCHEMES:
        return f"{scheme}://{path}"
    return f"{scheme}://{urlparse(root).netloc}/{path.lstrip('/')}"


def input_format(name: str) -> str | None:
    """``jsonl``, ``parquet`` or ``warc`` from a file name, or None for other files."""
    lower = name.lower()
    stem = lower
    for suffix in _COMPRESSED:
        if lower.endswith(suffix):
            stem = lower[: -len(suffix)]
            break
    if stem.endswith(_JSONL_SUFFIXES):
        return JSONL
    if lower.endswith(".parquet"):
        return PARQUET
    if stem.endswith((".warc", ".arc", ".wet")):
        return WARC
    return None


def _compressed(name: str) -> bool:
    return name.lower().endswith(_COMPRESSED)


def _part_id(path: str, index: int, start: int, end: int) -> str:
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", path.rsplit("/", 1)[-1])[:40].strip("._") or "input"
    digest = hashlib.sha1(f"{path}|{start}|{end}".encode()).hexdigest()[:8]
    return f"{stem}-{index:05d}-{digest}"


def _files(location: str, exclude: str | None) -> tuple[pafs.FileSystem, list[pafs.FileInfo]]:
    filesystem, path = resolve(location)
    pattern = None
    if any(ch in path for ch in "*?["):
        pattern = path
        path = re.split(r"[*?\[]", path, maxsplit=1)[0].rsplit("/", 1)[0]
    try:
        info = filesystem.get_file_info(path)
        if info.type == pafs.FileType.File and pattern is None:
            return filesystem, [info]
        if info.type != pafs.FileType.Directory:
            raise InputError("no such file or folder", source=location)
        found = filesystem.get_file_info(pafs.FileSelector(path, recursive=True))
    except (OSError, pa.ArrowException) as error:
        raise InputError(f"cannot list this input: {error}", source=location) from error
    files = [
        f
        for f in found
        if f.type == pafs.FileType.File
        and input_format(f.base_name)
        and not f.base_name.startswith(("_", "."))
        and (pattern is None or fnmatch.fnmatch(f.path, pattern))
        and not (exclude and (f.path + "/").startswith(exclude.rstrip("/") + "/"))
    ]
    return filesystem, sorted(files, key=lambda f: f.path)


def plan(location: str, *, part_bytes: int = DEFAULT_PART_BYTES, exclude: str | None = None) -> list[Part]:
    """The parts of the batch input at ``location``, in a stable order.

    Args:
        location: a file, a folder (searched recursively for .jsonl, .parquet and .warc files,
            compressed or not), or a glob such as ``s3://bucket/crawl/*.warc.gz``.
        part_bytes: the size of the byte ranges JSONL files are cut into.
        exclude: a folder on the same filesystem whose files are never input (the output).

    Raises:
        InputError: the location does not exist, cannot be listed, holds no input file, or is
            a single file of a format batch does not read.
    """
    filesystem, files = _files(location, exclude)
    if not files:
        raise InputError(
            "holds no batch input (expected .jsonl, .parquet or .warc files, optionally compressed)",
            source=location,
        )
    parts: list[Part] = []
    for info in files:
        fmt = input_format(info.base_name)
        if fmt is None:
            raise InputError(
                "is not a batch input format (expected .jsonl, .parquet, .warc or .warc.gz)",
                source=location,
            )
        size = info.size or 0
        mtime_ns = info.mtime_ns or 0
        ranges: list[tuple[int, int]]
        if fmt == JSONL and not _compressed(info.base_name):
            step = max(1, part_bytes)
            ranges = [(start, min(start + step, size)) for start in range(0, size, step)] or [(0, 0)]
        elif fmt == PARQUET:
            try:
                with filesystem.open_input_file(info.path) as handle:
                    groups = pq.ParquetFile(handle).metadata.num_row_groups
            except (OSError, pa.ArrowException):
                groups = 1  # reading it reports the problem as an error row
            ranges = [(group, group + 1) for group in range(groups)] or [(0, 0)]
        else:
            ranges = [(0, size)]
        for index, (start, end) in enumerate(ranges):
            parts.append(
                Part(
                    id=_part_id(info.path, index, start, end),
                    root=location,
                    path=info.path,
                    format=fmt,
                    start=start,
                    end=end,
                    size=size,
                    mtime_ns=mtime_ns,
                    order=len(parts),
                )
            )
    return parts


# -- reading ------------------------------------------------------------------------------


def _error(origin: str, error: BaseException | str, kind: str = "InputError") -> dict[str, Any]:
    if isinstance(error, InputError):
        return {"kind": "error", "origin": origin, "error": type(error).__name__, "message": error.reason}
    if isinstance(error, BaseException):
        return {"kind": "error", "origin": origin, "error": type(error).__name__, "message": str(error)}
    return {"kind": "error", "origin": origin, "error": kind, "message": error}


def _lines(stream: Any, pos: int, end: int | None, skip_partial: bool) -> Iterator[tuple[int, bytes]]:
    """``(offset, line)`` for each line that starts before ``end``, reading from ``pos``."""
    buf = b""
    cursor = 0
    if skip_partial:  # the line under way at ``pos`` belongs to the previous part
        while True:
            block = stream.read(_BLOCK)
            if not block:
                return
            index = block.find(b"\n")
            if index >= 0:
                buf, cursor = block, index + 1
                break
            pos += len(block)
    while True:
        if end is not None and pos + cursor >= end:
            return
        index = buf.find(b"\n", cursor)
        if index < 0:
            block = stream.read(_BLOCK)
            if not block:
                if cursor < len(buf):
                    yield pos + cursor, buf[cursor:]
                return
            pos += cursor
            buf, cursor = buf[cursor:] + block, 0
            continue
        yield pos + cursor, buf[cursor:index]
        cursor = index + 1


def _check_text(text: str, origin: str, max_bytes: int, size_hint: int) -> None:
    if not text.strip():
        raise InputError("no text (the input is empty or only white space)", source=origin)
    if size_hint > max_bytes and len(text.encode("utf-8")) > max_bytes:
        size = len(text.encode("utf-8"))
        raise InputError(
            f"too large for one article ({size / 1e6:.1f} MB > {max_bytes / 1e6:.1f} MB); split it, "
            "or raise [input] max_bytes in marsad.toml",
            source=origin,
        )


_JSON = msgspec.json.Decoder()


def _jsonl_record(line: bytes, origin: str, max_bytes: int) -> dict[str, Any]:
    try:
        record = _JSON.decode(line)
    except msgspec.DecodeError as error:
        raise InputError(f"not valid JSON ({error})", source=origin) from None
    if not isinstance(record, dict):
        raise InputError('a JSONL record must be an object with a "text" (or "html") string', source=origin)
    text, html = record.get("text"), record.get("html")
    body = text if isinstance(text, str) else html
    if not isinstance(body, str):
        raise InputError('a JSONL record must be an object with a "text" (or "html") string', source=origin)
    bad = [k for k in _FIELDS if record.get(k) is not None and not isinstance(record[k], str)]
    if bad:
        raise InputError(f"field(s) {', '.join(bad)} must be strings", source=origin)
    _check_text(body, origin, max_bytes, len(line))
    row = {k: record.get(k) for k in _FIELDS}
    row.update(origin=origin, kind="text" if isinstance(text, str) else "html", text=body)
    return row


def _read_jsonl(part: Part, filesystem: pafs.FileSystem, max_bytes: int) -> Iterator[dict[str, Any]]:
    uri = part.uri
    if _compressed(part.path):
        with filesystem.open_input_stream(part.path, compression="detect") as stream:
            lines = _lines(stream, 0, None, False)
            yield from _jsonl_rows(lines, uri, max_bytes)
        return
    with filesystem.open_input_file(part.path) as handle:
        if part.start > 0:
            handle.seek(part.start - 1)
        lines = _lines(handle, max(part.start - 1, 0), part.end, part.start > 0)
        yield from _jsonl_rows(lines, uri, max_bytes)


def _jsonl_rows(lines: Iterator[tuple[int, bytes]], uri: str, max_bytes: int) -> Iterator[dict[str, Any]]:
    for offset, line in lines:
        if offset == 0 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        if not line.strip():
            continue
        origin = f"{uri}@{offset}"
        try:
            yield _jsonl_record(line.rstrip(b"\r"), origin, max_bytes)
        except InputError as error:
            yield _error(origin, error)


def _as_text(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def _read_parquet(part: Part, filesystem: pafs.FileSystem, max_bytes: int) -> Iterator[dict[str, Any]]:
    uri = part.uri
    with filesystem.open_input_file(part.path) as handle:
        reader = pq.ParquetFile(handle)
        names = set(reader.schema_arrow.names)
        if "text" not in names and "html" not in names:
            raise InputError('has no "text" (or "html") column; a batch Parquet input needs one', source=uri)
        columns = [name for name in ("text", "html", *_FIELDS) if name in names]
        metadata = reader.metadata
        first_row = sum(metadata.row_group(g).num_rows for g in range(min(part.start, metadata.num_row_groups)))
        if part.start >= metadata.num_row_groups:
            return
        table = reader.read_row_group(part.start, columns=columns)
    row_number = first_row
    for batch in table.to_batches(max_chunksize=1024):
        for record in batch.to_pylist():
            origin = f"{uri}#{row_number}"
            row_number += 1
            text, html = record.get("text"), record.get("html")
            if isinstance(html, bytes):
                html = html.decode("utf-8", errors="replace")
            body = text if isinstance(text, str) else html
            try:
                if not isinstance(body, str):
                    raise InputError('the row has no "text" (or "html") string', source=origin)
                _check_text(body, origin, max_bytes, len(body) * 4)
            except InputError as error:
                yield _error(origin, error)
                continue
            row = {k: _as_text(record.get(k)) for k in _FIELDS}
            row.update(origin=origin, kind="text" if isinstance(text, str) else "html", text=body)
            yield row


_HTML_TYPES = {"text/html", "application/xhtml+xml"}


def _content_type(value: str | None) -> tuple[str, str | None]:
    if not value:
        return "", None
    mime, _, params = value.partition(";")
    match = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", params, re.IGNORECASE)
    return mime.strip().lower(), match.group(1) if match else None


def _read_warc(part: Part, filesystem: pafs.FileSystem, max_bytes: int) -> Iterator[dict[str, Any]]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    from marsad.ingest.decode import decode

    uri = part.uri
    # warcio undoes the per-record gzip itself, which keeps offsets in the file's own bytes.
    with filesystem.open_input_stream(part.path, compression=None) as stream:
        records = ArchiveIterator(stream)
        try:
            for record in records:
                if record.rec_type == "response":
                    if record.http_headers is None:
                        continue
                    status = record.http_headers.get_statuscode() or ""
                    if not status.startswith("2"):
                        continue  # redirects and error pages are not articles
                    header = record.http_headers.get_header("Content-Type")
                elif record.rec_type in ("resource", "conversion"):
                    header = record.rec_headers.get_header("Content-Type")
                else:
                    continue
                mime, charset = _content_type(header)
                if record.rec_type == "conversion" and not mime:
                    mime = "text/plain"
                if mime not in _HTML_TYPES and mime != "text/plain":
                    continue  # images, scripts, PDFs: not articles
                payload = record.content_stream().read()
                origin = f"{uri}@{records.get_record_offset()}"  # after the read: it skips the rest
                url = record.rec_headers.get_header("WARC-Target-URI")
                try:
                    if len(payload) > max_bytes:
                        raise InputError(
                            f"too large for one article ({len(payload) / 1e6:.1f} MB > {max_bytes / 1e6:.1f} MB)",
                            source=origin,
                        )
                    if mime in _HTML_TYPES:
                        yield {"kind": "html", "origin": origin, "raw": payload, "charset": charset, "url": url}
                        continue
                    text = decode(payload, declared=charset, source=origin)
                    _check_text(text, origin, max_bytes, 0)
                except InputError as error:
                    yield _error(origin, error)
                    continue
                yield {"kind": "text", "origin": origin, "text": text, "url": url}
        except ArchiveLoadFailed as error:
            offset = records.get_record_offset()
            yield _error(f"{uri}@{offset}", f"not a readable WARC record ({error}); the rest of the file is skipped")


_READERS = {JSONL: _read_jsonl, PARQUET: _read_parquet, WARC: _read_warc}


def _rows(part: Part, max_bytes: int) -> Iterator[dict[str, Any]]:
    try:
        filesystem, _ = resolve(part.root)
        yield from _READERS[part.format](part, filesystem, max_bytes)
    except InputError as error:
        yield _error(part.uri, error)
    except (OSError, pa.ArrowException, ValueError) as error:
        yield _error(part.uri, f"cannot be read: {error}", kind=type(error).__name__)


def read_part(part: Part, *, max_bytes: int, chunk_rows: int = 256) -> Iterator[pa.Table]:
    """The :data:`RECORDS` of ``part`` in tables of at most ``chunk_rows`` rows; the last
    table ends with the part's ``end`` row. Bad inputs become error rows, never exceptions."""
    rows: list[dict[str, Any]] = []
    size = 0
    seq = 0
    for row in _rows(part, max_bytes):
        row.update(part=part.id, seq=seq, total=-1)
        seq += 1
        rows.append(row)
        size += len(row.get("text") or "") * 2 + len(row.get("raw") or b"")
        if len(rows) >= chunk_rows or size >= _CHUNK_BYTES:
            yield pa.Table.from_pylist(rows, schema=RECORDS)
            rows, size = [], 0
    rows.append({"part": part.id, "seq": seq, "total": seq + 1, "kind": "end", "origin": part.uri})
    yield pa.Table.from_pylist(rows, schema=RECORDS)
