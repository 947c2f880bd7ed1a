"""The entity tagger's speed and memory on one core, against a BERT-base token classifier.

The CRF tagger (features included; the default) is timed on the project's fixture articles
twice: "cold" is a fresh tagger meeting every word for the first time (its caches empty), "warm"
is the steady state of a long-running process. The CRF with the neural network beside it (the
component's ``neural = true``) is timed the same way, when the network is shipped. The whole
``entities`` component (tagger, rules, titles, grouping, Latin names) is timed on the same
documents, with either tagger.

The peer is what a user would otherwise pick: a BERT-base-sized token classifier (12 layers,
hidden 768, 12 heads, feed-forward 3072, a 64,000-wordpiece vocabulary like AraBERT's, 9
labels) with random weights — the same compute as AraBERT or CAMeLBERT — run with torch on the
same sentences on the same core, one article per batch. It is given as many wordpieces as
marsad has tokens, a lower bound (real wordpiece counts are higher), so the ratio is
conservative. torch is a bench-only extra (``pip install -e '.[bench]'``).
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable

from common import ROOT, fixture_articles, median_seconds

NAME = "ner"
PEER_ARTICLES = 8  # BERT-base runs a few hundred wordpieces a second on one core
BERT = {"layers": 12, "hidden": 768, "heads": 12, "ffn": 3072, "vocab": 64000, "labels": 9, "max_len": 512}


def _peak_mb(code: str) -> float:
    """Peak resident memory (MB) of a fresh Python running ``code``, read from VmHWM.

    ru_maxrss would carry over the parent's peak across fork and exec (the bench process holds
    torch by then); VmHWM belongs to the new process image only.
    """
    probe = code + "\nprint('HWM', [l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')][0])"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT)
    return round(int(result.stdout.strip().split("HWM")[-1]) / 1024, 1)


def _documents() -> list:
    from marsad.pipeline import Pipeline, new_document

    base = Pipeline(["clean", "sentences", "tokens"])
    return [base(new_document(a.text, published=a.published)) for a in fixture_articles()]


def _sentences(doc) -> list[list[str]]:  # type: ignore[no-untyped-def]
    from marsad.extract.entities.view import DocView

    view = DocView(doc)
    return [[w.text for w in view.words[first:last]] for first, last in view.sentences]


def _best_cpu_seconds(fn: Callable[[], object], repeat: int = 5) -> float:
    """Least CPU time of ``fn()`` over ``repeat`` runs: one core's capacity, whatever else
    the machine is running (wall time on a shared machine measures the neighbours too)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        fn()
        best = min(best, time.process_time() - start)
    return best


