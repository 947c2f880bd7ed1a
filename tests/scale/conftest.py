"""Batch archives built from the project's fixture articles, with bad inputs mixed in."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

import marsad
from marsad.document import Document
from tests.conftest import FIXTURES

SOURCE = "marsad-fixtures"


@dataclass(frozen=True)
class FixtureArticle:
    id: str
    text: str
    published: str | None
    title: str | None


def fixture_articles() -> list[FixtureArticle]:
    """Every annotated article in tests/fixtures (dev and test), with its gold day and title."""
    articles = []
    for raw in sorted(FIXTURES.rglob("*.txt")):
        gold_path = raw.with_suffix(".json")
        gold = json.loads(gold_path.read_text(encoding="utf-8")) if gold_path.exists() else {}
        articles.append(FixtureArticle(raw.stem, raw.read_text(encoding="utf-8"), gold.get("published"), gold.get("title")))
    return articles


@dataclass(frozen=True)
class BadInput:
    """A JSONL line that must land in the errors table, and what the table must say."""

    line: bytes
    stage: str
    error: str
    message: str


# Inputs an archive really holds: a line cut off by a crawler, bytes that are not UTF-8, a
# record with no text, an impossible date, a date stored as a number, a JSON array.
BAD_INPUTS = (
    BadInput('{"text": "قال الوزير إن الاجتماع'.encode(), "read", "InputError", "not valid JSON"),
    BadInput(b'{"text": "\xff\xfe\xd8", "id": "latin1"}', "read", "InputError", "not valid JSON"),
    BadInput(json.dumps({"text": "  \n\n ", "id": "blank"}).encode(), "read", "InputError", "no text"),
    BadInput(json.dumps({"title": "عنوان بلا نص", "id": "no-text"}, ensure_ascii=False).encode(), "read", "InputError", 'must be an object with a "text"'),
    BadInput(
        json.dumps({"text": "وصل الوفد إلى بغداد.", "id": "numeric-date", "published": 20240101}, ensure_ascii=False).encode(),
        "read",
        "InputError",
        "published must be strings",
    ),
    BadInput(
        json.dumps({"text": "وصل الوفد إلى بغداد صباح الخميس.", "id": "february-30", "published": "2024-02-30"}, ensure_ascii=False).encode(),
        "analyse",
        "InputError",
        "is not a date in YYYY-MM-DD form",
    ),
    BadInput(b'["text", "not an object"]', "read", "InputError", "must be an object"),
)


@dataclass(frozen=True)
class Archive:
    path: Path
    articles: list[FixtureArticle]
    bad: dict[str, BadInput]  # origin → what the errors table must say


def write_archive(path: Path, articles: list[FixtureArticle], *, bad: bool = True) -> Archive:
    """A JSONL archive of ``articles`` with :data:`BAD_INPUTS` spread between them."""
    expected: dict[str, BadInput] = {}
    bad_inputs = list(BAD_INPUTS) if bad else []
    step = max(1, len(articles) // max(1, len(bad_inputs)))
    offset = 0
    with path.open("wb") as handle:
        for index, article in enumerate(articles):
            if bad_inputs and index % step == 0:
                item = bad_inputs.pop(0)
                expected[f"{path}@{offset}"] = item
                handle.write(item.line + b"\n")
                offset += len(item.line) + 1
            record = {"id": article.id, "text": article.text, "published": article.published, "title": article.title, "source": SOURCE}
            line = json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n"
            handle.write(line)
            offset += len(line)
        for item in bad_inputs:
            expected[f"{path}@{offset}"] = item
            handle.write(item.line + b"\n")
            offset += len(item.line) + 1
    return Archive(path, articles, expected)


def analysed_one_by_one(articles: list[FixtureArticle]) -> dict[str, Document]:
    """What ``analyse`` returns for each article on its own, by id."""
    return {
        a.id: marsad.analyse(a.text, published=a.published, title=a.title, source=SOURCE, id=a.id) for a in articles
    }


@pytest.fixture(scope="session")
def articles() -> list[FixtureArticle]:
    found = fixture_articles()
    assert found, "tests/fixtures holds no articles"
    return found


@pytest.fixture
def archive(tmp_path: Path, articles: list[FixtureArticle]) -> Archive:
    return write_archive(tmp_path / "archive.jsonl", articles)
