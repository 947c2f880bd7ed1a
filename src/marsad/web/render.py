"""Jinja2 pages: one environment, autoescaped, every printed string stripped of direction controls."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from marsad.web import highlight
from marsad.web.safe import body, finalize
from marsad.web.views import SearchHit


def safe_url(url: str | None) -> str | None:
    """``url`` if it is an http(s) address, else None: article URLs are input, never trusted."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url.strip()


def query(base: str, **params: Any) -> str:
    """``base`` with the non-empty ``params`` as a query string (for filter and paging links)."""
    kept = {k: v for k, v in params.items() if v not in (None, "", [], ())}
    return f"{base}?{urlencode(kept, doseq=True)}" if kept else base


def snippet_html(hit: SearchHit) -> Markup:
    """A search snippet with its matched words in ``<mark>``, everything else escaped."""
    text = hit.snippet
    out: list[str] = []
    position = 0
    for h in sorted(hit.highlights, key=lambda h: h.start):
        if h.start < position or h.end > len(text) or h.start >= h.end:
            continue
        out.append(str(body(text[position:h.start])))
        out.append(f"<mark>{body(text[h.start:h.end])}</mark>")
        position = h.end
    out.append(str(body(text[position:])))
    return Markup("".join(out))


def fact_label(kind: str, value: str | None) -> str:
    """How a matched fact's kind reads: ``حدث RETREAT انسحاب``, ``اقتباس``, ``عبارة``."""
    if kind == "event" and value:
        return f"{highlight.label('kinds', 'event')} {value} {highlight.label('events', value)}"
    if kind == "words":
        return "عبارة"
    return highlight.label("kinds", kind)


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The pages' Jinja2 environment, built once."""
    env = Environment(
        loader=PackageLoader("marsad", "web/templates"),
        autoescape=select_autoescape(["html", "xml"]),
        finalize=finalize,
        undefined=StrictUndefined,
        auto_reload=False,
    )
    env.filters["q"] = lambda value: quote(str(value), safe="")
    # The user's own text echoed into a form field, kept exactly (a field contains its bidi).
    env.filters["exact"] = lambda value: Markup(escape(str(value)))
    env.globals.update(
        snippet_html=snippet_html,
        fact_label=fact_label,
        label=highlight.label,
        number=highlight.number,
        safe_url=safe_url,
        query=query,
        legend=highlight.legend,
    )
    return env


def render_page(
    request: Request,
    template: str,
    context: Mapping[str, Any],
    *,
    status: int = 200,
    headers: Mapping[str, str] | None = None,
) -> HTMLResponse:
    """Render ``template`` with ``context`` (plus the request) as an HTML response."""
    services = getattr(request.app.state, "services", None)

    def headline(ref: Any) -> str:
        """An article's title, or its first line when it has none (the JSON keeps ``null``)."""
        if getattr(ref, "title", None):
            return str(ref.title)
        if services is not None and services.has_store:
            return str(services.data.headline(str(ref.id)))
        return str(ref.id)

    values = {"request": request, "json_twin": None, "page_title": "", "headline": headline, **context}
    html = environment().get_template(template).render(values)
    return HTMLResponse(html, status_code=status, headers=dict(headers or {}))
