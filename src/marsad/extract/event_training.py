"""Training the event models on annotated articles, and choosing their settings honestly.

The examples come from the project's gold articles (``tests/fixtures/dev``) analysed by the
pipeline up to the quotes (so the models learn on the entities, dates and quotes they will see
at run time, not on gold ones):

- **trigger examples**: every lexicon candidate, labelled with the type of the gold event whose
  trigger it overlaps, or ``NONE``; the decisions of earlier candidates seen by the features are
  the gold ones (teacher forcing). A gold event the lexicon proposes under another type only is
  left out (the model cannot give it).
- **participant groups**: for every gold event the lexicon proposes, its candidate actors
  (recipients) with the ones the gold names marked right, as the evaluation judges them
  (:class:`marsad.eval.score._EntityMap`: the same entity, or the same name). An event whose
  actor no candidate gives is left out of the actor ranker.

Settings are chosen by cross-validation over articles (:func:`cross_validate`: each fold's
articles are coded by models trained on the others, and scored by ``marsad eval``'s scorer),
never on the held-out test split.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from marsad.document import EVENT_TYPES, Document
from marsad.errors import InputError
from marsad.eval.gold import GoldArticle, load_gold
from marsad.eval.score import Scores, _EntityMap, _raw, score_document
from marsad.extract.event_model import (
    NONE,
    EventModels,
    History,
    participant_features,
    participants,
    trigger_features,
)
from marsad.extract.events import Candidate, _Coder, find_events
from marsad.extract.linear import LinearModel, train_ranker
from marsad.pipeline import Pipeline, analyse

LABELS = (NONE, *EVENT_TYPES)
# The components whose output the event models read (everything before "events").
UPSTREAM = ("clean", "sentences", "tokens", "entities", "dates", "quantities", "quotes")


@dataclass(frozen=True)
class Params:
    """Training settings (defaults are the ones chosen by cross-validation on dev)."""

    l2: float = 1e-3
    iterations: int = 300
    rate: float = 0.05
    min_count: int = 1
    threshold: float = 0.5
    ranker_l2: float = 1e-3
    ranker_iterations: int = 300
    # the lexicon conditions of a reading are few and each means something: they may weigh more
    flag_l2_scale: float = 0.1


@dataclass
class Example:
    """One analysed gold article."""

    article: GoldArticle
    doc: Document


@dataclass
class Examples:
    """Training rows drawn from articles."""

    trigger_groups: list[list[list[str]]] = field(default_factory=list)
    trigger_positive: list[list[bool]] = field(default_factory=list)
    trigger_labels: list[str] = field(default_factory=list)
    actor_groups: list[list[list[str]]] = field(default_factory=list)
    actor_positive: list[list[bool]] = field(default_factory=list)
    target_groups: list[list[list[str]]] = field(default_factory=list)
    target_positive: list[list[bool]] = field(default_factory=list)
    gold_events: int = 0
    proposed_events: int = 0


def gold_articles(folder: str | Path) -> list[GoldArticle]:
    """The training articles under ``folder``; held-out (test) articles are refused."""
    articles = load_gold(folder)
    held_out = [a.id for a in articles if a.split == "test"]
    if held_out:
        raise InputError(
            f"holds held-out test articles ({', '.join(held_out[:5])}…); the event models are "
            "trained on dev articles only: pass --gold tests/fixtures/dev",
            source=str(folder),
        )
    return articles


def analyse_articles(
    articles: Sequence[GoldArticle], pipeline: Pipeline | None = None
) -> list[Example]:
    """Each article analysed up to the quotes, with its gold publication day."""
    pipeline = pipeline or Pipeline(UPSTREAM)
    return [
        Example(
            a,
            analyse(
                a.raw, published=a.published, title=a.gold.get("title"), id=a.id, pipeline=pipeline
            ),
        )
        for a in articles
    ]


def _labels(
    example: Example, candidates: Sequence[Candidate]
) -> list[tuple[str | None, dict[str, Any] | None]]:
    """Each candidate's gold label (a type, ``NONE``, or None when it cannot be learnt) and
    its gold event."""
    doc, gold = example.doc, example.article.gold
    events = gold.get("events", [])
    spans = [(e["trigger"]["start"], e["trigger"]["end"]) for e in events]
    used: set[int] = set()
    labels: list[tuple[str | None, dict[str, Any] | None]] = []
    for candidate in candidates:
        token = doc.tokens[candidate.index]
        start, end = _raw(doc, token.start, token.end)
        match = next(
            (j for j, (a, b) in enumerate(spans) if j not in used and a < end and start < b), None
        )
        if match is None:
            labels.append((NONE, None))
            continue
        used.add(match)
        event = events[match]
        if event["type"] in candidate.types:
            labels.append((event["type"], event))
        else:
            labels.append((None, event))
    return labels


def gold_matches(entity_map: _EntityMap, doc: Document, candidates: Sequence[Any], gold: dict[str, Any], role: str) -> list[bool]:
    """For each candidate participant (``.who``), whether it is the gold one of ``role``
    ("actor", "target", "speaker"): the rows a ranker learns which candidate is right from."""
    return [
        entity_map.same(
            doc, c.who.id if c.who else None, c.who.text if c.who else None, gold.get(role), gold.get(f"{role}_text")
        )
        for c in candidates
    ]


def article_examples(example: Example, into: Examples) -> None:
    """Add the trigger rows and participant groups of one article to ``into``."""
    doc, gold = example.doc, example.article.gold
    into.gold_events += len(gold.get("events", []))
    if not doc.tokens or not doc.sentences:
        return
    coder = _Coder(doc)
    candidates = coder.candidates()
    labels = _labels(example, candidates)
    history = History()
    for k, (candidate, (label, _event)) in enumerate(zip(candidates, labels)):
        answers = trigger_features(coder, candidates, k, history)
        if label is not None:
            into.trigger_groups.append(answers)
            into.trigger_positive.append([a == label for a in (NONE, *candidate.types)])
            into.trigger_labels.append(label)
        if label not in (None, NONE):
            reading = candidate.reading(label)
            history.add(
                candidate.index,
                label,
                coder.view.sentence_of_token(candidate.index),
                reading.form.agreement != "noun",
            )
    entity_map = _EntityMap(doc, gold)
    for candidate, (label, event) in zip(candidates, labels):
        if label in (None, NONE) or event is None:
            continue
        into.proposed_events += 1
        found = candidate.reading(label)
        actors = participants(coder, found, "actor")
        right = gold_matches(entity_map, doc, actors, event, "actor")
        actor = next((c.who for c, ok in zip(actors, right) if ok), None)
        if any(right):
            into.actor_groups.append(
                [participant_features(coder, found, c, "actor") for c in actors]
            )
            into.actor_positive.append(right)
        coder.remember(found, actor)
        targets = participants(coder, found, "target")
        right = gold_matches(entity_map, doc, targets, event, "target")
        if any(right):
            into.target_groups.append(
                [participant_features(coder, found, c, "target", actor) for c in targets]
            )
            into.target_positive.append(right)


def build_examples(examples: Sequence[Example]) -> Examples:
    rows = Examples()
    for example in examples:
        article_examples(example, rows)
    return rows


def train_models(rows: Examples, params: Params) -> EventModels:
    """The three models from ``rows`` with ``params``."""
    trigger = train_ranker(
        rows.trigger_groups,
        rows.trigger_positive,
        l2=params.l2,
        iterations=params.iterations,
        rate=params.rate,
        min_count=params.min_count,
        l2_scale={"r:": params.flag_l2_scale},
    )
    trigger.header["threshold"] = params.threshold
    actor = train_ranker(
        rows.actor_groups,
        rows.actor_positive,
        l2=params.ranker_l2,
        iterations=params.ranker_iterations,
        rate=params.rate,
        min_count=params.min_count,
    )
    target = train_ranker(
        rows.target_groups,
        rows.target_positive,
        l2=params.ranker_l2,
        iterations=params.ranker_iterations,
        rate=params.rate,
        min_count=params.min_count,
    )
    return EventModels(trigger, actor, target, params.threshold)


def folds(examples: Sequence[Example], k: int, seed: int) -> list[list[int]]:
    """``k`` groups of article indices, shuffled with ``seed`` (leave-articles-out)."""
    order = list(range(len(examples)))
    random.Random(seed).shuffle(order)
    return [sorted(order[f::k]) for f in range(k)]


@dataclass
class CrossValidation:
    """Scores of models trained without the articles they code, summed over the folds."""

    scores: Scores
    folds: int
    seed: int
    target_correct: int = 0
    target_compared: int = 0

    def figures(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in ("events.type", "events.type+actor"):
            out[name] = self.scores[name].detection()
        out["folds"] = self.folds
        out["seed"] = self.seed
        return out


def score_events(example: Example, models: EventModels) -> Scores:
    """The evaluation's event scores of one article coded by ``models``."""
    doc = example.doc.replace(events=tuple(find_events(example.doc, models)))
    return score_document(doc, example.article.gold, example.article.raw).only(("events.type", "events.type+actor"))


