"""Throughput and memory of ``marsad.analyse`` with the configured pipeline, on one core.

Peer: the same pipeline as pure Python (no mypyc extensions), in a child process on the same
core, when this run is the compiled build.
"""

from __future__ import annotations

import json
import subprocess
import sys

from common import ROOT, Article, fixture_articles, median_seconds, peak_memory_mb, pure_python_env

from marsad.compiled import is_compiled

NAME = "pipeline"


def run() -> dict[str, object]:
    import marsad
    from marsad.pipeline import default_pipeline

    articles = fixture_articles()
    pipeline = default_pipeline()
    docs = [marsad.analyse(a.text, published=a.published) for a in articles]  # warm caches and models
    tokens = sum(len(d.tokens) for d in docs)
    chars = sum(len(a.text) for a in articles)

    seconds = _seconds(articles)
    per_component = {}
    for name, step in pipeline._steps:  # time each component on the documents it receives
        inputs = []
        for a in articles:
            doc = marsad.pipeline.new_document(a.text, published=a.published)
            for earlier, earlier_step in pipeline._steps:
                if earlier == name:
                    break
                doc = earlier_step(doc)
            inputs.append(doc)
        per_component[name] = round(len(inputs) / median_seconds(lambda: [step(d) for d in inputs], repeat=3), 1)
    figures: dict[str, object] = {
        "compiled": is_compiled(),
        "articles": len(articles),
        "tokens": tokens,
        "characters": chars,
        "pipeline": list(pipeline.names),
        "articles_per_second": round(len(articles) / seconds, 1),
        "tokens_per_second": round(tokens / seconds),
        "component_articles_per_second": per_component,
        "peak_memory_mb": peak_memory_mb(
            "import marsad, pathlib\n"
            "for p in sorted(pathlib.Path('tests/fixtures').rglob('*.txt')):\n"
            "    marsad.analyse(p.read_text(encoding='utf-8'))"
        ),
        "peak_memory_mb_python_baseline": peak_memory_mb("import json"),
    }
    if is_compiled():
        pure = json.loads(
            subprocess.run(
                [sys.executable, __file__], env=pure_python_env(), cwd=ROOT, capture_output=True, text=True, check=True
            ).stdout
        )
        figures["pure_python_articles_per_second"] = pure["articles_per_second"]
        figures["compiled_to_pure_python_ratio"] = round(figures["articles_per_second"] / pure["articles_per_second"], 2)  # type: ignore[operator]
    return figures


def _seconds(articles: list[Article]) -> float:
    """Median time to analyse every article (after one warm-up pass)."""
    import marsad

    return median_seconds(lambda: [marsad.analyse(a.text, published=a.published) for a in articles], repeat=5)


def throughput() -> dict[str, object]:
    """Articles per second of the whole pipeline (the child's measure, as pure Python)."""
    articles = fixture_articles()
    return {"compiled": is_compiled(), "articles_per_second": round(len(articles) / _seconds(articles), 1)}


if __name__ == "__main__":
    from common import pin_one_core

    pin_one_core()
    print(json.dumps(throughput()))
