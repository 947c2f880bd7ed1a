"""Cross-document entity resolution: one store entity for each real-world person, body or place.

Each article's Document already groups the mentions of one entity within the article; this
module links those per-article entities to the store's entities, article after article, inside
the writer's transaction (the store has one writer, so decisions are never raced).

Names are compared in their folded form (:mod:`marsad.link.names`: titles, honorifics, clitics
and the article off, spelling variants folded), within one type:

- **A full name** (two words or more) joins an entity that has been written exactly so, or
  one whose given and family names both match fuzzily (rapidfuzz; transliteration variants
  such as "زيلينسكي"/"زيلنسكي"), allowing a dropped middle name ("محمد شياع السوداني" /
  "محمد السوداني"). Different given names never join: "بشار الأسد" and "حافظ الأسد" stay apart.
- **A lone surname** ("الكاظمي") joins a full-name entity only on evidence: the surname has
  been used for that person before (an article grouped it with the full name), or the title
  matches ("رئيس الوزراء"), or the article mentions others that appear with that person, or
  one bearer of the surname is used for it ten times as often as the others. Without evidence
  — or when two people are equally likely — it stays a separate single-word entity
  (``partial``) rather than being guessed into the wrong person.
- **Organisations and places** join on the same folded name, or a near-identical one
  (token-sorted similarity ≥ 92, same number of words).

Every entity keeps its aliases (each folded form with the first spelling seen and a count), its
titles, the fullest Arabic name seen and a Latin display name (``Entity.latin``), and tallies
that count near-duplicate copies once.
"""

from __future__ import annotations

import math
import sqlite3
from collections import Counter
from dataclasses import dataclass

from rapidfuzz import fuzz

from marsad.document import Document, Entity
from marsad.link.names import Name, name, title_key

FULL_NAME_PART_MIN = 85  # given name and family name each at least this similar (0–100)
FULL_NAME_MIN = 85  # and the whole names, token-sorted
OTHER_NAME_MIN = 92  # organisations and places
TITLE_MIN = 85
DOMINANT_USE = 10  # a surname used this many times more often for one bearer picks that bearer
DOMINANT_MIN_COUNT = 5
COMENTION_ARTICLES = 300  # recent articles of a candidate read for its companions
COMMON_SHARE = 0.05  # an entity in more than this share of articles is no evidence of anything
MAX_CANDIDATES = 200


@dataclass
class _Candidate:
    id: int
    key: str
    partial: bool
    articles: int
    latin: str

    @property
    def name(self) -> Name:
        return Name(tuple(self.key.split()), None)


def _similar_full(a: Name, b: Name) -> float:
    """Similarity (0–100) of two full person names; 0 when their given or family names differ."""
    if fuzz.ratio(a.first, b.first) < FULL_NAME_PART_MIN or fuzz.ratio(a.last, b.last) < FULL_NAME_PART_MIN:
        return 0.0
    whole = fuzz.token_sort_ratio(a.key, b.key)
    if whole >= FULL_NAME_MIN:
        return whole
    # A middle name written in one form and dropped in the other.
    shorter, longer = sorted((a.words, b.words), key=len)
    if len(shorter) >= 2 and set(shorter) <= set(longer):
        return float(FULL_NAME_MIN)
    return 0.0


