"""E-mail digests: an SMTP sink started here receives one, and its content is checked."""

from __future__ import annotations

import email
import email.policy
import re
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path

import pytest

from marsad.web.data import Data
from marsad.web.digest import DeliveryError, groups, message, parse_server, send
from marsad.web.watch import Watchlist, check
from tests.web.conftest import Built, free_port


class Sink:
    """An SMTP server on 127.0.0.1 that keeps what it receives (aiosmtpd)."""

    def __init__(self) -> None:
        from aiosmtpd.controller import Controller

        self.received: list[EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        sink = self

        class Handler:
            async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
                sink.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))  # type: ignore[attr-defined]
                parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)  # type: ignore[attr-defined]
                sink.received.append(parsed)  # type: ignore[arg-type]
                return "250 OK"

        self.port = free_port()
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"


@pytest.fixture
def sink() -> Iterator[Sink]:
    server = Sink()
    server.controller.start()
    try:
        yield server
    finally:
        server.controller.stop()


WITHDRAWAL_LIST = Watchlist(name="withdrawal", title="انسحاب القوات", entities=["التحالف الدولي"], event_types=["RETREAT"])


def test_digest_groups_by_story_and_links_every_fact(corpus_store: Built) -> None:
    page = Data(corpus_store.path).watch(check(WITHDRAWAL_LIST, where="t"), since="1d", limit=50)
    assert {h.article.id for h in page.hits} == {corpus_store.ids["withdrawal"], corpus_store.ids["follow-up"]}
    stories = groups(page)
    assert sum(len(g.hits) for g in stories) == len(page.hits)
    assert all(g.story is not None for g in stories)
    mail = message(page, base="http://marsad.test", sender="marsad@newsroom.test", to="desk@newsroom.test")
    plain = mail.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    html = mail.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert '<html dir="rtl" lang="ar">' in html
    for hit in page.hits:
        for fact in hit.facts:
            link = f"http://marsad.test/article/{hit.article.id}#{fact.anchor}"
            assert link in plain and link in html
    assert html.count('class="story"') == len(stories)
    assert "القصة:" in plain and "== القصة" in plain


def test_digest_is_received_by_an_smtp_sink(corpus_store: Built, sink: Sink) -> None:
    page = Data(corpus_store.path).watch(check(WITHDRAWAL_LIST, where="t"), since="1d", limit=50)
    send(message(page, base="http://127.0.0.1:8000", sender="marsad@newsroom.test", to="desk@newsroom.test"), sink.address)
    assert sink.envelopes == [("marsad@newsroom.test", ["desk@newsroom.test"])]
    [mail] = sink.received
    assert "انسحاب القوات" in str(mail["Subject"]) and "2 مقال" in str(mail["Subject"])
    assert mail.get_content_type() == "multipart/alternative"
    plain = mail.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    html = mail.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert "RETREAT" in plain and "«الانسحاب»" in plain
    assert re.search(r'<a class="fact" href="http://127\.0\.0\.1:8000/article/\d+#f-v\d+"', html)
    assert "قيادة العمليات المشتركة تبحث مع التحالف الدولي جدول انسحاب القوات" in html


def test_digest_cli_sends_through_smtp(corpus_store: Built, sink: Sink, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from marsad.cli import app

    lists = tmp_path / "lists.toml"
    lists.write_text('[watch.inflation]\ntitle = "التضخم"\nwords = ["التضخم"]\n', encoding="utf-8")
    result = CliRunner().invoke(app, [
        "digest", "inflation", "--since", "24h", "--smtp", sink.address, "--to", "desk@newsroom.test",
        "--db", str(corpus_store.path), "--watchlists", str(lists),
    ])
    assert result.exit_code == 0, result.output
    [mail] = sink.received
    plain = mail.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "عبارة" in plain and f"/article/{corpus_store.ids['rates']}#s-" in plain


def test_digest_cli_reports_an_unreachable_server(corpus_store: Built, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from marsad.cli import app

    lists = tmp_path / "lists.toml"
    lists.write_text('[watch.inflation]\nwords = ["التضخم"]\n', encoding="utf-8")
    result = CliRunner().invoke(app, [
        "digest", "inflation", "--smtp", f"127.0.0.1:{free_port()}", "--to", "desk@newsroom.test",
        "--db", str(corpus_store.path), "--watchlists", str(lists),
    ])
    assert result.exit_code == 1
    assert "could not send the digest" in result.output


@pytest.mark.parametrize(("value", "expected"), [("mail.local:2525", ("mail.local", 2525)), ("[::1]:25", ("::1", 25)), ("mail.local", ("mail.local", 25))])
def test_digest_parse_server(value: str, expected: tuple[str, int]) -> None:
    assert parse_server(value) == expected


def test_digest_refuses_header_injection(corpus_store: Built) -> None:
    from marsad.errors import InputError

    page = Data(corpus_store.path).watch(check(WITHDRAWAL_LIST, where="t"), since="1d", limit=5)
    with pytest.raises(InputError):
        message(page, base="http://x", sender="marsad@x.test", to="desk@x.test\r\nBcc: all@x.test")


def test_digest_send_failure_is_a_delivery_error(corpus_store: Built) -> None:
    page = Data(corpus_store.path).watch(check(WITHDRAWAL_LIST, where="t"), since="1d", limit=5)
    with pytest.raises(DeliveryError):
        send(message(page, base="http://x", sender="marsad@x.test", to="desk@x.test"), f"127.0.0.1:{free_port()}", timeout=2)


def test_digest_of_hostile_text_is_escaped(hostile_store: Built) -> None:
    from marsad.web.safe import BIDI_CONTROLS

    lists = check(Watchlist(name="attacks", event_types=["ASSAULT"]), where="t")
    page = Data(hostile_store.path).watch(lists, since="1d", limit=5)
    assert len(page.hits) == 1
    mail = message(page, base="http://x", sender="marsad@x.test", to="desk@x.test")
    html = mail.get_body(("html",)).get_content()  # type: ignore[union-attr]
    plain = mail.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "<img" not in html and "<script" not in html and "&lt;img src=x" in html
    assert not any(c in html or c in plain or c in str(mail["Subject"]) for c in BIDI_CONTROLS)
