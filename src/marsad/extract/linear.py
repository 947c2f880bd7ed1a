"""Small sparse linear models, trained and run with numpy alone.

The events and quotes components decide with models learnt from the project's annotated
articles: which lexicon candidates are events (a multi-class classifier) and which participant
is the actor or the recipient (a ranker that picks one candidate out of a group, "nobody"
included). Both are linear over sparse binary features named by strings ("lemma=اتفق",
"prev=قد"), so a decision costs a few dictionary look-ups and one small sum, and a model file
is a feature list and a weight matrix.

Training is full-batch Adam on the L2-regularised log-likelihood, from zero weights, over the
data in the order given: the same data gives the same model, bit for bit.

>>> model = train_classifier([["w=a"], ["w=b"]], ["yes", "no"], labels=("no", "yes"), iterations=50)
>>> model.classify(["w=a"])[0]
'yes'
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from marsad.errors import DataFileError

BIAS = "bias"  # a feature every example has: the prior of each label


@dataclass
class LinearModel:
    """Weights of a linear model over named sparse features.

    ``labels`` are the classes of a classifier, or ``("score",)`` for a ranker, whose single
    column scores one candidate. ``header`` records how the model was made.
    """

    labels: tuple[str, ...]
    features: dict[str, int]
    weights: np.ndarray  # (len(features), len(labels)), float32
    header: dict[str, Any] = field(default_factory=dict)

    def rows(self, features: Iterable[str]) -> list[int]:
        """Indices of the known ``features`` (unknown ones carry no weight)."""
        index = self.features
        return [index[f] for f in features if f in index]

    def scores(self, features: Iterable[str]) -> np.ndarray:
        """The score of every label for one example."""
        rows = self.rows(features)
        if not rows:
            return np.zeros(len(self.labels), dtype=np.float32)
        result: np.ndarray = self.weights[rows].sum(axis=0)
        return result

    def probabilities(
        self, features: Iterable[str], allowed: Sequence[str] | None = None
    ) -> dict[str, float]:
        """Label probabilities of one example, over ``allowed`` labels only when given."""
        scores = self.scores(features)
        keep = (
            [self.labels.index(a) for a in allowed if a in self.labels]
            if allowed
            else range(len(self.labels))
        )
        keep = list(keep)
        chosen = scores[keep]
        chosen = np.exp(chosen - chosen.max())
        chosen /= chosen.sum()
        return {self.labels[k]: float(p) for k, p in zip(keep, chosen)}

    def classify(
        self, features: Iterable[str], allowed: Sequence[str] | None = None
    ) -> tuple[str, float]:
        """The most probable label (among ``allowed``) and its probability."""
        probs = self.probabilities(features, allowed)
        best = max(probs, key=lambda label: probs[label])
        return best, probs[best]

    def best(self, candidates: Sequence[Iterable[str]], first: int = 0) -> tuple[int, float]:
        """The candidate of one group the ranker prefers, from index ``first`` on, and its
        probability under the softmax over the whole group (a ranker's decision). Plain floats,
        not numpy: on groups of a few candidates numpy costs more than the sums themselves."""
        if len(candidates) <= first:
            raise ValueError(f"no candidate from index {first} in a group of {len(candidates)}")
        column = self._column()
        totals: list[float] = []
        for c in candidates:
            # left to right from 0.0, as sum() adds floats: the same total to the last bit
            total = 0.0
            for name in c:
                w = column.get(name)
                if w is not None:
                    total += w
            totals.append(total)
        top = max(totals)
        exps = [math.exp(t - top) for t in totals]
        chosen = max(range(first, len(exps)), key=exps.__getitem__)  # the first of equals
        return chosen, exps[chosen] / math.fsum(exps)

    def _column(self) -> dict[str, float]:
        """A ranker's weights as a plain dict: a few look-ups per candidate beat numpy's
        indexing on such short feature lists."""
        cached: dict[str, float] | None = getattr(self, "_weights_by_name", None)
        if cached is None:
            column = self.weights[:, 0].tolist()
            cached = {name: column[k] for name, k in self.features.items()}
            self._weights_by_name = cached
        return cached

    def save(self, path: Path) -> None:
        """Write the model as one ``.npz`` (features, labels, weights, JSON header)."""
        names = sorted(self.features, key=self.features.__getitem__)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            np.savez_compressed(
                handle,
                features=np.array(names, dtype=np.str_),
                labels=np.array(self.labels, dtype=np.str_),
                weights=self.weights.astype(np.float32),
                header=np.array(json.dumps(self.header, ensure_ascii=False, sort_keys=True)),
            )

    @classmethod
    def load(cls, path: Path) -> LinearModel:
        """Read a model written by :meth:`save`."""
        try:
            with np.load(path, allow_pickle=False) as data:
                names = [str(n) for n in data["features"]]
                labels = tuple(str(label) for label in data["labels"])
                weights = np.asarray(data["weights"], dtype=np.float32)
                header = json.loads(str(data["header"]))
        except (OSError, KeyError, ValueError) as error:
            raise DataFileError(
                f"model file {path} cannot be read ({error}); rebuild it with `marsad train`"
            ) from error
        if weights.shape != (len(names), len(labels)):
            raise DataFileError(
                f"model file {path} is inconsistent: {weights.shape} weights for {len(names)} features and {len(labels)} labels"
            )
        return cls(labels, {name: k for k, name in enumerate(names)}, weights, header)


class _Design:
    """Examples as a sparse binary matrix: feature indices per row, kept in two orders so
    both ``X @ W`` and ``X.T @ G`` are one ``reduceat`` each."""

    def __init__(self, rows: Sequence[Sequence[int]], n_features: int):
        lengths = np.array([len(r) for r in rows], dtype=np.int64)
        if (lengths == 0).any():
            raise ValueError("every example needs at least one feature (the bias)")
        self.n_rows = len(rows)
        self.indptr = np.concatenate([[0], np.cumsum(lengths)])
        self.indices = np.fromiter(
            (k for r in rows for k in r), dtype=np.int64, count=int(lengths.sum())
        )
        self.row_of = np.repeat(np.arange(len(rows)), lengths)
        order = np.argsort(self.indices, kind="stable")
        self.by_feature = order
        sorted_features = self.indices[order]
        self.feature_ids, self.feature_starts = np.unique(sorted_features, return_index=True)
        self.n_features = n_features

    def times(self, weights: np.ndarray) -> np.ndarray:
        """``X @ W``."""
        gathered = weights[self.indices]
        result: np.ndarray = np.add.reduceat(gathered, self.indptr[:-1], axis=0)
        return result

    def transpose_times(self, gradient: np.ndarray) -> np.ndarray:
        """``X.T @ G``."""
        out = np.zeros((self.n_features, gradient.shape[1]), dtype=np.float64)
        gathered = gradient[self.row_of[self.by_feature]]
        out[self.feature_ids] = np.add.reduceat(gathered, self.feature_starts, axis=0)
        return out


def vocabulary(examples: Iterable[Iterable[str]], min_count: int) -> dict[str, int]:
    """Features seen at least ``min_count`` times (the bias always), in sorted order."""
    counts: Counter[str] = Counter()
    for features in examples:
        counts.update(set(features))
    names = sorted(name for name, count in counts.items() if count >= min_count or name == BIAS)
    if BIAS not in names:
        names.insert(0, BIAS)
    return {name: k for k, name in enumerate(names)}


def _penalties(index: dict[str, int], l2: float, scale: dict[str, float] | None) -> np.ndarray:
    """The L2 penalty of each feature (a column vector), ``l2`` times the scale of its prefix."""
    penalty = np.full((len(index), 1), l2)
    for prefix, factor in (scale or {}).items():
        for name, k in index.items():
            if name.startswith(prefix):
                penalty[k, 0] = l2 * factor
    return penalty


def _indices(features: Iterable[str], index: dict[str, int]) -> list[int]:
    found = sorted({index[f] for f in features if f in index})
    return found or [index[BIAS]]


def _adam(
    loss_and_gradient: Any,
    shape: tuple[int, int],
    *,
    iterations: int,
    rate: float,
    l2: float | np.ndarray,
    n: int,
) -> tuple[np.ndarray, list[float]]:
    """Full-batch Adam from zero weights; ``l2`` is one penalty or one per feature (a column)."""
    weights = np.zeros(shape, dtype=np.float64)
    first = np.zeros(shape)
    second = np.zeros(shape)
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    losses = []
    for step in range(1, iterations + 1):
        loss, gradient = loss_and_gradient(weights)
        loss = loss / n + float((l2 * weights * weights).sum())
        gradient = gradient / n + 2 * l2 * weights
        losses.append(loss)
        first = beta1 * first + (1 - beta1) * gradient
        second = beta2 * second + (1 - beta2) * gradient * gradient
        corrected1 = first / (1 - beta1**step)
        corrected2 = second / (1 - beta2**step)
        weights -= rate * corrected1 / (np.sqrt(corrected2) + eps)
    return weights, losses


def train_classifier(
    examples: Sequence[Iterable[str]],
    targets: Sequence[str],
    *,
    labels: Sequence[str],
    allowed: Sequence[Sequence[str]] | None = None,
    l2: float = 1e-3,
    iterations: int = 200,
    rate: float = 0.05,
    min_count: int = 1,
    weights: Sequence[float] | None = None,
) -> LinearModel:
    """A multinomial logistic regression: one label of ``labels`` per example.

    ``allowed``: per example, the labels it may take (the softmax runs over those only: a
    candidate from the lexicon can only be of the types its entries name, or nothing).
    ``weights``: per-example weights of the loss (default 1).
    """
    label_list = tuple(labels)
    examples = [list(e) for e in examples]
    index = vocabulary(examples, min_count)
    design = _Design([_indices(e, index) for e in examples], len(index))
    y = np.array([label_list.index(t) for t in targets])
    mask = np.ones((len(examples), len(label_list)), dtype=bool)
    if allowed is not None:
        mask[:] = False
        for row, labels_here in enumerate(allowed):
            for label in labels_here:
                mask[row, label_list.index(label)] = True
        mask[np.arange(len(y)), y] = True
    w = np.ones(len(examples)) if weights is None else np.asarray(weights, dtype=np.float64)

    def loss_and_gradient(W: np.ndarray) -> tuple[float, np.ndarray]:
        scores = design.times(W)
        scores = np.where(mask, scores, -np.inf)
        scores -= scores.max(axis=1, keepdims=True)
        probs = np.exp(scores)
        probs /= probs.sum(axis=1, keepdims=True)
        loss = -float((w * np.log(probs[np.arange(len(y)), y] + 1e-12)).sum())
        residual = probs
        residual[np.arange(len(y)), y] -= 1.0
        residual *= w[:, None]
        return loss, design.transpose_times(residual)

    W, losses = _adam(
        loss_and_gradient,
        (len(index), len(label_list)),
        iterations=iterations,
        rate=rate,
        l2=l2,
        n=len(examples),
    )
    header = {
        "kind": "classifier",
        "l2": l2,
        "iterations": iterations,
        "rate": rate,
        "min_count": min_count,
        "examples": len(examples),
        "final_loss": round(losses[-1], 6),
    }
    return LinearModel(label_list, index, W.astype(np.float32), header)


def train_ranker(
    groups: Sequence[Sequence[Iterable[str]]],
    positives: Sequence[Sequence[bool]],
    *,
    l2: float = 1e-3,
    iterations: int = 200,
    rate: float = 0.05,
    min_count: int = 1,
    l2_scale: dict[str, float] | None = None,
) -> LinearModel:
    """A conditional-logit ranker: in each group, the candidates marked positive should win.

    The likelihood of a group is the probability mass the softmax over its candidates gives to
    its positive candidates (several may be right: two mentions of the same entity).
    ``l2_scale``: feature-name prefixes whose L2 penalty is multiplied by the value (a few
    structural features may take large weights, the many lexical ones less so).
    """
    flat = [list(c) for group in groups for c in group]
    index = vocabulary(flat, min_count)
    design = _Design([_indices(c, index) for c in flat], len(index))
    sizes = np.array([len(g) for g in groups], dtype=np.int64)
    if (sizes == 0).any():
        raise ValueError("every group needs at least one candidate")
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    group_of = np.repeat(np.arange(len(groups)), sizes)
    positive = np.array([p for ps in positives for p in ps], dtype=bool)
    if not all(any(ps) for ps in positives):
        raise ValueError("every group needs a positive candidate")

    def loss_and_gradient(W: np.ndarray) -> tuple[float, np.ndarray]:
        scores = design.times(W)[:, 0]
        top = np.maximum.reduceat(scores, starts)
        exp = np.exp(scores - top[group_of])
        total = np.add.reduceat(exp, starts)
        good = np.add.reduceat(np.where(positive, exp, 0.0), starts)
        loss = -float(np.log(good / total + 1e-12).sum())
        p = exp / total[group_of]
        q = np.where(positive, exp, 0.0) / good[group_of]
        return loss, design.transpose_times((p - q)[:, None])

    penalty = _penalties(index, l2, l2_scale)
    W, losses = _adam(
        loss_and_gradient,
        (len(index), 1),
        iterations=iterations,
        rate=rate,
        l2=penalty,
        n=len(groups),
    )
    header = {
        "kind": "ranker",
        "l2": l2,
        "l2_scale": l2_scale or {},
        "iterations": iterations,
        "rate": rate,
        "min_count": min_count,
        "groups": len(groups),
        "candidates": len(flat),
        "final_loss": round(losses[-1], 6),
    }
    return LinearModel(("score",), index, W.astype(np.float32), header)
