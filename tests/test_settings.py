from pathlib import Path

import pytest

from marsad.errors import ConfigError
from marsad.resources import read_text
from marsad.settings import SETTINGS, load_settings


def test_settings_defaults_load() -> None:
    settings = load_settings()
    assert settings.pipeline[:3] == ("clean", "sentences", "tokens")
    assert settings.max_input_bytes > 1_000_000


def test_settings_user_file_overrides(tmp_path: Path) -> None:
    config = tmp_path / "marsad.toml"
    config.write_text('[pipeline]\ncomponents = ["sentences"]\n[store]\npath = "x.db"\n', encoding="utf-8")
    settings = load_settings(config)
    assert settings.pipeline == ("sentences",) and settings.store_path == "x.db"


def test_settings_unknown_key_is_rejected_with_choices(tmp_path: Path) -> None:
    config = tmp_path / "marsad.toml"
    config.write_text('[store]\npth = "x.db"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"unknown setting 'store.pth'. Valid settings: .*store.path"):
        load_settings(config)


def test_settings_wrong_type_is_rejected(tmp_path: Path) -> None:
    config = tmp_path / "marsad.toml"
    config.write_text('[input]\nmax_bytes = "big"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="must be a int"):
        load_settings(config)


def test_settings_every_setting_is_in_the_packaged_file() -> None:
    packaged = read_text("marsad.toml")
    for setting in SETTINGS:
        section, key = setting.name.rsplit(".", 1)
        assert f"[{section}]" in packaged and f"{key} =" in packaged, setting.name
        assert setting.help
