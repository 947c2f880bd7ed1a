"""The statistical tagger: a CRF and a neural network, combined, shipped in the package.

Both are trained by ``marsad train ner``. The CRF over the features of :mod:`.features` is
shipped twice: ``models/ner-crf.crfsuite`` (crfsuite's own file) and ``models/ner-crf.npz``
(its weights and name memory, which marsad decodes itself, see :mod:`.crf`); the neural network
(:mod:`.neural`) as ``models/ner-nn.npz``. The two score every label of every word; their scores
are added (the neural one weighted as training chose) and one Viterbi pass decodes the sum:
each model corrects the other where it is unsure. Together they are more accurate and three
times slower than the CRF alone, which is the default; the component's ``neural`` option turns
the pair on. Labels are IOB2 over PERS, LOC, ORG and MISC.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from marsad.errors import DataFileError
from marsad.extract.entities.crf import Weights, marginals, marginals_batch, viterbi, viterbi_batch
from marsad.extract.entities.features import BOS, EOS, OFFSETS, Features
from marsad.extract.entities.neural import NeuralNet, load_neural
from marsad.resources import data_path

MODEL = "models/ner-crf.npz"
NEURAL_MODEL = "models/ner-nn.npz"
# Weight of the neural network's scores when added to the CRF's, if its file does not say.
NEURAL_WEIGHT = 1.0
_CACHE_SIZE = 200_000


def load_weights(model: str | Path | None = None) -> Weights:
    """Weights of ``model`` (a ``.npz`` export, or a ``.crfsuite`` file), default the shipped one."""
    path = Path(model) if model is not None else data_path(MODEL)
    if not path.is_file():
        raise DataFileError(f"entity model {str(path)!r} is missing; train it with `marsad train ner` or reinstall marsad")
    if path.suffix == ".crfsuite":
        # crfsuite's file holds the weights but not the name memory the features read: the
        # export written beside it by training holds both
        exported = path.with_suffix(".npz")
        if not exported.is_file() or exported.stat().st_mtime < path.stat().st_mtime:
            raise DataFileError(f"entity model {str(path)!r} has no up-to-date export {exported.name!r} beside it; retrain it with `marsad train ner`")
        return Weights.load(exported)
    return Weights.load(path)


class Tagger:
    """A loaded CRF: features of each distinct word are weighed once and cached."""

    def __init__(self, model: str | Path | None = None, features: Features | None = None) -> None:
        self.weights = load_weights(model)
        self.features = features or Features(memory=self.weights.memory)
        self.labels = self.weights.labels
        self._size = len(self.labels)
        self._scores = lru_cache(maxsize=_CACHE_SIZE)(self._word_scores)
        self._state = np.vstack([self.weights.state, np.zeros((1, self._size))])
        self._zero_row = len(self.weights.state)
        edge = self.weights.score
        self._bias = edge(["bias"])
        self._start = edge(["BOS", "-1BOS"])
        self._end = edge(["EOS", "1EOS"])
        self._pairs: dict[tuple[str, str], tuple[int | None, int | None]] = {}
        self._last: np.ndarray | None = None
        self._table: np.ndarray | None = None
        self._index = {label: i for i, label in enumerate(self.labels)}
        self._shown = self._shown_rows()
        self._near_groups = {k for k, o in enumerate(OFFSETS, 1) if abs(o) == 1}

    def _word_scores(self, word: str) -> np.ndarray:
        """What a word scores: row 0 for itself (bias included), then one row per neighbour
        offset in OFFSETS (what it adds to the token at that distance)."""
        own, far, near = self.features.parts(word)
        get = self.weights.attributes.get
        groups: list[list[int]] = [[r for r in map(get, own) if r is not None], [], [], [], []]
        shown = self._shown.get
        for base in far:
            found = shown(base)
            if found is not None:
                for k, row in found:
                    groups[k].append(row)
        for base in near:
            found = shown(base)
            if found is not None:
                for k, row in found:
                    if k in self._near_groups:
                        groups[k].append(row)
        rows = [r for group in groups for r in group]
        starts = []
        at = 0
        for group in groups:
            starts.append(at)
            at += len(group)
        rows.append(self._zero_row)  # so every group start is a valid index, even at the end
        sums = np.add.reduceat(self._state[rows], starts, axis=0)
        # reduceat gives an empty group the row at its start: such groups score nothing
        out: np.ndarray = np.where(np.array([bool(group) for group in groups])[:, None], sums, 0.0)
        out[0] += self._bias
        return out

    def _pair_rows(self, left: str, right: str) -> tuple[int | None, int | None]:
        """Rows of the two features of adjacent words (:meth:`Features.pair_names`), remembered
        per pair of words: a pair recurs across articles, and building the names costs more
        than the look-up."""
        key = (left, right)
        found = self._pairs.get(key)
        if found is None:
            if len(self._pairs) >= _CACHE_SIZE:
                self._pairs.clear()  # bounded over millions of articles
            get = self.weights.attributes.get
            as_left, as_right = self.features.pair_names(left, right)
            found = self._pairs[key] = (get(as_left), get(as_right))
        return found

    def _shown_rows(self) -> dict[str, list[tuple[int, int]]]:
        """Feature name without its offset → (group, row) of each offset the model weighs it at
        ("-1s=بغداد" is the feature "s=بغداد" seen by the word after): one lookup per feature."""
        table: dict[str, list[tuple[int, int]]] = {}
        prefixes = [(str(o), k) for k, o in enumerate(OFFSETS, 1)]
        prefixes.sort(key=lambda p: -len(p[0]))  # "-1" before "1"
        for name, row in self.weights.attributes.items():
            for prefix, k in prefixes:
                if name.startswith(prefix):
                    table.setdefault(name[len(prefix) :], []).append((k, row))
                    break
        return table

    def emissions(self, words: Sequence[str]) -> np.ndarray:
        """Per-token label scores of one sentence: exactly crfsuite's state scores."""
        n = len(words)
        table = np.array([self._scores(w) for w in words])  # (n, 1 + offsets, labels)
        scores = table[:, 0].copy()
        for k, o in enumerate(OFFSETS, 1):
            if o < 0:
                scores[-o:] += table[: n + o, k]
            else:
                scores[: n - o] += table[o:, k]
        scores[0] += self._start
        scores[n - 1] += self._end
        lexicals = self.features.lexicals(words)
        gazetteer = self.features.gazetteer(lexicals)
        pair_rows = [self._pair_rows(a, b) for a, b in zip([BOS, *lexicals], [*lexicals, EOS])]
        get = self.weights.attributes.get
        positions: list[int] = []
        rows: list[int] = []
        for i in range(n):
            # the features of Features.pairs, in its order: the pair ending here, the pair
            # starting here, the gazetteer tag
            tag = gazetteer[i]
            for row in (pair_rows[i][1], pair_rows[i + 1][0], get("GZ=" + tag) if tag else None):
                if row is not None:
                    positions.append(i)
                    rows.append(row)
        if rows:
            # one unbuffered call adds the rows in the order found: the same sums as a loop
            np.add.at(scores, positions, self.weights.state[rows])
        return scores

    def tag(self, words: Sequence[str]) -> list[str]:
        """IOB2 labels of one sentence's words."""
        if not words:
            return []
        self._last = self.emissions(words)
        self._table = None
        return [self.labels[i] for i in viterbi(self._last, self.weights.transitions)]

    def marginals(self, labels: Sequence[str], start: int = 0, end: int | None = None) -> list[float]:
        """Marginal probability of ``labels[start:end]`` for the sentence last tagged."""
        if self._last is None:
            raise RuntimeError("marginals() asked before tag()")
        if self._table is None:
            self._table = marginals(self._last, self.weights.transitions)
        stop = len(labels) if end is None else end
        return [float(self._table[i, self._index[labels[i]]]) for i in range(start, stop)]


    def padded_emissions(self, sentences: Sequence[Sequence[str]]) -> tuple[np.ndarray, np.ndarray]:
        """Label scores of non-empty sentences, padded: ``(sentences, positions, labels)``, lengths."""
        longest = max((len(words) for words in sentences), default=0)
        lengths = np.array([len(words) for words in sentences], dtype=np.intp)
        padded = np.zeros((len(sentences), longest, self._size))
        for b, words in enumerate(sentences):
            padded[b, : len(words)] = self.emissions(words)
        return padded, lengths

    def tag_document(self, sentences: Sequence[Sequence[str]]) -> Tagged:
        """Labels of every sentence of a document, decoded together (much faster per token)."""
        batch = [list(words) for words in sentences if words]
        padded, lengths = self.padded_emissions(batch)
        return Tagged.decode(self.labels, self.weights.transitions, padded, lengths, sentences)


