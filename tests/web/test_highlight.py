"""The article text with its facts highlighted: nesting, crossing, anchors, tooltips, escaping."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from marsad.document import Document, Entity, Span
from marsad.web.highlight import (
    Mark,
    anchor,
    counts,
    highlighted,
    ltr_values,
    marks,
    number,
    render,
)
from tests.web.corpus import HOSTILE, WITHDRAWAL, document


class _Tree(HTMLParser):
    """Checks that tags nest properly and collects the visible text (tooltips left out)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []
        self.in_tip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack.append(tag)
        if ("class", "tip") in attrs or self.in_tip:
            self.in_tip += 1

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()
        if self.in_tip:
            self.in_tip -= 1

    def handle_data(self, data: str) -> None:
        if not self.in_tip:
            self.text.append(data)


def visible_text(html: str) -> str:
    tree = _Tree()
    tree.feed(html)
    tree.close()
    assert tree.stack == []
    return "".join(tree.text)


def test_highlight_keeps_the_text_exactly_and_nests_every_fact() -> None:
    doc = document(WITHDRAWAL)
    html = str(highlighted(doc))
    assert visible_text(html) == doc.text
    found = marks(doc)
    assert {m.kind for m in found} == {"PERSON", "ORG", "LOC", "date", "quantity", "quote", "event", "commitment"}
    for mark in found:
        assert f'id="{mark.anchor}"' in html


@pytest.mark.parametrize(
    ("spans", "text"),
    [
        # A quote holding a name and a date: the quote wraps them.
        ([(0, 40, "quote"), (5, 12, "PERSON"), (20, 30, "date")], "قال الوزير سامر الجبوري إن الاجتماع عقد الخميس الماضي في بغداد"),
        # Two facts crossing each other: the second is split, markup still nests.
        ([(0, 10, "ORG"), (5, 15, "LOC")], "وزارة الخارجية الأردنية في عمّان اليوم"),
        # Same span, two kinds (an event trigger that is also a quantity).
        ([(3, 8, "event"), (3, 8, "quantity")], "سحب ثلاثة آلاف جندي من المنطقة"),
    ],
)
def test_highlight_render_nests_overlapping_and_crossing_facts(spans: list[tuple[int, int, str]], text: str) -> None:
    found = [Mark(start, end, kind, f"m{i}", f"tip {i}") for i, (start, end, kind) in enumerate(spans)]
    html = str(render(text, found))
    assert visible_text(html) == text
    for i in range(len(spans)):
        assert html.count(f'id="m{i}"') == 1  # anchor and tooltip only on the first piece
        assert html.count(f'id="m{i}-tip"') == 1


def test_highlight_skips_spans_outside_the_text() -> None:
    doc = Document(id="x", text="بغداد", entities=(
        Entity(id="e1", type="LOC", canonical="بغداد", latin="Baghdad", mentions=(Span(start=0, end=5, text="بغداد"), Span(start=3, end=99, text="?"))),
    ))
    assert [m.anchor for m in marks(doc)] == ["f-e1-0"]


def test_highlight_tooltips_give_normalised_values() -> None:
    doc = document(WITHDRAWAL)
    by_kind: dict[str, Mark] = {}
    for mark in marks(doc):
        by_kind.setdefault(mark.kind, mark)
    assert "2024-03-12" in by_kind["date"].tip
    assert "Samer al-Jubouri" in by_kind["PERSON"].tip and "سامر الجبوري" in by_kind["PERSON"].tip
    assert "CONSULT" in by_kind["event"].tip
    assert "2,100" in next(m for m in marks(doc) if m.kind == "quantity").tip
    assert "2024" in by_kind["commitment"].tip and "END" in by_kind["commitment"].tip


def test_highlight_links_entities_when_the_store_knows_them() -> None:
    doc = document(WITHDRAWAL)
    html = str(highlighted(doc, {"e3": "/entity/7"}))
    assert html.count('href="/entity/7"') == 2  # "سامر الجبوري" and "الجبوري"
    assert '<a class="f f-person"' in html


def test_highlight_escapes_hostile_text_and_shows_direction_controls() -> None:
    doc = document(HOSTILE)
    html = str(highlighted(doc, {"e1": "/entity/1"}))
    assert "<script" not in html and "<iframe" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html
    for control in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069":
        assert control not in html
    assert 'class="ctl" title="U+202E RIGHT-TO-LEFT OVERRIDE"' in html


@pytest.mark.parametrize(("value", "shown"), [(2100.0, "2,100"), (1 / 3, "0.333"), (4.25, "4.25"), (1.2e12, "1,200,000,000,000"), (0.0, "0")])
def test_highlight_number_reads_like_an_analyst_writes(value: float, shown: str) -> None:
    assert number(value) == shown


@pytest.mark.parametrize("value", ["2024-03-12", "2014-SU", "XXXX-10-08", "P3M", "2,100", "4.25%"])
def test_highlight_isolates_values_left_to_right(value: str) -> None:
    html = str(ltr_values(f"تاريخ · {value} · نسبي"))
    assert f'<bdi dir="ltr">{value}</bdi>' in html


def test_highlight_anchor_names_are_stable() -> None:
    assert anchor("date", 39) == "f-d39"
    assert anchor("entity", 2, "e4") == "f-e4-2"
    assert anchor("commitment", 213) == "f-c213"


def test_highlight_counts_every_kind() -> None:
    found = counts(document(WITHDRAWAL))
    assert found["PERSON"] == 2 and found["date"] == 4 and found["quote"] == 2 and found["commitment"] == 1
    assert re.fullmatch(r"\d+", str(found["event"]))
