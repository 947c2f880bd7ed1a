"""Training the neural tagger with torch (the ``train`` extra) and exporting it for numpy.

The network is the one :mod:`.neural` runs: word and stem embeddings learnt from scratch (no
pre-trained vectors can be downloaded here), a character CNN, a bag of the discrete features
of :mod:`.features`, a BiLSTM and a CRF layer, trained on the negative log-likelihood of the
gold label sequences with Adam. The discrete features are jackknifed exactly as for the CRF
(:func:`.training.jackknifed`). Training is seeded and single-threaded, so the same command
gives the same weights; the exported file holds everything :class:`.neural.NeuralNet` needs.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from marsad.errors import InputError
from marsad.extract.entities.corpus import Sentence
from marsad.extract.entities.features import MEMORY_TAGS, Features
from marsad.extract.entities.neural import (
    MAX_CHARS,
    MAX_FEATURES,
    NeuralWeights,
    char_ids,
    discrete,
)
from marsad.extract.entities.training import Source, jackknifed
from marsad.text.normalize import normalize

INSTALL_HINT = "training the neural tagger needs torch: pip install 'marsad[train]' (or pass --no-neural to train the CRF only)"
# Chosen on a held-out tenth of ANERcorp train (see the model card).
DEFAULT = {
    "epochs": 14,
    "word_dim": 64,
    "char_dim": 24,
    "filters": 64,
    "feature_dim": 48,
    "hidden": 100,
    "dropout": 0.4,
    "word_dropout": 0.1,
    "stem_dropout": 0.05,
    "learning_rate": 2e-3,
    "batch": 32,
    "seed": 0,
    "min_count": 2,
    "min_char_count": 3,
}


def torch_available() -> bool:
    """Whether torch can be imported (it is only needed to train)."""
    try:
        import torch  # noqa: F401
    except ImportError:
        return False
    return True


def _encode(sentence: Sentence, features: Features) -> tuple[list[str], list[str], list[list[str]], list[str | None]]:
    lexicals = features.lexicals(sentence.words)
    own = [discrete(features.parts(w)[0]) for w in sentence.words]
    return [normalize(w) for w in sentence.words], lexicals, own, features.gazetteer(lexicals)


def train_neural(
    sources: Sequence[Source],
    output: str | Path,
    *,
    settings: dict[str, Any] | None = None,
    frequencies: dict[str, int] | None = None,
    log: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Train the network on ``sources`` and write its numpy export to ``output``."""
    try:
        import torch
        from torch import nn
    except ImportError as error:
        raise InputError(INSTALL_HINT, source=str(output)) from error
    config = {**DEFAULT, **(settings or {})}
    random.seed(config["seed"])
    np.random.seed(config["seed"])
    torch.manual_seed(config["seed"])
    torch.set_num_threads(1)
    started = time.perf_counter()
    encoded = []
    memory: dict[str, tuple[int, ...]] = {}
    for source, sentence, features, total in jackknifed(sources, frequencies):
        memory = total
        item = (_encode(sentence, features), [LABEL_INDEX[t] for t in sentence.tags])
        encoded += [item] * source.weight
    if not encoded:
        raise InputError("no training sentences", source=str(output))
    counts = {"words": Counter[str](), "stems": Counter[str](), "chars": Counter[str](), "features": Counter[str]()}
    for (norms, lexicals, own, gazetteer), _ in encoded:
        counts["words"].update(norms)
        counts["stems"].update(lexicals)
        counts["chars"].update(c for n in norms for c in n[:MAX_CHARS])
        counts["features"].update(f for fs in own for f in fs)
        counts["features"].update("GZ=" + g for g in gazetteer if g)
    vocab_words = {w: i for i, w in enumerate(sorted(w for w, c in counts["words"].items() if c >= config["min_count"]), 2)}
    vocab_stems = {w: i for i, w in enumerate(sorted(w for w, c in counts["stems"].items() if c >= config["min_count"]), 2)}
    chars = sorted(c for c, n in counts["chars"].items() if n >= config["min_char_count"]) + ["^", "$"]
    vocab_chars = {c: i for i, c in enumerate(chars, 2)}
    vocab_features = {f: i for i, f in enumerate(sorted(f for f, c in counts["features"].items() if c >= config["min_count"]), 1)}

    def tensors(batch: Sequence[tuple[list[str], list[str], list[list[str]], list[str | None]]]) -> tuple[Any, ...]:
        longest = max(len(b[0]) for b in batch)
        words = torch.zeros(len(batch), longest, dtype=torch.long)
        stems = torch.zeros(len(batch), longest, dtype=torch.long)
        letters = torch.zeros(len(batch), longest, MAX_CHARS + 2, dtype=torch.long)
        bag = torch.zeros(len(batch), longest, MAX_FEATURES + 1, dtype=torch.long)
        mask = torch.zeros(len(batch), longest, dtype=torch.bool)
        for b, (norms, lexicals, own, gazetteer) in enumerate(batch):
            for i, norm in enumerate(norms):
                words[b, i] = vocab_words.get(norm, 1)
                stems[b, i] = vocab_stems.get(lexicals[i], 1)
                letters[b, i] = torch.tensor(char_ids(norm, vocab_chars))
                ids = [vocab_features[f] for f in own[i] if f in vocab_features][:MAX_FEATURES]
                tag = gazetteer[i]
                if tag and "GZ=" + tag in vocab_features:
                    ids.append(vocab_features["GZ=" + tag])
                if ids:
                    bag[b, i, : len(ids)] = torch.tensor(ids)
                mask[b, i] = True
        return words, stems, letters, bag, mask

    class Network(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            d = config
            self.words = nn.Embedding(len(vocab_words) + 2, d["word_dim"], padding_idx=0)
            self.stems = nn.Embedding(len(vocab_stems) + 2, d["word_dim"], padding_idx=0)
            self.chars = nn.Embedding(len(vocab_chars) + 2, d["char_dim"], padding_idx=0)
            self.conv = nn.Conv1d(d["char_dim"], d["filters"], 3, padding=1)
            self.bag = nn.EmbeddingBag(len(vocab_features) + 1, d["feature_dim"], mode="sum", padding_idx=0)
            self.drop = nn.Dropout(d["dropout"])
            self.lstm = nn.LSTM(2 * d["word_dim"] + d["filters"] + d["feature_dim"], d["hidden"], batch_first=True, bidirectional=True)
            self.out = nn.Linear(2 * d["hidden"], len(MEMORY_TAGS))
            self.transitions = nn.Parameter(torch.zeros(len(MEMORY_TAGS), len(MEMORY_TAGS)))

        def emissions(self, words: Any, stems: Any, letters: Any, bag: Any, mask: Any) -> Any:
            batch, longest = words.shape
            if self.training:  # learn what an unseen word looks like
                words = words.masked_fill((torch.rand(batch, longest) < config["word_dropout"]) & mask, 1)
                stems = stems.masked_fill((torch.rand(batch, longest) < config["stem_dropout"]) & mask, 1)
            shapes = self.chars(letters.view(batch * longest, -1)).transpose(1, 2)
            shapes = torch.relu(self.conv(shapes)).max(dim=2).values.view(batch, longest, -1)
            bags = self.bag(bag.view(batch * longest, -1)).view(batch, longest, -1)
            x = self.drop(torch.cat([self.words(words), self.stems(stems), shapes, bags], -1))
            packed = nn.utils.rnn.pack_padded_sequence(x, mask.sum(1), batch_first=True, enforce_sorted=False)
            h, _ = self.lstm(packed)
            h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True, total_length=longest)
            return self.out(self.drop(h))

        def loss(self, scores: Any, gold: Any, mask: Any) -> Any:
            alpha = scores[:, 0]
            path = scores[:, 0].gather(1, gold[:, :1]).squeeze(1)
            for t in range(1, scores.shape[1]):
                step = torch.logsumexp(alpha.unsqueeze(2) + self.transitions.unsqueeze(0), dim=1) + scores[:, t]
                live = mask[:, t]
                alpha = torch.where(live.unsqueeze(1), step, alpha)
                move = scores[:, t].gather(1, gold[:, t : t + 1]).squeeze(1) + self.transitions[gold[:, t - 1], gold[:, t]]
                path = path + move * live
            return (torch.logsumexp(alpha, 1) - path).sum()

    network = Network()
    optimiser = torch.optim.Adam(network.parameters(), lr=config["learning_rate"])
    tokens = sum(len(item[0][0]) for item in encoded)
    log(f"training the neural tagger on {len(encoded)} sentences ({tokens} tokens), {config['epochs']} epochs")
    order = list(range(len(encoded)))
    rng = random.Random(config["seed"])
    for epoch in range(config["epochs"]):
        # batches of sentences of similar length, in random order
        order.sort(key=lambda i: len(encoded[i][0][0]) + rng.random() * 8)
        batches = [order[i : i + config["batch"]] for i in range(0, len(order), config["batch"])]
        rng.shuffle(batches)
        total_loss = 0.0
        for chosen in batches:
            batch = [encoded[i] for i in chosen]
            words, stems, letters, bag, mask = tensors([b[0] for b in batch])
            gold = torch.zeros_like(words)
            for b, (_, labels) in enumerate(batch):
                gold[b, : len(labels)] = torch.tensor(labels)
            loss = network.loss(network.emissions(words, stems, letters, bag, mask), gold, mask) / len(batch)
            optimiser.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(network.parameters(), 5.0)
            optimiser.step()
            total_loss += float(loss.item())
        log(f"  epoch {epoch + 1}: loss {total_loss:.1f}")
    network.eval()

    def array(tensor: Any) -> np.ndarray:
        return np.asarray(tensor.detach().numpy(), dtype=np.float32)

    lstm: Any = network.lstm
    arrays = {
        "emb_words": array(network.words.weight),
        "emb_stems": array(network.stems.weight),
        "emb_chars": array(network.chars.weight),
        "conv_w": array(network.conv.weight),
        "conv_b": array(network.conv.bias),
        "emb_features": array(network.bag.weight),
        "lstm_f_ih": array(lstm.weight_ih_l0),
        "lstm_f_hh": array(lstm.weight_hh_l0),
        "lstm_f_b": array(lstm.bias_ih_l0 + lstm.bias_hh_l0),
        "lstm_b_ih": array(lstm.weight_ih_l0_reverse),
        "lstm_b_hh": array(lstm.weight_hh_l0_reverse),
        "lstm_b_b": array(lstm.bias_ih_l0_reverse + lstm.bias_hh_l0_reverse),
        "out_w": array(network.out.weight),
        "out_b": array(network.out.bias),
        "transitions": array(network.transitions),
    }
    weights = NeuralWeights(MEMORY_TAGS, vocab_words, vocab_stems, vocab_chars, vocab_features, arrays, memory, {"settings": config})
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    weights.save(output)
    return {
        "sentences": len(encoded),
        "tokens": tokens,
        "settings": config,
        "vocabulary": {"words": len(vocab_words), "stems": len(vocab_stems), "chars": len(vocab_chars), "features": len(vocab_features)},
        "parameters": int(sum(p.numel() for p in network.parameters())),
        "seconds": round(time.perf_counter() - started, 1),
        "bytes": output.stat().st_size,
    }


LABEL_INDEX = {tag: i for i, tag in enumerate(MEMORY_TAGS)}
