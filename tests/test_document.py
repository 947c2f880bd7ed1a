import json
from pathlib import Path

import msgspec
import pytest

import marsad
from marsad.document import SCHEMA, Document, Entity, Span, json_schema

ROOT = Path(__file__).resolve().parents[1]


def test_document_schema_file_matches_code() -> None:
    committed = json.loads((ROOT / "schema" / "document.schema.json").read_text(encoding="utf-8"))
    assert committed == json_schema(), "schema/document.schema.json is stale: run `make schema`"


def test_document_has_contract_fields() -> None:
    fields = set(Document.__struct_fields__)
    contract = {"id", "source", "url", "title", "published", "text", "boilerplate", "sentences", "entities", "dates", "quantities", "quotes", "events", "commitments"}
    assert contract <= fields
    assert json_schema()["$defs"]["Document"]["required"] == ["id", "text"]


def test_document_round_trips_exactly(article: str) -> None:
    doc = marsad.analyse(article, published="2024-03-14", title="عنوان", url="https://example.org/a", source="test")
    assert Document.from_json(doc.to_json()) == doc
    assert Document.from_dict(doc.to_dict()) == doc
    assert doc.to_dict()["schema"] == SCHEMA


def test_document_is_immutable(article: str) -> None:
    doc = marsad.analyse(article)
    with pytest.raises(AttributeError):
        doc.text = "x"  # type: ignore[misc]
    changed = doc.replace(title="جديد")
    assert changed.title == "جديد" and doc.title is None


def test_document_rejects_bad_json() -> None:
    with pytest.raises(msgspec.ValidationError):
        Document.from_dict({"id": "x", "text": "t", "entities": [{"id": "e1", "type": "THING", "canonical": "", "latin": ""}]})


def test_document_entity_lookup_and_sentence_of() -> None:
    text = "زار الرئيس بغداد. ثم عاد."
    entity = Entity(id="e1", type="LOC", canonical="بغداد", latin="Baghdad", mentions=(Span(start=11, end=16, text="بغداد"),))
    doc = marsad.analyse(text).replace(entities=(entity,))
    assert doc.entity("e1") is entity and doc.entity("e9") is None
    assert doc.sentence_of(12) == 0 and doc.sentence_of(20) == 1


def test_document_id_is_stable_content_hash(article: str) -> None:
    assert marsad.analyse(article).id == marsad.analyse(article).id
    assert marsad.analyse(article).id != marsad.analyse(article + " ").id
    assert marsad.analyse(article, id="given").id == "given"
