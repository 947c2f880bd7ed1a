"""Sentence splitting for Arabic news.

Arabic news runs long sentences joined by ، and ends them with . ؟ ! or a line break; quotes
in «…» or “…” may hold several sentences and must stay whole, because a quote is one fact with
one speaker. So the splitter first finds the quoted regions, then ends sentences only outside
them: at a line break, or at . ؟ ? ! … (with any closing marks after them) followed by space,
unless the stop belongs to a number (2.5), an initial (م.) or a listed abbreviation (ق.م).

>>> text = "قال الوزير: «وصلنا. سنبقى». ثم غادر."
>>> [text[s:e] for s, e in split_sentences(text)]
['قال الوزير: «وصلنا. سنبقى».', 'ثم غادر.']
"""

from __future__ import annotations

import re
from functools import lru_cache

from marsad.resources import read_lines
from marsad.text.normalize import normalize

OPENERS = {"«": "»", "“": "”", "„": "”", "‹": "›"}
CLOSERS = set(OPENERS.values())
STRAIGHT = '"'
TERMINALS = ".!?؟…"
TRAILING = "»”\"')]›’"
# A paragraph's lines are hard-wrapped (not one sentence per line) when most of them are long
# and end mid-sentence; then a single line break is just a space.
_WRAP_MIN_LINES = 5
_WRAP_SHARE = 0.6

_BREAK_OR_STOP = re.compile(r"\n(?:[ \t\r]*\n)*|[.!?؟…]+")
_WORD_BEFORE = re.compile(r"([^\s(«“\"]+)$")
_MARK_OR_BREAK = re.compile("[" + re.escape("".join(OPENERS) + "".join(sorted(CLOSERS)) + STRAIGHT) + "\n]")


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    return frozenset(normalize(line) for line in read_lines("data/ar/abbreviations.txt"))


def quoted_regions(text: str) -> list[tuple[int, int]]:
    """Spans ``(open, close+1)`` of quotations, marks included, outermost only.

    A quote left open at a paragraph break continues only if the next paragraph reopens it
    (the «…¶«…» convention) or closes it before opening another; otherwise it ends at the
    break, so one stray « never swallows the rest of an article.
    """
    regions: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    length = len(text)
    # Only quotation marks and line breaks matter: jump from one to the next.
    found = _MARK_OR_BREAK.search(text)
    while found is not None:
        index = found.start()
        char = text[index]
        if char in OPENERS:
            stack.append((char, index))
        elif char in CLOSERS or char == STRAIGHT:
            if char == STRAIGHT and not (stack and stack[-1][0] == STRAIGHT):
                if _opens_straight(text, index):
                    stack.append((char, index))
            else:
                match = STRAIGHT if char == STRAIGHT else char
                for depth in range(len(stack) - 1, -1, -1):
                    opener = stack[depth][0]
                    if (opener == STRAIGHT and match == STRAIGHT) or OPENERS.get(opener) == match:
                        if depth == 0:
                            regions.append((stack[0][1], index + 1))
                        del stack[depth:]
                        break
        elif stack:  # a line break inside a quotation
            end = index
            while index + 1 < length and text[index + 1] in " \t\r\n":
                index += 1
            if not _quote_continues(text, index + 1, stack[0][0]):
                regions.append((stack[0][1], end))
                stack.clear()
        found = _MARK_OR_BREAK.search(text, index + 1)
    if stack:
        regions.append((stack[0][1], length))
    return regions


def _opens_straight(text: str, index: int) -> bool:
    before = text[index - 1] if index else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    return (before.isspace() or before in "(:،,[«“") and not after.isspace()


def _quote_continues(text: str, position: int, opener: str) -> bool:
    """Whether a quote open at a paragraph break goes on into the paragraph at ``position``."""
    if position >= len(text):
        return False
    if text[position] == opener:
        return True
    closer = OPENERS.get(opener, STRAIGHT)
    paragraph_end = text.find("\n", position)
    paragraph = text[position : paragraph_end if paragraph_end >= 0 else len(text)]
    close_at = paragraph.find(closer)
    open_at = paragraph.find(opener) if opener != STRAIGHT else -1
    return close_at >= 0 and (open_at < 0 or close_at < open_at)


def _hard_wrapped(text: str) -> bool:
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) < _WRAP_MIN_LINES:
        return False
    longest = max(len(line) for line in lines)
    if longest < 40 or longest > 120:
        return False
    wrapped = sum(1 for line in lines if len(line) >= 0.75 * longest and line.rstrip()[-1] not in TERMINALS + ":»”")
    return wrapped >= _WRAP_SHARE * len(lines)


def _stop_is_final(text: str, start: int, end: int) -> bool:
    """Whether the terminal run ``text[start:end]`` ends a sentence."""
    run = text[start:end]
    if start > 0 and text[start - 1] == "(":
        return False  # "(…)" marks an elision inside a sentence
    if run == ".":
        # The word before the stop holds no space or line break: searching from the last one
        # before it finds what a search of the whole text would, without rescanning the text
        # from its start for every stop.
        before = max(start - 1, 0)
        word_start = max(text.rfind("\n", 0, before), text.rfind(" ", 0, before)) + 1
        word = _WORD_BEFORE.search(text, word_start, start)
        if word:
            token = word.group(1)
            bare = token.rstrip(".")
            if len(bare) == 1 and bare.isalpha():
                return False  # an initial: "م." "J."
            if normalize(token) in _abbreviations():
                return False
    return True


def split_sentences(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every sentence, without surrounding white space."""
    protected = quoted_regions(text)
    inside = bytearray(len(text) + 1)
    for start, end in protected:
        if end - 1 > start + 1:
            inside[start + 1 : end - 1] = b"\x01" * (end - 1 - (start + 1))
    wrapped = _hard_wrapped(text)
    boundaries: list[int] = []
    length = len(text)
    index = 0
    for match in _BREAK_OR_STOP.finditer(text):
        start, end = match.span()
        if inside[start]:
            continue
        if text[start] == "\n":
            if wrapped and text.count("\n", start, end) == 1:
                continue
            boundaries.append(start)
            continue
        stop = end
        while stop < length and text[stop] in TRAILING:
            stop += 1
        if stop < length and not text[stop].isspace():
            continue
        if _stop_is_final(text, start, end):
            boundaries.append(stop)
    boundaries.append(length)
    sentences: list[tuple[int, int]] = []
    for boundary in boundaries:
        start, end = index, boundary
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            sentences.append((start, end))
        index = max(index, boundary)
    return sentences
