"""Reading Documents back: a batch output, one of its files, or any folder of Document tables."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import marsad
from marsad.errors import InputError
from marsad.scale import is_batch_output, read_documents, run_batch
from marsad.scale.schema import to_table
from tests.scale.conftest import Archive

ARTICLES = (
    "أعلنت وزارة الخارجية الأردنية، الأحد، أن الوزير أيمن الصفدي سيزور بغداد مطلع الشهر المقبل.",
    "وأضاف أن البلدين وقعا العام الماضي 12 اتفاقية بقيمة نحو 1.5 مليار دولار.",
)


def test_output_reads_a_batch_folder_and_its_files(tmp_path: Path, archive: Archive) -> None:
    output = tmp_path / "archive.parquet"
    run_batch(str(archive.path), str(output), workers=1, batch_size=4)
    assert is_batch_output(str(output)) and not is_batch_output(str(archive.path))
    docs = list(read_documents(str(output)))
    assert [d.id for d in docs] == [a.id for a in archive.articles]  # input order
    first = sorted((output / "documents").iterdir())[0]
    assert [d.id for d in read_documents(str(first))] == [a.id for a in archive.articles[:4]][: len(pq.read_table(first))]
    assert list(read_documents(f"file://{output}")) == docs


def test_output_reads_a_plain_folder_of_document_tables(tmp_path: Path) -> None:
    docs = [marsad.analyse(text, published="2023-03-14") for text in ARTICLES]
    (tmp_path / "2023").mkdir()
    pq.write_table(to_table(docs[:1]), tmp_path / "2023" / "a.parquet")
    pq.write_table(to_table(docs[1:]), tmp_path / "2023" / "b.parquet")
    assert list(read_documents(str(tmp_path))) == docs


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: pq.write_table(pa.table({"headline": ["عنوان"]}), p / "x.parquet"), "not a table of marsad Documents"),
        (lambda p: (p / "x.parquet").write_bytes(b"not parquet"), "cannot read this Parquet file"),
        (lambda p: (p / "notes.txt").write_text("x"), "holds no Parquet files"),
        (lambda p: None, "no such file or folder"),
    ],
)
def test_output_reports_what_is_not_documents(tmp_path: Path, make: object, message: str) -> None:
    folder = tmp_path / "in"
    if message != "no such file or folder":
        folder.mkdir()
        make(folder)  # type: ignore[operator]
    with pytest.raises(InputError, match=message):
        list(read_documents(str(folder)))
