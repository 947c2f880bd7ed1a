"""Page records (:mod:`marsad.web.views`) built from the store, one method per page.

:class:`Data` reads through the store's read API (:class:`marsad.store.Store`: read-only, one
connection per thread, typed records) and adds what the pages need beyond it from
:mod:`marsad.web.queries` on the same connection. Articles, entities and stories are addressed
by the store's ids. "Recent" on the home page is relative to the newest article in the store,
so an archive of older news still has a front page; deadlines are relative to today.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import msgspec

from marsad.document import EVENT_TYPES
from marsad.errors import InputError, NotFoundError
from marsad.store import (
    ArticleSummary,
    EntitySummary,
    QuoteRecord,
    Store,
    StoryRecord,
)
from marsad.store.keys import keys_of_text
from marsad.web import queries as Q
from marsad.web.highlight import anchor
from marsad.web.models import ArticleIn
from marsad.web.views import (
    ArticlePage,
    ArticleRef,
    CommitmentItem,
    CommitmentsPage,
    EntityListing,
    EntityPage,
    EntityRef,
    EventItem,
    Highlight,
    Ingested,
    Listing,
    Overview,
    Period,
    QuoteItem,
    QuotesPage,
    SearchHit,
    SearchPage,
    StoriesPage,
    StoryPage,
    StoryRef,
    TimelineItem,
)
from marsad.web.watch import WatchHit, Watchlist, WatchPage, parse_since
from marsad.web.watch import compile as compile_watchlist
from marsad.web.watch import match as match_watchlist

Row = sqlite3.Row
STORY_ARTICLES = 200  # a story page's newest articles


def _day(value: str | None, what: str) -> str | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise InputError(f"{what} {value!r} is not a day in YYYY-MM-DD form") from None


def _int_id(value: str, what: str) -> int:
    if not (value.isascii() and value.isdigit()) or len(value) > 18:
        raise NotFoundError(f"no {what} with id {value!r}: {what} ids are numbers")
    return int(value)


def article_ref(row: Row, *, key: str = "id", duplicates: int = 0) -> ArticleRef:
    """An article reference from a row of :mod:`marsad.web.queries`."""
    story = row["story_id"]
    return ArticleRef(
        id=str(row[key]), title=row["title"], published=row["published"], source=row["source"], url=row["url"],
        story=str(story) if story is not None else None, duplicates=duplicates, ingested=row["ingested"],
    )


def summary_ref(summary: ArticleSummary, duplicates: int = 0) -> ArticleRef:
    return ArticleRef(
        id=str(summary.id), title=summary.title, published=summary.published, source=summary.source, url=summary.url,
        story=str(summary.story_id) if summary.story_id is not None else None, duplicates=duplicates,
    )


def entity_ref(row: Row | EntitySummary, *, articles: int | None = None) -> EntityRef:
    """An entity reference from a store record or a row of the entities table."""
    if isinstance(row, EntitySummary):
        return EntityRef(id=str(row.id), type=row.type, canonical=row.name, latin=row.latin or None, mentions=row.mentions,
                         articles=row.articles if articles is None else articles, partial=row.partial)
    return EntityRef(
        id=str(row["id"]), type=row["type"], canonical=row["name"], latin=row["latin"] or None,
        mentions=row["mentions"], articles=row["articles"] if articles is None else articles, partial=bool(row["partial"]),
    )


def story_ref(record: StoryRecord) -> StoryRef:
    return StoryRef(id=str(record.id), title=record.title, articles=record.articles, first=record.first_day, last=record.last_day,
                    entities=[entity_ref(e) for e in record.entities])


def fold(summaries: Iterable[ArticleSummary], limit: int | None = None) -> list[ArticleRef]:
    """One entry per near-duplicate group (its first article), with how many copies it has."""
    groups: dict[int, list[ArticleSummary]] = {}
    for summary in summaries:
        groups.setdefault(summary.group_id, []).append(summary)
    refs = [summary_ref(members[0], len(members) - 1) for members in groups.values()]
    return refs if limit is None else refs[:limit]


def periods(days: Sequence[tuple[str, int]]) -> list[Period]:
    """Daily counts regrouped for a chart, gaps filled with zeros.

    Up to about six weeks the periods are days, up to a year ISO weeks, beyond that months.
    """
    if not days:
        return []
    first, last = dt.date.fromisoformat(days[0][0]), dt.date.fromisoformat(days[-1][0])
    span = (last - first).days

    def bucket(day: dt.date) -> str:
        if span <= 45:
            return day.isoformat()
        if span <= 366:
            year, week, _ = day.isocalendar()
            return f"{year}-W{week:02d}"
        return day.strftime("%Y-%m")

    counts: dict[str, int] = {}
    for value, count in days:
        label = bucket(dt.date.fromisoformat(value))
        counts[label] = counts.get(label, 0) + count
    labels: list[str] = []
    if span <= 366:
        for offset in range(span + 1):
            label = bucket(first + dt.timedelta(days=offset))
            if not labels or labels[-1] != label:
                labels.append(label)
    else:
        year, month = first.year, first.month
        while (year, month) <= (last.year, last.month):
            labels.append(f"{year:04d}-{month:02d}")
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return [Period(period=label, count=counts.get(label, 0)) for label in labels]


def _has_phrase(keys: Sequence[str], phrase: Sequence[str]) -> bool:
    size = len(phrase)
    return any(list(keys[i:i + size]) == list(phrase) for i in range(len(keys) - size + 1))


class Data:
    """The read side of one store, for the pages and the API."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.store = Store(self.path)

    @property
    def db(self) -> sqlite3.Connection:
        """This thread's read-only connection (the store's)."""
        return self.store.db

    def _today(self) -> str:
        return dt.date.today().isoformat()

    def _entities(self, ids: Iterable[int | None]) -> dict[int, EntityRef]:
        rows = Q.entities_by_id(self.db, [i for i in ids if i is not None])
        return {key: entity_ref(row) for key, row in rows.items()}

    def _entity_match(self, text: str | None, type: str | None = None) -> EntitySummary | None:
        """The entity a typed name (or an id) most likely means."""
        if not text or not text.strip():
            return None
        text = text.strip()
        if text.isascii() and text.isdigit() and len(text) < 19:
            try:
                return self.store.entity_summary(int(text))
            except NotFoundError:
                pass
        found = self.store.find_entities(text, type=type, limit=1)
        return found[0] if found else None

    @lru_cache(maxsize=4096)  # noqa: B019 (one Data per app; a revision's Document never changes)
    def headline(self, article_id: str) -> str:
        """What to call an article without a title: its first line, shortened."""
        if not (article_id.isascii() and article_id.isdigit()):
            return article_id
        try:
            text = self.store.document(int(article_id)).text
        except NotFoundError:
            return article_id
        first = " ".join(text.strip().split("\n", 1)[0].split())
        return first if len(first) <= 120 else first[:119] + "…"

    def count_articles(self) -> int:
        return Q.count_articles(self.db)

    # pages ----------------------------------------------------------------------------------

    def overview(self, days: int) -> Overview:
        """Latest articles, busiest entities and stories of the store's last ``days``, deadlines ahead."""
        latest = self.store.articles(limit=60)
        if not latest:
            return Overview(since="", latest=[], entities=[], stories=[], commitments_due=[], articles_total=0)
        newest = max(a.day for a in latest)
        since = (dt.date.fromisoformat(newest) - dt.timedelta(days=days - 1)).isoformat()
        busy = Q.busiest_entities(self.db, since, 15)
        refs = self._entities(i for i, _ in busy)
        entities = [msgspec.structs.replace(refs[i], articles=n) for i, n in busy if i in refs]
        stories = [story_ref(s) for s in self.store.stories(since=since, limit=10)]
        today = self._today()
        due = self._commitment_items(Q.commitments_by_status(self.db, "due", today, 10))
        if len(due) < 5:
            due += self._commitment_items(Q.commitments_by_status(self.db, "overdue", today, 5 - len(due)))
        return Overview(
            since=since, latest=fold(latest, 15), entities=entities, stories=stories, commitments_due=due,
            articles_total=Q.count_articles(self.db),
        )

    def articles(self, *, limit: int, offset: int, source: str | None) -> Listing:
        rows = Q.latest_articles(self.db, limit=limit, offset=offset, source=source)
        sizes = Q.group_sizes(self.db, (r["group_id"] for r in rows))
        refs = [article_ref(r, duplicates=max(sizes.get(r["group_id"], 1) - 1, 0)) for r in rows]
        total = Q.count_articles(self.db, source=source)
        return Listing(articles=refs, total=total, offset=offset)

    def article(self, ident: str) -> ArticlePage:
        """An article's Document with its store entities, story and copies.

        Built from the store's ``document`` and indexed lookups rather than ``Store.article``,
        whose list of exact copies scans the articles table.
        """
        row = Q.article(self.db, _int_id(ident, "article"))
        if row is None:
            raise NotFoundError(f"no article with id {ident!r} in the store")
        document = self.store.document(row["id"])
        links = Q.doc_entities(self.db, row["duplicate_of"] or row["id"])  # an exact copy shows the original's links
        refs = self._entities(r["entity_id"] for r in links)
        entities = {r["local_id"]: refs[r["entity_id"]] for r in links if r["entity_id"] in refs}
        stories = Q.stories_by_id(self.db, [row["story_id"]]) if row["story_id"] is not None else {}
        story = stories.get(row["story_id"])
        return ArticlePage(
            document=document, entities=entities,
            story=StoryRef(id=str(story["id"]), title=story["title"], articles=story["articles"], first=story["first_day"],
                           last=story["last_day"]) if story is not None else None,
            duplicates=[article_ref(r) for r in Q.copies(self.db, row)],
        )

    def entities(self, *, name: str | None, type: str | None, limit: int) -> EntityListing:
        if name and name.strip():
            found = [entity_ref(e) for e in self.store.find_entities(name, type=type, limit=limit)]
        else:
            found = [entity_ref(e) for e in self.store.entities(type=type, limit=limit)]
        return EntityListing(entities=found, name=name, type=type)

    def entity(self, ident: str) -> EntityPage:
        """Names, titles, quotes, events, co-occurring entities, mentions over time, timeline."""
        record = self.store.entity(_int_id(ident, "entity"), recent=50)
        me = record.summary
        quotes = self._store_quotes(self.store.quotes(me.id, limit=50), {me.id: entity_ref(me)})
        # The newest stored events of each role, read once: the lists and the timeline share them.
        as_actor = Q.events_of(self.db, actor=me.id, limit=Q.RECENT)
        as_target = Q.events_of(self.db, target=me.id, limit=Q.RECENT)
        return EntityPage(
            entity=entity_ref(me),
            aliases=[alias for alias, _ in record.aliases if alias != me.name],
            titles=[title for title, _ in record.titles],
            quotes=quotes,
            events_as_actor=self._event_items(as_actor[:50]),
            events_as_target=self._event_items(as_target[:50]),
            co_occurring=[entity_ref(e, articles=n) for e, n in record.companions],
            mentions_over_time=periods(Q.mentions_by_day(self.db, me.id)),
            timeline=self._timeline_of(as_actor + as_target, Q.commitments_of(self.db, me.id)),
            stories=[story_ref(s) for s in record.stories],
            same_surname=[entity_ref(e) for e in record.same_surname],
            articles=[summary_ref(a) for a in record.recent],
        )

    def stories(self, *, since: str | None, limit: int) -> StoriesPage:
        since = _day(since, "since")
        return StoriesPage(since=since, stories=[story_ref(s) for s in self.store.stories(since=since, limit=limit)])

    def story(self, ident: str) -> StoryPage:
        """A story's articles (copies folded) and the timeline of their events and commitments.

        A story can grow to thousands of articles; the page shows its newest ``STORY_ARTICLES``
        and their dated facts, read from the fact tables (no Document is opened).
        """
        story_id = _int_id(ident, "story")
        found = Q.stories_by_id(self.db, [story_id]).get(story_id)
        if found is None:
            raise NotFoundError(f"no story with id {ident!r} in the store")
        rows = Q.story_articles(self.db, story_id, STORY_ARTICLES)
        sizes = Q.group_sizes(self.db, (r["group_id"] for r in rows))
        folded: dict[int, ArticleRef] = {}
        for row in reversed(rows):  # oldest first; the first copy of each group stands for it
            if row["group_id"] not in folded:
                folded[row["group_id"]] = article_ref(row, duplicates=max(sizes.get(row["group_id"], 1) - 1, 0))
        originals = [r["id"] for r in rows if r["duplicate_of"] is None]
        events, commitments = Q.facts_of_articles(self.db, originals)
        ids = Q.story_entity_ids(self.db, story_id, 10)
        refs = self._entities(ids)
        story = StoryRef(id=str(found["id"]), title=found["title"], articles=found["articles"], first=found["first_day"],
                         last=found["last_day"], entities=[refs[i] for i in ids if i in refs])
        return StoryPage(story=story, articles=list(folded.values()), entities=story.entities,
                         timeline=self._timeline_of(events, commitments, limit=300))

    def search(
        self, q: str, *, entity: str | None, type: str | None, date_from: str | None, date_to: str | None, limit: int, offset: int,
    ) -> SearchPage:
        """Full-text search through the store (spellings and clitics fold) with filters and snippets."""
        if type and type.upper() not in EVENT_TYPES:
            raise InputError(f"event type {type!r} is not a PLOVER type; use one of {', '.join(EVENT_TYPES)}")
        date_from, date_to = _day(date_from, "from"), _day(date_to, "to")
        match = self._entity_match(entity)
        if entity and match is None:
            return SearchPage(query=q, entity=entity, type=type, date_from=date_from, date_to=date_to, offset=offset)
        if not q.strip() and not (match or type or date_from or date_to):
            return SearchPage(query=q, offset=offset)
        result = self.store.search(
            q, entity=match.id if match else None, type=type, since=date_from, until=date_to, limit=limit, offset=offset,
        )
        hits = [
            SearchHit(article=summary_ref(h.article), snippet=h.snippet.text, rank=h.score,
                      highlights=[Highlight(start=a, end=b) for a, b in h.snippet.highlights])
            for h in result.hits
        ]
        return SearchPage(
            query=q, match=result.match, entity=entity, entity_match=entity_ref(match) if match else None, type=type,
            date_from=date_from, date_to=date_to, offset=offset, more=result.more, hits=hits,
        )

    def quotes(self, *, speaker: str | None, words: str | None, limit: int, offset: int) -> QuotesPage:
        """Quotes by speaker (any alias) and/or by words in the quote, newest first."""
        speaker = speaker.strip() if speaker and speaker.strip() else None
        who = self._entity_match(speaker)
        if speaker and who is None:
            return QuotesPage(speaker=speaker, words=words, quotes=[], total=0, offset=offset)
        keys = keys_of_text(words) if words else []
        if not keys:
            if who is not None:
                records = self.store.quotes(who.id, limit=limit, offset=offset)
                items = self._store_quotes(records, {who.id: entity_ref(who)})
                total = Q.count_quotes(self.db, speakers=[who.id])
            else:
                items = self._quote_items(Q.quotes_where(self.db, speakers=None, articles=None, limit=limit, offset=offset))
                total = Q.count_quotes(self.db, speakers=None)
            return QuotesPage(speaker=speaker, words=words, quotes=items, total=total, offset=offset)
        # Words: the search index finds the articles (newest first, a batch at a time), then the
        # quote's own words decide; it stops once the page is full, so "total" is a lower bound.
        candidates = Q.fts_articles(self.db, Q.fts_expression([keys]))
        matching: list[Row] = []
        wanted = offset + limit + 1
        for start in range(0, len(candidates), 100):
            rows = Q.quotes_where(self.db, speakers=[who.id] if who else None, articles=candidates[start:start + 100], limit=Q.SCAN)
            matching.extend(r for r in rows if _has_phrase(keys_of_text(r["text"]), keys))
            if len(matching) >= wanted:
                break
        return QuotesPage(
            speaker=speaker, words=words, quotes=self._quote_items(matching[offset:offset + limit]), total=len(matching), offset=offset,
        )

    def commitments(self, *, status: str, limit: int) -> CommitmentsPage:
        today = self._today()
        return CommitmentsPage(status=status, today=today, commitments=self._commitment_items(Q.commitments_by_status(self.db, status, today, limit)))

    def watch(self, watchlist: Watchlist, *, since: str, limit: int) -> WatchPage:
        """Articles ingested since ``since`` that match ``watchlist``, newest first, with their facts.

        The store narrows the candidates (entity ids, event types, outlets, words through the
        search index); each candidate's Document then decides and yields the matched facts.
        """
        moment = parse_since(since).astimezone(dt.UTC)
        since_iso = moment.isoformat(timespec="seconds")
        named = {v: [str(e.id) for e in self.store.find_entities(v, limit=5)] for v in watchlist.entities}
        places = {v: [str(e.id) for e in self.store.find_entities(v, type="LOC", limit=5)] for v in watchlist.places}
        compiled = compile_watchlist(watchlist, {**named, **places})
        groups = []
        if watchlist.entities:
            groups.append([int(i) for ids in named.values() for i in ids])
        if watchlist.places:
            groups.append([int(i) for ids in places.values() for i in ids])
        phrases = [list(keys) for _, keys in compiled.phrases]
        hits: list[WatchHit] = []
        offset, batch = 0, max(limit * 2, 20)
        while len(hits) < limit:
            rows = Q.watch_candidates(
                self.db, match=Q.fts_expression(phrases, any_phrase=True) or None, entity_groups=groups,
                event_types=watchlist.event_types, outlets=watchlist.outlets, since_ingested=since_iso, limit=batch, offset=offset,
            )
            for row in rows:
                doc = self.store.document(row["id"])
                resolved = {r["local_id"]: EntityRef(id=str(r["entity_id"]), type="", canonical="") for r in Q.doc_entities(self.db, row["id"])}
                facts = match_watchlist(compiled, doc, resolved=resolved)
                if facts is None:
                    continue
                story = self.store.story(row["story_id"]) if row["story_id"] is not None else None
                hits.append(WatchHit(article=article_ref(row), story=story_ref(story) if story else None, facts=facts))
                if len(hits) >= limit:
                    break
            if len(rows) < batch or offset > Q.SCAN:
                break
            offset += batch
        return WatchPage(watchlist=watchlist, since=since_iso, hits=hits)

    def ingest(self, article: ArticleIn) -> Ingested:
        """Analyse and store one article through the store's writer."""
        from marsad.web.ingest import ingest_one

        return ingest_one(self.path, article)

    # items ------------------------------------------------------------------------------------

    def _store_quotes(self, records: Sequence[QuoteRecord], speakers: dict[int, EntityRef]) -> list[QuoteItem]:
        return [
            QuoteItem(
                article=ArticleRef(id=str(r.article_id), title=r.title, published=r.day), text=r.text,
                speaker=speakers.get(r.speaker_id) if r.speaker_id is not None else None, speaker_text=r.speaker,
                cue=r.cue, direct=r.direct, anchor=anchor("quote", r.start),
            )
            for r in records
        ]

    def _quote_items(self, rows: Sequence[Row]) -> list[QuoteItem]:
        refs = self._entities(r["speaker_id"] for r in rows)
        return [
            QuoteItem(
                article=article_ref(r, key="a_id"), text=r["text"], speaker=refs.get(r["speaker_id"]), speaker_text=r["speaker_text"],
                cue=r["cue"], direct=bool(r["direct"]), anchor=anchor("quote", r["start"]),
            )
            for r in rows
        ]

    def _event_items(self, rows: Sequence[Row]) -> list[EventItem]:
        refs = self._entities(i for r in rows for i in (r["actor_id"], r["target_id"], r["location_id"]))
        return [
            EventItem(
                article=article_ref(r, key="a_id"), type=r["type"], trigger=r["trigger_text"], mode=r["mode"],
                actor=refs.get(r["actor_id"]), actor_text=r["actor_text"], target=refs.get(r["target_id"]), target_text=r["target_text"],
                location=refs.get(r["location_id"]), location_text=r["location_text"], date=r["date"], modality=r["modality"],
                negated=bool(r["negated"]), anchor=anchor("event", r["trigger_start"]),
            )
            for r in rows
        ]

    def _commitment_items(self, rows: Sequence[Row]) -> list[CommitmentItem]:
        refs = self._entities(r["who_id"] for r in rows)
        today = self._today()
        return [
            CommitmentItem(
                article=article_ref(r, key="a_id"), what=r["what_text"], due=r["due"], due_mod=r["due_mod"], who=refs.get(r["who_id"]),
                who_text=r["who_text"], trigger=r["trigger_text"], overdue=bool(r["due_last"] and r["due_last"] < today),
                anchor=anchor("commitment", r["what_start"]),
            )
            for r in rows
        ]

    def _timeline_of(self, event_rows: Sequence[Row], commitment_rows: Sequence[Row], limit: int = 200) -> list[TimelineItem]:
        """Events and commitments as a timeline in date order (the latest ``limit`` of each).

        Unlike ``Store.timeline`` this reads no Document (the sentence around each fact is left
        to the article page), so it stays a few index walks for an entity in 20,000 articles or
        a story of thousands.
        """
        unique = {(r["article_id"], r["idx"]): r for r in event_rows}
        events = sorted(unique.values(), key=lambda r: (r["last_day"] or "", r["a_id"]), reverse=True)[:limit]
        commitments = list(commitment_rows)[:limit]
        refs = self._entities(i for r in events for i in (r["actor_id"], r["target_id"]))
        today = self._today()
        items: list[TimelineItem] = []
        for r in events:
            actor = refs[r["actor_id"]].canonical if r["actor_id"] in refs else r["actor_text"]
            target = refs[r["target_id"]].canonical if r["target_id"] in refs else r["target_text"]
            items.append(TimelineItem(
                first_day=r["first_day"], last_day=r["last_day"], kind="event", label=r["type"] + (f"/{r['mode']}" if r["mode"] else ""),
                text=r["trigger_text"], sentence="", article=article_ref(r, key="a_id"), anchor=anchor("event", r["trigger_start"]),
                date=r["date"], dated=bool(r["dated"]), actor=actor, target=target, negated=bool(r["negated"]), modality=r["modality"],
            ))
        for r in commitments:
            day = r["published"] or r["day"]
            items.append(TimelineItem(
                first_day=r["due_first"] or day, last_day=r["due_last"] or day, kind="commitment", label="commitment", text=r["what_text"],
                sentence="", article=article_ref(r, key="a_id"), anchor=anchor("commitment", r["what_start"]),
                date=r["due"] + (f" ({r['due_mod']})" if r["due_mod"] else ""), dated=r["due_last"] is not None, actor=r["who_text"],
                overdue=(r["due_last"] < today) if r["due_last"] else None,
            ))
        items.sort(key=lambda t: (t.first_day, t.last_day, t.article.published or "", t.article.id))
        return items

