"""Training the event models on a tiny gold set written here (never the shared corpora, never the test split)."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.errors import InputError
from marsad.extract.event_training import (
    Params,
    analyse_articles,
    build_examples,
    cross_validate,
    gold_articles,
    train_events,
    train_models,
)
from marsad.extract.linear import LinearModel
from tests.extract.docs_by_hand import write_gold_article

ARTICLES = [
    (
        "a1",
        "اتفقت بغداد وواشنطن على جدول زمني للانسحاب. وعقدت الحكومة العراقية مباحثات مع الوفد الأميركي.",
        [
            ("e1", "LOC", "بغداد", ["بغداد"]),
            ("e2", "LOC", "واشنطن", ["واشنطن"]),
            ("e3", "ORG", "الحكومة العراقية", ["الحكومة العراقية"]),
        ],
        [("اتفقت", "AGREE", "e1"), ("مباحثات", "CONSULT", "e3")],
    ),
    (
        "a2",
        "ودعت وزارة الخارجية الأطراف إلى ضبط النفس. وشنت الطائرات غارات على مواقع التنظيم.",
        [("e1", "ORG", "وزارة الخارجية", ["وزارة الخارجية"])],
        [("ودعت", "REQUEST", "e1"), ("غارات", "ASSAULT", None)],
    ),
    (
        "a3",
        "عقدت اللجنة اجتماعا لمناقشة الانسحاب من المنطقة. وطالبت وزارة الصحة بتوفير الأدوية.",
        [("e1", "ORG", "وزارة الصحة", ["وزارة الصحة"])],
        [("وطالبت", "REQUEST", "e1")],
    ),
]


@pytest.fixture
def gold(tmp_path: Path) -> Path:
    folder = tmp_path / "dev"
    for article_id, text, entities, events in ARTICLES:
        write_gold_article(folder, article_id, text, entities, events)
    return folder


def test_event_training_examples_label_lexicon_candidates(gold: Path) -> None:
    rows = build_examples(analyse_articles(gold_articles(gold)))
    assert rows.gold_events == 5
    assert rows.proposed_events == 5  # every gold trigger is a lexicon candidate
    assert rows.trigger_labels.count("NONE") >= 2  # "الانسحاب" (a topic), "للانسحاب" …
    assert len(rows.trigger_groups) == len(rows.trigger_positive) == len(rows.trigger_labels)
    assert all(sum(p) == 1 for p in rows.trigger_positive)
    assert rows.actor_groups and all(any(p) for p in rows.actor_positive)


def test_event_training_trains_and_cross_validates(gold: Path) -> None:
    examples = analyse_articles(gold_articles(gold))
    params = Params(iterations=40, ranker_iterations=40)
    models = train_models(build_examples(examples), params)
    assert isinstance(models.trigger, LinearModel) and models.threshold == params.threshold
    result = cross_validate(examples, params, k=3, seed=0)
    tally = result.scores["events.type"]
    assert tally.tp + tally.fn == 5  # every gold event was coded by a model that never saw it
    assert set(result.figures()) >= {"events.type", "events.type+actor", "folds", "seed"}


def test_event_training_writes_models_and_record(gold: Path, tmp_path: Path) -> None:
    output = tmp_path / "models"
    record = train_events(
        gold,
        output,
        Params(iterations=30, ranker_iterations=30),
        k=3,
        seed=0,
        command="test",
        log=lambda _: None,
    )
    for name in ("events-trigger.npz", "events-actor.npz", "events-target.npz", "events.json"):
        assert (output / name).is_file()
    assert record["data"]["articles"] == 3 and record["cross_validation"]["folds"] == 3
    assert LinearModel.load(output / "events-trigger.npz").header["threshold"] == Params().threshold


def test_event_training_refuses_held_out_articles(tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    article_id, text, entities, events = ARTICLES[0]
    write_gold_article(folder, article_id, text, entities, events, split="test")
    with pytest.raises(InputError, match="held-out test articles"):
        gold_articles(folder)
