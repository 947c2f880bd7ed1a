"""Sparse linear models trained in numpy: what they learn, that they are deterministic, files."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from marsad.errors import DataFileError
from marsad.extract.linear import LinearModel, train_classifier, train_ranker, vocabulary

# Trigger-like examples: a verbal noun after a topic marker is no event, after a support verb it is.
EXAMPLES = [
    ["lemma=انسحب", "after=لمناقشة"],
    ["lemma=انسحب", "after=بدأت"],
    ["lemma=اجتمع", "after=لمناقشة"],
    ["lemma=اجتمع", "after=عقدت"],
] * 5
LABELS = ["NONE", "RETREAT", "NONE", "CONSULT"] * 5


def test_linear_classifier_learns_the_deciding_feature() -> None:
    model = train_classifier(
        EXAMPLES, LABELS, labels=("NONE", "RETREAT", "CONSULT"), iterations=150
    )
    assert model.classify(["lemma=انسحب", "after=بدأت"])[0] == "RETREAT"
    assert model.classify(["lemma=انسحب", "after=لمناقشة"])[0] == "NONE"
    assert model.classify(["lemma=اجتمع", "after=عقدت"], ("NONE", "CONSULT"))[0] == "CONSULT"


def test_linear_classifier_respects_allowed_labels() -> None:
    model = train_classifier(EXAMPLES, LABELS, labels=("NONE", "RETREAT", "CONSULT"), iterations=50)
    probs = model.probabilities(["lemma=انسحب", "after=بدأت"], ("NONE", "CONSULT"))
    assert set(probs) == {"NONE", "CONSULT"}
    assert sum(probs.values()) == pytest.approx(1.0)


def test_linear_ranker_prefers_the_positive_candidate() -> None:
    # the subject after a verb is the actor, a name after إلى is not
    groups = [[["src=subject_after"], ["prep=الي"], ["none"]]] * 6 + [[["prep=الي"], ["none"]]] * 4
    positives = [[True, False, False]] * 6 + [[False, True]] * 4
    model = train_ranker(groups, positives, iterations=150)
    best, probability = model.best([["src=subject_after"], ["prep=الي"], ["none"]])
    assert best == 0 and 0.5 < probability < 1.0
    assert model.best([["prep=الي"], ["none"]])[0] == 1


def test_linear_ranker_best_from_an_index_keeps_the_whole_softmax() -> None:
    groups = [[["a"], ["b"], ["c"]]] * 6 + [[["b"], ["c"]]] * 3
    positives = [[True, False, False]] * 6 + [[True, False]] * 3
    model = train_ranker(groups, positives, iterations=150)
    winner, p_winner = model.best([["a"], ["b"], ["c"]])
    second, p_second = model.best([["a"], ["b"], ["c"]], first=1)
    assert (winner, second) == (0, 1)
    assert p_second < p_winner and p_winner + p_second < 1.0  # "a" keeps its share of the mass
    with pytest.raises(ValueError, match="no candidate from index 3"):
        model.best([["a"], ["b"], ["c"]], first=3)


def test_linear_training_is_deterministic() -> None:
    first = train_classifier(EXAMPLES, LABELS, labels=("NONE", "RETREAT", "CONSULT"), iterations=30)
    second = train_classifier(
        EXAMPLES, LABELS, labels=("NONE", "RETREAT", "CONSULT"), iterations=30
    )
    assert first.features == second.features
    assert np.array_equal(first.weights, second.weights)


def test_linear_model_file_round_trip(tmp_path: Path) -> None:
    model = train_classifier(EXAMPLES, LABELS, labels=("NONE", "RETREAT", "CONSULT"), iterations=30)
    model.header["threshold"] = 0.6
    path = tmp_path / "model.npz"
    model.save(path)
    loaded = LinearModel.load(path)
    assert loaded.labels == model.labels and loaded.header["threshold"] == 0.6
    features = ["lemma=انسحب", "after=بدأت", "unknown"]
    assert np.allclose(loaded.scores(features), model.scores(features))


def test_linear_model_bad_file_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.npz"
    path.write_bytes(b"not a model")
    with pytest.raises(DataFileError, match="broken.npz"):
        LinearModel.load(path)


def test_linear_vocabulary_drops_rare_features_but_keeps_the_bias() -> None:
    index = vocabulary([["a", "b"], ["a"]], min_count=2)
    assert "a" in index and "b" not in index and "bias" in index
