"""The local engine: a pool of worker processes on this machine.

The parent reads the input parts (cheap next to analysis) and hands batches of records to the
workers; each worker process holds one :class:`~marsad.scale.work.BatchWorker` (pipeline and
models loaded once) and writes its results itself. Processes are started with ``spawn``, so
no thread or lock of the parent is inherited half-way.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any

import pyarrow as pa

from marsad.errors import ConfigError
from marsad.scale.output import OutputDir
from marsad.scale.schema import DOCUMENTS
from marsad.scale.sources import Part, read_part
from marsad.scale.work import BatchWorker, PipelineSpec, error_row

_WORKER: BatchWorker | None = None
_MAX_DEATHS_IN_A_ROW = 5


class WorkerDied(RuntimeError):
    """A worker process ended without finishing its batch (killed, out of memory, crashed)."""


def available_cpus() -> int:
    """CPUs this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _start(spec: PipelineSpec, output: str) -> None:
    global _WORKER
    _WORKER = BatchWorker(spec, output)


def _run(batch: pa.Table) -> pa.Table:
    assert _WORKER is not None, "worker process was not initialised"
    return _WORKER(batch)


def _singles(batch: pa.Table) -> list[pa.Table]:
    return [batch.slice(index, 1) for index in range(batch.num_rows)]


def _died(row: dict[str, Any], output: OutputDir) -> dict[str, Any]:
    """The summary of a row whose worker died on it: the article becomes an error row."""
    errors = []
    if row["kind"] == "error":
        errors.append(error_row(row, "read", row["error"] or "InputError", None, row["message"] or ""))
    elif row["kind"] != "end":
        message = "the worker process died while analysing this article (a crash in a library, or out of memory)"
        errors.append(error_row(row, "analyse", "WorkerDied", None, message))
    files = output.write_group(row["part"], row["seq"], DOCUMENTS.empty_table(), errors)
    return {
        "part": row["part"],
        "first_seq": row["seq"],
        "rows": 1,
        "total": row["total"] if row["kind"] == "end" else -1,
        "documents": 0,
        "errors": len(errors),
        "files": files,
        "failure": None,
        "worker": "parent",
        "cpu_seconds": 0.0,
        "wall_seconds": 0.0,
        "max_rss_mb": 0.0,
    }


class _Pool:
    """A process pool that can be replaced when one of its workers dies."""

    def __init__(self, count: int, spec: PipelineSpec, output: str) -> None:
        self.count, self.spec, self.output = count, spec, output
        self.pool = self._new()

    def _new(self) -> ProcessPoolExecutor:
        context = multiprocessing.get_context("spawn")
        return ProcessPoolExecutor(self.count, mp_context=context, initializer=_start, initargs=(self.spec, self.output))

    def submit(self, batch: pa.Table) -> Future[pa.Table]:
        return self.pool.submit(_run, batch)

    def restart(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
        self.pool = self._new()

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def execute(
    parts: Sequence[Part],
    spec: PipelineSpec,
    output: str,
    *,
    workers: int | None = None,
    batch_size: int = 256,
    address: str | None = None,
) -> Iterator[dict[str, Any]]:
    """Analyse ``parts`` with ``workers`` processes; yields :data:`~marsad.scale.work.SUMMARY` rows.

    When a worker process dies (a crash in a library, the system killing it), the batches it
    took down are run again one article at a time, one after the other, so that the article
    that kills a worker is found and recorded as an error and every other article is analysed.

    Raises:
        ConfigError: ``address`` was given (it is for the Ray engine).
        WorkerDied: workers die on article after article (they cannot start, or the machine
            is out of memory); unfinished parts are redone by the next run.
    """
    if address:
        raise ConfigError("--address is for --engine ray; the local engine runs on this machine.")
    count = workers or available_cpus()
    out = OutputDir(output)
    batches = (batch for part in parts for batch in read_part(part, max_bytes=spec.max_bytes, chunk_rows=batch_size))
    pool = _Pool(count, spec, output)
    in_flight: dict[Future[pa.Table], pa.Table] = {}
    suspects: deque[pa.Table] = deque()
    deaths_in_a_row = 0
    exhausted = False
    try:
        while True:
            while not exhausted and not suspects and len(in_flight) < 2 * count:
                batch = next(batches, None)
                if batch is None:
                    exhausted = True
                    break
                in_flight[pool.submit(batch)] = batch
            if suspects:  # alone, so that a death names its article
                single = suspects.popleft()
                try:
                    yield from pool.submit(single).result().to_pylist()
                    deaths_in_a_row = 0
                except BrokenProcessPool:
                    deaths_in_a_row += 1
                    if deaths_in_a_row >= _MAX_DEATHS_IN_A_ROW:
                        raise WorkerDied(
                            f"worker processes died on {deaths_in_a_row} articles in a row: they cannot start, "
                            "or the machine is out of memory; run the same command again to resume"
                        ) from None
                    yield _died(single.to_pylist()[0], out)
                    pool.restart()
                continue
            if not in_flight:
                return
            done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
            if any(isinstance(f.exception(), BrokenProcessPool) for f in done):
                wait(in_flight)  # the others end too, with a result or the same error
                done = set(in_flight)
            for future in done:
                batch = in_flight.pop(future)
                if isinstance(future.exception(), BrokenProcessPool):
                    suspects.extend(_singles(batch))
                else:
                    yield from future.result().to_pylist()
            if suspects:
                pool.restart()
    finally:
        pool.close()
