"""A large corpus from the project's own articles: paragraphs recombined into new articles.

The store's figures are measured on 10,000 and 100,000 articles, far more than the project has.
So the annotated fixture articles (``tests/fixtures``: text plus gold layers) are cut into
paragraphs, and each generated article is 5–12 paragraphs (as long as the originals) drawn at random, with every layer
carried along and its offsets shifted: sentences, tokens, entities (merged when two paragraphs
name the same entity), dates, quantities, quotes, events and commitments. Publication days are
spread over two years. The result has the vocabulary, entity mix and fact density of real
articles, and the repetition of a real news stream (the same people and places, paragraphs
shared between articles as wire copy is).
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from marsad.document import Document, Segment, Span, Token
from marsad.text.tokens import tokenise

DAYS = 730
FIRST_DAY = dt.date(2021, 1, 1)


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of a source Document, its layers in paragraph coordinates."""

    text: str
    title: str | None
    sentences: tuple[tuple[int, int], ...]
    tokens: tuple[Token, ...]
    entities: tuple[tuple[str, str, str, str | None, tuple[Span, ...]], ...]  # key, type, canonical/latin/title, mentions
    dates: tuple[Any, ...]
    quantities: tuple[Any, ...]
    quotes: tuple[Any, ...]
    events: tuple[Any, ...]
    commitments: tuple[Any, ...]


def _inside(item_start: int, item_end: int, start: int, end: int) -> bool:
    return start <= item_start and item_end <= end


def _shift_span(span: dict[str, Any], by: int) -> Span:
    return Span(start=span["start"] + by, end=span["end"] + by, text=span["text"])


def _load_gold(fixtures: Path) -> list[tuple[str, dict[str, Any]]]:
    found = []
    for gold_path in sorted(fixtures.rglob("*.json")):
        raw_path = gold_path.with_suffix(".txt")
        if raw_path.exists():
            found.append((raw_path.read_text(encoding="utf-8"), json.loads(gold_path.read_text(encoding="utf-8"))))
    return found


def paragraphs(fixtures: Path) -> list[Paragraph]:
    """The paragraphs of every gold article, furniture left out."""
    pool = []
    for raw, gold in _load_gold(fixtures):
        furniture = [(b["start"], b["end"]) for b in gold.get("boilerplate", [])]
        position = 0
        for block in raw.split("\n\n"):
            start = raw.index(block, position)
            end = start + len(block)
            position = end
            text = block.strip()
            if len(text.split()) < 8 or any(s < end and start < e for s, e in furniture):
                continue
            start = raw.index(text, start)
            end = start + len(text)

            entities = []
            for entity in gold.get("entities", []):
                mentions = tuple(_shift_span(m, -start) for m in entity["mentions"] if _inside(m["start"], m["end"], start, end))
                if mentions:
                    entities.append((f"{gold['id']}/{entity['id']}", entity["type"], entity["canonical"], entity.get("latin") or "",
                                     entity.get("title"), mentions))
            pool.append(_paragraph(gold, text, start, end, entities))
    return pool


def _paragraph(gold: dict[str, Any], text: str, start: int, end: int, entities: list[Any]) -> Paragraph:
    def within(item: dict[str, Any]) -> bool:
        return _inside(item["start"], item["end"], start, end)

    prefix = gold["id"] + "/"
    return Paragraph(
        text=text,
        title=gold.get("title"),
        sentences=tuple((s["start"] - start, s["end"] - start) for s in gold.get("sentences", []) if within(s)),
        tokens=tuple(tokenise(text)),
        entities=tuple(entities),
        dates=tuple({**d, "start": d["start"] - start, "end": d["end"] - start} for d in gold.get("dates", []) if within(d)),
        quantities=tuple({**q, "start": q["start"] - start, "end": q["end"] - start} for q in gold.get("quantities", []) if within(q)),
        quotes=tuple({**q, "start": q["start"] - start, "end": q["end"] - start, "speaker": prefix + q["speaker"] if q.get("speaker") else None}
                     for q in gold.get("quotes", []) if within(q)),
        events=tuple({**e, "trigger": {**e["trigger"], "start": e["trigger"]["start"] - start, "end": e["trigger"]["end"] - start},
                      **{role: prefix + e[role] if e.get(role) else None for role in ("actor", "target", "location")}}
                     for e in gold.get("events", []) if within(e["trigger"])),
        commitments=tuple({**c, "what": {**c["what"], "start": c["what"]["start"] - start, "end": c["what"]["end"] - start},
                           "trigger": {**c["trigger"], "start": c["trigger"]["start"] - start, "end": c["trigger"]["end"] - start},
                           "who": prefix + c["who"] if c.get("who") else None}
                          for c in gold.get("commitments", []) if within(c["what"]) and within(c["trigger"])),
    )


