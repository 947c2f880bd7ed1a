"""TIMEX3-style date values as intervals of days, for ordering timelines and checking deadlines.

The Document writes dates as values: ``2021-10-08``, ``2021-10``, ``2021``, ``2014-SU``
(summer), ``2021-W45``, ``2021-Q1``, ``2021-H2``, ``198X`` (a decade), with a modifier
START/MID/END ("نهاية هذا العام" is ``2021`` + END). A timeline needs to sort them and a
commitment needs a last day by which it is due, so each value becomes ``(first_day, last_day)``.
Values with no place on the calendar — an unknown year (``XXXX-10-08``), a duration (``P3M``),
a set — give None.

>>> interval("2014-SU")
('2014-06-01', '2014-08-31')
>>> interval("2021", "END")
('2021-09-01', '2021-12-31')
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_DECADE = re.compile(r"^(\d{3})X$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_PART = re.compile(r"^(\d{4})-(SP|SU|FA|AU|WI|Q[1-4]|H[12])$")
_SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "AU": (9, 11), "WI": (12, 14)}


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _months(year: int, first: int, last: int) -> tuple[dt.date, dt.date]:
    """Months ``first``..``last`` of ``year``; months past 12 run into the next year."""
    end_year, end_month = year + (last - 1) // 12, (last - 1) % 12 + 1
    return dt.date(year, first, 1), _month_end(end_year, end_month)


def _span(value: str) -> tuple[dt.date, dt.date] | None:
    value = value.strip().upper()
    match = _DAY.match(value)
    try:
        if match:
            day = dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
            return day, day
        match = _MONTH.match(value)
        if match:
            year, month = int(match.group(1)), int(match.group(2))
            return dt.date(year, month, 1), _month_end(year, month)
        match = _YEAR.match(value)
        if match:
            year = int(match.group(1))
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        match = _DECADE.match(value)
        if match:
            start = int(match.group(1)) * 10
            return dt.date(start, 1, 1), dt.date(start + 9, 12, 31)
        match = _WEEK.match(value)
        if match:
            monday = dt.date.fromisocalendar(int(match.group(1)), int(match.group(2)), 1)
            return monday, monday + dt.timedelta(days=6)
        match = _PART.match(value)
        if match:
            year, part = int(match.group(1)), match.group(2)
            if part in _SEASONS:
                return _months(year, *_SEASONS[part])
            if part.startswith("Q"):
                quarter = int(part[1])
                return _months(year, 3 * quarter - 2, 3 * quarter)
            half = int(part[1])
            return _months(year, 6 * half - 5, 6 * half)
    except ValueError:
        return None
    return None


def interval(value: str | None, mod: str | None = None) -> tuple[str, str] | None:
    """``(first_day, last_day)`` of a date value as ISO days, or None when it has no place."""
    if not value:
        return None
    span = _span(value)
    if span is None:
        return None
    first, last = span
    if mod in ("START", "MID", "END") and last > first:
        length = (last - first).days + 1
        third = length // 3
        months = length > 40  # whole months read better: "end of 2021" is September–December
        if mod in ("MID", "END"):
            first = first + dt.timedelta(days=third if mod == "MID" else length - third)
            first = first.replace(day=1) if months else first
        if mod in ("START", "MID"):
            last = last - dt.timedelta(days=third if mod == "MID" else length - third)
            last = _round_down_to_month_end(last) if months else last
    return first.isoformat(), last.isoformat()


def _round_down_to_month_end(day: dt.date) -> dt.date:
    end = _month_end(day.year, day.month)
    return end if end == day else day.replace(day=1) - dt.timedelta(days=1)
