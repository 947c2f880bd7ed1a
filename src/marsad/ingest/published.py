"""Publication days from the many ways sources write them.

The publication day anchors every relative date of an article ("الخميس", "الشهر المقبل"), so it
is read as the *local* day the source states: ``2021-11-11T01:30:00+03:00`` is the 11th, even
though it is the 10th in UTC. Feeds write RFC 822 dates, pages ISO 8601, some sites
``YYYY/MM/DD`` or ``DD-MM-YYYY``.

>>> publication_day("Thu, 11 Nov 2021 01:30:00 +0300")
'2021-11-11'
>>> publication_day("2021/11/11 10:00")
'2021-11-11'
"""

from __future__ import annotations

import datetime as dt
import re
import time
from email.utils import parsedate_tz

_ISO = re.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
_DMY = re.compile(r"(?<!\d)(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?!\d)")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:T|$)")
_EARLIEST_YEAR = 1900


def _day(year: int, month: int, day: int) -> str | None:
    try:
        value = dt.date(year, month, day)
    except ValueError:
        return None
    return value.isoformat() if value.year >= _EARLIEST_YEAR else None


def publication_day(value: str | None) -> str | None:
    """``YYYY-MM-DD`` from a date string in a common web format, or None when there is none."""
    if not value or not value.strip():
        return None
    text = value.strip()
    match = _ISO.search(text)
    if match:
        return _day(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    match = _COMPACT.match(text)
    if match:
        return _day(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    parsed = parsedate_tz(text)
    if parsed is not None:
        return _day(parsed[0], parsed[1], parsed[2])
    match = _DMY.search(text)
    if match:  # day first: the order Arab and European sites use
        return _day(int(match.group(3)), int(match.group(2)), int(match.group(1)))
    return None


def day_of_struct(value: time.struct_time | None) -> str | None:
    """``YYYY-MM-DD`` from a parsed time (as feedparser gives, in UTC)."""
    if value is None:
        return None
    return _day(value.tm_year, value.tm_mon, value.tm_mday)
