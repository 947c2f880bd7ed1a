"""The store's commands: ``ingest``, ``errors``, ``search``, ``article``, ``entity``,
``entities``, ``timeline``, ``stories``, ``quotes``.

``ingest`` is the one writer; every other command opens the store read-only
(:class:`marsad.store.Store`) and prints a table, or JSON with ``--json``.
"""

from __future__ import annotations

import json
import sys
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from marsad.cli.analyze import report
from marsad.cli.app import EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, app
from marsad.cli.render import render
from marsad.document import EVENT_TYPES
from marsad.errors import MarsadError, NotFoundError
from marsad.pipeline import validate_published
from marsad.settings import load_settings
from marsad.store import EntitySummary, Store
from marsad.store.records import Snippet

DbOption = Annotated[str | None, typer.Option("--db", help="The store's SQLite file (default: [store] path in marsad.toml, marsad.db).")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def _db(db: str | None) -> str:
    return db or load_settings().store_path


def _console() -> Console:
    # Piped into a file or another program, tables get room rather than 80 columns.
    return Console(highlight=False, soft_wrap=False, width=None if sys.stdout.isatty() else 160)


def _open(db: str | None) -> Store:
    try:
        return Store(_db(db))
    except MarsadError as error:
        report(error)
        raise typer.Exit(EXIT_USAGE) from None


def _day(value: str | None, option: str) -> str | None:
    try:
        return validate_published(value, source=option)
    except MarsadError as error:
        report(error)
        raise typer.Exit(EXIT_USAGE) from None


def _print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


def _entity_label(entity: EntitySummary) -> str:
    latin = f" ({entity.latin})" if entity.latin else ""
    return f"{entity.name}{latin}"


def _resolve_name(store: Store, name: str, type: str | None = None) -> EntitySummary:
    """The entity a typed name means; the busiest of the exact matches, else the closest."""
    found = store.find_entities(name, type=type)
    if not found:
        report(f"no entity called {name!r} in {store.path}; try `marsad entities --db {store.path}` or `marsad search {name!r}`")
        raise typer.Exit(EXIT_SOME_FAILED)
    if len(found) > 1:
        others = ", ".join(f"{_entity_label(e)} [{e.id}]" for e in found[1:4])
        print(f"({name!r} may also mean: {others})", file=sys.stderr)
    return found[0]


@app.command()
def ingest(
    sources: Annotated[list[str], typer.Argument(help="Files, folders, - (standard input), feed URLs or article URLs; .txt .html .jsonl .xml/.rss/.atom .warc(.gz); the output of marsad batch (Parquet, stored without analysing again).")],
    db: DbOption = None,
    published: Annotated[str | None, typer.Option(help="Publication day YYYY-MM-DD for inputs that carry none.")] = None,
    fetch: Annotated[bool, typer.Option("--fetch/--no-fetch", help="Fetch URLs and feed links over HTTP.")] = True,
    refresh: Annotated[bool, typer.Option(help="Fetch URLs the store already has again.")] = False,
    delay: Annotated[float, typer.Option(help="Seconds between two requests to the same site (robots.txt Crawl-delay may ask for more).")] = 1.0,
    batch: Annotated[int, typer.Option(min=1, help="Articles written per transaction.")] = 50,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only the summary.")] = False,
) -> None:
    """Read, analyse and store articles; linked, deduplicated and searchable.

    Running the same sources again adds nothing; a changed article at a known URL becomes a
    new revision. Every input that fails is recorded (see `marsad errors`) and the rest go on.
    A `marsad batch` output (its folder, or any *.parquet of Documents) is stored as it was
    analysed, with its errors.
    Exit codes: 0 all stored; 1 some inputs failed; 2 usage or store error.
    """
    from marsad.ingest.fetch import FetchPolicy
    from marsad.store.ingest import ingest as run_ingest

    fallback = _day(published, "--published")
    settings = load_settings()
    policy = FetchPolicy(max_bytes=settings.max_input_bytes, min_delay=delay)

    def on_failure(failure: Any) -> None:
        if not quiet:
            report(f"{failure.origin}: {failure.reason}")

    def on_batch(progress: Any) -> None:
        if not quiet and sys.stderr.isatty():
            print(f"\r{progress.summary()}", end="", file=sys.stderr, flush=True)

    try:
        result = run_ingest(
            sources, db=_db(db), published=fallback, fetch=fetch, fetch_policy=policy, refresh=refresh,
            batch_size=batch, max_bytes=settings.max_input_bytes, on_failure=on_failure, on_batch=on_batch,
        )
    except MarsadError as error:
        report(error)
        raise typer.Exit(EXIT_USAGE) from None
    if not quiet and sys.stderr.isatty():
        print(file=sys.stderr)
    print(result.summary() + f" → {_db(db)}")
    if result.failed:
        print(f"see the failures again with: marsad errors --db {_db(db)}")
    raise typer.Exit(EXIT_SOME_FAILED if result.failed else EXIT_OK)


@app.command()
def errors(
    db: DbOption = None,
    run: Annotated[int | None, typer.Option(help="Errors of this run (default: the latest).")] = None,
    all_runs: Annotated[bool, typer.Option("--all", help="Errors of every run.")] = False,
    limit: Annotated[int, typer.Option(min=1)] = 100,
    as_json: JsonOption = False,
) -> None:
    """Inputs that failed to ingest, with the reason."""
    store = _open(db)
    rows = store.errors(run_id=run, all_runs=all_runs, limit=limit)
    if as_json:
        _print_json([r.as_dict() for r in rows])
        return
    if not rows:
        print("no ingest errors" + ("" if all_runs else " in the latest run"))
        return
    table = Table("run", "kind", "input", "reason", title=f"Ingest errors ({len(rows)})", title_justify="left")
    for r in rows:
        table.add_row(str(r.run_id or ""), r.kind, r.origin, r.reason)
    _console().print(table)


def _highlighted(snippet: Snippet) -> Text:
    text = Text(snippet.text)
    for start, end in snippet.highlights:
        text.stylize("bold reverse", start, end)
    return text


@app.command()
def search(
    query: Annotated[str, typer.Argument(help='Words to find (all required); "a phrase"; OR; -excluded. Spelling, clitics and ال do not matter.')],
    db: DbOption = None,
    entity: Annotated[str | None, typer.Option(help="Only articles mentioning this entity (any form of its name).")] = None,
    type: Annotated[str | None, typer.Option("--type", help=f"Only articles with an event of this PLOVER type ({', '.join(EVENT_TYPES)}).")] = None,
    since: Annotated[str | None, typer.Option("--from", help="Published on or after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option("--to", help="Published on or before YYYY-MM-DD.")] = None,
    limit: Annotated[int, typer.Option(min=1)] = 10,
    as_json: JsonOption = False,
) -> None:
    """Arabic-aware full-text search, ranked, with the matching words highlighted."""
    if type and type.upper() not in EVENT_TYPES:
        report(f"--type {type!r} is not a PLOVER event type; use one of {', '.join(EVENT_TYPES)}")
        raise typer.Exit(EXIT_USAGE)
    store = _open(db)
    entity_id = _resolve_name(store, entity).id if entity else None
    result = store.search(query, entity=entity_id, type=type, since=_day(since, "--from"), until=_day(until, "--to"), limit=limit)
    if as_json:
        _print_json(result.as_dict())
        return
    console = _console()
    if not result.hits:
        console.print(f"no articles match {query!r}" + (f" (searched for: {result.match})" if result.match else ""))
        return
    for hit in result.hits:
        a = hit.article
        header = Text(f"[{a.id}] ", style="dim")
        header.append(a.title or "(no title)", style="bold")
        header.append(f"  {a.published or a.day}  {a.source or a.url or ''}", style="dim")
        console.print(header)
        console.print(_highlighted(hit.snippet))
        console.print()
    if result.ranked_within:
        console.print(f"the best of the latest {result.ranked_within} matching articles; narrow with --from/--to or more words", style="dim")
    elif result.more:
        console.print(f"more results: --limit {limit * 2}", style="dim")


@app.command()
def article(
    article_id: Annotated[int, typer.Argument(help="The store's id of the article (shown by search, stories, timeline).")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show one stored article with its facts highlighted (--json: the whole Document)."""
    store = _open(db)
    try:
        record = store.article(article_id)
    except NotFoundError as error:
        report(error)
        raise typer.Exit(EXIT_SOME_FAILED) from None
    if as_json:
        _print_json(record.as_dict())
        return
    console = _console()
    render(record.document, console)
    s = record.summary
    notes = [f"article {s.id}, revision {s.revision}{'' if s.current else ' (superseded)'}, story {s.story_id}"]
    if len(record.revisions) > 1:
        notes.append(f"revisions: {', '.join(map(str, record.revisions))}")
    if record.exact_copies:
        notes.append(f"exact copies: {', '.join(map(str, record.exact_copies))}")
    if record.near_duplicates:
        notes.append("near duplicates: " + ", ".join(f"{i} ({sim:.2f})" for i, sim in record.near_duplicates))
    console.print(Text("\n".join(notes), style="dim"))


def _entities_table(title: str, rows: list[EntitySummary]) -> Table:
    table = Table("id", "type", "name", "latin", "articles", "mentions", "first", "last", title=title, title_justify="left")
    for e in rows:
        table.add_row(str(e.id), e.type, e.name + (" *" if e.partial else ""), e.latin, str(e.articles), str(e.mentions), e.first_day or "", e.last_day or "")
    return table


@app.command()
def entities(
    db: DbOption = None,
    type: Annotated[str | None, typer.Option("--type", help="PERSON, ORG or LOC.")] = None,
    since: Annotated[str | None, typer.Option(help="Only entities seen on or after YYYY-MM-DD.")] = None,
    limit: Annotated[int, typer.Option(min=1)] = 15,
    as_json: JsonOption = False,
) -> None:
    """The busiest entities across the store (copies of one story counted once)."""
    store = _open(db)
    rows = store.entities(type=type, since=_day(since, "--since"), limit=limit)
    if as_json:
        _print_json([e.as_dict() for e in rows])
        return
    if not rows:
        print("no entities yet (does the pipeline include the entities component? see `marsad components`)")
        return
    _console().print(_entities_table(f"Busiest entities in {store.path}", rows))
    if any(e.partial for e in rows):
        print("* a lone surname that no evidence tied to a full name")


@app.command()
def entity(
    name: Annotated[str, typer.Argument(help="A name in any form: with or without titles, clitics, spelling variants; or Latin.")],
    db: DbOption = None,
    type: Annotated[str | None, typer.Option("--type", help="PERSON, ORG or LOC.")] = None,
    as_json: JsonOption = False,
) -> None:
    """One entity: its names, titles, latest articles, companions, quotes and stories."""
    store = _open(db)
    record = store.entity(_resolve_name(store, name, type).id)
    if as_json:
        _print_json(record.as_dict())
        return
    console = _console()
    e = record.summary
    console.print(Text(f"{_entity_label(e)}  [{e.type}, id {e.id}]", style="bold"))
    console.print(f"{e.articles} articles, {e.mentions} mentions, {e.first_day} – {e.last_day}")
    if record.aliases:
        console.print("written as: " + "، ".join(f"{a} ({n})" for a, n in record.aliases))
    if record.titles:
        console.print("titles: " + "، ".join(f"{t} ({n})" for t, n in record.titles))
    if record.same_surname:
        console.print("same surname, kept apart: " + "، ".join(f"{_entity_label(o)} [{o.id}]" for o in record.same_surname))
    if record.recent:
        table = Table("id", "day", "title", title="Latest articles", title_justify="left")
        for a in record.recent:
            table.add_row(str(a.id), a.day, a.title or "")
        console.print(table)
    if record.companions:
        console.print("mentioned with: " + "، ".join(f"{c.name} ({n})" for c, n in record.companions))
    for q in record.quotes:
        console.print(Text(f"«{' '.join(q.text.split())}» — {q.day} [{q.article_id}]", style="italic"))
    if record.stories:
        console.print("stories: " + "; ".join(f"[{s.id}] {s.title} ({s.articles})" for s in record.stories))


@app.command()
def timeline(
    entity: Annotated[str | None, typer.Option("--entity", help="The entity's name (any form).")] = None,
    story: Annotated[int | None, typer.Option("--story", help="A story id (see `marsad stories`).")] = None,
    db: DbOption = None,
    since: Annotated[str | None, typer.Option("--from", help="From YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option("--to", help="To YYYY-MM-DD.")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="The day against which commitments are overdue (default today).")] = None,
    limit: Annotated[int, typer.Option(min=1)] = 100,
    as_json: JsonOption = False,
) -> None:
    """Events, commitments and dated references of an entity or a story, in date order.

    Dates are those the articles give (including references to the past, "منذ صيف 2014");
    an event without one is placed on its article's day (marked ~). Commitments past due are
    flagged OVERDUE.
    """
    if (entity is None) == (story is None):
        report("give exactly one of --entity NAME or --story ID")
        raise typer.Exit(EXIT_USAGE)
    store = _open(db)
    try:
        if entity is not None:
            subject = _resolve_name(store, entity)
            entries = store.timeline(entity_id=subject.id, since=_day(since, "--from"), until=_day(until, "--to"),
                                     as_of=_day(as_of, "--as-of"), limit=limit)
            heading = f"Timeline of {_entity_label(subject)}"
        else:
            assert story is not None
            record = store.story(story)
            entries = store.timeline(story_id=story, since=_day(since, "--from"), until=_day(until, "--to"),
                                     as_of=_day(as_of, "--as-of"), limit=limit)
            heading = f"Timeline of story {story}: {record.title}"
    except NotFoundError as error:
        report(error)
        raise typer.Exit(EXIT_SOME_FAILED) from None
    if as_json:
        _print_json([e.as_dict() for e in entries])
        return
    if not entries:
        print(f"{heading}: no dated events, commitments or references")
        return
    table = Table("when", "what", "who / to whom", "sentence", "article", title=heading, title_justify="left")
    for e in entries:
        when = e.first_day if e.first_day == e.last_day else f"{e.first_day} – {e.last_day}"
        when = ("~" if not e.dated else "") + when
        what = e.label
        if e.kind == "commitment":
            what += " OVERDUE" if e.overdue else (" (due)" if e.overdue is False else "")
        if e.negated:
            what += " (negated)"
        who = " → ".join(x for x in (e.actor, e.target) if x)
        table.add_row(when, what, who, " ".join(e.sentence.split())[:160], f"[{e.article_id}] {e.article_day}")
    _console().print(table)


@app.command()
def stories(
    db: DbOption = None,
    since: Annotated[str | None, typer.Option(help="Stories with articles on or after YYYY-MM-DD.")] = None,
    min_articles: Annotated[int, typer.Option(help="Only stories with at least this many articles.")] = 1,
    limit: Annotated[int, typer.Option(min=1)] = 20,
    as_json: JsonOption = False,
) -> None:
    """Stories: articles about the same happening, grouped; latest first."""
    store = _open(db)
    rows = store.stories(since=_day(since, "--since"), min_articles=min_articles, limit=limit)
    if as_json:
        _print_json([s.as_dict() for s in rows])
        return
    if not rows:
        print("no stories" + (f" since {since}" if since else ""))
        return
    table = Table("id", "days", "articles", "title", "entities", title=f"Stories in {store.path}", title_justify="left")
    for s in rows:
        days = s.first_day if s.first_day == s.last_day else f"{s.first_day} – {s.last_day}"
        table.add_row(str(s.id), days, str(s.articles), s.title or "", "، ".join(e.name for e in s.entities))
    _console().print(table)


@app.command()
def quotes(
    by: Annotated[str, typer.Option("--by", help="The speaker's name (any form).")],
    db: DbOption = None,
    limit: Annotated[int, typer.Option(min=1)] = 20,
    as_json: JsonOption = False,
) -> None:
    """What someone said, across all stored articles, newest first."""
    store = _open(db)
    speaker = _resolve_name(store, by, "PERSON") if store.find_entities(by, type="PERSON") else _resolve_name(store, by)
    rows = store.quotes(speaker.id, limit=limit)
    if as_json:
        _print_json([q.as_dict() for q in rows])
        return
    if not rows:
        print(f"no quotes attributed to {_entity_label(speaker)}")
        return
    table = Table("day", "quote", "cue", "article", title=f"Quotes of {_entity_label(speaker)}", title_justify="left")
    for q in rows:
        table.add_row(q.day, ("«" + " ".join(q.text.split()) + "»") if q.direct else " ".join(q.text.split()), q.cue or "", f"[{q.article_id}] {q.title or ''}")
    _console().print(table)
