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
from pathlib import Path

import numpy as np

from marsad.errors import DataFileError

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

    One numpy step per position for all sentences still running (a document's sentences cost
    about as much as its longest one). The sentences are taken longest first, so those still
    running at a position are the first rows: a slice, with no work spent on padding.
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


def marginals_batch(emissions: np.ndarray, lengths: np.ndarray, transitions: np.ndarray) -> np.ndarray:
    """Per-token label marginals of a padded batch (forward-backward).

    Potentials are at most 1 (scores shifted by their maximum), so products only shrink; they
    are rescaled every ``_RESCALE`` steps, far before they could underflow, and the per-token
    normalisation at the end removes the scale.
    """
    batch, longest, size = emissions.shape
    potentials = np.exp(emissions - emissions.max(axis=2, keepdims=True))
    moves = np.exp(transitions - transitions.max())
    back_moves = moves.T
    alpha = np.empty((batch, longest, size))
    beta = np.ones((batch, longest, size))
    alpha[:, 0] = potentials[:, 0]
    for t in range(1, longest):
        row = np.multiply(alpha[:, t - 1] @ moves, potentials[:, t], out=alpha[:, t])
        if t % _RESCALE == 0:
            row /= row.sum(axis=1, keepdims=True)
    ended = lengths - 1
    for t in range(longest - 2, -1, -1):
        row = (potentials[:, t + 1] * beta[:, t + 1]) @ back_moves
        if t % _RESCALE == 0:
            row /= row.sum(axis=1, keepdims=True)
        np.copyto(beta[:, t], row, where=(t < ended)[:, None])  # sentences not yet ended
    product = alpha * beta
    total = product.sum(axis=2, keepdims=True)
    total[total == 0] = 1.0  # padding
    table: np.ndarray = product / total
    return table


_RESCALE = 8
