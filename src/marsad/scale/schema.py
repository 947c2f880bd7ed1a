"""The Parquet form of Documents and batch errors: one row per article, facts as typed columns.

The Arrow schema is derived from the :class:`~marsad.document.Document` classes themselves, so
it follows the contract whenever a field is added: ``str`` → ``string``, ``int`` → ``int64``,
``float`` → ``double``, ``bool`` → ``bool``, a ``Literal`` → ``string`` (its allowed values are
listed by :func:`describe`), ``X | None`` → a nullable column, a tuple of parts →
``list<struct<…>>``, a part → ``struct<…>``. One column is typed beyond the contract's JSON:
``published`` is a ``date32`` so that archives can be filtered by day without parsing strings.

Reading a row back gives exactly the Document that was written (``from_table(to_table(docs))
== docs``); a test pins this. ``docs/scaling.md`` embeds :func:`describe` and a test keeps the
two equal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import msgspec
import msgspec.inspect as mi
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.json as pj

from marsad.document import SCHEMA, Document

# Stored in every Parquet file's metadata, so a reader can tell which contract it holds.
SCHEMA_KEY = b"marsad.schema"
ERRORS_SCHEMA_ID = "marsad.batch-errors/1"

# Columns whose Arrow type is more specific than the Document's JSON type.
_TYPED_COLUMNS: dict[str, pa.DataType] = {"published": pa.date32()}


def _optional(info: mi.Type) -> tuple[mi.Type, bool]:
    """``(inner type, nullable)`` of ``info`` (``X | None`` → ``(X, True)``)."""
    if isinstance(info, mi.UnionType):
        inner = [t for t in info.types if not isinstance(t, mi.NoneType)]
        if len(inner) == 1:
            return inner[0], len(inner) != len(info.types)
    return info, False


def _arrow(info: mi.Type, where: str) -> pa.DataType:
    if isinstance(info, mi.StrType):
        return pa.string()
    if isinstance(info, mi.BoolType):
        return pa.bool_()
    if isinstance(info, mi.IntType):
        return pa.int64()
    if isinstance(info, mi.FloatType):
        return pa.float64()
    if isinstance(info, mi.LiteralType) and all(isinstance(v, str) for v in info.values):
        return pa.string()
    if isinstance(info, (mi.VarTupleType, mi.ListType)):
        return pa.list_(_arrow(info.item_type, where + "[]"))
    if isinstance(info, mi.StructType):
        return pa.struct(_fields(info, where))
    raise TypeError(f"Document field {where} has type {info!r}, which has no Parquet column type yet")


def _fields(info: mi.StructType, where: str) -> list[pa.Field]:
    fields = []
    for field in info.fields:
        inner, nullable = _optional(field.type)
        path = f"{where}.{field.encode_name}" if where else field.encode_name
        arrow_type = _TYPED_COLUMNS.get(path) or _arrow(inner, path)
        fields.append(pa.field(field.encode_name, arrow_type, nullable=nullable))
    return fields


def _document_schema() -> pa.Schema:
    info = mi.type_info(Document)
    assert isinstance(info, mi.StructType)
    return pa.schema(_fields(info, ""), metadata={SCHEMA_KEY: SCHEMA.encode()})


DOCUMENTS = _document_schema()
"""Arrow schema of the ``documents`` table: one row per article, Document fields as columns."""

ERRORS = pa.schema(
    [
        pa.field("origin", pa.string(), nullable=False),
        pa.field("id", pa.string()),
        pa.field("stage", pa.string(), nullable=False),
        pa.field("error", pa.string(), nullable=False),
        pa.field("component", pa.string()),
        pa.field("message", pa.string(), nullable=False),
        pa.field("part", pa.string(), nullable=False),
        pa.field("seq", pa.int64(), nullable=False),
    ],
    metadata={SCHEMA_KEY: ERRORS_SCHEMA_ID.encode()},
)
"""Arrow schema of the ``errors`` table: one row per input that gave no Document.

