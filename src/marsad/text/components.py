"""The text layer's pipeline components: sentences and tokens."""

from __future__ import annotations

from marsad.document import Document, Sentence
from marsad.pipeline import component
from marsad.text.sentences import split_sentences
from marsad.text.tokens import tokenise


@component("sentences", requires=("text",), assigns=("sentences",))
def sentences(doc: Document) -> Document:
    """Split the text into sentences (never inside a quotation)."""
    return doc.replace(sentences=tuple(Sentence(start=s, end=e) for s, e in split_sentences(doc.text)))


@component("tokens", requires=("text",), assigns=("tokens",))
def tokens(doc: Document) -> Document:
    """Tokenise, normalise and segment clitics, keeping every offset."""
    return doc.replace(tokens=tuple(tokenise(doc.text)))
