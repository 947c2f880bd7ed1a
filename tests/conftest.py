"""Shared fixtures. Tests never read the shared corpora outside the repository: everything they need is in the repository."""

from __future__ import annotations

import os
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


@pytest.fixture(autouse=True)
def _no_user_config(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Tests run with the packaged configuration, whatever the developer's environment has."""
    monkeypatch.delenv("MARSAD_CONFIG", raising=False)
    os.environ.setdefault("MARSAD_TEST", "1")


@pytest.fixture
def article() -> str:
    return ARTICLE
