"""The neural tagger, run in numpy: character CNN + word embeddings + BiLSTM + CRF.

``marsad train ner`` trains it with torch (:mod:`.neural_training`, the ``train`` extra) and
exports its weights to ``models/ner-nn.npz``; at run time marsad computes the same network with
numpy alone, so torch is never needed to tag. A word is described by its normalised form, its
stem (clitics removed), its letters (a CNN over them: "غونزاليس" reads as a foreign name even
when unseen) and the discrete features of :mod:`.features` (lexicon memberships, frequency
class, name memory); a bidirectional LSTM reads the sentence and a CRF layer scores label
sequences. What a word contributes before the LSTM (its input projection) is computed once per
distinct word and cached, so a document costs one LSTM pass per direction over its sentences,
batched.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from threadpoolctl import ThreadpoolController

from marsad.errors import DataFileError
from marsad.extract.entities.features import Features
from marsad.text.normalize import normalize

FORMAT = "marsad.ner-neural/1"
# Letters of a word the character CNN reads, and the marks around them.
MAX_CHARS = 12
WORD_START, WORD_END = "^", "$"
# Feature names (from :class:`.features.Features`) the network reads, by prefix; "w=" only for
# marks (a word's own form has its embedding).
FEATURE_PREFIXES = ("shape=", "p=", "fq=", "fqs=", "L=", "len=", "al", "noal", "x1=", "x2=", "w=", "M=", "Mr=", "Mn=", "MB=", "MI=")
MAX_FEATURES = 24
PAD, UNKNOWN = 0, 1
_CACHE_SIZE = 200_000
_BLAS = ThreadpoolController()


def discrete(own: Sequence[str]) -> list[str]:
    """The features of a word the network reads (marks keep their "w=" feature)."""
    return [f for f in own if f.startswith(FEATURE_PREFIXES) and not (f.startswith("w=") and len(f) > 3)]


def char_ids(norm: str, chars: dict[str, int]) -> list[int]:
    """Character ids of a normalised word, with start and end marks, padded to a fixed width."""
    ids = [chars.get(c, UNKNOWN) for c in WORD_START + norm[:MAX_CHARS] + WORD_END]
    return ids + [PAD] * (MAX_CHARS + 2 - len(ids))


@dataclass(frozen=True)
class NeuralWeights:
    """Vocabularies and arrays of the network (shapes as torch stores them)."""

    labels: tuple[str, ...]
    words: dict[str, int]
    stems: dict[str, int]
    chars: dict[str, int]
    features: dict[str, int]
    arrays: dict[str, np.ndarray]
    memory: dict[str, tuple[int, ...]]
    header: dict[str, object]

    def save(self, path: str | Path) -> None:
        """Write the network as one compressed ``.npz`` file."""

        def text(items: dict[str, int]) -> np.ndarray:
            names = sorted(items, key=items.__getitem__)
            return np.frombuffer("\n".join(names).encode("utf-8"), dtype=np.uint8)

        words = sorted(self.memory)
        header = {**self.header, "format": FORMAT, "labels": list(self.labels)}
        stored: dict[str, np.ndarray] = {
            "header": np.frombuffer(json.dumps(header, ensure_ascii=False).encode("utf-8"), dtype=np.uint8),
            "vocab_words": text(self.words),
            "vocab_stems": text(self.stems),
            "vocab_chars": text(self.chars),
            "vocab_features": text(self.features),
            "memory_words": np.frombuffer("\n".join(words).encode("utf-8"), dtype=np.uint8),
            "memory_counts": np.array([self.memory[w] for w in words], dtype=np.int32) if words else np.zeros((0, 0), dtype=np.int32),
        }
        stored.update({"a_" + name: array for name, array in self.arrays.items()})
        with open(path, "wb") as out:
            np.savez_compressed(out, allow_pickle=False, **stored)

    @classmethod
    def load(cls, path: str | Path) -> NeuralWeights:
        """Read a network written by :meth:`save`."""
        try:
            with np.load(path) as data:
                header = json.loads(bytes(data["header"]).decode("utf-8"))
                if header.get("format") != FORMAT:
                    raise DataFileError(f"{path}: not a {FORMAT} file; retrain with `marsad train ner`")

                def vocab(key: str, first: int) -> dict[str, int]:
                    text = bytes(data[key]).decode("utf-8")
                    return {name: i for i, name in enumerate(text.split("\n") if text else [], first)}

                words = bytes(data["memory_words"]).decode("utf-8")
                memory = {w: tuple(row) for w, row in zip(words.split("\n") if words else [], data["memory_counts"].tolist())}
                arrays = {key[2:]: data[key].astype(np.float32) for key in data.files if key.startswith("a_")}
                return cls(
                    tuple(header["labels"]),
                    vocab("vocab_words", 2),
                    vocab("vocab_stems", 2),
                    vocab("vocab_chars", 2),
                    vocab("vocab_features", 1),
                    arrays,
                    memory,
                    header,
                )
        except (OSError, ValueError, KeyError, json.JSONDecodeError) as error:
            raise DataFileError(f"{path}: cannot read the neural entity model ({error}); retrain with `marsad train ner`") from error


class NeuralNet:
    """The network's forward pass in numpy: emissions (label scores) of a batch of sentences."""

    def __init__(self, weights: NeuralWeights, features: Features | None = None) -> None:
        self.weights = weights
        self.labels = weights.labels
        self.features = features or Features(memory=weights.memory)
        a = weights.arrays
        self.hidden = int(a["lstm_f_hh"].shape[1])
        conv = a["conv_w"]  # (filters, char dim, width)
        self._conv = conv.transpose(2, 1, 0).reshape(-1, conv.shape[0])  # (width * char dim, filters)
        self._conv_width = int(conv.shape[2])
        # input projections of both directions side by side: (input, 8 * hidden)
        self._project = np.concatenate([a["lstm_f_ih"].T, a["lstm_b_ih"].T], axis=1)
        self._bias = np.concatenate([a["lstm_f_b"], a["lstm_b_b"]])
        self._recur = np.ascontiguousarray(np.stack([a["lstm_f_hh"].T, a["lstm_b_hh"].T]))  # (2, hidden, 4 * hidden)
        self._out = np.ascontiguousarray(a["out_w"].T)
        self._out_b = a["out_b"]
        self.transitions = a["transitions"].astype(np.float64)
        sizes = [a["emb_words"].shape[1], a["emb_stems"].shape[1], conv.shape[0]]
        self._bag_at = sum(sizes)  # where the feature bag starts in a word's input vector
        bag = a["emb_features"]
        self._gz = {name: bag[i] @ self._project[self._bag_at :] for name, i in weights.features.items() if name.startswith("GZ=")}
        self._cache: dict[str, np.ndarray] = {}

    def _vectors(self, words: Sequence[str]) -> np.ndarray:
        """Input projections (both directions, bias included) of distinct words, computed together."""
        w, a = self.weights, self.weights.arrays
        norms = [normalize(word) for word in words]
        lexicals = self.features.lexicals(words)
        ids = np.array([w.words.get(n, UNKNOWN) for n in norms])
        stems = np.array([w.stems.get(s, UNKNOWN) for s in lexicals])
        chars = np.array([char_ids(n, w.chars) for n in norms])  # (n, width)
        letters = a["emb_chars"][chars]  # (n, width, char dim)
        pad = self._conv_width // 2
        padded = np.pad(letters, ((0, 0), (pad, pad), (0, 0)))
        windows = np.concatenate([padded[:, k : k + letters.shape[1]] for k in range(self._conv_width)], axis=2)
        shapes = np.maximum(windows @ self._conv + a["conv_b"], 0.0).max(axis=1)  # (n, filters)
        bag = np.zeros((len(words), a["emb_features"].shape[1]), dtype=np.float32)
        for row, word in enumerate(words):
            found = [i for i in (w.features.get(f) for f in discrete(self.features.parts(word)[0])) if i is not None][:MAX_FEATURES]
            if found:
                bag[row] = a["emb_features"][found].sum(axis=0)
        vectors = np.concatenate([a["emb_words"][ids], a["emb_stems"][stems], shapes, bag], axis=1)
        projected: np.ndarray = vectors @ self._project + self._bias
        return projected

    def _lookup(self, sentences: Sequence[Sequence[str]]) -> list[np.ndarray]:
        new = list(dict.fromkeys(word for words in sentences for word in words if word not in self._cache))
        if new:
            if len(self._cache) + len(new) > _CACHE_SIZE:
                self._cache.clear()
            for word, row in zip(new, self._vectors(new)):
                self._cache[word] = row
        rows = []
        for words in sentences:
            table = np.array([self._cache[word] for word in words])
            gazetteer = self.features.gazetteer(self.features.lexicals(words))
            for i, tag in enumerate(gazetteer):
                if tag and "GZ=" + tag in self._gz:
                    table[i] += self._gz["GZ=" + tag]
            rows.append(table)
        return rows

    def _both_directions(self, inputs: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """The BiLSTM over a padded batch, both directions stepped together (torch's gate order:
        i, f, g, o): at step s the forward pass reads position s and the backward pass position
        longest - 1 - s, so each step is a handful of numpy calls for the whole document. The
        sentences are taken longest first, and a step computes only those still running in one
        direction or the other (most of a document's sentences are much shorter than its longest).
        """
        batch, longest, _ = inputs.shape
        size = self.hidden
        order = np.argsort(-lengths, kind="stable")
        ranked = lengths[order]
        forward, backward = inputs[order, :, : 4 * size], inputs[order, :, 4 * size :]
        h = np.zeros((2, batch, size), dtype=np.float32)
        c = np.zeros((2, batch, size), dtype=np.float32)
        gates = np.empty((2, batch, 4 * size), dtype=np.float32)
        out = np.zeros((batch, longest, 2 * size), dtype=np.float32)
        running = [int(np.count_nonzero(ranked > t)) for t in range(longest)]  # sentences with a word at t
        for step in range(longest):
            back = longest - 1 - step
            k = max(running[step], running[back])
            hk, ck, gk = h[:, :k], c[:, :k], gates[:, :k]
            np.matmul(hk, self._recur, out=gk)
            gk[0] += forward[:k, step]
            gk[1] += backward[:k, back]
            # sigmoid(x) = (tanh(x / 2) + 1) / 2 on all gates at once; the g gate takes tanh(x)
            g = np.tanh(gk[:, :, 2 * size : 3 * size])
            gk *= 0.5
            np.tanh(gk, out=gk)
            gk += 1.0
            gk *= 0.5
            ck *= gk[:, :, size : 2 * size]
            ck += gk[:, :, :size] * g
            hk[...] = gk[:, :, 3 * size :] * np.tanh(ck)
            # a sentence's backward pass starts at its own last word: zero state before it
            ended = running[back]
            hk[1, ended:] = 0.0
            ck[1, ended:] = 0.0
            out[:k, step, :size] = hk[0]
            out[:k, back, size:] = hk[1]
        restored = np.empty_like(out)
        restored[order] = out
        return restored

    def emissions(self, sentences: Sequence[Sequence[str]]) -> tuple[np.ndarray, np.ndarray]:
        """Label scores of non-empty sentences, padded: ``(sentences, positions, labels)``, lengths."""
        lengths = np.array([len(s) for s in sentences], dtype=np.intp)
        longest = int(lengths.max()) if len(lengths) else 0
        size = 4 * self.hidden
        inputs = np.zeros((len(sentences), longest, 2 * size), dtype=np.float32)
        with _BLAS.limit(limits=1, user_api="blas"):  # one core: BLAS threads only wait on each other here
            for b, table in enumerate(self._lookup(sentences)):
                inputs[b, : len(table)] = table
            scores = self._both_directions(inputs, lengths) @ self._out + self._out_b
        return scores.astype(np.float64), lengths


def load_neural(path: str | Path) -> NeuralNet:
    """The network stored at ``path``."""
    path = Path(path)
    if not path.is_file():
        raise DataFileError(f"neural entity model {str(path)!r} is missing; train it with `marsad train ner` or reinstall marsad")
    return NeuralNet(NeuralWeights.load(path))
