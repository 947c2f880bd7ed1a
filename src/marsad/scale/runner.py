"""``run_batch``: plan the input, skip finished parts, run an engine, mark parts finished.

The engines (:mod:`marsad.scale.local`, :mod:`marsad.scale.ray`) only schedule
:class:`~marsad.scale.work.BatchWorker` calls and pass back their summary rows; everything
that makes a batch resumable is here and is the same for both.
"""

from __future__ import annotations

import importlib
import resource
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from marsad.errors import ConfigError
from marsad.scale.output import OutputDir
from marsad.scale.sources import DEFAULT_PART_BYTES, Part, display_uri, plan, resolve
from marsad.scale.work import PipelineSpec
from marsad.settings import Settings

ENGINES = ("local", "ray")
DEFAULT_BATCH_SIZE = 256
RAY_INSTALL = "pip install 'marsad[ray]'"


def load_engine(name: str) -> ModuleType:
    """The engine module called ``name``.

    Raises:
        ConfigError: the engine is unknown, or it is ``ray`` and Ray is not installed.
    """
    if name not in ENGINES:
        raise ConfigError(f"unknown engine {name!r}; choose one of: {', '.join(ENGINES)}.")
    try:
        return importlib.import_module(f"marsad.scale.{name}")
    except ModuleNotFoundError as error:
        if error.name and (error.name == "ray" or error.name.startswith("ray.")):
            raise ConfigError(
                f"--engine ray needs Ray, which is not installed here. Install it with: {RAY_INSTALL}"
            ) from error
        raise


@dataclass
class _PartState:
    part: Part
    rows: int = 0
    total: int = -1
    documents: int = 0
    errors: int = 0
    files: list[str] = field(default_factory=list)
    failure: str | None = None

    @property
    def complete(self) -> bool:
        return self.failure is None and self.total >= 0 and self.rows == self.total