``origin`` names the input (``file@byte`` for JSONL and WARC records, ``file#row`` for Parquet
rows, the file alone when the whole file could not be read); ``stage`` is where it failed
(``read``, ``extract``, ``analyse`` or ``write``); ``error`` the exception class
(``InputError``, ``DecodeError``, ``ComponentError``…); ``component`` the pipeline component
that failed, if one did; ``part`` and ``seq`` locate the input in the batch's plan.
"""


@dataclass(frozen=True)
class BatchError:
    """One input of a batch that produced no Document, and why."""

    origin: str
    id: str | None
    stage: str
    error: str
    component: str | None
    message: str
    part: str
    seq: int


# The JSON form of Documents is read with the published day as text, then cast to date32:
# msgspec's encoder and Arrow's JSON reader convert nested facts about twice as fast as
# building the table from Python objects.
_PUBLISHED = DOCUMENTS.get_field_index("published")
_JSON_SCHEMA = DOCUMENTS.set(_PUBLISHED, pa.field("published", pa.string()))
_JSON_PARSE = pj.ParseOptions(explicit_schema=_JSON_SCHEMA, unexpected_field_behavior="error")
_ENCODER = msgspec.json.Encoder()


def to_table(docs: Sequence[Document]) -> pa.Table:
    """The ``documents`` table of ``docs``.

    Raises:
        pyarrow.ArrowInvalid: a Document holds a value its type does not allow (e.g. a
            ``published`` that is not ``YYYY-MM-DD``).
    """
    if not docs:
        return DOCUMENTS.empty_table()
    data = b"\n".join(_ENCODER.encode(doc) for doc in docs)
    options = pj.ReadOptions(use_threads=False, block_size=len(data) + 1)
    table = pj.read_json(pa.BufferReader(data), read_options=options, parse_options=_JSON_PARSE)
    published = pc.cast(table.column(_PUBLISHED), pa.date32())
    table = table.set_column(_PUBLISHED, DOCUMENTS.field(_PUBLISHED), published)
    return table.cast(DOCUMENTS)


def errors_table(errors: Sequence[BatchError]) -> pa.Table:
    """The ``errors`` table of ``errors``."""
    return pa.Table.from_pylist([e.__dict__ for e in errors], schema=ERRORS)


def from_table(table: pa.Table) -> Iterator[Document]:
    """The Documents in a ``documents`` table (columns it does not know are ignored).

    Raises:
        msgspec.ValidationError: a row does not hold a valid Document.
    """
    for batch in table.to_batches(max_chunksize=1024):
        for row in batch.to_pylist():
            published = row.get("published")
            if isinstance(published, dt.date):
                row["published"] = published.isoformat()
            yield msgspec.convert(row, Document)


def errors_from_table(table: pa.Table) -> Iterator[BatchError]:
    """The :class:`BatchError` rows of an ``errors`` table."""
    names = set(ERRORS.names)
    for row in table.to_pylist():
        yield BatchError(**{k: v for k, v in row.items() if k in names})


def _describe_type(info: mi.Type, path: str, lines: list[str]) -> None:
    inner, nullable = _optional(info)
    indent = "  " * (path.count(".") + 1)
    name = path.rsplit(".", 1)[-1]
    null = ", nullable" if nullable else ""
    parts = None
    if isinstance(inner, (mi.VarTupleType, mi.ListType)) and isinstance(inner.item_type, mi.StructType):
        lines.append(f"{indent}{name}: list<struct>{null}")
        parts = inner.item_type
    elif isinstance(inner, mi.StructType):
        lines.append(f"{indent}{name}: struct{null}")
        parts = inner
    if parts is not None:
        for field in parts.fields:
            _describe_type(field.type, f"{path}.{field.encode_name}", lines)
        return
    arrow_type = _TYPED_COLUMNS.get(path) or _arrow(inner, path)
    values = ""
    if isinstance(inner, mi.LiteralType):
        values = " (one of " + ", ".join(sorted(str(v) for v in inner.values)) + ")"
    lines.append(f"{indent}{name}: {arrow_type}{null}{values}")


def describe() -> str:
    """The documents and errors tables' columns as indented text (embedded in docs/scaling.md)."""
    info = mi.type_info(Document)
    assert isinstance(info, mi.StructType)
    lines = [f"documents ({SCHEMA}; one row per article)"]
    for field in info.fields:
        _describe_type(field.type, field.encode_name, lines)
    lines.append(f"errors ({ERRORS_SCHEMA_ID}; one row per input without a Document)")
    for column in ERRORS:
        lines.append(f"  {column.name}: {column.type}{', nullable' if column.nullable else ''}")
    return "\n".join(lines)


def check_documents(table_schema: pa.Schema, where: str) -> None:
    """Raise :class:`~marsad.errors.InputError` unless ``table_schema`` holds Documents."""
    from marsad.errors import InputError

    missing = [name for name in ("id", "text") if name not in table_schema.names]
    if missing:
        raise InputError(
            f"is not a table of marsad Documents (no {', '.join(missing)} column); "
            "expected the output of `marsad batch`",
            source=where,
        )
