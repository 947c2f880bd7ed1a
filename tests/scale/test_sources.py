"""Batch inputs: every record read exactly once whatever the cut, bad inputs as error rows."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from io import BytesIO
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marsad.errors import InputError
from marsad.scale.sources import display_uri, input_format, plan, read_part, resolve
from tests.scale.conftest import BAD_INPUTS, BadInput

MAX = 5 * 1024 * 1024
SENTENCES = (
    "أعلنت وزارة الخارجية الأردنية، الأحد، أن الوزير أيمن الصفدي سيزور بغداد مطلع الشهر المقبل.",
    "وقال الناطق باسم الوزارة إن الزيارة تأتي في إطار التنسيق المستمر.",
    "وأضاف أن البلدين وقعا العام الماضي 12 اتفاقية بقيمة نحو 1.5 مليار دولار.",
    "Reuters reported the talks in English.",
)


def rows(location: str, part_bytes: int = 8 << 20) -> list[dict]:
    found = []
    for part in plan(location, part_bytes=part_bytes):
        for table in read_part(part, max_bytes=MAX, chunk_rows=3):
            found += table.to_pylist()
    return found


def records(location: str, part_bytes: int = 8 << 20) -> list[dict]:
    return [r for r in rows(location, part_bytes) if r["kind"] != "end"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    texts=st.lists(st.sampled_from(SENTENCES).flatmap(lambda s: st.integers(1, 3).map(lambda n: " ".join([s] * n))), min_size=1, max_size=12),
    blank_every=st.integers(2, 5),
    crlf=st.booleans(),
    trailing_newline=st.booleans(),
    part_bytes=st.integers(1, 2000),
)
def test_sources_jsonl_parts_hold_every_line_exactly_once(
    tmp_path: Path, texts: list[str], blank_every: int, crlf: bool, trailing_newline: bool, part_bytes: int
) -> None:
    path = tmp_path / f"cut-{part_bytes}.jsonl"
    newline = b"\r\n" if crlf else b"\n"
    expected = []
    data = b""
    for index, text in enumerate(texts):
        if index % blank_every == 1:
            data += newline
        expected.append((f"{path}@{len(data)}", text))
        data += json.dumps({"text": text, "id": str(index)}, ensure_ascii=False).encode() + newline
    if not trailing_newline:
        data = data[: -len(newline)]
    path.write_bytes(data)
    found = [(r["origin"], r["text"]) for r in records(str(path), part_bytes)]
    assert found == expected


def test_sources_jsonl_parts_end_with_their_row_count(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join(json.dumps({"text": s}, ensure_ascii=False) for s in SENTENCES) + "\n", encoding="utf-8")
    parts = plan(str(path), part_bytes=200)
    assert len(parts) > 1
    for part in parts:
        found = [row for table in read_part(part, max_bytes=MAX, chunk_rows=2) for row in table.to_pylist()]
        assert found[-1]["kind"] == "end" and found[-1]["total"] == len(found)
        assert [row["seq"] for row in found] == list(range(len(found)))
        assert all(row["total"] == -1 for row in found[:-1])


@pytest.mark.parametrize("bad", [b for b in BAD_INPUTS if b.stage == "read"], ids=lambda b: b.message)
def test_sources_bad_jsonl_lines_become_error_rows(tmp_path: Path, bad: BadInput) -> None:
    path = tmp_path / "bad.jsonl"
    good = json.dumps({"text": SENTENCES[0]}, ensure_ascii=False).encode()
    path.write_bytes(good + b"\n" + bad.line + b"\n" + good + b"\n")
    found = records(str(path))
    assert [r["kind"] for r in found] == ["text", "error", "text"]
    assert found[1]["origin"] == f"{path}@{len(good) + 1}"
    assert found[1]["error"] == bad.error and bad.message in found[1]["message"]


def test_sources_jsonl_record_over_the_size_limit_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps({"text": SENTENCES[0] * 100}, ensure_ascii=False) + "\n", encoding="utf-8")
    (part,) = plan(str(path))
    (row, _end) = next(iter(read_part(part, max_bytes=1000))).to_pylist()
    assert row["kind"] == "error" and "too large" in row["message"]


def test_sources_compressed_jsonl_is_one_part(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl.gz"
    path.write_bytes(gzip.compress("\n".join(json.dumps({"text": s}, ensure_ascii=False) for s in SENTENCES).encode()))
    assert len(plan(str(path), part_bytes=10)) == 1
    assert [r["text"] for r in records(str(path))] == list(SENTENCES)


def test_sources_parquet_gives_a_part_per_row_group(tmp_path: Path) -> None:
    path = tmp_path / "articles.parquet"
    table = pa.table(
        {
            "text": [SENTENCES[0], None, SENTENCES[1], SENTENCES[2], "   "],
            "id": pa.array([1, 2, 3, 4, 5], pa.int64()),
            "published": pa.array([None, None, dt.date(2023, 1, 2), None, None], pa.date32()),
            "extra": ["x"] * 5,
        }
    )
    pq.write_table(table, path, row_group_size=2)
    assert [(p.start, p.end) for p in plan(str(path))] == [(0, 1), (1, 2), (2, 3)]
    found = records(str(path))
    assert [r["origin"] for r in found] == [f"{path}#{n}" for n in range(5)]
    assert [r["kind"] for r in found] == ["text", "error", "text", "text", "error"]
    assert found[0]["id"] == "1" and found[2]["published"] == "2023-01-02"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (pa.table({"body": ["نص"]}), 'has no "text"'),
        (b"PAR1 this is not a parquet file", "cannot be read"),
    ],
)
def test_sources_unreadable_parquet_is_one_error_row(tmp_path: Path, content: object, message: str) -> None:
    path = tmp_path / "broken.parquet"
    if isinstance(content, pa.Table):
        pq.write_table(content, path)
    else:
        path.write_bytes(content)  # type: ignore[arg-type]
    (row,) = records(str(path))
    assert row["kind"] == "error" and row["origin"] == str(path) and message in row["message"]


def warc(records_: list[tuple[str, str, str, bytes, str]]) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for kind, url, status, payload, content_type in records_:
        if kind == "response":
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=BytesIO(payload), http_headers=headers)
        else:
            record = writer.create_warc_record(url, kind, payload=BytesIO(payload), warc_content_type=content_type)
        writer.write_record(record)
    return buffer.getvalue()


def test_sources_warc_keeps_pages_and_text_only(tmp_path: Path) -> None:
    from warcio.archiveiterator import ArchiveIterator

    page = f"<html><body><p>{SENTENCES[0]}</p></body></html>".encode("cp1256")
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(
        warc(
            [
                ("response", "https://news.example/a", "200 OK", page, "text/html; charset=windows-1256"),
                ("response", "https://news.example/old", "301 Moved Permanently", b"", "text/html"),
                ("response", "https://news.example/logo.png", "200 OK", b"\x89PNG....", "image/png"),
                ("request", "https://news.example/a", "", b"GET /a HTTP/1.1\r\n\r\n", "application/http; msgtype=request"),
                ("resource", "https://news.example/b.txt", "", SENTENCES[1].encode("utf-8"), "text/plain"),
                ("conversion", "https://news.example/c", "", SENTENCES[2].encode("utf-8"), "text/plain"),
            ]
        )
    )
    found = records(str(path))
    assert [(r["kind"], r["url"]) for r in found] == [
        ("html", "https://news.example/a"),
        ("text", "https://news.example/b.txt"),
        ("text", "https://news.example/c"),
    ]
    assert found[0]["raw"] == page and found[0]["charset"] == "windows-1256"
    assert [r["text"] for r in found[1:]] == list(SENTENCES[1:3])
    for row in found:  # the origin's offset is where the record starts: a reader can seek to it
        with path.open("rb") as handle:
            handle.seek(int(row["origin"].rsplit("@", 1)[1]))
            record = next(iter(ArchiveIterator(handle)))
            assert record.rec_headers.get_header("WARC-Target-URI") == row["url"]


def test_sources_folder_glob_and_exclusion(tmp_path: Path) -> None:
    (tmp_path / "2023").mkdir()
    (tmp_path / "2023" / "a.jsonl").write_text(json.dumps({"text": SENTENCES[0]}, ensure_ascii=False) + "\n", encoding="utf-8")
    (tmp_path / "2023" / "b.ndjson").write_text(json.dumps({"text": SENTENCES[1]}, ensure_ascii=False) + "\n", encoding="utf-8")
    (tmp_path / "2023" / "notes.txt").write_text("ignored", encoding="utf-8")
    (tmp_path / "2023" / "_SUCCESS.jsonl").write_text("", encoding="utf-8")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "c.jsonl").write_text(json.dumps({"text": SENTENCES[2]}, ensure_ascii=False) + "\n", encoding="utf-8")
    assert [p.path for p in plan(str(tmp_path), exclude=str(tmp_path / "out"))] == [str(tmp_path / "2023" / "a.jsonl"), str(tmp_path / "2023" / "b.ndjson")]
    assert [p.path for p in plan(str(tmp_path / "2023" / "*.jsonl"))] == [str(tmp_path / "2023" / "a.jsonl")]
    assert [p.path for p in plan(f"file://{tmp_path}/2023")] == [p.path for p in plan(str(tmp_path / "2023"))]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a.jsonl", "jsonl"),
        ("a.JSONL.gz", "jsonl"),
        ("a.ndjson.zst", "jsonl"),
        ("a.parquet", "parquet"),
        ("CC-NEWS-20240101.warc.gz", "warc"),
        ("CC-MAIN-20240101.warc.wet.gz", "warc"),
        ("crawl.warc", "warc"),
        ("a.txt", None),
    ],
)
def test_sources_input_format_from_name(name: str, expected: str | None) -> None:
    assert input_format(name) == expected


@pytest.mark.parametrize("name", ["missing.jsonl", "notes.txt", "empty"])
def test_sources_plan_reports_what_it_cannot_read(tmp_path: Path, name: str) -> None:
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError) as caught:
        plan(str(tmp_path / name))
    assert str(tmp_path / name) in caught.value.message


@pytest.mark.parametrize(
    ("location", "path", "shown"),
    [
        ("s3://news-archive/crawl/2023?region=us-east-1&endpoint_override=127.0.0.1:9&scheme=http", "news-archive/crawl/2023", "s3://news-archive/crawl/2023"),
        ("file:///data/crawl/a.jsonl", "/data/crawl/a.jsonl", "/data/crawl/a.jsonl"),
        ("relative/a.jsonl", str(Path("relative/a.jsonl").resolve()), str(Path("relative/a.jsonl").resolve())),
    ],
)
def test_sources_resolve_locations_without_touching_them(location: str, path: str, shown: str) -> None:
    filesystem, resolved = resolve(location)
    assert resolved == path
    assert display_uri(location, resolved) == shown
    assert type(filesystem).__name__ == ("S3FileSystem" if location.startswith("s3") else "LocalFileSystem")
