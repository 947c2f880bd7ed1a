"""`marsad train events` and `marsad train quotes` on a tiny gold set written in a temp dir."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from marsad.cli import app
from marsad.extract.linear import LinearModel
from tests.extract.docs_by_hand import write_gold_article
from tests.extract.test_event_training import ARTICLES

runner = CliRunner()


@pytest.fixture
def gold(tmp_path: Path) -> Path:
    folder = tmp_path / "dev"
    for article_id, text, entities, events in ARTICLES:
        write_gold_article(folder, article_id, text, entities, events)
    return folder


def test_train_events_writes_models_and_prints_cross_validation(gold: Path, tmp_path: Path) -> None:
    output = tmp_path / "models"
    result = runner.invoke(
        app, ["train", "events", "--gold", str(gold), "--output", str(output), "--folds", "3"]
    )
    assert result.exit_code == 0, result.output
    assert "cross-validation, 3 folds over 3 articles" in result.output
    assert "events.type+actor" in result.output
    record = json.loads((output / "events.json").read_text(encoding="utf-8"))
    assert (
        record["command"]
        == f"marsad train events --gold {gold} --output {output} --folds 3 --seed 0"
    )
    assert record["data"]["gold_events"] == 5
    assert (output / "events-trigger.npz").is_file()


def test_train_events_is_deterministic(gold: Path, tmp_path: Path) -> None:
    outputs = [tmp_path / f"m{i}" for i in range(2)]
    for output in outputs:
        result = runner.invoke(
            app, ["train", "events", "--gold", str(gold), "--output", str(output), "--folds", "2"]
        )
        assert result.exit_code == 0, result.output
    for name in ("events-trigger.npz", "events-actor.npz", "events-target.npz"):
        first, second = (LinearModel.load(output / name) for output in outputs)
        assert first.features == second.features  # the headers differ only by the command
        assert np.array_equal(first.weights, second.weights)


def test_train_events_refuses_test_articles(tmp_path: Path) -> None:
    folder = tmp_path / "test"
    article_id, text, entities, events = ARTICLES[0]
    write_gold_article(folder, article_id, text, entities, events, split="test")
    result = runner.invoke(
        app, ["train", "events", "--gold", str(folder), "--output", str(tmp_path / "m")]
    )
    assert result.exit_code != 0
    assert "held-out test articles" in result.output


def test_train_quotes_writes_models(tmp_path: Path) -> None:
    folder = tmp_path / "dev"
    texts = [
        "وقال وزير الخارجية أيمن الصفدي إن «الأردن يدعم كل جهد لوقف الحرب». وأضاف: «سنواصل إرسال المساعدات».",
        "ووصف المتحدث باسم الوزارة القرار بأنه «خطوة في الاتجاه الصحيح نحو الحل». وتابع أن «المفاوضات مستمرة».",
    ]
    for number, text in enumerate(texts):
        path = write_gold_article(folder, f"q{number}", text)
        gold = json.loads(path.read_text(encoding="utf-8"))
        gold["quotes"] = [
            {
                "start": text.index(inner),
                "end": text.index(inner) + len(inner),
                "text": inner,
                "speaker": None,
                "speaker_text": None,
                "cue": None,
                "direct": True,
            }
            for inner in (text.split("«")[1].split("»")[0], text.split("«")[2].split("»")[0])
        ]
        path.write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    output = tmp_path / "models"
    result = runner.invoke(
        app, ["train", "quotes", "--gold", str(folder), "--output", str(output), "--folds", "2"]
    )
    assert result.exit_code == 0, result.output
    assert "cue rules alone" in result.output and "with the models" in result.output
    for name in ("quotes-region.npz", "quotes-speaker.npz", "quotes.json"):
        assert (output / name).is_file()
