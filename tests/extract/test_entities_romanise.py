"""Latin forms of names: well-known exceptions first, then a readable letter-by-letter form."""

from __future__ import annotations

import pytest

from marsad.extract.entities.romanise import romanise
from marsad.resources import read_yaml


@pytest.mark.parametrize(
    ("name", "latin"),
    [
        ("بغداد", "Baghdad"),  # gazetteer (GeoNames / project list)
        ("واشنطن", "Washington"),
        ("داعش", "ISIS"),  # latin.yaml exception
        ("العراق", "Iraq"),  # country list
        ("الأمم المتحدة", "United Nations"),  # project organisation list
        ("مصطفى الكاظمي", "Mustafa al-Kadhimi"),
        ("يحيى رسول", "Yahya Rasool"),
        ("عبد الله باتيلي", "Abdullah Batili"),  # two-word exception inside a name
    ],
)
def test_romanise_uses_known_forms(name: str, latin: str) -> None:
    assert romanise(name) == latin


@pytest.mark.parametrize(
    ("name", "latin"),
    [
        ("تحسين الخفاجي", "Tahsin al-Khafaji"),
        ("أيمن الصفدي", "Ayman al-Safdi"),
        ("هاكان فيدان", "Hakan Fidan"),
        ("سعد معن", "Saad Maan"),
        ("عدي عواد", "Adi Awad"),
        ("عبد الحميد", "Abdel Hamid"),  # the article after عبد is not written out
        ("يحيى_رسول", "Yahya Rasool"),
        ("القوات الأميركية", "Al-Qawat al-Amirkiya"),  # the nisba ending ية reads iya
        ("اللجنة الفنية العسكرية", "Al-Lajna al-Faniya al-Askariya"),
        ("سمية", "Samiya"),
    ],
)
def test_romanise_guesses_readable_vowels(name: str, latin: str) -> None:
    assert romanise(name) == latin


@pytest.mark.parametrize("name", ["قيادة العمليات المشتركة العراقية", "محكمة تحقيق الكرخ", "عمّان", "الـــعراق"])
def test_romanise_is_plain_ascii_without_diacritics(name: str) -> None:
    latin = romanise(name)
    assert latin and latin.isascii() and "'" not in latin
    assert latin[0].isupper()


def test_romanise_table_covers_every_arabic_letter() -> None:
    table = read_yaml("data/ar/entities/romanisation.yaml")
    covered = set(table["consonants"]) | set(table["vowels"]) | set(table["endings"])
    letters = {chr(c) for c in range(0x0621, 0x063B)} | {chr(c) for c in range(0x0641, 0x064B)}
    assert letters <= covered, sorted(letters - covered)


def test_romanise_person_names_are_never_in_construct() -> None:
    assert romanise("هالة الزعبي", person=True) == "Hala al-Zabi"
    assert romanise("وزارة النقل").startswith("Wazarat ")  # an organisation's construct keeps its t
