"""Light clitic segmentation: "وبالعراق" → و + ب + العراق, "عملياتهم" → عمليات + هم.

Arabic writes conjunctions (و ف), prepositions (ب ل ك), the future marker (س) and object or
possessive pronouns as part of the word. Matching a name or a reporting verb needs the stem,
and a fact's span must not include the clitics, so each token is split into segments with their
offsets. The split is "light": no morphological analysis, only clitics, decided by word
frequencies in news text (``data/ar/wordfreq.tsv``) — وأكد is far rarer than أكد, while وزير
is far commoner than زير. The article ال stays on the stem ("العراق" is the name).

>>> segment("بالعراق")
(('prefix', 0, 1), ('stem', 1, 7))
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from marsad.resources import read_text, read_yaml
from marsad.text.normalize import normalize, shadow

# A remainder must be this many times as common as the whole word to split a letter off it.
# Known remainders need less evidence: sentence-initial وقال، وأضافت are very common in news.
_PREFIX_RATIO = 1.0
_CONJUNCTION_RATIO = 0.3
_CONJUNCTION_MIN_COUNT = 2
_SUFFIX_RATIO = 2.0
_SINGLE_LETTER_SUFFIX_RATIO = 4.0
_DEFINITE_SUFFIX_MIN_COUNT = 3
_TRAILING_MARKS = "".join(chr(c) for c in range(0x064B, 0x0653)) + "\u0640"


@dataclass(frozen=True, slots=True)
class _Lexicon:
    conjunctions: frozenset[str]
    future: str
    future_next: frozenset[str]
    prepositions: frozenset[str]
    article: str
    suffixes: tuple[str, ...]
    verb_endings: tuple[str, ...]
    never_split: frozenset[str]


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    data = read_yaml("data/ar/clitics.yaml")
    return _Lexicon(
        conjunctions=frozenset(normalize(c) for c in data["conjunctions"]),
        future=normalize(data["future"]),
        future_next=frozenset(normalize(c) for c in data["future_next"]),
        prepositions=frozenset(normalize(c) for c in data["prepositions"]),
        article=normalize(data["article"]),
        suffixes=tuple(normalize(s) for s in data["suffixes"]),
        verb_endings=tuple(normalize(s) for s in data["imperfect_plural_endings"]),
        never_split=frozenset(normalize(w) for w in data["never_split"]),
    )


@lru_cache(maxsize=1)
def word_frequencies() -> dict[str, int]:
    """Normalised word → count in the packaged news word list."""
    counts: dict[str, int] = {}
    for line in read_text("data/ar/wordfreq.tsv").splitlines():
        if line and not line.startswith("#"):
            word, _, count = line.partition("\t")
            counts[word] = int(count)
    return counts


def _freq(word: str) -> int:
    return word_frequencies().get(word, 0)


def _prefix_ok(whole: str, rest: str, lex: _Lexicon) -> bool:
    """Whether ``whole`` is a clitic letter followed by the word ``rest``."""
    if whole in lex.never_split or len(rest) < 2:
        return False
    if rest.startswith(lex.article) and len(rest) >= 4:
        return True
    f_whole, f_rest = _freq(whole), _freq(rest)
    if f_rest >= _CONJUNCTION_MIN_COUNT:
        return f_rest >= _CONJUNCTION_RATIO * f_whole
    if f_rest == 0:
        # An unknown remainder of an unknown word: only the conjunction و is split (names
        # and rare words after و are far commoner than rare words beginning with و).
        return f_whole == 0 and whole[0] == "و" and len(rest) >= 4
    return f_rest >= _PREFIX_RATIO * f_whole


def _suffix_base_freq(base: str) -> int:
    # A ta marbuta becomes ت before a suffix: حمايتهم = حماية + هم.
    if base.endswith("ت"):
        return max(_freq(base), _freq(base[:-1] + "ه"))
    return _freq(base)


@lru_cache(maxsize=65536)
def _segment_normalised(word: str, ta_marbuta: bool = False) -> tuple[tuple[str, int, int], ...]:
    """Segments of a normalised Arabic word as ``(role, start, end)`` in its own indices.

    ``ta_marbuta``: the written word ends in ة, which normalises to ه but is no pronoun.
    """
    lex = _lexicon()
    segments: list[tuple[str, int, int]] = []
    start = 0
    if word in lex.never_split:
        return (("stem", 0, len(word)),)
    if len(word) > 2 and word[0] in lex.conjunctions and _prefix_ok(word, word[1:], lex):
        segments.append(("prefix", 0, 1))
        start = 1
    rest = word[start:]
    if (
        len(rest) >= 4
        and rest[0] == lex.future
        and rest[1] in lex.future_next
        and (_freq(rest[1:]) > _freq(rest) or rest.endswith(lex.verb_endings))
    ):
        segments.append(("prefix", start, start + 1))
        start += 1
    elif len(rest) > 2 and rest[0] in lex.prepositions:
        if rest[0] == "ل" and rest[1] == "ل" and len(rest) >= 4:
            # لل: the preposition ل and an article whose alef was dropped (للقوات).
            segments.append(("prefix", start, start + 1))
            start += 1
        elif _prefix_ok(rest, rest[1:], lex):
            segments.append(("prefix", start, start + 1))
            start += 1
    stem = word[start:]
    end = len(word)
    if len(stem) > 3 and stem not in lex.never_split:
        # Definite nouns take no pronoun suffix, but words that merely begin with ال do
        # (التزامها = التزام + ها): ask for more evidence there.
        floor = _DEFINITE_SUFFIX_MIN_COUNT if stem.startswith(lex.article) else 1
        for suffix in lex.suffixes:
            base = stem[: -len(suffix)]
            if not stem.endswith(suffix) or len(base) < 2 or (ta_marbuta and suffix == "ه"):
                continue
            if len(suffix) == 1 and floor > 1:
                continue  # السلمي is a nisba, not السلم + ي
            ratio = _SINGLE_LETTER_SUFFIX_RATIO if len(suffix) == 1 else _SUFFIX_RATIO
            if _suffix_base_freq(base) >= max(floor, ratio * _freq(stem)):
                end = len(word) - len(suffix)
                break
    segments.append(("stem", start, end))
    if end < len(word):
        segments.append(("suffix", end, len(word)))
    return tuple(segments)


@lru_cache(maxsize=65536)
def segment(word: str) -> tuple[tuple[str, int, int], ...]:
    """Clitic segments of one Arabic word as ``(role, start, end)`` offsets into ``word``.

    Diacritics and tatweel are allowed anywhere: offsets always index the word as written.
    """
    norm = normalize(word)
    if not norm:
        return (("stem", 0, len(word)),)
    segments = _segment_normalised(norm, word.rstrip(_TRAILING_MARKS).endswith("\u0629"))
    if norm == word:
        return segments
    mapped = shadow(word)
    if len(mapped.text) != len(norm):  # casefolded or expanded characters: keep the word whole
        return (("stem", 0, len(word)),)
    result = []
    for role, start, end in segments:
        original_start, original_end = mapped.to_original(start, end)
        result.append((role, original_start, original_end))
    # Diacritics on a clitic letter belong to it, so segments stay contiguous.
    fixed = []
    for index, (role, start, end) in enumerate(result):
        next_start = result[index + 1][1] if index + 1 < len(result) else len(word)
        fixed.append((role, 0 if index == 0 else start, next_start))
    if any(start >= end for _, start, end in fixed):  # a ligature holds two segments' letters
        return (("stem", 0, len(word)),)
    return tuple(fixed)


def stem_of(word: str) -> str:
    """The word without its clitics, as written (``"وبالعراق"`` → ``"العراق"``)."""
    for role, start, end in segment(word):
        if role == "stem":
            return word[start:end]
    return word
