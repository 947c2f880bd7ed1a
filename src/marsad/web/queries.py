"""Read queries the pages need that the store's read API (:class:`marsad.store.Store`) lacks.

Each function takes the store's read-only connection (``Store.db``) and returns plain rows or
values; :mod:`marsad.web.data` turns them into page records. Candidates to move into the
store's API: busiest entities of a window, mentions per day, events by actor or by target,
an entity's commitments, commitments by deadline, quotes by words, watch-list candidates
(several entity groups, event types, outlets, ingest time), the store entities of a Document,
an article's copies by group.

Queries that could touch a large part of a 100,000-article store are bounded: an entity's
newest ``RECENT`` facts of each kind, the newest ``SCAN`` articles when quotes are filtered by
words, counts capped at ``COUNT_CAP``; so every page stays a few index walks on a large store.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

Row = sqlite3.Row

SCAN = 2000  # articles looked at when quotes are filtered by words
COUNT_CAP = 10_000  # quote counts above this are reported as this

ARTICLE_COLUMNS = "a.id, a.doc_id, a.title, a.published, a.day, a.source, a.url, a.story_id, a.group_id, a.duplicate_of, a.ingested"


def _marks(values: Sequence[Any]) -> str:
    return ",".join("?" * len(values))


def count_articles(db: sqlite3.Connection, source: str | None = None) -> int:
    """Current articles, copies included (one walk of the ``articles_day`` index; by outlet, a scan)."""
    if source:
        return int(db.execute(
            "SELECT count(*) FROM articles WHERE current = 1 AND duplicate_of IS NULL AND lower(source) = lower(?)", (source,)
        ).fetchone()[0])
    return int(db.execute("SELECT count(*) FROM articles WHERE current = 1").fetchone()[0])


def article(db: sqlite3.Connection, article_id: int) -> Row | None:
    """One article revision's summary row."""
    found: Row | None = db.execute(f"SELECT {ARTICLE_COLUMNS} FROM articles a WHERE a.id = ?", (article_id,)).fetchone()
    return found


def copies(db: sqlite3.Connection, row: Row, limit: int = 100) -> list[Row]:
    """The other current articles of an article's near-duplicate group (exact copies included)."""
    return db.execute(
        f"SELECT {ARTICLE_COLUMNS} FROM articles a WHERE a.group_id = ? AND a.id != ? AND a.current = 1 ORDER BY a.day, a.id LIMIT ?",
        (row["group_id"], row["id"], limit),
    ).fetchall()


def latest_articles(db: sqlite3.Connection, *, limit: int, offset: int = 0, source: str | None = None) -> list[Row]:
    where = "a.current = 1 AND a.duplicate_of IS NULL"
    params: list[Any] = []
    if source:
        where += " AND lower(a.source) = lower(?)"
        params.append(source)
    return db.execute(
        f"SELECT {ARTICLE_COLUMNS} FROM articles a WHERE {where} ORDER BY a.day DESC, a.id DESC LIMIT ? OFFSET ?",
        (*params, limit, offset),
    ).fetchall()


def group_sizes(db: sqlite3.Connection, group_ids: Iterable[int]) -> dict[int, int]:
    """How many current articles (copies included) each near-duplicate group has."""
    ids = sorted(set(group_ids))
    if not ids:
        return {}
    rows = db.execute(
        f"SELECT group_id, count(*) FROM articles WHERE current = 1 AND group_id IN ({_marks(ids)}) GROUP BY group_id", ids
    )
    return {r[0]: r[1] for r in rows}


def entities_by_id(db: sqlite3.Connection, ids: Iterable[int]) -> dict[int, Row]:
    """Entities by id, each merged one given as the entity it was merged into."""
    wanted = sorted({i for i in ids if i is not None})
    found: dict[int, Row] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        for row in db.execute(f"SELECT * FROM entities WHERE id IN ({_marks(chunk)})", chunk):
            found[row["id"]] = row
    for key, row in list(found.items()):
        for _ in range(16):  # follow merges to the survivor
            if row is None or row["merged_into"] is None:
                break
            row = db.execute("SELECT * FROM entities WHERE id = ?", (row["merged_into"],)).fetchone()
        if row is not None:
            found[key] = row
    return found


def doc_entities(db: sqlite3.Connection, article_id: int) -> list[Row]:
    """The Document's entity ids and the store entities they were resolved to."""
    return db.execute("SELECT local_id, entity_id FROM doc_entities WHERE article_id = ?", (article_id,)).fetchall()


def busiest_entities(db: sqlite3.Connection, since: str, limit: int) -> list[tuple[int, int]]:
    """``(entity id, articles)`` most mentioned in articles of ``since`` or later (copies once)."""
    rows = db.execute(
        "WITH recent AS (SELECT id, group_id FROM articles WHERE current = 1 AND day >= ?) "
        "SELECT de.entity_id, count(DISTINCT recent.group_id) AS n FROM recent CROSS JOIN doc_entities de ON de.article_id = recent.id "
        "GROUP BY de.entity_id ORDER BY n DESC LIMIT ?",
        (since, limit),
    )
    return [(r[0], r[1]) for r in rows]


