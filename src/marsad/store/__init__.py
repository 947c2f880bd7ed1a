"""The store: articles, their Documents and facts in SQLite, searchable and linked.

Reading (the web layer builds on this)::

    from marsad.store import Store
    store = Store("marsad.db")                     # read-only; StoreError if missing
    store.search("الانسحاب الأمريكي", since="2021-01-01").hits   # ranked, with snippets
    [e] = store.find_entities("الكاظمي", type="PERSON")[:1]
    store.entity(e.id)                             # aliases, titles, articles, quotes, stories
    store.timeline(entity_id=e.id)                 # events, commitments, dated references
    store.stories(since="2021-11-01"); store.story(7)
    store.article(42).document                     # the whole Document, as stored

Every read returns the records of :mod:`marsad.store.records` (``as_dict()`` for JSON); the
method table is in :mod:`marsad.store.read`. Writing goes through one writer at a time:
:func:`marsad.store.ingest.ingest` (what ``marsad ingest`` runs) or
:class:`marsad.store.write.Writer`. Schema and migrations: :mod:`marsad.store.db` and
``store/migrations/*.sql``; search keys: :mod:`marsad.store.keys`; query syntax:
:mod:`marsad.store.search`.
"""

from __future__ import annotations

from marsad.store.read import Store
from marsad.store.records import (
    ArticleRecord,
    ArticleSummary,
    EntityRecord,
    EntitySummary,
    IngestErrorRecord,
    QuoteRecord,
    RunRecord,
    SearchHit,
    SearchResult,
    Snippet,
    StoryRecord,
    TimelineEntry,
)

__all__ = [
    "ArticleRecord",
    "ArticleSummary",
    "EntityRecord",
    "EntitySummary",
    "IngestErrorRecord",
    "QuoteRecord",
    "RunRecord",
    "SearchHit",
    "SearchResult",
    "Snippet",
    "Store",
    "StoryRecord",
    "TimelineEntry",
]
