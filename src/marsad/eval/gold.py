"""Gold-annotated articles: loading them and checking they are consistent.

The format is documented in ``tests/fixtures/README.md``: ``<id>.txt`` is the raw article,
``<id>.json`` its annotation, with offsets into the raw text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from marsad.errors import InputError


@dataclass(frozen=True)
class GoldArticle:
    id: str
    split: str
    raw: str
    gold: dict[str, Any]
    path: Path

    @property
    def published(self) -> str | None:
        value = self.gold.get("published")
        return str(value) if value else None


def _spans(gold: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    found: list[tuple[str, dict[str, Any]]] = []
    for key in ("boilerplate", "sentences", "dates", "quantities", "quotes"):
        found += [(key, span) for span in gold.get(key, [])]
    for entity in gold.get("entities", []):
        found += [("entities.mentions", m) for m in entity.get("mentions", [])]
    for event in gold.get("events", []):
        found.append(("events.trigger", event["trigger"]))
    for commitment in gold.get("commitments", []):
        found += [("commitments.what", commitment["what"]), ("commitments.trigger", commitment["trigger"])]
    return found


def check(article: GoldArticle) -> None:
    """Raise :class:`InputError` if a gold span's text is not at its offsets."""
    for key, span in _spans(article.gold):
        if "start" not in span or "end" not in span:
            raise InputError(f"{key} span {span.get('text')!r} has no offsets; run tests/fixtures/anchor.py", source=str(article.path))
        if article.raw[span["start"] : span["end"]] != span.get("text", article.raw[span["start"] : span["end"]]):
            raise InputError(f"{key} span {span['start']}:{span['end']} does not hold {span.get('text')!r}", source=str(article.path))


def load_gold(directory: str | Path, splits: tuple[str, ...] | None = None) -> list[GoldArticle]:
    """Every gold article under ``directory`` (recursively), sorted by split and id."""
    root = Path(directory)
    if not root.is_dir():
        raise InputError("is not a folder of gold articles", source=str(root))
    articles = []
    for path in sorted(root.rglob("*.json")):
        raw_path = path.with_suffix(".txt")
        if not raw_path.exists():
            continue
        try:
            gold = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as error:
            raise InputError(f"not valid JSON: {error}", source=str(path)) from error
        split = gold.get("split") or path.parent.name
        if splits and split not in splits:
            continue
        article = GoldArticle(id=gold.get("id", path.stem), split=split, raw=raw_path.read_text(encoding="utf-8"), gold=gold, path=path)
        check(article)
        articles.append(article)
    if not articles:
        raise InputError("holds no gold articles (<id>.txt with <id>.json)", source=str(root))
    return sorted(articles, key=lambda a: (a.split, a.id))