def _peer_tokens_per_second(articles: list[list[list[str]]]) -> tuple[float, float] | None:
    try:
        import torch
    except ImportError:
        return None
    torch.manual_seed(0)
    torch.set_num_threads(1)

    class TokenClassifier(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.words = torch.nn.Embedding(BERT["vocab"], BERT["hidden"])
            self.positions = torch.nn.Embedding(BERT["max_len"], BERT["hidden"])
            layer = torch.nn.TransformerEncoderLayer(
                BERT["hidden"], BERT["heads"], BERT["ffn"], activation="gelu", batch_first=True, norm_first=False
            )
            self.encoder = torch.nn.TransformerEncoder(layer, BERT["layers"], enable_nested_tensor=False)
            self.classify = torch.nn.Linear(BERT["hidden"], BERT["labels"])

        def forward(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
            positions = torch.arange(ids.shape[1]).unsqueeze(0)
            hidden = self.words(ids) + self.positions(positions)
            return self.classify(self.encoder(hidden, src_key_padding_mask=~mask)).argmax(-1)

    model = TokenClassifier().eval()
    batches = []
    for sentences in articles:
        lengths = [min(len(s) + 2, BERT["max_len"]) for s in sentences]  # [CLS] … [SEP]
        longest = max(lengths)
        ids = torch.randint(5, BERT["vocab"], (len(sentences), longest))
        mask = torch.arange(longest).unsqueeze(0) < torch.tensor(lengths).unsqueeze(1)
        batches.append((ids, mask, sum(len(s) for s in sentences)))
    with torch.inference_mode():
        model(*batches[0][:2])  # warm-up
        start, cpu = time.perf_counter(), time.process_time()
        for ids, mask, _ in batches:
            model(ids, mask)
        seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
    words = sum(n for _, _, n in batches)
    return words / seconds, words / cpu_seconds


def _tagger_speed(make: Callable[[], object], articles: list[list[list[str]]], tokens: int) -> dict[str, float]:
    """Tokens per second of a fresh tagger (cold) and of a warmed one, in wall and CPU time."""
    cold_tagger = make()
    start, cpu = time.perf_counter(), time.process_time()
    for sentences in articles:
        cold_tagger.tag_document(sentences)  # type: ignore[attr-defined]
    cold, cold_cpu = tokens / (time.perf_counter() - start), tokens / (time.process_time() - cpu)
    tagger = make()
    warm_seconds = median_seconds(lambda: [tagger.tag_document(s) for s in articles], repeat=5)  # type: ignore[attr-defined]
    warm_cpu = tokens / _best_cpu_seconds(lambda: [tagger.tag_document(s) for s in articles])  # type: ignore[attr-defined]
    return {"cold": cold, "cold_cpu": cold_cpu, "warm": tokens / warm_seconds, "warm_cpu": warm_cpu}


def run() -> dict[str, object]:
    from marsad.errors import DataFileError
    from marsad.extract.entities.component import extract
    from marsad.extract.entities.tagger import Tagger, combined
    from marsad.resources import data_path

    memory = _peak_mb(
        "import pathlib, marsad\n"
        "from marsad.extract.entities.tagger import default_tagger\n"
        "default_tagger()\n"
        "for p in sorted(pathlib.Path('tests/fixtures').rglob('*.txt')):\n"
        "    marsad.analyse(p.read_text(encoding='utf-8'))"
    )
    try:
        data_path("models/ner-nn.npz")
        shipped = True
    except DataFileError:  # no network shipped: the CRF alone is measured
        shipped = False
    paired: Callable[[], object] | None = (lambda: combined(neural=True)) if shipped else None
    memory_neural: float | None = None
    if shipped:
        memory_neural = _peak_mb(
            "import pathlib\n"
            "from marsad.extract.entities.tagger import accurate_tagger\n"
            "from marsad.pipeline import Pipeline, new_document\n"
            "tagger = accurate_tagger()\n"
            "from marsad.extract.entities.component import extract\n"
            "base = Pipeline(['clean', 'sentences', 'tokens'])\n"
            "for p in sorted(pathlib.Path('tests/fixtures').rglob('*.txt')):\n"
            "    extract(base(new_document(p.read_text(encoding='utf-8'))), tagger)"
        )
    baseline = _peak_mb("import json")
    docs = _documents()
    articles = [_sentences(d) for d in docs]
    tokens = sum(len(s) for a in articles for s in a)

    crf = _tagger_speed(Tagger, articles, tokens)
    cold, cold_cpu, warm, warm_cpu = crf["cold"], crf["cold_cpu"], crf["warm"], crf["warm_cpu"]
    tagger = Tagger()
    component_seconds = median_seconds(lambda: [extract(d, tagger) for d in docs], repeat=5)
    component_cpu = _best_cpu_seconds(lambda: [extract(d, tagger) for d in docs])
    neural: dict[str, object] | None = None
    if paired is not None:
        both = _tagger_speed(paired, articles, tokens)
        pair = paired()
        pair_seconds = median_seconds(lambda: [extract(d, pair) for d in docs], repeat=3)  # type: ignore[arg-type]
        pair_cpu = _best_cpu_seconds(lambda: [extract(d, pair) for d in docs], repeat=3)  # type: ignore[arg-type]
        neural = {
            "note": "the CRF and the neural network together ([components.entities] neural = true)",
            "tagger_tokens_per_second_cold": round(both["cold"]),
            "tagger_tokens_per_second_warm": round(both["warm"]),
            "component_articles_per_second": round(len(docs) / pair_seconds, 1),
            "cpu_time": {
                "tagger_tokens_per_second_cold": round(both["cold_cpu"]),
                "tagger_tokens_per_second_warm": round(both["warm_cpu"]),
                "component_articles_per_second": round(len(docs) / pair_cpu, 1),
            },
            "peak_memory_mb_model_loaded": memory_neural,
        }

    measured = _peer_tokens_per_second(articles[:PEER_ARTICLES])
    peer, peer_cpu = measured if measured else (None, None)
    return {
        "articles": len(docs),
        "tokens": tokens,
        "tagger_tokens_per_second_cold": round(cold),
        "tagger_tokens_per_second_warm": round(warm),
        "component_articles_per_second": round(len(docs) / component_seconds, 1),
        "component_tokens_per_second": round(tokens / component_seconds),
        "cpu_time": {
            "note": "per second of CPU time on one core: what the core does when not shared",
            "tagger_tokens_per_second_cold": round(cold_cpu),
            "tagger_tokens_per_second_warm": round(warm_cpu),
            "component_articles_per_second": round(len(docs) / component_cpu, 1),
            "peer_wordpieces_per_second": round(peer_cpu, 1) if peer_cpu else None,
            "ratio_tagger_cold_vs_peer": round(cold_cpu / peer_cpu, 1) if peer_cpu else None,
            "ratio_tagger_warm_vs_peer": round(warm_cpu / peer_cpu, 1) if peer_cpu else None,
        },
        "peak_memory_mb_model_loaded": memory,
        "peak_memory_mb_python_baseline": baseline,
        "peer": {
            "name": "BERT-base token classifier, random weights (AraBERT/CAMeLBERT compute), torch, 1 thread",
            "config": BERT,
            "articles": min(PEER_ARTICLES, len(articles)),
            "wordpieces_per_second": round(peer, 1) if peer else None,
            "note": None if peer else "torch not installed: pip install -e '.[bench]'",
        },
        "ratio_tagger_cold_vs_peer": round(cold / peer, 1) if peer else None,
        "ratio_tagger_warm_vs_peer": round(warm / peer, 1) if peer else None,
        "with_network": neural
        and {
            **neural,
            "ratio_tagger_cold_vs_peer_cpu": round(float(neural["cpu_time"]["tagger_tokens_per_second_cold"]) / peer_cpu, 1) if peer_cpu else None,  # type: ignore[index]
            "ratio_tagger_warm_vs_peer_cpu": round(float(neural["cpu_time"]["tagger_tokens_per_second_warm"]) / peer_cpu, 1) if peer_cpu else None,  # type: ignore[index]
        },
    }
