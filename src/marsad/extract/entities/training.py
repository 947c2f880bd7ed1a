"""Training the CRF tagger and scoring it the way published ANERcorp results are scored.

Training is deterministic: L-BFGS over the same sentences in the same order gives the same
model, so ``marsad train ner`` reproduces the shipped file. Scores are CoNLL-style: an entity
counts only if its type and both boundaries match, micro-averaged over PERS, LOC and ORG
(MISC is tagged internally but is not an entity type of marsad).

Two features describe a word by the data itself: its frequency in news text (the packaged
``wordfreq.tsv``, which counts the ANERcorp and AQMAR training text) and its name memory (tag
counts of its stem in the training data). Read naively, every training word would be "seen"
by both, and the tagger would learn to trust them more than it can on new text, where most
names are unseen. So training is jackknifed: each source is cut into tenths, and a sentence's
features are computed with the counts of its own tenth taken out, as if it were new text.
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pycrfsuite

from marsad.errors import InputError
from marsad.eval.score import Tally
from marsad.extract.entities.corpus import ENTITY_TYPES, Sentence, spans
from marsad.extract.entities.crf import Weights
from marsad.extract.entities.features import FEATURES_VERSION, MEMORY_TAGS, Features
from marsad.text.clitics import word_frequencies
from marsad.text.normalize import normalize

# L-BFGS with elastic-net regularisation: c1 (L1) prunes useless features, which keeps the
# model small; c2 (L2) smooths. Chosen on a held-out tenth of ANERcorp train (see the model card).
DEFAULT_PARAMS: dict[str, Any] = {
    "c1": 0.02,
    "c2": 0.05,
    "max_iterations": 200,
    "feature.possible_transitions": True,
    "feature.minfreq": 1,
}


# Each source is cut into this many contiguous parts for the jackknifed features.
JACKKNIFE_FOLDS = 10
# A source whose Arabic words are at least this share in the packaged frequencies is counted there.
COUNTED_SHARE = 0.995
_ARABIC_WORD = re.compile(r"^[\u0621-\u064a\u0660-\u0669\u0671-\u06d3\u0640\u064b-\u0652]+$")
_TAG_COLUMN = {tag: i for i, tag in enumerate(MEMORY_TAGS)}


@dataclass(frozen=True)
class Source:
    """The sentences of one training corpus; ``weight``: how many times each is repeated."""

    name: str
    sentences: Sequence[Sentence]
    weight: int = 1


def surface_counts(sentences: Sequence[Sentence]) -> Counter[str]:
    """Normalised Arabic words of ``sentences`` counted as ``data/ar/wordfreq.tsv`` counts them."""
    return Counter(normalize(w) for s in sentences for w in s.words if _ARABIC_WORD.match(w))


def is_counted(sentences: Sequence[Sentence], frequencies: Mapping[str, int]) -> bool:
    """Whether the packaged frequencies were counted over this text (nearly all its words are in)."""
    words = surface_counts(sentences)
    total = sum(words.values())
    return bool(total) and sum(n for w, n in words.items() if w in frequencies) / total >= COUNTED_SHARE


def without(frequencies: Mapping[str, int], part: Counter[str]) -> dict[str, int]:
    """Frequencies with the words of ``part`` taken out (as if that text were unseen)."""
    out = dict(frequencies)
    for word, count in part.items():
        left = out.get(word, 0) - count
        if left > 0:
            out[word] = left
        else:
            out.pop(word, None)
    return out


def name_memory(sentences: Sequence[Sentence], features: Features) -> dict[str, list[int]]:
    """Tag counts of each word stem (clitics removed) in tagged ``sentences``."""
    memory: dict[str, list[int]] = {}
    for sentence in sentences:
        for lexical, tag in zip(features.lexicals(sentence.words), sentence.tags):
            memory.setdefault(lexical, [0] * len(MEMORY_TAGS))[_TAG_COLUMN.get(tag, 0)] += 1
    return memory


def memory_without(total: Mapping[str, list[int]], part: Mapping[str, list[int]]) -> dict[str, tuple[int, ...]]:
    """The name memory ``total`` with the counts of ``part`` taken out."""
    out: dict[str, tuple[int, ...]] = {}
    for word, counts in total.items():
        taken = part.get(word)
        left = tuple(c - t for c, t in zip(counts, taken)) if taken else tuple(counts)
        if any(left):
            out[word] = left
    return out


@dataclass
class TypeScore(Tally):
    """True positives, false positives and false negatives of one entity type, reported as
    percentages (as NER papers do)."""

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


def jackknifed(
    sources: Sequence[Source], frequencies: Mapping[str, int] | None = None, folds: int = JACKKNIFE_FOLDS
) -> Iterator[tuple[Source, Sentence, Features, dict[str, tuple[int, ...]]]]:
    """Each training sentence with the features it is described by, in a fixed order.

    Each tenth of a source is described with frequencies and a name memory that leave that
    tenth out (see the module docstring). The last item of each tuple is the memory of all the
    data, which the tagger reads at run time.
    """
    sentences = [s for source in sources for s in source.sentences]
    base = frequencies if frequencies is not None else word_frequencies()
    plain = Features(frequencies=base)
    total = name_memory(sentences, plain)
    memory = {word: tuple(counts) for word, counts in total.items()}
    for source in sources:
        own = is_counted(source.sentences, base)
        size = len(source.sentences)
        for k in range(folds):
            part = source.sentences[k * size // folds : (k + 1) * size // folds]
            if not part:
                continue
            features = Features(
                frequencies=without(base, surface_counts(part)) if own else base,
                memory=memory_without(total, name_memory(part, plain)),
            )
            for sentence in part:
                yield source, sentence, features, memory


def train(
    sources: Sequence[Source],
    output: str | Path,
    *,
    params: dict[str, Any] | None = None,
    frequencies: Mapping[str, int] | None = None,
    folds: int = JACKKNIFE_FOLDS,
    log: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Train a CRF on ``sources`` and write it to ``output``; returns what was done.

    Features are jackknifed (:func:`jackknifed`); the exported weights carry the name memory
    of all the data, which is what the tagger reads at run time.
    """
    base = frequencies if frequencies is not None else word_frequencies()
    trainer = pycrfsuite.Trainer(verbose=False)
    started = time.perf_counter()
    appended = tokens = 0
    memory: dict[str, tuple[int, ...]] = {}
    for source, sentence, features, memory in jackknifed(sources, base, folds):
        items = features.sentence(sentence.words)
        for _ in range(source.weight):
            trainer.append(items, list(sentence.tags))
            appended += 1
            tokens += len(sentence.words)
    if not appended:
        raise InputError("no training sentences", source=str(output))
    settings = {**DEFAULT_PARAMS, **(params or {})}
    trainer.select("lbfgs")
    trainer.set_params(settings)
    log(f"training on {appended} sentences ({tokens} tokens), {settings}")
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(output))
    Weights.from_crfsuite(output).with_memory(memory).save(output.with_suffix(".npz"))
    seconds = time.perf_counter() - started
    last = trainer.logparser.last_iteration or {}
    return {
        "sentences": appended,
        "tokens": tokens,
        "params": settings,
        "features_version": FEATURES_VERSION,
        "jackknife_folds": folds,
        "counted_in_word_frequencies": [s.name for s in sources if is_counted(s.sentences, base)],
        "memory_words": len(memory),
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
