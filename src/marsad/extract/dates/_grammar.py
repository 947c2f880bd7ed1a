"""Reading date expressions from the words of one sentence.

A small hand-written grammar over :class:`~marsad.extract.quantities.words.Word` views: each
``_read_*`` method tries one family of expressions at a word and returns what it found (its
span, the index after it, and its :class:`~._calendar.Meaning`) or None. :meth:`Reader.read`
tries them in order at each word and keeps the first that matches, so the more specific
families come first ("قبل أسبوعين" is a shift before "أسبوعين" is a duration; "عام 2014" is a
year before "عام" is a unit).

Spans follow the annotation rules: they hold the words that fix the value (modifiers such as
مطلع، الماضي، قبل + count) and leave out prepositions and cue words (في، منذ، خلال، يوم، عام،
شهر) as well as the clitics attached to the first word.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable, Container, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Final, cast

from marsad.document import DateExpr, DateKind, DateMod, Document, Token
from marsad.extract.dates._calendar import Meaning, value_of
from marsad.extract.dates._lexicon import DateWords, Unit, date_words
from marsad.extract.quantities.numbers import NumberWords, number_start, number_words, read_number
from marsad.extract.quantities.words import Phrases, Word, WordList, clitics, document_words
from marsad.text.clitics import word_frequencies
from marsad.text.normalize import normalize

_SEPARATORS = frozenset("/-.")
_LOOK_BEHIND = 5  # how many words before the one being read the families may look at (cues, ranges)
_WINDOW = 24  # how many words from the one being read a family may look at (none needs more)
_NOT_AFTER_YEAR = frozenset(("%", "٪", "-", "/", "+"))  # marks that make a number a count or a code
_DOTTED_DATE = re.compile(r"^(\d{1,4})\.(\d{1,2})\.(\d{1,4})$")


@dataclass(frozen=True, slots=True)
class Found:
    """An expression read at some word and ending before ``words[next]``; text ``[start, end)``.

    ``meaning`` is None for stretches that are read only so that nothing else reads them
    (a clock time after قبل: "قبل ساعتين" is not annotated, and is not a duration either).
    """

    start: int
    end: int
    next: int
    meaning: Meaning | None


def _iso_duration(amount: float, unit: Unit) -> str | None:
    """ISO 8601 duration of ``amount`` units ("P3M", "PT2H", "P18M" for a year and a half)."""
    size = amount * unit.size
    designator, time = unit.designator, unit.time or unit.name == "hour"
    if size != int(size):
        if designator == "Y":
            size, designator = size * 12, "M"
        elif unit.name == "hour":
            size, designator = size * 60, "M"
        elif unit.name == "day":
            size, designator, time = size * 24, "H", True
        if size != int(size):
            return f"P{'T' if time else ''}{size:g}{designator}"
    return f"P{'T' if time else ''}{int(size)}{designator}"


class Reader:
    """Reads the date expressions of one document's words, sentence by sentence."""

    def __init__(self, words: WordList, lex: DateWords, numbers: NumberWords):
        self.source = words
        # Readers index a plain list; a sentence's views are built before it is read.
        self.words: list[Word] = words.views  # type: ignore[assignment]
        self.lex = lex
        self.numbers = numbers
        self.hi = len(words)
        self.norms = words.norms
        self.starts, self.dispatch, self.article = _context(lex, numbers)

    # -- helpers ---------------------------------------------------------------------------

    def _form(self, index: int, table: Container[str], clitics: bool = True) -> tuple[str, int] | None:
        """The form of ``words[index]`` in ``table`` (a set or dict), with its start offset."""
        if index >= self.hi:
            return None
        word = self.words[index]
        for form, offset in word.relative_forms if clitics else word.relative_forms[:1]:
            if form in table:
                return form, word.start + offset
        return None

    def _norm(self, index: int) -> str:
        return self.norms[index] if 0 <= index < self.hi else ""

    def _is_digits(self, index: int, lo: int = 1, hi: int = 31) -> int | None:
        if index >= self.hi:
            return None
        word = self.words[index]
        if word.number is None or not word.norm.isdigit():
            return None
        value = int(word.norm)
        return value if lo <= value <= hi else None

    def _adjacent(self, left: int, right: int) -> bool:
        return right < self.hi and self.words[left].end == self.words[right].start

    def _cue_before(self, index: int, table: Container[str]) -> bool:
        return index > 0 and self._form(index - 1, table) is not None

    def _phrase_before(self, index: int, phrases: Phrases[Any]) -> bool:
        """Whether a phrase of ``phrases`` (a :class:`Phrases`) ends right before ``index``."""
        for length in (1, 2, 3):
            begin = index - length
            if begin < 0:
                break
            found = phrases.match(self.words, begin, stop=index)
            if found is not None and found.next == index:
                return True
        return False

    def _relative_after(self, index: int) -> tuple[str, int, int] | None:
        """A relative word after a date ("الماضي", "قبل الماضي"): direction, next index, end."""
        if index >= self.hi:
            return None
        before_last = self.lex.before_last.match(self.words, index, clitics=False, stop=self.hi)
        if before_last is not None:
            return "before_last", before_last.next, before_last.end
        direction = self.lex.relative.get(self.words[index].norm)
        if direction is not None:
            return direction, index + 1, self.words[index].end
        return None

    # -- the reader ------------------------------------------------------------------------

    def read(self, lo: int, hi: int) -> list[Found]:
        """Every expression in ``words[lo:hi]`` (one sentence), left to right, not overlapping.

        Word views are built only around the words that may begin a date, and a family reading
        at ``index`` sees the sentence up to ``index + _WINDOW`` at most (``self.hi``): no date
        expression is that long.
        """
        norms, dispatch, source = self.norms, self.dispatch, self.source
        found: list[Found] = []
        index = lo
        while index < hi:
            norm = norms[index]
            readers = dispatch.get(norm)
            if readers is None:
                readers = self._readers_for(source[index])
            if not readers and norm != "(":
                index += 1  # most words begin no date
                continue
            self.hi = min(hi, index + _WINDOW)
            source.materialize(index - _LOOK_BEHIND, self.hi)
            result = self._read_parenthesised(index) if norm == "(" else self._read_expression(index, readers)
            if result is None:
                index += 1
                continue
            found.append(result)
            index = max(result.next, index + 1)
        self.hi = len(self.words)
        return found

    def _readers_for(self, word: Word) -> tuple[int, ...]:
        """Which families may begin at ``word`` (indexes into :data:`FAMILIES`), cached by spelling."""
        key = word.norm
        known = self.dispatch.get(key)
        if known is None:
            forms = {form for form, _ in word.relative_forms}
            digits = word.norm if word.norm[:1].isdigit() else ""
            known = tuple(
                position
                for position, (_, starts, takes_digits) in enumerate(_family_starts(self.starts))
                if (digits and takes_digits is not None and takes_digits(digits)) or not forms.isdisjoint(starts)
            )
            if len(self.dispatch) > _DISPATCH_SIZE:
                self.dispatch.clear()  # bounded: a corpus of millions of articles has many spellings
            self.dispatch[key] = known
        return known

    def _read_expression(self, index: int, readers: tuple[int, ...] | None = None) -> Found | None:
        """The first family that reads an expression at ``words[index]``."""
        if readers is None:
            readers = self._readers_for(self.words[index])
        for position in readers:
            result = _FAMILY_METHODS[position](self, index)
            if result is not None:
                return result
        return None

    def _read_parenthesised(self, index: int) -> Found | None:
        """"(8 أكتوبر) المنصرم" takes the parentheses into its span; "(8 أكتوبر)" alone does not."""
        inner = self._read_expression(index + 1) if index + 1 < self.hi else None
        if inner is None or inner.meaning is None or inner.next >= self.hi or self._norm(inner.next) != ")":
            return inner
        relative = self._relative_after(inner.next + 1)
        meaning = inner.meaning
        if (
            relative is not None
            and meaning.kind in ("day", "month", "weekday", "season")
            and meaning.year is None
            and meaning.rel is None
        ):
            return Found(self.words[index].start, relative[2], relative[1], meaning.with_rel(relative[0]))
        return Found(inner.start, inner.end, inner.next + 1, meaning)

    # -- families --------------------------------------------------------------------------

    def _read_numeric(self, index: int) -> Found | None:
        """12/3/2021, 2021-03-12, 12.3.2021, 3/2021."""
        word = self.words[index]
        if self._norm(index + 1) not in _SEPARATORS and "." not in word.norm:
            return None  # "12/3/2021" needs a separator right after the first number
        dotted = _DOTTED_DATE.match(word.norm)
        if dotted:
            parts = [dotted.group(1), dotted.group(2), dotted.group(3)]
            return self._numeric(parts, word.start, word.end, index + 1)
        if not word.norm.isdigit():
            return None
        parts = [word.norm]
        position = index
        separator = None
        spaced = False
        while (
            len(parts) < 3
            and position + 2 < self.hi
            and self._norm(position + 1) in _SEPARATORS
            and (separator is None or self._norm(position + 1) == separator)
            and self._norm(position + 2).isdigit()
        ):
            spaced = (
                spaced
                or not (self._adjacent(position, position + 1) and self._adjacent(position + 1, position + 2))
            )
            separator = self._norm(position + 1)
            parts.append(self._norm(position + 2))
            position += 2
        if len(parts) < 2 or (spaced and (len(parts) < 3 or separator != "/")):
            return None
        return self._numeric(parts, word.start, self.words[position].end, position + 1)

    def _numeric(self, parts: list[str], start: int, end: int, after: int) -> Found | None:
        numbers = [int(p) for p in parts]
        if len(parts) == 3:
            if len(parts[0]) == 4:
                year, month, day = numbers
            elif len(parts[2]) == 4:
                day, month, year = numbers
                if month > 12 and day <= 12:
                    day, month = month, day
            else:
                return None
            if not (1900 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31):
                return None
            return Found(start, end, after, Meaning(kind="day", year=year, month=month, day=day))
        if len(parts) == 2 and len(parts[1]) == 4 and len(parts[0]) <= 2 and "/" in self.words[after - 2].norm:
            month, year = numbers
            if 1 <= month <= 12 and 1900 <= year <= 2100:
                return Found(start, end, after, Meaning(kind="month", year=year, month=month))
        return None

    def _read_mod_period(self, index: int) -> Found | None:
        """مطلع/منتصف/نهاية/أواخر + a month, year, season, decade or relative period."""
        found = self._form(index, self.lex.mods)
        if found is None:
            return None
        mod = self.lex.mods[found[0]]
        inner_at = index + 1
        if inner_at >= self.hi:
            return None
        after = self._readers_for(self.words[inner_at])
        if not after or _MOD_INNER.isdisjoint(after):
            return None  # "نهاية المطاف": nothing a mod can apply to follows
        for inner_reader in (
            self._read_month_after_mod,
            self._read_season,
            self._read_decade,
            self._read_bare_period,
            self._read_year_after_mod,
            self._read_part_of_year,
            self._read_deictic_for_mod,
        ):
            inner = inner_reader(inner_at)
            if inner is not None and inner.meaning is not None:
                return Found(found[1], inner.end, inner.next, inner.meaning.with_mod(mod))
        return None

    def _read_month_after_mod(self, index: int) -> Found | None:
        return self._read_month(index, after_mod=True)

    def _read_bare_period(self, index: int) -> Found | None:
        return self._read_relative_period(index, bare=True)

    def _duration_words(self) -> frozenset[str]:
        """Every written form of a unit, bare or with the article (for quick rejection)."""
        found = _DURATION_WORDS.get(id(self.lex))
        if found is None:
            lex = self.lex
            found = _DURATION_WORDS[id(lex)] = frozenset(
                set(lex.units) | set(lex.definite_plural_units) | set(lex.definite_dual_units)
            )
        return found

    def _read_deictic_for_mod(self, index: int) -> Found | None:
        """"نهاية اليوم", "مطلع الأسبوع" are read elsewhere; only today takes a mod here."""
        result = self._read_deictic(index)
        if (
            result is not None
            and result.meaning is not None
            and result.meaning.offset == 0
            and result.next == index + 1
        ):
            return result
        return None

    def _read_year_after_mod(self, index: int) -> Found | None:
        """"أواخر 2017", "مطلع عام 2020"."""
        at = index + 1 if self._form(index, self.lex.year_cues) else index
        year = self._is_digits(at, 1000, 2100)
        if year is None:
            return None
        return Found(self.words[at].start, self.words[at].end, at + 1, Meaning(kind="year", year=year))

    def _year_phrase(self, index: int) -> tuple[int | None, int | None, int, int] | None:
        """A year after a season or a part of a year: (year, year_offset, next, end).

        "2014", "عام 2014", "العام الماضي" (offset -1), "هذا العام" (0), "العام" alone (0).
        """
        at = index
        if self._form(at, self.lex.year_cues) and self._is_digits(at + 1, 1000, 2100) is not None:
            at += 1
        year = self._is_digits(at, 1000, 2100)
        if year is not None:
            return year, None, at + 1, self.words[at].end
        relative = self._read_relative_period(index, bare=True)
        if relative is not None and relative.meaning is not None and relative.meaning.unit == "year":
            return None, relative.meaning.offset, relative.next, relative.end
        return None

    def _read_part_of_year(self, index: int) -> Found | None:
        """"الربع الأول من العام الجاري" → 2023-Q1; "النصف الثاني من 2022" → 2022-H2."""
        part = self._form(index, self.lex.parts)
        if part is None or index + 1 >= self.hi:
            return None
        ordinal = self.lex.part_ordinals.get(self._norm(index + 1))
        if ordinal is None:
            return None
        code = self.lex.parts[part[0]]
        parts = 4 if code == "Q" else 2
        if ordinal < 0:
            ordinal = parts  # "الربع الأخير", "النصف الأخير"
        elif ordinal > parts:
            return None
        at = index + 2
        if self._norm(at) in self.lex.part_links:
            at += 1
        year = self._year_phrase(at)
        if year is None:
            return None
        value_year, offset, after, end = year
        return Found(
            part[1],
            end,
            after,
            Meaning(kind="part", year=value_year, year_offset=offset, code=f"{code}{ordinal}"),
        )

    def _read_week_of_month(self, index: int) -> Found | None:
        """"الأسبوع الأول من مايو المقبل" → the ISO week holding 1 May; "الأخير" the last day's."""
        found = self._form(index, self.lex.weeks_of_month)
        if found is None or index + 1 >= self.hi:
            return None
        ordinal = self.lex.week_ordinals.get(self._norm(index + 1))
        if ordinal is None:
            return None
        at = index + 2
        if self._norm(at) in self.lex.part_links:
            at += 1
        month = self._read_month(at, after_mod=True)
        if month is None:
            period = self._read_relative_period(at, bare=True)
            if period is None or period.meaning is None or period.meaning.unit != "month":
                return None
            return Found(found[1], period.end, period.next, period.meaning.week_of(str(ordinal)))
        if month.meaning is None:
            return None
        return Found(found[1], month.end, month.next, month.meaning.week_of(str(ordinal)))

    def _read_deictic(self, index: int) -> Found | None:
        """اليوم، أمس، أول أمس، غدا، بعد غد — with a weekday after them ("أمس الأربعاء")."""
        found = self.lex.deictic.match(self.words, index, stop=self.hi)
        if found is None:
            return None
        if self._form(index, self.lex.deictic_needs_context) is not None:
            weekday_after = found.next < self.hi and self._norm(found.next) in self.lex.weekdays
            time_before = index > 0 and self._norm(index - 1) in self.lex.times_of_day
            if not (weekday_after or time_before):
                return None  # "غد أفضل"
        if found.payload == 0 and found.next == index + 1:  # "اليوم" alone
            if index + 1 < self.hi and self._norm(index + 1) in self.lex.today_not_before:
                return None  # "اليوم الأول", "اليوم الوطني"
            if index > 0 and self._norm(index - 1) in self.lex.today_not_after:
                return None  # "في مثل هذا اليوم"
        end, after = found.end, found.next
        if after < self.hi and self._norm(after) in self.lex.weekdays:
            end, after = self.words[after].end, after + 1
        return Found(found.start, end, after, Meaning(kind="deictic", offset=found.payload))

    def _read_weekday(self, index: int) -> Found | None:
        """الخميس، الخميس المقبل، الخميس 8 أكتوبر 2021، الأحد الموافق 12 مارس."""
        found = self._form(index, self.lex.weekdays)
        if found is None or (index > 0 and self._norm(index - 1) in self.lex.weekday_not_after):
            return None
        weekday = self.lex.weekdays[found[0]]
        at = index + 1
        correspondence = self.lex.correspondence.match(self.words, at, clitics=False, stop=self.hi)
        date_at = correspondence.next if correspondence is not None else at
        date = self._read_day_month(date_at) if date_at < self.hi else None
        if date is not None and date.meaning is not None:
            return Found(found[1], date.end, date.next, date.meaning)
        relative = self._relative_after(at)
        if relative is not None:
            return Found(found[1], relative[2], relative[1], Meaning(kind="weekday", weekday=weekday, rel=relative[0]))
        shared = None
        if at + 1 < self.hi and self.words[at].has_conjunction and self.words[at].bare in self.lex.weekdays:
            # "يومي السبت والأحد الماضيين": the relative word after the pair holds for both.
            after_pair = self._relative_after(at + 1)
            shared = after_pair[0] if after_pair is not None else None
        return Found(found[1], self.words[index].end, at, Meaning(kind="weekday", weekday=weekday, rel=shared))

    def _month_tail(self, at: int, calendar: str, month: int) -> tuple[int, int, int | None, str, str | None]:
        """What may follow a month name: "(يناير)", "/يناير", a year, an era, a relative word.

        Returns (next index, end offset, year, calendar, relative direction).
        """
        end = self.words[at - 1].end
        # An alternative name of the same month: "كانون الثاني (يناير)", "كانون الثاني/يناير".
        if at < self.hi and self._norm(at) in ("(", "/"):
            alternative = self.lex.months.match(self.words, at + 1, clitics=False, stop=self.hi)
            if (
                alternative is not None
                and alternative.payload.month == month
                and alternative.payload.calendar == calendar
            ):
                closing = alternative.next
                if self._norm(at) == "(" and self._norm(closing) == ")":
                    at, end = closing + 1, self.words[closing].end
                elif self._norm(at) == "/":
                    at, end = closing, alternative.end
        year = None
        if (
            self._norm(at) in self.lex.of
            and self._form(at + 1, self.lex.year_cues)
            and self._is_digits(at + 2, 1000, 2100)
        ):
            at += 1  # "يناير من العام 1901"
        year_at = at + 1 if self._form(at, self.lex.year_cues) else at
        digits = self._is_digits(year_at, 1, 2100)
        if digits is not None and (digits >= 1000 or (calendar == "h" and digits >= 1300)):
            year, at, end = digits, year_at + 1, self.words[year_at].end
            era = self.lex.era.match(self.words, at, clitics=False, stop=self.hi)
            if era is not None and (era.payload == "h") == (calendar == "h"):
                at, end = era.next, era.end
        relative = None
        if year is None:
            after = self._relative_after(at)
            if after is not None:
                relative, at, end = after[0], after[1], after[2]
        return at, end, year, calendar, relative

    def _day_number(self, index: int) -> tuple[int, int, int, bool] | None:
        """A day of the month: "8", "غرة", "التاسع عشر", "الحادي والثلاثين".

        Returns (day, next index, start offset, written in words).
        """
        day = self._is_digits(index, 1, 31)
        if day is not None:
            return day, index + 1, self.words[index].start, False
        first = self._form(index, self.lex.first_day)
        if first is not None:
            return 1, index + 1, first[1], True
        ordinal = self._form(index, self.numbers.ordinals)
        if ordinal is not None:
            day, at = self.numbers.ordinals[ordinal[0]], index + 1
            if at < self.hi and self._norm(at) in self.numbers.teen:
                day, at = day + 10, at + 1
            elif at < self.hi and self.words[at].has_conjunction and self.words[at].bare in self.numbers.ordinal_tens:
                day, at = day + self.numbers.ordinal_tens[self.words[at].bare], at + 1
            return (day, at, ordinal[1], True) if day <= 31 else None
        tens = self._form(index, self.numbers.ordinal_tens)
        if tens is not None:
            return self.numbers.ordinal_tens[tens[0]], index + 1, tens[1], True
        return None

    def _read_day_month(self, index: int) -> Found | None:
        """"8 أكتوبر", "26 كانون الثاني (يناير) الماضي", "١٥ رمضان ١٤٤٢", "التاسع عشر من مايو"."""
        article = self._norm(index) == self.article and self._is_digits(index + 1, 1, 31) is not None
        number = self._day_number(index + 1 if article else index)
        if number is None:
            return None
        day, at, start, in_words = number
        if _DAY_FOLLOWERS.get(id(self.lex)) is None:
            _DAY_FOLLOWERS[id(self.lex)] = _day_followers(self.lex)
        if _DAY_FOLLOWERS[id(self.lex)].isdisjoint(self.norms[at : min(at + 3, self.hi)]):
            return None  # no month, range or "من الشهر" after the day
        if article:
            start = self.words[index].start
        if at + 1 < self.hi and self._norm(at) in self.lex.of:
            period = self._read_relative_period(at + 1)
            if period is not None and period.meaning is not None and period.meaning.unit == "month":
                # "في الـ19 من الشهر الجاري", "العاشر من الشهر المقبل"
                meaning = Meaning(
                    kind="day",
                    day=day,
                    unit="month",
                    offset=period.meaning.offset,
                    rel=period.meaning.rel,
                )
                return Found(start, period.end, period.next, meaning)
        if article:
            return None
        if not in_words and self.lex.relative.get(self._norm(at)) == "current":
            # "في 20 الجاري": the 20th of the publication month
            meaning = Meaning(kind="day", day=day, unit="month", offset=0, rel="current")
            return Found(start, self.words[at].end, at + 1, meaning)
        if not in_words and at < self.hi and self._norm(at) in self.lex.range_links:
            last = self._read_day_month(at + 1)
            if (
                last is not None
                and last.meaning is not None
                and last.meaning.kind == "day"
                and last.meaning.unit is None
            ):
                # "12-15 مارس", "من 13 وحتى 15 تشرين الثاني": the first day of a range
                return Found(start, self.words[index].end, index + 1, last.meaning.with_day(day))
        if at < self.hi and self._norm(at) in self.lex.of and self.lex.months.match(self.words, at + 1, clitics=False, stop=self.hi):
            at += 1  # "15 من مارس", "الحادي عشر من سبتمبر"
        month = self.lex.months.match(self.words, at, clitics=False, stop=self.hi)
        if month is None:
            return None
        name = month.payload
        after, end, year, calendar, relative = self._month_tail(month.next, name.calendar, name.month)
        return Found(
            start,
            end,
            after,
            Meaning(kind="day", year=year, month=name.month, day=day, calendar=calendar, rel=relative),
        )

    def _read_month(self, index: int, *, after_mod: bool = False) -> Found | None:
        """"أكتوبر الماضي", "شهر رمضان", "آذار 2023", "في نوفمبر"."""
        cue = self._form(index, self.lex.month_cues)
        at = index + 1 if cue is not None else index
        month = self.lex.months.match(self.words, at, clitics=cue is None, stop=self.hi)
        if month is None:
            return None
        name = month.payload
        after, end, year, calendar, relative = self._month_tail(month.next, name.calendar, name.month)
        evidenced = year is not None or relative is not None or cue is not None
        if not evidenced:
            # A preposition before the name, written apart ("في أكتوبر") or attached ("بأكتوبر").
            cued = after_mod or self._cue_before(at, self.lex.time_cues) or month.start > self.words[at].start
            if name.ambiguous or not cued:
                return None
        start = month.start
        return Found(
            start,
            end,
            after,
            Meaning(kind="month", year=year, month=name.month, calendar=calendar, rel=relative),
        )

    def _read_season(self, index: int) -> Found | None:
        """"صيف 2014", "صيف العام الماضي", "الصيف المقبل", "هذا الشتاء"."""
        this = self._form(index, self.lex.this)
        at = index + 1 if this is not None else index
        found = self._form(at, self.lex.seasons)
        if found is None:
            return None
        code = self.lex.seasons[found[0]]
        start = this[1] if this is not None else found[1]
        if this is not None:
            return Found(start, self.words[at].end, at + 1, Meaning(kind="season", code=code, rel="current"))
        definite = found[0].startswith(self.article)
        if definite:
            relative = self._relative_after(at + 1)
            if relative is None or relative[0] == "before_last":
                return None
            return Found(start, relative[2], relative[1], Meaning(kind="season", code=code, rel=relative[0]))
        year = self._year_phrase(at + 1)
        if year is None:
            return None
        value_year, offset, after, end = year
        return Found(start, end, after, Meaning(kind="season", code=code, year=value_year, year_offset=offset))

    def _read_decade(self, index: int) -> Found | None:
        """"الثمانينيات" → 198, "ثمانينيات القرن الماضي" → 198."""
        found = self._form(index, self.lex.decades)
        if found is None:
            return None
        digit = self.lex.decades[found[0]]
        century = self.lex.centuries.match(self.words, index + 1, clitics=False, stop=self.hi)
        if century is not None:
            value = 19 if century.payload == "last" else 20
            return Found(found[1], century.end, century.next, Meaning(kind="decade", century=value, code=str(digit)))
        if not found[0].startswith(self.article):
            return None
        return Found(found[1], self.words[index].end, index + 1, Meaning(kind="decade", code=str(digit)))

    def _read_relative_period(self, index: int, *, bare: bool = False) -> Found | None:
        """"الأسبوع المقبل", "العام الماضي", "هذا العام", "الشهر الجاري", "العام قبل الماضي"."""
        this = self._form(index, self.lex.this)
        if this is not None:
            period = self.lex.periods.get(self._norm(index + 1)) if index + 1 < self.hi else None
            if period is None:
                return None
            return Found(
                this[1],
                self.words[index + 1].end,
                index + 2,
                Meaning(kind="period", unit=period.name, offset=0, rel="current"),
            )
        found = self._form(index, self.lex.periods)
        if found is None:
            return None
        unit = self.lex.periods[found[0]]
        relative = self._relative_after(index + 1)
        if relative is None:
            if not bare:
                return None
            return Found(found[1], self.words[index].end, index + 1, Meaning(kind="period", unit=unit.name, offset=0))
        offset = {"past": -1, "next": 1, "current": 0, "before_last": -2}[relative[0]]
        return Found(
            found[1],
            relative[2],
            relative[1],
            Meaning(kind="period", unit=unit.name, offset=offset, rel=relative[0]),
        )

    def _count_and_unit(self, index: int) -> tuple[float, Unit, int, int] | None:
        """A counted unit: "ثلاثة أيام", "24 شهرا", "أسبوعين", "عام ونصف": (count, unit, next, end)."""
        if index >= self.hi:
            return None
        form = self._form(index, self.lex.units)
        if form is not None:
            unit_form = self.lex.units[form[0]]
            if unit_form.count == 2:
                return self._and_half(2.0, unit_form.unit, index + 1)
            return None
        units = self.lex.units
        if units.keys().isdisjoint(self.norms[index + 1 : min(index + 8, self.hi)]):
            return None  # no unit word close enough to be counted
        reading = read_number(self.words, index, end=self.hi)
        if reading is None or reading.end >= self.hi:
            return None
        counted = units.get(self.words[reading.end].norm)
        if counted is None or counted.count == 2 or self._is_digits(reading.end + 1, 1000, 2100) is not None:
            return None  # "… سنة 2021": the unit word names a year
        return self._and_half(reading.value, counted.unit, reading.end + 1)

    def _and_half(self, count: float, unit: Unit, at: int) -> tuple[float, Unit, int, int]:
        if at < self.hi and self.words[at].has_conjunction and self.words[at].bare in self.numbers.half:
            return count + 0.5, unit, at + 1, self.words[at].end
        return count, unit, at, self.words[at - 1].end

    def _single_unit(self, index: int) -> tuple[Unit, int, int] | None:
        """A singular unit standing for one ("منذ عام", "قبل أسبوع"): not "يوم الاقتراع"."""
        form = self._form(index, self.lex.units)
        if form is None or self.lex.units[form[0]].count != 1 or not self.lex.units[form[0]].unit.singular_alone:
            return None
        if self.lex.hijri_holidays.match(self.words, index, stop=self.hi) is not None:
            return None  # "قبل يوم عرفة": a named day, not one day
        following = self._norm(index + 1) if index + 1 < self.hi else ""
        if following.startswith(self.article) or following[:1].isdigit() or following in self.lex.weekdays:
            return None
        count, unit, after, end = self._and_half(1.0, self.lex.units[form[0]].unit, index + 1)
        return unit, after, end

    def _read_shift(self, index: int) -> Found | None:
        """"قبل أسبوعين" → the week two weeks before publication; "بعد ثلاثة أيام"."""
        found = self._form(index, self.lex.shift_cues)
        if found is None:
            return None
        sign = self.lex.shift_cues[found[0]]
        at = index + 1
        qualifier = self.lex.duration_cues.match(self.words, at, clitics=False, stop=self.hi)
        if qualifier is not None and qualifier.next < self.hi and self._form(at, self.lex.shift_cues) is None:
            at = qualifier.next
        counted = self._count_and_unit(at)
        if counted is None:
            single = self._single_unit(at)
            if single is None:
                return None
            counted = (1.0, single[0], single[1], single[2])
        count, unit, after, end = counted
        if after < self.hi and self._norm(after) in self.lex.shift_other_anchor:
            return None  # "بعد ست سنوات من الانسحاب": the duration is read on its own
        if unit.time or count != int(count):
            return Found(found[1], end, after, None)  # a clock time, or a fraction: no day to give
        if unit.size > 1:
            return Found(found[1], end, after, Meaning(kind="shift", unit="year", offset=sign * int(count) * unit.size))
        return Found(found[1], end, after, Meaning(kind="shift", unit=unit.name, offset=sign * int(count)))

    def _read_set(self, index: int) -> Found | None:
        """يوميا، سنويا، "بقصف يومي", "كل عام", "كل ثلاثة أشهر"."""
        adverb = self._form(index, self.lex.set_adverbs)
        if adverb is not None:
            return Found(
                adverb[1],
                self.words[index].end,
                index + 1,
                Meaning(kind="set", code=self.lex.set_adverbs[adverb[0]]),
            )
        adjective = self._form(index, self.lex.set_adjectives, clitics=False)
        if (
            adjective is not None
            and index > 0
            and self.words[index - 1].is_word
            and not (index + 1 < self.hi and self._form(index + 1, self.lex.weekdays) is not None)
        ):
            return Found(
                adjective[1],
                self.words[index].end,
                index + 1,
                Meaning(kind="set", code=self.lex.set_adjectives[adjective[0]]),
            )
        every = self._form(index, self.lex.every)
        if every is None or self._duration_words().isdisjoint(self.norms[index + 1 : min(index + 8, self.hi)]):
            return None  # "كل الأطراف": no unit follows
        day_unit = self.lex.units.get(self._norm(index + 1)) if index + 1 < self.hi else None
        if day_unit is not None and day_unit.unit.name == "day" and index + 2 < self.hi:
            following = self._norm(index + 2)
            if following in self.lex.weekdays or self.article + following in self.lex.weekdays:
                # "كل يوم جمعة": every Friday
                return Found(every[1], self.words[index + 2].end, index + 3, Meaning(kind="set", code="P1W"))
        counted = self._count_and_unit(index + 1)
        if counted is None:
            single = self._single_unit(index + 1)
            if single is None:
                return None
            counted = (1.0, single[0], single[1], single[2])
        count, unit, after, end = counted
        code = _iso_duration(count, unit)
        return Found(every[1], end, after, Meaning(kind="set", code=code)) if code else None

    def _read_year(self, index: int) -> Found | None:
        """"عام 2014" → 2014 (the cue word stays out), "1442 هـ", "في 2020", "2019 و2020"."""
        cue = self._form(index, self.lex.year_cues)
        at = index + 1 if cue is not None else index
        word = self.words[at] if at < self.hi else None
        if word is None or word.number is None or not word.norm.isdigit() or len(word.norm) not in (3, 4):
            return None
        year = int(word.norm)
        era = self.lex.era.match(self.words, at + 1, clitics=False, stop=self.hi)
        calendar = era.payload if era is not None else "g"
        end, after = (era.end, era.next) if era is not None else (word.end, at + 1)
        if calendar == "bc":
            return Found(word.start, end, after, None)  # "1500 ق.م": no TIMEX3 value is given to such years
        if calendar == "h":
            if not 1300 <= year <= 1500:
                return None
        elif not 1000 <= year <= 2100:
            return None
        if cue is None and era is None and not self._bare_year(at, year):
            return None
        return Found(word.start, end, after, Meaning(kind="year", year=year, calendar=calendar))

    def _bare_year(self, index: int, year: int) -> bool:
        """Whether a four-digit number with no year word is a year ("في 2020", "منذ 2003")."""
        if index == 0 or not 1000 <= year <= 2100:
            return False
        if index + 2 < self.hi and self._norm(index + 1) in self.lex.range_links:
            partner = self._is_digits(index + 2, 1000, 2100)
            with_era = self.lex.era.match(self.words, index + 3, clitics=False, stop=self.hi) is not None
            if partner is not None and len(self._norm(index + 2)) == 4 and (partner >= 1900 or with_era):
                return True  # "1796 - 1820م", "2019 و2020": the first year of a pair
        if year < 1900:
            return False
        previous = self.words[index - 1]
        if previous.norm in self.lex.range_links and index >= 2 and self.words[index - 2].number is not None:
            earlier = self.words[index - 2].norm
            return earlier.isdigit() and len(earlier) == 4 and 1900 <= int(earlier) <= 2100
        following = self.words[index + 1] if index + 1 < self.hi else None
        cue = self._form(index - 1, self.lex.time_cues)
        if cue is None:
            # "حرب 1948،", "انتخابات 2021." — a noun, then the year closing the phrase.
            if (
                not previous.is_word
                or previous.bare in self.lex.not_year_after
                or previous.norm in self.lex.not_year_after
            ):
                return False
            return (
                following is None
                or (not following.is_word and following.number is None and following.norm not in _NOT_AFTER_YEAR)
            )

        if cue[0] in self.lex.range_cues:
            # A range: "من 2019 إلى 2021", "بين 2019 و2021"; else "من 2100 شحنة" is a count.
            if (
                following is not None
                and (
                    following.norm in self.lex.time_cues
                    or (following.norm in self.lex.range_links and self._is_digits(index + 2, 1900, 2100))
                )
            ):
                return True
            # the end of a range whose start was a year ("من 2019 إلى 2021")
            return any(self._is_digits(k, 1900, 2100) for k in range(max(0, index - 4), index - 1))
        if following is None or not following.is_word:
            return following is None or following.norm not in ("%", "٪")
        return following.norm not in self.numbers.multipliers

    def _read_duration(self, index: int) -> Found | None:
        """"ثلاثة أشهر" P3M, "24 شهرا" P24M, "ساعتين" PT2H, "الأشهر الستة الأولى" P6M, "منذ عام" P1Y."""
        duration_words = self._duration_words()
        if duration_words.isdisjoint(self.norms[index + 1 : min(index + 8, self.hi)]) and (
            self._form(index, duration_words) is None
        ):
            return None  # no unit at or after this word: no duration begins here
        if self.words[index].number is not None:
            counted = self._count_and_unit(index)  # digits: only "24 شهرا" can begin here
            if counted is None:
                return None
            count, unit, after, end = counted
            code = _iso_duration(count, unit)
            return Found(self.words[index].start, end, after, Meaning(kind="duration", code=code)) if code else None
        start = self._form(index, self.lex.units)
        fraction = self.numbers.fractions.get((self.words[index].norm,))
        if (
            fraction is not None
            and index + 1 < self.hi
            and self.words[index].norm not in self.numbers.fractions_need_definite
        ):
            unit_form = self.lex.units.get(self._norm(index + 1))
            if unit_form is not None and unit_form.count == 1:
                code = _iso_duration(fraction, unit_form.unit)  # "نصف ساعة", "ربع قرن"
                if code:
                    return Found(
                        self.words[index].start,
                        self.words[index + 1].end,
                        index + 2,
                        Meaning(kind="duration", code=code),
                    )
        definite = self._read_definite_duration(index)
        if definite is not None:
            return definite
        counted = self._count_and_unit(index)
        if counted is not None:
            count, unit, after, end = counted
            begin = start[1] if start is not None else number_start(self.words[index])
            code = _iso_duration(count, unit)
            return Found(begin, end, after, Meaning(kind="duration", code=code)) if code else None
        if start is not None and self._phrase_before(index, self.lex.duration_cues):
            single = self._single_unit(index)
            if single is not None:
                unit, after, end = single
                count = 1.5 if after > index + 1 else 1.0
                code = _iso_duration(count, unit)
                return Found(start[1], end, after, Meaning(kind="duration", code=code)) if code else None
        return None

    def _read_definite_duration(self, index: int) -> Found | None:
        """"الأشهر الستة الأولى", "السنوات الخمس الماضية", "الساعات الـ24 الماضية", "العامين الماضيين"."""
        found = self._form(index, self.lex.definite_plural_units)
        if found is not None:
            unit = self.lex.definite_plural_units[found[0]]
            counted = self._definite_count(index + 1) if index + 1 < self.hi else None
            if counted is None:
                return None
            count, at = counted
            end = self.words[at - 1].end
            if at < self.hi and self._norm(at) in self.lex.period_adjectives:
                end, at = self.words[at].end, at + 1
            code = _iso_duration(count, unit)
            return Found(found[1], end, at, Meaning(kind="duration", code=code)) if code else None
        counted = self._definite_count(index)
        if counted is not None:
            count, at = counted
            unit_form = self.lex.units.get(self._norm(at)) if at < self.hi else None
            if unit_form is not None and unit_form.count != 2 and self._is_digits(at + 1, 1000, 2100) is None:
                end, at = self.words[at].end, at + 1
                if at < self.hi and self._norm(at) in self.lex.period_adjectives:
                    end, at = self.words[at].end, at + 1
                code = _iso_duration(count, unit_form.unit)
                if code:
                    return Found(self.words[index].forms[0][1], end, at, Meaning(kind="duration", code=code))
                return None
        dual = self._form(index, self.lex.definite_dual_units)
        if dual is not None and index + 1 < self.hi and self._norm(index + 1) in self.lex.period_adjectives:
            code = _iso_duration(2.0, self.lex.definite_dual_units[dual[0]])
            if code:
                return Found(dual[1], self.words[index + 1].end, index + 2, Meaning(kind="duration", code=code))
        return None

    def _definite_count(self, index: int) -> tuple[float, int] | None:
        """A number with the article: "الخمسة عشر", "الـ24", "العشرين": (value, next index)."""
        norm = self._norm(index)
        if norm == self.article and self._is_digits(index + 1, 1, 10000) is not None:
            return float(self._norm(index + 1)), index + 2
        if not norm.startswith(self.article):
            return None
        value = self.numbers.simple_value(norm[len(self.article) :])
        if value is None:
            return None
        at = index + 1
        if value < 10 and at < self.hi and self._norm(at) in self.numbers.teen:
            value, at = value + 10, at + 1
        elif value < 10 and at < self.hi and self.words[at].has_conjunction:
            bare = self.words[at].bare  # "الأربع والعشرين"
            tens = self.numbers.tens.get(bare[len(self.article) :]) if bare.startswith(self.article) else None
            if tens is not None:
                value, at = value + tens, at + 1
        return value, at

    def _read_holiday(self, index: int) -> Found | None:
        """"عيد الفطر" → 1 Shawwal of the year meant; "عيد الأضحى المقبل"; "عيد العمال" → 1 May."""
        for calendar, table in (("h", self.lex.hijri_holidays), ("g", self.lex.gregorian_holidays)):
            found = table.match(self.words, index, stop=self.hi)
            if found is None:
                continue
            month, day = found.payload
            after, end, year, calendar, relative = self._month_tail(found.next, calendar, month)
            return Found(
                found.start,
                end,
                after,
                Meaning(kind="day", year=year, month=month, day=day, calendar=calendar, rel=relative),
            )
        return None


