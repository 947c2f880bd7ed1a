"""The ``dates`` component: every expression of time, normalised against the publication day.

Arabic news rarely writes a full date: "عقدت … الخميس", "في (8 أكتوبر) المنصرم", "نهاية هذا
العام", "منذ صيف 2014", "قبل أسبوعين", "١٥ رمضان ١٤٤٢". Each becomes a :class:`DateExpr` with a
TIMEX3-style ``value`` a machine can sort on a timeline, a ``mod`` (START/MID/END) and a
``kind`` (date/relative/duration/set), with its exact span. The vocabulary (Gregorian month
names of the Egyptian/Gulf, Levantine/Iraqi and Maghrebi sets, Hijri months, weekdays, relative
words, units, seasons, decades, holidays) is in ``data/ar/months.yaml`` and
``data/ar/time_words.yaml``; Hijri dates are converted with hijridate (Umm al-Qura).

Besides days, months and years, values are ISO weeks (``2023-W12``: الأسبوع المقبل, قبل أسبوعين,
الأسبوع الأول من مايو), quarters and halves (``2023-Q1``, ``2022-H2``), seasons (``2014-SU``),
decades (``198``), durations (``P3M``, ``PT48H``, ``P18M`` for عام ونصف) and recurrences
(``P1D`` for يوميا, ``P2Y`` for كل عامين). The first day of a range takes the month of the last
("بين 12 و15 مارس").

Resolution against ``Document.published``:

- a weekday alone is the nearest such day before publication in a past-tense clause, after it
  in a future-tense one (a future marker before it in its clause: س، سوف، سيتم، من المقرر…);
  in a past-tense clause the publication day itself when it is that weekday (wire copy writes
  "عقدت … الخميس" for today's meeting on a Thursday and "الخميس الماضي" for last week's);
  option ``weekday_on_publication_day = "previous"`` takes the week before instead;
  a weekday in a heading takes the value the body gives the same weekday;
- a day and month without a year is the nearest such date, on or after publication in a
  future-tense clause; "الماضي/المنصرم" after it means the last one before publication,
  "المقبل/القادم" the first after, "الجاري" the one of the publication year;
- a Hijri month is given as the Gregorian month holding most of its days, a Hijri year as
  the Gregorian year holding its middle;
- a decade without its century is the latest such decade that has begun by publication;
- "قبل/بعد N" + unit is counted from publication at the unit's granularity (days give a day,
  weeks an ISO week, months a month, years a year); followed by "من X" it is counted from
  another event, so only the duration is given.

Without a publication day nothing is guessed; what the text fixes is kept:
``XXXX-10-08`` and ``XXXX-10`` (day or month, year unknown), ``XXXX-WXX-4`` (a Thursday: the
TIMEX3 form for a weekday), ``XXXX-SU``; expressions counted from the publication day are
written as an offset from it: ``REF`` (اليوم), ``REF-P1D`` (أمس), ``REF+P1W`` (الأسبوع المقبل),
``REF-P2W`` (قبل أسبوعين), ``REF+P0Y`` (هذا العام). :func:`resolve` anchors such values once a
publication day is known.

>>> from marsad import analyse
>>> doc = analyse("وفي (8 أكتوبر) المنصرم، أعلن الناطق أن الانسحاب سيكتمل نهاية هذا العام.", published="2021-11-11")
>>> [(d.text, d.value, d.mod) for d in doc.dates]
[('(8 أكتوبر) المنصرم', '2021-10-08', None), ('نهاية هذا العام', '2021', 'END')]
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, cast

from marsad.document import DateExpr, DateKind, DateMod, Document, Token
from marsad.errors import ConfigError
from marsad.extract.dates._calendar import Meaning, resolve, value_of
from marsad.extract.dates._grammar import Found, Reader
from marsad.extract.dates._lexicon import DateWords, date_words
from marsad.extract.quantities.numbers import number_words
from marsad.extract.quantities.words import Word, clitics, words_of
from marsad.pipeline import Component, factory
from marsad.text.clitics import word_frequencies
from marsad.text.normalize import normalize

__all__ = ["find_dates", "resolve"]

# Marks that close a clause for the tense of a date: quotation marks, colon, semicolon.
_CLAUSE_MARKS = frozenset("«»“”\"':;؛")
_HEADING_END = frozenset(".!?؟…:»”\"")
_WEEKDAY_OPTIONS = ("previous", "same")


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


def find_dates(doc: Document, *, weekday_on_publication_day: str = "same") -> list[DateExpr]:
    """Every date expression of ``doc``, in text order, valued against ``doc.published``.

    Reads ``doc.tokens`` and ``doc.sentences`` (tokenises and takes the whole text as one
    sentence when a Document has none).
    """
    if weekday_on_publication_day not in _WEEKDAY_OPTIONS:
        raise ConfigError(
            f"dates option weekday_on_publication_day={weekday_on_publication_day!r} is not one of "
            f"{', '.join(_WEEKDAY_OPTIONS)}; set it in [components.dates] of marsad.toml"
        )
    lex = date_words()
    text = doc.text
    if doc.tokens:
        tokens: Sequence[Token] = doc.tokens
    else:
        from marsad.text.tokens import tokenise

        tokens = tokenise(text)
    words = words_of(text, tokens)
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
                meaning = replace(meaning, rel="same_or_past")
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


@factory("dates", requires=("sentences", "tokens"), assigns=("dates",))
def make_dates(options: Mapping[str, Any]) -> Component:
    """Find dates, durations and recurrences, valued against the publication day (TIMEX3)."""
    unknown = set(options) - {"weekday_on_publication_day"}
    if unknown:
        raise ConfigError(
            f"unknown option(s) {', '.join(sorted(unknown))} for component 'dates'; "
            "the only option is weekday_on_publication_day (previous or same)"
        )
    weekday_option = str(options.get("weekday_on_publication_day", "same"))
    if weekday_option not in _WEEKDAY_OPTIONS:
        raise ConfigError(
            f"dates option weekday_on_publication_day={weekday_option!r} is not one of {', '.join(_WEEKDAY_OPTIONS)}"
        )
    date_words()  # load the vocabulary once, when the pipeline is built

    def dates(doc: Document) -> Document:
        return doc.replace(dates=tuple(find_dates(doc, weekday_on_publication_day=weekday_option)))

    return dates
