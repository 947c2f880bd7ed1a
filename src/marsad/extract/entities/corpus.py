"""Reading annotated corpora into (words, tags) sentences for training and evaluation.

ANERcorp and AQMAR are ``token tag`` lines with blank lines between sentences (IOB2, clitics
attached to the words, as in marsad's own tokens). Wojood has one tag column per nesting layer;
its outermost layer is read. Tag names differ between corpora (PERS / PER, GPE for states) and
are mapped onto the tagger's PERS, LOC, ORG and MISC. The project's gold fixtures are read
through marsad's own cleaning and tokenisation, so the tagger learns on the tokens it will see.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from marsad.errors import InputError

# Corpus type → tagger type; types not listed become O.
TYPE_MAP = {
    "PERS": "PERS",
    "PER": "PERS",
    "PERSON": "PERS",
    "LOC": "LOC",
    "GPE": "LOC",
    "ORG": "ORG",
    "MISC": "MISC",
}
ENTITY_TYPES = ("PERS", "LOC", "ORG")


@dataclass(frozen=True)
class Sentence:
    """One sentence of a corpus: its words as written and their IOB2 tags."""

    words: tuple[str, ...]
    tags: tuple[str, ...]


def _map_tag(tag: str, type_map: dict[str, str]) -> str:
    if tag == "O" or "-" not in tag:
        return "O"
    prefix, _, kind = tag.partition("-")
    mapped = type_map.get(kind)
    if mapped is None or prefix not in ("B", "I"):
        return "O"
    return f"{prefix}-{mapped}"


def repair_iob(tags: Sequence[str]) -> tuple[str, ...]:
    """IOB2 from IOB1-style starts: an ``I-X`` not after ``B-X``/``I-X`` begins an entity."""
    fixed = []
    previous = "O"
    for tag in tags:
        if tag.startswith("I-") and previous[2:] != tag[2:]:
            tag = "B-" + tag[2:]
        fixed.append(tag)
        previous = tag
    return tuple(fixed)


def read_iob(path: str | Path, *, type_map: dict[str, str] | None = None, layer: int = 0) -> list[Sentence]:
    """Sentences of a ``token tag [tag…]`` file; ``layer`` picks the tag column (nested corpora)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read corpus file: {error}", source=str(path)) from error
    mapping = type_map or TYPE_MAP
    sentences: list[Sentence] = []
    words: list[str] = []
    tags: list[str] = []

    def flush() -> None:
        if words:
            sentences.append(Sentence(tuple(words), repair_iob(tags)))
            words.clear()
            tags.clear()

    for number, line in enumerate(text.splitlines(), 1):
        parts = line.split()
        if not parts:
            flush()
            continue
        if len(parts) < 2:
            raise InputError(f"line {number}: expected 'token tag', got {line!r}", source=str(path))
        word, columns = parts[0], parts[1:]
        if word == "$#$":  # Wojood's mark for a line break of the source text
            continue
        tag = columns[layer] if layer < len(columns) else "O"
        words.append(word)
        tags.append(_map_tag(tag, mapping))
    flush()
    if not sentences:
        raise InputError("holds no sentences", source=str(path))
    return sentences


def spans(tags: Sequence[str]) -> Iterator[tuple[str, int, int]]:
    """``(type, start, end)`` token spans of the entities in an IOB2 tag sequence."""
    kind, start = None, 0
    for i, tag in enumerate([*tags, "O"]):
        if kind is not None and not (tag.startswith("I-") and tag[2:] == kind):
            yield kind, start, i
            kind = None
        if tag.startswith("B-") or (tag.startswith("I-") and kind is None):
            kind, start = tag[2:], i


def read_gold_articles(directory: str | Path) -> list[Sentence]:
    """Sentences of the project's gold articles (``<id>.txt`` + ``<id>.json``) as tagged tokens.

    Each article is cleaned, split and tokenised by marsad itself; a token takes the type of
    the gold mention it overlaps (clitics included, as in the corpora: "بالعراق" is B-LOC).
    """
    from marsad.clean import to_input_offset
    from marsad.eval.gold import load_gold
    from marsad.pipeline import Pipeline, new_document

    pipeline = Pipeline(["clean", "sentences", "tokens"])
    sentences: list[Sentence] = []
    for article in load_gold(directory):
        doc = pipeline(new_document(article.raw, id=article.id))
        labelled: dict[int, tuple[str, int]] = {}  # raw offset → (type, mention start)
        for entity in article.gold.get("entities", []):
            kind = TYPE_MAP.get(entity["type"])
            if kind is None:
                continue
            for mention in entity.get("mentions", []):
                for offset in range(mention["start"], mention["end"]):
                    labelled[offset] = (kind, mention["start"])
        for sentence in doc.sentences:
            words: list[str] = []
            tags: list[str] = []
            previous: tuple[str, int] | None = None
            for token in doc.tokens:
                if token.start < sentence.start or token.end > sentence.end:
                    continue
                start, end = to_input_offset(doc, token.start), to_input_offset(doc, token.end - 1) + 1
                hit = next((labelled[o] for o in range(start, end) if o in labelled), None)
                words.append(token.text)
                if hit is None:
                    tags.append("O")
                else:
                    tags.append(("I-" if hit == previous else "B-") + hit[0])
                previous = hit
            if words:
                sentences.append(Sentence(tuple(words), tuple(tags)))
    return sentences
