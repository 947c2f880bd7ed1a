"""Shared helpers for benchmark suites: the articles, timing, one core, peak memory.

Figures are medians of several runs on one core (the process is pinned to CPU 0 and numeric
libraries to one thread), so they compare across machines of one kind and between a marsad
component and its peer measured in the same run.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SAMPLES = ROOT / "src" / "marsad" / "samples"


@dataclass(frozen=True)
class Article:
    id: str
    text: str
    published: str | None


def pin_one_core() -> None:
    """Run this process (and numeric libraries) on one core."""
    for name in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS", "RAYON_NUM_THREADS"):
        os.environ[name] = "1"
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})


def fixture_articles() -> list[Article]:
    """The project's annotated articles (dev and test) as raw text with their gold day."""
    articles = []
    for raw in sorted(FIXTURES.rglob("*.txt")):
        gold = raw.with_suffix(".json")
        published = json.loads(gold.read_text(encoding="utf-8")).get("published") if gold.exists() else None
        articles.append(Article(raw.stem, raw.read_text(encoding="utf-8"), published))
    return articles


def median_seconds(fn: Callable[[], object], repeat: int = 5, warmup: int = 1) -> float:
    """Median wall time of ``fn()`` over ``repeat`` runs after ``warmup`` runs."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def peak_memory_mb(code: str) -> float:
    """Peak resident memory (MB) of a fresh Python process running ``code``."""
    # VmHWM is the process's own high-water mark; ru_maxrss would carry the parent's over exec.
    probe = code + (
        "\nimport re, pathlib"
        "\nprint('PEAK', re.search(r'VmHWM:\\s+(\\d+)', pathlib.Path('/proc/self/status').read_text()).group(1))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT)
    peak_kb = int(result.stdout.strip().split("PEAK")[-1])
    return round(peak_kb / 1024, 1)


def pure_python_env() -> dict[str, str]:
    """Environment for a child process that runs marsad as pure Python, the peer of the
    compiled build: a copy of ``src`` without the mypyc extensions, first on the path."""
    target = Path(tempfile.gettempdir()) / "marsad-bench-pure"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(ROOT / "src", target, ignore=shutil.ignore_patterns("*.so", "__pycache__"))
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(target), str(ROOT / "bench")])}
