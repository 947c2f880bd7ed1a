"""Throughput of ``marsad batch`` with 1 and 2 workers, local engine and Ray, on ≥ 50,000 articles.

The corpus is generated from the project's own articles (``tests/fixtures`` and the packaged
samples): each generated article takes the headline paragraph of one of them and body
paragraphs drawn from all of them, so texts differ (distinct ids, no cache can help) while
staying real Arabic news prose with its furniture. It is written once to ``bench/corpus/``
(git-ignored) and reused.

Each run is the ``marsad batch`` command itself, in a fresh process that may use every CPU
(``bench/run.py`` pins itself to one). Reported per run: wall time, articles per second,
articles per second per worker, the workers' own CPU time and articles per CPU-second (the
per-core figure, robust to other load on the machine), peak memory of each worker, and the
peak memory (PSS, shared pages counted once) of the whole process tree (for Ray: driver,
raylet, GCS, readers and actors). The peer is
``marsad.analyse`` called one article at a time in one process, on a sample of the same
corpus, measured in the same run: ``efficiency`` is a worker's throughput against it.

``MARSAD_BENCH_BATCH_ARTICLES`` changes the corpus size (for a quick look; the reported
figures use the default).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

from common import ROOT, SAMPLES, fixture_articles

NAME = "batch"
ARTICLES = int(os.environ.get("MARSAD_BENCH_BATCH_ARTICLES", "50000"))
CORPUS = ROOT / "bench" / "corpus"
WORKERS = (1, 2)
ENGINES = ("local", "ray")
PEER_SAMPLE = 2000
SEED = 8


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def generate_corpus(count: int = ARTICLES) -> Path:
    """``bench/corpus/articles-<count>.jsonl``, recombined from the project's articles."""
    path = CORPUS / f"articles-{count}.jsonl"
    if path.exists() and sum(1 for _ in path.open("rb")) == count:
        return path
    CORPUS.mkdir(parents=True, exist_ok=True)
    sources = [(a.text, a.published) for a in fixture_articles()]
    sources += [(p.read_text(encoding="utf-8"), None) for p in sorted(SAMPLES.glob("*.txt"))]
    if not sources:
        raise RuntimeError("no project articles to build the batch corpus from (tests/fixtures is empty)")
    pool = [p for text, _ in sources for p in _paragraphs(text)[1:]]
    rng = random.Random(SEED)
    temporary = path.with_suffix(".tmp")
    with temporary.open("w", encoding="utf-8") as handle:
        for index in range(count):
            text, published = rng.choice(sources)
            paragraphs = _paragraphs(text)
            body = rng.sample(pool, k=min(len(pool), max(3, len(paragraphs) - 1)))
            record = {
                "id": f"bench-{index:06d}",
                "text": "\n\n".join(paragraphs[:1] + body),
                "published": published,
                "source": "marsad-bench",
            }
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    temporary.replace(path)
    return path


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        tree.setdefault(int(fields[1]), []).append(int(entry))
    return tree


def _pss_mb(pid: int) -> float:
    """Proportional set size: shared pages (Ray's object store) counted once across processes."""
    for name, key in ((f"/proc/{pid}/smaps_rollup", "Pss:"), (f"/proc/{pid}/status", "VmRSS:")):
        try:
            with open(name, encoding="utf-8") as handle:
                for line in handle:
                    if line.startswith(key):
                        return int(line.split()[1]) / 1024
        except OSError:
            continue
    return 0.0


class TreeMemory:
    """Peak total memory (PSS) of a process and all its descendants, sampled."""

    def __init__(self, pid: int, every: float = 0.25) -> None:
        self.pid, self.every, self.peak_mb = pid, every, 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            tree, stack, total = _children(), [self.pid], 0.0
            while stack:
                pid = stack.pop()
                total += _pss_mb(pid)
                stack += tree.get(pid, [])
            self.peak_mb = max(self.peak_mb, total)
            self._stop.wait(self.every)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def _all_cpus() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, range(os.cpu_count() or 1))


