"""Search keys: one form per word whatever the spelling, clitics or article."""

from __future__ import annotations

import pytest

from marsad.store.keys import keys_of_text


@pytest.mark.parametrize(
    ("written", "typed"),
    [
        ("والانسحاب الأميركي", "الانسحاب الأمريكي"),
        ("بالعراق", "العراق"),
        ("للعراق", "العراق"),
        ("وللقوات الأميركية", "القوات الأمريكية"),
        ("الكونجرس", "الكونغرس"),
        ("ترمب", "ترامب"),
        ("الحكومة", "الحكومه"),
        ("مُستشفى", "مستشفي"),
        ("إيران", "ايران"),
        ("٢٠١٤", "2014"),
        ("وسيتم", "يتم"),
        ("فقال", "قال"),
        ("ديموقراطية", "ديمقراطية"),
    ],
)
def test_keys_match_what_an_analyst_types(written: str, typed: str) -> None:
    assert keys_of_text(written) == keys_of_text(typed)


@pytest.mark.parametrize(("word", "key"), [("إلى", "الي"), ("الذي", "الذي"), ("الله", "الله"), ("الأمن", "امن")])
def test_keys_keep_short_words_whole(word: str, key: str) -> None:
    assert keys_of_text(word) == [key]


def test_keys_skip_punctuation_and_keep_order() -> None:
    assert keys_of_text("قال: «وصلنا إلى بغداد»، ثم غادر.") == ["قال", "وصل", "الي", "بغداد", "ثم", "غادر"]
