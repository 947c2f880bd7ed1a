"""``marsad ingest``: sources in, analysed and linked articles stored, every failure recorded.

Reading (:func:`marsad.ingest.sources.read_sources`), analysis (the configured pipeline) and
writing (:class:`marsad.store.write.Writer`) run as one stream: articles are analysed one by
one and written in batches of ``batch_size``, one transaction each. An input already stored is
recognised before analysis (by its key and the hash of what was read), so running the same
sources again costs one read per input and adds nothing, and a run that was killed resumes
where it stopped. Each input that cannot be read, fetched or analysed becomes a row of
``ingest_errors`` (``marsad errors``) and the run goes on.
"""

from __future__ import annotations

import gc
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from marsad.errors import ComponentError, DecodeError, FetchError, InputError, MarsadError
from marsad.ingest.fetch import Fetcher, FetchPolicy
from marsad.ingest.files import DEFAULT_MAX_BYTES
from marsad.ingest.records import Article, Unchanged
from marsad.ingest.sources import read_sources
from marsad.pipeline import Pipeline, default_pipeline
from marsad.store.write import Failure, Pending, Writer, article_key, input_hash

DEFAULT_BATCH = 50
# Allocations between two young-generation collections during a run. Analysing an article
# allocates some 10^5 short-lived containers while a batch of Documents waits to be written;
# at Python's default (700) the collector runs a few times per article for little: 10,000
# halves its cost (2% of an ingest's time on the benchmark) and memory is not affected.
INGEST_GC_THRESHOLD = 10_000


@dataclass
class IngestReport:
    """What one run did."""

    run_id: int
    counts: Counter[str] = field(default_factory=Counter)
    failures: list[Failure] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def added(self) -> int:
        return self.counts["added"]

    @property
    def failed(self) -> int:
        return self.counts["failed"]

    def summary(self) -> str:
        parts = [f"{self.counts[k]} {label}" for k, label in (
            ("added", "added"), ("revised", "revised"), ("duplicate", "exact duplicates"),
            ("unchanged", "already stored"), ("failed", "failed"),
        )]
        rate = (self.counts["added"] + self.counts["revised"] + self.counts["duplicate"]) / self.seconds if self.seconds else 0.0
        return f"run {self.run_id}: " + ", ".join(parts) + f" in {self.seconds:.1f} s ({rate:.0f} articles/s)"


def _kind(error: MarsadError) -> str:
    if isinstance(error, FetchError):
        return "fetch"
    if isinstance(error, DecodeError):
        return "decode"
    if isinstance(error, ComponentError):
        return "component"
    return "input"