def run_batch(corpus: Path, engine: str, workers: int) -> dict[str, object]:
    """One ``marsad batch`` run into a fresh output folder, and its figures."""
    output = CORPUS / f"out-{engine}-{workers}"
    shutil.rmtree(output, ignore_errors=True)
    marsad = [sys.executable, "-m", "marsad", "batch", str(corpus), "--output", str(output)]
    command = marsad + ["--engine", engine, "--workers", str(workers), "--quiet"]
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=_all_cpus)
    with TreeMemory(process.pid) as memory:
        _, stderr = process.communicate()
    wall = time.perf_counter() - started
    if process.returncode != 0:
        raise RuntimeError(f"marsad batch --engine {engine} --workers {workers} failed ({process.returncode}): {stderr[-2000:]}")
    (report_path,) = sorted((output / "_runs").iterdir())
    report = json.loads(report_path.read_text(encoding="utf-8"))
    stats = report["worker_stats"].values()
    worker_cpu = sum(w["cpu_seconds"] for w in stats)
    output_bytes = sum(p.stat().st_size for p in (output / "documents").iterdir())
    shutil.rmtree(output, ignore_errors=True)
    return {
        "documents": report["documents"],
        "errors": report["errors"],
        "wall_seconds": round(wall, 1),
        "batch_seconds": report["seconds"],
        "startup_seconds": round(wall - report["seconds"], 1),
        "articles_per_second": round(report["documents"] / wall, 1),
        "articles_per_second_per_worker": round(report["documents"] / wall / workers, 1),
        "worker_cpu_seconds": round(worker_cpu, 1),
        "articles_per_worker_cpu_second": round(report["documents"] / worker_cpu, 1) if worker_cpu else None,
        "driver_cpu_seconds": report["driver_cpu_seconds"],
        "workers_seen": len(report["worker_stats"]),
        "peak_rss_mb_per_worker": max((w["max_rss_mb"] for w in stats), default=None),
        "peak_pss_mb_all_processes": round(memory.peak_mb, 1),
        "output_bytes_per_article": round(output_bytes / max(1, report["documents"])),
        # Other work on the machine during the run (1-minute load average at start and end).
        "load_average": [round(load_before, 2), round(os.getloadavg()[0], 2)],
    }


def peer(corpus: Path) -> dict[str, float]:
    """``analyse`` one article at a time in one process (one core) on the corpus's first articles."""
    code = f"""
import json, time, marsad
records = [json.loads(line) for _, line in zip(range({PEER_SAMPLE}), open({str(corpus)!r}, encoding="utf-8"))]
for r in records[:20]:
    marsad.analyse(r["text"], published=r["published"], source=r["source"], id=r["id"])
start = time.perf_counter(); cpu = time.process_time()
for r in records:
    marsad.analyse(r["text"], published=r["published"], source=r["source"], id=r["id"])
print(json.dumps({{"seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu, "n": len(records)}}))
"""
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    return {
        "articles": figures["n"],
        "articles_per_second": round(figures["n"] / figures["seconds"], 1),
        "articles_per_cpu_second": round(figures["n"] / figures["cpu"], 1),
    }


def _ray_available() -> bool:
    import importlib.util

    return importlib.util.find_spec("ray") is not None


def run() -> dict[str, object]:
    from marsad.pipeline import default_pipeline

    corpus = generate_corpus()
    figures: dict[str, object] = {
        "articles": ARTICLES,
        "corpus_mb": round(corpus.stat().st_size / 2**20, 1),
        "pipeline": list(default_pipeline().names),
        "cpus": os.cpu_count(),
    }
    single = peer(corpus)
    figures["peer_analyse_one_by_one"] = single
    print("   peer: " + json.dumps(single), flush=True)
    runs: dict[str, dict[str, object]] = {}
    for engine in ENGINES:
        if engine == "ray" and not _ray_available():
            figures["ray"] = "not installed (pip install 'marsad[ray]')"
            continue
        for workers in WORKERS:
            print(f"   batch --engine {engine} --workers {workers} …", flush=True)
            runs[f"{engine}_{workers}"] = run_batch(corpus, engine, workers)
            print("   " + json.dumps(runs[f"{engine}_{workers}"]), flush=True)
    figures["runs"] = runs

    def aps(key: str) -> float:
        return float(runs[key]["articles_per_second"])  # type: ignore[arg-type]

    for engine in ENGINES:
        if f"{engine}_2" in runs:
            figures[f"{engine}_scaling_1_to_2_workers"] = round(aps(f"{engine}_2") / aps(f"{engine}_1"), 2)
            per_cpu = runs[f"{engine}_1"]["articles_per_worker_cpu_second"]
            figures[f"{engine}_efficiency_vs_peer"] = round(float(per_cpu) / single["articles_per_cpu_second"], 2)  # type: ignore[arg-type]
    for workers in WORKERS:
        if f"ray_{workers}" in runs:
            figures[f"ray_vs_local_throughput_{workers}_workers"] = round(aps(f"ray_{workers}") / aps(f"local_{workers}"), 2)
    return figures
