"""Reading numbers as Arabic news writes them: digits in three scripts, and number words.

Both the ``quantities`` and the ``dates`` components read numbers ("ثلاثة أشهر", "قبل أسبوعين",
"خمسة عشر جنديا", "1.5 مليار"), so the reading lives here, over a light view of the tokens
(:class:`Word`) that also sees through the clitics a date or number word may carry ("وأمس",
"بنحو", "لثلاث"). Number words come from ``data/ar/numbers.yaml``.

>>> words = words_of("ثلاثة آلاف وخمسمائة وعشرون جنديا")
>>> read_number(words, 0)
Reading(value=3520.0, end=4, kind='words', multiplied=True)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

from marsad.extract.quantities.words import Word
from marsad.resources import read_yaml
from marsad.text.normalize import normalize

NUMBERS_FILE = "data/ar/numbers.yaml"


@dataclass(frozen=True, slots=True)
class NumberWords:
    """Number words by normalised form (from ``numbers.yaml``)."""

    units: dict[str, int]
    standalone_excluded: frozenset[int]
    teen: frozenset[str]
    tens: dict[str, int]
    hundreds: dict[str, int]
    hundred: frozenset[str]
    multipliers: dict[str, tuple[float, str]]
    fractions: dict[tuple[str, ...], float]
    fractions_need_definite: frozenset[str]
    half: frozenset[str]
    ordinals: dict[str, int]
    ordinal_tens: dict[str, int]
    join: str
    wire_decimal_sign: str

    def simple_value(self, form: str) -> float | None:
        """Value of a single number word that can stand alone (3–10, tens, hundreds)."""
        if form in self.units:
            value = self.units[form]
            return None if value in self.standalone_excluded else float(value)
        if form in self.tens:
            return float(self.tens[form])
        if form in self.hundreds:
            return float(self.hundreds[form])
        return None


def _words(values: dict[object, list[str]]) -> dict[str, int]:
    return {normalize(word): int(str(value)) for value, forms in values.items() for word in forms}


@lru_cache(maxsize=1)
def number_words() -> NumberWords:
    """The number lexicon, loaded once."""
    data = read_yaml(NUMBERS_FILE)
    multipliers: dict[str, tuple[float, str]] = {}
    for value, forms in data["multipliers"].items():
        for grammatical, words in forms.items():
            for word in words:
                multipliers[normalize(word)] = (float(value), grammatical)
    fractions = {
        tuple(normalize(word).split()): float(Fraction(str(value)))
        for value, words in data["fractions"].items()
        for word in words
    }
    hundreds = _words(data["hundreds"])
    return NumberWords(
        units=_words(data["units"]),
        standalone_excluded=frozenset(int(v) for v in data["standalone_excluded"]),
        teen=frozenset(normalize(w) for w in data["teen"]),
        tens=_words(data["tens"]),
        hundreds=hundreds,
        hundred=frozenset(word for word, value in hundreds.items() if value == 100),
        multipliers=multipliers,
        fractions=fractions,
        fractions_need_definite=frozenset(normalize(w) for w in data["fractions_need_definite"]),
        half=frozenset(normalize(w) for w in data["half"]),
        ordinals=_words(data["ordinals"]),
        ordinal_tens=_words(data["ordinal_tens"]),
        join=normalize(data["join"]),
        wire_decimal_sign=normalize(data["wire_decimal_sign"]),
    )


@dataclass(frozen=True, slots=True)
class Reading:
    """A number read from ``words[start:end]``: its value and how it was written."""

    value: float
    end: int
    kind: str  # "digits", "words" or "mixed"
    multiplied: bool  # a multiplier (ألف، مليون…) took part


def read_number(words: Sequence[Word], start: int, *, end: int | None = None) -> Reading | None:
    """Read the number that begins at ``words[start]``, digits and words alike.

    Handles "1.5 مليار", "3 ملايين و300 ألف", "خمسة عشر", "مائة وخمسون", "ثلاث مائة", "ألفين",
    "مليون ونصف". Returns None when no number begins there. The first word may carry clitics
    ("وثلاثة"); later words are joined by و or follow directly where Arabic says so (teens,
    multipliers).
    """
    lex = number_words()
    stop = len(words) if end is None else end
    total = current = 0.0
    last_unit: float | None = None
    last_multiplier = 0.0
    kinds: set[str] = set()
    multiplied = False
    index = start
    consumed = start
    while index < stop:
        word = words[index]
        first = index == start
        joined = False
        nxt = index
        if first:
            form = next((f for f, _ in word.relative_forms if _is_number_word(f, lex)), word.norm)
        elif word.norm == lex.join and index + 1 < stop and words[index + 1].number is not None:
            joined, nxt = True, index + 1
            word = words[nxt]
            form = word.norm
        elif word.has_conjunction:
            joined, form = True, word.bare
        else:
            form = word.norm
        if word.number is not None:
            if not first and not (joined and _digits_continue(words, nxt, stop, total, current, last_multiplier, lex)):
                break
            wire = _wire_decimal(words, nxt, stop, lex.wire_decimal_sign)
            if wire is not None:
                # "5ر1" = 1.5: the decimal sign ر of Arabic wire copy, fraction written first.
                current += wire
                last_unit = None
                kinds.add("digits")
                index = nxt + 3
                consumed = index
                continue
            current += word.number
            last_unit = None
            kinds.add("digits")
        elif form in lex.teen and not joined and last_unit is not None and last_unit < 10 and not first:
            current += 10  # "خمسة عشر"
            last_unit = None
        elif form in lex.hundred and not joined and last_unit is not None and not first:
            current += last_unit * 99  # "ثلاث مائة"
            last_unit = None
        elif form in lex.units:
            if not (first or joined):
                break
            current += lex.units[form]
            last_unit = float(lex.units[form])
            kinds.add("words")
        elif (form in lex.tens or form in lex.hundreds) and (first or joined):
            current += lex.tens.get(form) or lex.hundreds[form]
            last_unit = None
            kinds.add("words")
        elif form in lex.multipliers:
            value, grammatical = lex.multipliers[form]
            if last_multiplier and value >= last_multiplier:
                break
            if current and not joined and not first:
                total += current * value  # "ثلاثة آلاف", "1.5 مليار"
            elif (first or joined) and not current and grammatical != "plural":
                total += (2.0 if grammatical == "dual" else 1.0) * value  # "ألف", "وألفين"
            else:
                break  # "آلاف" alone is a vague plural, read by the caller
            current = 0.0
            last_multiplier = value
            last_unit = None
            multiplied = True
        elif form in lex.half and joined and (last_multiplier or current):
            if current:
                current += 0.5
            else:
                total += 0.5 * last_multiplier
            last_unit = None
        else:
            break
        index = nxt + 1
        consumed = index
    if consumed == start:
        return None
    if consumed == start + 1 and words[start].number is None:
        form = next((f for f, _ in words[start].relative_forms if _is_number_word(f, lex)), "")
        if lex.units.get(form) in lex.standalone_excluded:
            return None  # "واحد", "اثنين" alone are adjectives, not amounts
    kind = "mixed" if len(kinds) > 1 else (kinds.pop() if kinds else "words")
    return Reading(value=total + current, end=consumed, kind=kind, multiplied=multiplied)


def _wire_decimal(words: Sequence[Word], index: int, stop: int, decimal_sign: str) -> float | None:
    """The value of "5ر1" (three touching tokens: digits, ر, digits) or None."""
    if index + 2 >= stop:
        return None
    fraction, sign, whole = words[index], words[index + 1], words[index + 2]
    if sign.norm != decimal_sign or not (fraction.end == sign.start and sign.end == whole.start):
        return None
    if not (fraction.norm.isdigit() and whole.norm.isdigit()):
        return None
    return float(f"{whole.norm}.{fraction.norm}")


def number_start(word: Word) -> int:
    """Where the number in ``word`` starts: after any clitics ("لثلاث" → at ث)."""
    if word.number is not None:
        return word.start
    lex = number_words()
    for form, start in word.forms:
        if _is_number_word(form, lex):
            return start
    return word.start


def _is_number_word(form: str, lex: NumberWords) -> bool:
    return form in lex.units or form in lex.tens or form in lex.hundreds or form in lex.multipliers


def _digits_continue(
    words: Sequence[Word], index: int, stop: int, total: float, current: float, last_multiplier: float, lex: NumberWords
) -> bool:
    """Whether "و" + digits at ``index`` continues a number ("3 ملايين و300 ألف", "3 آلاف و500")."""
    if current or not total:
        return False  # "بين 20 و30" are two numbers
    number = words[index].number or 0.0
    after = words[index + 1].norm if index + 1 < stop else ""
    if after in lex.multipliers:
        return lex.multipliers[after][0] < last_multiplier
    return number < last_multiplier
