"""``/api/v1``: JSON for everything the pages show, the Document contract for articles.

Each page has a twin here returning the very record the page was rendered from (see
:mod:`marsad.web.views`). ``POST /api/v1/analyze`` is stateless: text in, Document out.
``POST /api/v1/articles`` ingests one article into the store through the store's own ingest
and needs the server's token. Every error has the one shape of :mod:`marsad.web.errors`; the
OpenAPI document at ``/openapi.json`` says so for every operation, and its response schemas
are generated from the same msgspec classes that encode the responses.
"""

from __future__ import annotations

import typing
from typing import Annotated, Any

import msgspec
from fastapi import APIRouter, Depends, FastAPI, Path, Query, Request
from fastapi.openapi.utils import get_openapi

import marsad
from marsad.document import EVENT_TYPES, Document
from marsad.errors import WebError
from marsad.pipeline import registered
from marsad.web import errors, views
from marsad.web.models import ArticleIn, WatchlistIn
from marsad.web.responses import JSON
from marsad.web.state import Services, services
from marsad.web.watch import GROUPS, Watchlist, WatchPage, check

router = APIRouter(prefix="/api/v1")

_TYPES: list[Any] = []
_REF = "#/components/schemas/{name}"


def ok(kind: Any, description: str = "Success") -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` for a route returning ``kind`` (a msgspec Struct, or a list of one)."""
    item = typing.get_args(kind)[0] if typing.get_origin(kind) is list else kind
    _TYPES.append(item)
    schema: dict[str, Any] = {"$ref": _REF.format(name=item.__name__)}
    if item is not kind:
        schema = {"type": "array", "items": schema}
    return {200: {"description": description, "content": {"application/json": {"schema": schema}}}}


Svc = Annotated[Services, Depends(services)]
Limit = Annotated[int, Query(ge=1, le=200, description="How many items at most.")]
Offset = Annotated[int, Query(ge=0, le=100_000, description="How many items to skip.")]
Id = Annotated[str, Path(min_length=1, max_length=200)]
Day = Annotated[str | None, Query(max_length=10, description="A day, YYYY-MM-DD.")]
Days = Annotated[int, Query(ge=1, le=3650, description="How many days back.")]
EntityType = Annotated[str | None, Query(pattern="^(PERSON|ORG|LOC)$", description="PERSON, ORG or LOC.")]
EventTypeQ = Annotated[str | None, Query(description="A PLOVER event type: " + ", ".join(EVENT_TYPES) + ".")]
Text = Annotated[str | None, Query(max_length=500)]


def text_size(article: ArticleIn, svc: Services) -> None:
    size = len(article.text.encode("utf-8", "surrogatepass"))
    if size > svc.config.max_text_bytes:
        raise WebError(413, f"article text is {size} bytes, over this server's limit of {svc.config.max_text_bytes}; split or trim it")


@router.post("/analyze", responses=ok(Document, "The article analysed: a Document (marsad.document/1)."), tags=["analyse"])
def analyze(article: ArticleIn, svc: Svc) -> JSON:
    """Analyse one article and return its Document; nothing is stored."""
    text_size(article, svc)
    doc = marsad.analyse(
        article.text, published=article.published, title=article.title, url=article.url,
        source=article.source, id=article.id,
    )
    return JSON(doc)


@router.post(
    "/articles",
    responses={**ok(views.Ingested, "Already stored (unchanged) or stored as a copy."), 201: ok(views.Ingested, "Stored: new, or a new revision.")[200]},
    tags=["ingest"],
)
def ingest(article: ArticleIn, request: Request, svc: Svc) -> JSON:
    """Ingest one article into the store (needs ``Authorization: Bearer $MARSAD_TOKEN``)."""
    svc.authorise(request, "ingest")
    text_size(article, svc)
    result = svc.data.ingest(article)
    return JSON(result, status_code=201 if result.status in ("stored", "revised") else 200)


@router.get("/health", responses=ok(views.Health), tags=["meta"])
def health(svc: Svc) -> JSON:
    """Whether the server is up, has a store and accepts ingest."""
    count = svc.data.count_articles() if svc.has_store else None
    return JSON(views.Health(ok=True, version=marsad.__version__, store=svc.has_store, articles=count, ingest=bool(svc.config.token)))


@router.get("/components", responses=ok(list[views.Component]), tags=["meta"])
def components() -> JSON:
    """The registered pipeline components with what they require and assign."""
    return JSON([views.Component(**info.as_dict()) for info in registered().values()])


@router.get("/overview", responses=ok(views.Overview, "What the home page shows."), tags=["pages"])
def overview(svc: Svc, days: Days = 7) -> JSON:
    """Latest articles, busiest entities and stories of the last ``days``, commitments coming due."""
    return JSON(svc.data.overview(days))


@router.get("/articles", responses=ok(views.Listing), tags=["articles"])
def articles(svc: Svc, limit: Limit = 50, offset: Offset = 0, source: Text = None) -> JSON:
    """Articles, newest first."""
    return JSON(svc.data.articles(limit=limit, offset=offset, source=source))


@router.get("/articles/{article_id}", responses=ok(views.ArticlePage, "The article's Document and what the store links to it."), tags=["articles"])
def article(article_id: Id, svc: Svc) -> JSON:
    """One article: its Document with store entities, story and duplicates."""
    return JSON(svc.data.article(article_id))


@router.get("/entities", responses=ok(views.EntityListing), tags=["entities"])
def entities(svc: Svc, name: Text = None, type: EntityType = None, limit: Limit = 50) -> JSON:
    """Entities by name (any alias) or the most mentioned ones."""
    return JSON(svc.data.entities(name=name, type=type, limit=limit))


@router.get("/entities/{entity_id}", responses=ok(views.EntityPage), tags=["entities"])
def entity(entity_id: Id, svc: Svc) -> JSON:
    """Everything about one entity: names, titles, quotes, events, co-occurring entities, timeline."""
    return JSON(svc.data.entity(entity_id))


@router.get("/stories", responses=ok(views.StoriesPage), tags=["stories"])
def stories(svc: Svc, since: Day = None, limit: Limit = 50) -> JSON:
    """Stories, most recent first."""
    return JSON(svc.data.stories(since=since, limit=limit))


@router.get("/stories/{story_id}", responses=ok(views.StoryPage), tags=["stories"])
def story(story_id: Id, svc: Svc) -> JSON:
    """One story: its articles (duplicates folded) and the timeline of its events and commitments."""
    return JSON(svc.data.story(story_id))


@router.get("/search", responses=ok(views.SearchPage), tags=["search"])
def search(
    svc: Svc,
    q: Annotated[str, Query(max_length=500, description="Words to find (Arabic spelling variants and clitics are folded).")] = "",
    entity: Text = None,
    type: EventTypeQ = None,
    date_from: Annotated[str | None, Query(alias="from", max_length=10, description="Published on or after, YYYY-MM-DD.")] = None,
    date_to: Annotated[str | None, Query(alias="to", max_length=10, description="Published on or before, YYYY-MM-DD.")] = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> JSON:
    """Full-text search with filters: an entity (name or id), an event type, a date range.

    Words are all required; ``OR`` between two words accepts either; ``-word`` excludes; text
    in double quotes is a phrase. Spellings, clitics and the article ال do not matter.
    """
    return JSON(svc.data.search(q, entity=entity, type=type, date_from=date_from, date_to=date_to, limit=limit, offset=offset))


@router.get("/quotes", responses=ok(views.QuotesPage), tags=["quotes"])
def quotes(svc: Svc, speaker: Text = None, words: Text = None, limit: Limit = 50, offset: Offset = 0) -> JSON:
    """Quotations by speaker (any alias) and/or by words in the quote."""
    return JSON(svc.data.quotes(speaker=speaker, words=words, limit=limit, offset=offset))


@router.get("/commitments", responses=ok(views.CommitmentsPage), tags=["commitments"])
def commitments(
    svc: Svc,
    status: Annotated[str, Query(pattern="^(due|overdue|all)$", description="due: deadline not passed; overdue: passed; all.")] = "due",
    limit: Limit = 100,
) -> JSON:
    """Commitments with deadlines: coming due, overdue, or all."""
    return JSON(svc.data.commitments(status=status, limit=limit))


@router.get("/watchlists", responses=ok(list[Watchlist]), tags=["watch"])
def watchlists(svc: Svc) -> JSON:
    """Every watch-list, from the TOML file and from the API."""
    return JSON(sorted(svc.watchlists.all().values(), key=lambda w: w.name))


@router.get("/watchlists/{name}", responses=ok(Watchlist), tags=["watch"])
def watchlist(name: Id, svc: Svc) -> JSON:
    """One watch-list's definition."""
    return JSON(svc.watchlists.get(name))


@router.put("/watchlists/{name}", responses=ok(Watchlist, "The watch-list as stored."), tags=["watch"])
def put_watchlist(name: Id, body: WatchlistIn, request: Request, svc: Svc) -> JSON:
    """Create or replace a watch-list (needs the token); file-defined lists answer 409."""
    svc.authorise(request, "changing watch-lists")
    fields = body.model_dump()
    candidate = Watchlist(name=name, origin="api", title=fields.pop("title"), **{g: fields[g] for g in GROUPS})
    stored = svc.watchlists.put(check(candidate, where=f"watch-list {name!r}"))
    return JSON(stored)


@router.delete("/watchlists/{name}", responses=ok(Watchlist, "The deleted watch-list."), tags=["watch"])
def delete_watchlist(name: Id, request: Request, svc: Svc) -> JSON:
    """Delete a watch-list made through the API (needs the token)."""
    svc.authorise(request, "changing watch-lists")
    existing = svc.watchlists.get(name)
    svc.watchlists.delete(name)
    return JSON(existing)


@router.get("/watchlists/{name}/matches", responses=ok(WatchPage), tags=["watch"])
def watch_matches(
    name: Id,
    svc: Svc,
    since: Annotated[str, Query(max_length=20, description="A duration back from now (24h, 7d, 2w) or a day YYYY-MM-DD.")] = "7d",
    limit: Limit = 50,
) -> JSON:
    """Articles that match a watch-list since a time, each with the facts that matched."""
    return JSON(svc.data.watch(svc.watchlists.get(name), since=since, limit=limit))


# OpenAPI ---------------------------------------------------------------------------------


def _error_response(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": {"$ref": _REF.format(name="Error")}}}}


def install_openapi(app: FastAPI) -> None:
    """Publish response schemas from the msgspec classes and the one error shape everywhere."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        spec = get_openapi(title=app.title, version=app.version, summary=app.summary, routes=app.routes)
        _, components = msgspec.json.schema_components(_TYPES, ref_template=_REF)
        schemas = spec.setdefault("components", {}).setdefault("schemas", {})
        schemas.pop("HTTPValidationError", None)
        schemas.pop("ValidationError", None)
        schemas.update(components)
        schemas["Error"] = errors.ERROR_SCHEMA
        for path_item in spec.get("paths", {}).values():
            for operation in path_item.values():
                responses = operation.setdefault("responses", {})
                for response in responses.values():
                    for media in response.get("content", {}).values():
                        schema = media.get("schema", {})
                        if "$ref" in schema:  # FastAPI adds its own type beside our reference
                            media["schema"] = {"$ref": schema["$ref"]}
                if "422" in responses:
                    responses["422"] = _error_response("The request is not valid: the message names the field.")
                responses["default"] = _error_response("Any error, in the one error shape.")
        app.openapi_schema = spec
        return spec

    app.openapi = openapi  # type: ignore[method-assign]

