"""The typed records the store's read API returns (:class:`marsad.store.Store`).

Plain frozen dataclasses of JSON-friendly values (``as_dict`` for the web API), so the web
layer renders them without touching SQL. Offsets (``start``/``end``) index ``Document.text`` of
the article named by ``article_id``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

import msgspec

from marsad.document import Document, Sentence


def _plain(value: Any) -> Any:
    if isinstance(value, Document):
        return value.to_dict()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, bytes):
        return None  # raw bytes are served by their own route, not inside JSON
    return value


class TextView(msgspec.Struct, frozen=True):
    """An article's text and sentences, stored beside its Document: snippets and timelines read
    this (a few hundred bytes) instead of the whole Document with its tokens."""

    text: str
    sentences: tuple[Sentence, ...] = ()


_VIEW_ENCODER = msgspec.json.Encoder()
_VIEW_DECODER = msgspec.json.Decoder(TextView)


def encode_view(doc: Document) -> bytes:
    return _VIEW_ENCODER.encode(TextView(text=doc.text, sentences=doc.sentences))


def decode_view(data: bytes) -> TextView:
    return _VIEW_DECODER.decode(data)


class _Record:
    def as_dict(self) -> dict[str, Any]:
        """JSON-ready ``dict`` of the record (nested records included, raw bytes left out)."""
        result: dict[str, Any] = _plain(self)
        return result


@dataclass(frozen=True)
class ArticleSummary(_Record):
    """An article in a list: enough to show a line and link to it."""

    id: int
    title: str | None
    url: str | None
    source: str | None
    published: str | None
    day: str
    story_id: int | None
    group_id: int
    duplicate_of: int | None
    revision: int
    current: bool


@dataclass(frozen=True)
class ArticleRecord(_Record):
    """One stored article: its whole Document, its raw input and how it relates to others."""

    summary: ArticleSummary
    document: Document
    origin: str
    ingested: str
    raw: bytes | None
    raw_type: str | None
    revisions: list[int]  # ids of every revision of the same key, oldest first
    near_duplicates: list[tuple[int, float]]  # (article id, similarity)
    exact_copies: list[int]  # articles stored as exact duplicates of this one (or its original)


@dataclass(frozen=True)
class Snippet(_Record):
    """A stretch of an article with the words that matched a query marked.

    ``start`` is the snippet's offset in ``Document.text``; ``highlights`` are offsets into
    ``text`` (the snippet itself).
    """

    text: str
    start: int
    highlights: list[tuple[int, int]]


@dataclass(frozen=True)
class SearchHit(_Record):
    article: ArticleSummary
    score: float  # bm25: lower is better, as SQLite reports it
    snippet: Snippet


@dataclass(frozen=True)
class SearchResult(_Record):
    query: str
    match: str | None  # the FTS5 expression the query became (None: filters only)
    hits: list[SearchHit]
    more: bool  # more hits exist beyond ``offset + len(hits)``
    ranked_within: int | None = None  # when set: the best of this many latest matching articles


@dataclass(frozen=True)
class EntitySummary(_Record):
    id: int
    type: str
    name: str
    latin: str
    articles: int  # distinct stories copies counted once (near-duplicate groups)
    mentions: int
    first_day: str | None
    last_day: str | None
    partial: bool  # a lone surname not tied to a full name for lack of evidence


@dataclass(frozen=True)
class QuoteRecord(_Record):
    article_id: int
    day: str
    title: str | None
    start: int
    end: int
    text: str
    speaker_id: int | None
    speaker: str | None  # the entity's name when resolved, else speaker_text
    cue: str | None
    direct: bool


@dataclass(frozen=True)
class TimelineEntry(_Record):
    """A dated fact: an event, a commitment, or a dated reference in a sentence.

    ``first_day``–``last_day`` is the fact's date as an interval (a month, a season…).
    ``dated`` is False when the article gave no date and its publication day stands in.
    ``overdue`` is set for commitments: True when the due date has passed.
    """

    first_day: str
    last_day: str
    kind: str  # event, commitment, reference
    article_id: int
    article_day: str
    title: str | None
    label: str  # event type / "commitment" / "reference"
    text: str  # the trigger, the commitment's "what", or the date expression
    sentence: str  # the sentence it stands in
    start: int
    end: int
    date: str | None  # the date value as written in the Document
    dated: bool
    actor: str | None = None
    target: str | None = None
    negated: bool = False
    modality: str | None = None
    overdue: bool | None = None


@dataclass(frozen=True)
class StoryRecord(_Record):
    id: int
    title: str | None
    first_day: str
    last_day: str
    articles: int
    entities: list[EntitySummary] = field(default_factory=list)
    members: list[ArticleSummary] = field(default_factory=list)


@dataclass(frozen=True)
class EntityRecord(_Record):
    """Everything the entity page shows."""

    summary: EntitySummary
    aliases: list[tuple[str, int]]
    titles: list[tuple[str, int]]
    recent: list[ArticleSummary]
    companions: list[tuple[EntitySummary, int]]
    quotes: list[QuoteRecord]
    stories: list[StoryRecord]
    same_surname: list[EntitySummary]  # other entities a lone surname could also mean


@dataclass(frozen=True)
class IngestErrorRecord(_Record):
    id: int
    run_id: int | None
    at: str
    origin: str
    kind: str
    reason: str


@dataclass(frozen=True)
class RunRecord(_Record):
    id: int
    started: str
    finished: str | None
    sources: list[str]
    added: int
    revised: int
    duplicates: int
    unchanged: int
    failed: int
