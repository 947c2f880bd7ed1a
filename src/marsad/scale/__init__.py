"""Running the pipeline over archives: batch inputs, Parquet outputs, local and Ray engines.

``marsad batch`` (and :func:`run_batch`) reads JSONL, Parquet or WARC from a local disk or any
filesystem pyarrow supports, runs the configured :class:`~marsad.pipeline.Pipeline` on every
article with a pool of local processes or on Ray Data, and writes one Parquet row per
Document plus a table of per-article errors. Re-running over the same input skips the parts
already finished. ``import ray`` happens only in :mod:`marsad.scale.ray`.

Reading a batch output back (what ``marsad ingest DIR`` does):

>>> from marsad.scale import read_documents  # doctest: +SKIP
>>> for doc in read_documents("archive.parquet"):  # doctest: +SKIP
...     print(doc.id, len(doc.sentences))
"""

from marsad.scale.output import is_batch_output, read_documents, read_errors
from marsad.scale.runner import BatchReport, run_batch
from marsad.scale.schema import DOCUMENTS, ERRORS, BatchError, describe, from_table, to_table

__all__ = [
    "DOCUMENTS",
    "ERRORS",
    "BatchError",
    "BatchReport",
    "describe",
    "from_table",
    "is_batch_output",
    "read_documents",
    "read_errors",
    "run_batch",
    "to_table",
]
