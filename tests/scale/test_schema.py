"""The Parquet form of Documents: typed nested columns that read back to the same Document."""

from __future__ import annotations

import io
import re

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import marsad
from marsad.document import Commitment, DateExpr, Document, Entity, Event, Quantity, Quote, Span
from marsad.scale.schema import DOCUMENTS, describe, from_table, to_table
from tests.conftest import ROOT
from tests.scale.conftest import FixtureArticle

TEXT = (
    "قال وزير الخارجية العراقي فؤاد حسين، الخميس، إن القوات الأميركية ستنسحب من العراق نهاية هذا العام، "
    "وإن بغداد تسلمت أكثر من 2100 شحنة من المعدات، أي ما يعادل ثلث ما طلبته."
)


def span(text: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(text, start + 1)
    return Span(start=start, end=start + len(text), text=text)


def fact(cls: type, text: str, **fields: object) -> object:
    s = span(text)
    return cls(start=s.start, end=s.end, text=s.text, **fields)


def every_layer(*, optional: bool) -> Document:
    """A Document with every layer filled; ``optional`` sets the fields that may be null."""
    doc = marsad.analyse(TEXT, published="2021-10-08" if optional else None, title="الانسحاب" if optional else None, id="rich")
    entities = (
        Entity(id="e1", type="PERSON", canonical="فؤاد حسين", latin="Fuad Hussein", title="وزير الخارجية العراقي" if optional else None, mentions=(span("فؤاد حسين"),), confidence=0.9),
        Entity(id="e2", type="ORG", canonical="القوات الأميركية", latin="US forces", mentions=(span("القوات الأميركية"),)),
        Entity(id="e3", type="LOC", canonical="العراق", latin="Iraq", mentions=(span("العراق", 1),)),
    )
    return doc.replace(
        entities=entities,
        dates=(
            fact(DateExpr, "الخميس", value="2021-10-07", kind="relative"),
            fact(DateExpr, "نهاية هذا العام", value="2021", mod="END" if optional else None, kind="relative"),
        ),
        quantities=(
            fact(Quantity, "أكثر من 2100 شحنة", value=2100.0, unit="شحنة" if optional else None, qualifier="more_than"),
            fact(Quantity, "ثلث", value=1 / 3),
        ),
        quotes=(
            fact(Quote, "القوات الأميركية ستنسحب من العراق نهاية هذا العام", speaker="e1" if optional else None, speaker_text="فؤاد حسين" if optional else None, cue="قال" if optional else None, direct=False, confidence=0.75),
        ),
        events=(
            Event(type="RETREAT", trigger=span("ستنسحب"), sentence=0, mode="withdraw" if optional else None, actor="e2" if optional else None, actor_text="القوات الأميركية" if optional else None, location="e3" if optional else None, location_text="العراق" if optional else None, date="2021" if optional else None, modality="future", confidence=0.8),
        ),
        commitments=(
            Commitment(who="e2" if optional else None, who_text="القوات الأميركية" if optional else None, what=span("ستنسحب من العراق"), due="2021", trigger=span("ستنسحب"), due_mod="END" if optional else None),
        ),
    )


def through_parquet(docs: list[Document]) -> list[Document]:
    buffer = io.BytesIO()
    pq.write_table(to_table(docs), buffer, compression="zstd")
    return list(from_table(pq.read_table(io.BytesIO(buffer.getvalue()))))


@pytest.mark.parametrize("optional", [True, False])
def test_schema_round_trips_every_layer(optional: bool) -> None:
    doc = every_layer(optional=optional)
    assert through_parquet([doc]) == [doc]


def test_schema_round_trips_the_fixture_articles(articles: list[FixtureArticle]) -> None:
    docs = [marsad.analyse(a.text, published=a.published, title=a.title, id=a.id) for a in articles]
    assert through_parquet(docs) == docs


def test_schema_round_trips_an_empty_table() -> None:
    assert to_table([]).schema == DOCUMENTS
    assert through_parquet([]) == []


@pytest.mark.parametrize(
    ("column", "arrow_type"),
    [
        ("published", pa.date32()),
        ("text", pa.string()),
        (
            "quantities",
            pa.list_(
                pa.struct(
                    [
                        pa.field("start", pa.int64(), nullable=False),
                        pa.field("end", pa.int64(), nullable=False),
                        pa.field("text", pa.string(), nullable=False),
                        pa.field("value", pa.float64(), nullable=False),
                        pa.field("unit", pa.string()),
                        pa.field("qualifier", pa.string(), nullable=False),
                    ]
                )
            ),
        ),
    ],
)
def test_schema_columns_are_typed(column: str, arrow_type: pa.DataType) -> None:
    assert DOCUMENTS.field(column).type.equals(arrow_type, check_metadata=False)


def test_schema_nested_facts_are_queryable_columns() -> None:
    table = to_table([every_layer(optional=True)])
    events = table.column("events").combine_chunks().flatten()
    assert events.field("type").to_pylist() == ["RETREAT"]
    assert events.field("trigger").field("text").to_pylist() == ["ستنسحب"]
    assert table.column("published").to_pylist()[0].isoformat() == "2021-10-08"
    assert not DOCUMENTS.field("id").nullable and DOCUMENTS.field("title").nullable


def test_schema_rejects_a_published_day_that_is_not_a_date() -> None:
    doc = every_layer(optional=True).replace(published="2021-02-30")
    with pytest.raises(pa.ArrowInvalid):
        to_table([doc])


def test_schema_is_documented_in_docs_scaling() -> None:
    docs = (ROOT / "docs" / "scaling.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```text\n(documents \(.*?)```", docs, re.DOTALL)
    assert blocks, "docs/scaling.md has no schema block"
    assert blocks[0].rstrip("\n") == describe(), "regenerate the block with: python -c 'from marsad.scale import describe; print(describe())'"
