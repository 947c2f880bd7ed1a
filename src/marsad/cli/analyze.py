"""``marsad analyze``: articles in, Documents out."""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import IO, Annotated

import typer
from rich.console import Console

from marsad.cli.app import EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, app
from marsad.cli.render import render
from marsad.errors import InputError, MarsadError
from marsad.ingest.files import read_paths
from marsad.pipeline import default_pipeline, validate_published
from marsad.settings import load_settings


class Format(str, enum.Enum):
    pretty = "pretty"
    json = "json"
    jsonl = "jsonl"


def report(error: MarsadError | str) -> None:
    """One line on standard error naming the input and the problem, never a traceback."""
    message = error.message if isinstance(error, MarsadError) else error
    print(f"marsad: error: {' '.join(str(message).split())}", file=sys.stderr)


@app.command()
def analyze(
    paths: Annotated[list[str], typer.Argument(help="Files (.txt, .html, .jsonl), folders (searched recursively) or - for standard input.")],
    published: Annotated[str | None, typer.Option(help="Publication day YYYY-MM-DD, for inputs that do not carry their own.")] = None,
    format: Annotated[Format, typer.Option("--format", "-f", help="pretty: highlighted for reading; json: one indented document (an array if several); jsonl: one document per line.")] = Format.pretty,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of standard output.")] = None,
) -> None:
    """Analyse articles and print their Documents.

    Exit codes: 0 every input was analysed; 1 some inputs failed (each reported on standard
    error, the others still analysed); 2 usage error (bad option, --published or configuration).
    """
    try:
        fallback = validate_published(published, source="--published")
        max_bytes = load_settings().max_input_bytes
        pipeline = default_pipeline()  # a configuration error is a usage error, before any input
    except MarsadError as error:
        report(error)
        raise typer.Exit(EXIT_USAGE) from None
    stream: IO[str] = open(output, "w", encoding="utf-8") if output else sys.stdout
    console = Console(file=stream, force_terminal=None if output is None else False, width=None if output is None else 110, highlight=False, soft_wrap=False)
    failed = 0
    documents = []
    try:
        for item in read_paths(paths, max_bytes=max_bytes):
            if isinstance(item, InputError):
                report(item)
                failed += 1
                continue
            try:
                doc = pipeline(item.document(fallback))
            except MarsadError as error:
                report(f"{item.origin}: {error.message}")
                failed += 1
                continue
            if format is Format.jsonl:
                stream.write(doc.to_json().decode("utf-8") + "\n")
            elif format is Format.json:
                documents.append(doc)
            else:
                render(doc, console)
        if format is Format.json:
            import json

            payload = [d.to_dict() for d in documents]
            stream.write(json.dumps(payload[0] if len(payload) == 1 else payload, ensure_ascii=False, indent=2) + "\n")
    finally:
        if output:
            stream.close()
    raise typer.Exit(EXIT_SOME_FAILED if failed else EXIT_OK)
