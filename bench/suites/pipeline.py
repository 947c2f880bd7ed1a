"""Throughput and memory of ``marsad.analyse`` with the configured pipeline, on one core."""

from __future__ import annotations

from common import fixture_articles, median_seconds, peak_memory_mb

NAME = "pipeline"


def run() -> dict[str, object]:
    import marsad
    from marsad.pipeline import default_pipeline

    articles = fixture_articles()
    pipeline = default_pipeline()
    docs = [marsad.analyse(a.text, published=a.published) for a in articles]  # warm caches and models
    tokens = sum(len(d.tokens) for d in docs)
    chars = sum(len(a.text) for a in articles)

    def all_articles() -> None:
        for a in articles:
            marsad.analyse(a.text, published=a.published)

    seconds = median_seconds(all_articles, repeat=5)
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
    return {
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
