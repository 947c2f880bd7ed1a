"""The store's single writer: analysed articles in, one transaction per batch.

:class:`Writer` is what ``marsad ingest`` (:mod:`marsad.store.ingest`) writes through. For each
article of a batch, inside one ``BEGIN IMMEDIATE … COMMIT``:

1. **Identity and revisions.** An article is known by its key (URL, given id, file path, or the
   hash of its content when it has none of these). The same key with the same input is
   already stored and is skipped; the same key with a different input is a new *revision*: the
   old one stays in ``articles`` (its Document and raw input intact, ``current = 0``), its facts
   leave the query tables and the search index, the new one takes its place.
2. **Exact duplicates** (same normalised body under another key — another outlet's copy) are
   stored as a row that points at the first copy (``duplicate_of``), with no facts of their own.
3. **Near duplicates** are found through the MinHash band table and joined to the first copy's
   group (``group_id``); every tally counts a group once.
4. The Document (compressed JSON) and the raw input are stored, the facts are written to their
   tables with their offsets, entities are resolved across articles
   (:class:`marsad.link.resolve.Resolver`), the article is given a story
   (:class:`marsad.link.stories.Stories`) and indexed for search (:mod:`marsad.store.keys`).

A batch is all or nothing: a process killed mid-batch leaves the store as it was after the
previous batch, and the next run skips what was committed and goes on.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Self

from marsad.document import Document, Token
from marsad.errors import StoreError
from marsad.ingest import dedupe
from marsad.ingest.records import Article
from marsad.ingest.sources import Known
from marsad.link.resolve import Resolver
from marsad.link.stories import Stories
from marsad.link.timex import interval
from marsad.store.db import connect, pack, unpack, writer_lock
from marsad.store.keys import keys_of_text, keys_of_tokens
from marsad.store.records import encode_view
from marsad.text.tokens import tokenise

Outcome = Literal["added", "revised", "duplicate", "unchanged"]


def now() -> str:
    """The current time, ISO 8601 UTC, as the store writes it."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def input_hash(article: Article) -> str:
    """A hash of an article as read: text and the metadata that make it this version."""
    parts = (article.text, article.title or "", article.published or "", article.url or "")
    return hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()[:32]


def article_key(article: Article, fallback_hash: str) -> str:
    """What identifies an article across runs: its URL, its given id, its file, or its content."""
    if article.url:
        return "url:" + article.url.split("#")[0]
    if article.id:
        return "id:" + article.id
    path = Path(article.origin)
    if path.is_file():
        return "file:" + str(path.resolve())
    return "sha:" + fallback_hash


@dataclass(frozen=True)
class Pending:
    """An analysed article waiting for its batch to be written."""

    article: Article
    doc: Document
    key: str
    input_hash: str


@dataclass(frozen=True)
class Failure:
    """An input that could not be read, fetched or analysed."""

    origin: str
    kind: str
    reason: str


