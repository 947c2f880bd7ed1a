"""The article text with every fact highlighted by kind, as HTML that needs no JavaScript.

Facts overlap: a quote holds names and dates, an event trigger can sit inside a quantity. The
text is cut at every fact boundary and each piece is wrapped in the facts that cover it, outer
kinds (quotes) outside inner ones (names, dates), so the markup always nests properly; a fact
that crosses another is split into pieces and only its first piece carries the anchor, the
keyboard stop and the tooltip. Each tooltip is a real element (``role="tooltip"``, referenced by
``aria-describedby``) shown by CSS on hover and focus, so screen readers and keyboard users get
the normalised value too, and it never enters the copied text because it is hidden otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import pairwise
from typing import Any

from markupsafe import Markup, escape

from marsad.document import Document
from marsad.resources import read_yaml
from marsad.web.safe import body, plain

# Order of nesting: lower layers wrap higher ones.
LAYERS = {"quote": 0, "commitment": 0, "PERSON": 1, "ORG": 1, "LOC": 1, "event": 2, "date": 3, "quantity": 3}
KINDS = ("PERSON", "ORG", "LOC", "date", "quantity", "quote", "event", "commitment")


@lru_cache(maxsize=1)
def labels() -> dict[str, dict[str, str]]:
    """Interface labels for codes (fact kinds, PLOVER types, modality…), from ``data/ar/ui_labels.yaml``."""
    data: dict[str, dict[str, str]] = read_yaml("data/ar/ui_labels.yaml")
    return data


def label(group: str, code: str | None) -> str:
    """The label of ``code`` in ``group``, or the code itself when there is none."""
    if code is None:
        return ""
    return labels().get(group, {}).get(code, code)


def number(value: float) -> str:
    """A quantity as an analyst reads it: thousands grouped, at most three decimals."""
    if value == int(value) and abs(value) < 1e18:
        return f"{int(value):,}"
    return f"{value:,.3f}".rstrip("0").rstrip(".")


@dataclass(frozen=True)
class Mark:
    """One highlighted fact: where it is, what kind, and what its tooltip says."""

    start: int
    end: int
    kind: str
    anchor: str
    tip: str
    href: str | None = None
    value: str | None = None

    @property
    def layer(self) -> int:
        return LAYERS[self.kind]


_PREFIX = {"date": "f-d", "quantity": "f-n", "quote": "f-q", "event": "f-v", "commitment": "f-c"}


def anchor(kind: str, position: int, entity_id: str = "") -> str:
    """The element id of a fact on the article page, which links from other pages point at.

    Facts are named by where they start in ``Document.text`` (an event by its trigger, a
    commitment by what was promised), which the store keeps too; entity mentions by the
    Document's entity id and the mention's index.
    """
    if kind == "entity":
        return f"f-{entity_id}-{position}"
    return f"{_PREFIX[kind]}{position}"


def entity_name(doc: Document, entity_id: str | None, fallback: str | None = None) -> str:
    """Canonical (and Latin) name of a document entity, or the text the extractor saw."""
    entity = doc.entity(entity_id)
    if entity is None:
        return fallback or ""
    return f"{entity.canonical} ({entity.latin})" if entity.latin else entity.canonical


def date_value(value: str, mod: str | None) -> str:
    """A normalised date with its modifier spelt out: ``2021 · نهاية (END)``."""
    return f"{value} · {label('date_mod', mod)} ({mod})" if mod else value


def marks(doc: Document, entity_links: Mapping[str, str] | None = None) -> list[Mark]:
    """Every fact of ``doc`` that has a span, as marks; spans outside the text are skipped."""
    links = entity_links or {}
    found: list[Mark] = []
    for entity in doc.entities:
        tip = " · ".join(
            part
            for part in (
                f"{label('kinds', entity.type)} {entity.type}",
                entity.canonical,
                entity.latin,
                entity.title or "",
            )
            if part
        )
        for index, mention in enumerate(entity.mentions):
            found.append(
                Mark(mention.start, mention.end, entity.type, anchor("entity", index, entity.id), tip,
                     href=links.get(entity.id), value=entity.latin or entity.canonical)
            )
    for date in doc.dates:
        tip = f"{label('kinds', 'date')} · {date_value(date.value, date.mod)} · {label('date_kind', date.kind)}"
        found.append(Mark(date.start, date.end, "date", anchor("date", date.start), tip, value=date.value))
    for qty in doc.quantities:
        qualifier = label("qualifier", qty.qualifier)
        amount = " ".join(p for p in (qualifier, number(qty.value), qty.unit or "") if p)
        tip = f"{label('kinds', 'quantity')} · {amount}"
        found.append(Mark(qty.start, qty.end, "quantity", anchor("quantity", qty.start), tip, value=repr(qty.value)))
    for quote in doc.quotes:
        speaker = entity_name(doc, quote.speaker, quote.speaker_text) or "—"
        tip = f"{label('kinds', 'quote')} · {speaker}" + (f" · {quote.cue}" if quote.cue else "")
        # A quote is never a link itself: it holds the links of the names inside it.
        found.append(Mark(quote.start, quote.end, "quote", anchor("quote", quote.start), tip, value=speaker))
    for event in doc.events:
        who = entity_name(doc, event.actor, event.actor_text) or "—"
        whom = entity_name(doc, event.target, event.target_text) or "—"
        parts = [
            f"{label('kinds', 'event')} · {event.type}" + (f"/{event.mode}" if event.mode else "") + f" {label('events', event.type)}",
            f"{who} ← {whom}" if whom != "—" else who,
            label("modality", event.modality),
        ]
        if event.negated:
            parts.append("منفي (negated)")
        if event.date:
            parts.append(event.date)
        found.append(Mark(event.trigger.start, event.trigger.end, "event", anchor("event", event.trigger.start), " · ".join(parts), value=event.type))
    for commitment in doc.commitments:
        who = entity_name(doc, commitment.who, commitment.who_text) or "—"
        tip = f"{label('kinds', 'commitment')} · {who} · {date_value(commitment.due, commitment.due_mod)}"
        # The promise itself is highlighted (its trigger word is usually an event's).
        found.append(Mark(commitment.what.start, commitment.what.end, "commitment", anchor("commitment", commitment.what.start), tip, value=commitment.due))
    size = len(doc.text)
    kept: list[Mark] = []
    seen: set[str] = set()
    for mark in found:
        if not 0 <= mark.start < mark.end <= size:
            continue
        if mark.anchor in seen:  # two facts of one kind at one offset: keep ids unique
            mark = replace(mark, anchor=f"{mark.anchor}-{len(kept)}")
        seen.add(mark.anchor)
        kept.append(mark)
    return kept


def _open(mark: Mark, first: bool) -> str:
    css = f"f f-{mark.kind.lower()}" + ("" if first else " cont")
    attrs = [f'class="{css}"', f'data-kind="{mark.kind}"']
    if mark.value is not None:
        attrs.append(f'data-value="{escape(plain(mark.value))}"')
    if first:
        attrs.append(f'id="{mark.anchor}"')
        attrs.append(f'aria-describedby="{mark.anchor}-tip"')
        if mark.href is None:
            attrs.append('tabindex="0"')
    tag = "a" if mark.href is not None else "mark"
    if mark.href is not None:
        attrs.append(f'href="{escape(mark.href)}"')
    opening = f"<{tag} {' '.join(attrs)}>"
    if first:
        opening += f'<span class="tip" role="tooltip" id="{mark.anchor}-tip">{ltr_values(plain(mark.tip))}</span>'
    return opening


# Normalised values (2021-10-08, 2014-SU, XXXX-10-08, P3M, 2,100, 4.25): in Arabic text the
# bidi algorithm turns their digits into Arabic numbers and shows "2021-10-08" as "08-10-2021",
# so each is isolated left to right.
_VALUE = re.compile(r"(?<![\w])(?:[0-9]|XXXX|P(?=[0-9T]))[0-9A-Z.,:/%+-]*")


def ltr_values(text: str) -> Markup:
    """``text`` escaped, with every normalised value isolated left to right."""
    out: list[str] = []
    position = 0
    for match in _VALUE.finditer(text):
        out.append(str(escape(text[position:match.start()])))
        out.append(f'<bdi dir="ltr">{escape(match.group())}</bdi>')
        position = match.end()
    out.append(str(escape(text[position:])))
    return Markup("".join(out))


def _close(mark: Mark) -> str:
    return "</a>" if mark.href is not None else "</mark>"


def _order(mark: Mark) -> tuple[int, int, int, str]:
    return (mark.layer, mark.start, -mark.end, mark.anchor)


def render(text: str, found: Iterable[Mark], anchors: Mapping[int, str] | None = None) -> Markup:
    """``text`` as escaped HTML with ``found`` wrapped around their spans, properly nested.

    ``anchors`` puts an empty element with an id at given offsets (sentence starts), so a link
    can point at a sentence that holds no highlighted fact.
    """
    items = sorted(found, key=lambda m: (m.start, m.end))
    anchors = {k: v for k, v in (anchors or {}).items() if 0 <= k < len(text)}
    if not items and not anchors:
        return body(text)
    cuts = sorted({0, len(text)} | {m.start for m in items} | {m.end for m in items} | set(anchors))
    out: list[str] = []
    stack: list[Mark] = []
    opened: set[str] = set()
    pending = 0  # index into items of the first mark not yet started
    active: list[Mark] = []
    for left, right in pairwise(cuts):
        active = [m for m in active if m.end > left]
        while pending < len(items) and items[pending].start <= left:
            if items[pending].end > left:
                active.append(items[pending])
            pending += 1
        wanted = sorted(active, key=_order)
        keep = 0
        while keep < len(stack) and keep < len(wanted) and stack[keep] is wanted[keep]:
            keep += 1
        for mark in reversed(stack[keep:]):
            out.append(_close(mark))
        del stack[keep:]
        for mark in wanted[keep:]:
            first = mark.anchor not in opened
            opened.add(mark.anchor)
            out.append(_open(mark, first))
            stack.append(mark)
        if left in anchors:
            out.append(f'<span class="anchor" id="{escape(anchors[left])}"></span>')
        out.append(str(body(text[left:right])))
    for mark in reversed(stack):
        out.append(_close(mark))
    return Markup("".join(out))


def highlighted(doc: Document, entity_links: Mapping[str, str] | None = None) -> Markup:
    """The article body of ``doc`` with all its facts highlighted and its sentences anchored."""
    anchors = {s.start: f"s-{index}" for index, s in enumerate(doc.sentences)}
    return render(doc.text, marks(doc, entity_links), anchors)


def counts(doc: Document) -> dict[str, int]:
    """How many facts of each kind the legend should announce."""
    result = {kind: 0 for kind in KINDS}
    for entity in doc.entities:
        result[entity.type] += len(entity.mentions)
    result["date"] = len(doc.dates)
    result["quantity"] = len(doc.quantities)
    result["quote"] = len(doc.quotes)
    result["event"] = len(doc.events)
    result["commitment"] = len(doc.commitments)
    return result


def legend() -> list[dict[str, Any]]:
    """The legend entries, in display order: kind code, css class, label."""
    return [{"kind": kind, "css": f"f-{kind.lower()}", "label": label("kinds", kind)} for kind in KINDS]
