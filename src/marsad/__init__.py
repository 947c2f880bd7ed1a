"""marsad (مرصد): Arabic news into verifiable, structured facts.

>>> import marsad
>>> doc = marsad.analyse("وقال الوزير إن الوفد وصل إلى بغداد.", published="2021-11-11")
>>> doc.sentences[0].end == len(doc.text)
True
"""

from marsad.document import (
    SCHEMA,
    Boilerplate,
    Commitment,
    DateExpr,
    Document,
    Entity,
    Event,
    Quantity,
    Quote,
    Segment,
    Sentence,
    Span,
    Token,
)
from marsad.errors import (
    ComponentError,
    ConfigError,
    DataFileError,
    DecodeError,
    DeliveryError,
    FetchError,
    InputError,
    MarsadError,
    NotFoundError,
    StoreError,
    WebError,
)
from marsad.pipeline import (
    Pipeline,
    analyse,
    analyze,
    component,
    factory,
    load_pipeline,
    registered,
)

__version__ = "0.1.0"

__all__ = [
    "Boilerplate",
    "Commitment",
    "ComponentError",
    "ConfigError",
    "DataFileError",
    "DateExpr",
    "DecodeError",
    "DeliveryError",
    "Document",
    "Entity",
    "Event",
    "FetchError",
    "InputError",
    "MarsadError",
    "NotFoundError",
    "Pipeline",
    "Quantity",
    "Quote",
    "SCHEMA",
    "Segment",
    "Sentence",
    "Span",
    "StoreError",
    "Token",
    "WebError",
    "analyse",
    "analyze",
    "component",
    "factory",
    "load_pipeline",
    "registered",
]
