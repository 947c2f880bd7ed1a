"""E-mail digests of a watch-list: HTML and plain text, right to left, grouped by story.

A digest lists the articles that matched since a moment, grouped under their story (articles
the store did not group stand alone), and under each article the facts that matched, each
linked to its highlight on the article page (``BASE/article/ID#ANCHOR``). The HTML part is
rendered by Jinja with autoescape and styles inline (mail clients drop style sheets); the
plain-text part says the same for clients that show no HTML.
"""

from __future__ import annotations

import datetime as dt
import smtplib
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from urllib.parse import quote

from marsad.errors import DeliveryError, InputError
from marsad.web.render import environment, fact_label
from marsad.web.safe import plain
from marsad.web.views import StoryRef
from marsad.web.watch import WatchHit, WatchPage

RLM = "\u200f"  # a right-to-left mark, so plain-text lines that start with a symbol read RTL


@dataclass(frozen=True)
class Group:
    """The hits of one story (or of one article the store did not group)."""

    story: StoryRef | None
    hits: list[WatchHit]


def groups(page: WatchPage) -> list[Group]:
    """Hits grouped by story, stories in the order of their newest hit."""
    order: dict[str, Group] = {}
    for hit in page.hits:
        key = f"story:{hit.story.id}" if hit.story else f"article:{hit.article.id}"
        if key not in order:
            order[key] = Group(story=hit.story, hits=[])
        order[key].hits.append(hit)
    return list(order.values())


def subject(page: WatchPage) -> str:
    w = page.watchlist
    return plain(f"مرصد · {w.title or w.name}: {len(page.hits)} مقال منذ {page.since[:16].replace('T', ' ')}")


def html(page: WatchPage, base: str) -> str:
    """The HTML part."""
    return environment().get_template("digest.html").render(
        page=page, groups=groups(page), base=base, subject=subject(page), fact_label=fact_label, q=lambda v: quote(v, safe="")
    )


def text(page: WatchPage, base: str) -> str:
    """The plain-text part."""
    w = page.watchlist
    lines = [subject(page), ""]
    if not page.hits:
        lines.append(f"{RLM}لا مقالات جديدة تطابق قائمة المتابعة «{plain(w.title or w.name)}».")
    for group in groups(page):
        if group.story is not None:
            lines.append(f"{RLM}== القصة: {plain(group.story.title or group.story.id)}")
            lines.append(f"   {base}/story/{quote(group.story.id, safe='')}")
        for hit in group.hits:
            a = hit.article
            meta = " · ".join(plain(v) for v in (a.published, a.source) if v)
            lines.append(f"{RLM}* {plain(a.title or a.id)}" + (f" ({meta})" if meta else ""))
            article = f"{base}/article/{quote(a.id, safe='')}"
            lines.append(f"  {article}")
            for fact in hit.facts:
                snippet = " ".join(plain(fact.text).split())
                if len(snippet) > 220:
                    snippet = snippet[:219] + "…"
                lines.append(f"{RLM}  - {fact_label(fact.kind, fact.value)}: «{snippet}»")
                lines.append(f"    {article}#{fact.anchor}" if fact.anchor else f"    {article}")
        lines.append("")
    lines.append(f"{RLM}أُرسلت من مرصد: {base}/watch/{quote(w.name, safe='')}")
    return "\n".join(lines) + "\n"


def message(page: WatchPage, *, base: str, sender: str, to: str, now: dt.datetime | None = None) -> EmailMessage:
    """The digest as a multipart/alternative e-mail (plain text first, then HTML)."""
    if "@" not in to or any(c in to for c in "\r\n"):
        raise InputError(f"--to {to!r} is not an e-mail address")
    if "@" not in sender or any(c in sender for c in "\r\n"):
        raise InputError(f"--from {sender!r} is not an e-mail address")
    mail = EmailMessage()
    mail["Subject"] = subject(page)
    mail["From"] = sender
    mail["To"] = to
    mail["Date"] = format_datetime(now or dt.datetime.now(dt.UTC))
    mail["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or "marsad.local")
    mail["Content-Language"] = "ar"
    mail.set_content(text(page, base), charset="utf-8")
    mail.add_alternative(html(page, base), subtype="html", charset="utf-8")
    return mail


def parse_server(value: str) -> tuple[str, int]:
    """``HOST:PORT`` (or ``[IPv6]:PORT``) as a pair; port 25 when none is given."""
    host, sep, port = value.strip().rpartition(":")
    if not sep:
        host, port = value.strip(), "25"
    host = host.strip("[]")
    if not host or not (port.isascii() and port.isdigit()) or not 0 < int(port) < 65536:
        raise InputError(f"--smtp {value!r} is not HOST:PORT")
    return host, int(port)


def send(mail: EmailMessage, server: str, *, timeout: float = 30.0) -> None:
    """Send ``mail`` through the SMTP server ``HOST:PORT``."""
    host, port = parse_server(server)
    try:
        with smtplib.SMTP(host, port, timeout=timeout) as smtp:
            smtp.send_message(mail)
    except (OSError, smtplib.SMTPException) as error:
        raise DeliveryError(f"could not send the digest through {host}:{port}: {error}") from error