class Combined:
    """The CRF and the neural network together: their label scores added, decoded once."""

    def __init__(self, crf: Tagger, neural: NeuralNet, weight: float = NEURAL_WEIGHT) -> None:
        self.crf = crf
        self.neural = neural
        self.weight = weight
        self.labels = crf.labels
        self.features = crf.features
        if neural.weights.memory == crf.weights.memory:
            neural.features = crf.features  # the same data: describe each word once for both
        self._order = [neural.labels.index(label) for label in crf.labels]  # network column per CRF label
        self.transitions = crf.weights.transitions + weight * neural.transitions[np.ix_(self._order, self._order)]

    def _scores(self, batch: list[list[str]]) -> tuple[np.ndarray, np.ndarray]:
        crf, lengths = self.crf.padded_emissions(batch)
        if not batch:
            return crf, lengths
        neural, _ = self.neural.emissions(batch)
        return crf + self.weight * neural[:, :, self._order], lengths

    def tag(self, words: Sequence[str]) -> list[str]:
        """IOB2 labels of one sentence's words."""
        return self.tag_document([words]).labels[0]

    def tag_document(self, sentences: Sequence[Sequence[str]]) -> Tagged:
        """Labels of every sentence of a document, decoded together."""
        batch = [list(words) for words in sentences if words]
        padded, lengths = self._scores(batch)
        return Tagged.decode(self.labels, self.transitions, padded, lengths, sentences)


