"""Scoring a Document against its gold annotation, component by component.

Gold offsets index the raw article; a Document's offsets index its cleaned text. Every
predicted span is first mapped back to raw offsets (:func:`marsad.clean.to_input_offset`) so
the two are compared in one coordinate system.

What is counted (and how matches are made) is part of the evaluation's meaning, so it is spelt
out here and in the README:

- sentences: exact ``(start, end)`` match.
- boilerplate: non-space characters removed, against the gold blocks (character P/R/F1).
- entities: mentions, exact span and type, per type; titles: gold persons found by the system
  (an exact mention match), title equal after normalisation (no title on both sides counts).
- dates, quantities: detection with exact spans (and, separately, any overlap); value
  accuracy over the overlapping pairs (dates: value and mod; quantities: value within 0.1 %
  and qualifier).
- quotes: a predicted quote matches a gold one when their spans overlap by at least half of
  the longer; speaker accuracy over matched pairs (same entity, or same speaker text).
- events: same type and overlapping triggers; type+actor also needs the same actor.
- commitments: overlapping trigger or clause, and the same due value.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from marsad.clean import to_input_offset
from marsad.document import Document
from marsad.text.normalize import normalize

Pair = tuple[int, int]


@dataclass
class Tally:
    """Counts for precision, recall and F1, plus value-accuracy counts."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    correct: int = 0
    compared: int = 0

    def add(self, other: Tally) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.correct += other.correct
        self.compared += other.compared

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def accuracy(self) -> float:
        return self.correct / self.compared if self.compared else 0.0

    def detection(self) -> dict[str, float | int]:
        """Precision, recall and F1 with the counts behind them (no value accuracy)."""
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "accuracy": round(self.accuracy, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "correct": self.correct,
            "compared": self.compared,
        }


@dataclass
class Scores:
    """Tallies by metric name, summed over articles."""

    tallies: dict[str, Tally] = field(default_factory=dict)

    def __getitem__(self, name: str) -> Tally:
        return self.tallies.setdefault(name, Tally())

    def add(self, other: Scores) -> None:
        for name, tally in other.tallies.items():
            self[name].add(tally)

    def only(self, names: Iterable[str]) -> Scores:
        """These metrics alone (a training command reports the ones its models change)."""
        kept = Scores()
        for name in names:
            kept[name].add(self[name])
        return kept


def _raw(doc: Document, start: int, end: int) -> Pair:
    if start >= end:
        raw = to_input_offset(doc, start)
        return raw, raw
    return to_input_offset(doc, start), to_input_offset(doc, end - 1) + 1


def _overlap(a: Pair, b: Pair) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _plain(text: str | None) -> str:
    """Normalised words only: for comparing names and titles written with other punctuation."""
    return " ".join(re.sub(r"[^\w\s]|_", " ", normalize(text or "")).split())


def _same_text(a: str | None, b: str | None) -> bool:
    return _plain(a) == _plain(b)


def _prf(predicted: list[Any], gold: list[Any]) -> Tally:
    p, g = Counter(predicted), Counter(gold)
    tp = sum((p & g).values())
    return Tally(tp=tp, fp=sum(p.values()) - tp, fn=sum(g.values()) - tp)


def _pair_by_overlap(predicted: list[Pair], gold: list[Pair], min_share: float = 0.0) -> list[tuple[int, int]]:
    """Greedy one-to-one pairing of spans by largest overlap (share of the longer span)."""
    candidates = []
    for i, p in enumerate(predicted):
        for j, g in enumerate(gold):
            shared = _overlap(p, g)
            if shared and shared >= min_share * max(p[1] - p[0], g[1] - g[0]):
                candidates.append((shared, i, j))
    pairs, used_p, used_g = [], set(), set()
    for _, i, j in sorted(candidates, reverse=True):
        if i not in used_p and j not in used_g:
            pairs.append((i, j))
            used_p.add(i)
            used_g.add(j)
    return pairs


