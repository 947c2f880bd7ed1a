"""The reading room's HTML pages. Each renders the record its ``/api/v1`` twin returns.

Pages are plain HTML and CSS: every fact, list and chart is in the markup, tooltips are CSS,
forms are GET (search, filters) or a plain POST (analyse a pasted text), so all content is
there without JavaScript. Page routes are left out of the OpenAPI document; their JSON twins
are in it.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Query, Request
from starlette.responses import HTMLResponse, Response

import marsad
from marsad.document import EVENT_TYPES, Document
from marsad.errors import MarsadError
from marsad.web import charts, highlight
from marsad.web.render import query, render_page
from marsad.web.state import Services, services
from marsad.web.views import ArticlePage, EntityPage, StoryPage, TimelineItem

router = APIRouter(include_in_schema=False)

Svc = Annotated[Services, Depends(services)]
Limit = Annotated[int, Query(ge=1, le=200)]
Offset = Annotated[int, Query(ge=0, le=100_000)]
Text = Annotated[str | None, Query(max_length=500)]


def overdue_values(doc: Document, today: dt.date | None = None) -> set[tuple[str, str | None]]:
    """``(due, due_mod)`` of ``doc``'s commitments whose deadline has passed."""
    today = today or dt.date.today()
    return {(c.due, c.due_mod) for c in doc.commitments if charts.is_overdue(c.due, c.due_mod, today)}


def article_context(page: ArticlePage) -> dict[str, Any]:
    """What ``article.html`` needs beyond the page record: the highlighted body and counts."""
    links = {local: f"/entity/{_q(ref.id)}" for local, ref in page.entities.items()}
    doc = page.document
    return {
        "page": page,
        "body": highlight.highlighted(doc, links),
        "counts": highlight.counts(doc),
        "overdue": overdue_values(doc),
    }


@router.get("/", response_class=HTMLResponse)
def home(request: Request, svc: Svc, days: Annotated[int, Query(ge=1, le=3650)] = 7) -> Response:
    page = svc.data.overview(days)
    return render_page(request, "home.html", {"page": page, "days": days, "json_twin": query("/api/v1/overview", days=days)})


@router.get("/articles", response_class=HTMLResponse)
def articles(request: Request, svc: Svc, limit: Limit = 50, offset: Offset = 0, source: Text = None) -> Response:
    page = svc.data.articles(limit=limit, offset=offset, source=source)
    twin = query("/api/v1/articles", limit=limit, offset=offset, source=source)
    return render_page(request, "articles.html", {"page": page, "limit": limit, "source": source, "json_twin": twin})


@router.get("/article/{article_id}", response_class=HTMLResponse)
def article(request: Request, article_id: str, svc: Svc) -> Response:
    page = svc.data.article(article_id)
    context = article_context(page)
    context["json_twin"] = f"/api/v1/articles/{_q(article_id)}"
    return render_page(request, "article.html", context)


@router.get("/entities", response_class=HTMLResponse)
def entities(request: Request, svc: Svc, name: Text = None, type: Annotated[str | None, Query(pattern="^(PERSON|ORG|LOC)?$")] = None, limit: Limit = 100) -> Response:
    page = svc.data.entities(name=name, type=type or None, limit=limit)
    twin = query("/api/v1/entities", name=name, type=type, limit=limit)
    return render_page(request, "entities.html", {"page": page, "json_twin": twin})


@router.get("/entity/{entity_id}", response_class=HTMLResponse)
def entity(request: Request, entity_id: str, svc: Svc) -> Response:
    page = svc.data.entity(entity_id)
    return render_page(request, "entity.html", {**entity_charts(page), "page": page, "json_twin": f"/api/v1/entities/{_q(entity_id)}"})


def entity_charts(page: EntityPage) -> dict[str, Any]:
    name = page.entity.canonical
    mentions = charts.bars(
        [charts.Bar(p.period, p.count) for p in page.mentions_over_time],
        title=f"ذكر {name} عبر الزمن",
        desc="عدد المقالات التي ذكرته في كل فترة، الأقدم على اليمين.",
        ident="mentions",
    )
    timeline = timeline_chart(page.timeline, f"الخط الزمني: {name}")
    return {"mentions_chart": mentions, "timeline_chart": timeline}


def timeline_chart(items: list[TimelineItem], title: str) -> Any:
    """The SVG timeline of events, commitments and dated references, one row per kind."""
    points = []
    for t in items:
        if t.kind == "event":
            code = t.label.split("/")[0]
            row = f"{code} {highlight.label('events', code)}"
        elif t.kind == "commitment":
            row = highlight.label("kinds", "commitment")
        else:
            row = "إشارة زمنية"
        href = f"/article/{_q(t.article.id)}" + (f"#{t.anchor}" if t.anchor else "")
        css = "commitment overdue" if t.overdue else ("reference" if t.kind == "reference" else t.kind)
        points.append(charts.Point(row=row, first=t.first_day, last=t.last_day, value=t.date or t.first_day, label=t.text, css=css, href=href))
    return charts.timeline(points, title=title, desc="الأحداث والالتزامات والإشارات الزمنية بحسب تواريخها، الأقدم على اليمين.", ident="timeline")


