"""The extractors' pipeline components: quotes, events and commitments.

The registrations live here, apart from the extractors, because the extractors are compiled
with mypyc when marsad is installed, and compiled functions carry no docstring: the registry
reads each component's description from the docstring below.
"""

from __future__ import annotations

from marsad.document import Document
from marsad.extract.commitments import find_commitments
from marsad.extract.events import find_events
from marsad.extract.quotes import find_quotes
from marsad.pipeline import component


@component("quotes", requires=("sentences", "tokens", "entities"), assigns=("quotes",), version="3")
def quotes(doc: Document) -> Document:
    """Direct and reported quotations with their speakers and cues."""
    return doc.replace(quotes=tuple(find_quotes(doc)))


@component(
    "events",
    requires=("sentences", "tokens", "entities", "dates"),
    assigns=("events",),
    version="3",
)
def events(doc: Document) -> Document:
    """PLOVER events with actor, recipient, location, date, mode, negation and modality."""
    return doc.replace(events=tuple(find_events(doc)))


@component(
    "commitments",
    requires=("sentences", "tokens", "entities", "dates", "events"),
    assigns=("commitments",),
    version="2",
)
def commitments(doc: Document) -> Document:
    """Statements of what someone will do, with the due date and who is committed."""
    return doc.replace(commitments=tuple(find_commitments(doc)))
