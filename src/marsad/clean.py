"""Removing page furniture from article text, keeping every removed block.

Crawled articles carry lines that are not news: newsletter sign-ups, "اقرأ أيضا" blocks with
their link titles, share and follow lines, copyright and comment-form lines. Left in, they
become false facts (a link title is not a sentence of the article). The patterns live in
``data/ar/boilerplate.yaml``; this module applies them line by line and records each removed
block with its kind and position, so the original is always recoverable (:func:`restore`).

Text and HTML go through the same rules. For an HTML page the ingest step also knows which
lines are the text of a link (``link_lines``); that settles what a "related" header takes with
it — every link title after it, however many — and turns a run of bare link lines into a
related-links block, where plain text has only the look of the lines to go by.

All blocks of a Document share one coordinate system: ``Boilerplate.start`` is where the
block stood in the text *before any cleaning*. Cleaning an already cleaned Document (an HTML
page cleaned at ingest, then by the ``clean`` component) maps the new blocks back into that
system, so :func:`restore` rebuilds the input exactly.

>>> text, removed = remove_furniture("وصل الوفد إلى بغداد.\\nجميع الحقوق محفوظة © 2021")
>>> text, [(b.kind, b.start) for b in removed]
('وصل الوفد إلى بغداد.', [('copyright', 20)])
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from marsad.document import Boilerplate, Document
from marsad.errors import DataFileError
from marsad.pipeline import component
from marsad.resources import read_yaml
from marsad.text.normalize import fold_arabic, normalize

_NON_WORD = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class _Kind:
    name: str
    header: bool
    patterns: tuple[re.Pattern[str], ...]
    any: re.Pattern[str]  # the patterns as one alternation: one search per line and kind


@dataclass(frozen=True)
class _Rules:
    max_words: int
    follow_lines: int
    follow_max_words: int
    follow_links: int
    link_run_min: int
    follow_stop: tuple[re.Pattern[str], ...]
    kinds: tuple[_Kind, ...]


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    name = "data/ar/boilerplate.yaml"
    data = read_yaml(name)

    def compile_all(patterns: list[str], where: str) -> tuple[re.Pattern[str], ...]:
        compiled = []
        for pattern in patterns:
            try:
                compiled.append(re.compile(fold_arabic(pattern)))
            except re.error as error:
                raise DataFileError(f"{name}: pattern {pattern!r} in {where} is not a valid regular expression: {error}") from error
        return tuple(compiled)

    try:
        return _Rules(
            max_words=int(data["max_words"]),
            follow_lines=int(data["follow_lines"]),
            follow_max_words=int(data["follow_max_words"]),
            follow_links=int(data["follow_links"]),
            link_run_min=int(data["link_run_min"]),
            follow_stop=compile_all(data["follow_stop_patterns"], "follow_stop_patterns"),
            kinds=tuple(
                _Kind(
                    kind,
                    bool(spec.get("header", False)),
                    patterns := compile_all(spec["patterns"], f"kinds.{kind}"),
                    re.compile("|".join(f"(?:{p.pattern})" for p in patterns)),
                )
                for kind, spec in data["kinds"].items()
            ),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise DataFileError(f"{name}: missing or malformed key ({error}); see the comments at the top of the file") from error


def link_key(text: str) -> str:
    """The form in which a line and a link's text are compared: normalised words only."""
    return " ".join(_NON_WORD.sub(" ", normalize(text)).split())


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


def _kind_of(line: str, rules: _Rules) -> _Kind | None:
    if len(line.split()) > rules.max_words:
        return None
    norm = normalize(line)
    for kind in rules.kinds:
        if kind.any.search(norm):
            return kind
    return None


def _is_link_title(line: str, rules: _Rules) -> bool:
    """A short headline-like line: what follows a "related" header in plain text."""
    if len(line.split()) > rules.follow_max_words:
        return False
    norm = normalize(line)
    return not any(p.search(norm) for p in rules.follow_stop)


