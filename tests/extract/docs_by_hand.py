"""Documents built by hand for testing quotes, events and commitments on their own.

The text layer (sentences, tokens) comes from :mod:`marsad.text`; entities and dates are
given by the test, so a test measures the component under test, not upstream quality.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

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