class _EntityMap:
    """Which gold entity each predicted entity stands for (by shared mention offsets)."""

    def __init__(self, doc: Document, gold: dict[str, Any]):
        self.gold_mentions: dict[str, list[Pair]] = {
            e["id"]: [(m["start"], m["end"]) for m in e.get("mentions", [])] for e in gold.get("entities", [])
        }
        self.gold_by_id = {e["id"]: e for e in gold.get("entities", [])}
        self.pred_to_gold: dict[str, str] = {}
        for entity in doc.entities:
            votes: Counter[str] = Counter()
            for mention in entity.mentions:
                span = _raw(doc, mention.start, mention.end)
                for gold_id, spans in self.gold_mentions.items():
                    if any(_overlap(span, g) for g in spans):
                        votes[gold_id] += 1
            if votes:
                self.pred_to_gold[entity.id] = votes.most_common(1)[0][0]

    def same(self, doc: Document, pred_id: str | None, pred_text: str | None, gold_id: str | None, gold_text: str | None) -> bool:
        """Whether a predicted participant (id and/or text) is the gold one."""
        if gold_id is not None and pred_id is not None and self.pred_to_gold.get(pred_id) == gold_id:
            return True
        if gold_id is None and gold_text is None:
            return pred_id is None and pred_text is None
        names = {gold_text} if gold_text else set()
        if gold_id in self.gold_by_id:
            names.add(self.gold_by_id[gold_id]["canonical"])
            names.update(m["text"] for m in self.gold_by_id[gold_id].get("mentions", []))
        predicted_names = {pred_text} if pred_text else set()
        entity = doc.entity(pred_id)
        if entity is not None:
            predicted_names.add(entity.canonical)
        return any(_same_text(p, g) for p in predicted_names for g in names)


def _norm_title(title: str | None) -> str:
    return _plain(title)


def _score_entities(doc: Document, gold: dict[str, Any], scores: Scores) -> None:
    for kind in ("PERSON", "ORG", "LOC"):
        predicted = [_raw(doc, m.start, m.end) for e in doc.entities if e.type == kind for m in e.mentions]
        expected = [(m["start"], m["end"]) for e in gold.get("entities", []) if e["type"] == kind for m in e["mentions"]]
        tally = _prf(predicted, expected)
        scores[f"entities.{kind}"].add(tally)
        scores["entities.all"].add(tally)
    by_span = {_raw(doc, m.start, m.end): e for e in doc.entities for m in e.mentions}
    for gold_entity in gold.get("entities", []):
        if gold_entity["type"] != "PERSON":
            continue
        found = [
            e for m in gold_entity["mentions"] if (e := by_span.get((m["start"], m["end"]))) is not None and e.type == "PERSON"
        ]
        if not found:
            continue
        tally = scores["entities.titles"]
        tally.compared += 1
        best = max(found, key=lambda e: len(e.title or ""))
        if _norm_title(best.title) == _norm_title(gold_entity.get("title")):
            tally.correct += 1


def _score_values(doc: Document, predicted: list[Any], gold: list[dict[str, Any]], name: str, same_value: Any, scores: Scores) -> None:
    pred_spans = [_raw(doc, p.start, p.end) for p in predicted]
    gold_spans = [(g["start"], g["end"]) for g in gold]
    scores[name].add(_prf(pred_spans, gold_spans))
    pairs = _pair_by_overlap(pred_spans, gold_spans)
    lenient = scores[f"{name}.overlap"]
    lenient.tp += len(pairs)
    lenient.fp += len(pred_spans) - len(pairs)
    lenient.fn += len(gold_spans) - len(pairs)
    values = scores[f"{name}.value"]
    for i, j in pairs:
        values.compared += 1
        values.correct += bool(same_value(predicted[i], gold[j]))


def _same_date(pred: Any, gold: dict[str, Any]) -> bool:
    return bool(pred.value == str(gold["value"]) and pred.mod == gold.get("mod"))


def _same_quantity(pred: Any, gold: dict[str, Any]) -> bool:
    expected = float(gold["value"])
    close = abs(pred.value - expected) <= 1e-3 * max(1.0, abs(expected))
    return bool(close and pred.qualifier == gold.get("qualifier", "exact"))


