"""Writing: the whole Document kept, idempotent, revisions, exact and near duplicates, facts."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from marsad.errors import StoreError
from marsad.store import Store
from marsad.store.write import Writer

from .articles import LEBANON, LEBANON_FACTS, WITHDRAWAL, WITHDRAWAL_FACTS
from .documents import make_doc, pending, write


def test_write_keeps_the_whole_document_and_raw_input(db: Path) -> None:
    doc = make_doc(WITHDRAWAL + "\n\nجميع الحقوق محفوظة © 2021", WITHDRAWAL_FACTS, url="https://a.example/1", title="عنوان")
    raw = b"<html><body><p>...</p></body></html>"
    with Writer(db) as writer:
        assert writer.write([pending(doc, raw=raw)]) == ["added"]
    record = Store(db).article(1)
    assert record.document == doc  # every layer, boilerplate and tokens included
    assert record.document.boilerplate[0].kind == "copyright"
    assert record.raw == raw and record.raw_type == "text/html"
    assert record.summary.day == "2021-11-11" and record.summary.current


def test_write_same_input_again_adds_nothing(db: Path) -> None:
    doc = make_doc(LEBANON, LEBANON_FACTS, url="https://d.example/4")
    assert write(db, [doc]) == ["added"]
    before = Store(db).stats()
    assert write(db, [doc, doc]) == ["unchanged", "unchanged"]
    assert Store(db).stats() == {**before, "runs": before["runs"] + 1}


def test_write_changed_article_is_a_revision_and_the_old_one_is_kept(db: Path) -> None:
    first = make_doc(LEBANON, LEBANON_FACTS, url="https://d.example/4")
    edited = make_doc(LEBANON.replace("خلال أسبوعين", "خلال أسبوعين على الأكثر"), LEBANON_FACTS, url="https://d.example/4")
    assert write(db, [first]) == ["added"]
    assert write(db, [edited]) == ["revised"]
    store = Store(db)
    old, new = store.article(1), store.article(2)
    assert (old.summary.revision, old.summary.current, new.summary.revision, new.summary.current) == (1, False, 2, True)
    assert old.document == first and new.revisions == [1, 2]
    assert [h.article.id for h in store.search("على الأكثر").hits] == [2]
    assert [h.article.id for h in store.search("خطة التعافي").hits] == [2]  # the old revision left the index
    [minister] = store.find_entities("يوسف الخليل")
    assert (minister.articles, minister.mentions) == (1, 1)  # not counted twice


def test_write_exact_copy_elsewhere_points_to_the_first(db: Path) -> None:
    doc = make_doc(WITHDRAWAL, WITHDRAWAL_FACTS, url="https://a.example/1")
    copy = make_doc(WITHDRAWAL.replace("\n\n", "\n \n").replace("الكاظمي،", "الكاظمي ،"), WITHDRAWAL_FACTS, url="https://copy.example/9")
    assert write(db, [doc, copy]) == ["added", "duplicate"]
    store = Store(db)
    record = store.article(2)
    assert record.summary.duplicate_of == 1 and record.exact_copies == [1]
    assert store.article(1).exact_copies == [2]
    assert len(store.search("الانسحاب").hits) == 1
    [kadhimi] = store.find_entities("مصطفى الكاظمي")
    assert kadhimi.articles == 1


def test_write_near_copy_joins_the_group_and_story_and_counts_once(db: Path) -> None:
    doc = make_doc(WITHDRAWAL, WITHDRAWAL_FACTS, url="https://a.example/1")
    near = make_doc("بغداد (وكالات) - " + WITHDRAWAL.replace("في اجتماع عقد", "في اجتماع عقده الطرفان"), WITHDRAWAL_FACTS, url="https://wire.example/7")
    assert write(db, [doc, near]) == ["added", "added"]
    store = Store(db)
    first, second = store.article(1), store.article(2)
    assert second.summary.group_id == first.summary.group_id == 1
    assert second.summary.story_id == first.summary.story_id
    assert second.near_duplicates and second.near_duplicates[0][0] == 1 and second.near_duplicates[0][1] >= 0.6
    [kadhimi] = store.find_entities("مصطفى الكاظمي")
    assert kadhimi.articles == 1 and kadhimi.mentions == 4
    assert store.stories()[0].articles == 1


def test_write_facts_land_in_their_tables_with_offsets(db: Path) -> None:
    doc = make_doc(WITHDRAWAL, WITHDRAWAL_FACTS, url="https://a.example/1")
    write(db, [doc])
    connection = sqlite3.connect(db)
    [(text, start, end, speaker)] = connection.execute(
        "SELECT q.text, q.start, q.end, e.name FROM quotes q JOIN entities e ON e.id = q.speaker_id").fetchall()
    assert doc.text[start:end] == text and speaker == "مصطفى الكاظمي"
    events = connection.execute("SELECT type, trigger_text, first_day, dated FROM events ORDER BY idx").fetchall()
    assert events == [("CONSULT", "بحث", "2021-11-11", 1), ("RETREAT", "ستغادر", "2021-01-01", 1)]
    assert connection.execute("SELECT due, due_mod, due_last FROM commitments").fetchall() == [("2021", "END", "2021-12-31")]
    assert connection.execute("SELECT value, first_day, last_day FROM dates WHERE value = '2014-SU'").fetchall() == [
        ("2014-SU", "2014-06-01", "2014-08-31")]
    mentions = connection.execute("SELECT start, end, text FROM mentions").fetchall()
    assert all(doc.text[s:e] == t for s, e, t in mentions)


def test_write_batch_is_all_or_nothing(db: Path) -> None:
    good = make_doc(LEBANON, LEBANON_FACTS, url="https://d.example/4")
    bad = pending(make_doc(WITHDRAWAL, WITHDRAWAL_FACTS, url="https://a.example/1"))
    with Writer(db) as writer, pytest.raises(StoreError, match="could not write a batch of 2"):
        # the database refuses the second article, after the first is written
        writer.db.execute(
            "CREATE TEMP TRIGGER refuse BEFORE INSERT ON articles WHEN NEW.url = 'https://a.example/1' "
            "BEGIN SELECT RAISE(ABORT, 'refused'); END"
        )
        writer.write([pending(good), bad])
    assert Store(db).stats()["articles"] == 0


def test_write_keeps_the_count_of_distinct_articles_that_weighs_entities(db: Path) -> None:
    """The resolver and the stories weigh entities by how many distinct articles the store has;
    the writer keeps that count as it goes (recounting per batch read the whole table) and it
    must always equal a recount, whatever a batch did."""

    def recount(writer: Writer) -> int:
        return int(writer.db.execute("SELECT COUNT(DISTINCT group_id) FROM articles WHERE current = 1").fetchone()[0])

    withdrawal = make_doc(WITHDRAWAL, WITHDRAWAL_FACTS, url="https://a.example/1")
    exact = make_doc(WITHDRAWAL.replace("الكاظمي،", "الكاظمي ،"), WITHDRAWAL_FACTS, url="https://copy.example/9")
    near = make_doc("بغداد (وكالات) - " + WITHDRAWAL.replace("في اجتماع عقد", "في اجتماع عقده الطرفان"), WITHDRAWAL_FACTS,
                    url="https://wire.example/7")
    lebanon = make_doc(LEBANON, LEBANON_FACTS, url="https://d.example/4")
    edited = make_doc(LEBANON.replace("خلال أسبوعين", "خلال أسبوعين على الأكثر"), LEBANON_FACTS, url="https://d.example/4")
    # a revision that makes the near copy another story altogether: its group loses a member
    near_rewritten = make_doc(LEBANON + "\n\nوأكد مصدر حكومي أن الاجتماع المقبل سيعقد في بيروت.", LEBANON_FACTS, url="https://wire.example/7")
    with Writer(db) as writer:
        assert writer.write([pending(withdrawal), pending(exact), pending(near), pending(lebanon)]) == ["added", "duplicate", "added", "added"]
        assert writer.resolver.total == recount(writer) == 2
        assert writer.write([pending(edited), pending(near_rewritten)]) == ["revised", "revised"]
        assert writer.resolver.total == recount(writer)
        writer.db.execute("CREATE TEMP TRIGGER refuse BEFORE INSERT ON articles WHEN NEW.url = 'https://e.example/5' "
                          "BEGIN SELECT RAISE(ABORT, 'refused'); END")
        other = make_doc(WITHDRAWAL + "\n\nوتابع البيان أن اللجان الفنية ستواصل عملها.", WITHDRAWAL_FACTS, url="https://e.example/5")
        with pytest.raises(StoreError):
            writer.write([pending(make_doc(LEBANON + "\n\nخبر آخر تماما عن الطقس.", url="https://f.example/6")), pending(other)])
        writer.db.execute("DROP TRIGGER refuse")
        assert writer.write([pending(other)]) == ["added"]
        assert writer.resolver.total == recount(writer)
