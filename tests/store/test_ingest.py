"""``ingest`` end to end: every source type into the store, idempotent, resumable after kill -9."""

from __future__ import annotations

import gc
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from ingest.conftest import Reply, Site, site  # noqa: F401 (the fixture)
from ingest.pages import PARAGRAPHS, article_page, feed
from ingest.test_warc import write_warc

from marsad.document import Document
from marsad.ingest.fetch import FetchPolicy
from marsad.pipeline import load_pipeline
from marsad.store import Store
from marsad.store.db import unpack
from marsad.store.ingest import ingest

TEXT = "\n\n".join(PARAGRAPHS)
WORDS = ["أعلنت", "وزارة", "الداخلية", "الحكومة", "البرلمان", "المحافظة", "اللجنة", "الأمنية", "اجتماعا", "موسعا", "بحث", "خطة", "جديدة", "لتطوير", "الخدمات", "في", "المدن", "وقال", "المتحدث", "إن", "العمل", "سيبدأ", "الشهر", "المقبل", "بمشاركة", "شركات", "محلية", "ودولية", "وأضاف", "أن", "الميزانية", "تبلغ", "ملايين", "الدولارات", "وأكد", "مسؤولون", "أن", "المشروع", "يشمل", "الطرق", "والمدارس", "والمستشفيات", "ومحطات", "المياه", "والكهرباء", "في", "الأحياء", "الشعبية"]


@pytest.fixture
def pipeline():  # type: ignore[no-untyped-def]
    return load_pipeline(["clean", "sentences", "tokens"])


def synthetic(count: int, seed: int = 7) -> list[dict[str, str]]:
    """Distinct article records: sentences drawn from a pool of news words."""
    rng = random.Random(seed)
    records = []
    for n in range(count):
        sentences = [" ".join(rng.choices(WORDS, k=rng.randint(12, 20))) + "." for _ in range(6)]
        records.append({"text": "\n\n".join(sentences), "id": f"syn-{n}", "published": f"2021-{1 + n % 12:02d}-{1 + n % 28:02d}"})
    return records


