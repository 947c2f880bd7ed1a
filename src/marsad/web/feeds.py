"""Atom feeds of watch-lists: ``/watch/NAME.atom``, one entry per matching article.

Each entry links to the article page and carries, as escaped HTML, the facts that matched,
each linked to its highlight. The XML is built with ElementTree (it escapes), after the text
has lost the characters XML 1.0 forbids and the direction controls (see :mod:`marsad.web.safe`).
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Path, Query, Request
from markupsafe import escape
from starlette.responses import Response

from marsad.web.render import fact_label
from marsad.web.safe import plain
from marsad.web.state import Services, services
from marsad.web.watch import WatchHit, WatchPage

router = APIRouter()
ATOM = "http://www.w3.org/2005/Atom"

FEED_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "An Atom 1.0 feed.", "content": {"application/atom+xml": {"schema": {"type": "string"}}}},
}


def _stamp(hit: WatchHit) -> str:
    """RFC 3339 time of an entry: when it was ingested, else its publication day."""
    for value in (hit.article.ingested, hit.article.published):
        if not value:
            continue
        try:
            moment = dt.datetime.fromisoformat(value)
        except ValueError:
            continue
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=dt.UTC)
        return moment.astimezone(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    return "1970-01-01T00:00:00Z"


def entry_html(hit: WatchHit, base: str) -> str:
    """The matched facts of one article as a small HTML list (escaped, right to left)."""
    article = f"{base}/article/{quote(hit.article.id, safe='')}"
    items = []
    for fact in hit.facts:
        href = f"{article}#{fact.anchor}" if fact.anchor else article
        items.append(
            f'<li>{escape(fact_label(fact.kind, fact.value))}: <a href="{escape(href)}">«{escape(plain(fact.text))}»</a></li>'
        )
    return f'<div dir="rtl" lang="ar"><ul>{"".join(items)}</ul></div>'


def atom(page: WatchPage, base: str) -> bytes:
    """The Atom document of a watch-list's matches."""
    ET.register_namespace("", ATOM)
    name = page.watchlist.name
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "ar"})

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            element.text = plain(text)
        return element

    sub(feed, "title", f"مرصد · {page.watchlist.title or name}")
    sub(feed, "id", f"{base}/watch/{quote(name, safe='')}")
    sub(feed, "link", rel="self", type="application/atom+xml", href=f"{base}/watch/{quote(name, safe='')}.atom")
    sub(feed, "link", rel="alternate", type="text/html", href=f"{base}/watch/{quote(name, safe='')}")
    stamps = [_stamp(hit) for hit in page.hits]
    sub(feed, "updated", max(stamps) if stamps else dt.datetime.now(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z"))
    author = sub(feed, "author")
    sub(author, "name", "marsad")
    sub(feed, "generator", "marsad")
    for hit, stamp in zip(page.hits, stamps):
        entry = sub(feed, "entry")
        href = f"{base}/article/{quote(hit.article.id, safe='')}"
        sub(entry, "title", hit.article.title or hit.article.id)
        sub(entry, "id", href)
        sub(entry, "link", rel="alternate", type="text/html", href=href)
        sub(entry, "updated", stamp)
        if hit.article.published:
            sub(entry, "published", f"{hit.article.published}T00:00:00Z" if len(hit.article.published) == 10 else stamp)
        if hit.article.source:
            source = sub(entry, "author")
            sub(source, "name", hit.article.source)
        if hit.story is not None:
            sub(entry, "category", term=hit.story.id, label=plain(hit.story.title or hit.story.id))
        summary = sub(entry, "summary", type="html")
        summary.text = entry_html(hit, base)
    body: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + body


def base_url(request: Request) -> str:
    """The server's own address as the client reached it, without a trailing slash."""
    return str(request.base_url).rstrip("/")


@router.get("/watch/{name}.atom", responses=FEED_RESPONSES, tags=["watch"], response_class=Response)
def feed(
    name: Annotated[str, Path(min_length=1, max_length=200)],
    request: Request,
    svc: Annotated[Services, Depends(services)],
    since: Annotated[str, Query(max_length=20, description="A span back from now (24h, 7d, 2w) or a day YYYY-MM-DD.")] = "30d",
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> Response:
    """A watch-list's matching articles as an Atom feed, newest first."""
    page = svc.data.watch(svc.watchlists.get(name), since=since, limit=limit)
    return Response(atom(page, base_url(request)), media_type="application/atom+xml; charset=utf-8")
