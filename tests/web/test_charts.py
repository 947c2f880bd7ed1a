"""Server-side SVG charts: bars over time and timelines, right to left, accessible, escaped."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest

from marsad.web.charts import Bar, Point, bars, is_overdue, timeline
from marsad.web.data import periods

SVG = "{http://www.w3.org/2000/svg}"


def test_charts_bars_put_the_earliest_period_on_the_right() -> None:
    svg = str(bars([Bar("2024-01", 1), Bar("2024-02", 4), Bar("2024-03", 2)], title="ذكر", desc="عدد", ident="m"))
    root = ET.fromstring(svg)
    rects = root.findall(f".//{SVG}rect")
    xs = [float(r.get("x", "0")) for r in rects]
    assert xs == sorted(xs, reverse=True)  # first period rightmost
    heights = [float(r.get("height", "0")) for r in rects]
    assert heights[1] == max(heights) and heights[0] == pytest.approx(heights[1] / 4)
    assert root.get("role") == "img" and root.find(f"{SVG}title") is not None
    assert [t.text for t in rects[1].findall(f"{SVG}title")] == ["2024-02: 4"]


def test_charts_timeline_places_intervals_and_skips_undated() -> None:
    points = [
        Point(row="AGREE", first="2024-03-12", last="2024-03-12", value="2024-03-12", label="اتفقا", href="/article/1#f-v3"),
        Point(row="commitment", first="2024-09-01", last="2024-12-31", value="2024 (END)", label="استكمال", css="commitment overdue"),
        Point(row="reference", first="XXXX", last="XXXX", value="XXXX-10-08", label="?"),
    ]
    root = ET.fromstring(str(timeline(points, title="خط", desc="زمن", ident="t")))
    circles = root.findall(f".//{SVG}circle")
    assert len(circles) == 2
    first, second = (float(c.get("cx", "0")) for c in circles)
    assert first > second  # time runs right to left
    assert root.find(f".//{SVG}a").get("href") == "/article/1#f-v3"  # type: ignore[union-attr]


def test_charts_escape_labels() -> None:
    svg = str(timeline([Point(row="<b>x</b>", first="2024-01-01", last="2024-01-01", value="v", label="<script>y</script>\u202e")],
                       title="<t>", desc="d", ident="i"))
    assert "<script" not in svg and "<b>" not in svg and "\u202e" not in svg
    ET.fromstring(svg)


@pytest.mark.parametrize(("due", "mod", "today", "overdue"), [
    ("2024", "END", dt.date(2025, 1, 1), True),
    ("2024", "END", dt.date(2024, 12, 31), False),
    ("2024-03", None, dt.date(2024, 4, 1), True),
    ("XXXX-10-08", None, dt.date(2030, 1, 1), False),
])
def test_charts_is_overdue(due: str, mod: str | None, today: dt.date, overdue: bool) -> None:
    assert is_overdue(due, mod, today) is overdue


def test_charts_periods_fill_gaps_and_pick_a_grain() -> None:
    days = periods([("2024-03-01", 2), ("2024-03-04", 1)])
    assert [p.period for p in days] == ["2024-03-01", "2024-03-02", "2024-03-03", "2024-03-04"]
    assert [p.count for p in days] == [2, 0, 0, 1]
    weeks = periods([("2024-01-01", 1), ("2024-06-30", 3)])
    assert weeks[0].period == "2024-W01" and weeks[-1].period == "2024-W26" and sum(p.count for p in weeks) == 4
    months = periods([("2021-11-05", 1), ("2024-02-10", 2)])
    assert months[0].period == "2021-11" and months[-1].period == "2024-02" and len(months) == 28
    assert all(re.fullmatch(r"\d{4}-\d{2}", p.period) for p in months)