def cross_validate(
    examples: Sequence[Example],
    params: Params,
    *,
    k: int = 5,
    seed: int = 0,
    rows: Sequence[Examples] | None = None,
    log: Callable[[str], None] | None = None,
) -> CrossValidation:
    """Leave-articles-out cross-validation of ``params`` (``rows``: per-article examples,
    when already built)."""
    per_article = list(rows) if rows is not None else [build_examples([e]) for e in examples]
    total = Scores()
    for number, held in enumerate(folds(examples, k, seed)):
        train_rows = merge([r for j, r in enumerate(per_article) if j not in held])
        models = train_models(train_rows, params)
        fold = Scores()
        for j in held:
            fold.add(score_events(examples[j], models))
        total.add(fold)
        if log:
            log(
                f"fold {number + 1}/{k}: type F1 {fold['events.type'].f1:.3f}, type+actor F1 {fold['events.type+actor'].f1:.3f}"
            )
    return CrossValidation(total, k, seed)


def merge(parts: Sequence[Examples]) -> Examples:
    rows = Examples()
    for part in parts:
        extend_rows(rows, part)
    return rows


def extend_rows(rows: Any, other: Any) -> None:
    """Add the rows (lists) and counts (ints) of ``other`` to ``rows``, field by field: one
    dataclass of training rows made of several articles'."""
    for name in (f.name for f in fields(rows)):
        setattr(rows, name, getattr(rows, name) + getattr(other, name))


