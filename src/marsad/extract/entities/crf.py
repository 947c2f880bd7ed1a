"""Linear-chain CRF inference in numpy, on weights exported from a crfsuite model.

python-crfsuite trains the model; at run time marsad decodes it itself because crfsuite's
Python binding spends most of its time turning feature strings into C++ attributes, token by
token. Here the weights of a word's features are summed once per distinct word (and per
neighbour position), so a sentence costs a few vector additions per token and a Viterbi pass
over nine labels. The labels and marginals are those crfsuite computes (a first-order chain with
state and transition weights, no start or end transitions); a test checks they agree.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path
from typing import Final

import numpy as np

from marsad.errors import DataFileError

# Whether this module runs compiled: Viterbi's float loops pay only then (as pure Python they
# are several times slower than the numpy steps, which give the same paths).
_COMPILED: Final = __file__.endswith(tuple(EXTENSION_SUFFIXES))

FORMAT = "marsad.crf-weights/2"
_FORMAT_WITHOUT_MEMORY = "marsad.crf-weights/1"  # models trained before the name memory


@dataclass(frozen=True)
class Weights:
    """State weights per attribute (one row per attribute, one column per label), transitions,
    and the name memory the features read (word stem → tag counts in the training data)."""

    labels: tuple[str, ...]
    attributes: dict[str, int]
    state: np.ndarray  # (attributes, labels)
    transitions: np.ndarray  # (labels, labels): from row to column
    memory: dict[str, tuple[int, ...]] = field(default_factory=dict)

    def with_memory(self, memory: dict[str, tuple[int, ...]]) -> Weights:
        """The same weights carrying the name memory they were trained with."""
        return replace(self, memory=dict(memory))

    @classmethod
    def from_crfsuite(cls, model: str | Path) -> Weights:
        """Read the weights of a trained crfsuite model (slow: used once, after training)."""
        import pycrfsuite

        tagger = pycrfsuite.Tagger()
        tagger.open(str(model))
        info = tagger.info()
        labels = tuple(sorted(info.labels, key=lambda label: int(info.labels[label])))
        column = {label: i for i, label in enumerate(labels)}
        attributes: dict[str, int] = {}
        for attribute, _ in info.state_features:
            attributes.setdefault(attribute, len(attributes))
        state = np.zeros((len(attributes), len(labels)), dtype=np.float32)
        for (attribute, label), weight in info.state_features.items():
            state[attributes[attribute], column[label]] = weight
        transitions = np.zeros((len(labels), len(labels)), dtype=np.float64)
        for (first, second), weight in info.transitions.items():
            transitions[column[first], column[second]] = weight
        return cls(labels, attributes, state, transitions)

    def save(self, path: str | Path) -> None:
        """Write the weights as one compressed ``.npz`` file."""
        names = sorted(self.attributes, key=self.attributes.__getitem__)
        header = json.dumps({"format": FORMAT, "labels": list(self.labels)})
        words = sorted(self.memory)
        counts = np.array([self.memory[w] for w in words], dtype=np.int32) if words else np.zeros((0, 0), dtype=np.int32)
        with open(path, "wb") as out:
            np.savez_compressed(
                out,
                header=np.frombuffer(header.encode("utf-8"), dtype=np.uint8),
                attributes=np.frombuffer("\n".join(names).encode("utf-8"), dtype=np.uint8),
                state=self.state,
                transitions=self.transitions,
                memory_words=np.frombuffer("\n".join(words).encode("utf-8"), dtype=np.uint8),
                memory_counts=counts,
            )

    @classmethod
    def load(cls, path: str | Path) -> Weights:
        """Read weights written by :meth:`save`."""
        try:
            with np.load(path) as data:
                header = json.loads(bytes(data["header"]).decode("utf-8"))
                if header.get("format") not in (FORMAT, _FORMAT_WITHOUT_MEMORY):
                    raise DataFileError(f"{path}: not a {FORMAT} file; retrain with `marsad train ner`")
                names = bytes(data["attributes"]).decode("utf-8").split("\n")
                state = data["state"].astype(np.float64)
                transitions = data["transitions"].astype(np.float64)
                text = bytes(data["memory_words"]).decode("utf-8") if "memory_words" in data else ""
                words = text.split("\n") if text else []
                counts = data["memory_counts"].tolist() if words else []
        except (OSError, ValueError, KeyError, json.JSONDecodeError) as error:
            raise DataFileError(f"{path}: cannot read CRF weights ({error}); retrain with `marsad train ner`") from error
        if state.shape != (len(names), len(header["labels"])) or len(words) != len(counts):
            raise DataFileError(f"{path}: weights do not match their attribute list; retrain with `marsad train ner`")
        memory = {word: tuple(row) for word, row in zip(words, counts)}
        return cls(tuple(header["labels"]), {name: i for i, name in enumerate(names)}, state, transitions, memory)

    def score(self, attributes: list[str]) -> np.ndarray:
        """Sum of the state weights of ``attributes`` (unknown ones weigh nothing)."""
        rows = [self.attributes[a] for a in attributes if a in self.attributes]
        if not rows:
            return np.zeros(len(self.labels))
        total: np.ndarray = self.state[rows].sum(axis=0)
        return total


def viterbi(emissions: np.ndarray, transitions: np.ndarray) -> list[int]:
    """The best label sequence (indices) for per-token label scores and transition scores."""
    n = emissions.shape[0]
    if n == 0:
        return []
    score = emissions[0]
    back = np.empty((n, emissions.shape[1]), dtype=np.intp)
    for t in range(1, n):
        candidates = score[:, None] + transitions
        back[t] = candidates.argmax(axis=0)
        score = candidates.max(axis=0) + emissions[t]
    path = [int(score.argmax())]
    for t in range(n - 1, 0, -1):
        path.append(int(back[t, path[-1]]))
    path.reverse()
    return path


def marginals(emissions: np.ndarray, transitions: np.ndarray) -> np.ndarray:
    """Per-token label marginals (forward-backward, rescaled at each step)."""
    n, size = emissions.shape
    potentials = np.exp(emissions - emissions.max(axis=1, keepdims=True))
    moves = np.exp(transitions - transitions.max())
    alpha = np.empty((n, size))
    beta = np.empty((n, size))
    alpha[0] = potentials[0] / potentials[0].sum()
    for t in range(1, n):
        row = (alpha[t - 1] @ moves) * potentials[t]
        alpha[t] = row / row.sum()
    beta[n - 1] = 1.0
    for t in range(n - 2, -1, -1):
        row = moves @ (potentials[t + 1] * beta[t + 1])
        beta[t] = row / row.sum()
    product = alpha * beta
    table: np.ndarray = product / product.sum(axis=1, keepdims=True)
    return table


def viterbi_batch(emissions: np.ndarray, lengths: np.ndarray, transitions: np.ndarray) -> list[list[int]]:
    """Best label sequences of a padded batch ``(sentences, positions, labels)`` at once.

    Viterbi only adds and compares, so when compiled it is run on floats, sentence by sentence:
    the compiled loops beat a numpy step per position (whose cost is mostly the call), and every
    sum is the same double addition numpy makes, so the paths are the same, ties included
    (the first best label wins, as with ``argmax``). As pure Python, and for other dtypes, the
    numpy steps run.
    """
    batch, longest, size = emissions.shape
    if batch == 0 or longest == 0:
        return [[] for _ in range(batch)]
    if not _COMPILED or emissions.dtype != np.float64 or transitions.dtype != np.float64:
        return _viterbi_batch_numpy(emissions, lengths, transitions)
    moves: list[float] = transitions.T.ravel().tolist()  # moves[j * size + i]: from i to j
    sizes: list[int] = [max(int(n), 1) for n in lengths.tolist()]
    paths: list[list[int]] = []
    for b in range(batch):
        rows: list[list[float]] = emissions[b, : sizes[b]].tolist()
        paths.append(_viterbi_rows(rows, moves, size))
    return paths


def _viterbi_rows(rows: list[list[float]], moves: list[float], size: int) -> list[int]:
    """The best path of one sentence's label scores (``moves`` as in :func:`viterbi_batch`).

    Two score lists are swapped from step to step and the back pointers kept in one flat list
    (position ``t`` at ``(t - 1) * size``): no list is made per position.
    """
    score = list(rows[0])
    new = [0.0] * size
    back: list[int] = []
    for t in range(1, len(rows)):
        emission = rows[t]
        for j in range(size):
            at = j * size
            best = score[0] + moves[at]
            arg = 0
            for i in range(1, size):
                candidate = score[i] + moves[at + i]
                if candidate > best:
                    best = candidate
                    arg = i
            new[j] = best + emission[j]
            back.append(arg)
        score, new = new, score
    state = 0
    best = score[0]
    for j in range(1, size):
        if score[j] > best:
            best = score[j]
            state = j
    path = [state]
    for t in range(len(rows) - 1, 0, -1):
        state = back[(t - 1) * size + state]
        path.append(state)
    path.reverse()
    return path


def _viterbi_batch_numpy(emissions: np.ndarray, lengths: np.ndarray, transitions: np.ndarray) -> list[list[int]]:
    """:func:`viterbi_batch` in numpy steps, one per position for all sentences still running.

    The sentences are taken longest first, so those still running at a position are the first
    rows: a slice, with no work spent on padding.
    """
    batch, longest, size = emissions.shape
    if batch == 0 or longest == 0:
        return [[] for _ in range(batch)]
    order = sorted(range(batch), key=lambda b: -int(lengths[b]))  # stable: ties keep their order
    sizes = [int(lengths[b]) for b in order]
    ranked = emissions[order]
    score = ranked[:, 0].copy()
    back = np.empty((batch, longest, size), dtype=np.intp)
    running = batch
    for t in range(1, longest):
        while running and sizes[running - 1] <= t:
            running -= 1
        if not running:
            break
        candidates = score[:running, :, None] + transitions
        back[:running, t] = candidates.argmax(axis=1)
        score[:running] = candidates.max(axis=1) + ranked[:running, t]
    last = score.argmax(axis=1).tolist()
    paths: list[list[int]] = [[] for _ in range(batch)]
    for row, b in enumerate(order):
        state = last[row]
        path = [state]
        steps = back[row, 1 : sizes[row]].tolist()
        for t in range(sizes[row] - 2, -1, -1):
            state = steps[t][state]
            path.append(state)
        path.reverse()
        paths[b] = path
    return paths


def marginals_batch(
    emissions: np.ndarray, lengths: np.ndarray, transitions: np.ndarray, needed: tuple[int, int, int] | None = None
) -> np.ndarray:
    """Per-token label marginals of a padded batch (forward-backward).

    Potentials are at most 1 (scores shifted by their maximum), so products only shrink; they
    are rescaled every ``_RESCALE`` steps, far before they could underflow, and the per-token
    normalisation at the end removes the scale.

    ``needed`` = ``(since, until, longest)``: only the marginals of positions ``[since, until)``
    of sentences at most ``longest`` long are asked for. The forward pass then stops at
    ``until`` and the backward one starts at ``longest`` and stops at ``since``; every step
    still runs on the whole batch, so the marginals asked for are the same numbers, bit for bit
    (the others are left meaningless).
    """
    batch, longest, size = emissions.shape
    since, until, top = (0, longest, longest) if needed is None else needed
    potentials = np.exp(emissions - emissions.max(axis=2, keepdims=True))
    moves = np.exp(transitions - transitions.max())
    back_moves = moves.T
    # laid out position first, so that a step reads and writes ``x[t]`` (the cheapest numpy
    # indexing; a step's cost is mostly such calls): the same values, the same operations
    steps = np.ascontiguousarray(potentials.transpose(1, 0, 2))
    alpha = np.zeros((longest, batch, size))
    beta = np.ones((longest, batch, size))
    alpha[0] = steps[0]
    for t in range(1, min(until, longest)):
        row = np.multiply(alpha[t - 1] @ moves, steps[t], out=alpha[t])
        if t % _RESCALE == 0:
            row /= row.sum(axis=1, keepdims=True)
    running = (np.arange(longest)[:, None] < (lengths - 1)[None, :])[:, :, None]  # sentences not yet ended
    for t in range(min(top, longest) - 2, since - 1, -1):
        row = (steps[t + 1] * beta[t + 1]) @ back_moves
        if t % _RESCALE == 0:
            row /= row.sum(axis=1, keepdims=True)
        np.copyto(beta[t], row, where=running[t])
    product = alpha * beta
    total = product.sum(axis=2, keepdims=True)
    total[total == 0] = 1.0  # padding
    table: np.ndarray = (product / total).transpose(1, 0, 2)
    return table

_RESCALE = 8