def mentions_by_day(db: sqlite3.Connection, entity_id: int) -> list[tuple[str, int]]:
    """``(day, articles)`` for every day the entity was mentioned: one walk of its index.

    Near-duplicate copies count each (exact copies hold no facts and do not count).
    """
    rows = db.execute("SELECT day, count(*) FROM doc_entities WHERE entity_id = ? GROUP BY day ORDER BY day", (entity_id,))
    return [(r[0], r[1]) for r in rows]


EVENT_SELECT = (
    "SELECT ev.*, " + ARTICLE_COLUMNS.replace("a.id", "a.id AS a_id", 1) + " FROM events ev JOIN articles a ON a.id = ev.article_id "
)


RECENT = 300  # an entity's latest facts of each kind that its page shows


def events_of(db: sqlite3.Connection, *, actor: int | None = None, target: int | None = None, limit: int = 100) -> list[Row]:
    """Events by actor or by target, the latest by their own dates.

    The latest ``RECENT`` are read from the role's ``(id, first_day)`` index first (a retired
    revision's facts are deleted, so they all belong to current articles), then joined.
    """
    if actor is not None:
        column, param = "actor_id", actor
    elif target is not None:
        column, param = "target_id", target
    else:
        raise ValueError("events_of needs actor or target")
    select = EVENT_SELECT.replace("FROM events ev", f"FROM (SELECT * FROM events WHERE {column} = ? ORDER BY first_day DESC LIMIT ?) ev")
    rows = db.execute(select + "WHERE a.current = 1 AND a.duplicate_of IS NULL", (param, RECENT)).fetchall()
    rows.sort(key=lambda r: (r["last_day"] or "", r["a_id"]), reverse=True)
    return rows[:limit]


def commitments_of(db: sqlite3.Connection, who: int) -> list[Row]:
    """An entity's latest ``RECENT`` commitments by deadline (its ``(who_id, due_first)`` index)."""
    select = COMMITMENT_SELECT.replace("FROM commitments c", "FROM (SELECT * FROM commitments WHERE who_id = ? ORDER BY due_first DESC LIMIT ?) c")
    rows = db.execute(select + "WHERE a.current = 1 AND a.duplicate_of IS NULL", (who, RECENT)).fetchall()
    rows.sort(key=lambda r: (r["due_last"] or "", r["a_id"]), reverse=True)
    return rows


COMMITMENT_SELECT = (
    "SELECT c.*, " + ARTICLE_COLUMNS.replace("a.id", "a.id AS a_id", 1) + " FROM commitments c JOIN articles a ON a.id = c.article_id "
)


def commitments_by_status(db: sqlite3.Connection, status: str, today: str, limit: int) -> list[Row]:
    """Commitments still due (nearest deadline first), overdue (most recent first), or all.

    The commitments are ordered and cut on their own table before the join (their articles
    are all current: a retired revision's facts are deleted).
    """
    if status == "due":
        inner = "SELECT * FROM commitments WHERE due_last >= ? ORDER BY due_last ASC, rowid DESC LIMIT ?"
        params: list[Any] = [today, limit]
        order = "c.due_last ASC"
    elif status == "overdue":
        inner = "SELECT * FROM commitments WHERE due_last < ? ORDER BY due_last DESC, rowid DESC LIMIT ?"
        params = [today, limit]
        order = "c.due_last DESC"
    else:
        inner = "SELECT * FROM commitments ORDER BY due_last IS NULL, due_last DESC, rowid DESC LIMIT ?"
        params = [limit]
        order = "c.due_last IS NULL, c.due_last DESC"
    select = COMMITMENT_SELECT.replace("FROM commitments c", f"FROM ({inner}) c")
    return db.execute(select + f"WHERE a.current = 1 AND a.duplicate_of IS NULL ORDER BY {order}, a.id DESC", params).fetchall()


QUOTE_SELECT = (
    "SELECT q.*, " + ARTICLE_COLUMNS.replace("a.id", "a.id AS a_id", 1) + " FROM quotes q JOIN articles a ON a.id = q.article_id "
)


def quotes_where(db: sqlite3.Connection, *, speakers: Sequence[int] | None, articles: Sequence[int] | None, limit: int, offset: int = 0) -> list[Row]:
    """Quotes by speaker ids and/or within articles, newest first."""
    clauses = ["a.current = 1", "a.duplicate_of IS NULL"]
    params: list[Any] = []
    if speakers is not None:
        clauses.append(f"q.speaker_id IN ({_marks(speakers)})" if speakers else "0")
        params.extend(speakers)
    if articles is not None:
        clauses.append(f"q.article_id IN ({_marks(articles)})" if articles else "0")
        params.extend(articles)
    return db.execute(
        QUOTE_SELECT + f"WHERE {' AND '.join(clauses)} ORDER BY a.day DESC, a.id DESC, q.start LIMIT ? OFFSET ?",
        (*params, limit, offset),
    ).fetchall()


