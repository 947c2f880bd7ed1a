"""The Ray engine: Ray Data ``map_batches`` over a pool of actors that hold the pipeline.

The only module of marsad that imports ``ray`` (an optional extra: ``pip install
'marsad[ray]'``). The plan's parts become a dataset; a first ``map_batches`` reads each part
where it runs (so S3 or HDFS input is read by the cluster, not through the driver); a second
runs :class:`~marsad.scale.work.BatchWorker` in an actor pool, one actor per worker, each
loading the pipeline and its models once. Workers write their tables straight to the output
location, so on a cluster of several machines ``--output`` must be shared storage (``s3://…``
or a network file system). Only the small summary rows come back to the driver.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator, Sequence
from typing import Any

import pyarrow as pa
import ray
import ray.data
from ray.exceptions import RayError

from marsad.errors import ConfigError
from marsad.scale.sources import Part, read_part, scheme_of
from marsad.scale.work import BatchWorker, PipelineSpec

log = logging.getLogger(__name__)


# Ray Data settings for a batch, restored afterwards.
_CONTEXT = {
    "enable_progress_bars": False,
    # Start once every actor is up, so no worker idles while another takes the first blocks
    # (and a pool larger than the cluster fails with a message instead of waiting forever).
    "wait_for_min_actors_s": 600,
    # Small blocks of records (a few hundred articles), so that work is shared out batch by
    # batch rather than a whole input part to one actor.
    "target_max_block_size": 1 << 20,
}


def start_local(num_cpus: int, *, object_store_mb: int | None = None) -> None:
    """Start a Ray instance on this machine with ``num_cpus`` CPUs (for tests and one-box runs).

    Args:
        num_cpus: CPUs Ray may schedule on: the most workers it will run at once.
        object_store_mb: size of the shared object store; Ray's default (30% of memory) if None.
    """
    ray.init(
        num_cpus=num_cpus,
        object_store_memory=object_store_mb * 1024 * 1024 if object_store_mb else None,
        include_dashboard=False,
        logging_level=logging.WARNING,
        configure_logging=True,
        log_to_driver=True,
    )


def shutdown() -> None:
    """Stop the Ray instance this process started or joined."""
    ray.shutdown()


def _connect(address: str | None, workers: int | None) -> bool:
    """Join or start Ray; True when this call started it (and should stop it)."""
    if ray.is_initialized():
        return False
    try:
        if address:
            ray.init(address=address, logging_level=logging.WARNING, log_to_driver=True)
        else:
            cpus = os.cpu_count() or 1
            start_local(max(cpus, workers or 0))
    except (RayError, ConnectionError, RuntimeError, ValueError) as error:
        where = f"the Ray cluster at {address}" if address else "a local Ray instance"
        raise ConfigError(
            f"cannot reach {where}: {error}. Check --address (ray://HOST:10001 for Ray Client, "
            "auto on a cluster node) and that the cluster is running (`ray status`)."
        ) from error
    return True


def _warn_if_not_shared(output: str, parts: Sequence[Part]) -> None:
    nodes = [n for n in ray.nodes() if n.get("Alive")]  # type: ignore[no-untyped-call]
    local = [where for where in (output, *(p.root for p in parts[:1])) if scheme_of(where) in ("", "file")]
    if len(nodes) > 1 and local:
        log.warning(
            "the Ray cluster has %d nodes but %s is a local path: every node must see it (a shared "
            "file system), or use object storage such as s3://bucket/prefix",
            len(nodes),
            local[0],
        )


def _read(batch: pa.Table, *, max_bytes: int, chunk_rows: int) -> Iterator[pa.Table]:
    for row in batch.to_pylist():
        yield from read_part(Part.from_dict(row), max_bytes=max_bytes, chunk_rows=chunk_rows)


def execute(
    parts: Sequence[Part],
    spec: PipelineSpec,
    output: str,
    *,
    workers: int | None = None,
    batch_size: int = 256,
    address: str | None = None,
) -> Iterator[dict[str, Any]]:
    """Analyse ``parts`` on Ray; yields :data:`~marsad.scale.work.SUMMARY` rows.

    Args:
        workers: actors in the pool (one CPU each); default: every CPU of the cluster.
        address: ``auto``, ``ray://host:10001`` or ``host:6379``; None starts Ray locally.

    Raises:
        ConfigError: Ray cannot be started or reached.
    """
    started = _connect(address, workers)
    context = ray.data.DataContext.get_current()
    saved = {name: getattr(context, name) for name in _CONTEXT}
    try:
        for name, value in _CONTEXT.items():
            setattr(context, name, value)
        count = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))  # type: ignore[no-untyped-call]
        _warn_if_not_shared(output, parts)
        items = ray.data.from_items([part.as_dict() for part in parts], override_num_blocks=len(parts))
        dataset: Any = items.map_batches(
            _read,  # type: ignore[arg-type]
            batch_size=1,
            batch_format="pyarrow",
            fn_kwargs={"max_bytes": spec.max_bytes, "chunk_rows": batch_size},
            # Reading is light next to analysis (a part in well under a second, against minutes
            # of analysis): it takes no CPU from the actors' share, which also keeps it a stage
            # of its own so that batches (not whole parts) go to the actors, and one reader
            # for every few actors keeps input from piling up in the object store.
            num_cpus=0,
            compute=ray.data.TaskPoolStrategy(size=max(1, min(len(parts), count // 4))),
        )
        dataset = dataset.map_batches(
            BatchWorker,
            fn_constructor_kwargs={"spec": spec, "output": output},
            batch_size=batch_size,
            batch_format="pyarrow",
            compute=ray.data.ActorPoolStrategy(size=count, max_tasks_in_flight_per_actor=1),
            num_cpus=1,
        )
        for table in dataset.iter_batches(batch_format="pyarrow", batch_size=None):
            yield from table.to_pylist()
    finally:
        for name, value in saved.items():
            setattr(context, name, value)
        if started:
            ray.shutdown()
