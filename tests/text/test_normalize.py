import pytest
from hypothesis import given

from marsad.text.normalize import fold_arabic, normalize, shadow
from tests.text.strategies import any_text


@pytest.mark.parametrize(
    ("written", "normal"),
    [
        ("الأميرْكيّـة", "الاميركيه"),
        ("إلى", "الي"),
        ("آذار", "اذار"),
        ("مسؤول", "مسءول"),
        ("مسئول", "مسءول"),
        ("٢٠٢١", "2021"),
        ("۲۰۲۱", "2021"),
        ("١٫٥", "1.5"),
        ("\ufefb", "لا"),
        ("COVID", "covid"),
        ("\u200fالعراق\u200e", "العراق"),
    ],
)
def test_normalize_folds_spelling_variants(written: str, normal: str) -> None:
    assert normalize(written) == normal


def test_normalize_fold_arabic_leaves_regex_syntax() -> None:
    assert fold_arabic(r"^\W*اقرأ أيضاً\W*$") == r"^\W*اقرا ايضا\W*$"


@given(any_text)
def test_normalize_shadow_maps_every_character_back(text: str) -> None:
    mapped = shadow(text)
    assert mapped.text == "".join(normalize(c) for c in text)
    assert len(mapped.offsets) == len(mapped.text) + 1
    assert mapped.offsets[-1] == len(text)
    assert list(mapped.offsets) == sorted(mapped.offsets)
    for i in range(len(mapped.text)):
        start, end = mapped.to_original(i, i + 1)
        assert 0 <= start < end <= len(text)
        assert mapped.text[i] in normalize(text[start:end])


def test_normalize_shadow_span_covers_whole_written_word() -> None:
    text = "في العِرَاقِ اليوم"
    mapped = shadow(text)
    position = mapped.text.index("العراق")
    start, end = mapped.to_original(position, position + len("العراق"))
    assert text[start:end] == "العِرَاقِ"
