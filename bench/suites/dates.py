"""Dates side by side with dateparser's ``search_dates(languages=['ar'])`` on the fixture sentences.

Both read the same sentences of the project's annotated articles (dev and test), one sentence
at a time, anchored at the article's gold publication day. Reported for each:

- detection against the gold date spans: precision, recall and F1, with exact spans and with
  any overlap (as ``marsad eval`` counts them);
- value accuracy over the overlapping pairs, overall and per kind of expression (the gold
  ``kind``: date/relative/duration/set, and the gold value's granularity: day, month, week…);
- the time each takes over all sentences, and the ratio.

dateparser is given every benefit of the doubt: trailing punctuation is stripped from the
substrings it returns ("الخميس،" counts as "الخميس"), and a datetime counts as the right value
when it falls inside the gold period (any day of "2021-10" for a month, any day of the ISO
week for a week, any day of the summer for "2014-SU"), ignoring ``mod``. It has no notion of
durations or recurrences, so those gold expressions can only be missed or wrong for it.
dateparser is a bench-only extra (``pip install -e '.[bench]'``); marsad never imports it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from common import FIXTURES, median_seconds

NAME = "dates"

_TRIM = " \t\n،,.:؛;!؟?«»\"“”()"
_SEASON_MONTHS = {"WI": (12, 1, 2), "SP": (3, 4, 5), "SU": (6, 7, 8), "FA": (9, 10, 11)}


@dataclass
class Sentence:
    article: str
    text: str
    published: str
    gold: list[dict[str, Any]]  # offsets relative to the sentence


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def figures(self) -> dict[str, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


@dataclass
class Scores:
    exact: Tally = field(default_factory=Tally)
    overlap: Tally = field(default_factory=Tally)
    # per kind: [gold, found, compared, correct]
    by_kind: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0, 0]))

    def report(self) -> dict[str, Any]:
        kinds = {}
        for kind, (gold, found, compared, correct) in sorted(self.by_kind.items()):
            kinds[kind] = {
                "gold": gold,
                "detected": found,
                "detection_recall": round(found / gold, 4) if gold else 0.0,
                "value_accuracy": round(correct / compared, 4) if compared else 0.0,
                "value_correct_of_gold": round(correct / gold, 4) if gold else 0.0,
            }
        all_compared = sum(v[2] for k, v in self.by_kind.items() if k.startswith("kind:"))
        all_correct = sum(v[3] for k, v in self.by_kind.items() if k.startswith("kind:"))
        return {
            "detection_exact": self.exact.figures(),
            "detection_overlap": self.overlap.figures(),
            "value_accuracy": round(all_correct / all_compared, 4) if all_compared else 0.0,
            "per_kind": kinds,
        }


def fixture_sentences() -> list[Sentence]:
    """Every gold sentence of every fixture article, with the gold dates inside it."""
    sentences = []
    for gold_path in sorted(FIXTURES.rglob("*.json")):
        raw_path = gold_path.with_suffix(".txt")
        if not raw_path.exists():
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        raw = raw_path.read_text(encoding="utf-8")
        if not gold.get("published"):
            continue
        for s in gold.get("sentences", []):
            inside = [
                {**d, "start": d["start"] - s["start"], "end": d["end"] - s["start"]}
                for d in gold.get("dates", [])
                if s["start"] <= d["start"] and d["end"] <= s["end"]
            ]
            sentences.append(Sentence(gold["id"], raw[s["start"] : s["end"]], str(gold["published"]), inside))
    return sentences


def granularity(value: str) -> str:
    """The gold value's shape: day, month, year, week, season, quarter, decade, duration."""
    if value.startswith("P"):
        return "duration"
    if re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        return "day"
    if re.fullmatch(r"\d{4}-\d\d", value):
        return "month"
    if re.fullmatch(r"\d{4}", value):
        return "year"
    if re.fullmatch(r"\d{4}-W\d\d", value):
        return "week"
    if re.fullmatch(r"\d{4}-(SU|WI|SP|FA)", value):
        return "season"
    if re.fullmatch(r"\d{4}-[QH]\d", value):
        return "part of year"
    if re.fullmatch(r"\d{3}", value):
        return "decade"
    return "other"


def datetime_matches(found: dt.datetime, value: str) -> bool:
    """Whether dateparser's datetime lies inside the gold period (mod ignored)."""
    day = found.date()
    shape = granularity(value)
    if shape == "day":
        return day.isoformat() == value
    if shape == "month":
        return day.strftime("%Y-%m") == value
    if shape == "year":
        return str(day.year) == value
    if shape == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}" == value
    if shape == "season":
        year, code = value.split("-")
        months = _SEASON_MONTHS[code]
        season_year = day.year + (1 if day.month == 12 else 0) if code == "WI" else day.year
        return day.month in months and str(season_year) == year
    if shape == "part of year":
        year, code = value.split("-")
        size = 3 if code[0] == "Q" else 6
        return str(day.year) == year and (day.month - 1) // size + 1 == int(code[1])
    if shape == "decade":
        return str(day.year)[:3] == value
    return False


