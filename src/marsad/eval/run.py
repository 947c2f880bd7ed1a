"""Running the pipeline over gold articles and reporting scores per split and component."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from marsad.eval.gold import GoldArticle, load_gold
from marsad.eval.score import Scores, score_document
from marsad.pipeline import Pipeline, analyse, default_pipeline

# The rows of the report: (label, metric, which figures). "prf" prints P/R/F1, "acc" accuracy.
ROWS: tuple[tuple[str, str, str], ...] = (
    ("sentences", "sentences", "prf"),
    ("boilerplate removed (chars)", "boilerplate", "prf"),
    ("entities PERSON", "entities.PERSON", "prf"),
    ("entities ORG", "entities.ORG", "prf"),
    ("entities LOC", "entities.LOC", "prf"),
    ("entities all", "entities.all", "prf"),
    ("person titles", "entities.titles", "acc"),
    ("dates detected (exact)", "dates", "prf"),
    ("dates detected (overlap)", "dates.overlap", "prf"),
    ("date values", "dates.value", "acc"),
    ("quantities detected (exact)", "quantities", "prf"),
    ("quantities detected (overlap)", "quantities.overlap", "prf"),
    ("quantity values", "quantities.value", "acc"),
    ("quotes found", "quotes", "prf"),
    ("direct quotes found", "quotes.direct", "prf"),
    ("quote speakers", "quotes.speaker", "acc"),
    ("events type", "events.type", "prf"),
    ("events type+actor", "events.type+actor", "prf"),
    ("commitments", "commitments", "prf"),
)


def gold_counts(articles: list[GoldArticle]) -> dict[str, dict[str, int]]:
    """How many gold annotations of each kind each split holds (for reports and notes)."""
    counts: dict[str, dict[str, int]] = {}
    for article in articles:
        for split in (article.split, "all"):
            tally = counts.setdefault(split, {})

            def bump(key: str, by: int = 1) -> None:
                tally[key] = tally.get(key, 0) + by

            gold = article.gold
            bump("articles")
            bump("sentences", len(gold.get("sentences", [])))
            bump("boilerplate blocks", len(gold.get("boilerplate", [])))
            for entity in gold.get("entities", []):
                bump(f"entities {entity['type']}")
                bump(f"mentions {entity['type']}", len(entity.get("mentions", [])))
                if entity["type"] == "PERSON" and entity.get("title"):
                    bump("persons with title")
            for date in gold.get("dates", []):
                bump(f"dates {date.get('kind', 'date')}")
            bump("quantities", len(gold.get("quantities", [])))
            for quote in gold.get("quotes", []):
                bump("quotes direct" if quote.get("direct", True) else "quotes indirect")
            for event in gold.get("events", []):
                bump(f"events {event['type']}")
            bump("commitments", len(gold.get("commitments", [])))
    return {split: dict(sorted(tally.items())) for split, tally in counts.items()}


@dataclass
class Evaluation:
    scores: dict[str, Scores]
    counts: dict[str, int]
    published_from_gold: bool
    gold: dict[str, dict[str, int]]

    def as_dict(self) -> dict[str, Any]:
        return {
            "generated": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "published_from_gold": self.published_from_gold,
            "articles": self.counts,
            "gold_counts": self.gold,
            "splits": {
                split: {metric: tally.as_dict() for metric, tally in sorted(scores.tallies.items())}
                for split, scores in self.scores.items()
            },
        }


def analyse_gold(article: GoldArticle, *, published_from_gold: bool, pipeline: Pipeline | None = None) -> Any:
    return analyse(
        article.raw,
        published=article.published if published_from_gold else None,
        title=article.gold.get("title"),
        id=article.id,
        pipeline=pipeline,
    )


def evaluate(gold_dir: str | Path, *, published_from_gold: bool = True, splits: tuple[str, ...] | None = None, pipeline: Pipeline | None = None) -> Evaluation:
    """Score the pipeline on every gold article under ``gold_dir``."""
    articles = load_gold(gold_dir, splits)
    pipeline = pipeline or default_pipeline()
    by_split: dict[str, Scores] = {}
    counts: dict[str, int] = {}
    total = Scores()
    for article in articles:
        doc = analyse_gold(article, published_from_gold=published_from_gold, pipeline=pipeline)
        scores = score_document(doc, article.gold, article.raw)
        by_split.setdefault(article.split, Scores()).add(scores)
        total.add(scores)
        counts[article.split] = counts.get(article.split, 0) + 1
    by_split["all"] = total
    counts["all"] = len(articles)
    return Evaluation(scores=by_split, counts=counts, published_from_gold=published_from_gold, gold=gold_counts(articles))
