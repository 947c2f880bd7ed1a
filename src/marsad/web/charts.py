"""Charts drawn on the server as inline SVG: no chart library, no script, no network.

Two charts cover the reading room: bars of counts over time (mentions of an entity per week or
month) and a timeline of dated facts (events and commitments, one row per kind). Time runs from
right to left, as the page reads; the first and last periods are labelled so the direction is
never in doubt. Every chart has a ``<title>`` and ``<desc>`` for screen readers, every mark its
own ``<title>`` (the browser shows it on hover), and the pages print the same data as a table.
Dated facts are placed at the middle of their interval of days (``2014-SU`` covers June to
August); values without a year (``XXXX-10-08``) have no interval and are left to the table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from marsad.link.timex import interval
from marsad.web.safe import plain


def is_overdue(due: str | None, mod: str | None, today: dt.date) -> bool:
    """Whether a deadline has passed: the last day it allows is before ``today``."""
    span = interval(due, mod)
    return span is not None and span[1] < today.isoformat()


def _t(value: object) -> str:
    return str(escape(plain(str(value))))


@dataclass(frozen=True)
class Bar:
    """One period of a bar chart: its label (``2021-10``), its count, an optional link."""

    label: str
    count: int
    href: str | None = None


def bars(series: Sequence[Bar], *, title: str, desc: str, ident: str, width: int = 640, height: int = 150) -> Markup:
    """Counts over consecutive periods as bars, the earliest period on the right."""
    left, right, top, bottom = 36, 8, 12, 24
    inner_w, inner_h = width - left - right, height - top - bottom
    peak = max((b.count for b in series), default=0)
    parts = [
        (f'<svg class="chart bars" role="img" aria-labelledby="{ident}-t {ident}-d" viewBox="0 0 {width} {height}" '
         f'width="{width}" height="{height}" direction="ltr" xmlns="http://www.w3.org/2000/svg">'),
        f'<title id="{ident}-t">{_t(title)}</title><desc id="{ident}-d">{_t(desc)}</desc>',
        f'<line class="axis" x1="{left}" y1="{top + inner_h}" x2="{width - right}" y2="{top + inner_h}"/>',
        f'<text class="tick" x="{left - 4}" y="{top + 8}" text-anchor="end">{peak}</text>',
        f'<text class="tick" x="{left - 4}" y="{top + inner_h}" text-anchor="end">0</text>',
    ]
    if series:
        slot = inner_w / len(series)
        gap = min(2.0, slot * 0.2)
        for index, bar in enumerate(series):
            h = 0.0 if peak == 0 else inner_h * bar.count / peak
            x = width - right - (index + 1) * slot + gap / 2
            rect = (
                f'<rect class="bar" x="{x:.1f}" y="{top + inner_h - h:.1f}" width="{max(slot - gap, 1):.1f}" '
                f'height="{h:.1f}"><title>{_t(bar.label)}: {bar.count}</title></rect>'
            )
            parts.append(f'<a href="{escape(bar.href)}">{rect}</a>' if bar.href else rect)
        parts.append(f'<text class="tick" x="{width - right}" y="{height - 6}" text-anchor="end">{_t(series[0].label)}</text>')
        if len(series) > 1:
            parts.append(f'<text class="tick" x="{left}" y="{height - 6}" text-anchor="start">{_t(series[-1].label)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


@dataclass(frozen=True)
class Point:
    """A dated fact on a timeline: its row, its interval of days, what it says, where it links."""

    row: str
    first: str
    last: str
    value: str
    label: str
    css: str = "event"
    href: str | None = None

    @property
    def middle(self) -> dt.date | None:
        try:
            first, last = dt.date.fromisoformat(self.first), dt.date.fromisoformat(self.last)
        except ValueError:
            return None
        return first + (last - first) / 2


def timeline(points: Sequence[Point], *, title: str, desc: str, ident: str, width: int = 640) -> Markup:
    """Dated facts in rows (one per kind), time running right to left; unplaceable values skipped."""
    placed = [(p, d) for p in points if (d := p.middle) is not None]
    rows = list(dict.fromkeys(p.row for p, _ in placed))
    label_w, left, top, row_h, axis_h = 170, 10, 10, 26, 26
    height = top + max(len(rows), 1) * row_h + axis_h
    plot_right = width - label_w
    parts = [
        (f'<svg class="chart timeline" role="img" aria-labelledby="{ident}-t {ident}-d" viewBox="0 0 {width} {height}" '
         f'width="{width}" height="{height}" direction="ltr" xmlns="http://www.w3.org/2000/svg">'),
        f'<title id="{ident}-t">{_t(title)}</title><desc id="{ident}-d">{_t(desc)}</desc>',
    ]
    if placed:
        first = min(d for _, d in placed)
        last = max(d for _, d in placed)
        span_days = max((last - first).days, 1)

        def x_of(day: dt.date) -> float:
            # Earliest on the right (next to the row labels), latest on the left.
            return plot_right - 12 - (plot_right - left - 24) * (day - first).days / span_days

        for index, row in enumerate(rows):
            y = top + index * row_h + row_h / 2
            parts.append(f'<line class="lane" x1="{left}" y1="{y:.1f}" x2="{plot_right}" y2="{y:.1f}"/>')
            parts.append(f'<text class="row" x="{width - 4}" y="{y + 4:.1f}" text-anchor="end">{_t(row)}</text>')
        for point, day in placed:
            y = top + rows.index(point.row) * row_h + row_h / 2
            dot = (
                f'<circle class="dot {escape(point.css)}" cx="{x_of(day):.1f}" cy="{y:.1f}" r="5">'
                f"<title>{_t(point.value)} · {_t(point.label)}</title></circle>"
            )
            parts.append(f'<a href="{escape(point.href)}">{dot}</a>' if point.href else dot)
        axis_y = top + len(rows) * row_h + 4
        parts.append(f'<line class="axis" x1="{left}" y1="{axis_y}" x2="{plot_right}" y2="{axis_y}"/>')
        parts.append(f'<text class="tick" x="{plot_right - 12}" y="{axis_y + 16}" text-anchor="middle">{first.isoformat()}</text>')
        if last != first:
            parts.append(f'<text class="tick" x="{left + 12}" y="{axis_y + 16}" text-anchor="start">{last.isoformat()}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
