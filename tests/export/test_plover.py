"""PLOVER event records: field names and values, filtering, and `marsad export`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from marsad.cli import app
from marsad.document import Document, Entity, Event, Sentence, Span
from marsad.export.plover import QUAD, plover_records

TEXT = "اتفقت بغداد وواشنطن على جدول زمني للانسحاب. ولم يتوصل الجانبان إلى اتفاق بشأن الحدود."


def _doc() -> Document:
    def span(word: str, nth: int = 0) -> Span:
        start = -1
        for _ in range(nth + 1):
            start = TEXT.index(word, start + 1)
        return Span(start=start, end=start + len(word), text=word)

    first_end = TEXT.index(".") + 1
    return Document(
        id="dip-900",
        text=TEXT,
        source="marsad-tests",
        url="https://example.invalid/a",
        title="اتفاق",
        published="2023-07-27",
        sentences=(Sentence(start=0, end=first_end), Sentence(start=first_end + 1, end=len(TEXT))),
        entities=(
            Entity(
                id="e1", type="LOC", canonical="بغداد", latin="Baghdad", mentions=(span("بغداد"),)
            ),
            Entity(
                id="e2",
                type="LOC",
                canonical="واشنطن",
                latin="Washington",
                mentions=(span("واشنطن"),),
            ),
        ),
        events=(
            Event(
                type="AGREE",
                trigger=span("اتفقت"),
                sentence=0,
                actor="e1",
                actor_text="بغداد",
                target="e2",
                target_text="واشنطن",
                date="2023-07-26",
                confidence=0.8,
            ),
            Event(
                type="AGREE",
                trigger=span("يتوصل"),
                sentence=1,
                actor_text="الجانبان",
                negated=True,
                confidence=0.55,
            ),
            Event(
                type="RETREAT",
                mode="withdraw",
                trigger=span("للانسحاب"),
                sentence=0,
                actor_text="الولايات المتحدة",
                location_text="العراق",
                date="2023",
                modality="future",
                confidence=0.3,
            ),
        ),
    )


def test_plover_record_fields_follow_the_plover_json_names() -> None:
    record = next(plover_records([_doc()], coded="2023-07-28"))
    assert record["id"] == "dip-900-000"
    assert (record["date"], record["date_timex"]) == ("2023-07-26", "2023-07-26")
    assert record["event"] == ["AGREE"] and record["quad_code"] == QUAD["AGREE"] == 1
    assert (
        record["source"]
        == record["actor"]
        == [
            {
                "actor_text": "بغداد",
                "identifier_id": "e1",
                "identifier_text": "بغداد",
                "identifier_latin": "Baghdad",
            }
        ]
    )
    assert record["recipient"][0]["identifier_id"] == "e2"
    info = record["text_info"]
    assert TEXT[info["start"] : info["end"]] == record["event_text"][0]
    assert TEXT[info["trigger_start"] : info["trigger_end"]] == info["trigger_text"] == "اتفقت"
    assert record["cite_info"]["citation"] == "dip-900"
    assert record["cite_info"]["language"] == "ar"
    assert record["coded_date"] == "2023-07-28"


def test_plover_records_leave_out_negated_events_and_keep_them_on_request() -> None:
    kept = [r["id"] for r in plover_records([_doc()])]
    assert kept == ["dip-900-000", "dip-900-002"]
    every = [r["id"] for r in plover_records([_doc()], include_uncertain=True)]
    assert every == ["dip-900-000", "dip-900-001", "dip-900-002"]
    assert [r["id"] for r in plover_records([_doc()], min_confidence=0.5)] == ["dip-900-000"]


def test_plover_country_actor_gets_its_iso_code_and_coarse_date_falls_back() -> None:
    record = next(r for r in plover_records([_doc()]) if r["event"] == ["RETREAT"])
    assert record["source"][0]["code"] == "USA"
    assert record["event_loc"] == {"name": "العراق", "cc3": "IRQ"}
    assert (record["date"], record["date_timex"], record["mode"]) == (
        "2023-07-27",
        "2023",
        "withdraw",
    )


@pytest.fixture
def jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "docs.jsonl"
    path.write_text(_doc().to_json().decode("utf-8") + "\n", encoding="utf-8")
    return path


def test_plover_cli_exports_documents_from_jsonl(jsonl: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    result = CliRunner().invoke(
        app, ["export", "--format", "plover", "--input", str(jsonl), "--output", str(out)]
    )
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["dip-900-000", "dip-900-002"]


def test_plover_cli_reports_a_bad_line_and_exports_the_rest(jsonl: Path) -> None:
    jsonl.write_text(jsonl.read_text(encoding="utf-8") + '{"id": 3}\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["export", "--input", str(jsonl)])
    assert result.exit_code == 1
    assert "line 2 is not a marsad Document" in result.stderr
    assert len([line for line in result.stdout.splitlines() if line.startswith("{")]) == 2


@pytest.mark.parametrize(
    "args",
    [
        ["export"],
        ["export", "--input", "x.jsonl", "article.txt"],
        ["export", "--input", "x.jsonl", "--min-confidence", "2"],
    ],
)
def test_plover_cli_usage_errors(args: list[str]) -> None:
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    assert "marsad: error:" in result.stderr
