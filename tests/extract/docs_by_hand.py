"""Documents built by hand for testing quotes, events and commitments on their own.

The text layer (sentences, tokens) comes from :mod:`marsad.text`; entities and dates are
given by the test, so a test measures the component under test, not upstream quality.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path

from marsad.document import DateExpr, Document, Entity, Sentence, Span
from marsad.text.sentences import split_sentences
from marsad.text.tokens import tokenise

# (type, canonical, title, surface forms as written in the text)
EntitySpec = tuple[str, str, str | None, Sequence[str]]
# (text as written, value, mod, kind)
DateSpec = tuple[str, str, str | None, str]


def make_doc(
    text: str,
    entities: Sequence[EntitySpec] = (),
    dates: Sequence[DateSpec] = (),
    published: str = "2023-05-18",
) -> Document:
    """A Document of ``text`` with sentences, tokens and the given entity and date layers."""
    built = []
    for number, (kind, canonical, title, forms) in enumerate(entities, 1):
        spans = sorted(
            (
                Span(start=m.start(), end=m.end(), text=m.group())
                for form in forms
                for m in re.finditer(re.escape(form), text)
            ),
            key=lambda s: s.start,
        )
        built.append((number, kind, canonical, title, spans))
    every = [(s.start, s.end) for *_, spans in built for s in spans]
    layer = []
    for number, kind, canonical, title, spans in built:
        outer = tuple(
            s
            for s in spans
            if not any(a <= s.start and s.end <= b and (a, b) != (s.start, s.end) for a, b in every)
        )
        layer.append(
            Entity(
                id=f"e{number}",
                type=kind,
                canonical=canonical,
                latin="",
                title=title,
                mentions=outer,
            )
        )  # type: ignore[arg-type]
    date_layer = sorted(
        (
            DateExpr(start=m.start(), end=m.end(), text=m.group(), value=value, mod=mod, kind=kind)  # type: ignore[arg-type]
            for written, value, mod, kind in dates
            for m in re.finditer(re.escape(written), text)
        ),
        key=lambda d: d.start,
    )
    return Document(
        id="test",
        text=text,
        published=published,
        sentences=tuple(Sentence(start=s, end=e) for s, e in split_sentences(text)),
        tokens=tuple(tokenise(text)),
        entities=tuple(layer),
        dates=tuple(date_layer),
    )


# (id, type, canonical, surface forms)
GoldEntity = tuple[str, str, str, Sequence[str]]
# (trigger as written, PLOVER type, actor entity id or None)
GoldEvent = tuple[str, str, str | None]


def write_gold_article(
    folder: Path,
    article_id: str,
    text: str,
    entities: Sequence[GoldEntity] = (),
    events: Sequence[GoldEvent] = (),
    *,
    split: str = "dev",
    published: str = "2023-05-18",
) -> Path:
    """A gold article (``<id>.txt`` and ``<id>.json`` in the fixtures' format) for training
    tests: spans are found in ``text`` (first occurrence)."""

    def span(written: str, after: int = 0) -> dict[str, object]:
        start = text.index(written, after)
        return {"start": start, "end": start + len(written), "text": written}

    canonical = {entity_id: name for entity_id, _, name, _ in entities}
    gold = {
        "id": article_id,
        "split": split,
        "title": None,
        "source": "marsad-tests",
        "url": None,
        "published": published,
        "boilerplate": [],
        "sentences": [{"start": s, "end": e} for s, e in split_sentences(text)],
        "entities": [
            {
                "id": entity_id,
                "type": kind,
                "canonical": name,
                "latin": "",
                "title": None,
                "mentions": [
                    {"start": m.start(), "end": m.end(), "text": m.group()}
                    for form in forms
                    for m in re.finditer(re.escape(form), text)
                ],
            }
            for entity_id, kind, name, forms in entities
        ],
        "dates": [],
        "quantities": [],
        "quotes": [],
        "events": [
            {
                "type": kind,
                "mode": None,
                "trigger": span(trigger),
                "actor": actor,
                "actor_text": canonical.get(actor) if actor else None,
                "target": None,
                "target_text": None,
                "location": None,
                "date": None,
                "negated": False,
                "modality": "asserted",
            }
            for trigger, kind, actor in events
        ],
        "commitments": [],
    }
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{article_id}.txt").write_text(text, encoding="utf-8")
    path = folder / f"{article_id}.json"
    path.write_text(json.dumps(gold, ensure_ascii=False, indent=1), encoding="utf-8")
    return path
