"""The neural tagger: numpy inference equals torch's, its file round-trips, and it combines with the CRF.

A small network is trained here on sentences written for the test (the shipped model's corpus
is not available to tests). Tests that train need torch (the ``train`` extra) and are skipped
without it; the numpy side is tested on a network built with random weights.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from marsad.errors import DataFileError
from marsad.extract.entities.corpus import Sentence
from marsad.extract.entities.features import MEMORY_TAGS, Features
from marsad.extract.entities.neural import (
    MAX_FEATURES,
    NeuralNet,
    NeuralWeights,
    char_ids,
    discrete,
    load_neural,
)
from marsad.extract.entities.tagger import Combined, Tagger, combined
from marsad.extract.entities.training import Source, train
from marsad.text.normalize import normalize

SENTENCES = [
    ("قال الرئيس عبد الفتاح السيسي إن مصر تدعم السودان .", "O O B-PERS I-PERS I-PERS O B-LOC O B-LOC O"),
    ("وصل وزير الخارجية أيمن الصفدي إلى بغداد أمس .", "O O O B-PERS I-PERS O B-LOC O O"),
    ("أعلنت الأمم المتحدة أن المساعدات وصلت إلى اليمن .", "O B-ORG I-ORG O O O O B-LOC O"),
    ("التقى نجيب ميقاتي في بيروت وفدا من البنك الدولي .", "O B-PERS I-PERS O B-LOC O O B-ORG I-ORG O"),
]
UNSEEN = [
    "وقالت آنا ماريا غونزاليس إن منظمة الصحة العالمية تدعم اليمن .",
    "بيروت",
    "التقى ميقاتي الكاظمي في الرياض أمس ، وبحثا العلاقات بين لبنان والعراق .",
]


def _sentences() -> list[Sentence]:
    return [Sentence(tuple(words.split()), tuple(tags.split())) for words, tags in SENTENCES]


def _random_network(hidden: int = 8) -> NeuralNet:
    rng = np.random.default_rng(0)
    words = {"بيروت": 2, "قال": 3}
    chars = {c: i for i, c in enumerate("ابتثجحخدذرسشصضطظعغفقكلمنهوي^$", 2)}
    features = {"shape=ar": 1, "L=LOC": 2, "M=unseen": 3, "GZ=B-LOC": 4}
    dims = {"word": 6, "char": 5, "filters": 7, "bag": 4}
    size = 2 * dims["word"] + dims["filters"] + dims["bag"]

    def normal(*shape: int) -> np.ndarray:
        return rng.normal(scale=0.5, size=shape).astype(np.float32)

    arrays = {
        "emb_words": normal(4, dims["word"]),
        "emb_stems": normal(2, dims["word"]),
        "emb_chars": normal(len(chars) + 2, dims["char"]),
        "conv_w": normal(dims["filters"], dims["char"], 3),
        "conv_b": normal(dims["filters"]),
        "emb_features": normal(len(features) + 1, dims["bag"]),
        "lstm_f_ih": normal(4 * hidden, size),
        "lstm_f_hh": normal(4 * hidden, hidden),
        "lstm_f_b": normal(4 * hidden),
        "lstm_b_ih": normal(4 * hidden, size),
        "lstm_b_hh": normal(4 * hidden, hidden),
        "lstm_b_b": normal(4 * hidden),
        "out_w": normal(len(MEMORY_TAGS), 2 * hidden),
        "out_b": normal(len(MEMORY_TAGS)),
        "transitions": normal(len(MEMORY_TAGS), len(MEMORY_TAGS)),
    }
    return NeuralNet(NeuralWeights(MEMORY_TAGS, words, {}, chars, features, arrays, {}, {}))


def test_neural_weights_round_trip_through_their_file(tmp_path: Path) -> None:
    network = _random_network()
    path = tmp_path / "nn.npz"
    network.weights.save(path)
    loaded = load_neural(path)
    assert loaded.weights.words == network.weights.words and loaded.weights.features == network.weights.features
    sentences = [w.split() for w in UNSEEN]
    assert np.allclose(loaded.emissions(sentences)[0], network.emissions(sentences)[0])


@pytest.mark.parametrize("text", UNSEEN)
def test_neural_document_batch_equals_one_sentence_at_a_time(text: str) -> None:
    network = _random_network()
    sentences = [w.split() for w in UNSEEN]
    together, lengths = network.emissions(sentences)
    index = UNSEEN.index(text)
    alone, _ = network.emissions([text.split()])
    assert np.allclose(together[index, : lengths[index]], alone[0], atol=1e-5)


def test_neural_missing_or_broken_file_is_a_data_file_error(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="missing"):
        load_neural(tmp_path / "absent.npz")
    broken = tmp_path / "broken.npz"
    broken.write_bytes(b"not a model")
    with pytest.raises(DataFileError, match="cannot read"):
        load_neural(broken)


def test_neural_char_ids_mark_the_word_and_pad_it() -> None:
    chars = {"^": 2, "$": 3, "ب": 4}
    ids = char_ids("بيروت", chars)
    assert ids[:3] == [2, 4, 1] and ids[6] == 3 and ids[7:] == [0] * (len(ids) - 7)


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    pytest.importorskip("torch")
    from marsad.extract.entities.neural_training import train_neural

    folder = tmp_path_factory.mktemp("neural")
    crf, network = folder / "tiny.crfsuite", folder / "tiny-nn.npz"
    sources = [Source("written for the test", _sentences() * 3)]
    train(sources, crf, params={"max_iterations": 30}, log=lambda _: None)
    train_neural(sources, network, settings={"epochs": 2, "hidden": 16}, log=lambda _: None)
    return crf, network


@pytest.mark.parametrize("text", UNSEEN)
def test_neural_numpy_emissions_equal_torch(trained: tuple[Path, Path], text: str) -> None:
    import torch

    network = load_neural(trained[1])
    a, w = network.weights.arrays, network.weights
    hidden, size = a["lstm_f_hh"].shape[1], a["lstm_f_ih"].shape[1]
    lstm = torch.nn.LSTM(size, hidden, batch_first=True, bidirectional=True)
    conv = torch.nn.Conv1d(a["conv_w"].shape[1], a["conv_w"].shape[0], 3, padding=1)
    with torch.no_grad():
        for suffix, name in (("", "f"), ("_reverse", "b")):
            getattr(lstm, f"weight_ih_l0{suffix}").copy_(torch.tensor(a[f"lstm_{name}_ih"]))
            getattr(lstm, f"weight_hh_l0{suffix}").copy_(torch.tensor(a[f"lstm_{name}_hh"]))
            getattr(lstm, f"bias_ih_l0{suffix}").copy_(torch.tensor(a[f"lstm_{name}_b"]))
            getattr(lstm, f"bias_hh_l0{suffix}").zero_()
        conv.weight.copy_(torch.tensor(a["conv_w"]))
        conv.bias.copy_(torch.tensor(a["conv_b"]))
        words = text.split()
        lexicals = network.features.lexicals(words)
        gazetteer = network.features.gazetteer(lexicals)
        rows = []
        for i, word in enumerate(words):
            norm = normalize(word)
            letters = torch.tensor(a["emb_chars"][char_ids(norm, w.chars)]).T.unsqueeze(0)
            shape = torch.relu(conv(letters)).max(dim=2).values[0].numpy()
            ids = [w.features[f] for f in discrete(network.features.word(word)[0]) if f in w.features][:MAX_FEATURES]
            if gazetteer[i] and "GZ=" + gazetteer[i] in w.features:
                ids.append(w.features["GZ=" + gazetteer[i]])
            bag = a["emb_features"][ids].sum(axis=0) if ids else np.zeros(a["emb_features"].shape[1], dtype=np.float32)
            rows.append(np.concatenate([a["emb_words"][w.words.get(norm, 1)], a["emb_stems"][w.stems.get(lexicals[i], 1)], shape, bag]))
        states, _ = lstm(torch.tensor(np.array(rows)).unsqueeze(0))
        expected = states[0].numpy() @ a["out_w"].T + a["out_b"]
    ours, _ = network.emissions([words])
    assert np.allclose(ours[0], expected, atol=1e-4)


def test_neural_combined_scores_are_the_sum_of_both_models(trained: tuple[Path, Path]) -> None:
    crf, network = trained
    tagger = combined(crf.with_suffix(".npz"), network)
    assert isinstance(tagger, Combined)
    sentences = [w.split() for w in UNSEEN]
    both, _ = tagger._scores(sentences)
    alone, _ = Tagger(crf).padded_emissions(sentences)
    neural, _ = tagger.neural.emissions(sentences)
    order = [tagger.neural.labels.index(label) for label in tagger.labels]
    assert np.allclose(both, alone + tagger.weight * neural[:, :, order])
    labels = tagger.tag_document(sentences)
    assert [len(s) for s in labels.labels] == [len(s) for s in sentences]
    assert labels.labels[1] == tagger.tag(sentences[1])
    assert 0.0 < labels.confidence(0, 0, 1) <= 1.0


def test_neural_network_reads_the_name_memory_of_its_data(trained: tuple[Path, Path]) -> None:
    network = load_neural(trained[1])
    assert network.weights.memory[normalize("ميقاتي")][MEMORY_TAGS.index("I-PERS")] == 3
    assert isinstance(network.features, Features) and network.features.memory == network.weights.memory
