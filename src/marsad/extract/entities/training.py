"""Training the CRF tagger and scoring it the way published ANERcorp results are scored.

Training is deterministic: L-BFGS over the same sentences in the same order gives the same
model, so ``marsad train ner`` reproduces the shipped file. Scores are CoNLL-style: an entity
counts only if its type and both boundaries match, micro-averaged over PERS, LOC and ORG
(MISC is tagged internally but is not an entity type of marsad).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pycrfsuite

from marsad.errors import InputError
from marsad.extract.entities.corpus import ENTITY_TYPES, Sentence, spans
from marsad.extract.entities.crf import Weights
from marsad.extract.entities.features import FEATURES_VERSION, Features

# L-BFGS with elastic-net regularisation: c1 (L1) prunes useless features, which keeps the
# model small; c2 (L2) smooths. Chosen on a held-out tenth of ANERcorp train (see the model card).
DEFAULT_PARAMS: dict[str, Any] = {
    "c1": 0.02,
    "c2": 0.05,
    "max_iterations": 200,
    "feature.possible_transitions": True,
    "feature.minfreq": 1,
}


@dataclass
class TypeScore:
    """True positives, false positives and false negatives of one entity type."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """Share of predicted entities that are right (0 when nothing was predicted)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """Share of gold entities found (0 when there are none)."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        """Percentages rounded to two decimals, with the counts behind them."""
        return {
            "precision": round(100 * self.precision, 2),
            "recall": round(100 * self.recall, 2),
            "f1": round(100 * self.f1, 2),
            "gold": self.tp + self.fn,
            "predicted": self.tp + self.fp,
        }


@dataclass
class Report:
    """Entity-level scores per type and micro-averaged over PERS, LOC and ORG."""

    types: dict[str, TypeScore] = field(default_factory=lambda: {t: TypeScore() for t in ENTITY_TYPES})
    sentences: int = 0
    tokens: int = 0

    @property
    def micro(self) -> TypeScore:
        """Counts summed over PERS, LOC and ORG (micro-average, as published results use)."""
        total = TypeScore()
        for score in self.types.values():
            total.tp += score.tp
            total.fp += score.fp
            total.fn += score.fn
        return total

    def add(self, gold: Sequence[str], predicted: Sequence[str]) -> None:
        """Count one sentence: an entity is right only with its type and both boundaries."""
        self.sentences += 1
        self.tokens += len(gold)
        expected = {s for s in spans(gold) if s[0] in self.types}
        found = {s for s in spans(predicted) if s[0] in self.types}
        for kind, score in self.types.items():
            e = {s for s in expected if s[0] == kind}
            f = {s for s in found if s[0] == kind}
            score.tp += len(e & f)
            score.fp += len(f - e)
            score.fn += len(e - f)

    def as_dict(self) -> dict[str, Any]:
        """The scores as JSON-ready numbers (written by ``marsad eval-ner``)."""
        return {
            "micro": self.micro.as_dict(),
            **{kind: score.as_dict() for kind, score in self.types.items()},
            "sentences": self.sentences,
            "tokens": self.tokens,
        }


def train(
    sentences: Sequence[Sentence],
    output: str | Path,
    *,
    params: dict[str, Any] | None = None,
    features: Features | None = None,
    log: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Train a CRF on ``sentences`` and write it to ``output``; returns what was done."""
    if not sentences:
        raise InputError("no training sentences", source=str(output))
    features = features or Features()
    trainer = pycrfsuite.Trainer(verbose=False)
    started = time.perf_counter()
    for sentence in sentences:
        trainer.append(features.sentence(sentence.words), list(sentence.tags))
    settings = {**DEFAULT_PARAMS, **(params or {})}
    trainer.select("lbfgs")
    trainer.set_params(settings)
    log(f"training on {len(sentences)} sentences ({sum(len(s.words) for s in sentences)} tokens), {settings}")
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(output))
    Weights.from_crfsuite(output).save(output.with_suffix(".npz"))
    seconds = time.perf_counter() - started
    last = trainer.logparser.last_iteration or {}
    return {
        "sentences": len(sentences),
        "tokens": sum(len(s.words) for s in sentences),
        "params": settings,
        "features_version": FEATURES_VERSION,
        "iterations": last.get("num", None),
        "loss": last.get("loss", None),
        "seconds": round(seconds, 1),
        "model_bytes": output.stat().st_size,
        "weights_bytes": output.with_suffix(".npz").stat().st_size,
    }


def evaluate(tag: Callable[[Sequence[str]], Sequence[str]], sentences: Sequence[Sentence]) -> Report:
    """Score a tagging function (words → tags) on gold sentences."""
    report = Report()
    for sentence in sentences:
        report.add(sentence.tags, tag(sentence.words))
    return report


def consistent(words: Sequence[Sequence[str]], labels: Sequence[Sequence[str]], window: int, forms: Callable[[Sequence[str]], list[str]]) -> list[list[str]]:
    """Labels made consistent across neighbouring sentences, as the component does in a document.

    A corpus without article boundaries (ANERcorp's split) stands in for its articles with a
    window of ``window`` sentences on each side: a name tagged there is tagged here too, where
    the tagger left the same words (by stem) untagged. Longest names first; MISC is left out.
    """
    lexicals = [forms(w) for w in words]
    names: list[dict[tuple[str, ...], str]] = []
    for lex, tags in zip(lexicals, labels):
        names.append({tuple(lex[a:b]): kind for kind, a, b in spans(tags) if kind in ENTITY_TYPES})
    result = []
    for index, (lex, tags) in enumerate(zip(lexicals, labels)):
        known: dict[tuple[str, ...], dict[str, int]] = {}
        for other in names[max(0, index - window) : index + window + 1]:
            for name, kind in other.items():
                votes = known.setdefault(name, {})
                votes[kind] = votes.get(kind, 0) + 1
        fixed = list(tags)
        longest = max((len(n) for n in known), default=0)
        i = 0
        while i < len(fixed):
            step = 1
            for length in range(min(longest, len(fixed) - i), 0, -1):
                name = tuple(lex[i : i + length])
                if name in known and all(t == "O" for t in fixed[i : i + length]) and all(len(w) > 1 for w in name):
                    kind = max(known[name], key=lambda k: known[name][k])
                    fixed[i : i + length] = ["B-" + kind] + ["I-" + kind] * (length - 1)
                    step = length
                    break
            i += step
        result.append(fixed)
    return result


def write_metadata(path: str | Path, metadata: dict[str, Any]) -> None:
    """Write the training record next to the model (read by the model card and ``--help``)."""
    Path(path).write_text(json.dumps(metadata, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