def save_models(models: EventModels, folder: Path, record: dict[str, Any]) -> dict[str, Path]:
    """Write the three models and the training record into ``folder``."""
    import json

    paths = {
        "trigger": folder / "events-trigger.npz",
        "actor": folder / "events-actor.npz",
        "target": folder / "events-target.npz",
    }
    for name, model in (
        ("trigger", models.trigger),
        ("actor", models.actor),
        ("target", models.target),
    ):
        model.header.update({"trained": record.get("trained"), "command": record.get("command")})
        model.save(paths[name])
    record_path = folder / "events.json"
    record_path.write_text(
        json.dumps(record, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    paths["record"] = record_path
    return paths


def train_events(
    gold: str | Path,
    output: Path,
    params: Params,
    *,
    k: int = 5,
    seed: int = 0,
    command: str = "",
    log: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Analyse the gold articles, cross-validate ``params``, train on all and save.

    Returns the training record (data, settings, cross-validation scores, sizes)."""
    started = time.perf_counter()
    articles = gold_articles(gold)
    log(f"analysing {len(articles)} articles up to the quotes …")
    examples = analyse_articles(articles)
    per_article = [build_examples([e]) for e in examples]
    cv = (
        cross_validate(
            examples, params, k=min(k, len(examples)), seed=seed, rows=per_article, log=log
        )
        if len(examples) >= 2
        else None
    )
    rows = merge(per_article)
    models = train_models(rows, params)
    import datetime as dt

    record: dict[str, Any] = {
        "trained": dt.date.today().isoformat(),
        "command": command,
        "seed": seed,
        "data": {
            "folder": str(gold),
            "articles": len(articles),
            "gold_events": rows.gold_events,
            "events_proposed_by_the_lexicon": rows.proposed_events,
            "trigger_candidates": len(rows.trigger_labels),
            "actor_groups": len(rows.actor_groups),
            "target_groups": len(rows.target_groups),
        },
        "params": asdict(params),
        "features": {
            "trigger": len(models.trigger.features),
            "actor": len(models.actor.features),
            "target": len(models.target.features),
        },
        "cross_validation": cv.figures() if cv else None,
    }
    paths = save_models(models, output, record)
    record["seconds"] = round(time.perf_counter() - started, 1)
    record["files"] = {name: str(path) for name, path in paths.items()}
    return record


__all__ = [
    "Example",
    "Examples",
    "LinearModel",
    "Params",
    "analyse_articles",
    "build_examples",
    "cross_validate",
    "gold_articles",
    "train_events",
    "train_models",
]
