"""The read API the CLI and the web layer use: entities, timelines, quotes, stories, errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.errors import NotFoundError, StoreError
from marsad.store import Store
from marsad.store.write import Failure, Writer


def test_read_stats_and_articles(filled: Path) -> None:
    store = Store(filled)
    assert store.stats()["articles"] == 4
    assert [a.id for a in store.articles(since="2021-11-12")] == [4, 3, 2]


def test_read_busiest_entities(filled: Path) -> None:
    busiest = Store(filled).entities(limit=3)
    assert busiest[0].name in ("العراق", "مصطفى الكاظمي", "بغداد") and busiest[0].articles == 2
    assert all(e.latin for e in busiest)


def test_read_entity_page(filled: Path) -> None:
    store = Store(filled)
    [kadhimi] = store.find_entities("الكاظمي")
    page = store.entity(kadhimi.id)
    assert [a.id for a in page.recent] == [2, 1]
    assert {c.name for c, _ in page.companions} >= {"جون برينان", "العراق"}
    assert page.quotes[0].text.startswith("«القوات القتالية") and page.quotes[0].speaker == "مصطفى الكاظمي"
    assert page.stories
    assert page.as_dict()["summary"]["latin"] == "Mustafa al-Kadhimi"


def test_read_find_entities_by_latin_and_type(filled: Path) -> None:
    store = Store(filled)
    assert store.find_entities("Hafez al-Assad")[0].name == "حافظ الأسد"
    assert store.find_entities("بغداد", type="PERSON") == []
    assert store.find_entities("شخص لا وجود له") == []


def test_read_entity_timeline_in_date_order_with_history(filled: Path) -> None:
    store = Store(filled)
    [kadhimi] = store.find_entities("مصطفى الكاظمي")
    entries = store.timeline(entity_id=kadhimi.id, as_of="2022-06-01")
    days = [e.first_day for e in entries]
    assert days == sorted(days)
    kinds = [(e.kind, e.label) for e in entries]
    assert ("event", "CONSULT") in kinds
    consult = [e for e in entries if e.label == "CONSULT"]
    assert [(e.first_day, e.actor, e.target) for e in consult] == [("2021-11-11", "مصطفى الكاظمي", "جون برينان"),
                                                                     ("2021-11-12", "مصطفى الكاظمي", "الكونغرس الأمريكي")]
    assert all(e.sentence for e in entries)


def test_read_story_timeline_flags_overdue_commitments(filled: Path) -> None:
    store = Store(filled)
    story = store.article(1).summary.story_id
    assert story is not None
    entries = store.timeline(story_id=story, as_of="2022-01-15")
    assert entries[0].kind == "reference" and entries[0].text == "صيف 2014"  # منذ صيف 2014, before everything else
    [commitment] = [e for e in entries if e.kind == "commitment"]
    assert commitment.overdue is True and commitment.last_day == "2021-12-31"
    [pending] = [e for e in store.timeline(story_id=story, as_of="2021-11-20") if e.kind == "commitment"]
    assert pending.overdue is False


def test_read_timeline_needs_one_subject(filled: Path) -> None:
    store = Store(filled)
    with pytest.raises(StoreError, match="exactly one"):
        store.timeline()
    with pytest.raises(NotFoundError):
        store.timeline(story_id=999)


def test_read_quotes_by_speaker(filled: Path) -> None:
    store = Store(filled)
    [kadhimi] = store.find_entities("الكاظمي")
    [quote] = store.quotes(kadhimi.id)
    assert quote.article_id == 1 and quote.direct and quote.cue == "قال"
    assert store.document(1).text[quote.start : quote.end] == quote.text


def test_read_unknown_ids_are_not_found(filled: Path) -> None:
    store = Store(filled)
    for call in (lambda: store.article(99), lambda: store.entity(999), lambda: store.story(999), lambda: store.document(99)):
        with pytest.raises(NotFoundError):
            call()


def test_read_errors_of_the_latest_run(db: Path) -> None:
    with Writer(db) as writer:
        first = writer.begin_run(["a"])
        writer.write([], [Failure("a.txt", "input", "no text")], run_id=first)
        second = writer.begin_run(["b"])
        writer.write([], [Failure("b.html", "decode", "binary data"), Failure("c.xml", "input", "not a feed")], run_id=second)
    store = Store(db)
    assert [e.origin for e in store.errors()] == ["b.html", "c.xml"]
    assert [e.origin for e in store.errors(run_id=first)] == ["a.txt"]
    assert len(store.errors(all_runs=True)) == 3
