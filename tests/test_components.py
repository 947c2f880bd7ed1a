"""The registered components are a public surface: renaming one breaks users' configurations."""

import json
from pathlib import Path

from marsad.pipeline import registered
from marsad.settings import load_settings

GOLDEN = Path(__file__).with_name("components.json")


def test_components_match_golden_registrations() -> None:
    current = {
        name: {"version": info.version, "requires": list(info.requires), "assigns": list(info.assigns)}
        for name, info in registered().items()
        if not name.startswith("test_")
    }
    assert current == json.loads(GOLDEN.read_text(encoding="utf-8")), "update tests/components.json if intended"


def test_components_every_builtin_is_documented_and_in_default_pipeline() -> None:
    pipeline = load_settings().pipeline
    for name, info in registered().items():
        if name.startswith("test_"):
            continue
        assert info.description, f"component {name} has no docstring"
        assert name in pipeline, f"built-in component {name} is not in the default pipeline"
