"""A store holding the test articles, written through the real writer."""

from __future__ import annotations

from pathlib import Path

import pytest

from .articles import (
    ASSAD,
    ASSAD_FACTS,
    LEBANON,
    LEBANON_FACTS,
    SURNAME,
    SURNAME_FACTS,
    WITHDRAWAL,
    WITHDRAWAL_FACTS,
)
from .documents import make_doc, write


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "marsad.db"


@pytest.fixture
def filled(db: Path) -> Path:
    docs = [
        make_doc(WITHDRAWAL, WITHDRAWAL_FACTS, published="2021-11-11", title="الكاظمي وبرينان يبحثان الانسحاب", url="https://a.example/1"),
        make_doc(SURNAME, SURNAME_FACTS, published="2021-11-12", title="وفد من الكونغرس في بغداد", url="https://b.example/2"),
        make_doc(ASSAD, ASSAD_FACTS, published="2021-11-14", title="الأسد: لا لوجود أجنبي", url="https://c.example/3"),
        make_doc(LEBANON, LEBANON_FACTS, published="2021-11-15", title="الحكومة تقر خطة التعافي", url="https://d.example/4"),
    ]
    assert write(db, docs) == ["added"] * 4
    return db
