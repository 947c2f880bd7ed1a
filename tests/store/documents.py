"""Small hand-built Documents for store and link tests: facts placed by their text.

The extraction components are written elsewhere and change; these tests judge the store and
the linking, so they build the layers themselves from a few real-looking sentences.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from marsad.document import Commitment, DateExpr, Document, Entity, Event, Quote, Span
from marsad.ingest.records import Article
from marsad.pipeline import Pipeline, load_pipeline, new_document
from marsad.store.write import Pending, Writer, input_hash


@dataclass
class E:
    """An entity: its canonical name, type, Latin name, title and the texts of its mentions."""

    canonical: str
    type: str = "PERSON"
    latin: str = ""
    title: str | None = None
    mentions: tuple[str, ...] = ()


@dataclass
class Facts:
    entities: dict[str, E] = field(default_factory=dict)
    dates: list[tuple[str, str, str | None]] = field(default_factory=list)  # (text, value, mod)
    events: list[tuple[str, str, str | None, str | None, str | None]] = field(default_factory=list)  # type, trigger, actor, target, date
    quotes: list[tuple[str, str | None]] = field(default_factory=list)  # (quote text, speaker local id)
    commitments: list[tuple[str | None, str, str, str, str | None]] = field(default_factory=list)  # who, what, trigger, due, mod


def _span(text: str, needle: str, after: int = 0) -> Span:
    start = text.index(needle, after)
    return Span(start=start, end=start + len(needle), text=needle)


def _all_spans(text: str, needle: str) -> list[Span]:
    """Every whole-word occurrence of ``needle`` ("العراق" not inside "العراقية")."""
    spans, start = [], text.find(needle)
    while start >= 0:
        end = start + len(needle)
        if (start == 0 or not text[start - 1].isalpha()) and (end == len(text) or not text[end].isalpha()):
            spans.append(Span(start=start, end=end, text=needle))
        start = text.find(needle, end)
    return spans


@lru_cache(maxsize=1)
def base_pipeline() -> Pipeline:
    """The text layer only: whatever the extraction components do, these tests place facts."""
    return load_pipeline(["clean", "sentences", "tokens"])


def make_doc(text: str, facts: Facts | None = None, *, published: str | None = "2021-11-11", title: str | None = None,
             url: str | None = None) -> Document:
    """A Document of ``text`` (cleaned, split, tokenised) with the given facts located in it."""
    facts = facts or Facts()
    doc = base_pipeline()(new_document(text, published=published, title=title, url=url))
    body = doc.text
    entities = []
    for local, e in facts.entities.items():
        spans: list[Span] = []
        for mention in (e.mentions or (e.canonical,)):
            spans += [s for s in _all_spans(body, mention) if not any(s.start < t.end and t.start < s.end for t in spans)]
        assert spans, f"{e.canonical!r} not found in the text"
        entities.append(Entity(id=local, type=e.type, canonical=e.canonical, latin=e.latin, title=e.title,  # type: ignore[arg-type]
                               mentions=tuple(sorted(spans, key=lambda s: s.start))))
    dates = []
    for date_text, value, mod in facts.dates:
        span = _span(body, date_text)
        dates.append(DateExpr(start=span.start, end=span.end, text=date_text, value=value, mod=mod))  # type: ignore[arg-type]
    events = []
    for type_, trigger, actor, target, date in facts.events:
        span = _span(body, trigger)
        events.append(Event(type=type_, trigger=span, sentence=doc.sentence_of(span.start), actor=actor,  # type: ignore[arg-type]
                            actor_text=facts.entities[actor].canonical if actor else None, target=target,
                            target_text=facts.entities[target].canonical if target else None, date=date))
    quotes = []
    for quoted, speaker in facts.quotes:
        span = _span(body, quoted)
        quotes.append(Quote(start=span.start, end=span.end, text=quoted, speaker=speaker,
                            speaker_text=facts.entities[speaker].canonical if speaker else None, cue="قال", direct=True))
    commitments = []
    for who, what, trigger, due, mod in facts.commitments:
        commitments.append(Commitment(who=who, who_text=facts.entities[who].canonical if who else None, what=_span(body, what),
                                      due=due, trigger=_span(body, trigger), due_mod=mod))  # type: ignore[arg-type]
    return doc.replace(entities=tuple(entities), dates=tuple(dates), events=tuple(events), quotes=tuple(quotes), commitments=tuple(commitments))


def pending(doc: Document, *, origin: str | None = None, key: str | None = None, raw: bytes | None = None) -> Pending:
    article = Article(text=doc.text, origin=origin or (doc.url or doc.id), title=doc.title, url=doc.url,
                      published=doc.published, raw=raw, content_type="text/html" if raw else "text/plain")
    hash_ = input_hash(article)
    return Pending(article=article, doc=doc, key=key or ("url:" + doc.url if doc.url else "sha:" + hash_), input_hash=hash_)


def write(db: Path, docs: Iterable[Document]) -> list[str]:
    """Write ``docs`` to the store at ``db``, one batch; their outcomes."""
    with Writer(db) as writer:
        run = writer.begin_run(["test"])
        return list(writer.write([pending(d) for d in docs], run_id=run))
