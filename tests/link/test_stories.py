"""Stories: articles about one happening grouped; others, and the same names months apart, not."""

from __future__ import annotations

from pathlib import Path

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
from store.documents import E, Facts, make_doc, write

from marsad.store import Store

FOLLOW_UP = (
    "أكد قائد قوات التحالف الدولي جون برينان، السبت، أن الانسحاب الأمريكي من العراق يسير وفق الجدول الذي اتفق عليه مع رئيس الوزراء مصطفى الكاظمي."
)
FOLLOW_UP_FACTS = Facts(entities={
    "e1": E("جون برينان", "PERSON", "John Brennan", "قائد قوات التحالف الدولي"),
    "e2": E("مصطفى الكاظمي", "PERSON", "Mustafa al-Kadhimi", "رئيس الوزراء"),
    "e3": E("العراق", "LOC", "Iraq"),
})


def story_of(store: Store, article_id: int) -> int | None:
    return store.article(article_id).summary.story_id


def test_stories_group_articles_about_one_happening(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    write(db, [
        make_doc(WITHDRAWAL, WITHDRAWAL_FACTS, published="2021-11-11", url="https://a.example/1"),
        make_doc(LEBANON, LEBANON_FACTS, published="2021-11-12", url="https://d.example/4"),
        make_doc(FOLLOW_UP, FOLLOW_UP_FACTS, published="2021-11-13", url="https://e.example/5"),
        make_doc(ASSAD, ASSAD_FACTS, published="2021-11-13", url="https://c.example/3"),
    ])
    store = Store(db)
    assert story_of(store, 1) == story_of(store, 3)
    assert len({story_of(store, 1), story_of(store, 2), story_of(store, 4)}) == 3
    [big] = store.stories(min_articles=2)
    assert big.articles == 2 and big.first_day == "2021-11-11" and big.last_day == "2021-11-13"
    assert {e.name for e in big.entities} >= {"جون برينان", "مصطفى الكاظمي"}
    assert [a.id for a in store.story(big.id).members] == [1, 3]


def test_stories_same_names_months_apart_are_another_story(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    write(db, [
        make_doc(WITHDRAWAL, WITHDRAWAL_FACTS, published="2021-11-11", url="https://a.example/1"),
        make_doc(FOLLOW_UP, FOLLOW_UP_FACTS, published="2022-03-02", url="https://e.example/5"),
    ])
    store = Store(db)
    assert story_of(store, 1) != story_of(store, 2)


def test_stories_since_lists_recent_stories(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    write(db, [
        make_doc(WITHDRAWAL, WITHDRAWAL_FACTS, published="2021-11-11", url="https://a.example/1"),
        make_doc(SURNAME, SURNAME_FACTS, published="2021-11-12", url="https://b.example/2"),
        make_doc(LEBANON, LEBANON_FACTS, published="2021-11-20", title="الحكومة تقر خطة التعافي", url="https://d.example/4"),
    ])
    store = Store(db)
    assert [s.title for s in store.stories(since="2021-11-15")] == ["الحكومة تقر خطة التعافي"]
    assert len(store.stories()) == len({story_of(store, i) for i in (1, 2, 3)})