@dataclass
class BatchReport:
    """What a run did: parts, articles, errors, time, and each worker's cost."""

    input: str
    output: str
    engine: str
    workers: int | None
    batch_size: int
    pipeline: list[str]
    parts: int = 0
    parts_skipped: int = 0
    parts_finished: int = 0
    parts_unfinished: int = 0
    parts_removed: int = 0
    documents: int = 0
    errors: int = 0
    seconds: float = 0.0
    driver_cpu_seconds: float = 0.0
    worker_stats: dict[str, dict[str, float]] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)

    @property
    def articles_per_second(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict[str, Any]:
        data = dict(self.__dict__)
        data["articles_per_second"] = round(self.articles_per_second, 2)
        data["worker_cpu_seconds"] = round(sum(w["cpu_seconds"] for w in self.worker_stats.values()), 3)
        data["worker_peak_rss_mb"] = max((w["max_rss_mb"] for w in self.worker_stats.values()), default=0.0)
        return data


def _canonical(location: str) -> str:
    _, path = resolve(location)
    return display_uri(location, path)


def run_batch(
    input: str,
    output: str,
    *,
    engine: str = "local",
    workers: int | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    part_bytes: int = DEFAULT_PART_BYTES,
    address: str | None = None,
    settings: Settings | None = None,
    on_part: Callable[[Part, int, int, int], None] | None = None,
) -> BatchReport:
    """Analyse every article of ``input`` into the batch output ``output``; resume if begun.

    Args:
        input: a JSONL/Parquet/WARC file, a folder or a glob, local or a URI (``s3://…``).
        output: the batch output folder (local or a URI); created if missing.
        engine: ``local`` (a process pool) or ``ray`` (Ray Data actors).
        workers: worker processes or actors; default: every CPU (of the cluster, for Ray).
        batch_size: records per worker call (and per output file at most).
        part_bytes: JSONL files are cut into parts of about this many bytes.
        address: the Ray cluster (``auto``, ``ray://host:10001``); None starts Ray locally.
        settings: the configuration to take the pipeline from (default: ``marsad.toml``).
        on_part: called as ``on_part(part, done, total_parts, documents)`` after each part.

    Raises:
        ConfigError: bad options, an output made by another input or pipeline, Ray missing
            or unreachable.
        InputError: the input does not exist or holds nothing batch can read.
    """
    if batch_size < 1:
        raise ConfigError(f"--batch-size must be at least 1, not {batch_size}.")
    if workers is not None and workers < 1:
        raise ConfigError(f"--workers must be at least 1, not {workers}.")
    module = load_engine(engine)
    spec = PipelineSpec.from_settings(settings)
    spec.build()  # a wrong pipeline fails here, before any worker starts
    source, target = _canonical(input), _canonical(output)
    out = OutputDir(output)
    report = BatchReport(source, target, engine, workers, batch_size, list(spec.components))
    parts = plan(input, part_bytes=part_bytes, exclude=out.path)
    out.prepare(source, spec.describe())
    finished = out.finished()
    current = {p.id for p in parts}
    stale = [pid for pid in finished if pid not in current]
    pending = [p for p in parts if p.id not in finished or finished[p.id]["fingerprint"] != p.fingerprint]
    out.clear([p.id for p in pending] + stale)
    report.parts, report.parts_removed = len(parts), len(stale)
    report.parts_skipped = len(parts) - len(pending)
    for pid in finished:
        if pid in current and all(p.id != pid for p in pending):
            report.documents += finished[pid]["documents"]
            report.errors += finished[pid]["errors"]
    cpu_start = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    states = {p.id: _PartState(p) for p in pending}
    if pending:
        summaries = module.execute(pending, spec, output, workers=workers, batch_size=batch_size, address=address)
        try:
            _track(summaries, states, out, report, on_part)
        except ConfigError:
            raise
        except Exception as error:  # an engine failure: what is finished stays finished
            report.failures.append(f"{type(error).__name__}: {error}")
    report.seconds = round(time.perf_counter() - started, 3)
    cpu_end = resource.getrusage(resource.RUSAGE_SELF)
    report.driver_cpu_seconds = round(cpu_end.ru_utime + cpu_end.ru_stime - cpu_start.ru_utime - cpu_start.ru_stime, 3)
    report.parts_unfinished = sum(1 for s in states.values() if not s.complete)
    report.failures += sorted({f"{s.part.uri}: {s.failure}" for s in states.values() if s.failure})
    out.write_report(report.as_dict())
    return report


def _track(
    summaries: Iterator[dict[str, Any]],
    states: dict[str, _PartState],
    out: OutputDir,
    report: BatchReport,
    on_part: Callable[[Part, int, int, int], None] | None,
) -> None:
    for summary in summaries:
        state = states[summary["part"]]
        state.rows += summary["rows"]
        if summary["total"] >= 0:
            state.total = summary["total"]
        if summary["failure"]:
            state.failure = summary["failure"]
        state.documents += summary["documents"]
        state.errors += summary["errors"]
        state.files += summary["files"]
        stats = report.worker_stats.setdefault(
            summary["worker"], {"cpu_seconds": 0.0, "wall_seconds": 0.0, "max_rss_mb": 0.0, "rows": 0}
        )
        stats["cpu_seconds"] = round(stats["cpu_seconds"] + summary["cpu_seconds"], 4)
        stats["wall_seconds"] = round(stats["wall_seconds"] + summary["wall_seconds"], 4)
        stats["max_rss_mb"] = max(stats["max_rss_mb"], summary["max_rss_mb"])
        stats["rows"] += summary["rows"]
        if state.complete:
            out.mark_finished(
                state.part, rows=state.rows, documents=state.documents, errors=state.errors, files=state.files
            )
            report.parts_finished += 1
            report.documents += state.documents
            report.errors += state.errors
            if on_part:
                on_part(state.part, report.parts_finished + report.parts_skipped, report.parts, report.documents)