def ingest(
    sources: Sequence[str],
    *,
    db: str | Path,
    pipeline: Pipeline | None = None,
    fetch: bool = True,
    fetch_policy: FetchPolicy | None = None,
    refresh: bool = False,
    published: str | None = None,
    batch_size: int = DEFAULT_BATCH,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_failure: Callable[[Failure], None] | None = None,
    on_batch: Callable[[IngestReport], None] | None = None,
) -> IngestReport:
    """Read, analyse and store ``sources``; return what was done.

    Args:
        sources: paths, folders, ``-``, feed or article URLs (see :mod:`marsad.ingest.sources`).
        db: the store's SQLite file (created if missing).
        pipeline: the pipeline to run (default: the configured one).
        fetch: fetch URLs and feed links over HTTP (off: only local inputs).
        fetch_policy: timeouts, size cap, retries, User-Agent, robots.txt, delays.
        refresh: fetch known URLs again even when the store has them.
        published: publication day for inputs that carry none.
        batch_size: articles per transaction.
        on_failure: called with each failure as it happens (the CLI prints it).
        on_batch: called after each committed batch.

    Raises:
        StoreError: the store cannot be opened or written, or another process is writing.
    """
    pipeline = pipeline or default_pipeline()
    started = time.perf_counter()
    with Writer(db) as writer, _rarer_collections():
        report = IngestReport(run_id=writer.begin_run(sources))
        batch: list[Pending] = []
        failures: list[Failure] = []

        def fail(origin: str, kind: str, reason: str) -> None:
            failure = Failure(origin=origin, kind=kind, reason=reason)
            failures.append(failure)
            report.failures.append(failure)
            report.counts["failed"] += 1
            if on_failure:
                on_failure(failure)

        def flush() -> None:
            if not batch and not failures:
                return
            for outcome in writer.write(batch, failures, run_id=report.run_id):
                report.counts[outcome] += 1
            batch.clear()
            failures.clear()
            report.seconds = time.perf_counter() - started
            if on_batch:
                on_batch(report)

        analysed = [s for s in sources if is_batch_output(s)]
        for location in analysed:
            for ready in _analysed(location, writer, report, fail):
                batch.append(ready)
                if len(batch) >= batch_size or len(failures) >= batch_size:
                    flush()
        flush()
        raw_sources = [s for s in sources if s not in analysed]
        fetcher = Fetcher(fetch_policy or FetchPolicy(max_bytes=max_bytes)) if fetch and raw_sources else None
        try:
            for item in read_sources(raw_sources, fetcher=fetcher, known=writer.known, refresh=refresh, max_bytes=max_bytes) if raw_sources else ():
                if isinstance(item, Unchanged):
                    report.counts["unchanged"] += 1
                    continue
                if isinstance(item, InputError):
                    fail(item.source or "?", _kind(item), item.reason)
                elif isinstance(item, Article):
                    pending = _analyse(item, pipeline, published, writer, report, fail)
                    if pending is not None:
                        batch.append(pending)
                if len(batch) >= batch_size or len(failures) >= batch_size:
                    flush()
            flush()
        finally:
            if fetcher is not None:
                fetcher.close()
        report.seconds = time.perf_counter() - started
        writer.end_run(report.run_id, dict(report.counts))
    return report


@contextmanager
def _rarer_collections() -> Iterator[None]:
    """Collect the young generation less often for the length of a run (see
    :data:`INGEST_GC_THRESHOLD`); the previous thresholds are restored afterwards."""
    before = gc.get_threshold()
    gc.set_threshold(max(before[0], INGEST_GC_THRESHOLD), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


def is_batch_output(source: str) -> bool:
    """Whether a source holds Documents already analysed: Parquet written by ``marsad batch``
    (its output folder, a ``*.parquet`` file or folder, or a URI pyarrow reads such as s3://)."""
    if source == "-" or source.startswith(("http://", "https://")):
        return False
    if "://" in source or source.rstrip("/").endswith(".parquet"):
        return True
    path = Path(source)
    if not path.is_dir():
        return False
    from marsad.scale.output import MANIFEST  # pyarrow is loaded only for a folder that may be one

    return (path / MANIFEST).is_file()


def _analysed(
    location: str, writer: Writer, report: IngestReport, fail: Callable[[str, str, str], None]
) -> Iterator[Pending]:
    """The Documents of a batch output, ready to store as they are (no second analysis), and its
    recorded errors; an unreadable location is one failure, the run goes on."""
    from marsad.scale.output import read_documents, read_errors

    try:
        for doc in read_documents(location):
            article = Article(
                text=doc.text, origin=f"{location}#{doc.id}", title=doc.title, url=doc.url, published=doc.published,
                source=doc.source, id=doc.id, boilerplate=doc.boilerplate,
            )
            hash_ = input_hash(article)
            key = article_key(article, hash_)
            if writer.stored(key, hash_):
                report.counts["unchanged"] += 1
                continue
            yield Pending(article=article, doc=doc, key=key, input_hash=hash_)
        for error in read_errors(location):
            fail(error.origin, "batch", f"{error.stage}: {error.message}")
    except InputError as error:
        fail(error.source or location, "input", error.reason)


def _analyse(
    article: Article,
    pipeline: Pipeline,
    published: str | None,
    writer: Writer,
    report: IngestReport,
    fail: Callable[[str, str, str], None],
) -> Pending | None:
    hash_ = input_hash(article)
    key = article_key(article, hash_)
    if writer.stored(key, hash_):
        report.counts["unchanged"] += 1
        return None
    try:
        doc = pipeline(article.document(published))
    except MarsadError as error:
        fail(article.origin, _kind(error), error.message)
        return None
    return Pending(article=article, doc=doc, key=key, input_hash=hash_)
