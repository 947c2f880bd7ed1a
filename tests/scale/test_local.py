"""The local engine: the same Documents as ``analyse`` one by one, bad inputs in the errors table."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from marsad.document import Document
from marsad.errors import ConfigError
from marsad.pipeline import Pipeline
from marsad.scale import read_documents, read_errors, run_batch
from marsad.scale.local import execute
from marsad.scale.output import OutputDir
from marsad.scale.schema import errors_from_table
from marsad.scale.sources import plan
from marsad.scale.work import PipelineSpec
from tests.scale.conftest import Archive, analysed_one_by_one


def check_output(output: Path | str, archive: Archive, *, input_uri: str | None = None) -> None:
    """``output`` holds exactly analyse()'s Documents and one error row per bad input.

    ``input_uri`` is where the archive was read from when it was not its local path.
    """
    docs = list(read_documents(str(output)))
    by_id = {doc.id: doc for doc in docs}
    assert len(by_id) == len(docs), "a Document was stored twice"
    expected = analysed_one_by_one(archive.articles)
    assert by_id.keys() == expected.keys()
    for doc_id, doc in expected.items():
        assert by_id[doc_id] == doc, doc_id
    errors = {error.origin: error for error in read_errors(str(output))}
    bad_inputs = archive.bad
    if input_uri:
        bad_inputs = {origin.replace(str(archive.path), input_uri): bad for origin, bad in bad_inputs.items()}
    assert errors.keys() == bad_inputs.keys()
    for origin, bad in bad_inputs.items():
        assert (errors[origin].stage, errors[origin].error) == (bad.stage, bad.error), origin
        assert bad.message in errors[origin].message, errors[origin].message


@pytest.mark.parametrize(
    ("workers", "batch_size", "part_bytes"),
    [
        (2, 3, 9_000),  # many small parts, batches smaller than a part
        (1, 256, 8 << 20),  # one part, one batch
    ],
)
def test_local_documents_equal_analyse_one_by_one(
    tmp_path: Path, archive: Archive, workers: int, batch_size: int, part_bytes: int
) -> None:
    report = run_batch(
        str(archive.path), str(tmp_path / "out"), workers=workers, batch_size=batch_size, part_bytes=part_bytes
    )
    assert report.parts_unfinished == 0 and not report.failures
    assert report.documents == len(archive.articles)
    assert report.errors == len(archive.bad)
    assert len(report.worker_stats) <= workers
    check_output(tmp_path / "out", archive)


def test_local_rejects_a_ray_address(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="--address is for --engine ray"):
        next(iter(execute([], None, str(tmp_path), address="auto")))  # type: ignore[arg-type]


POISON = "مقال يقتل العامل"


class _DiesOnPoison(Pipeline):
    """The configured pipeline, except that the process dies outright on one article."""

    def __call__(self, doc: Document) -> Document:
        if POISON in doc.text:
            os._exit(70)  # as a segfault or the out-of-memory killer would end it
        return super().__call__(doc)


class DiesOnPoison(PipelineSpec):
    def build(self) -> Pipeline:
        return _DiesOnPoison(self.components, self.options)


@pytest.mark.parametrize("poisoned", [1, 2])
def test_local_a_worker_killed_by_one_article_costs_only_that_article(tmp_path: Path, poisoned: int) -> None:
    texts = [
        "أعلنت وزارة الخارجية الأردنية، الأحد، أن الوزير أيمن الصفدي سيزور بغداد.",
        "وقال الناطق باسم الوزارة إن الزيارة تأتي في إطار التنسيق المستمر.",
        "وأضاف أن البلدين وقعا العام الماضي 12 اتفاقية بقيمة نحو 1.5 مليار دولار.",
        "وكانت عمّان قد استضافت في مارس المنصرم اجتماعا ثلاثيا.",
    ] * 3
    for index in range(poisoned):
        texts[4 + index * 5] = f"{POISON} رقم {index}."
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"text": t, "id": f"a{n}"}, ensure_ascii=False) + "\n" for n, t in enumerate(texts)), encoding="utf-8")
    configured = PipelineSpec.from_settings()
    spec = DiesOnPoison(configured.components, configured.options, configured.max_bytes)
    OutputDir(str(tmp_path / "out")).prepare(str(source), configured.describe())
    parts = plan(str(source))
    summaries = list(execute(parts, spec, str(tmp_path / "out"), workers=2, batch_size=3))
    assert sum(s["rows"] for s in summaries) == len(texts) + 1  # every row once, the end row too
    assert sum(s["documents"] for s in summaries) == len(texts) - poisoned
    died = [s for s in summaries if s["errors"]]
    assert sorted(s["first_seq"] for s in died) == [4 + index * 5 for index in range(poisoned)]
    assert all(s["worker"] == "parent" for s in died)
    written = {f for s in summaries for f in s["files"]}
    errors = [e for f in written if f.startswith("errors/") for e in errors_from_table(pq.read_table(tmp_path / "out" / f))]
    assert sorted((e.id, e.error) for e in errors) == [(f"a{4 + i * 5}", "WorkerDied") for i in range(poisoned)]
