"""The store's read API: what the CLI, the web UI and the JSON API ask of a store.

:class:`Store` opens the SQLite file read-only (one connection per thread, so a web server's
worker threads each have their own) and answers with the typed records of
:mod:`marsad.store.records`. Every method is a handful of indexed queries; none scans the
articles. Unknown ids raise :class:`NotFoundError` (HTTP 404).

=====================================  ========================================================
``Store(path)``                        open (``StoreError`` if there is no store yet)
``stats()``                            counts of articles, entities, stories, errors
``article(id)``                        the whole Document, raw input, revisions, copies
``articles(since, until, limit)``      latest articles
``search(query, entity, type, ...)``   ranked Arabic-aware full-text search with snippets
``find_entities(name, type)``          entities a typed name can mean, best first
``entity(id)``                         the entity page: aliases, titles, articles, quotes…
``entities(type, since, limit)``       the busiest entities
``quotes(entity_id)``                  what someone said, latest first
``timeline(entity_id= | story_id=)``   events, commitments and dated references, in date order
``stories(since, limit)``; ``story``   stories, latest first; one story with its articles
``errors(run_id)``; ``runs()``         failed inputs of a run (default: the latest); runs
=====================================  ========================================================
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Self

from rapidfuzz import fuzz

from marsad.document import Document
from marsad.errors import NotFoundError, StoreError
from marsad.link.names import name as name_of
from marsad.store.db import connect, unpack
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
    StoryRecord,
    TextView,
    TimelineEntry,
    decode_view,
)
from marsad.store.search import parse, snippet

_ARTICLE_COLUMNS = "a.id, a.title, a.url, a.source, a.published, a.day, a.story_id, a.group_id, a.duplicate_of, a.revision, a.current"
_ENTITY_COLUMNS = "e.id, e.type, e.name, e.latin, e.articles, e.mentions, e.first_day, e.last_day, e.partial"
ENTITY_TYPES = ("PERSON", "ORG", "LOC")
NAME_MATCH_MIN = 80
HISTORICAL_DAYS = 7  # a date this long before its article is a reference to the past
REFERENCE_ARTICLES = 300  # an entity's latest articles searched for dated references
# A query matching more articles than this is ranked among its latest this many: relevance over
# tens of thousands of equal matches means little, and ranking them all takes seconds.
RANK_WINDOW = 1000
RANK_BUDGET = 2000  # matches a filtered query scans before it settles for what it has found
SCAN_CHUNK = 2000
SCAN_MAX = 6000  # a filtered query never scans (and bm25 never scores) more matches than this; it says so


def _summary(row: sqlite3.Row | tuple[Any, ...]) -> ArticleSummary:
    return ArticleSummary(
        id=row[0], title=row[1], url=row[2], source=row[3], published=row[4], day=row[5], story_id=row[6],
        group_id=row[7], duplicate_of=row[8], revision=row[9], current=bool(row[10]),
    )


def _entity(row: sqlite3.Row | tuple[Any, ...]) -> EntitySummary:
    return EntitySummary(
        id=row[0], type=row[1], name=row[2], latin=row[3], articles=row[4], mentions=row[5],
        first_day=row[6], last_day=row[7], partial=bool(row[8]),
    )


class Store:
    """A read-only view of a marsad store. Safe to share between threads.

    >>> store = Store("marsad.db")                                # doctest: +SKIP
    >>> [e.name for e in store.entities(limit=3)]                 # doctest: +SKIP
    ['العراق', 'مصطفى الكاظمي', 'التحالف الدولي']
    """

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._local = threading.local()
        self.db.execute("SELECT 1")  # open now, so a missing store is reported at once

    @property
    def db(self) -> sqlite3.Connection:
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is None:
            connection = connect(self.path, readonly=True)
            self._local.connection = connection
        return connection

    def close(self) -> None:
        connection = getattr(self._local, "connection", None)
        if connection is not None:
            connection.close()
            self._local.connection = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _all(self, sql: str, args: Iterable[Any] = ()) -> list[sqlite3.Row]:
        try:
            return self.db.execute(sql, tuple(args)).fetchall()
        except sqlite3.Error as error:
            raise StoreError(f"{self.path}: query failed: {error}") from error

    def _one(self, sql: str, args: Iterable[Any] = ()) -> sqlite3.Row | None:
        rows = self._all(sql, args)
        return rows[0] if rows else None

    # articles ---------------------------------------------------------------------------

    def stats(self) -> dict[str, int]:
        """How much the store holds."""
        row = self._one(
            "SELECT (SELECT COUNT(*) FROM articles WHERE current = 1), (SELECT COUNT(*) FROM articles), "
            "(SELECT COUNT(DISTINCT group_id) FROM articles WHERE current = 1), "
            "(SELECT COUNT(*) FROM entities WHERE merged_into IS NULL), (SELECT COUNT(*) FROM stories WHERE articles > 0), "
            "(SELECT COUNT(*) FROM ingest_errors), (SELECT COUNT(*) FROM ingest_runs)"
        )
        assert row is not None
        keys = ("articles", "revisions", "distinct_articles", "entities", "stories", "errors", "runs")
        return dict(zip(keys, (int(v) for v in row)))

    def document(self, article_id: int) -> Document:
        """The Document of an article, exactly as it was stored."""
        row = self._one("SELECT doc FROM article_blobs WHERE article_id = ?", (article_id,))
        if row is None:
            raise NotFoundError(f"no article {article_id} in {self.path}")
        return Document.from_json(unpack(row[0]))

    def article(self, article_id: int) -> ArticleRecord:
        """One article with its Document, raw input, revisions and copies."""
        row = self._one(
            f"SELECT {_ARTICLE_COLUMNS}, b.doc, a.origin, a.ingested, b.raw, a.raw_type, a.key FROM articles a "
            "JOIN article_blobs b ON b.article_id = a.id WHERE a.id = ?",
            (article_id,),
        )
        if row is None:
            raise NotFoundError(f"no article {article_id} in {self.path}")
        summary = _summary(row)
        original = summary.duplicate_of or summary.id
        return ArticleRecord(
            summary=summary,
            document=Document.from_json(unpack(row[11])),
            origin=row[12],
            ingested=row[13],
            raw=unpack(row[14]) if row[14] is not None else None,
            raw_type=row[15],
            revisions=[r[0] for r in self._all("SELECT id FROM articles WHERE key = ? ORDER BY revision", (row[16],))],
            near_duplicates=[
                (r[0], r[1]) for r in self._all(
                    "SELECT other_id, similarity FROM near_duplicates WHERE article_id = ? "
                    "UNION SELECT article_id, similarity FROM near_duplicates WHERE other_id = ? ORDER BY 2 DESC",
                    (article_id, article_id),
                )
            ],
            exact_copies=[r[0] for r in self._all(
                "SELECT id FROM articles WHERE (duplicate_of = ? OR id = ?) AND id != ? AND current = 1", (original, original, article_id)
            )],
        )

    def articles(self, *, since: str | None = None, until: str | None = None, limit: int = 20, offset: int = 0) -> list[ArticleSummary]:
        """The latest current articles (copies included), newest first."""
        rows = self._all(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles a WHERE a.current = 1 AND a.day >= ? AND a.day <= ? "
            "ORDER BY a.day DESC, a.id DESC LIMIT ? OFFSET ?",
            (since or "0000", until or "9999", limit, offset),
        )
        return [_summary(r) for r in rows]

    # search -----------------------------------------------------------------------------

    def search(
        self,
        query: str,
        *,
        entity: int | None = None,
        type: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int = 20,
        offset: int = 0,
    ) -> SearchResult:
        """Articles matching ``query`` (see :mod:`marsad.store.search`), best first.

        Args:
            query: what the analyst typed; empty to list by the filters alone, newest first.
            entity: only articles mentioning this entity (an id from :meth:`find_entities`).
            type: only articles with an event of this PLOVER type (AGREE, RETREAT…).
            since, until: publication days, inclusive (``YYYY-MM-DD``).
            limit, offset: the page of hits.

        A query matching more than ``RANK_WINDOW`` articles is ranked among the latest
        ``RANK_WINDOW`` of them (``SearchResult.ranked_within`` says so): in a news stream the
        latest matter most, and ranking every one of 50,000 matches would take seconds.
        """
        match, terms = parse(query)
        filtered = entity is not None or bool(type) or bool(since) or bool(until)
        if match is None:
            if query.strip() and not filtered:
                return SearchResult(query=query, match=None, hits=[], more=False)
            where: list[str] = ["a.current = 1", "a.duplicate_of IS NULL"]
            args: list[Any] = []
            if entity is not None:
                where.append("a.id IN (SELECT article_id FROM doc_entities WHERE entity_id = ?)")
                args.append(entity)
            if type:
                where.append("a.id IN (SELECT article_id FROM events WHERE type = ?)")
                args.append(type.upper())
            where += ["a.day >= ?", "a.day <= ?"]
            args += [since or "0000", until or "9999"]
            rows = self._all(
                f"SELECT {_ARTICLE_COLUMNS}, 0.0 FROM articles a WHERE {' AND '.join(where)} ORDER BY a.day DESC, a.id DESC LIMIT ? OFFSET ?",
                [*args, limit + 1, offset],
            )
            more, ranked_within = len(rows) > limit, None
            ranked = [(r[0], 0.0) for r in rows[:limit]]
        else:
            ranked, more, ranked_within = self._ranked(match, entity, type, since, until, limit, offset)
            by_id = {r[0]: r for r in self._all(
                f"SELECT {_ARTICLE_COLUMNS} FROM articles a WHERE a.id IN ({','.join('?' * len(ranked))})", [i for i, _ in ranked]
            )} if ranked else {}
            rows = [by_id[i] for i, _ in ranked if i in by_id]
        scores = dict(ranked)
        views = self._text_views(r[0] for r in rows)
        hits = [SearchHit(article=_summary(r), score=float(scores[r[0]]), snippet=snippet(views[r[0]].text, terms)) for r in rows[:limit]]
        return SearchResult(query=query, match=match, hits=hits, more=more, ranked_within=ranked_within)

    def _ranked(
        self, match: str, entity: int | None, type: str | None, since: str | None, until: str | None, limit: int, offset: int
    ) -> tuple[list[tuple[int, float]], bool, int | None]:
        """``(article id, bm25)`` of one page of matches, whether there is more, and the window.

        The index holds only current, original articles, so matches need no check against the
        articles table. Filters become sets of article ids read from their own indexes; the
        latest matching candidates are ranked by FTS5 over the rowid range they span, never
        over more than ``RANK_BUDGET`` index matches (bm25 costs per match).
        """
        need = offset + limit + 1
        window = max(RANK_WINDOW, need)
        allowed: set[int] | None = None
        if entity is None and not type and not since and not until:
            edge = self._one("SELECT rowid FROM article_fts WHERE article_fts MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?", (match, window))
            low, high, within = (edge[0] + 1 if edge else 0), 1 << 62, (window if edge else None)
        else:
            # Walk the matches from the latest, a chunk at a time; each filter is read for the
            # chunk's id range only, from its index.
            allowed, scanned, within = set(), 0, None
            low = high = 0
            cursor = self.db.execute("SELECT rowid FROM article_fts WHERE article_fts MATCH ? ORDER BY rowid DESC", (match,))
            while True:
                chunk = [r[0] for r in cursor.fetchmany(SCAN_CHUNK)]
                if not chunk:
                    break
                keep = set(chunk)
                # The chunk's ids are looked up one by one in each filter's index: matches of a
                # query are spread over the whole store, so an id range would read most of it.
                ids = json.dumps(chunk)
                if entity is not None:
                    keep &= {r[0] for r in self._all(
                        "SELECT DISTINCT article_id FROM doc_entities WHERE entity_id = ? AND article_id IN (SELECT value FROM json_each(?))",
                        (entity, ids))}
                if type:
                    keep &= {r[0] for r in self._all(
                        "SELECT DISTINCT article_id FROM events WHERE type = ? AND article_id IN (SELECT value FROM json_each(?))",
                        (type.upper(), ids))}
                if since or until:
                    keep &= {r[0] for r in self._all(
                        "SELECT id FROM articles WHERE id IN (SELECT value FROM json_each(?)) AND day >= ? AND day <= ?",
                        (ids, since or "0000", until or "9999"))}
                for rowid in chunk:
                    if rowid in keep:
                        if len(allowed) >= window:
                            within = len(allowed)
                            break
                        allowed.add(rowid)
                        high, low = high or rowid, rowid
                scanned += len(chunk)
                if within is not None or (scanned >= RANK_BUDGET and len(allowed) >= need) or scanned >= SCAN_MAX:
                    within = within if within is not None else (len(allowed) if cursor.fetchone() is not None else None)
                    break
            cursor.close()
            if not allowed:
                return [], False, None
        rows = self._all(
            "SELECT rowid, rank FROM article_fts WHERE article_fts MATCH ? AND rowid >= ? AND rowid <= ? AND rank MATCH 'bm25(3.0, 1.0)' "
            "ORDER BY rank" + ("" if allowed is not None else " LIMIT ?"),
            (match, low, high, *(() if allowed is not None else (need,))),
        )
        scored = [(r[0], float(r[1])) for r in rows if allowed is None or r[0] in allowed]
        page = scored[offset : offset + limit + 1]
        return page[:limit], len(page) > limit or within is not None, within

    # entities ---------------------------------------------------------------------------

    def find_entities(self, text: str, *, type: str | None = None, limit: int = 10) -> list[EntitySummary]:
        """The entities a typed name can mean, best first: Arabic in any form, or Latin.

        An exact form (any alias, titles and clitics ignored) comes first, the busiest first;
        then close spellings; a lone surname also finds the full names it may stand for.
        """
        types = [type.upper()] if type else list(ENTITY_TYPES)
        found: dict[int, tuple[float, int]] = {}
        for kind in types:
            key = name_of(text, kind).key
            if not key:
                continue
            for row in self._all(
                "SELECT e.id, e.articles, a.count FROM entity_aliases a JOIN entities e ON e.id = a.entity_id "
                "WHERE a.type = ? AND a.key = ? AND e.merged_into IS NULL", (kind, key),
            ):
                found[row[0]] = max(found.get(row[0], (0.0, 0)), (200.0 + min(row[2], 99), row[1]))
            words = key.split()
            for row in self._all(
                "SELECT t.entity_id, e.key, e.articles FROM entity_tokens t JOIN entities e ON e.id = t.entity_id "
                "WHERE t.type = ? AND t.token = ? AND e.merged_into IS NULL LIMIT 500", (kind, words[-1]),
            ):
                score = fuzz.token_set_ratio(key, row[1])
                if score >= NAME_MATCH_MIN:
                    found[row[0]] = max(found.get(row[0], (0.0, 0)), (100.0 + score / 100, row[2]))
        latin = text.strip().casefold()
        if latin.isascii() and latin:
            rows = self._all(
                "SELECT id, latin, articles FROM entities WHERE merged_into IS NULL AND latin != '' AND lower(latin) LIKE ? "
                + ("AND type = ? " if type else "") + "LIMIT 500",
                [f"%{latin.split()[-1]}%", *([type.upper()] if type else [])],
            )
            for row in rows:
                score = fuzz.token_set_ratio(latin, row[1].casefold())
                if score >= NAME_MATCH_MIN:
                    found[row[0]] = max(found.get(row[0], (0.0, 0)), (100.0 + score / 100, row[2]))
        ranked = sorted(found, key=lambda i: found[i], reverse=True)[:limit]
        if not ranked:
            return []
        rows = self._all(f"SELECT {_ENTITY_COLUMNS} FROM entities e WHERE e.id IN ({','.join('?' * len(ranked))})", ranked)
        by_id = {row[0]: _entity(row) for row in rows}
        return [by_id[i] for i in ranked if i in by_id]

    def entity_summary(self, entity_id: int) -> EntitySummary:
        row = self._one(f"SELECT {_ENTITY_COLUMNS}, e.merged_into FROM entities e WHERE e.id = ?", (entity_id,))
        if row is None:
            raise NotFoundError(f"no entity {entity_id} in {self.path}")
        if row[9] is not None:
            return self.entity_summary(row[9])
        return _entity(row)

    def entities(self, *, type: str | None = None, since: str | None = None, limit: int = 15, offset: int = 0) -> list[EntitySummary]:
        """The busiest entities (by articles, copies counted once), optionally of one type."""
        where, args = ["e.merged_into IS NULL", "e.articles > 0"], []
        if type:
            where.append("e.type = ?")
            args.append(type.upper())
        if since:
            where.append("e.last_day >= ?")
            args.append(since)
        rows = self._all(
            f"SELECT {_ENTITY_COLUMNS} FROM entities e WHERE {' AND '.join(where)} ORDER BY e.articles DESC, e.mentions DESC LIMIT ? OFFSET ?",
            [*args, limit, offset],
        )
        return [_entity(r) for r in rows]

    def entity(self, entity_id: int, *, recent: int = 10) -> EntityRecord:
        """The entity page: names, titles, latest articles, companions, quotes and stories."""
        summary = self.entity_summary(entity_id)
        entity_id = summary.id
        recent_rows = self._all(
            f"SELECT {_ARTICLE_COLUMNS} FROM doc_entities d JOIN articles a ON a.id = d.article_id "
            "WHERE d.entity_id = ? AND a.current = 1 ORDER BY d.day DESC, d.article_id DESC LIMIT ?",
            (entity_id, recent),
        )
        companions = self._all(
            f"SELECT {_ENTITY_COLUMNS}, COUNT(*) AS n FROM doc_entities d JOIN entities e ON e.id = d.entity_id "
            "WHERE d.article_id IN (SELECT article_id FROM doc_entities WHERE entity_id = ? ORDER BY day DESC LIMIT 300) "
            "AND d.entity_id != ? GROUP BY d.entity_id ORDER BY n DESC, e.articles DESC LIMIT 10",
            (entity_id, entity_id),
        )
        story_rows = self._all(
            "SELECT s.id, s.title, s.first_day, s.last_day, s.articles FROM story_entities se JOIN stories s ON s.id = se.story_id "
            "WHERE se.entity_id = ? AND s.articles > 0 ORDER BY se.last_day DESC LIMIT 10",
            (entity_id,),
        )
        same: list[EntitySummary] = []
        if summary.type == "PERSON":
            key_row = self._one("SELECT key FROM entities WHERE id = ?", (entity_id,))
            surname = str(key_row[0]).split()[-1] if key_row is not None and key_row[0] else ""
            if surname:
                same = [
                    _entity(r) for r in self._all(
                        f"SELECT {_ENTITY_COLUMNS} FROM entity_tokens t JOIN entities e ON e.id = t.entity_id "
                        "WHERE t.type = 'PERSON' AND t.token = ? AND t.position = -1 AND e.id != ? AND e.merged_into IS NULL "
                        "ORDER BY e.articles DESC LIMIT 10",
                        (surname, entity_id),
                    )
                ]
        return EntityRecord(
            summary=summary,
            aliases=[(r[0], r[1]) for r in self._all(
                "SELECT alias, count FROM entity_aliases WHERE entity_id = ? ORDER BY count DESC LIMIT 20", (entity_id,))],
            titles=[(r[0], r[1]) for r in self._all(
                "SELECT title, count FROM entity_titles WHERE entity_id = ? ORDER BY count DESC LIMIT 10", (entity_id,))],
            recent=[_summary(r) for r in recent_rows],
            companions=[(_entity(r), r[9]) for r in companions],
            quotes=self.quotes(entity_id, limit=5),
            stories=[StoryRecord(id=r[0], title=r[1], first_day=r[2], last_day=r[3], articles=r[4]) for r in story_rows],
            same_surname=same,
        )

    def quotes(self, entity_id: int, *, limit: int = 20, offset: int = 0) -> list[QuoteRecord]:
        """What an entity said (quotes attributed to it), newest first."""
        rows = self._all(
            "SELECT q.article_id, a.day, a.title, q.start, q.end, q.text, q.speaker_id, COALESCE(e.name, q.speaker_text), q.cue, q.direct "
            "FROM quotes q JOIN articles a ON a.id = q.article_id LEFT JOIN entities e ON e.id = q.speaker_id "
            "WHERE q.speaker_id = ? AND a.current = 1 ORDER BY q.day DESC, q.article_id DESC, q.start LIMIT ? OFFSET ?",
            (entity_id, limit, offset),
        )
        return [QuoteRecord(article_id=r[0], day=r[1], title=r[2], start=r[3], end=r[4], text=r[5], speaker_id=r[6],
                            speaker=r[7], cue=r[8], direct=bool(r[9])) for r in rows]

    # timelines --------------------------------------------------------------------------

    def timeline(
        self,
        *,
        entity_id: int | None = None,
        story_id: int | None = None,
        since: str | None = None,
        until: str | None = None,
        as_of: str | None = None,
        limit: int = 200,
    ) -> list[TimelineEntry]:
        """Events, commitments and dated references of an entity or a story, in date order.

        The latest ``limit`` facts of the period (``since``/``until`` on the facts' dates),
        oldest first. For an entity, dated references are looked for in its articles of the
        period (without a period: its latest ``REFERENCE_ARTICLES``). ``as_of`` (default
        today) decides which commitments are overdue.
        """
        if (entity_id is None) == (story_id is None):
            raise StoreError("a timeline is of an entity or of a story: give exactly one of entity_id, story_id")
        as_of = as_of or dt.date.today().isoformat()
        low, high = since or "0000", until or "9999"
        window = (high, low)
        if entity_id is not None:
            entity_id = self.entity_summary(entity_id).id
            event_rows: list[sqlite3.Row] = []
            for role in ("actor_id", "target_id", "location_id"):
                event_rows += self._all(
                    f"SELECT e.* FROM events e JOIN articles a ON a.id = e.article_id WHERE e.{role} = ? AND e.first_day <= ? "
                    "AND e.last_day >= ? AND a.current = 1 ORDER BY e.first_day DESC LIMIT ?",
                    (entity_id, *window, limit),
                )
            commitment_rows = self._all(
                "SELECT c.* FROM commitments c JOIN articles a ON a.id = c.article_id WHERE c.who_id = ? AND a.current = 1 "
                "AND COALESCE(c.due_first, a.day) <= ? AND COALESCE(c.due_last, a.day) >= ? ORDER BY c.due_first DESC LIMIT ?",
                (entity_id, *window, limit),
            )
            if since or until:
                scope = "SELECT article_id FROM doc_entities WHERE entity_id = ? AND day >= ?"
                scope_args: tuple[Any, ...] = (entity_id, low)  # a reference to the period is made on or after it
            else:
                scope = "SELECT article_id FROM doc_entities WHERE entity_id = ? ORDER BY day DESC LIMIT ?"
                scope_args = (entity_id, REFERENCE_ARTICLES)
            reference_rows = self._all(
                "SELECT DISTINCT d.article_id, d.start, d.end, d.text, d.value, d.first_day, d.last_day, d.sentence FROM dates d "
                "JOIN mentions m ON m.article_id = d.article_id AND m.sentence = d.sentence "
                "JOIN doc_entities de ON de.article_id = m.article_id AND de.local_id = m.local_id "
                "JOIN articles a ON a.id = d.article_id "
                f"WHERE d.article_id IN ({scope}) AND de.entity_id = ? AND a.current = 1 AND d.first_day IS NOT NULL "
                "AND d.kind IN ('date', 'relative') AND d.first_day <= ? AND d.last_day >= ? ORDER BY d.first_day DESC LIMIT ?",
                (*scope_args, entity_id, *window, limit),
            )
        else:
            if self._one("SELECT 1 FROM stories WHERE id = ?", (story_id,)) is None:
                raise NotFoundError(f"no story {story_id} in {self.path}")
            members = "SELECT id FROM articles WHERE story_id = ? AND current = 1 AND duplicate_of IS NULL"
            event_rows = self._all(
                f"SELECT * FROM events WHERE article_id IN ({members}) AND first_day <= ? AND last_day >= ?", (story_id, *window))
            commitment_rows = self._all(f"SELECT * FROM commitments WHERE article_id IN ({members})", (story_id,))
            reference_rows = self._all(
                "SELECT d.article_id, d.start, d.end, d.text, d.value, d.first_day, d.last_day, d.sentence FROM dates d "
                "JOIN articles a ON a.id = d.article_id WHERE a.story_id = ? AND a.current = 1 AND a.duplicate_of IS NULL "
                "AND d.first_day IS NOT NULL AND d.kind IN ('date', 'relative') AND d.last_day < date(a.day, ?) "
                "AND d.first_day <= ? AND d.last_day >= ?",
                (story_id, f"-{HISTORICAL_DAYS} days", *window),
            )
        ids = {r["article_id"] for r in event_rows} | {r["article_id"] for r in commitment_rows} | {r[0] for r in reference_rows}
        names: dict[int, str] = {}
        entity_ids = {r[k] for r in event_rows for k in ("actor_id", "target_id") if r[k] is not None}
        if entity_ids:
            names = {r[0]: r[1] for r in self._all(f"SELECT id, name FROM entities WHERE id IN ({','.join('?' * len(entity_ids))})", sorted(entity_ids))}
        meta = {r[0]: (r[1], r[2], r[3]) for r in self._all(
            f"SELECT id, day, title, group_id FROM articles WHERE id IN ({','.join('?' * len(ids))})", sorted(ids))} if ids else {}
        views = self._text_views(ids)
        entries: list[TimelineEntry] = []
        event_spots = set()

        def sentence(article_id: int, index: int | None, offset: int) -> str:
            view = views[article_id]
            if not view.sentences:
                return " ".join(view.text.split())
            if index is None:
                index = next((i for i, s in enumerate(view.sentences) if s.start <= offset < s.end), 0)
            s = view.sentences[min(index, len(view.sentences) - 1)]
            return " ".join(view.text[s.start : s.end].split())

        for r in event_rows:
            day, title, _ = meta[r["article_id"]]
            event_spots.add((r["article_id"], r["sentence"]))
            entries.append(TimelineEntry(
                first_day=r["first_day"], last_day=r["last_day"], kind="event", article_id=r["article_id"], article_day=day, title=title,
                label=r["type"] + (f"/{r['mode']}" if r["mode"] else ""), text=r["trigger_text"],
                sentence=sentence(r["article_id"], r["sentence"], r["trigger_start"]), start=r["trigger_start"], end=r["trigger_end"],
                date=r["date"], dated=bool(r["dated"]), actor=names.get(r["actor_id"]) or r["actor_text"],
                target=names.get(r["target_id"]) or r["target_text"], negated=bool(r["negated"]), modality=r["modality"],
            ))
        for r in commitment_rows:
            day, title, _ = meta[r["article_id"]]
            first, last = r["due_first"] or day, r["due_last"] or day
            entries.append(TimelineEntry(
                first_day=first, last_day=last, kind="commitment", article_id=r["article_id"], article_day=day, title=title,
                label="commitment", text=r["what_text"], sentence=sentence(r["article_id"], None, r["what_start"]),
                start=r["what_start"], end=r["what_end"], date=r["due"] + (f" ({r['due_mod']})" if r["due_mod"] else ""),
                dated=r["due_last"] is not None, actor=r["who_text"],
                overdue=(r["due_last"] < as_of) if r["due_last"] else None,
            ))
        for article_id, start, end, text, value, first, last, index in reference_rows:
            if (article_id, index) in event_spots:
                continue  # the event of that sentence already carries its date
            day, title, _ = meta[article_id]
            entries.append(TimelineEntry(
                first_day=first, last_day=last, kind="reference", article_id=article_id, article_day=day, title=title,
                label="reference", text=text, sentence=sentence(article_id, index, start), start=start, end=end, date=value, dated=True,
            ))
        # Copies of one story (near duplicates, one group) tell the same fact once.
        unique: dict[tuple[int, str, str, str | None, str], TimelineEntry] = {}
        for entry in entries:
            unique.setdefault((meta[entry.article_id][2], entry.kind, entry.label, entry.date, entry.text), entry)
        ordered = sorted(
            (e for e in unique.values() if e.last_day >= low and e.first_day <= high),
            key=lambda e: (e.first_day, e.last_day, e.article_day, e.article_id, e.start),
        )
        return ordered[-limit:]

    def _text_views(self, ids: Iterable[int]) -> dict[int, TextView]:
        """Text and sentences of articles, read without decoding their other layers."""
        ids = sorted(set(ids))
        if not ids:
            return {}
        rows = self._all(f"SELECT article_id, view FROM article_blobs WHERE article_id IN ({','.join('?' * len(ids))})", ids)
        return {row[0]: decode_view(unpack(row[1])) for row in rows}

    # stories ----------------------------------------------------------------------------

    def _story_entities(self, story_id: int, limit: int = 5) -> list[EntitySummary]:
        rows = self._all(
            f"SELECT {_ENTITY_COLUMNS} FROM story_entities se JOIN entities e ON e.id = se.entity_id "
            "WHERE se.story_id = ? ORDER BY se.weight DESC, e.articles ASC LIMIT ?",
            (story_id, limit),
        )
        return [_entity(r) for r in rows]

    def stories(self, *, since: str | None = None, limit: int = 20, offset: int = 0, min_articles: int = 1) -> list[StoryRecord]:
        """Stories active since ``since`` (their last day), biggest and latest first."""
        rows = self._all(
            "SELECT id, title, first_day, last_day, articles FROM stories WHERE last_day >= ? AND articles >= ? "
            "ORDER BY last_day DESC, articles DESC, id DESC LIMIT ? OFFSET ?",
            (since or "0000", max(min_articles, 1), limit, offset),
        )
        return [StoryRecord(id=r[0], title=r[1], first_day=r[2], last_day=r[3], articles=r[4], entities=self._story_entities(r[0])) for r in rows]

    def story(self, story_id: int) -> StoryRecord:
        """One story with its entities and articles (copies included), in day order."""
        row = self._one("SELECT id, title, first_day, last_day, articles FROM stories WHERE id = ?", (story_id,))
        if row is None:
            raise NotFoundError(f"no story {story_id} in {self.path}")
        members = self._all(f"SELECT {_ARTICLE_COLUMNS} FROM articles a WHERE a.story_id = ? AND a.current = 1 ORDER BY a.day, a.id", (story_id,))
        return StoryRecord(id=row[0], title=row[1], first_day=row[2], last_day=row[3], articles=row[4],
                           entities=self._story_entities(story_id, 10), members=[_summary(r) for r in members])

    # ingest bookkeeping -------------------------------------------------------------------

    def runs(self, *, limit: int = 20) -> list[RunRecord]:
        rows = self._all("SELECT * FROM ingest_runs ORDER BY id DESC LIMIT ?", (limit,))
        return [RunRecord(id=r["id"], started=r["started"], finished=r["finished"], sources=json.loads(r["sources"]), added=r["added"],
                          revised=r["revised"], duplicates=r["duplicates"], unchanged=r["unchanged"], failed=r["failed"]) for r in rows]

    def errors(self, *, run_id: int | None = None, all_runs: bool = False, limit: int = 100) -> list[IngestErrorRecord]:
        """Inputs that failed, with their reasons: of one run (default the latest), or of all."""
        if all_runs:
            rows = self._all("SELECT * FROM ingest_errors ORDER BY id DESC LIMIT ?", (limit,))
        else:
            if run_id is None:
                latest = self._one("SELECT MAX(id) FROM ingest_runs")
                run_id = latest[0] if latest else None
            rows = self._all("SELECT * FROM ingest_errors WHERE run_id = ? ORDER BY id LIMIT ?", (run_id, limit))
        return [IngestErrorRecord(id=r["id"], run_id=r["run_id"], at=r["at"], origin=r["origin"], kind=r["kind"], reason=r["reason"]) for r in rows]
