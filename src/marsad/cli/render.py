"""``--format pretty``: the article with its facts highlighted, then the facts grouped.

Arabic is written in logical order and never reversed here: a terminal with bidirectional
support shows it right to left, and a file keeps the logical order any editor expects.
"""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from marsad.document import Document

STYLES = {
    "PERSON": "bold cyan",
    "ORG": "bold magenta",
    "LOC": "bold green",
    "date": "underline yellow",
    "quantity": "bold blue",
    "quote": "italic",
    "event": "reverse red",
}
LEGEND = (
    ("PERSON", "شخص PERSON"),
    ("ORG", "منظمة ORG"),
    ("LOC", "مكان LOC"),
    ("date", "تاريخ date"),
    ("quantity", "كمية quantity"),
    ("quote", "اقتباس quote"),
    ("event", "حدث event"),
)


def highlighted_text(doc: Document) -> Text:
    """``doc.text`` with every fact styled by kind (quotes first, so names stand out inside)."""
    text = Text(doc.text)
    for quote in doc.quotes:
        text.stylize(STYLES["quote"], quote.start, quote.end)
    for entity in doc.entities:
        for mention in entity.mentions:
            text.stylize(STYLES[entity.type], mention.start, mention.end)
    for date in doc.dates:
        text.stylize(STYLES["date"], date.start, date.end)
    for quantity in doc.quantities:
        text.stylize(STYLES["quantity"], quantity.start, quantity.end)
    for event in doc.events:
        text.stylize(STYLES["event"], event.trigger.start, event.trigger.end)
    return text


def _legend() -> Text:
    legend = Text()
    for kind, label in LEGEND:
        legend.append(f" {label} ", style=STYLES[kind])
        legend.append(" ")
    return legend


def _table(title: str, columns: list[str]) -> Table:
    table = Table(title=title, title_justify="left", show_lines=False, expand=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    return table


def _name(doc: Document, entity_id: str | None, fallback: str | None) -> str:
    entity = doc.entity(entity_id)
    if entity is not None:
        return f"{entity.canonical} ({entity.latin})" if entity.latin else entity.canonical
    return fallback or "—"


def _short(text: str, limit: int = 90) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def fact_tables(doc: Document) -> list[Table]:
    """One table per kind of fact that the document has."""
    tables = []
    if doc.entities:
        table = _table("الكيانات Entities", ["type", "canonical", "latin", "title", "mentions"])
        for e in doc.entities:
            table.add_row(e.type, e.canonical, e.latin, e.title or "", str(len(e.mentions)))
        tables.append(table)
    if doc.dates:
        table = _table("التواريخ Dates", ["text", "value", "mod", "kind"])
        for d in doc.dates:
            table.add_row(d.text, d.value, d.mod or "", d.kind)
        tables.append(table)
    if doc.quantities:
        table = _table("الكميات Quantities", ["text", "value", "unit", "qualifier"])
        for q in doc.quantities:
            table.add_row(q.text, f"{q.value:g}", q.unit or "", q.qualifier)
        tables.append(table)
    if doc.quotes:
        table = _table("الاقتباسات Quotes", ["speaker", "cue", "direct", "quote"])
        for quote in doc.quotes:
            table.add_row(_name(doc, quote.speaker, quote.speaker_text), quote.cue or "", "yes" if quote.direct else "no", _short(quote.text))
        tables.append(table)
    if doc.events:
        table = _table("الأحداث Events (PLOVER)", ["type", "trigger", "actor", "target", "where", "when", "status"])
        for ev in doc.events:
            status = ("negated " if ev.negated else "") + ev.modality
            table.add_row(
                ev.type + (f"/{ev.mode}" if ev.mode else ""),
                ev.trigger.text,
                _name(doc, ev.actor, ev.actor_text),
                _name(doc, ev.target, ev.target_text),
                _name(doc, ev.location, ev.location_text),
                ev.date or "",
                status,
            )
        tables.append(table)
    if doc.commitments:
        table = _table("الالتزامات Commitments", ["who", "what", "due", "trigger"])
        for c in doc.commitments:
            table.add_row(_name(doc, c.who, c.who_text), _short(c.what.text), c.due + (f" ({c.due_mod})" if c.due_mod else ""), c.trigger.text)
        tables.append(table)
    if doc.boilerplate:
        table = _table("أزيل من الصفحة Removed furniture", ["kind", "text"])
        for b in doc.boilerplate:
            table.add_row(b.kind, _short(b.text, 70))
        tables.append(table)
    return tables


def render(doc: Document, console: Console) -> None:
    """Print one Document for a human reader."""
    header = Text()
    header.append(doc.title or "(no title)", style="bold")
    header.append(f"\nid {doc.id}   published {doc.published or 'unknown'}")
    if doc.url or doc.source:
        header.append(f"\n{doc.source or ''} {doc.url or ''}".rstrip())
    console.print(Panel(header, expand=True))
    console.print(_legend())
    console.print(Panel(highlighted_text(doc), expand=True))
    counts = (
        f"{len(doc.sentences)} sentences, {len(doc.tokens)} tokens, {len(doc.entities)} entities, "
        f"{len(doc.dates)} dates, {len(doc.quantities)} quantities, {len(doc.quotes)} quotes, "
        f"{len(doc.events)} events, {len(doc.commitments)} commitments"
    )
    console.print(Text(counts, style="dim"))
    for table in fact_tables(doc):
        console.print(table)
    console.print(Group())