# The families in the order they are tried: the more specific first.
FAMILIES = (
    "_read_numeric",
    "_read_day_month",
    "_read_mod_period",
    "_read_part_of_year",
    "_read_week_of_month",
    "_read_deictic",
    "_read_weekday",
    "_read_month",
    "_read_season",
    "_read_decade",
    "_read_relative_period",
    "_read_shift",
    "_read_set",
    "_read_year",
    "_read_duration",
    "_read_holiday",
)
# The families a mod (مطلع، نهاية…) can apply to, by index in FAMILIES: what may follow one.
_MOD_INNER = frozenset(
    FAMILIES.index(name)
    for name in (
        "_read_day_month", "_read_month", "_read_season", "_read_decade", "_read_relative_period",
        "_read_year", "_read_part_of_year", "_read_deictic", "_read_numeric", "_read_duration",
    )
)
_FAMILY_METHODS: tuple[Callable[[Reader, int], Found | None], ...] = tuple(getattr(Reader, name) for name in FAMILIES)
_STARTS: dict[int, dict[str, tuple[frozenset[str], Callable[[str], bool] | None]]] = {}
_DISPATCH: dict[int, dict[str, tuple[int, ...]]] = {}
_DISPATCH_SIZE = 200_000


_DAY_FOLLOWERS: dict[int, frozenset[str]] = {}
_DURATION_WORDS: dict[int, frozenset[str]] = {}