def count_quotes(db: sqlite3.Connection, *, speakers: Sequence[int] | None) -> int:
    """How many quotes (by these speakers), counted up to ``COUNT_CAP``."""
    clauses = ["a.current = 1", "a.duplicate_of IS NULL"]
    params: list[Any] = []
    if speakers is not None:
        clauses.append(f"q.speaker_id IN ({_marks(speakers)})" if speakers else "0")
        params.extend(speakers)
    sql = f"SELECT count(*) FROM (SELECT 1 FROM quotes q JOIN articles a ON a.id = q.article_id WHERE {' AND '.join(clauses)} LIMIT {COUNT_CAP})"
    return int(db.execute(sql, params).fetchone()[0])


def fts_expression(phrases: Sequence[Sequence[str]], *, any_phrase: bool = False) -> str:
    """An FTS5 query: each phrase of search keys quoted; all phrases required unless ``any_phrase``."""
    parts = []
    for keys in phrases:
        if keys:
            parts.append('"' + " ".join(k.replace('"', '""') for k in keys) + '"')
    return (" OR " if any_phrase else " AND ").join(parts)


def watch_candidates(
    db: sqlite3.Connection,
    *,
    match: str | None,
    entity_groups: Sequence[Sequence[int]] = (),
    event_types: Sequence[str] = (),
    outlets: Sequence[str] = (),
    since_ingested: str | None = None,
    limit: int,
    offset: int = 0,
) -> list[Row]:
    """Candidates for a watch-list, newest ingested first: current articles that meet every filter.

    Each of ``entity_groups`` must be met by one of its entity ids; ``event_types`` and
    ``outlets`` are met by any one of theirs; ``match`` is an FTS expression.
    """
    clauses = ["a.current = 1", "a.duplicate_of IS NULL"]
    params: list[Any] = []
    source = "articles a"
    if match:
        source = "article_fts f JOIN articles a ON a.id = f.rowid"
        clauses.insert(0, "article_fts MATCH ?")
        params.append(match)
    order = "a.ingested DESC, a.id DESC"
    for group in entity_groups:
        if not group:
            return []
        clauses.append(f"EXISTS (SELECT 1 FROM doc_entities de WHERE de.article_id = a.id AND de.entity_id IN ({_marks(group)}))")
        params.extend(group)
    if event_types:
        clauses.append(f"EXISTS (SELECT 1 FROM events ev WHERE ev.article_id = a.id AND ev.type IN ({_marks(event_types)}))")
        params.extend(event_types)
    if outlets:
        alternatives = []
        for outlet in outlets:
            alternatives.append("lower(a.source) = lower(?) OR a.url LIKE ? OR a.url LIKE ?")
            params.extend([outlet, f"%://{outlet}/%", f"%://www.{outlet}/%"])
        clauses.append("(" + " OR ".join(alternatives) + ")")
    if since_ingested:
        clauses.append("a.ingested >= ?")
        params.append(since_ingested)
    where = " AND ".join(clauses)
    return db.execute(f"SELECT {ARTICLE_COLUMNS} FROM {source} WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?", (*params, limit, offset)).fetchall()


def fts_articles(db: sqlite3.Connection, match: str, limit: int = SCAN) -> list[int]:
    """Ids of the articles whose text has the FTS expression, newest stored first.

    The index holds only current articles that are not exact copies (the writer removes a
    retired revision and never indexes a copy), so no join is needed.
    """
    rows = db.execute("SELECT rowid FROM article_fts WHERE article_fts MATCH ? ORDER BY rowid DESC LIMIT ?", (match, limit))
    return [r[0] for r in rows]


def story_articles(db: sqlite3.Connection, story_id: int, limit: int) -> list[Row]:
    """A story's newest ``limit`` current articles (its ``(story_id, day)`` index)."""
    return db.execute(
        f"SELECT {ARTICLE_COLUMNS} FROM articles a WHERE a.story_id = ? AND a.current = 1 ORDER BY a.day DESC, a.id DESC LIMIT ?",
        (story_id, limit),
    ).fetchall()


def facts_of_articles(db: sqlite3.Connection, article_ids: Sequence[int]) -> tuple[list[Row], list[Row]]:
    """The events and the commitments of some articles (their ``article_id`` indexes)."""
    if not article_ids:
        return [], []
    marks = _marks(article_ids)
    events = db.execute(EVENT_SELECT + f"WHERE ev.article_id IN ({marks})", list(article_ids)).fetchall()
    commitments = db.execute(COMMITMENT_SELECT + f"WHERE c.article_id IN ({marks})", list(article_ids)).fetchall()
    return events, commitments


def story_entity_ids(db: sqlite3.Connection, story_id: int, limit: int) -> list[int]:
    """A story's entities, the ones that weigh most in it first."""
    rows = db.execute("SELECT entity_id FROM story_entities WHERE story_id = ? ORDER BY weight DESC LIMIT ?", (story_id, limit))
    return [r[0] for r in rows]


def stories_by_id(db: sqlite3.Connection, ids: Iterable[int]) -> dict[int, Row]:
    wanted = sorted({i for i in ids if i is not None})
    if not wanted:
        return {}
    return {r["id"]: r for r in db.execute(f"SELECT * FROM stories WHERE id IN ({_marks(wanted)})", wanted)}


