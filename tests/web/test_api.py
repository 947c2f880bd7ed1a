"""The JSON API: analyse, ingest with its token, and a JSON twin for every page."""

from __future__ import annotations

import re

import pytest

from marsad.document import Document
from tests.web.conftest import TOKEN, Built, make_client
from tests.web.test_app import assert_error

ARTICLE = (
    "أعلنت وزارة الكهرباء العراقية، الأحد، أنها وقعت عقدا مع شركة سيمنس لإنشاء محطة تنتج 500 ميغاواط في البصرة.\n\n"
    "وقال المتحدث باسم الوزارة، أحمد موسى، إن «المحطة ستدخل الخدمة قبل صيف 2025»."
)


def test_api_analyze_returns_a_document_that_round_trips(client: object) -> None:
    response = client.post("/api/v1/analyze", json={"text": ARTICLE, "published": "2024-05-12", "title": "عقد الكهرباء"})  # type: ignore[attr-defined]
    assert response.status_code == 200
    data = response.json()
    assert data["schema"] == "marsad.document/1"
    doc = Document.from_dict(data)
    assert doc.text == ARTICLE and doc.published == "2024-05-12" and doc.title == "عقد الكهرباء"
    assert doc.sentences and all(doc.text[s.start:s.end] for s in doc.sentences)


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ({}, "text"),
        ({"text": ""}, "text"),
        ({"text": 12}, "text"),
        ({"text": "نص", "published": "أمس"}, "YYYY-MM-DD"),
        ({"text": "نص", "extra": 1}, "extra"),
    ],
)
def test_api_analyze_rejects_bad_input_with_a_clear_422(client: object, body: dict[str, object], needle: str) -> None:
    error = assert_error(client.post("/api/v1/analyze", json=body), 422)  # type: ignore[attr-defined]
    assert needle in str(error["error"])


def test_api_ingest_needs_the_token(writable: Built) -> None:
    api = make_client(writable.path, token=TOKEN)
    assert_error(api.post("/api/v1/articles", json={"text": ARTICLE}), 401)
    wrong = api.post("/api/v1/articles", json={"text": ARTICLE}, headers={"authorization": "Bearer nope"})
    assert_error(wrong, 401)
    assert wrong.headers["www-authenticate"].startswith("Bearer")


def test_api_ingest_is_refused_entirely_without_marsad_token(writable: Built) -> None:
    api = make_client(writable.path, token=None)
    error = assert_error(api.post("/api/v1/articles", json={"text": ARTICLE}, headers={"authorization": f"Bearer {TOKEN}"}), 403)
    assert "MARSAD_TOKEN" in str(error["error"])


