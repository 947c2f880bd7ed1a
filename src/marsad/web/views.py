"""What each page shows, as typed records: the JSON API returns them, the templates render them.

Every HTML page has a JSON twin under ``/api/v1`` that returns exactly the record the page was
rendered from, so what an analyst sees and what a script reads never disagree. Articles keep
the Document contract (``ArticlePage.document``); the other records refer to articles, entities
and stories by the store's ids, with enough of each (title, day, names) to be shown without a
second request. The OpenAPI components are generated from these classes.
"""

from __future__ import annotations

import msgspec

from marsad.document import Document


class ArticleRef(msgspec.Struct, frozen=True, kw_only=True):
    """An article as listed: enough to show and link it."""

    id: str
    title: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None
    story: str | None = None
    duplicates: int = 0
    ingested: str | None = None


class EntityRef(msgspec.Struct, frozen=True, kw_only=True):
    """A cross-article entity as listed, with how often the store has seen it."""

    id: str
    type: str
    canonical: str
    latin: str | None = None
    mentions: int = 0
    articles: int = 0
    partial: bool = False


class StoryRef(msgspec.Struct, frozen=True, kw_only=True):
    """A story (articles about one happening) as listed."""

    id: str
    title: str | None = None
    articles: int = 0
    first: str | None = None
    last: str | None = None
    entities: list[EntityRef] = []


class QuoteItem(msgspec.Struct, frozen=True, kw_only=True):
    """A quotation with its speaker and where to read it (``anchor`` is the fact's id on the page)."""

    article: ArticleRef
    text: str
    speaker: EntityRef | None = None
    speaker_text: str | None = None
    cue: str | None = None
    direct: bool = True
    anchor: str = ""


class EventItem(msgspec.Struct, frozen=True, kw_only=True):
    """A PLOVER event in an article, its participants resolved to store entities when known."""

    article: ArticleRef
    type: str
    trigger: str
    mode: str | None = None
    actor: EntityRef | None = None
    actor_text: str | None = None
    target: EntityRef | None = None
    target_text: str | None = None
    location: EntityRef | None = None
    location_text: str | None = None
    date: str | None = None
    modality: str = "asserted"
    negated: bool = False
    anchor: str = ""


class CommitmentItem(msgspec.Struct, frozen=True, kw_only=True):
    """A promise with a deadline; ``overdue`` when the deadline has passed."""

    article: ArticleRef
    what: str
    due: str
    due_mod: str | None = None
    who: EntityRef | None = None
    who_text: str | None = None
    trigger: str = ""
    overdue: bool = False
    anchor: str = ""


class TimelineItem(msgspec.Struct, frozen=True, kw_only=True):
    """A dated fact on a timeline: an event, a commitment or a dated reference in a sentence.

    ``first_day``–``last_day`` is its date as an interval of days; ``dated`` is False when the
    article gave no date and its publication day stands in; ``overdue`` is set for commitments.
    """

    first_day: str
    last_day: str
    kind: str
    label: str
    text: str
    sentence: str
    article: ArticleRef
    anchor: str = ""
    date: str | None = None
    dated: bool = True
    actor: str | None = None
    target: str | None = None
    negated: bool = False
    modality: str | None = None
    overdue: bool | None = None


class Period(msgspec.Struct, frozen=True, kw_only=True):
    """A count for one period (``2021-10`` or ``2021-W40``)."""

    period: str
    count: int


class Highlight(msgspec.Struct, frozen=True, kw_only=True):
    start: int
    end: int


class SearchHit(msgspec.Struct, frozen=True, kw_only=True):
    """A found article with a snippet; ``highlights`` are offsets of matched words in ``snippet``."""

    article: ArticleRef
    snippet: str
    highlights: list[Highlight] = []
    rank: float = 0.0


class Overview(msgspec.Struct, frozen=True, kw_only=True):
    """The home page: what is new and what needs attention."""

    since: str
    latest: list[ArticleRef]
    entities: list[EntityRef]
    stories: list[StoryRef]
    commitments_due: list[CommitmentItem]
    articles_total: int = 0


class ArticlePage(msgspec.Struct, frozen=True, kw_only=True):
    """An article: its Document, and what the store knows around it.

    ``entities`` maps each of the Document's entity ids to the store's cross-article entity.
    """

    document: Document
    entities: dict[str, EntityRef] = {}
    story: StoryRef | None = None
    duplicates: list[ArticleRef] = []


class EntityPage(msgspec.Struct, frozen=True, kw_only=True):
    """Everything known about one entity across the store."""

    entity: EntityRef
    aliases: list[str]
    titles: list[str]
    quotes: list[QuoteItem]
    events_as_actor: list[EventItem]
    events_as_target: list[EventItem]
    co_occurring: list[EntityRef]
    mentions_over_time: list[Period]
    timeline: list[TimelineItem]
    stories: list[StoryRef]
    same_surname: list[EntityRef]
    articles: list[ArticleRef]


class StoryPage(msgspec.Struct, frozen=True, kw_only=True):
    """A story: its articles (duplicates folded into the first copy) and its dated facts."""

    story: StoryRef
    articles: list[ArticleRef]
    entities: list[EntityRef]
    timeline: list[TimelineItem]


class StoriesPage(msgspec.Struct, frozen=True, kw_only=True):
    since: str | None
    stories: list[StoryRef]


class SearchPage(msgspec.Struct, frozen=True, kw_only=True):
    """Full-text search results with the filters that produced them.

    ``entity`` is what was typed, ``entity_match`` the store entity it was taken to mean.
    """

    query: str
    match: str | None = None
    entity: str | None = None
    entity_match: EntityRef | None = None
    type: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    offset: int = 0
    more: bool = False
    hits: list[SearchHit] = []


class QuotesPage(msgspec.Struct, frozen=True, kw_only=True):
    speaker: str | None
    words: str | None
    quotes: list[QuoteItem]
    total: int = 0
    offset: int = 0


class CommitmentsPage(msgspec.Struct, frozen=True, kw_only=True):
    status: str
    today: str
    commitments: list[CommitmentItem]


class Listing(msgspec.Struct, frozen=True, kw_only=True):
    """A page of articles."""

    articles: list[ArticleRef]
    total: int
    offset: int


class EntityListing(msgspec.Struct, frozen=True, kw_only=True):
    entities: list[EntityRef]
    name: str | None = None
    type: str | None = None


class Ingested(msgspec.Struct, frozen=True, kw_only=True):
    """What ``POST /api/v1/articles`` did with one article."""

    ok: bool
    id: str | None
    status: str
    reason: str | None = None
    url: str | None = None


class Component(msgspec.Struct, frozen=True, kw_only=True):
    name: str
    version: str
    requires: list[str]
    assigns: list[str]
    description: str
    module: str


class Health(msgspec.Struct, frozen=True, kw_only=True):
    ok: bool
    version: str
    store: bool
    articles: int | None = None
    ingest: bool = False
