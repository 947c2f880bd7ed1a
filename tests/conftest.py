"""Shared fixtures. Tests never read the shared corpora outside the repository: everything they need is in the repository."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SAMPLES = ROOT / "src" / "marsad" / "samples"

# A short article in the style of the project's fixtures, written for the tests.
ARTICLE = (
    "أعلنت وزارة الخارجية الأردنية، الأحد، أن الوزير أيمن الصفدي سيزور بغداد مطلع الشهر المقبل.\n\n"
    "وقال الناطق باسم الوزارة إن: «الزيارة تأتي في إطار التنسيق المستمر. وستبحث ملفات الطاقة والمياه».\n\n"
    "وأضاف أن البلدين وقعا العام الماضي 12 اتفاقية بقيمة نحو 1.5 مليار دولار.\n\n"
    "اقرأ أيضا:\n\n"
    "الأردن والعراق.. شراكة في الطاقة\n\n"
    "وكانت عمّان قد استضافت في (3 مارس) المنصرم اجتماعا ثلاثيا.\n\n"
    "جميع الحقوق محفوظة © 2024"
)


def _compiled_sources() -> list[Path]:
    """The hot modules pyproject.toml lists for mypyc ([tool.marsad] compiled)."""
    with (ROOT / "pyproject.toml").open("rb") as handle:
        return [ROOT / p for p in tomllib.load(handle)["tool"]["marsad"]["compiled"]]


def pytest_sessionstart(session: pytest.Session) -> None:
    """Stop at once when a compiled module is older than its source: the tests would run the
    old code (an extension module shadows the .py beside it)."""
    stale = [
        str(path.relative_to(ROOT))
        for path in _compiled_sources()
        for built in path.parent.glob(path.stem + ".*.so")
        if built.stat().st_mtime < path.stat().st_mtime
    ]
    if stale:
        pytest.exit(f"changed since they were compiled: {', '.join(stale)}. Run `make compile`.", returncode=2)


@pytest.fixture(autouse=True)
def _no_user_config(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Tests run with the packaged configuration, whatever the developer's environment has."""
    monkeypatch.delenv("MARSAD_CONFIG", raising=False)
    os.environ.setdefault("MARSAD_TEST", "1")


@pytest.fixture
def compiled_sources() -> list[Path]:
    return _compiled_sources()


@pytest.fixture
def article() -> str:
    return ARTICLE
