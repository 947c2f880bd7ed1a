"""Stories: the articles about one happening, grouped as they arrive.

An article joins a story when it is a near-duplicate of one of the story's articles (another
outlet's copy of the same wire story), or when, within ``WINDOW_DAYS`` of the story's days (and
``MAX_SPAN_DAYS`` of its first), it shares enough of the story's entities: the shared entities'
weight (rare entities weigh more than ever-present ones — :func:`marsad.link.resolve.idf`; a
story about "الكاظمي" and "عين الأسد" is not joined by every article mentioning "العراق"), each
scaled by how central it is to the story (in how many of its articles it appears: a big story
is joined through its core, not through any name it once mentioned), must reach ``THRESHOLD``
of the article's entity weight, with at least two entities shared; shared event types or
shared dates count towards it. Otherwise the article starts a new story.

The decision is made once, when the article is written, on the writer's connection; stories
keep their entity profile (``story_entities``) so the next decision is a few indexed lookups.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable

from marsad.document import Document
from marsad.link.resolve import idf

WINDOW_DAYS = 3
MAX_SPAN_DAYS = 30  # a story older than this takes no new articles: a later follow-up starts another
CENTRAL = 2.0  # an entity in half a story's articles or more counts fully towards joining it
THRESHOLD = 0.45
MIN_SHARED = 2
EVENT_BONUS = 0.1
DATE_BONUS = 0.1
MAX_ENTITIES = 12  # the article's entities considered: the rarest, which tell most
COMMON_SHARE = 0.05  # entities in more of the store's articles weigh in but are not looked up
_TITLE_CHARS = 140


def _shift(day: str, days: int) -> str:
    return (dt.date.fromisoformat(day) + dt.timedelta(days=days)).isoformat()


def story_title(doc: Document) -> str:
    """A story's title: its first article's headline, else its first sentence."""
    if doc.title:
        return doc.title
    first = doc.text[doc.sentences[0].start : doc.sentences[0].end] if doc.sentences else doc.text
    first = " ".join(first.split())
    return first if len(first) <= _TITLE_CHARS else first[: _TITLE_CHARS - 1] + "…"


class Stories:
    """Assigns articles to stories on the writer's connection."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.db = connection
        self.total = 1  # distinct articles in the store, kept by the writer

    # The story's latest articles, from which its events and dates are read (CROSS JOIN keeps
    # that order: from a few articles to their facts, never through a whole fact index).
    _LATEST = "SELECT id FROM articles WHERE story_id = ? AND current = 1 ORDER BY day DESC LIMIT 50"

    def _types(self, story_id: int) -> set[str]:
        rows = self.db.execute(
            f"SELECT DISTINCT e.type FROM ({self._LATEST}) a CROSS JOIN events e ON e.article_id = a.id", (story_id,)
        )
        return {row[0] for row in rows}

    def _dates(self, story_id: int) -> set[str]:
        rows = self.db.execute(
            f"SELECT DISTINCT d.value FROM ({self._LATEST}) a CROSS JOIN dates d ON d.article_id = a.id WHERE length(d.value) = 10",
            (story_id,),
        )
        return {row[0] for row in rows}

    def _choose(self, doc: Document, day: str, weights: dict[int, float], counts: dict[int, int]) -> int | None:
        """The story the article joins, if any (``counts``: the entities' article tallies)."""
        if len(weights) < MIN_SHARED:
            return None
        total_weight = sum(weights.values())
        total = max(self.total, 1)
        looked_up = [e for e in weights if not (total > 100 and counts.get(e, 0) > COMMON_SHARE * total)]
        stories_of: dict[int, list[tuple[int, float, int]]] = {}
        if looked_up:
            rows = self.db.execute(
                "SELECT se.entity_id, se.story_id, se.weight, s.articles FROM story_entities se JOIN stories s ON s.id = se.story_id "
                # Both ends bounded on the index: a story that can take this day ends within
                # WINDOW_DAYS before it and, spanning at most MAX_SPAN_DAYS, not long after it
                # (articles of an archive arrive in any order).
                f"WHERE se.entity_id IN ({','.join('?' * len(looked_up))}) AND se.last_day BETWEEN ? AND ? "
                "AND s.first_day <= ? AND s.first_day >= ?",
                (*looked_up, _shift(day, -WINDOW_DAYS), _shift(day, WINDOW_DAYS + MAX_SPAN_DAYS), _shift(day, WINDOW_DAYS),
                 _shift(day, -MAX_SPAN_DAYS)),
            )
            for entity_id, story_id, weight, size in rows:
                stories_of.setdefault(entity_id, []).append((story_id, weight, size))
        shared: dict[int, list[tuple[int, float]]] = {}
        for entity_id in looked_up:  # in the article's order, as the scores are summed in it
            for story_id, weight, size in sorted(stories_of.get(entity_id, ())):
                # How central the entity is to the story: one mention among a hundred articles
                # is no reason to join them.
                shared.setdefault(story_id, []).append((entity_id, min(1.0, CENTRAL * weight / max(size, 1))))
        candidates = sorted(
            (
                (sum(weights[e] * centrality for e, centrality in found) / total_weight, story_id)
                for story_id, found in shared.items()
                if len(found) >= MIN_SHARED
            ),
            reverse=True,
        )[:5]
        types = {event.type for event in doc.events}
        days = {date.value for date in doc.dates if len(date.value) == 10}
        best, best_score = None, 0.0
        for score, story_id in candidates:
            if types and types & self._types(story_id):
                score += EVENT_BONUS
            if days and days & self._dates(story_id):
                score += DATE_BONUS
            if score >= THRESHOLD and score > best_score:
                best, best_score = story_id, score
        return best

    def assign(
        self,
        doc: Document,
        *,
        article_id: int,
        group_id: int,
        day: str,
        entities: Iterable[int],
        near_story: int | None = None,
    ) -> int:
        """The story of the article (joined or new), recorded in ``articles.story_id``."""
        counts = dict(
            self.db.execute(
                f"SELECT id, articles FROM entities WHERE id IN ({','.join('?' * len(set(entities)))}) AND partial = 0",
                tuple(set(entities)),
            ).fetchall()
        ) if entities else {}
        total = max(self.total, 1)
        ranked = sorted(counts, key=lambda e: counts[e])[:MAX_ENTITIES]
        weights = {entity_id: idf(counts[entity_id], total) for entity_id in ranked}
        story_id = near_story if near_story is not None else self._choose(doc, day, weights, counts)
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        if story_id is None:
            cursor = self.db.execute(
                "INSERT INTO stories (title, first_day, last_day, articles, updated) VALUES (?, ?, ?, 0, ?)",
                (story_title(doc), day, day, now),
            )
            story_id = int(cursor.lastrowid or 0)
        new_group = self.db.execute(
            "SELECT 1 FROM articles WHERE story_id = ? AND group_id = ? AND id != ? AND current = 1 LIMIT 1", (story_id, group_id, article_id)
        ).fetchone() is None
        self.db.execute(
            "UPDATE stories SET first_day = min(first_day, ?), last_day = max(last_day, ?), articles = articles + ?, updated = ? WHERE id = ?",
            (day, day, int(new_group), now, story_id),
        )
        self.db.execute("UPDATE articles SET story_id = ? WHERE id = ?", (story_id, article_id))
        self.db.executemany(
            "INSERT INTO story_entities (story_id, entity_id, weight, last_day) VALUES (?, ?, 1, ?) "
            "ON CONFLICT (entity_id, story_id) DO UPDATE SET weight = weight + 1, last_day = max(last_day, excluded.last_day)",
            [(story_id, entity_id, day) for entity_id in set(entities)],
        )
        return story_id