def find_furniture(text: str, *, link_lines: Iterable[str] = ()) -> list[tuple[int, int, str]]:
    """Furniture blocks of ``text`` as ``(start, end, kind)``: whole lines, in order.

    Args:
        text: the article text, one paragraph or furniture item per line.
        link_lines: texts of the page's links (for HTML input); lines equal to one of them are
            link titles. Empty for plain text.
    """
    rules = _rules()
    links = {key for key in (link_key(t) for t in link_lines) if key}
    lines = _lines(text)
    kinds = [_kind_of(line.text, rules) for line in lines]
    is_link = [bool(links) and link_key(line.text) in links and len(line.text.split()) <= rules.follow_max_words for line in lines]
    blocks: list[tuple[int, int, str]] = []
    index = 0
    while index < len(lines):
        kind = kinds[index]
        if kind is None:
            # A run of bare link titles with no header is a related-links list of the page.
            run = index
            while run < len(lines) and is_link[run] and kinds[run] is None:
                run += 1
            if run - index >= rules.link_run_min:
                blocks.append((lines[index].start, lines[run - 1].end, "related_links"))
                index = run
            else:
                index += 1
            continue
        start, end = lines[index].start, lines[index].end
        index += 1
        if kind.header:
            taken = 0
            if links:
                # The page says which lines are links: take exactly those.
                while index < len(lines) and taken < rules.follow_links and kinds[index] is None and is_link[index]:
                    end = lines[index].end
                    index += 1
                    taken += 1
            if not taken:
                while (
                    index < len(lines)
                    and taken < rules.follow_lines
                    and kinds[index] is None
                    and _is_link_title(lines[index].text, rules)
                ):
                    end = lines[index].end
                    index += 1
                    taken += 1
        # Adjacent lines of the same kind form one block (a two-line sign-up footer).
        while index < len(lines) and kinds[index] is not None and kinds[index].name == kind.name:  # type: ignore[union-attr]
            end = lines[index].end
            index += 1
        blocks.append((start, end, kind.name))
    return blocks


def _cut(text: str, blocks: list[tuple[int, int, str]]) -> tuple[str, list[Boilerplate]]:
    """Remove ``blocks`` from ``text``; their starts are positions in ``text``."""
    # The blocks that close the text (nothing but white space after and between them) take
    # the white space before them too, so the kept text does not end in blank lines.
    tail, position = len(blocks), len(text)
    for index in range(len(blocks) - 1, -1, -1):
        start, end, _ = blocks[index]
        if text[end:position].strip():
            break
        tail, position = index, start
    kept: list[str] = []
    removed: list[Boilerplate] = []
    cursor = 0
    for index, (start, end, kind) in enumerate(blocks):
        # Take the block with the line breaks after it, so paragraphs close up as if the block
        # was never there.
        cut_end = end
        while cut_end < len(text) and text[cut_end].isspace():
            cut_end += 1
        cut_start = start
        if index == tail:
            while cut_start > cursor and text[cut_start - 1].isspace():
                cut_start -= 1
        else:
            while cut_start > cursor and text[cut_start - 1] in " \t":
                cut_start -= 1
        kept.append(text[cursor:cut_start])
        removed.append(Boilerplate(text=text[cut_start:cut_end], kind=kind, start=cut_start))
        cursor = cut_end
    kept.append(text[cursor:])
    return "".join(kept), removed


def remove_furniture(text: str, *, link_lines: Iterable[str] = ()) -> tuple[str, tuple[Boilerplate, ...]]:
    """``text`` without its furniture, and the removed blocks (with their white space)."""
    blocks = find_furniture(text, link_lines=link_lines)
    if not blocks:
        return text, ()
    cleaned, removed = _cut(text, blocks)
    return cleaned, tuple(removed)


def _merge(earlier: tuple[Boilerplate, ...], later: tuple[Boilerplate, ...]) -> tuple[Boilerplate, ...]:
    """Blocks of two cleaning passes in the first pass's input coordinates.

    ``later`` blocks have starts in the text the first pass left; each is moved to the input
    of the first pass, and an earlier block that stood strictly inside a later one is folded
    into it (the later block's text is then contiguous in the input again).
    """
    if not earlier:
        return later
    old = sorted(earlier, key=lambda b: b.start)
    # Where each earlier block sits in the text the first pass produced.
    positions, shift = [], 0
    for block in old:
        positions.append(block.start - shift)
        shift += len(block.text)
    absorbed: set[int] = set()
    merged: list[Boilerplate] = []
    for block in sorted(later, key=lambda b: b.start):
        start, end = block.start, block.start + len(block.text)
        text = block.text
        input_start = start
        inner: list[tuple[int, Boilerplate]] = []
        for index, (position, earlier_block) in enumerate(zip(positions, old)):
            if position <= start:
                input_start += len(earlier_block.text)
            elif position < end:
                inner.append((position, earlier_block))
                absorbed.add(index)
        for position, earlier_block in reversed(inner):
            offset = position - start
            text = text[:offset] + earlier_block.text + text[offset:]
        merged.append(Boilerplate(text=text, kind=block.kind, start=input_start))
    kept = [block for index, block in enumerate(old) if index not in absorbed]
    return tuple(sorted(kept + merged, key=lambda b: b.start))


def clean_document(doc: Document, *, link_lines: Iterable[str] = ()) -> Document:
    """``doc`` with furniture removed from its text and added to ``boilerplate``."""
    text, removed = remove_furniture(doc.text, link_lines=link_lines)
    if not removed:
        return doc
    return doc.replace(text=text, boilerplate=_merge(doc.boilerplate, removed))


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
    return clean_document(doc)
