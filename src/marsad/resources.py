"""Loading the package's language data and model files, once, with clear errors.

Language knowledge lives in files under ``marsad/data`` (word lists as ``.txt``, structured
lexicons as ``.yaml``), never in code; this module is the only place that opens them.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from marsad.errors import DataFileError

PACKAGE = "marsad"


def data_path(name: str) -> Path:
    """Filesystem path of a packaged data file, e.g. ``data_path("data/ar/months.yaml")``."""
    path = Path(str(resources.files(PACKAGE).joinpath(name)))
    if not path.exists():
        raise DataFileError(f"packaged data file {name!r} is missing; reinstall marsad (pip install -e .)")
    return path


@cache
def read_text(name: str) -> str:
    """The text of a packaged data file."""
    try:
        return data_path(name).read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise DataFileError(f"packaged data file {name!r} is not UTF-8: {error}") from error


@cache
def read_lines(name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of a ``.txt`` list, stripped."""
    lines = (line.strip() for line in read_text(name).splitlines())
    return tuple(line for line in lines if line and not line.startswith("#"))


@cache
def read_yaml(name: str) -> Any:
    """A parsed packaged YAML file."""
    try:
        return yaml.load(read_text(name), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as error:
        raise DataFileError(f"packaged data file {name!r} is not valid YAML: {error}") from error
