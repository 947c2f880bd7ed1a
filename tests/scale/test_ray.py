"""The Ray engine on a local Ray instance with 2 CPUs: the same Documents as ``analyse``."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path

import pytest

from marsad.scale import run_batch
from tests.scale.conftest import Archive
from tests.scale.test_local import check_output

pytestmark = [
    pytest.mark.slow,
    pytest.mark.filterwarnings("ignore::DeprecationWarning:ray"),
    pytest.mark.skipif(importlib.util.find_spec("ray") is None, reason="Ray is an optional extra: pip install 'marsad[ray]'"),
]


@pytest.fixture(scope="module")
def local_ray() -> Iterator[None]:
    """A Ray instance with 2 CPUs for this module, shut down after it."""
    from marsad.scale import ray as engine

    engine.start_local(2, object_store_mb=100)
    yield
    engine.shutdown()


def test_ray_documents_equal_analyse_one_by_one(local_ray: None, tmp_path: Path, archive: Archive) -> None:
    output = tmp_path / "out"
    report = run_batch(str(archive.path), str(output), engine="ray", workers=2, batch_size=4, part_bytes=9_000)
    assert report.parts_unfinished == 0 and not report.failures
    assert report.parts > 2
    assert report.documents == len(archive.articles)
    assert report.errors == len(archive.bad)
    # Never more actors than asked for. Whether the second one gets any of so little work depends
    # on how fast the blocks are read against how fast the first actor analyses them: sharing
    # is measured where there is enough work, in bench/suites/batch.py (two actors, both busy).
    assert 1 <= len(report.worker_stats) <= 2
    check_output(output, archive)
    again = run_batch(str(archive.path), str(output), engine="ray", workers=2, batch_size=4, part_bytes=9_000)
    assert again.parts_skipped == report.parts and again.parts_finished == 0
    check_output(output, archive)