def _day_followers(lex: DateWords) -> frozenset[str]:
    """Words one of which follows a day number within three words when it is a date."""
    relative = {word for word, direction in lex.relative.items() if direction == "current"}
    return frozenset(lex.months.first_words() | lex.of | lex.range_links | relative)


_CONTEXTS: dict[int, tuple[dict[str, tuple[frozenset[str], Callable[[str], bool] | None]], dict[str, tuple[int, ...]], str]] = {}


def _context(
    lex: DateWords, numbers: NumberWords
) -> tuple[dict[str, tuple[frozenset[str], Callable[[str], bool] | None]], dict[str, tuple[int, ...]], str]:
    """What every Reader of one vocabulary shares: start words, the dispatch cache, the article."""
    found = _CONTEXTS.get(id(lex))
    if found is None:
        starts = _start_words(lex, numbers)
        found = _CONTEXTS[id(lex)] = (starts, _DISPATCH.setdefault(id(starts), {}), clitics().article)
    return found


def _any_digits(norm: str) -> bool:
    return True


def _day_digits(norm: str) -> bool:
    return norm.isdigit() and len(norm) <= 2


def _year_digits(norm: str) -> bool:
    return norm.isdigit() and len(norm) in (3, 4)


def _start_words(
    lex: DateWords, numbers: NumberWords
) -> dict[str, tuple[frozenset[str], Callable[[str], bool] | None]]:
    """For each family, the words it can begin with and which numbers in digits it can begin with."""
    key = id(lex)
    if key not in _STARTS:
        number_words = set(numbers.units) | set(numbers.tens) | set(numbers.hundreds) | set(numbers.multipliers)
        article = clitics().article
        definite_numbers = {article + word for word in (*numbers.units, *numbers.tens, *numbers.hundreds)}
        fractions = {parts[0] for parts in numbers.fractions}

        def words(*tables: Iterable[str]) -> frozenset[str]:
            found: set[str] = set()
            for table in tables:
                found |= set(table)
            return frozenset(found)

        _STARTS[key] = {
            "_read_numeric": (frozenset(), _any_digits),
            "_read_day_month": (words(lex.first_day, numbers.ordinals, numbers.ordinal_tens, {article}), _day_digits),
            "_read_mod_period": (words(lex.mods), None),
            "_read_part_of_year": (words(lex.parts), None),
            "_read_week_of_month": (words(lex.weeks_of_month), None),
            "_read_deictic": (lex.deictic.first_words(), None),
            "_read_weekday": (words(lex.weekdays), None),
            "_read_month": (words(lex.months.first_words(), lex.month_cues), None),
            "_read_season": (words(lex.seasons, lex.this), None),
            "_read_decade": (words(lex.decades), None),
            "_read_relative_period": (words(lex.this, lex.periods), None),
            "_read_shift": (words(lex.shift_cues), None),
            "_read_set": (words(lex.set_adverbs, lex.set_adjectives, lex.every), None),
            "_read_year": (words(lex.year_cues), _year_digits),
            "_read_duration": (
                words(
                    lex.units, lex.definite_plural_units, lex.definite_dual_units, number_words, definite_numbers,
                    fractions, {article},
                ),
                _any_digits,
            ),
            "_read_holiday": (words(lex.hijri_holidays.first_words(), lex.gregorian_holidays.first_words()), None),
        }
    return _STARTS[key]