def test_ingest_every_local_source_type(tmp_path: Path, pipeline) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes(TEXT.encode("cp1256"))
    (folder / "b.html").write_text(article_page(), encoding="utf-8")
    (folder / "c.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in synthetic(3)) + "\n{broken\n", encoding="utf-8")
    (folder / "d.xml").write_text(feed([{"title": "خبر", "link": "https://rafidain.example/f/1",
                                         "pubDate": "Wed, 10 Nov 2021 10:00:00 +0300", "content": "<p>" + "</p><p>".join(reversed(PARAGRAPHS)) + "</p>"}]),
                                  encoding="utf-8")
    write_warc(folder / "e.warc.gz", gzip=True)
    (folder / "empty.txt").write_text("", encoding="utf-8")
    db = tmp_path / "m.db"
    report = ingest([str(folder)], db=db, pipeline=pipeline, fetch=False)
    # a.txt, b.html and e.warc.gz hold the same article: one stored, two exact copies; the
    # feed's article has its paragraphs in another order: a near copy, stored in the same group.
    assert (report.counts["added"], report.counts["duplicate"], report.failed) == (5, 2, 3)
    store = Store(db)
    origins = {r.origin.replace(f"{folder}/", "") for r in store.errors()}
    assert origins == {"c.jsonl:4", "empty.txt", "e.warc.gz#https://rafidain.example/menu"}
    html = [a for a in store.articles(limit=20) if a.url == "https://rafidain.example/a/1"]
    assert html and store.article(html[0].id).raw is not None
    again = ingest([str(folder)], db=db, pipeline=pipeline, fetch=False)
    assert (again.counts["added"], again.counts["duplicate"], again.counts["unchanged"]) == (0, 0, 7)
    feed_article = next(a for a in store.articles(limit=20) if a.url == "https://rafidain.example/f/1")
    assert store.article(feed_article.id).near_duplicates


def test_ingest_changed_file_is_a_revision(tmp_path: Path, pipeline) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "story.txt"
    path.write_text(TEXT, encoding="utf-8")
    db = tmp_path / "m.db"
    ingest([str(path)], db=db, pipeline=pipeline, fetch=False)
    path.write_text(TEXT.replace("الثلاثاء", "الأربعاء"), encoding="utf-8")
    report = ingest([str(path)], db=db, pipeline=pipeline, fetch=False)
    assert report.counts["revised"] == 1
    record = Store(db).article(2)
    assert record.revisions == [1, 2] and "الأربعاء" in record.document.text


def test_ingest_feed_over_http(tmp_path: Path, site: Site, pipeline) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    site.route("/robots.txt", Reply(200, b"User-agent: *\nAllow: /\n"))
    page = Reply(200, article_page().encode("utf-8"), {"Content-Type": "text/html; charset=utf-8", "ETag": '"v1"'})
    site.route("/a/1", page)
    items = [{"title": "عنوان", "link": site.base + "/a/1", "pubDate": "Tue, 09 Nov 2021 10:00:00 +0300", "description": "ملخص."},
             {"title": "مفقود", "link": site.base + "/a/404", "pubDate": "Tue, 09 Nov 2021 11:00:00 +0300", "description": "ملخص."}]
    feed_url = site.route("/rss", Reply(200, feed(items).encode("utf-8"), {"Content-Type": "application/rss+xml"}))
    db = tmp_path / "m.db"
    policy = FetchPolicy(retries=0, min_delay=0.0, jitter=False)
    report = ingest([feed_url], db=db, pipeline=pipeline, fetch_policy=policy)
    assert (report.added, report.failed) == (1, 1)
    assert Store(db).errors()[0].kind == "fetch" and "HTTP 404" in Store(db).errors()[0].reason
    again = ingest([feed_url], db=db, pipeline=pipeline, fetch_policy=policy)
    assert again.counts["unchanged"] == 1 and site.hits("/a/1") == 1  # a known entry is not fetched again
    site.route("/a/1", Reply(304, b""))
    refreshed = ingest([site.base + "/a/1"], db=db, pipeline=pipeline, fetch_policy=policy)
    assert refreshed.counts["unchanged"] == 1
    assert site.requests[-1][1].get("if-none-match") == '"v1"'


def _marsad(*args: str) -> list[str]:
    return [sys.executable, "-c", "import sys; from marsad.cli import main; sys.argv[0] = 'marsad'; main()", *args]


@pytest.mark.slow
def test_ingest_survives_kill_9_and_resumes(tmp_path: Path) -> None:
    total, batch = 600, 10
    source = tmp_path / "wire.jsonl"
    source.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in synthetic(total)) + "\n", encoding="utf-8")
    db = tmp_path / "m.db"
    command = _marsad("ingest", str(source), "--db", str(db), "--batch", str(batch), "--no-fetch", "--quiet")
    # The text layer only: this test is about the store, whatever the extractors do.
    config = tmp_path / "marsad.toml"
    config.write_text('[pipeline]\ncomponents = ["clean", "sentences", "tokens"]\n', encoding="utf-8")
    env = {**os.environ, "MARSAD_CONFIG": str(config)}
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    committed = 0
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if db.exists():
            try:
                with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as probe:
                    committed = probe.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
            except sqlite3.OperationalError:
                committed = 0  # the schema is still being created
        if committed >= 5 * batch:
            break
        time.sleep(0.01)
    assert process.poll() is None, f"the ingest finished before it could be killed: {process.communicate()}"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL

    connection = sqlite3.connect(db)
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = connection.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    assert 0 < stored < total and stored % batch == 0  # whole batches only
    assert connection.execute("SELECT COUNT(*) FROM article_blobs").fetchone()[0] == stored
    for (blob,) in connection.execute("SELECT doc FROM article_blobs"):
        assert Document.from_json(unpack(blob)).text  # no half-written article
    for table in ("minhash", "article_fts"):
        assert connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == stored  # facts of each article, all or none
    assert connection.execute("SELECT finished FROM ingest_runs").fetchall() == [(None,)]  # the killed run never finished
    connection.close()

    resumed = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False, env=env)
    assert resumed.returncode == 0, resumed.stderr
    assert f"{total - stored} added" in resumed.stdout and f"{stored} already stored" in resumed.stdout
    connection = sqlite3.connect(db)
    assert connection.execute("SELECT COUNT(*), COUNT(DISTINCT key) FROM articles").fetchone() == (total, total)


def test_ingest_batch_output_stores_its_documents_as_analysed(tmp_path: Path) -> None:
    from marsad.scale import read_documents, run_batch

    records = synthetic(5)
    records.insert(2, {"id": "empty", "text": "  "})
    source = tmp_path / "archive.jsonl"
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    output = tmp_path / "archive.parquet"
    run_batch(str(source), str(output), workers=1)
    db = tmp_path / "store.db"

    report = ingest([str(output)], db=db)
    assert (report.added, report.failed) == (5, 1)
    assert report.failures[0].kind == "batch" and "no text" in report.failures[0].reason
    with Store(db) as store:
        stored = {row[0]: Document.from_json(unpack(row[1])) for row in store.db.execute(
            "SELECT a.doc_id, b.doc FROM articles a JOIN article_blobs b ON b.article_id = a.id")}
    assert stored == {doc.id: doc for doc in read_documents(str(output))}  # not analysed again

    again = ingest([str(output)], db=db)
    assert (again.added, again.counts["unchanged"]) == (0, 5)


def test_ingest_collects_garbage_less_often_and_restores_the_callers_settings(tmp_path: Path, pipeline) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "a.jsonl"
    source.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in synthetic(3)), encoding="utf-8")
    seen: list[int] = []
    before = gc.get_threshold()
    report = ingest([str(source)], db=tmp_path / "m.db", pipeline=pipeline, fetch=False, on_batch=lambda _: seen.append(gc.get_threshold()[0]))
    assert report.added == 3
    assert seen and seen[0] >= 10_000  # during the run
    assert gc.get_threshold() == before  # and the caller's own settings afterwards
