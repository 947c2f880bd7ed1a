"""The ``quantities`` component: every amount, sum of money, percentage and fraction, read.

"أكثر من 2100 شحنة", "نحو 1.5 مليار دولار", "٣٠٪", "31,9 بالمئة", "ثلث مساحة البلاد",
"عشرات الآلاف", "خمسة عشر جنديا", "3 ملايين و300 ألف برميل" each become a :class:`Quantity`
with its span, its value after multipliers, its unit (the counted noun or currency as written,
without clitics; ``%`` for percentages; the construct phrase for fractions) and a qualifier
(exact, more_than, less_than, about; vague plurals such as عشرات and آلاف are ``about``).

Numbers that are something else are left out: anything inside a date expression (so the
``dates`` component must run first: "30 ساعة" is a duration, "2014" a year), clock times
("الساعة 10", "10:30"), identifiers and names ("القرار 2254", "اللواء 444", "كوفيد-19"),
phone numbers, scores ("6 - 3"), list numbering, and bare years. The vocabulary is in
``data/ar/quantities.yaml`` and ``data/ar/numbers.yaml``.

>>> from marsad import analyse
>>> doc = analyse("أشارت الأطراف إلى إجلاء أكثر من 2100 شحنة من المعدات.", published="2021-11-11")
>>> [(q.text, q.value, q.unit, q.qualifier) for q in doc.quantities]
[('أكثر من 2100 شحنة', 2100.0, 'شحنة', 'more_than')]
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, cast

from marsad.document import Document, Qualifier, Quantity, Token
from marsad.errors import ConfigError, DataFileError
from marsad.extract.quantities.numbers import NumberWords, number_start, number_words, read_number
from marsad.extract.quantities.words import Phrases, Word, WordList, clitics, document_words
from marsad.pipeline import Component, factory
from marsad.resources import read_yaml
from marsad.text.clitics import word_frequencies
from marsad.text.normalize import normalize

__all__ = ["find_quantities"]

QUANTITIES_FILE = "data/ar/quantities.yaml"
# Marks that make a number part of something else when they touch it: "5+5", "10:30", "2-1",
# "3/4", "كوفيد-19".
_JOINERS = frozenset("+:-/_×")
_LIST_MARKS = frozenset(".-)")
_LOOK_BEHIND = 5  # how many words before the one being read the reader may look at (identifiers)
_WINDOW = 32  # how many words from the one being read the reader may look at


_RARE_WHOLE = 5  # a word this rare is no adverb like "وفقا" or "فورا"


def _commoner(remainder: str, whole: str) -> bool:
    frequencies = word_frequencies()
    return frequencies.get(remainder, 0) > max(2, 2 * frequencies.get(whole, 0))


@dataclass(frozen=True)
class _Vocabulary:
    qualifiers: Phrases[str]
    after_qualifiers: dict[str, str]
    percent_signs: frozenset[str]
    percent_words: Phrases[bool]
    vague: Phrases[float]
    currencies: Phrases[bool]
    currency_signs: frozenset[str]
    compound_units: Phrases[bool]
    participle_complements: frozenset[str]
    identifier_nouns: frozenset[str]
    time_nouns: frozenset[str]
    time_after: frozenset[str]
    year_nouns: frozenset[str]
    era_after: Phrases[bool]
    not_fractions: Phrases[bool]
    fraction_not_of: frozenset[str]
    score_marks: frozenset[str]
    zero: frozenset[str]
    not_units: frozenset[str]
    range_links: frozenset[str]
    verb_endings: tuple[str, ...]
    accusative_ending: str


def _norms(words: Sequence[str]) -> frozenset[str]:
    return frozenset(normalize(w) for w in words)


@lru_cache(maxsize=1)
def _vocabulary() -> _Vocabulary:
    data = read_yaml(QUANTITIES_FILE)
    try:
        return _Vocabulary(
            qualifiers=Phrases((w, kind) for kind, ws in data["qualifiers"].items() for w in ws),
            after_qualifiers={normalize(w): kind for kind, ws in data["after_qualifiers"].items() for w in ws},
            percent_signs=frozenset(data["percent"]["signs"]),
            percent_words=Phrases((w, True) for w in data["percent"]["words"]),
            vague=Phrases((entry["words"], float(entry["value"])) for entry in data["vague"]),
            currencies=Phrases((w, True) for w in data["currencies"]),
            currency_signs=frozenset(data["currency_signs"]),
            compound_units=Phrases((w, True) for w in data["compound_units"]),
            participle_complements=_norms(data["participle_complements"]),
            identifier_nouns=_norms(data["identifier_nouns"]),
            time_nouns=_norms(data["time_nouns"]),
            time_after=_norms(data["time_after"]),
            year_nouns=_norms(data["year_nouns"]),
            era_after=Phrases((w, True) for w in data["era_after"]),
            not_fractions=Phrases((w, True) for w in data["not_fractions"]),
            fraction_not_of=_norms(data["fraction_not_of"]),
            score_marks=frozenset(data["score_marks"]),
            zero=_norms(data["zero"]),
            not_units=_norms(data["not_units"]),
            range_links=_norms(data["range_links"]),
            verb_endings=tuple(normalize(w) for w in data["verb_endings"]),
            accusative_ending=normalize(str(data["accusative_ending"])),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise DataFileError(
            f"{QUANTITIES_FILE} is malformed: {error!r}; compare it with the layout described in the file"
        ) from error


class _Reader:
    """Reads the quantities of one document, sentence by sentence, around its dates."""

    def __init__(self, text: str, tokens: Sequence[Token], words: WordList, in_date: Sequence[bool]):
        self.text = text
        self.tokens = tokens
        self.source = words
        # Readers index a plain list; a sentence's views are built before it is read.
        self.words: list[Word] = words.views  # type: ignore[assignment]
        self.norms = words.norms
        self.in_date = in_date
        self.vocab = _vocabulary()
        self.numbers: NumberWords = number_words()
        self.article = clitics().article
        self.hi = len(words)

    def _norm(self, index: int) -> str:
        return self.norms[index] if 0 <= index < self.hi else ""

    def _touching(self, left: int, right: int) -> bool:
        return 0 <= left and right < self.hi and self.words[left].end == self.words[right].start

    def read(self, lo: int, hi: int) -> list[Quantity]:
        """Every quantity in ``words[lo:hi]`` (one sentence), left to right.

        Word views are built only around the words that may begin a quantity, and the reader
        sees the sentence up to ``index + _WINDOW`` at most (``self.hi``).
        """
        triggers = _triggers(self.vocab, self.numbers)
        cache = _TRIGGER_CACHE.setdefault(id(triggers), {})
        norms, source = self.norms, self.source
        found: list[Quantity] = []
        index = lo
        while index < hi:
            norm = norms[index]
            begins = cache.get(norm)
            if begins is None:
                word = source[index]
                begins = word.number is not None or any(form in triggers for form, _ in word.relative_forms)
                if len(cache) > _TRIGGER_CACHE_SIZE:
                    cache.clear()  # bounded: a corpus of millions of articles has many spellings
                cache[norm] = begins
            if not begins or self.in_date[index]:
                index += 1  # most words begin no quantity
                continue
            self.hi = min(hi, index + _WINDOW)
            source.materialize(index - _LOOK_BEHIND, self.hi)
            quantity, after = self._read_at(index, lo)
            if quantity is not None:
                found.append(quantity)
            index = max(after, index + 1)
        self.hi = len(self.words)
        return found

    # -- one quantity ------------------------------------------------------------------------

    def _read_at(self, index: int, lo: int) -> tuple[Quantity | None, int]:
        qualifier = "exact"
        start: int | None = None
        at = index
        found = self.vocab.qualifiers.match(self.words, index, stop=self.hi)
        if found is not None and found.next < self.hi and not self.in_date[found.next]:
            qualifier, start, at = found.payload, found.start, found.next
        sign_before = self._norm(at) in self.vocab.percent_signs and self._touching(at, at + 1)
        currency_before = self._norm(at) in self.vocab.currency_signs and self._touching(at, at + 1)
        number_at = at + 1 if (sign_before or currency_before) else at
        if number_at >= self.hi or self.in_date[number_at]:
            return None, index + 1
        fraction = self._fraction(number_at)
        if (
            fraction is not None
            and (fraction[2] > number_at + 1 or self._norm(number_at) in self.numbers.fractions_need_definite)
        ):
            # "ثلاثة أرباع السكان", "خمس السكان": a fraction, not the number three or five
            return self._read_vague_or_fraction(index, number_at, qualifier, start)
        if self._after_ordinal(number_at):
            return None, number_at + 1  # "الخامس عشر": the teen word completes an ordinal
        reading = read_number(self.words, number_at, end=self.hi)
        if reading is not None and any(self.in_date[k] for k in range(number_at, reading.end)):
            return None, index + 1
        if reading is None:
            return self._read_vague_or_fraction(index, number_at, qualifier, start)
        if self._not_an_amount(number_at, reading.end, lo):
            return None, reading.end
        value = reading.value
        if start is not None:
            begin = start
        elif sign_before or currency_before:
            begin = self.words[at].start
        else:
            begin = number_start(self.words[number_at])
        after = reading.end
        end = self.words[after - 1].end
        unit: str | None = None
        if sign_before:
            unit = "%"
        elif currency_before:
            unit = self.words[at].text
        else:
            unit_found = self._unit_after(after)
            if unit_found is not None:
                unit, after, end = unit_found
        if (
            unit is None
            and qualifier == "exact"
            and not reading.multiplied
            and self._bare_not_an_amount(number_at, after, lo, value)
        ):
            return None, after
        if unit is None:
            unit = self._shared_unit(after)
        if after < self.hi and self._norm(after) in self.vocab.after_qualifiers and not self.in_date[after]:
            qualifier, end, after = self.vocab.after_qualifiers[self._norm(after)], self.words[after].end, after + 1
        return self._quantity(begin, end, value, unit, qualifier), after

    def _shared_unit(self, at: int) -> str | None:
        """The unit of the next number in a range or pair: "بين 4,5 و8 بالمئة" → %."""
        if at + 1 >= self.hi or self._norm(at) not in self.vocab.range_links or self.in_date[at + 1]:
            return None
        reading = read_number(self.words, at + 1, end=self.hi)
        if reading is None or self.words[at + 1].number is None:
            return None
        found = self._unit_after(reading.end)
        return found[0] if found is not None else None

    def _unit_after(self, at: int) -> tuple[str, int, int] | None:
        """The unit right after a number: %, a percent phrase, a currency, or the counted noun."""
        if at >= self.hi or self.in_date[at]:
            return None
        word = self.words[at]
        if word.norm in self.vocab.percent_signs:
            return "%", at + 1, word.end
        percent = self.vocab.percent_words.match(self.words, at, stop=self.hi)
        if percent is not None:
            return "%", percent.next, percent.end
        if word.norm in self.vocab.currency_signs and self._touching(at - 1, at):
            return word.text, at + 1, word.end
        compound = self.vocab.compound_units.match(self.words, at, clitics=False, stop=self.hi)
        if compound is not None and not any(self.in_date[k] for k in range(at, compound.next)):
            return self.text[word.start : compound.end], compound.next, compound.end
        currency = self.vocab.currencies.match(self.words, at, clitics=False, stop=self.hi)
        if currency is not None:
            return self.text[word.start : currency.end], currency.next, currency.end
        noun = self._noun(at)
        if noun is None:
            return None
        return noun[0], at + 1, word.end

    def _noun(self, at: int) -> tuple[str, int] | None:
        """The counted noun at ``words[at]`` without its clitics, and where it starts; or None."""
        if at >= self.hi or self.in_date[at]:
            return None
        word = self.words[at]
        if not word.is_word or word.norm in self.vocab.not_units or word.norm in self.numbers.multipliers:
            return None
        token = self.tokens[at]
        start = token.start
        letters = clitics()
        for segment in token.segments:
            if segment.role == "prefix":
                if normalize(segment.text) in letters.conjunctions + letters.prepositions:
                    if self._accusative_whole(at):
                        break  # "41 فردا", "48 وافدا": the segmenter's و or ف is the noun's letter
                    # "55 وأصيب": a new clause; "20 بجروح": a prepositional phrase
                    return None
                start = segment.end
        stem = self.text[start : token.end]
        norm = normalize(stem)
        if norm in self.vocab.not_units or len(norm) < 2 or (norm.endswith(self.vocab.verb_endings) and len(norm) >= 5):
            # "ثلاثة أصيبوا": a verb follows the number, not a counted noun; but "14 عضوا" is
            # the accusative of a noun whose root ends in و
            return None
        if norm[0] in letters.prepositions and _commoner(norm[1:], norm):
            return None  # a preposition the tokens left attached: "بجروح", "لاستقلال"
        return stem, start

    def _accusative_whole(self, at: int) -> bool:
        """Whether ``words[at]`` is, whole, the accusative noun counted by the number before it:
        11 to 99 count with one noun in the accusative ("41 فردا"), which no clitic reading of
        the word explains when the word is not itself a common one ("وفقا" is)."""
        before = self.words[at - 1] if at > 0 else None
        if before is None or before.number is None or self.in_date[at - 1]:
            return False
        value = before.number
        if value != int(value) or not 11 <= int(value) % 100 <= 99:
            return False
        norm = self.words[at].norm
        return norm.endswith(self.vocab.accusative_ending) and word_frequencies().get(norm, 0) <= _RARE_WHOLE

    def _read_vague_or_fraction(
        self, index: int, at: int, qualifier: str, start: int | None
    ) -> tuple[Quantity | None, int]:
        """"عشرات الآلاف", "آلاف اللاجئين", "ثلث مساحة البلاد", "ثلاثة أرباع السكان"."""
        vague = self.vocab.vague.match(self.words, at, stop=self.hi)
        if vague is not None and not any(self.in_date[k] for k in range(at, vague.next)):
            begin = start if start is not None else vague.start
            after, end = vague.next, vague.end
            unit = None
            noun = self._noun(after)
            if noun is not None and self._norm(after).startswith(self.article) and not self._is_multiplier_word(after):
                unit, after, end = noun[0], after + 1, self.words[after].end
            vague_qualifier = "about" if qualifier == "exact" else qualifier
            return self._quantity(begin, end, vague.payload, unit, vague_qualifier), after
        fraction = self._fraction(at)
        if fraction is None:
            return None, index + 1
        multiplier = self.numbers.multipliers.get(self._norm(fraction[2]))
        if multiplier is not None and multiplier[1] == "singular":
            # "نصف مليون لاجئ", "ربع مليار دولار": a fraction of a multiplier is a number
            value, after = fraction[0] * multiplier[0], fraction[2] + 1
            end = self.words[after - 1].end
            unit = None
            unit_found = self._unit_after(after)
            if unit_found is not None:
                unit, after, end = unit_found
            begin = start if start is not None else fraction[1]
            return self._quantity(begin, end, value, unit, qualifier), after
        if (
            self.vocab.not_fractions.match(self.words, at, stop=self.hi) is not None
            or self._norm(fraction[2]) in self.vocab.fraction_not_of
        ):
            return None, fraction[2] + 1  # "ربع النهائي", "نصف السنة المالية"
        value, first, after = fraction
        unit_found = self._construct(after)
        if unit_found is None:
            return None, after
        unit, after, end = unit_found
        begin = start if start is not None else first
        return self._quantity(begin, end, value, unit, qualifier), after

    def _after_ordinal(self, at: int) -> bool:
        """A teen word completing an ordinal or a definite number ("الخامس عشر", "الخمسة عشر")."""
        if at == 0 or self.words[at].number is not None or self.words[at].norm not in self.numbers.teen:
            return False
        previous = self.words[at - 1]
        if any(form in self.numbers.ordinals for form, _ in previous.relative_forms):
            return True
        article = self.article
        return previous.norm.startswith(article) and previous.norm[len(article) :] in self.numbers.units

    def _is_multiplier_word(self, at: int) -> bool:
        return self._norm(at) in self.numbers.multipliers

    def _fraction(self, at: int) -> tuple[float, int, int] | None:
        """A fraction word or phrase at ``words[at]``: (value, start offset, next index)."""
        word = self.words[at]
        for form, offset in word.forms:
            for parts, value in self.numbers.fractions.items():
                if parts[0] != form:
                    continue
                end = at + len(parts)
                if end > self.hi or any(self._norm(at + k) != part for k, part in enumerate(parts[1:], start=1)):
                    continue
                if form in self.numbers.fractions_need_definite and not self._norm(end).startswith(self.article):
                    continue  # "خمس دول" is five countries; "خمس السكان" a fifth
                return value, offset, end
        return None

    def _construct(self, at: int) -> tuple[str, int, int] | None:
        """The noun phrase a fraction is of: "مساحة البلاد", "السكان", "المساحات المزروعة"."""
        first = self._noun(at)
        if first is None:
            return None
        after = at + 1
        second = self._noun(after) if after < self.hi else None
        if after + 1 < self.hi and self._norm(after + 1) in self.vocab.participle_complements:
            second = None  # "الكميات المتفق عليها": المتفق has its own complement
        if second is not None and self._norm(after).startswith(self.article) and self.tokens[after].start == second[1]:
            return self.text[first[1] : self.words[after].end], after + 1, self.words[after].end
        if not self._norm(at).startswith(self.article):
            return None  # an indefinite noun alone after a fraction is no construct
        return first[0], after, self.words[at].end

    # -- what is not an amount -------------------------------------------------------------

    def _not_an_amount(self, first: int, after: int, lo: int) -> bool:
        """Numbers that are times, identifiers, phone numbers, scores or parts of codes."""
        word = self.words[first]
        before = self._norm(first - 1) if first > lo else ""
        if before in self.vocab.identifier_nouns or before in self.vocab.time_nouns or before in self.vocab.year_nouns:
            return True
        if after < self.hi and self.vocab.era_after.match(self.words, after, clitics=False, stop=self.hi) is not None:
            return True  # "600م", "1442 هـ", "150 ق.م"
        if first > lo and any(form in self.vocab.identifier_nouns for form, _ in self.words[first - 1].relative_forms):
            return True  # "بالقرار 1701"
        if first - 1 > lo and before.startswith(self.article) and self._norm(first - 2) in self.vocab.identifier_nouns:
            return True  # "القرار الأممي 1701": an adjective between the noun and its number
        if first > lo and self.words[first - 1].is_word and self.words[first - 1].norm.isascii():
            return True  # "iPhone 15", "Windows 11": part of a Latin name
        if after < self.hi and self._norm(after) in self.vocab.time_after:
            return True
        if word.number is not None and word.norm.isdigit():
            if len(word.norm) >= 7 or (word.norm.startswith("0") and len(word.norm) >= 3):
                return True  # a phone or account number
        last = after - 1
        if self._touching(last, last + 1) and self._norm(last + 1) in _JOINERS:
            hyphen_range = self.words[last + 1].text in self.vocab.score_marks and self._touching(last + 1, last + 2)
            if not (hyphen_range and self._is_score_side(last + 2) and self._unit_follows(last + 2)):
                return True  # "5+5", "10:30", "2-1"; but "20-30 شخصا" is a range
        if self._touching(first - 1, first):
            previous = self.words[first - 1]
            if (
                previous.norm in _JOINERS
                and not (previous.text in self.vocab.score_marks and self._unit_follows(first))
            ):
                return True
            if previous.is_word and previous.norm.isascii():
                return True  # "G20", "F16": a name (an Arabic word touching digits is a missing space)
        if self._norm(after) == "/" or (first > lo and self._norm(first - 1) == "/"):
            return True  # "( 88 / 3 )", "57 / 69": a reference or a ratio, not an amount
        if (
            after < self.hi
            and self._touching(after - 1, after)
            and self.words[after].is_word
            and len(self.words[after].norm) == 1
        ):
            return True  # "71د", "43ث": a timing or a code
        if (
            first >= 2
            and self.words[first - 1].text in self.vocab.score_marks
            and self.words[first - 2].is_word
            and self.words[first - 2].norm not in self.vocab.zero
        ):
            return True  # "إس - 2": part of a name or a model
        # A score or a range of codes written with spaces: "6 - 3", "4 - صفر".
        marks = self.vocab.score_marks  # compared as written: the tatweel ـ has no normal form
        if after + 1 < self.hi and self.words[after].text in marks and self._is_score_side(after + 1):
            return not self._unit_follows(after + 1)  # "4,5 - 8 بالمئة" is a range, "6 - 3" a score
        if first >= 2 and self.words[first - 1].text in marks and self._is_score_side(first - 2):
            return not self._unit_follows(first)
        return False

    def _unit_follows(self, index: int) -> bool:
        reading = read_number(self.words, index, end=self.hi) if self.words[index].number is not None else None
        return reading is not None and self._unit_after(reading.end) is not None

    def _is_score_side(self, at: int) -> bool:
        return self.words[at].number is not None or self.words[at].norm in self.vocab.zero

    def _bare_not_an_amount(self, first: int, after: int, lo: int, value: float) -> bool:
        """A number with no unit and no qualifier that is likely a year or list numbering."""
        word = self.words[first]
        if word.number is not None and word.norm.isdigit() and len(word.norm) == 4 and 1900 <= value <= 2100:
            return True
        line_start = self.text.rfind("\n", 0, word.start) + 1
        if first == lo or self.text[line_start : word.start].strip() == "":
            if after < self.hi and self._norm(after) in _LIST_MARKS:
                return True
        if self._norm(first - 1) == "(" and self._norm(after) == ")":
            return True  # "(3)": a reference or a numbering
        return False

    def _quantity(self, start: int, end: int, value: float, unit: str | None, qualifier: str) -> Quantity:
        text = self.text[start:end]
        return Quantity(start=start, end=end, text=text, value=value, unit=unit, qualifier=cast(Qualifier, qualifier))


_TRIGGERS: dict[int, frozenset[str]] = {}
_TRIGGER_CACHE: dict[int, dict[str, bool]] = {}
_TRIGGER_CACHE_SIZE = 200_000


def _triggers(vocab: _Vocabulary, numbers: NumberWords) -> frozenset[str]:
    """Every word that can begin a quantity, built once per vocabulary."""
    key = id(vocab)
    if key not in _TRIGGERS:
        words = (
            set(vocab.qualifiers.first_words())
            | vocab.vague.first_words()
            | vocab.percent_signs
            | vocab.currency_signs
        )
        for table in (numbers.units, numbers.tens, numbers.hundreds, numbers.multipliers):
            words |= set(table)
        words |= {parts[0] for parts in numbers.fractions}
        _TRIGGERS[key] = frozenset(words)
    return _TRIGGERS[key]


def find_quantities(doc: Document) -> list[Quantity]:
    """Every quantity of ``doc`` in text order, outside its date expressions.

    Reads ``doc.tokens``, ``doc.sentences`` and ``doc.dates`` (tokenises and takes the whole
    text as one sentence when a Document has none).
    """
    text = doc.text
    tokens, words = document_words(doc)
    if not words:
        return []
    starts = [token.start for token in tokens]
    in_date = [False] * len(words)
    for date in doc.dates:
        first = max(0, bisect.bisect_right(starts, date.start) - 1)
        if words[first].end <= date.start:
            first += 1
        for index in range(first, bisect.bisect_left(starts, date.end)):
            in_date[index] = True
    reader = _Reader(text, tokens, words, in_date)
    sentences = [(s.start, s.end) for s in doc.sentences] or [(0, len(text))]
    found: list[Quantity] = []
    for sentence_start, sentence_end in sentences:
        lo = bisect.bisect_left(starts, sentence_start)
        hi = bisect.bisect_left(starts, sentence_end)
        if lo < hi:
            found.extend(reader.read(lo, hi))
    return found


@factory("quantities", requires=("sentences", "tokens", "dates"), assigns=("quantities",), version="2")
def make_quantities(options: Mapping[str, Any]) -> Component:
    """Find amounts, money, percentages and fractions with their units and qualifiers."""
    if options:
        raise ConfigError(f"component 'quantities' takes no options, got {', '.join(sorted(options))}")
    _vocabulary()
    number_words()

    def quantities(doc: Document) -> Document:
        return doc.replace(quantities=tuple(find_quantities(doc)))

    return quantities
