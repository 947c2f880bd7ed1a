"""The batch worker: one failing article never fails its batch; HTML pages are extracted first."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

import marsad
from marsad import pipeline
from marsad.document import Document
from marsad.ingest.html import extract_html
from marsad.pipeline import ComponentInfo
from marsad.scale import read_errors
from marsad.scale.output import OutputDir, read_documents
from marsad.scale.schema import from_table
from marsad.scale.sources import plan, read_part
from marsad.scale.work import BatchWorker, PipelineSpec

ARTICLES = (
    "أعلنت وزارة الخارجية الأردنية، الأحد، أن الوزير أيمن الصفدي سيزور بغداد مطلع الشهر المقبل.",
    "قالت مصادر أمنية إن انفجارا وقع قرب معبر طريبيل الحدودي دون أن يسفر عن إصابات.",
    "وأضاف أن البلدين وقعا العام الماضي 12 اتفاقية بقيمة نحو 1.5 مليار دولار.",
)


def explode_on_border(options: Mapping[str, Any]) -> Any:
    def run(doc: Document) -> Document:
        if "طريبيل" in doc.text:
            raise KeyError("معبر طريبيل")
        return doc

    return run


@pytest.fixture
def exploding(monkeypatch: pytest.MonkeyPatch) -> PipelineSpec:
    """The configured pipeline plus a component that fails on one of :data:`ARTICLES`."""
    pipeline.registered()  # built-ins first, so the test component does not hide them
    info = ComponentInfo("test-explodes", explode_on_border, (), (), "1", "fails on one article", __name__)
    monkeypatch.setitem(pipeline._REGISTRY, "test-explodes", info)
    configured = PipelineSpec.from_settings()
    return PipelineSpec((*configured.components, "test-explodes"), configured.options, configured.max_bytes)


def batch_of(path: Path, lines: list[dict[str, Any]]) -> Any:
    path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
    (part,) = plan(str(path))
    (table,) = read_part(part, max_bytes=10**6, chunk_rows=100)
    return part, table


def test_work_one_failing_article_does_not_fail_the_batch(tmp_path: Path, exploding: PipelineSpec) -> None:
    part, table = batch_of(tmp_path / "in.jsonl", [{"text": t, "id": f"a{n}"} for n, t in enumerate(ARTICLES)])
    output = OutputDir(str(tmp_path / "out"))
    output.prepare("in", exploding.describe())
    (summary,) = BatchWorker(exploding, str(tmp_path / "out"))(table).to_pylist()
    assert (summary["documents"], summary["errors"], summary["rows"], summary["total"]) == (2, 1, 4, 4)
    assert summary["failure"] is None
    output.mark_finished(part, rows=4, documents=2, errors=1, files=summary["files"])
    (error,) = read_errors(str(tmp_path / "out"))
    assert (error.id, error.stage, error.error, error.component) == ("a1", "analyse", "ComponentError", "test-explodes")
    assert "KeyError" in error.message and error.origin.endswith("@" + str(len(json.dumps({"text": ARTICLES[0], "id": "a0"}, ensure_ascii=False).encode()) + 1))
    assert [d.id for d in read_documents(str(tmp_path / "out"))] == ["a0", "a2"]


@pytest.mark.parametrize("given", [{}, {"title": "عنوان من الأرشيف", "published": "2023-07-01"}])
def test_work_html_is_extracted_then_analysed(tmp_path: Path, given: dict[str, str]) -> None:
    body = "".join(f"<p>{t}</p>" for t in ARTICLES)
    html = f'<html><head><title>الصفدي إلى بغداد</title><meta property="article:published_time" content="2023-06-11"></head><body><article>{body}</article></body></html>'
    part, table = batch_of(tmp_path / "pages.jsonl", [{"html": html, "url": "https://news.example/safadi", **given}])
    spec = PipelineSpec.from_settings()
    (summary,) = BatchWorker(spec, str(tmp_path / "out"))(table).to_pylist()
    assert summary["documents"] == 1, summary
    (doc,) = from_table(pq.read_table(tmp_path / "out" / summary["files"][0]))
    page = extract_html(html, origin="x", url="https://news.example/safadi")
    expected = marsad.analyse(
        page.text,
        published=given.get("published") or page.published,
        title=given.get("title") or page.title,
        url=page.url,
        source=page.source,
    )
    assert doc == expected
