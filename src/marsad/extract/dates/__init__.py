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

from collections.abc import Mapping
from typing import Any

from marsad.document import DateExpr, Document
from marsad.errors import ConfigError
from marsad.extract.dates._calendar import resolve
from marsad.extract.dates._grammar import dates_of
from marsad.extract.dates._lexicon import date_words
from marsad.pipeline import Component, factory

__all__ = ["find_dates", "resolve"]

_WEEKDAY_OPTIONS = ("previous", "same")


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
    return dates_of(doc, weekday_on_publication_day)


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
