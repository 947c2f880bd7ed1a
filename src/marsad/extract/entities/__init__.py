"""The ``entities`` component: people, organisations and places, with titles, grouped per referent.

Modules, one job each: :mod:`.forms` (matching forms of a word), :mod:`.lexicon` (the language
data), :mod:`.features` and :mod:`.tagger` (the CRF), :mod:`.corpus` and :mod:`.training`
(training and scoring it), :mod:`.view` (a document's words by sentence), :mod:`.rules`
(gazetteer and head-word names), :mod:`.titles` (titles, ranks, persons a rank announces),
:mod:`.candidates` (overlaps), :mod:`.grouping` (consistency and one entity per referent),
:mod:`.romanise` (Latin names) and :mod:`.component` (the pipeline component).
"""

from marsad.extract.entities.component import extract, make_entities

__all__ = ["extract", "make_entities"]