def test_api_ingest_reads_marsad_token_from_the_environment(writable: Built, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MARSAD_TOKEN", "from-env")
    from fastapi.testclient import TestClient

    from marsad.web.app import WebConfig, create_app

    api = TestClient(create_app(WebConfig(db=writable.path)))
    response = api.post("/api/v1/articles", json={"text": ARTICLE, "published": "2024-05-12"}, headers={"authorization": "Bearer from-env"})
    assert response.status_code == 201


def test_api_ingest_stores_once_and_the_article_is_served(writable: Built) -> None:
    api = make_client(writable.path)
    auth = {"authorization": f"Bearer {TOKEN}"}
    body = {"text": ARTICLE, "published": "2024-05-12", "title": "عقد الكهرباء", "url": "https://example.org/power", "source": "الصباح"}
    first = api.post("/api/v1/articles", json=body, headers=auth)
    assert first.status_code == 201, first.text
    stored = first.json()
    assert stored["ok"] is True and stored["status"] == "stored" and stored["id"]
    again = api.post("/api/v1/articles", json=body, headers=auth)
    assert again.status_code == 200 and again.json()["status"] == "unchanged" and again.json()["id"] == stored["id"]
    changed = api.post("/api/v1/articles", json={**body, "text": ARTICLE + "\n\nوأضاف موسى أن العمل بدأ."}, headers=auth)
    assert changed.status_code == 201 and changed.json()["status"] == "revised" and changed.json()["id"] != stored["id"]
    page = api.get(f"/api/v1/articles/{changed.json()['id']}").json()
    assert page["document"]["text"].endswith("وأضاف موسى أن العمل بدأ.")
    assert api.get("/api/v1/search", params={"q": "ميغاواط"}).json()["hits"]


def test_api_ingest_rejects_bad_input(writable: Built) -> None:
    api = make_client(writable.path)
    auth = {"authorization": f"Bearer {TOKEN}"}
    assert_error(api.post("/api/v1/articles", json={"text": ARTICLE, "published": "2024-13-40"}, headers=auth), 422)
    assert_error(api.post("/api/v1/articles", json={"title": "بلا نص"}, headers=auth), 422)


# Every page and its JSON twin: the twin is linked from the page and returns what it shows.
def pages(built: Built) -> list[str]:
    ids = built.ids
    return [
        "/", "/articles", f"/article/{ids['withdrawal']}", "/entities", "/entities?name=الجبوري", "/entity/1", "/stories", "/story/1",
        "/search?q=الانسحاب+الأميركي", "/search?entity=الجبوري", "/quotes", "/quotes?speaker=الجبوري", "/quotes?words=القوات+الأجنبية",
        "/commitments", "/commitments?status=overdue", "/watch",
    ]


def test_api_every_page_has_a_json_twin(client: object, corpus_store: Built) -> None:
    for path in pages(corpus_store):
        page = client.get(path)  # type: ignore[attr-defined]
        assert page.status_code == 200, (path, page.text[:300])
        found = re.search(r'<link rel="alternate" type="application/json" href="([^"]+)">', page.text)
        assert found, path
        twin = client.get(found.group(1).replace("&amp;", "&"))  # type: ignore[attr-defined]
        assert twin.status_code == 200 and twin.headers["content-type"].startswith("application/json"), (path, found.group(1))


def test_api_article_twin_keeps_the_document_contract(client: object, corpus_store: Built) -> None:
    page = client.get(f"/api/v1/articles/{corpus_store.ids['withdrawal']}").json()  # type: ignore[attr-defined]
    doc = Document.from_dict(page["document"])
    assert doc.title and doc.entities and doc.quotes and doc.events and doc.commitments
    assert set(page["entities"]) == {e.id for e in doc.entities}
    assert page["story"]["id"]
    copy = corpus_store.ids["copy"]
    assert copy in [a["id"] for a in page["duplicates"]]


def test_api_search_folds_spelling_and_clitics(client: object) -> None:
    hits = client.get("/api/v1/search", params={"q": "والانسحاب الأمريكي"}).json()["hits"]  # type: ignore[attr-defined]
    titles = [h["article"]["title"] for h in hits]
    assert any("واشنطن" in t for t in titles)
    for hit in hits:
        for mark in hit["highlights"]:
            assert 0 <= mark["start"] < mark["end"] <= len(hit["snippet"])


def test_api_entity_twin_has_everything_the_page_shows(client: object) -> None:
    found = client.get("/api/v1/entities", params={"name": "التحالف الدولي"}).json()["entities"]  # type: ignore[attr-defined]
    entity = client.get(f"/api/v1/entities/{found[0]['id']}").json()  # type: ignore[attr-defined]
    assert entity["entity"]["latin"] == "International Coalition"
    assert entity["events_as_actor"] and entity["events_as_target"]
    assert entity["co_occurring"] and entity["mentions_over_time"] and entity["articles"]
    kinds = {t["kind"] for t in entity["timeline"]}
    assert {"event", "commitment"} <= kinds
    dates = [t["first_day"] for t in entity["timeline"]]
    assert dates == sorted(dates)


def test_api_quotes_finder_by_speaker_and_by_words(client: object) -> None:
    by_speaker = client.get("/api/v1/quotes", params={"speaker": "الجبوري"}).json()  # type: ignore[attr-defined]
    assert by_speaker["total"] == 2 and all(q["speaker"]["canonical"] == "سامر الجبوري" for q in by_speaker["quotes"])
    by_words = client.get("/api/v1/quotes", params={"words": "القوات الأجنبية"}).json()  # type: ignore[attr-defined]
    assert [q["text"] for q in by_words["quotes"]] == ["«الحاجة إلى القوات الأجنبية تراجعت كثيرا»"]
    nobody = client.get("/api/v1/quotes", params={"speaker": "شخص لا وجود له"}).json()  # type: ignore[attr-defined]
    assert nobody["quotes"] == []


def test_api_commitments_due_and_overdue(client: object) -> None:
    overdue = client.get("/api/v1/commitments", params={"status": "overdue"}).json()  # type: ignore[attr-defined]
    assert overdue["commitments"] and all(c["overdue"] for c in overdue["commitments"])
    due = client.get("/api/v1/commitments", params={"status": "due"}).json()  # type: ignore[attr-defined]
    assert all(not c["overdue"] for c in due["commitments"])
    every = client.get("/api/v1/commitments", params={"status": "all"}).json()  # type: ignore[attr-defined]
    assert len(every["commitments"]) >= len(overdue["commitments"]) + len(due["commitments"])


def test_api_components_and_health(client: object) -> None:
    names = [c["name"] for c in client.get("/api/v1/components").json()]  # type: ignore[attr-defined]
    assert "clean" in names and "sentences" in names
    health = client.get("/api/v1/health").json()  # type: ignore[attr-defined]
    assert health == {"ok": True, "version": health["version"], "store": True, "articles": 4, "ingest": True}  # copies included
