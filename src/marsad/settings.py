"""One table of settings: each declared once with its type, default and help.

Defaults ship in the package's ``marsad.toml``; a ``marsad.toml`` in the working directory or
the file named by ``$MARSAD_CONFIG`` overrides them. Unknown keys and values of the wrong type
are rejected with the list of valid choices, so a typo never silently does nothing.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from marsad.errors import ConfigError
from marsad.resources import read_text


@dataclass(frozen=True)
class Setting:
    name: str
    type: type
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("pipeline.components", list, None, "Components to run, in order (see `marsad components`)."),
    Setting("store.path", str, "marsad.db", "The SQLite file of the store."),
    Setting("input.max_bytes", int, 5 * 1024 * 1024, "Largest article accepted, in bytes (a JSONL file may be larger; each record is checked)."),
)
_BY_NAME = {s.name: s for s in SETTINGS}


@dataclass(frozen=True)
class Settings:
    pipeline: tuple[str, ...]
    store_path: str
    max_input_bytes: int
    component_options: dict[str, dict[str, Any]] = field(default_factory=dict)


def _flatten(table: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and name != "components":
            flat.update(_flatten(value, name + "."))
        else:
            flat[name] = value
    return flat


def _check(values: dict[str, Any], origin: str) -> None:
    for name, value in values.items():
        if name.startswith("components."):
            continue  # per-component options, checked by each component
        setting = _BY_NAME.get(name)
        if setting is None:
            raise ConfigError(
                f"{origin}: unknown setting {name!r}. Valid settings: {', '.join(sorted(_BY_NAME))}."
            )
        if not isinstance(value, setting.type):
            raise ConfigError(
                f"{origin}: setting {name!r} must be a {setting.type.__name__}, not {type(value).__name__} ({value!r})."
            )


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read configuration: {error}") from error


def load_settings(path: str | Path | None = None) -> Settings:
    """Defaults, overridden by ``path``, ``$MARSAD_CONFIG`` or ``./marsad.toml``."""
    values = _flatten(tomllib.loads(read_text("marsad.toml")))
    components: dict[str, dict[str, Any]] = {}
    override = path or os.environ.get("MARSAD_CONFIG") or ("marsad.toml" if Path("marsad.toml").is_file() else None)
    if override:
        raw = _read(Path(override))
        components = raw.pop("components", {}) if isinstance(raw.get("components"), dict) else {}
        user = _flatten(raw)
        _check(user, str(override))
        values.update(user)
    _check(values, "marsad.toml")
    return Settings(
        pipeline=tuple(values["pipeline.components"]),
        store_path=values["store.path"],
        max_input_bytes=values["input.max_bytes"],
        component_options=components,
    )
