"""Training the quote models (:mod:`marsad.extract.quote_model`) on annotated articles.

Every quotation in marks of the training articles is an example for the region model: speech
when a gold direct quote covers it (at least half of the longer of the two), else not. Every
one that is a gold quote, with its candidate speakers, is a group for the speaker ranker (the
right candidates as the evaluation judges speakers: the same entity or the same name). The
rules run first, as at run time, so the features see the same state (speakers already found).
Settings are chosen by leave-articles-out cross-validation on dev.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from marsad.eval.score import Scores, _EntityMap, _raw, score_document
from marsad.extract.event_training import (
    Example,
    analyse_articles,
    extend_rows,
    folds,
    gold_articles,
    gold_matches,
)
from marsad.extract.linear import train_classifier, train_ranker
from marsad.extract.quote_model import (
    QuoteModels,
    region_features,
    rule_quote,
    speaker_candidates,
    speaker_features,
)
from marsad.extract.quotes import _Finder, find_quotes
from marsad.pipeline import Pipeline

# The components whose output the quote models read (everything before "quotes").
UPSTREAM = ("clean", "sentences", "tokens", "entities", "dates", "quantities")
METRICS = ("quotes", "quotes.direct", "quotes.speaker")


@dataclass(frozen=True)
class QuoteParams:
    """Training settings (defaults chosen by cross-validation on dev)."""

    l2: float = 1e-2
    iterations: int = 300
    rate: float = 0.05
    threshold: float = 0.5


@dataclass
class QuoteRows:
    regions: list[list[str]] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    speaker_groups: list[list[list[str]]] = field(default_factory=list)
    speaker_positive: list[list[bool]] = field(default_factory=list)

    def extend(self, other: QuoteRows) -> None:
        extend_rows(self, other)


def article_rows(example: Example) -> QuoteRows:
    """The region rows and speaker groups of one analysed article."""
    rows = QuoteRows()
    doc, gold = example.doc.replace(quotes=()), example.article.gold
    if not doc.tokens:
        return rows
    finder = _Finder(doc)
    finder.run()
    gold_quotes = [q for q in gold.get("quotes", []) if q.get("direct", True)]
    entity_map = _EntityMap(doc, gold)
    for region in finder.regions:
        if not region.speech:
            continue
        start, end = _raw(doc, region.inner_start, region.inner_end)
        match = None
        for quote in gold_quotes:
            shared = min(end, quote["end"]) - max(start, quote["start"])
            if shared > 0 and shared >= 0.5 * max(end - start, quote["end"] - quote["start"]):
                match = quote
                break
        rows.regions.append(region_features(finder, region))
        rows.labels.append("quote" if match else "no")
        if match is None:
            continue
        candidates = speaker_candidates(finder, region, rule_quote(finder, region))
        right = gold_matches(entity_map, doc, candidates, match, "speaker")
        if any(right):
            rows.speaker_groups.append([speaker_features(finder, region, c) for c in candidates])
            rows.speaker_positive.append(right)
    return rows


def train_quote_models(rows: QuoteRows, params: QuoteParams) -> QuoteModels:
    region = train_classifier(
        rows.regions,
        rows.labels,
        labels=("no", "quote"),
        l2=params.l2,
        iterations=params.iterations,
        rate=params.rate,
    )
    region.header["threshold"] = params.threshold
    speaker = train_ranker(
        rows.speaker_groups,
        rows.speaker_positive,
        l2=params.l2,
        iterations=params.iterations,
        rate=params.rate,
    )
    return QuoteModels(region, speaker, params.threshold)


def score_quotes(example: Example, models: QuoteModels | None, *, learnt: bool = True) -> Scores:
    """The evaluation's quote scores of one article (``learnt=False``: the cue rules alone)."""
    doc = example.doc.replace(quotes=())
    doc = doc.replace(quotes=tuple(find_quotes(doc, models, learnt=learnt)))
    return score_document(doc, example.article.gold, example.article.raw).only(METRICS)


def figures(scores: Scores) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in ("quotes", "quotes.direct"):
        out[name] = scores[name].detection()
    speaker = scores["quotes.speaker"]
    out["quotes.speaker"] = {
        "accuracy": round(speaker.accuracy, 4),
        "correct": speaker.correct,
        "compared": speaker.compared,
    }
    return out


def cross_validate_quotes(
    examples: Sequence[Example],
    params: QuoteParams,
    *,
    k: int = 5,
    seed: int = 0,
    rows: Sequence[QuoteRows] | None = None,
    log: Callable[[str], None] | None = None,
) -> tuple[Scores, Scores]:
    """Leave-articles-out scores of the rules with the learnt step, and of the rules alone."""
    per_article = list(rows) if rows is not None else [article_rows(e) for e in examples]
    learnt, rules = Scores(), Scores()
    for number, held in enumerate(folds(examples, k, seed)):
        train = QuoteRows()
        for j, part in enumerate(per_article):
            if j not in held:
                train.extend(part)
        models = train_quote_models(train, params)
        fold = Scores()
        for j in held:
            fold.add(score_quotes(examples[j], models))
            rules.add(score_quotes(examples[j], None, learnt=False))
        learnt.add(fold)
        if log:
            log(
                f"fold {number + 1}/{k}: direct-quote recall {fold['quotes.direct'].recall:.3f}, speakers {fold['quotes.speaker'].accuracy:.3f}"
            )
    return learnt, rules


def train_quotes(
    gold: str | Path,
    output: Path,
    params: QuoteParams,
    *,
    k: int = 5,
    seed: int = 0,
    command: str = "",
    log: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Analyse the gold articles, cross-validate, train on all and save the quote models."""
    started = time.perf_counter()
    articles = gold_articles(gold)
    log(f"analysing {len(articles)} articles up to the quantities …")
    examples = analyse_articles(articles, Pipeline(UPSTREAM))
    per_article = [article_rows(e) for e in examples]
    cv = None
    if len(examples) >= 2:
        learnt, rules = cross_validate_quotes(
            examples, params, k=min(k, len(examples)), seed=seed, rows=per_article, log=log
        )
        cv = {
            "with_learnt_regions": figures(learnt),
            "cue_rules_alone": figures(rules),
            "folds": min(k, len(examples)),
            "seed": seed,
        }
    rows = QuoteRows()
    for part in per_article:
        rows.extend(part)
    models = train_quote_models(rows, params)
    record: dict[str, Any] = {
        "trained": dt.date.today().isoformat(),
        "command": command,
        "seed": seed,
        "data": {
            "folder": str(gold),
            "articles": len(articles),
            "regions": len(rows.labels),
            "speech_regions": rows.labels.count("quote"),
            "speaker_groups": len(rows.speaker_groups),
        },
        "params": asdict(params),
        "features": {
            "region": len(models.region.features),
            "speaker": len(models.speaker.features),
        },
        "cross_validation": cv,
    }
    output.mkdir(parents=True, exist_ok=True)
    for name, model in (("region", models.region), ("speaker", models.speaker)):
        model.header.update({"trained": record["trained"], "command": command})
        model.save(output / f"quotes-{name}.npz")
    (output / "quotes.json").write_text(
        json.dumps(record, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    record["seconds"] = round(time.perf_counter() - started, 1)
    return record
