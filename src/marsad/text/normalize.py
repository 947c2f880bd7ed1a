"""Normalisation for matching, never for display.

Arabic news spells one word many ways: with or without diacritics and tatweel, أ/إ/آ/ا,
ى/ي, ة/ه, ؤ/ئ/ء, Arabic-Indic or Persian digits, presentation forms. Matching must see through
that, yet every fact must point at the characters as published. So normalisation produces a
*shadow* string with a map from each shadow character back to its original offset
(:class:`Shadow`); ``Document.text`` is never rewritten.

>>> normalize("الأميرْكيّـة ٢٠٢١")
'الاميركيه 2021'
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Characters dropped for matching: harakat, shadda, sukun, dagger alef, Quranic marks, tatweel,
# and invisible format characters (bidi marks, zero-width joiners) that survive copy-paste.
_DROPPED = (
    [chr(c) for c in range(0x064B, 0x0660)]
    + ["\u0670", "\u0640"]
    + [chr(c) for c in range(0x06D6, 0x06EE) if c not in (0x06E5, 0x06E6)]
    + ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u061c", "\ufeff"]
    + [chr(c) for c in range(0x202A, 0x202F)]
    + [chr(c) for c in range(0x2066, 0x206A)]
)

# One character for another: alef forms, alef maqsura, ta marbuta, hamza carriers, Persian
# letters common in Gulf and Iraqi typing, Arabic-Indic and Extended (Persian/Urdu) digits,
# Arabic decimal and thousands separators.
_REPLACED = {
    "\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627", "\u0671": "\u0627",
    "\u0672": "\u0627", "\u0673": "\u0627",
    "\u0649": "\u064a", "\u06cc": "\u064a", "\u06d2": "\u064a",
    "\u0629": "\u0647", "\u06c3": "\u0647", "\u06be": "\u0647", "\u06c1": "\u0647",
    "\u0624": "\u0621", "\u0626": "\u0621",
    "\u06a9": "\u0643", "\u06af": "\u0643",
    "\u066b": ".", "\u066c": ",",
    **{chr(0x0660 + d): str(d) for d in range(10)},
    **{chr(0x06F0 + d): str(d) for d in range(10)},
}

_TABLE = str.maketrans({**{c: None for c in _DROPPED}, **_REPLACED})


def _needs_nfkc(char: str) -> bool:
    """Presentation forms and other compatibility characters that NFKC rewrites."""
    code = ord(char)
    return (0xFB50 <= code <= 0xFDFF) or (0xFE70 <= code <= 0xFEFF) or (0xFF00 <= code <= 0xFFEF) or (
        code > 0x7F and unicodedata.decomposition(char).startswith("<")
    )


@lru_cache(maxsize=8192)
def _char(char: str) -> str:
    """The normalised form of one character (possibly empty or several characters)."""
    if _needs_nfkc(char):
        char = unicodedata.normalize("NFKC", char)
    return char.translate(_TABLE).casefold()


@lru_cache(maxsize=131072)
def normalize(text: str) -> str:
    """The matching form of ``text`` (no offsets kept): use for tokens and lexicon entries."""
    if text.isascii():
        return text.casefold()
    out = text.translate(_TABLE)
    if any(_needs_nfkc(c) for c in out if ord(c) > 0x7F):
        out = "".join(_char(c) for c in text)
    return out.casefold()


def fold_arabic(text: str) -> str:
    """Normalise Arabic letters and digits only, leaving everything else (regex syntax) alone.

    For language-data patterns written as Arabic is spelled, matched against normalised text.
    """
    return text.translate(_TABLE)


@dataclass(frozen=True, slots=True)
class Shadow:
    """A normalised copy of ``original`` with the offset of every character in it.

    ``offsets[i]`` is the index in ``original`` of the character that produced ``text[i]``;
    ``offsets[len(text)] == len(original)``, so shadow spans map back with :meth:`to_original`.
    """

    original: str
    text: str
    offsets: tuple[int, ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map the shadow span ``[start, end)`` to the original text's span that produced it."""
        if start >= end:
            position = self.offsets[start]
            return position, position
        original_end = self.offsets[end - 1] + 1
        # Extend over characters dropped right after the span's last character (diacritics of
        # the last letter, tatweel), so a match covers the whole written word.
        while original_end < len(self.original) and _char(self.original[original_end]) == "":
            original_end += 1
        return self.offsets[start], original_end


def shadow(text: str) -> Shadow:
    """Normalise ``text`` keeping a map from every normalised character to its origin."""
    chars: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        out = _char(char)
        if not out:
            continue
        chars.append(out)
        offsets.extend([index] * len(out))
    offsets.append(len(text))
    return Shadow(original=text, text="".join(chars), offsets=tuple(offsets))
