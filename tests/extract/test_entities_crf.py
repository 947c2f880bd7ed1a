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
from marsad.extract.entities.crf import Weights, marginals, marginals_batch, viterbi, viterbi_batch
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
