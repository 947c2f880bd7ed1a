"""The statistical tagger: a CRF over the features of :mod:`.features`, shipped in the package.

The model is trained by ``marsad train ner`` (python-crfsuite) and shipped twice:
``models/ner-crf.crfsuite`` (crfsuite's own file) and ``models/ner-crf.npz`` (its weights, which
marsad decodes itself, see :mod:`.crf`). It tags words with IOB2 labels over PERS, LOC, ORG and
MISC.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from marsad.errors import DataFileError
from marsad.extract.entities.crf import Weights, marginals, marginals_batch, viterbi, viterbi_batch
from marsad.extract.entities.features import OFFSETS, Features
from marsad.resources import data_path

MODEL = "models/ner-crf.npz"
_CACHE_SIZE = 200_000


def load_weights(model: str | Path | None = None) -> Weights:
    """Weights of ``model`` (a ``.npz`` export, or a ``.crfsuite`` file), default the shipped one."""
    path = Path(model) if model is not None else data_path(MODEL)
    if not path.is_file():
        raise DataFileError(f"entity model {str(path)!r} is missing; train it with `marsad train ner` or reinstall marsad")
    if path.suffix == ".crfsuite":
        exported = path.with_suffix(".npz")
        if exported.is_file() and exported.stat().st_mtime >= path.stat().st_mtime:
            return Weights.load(exported)
        try:
            return Weights.from_crfsuite(path)
        except (OSError, ValueError) as error:
            raise DataFileError(f"entity model {str(path)!r} cannot be read ({error}); retrain it with `marsad train ner`") from error
    return Weights.load(path)


class Tagger:
    """A loaded CRF: features of each distinct word are weighed once and cached."""

    def __init__(self, model: str | Path | None = None, features: Features | None = None) -> None:
        self.weights = load_weights(model)
        self.features = features or Features()
        self.labels = self.weights.labels
        self._size = len(self.labels)
        self._scores = lru_cache(maxsize=_CACHE_SIZE)(self._word_scores)
        self._state = np.vstack([self.weights.state, np.zeros((1, self._size))])
        self._zero_row = len(self.weights.state)
        edge = self.weights.score
        self._bias = edge(["bias"])
        self._start = edge(["BOS", "-1BOS"])
        self._end = edge(["EOS", "1EOS"])
        self._pair_rows = self.weights.attributes
        self._last: np.ndarray | None = None
        self._table: np.ndarray | None = None
        self._index = {label: i for i, label in enumerate(self.labels)}

    def _word_scores(self, word: str) -> np.ndarray:
        """What a word scores: row 0 for itself (bias included), then one row per neighbour
        offset in OFFSETS (what it adds to the token at that distance)."""
        own, context = self.features.word(word)
        get = self.weights.attributes.get
        rows: list[int] = []
        starts: list[int] = []
        for names in (own, *(context[o] for o in OFFSETS)):
            starts.append(len(rows))
            for name in names:
                row = get(name)
                if row is not None:
                    rows.append(row)
        rows.append(self._zero_row)  # so every group start is a valid index, even at the end
        sums = np.add.reduceat(self._state[rows], starts, axis=0)
        ends = [*starts[1:], len(rows) - 1]
        # reduceat gives an empty group the row at its start: such groups score nothing
        out: np.ndarray = np.where(np.array([end > start for start, end in zip(starts, ends)])[:, None], sums, 0.0)
        out[0] += self._bias
        return out

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
        rows = self._pair_rows
        state = self.weights.state
        for i in range(n):
            for feature in self.features.pairs(lexicals, gazetteer, i):
                row = rows.get(feature)
                if row is not None:
                    scores[i] += state[row]
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


    def tag_document(self, sentences: Sequence[Sequence[str]]) -> Tagged:
        """Labels of every sentence of a document, decoded together (much faster per token)."""
        batch = [list(words) for words in sentences if words]
        longest = max((len(words) for words in batch), default=0)
        lengths = np.array([len(words) for words in batch], dtype=np.intp)
        padded = np.zeros((len(batch), longest, self._size))
        for b, words in enumerate(batch):
            padded[b, : len(words)] = self.emissions(words)
        paths = viterbi_batch(padded, lengths, self.weights.transitions)
        labels = [[self.labels[i] for i in path] for path in paths]
        result: list[list[str]] = []
        it = iter(labels)
        for sentence in sentences:
            result.append(next(it) if sentence else [])
        return Tagged(self, result, padded, lengths, [bool(sentence) for sentence in sentences])


class Tagged:
    """A document's labels, with marginals computed only if asked."""

    def __init__(self, tagger: Tagger, labels: list[list[str]], emissions: np.ndarray, lengths: np.ndarray, present: list[bool]) -> None:
        self.tagger = tagger
        self.labels = labels
        self._emissions = emissions
        self._lengths = lengths
        self._row = []
        row = 0
        for here in present:
            self._row.append(row if here else -1)
            row += here
        self._table: np.ndarray | None = None

    def confidence(self, sentence: int, start: int, end: int) -> float:
        """Mean marginal probability of the labels of tokens ``[start, end)`` of a sentence."""
        if self._table is None:
            self._table = marginals_batch(self._emissions, self._lengths, self.tagger.weights.transitions)
        row = self._row[sentence]
        index = self.tagger._index
        labels = self.labels[sentence]
        return float(sum(self._table[row, i, index[labels[i]]] for i in range(start, end)) / (end - start))


@lru_cache(maxsize=1)
def default_tagger() -> Tagger:
    """The packaged model, loaded once per process."""
    return Tagger()