def _family_starts(
    starts: dict[str, tuple[frozenset[str], Callable[[str], bool] | None]],
) -> list[tuple[str, frozenset[str], Callable[[str], bool] | None]]:
    return [(name, *starts[name]) for name in FAMILIES]


# -- the document pass: sentences read, dates valued ---------------------------------------

# Marks that close a clause for the tense of a date: quotation marks, colon, semicolon.
_CLAUSE_MARKS: Final = frozenset("«»“”\"':;؛")
_HEADING_END: Final = frozenset(".!?؟…:»”\"")


class _Future:
    """Which tokens mark the future: listed words, and verbs with the future prefix س.

    The tokens' clitic segments give the prefix; a word they leave whole ("وسيزور") counts
    when it is س + an imperfect verb that is commoner without the س than with it. Decided per
    token when first asked, since only clauses around weekdays and yearless dates are read.
    """

    def __init__(self, tokens: Sequence[Token], words: Sequence[Word], lex: DateWords):
        self.tokens, self.words, self.lex = tokens, words, lex
        self.known: dict[int, bool] = {}

    def __getitem__(self, index: int) -> bool:
        known = self.known.get(index)
        if known is None:
            known = self.known[index] = self._decide(index)
        return known

    def _decide(self, index: int) -> bool:
        word, lex = self.words[index], self.lex
        bare = word.bare
        if word.norm in lex.future or bare in lex.future:
            return True
        if not word.is_word or bare in lex.not_future or word.norm in lex.not_future:
            return False
        letters = clitics()
        if any(seg.role == "prefix" and normalize(seg.text) == letters.future for seg in self.tokens[index].segments):
            return True
        if len(bare) >= 4 and bare[0] == letters.future and bare[1] in letters.future_next:
            frequencies = word_frequencies()
            return frequencies.get(bare[1:], 0) > frequencies.get(bare, 0)
        return False


