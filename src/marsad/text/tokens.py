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
from typing import Final

from marsad.document import Segment, Token
from marsad.text.clitics import segment
from marsad.text.normalize import normalize

_LETTERS = "\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06d5\u06fa-\u06ff\ufb50-\ufdff\ufe70-\ufefc"
_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200c\u200d"
_DIGITS = "0-9\u0660-\u0669\u06f0-\u06f9"

# The alternatives in order (the first that matches at a position wins).
_BRANCHES: Final = (
    ("url", r"""(?:https?://|www\.)[^\s«»“”"<>()]+[^\s«»“”"<>().,،:;!?؟]"""),
    ("email", r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
    ("number", rf"[{_DIGITS}]+(?:[.,\u066b\u066c][{_DIGITS}]+)*"),
    ("arabic", rf"[{_MARKS}]*[{_LETTERS}][{_LETTERS}{_MARKS}]*"),
    ("latin", r"[^\W\d_\u0600-\u06ff]+(?:['’][^\W\d_\u0600-\u06ff]+)*"),
    ("dots", r"\.{2,}|…"),
    ("mark", r"\S"),
)


def _pattern(*leave_out: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?P<{name}>{body})" for name, body in _BRANCHES if name not in leave_out))


TOKEN = _pattern()
# A URL needs "http" or "www." and an e-mail address "@": in a text without them those
# alternatives can never match, and leaving them out spares trying them at every word.
_NO_URL: Final = _pattern("url")
_NO_EMAIL: Final = _pattern("email")
_NEITHER: Final = _pattern("url", "email")


# Word → (its normalised form, its clitic parts, empty when it is its own stem), per spelling:
# an article repeats its words, and the look-ups through two lru caches cost more than the rest.
_ARABIC: Final[dict[str, tuple[str, tuple[tuple[str, int, int], ...]]]] = {}
_OTHER: Final[dict[str, str]] = {}
# Distinct spellings remembered (news vocabulary is ~10^5); cleared when full.
_CACHE_SIZE: Final = 131072


def _arabic(word: str) -> tuple[str, tuple[tuple[str, int, int], ...]]:
    known = _ARABIC.get(word)
    if known is None:
        parts = segment(word)
        known = (normalize(word), () if len(parts) == 1 else parts)
        if len(_ARABIC) >= _CACHE_SIZE:
            _ARABIC.clear()
        _ARABIC[word] = known
    return known


def _norm(word: str) -> str:
    known = _OTHER.get(word)
    if known is None:
        known = normalize(word)
        if len(_OTHER) >= _CACHE_SIZE:
            _OTHER.clear()
        _OTHER[word] = known
    return known


def _segments(start: int, word: str, parts: tuple[tuple[str, int, int], ...]) -> tuple[Segment, ...]:
    out: list[Segment] = []
    for role, s, e in parts:
        out.append(Segment(start=start + s, end=start + e, text=word[s:e], role=role))  # type: ignore[arg-type]
    return tuple(out)


def tokenise(text: str) -> list[Token]:
    """All tokens of ``text`` in order; white space is never part of a token."""
    tokens: list[Token] = []
    has_url = "http" in text or "www." in text
    if "@" in text:
        pattern = TOKEN if has_url else _NO_URL
    else:
        pattern = _NO_EMAIL if has_url else _NEITHER
    for match in pattern.finditer(text):
        start = match.start()
        end = match.end()
        word = text[start:end]
        if match.lastgroup == "arabic":
            norm, parts = _arabic(word)
            if parts:
                tokens.append(
                    Token(start=start, end=end, text=word, norm=norm, segments=_segments(start, word, parts))
                )
            else:
                tokens.append(Token(start=start, end=end, text=word, norm=norm))
        else:
            tokens.append(Token(start=start, end=end, text=word, norm=_norm(word)))
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
