"""PLOVER event records: marsad's events in the event-data community's interchange format.

PLOVER (Political Language Ontology for Verifiable Event Records, Open Event Data Alliance)
fixes JSON field names for event data so coders and data sets interoperate; POLECAT and
existing PLOVER tooling read them. Each marsad :class:`~marsad.document.Event` becomes one
record (one JSON object per line, as the PLOVER manual suggests):

- ``id`` (required): unique in the export: the Document id and the event's index.
- ``date`` (required, YYYY-MM-DD): the event's date when it is a day, else the publication
  day; ``date_timex`` keeps marsad's own value ("2021", "2014-SU", "P2W").
- ``source`` (required) and ``recipient``: lists of actor objects (``actor_text``,
  ``identifier_id`` — the entity id in the Document —, ``identifier_text`` — the entity's
  canonical name —, ``code`` — the ISO 3166 alpha-3 code when the actor is a country).
  ``actor`` repeats ``source`` under the name POLECAT-style tools use.
- ``event`` (a list of PLOVER categories), ``mode``, ``quad_code``.
- ``event_loc``: the location object (``name``, ``identifier_id``, ``country code`` alpha-3).
- ``event_text``: the sentence the event was coded from; ``text_info``: its ``sequence``
  (sentence index), ``start``/``end`` (character offsets of that sentence in the Document's
  text) and ``trigger_start``/``trigger_end``/``trigger_text``.
- ``cite_info``: ``corpus``, ``citation`` (the Document id), ``url``, ``title``, ``language``
  ("ar"), ``publication``, ``coder``, ``codebook``.
- marsad's extras, named as in the Document: ``negated``, ``modality``, ``confidence``.

Negated and hypothetical events are not facts; they are left out unless asked for.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from typing import Any

from marsad import __version__
from marsad.document import Document, Entity, Event
from marsad.extract.participants import country_by_name

CODEBOOK = "plover-base"
# PLOVER's quad categories (manual, "PLOVER quad categories"): 1 verbal cooperation, 2 material
# cooperation, 3 verbal conflict, 4 material conflict.
QUAD = {
    "AGREE": 1,
    "CONSULT": 1,
    "SUPPORT": 1,
    "CONCEDE": 1,
    "COOPERATE": 2,
    "AID": 2,
    "RETREAT": 2,
    "REQUEST": 3,
    "ACCUSE": 3,
    "REJECT": 3,
    "SANCTION": 3,
    "THREATEN": 3,
    "PROTEST": 4,
    "MOBILIZE": 4,
    "COERCE": 4,
    "ASSAULT": 4,
}
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _actor(doc: Document, entity_id: str | None, text: str | None) -> dict[str, Any] | None:
    if entity_id is None and not text:
        return None
    entity: Entity | None = doc.entity(entity_id)
    record: dict[str, Any] = {"actor_text": text or (entity.canonical if entity else None)}
    if entity is not None:
        record["identifier_id"] = entity.id
        record["identifier_text"] = entity.canonical
        if entity.latin:
            record["identifier_latin"] = entity.latin
    country = country_by_name(
        entity.canonical if entity is not None and entity.type == "LOC" else text or ""
    )
    if country is not None and (entity is None or entity.type == "LOC"):
        record["code"] = country.code
    return record


def plover_record(
    doc: Document, event: Event, index: int, *, coded: str | None = None
) -> dict[str, Any]:
    """The PLOVER record of ``doc.events[index]`` (``event``)."""
    sentence = doc.sentences[event.sentence] if 0 <= event.sentence < len(doc.sentences) else None
    start, end = (
        (sentence.start, sentence.end) if sentence else (event.trigger.start, event.trigger.end)
    )
    date = event.date if event.date and _DAY.match(event.date) else doc.published
    source = _actor(doc, event.actor, event.actor_text)
    recipient = _actor(doc, event.target, event.target_text)
    record: dict[str, Any] = {
        "id": f"{doc.id}-{index:03d}",
        "date": date,
        "date_timex": event.date,
        "source": [source] if source else [],
        "actor": [source] if source else [],
        "recipient": [recipient] if recipient else [],
        "event": [event.type],
        "mode": event.mode,
        "quad_code": QUAD.get(event.type),
        "event_text": [doc.text[start:end]],
        "text_info": {
            "sequence": event.sentence,
            "start": start,
            "end": end,
            "trigger_start": event.trigger.start,
            "trigger_end": event.trigger.end,
            "trigger_text": event.trigger.text,
        },
        "cite_info": {
            "corpus": doc.source,
            "citation": doc.id,
            "url": doc.url,
            "title": doc.title,
            "language": "ar",
            "publication": doc.source,
            "coder": f"marsad {__version__}",
            "codebook": CODEBOOK,
        },
        "coder": f"marsad {__version__}",
        "coded_date": coded or dt.date.today().isoformat(),
        "negated": event.negated,
        "modality": event.modality,
        "confidence": event.confidence,
    }
    if event.location or event.location_text:
        location: dict[str, Any] = {"name": event.location_text}
        if event.location:
            location["identifier_id"] = event.location
        country = country_by_name(event.location_text or "")
        if country is not None:
            location["cc3"] = country.code
        record["event_loc"] = location
    return record


def plover_records(
    docs: Iterable[Document],
    *,
    min_confidence: float = 0.0,
    include_uncertain: bool = False,
    coded: str | None = None,
) -> Iterator[dict[str, Any]]:
    """PLOVER records of every event in ``docs`` (any iterable: a JSONL file, the store, a batch).

    Args:
        docs: analysed Documents.
        min_confidence: leave out events below this confidence.
        include_uncertain: also export negated and hypothetical events (marked in ``negated``
            and ``modality``); by default only events the text presents as facts, reported or
            planned, are exported.
        coded: the coding day to record (default today).
    """
    for doc in docs:
        for index, event in enumerate(doc.events):
            if event.confidence < min_confidence:
                continue
            if not include_uncertain and (event.negated or event.modality == "hypothetical"):
                continue
            yield plover_record(doc, event, index, coded=coded)
