"""Arabic-aware search: found whatever the spelling, ranked, filtered, shown with the match marked."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.store import Store
from marsad.store.search import to_match

from .documents import make_doc, write

ARTICLES = {
    "withdrawal": ("والانسحاب الأميركي من العراق سيكتمل نهاية العام، بحسب بيان لقيادة العمليات المشتركة.", "العمليات المشتركة: الانسحاب مستمر"),
    "congress": ("صوت الكونجرس على قرار يطالب الرئيس ترمب بسحب القوات الأمريكية من سوريا خلال ستة أشهر.", "الكونجرس يصوت على سحب القوات"),
    "health": ("افتتحت وزارة الصحّة مستشفى جديدا في البصرة بسعة ٢٠٠ سرير، ضمن خطة لتطوير الخدمات الطبية.", "مستشفى جديد في البصرة"),
    "russia": ("أعلنت موسكو انسحاب وحدات روسية من قاعدة حميميم في سوريا بعد انتهاء المناورات.", "روسيا تسحب وحدات من حميميم"),
}


@pytest.fixture
def store(db: Path) -> Store:
    docs = []
    for index, (name, (text, title)) in enumerate(ARTICLES.items()):
        docs.append(make_doc(text, published=f"2021-11-{10 + index}", title=title, url=f"https://n.example/{name}"))
    write(db, docs)
    return Store(db)


def urls(store: Store, query: str, **filters: object) -> list[str]:
    return [h.article.url.rsplit("/", 1)[-1] for h in store.search(query, **filters).hits]  # type: ignore[union-attr, arg-type]


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("الانسحاب الأمريكي", ["withdrawal"]),  # written والانسحاب الأميركي
        ("الكونغرس", ["congress"]),  # written الكونجرس
        ("ترامب", ["congress"]),  # written ترمب
        ("الأميركية", ["congress"]),  # written الأمريكية
        ("الصحة", ["health"]),  # written with a shadda
        ("200 سرير", ["health"]),  # written in Arabic-Indic digits
        ("سوريا", ["congress", "russia"]),
        ("الانسحاب الروسي", ["russia"]),  # written انسحاب وحدات روسية
        ("الانسحاب الإيراني", []),
    ],
)
def test_search_finds_what_an_analyst_types(store: Store, query: str, found: list[str]) -> None:
    assert sorted(urls(store, query)) == sorted(found)


def test_search_word_start_matches_gender_and_number(store: Store) -> None:
    assert sorted(urls(store, "الأمريكي")) == ["congress", "withdrawal"]  # finds الأمريكية and الأميركي
    assert urls(store, "روسي") == ["russia"]  # finds روسية


def test_search_phrase_or_and_not(store: Store) -> None:
    assert urls(store, '"القوات الأمريكية"') == ["congress"]
    assert urls(store, '"الأمريكية القوات"') == []
    assert sorted(urls(store, "حميميم OR البصرة")) == ["health", "russia"]
    assert urls(store, "سوريا -موسكو") == ["congress"]


def test_search_title_ranks_first(db: Path) -> None:
    write(db, [
        make_doc("قال مسؤول إن المستشفى الميداني في الموصل سيغلق قريبا بعد تراجع الإصابات.", title="الموصل: تراجع الإصابات", url="https://n.example/body"),
        make_doc("أغلقت السلطات المستشفى الميداني في الموصل بعد تراجع الإصابات.", title="إغلاق المستشفى الميداني", url="https://n.example/title"),
    ])
    assert urls(Store(db), "المستشفى الميداني") == ["title", "body"]


def test_search_filters_by_day_type_and_entity(filled: Path) -> None:
    store = Store(filled)
    assert [h.article.id for h in store.search("").hits] == [4, 3, 2, 1]  # no words: newest first
    assert [h.article.id for h in store.search("", since="2021-11-12", until="2021-11-14").hits] == [3, 2]
    assert [h.article.id for h in store.search("الحكومة", type="AGREE").hits] == [4]
    [kadhimi] = store.find_entities("رئيس الوزراء مصطفى الكاظمي")
    assert sorted(h.article.id for h in store.search("بغداد", entity=kadhimi.id).hits) == [1, 2]


def test_search_snippet_marks_the_matched_words(store: Store) -> None:
    [hit] = store.search("الانسحاب الأمريكي").hits
    marked = [hit.snippet.text[a:b] for a, b in hit.snippet.highlights]
    assert marked == ["والانسحاب", "الأميركي"]
    doc = store.document(hit.article.id)
    a, b = hit.snippet.highlights[0]
    assert doc.text[hit.snippet.start + a : hit.snippet.start + b] == "والانسحاب"


@pytest.mark.parametrize(("query", "expression"), [
    ("", None),
    ("، .", None),
    ("في", '"في"'),
    ("الانسحاب الأمريكي", '"انسحاب"* AND "امريكي"*'),
    ('"قوات التحالف"', '("قوات"* + "تحالف"*)'),
])
def test_search_query_becomes_fts(query: str, expression: str | None) -> None:
    assert to_match(query) == expression


def test_search_common_query_is_ranked_among_the_latest(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from marsad.store import read

    write(db, [make_doc(f"عقد مجلس المحافظة جلسته رقم {n} لمناقشة مشاريع الخدمات في الأحياء.", url=f"https://n.example/{n}")
               for n in range(12)])
    monkeypatch.setattr(read, "RANK_WINDOW", 5)
    result = Store(db).search("مجلس المحافظة", limit=3)
    assert result.ranked_within == 5 and result.more
    assert all(hit.article.id >= 8 for hit in result.hits)  # only the latest five (8–12) were ranked
    assert Store(db).search("مجلس المحافظة", since="2021-01-01", limit=3).hits


def test_search_filtered_query_walks_the_latest_matches_in_chunks(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from marsad.store import read

    from .documents import E, Facts

    docs = []
    for n in range(12):
        text = f"عقد مجلس المحافظة جلسته رقم {n} في البصرة لمناقشة مشاريع الخدمات."
        facts = Facts(entities={"e1": E("البصرة", "LOC", "Basra")}) if n % 3 == 0 else None
        docs.append(make_doc(text, facts, url=f"https://n.example/{n}", published=f"2021-11-{n + 1:02d}"))
    write(db, docs)
    store = Store(db)
    [basra] = store.find_entities("البصرة")
    assert sorted(h.article.id for h in store.search("مجلس المحافظة", entity=basra.id).hits) == [1, 4, 7, 10]
    dated = store.search("مجلس المحافظة", since="2021-11-05", until="2021-11-08", limit=10)
    assert sorted(h.article.id for h in dated.hits) == [5, 6, 7, 8] and dated.ranked_within is None
    monkeypatch.setattr(read, "SCAN_CHUNK", 2)
    monkeypatch.setattr(read, "RANK_BUDGET", 4)
    monkeypatch.setattr(read, "SCAN_MAX", 6)
    result = store.search("مجلس المحافظة", entity=basra.id, limit=1)
    # Six matches scanned (12 down to 7): the two Basra articles among them are ranked.
    assert [h.article.id for h in result.hits][0] in (7, 10) and result.ranked_within == 2 and result.more
