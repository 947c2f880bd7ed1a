"""Publication days in the formats feeds and pages write them."""

from __future__ import annotations

import time

import pytest

from marsad.ingest.published import day_of_struct, publication_day


@pytest.mark.parametrize(
    ("value", "day"),
    [
        ("2021-11-11", "2021-11-11"),
        ("2021-11-11T01:30:00+03:00", "2021-11-11"),
        ("2021-11-11T23:10:00Z", "2021-11-11"),
        ("Thu, 11 Nov 2021 01:30:00 +0300", "2021-11-11"),
        ("11 Nov 2021 10:00 GMT", "2021-11-11"),
        ("2021/11/11 10:00", "2021-11-11"),
        ("20211111T100000", "2021-11-11"),
        ("11-11-2021", "2021-11-11"),
        ("09/10/2021", "2021-10-09"),  # day first, as Arab and European sites write it
        ("", None),
        (None, None),
        ("قبل ساعتين", None),
        ("2021-02-30", None),
    ],
)
def test_published_reads_common_formats(value: str | None, day: str | None) -> None:
    assert publication_day(value) == day


def test_published_day_of_struct() -> None:
    assert day_of_struct(time.strptime("2021-11-11", "%Y-%m-%d")) == "2021-11-11"
    assert day_of_struct(None) is None
