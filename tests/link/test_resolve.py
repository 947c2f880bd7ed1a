"""Cross-document entity resolution: one person under many forms; namesakes kept apart."""

from __future__ import annotations

from pathlib import Path

import pytest
from store.articles import ASSAD, ASSAD_FACTS, SURNAME, SURNAME_FACTS, WITHDRAWAL, WITHDRAWAL_FACTS
from store.documents import E, Facts, make_doc, write

from marsad.store import Store


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "marsad.db"


def people(store: Store) -> dict[str, str]:
    return {e.name: e.latin for e in store.entities(type="PERSON", limit=50)}


def test_resolve_joins_title_surname_and_full_name(db: Path) -> None:
    write(db, [
        make_doc(WITHDRAWAL, WITHDRAWAL_FACTS, published="2021-11-11", url="https://a.example/1"),
        make_doc(SURNAME, SURNAME_FACTS, published="2021-11-12", url="https://b.example/2"),
        make_doc("وصل رئيس الوزراء مصطفى الكاظمي إلى طهران في زيارة رسمية تستغرق يومين.",
                 Facts(entities={"e1": E("رئيس الوزراء مصطفى الكاظمي", "PERSON", "Mustafa al-Kadhimi")}), url="https://c.example/3"),
    ])
    store = Store(db)
    matches = {e.id for form in ("الكاظمي", "مصطفى الكاظمي", "رئيس الوزراء مصطفى الكاظمي", "للكاظمي", "Kadhimi")
               for e in store.find_entities(form, type="PERSON")[:1]}
    assert len(matches) == 1
    record = store.entity(matches.pop())
    assert record.summary.name == "مصطفى الكاظمي" and record.summary.latin == "Mustafa al-Kadhimi"
    assert record.summary.articles == 3 and not record.summary.partial
    assert {alias for alias, _ in record.aliases} >= {"مصطفى الكاظمي", "الكاظمي"}
    assert record.titles[0][0] == "رئيس الوزراء"


def test_resolve_keeps_namesakes_apart(db: Path) -> None:
    write(db, [make_doc(ASSAD, ASSAD_FACTS, url="https://c.example/3")])
    found = people(Store(db))
    assert found["بشار الأسد"] == "Bashar al-Assad" and found["حافظ الأسد"] == "Hafez al-Assad"


def test_resolve_lone_surname_of_two_people_is_not_guessed(db: Path) -> None:
    write(db, [
        make_doc(ASSAD, ASSAD_FACTS, url="https://c.example/3"),
        make_doc("قال الأسد في مقابلة تلفزيونية إن المفاوضات لم تحقق شيئا.",
                 Facts(entities={"e1": E("الأسد", "PERSON", "al-Assad", None, ("الأسد",))}), url="https://d.example/4"),
    ])
    store = Store(db)
    [lone] = [e for e in store.entities(type="PERSON") if e.name == "الأسد"]
    assert lone.partial
    assert {e.name for e in store.entity(lone.id).same_surname} == {"بشار الأسد", "حافظ الأسد"}


def test_resolve_lone_surname_joins_on_title_evidence(db: Path) -> None:
    write(db, [
        make_doc(ASSAD, ASSAD_FACTS, url="https://c.example/3"),
        make_doc("أصدر الرئيس السوري الأسد مرسوما بالعفو عن مرتكبي المخالفات.",
                 Facts(entities={"e1": E("الأسد", "PERSON", "al-Assad", "الرئيس السوري", ("الأسد",))}), url="https://d.example/5"),
    ])
    store = Store(db)
    [bashar] = store.find_entities("بشار الأسد")
    assert store.entity(bashar.id).summary.articles == 2
    assert "الأسد" not in people(store)


def test_resolve_lone_surname_with_no_full_name_stays_its_own(db: Path) -> None:
    write(db, [make_doc(SURNAME, SURNAME_FACTS, url="https://b.example/2")])
    [kadhimi] = Store(db).find_entities("الكاظمي")
    assert kadhimi.partial and kadhimi.name == "الكاظمي"


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("فولوديمير زيلينسكي", "فولوديمير زيلنسكي", True),  # transliteration
        ("محمد شياع السوداني", "محمد السوداني", True),  # middle name dropped
        ("الولايات المتحدة الأميركية", "الولايات المتحدة الأمريكية", True),
        ("محمد الحلبوسي", "أحمد الحلبوسي", False),  # brothers
        ("حسين علي", "علي حسين", False),
    ],
)
def test_resolve_name_variants(db: Path, first: str, second: str, same: bool) -> None:
    kind = "LOC" if "الولايات" in first else "PERSON"
    write(db, [
        make_doc(f"التقى {first} بوفد رسمي.", Facts(entities={"e1": E(first, kind, "Latin One")}), url="https://x.example/1"),
        make_doc(f"وصل {second} إلى المدينة.", Facts(entities={"e1": E(second, kind, "Latin Two")}), url="https://x.example/2"),
    ])
    assert (len(Store(db).entities(type=kind)) == 1) is same


def test_resolve_types_stay_apart(db: Path) -> None:
    write(db, [make_doc("زار وفد من الأردن عمّان، والتقى ممثلي الأردن.",
                        Facts(entities={"e1": E("الأردن", "LOC", "Jordan"), "e2": E("عمّان", "LOC", "Amman")}), url="https://x.example/1"),
               make_doc("قال مسؤول في نادي الأردن إن الفريق جاهز.",
                        Facts(entities={"e1": E("نادي الأردن", "ORG", "Al-Ordon Club")}), url="https://x.example/2")])
    assert {e.type for e in Store(db).entities()} == {"LOC", "ORG"}
