"""Watch-lists: TOML and API definitions, matching rules, the Atom feed."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest

from marsad.errors import ConfigError, InputError, NotFoundError
from marsad.web.watch import Registry, Watchlist, check, compile, dumps, match, parse, parse_since
from tests.web.conftest import TOKEN, Built, make_client
from tests.web.corpus import FOLLOW_UP, RATES, WITHDRAWAL, document
from tests.web.test_app import assert_error

ATOM = "{http://www.w3.org/2005/Atom}"
LISTS = """
[watch.withdrawal]
title = "انسحاب القوات الأجنبية"
entities = ["التحالف الدولي"]
event_types = ["RETREAT"]

[watch.inflation]
words = ["التضخم"]

[watch.khaleej]
outlets = ["khaleej.example"]
"""


def test_watch_parse_reads_toml_tables() -> None:
    lists = parse(LISTS, origin="file", where="lists.toml")
    assert sorted(lists) == ["inflation", "khaleej", "withdrawal"]
    assert lists["withdrawal"].event_types == ["RETREAT"] and lists["withdrawal"].title == "انسحاب القوات الأجنبية"


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("[watch.x]\nevent_types = [\"PARTY\"]\n", "PARTY"),
        ("[watch.x]\ntitle = \"فارغة\"\n", "no criteria"),
        ("[watch.x]\nwords = [\"نفط\"]\ncolour = \"red\"\n", "colour"),
        ("[lists.x]\nwords = [\"نفط\"]\n", "[watch.NAME]"),
        ("[watch.x]\nwords = \"نفط\"\n", "watch.x"),
        ("[watch.\"a b\"]\nwords = [\"نفط\"]\n", "a b"),
        ("not toml at all [", "not valid TOML"),
    ],
)
def test_watch_parse_rejects_bad_files_with_the_reason(text: str, needle: str) -> None:
    with pytest.raises(ConfigError, match=None) as error:
        parse(text, origin="file", where="lists.toml")
    assert needle in error.value.message and "lists.toml" in error.value.message


def test_watch_dumps_round_trips_awkward_strings() -> None:
    w = Watchlist(name="قائمة-1", title='عنوان "مقتبس" \\ وسطر\nجديد', words=["نفط", 'a"b'], origin="api")
    again = parse(dumps([w]), origin="api", where="x")
    assert again["قائمة-1"] == w


@pytest.mark.parametrize("value", ["24h", "7d", "2w", "2024-03-01", "2024-03-01T10:00:00+03:00"])
def test_watch_parse_since_understands_spans_and_days(value: str) -> None:
    assert parse_since(value).tzinfo is not None


def test_watch_parse_since_rejects_other_forms() -> None:
    with pytest.raises(InputError, match="24h"):
        parse_since("yesterday")


def test_watch_match_needs_every_group_and_any_item() -> None:
    lists = parse(LISTS, origin="file", where="x")
    withdrawal, follow_up, rates = document(WITHDRAWAL), document(FOLLOW_UP), document(RATES)
    facts = match(compile(lists["withdrawal"]), withdrawal)
    assert facts is not None and {f.value for f in facts if f.kind == "event"} >= {"RETREAT"}
    assert all(f.anchor for f in facts)
    assert match(compile(lists["withdrawal"]), rates) is None  # neither the entity nor the event type
    assert match(compile(lists["inflation"]), rates) is not None
    assert match(compile(lists["inflation"]), withdrawal) is None
    # The entity alone is not enough when an event type is asked for too.
    only_entity = check(Watchlist(name="x", entities=["التحالف الدولي"], event_types=["SANCTION"]), where="t")
    assert match(compile(only_entity), follow_up) is None


def test_watch_match_finds_words_through_clitics_and_spelling() -> None:
    spelling = check(Watchlist(name="x", words=["الخارجية الأميركية"]), where="t")  # the text writes الأمريكية
    facts = match(compile(spelling), document(FOLLOW_UP))
    assert facts and "وزارة الخارجية الأمريكية" in facts[0].text
    clitic = check(Watchlist(name="x", words=["انسحاب"]), where="t")  # the text writes لانسحاب and الانسحاب
    facts = match(compile(clitic), document(WITHDRAWAL))
    assert facts and {f.kind for f in facts} == {"words"} and all(f.anchor.startswith("s-") for f in facts)
    assert len(facts) == 2  # one fact per sentence
    order = check(Watchlist(name="x", words=["الأميركية الخارجية"]), where="t")  # a phrase keeps its order
    assert match(compile(order), document(FOLLOW_UP)) is None


def test_watch_registry_keeps_api_lists_beside_the_store(tmp_path: Path) -> None:
    lists = tmp_path / "lists.toml"
    lists.write_text(LISTS, encoding="utf-8")
    registry = Registry(file=lists, api_file=tmp_path / "marsad.watchlists.toml")
    registry.put(check(Watchlist(name="oil", words=["النفط"]), where="t"))
    assert Registry(file=lists, api_file=tmp_path / "marsad.watchlists.toml").get("oil").origin == "api"
    from marsad.web.errors import WebError

    with pytest.raises(WebError) as clash:
        registry.put(check(Watchlist(name="inflation", words=["الأسعار"]), where="t"))
    assert clash.value.status == 409
    registry.delete("oil")
    with pytest.raises(NotFoundError):
        registry.get("oil")


def test_watch_api_defines_lists_with_the_token(writable: Built) -> None:
    api = make_client(writable.path)
    auth = {"authorization": f"Bearer {TOKEN}"}
    assert_error(api.put("/api/v1/watchlists/oil", json={"words": ["النفط"]}), 401)
    assert_error(api.put("/api/v1/watchlists/oil", json={"event_types": ["PARTY"]}, headers=auth), 422)
    assert_error(api.put("/api/v1/watchlists/oil", json={}, headers=auth), 422)
    created = api.put("/api/v1/watchlists/withdrawal", json={"title": "انسحاب", "event_types": ["RETREAT"]}, headers=auth)
    assert created.status_code == 200 and created.json()["origin"] == "api"
    assert [w["name"] for w in api.get("/api/v1/watchlists").json()] == ["withdrawal"]
    matches = api.get("/api/v1/watchlists/withdrawal/matches", params={"since": "1d"}).json()
    assert [h["article"]["id"] for h in matches["hits"]] == [writable.ids["withdrawal"]]
    assert writable.path.with_name("marsad.watchlists.toml").exists()
    assert api.delete("/api/v1/watchlists/withdrawal", headers=auth).status_code == 200
    assert_error(api.get("/api/v1/watchlists/withdrawal"), 404)


def test_watch_atom_feed_lists_matches_with_linked_facts(corpus_store: Built, tmp_path: Path) -> None:
    lists = tmp_path / "lists.toml"
    lists.write_text(LISTS, encoding="utf-8")
    api = make_client(corpus_store.path, watchlists=lists)
    response = api.get("/watch/withdrawal.atom")
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title == "مرصد · انسحاب القوات الأجنبية"
    links = sorted(e.link for e in feed.entries)
    assert links == sorted(f"http://testserver/article/{corpus_store.ids[k]}" for k in ("withdrawal", "follow-up"))
    for entry in feed.entries:
        assert "#f-v" in entry.summary and 'dir="rtl"' in entry.summary
    page = api.get("/watch/withdrawal")
    assert page.status_code == 200 and 'type="application/atom+xml"' in page.text