class Writer:
    """The one process writing to a store. Use as a context manager.

    Raises:
        StoreError: the store cannot be opened or migrated, or another process is writing.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._lock = writer_lock(self.path)
        self._lock.__enter__()
        try:
            self.db = connect(self.path, readonly=False)
        except BaseException:
            self._lock.__exit__(None, None, None)
            raise
        self.resolver = Resolver(self.db)
        self.stories = Stories(self.db)
        # Distinct articles (near-duplicate groups) among the current ones, for the resolver's
        # and the stories' weights: counted once, then kept up to date by every write and
        # retirement (counting on each batch read the whole table: a quarter of a second per
        # batch at 100,000 articles). -1: not counted yet, or a batch failed since.
        self._total = -1

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        try:
            self.db.close()
        finally:
            self._lock.__exit__(None, None, None)

    # runs and lookups -------------------------------------------------------------------

    def begin_run(self, sources: Sequence[str]) -> int:
        cursor = self.db.execute("INSERT INTO ingest_runs (started, sources) VALUES (?, ?)", (now(), json.dumps(list(sources), ensure_ascii=False)))
        return int(cursor.lastrowid or 0)

    def end_run(self, run_id: int, counts: dict[str, int]) -> None:
        self.db.execute(
            "UPDATE ingest_runs SET finished = ?, added = ?, revised = ?, duplicates = ?, unchanged = ?, failed = ? WHERE id = ?",
            (now(), counts.get("added", 0), counts.get("revised", 0), counts.get("duplicate", 0), counts.get("unchanged", 0),
             counts.get("failed", 0), run_id),
        )

    def stored(self, key: str, hash_: str) -> bool:
        """Whether this exact input is already in the store (any revision of the key)."""
        return self.db.execute("SELECT 1 FROM articles WHERE key = ? AND input_hash = ? LIMIT 1", (key, hash_)).fetchone() is not None

    def known(self, url: str) -> Known | None:
        """What the store knows of a URL, for conditional fetching."""
        row = self.db.execute(
            "SELECT etag, last_modified, ingested FROM articles WHERE key = ? AND current = 1", ("url:" + url.split("#")[0],)
        ).fetchone()
        return Known(row[0], row[1], row[2]) if row else None

    # writing ----------------------------------------------------------------------------

    def write(self, batch: Sequence[Pending], failures: Sequence[Failure] = (), *, run_id: int | None = None) -> list[Outcome]:
        """Write one batch in one transaction; the outcome of each article, in order.

        Raises:
            StoreError: the database refused the batch (nothing of it is written).
        """
        outcomes: list[Outcome] = []
        try:
            self.db.execute("BEGIN IMMEDIATE")
            if self._total < 0:
                self._total = self.db.execute("SELECT COUNT(DISTINCT group_id) FROM articles WHERE current = 1").fetchone()[0]
            for pending in batch:
                outcomes.append(self._write_one(pending, run_id))
            self.db.executemany(
                "INSERT INTO ingest_errors (run_id, at, origin, kind, reason) VALUES (?, ?, ?, ?, ?)",
                [(run_id, now(), f.origin, f.kind, f.reason) for f in failures],
            )
            self.db.execute("COMMIT")
        except sqlite3.Error as error:
            self._total = -1  # the batch's counts were rolled back with it
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise StoreError(f"{self.path}: could not write a batch of {len(batch)} article(s): {error}") from error
        except BaseException:
            self._total = -1
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise
        return outcomes

    def _write_one(self, pending: Pending, run_id: int | None) -> Outcome:
        if self.stored(pending.key, pending.input_hash):
            return "unchanged"
        doc, article = pending.doc, pending.article
        previous = self.db.execute(
            "SELECT id, revision FROM articles WHERE key = ? AND current = 1", (pending.key,)
        ).fetchone()
        revision = 1
        if previous is not None:
            revision = previous[1] + 1
            self._retire(previous[0])
        tokens = doc.tokens if doc.tokens else tuple(tokenise(doc.text))
        content = dedupe.content_hash(doc.text, tokens)
        day = doc.published or now()[:10]
        exact = self.db.execute(
            "SELECT id, group_id, story_id FROM articles WHERE content_hash = ? AND current = 1 AND duplicate_of IS NULL LIMIT 1",
            (content,),
        ).fetchone()
        raw = article.raw if article.raw is not None and article.raw != article.text.encode("utf-8") else None
        title_keys = " ".join(keys_of_text(doc.title)) if doc.title else ""
        body_keys = " ".join(keys_of_tokens(tokens))
        cursor = self.db.execute(
            "INSERT INTO articles (key, revision, current, doc_id, url, origin, source, title, published, day, input_hash, "
            "content_hash, duplicate_of, group_id, story_id, run_id, ingested, chars, raw_type, etag, last_modified) "
            "VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                pending.key, revision, doc.id, doc.url, article.origin, doc.source, doc.title, doc.published, day,
                pending.input_hash, content, exact[0] if exact else None, exact[1] if exact else 0, exact[2] if exact else None,
                run_id, now(), len(doc.text), article.content_type if raw is not None else None, article.etag, article.last_modified,
            ),
        )
        article_id = int(cursor.lastrowid or 0)
        self.db.execute(
            "INSERT INTO article_blobs (article_id, doc, view, raw, search_keys) VALUES (?, ?, ?, ?, ?)",
            (article_id, pack(doc.to_json()), pack(encode_view(doc)), pack(raw) if raw is not None else None,
             None if exact else pack(f"{title_keys}\x00{body_keys}".encode())),
        )
        if exact:
            return "duplicate"
        group_id, near_story = self._near_duplicates(article_id, doc, tokens)
        self.db.execute("UPDATE articles SET group_id = ? WHERE id = ?", (group_id, article_id))
        if group_id == article_id:
            self._total += 1
        self.resolver.total = self.stories.total = self._total
        self.db.execute("INSERT INTO article_fts (rowid, title, body) VALUES (?, ?, ?)", (article_id, title_keys, body_keys))
        mapping = self.resolver.resolve(doc, article_id=article_id, group_id=group_id, day=day)
        self._facts(article_id, doc, mapping, day)
        self.stories.assign(doc, article_id=article_id, group_id=group_id, day=day, entities=list(mapping.values()), near_story=near_story)
        return "revised" if previous is not None else "added"

    def _near_duplicates(self, article_id: int, doc: Document, tokens: Sequence[Token]) -> tuple[int, int | None]:
        """Record the article's MinHash; its group and the story of its closest copy."""
        signature = dedupe.signature(doc.text, tokens)
        keys = dedupe.band_keys(signature)
        marks = ",".join("?" * len(keys))
        candidates = [
            row for row in self.db.execute(
                f"SELECT DISTINCT b.article_id, m.signature, a.group_id, a.story_id FROM lsh_bands b "
                f"JOIN minhash m ON m.article_id = b.article_id JOIN articles a ON a.id = b.article_id "
                f"WHERE b.band_key IN ({marks}) AND a.current = 1",
                keys,
            )
        ]
        matches = []
        for other_id, other_signature, group_id, story_id in candidates:
            score = dedupe.similarity(signature, dedupe.signature_from_bytes(other_signature))
            if score >= dedupe.THRESHOLD:
                matches.append((score, other_id, group_id, story_id))
        self.db.executemany(
            "INSERT OR REPLACE INTO near_duplicates (article_id, other_id, similarity) VALUES (?, ?, ?)",
            [(article_id, other_id, round(score, 3)) for score, other_id, _, _ in matches],
        )
        self.db.execute("INSERT INTO minhash (article_id, signature) VALUES (?, ?)", (article_id, dedupe.signature_bytes(signature)))
        self.db.executemany("INSERT OR IGNORE INTO lsh_bands (band_key, article_id) VALUES (?, ?)", [(k, article_id) for k in keys])
        if not matches:
            return article_id, None
        best = max(matches)
        return best[2], best[3]

    def _facts(self, article_id: int, doc: Document, mapping: dict[str, int], day: str) -> None:
        def ref(local: str | None) -> int | None:
            return mapping.get(local) if local else None

        date_rows = []
        for d in doc.dates:
            span = interval(d.value, d.mod)
            date_rows.append((article_id, d.start, d.end, d.text, d.value, d.mod, d.kind, doc.sentence_of(d.start),
                              span[0] if span else None, span[1] if span else None))
        self.db.executemany(
            "INSERT INTO dates (article_id, start, end, text, value, mod, kind, sentence, first_day, last_day) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            date_rows,
        )
        self.db.executemany(
            "INSERT INTO quantities (article_id, start, end, text, value, unit, qualifier) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(article_id, q.start, q.end, q.text, q.value, q.unit, q.qualifier) for q in doc.quantities],
        )
        self.db.executemany(
            "INSERT INTO quotes (article_id, start, end, text, speaker_local, speaker_id, speaker_text, cue, direct, confidence, day) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(article_id, q.start, q.end, q.text, q.speaker, ref(q.speaker), q.speaker_text, q.cue, int(q.direct), q.confidence, day)
             for q in doc.quotes],
        )
        event_rows = []
        for index, e in enumerate(doc.events):
            span = interval(e.date)
            event_rows.append((
                article_id, index, e.type, e.mode, e.trigger.start, e.trigger.end, e.trigger.text, e.sentence,
                ref(e.actor), e.actor_text, ref(e.target), e.target_text, ref(e.location), e.location_text, e.date,
                span[0] if span else day, span[1] if span else day, int(span is not None), int(e.negated), e.modality, e.confidence,
            ))
        self.db.executemany(
            "INSERT INTO events (article_id, idx, type, mode, trigger_start, trigger_end, trigger_text, sentence, actor_id, actor_text, "
            "target_id, target_text, location_id, location_text, date, first_day, last_day, dated, negated, modality, confidence) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            event_rows,
        )
        commitment_rows = []
        for index, c in enumerate(doc.commitments):
            span = interval(c.due, c.due_mod)
            commitment_rows.append((
                article_id, index, ref(c.who), c.who_text, c.what.start, c.what.end, c.what.text, c.due, c.due_mod,
                span[0] if span else None, span[1] if span else None, c.trigger.start, c.trigger.end, c.trigger.text,
            ))
        self.db.executemany(
            "INSERT INTO commitments (article_id, idx, who_id, who_text, what_start, what_end, what_text, due, due_mod, due_first, due_last, "
            "trigger_start, trigger_end, trigger_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            commitment_rows,
        )

    def _retire(self, article_id: int) -> None:
        """Take a superseded revision out of the query tables and the index; keep its row."""
        row = self.db.execute(
            "SELECT b.search_keys, a.duplicate_of, a.group_id FROM articles a JOIN article_blobs b ON b.article_id = a.id WHERE a.id = ?",
            (article_id,),
        ).fetchone()
        self.db.execute("UPDATE articles SET current = 0 WHERE id = ?", (article_id,))
        if self.db.execute("SELECT 1 FROM articles WHERE group_id = ? AND current = 1 LIMIT 1", (row[2],)).fetchone() is None:
            self._total -= 1  # the last current article of its group
        if row[1] is not None:
            return
        if row[0] is not None:
            title_keys, _, body_keys = unpack(row[0]).decode("utf-8").partition("\x00")
            self.db.execute("INSERT INTO article_fts (article_fts, rowid, title, body) VALUES ('delete', ?, ?, ?)", (article_id, title_keys, body_keys))
        entity_ids = [r[0] for r in self.db.execute("SELECT DISTINCT entity_id FROM doc_entities WHERE article_id = ?", (article_id,))]
        story = self.db.execute("SELECT story_id FROM articles WHERE id = ?", (article_id,)).fetchone()[0]
        for table in ("doc_entities", "mentions", "dates", "quantities", "quotes", "events", "commitments", "lsh_bands", "minhash"):
            self.db.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
        self.db.execute("DELETE FROM near_duplicates WHERE article_id = ? OR other_id = ?", (article_id, article_id))
        for entity_id in entity_ids:
            self.db.execute(
                "UPDATE entities SET articles = (SELECT COUNT(DISTINCT a.group_id) FROM doc_entities d JOIN articles a ON a.id = d.article_id "
                "WHERE d.entity_id = entities.id AND a.current = 1), mentions = (SELECT COALESCE(SUM(d.mentions), 0) FROM doc_entities d "
                "JOIN articles a ON a.id = d.article_id WHERE d.entity_id = entities.id AND a.current = 1) WHERE id = ?",
                (entity_id,),
            )
        if story is not None:
            self.db.execute(
                "UPDATE stories SET articles = (SELECT COUNT(DISTINCT group_id) FROM articles WHERE story_id = stories.id AND current = 1) WHERE id = ?",
                (story,),
            )
