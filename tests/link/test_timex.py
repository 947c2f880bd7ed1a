"""Date values as intervals of days: what timelines sort by and deadlines are checked against."""

from __future__ import annotations

import pytest

from marsad.link.timex import interval


@pytest.mark.parametrize(
    ("value", "mod", "span"),
    [
        ("2021-10-08", None, ("2021-10-08", "2021-10-08")),
        ("2021-10", None, ("2021-10-01", "2021-10-31")),
        ("2024-02", None, ("2024-02-01", "2024-02-29")),
        ("2021", None, ("2021-01-01", "2021-12-31")),
        ("2014-SU", None, ("2014-06-01", "2014-08-31")),
        ("2014-WI", None, ("2014-12-01", "2015-02-28")),
        ("2021-Q2", None, ("2021-04-01", "2021-06-30")),
        ("2021-H2", None, ("2021-07-01", "2021-12-31")),
        ("2021-W45", None, ("2021-11-08", "2021-11-14")),
        ("198X", None, ("1980-01-01", "1989-12-31")),
        ("2021", "END", ("2021-09-01", "2021-12-31")),  # نهاية هذا العام
        ("2021", "START", ("2021-01-01", "2021-04-30")),
        ("2021", "MID", ("2021-05-01", "2021-08-31")),
        ("2021-10", "END", ("2021-10-22", "2021-10-31")),
        ("2021-10-08T14:00", None, ("2021-10-08", "2021-10-08")),
    ],
)
def test_timex_interval(value: str, mod: str | None, span: tuple[str, str]) -> None:
    assert interval(value, mod) == span


@pytest.mark.parametrize("value", ["XXXX-10-08", "P3M", "PRESENT_REF", "2021-02-30", "", None, "صيف"])
def test_timex_no_place_on_the_calendar(value: str | None) -> None:
    assert interval(value) is None