def _token(token: Token, by: int) -> Token:
    if not by:
        return token
    return Token(start=token.start + by, end=token.end + by, text=token.text, norm=token.norm,
                 segments=tuple(Segment(start=s.start + by, end=s.end + by, text=s.text, role=s.role) for s in token.segments))


def combine(parts: list[Paragraph], *, number: int, day: str) -> Document:
    """One article of ``parts`` in order, every layer shifted into place."""
    texts, offsets, position = [], [], 0
    for part in parts:
        offsets.append(position)
        texts.append(part.text)
        position += len(part.text) + 2
    text = "\n\n".join(texts)
    sentences = [{"start": s + off, "end": e + off} for part, off in zip(parts, offsets) for s, e in part.sentences]
    tokens = [_token(t, off) for part, off in zip(parts, offsets) for t in part.tokens]
    # Entities: one per (type, canonical) in the new article; source ids map onto it.
    local: dict[tuple[str, str], dict[str, Any]] = {}
    ids: dict[str, str] = {}
    for part, off in zip(parts, offsets):
        for key, type_, canonical, latin, title, mentions in part.entities:
            slot = local.setdefault((type_, canonical), {"id": f"e{len(local) + 1}", "type": type_, "canonical": canonical,
                                                         "latin": latin, "title": title, "mentions": []})
            slot["mentions"] += [{"start": m.start + off, "end": m.end + off, "text": m.text} for m in mentions]
            ids[key] = slot["id"]

    def sentence_of(offset: int) -> int:
        for index, s in enumerate(sentences):
            if s["start"] <= offset < s["end"] + 1:
                return index
        return 0

    def shifted(item: dict[str, Any], off: int) -> dict[str, Any]:
        return {**item, "start": item["start"] + off, "end": item["end"] + off}

    dates, quantities, quotes, events, commitments = [], [], [], [], []
    for part, off in zip(parts, offsets):
        dates += [shifted(d, off) for d in part.dates]
        quantities += [shifted(q, off) for q in part.quantities]
        quotes += [{**shifted(q, off), "speaker": ids.get(q["speaker"]) if q.get("speaker") else None} for q in part.quotes]
        for e in part.events:
            trigger = shifted(e["trigger"], off)
            events.append({**e, "trigger": trigger, "sentence": sentence_of(trigger["start"]),
                           **{role: ids.get(e[role]) if e.get(role) else None for role in ("actor", "target", "location")}})
        for c in part.commitments:
            commitments.append({**c, "what": shifted(c["what"], off), "trigger": shifted(c["trigger"], off),
                                "who": ids.get(c["who"]) if c.get("who") else None})
    doc = Document.from_dict({
        "id": f"bench-{number}",
        "text": text,
        "title": parts[0].title,
        "url": f"https://bench.example/{number}",
        "source": "bench",
        "published": day,
        "sentences": sentences,
        "entities": list(local.values()),
        "dates": dates,
        "quantities": quantities,
        "quotes": quotes,
        "events": events,
        "commitments": commitments,
    })
    return doc.replace(tokens=tuple(tokens))


def articles(pool: list[Paragraph], count: int, *, seed: int = 2021, start: int = 0) -> Iterator[Document]:
    """``count`` recombined articles, the same for the same seed and start."""
    for number in range(start, start + count):
        rng = random.Random(seed * 1_000_003 + number)
        parts = rng.sample(pool, rng.randint(5, 12))
        day = (FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))).isoformat()
        yield combine(parts, number=number, day=day)
