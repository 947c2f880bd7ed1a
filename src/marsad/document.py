"""The Document: one immutable record per article, and the contract other tools read.

Field names and value formats follow ``DESIGN.md`` ("the Document contract"); tools outside
the project read them, so a rename is a breaking change and bumps ``SCHEMA``. All offsets are
Python ``str`` indices into ``Document.text`` (the cleaned body). Components never mutate a
Document: they return a copy with their layer added (:func:`msgspec.structs.replace`).

The JSON Schema in ``schema/document.schema.json`` is generated from these classes
(:func:`json_schema`); a test fails when the two drift apart.
"""

from __future__ import annotations

import hashlib
from typing import Any, Literal

import msgspec

SCHEMA = "marsad.document/1"

# The records below are immutable and hold only text, numbers and tuples of one another, so no
# reference cycle can run through them: ``gc=False`` keeps them out of the cyclic collector,
# which would otherwise walk every token of every article in memory (an ingest batch holds 50).

EntityType = Literal["PERSON", "ORG", "LOC"]
DateKind = Literal["date", "relative", "duration", "set"]
DateMod = Literal["START", "MID", "END"]
Qualifier = Literal["exact", "more_than", "less_than", "about"]
Modality = Literal["asserted", "future", "hypothetical", "reported"]
SegmentRole = Literal["prefix", "stem", "suffix"]
EventType = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]
EVENT_TYPES: tuple[str, ...] = EventType.__args__  # type: ignore[attr-defined]


class Span(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    """A stretch of ``Document.text``: ``text == doc.text[start:end]`` always holds."""

    start: int
    end: int
    text: str


class Boilerplate(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    """A block removed from the input as page furniture, kept so nothing is lost.

    ``start`` is where the block stood in the input before cleaning, so the original can be
    rebuilt exactly (:func:`marsad.clean.restore`).
    """

    text: str
    kind: str
    start: int


class Sentence(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    start: int
    end: int


class Segment(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    """A clitic or the stem of a token ("بالعراق" → ب + العراق)."""

    start: int
    end: int
    text: str
    role: SegmentRole


class Token(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    """A word, number or punctuation mark with its normalised form and clitic segments."""

    start: int
    end: int
    text: str
    norm: str
    segments: tuple[Segment, ...] = ()


class Entity(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    """One real-world referent of the article with all its mentions."""

    id: str
    type: EntityType
    canonical: str
    latin: str
    title: str | None = None
    mentions: tuple[Span, ...] = ()
    confidence: float = 1.0


class DateExpr(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    """A temporal expression with its TIMEX3-style value (``2021-10-08``, ``2014-SU``, ``P3M``)."""

    start: int
    end: int
    text: str
    value: str
    mod: DateMod | None = None
    kind: DateKind = "date"


class Quantity(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    start: int
    end: int
    text: str
    value: float
    unit: str | None = None
    qualifier: Qualifier = "exact"


class Quote(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    """What someone said; ``speaker`` is an entity id when the speaker is a known entity."""

    start: int
    end: int
    text: str
    speaker: str | None
    speaker_text: str | None
    cue: str | None
    direct: bool
    confidence: float = 1.0


class Event(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    """A PLOVER event: who did what to whom, when and where."""

    type: EventType
    trigger: Span
    sentence: int
    mode: str | None = None
    actor: str | None = None
    actor_text: str | None = None
    target: str | None = None
    target_text: str | None = None
    location: str | None = None
    location_text: str | None = None
    date: str | None = None
    negated: bool = False
    modality: Modality = "asserted"
    confidence: float = 0.5


class Commitment(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    """A statement that someone will do something by a stated time."""

    who: str | None
    who_text: str | None
    what: Span
    due: str
    trigger: Span
    due_mod: DateMod | None = None


class Document(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    """One analysed article. Build it with :func:`marsad.analyse`; never mutate it."""

    id: str
    text: str
    schema: str = SCHEMA
    source: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    boilerplate: tuple[Boilerplate, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    tokens: tuple[Token, ...] = ()
    entities: tuple[Entity, ...] = ()
    dates: tuple[DateExpr, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    commitments: tuple[Commitment, ...] = ()

    def replace(self, **changes: Any) -> Document:
        """A copy with ``changes`` applied: how components add their layer."""
        return msgspec.structs.replace(self, **changes)

    def span(self, start: int, end: int) -> Span:
        """The :class:`Span` of ``text[start:end]``."""
        return Span(start=start, end=end, text=self.text[start:end])

    def entity(self, entity_id: str | None) -> Entity | None:
        """The entity with ``entity_id``, or None."""
        for entity in self.entities:
            if entity.id == entity_id:
                return entity
        return None

    def sentence_of(self, offset: int) -> int:
        """Index of the sentence holding ``offset`` (the last one before it if none holds it)."""
        found = 0
        for index, sentence in enumerate(self.sentences):
            if sentence.start <= offset:
                found = index
            if sentence.start <= offset < sentence.end:
                return index
        return found

    def to_dict(self) -> dict[str, Any]:
        """Plain ``dict`` of JSON types, in contract field names."""
        result: dict[str, Any] = msgspec.to_builtins(self)
        return result

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        """Validate and build a Document from :meth:`to_dict` output or parsed JSON."""
        return msgspec.convert(data, cls)

    def to_json(self) -> bytes:
        return _ENCODER.encode(self)

    @classmethod
    def from_json(cls, data: bytes | str) -> Document:
        return _DECODER.decode(data)


_ENCODER = msgspec.json.Encoder()
_DECODER = msgspec.json.Decoder(Document)


def content_id(text: str) -> str:
    """A stable id for an article without one: a hash of its content."""
    return "sha1:" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the Document, as committed in ``schema/``."""
    schema: dict[str, Any] = msgspec.json.schema(Document)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://marsad.invalid/schema/document.schema.json"
    schema["title"] = "marsad Document"
    schema["description"] = f"One analysed Arabic news article ({SCHEMA}). Offsets index Document.text."
    normalised: dict[str, Any] = msgspec.json.decode(msgspec.json.encode(schema))  # tuples → lists
    return normalised
