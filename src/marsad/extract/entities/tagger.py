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
        # what each distinct word scores (:meth:`_word_scores`), one row of ``_rows`` per word:
        # a document's table is then one indexed read, not an array built from many
        self._row_of: dict[str, int] = {}
        self._lexical_of: dict[str, str] = {}  # and its stem (:meth:`Features.lexicals`)
        self._rows = np.empty((1024, 1 + len(OFFSETS), self._size))
        self._state = np.vstack([self.weights.state, np.zeros((1, self._size))])
        self._zero_row = len(self.weights.state)
        edge = self.weights.score
        self._bias = edge(["bias"])
        self._start = edge(["BOS", "-1BOS"])
        self._end = edge(["EOS", "1EOS"])
        self._pairs: dict[tuple[str, str], tuple[int, int]] = {}
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

    def _word_rows(self, words: list[str]) -> list[int]:
        """Row of ``_rows`` holding the scores of each word, scoring the words not seen yet."""
        row_of = self._row_of
        if len(row_of) + len(words) > _CACHE_SIZE:
            row_of.clear()  # bounded over millions of articles
            self._lexical_of.clear()
        found: list[int] = []
        for word in words:
            row = row_of.get(word)
            if row is None:
                row = len(row_of)
                if row == len(self._rows):
                    grown = np.empty((2 * row, *self._rows.shape[1:]))
                    grown[:row] = self._rows
                    self._rows = grown
                self._rows[row] = self._word_scores(word)
                row_of[word] = row
                self._lexical_of[word] = self.features.lexicals([word])[0]
            found.append(row)
        return found

    def _tag_row(self, tag: str | None) -> int:
        """Row of the gazetteer feature of a word's tag, -1 for none."""
        row = self.weights.attributes.get("GZ=" + tag) if tag else None
        return -1 if row is None else row

    def _pair_rows(self, left: str, right: str) -> tuple[int, int]:
        """Rows of the two features of adjacent words (:meth:`Features.pair_names`; -1 for a
        feature the model lacks), remembered per pair of words: a pair recurs across articles,
        and building the names costs more than the look-up."""
        key = (left, right)
        found = self._pairs.get(key)
        if found is None:
            if len(self._pairs) >= _CACHE_SIZE:
                self._pairs.clear()  # bounded over millions of articles
            get = self.weights.attributes.get
            as_left, as_right = self.features.pair_names(left, right)
            found = self._pairs[key] = (get(as_left, -1), get(as_right, -1))
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
        return self._stacked_emissions([words])

    def _stacked_emissions(self, sentences: Sequence[Sequence[str]]) -> np.ndarray:
        """Label scores of the words of non-empty sentences, one row per word in order.

        Each sentence is scored on its own (no feature reaches across a sentence end), but the
        numpy work is done once for all of them: a document costs a few array operations, not a
        few per sentence. Every score is the same sum, in the same order, as word by word.
        """
        lengths = [len(words) for words in sentences]
        flat = [word for words in sentences for word in words]
        word_rows = np.array(self._word_rows(flat), dtype=np.intp)  # first: it may grow self._rows
        table = self._rows[word_rows]  # (words, 1 + offsets, labels)
        scores = table[:, 0].copy()
        # where each word stands in its sentence, and how long its sentence is
        position = np.arange(len(flat)) - np.repeat(np.cumsum([0, *lengths[:-1]]), lengths)
        length = np.repeat(lengths, lengths)
        for k, o in enumerate(OFFSETS, 1):
            # what the word at distance ``o`` adds, for the words that have one in their sentence
            at = np.flatnonzero(position >= -o if o < 0 else position + o < length)
            scores[at] += table[at + o, k]
        firsts = np.flatnonzero(position == 0)
        scores[firsts] += self._start
        scores[firsts + np.asarray(lengths) - 1] += self._end
        # the features of Features.pairs, added in its order: the pair ending at a word, the
        # pair starting there, its gazetteer tag; each kind once per word, so one indexed
        # addition per kind adds the same sums as word by word (-1: the model has no such row)
        ending: list[int] = []
        starting: list[int] = []
        tagged: list[int] = []
        lexical_of = self._lexical_of  # filled for every word by _word_rows above
        for words in sentences:
            lexicals = [lexical_of[w] for w in words]
            pairs = [self._pair_rows(a, b) for a, b in zip([BOS, *lexicals], [*lexicals, EOS])]
            ending += [as_right for _, as_right in pairs[:-1]]
            starting += [as_left for as_left, _ in pairs[1:]]
            tagged += [self._tag_row(tag) for tag in self.features.gazetteer(lexicals)]
        state = self.weights.state
        for rows in (ending, starting, tagged):
            found = np.asarray(rows)
            at = np.flatnonzero(found >= 0)
            scores[at] += state[found[at]]
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
        if sentences:
            rows = np.repeat(np.arange(len(sentences)), lengths)
            columns = np.arange(len(rows)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
            padded[rows, columns] = self._stacked_emissions(sentences)
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
        return self._mean(self._table, sentence, start, end)

    def confidences(self, spans: Sequence[tuple[int, int, int]]) -> list[float]:
        """:meth:`confidence` of each ``(sentence, start, end)``, the same numbers, with the
        marginals computed only over the positions and sentence lengths these spans need."""
        if not spans:
            return []
        table = self._table
        if table is None:
            since = min(start for _, start, _ in spans)
            until = max(end for _, _, end in spans)
            top = max(int(self._lengths[self._row[sentence]]) for sentence, _, _ in spans)
            table = marginals_batch(self._emissions, self._lengths, self._transitions, (since, until, top))
        return [self._mean(table, sentence, start, end) for sentence, start, end in spans]

    def _mean(self, table: np.ndarray, sentence: int, start: int, end: int) -> float:
        row = self._row[sentence]
        labels = self.labels[sentence]
        return float(sum(table[row, i, self._index[labels[i]]] for i in range(start, end)) / (end - start))


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