class Tagged:
    """A document's labels, with marginals computed only if asked."""

    def __init__(self, labels: tuple[str, ...], transitions: np.ndarray, result: list[list[str]], emissions: np.ndarray, lengths: np.ndarray, present: list[bool]) -> None:
        self.labels = result
        self._index = {label: i for i, label in enumerate(labels)}
        self._transitions = transitions
        self._emissions = emissions
        self._lengths = lengths
        self._row = []
        row = 0
        for here in present:
            self._row.append(row if here else -1)
            row += here
        self._table: np.ndarray | None = None

    @classmethod
    def decode(cls, labels: tuple[str, ...], transitions: np.ndarray, padded: np.ndarray, lengths: np.ndarray, sentences: Sequence[Sequence[str]]) -> Tagged:
        """The best labels of padded label scores, placed back among the (maybe empty) sentences."""
        paths = viterbi_batch(padded, lengths, transitions)
        it = iter([[labels[i] for i in path] for path in paths])
        result = [next(it) if sentence else [] for sentence in sentences]
        return cls(labels, transitions, result, padded, lengths, [bool(sentence) for sentence in sentences])

    def confidence(self, sentence: int, start: int, end: int) -> float:
        """Mean marginal probability of the labels of tokens ``[start, end)`` of a sentence."""
        if self._table is None:
            self._table = marginals_batch(self._emissions, self._lengths, self._transitions)
        row = self._row[sentence]
        labels = self.labels[sentence]
        return float(sum(self._table[row, i, self._index[labels[i]]] for i in range(start, end)) / (end - start))


AnyTagger = Tagger | Combined


def combined(crf: str | Path | None = None, neural: str | Path | bool | None = None) -> AnyTagger:
    """The CRF (``crf``, default the shipped one), with a neural network beside it if asked.

    ``neural``: True for the shipped network, a path for another one, None or False for the
    CRF alone (the default: three times faster, see the model card).
    """
    tagger = Tagger(crf)
    if neural is None or neural is False:
        return tagger
    network = load_neural(data_path(NEURAL_MODEL) if neural is True else Path(neural))
    weight = network.weights.header.get("ensemble_weight", NEURAL_WEIGHT)
    return Combined(tagger, network, float(weight) if isinstance(weight, (int, float)) else NEURAL_WEIGHT)


@lru_cache(maxsize=1)
def default_tagger() -> Tagger:
    """The packaged CRF, loaded once per process."""
    return Tagger()


@lru_cache(maxsize=1)
def accurate_tagger() -> Combined:
    """The packaged CRF and neural network together, loaded once per process."""
    tagger = combined(neural=True)
    assert isinstance(tagger, Combined)
    return tagger
