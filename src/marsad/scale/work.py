"""What every batch worker does, whichever engine runs it: analyse records, store the results.

A :class:`BatchWorker` builds the pipeline once (models load once per worker process or Ray
actor) and is then called on :data:`~marsad.scale.sources.RECORDS` tables. For each article it
calls :func:`marsad.analyse` exactly as a single-article run would (HTML pages first go through
:func:`marsad.ingest.html.extract_html`, as in ``marsad analyze``); there is no extraction logic
here. Any failure on one article becomes a row of the errors table and the rest of the batch
goes on. It returns one summary row per part it saw (:data:`SUMMARY`).
"""

from __future__ import annotations

import os
import resource
import socket
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any

import pyarrow as pa

from marsad.document import Document
from marsad.errors import ComponentError, InputError, MarsadError
from marsad.pipeline import Pipeline, analyse, registered
from marsad.scale.output import OutputDir
from marsad.scale.schema import BatchError, to_table
from marsad.settings import Settings, load_settings

SUMMARY = pa.schema(
    [
        pa.field("part", pa.string()),
        pa.field("first_seq", pa.int64()),
        pa.field("rows", pa.int64()),
        pa.field("total", pa.int64()),
        pa.field("documents", pa.int64()),
        pa.field("errors", pa.int64()),
        pa.field("files", pa.list_(pa.string())),
        pa.field("failure", pa.string()),
        pa.field("worker", pa.string()),
        pa.field("cpu_seconds", pa.float64()),
        pa.field("wall_seconds", pa.float64()),
        pa.field("max_rss_mb", pa.float64()),
    ]
)
"""One row per (call, part): how many of the part's rows the call handled and stored where.
``total`` is the part's row count when the call saw its ``end`` row, else -1; ``failure`` says
why the rows could not be stored (the part then stays unfinished)."""


@dataclass(frozen=True)
class PipelineSpec:
    """The pipeline a batch runs, as data a worker on another machine can rebuild."""

    components: tuple[str, ...]
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    max_bytes: int = 5 * 1024 * 1024

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> PipelineSpec:
        """The configured pipeline (``marsad.toml``, ``$MARSAD_CONFIG``), as ``analyse`` runs it."""
        settings = settings or load_settings()
        return cls(settings.pipeline, settings.component_options, settings.max_input_bytes)

    def build(self) -> Pipeline:
        """The pipeline, with its models loaded.

        Raises:
            ConfigError: a component is unknown or out of order.
        """
        return Pipeline(self.components, self.options)

    def describe(self) -> dict[str, Any]:
        """Names, versions and options: what a batch output records to refuse mixing pipelines."""
        infos = registered()
        return {
            "components": list(self.components),
            "versions": {name: infos[name].version for name in self.components if name in infos},
            "options": {k: dict(v) for k, v in sorted(self.options.items())},
        }


def _max_rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux.
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


class BatchWorker:
    """Analyses record batches with a pipeline loaded once and stores the results.

    Used as the Ray Data ``map_batches`` class (one per actor) and inside each process of the
    local pool.
    """

    def __init__(self, spec: PipelineSpec, output: str) -> None:
        self.pipeline = spec.build()
        self.output = OutputDir(output)
        self.output.ensure_folders()
        self.name = f"{socket.gethostname()}:{os.getpid()}"

    def __call__(self, batch: pa.Table) -> pa.Table:
        started, cpu = time.perf_counter(), time.process_time()
        summaries = []
        rows = batch.to_pylist()
        for part, group in groupby(rows, key=lambda row: row["part"]):
            summaries.append(self._group(part, list(group)))
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
        for summary in summaries:  # the call's cost, shared out by rows
            share = summary["rows"] / max(1, len(rows))
            summary.update(
                worker=self.name,
                cpu_seconds=cpu * share,
                wall_seconds=wall * share,
                max_rss_mb=_max_rss_mb(),
            )
        return pa.Table.from_pylist(summaries, schema=SUMMARY)

    def _group(self, part: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
        analysed: list[tuple[dict[str, Any], Document]] = []
        errors: list[BatchError] = []
        total = -1
        for row in rows:
            if row["kind"] == "end":
                total = row["total"]
            elif row["kind"] == "error":
                errors.append(error_row(row, "read", row["error"] or "InputError", None, row["message"] or ""))
            else:
                result = self._analyse(row)
                if isinstance(result, Document):
                    analysed.append((row, result))
                else:
                    errors.append(result)
        summary: dict[str, Any] = {"part": part, "first_seq": rows[0]["seq"], "rows": len(rows), "total": total}
        try:
            table, unstorable = _storable(analysed)
            errors += unstorable
            files = self.output.write_group(part, rows[0]["seq"], table, errors)
        except Exception as error:  # the output cannot be written: the part stays unfinished
            summary.update(documents=0, errors=0, files=[], failure=f"{type(error).__name__}: {error}")
            return summary
        summary.update(documents=table.num_rows, errors=len(errors), files=files, failure=None)
        return summary

    def _analyse(self, row: dict[str, Any]) -> Document | BatchError:
        text, title, url, published, source = row["text"], row["title"], row["url"], row["published"], row["source"]
        if row["kind"] == "html":
            try:
                from marsad.ingest.decode import decode
                from marsad.ingest.html import extract_html

                html = decode(row["raw"], declared=row["charset"], source=row["origin"]) if row["raw"] is not None else text
                article = extract_html(html, origin=row["origin"], url=url, source=source)
            except MarsadError as error:
                return error_row(row, "extract", type(error).__name__, None, _message(error))
            except Exception as error:
                return error_row(row, "extract", type(error).__name__, None, str(error))
            text, url, source = article.text, article.url, article.source
            title = title or article.title
            published = published or article.published
        try:
            return analyse(
                text,
                published=published,
                title=title,
                url=url,
                source=source or row["origin"],
                id=row["id"],
                pipeline=self.pipeline,
            )
        except ComponentError as error:
            return error_row(row, "analyse", "ComponentError", error.component, _message(error))
        except MarsadError as error:
            return error_row(row, "analyse", type(error).__name__, None, _message(error))
        except Exception as error:  # a bug outside any component must not stop the batch either
            return error_row(row, "analyse", type(error).__name__, None, str(error))


def _message(error: MarsadError) -> str:
    return error.reason if isinstance(error, InputError) else error.message


def error_row(row: dict[str, Any], stage: str, kind: str, component: str | None, message: str) -> BatchError:
    return BatchError(
        origin=row["origin"],
        id=row.get("id"),
        stage=stage,
        error=kind,
        component=component,
        message=" ".join(message.split()),
        part=row["part"],
        seq=row["seq"],
    )


def _storable(analysed: list[tuple[dict[str, Any], Document]]) -> tuple[pa.Table, list[BatchError]]:
    """The documents table, and an error for each Document the Parquet schema cannot hold."""
    try:
        return to_table([doc for _, doc in analysed]), []
    except (pa.ArrowException, ValueError):
        pass
    good: list[Document] = []
    bad: list[BatchError] = []
    for row, doc in analysed:
        try:
            to_table([doc])
            good.append(doc)
        except (pa.ArrowException, ValueError) as error:
            bad.append(error_row(row, "write", type(error).__name__, None, f"the Document cannot be stored: {error}"))
    return to_table(good), bad
