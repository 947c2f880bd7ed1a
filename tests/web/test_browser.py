"""The reading room in Debian's chromium (Playwright, page scripts off), against a live server.

Open an article, see its highlights, hover and focus a date and read its value, follow an
entity, search. Screenshots go to tests/artifacts/ (git-ignored); the article and entity
screenshots the README shows are written to docs/screenshots/ by these tests.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.web.conftest import ARTIFACTS, SCREENSHOTS, Built

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser_context: object) -> Iterator[object]:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    tab = browser_context.new_page()  # type: ignore[attr-defined]
    try:
        yield tab
    finally:
        tab.close()


def no_horizontal_scroll(page: object) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth"))  # type: ignore[attr-defined]


def test_browser_article_shows_highlights_and_date_values(page: object, live_server: str, corpus_store: Built) -> None:
    page.goto(f"{live_server}/article/{corpus_store.ids['withdrawal']}")  # type: ignore[attr-defined]
    assert page.locator("html").get_attribute("dir") == "rtl"  # type: ignore[attr-defined]
    for kind in ("person", "org", "loc", "date", "quantity", "quote", "event", "commitment"):
        assert page.locator(f"#article-text .f-{kind}").count() >= 1, kind  # type: ignore[attr-defined]
    assert page.locator(".legend li").count() == 8  # type: ignore[attr-defined]
    date = page.locator("#article-text mark.f-date").first  # type: ignore[attr-defined]
    tip = date.locator(".tip")
    assert not tip.is_visible()
    date.hover()
    assert tip.is_visible() and "2024-03-12" in tip.inner_text()
    page.screenshot(path=str(ARTIFACTS / "article-hover-date.png"))  # type: ignore[attr-defined]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "article.png"))  # type: ignore[attr-defined]  # for the README: a date's value shown
    page.mouse.move(0, 0)  # type: ignore[attr-defined]
    assert not tip.is_visible()
    # Keyboard: the date is a tab stop and shows the same value on focus.
    date.focus()
    assert page.evaluate("document.activeElement.classList.contains('f-date')")  # type: ignore[attr-defined]
    assert tip.is_visible()
    describedby = date.get_attribute("aria-describedby")
    assert page.locator(f"#{describedby}").inner_text() == tip.inner_text()  # type: ignore[attr-defined]
    page.mouse.move(0, 0)  # type: ignore[attr-defined]
    page.evaluate("document.activeElement.blur()")  # type: ignore[attr-defined]
    assert no_horizontal_scroll(page)
    page.screenshot(path=str(ARTIFACTS / "article.png"), full_page=True)  # type: ignore[attr-defined]


def test_browser_follow_an_entity_from_the_article(page: object, live_server: str, corpus_store: Built) -> None:
    page.goto(f"{live_server}/article/{corpus_store.ids['withdrawal']}")  # type: ignore[attr-defined]
    coalition = page.locator("#article-text a.f-org", has_text="التحالف الدولي").first  # type: ignore[attr-defined]
    coalition.click()
    page.wait_for_url("**/entity/*")  # type: ignore[attr-defined]
    assert page.locator("h1").inner_text().strip().startswith("التحالف الدولي")  # type: ignore[attr-defined]
    assert "International Coalition" in page.locator("h1").inner_text()  # type: ignore[attr-defined]
    assert page.locator("svg.chart.timeline circle").count() >= 3  # type: ignore[attr-defined]
    assert page.locator("svg.chart.bars rect.bar").count() >= 1  # type: ignore[attr-defined]
    assert page.locator("text=أحداث هو فاعلها").count() == 1  # type: ignore[attr-defined]
    assert no_horizontal_scroll(page)
    page.screenshot(path=str(ARTIFACTS / "entity.png"), full_page=True)  # type: ignore[attr-defined]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    timeline_bottom = page.evaluate("document.querySelector('svg.chart.timeline').getBoundingClientRect().bottom + window.scrollY")  # type: ignore[attr-defined]
    clip = {"x": 0, "y": 0, "width": 1280, "height": min(int(timeline_bottom) + 24, 1800)}
    page.screenshot(path=str(SCREENSHOTS / "entity.png"), full_page=True, clip=clip)  # type: ignore[attr-defined]
    # A timeline dot links back to the highlighted fact in its article.
    href = page.locator("svg.chart.timeline a").first.get_attribute("href")  # type: ignore[attr-defined]
    page.goto(f"{live_server}{href}")  # type: ignore[attr-defined]
    anchor = href.split("#", 1)[1]
    assert page.locator(f"#{anchor}").count() == 1  # type: ignore[attr-defined]


def test_browser_search_from_the_top_bar(page: object, live_server: str) -> None:
    page.goto(f"{live_server}/")  # type: ignore[attr-defined]
    page.fill("#quick-q", "والانسحاب الأميركي")  # type: ignore[attr-defined]
    page.press("#quick-q", "Enter")  # type: ignore[attr-defined]
    page.wait_for_url("**/search?q=*")  # type: ignore[attr-defined]
    hits = page.locator("li.hit")  # type: ignore[attr-defined]
    assert hits.count() >= 1
    assert page.locator(".snippet mark").count() >= 1  # type: ignore[attr-defined]
    page.screenshot(path=str(ARTIFACTS / "search.png"), full_page=True)  # type: ignore[attr-defined]
    hits.first.locator("a").first.click()
    page.wait_for_url("**/article/*")  # type: ignore[attr-defined]
    assert page.locator("#article-text .f").count() > 5  # type: ignore[attr-defined]


def test_browser_hostile_article_stays_contained(page: object, live_server: str, hostile_store: Built) -> None:
    # The hostile store is served by its own server here: a second app on another port.
    import threading
    import time

    import uvicorn

    from marsad.web.app import WebConfig, create_app
    from tests.web.conftest import free_port

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(WebConfig(db=hostile_store.path, token=None)), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    try:
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))  # type: ignore[attr-defined]
        page.goto(f"http://127.0.0.1:{port}/article/{hostile_store.ids['hostile']}")  # type: ignore[attr-defined]
        assert dialogs == []
        assert page.locator("#article-text script, #article-text iframe, h1 img").count() == 0  # type: ignore[attr-defined]
        assert page.locator("#article-text .ctl").count() >= 4  # type: ignore[attr-defined]
        assert no_horizontal_scroll(page)  # the 3,000-letter word wraps
        page.screenshot(path=str(ARTIFACTS / "hostile.png"), full_page=True)  # type: ignore[attr-defined]
    finally:
        server.should_exit = True
        thread.join(timeout=10)
