"""marsad's numpy decoding of the CRF gives crfsuite's labels and marginals.

A small model is trained here with python-crfsuite on sentences written for the test (the
shipped model's corpus is not available to tests), exported, and both decoders are compared.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pycrfsuite
import pytest

from marsad.errors import DataFileError
from marsad.extract.entities.corpus import Sentence
from marsad.extract.entities.crf import (
    Weights,
    _viterbi_batch_numpy,
    marginals,
    marginals_batch,
    viterbi,
    viterbi_batch,
)
from marsad.extract.entities.features import MEMORY_TAGS
from marsad.extract.entities.tagger import Tagger
from marsad.extract.entities.training import Source, train

SENTENCES = [
    ("قال الرئيس عبد الفتاح السيسي إن مصر تدعم السودان .", "O O B-PERS I-PERS I-PERS O B-LOC O B-LOC O"),
    ("وصل وزير الخارجية أيمن الصفدي إلى بغداد أمس .", "O O O B-PERS I-PERS O B-LOC O O"),
    ("أعلنت الأمم المتحدة أن المساعدات وصلت إلى اليمن .", "O B-ORG I-ORG O O O O B-LOC O"),
    ("التقى نجيب ميقاتي في بيروت وفدا من البنك الدولي .", "O B-PERS I-PERS O B-LOC O O B-ORG I-ORG O"),
    ("وأكد حزب الله أن لبنان لن ينجر إلى الحرب .", "O B-ORG I-ORG O B-LOC O O O O O"),
    ("وزار الكاظمي طهران ثم الرياض في جولة إقليمية .", "O B-PERS B-LOC O B-LOC O O O O"),
]


def _sentences() -> list[Sentence]:
    return [Sentence(tuple(words.split()), tuple(tags.split())) for words, tags in SENTENCES]


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("crf") / "tiny.crfsuite"
    train([Source("written for the test", _sentences() * 3)], path, params={"max_iterations": 30}, log=lambda _: None)
    return path


def test_crf_export_is_written_next_to_the_model(model: Path) -> None:
    assert model.with_suffix(".npz").is_file()
    weights = Weights.load(model.with_suffix(".npz"))
    assert set(weights.labels) >= {"O", "B-PERS", "B-LOC", "B-ORG"}
    assert weights.state.shape == (len(weights.attributes), len(weights.labels))


@pytest.mark.parametrize(("word", "tag", "count"), [("ميقاتي", "I-PERS", 3), ("بغداد", "B-LOC", 3), ("الدولي", "I-ORG", 3), ("وصل", "O", 3)])
def test_crf_export_carries_the_name_memory_of_all_the_data(model: Path, word: str, tag: str, count: int) -> None:
    memory = Weights.load(model.with_suffix(".npz")).memory
    assert memory[word][MEMORY_TAGS.index(tag)] == count
    assert Tagger(model).features.memory == memory


def test_crf_model_without_its_export_is_a_data_file_error(model: Path, tmp_path: Path) -> None:
    lonely = tmp_path / "lonely.crfsuite"
    lonely.write_bytes(model.read_bytes())
    with pytest.raises(DataFileError, match="no up-to-date export"):
        Tagger(lonely)


@pytest.mark.parametrize(
    "words",
    [
        "قال الرئيس السوري بشار الأسد إن دمشق ترحب بالمبادرة .",
        "وصل وفد من البنك الدولي إلى بغداد .",
        "الأمم",
        "التقى ميقاتي الكاظمي في الرياض أمس ، وبحثا العلاقات بين لبنان والعراق .",
    ],
)
def test_crf_decoding_matches_crfsuite(model: Path, words: str) -> None:
    tokens = words.split()
    reference = pycrfsuite.Tagger()
    reference.open(str(model))
    tagger = Tagger(model.with_suffix(".npz"))
    reference.set(tagger.features.sentence(tokens))
    expected = reference.tag()
    assert tagger.tag(tokens) == expected
    ours = tagger.marginals(expected)
    theirs = [reference.marginal(label, i) for i, label in enumerate(expected)]
    assert np.allclose(ours, theirs, atol=1e-4)


def test_crf_document_decoding_equals_sentence_decoding(model: Path) -> None:
    tagger = Tagger(model)
    sentences = [s.split() for s, _ in SENTENCES] + [[], ["بيروت"]]
    together = tagger.tag_document(sentences)
    assert together.labels == [tagger.tag(s) for s in sentences]
    labels = together.labels[0]
    tagger.tag(sentences[0])
    single = tagger.marginals(labels)
    assert np.allclose([together.confidence(0, i, i + 1) for i in range(len(labels))], single)


def test_crf_batch_functions_agree_with_single_ones() -> None:
    rng = np.random.default_rng(0)
    transitions = rng.normal(size=(4, 4))
    sequences = [rng.normal(size=(n, 4)) for n in (5, 1, 3)]
    padded = np.zeros((3, 5, 4))
    for b, e in enumerate(sequences):
        padded[b, : len(e)] = e
    lengths = np.array([5, 1, 3])
    assert viterbi_batch(padded, lengths, transitions) == [viterbi(e, transitions) for e in sequences]
    table = marginals_batch(padded, lengths, transitions)
    for b, e in enumerate(sequences):
        assert np.allclose(table[b, : len(e)], marginals(e, transitions))


@pytest.mark.parametrize("ties", [False, True])
def test_crf_viterbi_batch_equals_its_numpy_steps(ties: bool) -> None:
    # the float loops and the numpy steps make the same additions: the same paths, ties included
    rng = np.random.default_rng(2)
    transitions = rng.integers(-2, 3, size=(5, 5)).astype(float) if ties else rng.normal(size=(5, 5))
    padded = rng.integers(-2, 3, size=(6, 9, 5)).astype(float) if ties else rng.normal(size=(6, 9, 5))
    lengths = np.array([9, 1, 4, 9, 2, 7])
    assert viterbi_batch(padded, lengths, transitions) == _viterbi_batch_numpy(padded, lengths, transitions)


def test_crf_marginals_batch_of_needed_positions_are_bit_identical() -> None:
    rng = np.random.default_rng(3)
    transitions = rng.normal(size=(4, 4))
    padded = rng.normal(size=(4, 20, 4)) * 3
    lengths = np.array([20, 6, 17, 11])
    full = marginals_batch(padded, lengths, transitions)
    part = marginals_batch(padded, lengths, transitions, (3, 9, 17))
    for row in (1, 2, 3):
        assert np.array_equal(part[row, 3 : min(9, lengths[row])], full[row, 3 : min(9, lengths[row])])


def test_crf_confidences_equal_confidence_one_by_one(model: Path) -> None:
    tagger = Tagger(model)
    sentences = [s.split() for s, _ in SENTENCES] + [[], ["بيروت"]]
    spans = [(k, i, j) for k, words in enumerate(sentences) for i in range(len(words)) for j in range(i + 1, min(i + 3, len(words)) + 1)]
    spans = [span for span in spans if span[0] % 2 == 0 or span[1] > 0]
    one_by_one = tagger.tag_document(sentences)
    assert tagger.tag_document(sentences).confidences(spans) == [one_by_one.confidence(*span) for span in spans]


def test_crf_viterbi_is_the_best_path_by_brute_force() -> None:
    rng = np.random.default_rng(1)
    emissions, transitions = rng.normal(size=(4, 3)), rng.normal(size=(3, 3))

    def score(path: tuple[int, ...]) -> float:
        return float(sum(emissions[t, y] for t, y in enumerate(path)) + sum(transitions[a, b] for a, b in itertools.pairwise(path)))

    best = max(itertools.product(range(3), repeat=4), key=score)
    assert tuple(viterbi(emissions, transitions)) == best


def test_crf_missing_or_broken_model_is_a_data_file_error(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="missing"):
        Tagger(tmp_path / "absent.npz")
    broken = tmp_path / "broken.npz"
    broken.write_bytes(b"not a model")
    with pytest.raises(DataFileError, match="cannot read"):
        Tagger(broken)


@pytest.mark.parametrize("words", ["، . 2021 «", "وبالعراق الكاظمي qwerty", "بيروت", "قال الرئيس إن البنك الدولي سيمول المشروع ."])
def test_crf_cached_word_scores_equal_summed_feature_weights(model: Path, words: str) -> None:
    tagger = Tagger(model)
    tokens = words.split()
    expected = np.array([tagger.weights.score(features) for features in tagger.features.sentence(tokens)])
    assert np.allclose(tagger.emissions(tokens), expected)
