"""Request bodies the API accepts, validated before anything runs (422 naming the field)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class ArticleIn(BaseModel):
    """One article to analyse or ingest."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, description="The article body as plain text (page furniture is removed by the pipeline).")
    published: str | None = Field(default=None, description="Publication day, YYYY-MM-DD: anchors relative dates.")
    title: str | None = Field(default=None, max_length=2000)
    url: str | None = Field(default=None, max_length=4000)
    source: str | None = Field(default=None, max_length=500, description="The outlet.")
    id: str | None = Field(default=None, max_length=200, description="A stable id; defaults to a hash of the text.")


class WatchlistIn(BaseModel):
    """A watch-list: an article matches when it meets every non-empty group (any item within one)."""

    model_config = ConfigDict(extra="forbid")

    entities: list[str] = Field(default_factory=list, max_length=200, description="Entity ids or names.")
    words: list[str] = Field(default_factory=list, max_length=200, description="Words or phrases searched in the text.")
    event_types: list[str] = Field(default_factory=list, max_length=16, description="PLOVER event types (AGREE, CONSULT, …).")
    places: list[str] = Field(default_factory=list, max_length=200, description="Place entity ids or names.")
    outlets: list[str] = Field(default_factory=list, max_length=200, description="Outlets (the article's source).")
    title: str | None = Field(default=None, max_length=200)