def _score_quotes(doc: Document, gold: dict[str, Any], entity_map: _EntityMap, scores: Scores) -> None:
    pred_spans = [_raw(doc, q.start, q.end) for q in doc.quotes]
    gold_quotes = gold.get("quotes", [])
    gold_spans = [(q["start"], q["end"]) for q in gold_quotes]
    pairs = _pair_by_overlap(pred_spans, gold_spans, min_share=0.5)
    tally = scores["quotes"]
    tally.tp += len(pairs)
    tally.fp += len(pred_spans) - len(pairs)
    tally.fn += len(gold_spans) - len(pairs)
    direct = scores["quotes.direct"]
    matched_gold = {j for _, j in pairs}
    for j, quote in enumerate(gold_quotes):
        if quote.get("direct", True):
            if j in matched_gold:
                direct.tp += 1
            else:
                direct.fn += 1
    direct.fp += sum(1 for i, q in enumerate(doc.quotes) if q.direct and i not in {p for p, _ in pairs})
    speakers = scores["quotes.speaker"]
    for i, j in pairs:
        speakers.compared += 1
        pred, expected = doc.quotes[i], gold_quotes[j]
        speakers.correct += entity_map.same(doc, pred.speaker, pred.speaker_text, expected.get("speaker"), expected.get("speaker_text"))


def _score_events(doc: Document, gold: dict[str, Any], entity_map: _EntityMap, scores: Scores) -> None:
    gold_events = gold.get("events", [])
    pred_triggers = [_raw(doc, e.trigger.start, e.trigger.end) for e in doc.events]
    gold_triggers = [(e["trigger"]["start"], e["trigger"]["end"]) for e in gold_events]
    typed = [(i, j) for i, j in _pair_by_overlap(pred_triggers, gold_triggers) if doc.events[i].type == gold_events[j]["type"]]
    for name, pairs in (
        ("events.type", typed),
        (
            "events.type+actor",
            [
                (i, j)
                for i, j in typed
                if entity_map.same(doc, doc.events[i].actor, doc.events[i].actor_text, gold_events[j].get("actor"), gold_events[j].get("actor_text"))
            ],
        ),
    ):
        tally = scores[name]
        tally.tp += len(pairs)
        tally.fp += len(doc.events) - len(pairs)
        tally.fn += len(gold_events) - len(pairs)


def _score_commitments(doc: Document, gold: dict[str, Any], scores: Scores) -> None:
    expected = gold.get("commitments", [])
    candidates = []
    for i, c in enumerate(doc.commitments):
        spans = [_raw(doc, c.trigger.start, c.trigger.end), _raw(doc, c.what.start, c.what.end)]
        for j, g in enumerate(expected):
            gold_spans = [(g["trigger"]["start"], g["trigger"]["end"]), (g["what"]["start"], g["what"]["end"])]
            if any(_overlap(s, t) for s in spans for t in gold_spans) and c.due == str(g["due"]):
                candidates.append((i, j))
    used_p, used_g, tp = set(), set(), 0
    for i, j in candidates:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            tp += 1
    tally = scores["commitments"]
    tally.tp += tp
    tally.fp += len(doc.commitments) - tp
    tally.fn += len(expected) - tp


def _score_boilerplate(doc: Document, gold: dict[str, Any], raw: str, scores: Scores) -> None:
    removed: set[int] = set()
    for block in doc.boilerplate:
        removed.update(i for i in range(block.start, block.start + len(block.text)) if not raw[i].isspace())
    expected: set[int] = set()
    for block in gold.get("boilerplate", []):
        expected.update(i for i in range(block["start"], block["end"]) if not raw[i].isspace())
    tally = scores["boilerplate"]
    tally.tp += len(removed & expected)
    tally.fp += len(removed - expected)
    tally.fn += len(expected - removed)
    snippets = scores["boilerplate.snippets"]
    for snippet in gold.get("must_find", []):
        snippets.compared += 1
        snippets.correct += snippet in doc.text
    for snippet in gold.get("must_not_find", []):
        snippets.compared += 1
        snippets.correct += snippet not in doc.text


def score_document(doc: Document, gold: dict[str, Any], raw: str) -> Scores:
    """Every metric for one article."""
    scores = Scores()
    _score_boilerplate(doc, gold, raw, scores)
    scores["sentences"].add(_prf([_raw(doc, s.start, s.end) for s in doc.sentences], [(s["start"], s["end"]) for s in gold.get("sentences", [])]))
    _score_entities(doc, gold, scores)
    _score_values(doc, list(doc.dates), gold.get("dates", []), "dates", _same_date, scores)
    _score_values(doc, list(doc.quantities), gold.get("quantities", []), "quantities", _same_quantity, scores)
    entity_map = _EntityMap(doc, gold)
    _score_quotes(doc, gold, entity_map, scores)
    _score_events(doc, gold, entity_map, scores)
    _score_commitments(doc, gold, scores)
    return scores
