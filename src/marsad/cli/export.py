"""``marsad export``: analysed facts out in other tools' formats (PLOVER event records)."""

from __future__ import annotations

import contextlib
import enum
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Annotated

import msgspec
import typer

from marsad.cli.analyze import report
from marsad.cli.app import EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, app
from marsad.document import Document
from marsad.errors import InputError, MarsadError
from marsad.export.plover import plover_records
from marsad.pipeline import validate_published


class ExportFormat(str, enum.Enum):
    plover = "plover"


class _Counter:
    failed = 0


def documents_from_jsonl(path: str, counter: _Counter) -> Iterator[Document]:
    """Documents from a JSONL file of ``marsad analyze --format jsonl`` output ("-": standard input)."""
    if path == "-":
        yield from _documents(sys.stdin, path, counter)
        return
    with open(path, encoding="utf-8") as stream:
        yield from _documents(stream, path, counter)


def _documents(stream: IO[str], path: str, counter: _Counter) -> Iterator[Document]:
    for number, line in enumerate(stream, 1):
        if not line.strip():
            continue
        try:
            yield Document.from_json(line)
        except (msgspec.DecodeError, msgspec.ValidationError) as error:
            report(InputError(f"line {number} is not a marsad Document: {error}", source=path))
            counter.failed += 1


def documents_from_articles(
    paths: list[str], fallback: str | None, counter: _Counter
) -> Iterator[Document]:
    """Analyse articles (files, folders) and yield their Documents; failures are reported."""
    from marsad.ingest.files import read_paths
    from marsad.pipeline import analyse
    from marsad.settings import load_settings

    for item in read_paths(paths, max_bytes=load_settings().max_input_bytes):
        if isinstance(item, InputError):
            report(item)
            counter.failed += 1
            continue
        try:
            yield analyse(
                item.text,
                published=item.published or fallback,
                title=item.title,
                url=item.url,
                source=item.source or item.origin,
                id=item.id,
            )
        except MarsadError as error:
            report(f"{item.origin}: {error.message}")
            counter.failed += 1


@app.command()
def export(
    paths: Annotated[
        list[str] | None, typer.Argument(help="Articles to analyse and export (files, folders).")
    ] = None,
    format: Annotated[
        ExportFormat,
        typer.Option("--format", "-f", help="plover: one PLOVER JSON event record per line."),
    ] = ExportFormat.plover,
    input: Annotated[
        str | None,
        typer.Option(
            "--input",
            "-i",
            help="A JSONL file of Documents (marsad analyze --format jsonl), or - for standard input.",
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of standard output.")
    ] = None,
    published: Annotated[
        str | None,
        typer.Option(help="Publication day YYYY-MM-DD for articles that do not carry their own."),
    ] = None,
    min_confidence: Annotated[
        float,
        typer.Option("--min-confidence", help="Leave out events below this confidence (0–1)."),
    ] = 0.0,
    include_uncertain: Annotated[
        bool,
        typer.Option(
            "--include-uncertain",
            help="Also export negated and hypothetical events (marked as such).",
        ),
    ] = False,
) -> None:
    """Export events as PLOVER records (JSON lines) for event-data tools.

    Reads Documents from --input (JSONL from `marsad analyze --format jsonl`) or analyses the articles given as PATHS.

    Exit codes: 0 all read; 1 some inputs failed (reported on standard error, the rest exported); 2 usage error.
    """
    if (input is None) == (not paths):
        report("give either --input FILE.jsonl or article PATHS, not both and not neither")
        raise typer.Exit(EXIT_USAGE)
    if not 0.0 <= min_confidence <= 1.0:
        report(f"--min-confidence {min_confidence} is not between 0 and 1")
        raise typer.Exit(EXIT_USAGE)
    try:
        fallback = validate_published(published, source="--published")
    except MarsadError as error:
        report(error)
        raise typer.Exit(EXIT_USAGE) from None
    counter = _Counter()
    docs = (
        documents_from_jsonl(input, counter)
        if input is not None
        else documents_from_articles(list(paths or ()), fallback, counter)
    )
    try:
        with contextlib.ExitStack() as stack:
            stream: IO[str] = (
                stack.enter_context(open(output, "w", encoding="utf-8")) if output else sys.stdout
            )
            for record in plover_records(
                docs, min_confidence=min_confidence, include_uncertain=include_uncertain
            ):
                stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    except OSError as error:
        report(f"{error.filename or input}: {error.strerror}")
        raise typer.Exit(EXIT_SOME_FAILED) from None
    raise typer.Exit(EXIT_SOME_FAILED if counter.failed else EXIT_OK)
