"""Removing page furniture from article text, keeping every removed block.

Crawled articles carry lines that are not news: newsletter sign-ups, "اقرأ أيضا" blocks with
their link titles, share and follow lines, copyright and comment-form lines. Left in, they
become false facts (a link title is not a sentence of the article). The patterns live in
``data/ar/boilerplate.yaml``; this module applies them line by line and records each removed
block with its kind and position, so the original is always recoverable (:func:`restore`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from marsad.document import Boilerplate, Document
from marsad.pipeline import component
from marsad.resources import read_yaml
from marsad.text.normalize import fold_arabic, normalize


@dataclass(frozen=True)
class _Rules:
    max_words: int
    follow_lines: int
    follow_max_words: int
    follow_stop: tuple[re.Pattern[str], ...]
    kinds: tuple[tuple[str, bool, tuple[re.Pattern[str], ...]], ...]


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    data = read_yaml("data/ar/boilerplate.yaml")

    def compile_all(patterns: list[str]) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(fold_arabic(p)) for p in patterns)

    return _Rules(
        max_words=int(data["max_words"]),
        follow_lines=int(data["follow_lines"]),
        follow_max_words=int(data["follow_max_words"]),
        follow_stop=compile_all(data["follow_stop_patterns"]),
        kinds=tuple(
            (kind, bool(spec.get("header", False)), compile_all(spec["patterns"]))
            for kind, spec in data["kinds"].items()
        ),
    )


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str


def _lines(text: str) -> list[Line]:
    lines, position = [], 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            offset = raw.index(stripped[0])
            lines.append(Line(position + offset, position + offset + len(stripped), stripped))
        position += len(raw) + 1
    return lines


def _kind_of(line: str, rules: _Rules) -> tuple[str, bool] | None:
    if len(line.split()) > rules.max_words:
        return None
    norm = normalize(line)
    for kind, header, patterns in rules.kinds:
        if any(p.search(norm) for p in patterns):
            return kind, header
    return None


def _is_link_title(line: str, rules: _Rules) -> bool:
    if len(line.split()) > rules.follow_max_words:
        return False
    norm = normalize(line)
    return not any(p.search(norm) for p in rules.follow_stop)


def find_furniture(text: str) -> list[tuple[int, int, str]]:
    """Furniture blocks of ``text`` as ``(start, end, kind)``: whole lines, in order."""
    rules = _rules()
    lines = _lines(text)
    blocks: list[tuple[int, int, str]] = []
    index = 0
    while index < len(lines):
        found = _kind_of(lines[index].text, rules)
        if found is None:
            index += 1
            continue
        kind, header = found
        start, end = lines[index].start, lines[index].end
        index += 1
        if header:
            taken = 0
            while index < len(lines) and taken < rules.follow_lines and _kind_of(lines[index].text, rules) is None:
                if not _is_link_title(lines[index].text, rules):
                    break
                end = lines[index].end
                index += 1
                taken += 1
        # Adjacent lines of the same kind form one block (a two-line sign-up footer).
        while index < len(lines) and (_kind_of(lines[index].text, rules) or ("", False))[0] == kind:
            end = lines[index].end
            index += 1
        blocks.append((start, end, kind))
    return blocks


def remove_furniture(text: str) -> tuple[str, tuple[Boilerplate, ...]]:
    """``text`` without its furniture, and the removed blocks (with their white space)."""
    blocks = find_furniture(text)
    if not blocks:
        return text, ()
    kept: list[str] = []
    removed: list[Boilerplate] = []
    cursor = 0
    for start, end, kind in blocks:
        # Take the block with the line breaks after it, or, at the very end of the text, with
        # the white space before it, so paragraphs close up as if the block was never there.
        cut_end = end
        while cut_end < len(text) and text[cut_end].isspace():
            cut_end += 1
        cut_start = start
        if cut_end == len(text):
            while cut_start > cursor and text[cut_start - 1].isspace():
                cut_start -= 1
        else:
            while cut_start > cursor and text[cut_start - 1] in " \t":
                cut_start -= 1
        kept.append(text[cursor:cut_start])
        removed.append(Boilerplate(text=text[cut_start:cut_end], kind=kind, start=cut_start))
        cursor = cut_end
    kept.append(text[cursor:])
    return "".join(kept), tuple(removed)


def restore(doc: Document) -> str:
    """The input text as it was before cleaning: ``doc.text`` with every block put back."""
    text = doc.text
    for block in sorted(doc.boilerplate, key=lambda b: b.start):
        text = text[: block.start] + block.text + text[block.start :]
    return text


def to_input_offset(doc: Document, offset: int) -> int:
    """Map an offset in ``doc.text`` to the same character's offset in the input text."""
    for block in sorted(doc.boilerplate, key=lambda b: b.start):
        if block.start <= offset:
            offset += len(block.text)
        else:
            break
    return offset


@component("clean", assigns=("text", "boilerplate"))
def clean(doc: Document) -> Document:
    """Remove page furniture (sign-ups, related links, share and copyright lines)."""
    text, removed = remove_furniture(doc.text)
    if not removed:
        return doc
    return doc.replace(text=text, boilerplate=doc.boilerplate + removed)
