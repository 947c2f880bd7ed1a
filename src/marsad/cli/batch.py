"""``marsad batch``: an archive in, a folder of Parquet Documents and errors out."""

from __future__ import annotations

import enum
import sys
from typing import Annotated

import typer

from marsad.cli.app import EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, app
from marsad.errors import ConfigError, InputError, MarsadError
from marsad.scale.runner import DEFAULT_BATCH_SIZE, run_batch
from marsad.scale.sources import DEFAULT_PART_BYTES, Part


class Engine(str, enum.Enum):
    local = "local"
    ray = "ray"


def _say(message: str) -> None:
    print(f"marsad: batch: {message}", file=sys.stderr, flush=True)


@app.command()
def batch(
    input: Annotated[str, typer.Argument(help="A .jsonl, .parquet or .warc(.gz) file, a folder of them, or a glob; a local path or a URI such as s3://bucket/crawl/.")],
    output: Annotated[str, typer.Option("--output", "-o", help="Folder for the results (local or a URI): documents/ and errors/ Parquet tables. Re-running into it resumes.")],
    engine: Annotated[Engine, typer.Option(help="local: a process pool on this machine; ray: Ray Data actors on a Ray cluster.")] = Engine.local,
    address: Annotated[str | None, typer.Option(help="Ray cluster to use: auto (on a cluster node), ray://HOST:10001 (Ray Client) or HOST:6379. Without it, --engine ray starts Ray on this machine.")] = None,
    batch_size: Annotated[int, typer.Option(help="Articles per worker call, and at most per output file.")] = DEFAULT_BATCH_SIZE,
    workers: Annotated[int | None, typer.Option(help="Worker processes (local) or actors (ray), one CPU each. Default: every CPU.")] = None,
    part_mb: Annotated[float, typer.Option(help="JSONL files are cut into parts of about this many MB: the unit that a re-run skips when finished.")] = DEFAULT_PART_BYTES / 2**20,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only report errors and the final summary.")] = False,
) -> None:
    """Analyse every article of an archive with the configured pipeline, into Parquet.

    One row per article in OUTPUT/documents/*.parquet (the Document, facts as typed nested
    columns; see docs/scaling.md), one row per input that gave no Document in
    OUTPUT/errors/*.parquet. A part is marked finished once all its articles are stored, so
    running the same command again skips finished parts and redoes the rest.

    Exit codes: 0 every article was analysed; 1 some articles failed (see the errors table)
    or some parts did not finish (run again to resume); 2 usage error (bad option, input or
    output, Ray not installed or unreachable).
    """
    if address and engine is not Engine.ray:
        _say("error: --address is for --engine ray")
        raise typer.Exit(EXIT_USAGE)

    def progress(part: Part, done: int, total: int, documents: int) -> None:
        if not quiet:
            _say(f"part {done}/{total} finished ({part.id} of {part.uri}); {documents:,} documents so far")

    try:
        report = run_batch(
            input,
            output,
            engine=engine.value,
            workers=workers,
            batch_size=batch_size,
            part_bytes=max(1, int(part_mb * 2**20)),
            address=address,
            on_part=progress,
        )
    except (ConfigError, InputError) as error:
        _say(f"error: {' '.join(error.message.split())}")
        raise typer.Exit(EXIT_USAGE) from None
    except MarsadError as error:
        _say(f"error: {' '.join(error.message.split())}")
        raise typer.Exit(EXIT_SOME_FAILED) from None
    _say(
        f"{report.documents:,} documents, {report.errors:,} errors in {report.output} "
        f"({report.parts_finished} parts analysed in {report.seconds:.1f} s, "
        f"{report.parts_skipped} already finished)"
    )
    for failure in report.failures:
        _say(f"error: {failure}")
    if report.parts_unfinished:
        _say(f"{report.parts_unfinished} parts did not finish; run the same command again to resume")
    raise typer.Exit(EXIT_SOME_FAILED if report.errors or report.parts_unfinished else EXIT_OK)
