"""From what a date expression says to a TIMEX3-style value, given the publication day.

The reader (:mod:`._grammar`) turns words into a :class:`Meaning` — "the 8th of October, the
last one before publication", "three days after publication", "Thursday, in a future-tense
clause" — and :func:`value_of` turns that into a value a machine can sort. Without a
publication day, what can be known is kept and the rest marked (see the package docstring):
``XXXX-10-08``, ``XXXX-WXX-4``, ``REF-P1D``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hijridate import Gregorian, Hijri

# Seasons by month (meteorological, northern hemisphere); winter belongs to the year of its
# January ("شتاء 2021" is December 2020 to February 2021).
_SEASON_OF_MONTH = {
    12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU", 9: "FA", 10: "FA", 11: "FA",
}
_SEASON_ORDER = ("WI", "SP", "SU", "FA")


@dataclass(frozen=True, slots=True)
class Meaning:
    """What a date expression says, before it is anchored to the publication day.

    ``kind`` is one of: ``day`` (year, month, day), ``month`` (year, month), ``year``,
    ``season`` (year, code), ``decade`` (century, digit), ``part`` (year or offset, code "Q1"…),
    ``period`` (unit, offset: "الشهر الماضي"), ``deictic`` (offset in days), ``shift`` (unit,
    offset: "قبل أسبوعين"), ``weekday``, ``duration`` and ``set`` (code is the value).
    ``year`` is None when the text gives none; ``year_offset`` then may say "last year" for a
    season or a quarter ("صيف العام الماضي"). ``rel`` is the direction the text states
    (past/next/current/before_last) or None.
    """

    kind: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    calendar: str = "g"
    rel: str | None = None
    offset: int = 0
    year_offset: int | None = None
    unit: str | None = None
    code: str | None = None
    weekday: int | None = None
    century: int | None = None
    mod: str | None = None

    # Copies with a field changed, built directly (dataclasses.replace is a slow Python call).
    def _changed(self, kind: str, day: int | None, rel: str | None, code: str | None, mod: str | None) -> Meaning:
        return Meaning(
            kind, self.year, self.month, day, self.calendar, rel, self.offset, self.year_offset, self.unit, code,
            self.weekday, self.century, mod,
        )

    def with_mod(self, mod: str | None) -> Meaning:
        return self._changed(self.kind, self.day, self.rel, self.code, mod)

    def with_rel(self, rel: str | None) -> Meaning:
        return self._changed(self.kind, self.day, rel, self.code, self.mod)

    def with_kind(self, kind: str) -> Meaning:
        return self._changed(kind, self.day, self.rel, self.code, self.mod)

    def with_day(self, day: int | None) -> Meaning:
        return self._changed(self.kind, day, self.rel, self.code, self.mod)

    def week_of(self, code: str | None) -> Meaning:
        return self._changed("week_of", self.day, self.rel, code, self.mod)


def iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def add_months(year: int, month: int, count: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + count
    return index // 12, index % 12 + 1


def _valid(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def hijri_to_gregorian(year: int, month: int, day: int) -> dt.date | None:
    """The Gregorian day of a Hijri date (Umm al-Qura), or None outside 1343–1500 AH."""
    try:
        result: dt.date = Hijri(year, month, day).to_gregorian()
    except (OverflowError, ValueError):
        return None
    return dt.date(result.year, result.month, result.day)


def _hijri_year_of(day: dt.date) -> int | None:
    try:
        return int(Gregorian(day.year, day.month, day.day).to_hijri().year)
    except (OverflowError, ValueError):
        return None


def _choose(
    candidates: list[dt.date], pub: dt.date, rel: str | None, tense: str | None, strict: bool
) -> dt.date | None:
    """Pick the candidate the text means, relative to ``pub``.

    ``past``: the last one before publication; ``next``: the first after; otherwise the first
    on or after publication in a future-tense clause, else the nearest one (ties go to the past).
    """
    if not candidates:
        return None
    if rel == "past":
        before = [c for c in candidates if c < pub or (not strict and c == pub)]
        return max(before) if before else None
    if rel == "next":
        after = [c for c in candidates if c > pub or (not strict and c == pub)]
        return min(after) if after else None
    if tense == "future":
        after = [c for c in candidates if c >= pub]
        return min(after) if after else None
    return min(candidates, key=lambda c: (abs((c - pub).days), c > pub))


def _ref(offset: int, designator: str, time: bool = False) -> str:
    if offset == 0 and designator == "D":
        return "REF"
    sign = "-" if offset < 0 else "+"
    return f"REF{sign}P{'T' if time else ''}{abs(offset)}{designator}"


def _day_value(meaning: Meaning, pub: dt.date | None, tense: str | None) -> str | None:
    month, day = meaning.month or 1, meaning.day or 1
    if meaning.unit == "month":  # a day of a month counted from publication ("الـ19 من الشهر الجاري")
        if pub is None:
            return f"XXXX-XX-{day:02d}"
        year, month = add_months(pub.year, pub.month, meaning.offset)
        found = _valid(year, month, day)
        return found.isoformat() if found else None
    if meaning.calendar == "h":
        if meaning.year is not None:
            found = hijri_to_gregorian(meaning.year, month, day)
            return found.isoformat() if found else None
        if pub is None:
            return None
        hijri_year = _hijri_year_of(pub)
        if hijri_year is None:
            return None
        years = (hijri_year - 1, hijri_year, hijri_year + 1)
        candidates = [c for y in years if (c := hijri_to_gregorian(y, month, day))]
        chosen = _choose(candidates, pub, meaning.rel, tense, strict=True)
        return chosen.isoformat() if chosen else None
    if meaning.year is not None:
        found = _valid(meaning.year, month, day)
        return found.isoformat() if found else None
    if pub is None:
        return f"XXXX-{month:02d}-{day:02d}" if 1 <= day <= 31 else None
    if meaning.rel == "current":
        found = _valid(pub.year, month, day)
        return found.isoformat() if found else None
    candidates = [c for y in (pub.year - 1, pub.year, pub.year + 1) if (c := _valid(y, month, day))]
    chosen = _choose(candidates, pub, meaning.rel, tense, strict=True)
    return chosen.isoformat() if chosen else None


def _hijri_month_value(year: int, month: int) -> str | None:
    """A Hijri month as the Gregorian month that holds most of its days (its 15th)."""
    middle = hijri_to_gregorian(year, month, 15)
    return f"{middle.year}-{middle.month:02d}" if middle else None


def _month_value(meaning: Meaning, pub: dt.date | None, tense: str | None) -> str | None:
    month = meaning.month or 1
    if meaning.calendar == "h":
        if meaning.year is not None:
            return _hijri_month_value(meaning.year, month)
        if pub is None:
            return None
        hijri_year = _hijri_year_of(pub)
        if hijri_year is None:
            return None
        years = (hijri_year - 1, hijri_year, hijri_year + 1)
        starts = [(c, y) for y in years if (c := hijri_to_gregorian(y, month, 1))]
        # Compare whole months: the month is "past" once it has begun.
        chosen = _choose([c for c, _ in starts], pub, meaning.rel, tense, strict=False)
        for start, year in starts:
            if start == chosen:
                return _hijri_month_value(year, month)
        return None
    if meaning.year is not None:
        return f"{meaning.year:04d}-{month:02d}"
    if pub is None:
        return f"XXXX-{month:02d}"
    if meaning.rel == "current":
        return f"{pub.year:04d}-{month:02d}"
    this_month = dt.date(pub.year, pub.month, 1)
    candidates = [dt.date(y, month, 1) for y in (pub.year - 1, pub.year, pub.year + 1)]
    if meaning.rel == "past":
        chosen = max(c for c in candidates if c < this_month)
    elif meaning.rel == "next":
        chosen = min(c for c in candidates if c > this_month)
    elif tense == "future":
        chosen = min(c for c in candidates if c >= this_month)
    else:
        chosen = min(candidates, key=lambda c: (abs((c - this_month).days), c > this_month))
    return f"{chosen.year:04d}-{month:02d}"


def _season_value(meaning: Meaning, pub: dt.date | None) -> str | None:
    code = meaning.code or "SU"
    if meaning.year is not None:
        return f"{meaning.year:04d}-{code}"
    if pub is None:
        return f"XXXX-{code}"
    if meaning.year_offset is not None:
        return f"{pub.year + meaning.year_offset:04d}-{code}"
    current = _SEASON_OF_MONTH[pub.month]
    current_year = pub.year + (1 if pub.month == 12 else 0)
    position = current_year * 4 + _SEASON_ORDER.index(current)
    target = _SEASON_ORDER.index(code)
    same_year = current_year * 4 + target
    if meaning.rel == "past":
        chosen = same_year if same_year < position else same_year - 4
    elif meaning.rel == "next":
        chosen = same_year if same_year > position else same_year + 4
    else:  # "هذا الصيف" and a bare season: this year's
        chosen = same_year
    return f"{chosen // 4:04d}-{code}"


def _year_of(meaning: Meaning, pub: dt.date | None) -> int | None:
    if meaning.year is not None:
        return meaning.year
    if pub is not None and meaning.year_offset is not None:
        return pub.year + meaning.year_offset
    return None


def value_of(meaning: Meaning, pub: dt.date | None, tense: str | None = None) -> tuple[str, str] | None:
    """The ``(value, kind)`` of ``meaning`` anchored at ``pub``, or None if it has no value.

    ``tense`` ("past" or "future") is the tense of the clause around the expression; it decides
    weekdays and dates without a year.
    """
    kind = meaning.kind
    explicit = "date"
    if kind == "duration" or kind == "set":
        return (meaning.code or "", kind) if meaning.code else None
    if kind == "day":
        value = _day_value(meaning, pub, tense)
        if value is None and meaning.calendar == "h" and pub is None:
            value = "XXXX-XX-XX"
        return (value, explicit if meaning.year is not None else "relative") if value else None
    if kind == "month":
        value = _month_value(meaning, pub, tense)
        if value is None and meaning.calendar == "h" and pub is None:
            value = "XXXX-XX"
        return (value, explicit if meaning.year is not None else "relative") if value else None
    if kind == "year":
        if meaning.year is None:
            return None
        if meaning.calendar == "h":
            middle = hijri_to_gregorian(meaning.year, 7, 1)
            return (f"{middle.year:04d}", explicit) if middle else None
        return f"{meaning.year:04d}", explicit
    if kind == "season":
        value = _season_value(meaning, pub)
        return (value, explicit if meaning.year is not None else "relative") if value else None
    if kind == "decade":
        digit = int(meaning.code or 0)
        if meaning.century is not None:
            return f"{meaning.century}{digit}", explicit
        if pub is not None:
            century = pub.year // 100 if (pub.year // 100) * 100 + digit * 10 <= pub.year else pub.year // 100 - 1
            return f"{century}{digit}", explicit  # the decade names itself; the century is only completed
        return f"19{digit}", explicit
    if kind == "part":
        year = _year_of(meaning, pub)
        if year is None:
            return (f"XXXX-{meaning.code}", "relative") if pub is None else None
        return f"{year:04d}-{meaning.code}", explicit if meaning.year is not None else "relative"
    if kind == "deictic":
        if pub is None:
            return _ref(meaning.offset, "D"), "relative"
        return (pub + dt.timedelta(days=meaning.offset)).isoformat(), "relative"
    if kind in ("period", "shift"):
        return _offset_value(meaning, pub)
    if kind == "week_of":
        return _week_of_value(meaning, pub, tense)
    if kind == "weekday":
        return _weekday_value(meaning, pub, tense)
    return None


def _offset_value(meaning: Meaning, pub: dt.date | None) -> tuple[str, str] | None:
    unit, offset = meaning.unit, meaning.offset
    if pub is None:
        designator = {"day": "D", "week": "W", "month": "M", "year": "Y", "decade": "Y"}.get(unit or "")
        if designator is None:
            return None
        return _ref(offset * (10 if unit == "decade" else 1), designator), "relative"
    if unit == "day":
        return (pub + dt.timedelta(days=offset)).isoformat(), "relative"
    if unit == "week":
        return iso_week(pub + dt.timedelta(weeks=offset)), "relative"
    if unit == "month":
        year, month = add_months(pub.year, pub.month, offset)
        return f"{year:04d}-{month:02d}", "relative"
    if unit == "year":
        return f"{pub.year + offset:04d}", "relative"
    if unit == "decade":
        if meaning.kind == "shift":
            return f"{pub.year + 10 * offset:04d}", "relative"
        return f"{pub.year // 10 + offset:03d}", "relative"
    return None


def _week_of_value(meaning: Meaning, pub: dt.date | None, tense: str | None) -> tuple[str, str] | None:
    """The ISO week of the n-th week of a month (the week holding its day 1, 8, 15, 22, or last)."""
    if meaning.unit == "month":
        month_value = _offset_value(meaning.with_kind("period"), pub)
        month = month_value[0] if month_value else None
    else:
        month = _month_value(meaning.with_kind("month"), pub, tense)
    if month is None or month.startswith("XXXX") or month.startswith("REF"):
        return ("XXXX-WXX", "relative") if pub is None else None
    year, number = int(month[:4]), int(month[5:7])
    ordinal = int(meaning.code or 1)
    if ordinal < 0:
        following = add_months(year, number, 1)
        day = dt.date(following[0], following[1], 1) - dt.timedelta(days=1)
    else:
        day = dt.date(year, number, min(1 + 7 * (ordinal - 1), 28))
    explicit = meaning.year is not None
    return iso_week(day), "date" if explicit else "relative"


def _weekday_value(meaning: Meaning, pub: dt.date | None, tense: str | None) -> tuple[str, str] | None:
    weekday = meaning.weekday or 1
    if pub is None:
        return f"XXXX-WXX-{weekday}", "relative"
    direction = meaning.rel or ("next" if tense == "future" else "past")
    if direction == "current":
        # "الخميس الحالي": the one of the publication week.
        return (pub + dt.timedelta(days=weekday - pub.isoweekday())).isoformat(), "relative"
    if direction == "same_or_past":
        back = (pub.isoweekday() - weekday) % 7
        return (pub - dt.timedelta(days=back)).isoformat(), "relative"
    if direction == "next":
        ahead = (weekday - pub.isoweekday()) % 7 or 7
        return (pub + dt.timedelta(days=ahead)).isoformat(), "relative"
    back = (pub.isoweekday() - weekday) % 7 or 7
    if direction == "before_last":
        back += 7
    return (pub - dt.timedelta(days=back)).isoformat(), "relative"


def resolve(value: str, published: str | dt.date) -> str:
    """Anchor a value found without a publication day (``REF-P1D``, ``XXXX-10-08``) at one.

    Values already anchored are returned unchanged. Weekdays (``XXXX-WXX-4``) resolve to the
    last such day on or before publication, and dates without year to the nearest such date,
    as the reader would have done for a past-tense clause.

    >>> resolve("REF-P1D", "2021-11-11")
    '2021-11-10'
    >>> resolve("XXXX-10-08", "2021-11-11")
    '2021-10-08'
    """
    pub = published if isinstance(published, dt.date) else dt.date.fromisoformat(str(published)[:10])
    if value.startswith("REF"):
        if value == "REF":
            return pub.isoformat()
        sign = -1 if value[3] == "-" else 1
        body = value[5:]
        time = body.startswith("T")
        body = body[1:] if time else body
        amount, designator = int(body[:-1]), body[-1]
        if time:
            return pub.isoformat()
        unit = {"D": "day", "W": "week", "M": "month", "Y": "year"}[designator]
        resolved = value_of(Meaning(kind="shift", unit=unit, offset=sign * amount), pub)
        return resolved[0] if resolved else value
    if value.startswith("XXXX-WXX-"):
        resolved = value_of(Meaning(kind="weekday", weekday=int(value[-1]), rel="same_or_past"), pub)
        return resolved[0] if resolved else value
    if value.startswith("XXXX-"):
        parts = value.split("-")
        if len(parts) == 3 and parts[1].isdigit() and parts[2].isdigit():
            resolved = value_of(Meaning(kind="day", month=int(parts[1]), day=int(parts[2])), pub)
        elif len(parts) == 2 and parts[1].isdigit():
            resolved = value_of(Meaning(kind="month", month=int(parts[1])), pub)
        elif len(parts) == 2 and parts[1] in _SEASON_ORDER:
            resolved = value_of(Meaning(kind="season", code=parts[1]), pub)
        else:
            resolved = None
        return resolved[0] if resolved else value
    return value