def _clause_tense(
    words: Sequence[Word], future: _Future, lex: DateWords, lo: int, hi: int, first: int, after: int
) -> str:
    """"future" when a future marker governs the clause of ``words[first:after]``, else "past".

    Looks back to the start of the clause (a quotation mark, colon or complementizer: "قال إنه
    سيزور" puts سيزور in a new clause); a date that opens its clause looks forward instead.
    """
    index = first - 1
    words_before = False
    while index >= lo:
        word = words[index]
        if word.norm in _CLAUSE_MARKS:
            break
        if future[index]:
            return "future"
        if word.norm in lex.complementizers or word.bare in lex.complementizers:
            if index - 1 >= lo and (future[index - 1] or words[index - 1].bare in lex.future_heads):
                return "future"  # "من المقرر أن …", "على أن تنطلق …"
            break
        if word.is_word:
            words_before = True
        index -= 1
    if words_before:
        return "past"
    index = after
    while index < hi:
        word = words[index]
        if word.norm in _CLAUSE_MARKS or word.norm in lex.complementizers:
            break
        if future[index]:
            return "future"
        index += 1
    return "past"


def _needs_tense(meaning: Meaning) -> bool:
    if meaning.kind == "weekday":
        return meaning.rel is None
    return meaning.kind in ("day", "month") and meaning.year is None and meaning.rel is None


