"""Hostile article text, escaped everywhere: every page, feed and twin of a store that holds it."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from marsad.web.safe import BIDI_CONTROLS, body, finalize, plain
from tests.web.conftest import Built

RAW_MARKUP = re.compile(r"<(script|iframe|img|b|i|u)[\s>]", re.IGNORECASE)


@pytest.mark.parametrize("control", list(BIDI_CONTROLS))
def test_safe_plain_drops_direction_controls(control: str) -> None:
    assert plain(f"عنوان{control}معكوس") == "عنوانمعكوس"


def test_safe_body_shows_controls_and_escapes() -> None:
    html = str(body("قال <script>x</script> \u202eمعكوس"))
    assert "&lt;script&gt;" in html and "\u202e" not in html
    assert '<span class="ctl" title="U+202E RIGHT-TO-LEFT OVERRIDE">U+202E</span>' in html


@pytest.mark.parametrize("text", ["a\x00b", "a\x0bb", "a\ufffeb"])
def test_safe_removes_characters_xml_forbids(text: str) -> None:
    assert plain(text) == "ab"


def test_safe_finalize_leaves_markup_and_none() -> None:
    from markupsafe import Markup

    assert finalize(Markup("<b>x</b>")) == Markup("<b>x</b>")
    assert finalize(None) == ""
    assert finalize(3) == 3


def hostile_pages(built: Built) -> list[str]:
    hostile = built.ids["hostile"]
    return [
        "/", "/articles", f"/article/{hostile}", "/entities", "/stories", "/search?q=الهجوم", "/search?q=المتحدث",
        "/quotes", "/commitments?status=all", "/entity/" + "{entity}", "/story/{story}",
    ]


def test_safe_every_page_escapes_the_hostile_article(hostile_client: object, hostile_store: Built) -> None:
    api = hostile_client
    article = api.get(f"/api/v1/articles/{hostile_store.ids['hostile']}").json()  # type: ignore[attr-defined]
    entity = next(ref["id"] for ref in article["entities"].values() if "النجار" in ref["canonical"])
    story = article["story"]["id"]
    for path in hostile_pages(hostile_store):
        path = path.replace("{entity}", entity).replace("{story}", story)
        response = api.get(path)  # type: ignore[attr-defined]
        assert response.status_code == 200, path
        html = response.text
        assert not RAW_MARKUP.search(html), (path, RAW_MARKUP.search(html))
        assert not any(c in html for c in BIDI_CONTROLS), path
        assert 'href="javascript:' not in html.lower(), path
        assert "onerror=" not in html or "&lt;img" in html, path


def test_safe_article_page_shows_the_hostile_url_as_text_only(hostile_client: object, hostile_store: Built) -> None:
    html = hostile_client.get(f"/article/{hostile_store.ids['hostile']}").text  # type: ignore[attr-defined]
    assert '<span class="latin">javascript:alert(document.cookie)</span>' in html
    assert "ب" * 3000 in html  # the long word is kept whole; CSS wraps it (overflow-wrap: anywhere)


def test_safe_json_keeps_the_text_exactly(hostile_client: object, hostile_store: Built) -> None:
    data = hostile_client.get(f"/api/v1/articles/{hostile_store.ids['hostile']}").json()  # type: ignore[attr-defined]
    assert "<script>alert('xss')</script>" in data["document"]["text"] and "\u202e" in data["document"]["text"]


def test_safe_atom_feed_of_hostile_text_is_well_formed(hostile_store: Built, tmp_path: object) -> None:
    from tests.web.conftest import make_client

    lists = tmp_path / "w.toml"  # type: ignore[operator]
    lists.write_text('[watch.attacks]\nevent_types = ["ASSAULT"]\n', encoding="utf-8")
    api = make_client(hostile_store.path, watchlists=lists)
    feed = api.get("/watch/attacks.atom", params={"since": "3650d"})
    assert feed.status_code == 200 and feed.headers["content-type"].startswith("application/atom+xml")
    root = ET.fromstring(feed.content)
    entries = root.findall("{http://www.w3.org/2005/Atom}entry")
    assert len(entries) == 1
    title = entries[0].find("{http://www.w3.org/2005/Atom}title")
    assert title is not None and (title.text or "").startswith("<img src=x onerror=alert(1)>")  # text, escaped in the XML
    assert "<img" not in feed.text and "<script" not in feed.text
    summary = entries[0].find("{http://www.w3.org/2005/Atom}summary")
    assert summary is not None and summary.get("type") == "html"
    assert not RAW_MARKUP.search(summary.text or "")  # the HTML a reader renders holds no article markup
    assert not any(c in feed.text for c in BIDI_CONTROLS)