@router.get("/stories", response_class=HTMLResponse)
def stories(request: Request, svc: Svc, since: Annotated[str | None, Query(max_length=10)] = None, limit: Limit = 50) -> Response:
    page = svc.data.stories(since=since, limit=limit)
    return render_page(request, "stories.html", {"page": page, "json_twin": query("/api/v1/stories", since=since, limit=limit)})


@router.get("/story/{story_id}", response_class=HTMLResponse)
def story(request: Request, story_id: str, svc: Svc) -> Response:
    page: StoryPage = svc.data.story(story_id)
    chart = timeline_chart(page.timeline, f"الخط الزمني للقصة: {page.story.title or page.story.id}")
    return render_page(request, "story.html", {"page": page, "timeline_chart": chart, "json_twin": f"/api/v1/stories/{_q(story_id)}"})


@router.get("/search", response_class=HTMLResponse)
def search(
    request: Request,
    svc: Svc,
    q: Annotated[str, Query(max_length=500)] = "",
    entity: Text = None,
    type: Annotated[str | None, Query(max_length=20)] = None,
    date_from: Annotated[str | None, Query(alias="from", max_length=10)] = None,
    date_to: Annotated[str | None, Query(alias="to", max_length=10)] = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> Response:
    params = {"q": q, "entity": entity or None, "type": type or None, "from": date_from or None, "to": date_to or None}
    page = svc.data.search(q, entity=params["entity"], type=params["type"], date_from=params["from"], date_to=params["to"],
                           limit=limit, offset=offset)
    twin = query("/api/v1/search", limit=limit, offset=offset, **params)
    return render_page(request, "search.html", {"page": page, "params": params, "limit": limit, "event_types": EVENT_TYPES,
                                                "quick_q": q, "json_twin": twin})


@router.get("/quotes", response_class=HTMLResponse)
def quotes(request: Request, svc: Svc, speaker: Text = None, words: Text = None, limit: Limit = 50, offset: Offset = 0) -> Response:
    page = svc.data.quotes(speaker=speaker or None, words=words or None, limit=limit, offset=offset)
    params = {"speaker": speaker, "words": words}
    return render_page(request, "quotes.html", {"page": page, "params": params, "limit": limit,
                                                "json_twin": query("/api/v1/quotes", limit=limit, offset=offset, **params)})


@router.get("/commitments", response_class=HTMLResponse)
def commitments(request: Request, svc: Svc, status: Annotated[str, Query(pattern="^(due|overdue|all)$")] = "due", limit: Limit = 100) -> Response:
    page = svc.data.commitments(status=status, limit=limit)
    return render_page(request, "commitments.html", {"page": page, "json_twin": query("/api/v1/commitments", status=status, limit=limit)})


@router.get("/watch", response_class=HTMLResponse)
def watch_lists(request: Request, svc: Svc) -> Response:
    lists = sorted(svc.watchlists.all().values(), key=lambda w: w.name)
    return render_page(request, "watchlists.html", {"lists": lists, "json_twin": "/api/v1/watchlists"})


@router.get("/watch/{name}", response_class=HTMLResponse)
def watch(request: Request, name: str, svc: Svc, since: Annotated[str, Query(max_length=20)] = "7d", limit: Limit = 50) -> Response:
    page = svc.data.watch(svc.watchlists.get(name), since=since, limit=limit)
    twin = query(f"/api/v1/watchlists/{_q(name)}/matches", since=since, limit=limit)
    return render_page(request, "watch.html", {"page": page, "since": since, "json_twin": twin})


@router.get("/analyze", response_class=HTMLResponse)
def analyze_form(request: Request) -> Response:
    return render_page(request, "analyze.html", {"form": {"text": "", "published": "", "title": ""}, "error": None, "result": None})


@router.post("/analyze", response_class=HTMLResponse)
def analyze_page(
    request: Request,
    svc: Svc,
    text: Annotated[str, Form(max_length=5_000_000)] = "",
    published: Annotated[str, Form(max_length=40)] = "",
    title: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    form = {"text": text, "published": published, "title": title}
    if not text.strip():
        return render_page(request, "analyze.html", {"form": form, "error": "الصق نص المقال أولًا.", "result": None}, status=422)
    try:
        doc = marsad.analyse(text, published=published or None, title=title or None)
    except MarsadError as error:
        return render_page(request, "analyze.html", {"form": form, "error": error.message, "result": None}, status=error.status)
    context = article_context(ArticlePage(document=doc))
    return render_page(request, "analyze.html", {"form": form, "error": None, "result": context})


@router.get("/api", response_class=HTMLResponse)
def api_index(request: Request) -> Response:
    spec = request.app.openapi()
    operations = [
        {"method": method.upper(), "path": path, "summary": op.get("summary", ""), "description": op.get("description", "")}
        for path, item in spec.get("paths", {}).items()
        for method, op in item.items()
    ]
    return render_page(request, "api.html", {"operations": operations, "json_twin": "/openapi.json"})


def _q(value: str) -> str:
    return quote(value, safe="")
