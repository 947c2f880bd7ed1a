"""``marsad components``, ``marsad schema``, ``marsad settings``: what this installation has."""

from __future__ import annotations

import json

from rich.console import Console
from rich.table import Table

from marsad.cli.app import app
from marsad.compiled import is_compiled
from marsad.document import json_schema
from marsad.pipeline import registered
from marsad.settings import SETTINGS, load_settings


@app.command()
def components() -> None:
    """List the registered pipeline components and the configured pipeline."""
    table = Table("name", "version", "requires", "assigns", "description")
    for info in registered().values():
        table.add_row(info.name, info.version, ", ".join(info.requires), ", ".join(info.assigns), info.description)
    console = Console()
    console.print(table)
    console.print("pipeline: " + " → ".join(load_settings().pipeline))
    console.print(
        "analysis: compiled with mypyc"
        if is_compiled()
        else "analysis: pure Python (install with a C compiler for the compiled, faster build)"
    )


@app.command()
def schema() -> None:
    """Print the JSON Schema of the Document (as committed in schema/document.schema.json)."""
    print(json.dumps(json_schema(), ensure_ascii=False, indent=2))


@app.command()
def settings() -> None:
    """List every setting with its default and meaning."""
    table = Table("setting", "type", "default", "meaning")
    for setting in SETTINGS:
        table.add_row(setting.name, setting.type.__name__, repr(setting.default), setting.help)
    Console().print(table)
