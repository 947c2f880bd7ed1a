"""Comparable names: titles, honorifics, clitics, the article and spelling variants set aside."""

from __future__ import annotations

import pytest

from marsad.link.names import fold_variants, name, title_key


@pytest.mark.parametrize(
    ("written", "type", "key", "title"),
    [
        ("رئيس الوزراء مصطفى الكاظمي", "PERSON", "مصطفي كاظمي", "رءيس الوزراء"),
        ("مصطفى الكاظمي", "PERSON", "مصطفي كاظمي", None),
        ("الكاظمي", "PERSON", "كاظمي", None),
        ("والكاظمي", "PERSON", "كاظمي", None),
        ("رئيس الوزراء الكاظمي", "PERSON", "كاظمي", "رءيس الوزراء"),
        ("وزير الخارجية الأميركي أنتوني بلينكن", "PERSON", "انتوني بلينكن", "وزير الخارجيه الاميركي"),
        ("المتحدث باسم الحكومة باسم العوادي", "PERSON", "باسم عوادي", "المتحدث باسم الحكومه"),
        ("ولي العهد الأمير محمد بن سلمان", "PERSON", "محمد بن سلمان", "ولي العهد الامير"),
        ("اللواء يحيى رسول", "PERSON", "يحيي رسول", "اللواء"),
        ("عبد الله الثاني", "PERSON", "عبدالله ثاني", None),
        ("وليد جنبلاط", "PERSON", "وليد جنبلاط", None),  # و is part of the name
        ("أمين الجميل", "PERSON", "امين جميل", None),  # a given name that is also a role word
        ("العميد الركن سالم الجبوري", "PERSON", "سالم جبوري", "العميد الركن"),
        ("الرئيس بايدن", "PERSON", "بايدن", "الرءيس"),
        ("بالولايات المتحدة الأميركية", "LOC", "ولايات متحده امريكيه", None),
        ("للعراق", "LOC", "عراق", None),
        ("الكونجرس", "ORG", "كونغرس", None),
        ("رئاسة الوزراء", "ORG", "رءاسه وزراء", None),  # titles are only taken off people
    ],
)
def test_names_fold_the_forms_of_one_name(written: str, type: str, key: str, title: str | None) -> None:
    result = name(written, type)
    assert (result.key, result.title) == (key, title)


def test_names_full_and_lone_surname() -> None:
    assert name("مصطفى الكاظمي", "PERSON").full and not name("الكاظمي", "PERSON").full
    assert name("مصطفى الكاظمي", "PERSON").last == name("الكاظمي", "PERSON").last


@pytest.mark.parametrize(("a", "b"), [("أميركا", "أمريكا"), ("اميركيين", "امريكيين"), ("ترمب", "ترامب"), ("زيلنسكي", "زيلينسكي")])
def test_names_fold_variants(a: str, b: str) -> None:
    from marsad.text.normalize import normalize

    assert fold_variants(normalize(a)) == fold_variants(normalize(b))


def test_names_title_key() -> None:
    assert title_key("رئيس الوزراء العراقي") == title_key("رئيس الوزراء العراقيّ")
    assert title_key(None) is None and title_key("") is None
