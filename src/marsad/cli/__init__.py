"""The ``marsad`` command. Each module adds its commands to the shared Typer app."""

from __future__ import annotations

import importlib
import sys

from marsad.cli.app import EXIT_USAGE, app

# Command modules, imported for their @app.command() registrations, one module per area.
COMMAND_MODULES = (
    "marsad.cli.analyze",  # analyze
    "marsad.cli.info",  # components, schema, settings
    "marsad.cli.evaluate",  # eval
    "marsad.cli.train",  # train ner, eval-ner
    "marsad.cli.store",  # ingest, errors, search, entity, entities, timeline, stories, quotes
    "marsad.cli.export",  # export
    "marsad.cli.web",  # serve, digest
    "marsad.cli.batch",  # batch
)

for _module in COMMAND_MODULES:
    try:
        importlib.import_module(_module)
    except ModuleNotFoundError as _error:
        if _error.name != _module:
            raise


def main() -> None:
    """Entry point of the ``marsad`` console script."""
    try:
        app()
    except KeyboardInterrupt:
        print("marsad: interrupted", file=sys.stderr)
        sys.exit(130)


__all__ = ["EXIT_USAGE", "app", "main"]