def _pairs(predicted: list[tuple[int, int]], gold: list[tuple[int, int]]) -> list[tuple[int, int]]:
    candidates = []
    for i, p in enumerate(predicted):
        for j, g in enumerate(gold):
            shared = min(p[1], g[1]) - max(p[0], g[0])
            if shared > 0:
                candidates.append((shared, i, j))
    pairs, used_p, used_g = [], set(), set()
    for _, i, j in sorted(candidates, reverse=True):
        if i not in used_p and j not in used_g:
            pairs.append((i, j))
            used_p.add(i)
            used_g.add(j)
    return pairs


def score(sentences: list[Sentence], predictions: list[list[tuple[int, int, Any]]], same_value: Any) -> Scores:
    scores = Scores()
    for sentence, predicted in zip(sentences, predictions):
        gold_spans = [(g["start"], g["end"]) for g in sentence.gold]
        spans = [(s, e) for s, e, _ in predicted]
        exact = len(set(spans) & set(gold_spans))
        scores.exact.tp += exact
        scores.exact.fp += len(spans) - exact
        scores.exact.fn += len(gold_spans) - exact
        pairs = _pairs(spans, gold_spans)
        scores.overlap.tp += len(pairs)
        scores.overlap.fp += len(spans) - len(pairs)
        scores.overlap.fn += len(gold_spans) - len(pairs)
        matched = dict((j, i) for i, j in pairs)
        for j, gold in enumerate(sentence.gold):
            value = str(gold["value"])
            for key in (f"kind:{gold.get('kind', 'date')}", f"granularity:{granularity(value)}"):
                tally = scores.by_kind[key]
                tally[0] += 1
                if j in matched:
                    tally[1] += 1
                    tally[2] += 1
                    tally[3] += bool(same_value(predicted[matched[j]][2], gold))
    return scores


def run() -> dict[str, object]:
    from dateparser.search import search_dates

    from marsad.document import Sentence
    from marsad.pipeline import new_document, registered

    sentences = fixture_sentences()
    # Each input is one sentence, as dateparser is given it: marsad tokenises it and reads its
    # dates (the sentence layer is the whole input; splitting a sentence again would be waste).
    components = registered()
    tokens_step, dates_step = components["tokens"].factory({}), components["dates"].factory({})

    def one_sentence(text: str, published: str) -> Any:
        return new_document(text, published=published).replace(sentences=(Sentence(start=0, end=len(text)),))

    def marsad_all() -> list[list[tuple[int, int, Any]]]:
        out = []
        for s in sentences:
            doc = dates_step(tokens_step(one_sentence(s.text, s.published)))
            out.append([(d.start, d.end, d) for d in doc.dates])
        return out

    def dateparser_all() -> list[list[tuple[int, int, Any]]]:
        out = []
        for s in sentences:
            base = dt.datetime.fromisoformat(s.published)
            found = search_dates(s.text, languages=["ar"], settings={"RELATIVE_BASE": base}) or []
            spans, position = [], 0
            for substring, when in found:
                trimmed = substring.strip(_TRIM)
                at = s.text.find(trimmed, position) if trimmed else -1
                if at < 0:
                    continue
                spans.append((at, at + len(trimmed), when))
                position = at + len(trimmed)
            out.append(spans)
        return out

    ours = marsad_all()
    theirs = dateparser_all()
    marsad_scores = score(sentences, ours, lambda d, g: d.value == str(g["value"]) and d.mod == g.get("mod"))
    dateparser_scores = score(sentences, theirs, lambda when, g: datetime_matches(when, str(g["value"])))
    # Speed: from the raw sentence (marsad tokenises it and reads dates, as dateparser reads the
    # raw string), and the dates component alone on already tokenised sentences.
    # The runs alternate, so a machine busy with other work slows both sides alike.
    tokenised = [tokens_step(one_sentence(s.text, s.published)) for s in sentences]

    def component_all() -> None:
        for doc in tokenised:
            dates_step(doc.replace(tokens=tuple(doc.tokens)))  # a fresh tuple: no view is reused

    timings: dict[str, list[float]] = {"marsad": [], "component": [], "dateparser": []}
    for _ in range(5):
        for name, run_once in (("marsad", marsad_all), ("component", component_all), ("dateparser", dateparser_all)):
            timings[name].append(median_seconds(run_once, repeat=1, warmup=0))
    marsad_seconds = statistics.median(timings["marsad"])
    component_seconds = statistics.median(timings["component"])
    dateparser_seconds = statistics.median(timings["dateparser"])
    return {
        "sentences": len(sentences),
        "gold_dates": sum(len(s.gold) for s in sentences),
        "marsad": marsad_scores.report(),
        "dateparser": dateparser_scores.report(),
        "marsad_seconds_from_raw_text": round(marsad_seconds, 4),
        "marsad_seconds_dates_component": round(component_seconds, 4),
        "dateparser_seconds": round(dateparser_seconds, 4),
        "speed_ratio_from_raw_text": round(dateparser_seconds / marsad_seconds, 1),
        "speed_ratio_dates_component": round(dateparser_seconds / component_seconds, 1),
        "note": (
            "dateparser: punctuation trimmed from its matches; a datetime inside the gold period counts as "
            "right; mod ignored"
        ),
    }