def _is_heading(text: str, start: int, end: int) -> bool:
    """A heading line: a whole line of its own that does not end like a sentence."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    stripped = text[line_start:line_end].strip()
    return (
        bool(stripped)
        and text[line_start:start].strip() == ""
        and stripped[-1] not in _HEADING_END
        and len(stripped.split()) <= 20
    )


def dates_of(doc: Document, weekday_on_publication_day: str) -> list[DateExpr]:
    """:func:`marsad.extract.dates.find_dates` once its option is checked (compiled here)."""
    lex = date_words()
    text = doc.text
    tokens, words = document_words(doc)
    if not words:
        return []
    future = _Future(tokens, words, lex)
    published = dt.date.fromisoformat(doc.published) if doc.published else None
    starts = [token.start for token in tokens]
    reader = Reader(words, lex, number_words())
    valued: list[_Valued] = []
    for sentence_start, sentence_end in _sentence_bounds(doc):
        lo = bisect.bisect_left(starts, sentence_start)
        hi = bisect.bisect_left(starts, sentence_end)
        if lo >= hi:
            continue
        for found in reader.read(lo, hi):
            meaning = found.meaning
            if meaning is None:
                continue
            tense = None
            if _needs_tense(meaning):
                first = max(bisect.bisect_right(starts, found.start) - 1, lo)
                tense = _clause_tense(words, future, lex, lo, hi, first, found.next)
            bare_weekday = meaning.kind == "weekday" and meaning.rel is None
            if bare_weekday and tense == "past" and weekday_on_publication_day == "same":
                meaning = meaning.with_rel("same_or_past")
            value_kind = value_of(meaning, published, tense)
            if value_kind is not None:
                heading = bare_weekday and _is_heading(text, sentence_start, sentence_end)
                valued.append(_Valued(found, meaning, value_kind[0], value_kind[1], heading))
    # A weekday in a heading ("… ملزمة الاثنين") takes the value the body gives that weekday.
    body_weekdays: dict[int, str] = {}
    for item in valued:
        if item.meaning.kind == "weekday" and item.meaning.weekday and not item.heading:
            body_weekdays.setdefault(item.meaning.weekday, item.value)
    dates = []
    for item in valued:
        value = body_weekdays.get(item.meaning.weekday or 0, item.value) if item.heading else item.value
        start, end = item.found.start, item.found.end
        mod, kind = cast("DateMod | None", item.meaning.mod), cast("DateKind", item.kind)
        dates.append(DateExpr(start=start, end=end, text=text[start:end], value=value, mod=mod, kind=kind))
    return dates




def _sentence_bounds(doc: Document) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in doc.sentences] or [(0, len(doc.text))]


@dataclass(frozen=True, slots=True)
class _Valued:
    found: Found
    meaning: Meaning
    value: str
    kind: str
    heading: bool
