"""The store's commands, run as a user runs them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from store.articles import (
    ASSAD,
    ASSAD_FACTS,
    LEBANON,
    LEBANON_FACTS,
    SURNAME,
    SURNAME_FACTS,
    WITHDRAWAL,
    WITHDRAWAL_FACTS,
)
from store.documents import make_doc, write
from typer.testing import CliRunner

from marsad.cli import app

runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "marsad.db"
    write(path, [
        make_doc(WITHDRAWAL, WITHDRAWAL_FACTS, published="2021-11-11", title="الكاظمي وبرينان يبحثان الانسحاب", url="https://a.example/1"),
        make_doc(SURNAME, SURNAME_FACTS, published="2021-11-12", title="وفد من الكونغرس في بغداد", url="https://b.example/2"),
        make_doc(ASSAD, ASSAD_FACTS, published="2021-11-14", url="https://c.example/3"),
        make_doc(LEBANON, LEBANON_FACTS, published="2021-11-15", url="https://d.example/4"),
    ])
    return str(path)


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def text_layer_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The pipeline's text layer only: these tests are about the commands, not the extractors."""
    from marsad.pipeline import default_pipeline

    config = tmp_path / "marsad.toml"
    config.write_text('[pipeline]\ncomponents = ["clean", "sentences", "tokens"]\n', encoding="utf-8")
    monkeypatch.setenv("MARSAD_CONFIG", str(config))
    default_pipeline.cache_clear()
    yield
    default_pipeline.cache_clear()


@pytest.mark.usefixtures("text_layer_only")
def test_cli_store_ingest_reports_and_records_failures(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(WITHDRAWAL, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01" * 100)
    db = str(tmp_path / "m.db")
    result = runner.invoke(app, ["ingest", str(tmp_path), "--db", db, "--published", "2021-11-11", "--no-fetch"])
    assert result.exit_code == 1
    assert "1 added" in result.output and "1 failed" in result.output and "binary data" in result.output
    errors = run("errors", "--db", db)
    assert "b.txt" in errors and "decode" in errors
    again = run("ingest", str(tmp_path / "a.txt"), "--db", db, "--no-fetch")
    assert "0 added" in again and "1 already stored" in again
    assert "no ingest errors" in run("errors", "--db", db)


def test_cli_store_ingest_usage_errors(tmp_path: Path) -> None:
    result = runner.invoke(app, ["ingest", str(tmp_path), "--db", str(tmp_path / "m.db"), "--published", "الخميس"])
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output


def test_cli_store_search(db: str) -> None:
    output = run("search", "الانسحاب الأمريكي", "--db", db)
    assert "الكاظمي وبرينان يبحثان الانسحاب" in output and "[1]" in output
    assert "[2]" in run("search", "الانسحاب", "--db", db, "--from", "2021-11-12")
    assert "[1]" not in run("search", "الانسحاب", "--db", db, "--from", "2021-11-12")
    hits = json.loads(run("search", "الكونجرس", "--db", db, "--json"))["hits"]
    assert [h["article"]["id"] for h in hits] == [2]
    assert "[4]" in run("search", "الحكومة", "--db", db, "--type", "agree")
    assert "[1]" in run("search", "بغداد", "--db", db, "--entity", "الكاظمي")
    assert runner.invoke(app, ["search", "x", "--db", db, "--type", "WAR"]).exit_code == 2


def test_cli_store_entities_and_entity(db: str) -> None:
    output = run("entities", "--db", db, "--limit", "15")
    assert "مصطفى الكاظمي" in output and "Mustafa al-Kadhimi" in output
    page = run("entity", "رئيس الوزراء الكاظمي", "--db", db)
    assert "مصطفى الكاظمي (Mustafa al-Kadhimi)" in page and "رئيس الوزراء" in page and "«القوات القتالية" in page
    assert json.loads(run("entity", "Hafez", "--db", db, "--json"))["summary"]["name"] == "حافظ الأسد"
    missing = runner.invoke(app, ["entity", "شخص غير موجود", "--db", db])
    assert missing.exit_code == 1 and "no entity called" in missing.output


def test_cli_store_timeline_stories_quotes_article(db: str) -> None:
    timeline = run("timeline", "--entity", "الكاظمي", "--db", db)
    assert "CONSULT" in timeline and "2021-11-11" in timeline
    stories = json.loads(run("stories", "--db", db, "--json"))
    story = next(s["id"] for s in stories if "الكاظمي" in s["title"])
    story_timeline = run("timeline", "--story", str(story), "--db", db, "--as-of", "2022-01-01")
    assert "2014-06-01 – 2014-08-31" in story_timeline and "OVERDUE" in story_timeline
    assert "مجلس الوزراء اللبناني" in run("stories", "--db", db, "--since", "2021-11-15")
    assert "«القوات القتالية" in run("quotes", "--by", "مصطفى الكاظمي", "--db", db)
    assert "الانسحاب" in run("article", "1", "--db", db)
    assert json.loads(run("article", "1", "--db", db, "--json"))["document"]["url"] == "https://a.example/1"
    assert runner.invoke(app, ["timeline", "--db", db]).exit_code == 2


def test_cli_store_missing_store_is_explained(tmp_path: Path) -> None:
    result = runner.invoke(app, ["entities", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2 and "marsad ingest" in result.output