class Resolver:
    """Links a Document's entities to the store's, on the writer's connection."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.db = connection
        # Distinct articles in the store (near-duplicate groups), kept by the writer: counting
        # them for every article would read the whole table each time.
        self.total = 1
        # The rows the lookups of the entity being resolved read, so that updating the one it
        # joins needs no second read (no write comes between the two).
        self._read: dict[int, _Candidate] = {}

    # lookups ----------------------------------------------------------------------------

    def _candidates(self, ids: set[int] | dict[int, int]) -> list[_Candidate]:
        """The live entities among ``ids``, in one query."""
        if not ids:
            return []
        wanted = sorted(ids)[:MAX_CANDIDATES]
        rows = self.db.execute(
            f"SELECT id, key, partial, articles, latin FROM entities WHERE id IN ({','.join('?' * len(wanted))}) AND merged_into IS NULL "
            "ORDER BY id",
            wanted,
        ).fetchall()
        return self._remember([_Candidate(row[0], row[1], bool(row[2]), row[3], row[4]) for row in rows])

    def _remember(self, candidates: list[_Candidate]) -> list[_Candidate]:
        for candidate in candidates:
            self._read[candidate.id] = candidate
        return candidates

    def _by_alias(self, type: str, key: str) -> dict[int, int]:
        rows = self.db.execute("SELECT entity_id, count FROM entity_aliases WHERE type = ? AND key = ?", (type, key)).fetchall()
        return {row[0]: row[1] for row in rows}

    def _alias_candidates(self, type: str, key: str) -> tuple[dict[int, int], list[_Candidate]]:
        """:meth:`_by_alias` and :meth:`_candidates` of its ids, in one query."""
        rows = self.db.execute(
            "SELECT a.entity_id, a.count, e.key, e.partial, e.articles, e.latin, e.merged_into "
            "FROM entity_aliases a JOIN entities e ON e.id = a.entity_id WHERE a.type = ? AND a.key = ?",
            (type, key),
        ).fetchall()
        aliases = {row[0]: row[1] for row in rows}
        wanted = set(sorted(aliases)[:MAX_CANDIDATES])
        live = sorted((row for row in rows if row[0] in wanted and row[6] is None), key=lambda row: row[0])
        return aliases, self._remember([_Candidate(row[0], row[2], bool(row[3]), row[4], row[5]) for row in live])

    def _by_token(self, type: str, token: str, position: int | None = None) -> list[int]:
        if position is None:
            rows = self.db.execute("SELECT entity_id FROM entity_tokens WHERE type = ? AND token = ? LIMIT ?", (type, token, MAX_CANDIDATES))
        else:
            rows = self.db.execute(
                "SELECT entity_id FROM entity_tokens WHERE type = ? AND token = ? AND position = ? LIMIT ?",
                (type, token, position, MAX_CANDIDATES),
            )
        return [row[0] for row in rows]

    # evidence for a lone surname ----------------------------------------------------------

    def _titles(self, entity_id: int) -> list[str]:
        return [row[0] for row in self.db.execute("SELECT key FROM entity_titles WHERE entity_id = ?", (entity_id,))]

    def _companions(self, entity_id: int) -> set[int]:
        rows = self.db.execute(
            "SELECT DISTINCT d.entity_id FROM doc_entities d WHERE d.article_id IN "
            "(SELECT article_id FROM doc_entities WHERE entity_id = ? ORDER BY day DESC LIMIT ?)",
            (entity_id, COMENTION_ARTICLES),
        )
        return {row[0] for row in rows} - {entity_id}

    def _specific(self, ids: set[int]) -> set[int]:
        """Those of ``ids`` that are not in every other article (a country, "الحكومة")."""
        if not ids:
            return set()
        limit = COMMON_SHARE * max(self.total, 1)
        marks = ",".join("?" * len(ids))
        rows = self.db.execute(f"SELECT id FROM entities WHERE id IN ({marks}) AND articles <= ?", (*ids, max(limit, 2)))
        return {row[0] for row in rows}

    def _evidence(self, candidate: int, title: str | None, context: set[int]) -> int:
        score = 0
        if title and any(fuzz.token_set_ratio(title, known) >= TITLE_MIN for known in self._titles(candidate)):
            score += 1
        if context and self._specific(context & self._companions(candidate)):
            score += 1
        return score

    # matching -----------------------------------------------------------------------------

    def _match_full_person(self, nm: Name) -> int | None:
        aliases, known = self._alias_candidates("PERSON", nm.key)
        full = [c for c in known if not c.partial]
        if full:
            return max(full, key=lambda c: (aliases[c.id], c.articles)).id
        ids: set[int] = set(self._by_token("PERSON", nm.last, -1))
        ids.update(self._by_token("PERSON", nm.first, 0))
        ids.update(self._by_token("PERSON", "~" + nm.last[:3], -2))
        best, best_score = None, 0.0
        for candidate in self._candidates(ids):
            if candidate.partial:
                continue
            score = _similar_full(nm, candidate.name)
            if score > best_score or (score == best_score and best is not None and candidate.articles > best.articles):
                best, best_score = candidate, score
        return best.id if best is not None and best_score > 0 else None

    def _match_single_person(self, nm: Name, title: str | None, context: set[int]) -> int | None:
        aliases = self._by_alias("PERSON", nm.key)
        ids = set(aliases) | set(self._by_token("PERSON", nm.last, -1))
        candidates = self._candidates(ids)
        lone = [c for c in candidates if c.partial]
        full = [c for c in candidates if not c.partial]
        if len(full) == 1:
            only = full[0]
            if aliases.get(only.id, 0) > 0 or self._evidence(only.id, title, context):
                return only.id
        elif len(full) > 1:
            scored = sorted(((self._evidence(c.id, title, context), aliases.get(c.id, 0), c.id) for c in full), reverse=True)
            top, second = scored[0], scored[1]
            if top[0] > second[0]:
                return top[2]
            if top[0] == second[0] and top[1] >= DOMINANT_MIN_COUNT and top[1] >= DOMINANT_USE * max(second[1], 1):
                return top[2]
        return lone[0].id if lone else None

    def _match_other(self, type: str, nm: Name) -> int | None:
        aliases, candidates = self._alias_candidates(type, nm.key)
        if candidates:
            return max(candidates, key=lambda c: (aliases[c.id], c.articles)).id
        ids: set[int] = set()
        for word in sorted(nm.words, key=len, reverse=True)[:2]:
            ids.update(self._by_token(type, word))
        best, best_score = None, 0.0
        for candidate in self._candidates(ids):
            if len(candidate.key.split()) != len(nm.words):
                continue
            score = fuzz.token_sort_ratio(nm.key, candidate.key)
            if score >= OTHER_NAME_MIN and score > best_score:
                best, best_score = candidate, score
        return best.id if best is not None else None

    # writing ------------------------------------------------------------------------------

    def _create(self, entity: Entity, nm: Name, day: str) -> int:
        partial = entity.type == "PERSON" and not nm.full
        cursor = self.db.execute(
            "INSERT INTO entities (type, name, latin, key, partial, first_day, last_day) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (entity.type, entity.canonical, entity.latin or "", nm.key, int(partial), day, day),
        )
        entity_id = int(cursor.lastrowid or 0)
        self._index_tokens(entity_id, entity.type, nm)
        return entity_id

    def _index_tokens(self, entity_id: int, type: str, nm: Name) -> None:
        rows = []
        for index, word in enumerate(nm.words):
            position = -1 if index == len(nm.words) - 1 else (0 if index == 0 else 1)
            rows.append((type, word, entity_id, position))
        if type == "PERSON" and nm.words:
            rows.append((type, "~" + nm.last[:3], entity_id, -2))
        self.db.executemany("INSERT OR IGNORE INTO entity_tokens (type, token, entity_id, position) VALUES (?, ?, ?, ?)", rows)

    def _update(self, entity_id: int, entity: Entity, nm: Name, day: str) -> None:
        read = self._read.get(entity_id)
        if read is not None:
            row: tuple[str, str, int] = (read.key, read.latin, int(read.partial))
        else:
            row = self.db.execute("SELECT key, latin, partial FROM entities WHERE id = ?", (entity_id,)).fetchone()
        fuller = len(nm.words) > len(row[0].split()) and not row[2]
        latin = entity.latin if entity.latin and (not row[1] or fuller) else row[1]
        if fuller:
            self.db.execute(
                "UPDATE entities SET key = ?, name = ?, latin = ?, first_day = min(first_day, ?), last_day = max(last_day, ?) WHERE id = ?",
                (nm.key, entity.canonical, latin, day, day, entity_id),
            )
            self._index_tokens(entity_id, entity.type, nm)
        else:
            self.db.execute(
                "UPDATE entities SET latin = ?, first_day = min(first_day, ?), last_day = max(last_day, ?) WHERE id = ?",
                (latin, day, day, entity_id),
            )

    def _aliases(self, entity_id: int, entity: Entity, names: list[tuple[str, Name]]) -> None:
        counts = Counter(nm.key for _, nm in names if nm.key)
        spelled = {nm.key: text for text, nm in names}
        self.db.executemany(
            "INSERT INTO entity_aliases (entity_id, type, key, alias, count) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (type, key, entity_id) DO UPDATE SET count = count + excluded.count",
            [(entity_id, entity.type, key, spelled[key], count) for key, count in counts.items()],
        )

    def _title(self, entity_id: int, title: str | None) -> None:
        key = title_key(title)
        if title and key:
            self.db.execute(
                "INSERT INTO entity_titles (entity_id, title, key, count) VALUES (?, ?, ?, 1) "
                "ON CONFLICT (entity_id, key) DO UPDATE SET count = count + 1",
                (entity_id, title, key),
            )

    def resolve(self, doc: Document, *, article_id: int, group_id: int, day: str) -> dict[str, int]:
        """Link ``doc``'s entities to store entities and record them; local id → entity id.

        Writes ``doc_entities`` and ``mentions`` for the article and updates each entity's
        aliases, titles, name, days and tallies (a near-duplicate copy is not counted again).
        """
        names = {e.id: name(e.canonical, e.type) for e in doc.entities}
        # Full names first, so a lone surname later in the same article has them as context.
        order = sorted(doc.entities, key=lambda e: (not (e.type == "PERSON" and names[e.id].full), e.type != "PERSON"))
        mapping: dict[str, int] = {}
        for entity in order:
            nm = names[entity.id]
            if not nm.words:
                continue
            title = entity.title or nm.title
            self._read.clear()
            if entity.type == "PERSON" and nm.full:
                found = self._match_full_person(nm)
            elif entity.type == "PERSON":
                found = self._match_single_person(nm, title_key(title), set(mapping.values()))
            else:
                found = self._match_other(entity.type, nm)
            if found is None:
                found = self._create(entity, nm, day)
            else:
                self._update(found, entity, nm, day)
            mapping[entity.id] = found
            mention_names = [(m.text, name(m.text, entity.type)) for m in entity.mentions]
            self._aliases(found, entity, [(entity.canonical, nm), *mention_names])
            self._title(found, title)
        self._record(doc, article_id, group_id, mapping, day)
        return mapping

    def _record(self, doc: Document, article_id: int, group_id: int, mapping: dict[str, int], day: str) -> None:
        new_in_group: dict[int, bool] = {}
        for entity_id in set(mapping.values()):
            if group_id == article_id:  # the first of its group: nothing to count it twice with
                new_in_group[entity_id] = True
                continue
            seen = self.db.execute(  # from the (small) group to its entities, not the reverse
                "SELECT 1 FROM articles a CROSS JOIN doc_entities d ON d.article_id = a.id "
                "WHERE a.group_id = ? AND a.current = 1 AND a.id != ? AND d.entity_id = ? LIMIT 1",
                (group_id, article_id, entity_id),
            ).fetchone()
            new_in_group[entity_id] = seen is None
        mentions: Counter[int] = Counter()
        rows, mention_rows = [], []
        for entity in doc.entities:
            if entity.id not in mapping:
                continue
            entity_id = mapping[entity.id]
            mentions[entity_id] += len(entity.mentions)
            rows.append((article_id, entity.id, entity_id, entity.type, entity.canonical, entity.latin or "", entity.title,
                         len(entity.mentions), entity.confidence, day))
            mention_rows += [(article_id, entity.id, m.start, m.end, m.text, doc.sentence_of(m.start)) for m in entity.mentions]
        self.db.executemany(
            "INSERT OR REPLACE INTO doc_entities (article_id, local_id, entity_id, type, canonical, latin, title, mentions, confidence, day) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        self.db.executemany("INSERT INTO mentions (article_id, local_id, start, end, text, sentence) VALUES (?, ?, ?, ?, ?, ?)", mention_rows)
        self.db.executemany(
            "UPDATE entities SET mentions = mentions + ?, articles = articles + ? WHERE id = ?",
            [(mentions[i], int(new), i) for i, new in new_in_group.items()],
        )


def idf(articles: int, total: int) -> float:
    """How telling an entity is: rare entities weigh more than ever-present ones."""
    return math.log((total + 1) / (articles + 1)) + 0.1
