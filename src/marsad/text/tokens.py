"""Tokenisation that keeps every character where it was.

A token is an Arabic word (letters with any diacritics and tatweel), a Latin word, a number
(any digit script, with its decimal and thousands separators: 2.5, 12,500, ١٫٥), a URL or
e-mail address, or one punctuation mark (".." and "…" stay whole). An underscore joins nothing:
"يحيى_رسول" is two words and a mark, as a reader sees it. Arabic words carry their clitic
segments (:mod:`marsad.text.clitics`); ``segments`` is empty when a token is its own stem, to
keep Documents small.

>>> [t.text for t in tokenise("وبالعراق 2.5٪")]
['وبالعراق', '2.5', '٪']
"""

from __future__ import annotations

import re

from marsad.document import Segment, Token
from marsad.text.clitics import segment
from marsad.text.normalize import normalize

_LETTERS = "\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06d5\u06fa-\u06ff\ufb50-\ufdff\ufe70-\ufefc"
_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200c\u200d"
_DIGITS = "0-9\u0660-\u0669\u06f0-\u06f9"

TOKEN = re.compile(
    rf"""
    (?P<url>(?:https?://|www\.)[^\s«»“”"<>()]+[^\s«»“”"<>().,،:;!?؟])
  | (?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)
  | (?P<number>[{_DIGITS}]+(?:[.,\u066b\u066c][{_DIGITS}]+)*)
  | (?P<arabic>[{_MARKS}]*[{_LETTERS}][{_LETTERS}{_MARKS}]*)
  | (?P<latin>[^\W\d_\u0600-\u06ff]+(?:['’][^\W\d_\u0600-\u06ff]+)*)
  | (?P<dots>\.{{2,}}|…)
  | (?P<mark>\S)
    """,
    re.VERBOSE,
)


def _segments(start: int, word: str) -> tuple[Segment, ...]:
    parts = segment(word)
    if len(parts) == 1:
        return ()
    return tuple(
        Segment(start=start + s, end=start + e, text=word[s:e], role=role)  # type: ignore[arg-type]
        for role, s, e in parts
    )


def tokenise(text: str) -> list[Token]:
    """All tokens of ``text`` in order; white space is never part of a token."""
    tokens: list[Token] = []
    for match in TOKEN.finditer(text):
        start, end = match.span()
        word = match.group()
        segments = _segments(start, word) if match.lastgroup == "arabic" else ()
        tokens.append(Token(start=start, end=end, text=word, norm=normalize(word), segments=segments))
    return tokens


def is_word(token: Token) -> bool:
    """True for Arabic or Latin words (not numbers, punctuation, URLs)."""
    return token.norm[:1].isalpha()


def stem(token: Token) -> Token | Segment:
    """The stem segment of a token, or the token itself when it has no clitics."""
    for part in token.segments:
        if part.role == "stem":
            return part
    return token
