"""The ``entities`` component: people, organisations and places, with titles, grouped per referent.

Modules, one job each: :mod:`.forms` (matching forms of a word), :mod:`.lexicon` (the language
data), :mod:`.features` and :mod:`.tagger` (the CRF), :mod:`.corpus` and :mod:`.training`
(training and scoring it), :mod:`.view` (a document's words by sentence), :mod:`.rules`
(gazetteer and head-word names), :mod:`.titles` (titles, ranks, persons a rank announces),
:mod:`.candidates` (overlaps), :mod:`.grouping` (consistency and one entity per referent),
:mod:`.romanise` (Latin names) and :mod:`.component` (all of it for one document). The pipeline
component is registered here, in a module left as Python when the rest is compiled.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from marsad.document import Document
from marsad.errors import ConfigError
from marsad.extract.entities.component import extract
from marsad.extract.entities.lexicon import lexicon
from marsad.extract.entities.tagger import AnyTagger, accurate_tagger, combined, default_tagger
from marsad.pipeline import Component, factory

OPTIONS = ("model", "neural")


@factory("entities", requires=("sentences", "tokens"), assigns=("entities",), version="3")
def make_entities(options: Mapping[str, Any]) -> Component:
    """People, organisations and places with titles, one entity per referent (CRF + network + rules).

    Options: ``model`` (a CRF ``.npz`` in place of the shipped one) and ``neural`` (true: add the
    shipped neural network to the CRF, more accurate and three times slower; or the path of
    another network).
    """
    unknown = [key for key in options if key not in OPTIONS]
    if unknown:
        raise ConfigError(f"[components.entities]: unknown option(s) {', '.join(unknown)}. Valid: {', '.join(OPTIONS)}.")
    model, neural = options.get("model"), options.get("neural")
    if neural is not None and not isinstance(neural, (bool, str)):
        raise ConfigError(f"[components.entities] neural = {neural!r}: expected true, false or the path of a network (.npz)")
    tagger: AnyTagger
    if model:
        tagger = combined(model, neural)
    elif neural:
        tagger = accurate_tagger() if neural is True else combined(None, neural)
    else:
        tagger = default_tagger()
    lex = lexicon()

    def entities(doc: Document) -> Document:
        return doc.replace(entities=extract(doc, tagger, lex))

    return entities


__all__ = ["extract", "make_entities"]
