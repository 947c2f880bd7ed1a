"""``run_batch``: resuming, refusing to mix outputs, mixed input formats in one run."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq
import pytest

import marsad
from marsad.errors import ConfigError, InputError
from marsad.ingest.html import extract_html
from marsad.scale import read_documents, read_errors, run_batch
from marsad.scale.sources import resolve
from marsad.settings import load_settings
from tests.scale.conftest import SOURCE, Archive, FixtureArticle, analysed_one_by_one
from tests.scale.test_local import check_output

PART_BYTES = 9_000


def files_with_mtimes(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file() and "_runs" not in p.parts}


def test_runner_rerun_skips_finished_parts(tmp_path: Path, archive: Archive) -> None:
    output = tmp_path / "out"
    first = run_batch(str(archive.path), str(output), workers=1, part_bytes=PART_BYTES)
    assert first.parts > 1 and first.parts_finished == first.parts
    before = files_with_mtimes(output)
    again = run_batch(str(archive.path), str(output), workers=1, part_bytes=PART_BYTES)
    assert (again.parts_skipped, again.parts_finished, again.parts_unfinished) == (first.parts, 0, 0)
    assert (again.documents, again.errors) == (first.documents, first.errors)
    assert files_with_mtimes(output) == before, "a finished part was written again"
    assert len(list((output / "_runs").iterdir())) == 2
    check_output(output, archive)


def test_runner_redoes_an_unfinished_part_without_duplicates(tmp_path: Path, archive: Archive) -> None:
    output = tmp_path / "out"
    first = run_batch(str(archive.path), str(output), workers=1, batch_size=2, part_bytes=PART_BYTES)
    # The state a crash leaves: a part's files are (partly) written, its marker is not.
    marker = sorted((output / "_parts").iterdir())[1]
    lost = json.loads(marker.read_text(encoding="utf-8"))
    marker.unlink()
    stray = output / "documents" / f"{lost['part']['id']}-000009999.parquet"
    stray.write_bytes(b"PAR1 half-written")
    assert len(list(read_documents(str(output)))) == first.documents - lost["documents"]
    again = run_batch(str(archive.path), str(output), workers=1, batch_size=2, part_bytes=PART_BYTES)
    assert (again.parts_finished, again.parts_skipped) == (1, first.parts - 1)
    assert not stray.exists()
    check_output(output, archive)


def test_runner_redoes_parts_of_a_changed_file(tmp_path: Path, archive: Archive) -> None:
    output = tmp_path / "out"
    run_batch(str(archive.path), str(output), workers=1, part_bytes=PART_BYTES)
    extra = FixtureArticle("late-001", "أعلنت وزارة الصحة، مساء الأحد، تسجيل 12 إصابة جديدة في محافظة البصرة.", "2023-04-02", None)
    with archive.path.open("ab") as handle:
        record = {"id": extra.id, "text": extra.text, "published": extra.published, "source": SOURCE}
        handle.write(json.dumps(record, ensure_ascii=False).encode() + b"\n")
    os.utime(archive.path, ns=(archive.path.stat().st_atime_ns, archive.path.stat().st_mtime_ns + 10**9))
    again = run_batch(str(archive.path), str(output), workers=1, part_bytes=PART_BYTES)
    assert again.parts_skipped == 0
    docs = list(read_documents(str(output)))
    assert len(docs) == len({d.id for d in docs}) == len(archive.articles) + 1
    assert {d.id: d for d in docs}["late-001"] == analysed_one_by_one([extra])["late-001"]


def test_runner_refuses_to_mix_pipelines(tmp_path: Path, archive: Archive) -> None:
    output = tmp_path / "out"
    run_batch(str(archive.path), str(output), workers=1)
    shorter = load_settings()
    shorter = type(shorter)(
        pipeline=shorter.pipeline[:-1],
        store_path=shorter.store_path,
        max_input_bytes=shorter.max_input_bytes,
        component_options=shorter.component_options,
    )
    with pytest.raises(ConfigError, match="made by another pipeline"):
        run_batch(str(archive.path), str(output), workers=1, settings=shorter)


def test_runner_refuses_another_input_or_a_foreign_folder(tmp_path: Path, archive: Archive) -> None:
    output = tmp_path / "out"
    run_batch(str(archive.path), str(output), workers=1)
    other = tmp_path / "other.jsonl"
    other.write_text(json.dumps({"text": "وصل الوفد إلى عمّان."}, ensure_ascii=False) + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="holds the batch output of"):
        run_batch(str(other), str(output), workers=1)
    foreign = tmp_path / "notes"
    foreign.mkdir()
    (foreign / "todo.txt").write_text("x", encoding="utf-8")
    with pytest.raises(ConfigError, match="not empty and not a batch output"):
        run_batch(str(other), str(foreign), workers=1)


@pytest.mark.parametrize("bad", ["missing.jsonl", "notes.txt", "empty-folder"])
def test_runner_reports_inputs_it_cannot_read(tmp_path: Path, bad: str) -> None:
    (tmp_path / "notes.txt").write_text("ليس أرشيفا", encoding="utf-8")
    (tmp_path / "empty-folder").mkdir()
    with pytest.raises(InputError):
        run_batch(str(tmp_path / bad), str(tmp_path / "out"), workers=1)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("option", "value"), [("batch_size", 0), ("workers", 0), ("engine", "spark")])
def test_runner_rejects_bad_options(tmp_path: Path, archive: Archive, option: str, value: object) -> None:
    with pytest.raises(ConfigError):
        run_batch(str(archive.path), str(tmp_path / "out"), **{option: value})  # type: ignore[arg-type]


HTML_PAGE = """<html><head><meta charset="windows-1256"><title>{title}</title>
<meta property="article:published_time" content="2023-06-01T09:00:00+03:00"></head>
<body><nav>الرئيسية | سياسة | اقتصاد</nav><article><h1>{title}</h1>{body}</article>
<footer>جميع الحقوق محفوظة</footer></body></html>"""


def warc_file(path: Path, pages: list[tuple[str, str]]) -> None:
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for url, html in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=windows-1256")], protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=BytesIO(html.encode("cp1256")), http_headers=headers)
            writer.write_record(record)


def test_runner_reads_a_folder_of_jsonl_parquet_and_warc(tmp_path: Path, articles: list[FixtureArticle]) -> None:
    folder = tmp_path / "crawl"
    folder.mkdir()
    half = len(articles) // 2
    with (folder / "a.jsonl").open("w", encoding="utf-8") as handle:
        for a in articles[:half]:
            handle.write(json.dumps({"id": a.id, "text": a.text, "published": a.published, "title": a.title, "source": SOURCE}, ensure_ascii=False) + "\n")
    rest = articles[half:]
    table = pa.table(
        {
            "id": [a.id for a in rest],
            "text": [a.text for a in rest],
            "published": [a.published for a in rest],
            "title": [a.title for a in rest],
            "source": [SOURCE] * len(rest),
        }
    )
    pq.write_table(table, folder / "b.parquet", row_group_size=max(1, len(rest) // 3))
    paragraphs = [p for p in articles[0].text.split("\n\n") if len(p) > 80][:3]
    pages = [
        (f"https://news.example/{n}", HTML_PAGE.format(title=f"خبر رقم {n}", body="".join(f"<p>{p}</p>" for p in paragraphs[n:])))
        for n in range(2)
    ]
    warc_file(folder / "c.warc.gz", pages)
    output = folder / "out"  # inside the input folder: must never be read as input
    first = run_batch(str(folder), str(output), workers=2, batch_size=5)
    second = run_batch(str(folder), str(output), workers=2, batch_size=5)
    assert second.parts == first.parts and second.parts_skipped == first.parts
    docs = {d.id: d for d in read_documents(str(output))}
    assert list(read_errors(str(output))) == []
    expected = analysed_one_by_one(articles)
    for url, html in pages:  # as `marsad analyze` treats a page: extracted, then analysed
        page = extract_html(html, origin=url, url=url)
        assert page.source == "news.example" and page.published == "2023-06-01"
        doc = marsad.analyse(page.text, published=page.published, title=page.title, url=page.url, source=page.source)
        expected[doc.id] = doc
    assert docs.keys() == expected.keys()
    for doc_id, doc in expected.items():
        assert docs[doc_id] == doc, doc_id


@pytest.fixture
def s3(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A local S3 endpoint (moto); yields the query that points s3:// URIs at it."""
    server_module = pytest.importorskip("moto.server", reason="S3 tests need moto[server] (the test extra)")
    for name, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "us-east-1"}.items():
        monkeypatch.setenv(name, value)
    server = server_module.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    admin = pafs.S3FileSystem(endpoint_override=f"{host}:{port}", scheme="http", region="us-east-1", allow_bucket_creation=True)
    admin.create_dir("news-archive")
    yield f"?endpoint_override={host}:{port}&scheme=http&region=us-east-1"
    server.stop()


def test_runner_reads_and_writes_s3(s3: str, tmp_path: Path, archive: Archive) -> None:
    uri = "s3://news-archive/crawl/2023/archive.jsonl"
    filesystem, path = resolve(uri + s3)
    with filesystem.open_output_stream(path) as stream:
        stream.write(archive.path.read_bytes())
    first = run_batch(f"s3://news-archive/crawl/{s3}", f"s3://news-archive/out.parquet{s3}", workers=2, batch_size=4, part_bytes=PART_BYTES)
    assert first.parts > 1 and first.parts_finished == first.parts and not first.failures
    check_output(f"s3://news-archive/out.parquet{s3}", archive, input_uri=uri)
    again = run_batch(f"s3://news-archive/crawl/{s3}", f"s3://news-archive/out.parquet{s3}", workers=2, batch_size=4, part_bytes=PART_BYTES)
    assert again.parts_skipped == first.parts
