"""The reading room's pages: right to left, every fact shown, usable without JavaScript."""

from __future__ import annotations

import re

import pytest

from tests.web.conftest import Built
from tests.web.test_api import pages


def test_pages_are_arabic_first_rtl_and_script_free(client: object, corpus_store: Built) -> None:
    for path in pages(corpus_store):
        html = client.get(path).text  # type: ignore[attr-defined]
        assert html.startswith("<!doctype html>\n<html dir=\"rtl\" lang=\"ar\">"), path
        assert "<script" not in html, path  # everything works without JavaScript
        assert 'href="/static/marsad.css"' in html
        assert "http" not in html.split("</head>")[0], path  # no CDN: every resource is served here
        assert not re.search(r'<(img|iframe|object|embed)\b[^>]*src="https?:', html), path


def test_pages_static_css_is_bundled_and_has_tooltips_without_script(client: object) -> None:
    css = client.get("/static/marsad.css").text  # type: ignore[attr-defined]
    assert ".f:hover:not(:has(.f:hover)) > .tip, .f:focus > .tip" in css
    assert "overflow-wrap: anywhere" in css
    assert "@import" not in css and "url(http" not in css  # nothing from the network


def test_pages_article_highlights_every_kind_with_a_legend(client: object, corpus_store: Built) -> None:
    html = client.get(f"/article/{corpus_store.ids['withdrawal']}").text  # type: ignore[attr-defined]
    for kind in ("person", "org", "loc", "date", "quantity", "quote", "event", "commitment"):
        assert f'class="f f-{kind}' in html, kind
        assert f"sw-{kind}" in html, kind  # legend swatch
    assert 'role="tooltip"' in html and 'aria-describedby="f-d' in html
    assert 'tabindex="0"' in html  # non-link facts are keyboard stops
    assert '<a class="f f-person" data-kind="PERSON"' in html  # names link to their entity page
    assert "Samer al-Jubouri" in html and "2024-03-12" in html
    assert 'href="/story/' in html
    assert "نسخ أخرى من الخبر" in html  # the syndicated copy is listed
    assert '<span class="badge overdue">فات موعده <time>2024</time> (نهاية)</span>' in html  # end of 2024 has passed


def test_pages_entity_page_shows_names_events_chart_and_timeline(client: object) -> None:
    html = client.get("/entities?name=التحالف").text  # type: ignore[attr-defined]
    entity_id = re.search(r'href="/entity/(\d+)" class="name"><bdi>التحالف الدولي', html).group(1)  # type: ignore[union-attr]
    page = client.get(f"/entity/{entity_id}").text  # type: ignore[attr-defined]
    for heading in ("الأسماء والألقاب", "يُذكر معه", "الذكر عبر الزمن", "الخط الزمني", "أحداث هو فاعلها", "أحداث وقعت عليه", "المقالات"):
        assert heading in page, heading
    assert '<svg class="chart bars" role="img"' in page and '<svg class="chart timeline" role="img"' in page
    assert "RETREAT" in page and "International Coalition" in page
    assert page.count('<circle class="dot') >= 3


def test_pages_story_page_folds_copies_and_has_a_timeline(client: object, corpus_store: Built) -> None:
    article = client.get(f"/api/v1/articles/{corpus_store.ids['withdrawal']}").json()  # type: ignore[attr-defined]
    page = client.get(f"/story/{article['story']['id']}").text  # type: ignore[attr-defined]
    assert page.count(f'href="/article/{corpus_store.ids["withdrawal"]}"') >= 1
    assert f'href="/article/{corpus_store.ids["copy"]}"' not in page.split('aria-labelledby="h-timeline"')[0]  # copy folded
    assert "نسخ مكررة" in page
    assert '<svg class="chart timeline"' in page


def test_pages_search_marks_matched_words(client: object) -> None:
    page = client.get("/search", params={"q": "والانسحاب"}).text  # type: ignore[attr-defined]
    assert '<p class="snippet">' in page and "<mark>" in page
    assert re.search(r"<mark>[^<]*انسحاب[^<]*</mark>", page)


@pytest.mark.parametrize(("path", "text"), [
    ("/quotes?speaker=العتيبي", "جاذبية الدينار"),
    ("/commitments?status=overdue", "استكمال الانسحاب"),
    ("/", "أحدث المقالات"),
    ("/stories", "قيادة العمليات المشتركة تبحث"),
])
def test_pages_show_what_they_list(client: object, path: str, text: str) -> None:
    response = client.get(path)  # type: ignore[attr-defined]
    assert response.status_code == 200 and text in response.text


def test_pages_analyze_form_works_without_script(client: object) -> None:
    form = client.get("/analyze").text  # type: ignore[attr-defined]
    assert '<form method="post" action="/analyze">' in form
    result = client.post("/analyze", data={"text": "وصل وزير الخارجية إلى بغداد صباح الخميس.", "published": "2024-03-14"})  # type: ignore[attr-defined]
    assert result.status_code == 200 and 'class="article-text"' in result.text
    empty = client.post("/analyze", data={"text": "  "})  # type: ignore[attr-defined]
    assert empty.status_code == 422 and 'role="alert"' in empty.text


def test_pages_api_index_lists_operations(client: object) -> None:
    page = client.get("/api").text  # type: ignore[attr-defined]
    assert "/api/v1/analyze" in page and "/watch/{name}.atom" in page
